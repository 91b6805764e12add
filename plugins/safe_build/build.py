"""Build the site into a fresh folder and swap it into place only if the build succeeds.

    python -m plugins.safe_build.build CONTENT OUTPUT [pelican options, e.g. -s publishconf.py]

`make html` and `make publish` run this. Pelican builds into `.OUTPUT.tmp/` beside OUTPUT; on
success OUTPUT is renamed aside, the new folder renamed to OUTPUT (two renames on one file system:
a reader of OUTPUT sees the old site or the new one, never half of one), and the old one is deleted
by a process of its own, which `make html` does not wait for (trash.py). On any failure OUTPUT is
not touched and the exit status is Pelican's.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .trash import delete_in_background, trash_folder


def staging_path(output):
    output = Path(output)
    return output.with_name(f".{output.name}.tmp")


def swap_into_place(fresh, output):
    """Put `fresh` at `output`; the previous `output`, if any, is deleted in the background."""
    had_output = output.exists()
    if had_output:
        old = trash_folder(output) / output.name
        os.rename(output, old)
    try:
        os.rename(fresh, output)
    except OSError:
        if had_output:
            os.rename(old, output)  # put the last good site back
        raise
    delete_in_background(output, wait_at_exit=False)


def build(content, output, pelican_options=(), env=None):
    """Run Pelican into a fresh folder, then swap; return Pelican's exit status."""
    output = Path(output).absolute()
    fresh = staging_path(output)
    shutil.rmtree(fresh, ignore_errors=True)
    output.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "pelican", str(content), "-o", str(fresh), *pelican_options]
    status = subprocess.call(command, env=env)
    if status != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        where = os.path.relpath(output) if not os.path.relpath(output).startswith("..") else str(output)
        print(f"build failed: {where}/ was left as it was (the last good site)", file=sys.stderr)
        return status
    swap_into_place(fresh, output)
    return 0


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) < 2 or argv[0].startswith("-") or argv[1].startswith("-"):
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    return build(argv[0], argv[1], argv[2:])


if __name__ == "__main__":
    sys.exit(main())
