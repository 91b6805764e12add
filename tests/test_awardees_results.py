"""The awardee directory (plugins/awardees), the results charts (plugins/results) and the home figures."""

import re

import opencc
import pytest

from conftest import soup
from plugins.multilingual.formatting import format_hkd, format_number
from plugins.results.charts import Bar, Chart, Row, Segment, nice_scale, render

LANGS = ("en", "tc", "sc")
TO_SIMPLIFIED = opencc.OpenCC("hk2s")


def name_in(row, lang):
    return {"en": row.name_en, "tc": row.name_tc, "sc": row.name_sc or TO_SIMPLIFIED.convert(row.name_tc)}[lang]


# --- awardees ------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_directory_lists_every_awardee_by_year_in_the_page_language(fixture_output, site, lang):
    html = soup(fixture_output, f"{lang}/awardees")
    rows = html.select("#awardee-table tr[data-filter-item]")
    assert len(rows) == len(site.awardees)
    names = [row.th.get_text(" ", strip=True) for row in rows]
    for awardee in site.awardees:
        shown = [name for name in names if name.startswith(name_in(awardee, lang))]
        assert shown, f"{name_in(awardee, lang)} is not listed"
        assert ("示例" in shown[0] or "Illustrative" in shown[0]) == awardee.illustrative, "illustrative rows are marked"
    years = [int(row["data-filter-year"]) for row in rows]
    assert years == sorted(years, reverse=True), "grouped by year, newest first"
    groups = [th.get_text() for th in html.select("#awardee-table .app-directory__group th")]
    assert groups == ([str(y) for y in sorted({a.year for a in site.awardees}, reverse=True)] if lang == "en"
                      else [f"{y}年" for y in sorted({a.year for a in site.awardees}, reverse=True)])
    status = html.select_one("#awardee-count").get_text()
    assert status.count(str(len(site.awardees))) == 2


def test_simplified_names_use_name_sc_or_the_converted_traditional(fixture_output):
    text = soup(fixture_output, "sc/awardees").select_one("#awardee-table").get_text()
    assert "清水工程有限公司（简体名称）" in text  # name_sc given
    assert "莲花制衣有限公司" in text and "蓮花" not in text  # converted from name_tc


@pytest.mark.parametrize("lang", LANGS)
def test_counts_per_year_and_category_add_up(fixture_output, site, lang):
    table = soup(fixture_output, f"{lang}/awardees").select_one("table.app-table--numbers")
    categories = ["manufacturer", "etsp", "buyer", "excellent"]
    for tr in table.select("tbody tr"):
        year = int(re.sub(r"\D", "", tr.th.get_text()))
        cells = [int(td.get_text()) for td in tr.select("td")]
        expected = [sum(1 for a in site.awardees if a.year == year and a.category == c) for c in categories]
        assert cells == expected + [sum(expected)]
    totals = [int(td.get_text()) for td in table.select("tfoot td")]
    assert totals == [sum(1 for a in site.awardees if a.category == c) for c in categories] + [len(site.awardees)]


def test_programme_totals_come_from_programme_yaml(fixture_output, site):
    awarded = site.programme.logo_scheme.awarded_in_extension
    for lang in LANGS:
        figures = [span.get_text() for span in soup(fixture_output, f"{lang}/awardees").select(".app-figures__number")]
        assert figures == [str(awarded.manufacturers), str(awarded.etsps), str(awarded.buyers)]


# --- results charts ------------------------------------------------------------------------------

def programme_figures(programme, lang):
    """Every figure the results page must show, formatted as the page writes it."""
    number = lambda value: format_number(value, lang)  # noqa: E731
    figures = []
    for key in ("assessment", "demonstration", "verification"):
        item = getattr(programme.approvals, key)
        figures += [number(item.fy2013_14), number(item.fy2014_15), number(item.total), number(item.target_min), number(item.target_max)]
    split = programme.demonstration_split
    figures += [number(split.total)] + [number(getattr(split, key).projects) for key in ("air", "wastewater", "energy")]
    figures += [number(getattr(programme.benefits.reductions, key).tonnes) for key in ("voc", "so2", "nox", "co2", "wastewater")]
    for key in ("first", "extension_2013", "extension_2015"):
        phase = getattr(programme.phases, key)
        figures += [format_hkd(value, lang) for value in (phase.funding_hkd, phase.spend_hkd) if value is not None]
    return figures


