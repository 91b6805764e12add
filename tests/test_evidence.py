"""Evidence per technology and the solution finder (plugins/evidence)."""

import shutil
import statistics
from types import SimpleNamespace

import pytest

from conftest import build, soup
from plugins.evidence.evidence import ENOUGH_CASES, evidence_of, finder_pairs, ranked_evidence

LANGS = ("en", "tc", "sc")


# --- the computation, on stand-in items --------------------------------------------------------

def fake_case(slug, sector, technologies, issues, results, investment=None, payback=None):
    meta = SimpleNamespace(sector=sector, technologies=technologies, issues=issues, results=results,
                           investment_hkd=investment, payback_years=payback)
    return SimpleNamespace(slug=slug, meta=meta)


def fake_site(cases, technologies=("ro", "carbon")):
    items = {slug: SimpleNamespace(slug=slug) for slug in technologies}
    return SimpleNamespace(
        vocab={"sectors": {"textiles": {}, "printing": {}, "metals": {}},
               "issues": {"voc": {}, "wastewater": {}},
               "metrics": {"voc_reduction_pct": {}, "wastewater_reduction_pct": {}, "annual_saving_hkd": {}}},
        items={"cases": cases, "technologies": list(items.values())},
        get=lambda kind, slug: items[slug],
    )


def test_range_and_median_from_three_cases():
    cases = [
        fake_case("a", "printing", ["ro"], ["wastewater"], {"wastewater_reduction_pct": 60}, 500000, 2.0),
        fake_case("b", "textiles", ["ro"], ["wastewater"], {"wastewater_reduction_pct": 40}, 900000, 3.5),
        fake_case("c", "textiles", ["ro"], ["wastewater"], {"wastewater_reduction_pct": 85, "annual_saving_hkd": 300000}),
    ]
    site = fake_site(cases)
    evidence = evidence_of(site, site.get("technologies", "ro"), cases)
    assert evidence.enough and len(evidence.cases) == ENOUGH_CASES == 3
    assert evidence.sectors == [("textiles", 2), ("printing", 1)], "most cases first"
    wastewater, saving = evidence.results
    assert wastewater.key == "wastewater_reduction_pct"
    assert (wastewater.low, wastewater.high, wastewater.median) == (40, 85, 60)
    assert [o.case.slug for o in wastewater.observations] == ["b", "a", "c"], "each value keeps its case, lowest first"
    assert saving.key == "annual_saving_hkd" and [o.value for o in saving.observations] == [300000]
    assert saving.median is None, "one value is no median"
    # Investment and payback: two cases have them, so a range without a median.
    assert (evidence.investment.low, evidence.investment.high, evidence.investment.median) == (500000, 900000, None)
    assert [o.case.slug for o in evidence.payback.observations] == ["a", "b"]


def test_fewer_than_three_cases_is_not_enough():
    cases = [fake_case("a", "printing", ["ro"], ["wastewater"], {"wastewater_reduction_pct": 60}),
             fake_case("b", "printing", ["ro"], ["wastewater"], {"wastewater_reduction_pct": 70})]
    site = fake_site(cases)
    evidence = evidence_of(site, site.get("technologies", "ro"), cases)
    assert not evidence.enough
    assert evidence.results[0].median is None
    assert evidence.investment is None and evidence.payback is None


def test_median_of_an_even_number_of_cases():
    values = [10, 20, 30, 50]
    cases = [fake_case(str(v), "metals", ["ro"], ["wastewater"], {"wastewater_reduction_pct": v}) for v in values]
    site = fake_site(cases)
    measure = evidence_of(site, site.get("technologies", "ro"), cases).results[0]
    assert measure.median == statistics.median(values) == 25


