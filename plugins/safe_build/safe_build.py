"""Pelican plugin: a content error never costs the last good site.

Pelican's DELETE_OUTPUT_DIRECTORY empties the output folder *before* reading the content, so a
broken file used to leave `make serve` with an empty site. This plugin moves that cleaning to
after every generator has read the content (`all_generators_finalized`), and skips it when the
content has errors (no `site` in the context, see plugins/contract): then nothing is written and
the previous site stays as it was.

The old files are moved beside the output and deleted by another process while the pages are
written (trash.py), so the cleaning costs the build a few renames, not the deleting.

`make html` and `make publish` go further with `python -m plugins.safe_build` (build.py): they
build into a fresh folder beside the output and swap it into place only when the build succeeds.
"""

import logging
import os

from pelican import signals

from . import summary
from .trash import empty_in_background

logger = logging.getLogger(__name__)


def defer_cleaning(pelican):
    """On `initialized`: stop Pelican from cleaning the output before the content is read."""
    pelican.delete_outputdir = False


def clean_if_content_is_good(generators):
    """On `all_generators_finalized`: clean the output as DELETE_OUTPUT_DIRECTORY asks, if the content loaded."""
    if not generators:
        return
    generator = generators[0]
    settings = generator.settings
    if not settings.get("DELETE_OUTPUT_DIRECTORY") or generator.context.get("site") is None:
        return
    output = os.path.realpath(generator.output_path)
    content = os.path.realpath(generator.path)
    if os.path.commonpath([output, content]) == output:  # never delete the content's own folder
        logger.warning("safe_build: the output folder contains the content folder; not cleaning it")
        return
    empty_in_background(generator.output_path, settings.get("OUTPUT_RETENTION", []))


def register():
    summary.register()
    signals.initialized.connect(defer_cleaning)
    signals.all_generators_finalized.connect(clean_if_content_is_good)
