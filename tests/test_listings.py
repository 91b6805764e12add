"""The lists and their filters (plugins/listings): counts, filter pages, related cases, events order."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from conftest import soup
from plugins.site_pages.site_pages import split_events

LANGS = ("en", "tc", "sc")


def card_slugs(html, container="main"):
    return [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in html.select(f"{container} .app-card__title a")]


def expected_values(site, case):
    """A case's facets, worked out here from its facts (not with the plugin's code)."""
    meta = case.meta
    return {
        "sector": {meta.sector},
        "category": {site.get("technologies", slug).meta.category for slug in meta.technologies},
        "issue": set(meta.issues),
        "city": {meta.city},
        "year": {str(meta.date.year)},
        "project": {meta.project},
    }


@pytest.mark.parametrize("lang", LANGS)
def test_case_list_shows_every_case_with_its_count(fixture_output, site, lang):
    html = soup(fixture_output, f"{lang}/cases")
    cases = [case.slug for case in site.items["cases"]]
    assert card_slugs(html, "#case-list") == cases, "newest first, every case"
    status = html.select_one("#case-count").get_text()
    assert status.count(str(len(cases))) == 2, status  # "Showing 3 of 3 case reports"
    assert html.select_one("#case-count")["role"] == "status"


@pytest.mark.parametrize("lang", LANGS)
def test_case_cards_carry_the_facts_and_the_filter_data(fixture_output, site, lang):
    html = soup(fixture_output, f"{lang}/cases")
    for card in html.select("#case-list .app-card"):
        slug = card.select_one(".app-card__title a")["href"].rstrip("/").rsplit("/", 1)[-1]
        case = site.get("cases", slug)
        for facet, keys in expected_values(site, case).items():
            assert set(card[f"data-filter-{facet}"].split()) == keys, (slug, facet)
        facts = card.select_one(".app-card__facts").get_text(" ")
        assert site.vocab["sectors"][case.meta.sector][lang] in facts
        assert site.vocab["cities"][case.meta.city][lang] in facts
        assert str(case.meta.date.year) in facts
        metric = next(iter(case.meta.results))
        assert site.vocab["metrics"][metric][lang] in card.select_one(".app-card__headline").get_text()


@pytest.mark.parametrize("lang", LANGS)
def test_every_filter_page_lists_exactly_the_matching_cases(fixture_output, site, lang):
    html = soup(fixture_output, f"{lang}/cases")
    links = html.select("#case-filters-links .app-filters__link")
    assert links, "the list links to its filter pages"
    checked = 0
    for link in links:
        facet, key = link["href"].strip("/").split("/")[-2:]
        expected = [case.slug for case in site.items["cases"] if key in expected_values(site, case)[facet]]
        page = soup(fixture_output, link["href"].strip("/"))
        assert card_slugs(page, "#case-list") == expected, link["href"]
        assert f"({len(expected)})" in link.get_text(), "the link shows the page's count"
        current = page.select_one("#case-filters-links [aria-current=page]")
        assert current["href"] == link["href"]
        checked += 1
    # Every value of every facet that some case has is offered.
    facets = {}
    for case in site.items["cases"]:
        for facet, keys in expected_values(site, case).items():
            facets.setdefault(facet, set()).update(keys)
    assert checked == sum(len(keys) for keys in facets.values())


def test_every_sector_and_category_has_a_permanent_filter_page(fixture_output, site):
    for lang in LANGS:
        for facet, vocabulary in (("sector", "sectors"), ("category", "technology-categories")):
            for key in site.vocab[vocabulary]:
                page = soup(fixture_output, f"{lang}/cases/{facet}/{key}")
                matching = [case.slug for case in site.items["cases"] if key in expected_values(site, case)[facet]]
                assert card_slugs(page, "main") == matching
                noindex = page.find("meta", attrs={"name": "robots", "content": "noindex"})
                assert bool(noindex) == (not matching), "an empty filter page is not indexed"


def test_filter_form_is_an_enhancement(fixture_output):
    html = soup(fixture_output, "en/cases")
    form = html.select_one("form[data-module=app-filter]")
    assert form.has_attr("hidden"), "without JavaScript the form stays hidden; the links work"
    assert [select["name"] for select in form.select("select")] == ["sector", "category", "issue", "city", "year", "project"]
    script = html.find("script", src="/theme/js/filters.js")
    assert script is not None and script["type"] == "module"
    assert not html.find("script", src=None), "no inline script"


@pytest.mark.parametrize("lang", LANGS)
def test_technology_list_counts_cases_per_brief_and_category(fixture_output, site, lang):
    html = soup(fixture_output, f"{lang}/technologies")
    for category in site.vocab["technology-categories"]:
        in_category = [tech for tech in site.items["technologies"] if tech.meta.category == category]
        section = html.find(id=f"category-{category}")
        if not in_category:
            assert section is None
            continue
        assert f"({len(in_category)})" in section.get_text()
        cards = section.find_parent("section").select(".app-card")
        assert len(cards) == len(in_category)
        for card, tech in zip(cards, in_category):
            used = sum(tech.slug in case.meta.technologies for case in site.items["cases"])
            assert str(used) in card.select_one(".app-card__facts").get_text()


def test_each_case_links_its_technologies_and_each_brief_its_cases(fixture_output, site):
    for case in site.items["cases"]:
        facts = soup(fixture_output, f"en/cases/{case.slug}").select(".app-facts__techs a")
        assert [a["href"] for a in facts] == [f"/en/technologies/{slug}/" for slug in case.meta.technologies]
        for slug in case.meta.technologies:
            brief = soup(fixture_output, f"en/technologies/{slug}")
            assert f"/en/cases/{case.slug}/" in [a["href"] for a in brief.select("#cases-heading ~ ul a")]


def test_related_cases_share_a_technology_first_then_the_sector(fixture_output):
    related = card_slugs(soup(fixture_output, "en/cases/dyeing-water-reuse"), ".app-related")
    assert related == ["printing-plate-water-recycling"]  # same technology (reverse osmosis)
    related = card_slugs(soup(fixture_output, "tc/cases/printing-plate-water-recycling"), ".app-related")
    assert related == ["dyeing-water-reuse", "printer-voc-recovery"]  # technology, then sector
    related = card_slugs(soup(fixture_output, "sc/cases/printer-voc-recovery"), ".app-related")
    assert related == ["printing-plate-water-recycling"]  # same sector


def test_facts_panel_links_to_the_sector_and_city_pages(fixture_output):
    facts = soup(fixture_output, "tc/cases/printer-voc-recovery").select_one(".app-facts")
    hrefs = [a["href"] for a in facts.select("dd > a")]
    assert "/tc/cases/sector/printing/" in hrefs and "/tc/cases/city/dongguan/" in hrefs
    for href in hrefs:
        assert (fixture_output / href.strip("/") / "index.html").is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_event_list_upcoming_soonest_first_then_past_newest_first_by_year(fixture_output, site, lang):
    html = soup(fixture_output, f"{lang}/events")
    # The fixture is built at 2015-01-01 08:00 in Hong Kong.
    assert card_slugs(html, "section[aria-labelledby=upcoming]") == ["voc-seminar", "cleaner-production-expo"]
    past = html.select_one("section[aria-labelledby=past]")
    assert card_slugs(past, "section") == ["rinse-water-workshop", "factory-visit-dongguan"]
    assert [h3.get_text() for h3 in past.select("h3[id^=past-]")] == (["2014", "2013"] if lang == "en" else ["2014年", "2013年"])
    assert len(html.select("#event-list .app-card")) == len(site.items["events"])


def test_event_dates_in_each_locale_with_weekday(fixture_output):
    dates = {lang: soup(fixture_output, f"{lang}/events").select_one("section[aria-labelledby=upcoming]").get_text(" ") for lang in LANGS}
    assert "Tuesday, 10 March 2015" in dates["en"]
    assert "2015年3月10日（星期二）" in dates["tc"]
    assert "2015年3月10日（星期二）" in dates["sc"]
    assert "2015年2月5日（星期四）" in soup(fixture_output, "tc/events/type/seminar").get_text()


def test_event_filter_pages_list_the_matching_events(fixture_output, site):
    for lang in LANGS:
        for event_type in {event.meta.type for event in site.items["events"]}:
            page = soup(fixture_output, f"{lang}/events/type/{event_type}")
            expected = {event.slug for event in site.items["events"] if event.meta.type == event_type}
            assert set(card_slugs(page, "#event-list")) == expected
        for year in {event.meta.start.year for event in site.items["events"]}:
            page = soup(fixture_output, f"{lang}/events/year/{year}")
            expected = {event.slug for event in site.items["events"] if event.meta.start.year == year}
            assert set(card_slugs(page, "#event-list")) == expected


def test_upcoming_is_decided_in_hong_kong_time(site):
    hong_kong = ZoneInfo("Asia/Hong_Kong")
    events = site.items["events"]

    def upcoming(when):
        return [event.slug for event in split_events(events, when)["upcoming_events"]]

    # The seminar runs 10:00 to 12:30 on 5 February 2015, Hong Kong time.
    assert "voc-seminar" in upcoming(datetime.datetime(2015, 2, 5, 12, 29, tzinfo=hong_kong))
    assert "voc-seminar" not in upcoming(datetime.datetime(2015, 2, 5, 12, 31, tzinfo=hong_kong))
    # The expo (10 to 12 March, all day) is upcoming until the end of its last day.
    assert "cleaner-production-expo" in upcoming(datetime.datetime(2015, 3, 12, 23, 59, tzinfo=hong_kong))
    assert "cleaner-production-expo" not in upcoming(datetime.datetime(2015, 3, 13, 0, 0, 1, tzinfo=hong_kong))
    past = [event.slug for event in split_events(events, datetime.datetime(2016, 1, 1, tzinfo=hong_kong))["past_events"]]
    assert past == ["cleaner-production-expo", "voc-seminar", "rinse-water-workshop", "factory-visit-dongguan"]