def test_finder_pairs_and_ranking():
    cases = [
        fake_case("a", "printing", ["carbon"], ["voc"], {"voc_reduction_pct": 80}),
        fake_case("b", "printing", ["ro", "carbon"], ["voc", "wastewater"], {"voc_reduction_pct": 60}),
        fake_case("c", "textiles", ["ro"], ["wastewater"], {"wastewater_reduction_pct": 50}),
    ]
    site = fake_site(cases)
    pairs = finder_pairs(site)
    assert {sector: {issue: [c.slug for c in found] for issue, found in issues.items()} for sector, issues in pairs.items()} == {
        "textiles": {"wastewater": ["c"]},
        "printing": {"voc": ["a", "b"], "wastewater": ["b"]},
    }, "only pairs some case has, in vocabulary order"
    ranked = ranked_evidence(site, pairs["printing"]["voc"])
    assert [(e.technology.slug, len(e.cases)) for e in ranked] == [("carbon", 2), ("ro", 1)], "most cases first"


# --- the built fixture site ------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_technology_brief_shows_the_evidence_of_its_cases(fixture_output, lang):
    html = soup(fixture_output, f"{lang}/technologies/reverse-osmosis")
    section = html.select_one(".app-evidence")
    assert section is not None, "no evidence section"
    count = section.select_one(".app-evidence__count")
    assert "2" in count.get_text()
    assert [a["href"] for a in count.select("a")] == [f"/{lang}/cases/sector/textiles/", f"/{lang}/cases/sector/printing/"]
    assert section.select_one(".app-evidence__note"), "two cases: the plain note that it is not a typical range"
    measures = {m.select_one("dt").get_text(strip=True): m for m in section.select(".app-evidence__measure")}
    assert len(measures) == 3, list(measures)  # wastewater (dyeing), water saving and cost saving (plate)
    links = {a["href"] for m in measures.values() for a in m.select("a")}
    assert links == {f"/{lang}/cases/dyeing-water-reuse/", f"/{lang}/cases/printing-plate-water-recycling/"}
    for measure in measures.values():
        assert measure.select_one(".app-evidence__range a"), "one case: the value itself links to its case"
    assert "60%" in section.get_text() and "HK$250,000" in section.get_text()


@pytest.mark.slow
def test_technology_without_cases_has_no_evidence_section(fixture_copy, tmp_path):
    shutil.rmtree(fixture_copy / "cases" / "printer-voc-recovery")
    output = tmp_path / "out"
    result = build(fixture_copy, output)
    assert result.returncode == 0, result.stderr[-2000:]
    html = soup(output, "en/technologies/activated-carbon-regeneration")
    assert html.select_one(".app-evidence") is None
    assert not (output / "en/finder/printing/voc").exists(), "no case, no pair page"
    assert soup(output, "en/finder").select("a.app-finder__pair"), "the other pairs remain"


EXPECTED_PAIRS = {("textiles", "wastewater"), ("printing", "voc"), ("printing", "wastewater"), ("printing", "chemicals")}


@pytest.mark.parametrize("lang", LANGS)
def test_finder_index_links_every_pair_without_javascript(fixture_output, lang):
    html = soup(fixture_output, f"{lang}/finder")
    hrefs = {a["href"] for a in html.select("main a.app-finder__pair")}
    assert hrefs == {f"/{lang}/finder/{sector}/{issue}/" for sector, issue in EXPECTED_PAIRS}
    for sector, issue in EXPECTED_PAIRS:
        assert (fixture_output / lang / "finder" / sector / issue / "index.html").is_file()
    assert not (fixture_output / lang / "finder" / "textiles" / "voc").exists()
    form = html.select_one("form[data-module=finder]")
    assert form.has_attr("hidden"), "the form needs JavaScript, so it is hidden without it"
    assert html.select_one('script[src="/theme/js/finder.js"]')


def test_finder_titles_and_descriptions_in_each_language(fixture_output):
    titles = {}
    for lang in LANGS:
        html = soup(fixture_output, f"{lang}/finder/printing/voc")
        titles[lang] = html.title.get_text()
        description = html.select_one('meta[name="description"]')["content"]
        assert description and html.select_one("h1").get_text() in titles[lang]
        assert html.select_one('link[rel="canonical"]')["href"].endswith(f"/{lang}/finder/printing/voc/")
        assert {link["hreflang"] for link in html.select('link[rel="alternate"][hreflang]')} == {"en", "zh-Hant-HK", "zh-Hans-CN", "x-default"}
    assert "Printing" in titles["en"] and "technologies that worked" in titles["en"]
    assert "印刷" in titles["tc"] and "技術" in titles["tc"]
    assert "技术" in titles["sc"] and "技術" not in titles["sc"]
    assert soup(fixture_output, "tc/finder").title.get_text().startswith("方案搜尋器")


