"""Delete a previous site without waiting for it.

Deleting the last site's files (about 9,500 at 1,000 case reports) took 1.75 s, most of it waiting
on the disk, and it stood on the build's path: Pelican's DELETE_OUTPUT_DIRECTORY empties the output
before the pages are written, and `make html` removed the old site after the swap. So the old files
are renamed into a folder beside the output (`.output.deleting-*`, one rename per top-level entry,
on the same file system) and a separate process deletes that folder while the build goes on. A
process, not a thread: the build forks its helpers right after (plugins/parallel), and a fork
while a thread runs is a trap. The same process also deletes any such folder that an interrupted
build left behind.
"""

import atexit
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from pelican.utils import clean_output_dir

_DELETE = "import shutil, sys\nfor path in sys.argv[1:]:\n    shutil.rmtree(path, ignore_errors=True)"

_deleting = []  # this process's deleting processes, waited for at exit


def trash_folder(output):
    """A new, empty folder beside `output` that `delete_in_background` will delete."""
    output = Path(output)
    return Path(tempfile.mkdtemp(prefix=f".{output.name}.deleting-", dir=output.parent))


def empty_in_background(output, retention=()):
    """Empty the folder `output` as Pelican's `clean_output_dir` does (the top-level names in
    `retention` stay), its entries deleted by another process. Where they cannot be moved beside
    it (the parent folder is read-only, an entry is a mount point), they are deleted here."""
    output = Path(output)
    if not output.is_dir() or output.is_symlink():
        clean_output_dir(str(output), list(retention))
        return
    try:
        trash = trash_folder(output)
        for entry in os.scandir(output):
            if entry.name not in retention:
                os.rename(entry.path, trash / entry.name)
    except OSError:
        clean_output_dir(str(output), list(retention))
    delete_in_background(output)


def delete_in_background(output, wait_at_exit=True):
    """Start a process that deletes every trash folder of `output`. With `wait_at_exit`, this
    process waits for it before it exits (a build's files are all gone when it ends); without, the
    deleting goes on after it (`make html`, once its new site is in place)."""
    output = Path(output)
    folders = [str(path) for path in output.parent.glob(f".{output.name}.deleting-*")]
    if not folders:
        return
    process = subprocess.Popen(
        [sys.executable, "-I", "-S", "-c", _DELETE, *folders],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=not wait_at_exit,
    )
    if wait_at_exit:
        _deleting.append(process)


@atexit.register
def _wait_for_deleting():
    while _deleting:
        _deleting.pop().wait()