@pytest.mark.parametrize("lang", LANGS)
def test_every_chart_has_a_text_alternative_and_a_table(fixture_output, lang):
    html = soup(fixture_output, f"{lang}/results")
    charts = html.select("section.app-chart")
    assert len(charts) == 5
    for section in charts:
        svg = section.select_one("svg")
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        title, desc = svg.find("title"), svg.find("desc")
        assert (title["id"], desc["id"]) == (title_id, desc_id)
        assert title.get_text() == section.h2.get_text(), "the chart's title is its heading"
        assert len(desc.get_text()) > 20
        table = section.select_one("table")
        assert table.caption and table.select("th[scope=col]") and table.select("th[scope=row]")


@pytest.mark.parametrize("lang", LANGS)
def test_charts_and_tables_hold_the_figures_of_programme_yaml(fixture_output, site, lang):
    html = soup(fixture_output, f"{lang}/results")
    drawn = " ".join(text.get_text() for text in html.select("section.app-chart svg text, section.app-chart svg desc"))
    tables = " ".join(td.get_text() for td in html.select("section.app-chart table td"))
    for figure in programme_figures(site.programme, lang):
        assert figure in drawn, f"{figure} is not in the charts"
        assert figure in tables, f"{figure} is not in the tables"


def test_approval_bars_are_drawn_to_scale(fixture_output, site):
    svg = soup(fixture_output, "en/results").select_one("#chart-approvals-heading").find_parent("section").svg
    bars = svg.select("g.app-chart__rows > rect[fill='#0b6e4f'], g.app-chart__rows > rect[fill='#1d70b8']")
    widths = [float(rect["width"]) for rect in bars]
    approvals = site.programme.approvals
    values = [v for key in ("assessment", "demonstration", "verification") for v in (getattr(approvals, key).fy2013_14, getattr(approvals, key).fy2014_15)]
    # Segments of one bar are separated by a 2-unit white gap: compare the right-hand segments.
    scale = widths[1] / values[1]
    for width, value in zip(widths[1::2], values[1::2]):
        assert width == pytest.approx(value * scale, abs=0.02)


def test_chart_labels_are_in_the_page_language(fixture_output, site):
    split = site.programme.demonstration_split
    for lang, label in (("en", split.air.label.en), ("tc", split.air.label.tc), ("sc", TO_SIMPLIFIED.convert(split.air.label.tc))):
        labels = [t.get_text() for t in soup(fixture_output, f"{lang}/results").select("#chart-split-heading ~ div svg .app-chart__label")]
        assert label in labels


def test_results_page_links_the_open_data(fixture_output):
    links = {a["href"] for a in soup(fixture_output, "tc/results").select("a[href^='/data/']")}
    assert links == {f"/data/{name}.{ext}" for name in ("cases", "technologies", "events", "awardees") for ext in ("csv", "json")}
    for link in links:
        assert (fixture_output / link.lstrip("/")).is_file()


def test_nice_scale_covers_the_largest_value_with_round_steps():
    assert nice_scale(271) == (300, 100)
    assert nice_scale(9300) == (10000, 2500)
    assert nice_scale(7_800_000, 2) == (10_000_000, 5_000_000)
    for largest in (1, 7, 98, 150, 999, 12345):
        maximum, step = nice_scale(largest)
        assert maximum >= largest and maximum / step <= 4


def test_chart_escapes_its_text():
    chart = Chart("x", "<b>title</b>", "a & b", [Row("<script>", [Bar([Segment(5)], "5 </text>")])])
    svg = str(render(chart))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "5 &lt;/text&gt;" in svg and "&lt;b&gt;title&lt;/b&gt;" in svg


# --- home ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_home_shows_figures_latest_cases_upcoming_events_and_a_search_box(fixture_output, site, lang):
    html = soup(fixture_output, lang)
    figures = [span.get_text() for span in html.select(".app-figures__number")]
    approvals = site.programme.approvals
    assert figures[:2] == [str(approvals.assessment.total), str(approvals.demonstration.total)]
    latest = [a["href"] for a in html.select("#latest-cases ~ ul .app-card__title a")]
    assert latest == [f"/{lang}/cases/{case.slug}/" for case in site.items["cases"][:6]]
    upcoming = [a["href"] for a in html.select("#upcoming-events ~ ul .app-card__title a")]
    assert upcoming == [f"/{lang}/events/voc-seminar/", f"/{lang}/events/cleaner-production-expo/"]
    form = html.select_one("form.app-home__search")
    assert form["action"] == f"/{lang}/search/" and form["method"] == "get"
    assert form.select_one("input")["name"] == "q"
    assert html.find("label", attrs={"for": form.select_one("input")["id"]})
