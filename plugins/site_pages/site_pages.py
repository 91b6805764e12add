"""Pelican plugin: write every HTML page of the three language sites.

For each language: the home page, a list (in pages: plugins/site_pages/pagination.py) and a page
per case report, technology brief and event, the plain pages, and a missing-translation page wherever an item lacks that language,
so the language switcher never leads to a 404. Also the root language chooser and `/404.html`.
(The items' images are published by plugins/images.)
"""

import datetime
import functools
import logging

from pelican import signals

from ..common.generator import SiteGenerator
from ..common.hong_kong import HONG_KONG, build_time  # noqa: F401 (HONG_KONG, build_time: imported from here too)
from ..common.pages import Alternate, PageInfo, alternates_for  # noqa: F401 (kept importable from site_pages)
from ..multilingual import use_language
from ..multilingual.languages import BY_CODE, LANGUAGE_CODES, text_and_fallback, text_for, text_of  # noqa: F401
from .pagination import CASES_PER_PAGE, EVENTS_PER_PAGE, EVIDENCE_VALUES_SHOWN, TECHNOLOGY_CASES_SHOWN, page_path, paginate

logger = logging.getLogger(__name__)

#: kind -> (list template, item template)
TEMPLATES = {
    "cases": ("cases", "case"),
    "technologies": ("technologies", "technology"),
    "events": ("events", "event"),
}


def split_events(events, now):
    """{"upcoming_events": soonest first, "past_events": newest first}; an event is upcoming until it ends."""
    today = now.replace(tzinfo=None)
    upcoming, past = [], []
    for event in events:  # in start order
        end = event.meta.end or event.meta.start
        end_time = end if isinstance(end, datetime.datetime) else datetime.datetime.combine(end, datetime.time.max)
        (upcoming if end_time >= today else past).append(event)
    return {"upcoming_events": upcoming, "past_events": list(reversed(past))}


def write_pages(write, listing, items, base_of, size, page_context=None, **context):
    """Write `items` as the pages of the list `listing` (a PageInfo) with `write(page, **context)`;
    the list's address in each language is `base_of(code)`, and each page's hreflang links lead to
    the same page number in the other languages. The template gets the page's `items` and whether
    any item of the whole list is illustrative, `any_illustrative` (the list's size is
    `page.pagination.total`): not the whole list, which `make serve` would compare for every page.
    `page_context(page_items)`, if given, adds what a page's template needs of its own items."""
    any_illustrative = any(getattr(item, "meta", item).illustrative for item in items)
    for pagination, page_items in paginate(items, base_of(listing.lang), size):
        alternates = alternates_for(lambda code, number=pagination.number: page_path(base_of(code), number),
                                    [a.code for a in listing.alternates if a.available])
        extra = page_context(page_items) if page_context else {}
        write(listing.with_page(pagination, alternates), items=page_items, any_illustrative=any_illustrative, **extra, **context)


def write_event_pages(write, listing, events, base_of, size, now, **context):
    """The event list `events` (in start order) in pages, as `write_pages`: upcoming events soonest
    first, then past events newest first, so that page 1 shows what is coming. Each page's template
    gets its share as `upcoming_events` and `past_events` (upcoming events fill the first pages:
    only page 1 says none is scheduled), and `on_record`: whether the whole list mixes illustrative
    events with real ones (the real ones are then tagged, on every page alike)."""
    split = split_events(events, now)
    upcoming = {id(event) for event in split["upcoming_events"]}
    illustrative = {event.meta.illustrative for event in events}

    def page_context(page_items):
        return {"upcoming_events": [event for event in page_items if id(event) in upcoming],
                "past_events": [event for event in page_items if id(event) not in upcoming]}

    write_pages(write, listing, split["upcoming_events"] + split["past_events"], base_of, size, page_context,
                on_record=len(illustrative) == 2, **context)


