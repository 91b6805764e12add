"""When each page was last changed, and which translation is behind its source, from git history.

One `git log` over the content folder per build (plugins/checks/history.py, the same reading as
`make check`'s "may be out of date" warning, so the two always agree). Only commits count: the
dates are commit dates, the same for every build of the same commit (SOURCE_DATE_EPOCH or not),
and an edit not committed yet changes nothing on the page. Outside a git repository, or for a
file with no history, a page falls back to its meta.yaml date and shows no freshness notice.
"""

import datetime
import functools
from dataclasses import dataclass
from pathlib import Path

from ..checks.history import BOTH_WAYS, ONE_WAY, behind, history

#: The file each language's text comes from, in the order they are looked for.
LANGUAGE_FILES = {"en": ("en.md",), "tc": ("tc.md",), "sc": ("sc.md", "tc.md")}


@dataclass(frozen=True)
class Notice:
    """The page's text is older than `newer_file` (en.md, tc.md): both dates of last change."""

    newer_file: str
    newer_date: datetime.date
    own_date: datetime.date


class History:
    """Dates of the last commit of each file under the content folder; empty without git."""

    def __init__(self, content):
        found = history(Path(content))
        # (Changes not committed yet are left out: the page tells what the repository holds.)
        self.commits = [(change, files) for change, files in (found or []) if change.commit]
        self.by_folder = {}  # folder -> {file name: date of its last commit}
        for change, files in self.commits:  # oldest first: the last one wins
            date = datetime.date.fromisoformat(change.date)
            for path in files:
                self.by_folder.setdefault(path.parent, {})[path.name] = date

    def file_date(self, path):
        path = Path(path).resolve()
        return self.by_folder.get(path.parent, {}).get(path.name)

    def item_date(self, item, lang=None):
        """The last change of the item's folder, or of what its page in `lang` is made of
        (its text file, meta.yaml and images); its meta date when git knows none."""
        files = self.by_folder.get(_resolved(item.folder), {})
        own = source_file(item, lang) if lang else None
        dates = [date for name, date in files.items() if lang is None or not name.endswith(".md") or name == own]
        if dates:
            return max(dates)
        meta_date = item.date
        return meta_date.date() if isinstance(meta_date, datetime.datetime) else meta_date

    def notice(self, item, lang):
        """A Notice when the text shown in `lang` has not followed a later change of its source."""
        if not self.commits:
            return None
        folder = _resolved(item.folder)
        own = source_file(item, lang)
        pair, both_ways = (ONE_WAY, False) if own == "sc.md" else (BOTH_WAYS, True)
        paths = [folder / name for name in pair]
        if own not in pair or not all(path.is_file() for path in paths):
            return None
        found = behind(self.commits, *paths, both_ways=both_ways)
        if found is None or found[0].name != own:
            return None
        late, changed, _ = found
        newer, dated = self.file_date(changed), self.file_date(late)
        if newer is None or dated is None:
            return None
        return Notice(changed.name, newer, dated)


@functools.lru_cache(maxsize=65536)
def _resolved(folder):
    """An item folder's real path (History keys by it); a folder is always the same real path
    while Pelican runs, and a build asks several times a page."""
    return folder.resolve()


def source_file(item, lang):
    """The name of the file the text in `lang` comes from (sc: sc.md when written, else tc.md)."""
    for name in LANGUAGE_FILES[lang]:
        if (item.folder / name).is_file():
            return name
    return None
