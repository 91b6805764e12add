"""Pelican plugin: find placeholder values before they are published.

The source paper has no enquiry numbers or registration links, so the content ships recognisable
placeholders: example.org (and example.com, example.net, *.example, *.invalid, *.test) addresses,
the phone number +852 0000 0000 (any number whose subscriber digits are all zeros) and text marked
"[placeholder]". Every build lists each one as `path:line: ...`; with `PLACEHOLDERS_REFUSE = True`
(publishconf.py, unless the environment has ALLOW_PLACEHOLDERS=1) the build stops before writing
anything, so `make publish` cannot put them on the public site. `SITEURL` is checked too.
"""

import logging
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from pelican import signals

from ..common.clues import may_hold

logger = logging.getLogger(__name__)

#: Files of content/ that editors write (images are not read).
TEXT_SUFFIXES = (".yaml", ".yml", ".md", ".csv")
#: Host names reserved for examples (RFC 2606, RFC 6761), anywhere in a line.
EXAMPLE_HOST = re.compile(r"(?<![\w.-])(?:[\w-]+\.)*(?:example\.(?:org|com|net)|[\w-]+\.(?:example|invalid|test))(?![\w-])", re.I)
#: A phone number whose digits after the country code are all zeros: +852 0000 0000, 0000-0000.
PLACEHOLDER_PHONE = re.compile(r"(?<![\d])(?:\+\d{1,3}[\s-]?)?(?:\(0+\)[\s-]?)?0{4}[\s-]?0{4}(?![\d])")
MARKED = re.compile(r"\[placeholder\]", re.I)
#: Text that one of the patterns above needs (lower case): a file without any is not searched, as
#: the patterns' look-behinds make each search a slow pass over every character (common/clues.py).
CLUES = ("example.", ".example", ".invalid", ".test", "[placeholder]")
PHONE_CLUE = re.compile(r"0000[\s-]?0000")
#: What an address or link is made of: it ends at a space, a quote, a bracket or a CSV comma.
TOKEN = re.compile(r"[^\s,;\"'<>()\[\]]+")


@dataclass(frozen=True)
class Placeholder:
    path: str
    line: int
    value: str
    kind: str  # "address", "phone" or "marked"

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else self.path
        what = {"address": "an example address", "phone": "a placeholder phone number", "marked": "text marked"}[self.kind]
        return f"{where}: placeholder: {what} '{self.value}'; replace it with the real value before publishing"


YAML_COMMENT = re.compile(r"(?:^|\s)#.*")


def find_in_text(text, path, yaml=False):
    """Every placeholder in `text` (a file's contents), in line order; in YAML, comments (which may
    mention a placeholder to explain it) are left out."""
    found = []
    if not may_hold(text, CLUES) and not PHONE_CLUE.search(text):
        return found
    if not any(pattern.search(text) for pattern in (MARKED, EXAMPLE_HOST, PLACEHOLDER_PHONE)):
        return found  # most files: one pass of each pattern over the whole text, not line by line
    for number, line in enumerate(text.splitlines(), start=1):
        if yaml:
            line = YAML_COMMENT.sub("", line)
        for token in TOKEN.findall(line):  # the whole address or link, not only its host
            if EXAMPLE_HOST.search(token):
                found.append(Placeholder(path, number, token, "address"))
        for kind, pattern in (("phone", PLACEHOLDER_PHONE), ("marked", MARKED)):
            for match in pattern.finditer(line):
                found.append(Placeholder(path, number, match.group(0).strip(), kind))
    return found


def find_placeholders(content_dir, root=None):
    """Every placeholder in the text files under `content_dir`, paths relative to `root` (default:
    the working directory), in path and line order."""
    content_dir = Path(content_dir).resolve()
    root = Path(root or Path.cwd()).resolve()
    try:
        shown = content_dir.relative_to(root).parts
    except ValueError:
        shown = content_dir.parts
    found = []
    for parts in sorted(_text_files(content_dir)):
        text = content_dir.joinpath(*parts).read_text(encoding="utf-8", errors="replace")
        found.extend(find_in_text(text, os.path.join(*shown, *parts), yaml=parts[-1].lower().endswith((".yaml", ".yml"))))
    return found


def _text_files(content_dir):
    """The parts of the path (under `content_dir`) of each text file, outside hidden folders (os.walk:
    a Path per file of a large site cost more than the search)."""
    for folder, subfolders, files in os.walk(content_dir):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        within = Path(folder).relative_to(content_dir).parts
        for name in files:
            if not name.startswith(".") and name.lower().endswith(TEXT_SUFFIXES) and os.path.isfile(os.path.join(folder, name)):
                yield (*within, name)


def find_in_settings(settings):
    host = urlsplit(settings.get("SITEURL", "")).hostname or ""
    if EXAMPLE_HOST.fullmatch(host):
        return [Placeholder("SITEURL (publishconf.py, or the SITEURL environment variable)", None, settings["SITEURL"], "address")]
    return []


def check(pelican):
    """On `initialized`: list the placeholders; stop the build when they are refused."""
    settings = pelican.settings
    found = find_in_settings(settings) + find_placeholders(settings["PATH"])
    if not found:
        return
    refuse = settings.get("PLACEHOLDERS_REFUSE", False)
    for placeholder in found:
        print(placeholder if refuse else str(placeholder).replace(": placeholder:", ": warning: placeholder:", 1), file=sys.stderr)
    if refuse:
        # Printed, not logged: "CRITICAL placeholders.py" reads as a crash, not as values to replace.
        print(f"{len(found)} placeholder value(s), listed above: not published. Replace them, or publish "
              "anyway with `make publish ALLOW_PLACEHOLDERS=1`", file=sys.stderr)
        raise SystemExit(1)
    # Info, not warning: a preview with placeholders is expected (and `--fatal warnings` builds
    # must still pass); the lines above are the warnings an editor reads.
    logger.info("placeholders: %d placeholder value(s), listed above; `make publish` will refuse them", len(found))


def register():
    signals.initialized.connect(check)
