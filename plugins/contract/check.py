"""`make check`: validate content without building, reporting every problem at once.

    python -m plugins.contract.check [CONTENT_DIR] [--base-ref REF]

Prints `path:line: message` per problem (and GitHub Actions annotations when GITHUB_ACTIONS is
set, so problems show on the pull request's diff). Exits 1 if there is any error. Besides the
contract, it runs the editorial checks of plugins/checks (translations behind their source in git
history, links to missing pages, images without alt text, terms, images that do not decode to the
end), which the build does not run.

With `--base-ref REF` (or the CHECK_BASE_REF environment variable; the pull-request workflow
sets it to the target branch), only warnings about files changed since REF (committed on this
branch or not committed yet) become annotations: a pull request is not told about warnings it did
not cause. Every problem is still printed, and errors are always annotated.
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

from ..checks import run_checks
from .loader import load_content


def changed_files(base_ref, where="."):
    """{absolute paths} changed since the merge base with `base_ref`, committed or not; None
    when git cannot tell (no repository, unknown ref)."""

    def git(*args):
        return subprocess.run(["git", "-C", str(where), *args], capture_output=True, text=True, check=True).stdout

    try:
        top = Path(git("rev-parse", "--show-toplevel").strip())
        names = git("diff", "--name-only", "--no-renames", "-z", f"{base_ref}...HEAD").split("\0")
        names += [entry[3:] for entry in git("status", "--porcelain", "-z", "--no-renames", "--untracked-files=all").split("\0") if entry[3:]]
    except (OSError, subprocess.CalledProcessError):
        return None
    return {(top / name).resolve() for name in names if name}


def annotated(problem, changed):
    """Errors always; a warning only when its file (or the file that caused it) changed."""
    if problem.severity == "error" or changed is None:
        return True
    return any(Path(path).resolve() in changed for path in (problem.path, *problem.related))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", nargs="?", default="content")
    parser.add_argument("--base-ref", default=os.environ.get("CHECK_BASE_REF") or None,
                        help="annotate only warnings about files changed since this git ref")
    args = parser.parse_args(argv)
    site, problems = load_content(args.content)
    problems += run_checks(args.content)
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    changed = None
    if args.base_ref:
        changed = changed_files(args.base_ref)
        if changed is None:
            print(f"check: cannot compare with {args.base_ref!r} in git; every warning is annotated", file=sys.stderr)
    quiet = 0
    for problem in problems:
        print(problem, file=sys.stderr)
        if annotate and annotated(problem, changed):
            print(problem.github_annotation())
        elif annotate:
            quiet += 1
    if quiet:
        print(f"check: {quiet} warning(s) about files this change did not touch (printed above, not annotated)", file=sys.stderr)
    errors = sum(problem.severity == "error" for problem in problems)
    warnings = len(problems) - errors
    if errors or site is None:
        print(f"check: {errors} error(s), {warnings} warning(s) in {args.content}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(items)} {kind}" for kind, items in site.items.items())
    print(f"check: {args.content} is valid ({counts}); {warnings} warning(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
