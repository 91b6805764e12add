"""Pelican plugin: the events as iCalendar (RFC 5545) files, made with the `icalendar` library.

- `/events.ics`: every event, in English (or Traditional Chinese where an event has no English);
- `/{lang}/events/<slug>/event.ics`: one event in the page's language, for "Add to calendar".

Times are Hong Kong times (TZID=Asia/Hong_Kong, with its VTIMEZONE); an all-day event is written
as DATE values with DTEND the day after it ends, as RFC 5545 wants. DTSTAMP is the build time
(SOURCE_DATE_EPOCH when set), so the same content and build time give the same bytes. UIDs are
name-based UUIDs of the event's slug: stable across builds and hosts, so a calendar that has
subscribed updates an event rather than adding it twice.
"""

import datetime
import logging
import os
import uuid
from functools import lru_cache
from pathlib import Path

from icalendar import Calendar, Event, Timezone
from pelican import signals

from ..common.generator import SiteGenerator
from ..common.hong_kong import HONG_KONG, HONG_KONG_TZID, build_time
from ..multilingual.languages import BY_CODE, LANGUAGE_CODES, text_for

logger = logging.getLogger(__name__)

TZID = HONG_KONG_TZID
#: The namespace of the events' UIDs: uuid5(UID_NAMESPACE, slug). Never change it.
UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "cleaner-production-partnership-programme/events")
PRODID = "-//Hong Kong Productivity Council//Cleaner Production Partnership Programme//EN"
ALL_EVENTS_LANGUAGE = "en"


def event_uid(slug):
    return f"{uuid.uuid5(UID_NAMESPACE, slug)}"


@lru_cache(maxsize=1)
def _hong_kong_timezone():
    """The VTIMEZONE, made once (icalendar takes about 0.2 s to work it out from tzdata); every
    calendar can share the same component, which nothing changes after it is made."""
    # Hong Kong has kept +08:00 all year since 1980; starting there keeps the VTIMEZONE short.
    return Timezone.from_tzinfo(HONG_KONG, tzid=TZID, first_date=datetime.date(1980, 1, 1))


def _calendar(name=None):
    """A calendar; `name` only for the subscribed feed (a single event is added to the reader's own)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # No METHOD: METHOD:PUBLISH would make each file an iTIP message, which must name an ORGANIZER
    # (RFC 5546), and the events have no organiser's address to give. A plain calendar is what
    # subscribing and importing expect.
    if name:
        calendar.add("name", name)  # RFC 7986
        calendar.add("x-wr-calname", name)  # what most clients read
        calendar.add("refresh-interval", datetime.timedelta(days=1), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "P1D")
    calendar.add("x-wr-timezone", TZID)
    calendar.add_component(_hong_kong_timezone())
    return calendar


def _times(meta):
    """(DTSTART, DTEND or None) as icalendar values."""
    start, end = meta.start, meta.end
    if isinstance(start, datetime.datetime):
        start_value = start.replace(tzinfo=HONG_KONG)
        if end is None:
            return start_value, None
        if not isinstance(end, datetime.datetime):  # ends on a day: the whole of that day
            end = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time())
        return start_value, end.replace(tzinfo=HONG_KONG)
    last_day = end.date() if isinstance(end, datetime.datetime) else (end or start)
    return start, last_day + datetime.timedelta(days=1)  # DTEND of a DATE event is exclusive


def make_event(site, item, lang, abs_url, stamp):
    """The VEVENT of one event in `lang` (its nearest language when it has no text in `lang`)."""
    meta = item.meta
    text, _ = text_for(item, lang)
    text_lang = BY_CODE[text.lang].html_lang
    event = Event()
    event.add("uid", event_uid(item.slug))
    event.add("dtstamp", stamp)
    start, end = _times(meta)
    event.add("dtstart", start)
    if end is not None:
        event.add("dtend", end)
    event.add("summary", text.title, parameters={"LANGUAGE": text_lang})
    page = abs_url(item.path(text.lang))
    description = "\n\n".join(part for part in (text.summary, page) if part)
    event.add("description", description, parameters={"LANGUAGE": text_lang})
    city = site.vocab["cities"][meta.city][text.lang]
    venue = text.venue
    location = venue if not venue or city in venue else f"{venue}, {city}" if text.lang == "en" else f"{city}{venue}"
    event.add("location", location or city, parameters={"LANGUAGE": text_lang})
    event.add("categories", [site.vocab["event-types"][meta.type][text.lang]], parameters={"LANGUAGE": text_lang})
    event.add("url", page)
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


class CalendarGenerator(SiteGenerator):
    def write_site(self, writer, site):
        abs_url = self.env.globals["abs_url"]  # SITEURL-absolute, set up by plugins.multilingual

        stamp = build_time(self.settings).astimezone(datetime.timezone.utc)
        everything = _calendar(self.settings["SITENAME"])
        for item in site.items["events"]:
            everything.add_component(make_event(site, item, ALL_EVENTS_LANGUAGE, abs_url, stamp))
            for lang in LANGUAGE_CODES:
                single = _calendar()
                single.add_component(make_event(site, item, lang, abs_url, stamp))
                self._write(single, f"{item.path(lang)}event.ics")
        self._write(everything, "events.ics")
        self._remove_stale(site)

    def _remove_stale(self, site):
        """The file of an event no longer on the site: `make serve` keeps the output folder between
        rebuilds, and these files are not written through Pelican's writer (which plugins/incremental
        tidies), so a deleted or renamed event's would stay behind. (Its emptied folder is removed
        with its page.)"""
        current = {item.slug for item in site.items["events"]}
        for lang in LANGUAGE_CODES:
            for stale in Path(self.output_path, lang, "events").glob("*/event.ics"):
                if stale.parent.name not in current:
                    stale.unlink()
                    logger.info("calendar: removed %s", stale.relative_to(self.output_path))

    def _write(self, calendar, name):
        path = os.path.join(self.output_path, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(calendar.to_ical())
        logger.info("calendar: wrote %s", name)


def get_generators(pelican):
    return CalendarGenerator


def register():
    signals.get_generators.connect(get_generators)
