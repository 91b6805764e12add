"""`make check`: validate content without building, reporting every problem at once.

    python -m plugins.contract.check [CONTENT_DIR]

Prints `path:line: message` per problem (and GitHub Actions annotations when GITHUB_ACTIONS is
set, so problems show on the pull request's diff). Exits 1 if there is any error. Besides the
contract, it runs the editorial checks of plugins/checks (translations behind their source in git
history, links to missing pages, images without alt text, terms, images that do not decode to the
end), which the build does not run.
"""

import argparse
import os
import sys

from ..checks import run_checks
from .loader import load_content


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", nargs="?", default="content")
    args = parser.parse_args(argv)
    site, problems = load_content(args.content)
    problems += run_checks(args.content)
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem, file=sys.stderr)
        if annotate:
            print(problem.github_annotation())
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
