"""Printing content-derived text where GitHub Actions reads workflow commands.

The runner treats any output line that starts with `::` as a command (`::error`, `::add-mask::`,
`::stop-commands::`...), on stdout and stderr alike. Problems quote what editors wrote (a title, a
`project:` value), so a value with a line break followed by `::add-mask::...` would start a live
command. Two rules keep content inert:

- a problem is printed on one line: line breaks and other control characters are shown as `\\n`,
  `\\r`, `\\x1b`... (`one_line`), so content can never begin a line;
- in an annotation, the message and the properties are escaped as GitHub documents for workflow
  commands (`escape_data`, `escape_property`).
"""

import re

#: C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text):
    """`text` with every control character made visible, so it prints as exactly one line."""
    return _CONTROL.sub(lambda m: _NAMED.get(m.group(), f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"), str(text))


def escape_data(text):
    """A workflow command's message (after the second `::`)."""
    return str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text):
    """A workflow command's property value (`file=`, `line=`, `title=`)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(severity, message, **properties):
    """`::severity prop=value,...::message`, every part escaped."""
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items() if value is not None)
    return f"::{severity} {props}::{escape_data(message)}" if props else f"::{severity}::{escape_data(message)}"
