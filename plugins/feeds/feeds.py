"""Pelican plugin: an Atom feed per language, `/{lang}/feed.atom`, of case reports and technology briefs.

Newest first, every item that is written in the feed's language (a Simplified text generated from
the Traditional counts) and has a date; each entry links to the page and carries its summary. Item
dates are publication days, stamped at midnight Hong Kong time; the feed's `updated` is its newest
entry's date, so a build without new content gives the same bytes. Pages name the feed with
`<link rel="alternate" type="application/atom+xml">` (theme/templates/partials/meta.html).
"""

import datetime
import html
import logging
import os

from feedgenerator import Atom1Feed
from pelican import signals

from ..common.generator import SiteGenerator
from ..common.hong_kong import HONG_KONG, build_time
from ..multilingual.languages import BY_CODE, LANGUAGE_CODES

logger = logging.getLogger(__name__)

KINDS = {"cases": "Case report", "technologies": "Technology brief"}  # msgids of the theme's catalog


def feed_path(lang):
    return f"{lang}/feed.atom"


def feed_entries(site, lang):
    """[(item, text)] of the feed in `lang`, newest first (slug breaks ties, for stable output)."""
    entries = [
        (item, item.texts[lang])
        for kind in KINDS
        for item in site.items[kind]
        if lang in item.texts and item.date is not None
    ]
    entries.sort(key=lambda entry: (entry[0].date, entry[0].kind, entry[0].slug), reverse=True)
    return entries


def same_day_offsets(entries):
    """{id(item): seconds after midnight} for the entries' `updated`: feed readers tell entries
    apart (and validators require) by distinct `updated` times, and items published on the same
    day would all stand at midnight. The later an entry comes in the feed's order, the earlier its
    second, so the order of `updated` is the feed's order and the same content gives the same
    bytes. One pass over the feed (entries are grouped by day already: they are sorted by date)."""
    remaining = {}
    for item, _ in entries:
        remaining[item.date] = remaining.get(item.date, 0) + 1
    offsets = {}
    for item, _ in entries:
        remaining[item.date] -= 1
        offsets[id(item)] = datetime.timedelta(seconds=remaining[item.date])
    return offsets


class StableAtomFeed(Atom1Feed):
    """An Atom feed whose `updated` never comes from the clock: its newest entry, else the build time."""

    def __init__(self, *args, build_time, **kwargs):
        super().__init__(*args, **kwargs)
        self.build_time = build_time

    def latest_post_date(self):
        return super().latest_post_date() if self.items else self.build_time


def make_feed(site, lang, settings, gettext):
    site_url = settings["SITEURL"].rstrip("/")
    name = gettext(settings["SITENAME"])
    feed = StableAtomFeed(
        title=name,
        link=f"{site_url}/{lang}/",
        description="",
        language=BY_CODE[lang].html_lang,
        author_name=gettext(settings["AUTHOR"]),
        feed_url=f"{site_url}/{feed_path(lang)}",
        feed_guid=f"{site_url}/{feed_path(lang)}",
        subtitle=gettext("New case reports and technology briefs"),
        build_time=build_time(settings),
    )
    entries = feed_entries(site, lang)
    offsets = same_day_offsets(entries)
    for item, text in entries:
        url = f"{site_url}/{item.path(lang)}"
        stamp = datetime.datetime.combine(item.date, datetime.time(), tzinfo=HONG_KONG)
        feed.add_item(
            title=text.title,
            link=url,
            unique_id=url,
            description=html.escape(text.summary or ""),  # Atom summary of type html: escape the text
            pubdate=stamp,
            updateddate=stamp + offsets[id(item)],
            categories=[gettext(KINDS[item.kind])],
        )
    return feed


class FeedsGenerator(SiteGenerator):
    def write_site(self, writer, site):
        for lang in LANGUAGE_CODES:
            gettext = self.env.translations_by_lang[lang].gettext
            feed = make_feed(site, lang, self.settings, gettext)
            path = os.path.join(self.output_path, feed_path(lang))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as handle:
                feed.write(handle, "utf-8")
            logger.info("feeds: wrote %s (%d entries)", feed_path(lang), len(feed.items))


def get_generators(pelican):
    return FeedsGenerator


def register():
    signals.get_generators.connect(get_generators)