class SitePagesGenerator(SiteGenerator):
    def generate_context(self):
        self.context["BUILD_TIME"] = build_time(self.settings)  # even without a site
        super().generate_context()

    def generate_site_context(self, site):
        now = self.context["BUILD_TIME"]
        self.context["technology_cases"] = {
            tech.slug: [case for case in site.items["cases"] if tech.slug in case.meta.technologies]
            for tech in site.items["technologies"]
        }
        self.context.update(split_events(site.items["events"], now))
        self.context["nav_pages"] = [page for page in site.items["pages"] if page.meta.nav]
        self.context["TECHNOLOGY_CASES_SHOWN"] = self.settings.get("TECHNOLOGY_CASES_SHOWN", TECHNOLOGY_CASES_SHOWN)
        self.context["EVIDENCE_VALUES_SHOWN"] = self.settings.get("EVIDENCE_VALUES_SHOWN", EVIDENCE_VALUES_SHOWN)

    def write_site(self, writer, site):
        state = self.settings.get("INCREMENTAL_STATE")  # `make serve` (plugins/incremental)
        if state is not None:
            for item in state.changed_items(self.context):  # the edited item's pages first
                for lang in LANGUAGE_CODES:
                    use_language(self.env, lang)
                    self._write_item(writer, item, self._item_template(item), lang)
        for lang in LANGUAGE_CODES:
            use_language(self.env, lang)
            self._write_language(writer, site, lang)
        use_language(self.env, "en")
        self._write(writer, "root", PageInfo("", "en", self.settings["SITENAME"], alternates=alternates_for(lambda code: f"{code}/", LANGUAGE_CODES)), lang="en")
        self._write(writer, "404", PageInfo("404.html", "en", "404", indexable=False), lang="en")
        # The items' images are published by plugins/images (responsive sizes, no EXIF).

    def _write(self, writer, template, page, **context):
        name = page.path + "index.html" if page.path.endswith("/") or not page.path else page.path
        writer.write_file(name, self.get_template(template), self.context, page=page, **context)

    def _write_language(self, writer, site, lang):
        everywhere = LANGUAGE_CODES
        home = PageInfo(f"{lang}/", lang, "", alternates=alternates_for(lambda code: f"{code}/", everywhere), kind="home")
        self._write(writer, "home", home, lang=lang)
        for kind, (list_template, item_template) in TEMPLATES.items():
            listing = PageInfo(f"{lang}/{kind}/", lang, "", alternates=alternates_for(lambda code, k=kind: f"{code}/{k}/", everywhere), kind=kind)
            write = functools.partial(self._write, writer, list_template)
            if kind == "cases":
                write_pages(write, listing, site.items[kind], lambda code: f"{code}/cases/", self.settings.get("CASES_PER_PAGE", CASES_PER_PAGE), lang=lang)
            elif kind == "events":
                write_event_pages(write, listing, site.items[kind], lambda code: f"{code}/events/",
                                  self.settings.get("EVENTS_PER_PAGE", EVENTS_PER_PAGE), self.context["BUILD_TIME"], lang=lang)
            else:
                self._write(writer, list_template, listing, lang=lang, items=site.items[kind])
            for item in site.items[kind]:
                self._write_item(writer, item, item_template, lang)
                if kind == "technologies":
                    self._write_technology_cases(writer, item, lang)
        for item in site.items["pages"]:
            self._write_item(writer, item, self._item_template(item), lang)

    def _item_template(self, item):
        if item.kind in TEMPLATES:
            return TEMPLATES[item.kind][1]
        # A page may have a template of its own (page-results.html draws the figures).
        return f"page-{item.slug}" if f"page-{item.slug}.html" in self._template_names else "page"

    @functools.cached_property
    def _template_names(self):
        """The theme's template names, listed once a build (a walk of the theme's folders)."""
        return set(self.env.list_templates())

    def _write_technology_cases(self, writer, technology, lang):
        """/{lang}/technologies/<slug>/cases/, in pages: every case report using a technology whose
        brief shows only the newest TECHNOLOGY_CASES_SHOWN."""
        cases = self.context["technology_cases"][technology.slug]
        if len(cases) <= self.context["TECHNOLOGY_CASES_SHOWN"] or lang not in technology.texts:
            return
        def base_of(code):
            return technology.path(code) + "cases/"

        listing = PageInfo(base_of(lang), lang, "", alternates=alternates_for(base_of, technology.texts), kind="cases")
        write_pages(lambda page, **context: self._write(writer, "technology-cases", page, **context), listing, cases, base_of,
                    self.settings.get("CASES_PER_PAGE", CASES_PER_PAGE), lang=lang, item=technology)

    def _write_item(self, writer, item, template, lang):
        alternates = alternates_for(item.path, item.texts)
        if lang in item.texts:
            text = item.texts[lang]
            page = PageInfo(item.path(lang), lang, text.title, text.summary or "", alternates, kind=item.kind)
            # A page that holds a long list (the awardee directory) is written in pages of it:
            # PAGED_PAGES[slug] = (its items, items per page), set by the plugin that owns the list.
            paged = self.context.get("PAGED_PAGES", {}).get(item.slug)
            if paged:
                write_pages(lambda page, **context: self._write(writer, template, page, **context), page, paged[0],
                            item.path, paged[1], lang=lang, item=item, text=text)
                return
            self._write(writer, template, page, lang=lang, item=item, text=text)
        else:
            text, _ = text_for(item, lang)
            page = PageInfo(item.path(lang), lang, text.title, "", alternates, indexable=False, kind="missing")
            self._write(writer, "missing", page, lang=lang, item=item, text=text)


def get_generators(pelican):
    return SitePagesGenerator


def register():
    signals.get_generators.connect(get_generators)
