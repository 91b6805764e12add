"""iCalendar files (plugins/calendar): /events.ics and /{lang}/events/<slug>/event.ics."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from conftest import FIXTURE_EPOCH, soup

HONG_KONG = ZoneInfo("Asia/Hong_Kong")
LANGS = {"en": "en", "tc": "zh-Hant-HK", "sc": "zh-Hans-CN"}


def read_calendar(path):
    data = path.read_bytes()
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b""), "RFC 5545 lines end in CRLF"
    assert all(len(line) <= 75 for line in data.split(b"\r\n")), "lines are folded at 75 octets"
    return Calendar.from_ical(data)


def expected_times(meta):
    """(start, end) as icalendar decodes them: aware date-times in Hong Kong, or dates (end exclusive)."""
    start, end = meta.start, meta.end
    if isinstance(start, datetime.datetime):
        return start.replace(tzinfo=HONG_KONG), end.replace(tzinfo=HONG_KONG) if end else None
    return start, (end or start) + datetime.timedelta(days=1)


def test_all_events_calendar_holds_every_event_at_its_hong_kong_time(fixture_output, site):
    calendar = read_calendar(fixture_output / "events.ics")
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    timezones = [tz for tz in calendar.walk("VTIMEZONE")]
    assert [str(tz["TZID"]) for tz in timezones] == ["Asia/Hong_Kong"]
    events = {str(event["URL"]).rstrip("/").rsplit("/", 1)[-1]: event for event in calendar.walk("VEVENT")}
    assert set(events) == {event.slug for event in site.items["events"]}
    stamp = datetime.datetime.fromtimestamp(int(FIXTURE_EPOCH), tz=datetime.timezone.utc)
    uids = set()
    for item in site.items["events"]:
        event = events[item.slug]
        start, end = expected_times(item.meta)
        assert event.decoded("DTSTART") == start, item.slug
        if isinstance(start, datetime.datetime):
            assert event["DTSTART"].params["TZID"] == "Asia/Hong_Kong"
            assert event.decoded("DTSTART").utcoffset() == datetime.timedelta(hours=8)
        else:
            assert event["DTSTART"].params["VALUE"] == "DATE"
        assert (event.decoded("DTEND") if "DTEND" in event else None) == end, item.slug
        assert event.decoded("DTSTAMP") == stamp, "DTSTAMP is the build time"
        uids.add(str(event["UID"]))
        text = item.texts.get("en") or item.texts["tc"]
        assert str(event["SUMMARY"]) == text.title
    assert len(uids) == len(site.items["events"]), "one UID per event"


def test_seminar_runs_from_ten_to_half_past_twelve_hong_kong_time(fixture_output):
    calendar = read_calendar(fixture_output / "events.ics")
    seminar = next(e for e in calendar.walk("VEVENT") if str(e["URL"]).endswith("/voc-seminar/"))
    assert seminar.decoded("DTSTART").astimezone(datetime.timezone.utc) == datetime.datetime(2015, 2, 5, 2, 0, tzinfo=datetime.timezone.utc)
    assert seminar.decoded("DTEND").astimezone(datetime.timezone.utc) == datetime.datetime(2015, 2, 5, 4, 30, tzinfo=datetime.timezone.utc)
    expo = next(e for e in calendar.walk("VEVENT") if str(e["URL"]).endswith("/cleaner-production-expo/"))
    assert (expo.decoded("DTSTART"), expo.decoded("DTEND")) == (datetime.date(2015, 3, 10), datetime.date(2015, 3, 13))


@pytest.mark.parametrize("lang", LANGS)
def test_each_event_has_its_own_calendar_file_in_each_language(fixture_output, site, lang):
    everything = {str(e["URL"]).rstrip("/").rsplit("/", 1)[-1]: e for e in read_calendar(fixture_output / "events.ics").walk("VEVENT")}
    for item in site.items["events"]:
        calendar = read_calendar(fixture_output / lang / "events" / item.slug / "event.ics")
        (event,) = calendar.walk("VEVENT")
        assert str(event["UID"]) == str(everything[item.slug]["UID"]), "the same UID everywhere"
        text = item.texts.get(lang)
        if text is not None:
            assert str(event["SUMMARY"]) == text.title
            assert event["SUMMARY"].params["LANGUAGE"] == LANGS[lang]
        assert calendar.walk("VTIMEZONE"), "a VTIMEZONE for the TZID"


@pytest.mark.parametrize("lang", LANGS)
def test_event_page_links_add_to_calendar(fixture_output, lang):
    html = soup(fixture_output, f"{lang}/events/cleaner-production-expo/")
    link = html.select_one("a.app-calendar-add")
    assert link["href"] == f"/{lang}/events/cleaner-production-expo/event.ics"
    assert link["type"] == "text/calendar"
    listing = soup(fixture_output, f"{lang}/events/")
    assert listing.select_one(".app-calendar-link a")["href"] == "/events.ics"


def test_calendar_files_are_plain_calendars_not_itip_messages(fixture_output):
    """METHOD:PUBLISH makes a file an iTIP message, which must name an ORGANIZER (RFC 5546; libical's
    check fails without one): the files carry no METHOD, or an ORGANIZER on every event."""
    files = [fixture_output / "events.ics", *sorted(fixture_output.glob("*/events/*/event.ics"))]
    assert len(files) > 1
    for file in files:
        calendar = read_calendar(file)
        if "METHOD" in calendar:
            assert all("ORGANIZER" in event for event in calendar.walk("VEVENT")), f"{file}: METHOD without ORGANIZER"
