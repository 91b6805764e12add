"""Pelican plugin: load content/ by the content contract and share it with the other plugins.

The loaded `Site` is put in the shared generator context as `site`; every other generator
(pages, calendar, open data, search) reads it from there. Any error stops the build before a
single file is written, with every problem listed as `path:line: message`.
"""

import os
import sys
from urllib.parse import urlsplit

from pelican import signals
from pelican.generators import Generator

from .cache import DEFAULT_PATH as DEFAULT_CACHE
from .loader import load_content

class ContentError(Exception):
    """The content breaks the contract; the problems have been logged."""


class ContractGenerator(Generator):
    def generate_context(self):
        site_path = urlsplit(self.settings["SITEURL"]).path.rstrip("/")
        site, problems = load_content(self.path, root=self.settings.get("CONTRACT_ROOT"), site_path=site_path,
                                      cache_path=self.settings.get("CONTENT_CACHE", DEFAULT_CACHE),
                                      reuse_items=self.settings.get("INCREMENTAL", False),
                                      processes=int(self.settings.get("BUILD_PROCESSES", 2)))
        # Problems go to stderr as plain `path:line: message` lines, one each, so editors and
        # editors' tools can read them (Pelican's log handler wraps and decorates its lines).
        for problem in problems:
            print(problem, file=sys.stderr)
        warnings = [problem for problem in problems if problem.severity == "warning"]
        errors = [problem for problem in problems if problem.severity == "error"]
        # The totals are printed too, not logged: Pelican's log lines ("CRITICAL contract.py:41")
        # read as a crash of the program, not as mistakes in the content.
        if warnings and not errors:
            print(f"{self.path_name()}: {len(warnings)} warning(s), listed above (警告); the site is built all the same",
                  file=sys.stderr)
        if errors:
            print(f"{self.path_name()}: {len(errors)} error(s) and {len(warnings)} warning(s), listed above (錯誤): "
                  "fix the errors, then build again; nothing was built and the last good site is unchanged", file=sys.stderr)
            if self.settings.get("CONTRACT_EXIT_ON_ERROR", True):
                raise SystemExit(1)  # a clean stop, no traceback: the messages say it all
            # `make serve`: no `site` in the context, so no generator writes anything and the
            # server keeps the last good site; the next save rebuilds. (Raising here would make
            # Pelican's autoreload loop rebuild at once, again and again.)
            return
        self.context["site"] = site

    def path_name(self):
        """The content folder as the editor ran the build with it (`content/`)."""
        return os.path.relpath(self.path) + "/" if not os.path.relpath(self.path).startswith("..") else self.path + "/"


def get_generators(pelican):
    return ContractGenerator


def register():
    signals.get_generators.connect(get_generators)
