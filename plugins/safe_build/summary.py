"""Say what a build made: "Built 164 pages in English, 164 in 繁體中文, 164 in 简体中文 in 11.2 s".

Pelican closes every build with "Done: Processed 0 articles, 0 pages, ...": it counts its own
articles and pages, which this site does not use (plugins/contract reads the content), so the line
read as if nothing had been built. That line is dropped and this one printed instead, on
`finalized`, from the pages actually in the output folder. When the content had errors (no `site`
in the context) nothing is printed: the contract plugin has said why nothing was built.
"""

import os
import time
from pathlib import Path

from pelican import log as pelican_log
from pelican import signals

from ..multilingual.languages import LANGUAGES

_run = {}  # this run's start time, and whether the content loaded


def pages_per_language(output):
    """[(language name, number of HTML pages under /{code}/)], for the languages with pages."""
    output = Path(output)
    counts = [(language.name, _html_files(output / language.code)) for language in LANGUAGES]
    return [(name, count) for name, count in counts if count]


def _html_files(folder):
    """How many HTML files are under `folder` (os.walk: rglob made a Path of each)."""
    return sum(name.endswith(".html") for _, _, names in os.walk(folder) for name in names)


def summary_line(counts, seconds):
    if not counts:
        return f"Built no pages in {seconds:.1f} s"
    first, *others = counts
    parts = [f"{first[1]} page{'s' * (first[1] != 1)} in {first[0]}"] + [f"{count} in {name}" for name, count in others]
    return f"Built {', '.join(parts)} in {seconds:.1f} s"


def start_clock(pelican):
    """On `get_generators` (sent at the start of every run, also under --autoreload)."""
    _run.update(time=time.monotonic(), built=True)


def note_content_loaded(generators):
    """On `all_generators_finalized`: the contract puts `site` in the context only when the content has no error."""
    _run["built"] = bool(generators) and generators[0].context.get("site") is not None


def print_summary(pelican):
    seconds = time.monotonic() - _run.get("time", time.monotonic())
    if not _run.get("built", True):
        return
    pelican_log.console.print(summary_line(pages_per_language(pelican.output_path), seconds), highlight=False)


def _without_pelicans_summary(print_):
    def filtered(*objects, **options):
        if objects and isinstance(objects[0], str) and objects[0].startswith("Done: Processed "):
            return None
        return print_(*objects, **options)

    filtered.drops_pelicans_summary = True
    return filtered


def register():
    signals.get_generators.connect(start_clock)
    signals.all_generators_finalized.connect(note_content_loaded)
    signals.finalized.connect(print_summary)
    console = pelican_log.console
    if not getattr(console.print, "drops_pelicans_summary", False):
        console.print = _without_pelicans_summary(console.print)
