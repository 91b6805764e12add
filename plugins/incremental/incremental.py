"""Pelican plugin: `make serve` rebuilds only what an edit changed.

`make html` and `make publish` are full, clean builds and never use this. `make serve` runs Pelican
with `--autoreload` and `INCREMENTAL = True`: Pelican then stays in memory between rebuilds, and
after the first, full build each rebuild is cheap:

- Items whose files did not change are not read again (plugins/contract, `reuse_items`).
- The output folder is not emptied again. A page whose inputs are all unchanged is neither
  rendered nor written; a page no longer built (an item deleted or renamed) is removed.
- A page's inputs are: the arguments its generator renders it with (its PageInfo, item, list of
  items, ...); the theme and the catalogs; the shape of the site (every item's metadata and
  languages, the data files and which events are still to come, which decide lists, filters,
  counts and links); and every item its template used when it was last rendered. That last set
  is recorded while the page renders, by watching attribute access on the items: a title edited
  in one `en.md` re-renders that item's pages and every list, card, facts panel or navigation
  showing it. (A card copied by `fragment()` still counts: it reads the item to find the copy.)
- The search index follows: after each rebuild the search plugin re-reads only the pages written
  or removed (`State.changed`) and Pagefind indexes the site again from its small stripped copy
  (plugins/search/indexer.py), after the pages are on disk.

In every build, full or not, `{% call fragment(...) %}` (plugins/common/fragments.py, installed
by plugins/multilingual) renders a card or the navigation once, however many pages show it; this
plugin only keeps those copies between the rebuilds of one `make serve` session. Only HTML pages written through Pelican's writer are
skipped; the other files (feeds, calendar, open data, sitemap) are small and are written again
every time. `tests/test_incremental.py` checks that the site on disk after each rebuild is byte
for byte what a full build of the same content gives.
"""

import hashlib
import json
import logging
import os
from dataclasses import is_dataclass
from datetime import date

from jinja2 import BytecodeCache
from pelican import signals
from pelican.utils import sanitised_join
from pelican.writers import Writer

logger = logging.getLogger(__name__)

#: The items the page being rendered has used, or None when no page is rendering.
_using = None


class _Watched:
    """Mixed into the class of every item: an attribute read while a page renders is recorded."""

    def __getattribute__(self, name):
        if _using is not None:
            _using.add((object.__getattribute__(self, "kind"), object.__getattribute__(self, "slug")))
        return object.__getattribute__(self, name)


_watched_classes = {}


def _watch(item):
    cls = type(item)
    if not issubclass(cls, _Watched):
        if cls not in _watched_classes:
            _watched_classes[cls] = type(f"Watched{cls.__name__}", (_Watched, cls), {})
        item.__class__ = _watched_classes[cls]


def _digest(value):
    return hashlib.sha256(json.dumps(value, default=str, ensure_ascii=False).encode()).hexdigest()


def _item_signature(item):
    """A hash of what an item shows: its files (from the contract loader) or else its parsed text."""
    values = object.__getattribute__(item, "__dict__")
    if values.get("signature"):
        return values["signature"]
    texts = {lang: vars(text) for lang, text in values["texts"].items()}
    return _digest([values["meta"].model_dump(mode="json"), texts])


class _Page:
    __slots__ = ("inputs", "used")

    def __init__(self, inputs, used):
        self.inputs = inputs  # hash of the page's own inputs
        self.used = used  # {(kind, slug): item signature when the page was rendered}


class State:
    """What one `make serve` session knows about the pages it has written."""

    def __init__(self):
        self.pages = {}  # output name -> _Page
        self.produced = set()  # output names of this rebuild (written or kept)
        self.previously = set()  # output names of the previous rebuild
        self.runs = 0
        self.site = None
        self.shape = None
        self.items = {}  # (kind, slug) -> signature, this rebuild
        self.previous_items = {}  # the same, the rebuild before
        self.written = self.kept = 0
        self.written_names = set()  # output names written by this rebuild
        self.changed = set()  # output names the last finished rebuild changed or removed (search)
        self.fragments = {}  # `{% call fragment() %}` copies (plugins/common/fragments.py), kept between rebuilds

    def prepare(self, context):
        """Once a rebuild, at its first page: watch its items, and forget every page if the shape
        of the site, the theme or the catalogs changed."""
        site = context.get("site")
        if site is self.site:
            return
        self.site = site
        self.previous_items, self.items = self.items, {}
        for item in site.all_items():
            _watch(item)
            self.items[(item.kind, item.slug)] = _item_signature(item)
        shape = _digest([
            [(item.kind, item.slug, sorted(item.texts), item.meta.model_dump(mode="json")) for item in site.all_items()],
            site.vocab, site.raw_programme, [row.model_dump(mode="json") for row in site.awardees],
            site.contact.model_dump() if getattr(site, "contact", None) else None,  # every call to action
            [event.slug for event in context.get("upcoming_events", [])],  # the build time's effect
            _files_signature(context["THEME"]),
            _files_signature(context.get("TRANSLATIONS_DIR", "translations")),
        ])
        if shape != self.shape:
            self.shape = shape
            self.pages = {}
            self.fragments.clear()

    def changed_items(self, context):
        """The items an edit changed since the last rebuild (none on the first): their own pages
        are written first, so the page the editor is looking at shows the edit soonest."""
        self.prepare(context)
        if not self.runs:
            return []
        return [item for item in self.site.all_items()
                if self.previous_items.get((item.kind, item.slug)) != self.items[(item.kind, item.slug)]]

    def unchanged(self, page, inputs):
        return page is not None and page.inputs == inputs and all(self.items.get(key) == signature for key, signature in page.used.items())

    def finish(self, output_path):
        """After a rebuild: remove the pages it no longer makes; report what it did. (Nothing after
        a rebuild stopped by a content error: it wrote nothing, and the last good site stays.)"""
        if self.site is None:
            return
        removed = self.previously - self.produced
        for name in sorted(removed):
            path = sanitised_join(output_path, name)
            if os.path.exists(path):
                os.remove(path)
                _remove_empty_folders(os.path.dirname(path), output_path)
            self.pages.pop(name, None)
        if self.runs:
            logger.info("incremental: %d page(s) written, %d unchanged", self.written, self.kept)
        self.previously, self.produced = self.produced, set()
        self.changed, self.written_names = self.written_names | removed, set()
        self.written = self.kept = 0
        self.runs += 1
        self.site = None


