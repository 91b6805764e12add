"""Pelican plugin: render the HTML pages in two processes, on both cores.

Pelican renders every page in one process, one after another, and rendering (Jinja) is most of a
full build. So once the content is read (every generator's `generate_context`, which both
processes then share, copy-on-write), the build forks when Pelican asks for its writer:

- each page that the site's page generators (`SHARED`: lists and filters, item pages, evidence
  finder, search pages) write goes to one of the processes, by a hash of its output name, so the
  split is the same in every build, whatever the order of rendering;
- the helper process runs only those generators, writing only its share, and ends before the
  `finalized` signal; everything else (static files, images, feeds, calendar, open data, then the
  sitemap and the search index on `finalized`) is done once, by the main process, which waits
  for its helper before any `finalized` handler runs (this plugin is first in PLUGINS);
- a helper that fails fails the build (`parallel: ...`, exit status 1), before the output is
  swapped into place (plugins/safe_build).

The pages are the same, byte for byte, as in one process (tests/test_deterministic.py compares
the two). Not under `make serve` (INCREMENTAL), whose rebuilds keep their state in the one
process, nor where `os.fork` is missing. Setting `BUILD_PROCESSES` (default 2; 1 switches it off).
"""

import logging
import os
import sys
import zlib

from pelican import signals
from pelican.writers import Writer

logger = logging.getLogger(__name__)

#: Generators whose output is HTML pages written through Pelican's writer, and nothing else.
SHARED = ("SitePagesGenerator", "ListingsGenerator", "EvidenceGenerator", "SearchPageGenerator")

_session = {}


#: The helper's share of the shared pages: over half, as the main process also writes everything
#: else (static files, feeds, calendar, open data: 0.7 s at 1,000 case reports, after which the
#: main process had ended 0.8 to 1.4 s after its helper when each wrote half).
HELPER_SHARE = 0.53


def share_of(name):
    """The process that writes the page `name`, 0 (the main process) or 1 (the helper): stable
    from build to build."""
    return int(zlib.crc32(name.encode("utf-8")) % 1000 < HELPER_SHARE * 1000)


class SharedWriter(Writer):
    """Pelican's writer, writing a page of a shared generator only in the process it falls to."""

    share = 0
    splitting = False  # True while a SHARED generator writes

    def write_file(self, name, template, context, *args, **kwargs):
        if self.splitting and name and share_of(name) != self.share:
            return None
        return super().write_file(name, template, context, *args, **kwargs)


def remember_generators(generators):
    """On `all_generators_finalized`: the generators, whose output is shared out later."""
    _session["generators"] = generators


def _processes(settings):
    if settings.get("INCREMENTAL") or not hasattr(os, "fork"):
        return 1
    return max(1, int(settings.get("BUILD_PROCESSES", 2)))


def fork(pelican):
    """On `get_writer` (the content is read, the output folder is clean): start the helper."""
    processes = _processes(pelican.settings)
    generators = _session.pop("generators", None)
    if processes < 2 or generators is None:
        return None
    writer = type("SharedWriter", (SharedWriter,), {})
    sys.stdout.flush()
    sys.stderr.flush()
    child = os.fork()
    if child:
        writer.share = 0
        _session["child"] = child
    else:
        writer.share = 1
        _session["helper"] = True
    for generator in generators:
        _share_output(generator, writer, helper=not child)
    return writer


def _share_output(generator, writer, helper):
    shared = type(generator).__name__ in SHARED
    if helper and not shared:
        generator.generate_output = lambda _writer: None  # done once, by the main process
        return
    if not shared:
        return
    own = generator.generate_output

    def generate_output(used_writer):
        writer.splitting = True
        try:
            own(used_writer)
        except BaseException as error:
            if not helper:
                raise
            logger.critical("parallel: the helper process failed writing %s's pages: %s: %s", type(generator).__name__, type(error).__name__, error)
            _end(1)
        finally:
            writer.splitting = False

    generator.generate_output = generate_output


def _end(status):
    """End the helper process here: no `finalized` handler, no exit handler of the main process."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def join(pelican):
    """On `finalized`, before any other handler: the helper ends; the main process waits for it."""
    child = _session.pop("child", None)
    if child is None:
        if _session.pop("helper", False):
            _end(0)
        return
    _, status = os.waitpid(child, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        logger.critical("parallel: the helper process that writes half the pages failed (exit status %s)", os.waitstatus_to_exitcode(status))
        sys.exit(1)


def register():
    signals.all_generators_finalized.connect(remember_generators)
    signals.get_writer.connect(fork)
    signals.finalized.connect(join)
