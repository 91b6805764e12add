"""Text that could lie to a reader, and addresses that could lead elsewhere than they seem.

- Hidden characters: bidi overrides and isolates (U+202A-U+202E, U+2066-U+2069) reorder what a
  title or a name shows; zero-width and other format characters (Unicode category Cf) hide text
  from readers and from search; control characters and line separators break one-line fields
  (titles, summaries, venues, names, labels) in HTML, iCalendar, CSV and search results. None is
  ever needed in this site's content: every text file is refused where one is written
  (`path:line`), and every YAML or CSV value holding one however it was escaped.
- Addresses: a web address is `http(s)://host/...` with a real host name and nothing that could end
  an attribute or a header (spaces, quotes, angle brackets, backslashes, control characters); an
  e-mail address is a plain `name@domain` (no `?bcc=` or other query).
"""

import re
import unicodedata
from urllib.parse import urlsplit

#: In a text file, besides letters: a line break ends a line and a tab indents code.
_FILE_WHITESPACE = "\n\t"
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}|localhost", re.I)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}")
_UNSAFE_IN_ADDRESS = re.compile(r"[\s\"'<>\\`{}|^]")


def describe(char):
    """`U+202E (RIGHT-TO-LEFT OVERRIDE)`: how a message names a character an editor cannot see."""
    name = unicodedata.name(char, None) or {"\n": "LINE FEED", "\r": "CARRIAGE RETURN", "\t": "TAB"}.get(char, "CONTROL")
    return f"U+{ord(char):04X} ({name})"


HIDDEN_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}
#: Every character of HIDDEN_CATEGORIES (Unicode 14, as in Python 3.11; a test compares the two),
#: as one character class: searching a text with it costs a fraction of looking at each character.
_HIDDEN_RANGES = (
    "\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
HIDDEN = re.compile(f"[{_HIDDEN_RANGES}]")


def _is_hidden(char):
    return unicodedata.category(char) in HIDDEN_CATEGORIES


def hidden_character(value, allowed=""):
    """The description of the first hidden character of `value` (not in `allowed`), or None."""
    for match in HIDDEN.finditer(value):
        char = match.group(0)
        if char not in allowed:
            return "a line break" if char in "\r\n" else describe(char)
    return None


def hidden_characters_in_file(text, first_line=1):
    """(line, message) for each line of a text file holding a hidden character."""
    if not HIDDEN.search(text.replace("\n", "").replace("\t", "")):
        return
    for number, line in enumerate(text.split("\n"), start=first_line):
        found = hidden_character(line, allowed=_FILE_WHITESPACE)
        if found:
            yield number, (f"the hidden character {found} is not allowed: it can reorder or hide text; "
                           "delete it (retype the words around it)")


def web_address_problem(value):
    """Why `value` is not an acceptable web address, or None."""
    if not isinstance(value, str):
        return "must be a web address starting with https:// or http://"
    if _UNSAFE_IN_ADDRESS.search(value) or hidden_character(value):
        return f"'{_shown(value)}' is not a web address: it holds a space, quote, bracket, backslash or hidden character"
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return f"'{_shown(value)}' is not a web address"
    if parts.scheme not in {"http", "https"} or not value.lower().startswith(f"{parts.scheme}://"):
        return f"'{_shown(value)}' is not a web address starting with https:// or http://"
    if parts.username is not None or parts.password is not None:
        return f"'{_shown(value)}' has a name before '@' in its host: write the site's own address"
    if not parts.hostname or not _HOST.fullmatch(parts.hostname) or port == 0:
        return f"'{_shown(value)}' has no valid host name after {parts.scheme}://"
    return None


def is_email_address(value):
    return bool(_EMAIL.fullmatch(value))


def link_problem(href):
    """Why a Markdown link target is refused, or None."""
    stripped = href.lstrip()
    if re.match(r"[/\\]{2}", stripped):
        return (f"the link '{_shown(href)}' leads to another site while looking like a link within this one; "
                "write the full address with https://")
    if stripped.lower().startswith("mailto:") and not is_email_address(stripped[len("mailto:"):]):
        return f"the link '{_shown(href)}' must be mailto: followed by one plain e-mail address (no ? part)"
    if hidden_character(href):
        return f"the link '{_shown(href)}' holds a hidden character"
    return None


def _shown(value, limit=80):
    value = "".join(describe(char) if _is_hidden(char) else char for char in value)
    return value if len(value) <= limit else value[:limit] + "…"
