"""Pelican plugin: "Edit this page", "Propose a new ...", "Last updated" and the translation notice.

Settings (pelicanconf.py): `REPOSITORY_URL` (e.g. https://github.com/OWNER/REPO) and
`REPOSITORY_BRANCH` (default `main`). When REPOSITORY_URL is empty, no edit or propose link is
written; the dates and the notice come from git history alone (freshness.py).

- An item page links to its own source file on GitHub's editor: `en.md` for English, `tc.md` for
  Traditional Chinese, `sc.md` (when written, else `tc.md`) for Simplified Chinese.
- The case, technology and event lists link to GitHub's new-file page prefilled with the
  `make new-case` scaffold's meta.yaml (plugins/contract/scaffold.py) at
  `content/<kind>/new-slug/meta.yaml`; the editor renames the folder and adds en.md and tc.md.

Templates call `page_source()` (partials/page-source.html, partials/freshness.html).
"""

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Optional
from urllib.parse import quote, urlencode

from jinja2 import pass_context
from pelican import signals

from ..common.generator import SiteGenerator
from ..contract.scaffold import meta_yaml
from .freshness import History, Notice, source_file

#: The folder name a proposed item starts with; the guide tells editors to rename it.
NEW_SLUG = "new-slug"
PROPOSED_KINDS = ("cases", "technologies", "events")


@dataclass(frozen=True)
class PageSource:
    updated: object = None  # datetime.date of the last change, or None
    edit_url: str = ""
    propose_url: str = ""
    notice: Optional[Notice] = None


class Repository:
    """Addresses on GitHub for files of the content folder."""

    def __init__(self, url, branch, content):
        self.url = (url or "").rstrip("/")
        self.branch = branch or "main"
        content = Path(content).resolve()
        self.content = content
        self.prefix = _repository_path(content)

    def file_path(self, path):
        """`path` relative to the repository root, or None when it lies outside."""
        try:
            return (self.prefix / Path(path).resolve().relative_to(self.content)).as_posix()
        except ValueError:
            return None

    def edit_url(self, path):
        relative = self.file_path(path)
        if not self.url or relative is None:
            return ""
        return f"{self.url}/edit/{quote(self.branch)}/{quote(relative)}"

    def new_file_url(self, folder, filename, value):
        relative = self.file_path(folder)
        if not self.url or relative is None:
            return ""
        query = urlencode({"filename": filename, "value": value}, quote_via=quote)
        return f"{self.url}/new/{quote(self.branch)}/{quote(relative)}?{query}"


def _repository_path(content):
    """The content folder's path inside its git repository (`content`); its own name without git."""
    try:
        top = subprocess.run(["git", "-C", str(content), "rev-parse", "--show-toplevel"],
                             capture_output=True, text=True, check=True).stdout.strip()
        return content.relative_to(Path(top).resolve())
    except (OSError, subprocess.CalledProcessError, ValueError):
        return Path(content.name)


class EditingGenerator(SiteGenerator):
    def generate_site_context(self, site):
        content = Path(self.path)
        repository = Repository(self.settings.get("REPOSITORY_URL"), self.settings.get("REPOSITORY_BRANCH"), content)
        known = History(content)
        items = list(site.all_items())
        dates = {item.key: known.item_date(item) for item in items}
        by_kind = {kind: [dates[item.key] for item in kind_items] for kind, kind_items in site.items.items()}
        propose = {
            kind: repository.new_file_url(content / kind, f"{NEW_SLUG}/meta.yaml", meta_yaml(kind, NEW_SLUG, content))
            for kind in PROPOSED_KINDS
        }
        self.context["page_sources"] = _Sources(known, repository, propose, _latest(dates.values()),
                                                {kind: _latest(values) for kind, values in by_kind.items()})


def _latest(dates):
    dates = [date for date in dates if date is not None]
    return max(dates) if dates else None


class _Sources:
    def __init__(self, known, repository, propose, site_date, kind_dates):
        self.known, self.repository, self.propose = known, repository, propose
        self.site_date, self.kind_dates = site_date, kind_dates
        self.made = {}  # for_page's answers, for this build

    def for_page(self, page, item, lang):
        """Asked twice a page (its freshness notice, its footer): made once, from a build's files."""
        key = (page.path, page.kind, item.key if item is not None else None, lang)
        if key not in self.made:
            self.made[key] = self._for_page(page, item, lang)
        return self.made[key]

    def _for_page(self, page, item, lang):
        if item is not None and page.kind == item.kind:  # an item in a language it is written in
            own = source_file(item, lang)
            return PageSource(
                updated=self.known.item_date(item, lang),
                edit_url=self.repository.edit_url(item.folder / own) if own else "",
                notice=self.known.notice(item, lang),
            )
        if item is not None:  # the missing-translation page
            return PageSource(updated=self.known.item_date(item))
        if page.kind in self.kind_dates:  # a list
            return PageSource(updated=self.kind_dates[page.kind], propose_url=self.propose.get(page.kind, ""))
        return PageSource(updated=self.site_date)


@pass_context
def page_source(context):
    """The PageSource of the page being rendered (an empty one when the plugin has nothing)."""
    sources = context.get("page_sources")
    page = context.get("page")
    if sources is None or page is None or page.path in ("", "404.html"):  # the language chooser, 404
        return PageSource()
    item = context.get("item")
    return sources.for_page(page, item if hasattr(item, "folder") else None, context.get("lang", page.lang))


def install(generator):
    generator.env.globals["page_source"] = page_source


def get_generators(pelican):
    return EditingGenerator


def register():
    signals.generator_init.connect(install)
    signals.get_generators.connect(get_generators)
