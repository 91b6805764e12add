"""A translation older than its source, from git history.

For each item with both `en.md` and `tc.md`, the file whose last change is older than the other's
last change is probably behind: its editor should bring it up to date. A hand-written `sc.md` is
compared with `tc.md` in the same way. Changes not committed yet count as the newest.

A commit whose message contains `[no-translation]` (a typo fixed in one language only) is not
counted as a change, so it raises no warning.

One `git log` over the content folder answers for every file. Without git, or outside a
repository, the check is skipped. A shallow clone (CI's default) sees one commit: fetch the
whole history (`fetch-depth: 0`) for this check to mean something.
"""

import subprocess
from dataclasses import dataclass
from pathlib import Path

SKIP_MARK = "[no-translation]"
NAMES = {"en.md": "English", "tc.md": "Traditional Chinese", "sc.md": "Simplified Chinese"}
#: (the file that may be behind, the file it is compared with)
PAIRS = (("tc.md", "en.md"), ("en.md", "tc.md"), ("sc.md", "tc.md"))


@dataclass(frozen=True)
class Change:
    rank: int  # 0 is the newest; uncommitted changes are -1
    commit: str
    date: str
    subject: str

    def describe(self):
        if self.rank < 0:
            return "has changes not committed yet"
        return f"was last changed on {self.date} (commit {self.commit[:7]} \"{self.subject}\")"


UNCOMMITTED = Change(-1, "", "", "")


def _git(top, *args):
    return subprocess.run(["git", "-C", str(top), *args], capture_output=True, text=True, check=True).stdout


def last_changes(content):
    """{absolute path: Change} for every file under `content` that git knows, or None without git."""
    try:
        top = Path(_git(content, "rev-parse", "--show-toplevel").strip())
        relative = content.resolve().relative_to(top.resolve()).as_posix() or "."
        log = _git(top, "log", "--no-renames", "--format=%x1e%H%x1f%cs%x1f%s%x1f%B%x1d", "--name-only", "--", relative)
        status = _git(top, "status", "--porcelain", "--untracked-files=all", "--", relative)
    except (OSError, subprocess.CalledProcessError, ValueError):
        return None
    changes = {}
    for rank, record in enumerate(part for part in log.split("\x1e") if part.strip()):
        header, _, names = record.partition("\x1d")
        commit, date, subject, message = header.split("\x1f", 3)
        if SKIP_MARK in message:
            continue
        for name in names.split("\n"):
            if name.strip():
                changes.setdefault(top / name.strip(), Change(rank, commit, date, subject))
    for line in status.splitlines():
        name = line[3:].strip().strip('"')
        if " -> " in name:
            name = name.split(" -> ", 1)[1]
        changes[top / name] = UNCOMMITTED
    return changes


def check(reporter, content, folders):
    changes = last_changes(content)
    if changes is None:
        return
    for kind_folders in folders.values():
        for folder in kind_folders:
            for behind, source in PAIRS:
                old, new = changes.get((folder / behind).resolve()), changes.get((folder / source).resolve())
                if old is None or new is None or new.rank >= old.rank:
                    continue  # missing, unknown to git, or not older
                reporter.warning(
                    folder / behind,
                    None,
                    f"the {NAMES[behind]} text may be out of date (翻譯可能過時): {source} {new.describe()}, "
                    f"after {behind} {old.describe().removeprefix('was ')}. Bring {behind} up to date; if the change "
                    f"needed no translation, write {SKIP_MARK} in that commit's message",
                )
