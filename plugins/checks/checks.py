"""Run every editorial check over a content folder; return [Problem] (mostly warnings)."""

import re
from pathlib import Path

from ..contract.model import KINDS
from ..contract.problems import Reporter
from ..contract.schema import SLUG_PATTERN
from . import history, links, media, raw_html, terms, wording


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
