"""Pelican plugin: the filters of the case report and event lists, their filter pages, related cases.

A case report is described by six facets: its sector, the categories of its technologies, the
issues it addresses, its city, the year it was published and its project type. An event by two:
its type and its year. The lists (`/{lang}/cases/`, `/{lang}/events/`, in pages) hold every item; without
JavaScript each facet value is a link to a pre-built page that lists the matching items, at a
permanent address (a long one in pages: `.../page/<n>/`, plugins/site_pages/pagination.py):

    /{lang}/cases/sector/<key>/     /{lang}/cases/category/<key>/   /{lang}/cases/issue/<key>/
    /{lang}/cases/city/<key>/       /{lang}/cases/year/<yyyy>/      /{lang}/cases/project/<type>/
    /{lang}/events/type/<key>/      /{lang}/events/year/<yyyy>/

Pages are written for every value that some item has, and for every sector and technology category
even before a case report names it (the entry points a factory engineer looks for). With
JavaScript, `theme/static/js/filters.js` turns the links into a form whose choices combine at once;
on the paginated case and event lists it fetches `/{lang}/cases/cards.json` or
`/{lang}/events/cards.json` (every card's text and facets, in that language) the first time a
filter is used, and shows the matching cards from it.

Context for the templates: `case_facets`, `event_facets` (lists of `Facet`), `case_filters(case)`
and `event_filters(event)` (facet -> keys, for the cards' data attributes), `related_cases`
(slug -> up to RELATED_LIMIT cases) and the `year` filter.
"""

import datetime
import functools
import heapq
import json
from dataclasses import dataclass, field

from babel.dates import format_skeleton
from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals

from ..common.generator import SiteGenerator
from ..common.pages import PageInfo, alternates_for
from ..multilingual import use_language
from ..multilingual.formatting import locale_of
from ..multilingual.languages import LANGUAGE_CODES
from ..site_pages.pagination import CASES_PER_PAGE, EVENTS_PER_PAGE
from ..site_pages.site_pages import write_event_pages, write_pages

RELATED_LIMIT = 3
PROJECT_TYPES = ("demonstration", "verification", "assessment")


@dataclass
class Facet:
    """One way of narrowing a list: its values in display order, each with its number of items."""

    name: str  # the address segment and the query-string key: sector, category, ...
    vocabulary: str = None  # the data/<vocabulary>.yaml that labels its keys, if any
    values: list = field(default_factory=list)  # [(key, count)]
    always: tuple = ()  # keys that get a filter page even with no item


# --- what each item is, facet by facet --------------------------------------------------------

def case_values(site, case):
    """{facet: [keys]} of a case report."""
    meta = case.meta
    order = list(site.vocab["technology-categories"])
    categories = {site.get("technologies", slug).meta.category for slug in meta.technologies}
    return {
        "sector": [meta.sector],
        "category": sorted(categories, key=order.index),
        "issue": list(meta.issues),
        "city": [meta.city],
        "year": [str(meta.date.year)],
        "project": [meta.project],
    }


def event_values(event):
    return {"type": [event.meta.type], "year": [str(event.meta.start.year)]}


def _facet(name, items_values, order, vocabulary=None, always=()):
    counts = {}
    for values in items_values:
        for key in values[name]:
            counts[key] = counts.get(key, 0) + 1
    keys = [key for key in order if key in counts or key in always]
    return Facet(name, vocabulary, [(key, counts.get(key, 0)) for key in keys], always=tuple(always))


def case_facets(site):
    values = [case_values(site, case) for case in site.items["cases"]]
    years = sorted({v["year"][0] for v in values}, reverse=True)
    vocab = site.vocab
    return [
        _facet("sector", values, list(vocab["sectors"]), "sectors", always=list(vocab["sectors"])),
        _facet("category", values, list(vocab["technology-categories"]), "technology-categories",
               always=list(vocab["technology-categories"])),
        _facet("issue", values, list(vocab["issues"]), "issues"),
        _facet("city", values, list(vocab["cities"]), "cities"),
        _facet("year", values, years),
        _facet("project", values, PROJECT_TYPES),
    ]


def event_facets(site):
    values = [event_values(event) for event in site.items["events"]]
    years = sorted({v["year"][0] for v in values}, reverse=True)
    return [
        _facet("type", values, list(site.vocab["event-types"]), "event-types"),
        _facet("year", values, years),
    ]


