"""Run every editorial check over a content folder; return [Problem] (mostly warnings)."""

import re
from pathlib import Path

from ..contract.model import KINDS, Problem
from ..contract.schema import SLUG_PATTERN
from . import history, links, media, raw_html, terms, wording


class Reporter:
    """Collects problems with paths relative to `root` (the folder `make check` runs in)."""

    def __init__(self, root):
        self.root = Path(root).resolve()
        self.problems = []

    def where(self, path):
        path = Path(path).resolve()
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def warning(self, path, line, message, related=()):
        self.problems.append(Problem(self.where(path), line, message, "warning", tuple(map(self.where, related))))

    def error(self, path, line, message):
        self.problems.append(Problem(self.where(path), line, message))


def item_folders(content):
    """{kind: [folder]} of the item folders with valid slugs (the contract reports the others)."""
    found = {}
    for kind in KINDS:
        kind_dir = content / kind
        found[kind] = sorted(
            folder for folder in kind_dir.iterdir()
            if folder.is_dir() and not folder.is_symlink() and re.fullmatch(SLUG_PATTERN, folder.name)
        ) if kind_dir.is_dir() else []
    return found


def run_checks(content, root=None, git=True):
    content = Path(content).resolve()
    reporter = Reporter(root or Path.cwd())
    if not content.is_dir():
        return []
    folders = item_folders(content)
    if git:
        history.check(reporter, content, folders)
    links.check(reporter, content, folders)
    raw_html.check(reporter, content, folders)
    terms.check(reporter, content, folders)
    wording.check(reporter, content, folders)
    media.check(reporter, folders)
    return reporter.problems
