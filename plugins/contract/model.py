"""The loaded site: items with their facts and their text in each language.

Every attribute is a declared field, set at construction or (the loader's few late values:
`Item.images`, `Item.pictures`, `Item.signature`) assigned to its declared field; nothing is added
to an object afterwards (tests/test_architecture.py checks the loaded fixture site).
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

from .contact import Contact
from .programme import Programme
from .schema import CaseMeta, EventMeta, PageMeta, TechnologyMeta
from .workflow_commands import annotation, one_line

#: The facts of an item (its meta.yaml), by kind: plugins/contract/schema.py.
Meta = Union[CaseMeta, TechnologyMeta, EventMeta, PageMeta]

KINDS = ("cases", "technologies", "events", "pages")


@dataclass
class Problem:
    """One thing wrong with the content, told to an editor as `path:line: message`."""

    path: str
    line: Optional[int]
    message: str
    severity: str = "error"  # or "warning"
    #: other files whose change causes this problem (a translation's source), as paths like `path`
    related: tuple = ()

    def __str__(self):
        # One line whatever the content quoted: a line break could start a CI workflow command.
        where = f"{self.path}:{self.line}" if self.line else self.path
        prefix = "" if self.severity == "error" else "warning: "
        return one_line(f"{where}: {prefix}{self.message}")

    def github_annotation(self):
        """The same problem as a GitHub Actions workflow command, shown on the pull request."""
        return annotation(self.severity, self.message, file=self.path, line=self.line or None)


@dataclass
class Text:
    """An item's text in one language."""

    lang: str
    title: str
    summary: Optional[str]
    body_html: str
    source: Optional[str]  # the file it came from, relative to the content's parent
    # The rest of the front matter (schema.PageFront and its subclasses):
    cover_alt: Optional[str] = None  # the cover image described, for readers who cannot see it
    venue: Optional[str] = None  # an event's venue
    generated: bool = False  # Simplified text converted from the Traditional


@dataclass
class Item:
    kind: str
    slug: str
    folder: Path
    meta: Meta
    texts: dict = field(default_factory=dict)  # lang -> Text
    images: list = field(default_factory=list)  # file names in the folder that are published
    pictures: dict = field(default_factory=dict)  # file name -> plugins.images.plan.ImagePlan
    signature: str = ""  # a hash of the item's files, when items are reused between rebuilds

    def path(self, lang):
        """The address of this item in `lang`, relative to the site root (a folder)."""
        if self.kind == "pages":
            return f"{lang}/{self.slug}/"
        return f"{lang}/{self.kind}/{self.slug}/"

    def media_path(self, name):
        """The published address of file `name`; an image's is its largest file in its own format."""
        plan = self.pictures.get(name)
        return f"media/{self.kind}/{self.slug}/{plan.published_name if plan else name}"

    @property
    def key(self):
        return (self.kind, self.slug)

    @property
    def date(self):
        return getattr(self.meta, "date", None)


@dataclass
class Site:
    vocab: dict  # vocabulary name -> {key: {"en":..., "tc":..., "sc":..., extra fields}}
    items: dict  # kind -> [Item], each list in its display order
    programme: Optional[Programme] = None  # data/programme.yaml, validated
    awardees: list = field(default_factory=list)  # [schema.AwardeeRow] of data/awardees.csv
    raw_programme: Optional[dict] = None  # data/programme.yaml as written: `{{ programme.* }}` placeholders
    contact: Optional[Contact] = None  # data/contact.yaml: every call to action
    _by_key: Optional[dict] = field(default=None, init=False, repr=False, compare=False)  # get()'s index

    def get(self, kind, slug):
        return self._index()[(kind, slug)]

    def _index(self):
        if self._by_key is None:
            self._by_key = {item.key: item for items in self.items.values() for item in items}
        return self._by_key

    def all_items(self):
        for kind in KINDS:
            yield from self.items.get(kind, [])