def _files_signature(folder):
    """Names, sizes and times of every file under `folder` (the theme, the catalogs)."""
    entries = []
    for root, _, names in sorted(os.walk(folder)):
        for name in sorted(names):
            stat = os.stat(os.path.join(root, name))
            entries.append((os.path.join(root, name), stat.st_size, stat.st_mtime_ns))
    return entries


def _remove_empty_folders(folder, output_path):
    while os.path.abspath(folder) != os.path.abspath(output_path) and not os.listdir(folder):
        os.rmdir(folder)
        folder = os.path.dirname(folder)


def describe(value, used):
    """A JSON-able description of a template argument; the items in it are added to `used`."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return [[describe(key, used), describe(item, used)] for key, item in value.items()]
    if isinstance(value, (list, tuple)):
        return [describe(item, used) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted((describe(item, used) for item in value), key=repr)
    if isinstance(value, _Watched):  # an item (prepare() watches every item of the site)
        key = (object.__getattribute__(value, "kind"), object.__getattribute__(value, "slug"))
        used.add(key)
        return ["item", *key]
    if hasattr(value, "model_dump"):  # a pydantic model
        return value.model_dump(mode="json")
    if is_dataclass(value):
        return [type(value).__name__, describe(vars(value), used)]
    return repr(value)  # an address in it (`<... at 0x...>`) changes every run: the page is rendered


class IncrementalWriter(Writer):
    """Pelican's writer, which skips a page whose inputs are all as they were (see the module)."""

    state = None  # the session's State, set by `get_writer`

    def write_file(self, name, template, context, relative_urls=False, paginated=None, **kwargs):
        global _using
        state = self.state
        if not name or relative_urls or paginated or context.get("site") is None:
            return super().write_file(name, template, context, relative_urls=relative_urls, paginated=paginated, **kwargs)
        state.prepare(context)
        used = set()
        inputs = _digest([template.name, describe(kwargs, used)])
        state.produced.add(name)
        page = state.pages.get(name)
        if state.unchanged(page, inputs) and os.path.exists(sanitised_join(self.output_path, name)):
            state.kept += 1
            return None
        path = sanitised_join(self.output_path, name)
        before = _read(path)
        _using = used
        try:
            super().write_file(name, template, context, **kwargs)
        finally:
            _using = None
        state.pages[name] = _Page(inputs, {key: state.items.get(key) for key in used})
        state.written += 1
        if _read(path) != before:  # rendered again to the same bytes: nothing for the search to do
            state.written_names.add(name)
        return None


def _read(path):
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def start(pelican):
    """On `initialized`: a session's state, when INCREMENTAL is set (in the settings, where the
    generators find it)."""
    pelican.incremental = State() if pelican.settings.get("INCREMENTAL") else None
    pelican.settings["INCREMENTAL_STATE"] = pelican.incremental


def get_writer(pelican):
    state = getattr(pelican, "incremental", None)
    if state is None:
        return None
    return type("IncrementalWriter", (IncrementalWriter,), {"state": state})


def finish(pelican):
    """On `finalized`: tidy up after the rebuild; from now on the output folder is kept."""
    state = getattr(pelican, "incremental", None)
    if state is None:
        return
    state.finish(pelican.output_path)
    pelican.settings["DELETE_OUTPUT_DIRECTORY"] = False


class _CompiledTemplates(BytecodeCache):
    """Templates compiled once per process, not once per generator and build (Jinja checks each
    against its source, so an edited template is compiled again)."""

    def __init__(self):
        self.compiled = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_compiled = _CompiledTemplates()


def prepare_environment(generator):
    """On `generator_init`, in every build: the process's compiled templates; in `make serve`, the
    session's `fragment()` copies (plugins/common/fragments.py)."""
    env = generator.env
    env.bytecode_cache = _compiled
    state = generator.settings.get("INCREMENTAL_STATE")
    if state is not None:
        env.fragments = state.fragments


def register():
    signals.generator_init.connect(prepare_environment)
    signals.initialized.connect(start)
    signals.get_writer.connect(get_writer)
    signals.finalized.connect(finish)
