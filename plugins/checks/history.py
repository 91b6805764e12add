"""A translation older than its source, from git history.

For each item with both `en.md` and `tc.md`, the history of the two files is read in order: a
commit that changes one of them alone leaves the other behind, until a later commit changes the
other one too (or a commit changes both). A file still behind at the end gets a warning naming the
change it has not followed and since when. A hand-written `sc.md` is behind when `tc.md` changed
after it. Changes not committed yet count as the newest commit.

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
#: (file, file): a change to either alone leaves the other behind.
BOTH_WAYS = ("en.md", "tc.md")
#: (source, follower): a change to the source alone leaves the follower behind.
ONE_WAY = ("tc.md", "sc.md")


@dataclass(frozen=True)
class Change:
    commit: str  # "" for changes not committed yet
    date: str
    subject: str

    def describe(self):
        if not self.commit:
            return "has changes not committed yet"
        subject = self.subject if len(self.subject) <= 60 else self.subject[:57] + "..."
        return f"was changed on {self.date} (commit {self.commit[:7]} \"{subject}\")"


UNCOMMITTED = Change("", "", "")


def _git(top, *args):
    return subprocess.run(["git", "-C", str(top), *args], capture_output=True, text=True, check=True).stdout


def history(content):
    """[(Change, {absolute paths it changed})], oldest first, ending with uncommitted changes;
    None without git or outside a repository."""
    try:
        top = Path(_git(content, "rev-parse", "--show-toplevel").strip())
        relative = content.resolve().relative_to(top.resolve()).as_posix() or "."
        log = _git(top, "log", "--no-renames", "--format=%x1e%H%x1f%cs%x1f%s%x1f%B%x1d", "--name-only", "--", relative)
        status = _git(top, "status", "--porcelain", "--untracked-files=all", "--", relative)
    except (OSError, subprocess.CalledProcessError, ValueError):
        return None
    commits = []
    for record in log.split("\x1e"):
        if not record.strip():
            continue
        header, _, names = record.partition("\x1d")
        commit, date, subject, message = header.split("\x1f", 3)
        if SKIP_MARK not in message:
            commits.append((Change(commit, date, subject), {top / name.strip() for name in names.split("\n") if name.strip()}))
    commits.reverse()
    uncommitted = set()
    for line in status.splitlines():
        name = line[3:].strip().strip('"')
        uncommitted.add(top / name.split(" -> ", 1)[-1])
    if uncommitted:
        commits.append((UNCOMMITTED, uncommitted))
    return commits


def behind(commits, first, second, both_ways=True):
    """(the file behind, the Change it has not followed) for two paths, or None when in step."""
    pending = None  # (file changed alone, its first unanswered Change)
    for change, files in commits:
        touched = {first, second} & files
        if not touched:
            continue
        if touched == {first, second}:
            pending = None
            continue
        [alone] = touched
        if pending and pending[0] != alone:
            pending = None  # the other file followed
        elif pending is None and (both_ways or alone == first):
            pending = (alone, change)
    if pending is None:
        return None
    changed, change = pending
    return (second if changed == first else first), changed, change


def check(reporter, content, folders):
    commits = history(content)
    if commits is None:
        return
    for kind_folders in folders.values():
        for folder in kind_folders:
            for (first, second), both_ways in ((BOTH_WAYS, True), (ONE_WAY, False)):
                paths = (folder / first).resolve(), (folder / second).resolve()
                if not all(path.is_file() for path in paths):
                    continue
                found = behind(commits, *paths, both_ways=both_ways)
                if found is None:
                    continue
                late, changed, change = found
                reporter.warning(
                    late,
                    None,
                    f"the {NAMES[late.name]} text may be out of date (翻譯可能過時): {changed.name} {change.describe()} "
                    f"and {late.name} has not changed since. Bring {late.name} up to date; if that change needed "
                    f"no translation, write {SKIP_MARK} in its commit message",
                    related=[changed],
                )
