"""Read a content folder (SPEC section 3) into a `Site`, collecting every problem on the way.

`load_content()` never stops at the first problem: it returns all of them, so `make check` can
report everything at once and the build can refuse to publish anything while any error remains.
"""

import re
from pathlib import Path

from .cache import ContentCache
from .datafiles import (
    _fill_simplified_names,
    _load_awardees,
    _load_contact,
    _load_mainland_wording,
    _load_programme,
    _load_vocabularies,
    _report_symlinks,
)
from .items import ImageChecker, ItemReader
from .markdown_body import BodyRenderer
from .prewarm import split_reading
from .model import KINDS, Site
from .problems import Collector
from .schema import FILTER_PAGE_NAMES, PAGINATED_KINDS, SLUG_PATTERN

#: Page slugs that would collide with the addresses of the site's own sections.
RESERVED_PAGE_SLUGS = {"cases", "technologies", "events", "search", "data", "media", "theme", "finder"}


def _sort_key(item):
    if item.kind == "events":
        start = item.meta.start
        return (str(start), item.slug)
    if item.kind == "pages":
        return (item.meta.order, item.slug)
    date = item.date
    return (-(date.toordinal() if date else 0), item.slug)


def _address_twins(folders):
    """{name: the other name} for folders whose names differ only in case or separators
    (`Dyeing-Water` next to `dyeing-water`): the non-canonical one of each pair is the duplicate."""
    groups = {}
    for folder in folders:
        if folder.is_dir() and not folder.name.startswith("."):
            groups.setdefault(re.sub(r"[^a-z0-9]+", "-", folder.name.lower()).strip("-"), []).append(folder.name)
    twins = {}
    for canonical, names in groups.items():
        if len(names) > 1:
            keep = canonical if canonical in names else names[0]
            for name in names:
                if name != keep:
                    twins[name] = keep
    return twins


def _item_folders(collector, content_dir):
    """{kind: [folder]} of the item folders whose names can be addresses; the others are reported."""
    folders = {}
    for kind in KINDS:
        kind_dir = content_dir / kind
        folders[kind] = []
        if kind_dir.is_symlink() or not kind_dir.is_dir():
            continue
        children = sorted(kind_dir.iterdir())
        twins = _address_twins(children)
        for folder in children:
            if folder.name.startswith(".") or folder.is_symlink():
                continue
            problem = _folder_problem(kind, folder, twins)
            if problem:
                collector.error(folder, None, problem)
            else:
                folders[kind].append(folder)
    return folders


def _folder_problem(kind, folder, twins):
    """Why `folder` cannot be an item of `kind`, or None."""
    if not folder.is_dir():
        return f"only item folders belong in content/{kind}/"
    if folder.name in twins:
        return (f"duplicate slug: this folder and content/{kind}/{twins[folder.name]}/ differ only in capitals or separators, "
                "so they would share one address (and are one folder on Windows and macOS); keep one, named in lowercase with hyphens")
    if not re.fullmatch(SLUG_PATTERN, folder.name):
        return f"'{folder.name}' is not a valid slug: use lowercase letters a-z, digits and hyphens"
    if kind == "pages" and folder.name in RESERVED_PAGE_SLUGS:
        return f"'{folder.name}' is the address of a section of the site; choose another slug"
    if folder.name == "page" and kind in PAGINATED_KINDS:
        return f"'page' is the address of the further pages of the list (/{{lang}}/{kind}/page/2/); choose another slug"
    if folder.name in FILTER_PAGE_NAMES.get(kind, ()):
        return (f"'{folder.name}' is the address of the {folder.name} filter pages "
                f"(/{{lang}}/{kind}/{folder.name}/); choose another slug")
    return None


def load_content(content_dir, root=None, site_path="", cache_path=None, reuse_items=False, processes=1):
    """Load `content_dir`; return (site or None when there are errors, [Problem]).

    `root` is the folder that problem paths are relative to (default: the working directory);
    `site_path` the path prefix of the published site ("" at a domain's root); `cache_path` the
    file of the content cache (cache.py), None to keep it in memory only; `reuse_items` keeps
    unchanged items from the previous call in this process (`make serve`); `processes` 2 reads on
    two cores (prewarm.py).
    """
    content_dir = Path(content_dir).resolve()
    root = Path(root).resolve() if root else Path.cwd().resolve()
    collector = Collector(root)
    if not content_dir.is_dir():
        collector.error(content_dir, None, "the content folder does not exist")
        return None, collector.problems
    _report_symlinks(collector, content_dir)
    data_dir = content_dir / "data"
    vocab = _load_vocabularies(collector, data_dir)
    folders = _item_folders(collector, content_dir)
    context = {
        "vocab": {name: set(entries) for name, entries in vocab.items()},
        "slugs": {kind: {folder.name for folder in found} for kind, found in folders.items()},
        "metrics": vocab.get("metrics", {}),  # labels and units, for range checks of results
    }
    raw_programme, programme = _load_programme(collector, data_dir)
    awardees = _load_awardees(collector, data_dir, context)
    wording = _load_mainland_wording(collector, content_dir, vocab, awardees)
    _fill_simplified_names(vocab)
    contact = _load_contact(collector, data_dir)
    cache = ContentCache(cache_path, reuse_items=reuse_items)
    reader = ItemReader(collector, context, raw_programme, BodyRenderer(), ImageChecker(collector), site_path + "/", cache,
                         wording.fingerprint)
    jobs = [(kind, folder) for kind in KINDS for folder in folders[kind]]
    loaded = split_reading(jobs, lambda job: reader.read(*job), cache, processes=1 if reuse_items else processes)
    items = {kind: sorted((item for (of_kind, _), item in zip(jobs, loaded) if of_kind == kind and item is not None), key=_sort_key)
             for kind in KINDS}
    cache.save()
    problems = collector.problems
    site = Site(vocab=vocab, items=items, programme=programme, awardees=awardees, raw_programme=raw_programme,
                contact=contact)
    if any(problem.severity == "error" for problem in problems):
        return None, problems
    return site, problems
