"""Long lists in pages of a fixed size, at stable addresses.

Page 1 of a list keeps the list's own address (`en/cases/`); page n is `<address>page/<n>/`
(`en/cases/page/2/`). Every page of a list is one `Pagination`, which the templates use for the
`rel="prev"`/`rel="next"` links in the head, the page's title ("page 2 of 125") and the visible
page navigation (theme/templates/macros/pagination.html).

Sizes (settings `CASES_PER_PAGE`, `EVENTS_PER_PAGE`, `AWARDEES_PER_PAGE`) keep every HTML page
under 50 KB gzipped at 3,000 case reports, hundreds of events and 5,000 awardees
(tests/test_pagination.py measures it).
"""

from dataclasses import dataclass

CASES_PER_PAGE = 24
#: An event card is smaller than a case report's (no headline result), and past events are read by year.
EVENTS_PER_PAGE = 24
AWARDEES_PER_PAGE = 150
#: A technology brief shows its newest case reports; more are in pages of their own.
TECHNOLOGY_CASES_SHOWN = 12
#: The evidence of a technology (macros/evidence.html) links each case's figure up to this many
#: cases; beyond, it gives the range and median, and the cases are in the technology's list.
EVIDENCE_VALUES_SHOWN = 12
#: Around the current page, how many page numbers the navigation links directly.
NEIGHBOURS = 2


def page_path(base, number):
    """The address of page `number` of the list at `base` (a folder ending in "/")."""
    return base if number == 1 else f"{base}page/{number}/"


@dataclass
class Pagination:
    base: str  # the list's address, relative to the site root: "en/cases/"
    number: int  # this page, from 1
    count: int  # pages in all (at least 1)
    size: int  # items per page
    total: int  # items in all

    @property
    def path(self):
        return page_path(self.base, self.number)

    @property
    def previous_path(self):
        return page_path(self.base, self.number - 1) if self.number > 1 else None

    @property
    def next_path(self):
        return page_path(self.base, self.number + 1) if self.number < self.count else None

    @property
    def first_item(self):
        """The position of this page's first item, from 1 (0 on an empty list)."""
        return min(self.total, (self.number - 1) * self.size + 1)

    @property
    def last_item(self):
        return min(self.total, self.number * self.size)

    def path_of(self, number):
        return page_path(self.base, number)

    def numbers(self):
        """The page numbers the navigation shows, with None for a gap: 1 … 4 5 [6] 7 8 … 125."""
        shown = {1, self.count} | set(range(self.number - NEIGHBOURS, self.number + NEIGHBOURS + 1))
        out, last = [], 0
        for number in sorted(n for n in shown if 1 <= n <= self.count):
            if number > last + 1:
                out.append(None)
            out.append(number)
            last = number
        return out


def paginate(items, base, size):
    """[(Pagination, the page's items)] of `items` in pages of `size`: one page even when empty."""
    items = list(items)
    count = max(1, -(-len(items) // size))
    return [(Pagination(base, number, count, size, len(items)), items[(number - 1) * size:number * size])
            for number in range(1, count + 1)]
