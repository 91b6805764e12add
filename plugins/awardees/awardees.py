"""Pelican plugin: the logo scheme awardee directory (content/data/awardees.csv) for the templates.

The page itself is `content/pages/awardees/`, rendered with `theme/templates/page-awardees.html`
(site_pages picks a `page-<slug>.html` template by itself), so its address stays
`/{lang}/awardees/`. This plugin gives that template:

- `awardee_directory`: the rows grouped by year, newest first, each group in category order and
  then by English name (a stable order, whatever the order of the CSV);
- `awardee_counts`: the number of rows per year and category, with totals;
- `awardee_facets`: year, award category, sector and city, for the filters;
- `awardee_name(row)`: the name in the page's language (Simplified: `name_sc`, or converted from
  `name_tc` with OpenCC).

The directory is long (some 200 awardees a year): site_pages writes the page in pages of
`AWARDEES_PER_PAGE` rows (`/{lang}/awardees/page/<n>/`, `PAGED_PAGES`), and this plugin writes
`/{lang}/awardees/rows.json`, every row in that language, which theme/static/js/filters.js fetches
when the reader filters or sorts.
"""

import logging
from dataclasses import dataclass

from jinja2 import pass_context
from pelican import signals

from ..common.labels import in_language
from ..common.generator import SiteGenerator
from ..listings.listings import Facet
from ..multilingual import use_language
from ..multilingual.languages import LANGUAGE_CODES
from ..site_pages.pagination import AWARDEES_PER_PAGE

logger = logging.getLogger(__name__)

CATEGORIES = ("manufacturer", "etsp", "buyer", "excellent")


def name_in(row, lang):
    return in_language({"en": row.name_en, "tc": row.name_tc, "sc": row.name_sc}, lang, name=True)


@pass_context
def awardee_name(context, row):
    return name_in(row, context["lang"])


@dataclass
class Counts:
    years: list  # newest first
    by_year: dict  # year -> {category: count}
    by_category: dict  # category -> count
    total: int


def sort_rows(rows):
    return sorted(rows, key=lambda row: (-row.year, CATEGORIES.index(row.category), row.name_en.casefold()))


def directory(rows):
    """[(year, [rows])], newest year first."""
    groups = {}
    for row in sort_rows(rows):
        groups.setdefault(row.year, []).append(row)
    return list(groups.items())


def counts(rows):
    years = sorted({row.year for row in rows}, reverse=True)
    by_year = {year: {category: 0 for category in CATEGORIES} for year in years}
    by_category = {category: 0 for category in CATEGORIES}
    for row in rows:
        by_year[row.year][row.category] += 1
        by_category[row.category] += 1
    return Counts(years, by_year, by_category, len(rows))


def facets(site):
    rows = site.awardees

    def facet(name, key_of, order, vocabulary=None):
        found = {}
        for row in rows:
            found[key_of(row)] = found.get(key_of(row), 0) + 1
        return Facet(name, vocabulary, [(key, found[key]) for key in order if key in found])

    return [
        facet("year", lambda row: str(row.year), [str(year) for year in sorted({r.year for r in rows}, reverse=True)]),
        facet("award", lambda row: row.category, CATEGORIES),
        facet("sector", lambda row: row.sector, list(site.vocab["sectors"]), "sectors"),
        facet("city", lambda row: row.city, list(site.vocab["cities"]), "cities"),
    ]


def install(generator):
    generator.env.globals["awardee_name"] = awardee_name


class AwardeesGenerator(SiteGenerator):
    """Adds the directory to the shared context (its page is written by site_pages, in pages of
    rows); writes the rows' data for the filters."""

    def generate_site_context(self, site):
        self.context["awardee_directory"] = directory(site.awardees)
        self.context["awardee_counts"] = counts(site.awardees)
        self.context["awardee_facets"] = facets(site)
        rows = sort_rows(site.awardees)
        self.context["awardee_rows"] = rows
        if rows:
            self.context.setdefault("PAGED_PAGES", {})["awardees"] = (rows, self.settings.get("AWARDEES_PER_PAGE", AWARDEES_PER_PAGE))

    def write_site(self, writer, site):
        if not site.awardees:
            return
        template = self.env.get_template("data/awardee-rows.json")
        for lang in LANGUAGE_CODES:
            use_language(self.env, lang)
            writer.write_file(f"{lang}/awardees/rows.json", template, self.context, lang=lang, rows=self.context["awardee_rows"])
        use_language(self.env, "en")


def get_generators(pelican):
    return AwardeesGenerator


def register():
    signals.generator_init.connect(install)
    signals.get_generators.connect(get_generators)