def related_cases(site, case, limit=RELATED_LIMIT, index=None):
    """Other cases that share a technology (most shared first), then cases of the same sector.

    `index` (from `related_index(site)`) saves scanning every case for every case: with it the
    whole site costs O(N x cases per technology), not O(N^2)."""
    cases = site.items["cases"]
    by_technology, position, sectors = index or related_index(site)
    mine = position.get(id(case))
    shared = {}
    for slug in set(case.meta.technologies):
        for other in by_technology.get(slug, ()):
            if other != mine:
                shared[other] = shared.get(other, 0) + 1
    # site.items["cases"] is newest first; the position keeps that order among equals.
    sector = case.meta.sector
    ranked = heapq.nsmallest(limit, shared, key=lambda other: (-shared[other], sectors[other] != sector, other))
    related = [cases[other] for other in ranked]
    for other, candidate in enumerate(cases):
        if len(related) >= limit:
            break
        if other != mine and other not in shared and sectors[other] == sector:
            related.append(candidate)
    return related


def related_index(site):
    """({technology slug: [position of each case using it]}, {id(case): position}, [sector of each
    case]) of site.items["cases"]."""
    by_technology, position, sectors = {}, {}, []
    for number, case in enumerate(site.items["cases"]):
        position[id(case)] = number
        sectors.append(case.meta.sector)
        for slug in set(case.meta.technologies):
            by_technology.setdefault(slug, []).append(number)
    return by_technology, position, sectors


# --- templates ---------------------------------------------------------------------------------

@pass_context
def year_label(context, year):
    """`2014` in English, `2014年` in Chinese."""
    return _year_label(int(year), context["lang"])


@functools.cache
def _year_label(year, lang):
    return format_skeleton("y", datetime.date(year, 1, 1), locale=locale_of(lang))


@pass_context
def case_filters(context, case):
    return case_values(context["site"], case)


def event_filters(event):
    return event_values(event)


def json_file(value):
    """The whole of a .json file written from a template: compact, Chinese as it is (not \\u
    escapes, a third of the bytes). Never for JSON inside HTML (that is `tojson`)."""
    return Markup(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def install(generator):
    generator.env.filters["year"] = year_label
    generator.env.filters["json_file"] = json_file
    generator.env.globals.update(case_filters=case_filters, event_filters=event_filters)


class ListingsGenerator(SiteGenerator):
    """Adds the facets to the shared context and writes the filter pages."""

    def generate_site_context(self, site):
        self.context["case_facets"] = case_facets(site)
        self.context["event_facets"] = event_facets(site)
        index = related_index(site)
        self.context["related_cases"] = {case.slug: related_cases(site, case, index=index) for case in site.items["cases"]}
        # A slug that would take a filter page's address never gets here: the contract refuses it
        # (schema.FILTER_PAGE_NAMES, kept equal to these facets by tests/test_hostile_content.py).

    def write_site(self, writer, site):
        values = [(case, case_values(site, case)) for case in site.items["cases"]]  # once, not per page
        cards = self.env.get_template("data/case-cards.json")
        event_cards = self.env.get_template("data/event-cards.json")
        for lang in LANGUAGE_CODES:
            use_language(self.env, lang)
            # Every card's data, fetched by filters.js only when the reader filters the paginated list.
            writer.write_file(f"{lang}/cases/cards.json", cards, self.context, lang=lang, items=site.items["cases"])
            writer.write_file(f"{lang}/events/cards.json", event_cards, self.context, lang=lang)
            for facet in self.context["case_facets"]:
                for key, _count in facet.values:
                    matching = [case for case, keys in values if key in keys[facet.name]]
                    self._write(writer, "cases", facet, key, lang, matching)
            for facet in self.context["event_facets"]:
                for key, _count in facet.values:
                    matching = [event for event in site.items["events"] if key in event_values(event)[facet.name]]
                    self._write(writer, "events", facet, key, lang, matching)
        use_language(self.env, "en")

    def _write(self, writer, kind, facet, key, lang, matching):
        def path(code):
            return f"{code}/{kind}/{facet.name}/{key}/"

        page = PageInfo(path(lang), lang, "", alternates=alternates_for(path, LANGUAGE_CODES),
                        indexable=bool(matching), kind=kind)

        def write(page, **context):
            writer.write_file(page.path + "index.html", self.get_template(kind), self.context, page=page, **context)

        if kind == "events":
            write_event_pages(write, page, matching, path, self.settings.get("EVENTS_PER_PAGE", EVENTS_PER_PAGE),
                              self.context["BUILD_TIME"], lang=lang, current_filter=(facet, key))
            return
        write_pages(write, page, matching, path, self.settings.get("CASES_PER_PAGE", CASES_PER_PAGE),
                    lang=lang, current_filter=(facet, key))


def get_generators(pelican):
    return ListingsGenerator


def register():
    signals.generator_init.connect(install)
    signals.get_generators.connect(get_generators)