@pytest.mark.parametrize("lang", LANGS)
def test_finder_in_the_navigation(fixture_output, lang):
    nav = soup(fixture_output, f"{lang}/cases").select_one("nav.app-nav")
    assert nav.select_one(f'a[href="/{lang}/finder/"]') is not None
    current = soup(fixture_output, f"{lang}/finder").select_one(f'nav.app-nav a[href="/{lang}/finder/"]')
    assert current["aria-current"] == "page"


def test_finder_pages_are_in_the_sitemap_with_hreflang(fixture_output):
    sitemap = (fixture_output / "sitemap.xml").read_text(encoding="utf-8")
    for lang in LANGS:
        assert f"/{lang}/finder/</loc>" in sitemap
        for sector, issue in EXPECTED_PAIRS:
            assert f"/{lang}/finder/{sector}/{issue}/</loc>" in sitemap
    entry = sitemap.split("/tc/finder/printing/voc/</loc>", 1)[1].split("</url>", 1)[0]
    assert entry.count('rel="alternate"') == 4, entry  # three languages and x-default


@pytest.mark.slow
def test_finder_ranks_technologies_by_cases_and_shows_medians(fixture_copy, tmp_path):
    """Three more printing cases against VOC, all with reverse osmosis: on /finder/printing/voc/
    reverse osmosis (3 cases) comes before activated carbon (1), and the brief of reverse osmosis
    (now 5 cases) shows ranges with medians."""
    for number, (value, investment) in enumerate(((70, 400000), (50, 600000), (60, 500000)), start=1):
        target = fixture_copy / "cases" / f"printer-voc-extra-{number}"
        target.mkdir()
        (target / "en.md").write_text(f"---\ntitle: Extra printer {number}\nsummary: Less VOC.\n---\nBody.\n", encoding="utf-8")
        (target / "tc.md").write_text(f"---\ntitle: 印刷廠{number}\nsummary: 減少揮發性有機化合物。\n---\n內文。\n", encoding="utf-8")
        (target / "meta.yaml").write_text(
            f"date: 2015-02-0{number}\nsector: printing\ntechnologies: [reverse-osmosis]\nissues: [voc]\ncity: dongguan\n"
            f"project: demonstration\nresults:\n  voc_reduction_pct: {value}\ninvestment_hkd: {investment}\n",
            encoding="utf-8")
    output = tmp_path / "out"
    result = build(fixture_copy, output)
    assert result.returncode == 0, result.stderr[-3000:]
    html = soup(output, "en/finder/printing/voc")
    ranked = [a["href"] for a in html.select(".app-finder__ranked .app-finder__technology-title a")]
    assert ranked == ["/en/technologies/reverse-osmosis/", "/en/technologies/activated-carbon-regeneration/"]
    assert "3" in html.select(".app-finder__technology")[0].select_one(".app-evidence__count").get_text()
    brief = soup(output, "en/technologies/reverse-osmosis").select_one(".app-evidence")
    assert "5" in brief.select_one(".app-evidence__count").get_text()
    assert brief.select_one(".app-evidence__note") is None, "five cases: a typical range, no note"
    measures = {m.select_one("dt").get_text(strip=True): m for m in brief.select(".app-evidence__measure")}
    voc = measures["VOC emissions reduced"]
    assert voc.select_one(".app-evidence__range").get_text(" ", strip=True) == "50% to 70% median 60%"
    assert [a.get_text(" ", strip=True).split(":")[0].strip() for a in voc.select(".app-evidence__chip")] == ["50%", "60%", "70%"]
    assert [a["href"] for a in voc.select(".app-evidence__chip")] == [f"/en/cases/printer-voc-extra-{n}/" for n in (2, 3, 1)]
    investment = measures["Investment"]
    assert investment.select_one(".app-evidence__median").get_text(strip=True) == "median HK$500,000"
    tc = soup(output, "tc/technologies/reverse-osmosis").select_one(".app-evidence")
    assert "50%至70%" in tc.get_text() and "中位數60%" in tc.get_text()
