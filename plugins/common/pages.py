"""What every template knows about the page it renders, and the page's other languages."""

from dataclasses import dataclass, field

from ..multilingual.languages import BY_CODE, LANGUAGE_CODES


@dataclass
class Alternate:
    code: str
    hreflang: str
    name: str
    path: str
    available: bool


@dataclass
class PageInfo:
    """What every template needs to know about the page it renders."""

    path: str  # relative to the site root, a folder ending in "/" or a file name
    lang: str
    title: str
    description: str = ""
    alternates: list = field(default_factory=list)
    indexable: bool = True
    kind: str = "page"
    pagination: object = None  # a site_pages.pagination.Pagination on a page of a long list

    def with_page(self, pagination, alternates):
        """This page as page `pagination.number` of its list (the same page number in every language)."""
        return PageInfo(pagination.path, self.lang, self.title, self.description, alternates, self.indexable, self.kind, pagination)

    @property
    def hreflang_links(self):
        return [alternate for alternate in self.alternates if alternate.available]

    @property
    def x_default(self):
        links = self.hreflang_links
        english = [a for a in links if a.code == "en"]
        return (english or links or [None])[0]


def alternates_for(path_in, available_in):
    return [
        Alternate(code, BY_CODE[code].html_lang, BY_CODE[code].name, path_in(code), code in available_in)
        for code in LANGUAGE_CODES
    ]

