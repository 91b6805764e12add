"""What machines read: Atom feeds, sitemap.xml, robots.txt, JSON-LD, Open Graph, open data files."""

import csv
import datetime
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURE_SITE, ROOT, build
from plugins.open_data.open_data import DATASETS, columns, csv_cell
from plugins.sitemap.sitemap import HEAD_CHUNK, read_head

LANGS = {"en": "en", "tc": "zh-Hant-HK", "sc": "zh-Hans-CN"}
SITE_URL = "http://localhost:8000"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def soup_file(file):
    return BeautifulSoup(Path(file).read_text(encoding="utf-8"), "lxml")


def file_of(output, url):
    """The output file an absolute URL of the site is served from."""
    assert url.startswith(SITE_URL + "/"), url
    path = url[len(SITE_URL) + 1:]
    return output / path / "index.html" if path.endswith("/") or not path else output / path


# --- Atom ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_atom_feed_lists_new_cases_and_briefs_in_its_language(fixture_output, site, lang):
    feed = ET.parse(fixture_output / lang / "feed.atom").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == LANGS[lang]
    entries = feed.findall(f"{ATOM}entry")
    expected = sorted(
        (item for kind in ("cases", "technologies") for item in site.items[kind] if lang in item.texts and item.date),
        key=lambda item: (item.date, item.kind, item.slug), reverse=True,
    )
    assert [e.find(f"{ATOM}id").text for e in entries] == [f"{SITE_URL}/{item.path(lang)}" for item in expected]
    for entry, item in zip(entries, expected):
        assert entry.find(f"{ATOM}title").text == item.texts[lang].title
        assert entry.find(f"{ATOM}updated").text.startswith(item.date.isoformat())
        assert file_of(fixture_output, entry.find(f"{ATOM}link").get("href")).is_file()
    assert feed.find(f"{ATOM}updated").text == entries[0].find(f"{ATOM}updated").text, "updated: the newest entry, not the clock"


@pytest.mark.parametrize("lang", LANGS)
def test_atom_entries_have_distinct_updated_times_in_feed_order(built_site, lang):
    """Feed validators reject entries that share an `updated` time; the real content publishes several
    items on one day."""
    entries = ET.parse(built_site / lang / "feed.atom").getroot().findall(f"{ATOM}entry")
    stamps = [datetime.datetime.fromisoformat(entry.find(f"{ATOM}updated").text) for entry in entries]
    assert len(set(stamps)) == len(stamps), "every entry has its own updated time"
    assert stamps == sorted(stamps, reverse=True), "newest first, as the entries are listed"


@pytest.mark.parametrize("lang", LANGS)
def test_pages_name_their_language_feed(fixture_output, lang):
    for page in ("", "cases/", "events/voc-seminar/"):
        link = soup_file(fixture_output / lang / page / "index.html").find("link", type="application/atom+xml")
        assert link["rel"] == ["alternate"] and link["href"] == f"/{lang}/feed.atom"


# --- sitemap and robots --------------------------------------------------------------------------

def sitemap_entries(output):
    root = ET.parse(output / "sitemap.xml").getroot()  # well-formed, or this raises
    assert root.tag == f"{SITEMAP}urlset"
    entries = {}
    for url in root.findall(f"{SITEMAP}url"):
        loc = url.find(f"{SITEMAP}loc").text
        assert loc not in entries, f"{loc} is listed twice"
        entries[loc] = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link") if link.get("rel") == "alternate"}
    return entries


def test_sitemap_lists_every_indexable_page_and_nothing_else(fixture_output):
    entries = sitemap_entries(fixture_output)
    indexable = set()
    for file in fixture_output.rglob("*.html"):
        html = soup_file(file)
        canonical = html.find("link", rel="canonical")
        noindex = html.find("meta", attrs={"name": "robots", "content": re.compile("noindex")})
        if canonical and not noindex:
            indexable.add(canonical["href"])
    assert set(entries) == indexable
    for loc in entries:
        assert file_of(fixture_output, loc).is_file(), f"{loc} is in the sitemap but not in the output"
    # Missing translations and empty filter pages stay out.
    assert f"{SITE_URL}/tc/events/voc-seminar/" not in entries
    assert f"{SITE_URL}/en/cases/sector/paper/" not in entries
    assert f"{SITE_URL}/en/cases/sector/printing/" in entries
    assert f"{SITE_URL}/sc/awardees/" in entries and f"{SITE_URL}/en/results/" in entries


def test_sitemap_hreflang_alternates_are_absolute_and_reciprocal(fixture_output):
    entries = sitemap_entries(fixture_output)
    with_alternates = 0
    for loc, alternates in entries.items():
        if not alternates:
            continue
        with_alternates += 1
        assert loc in alternates.values(), f"{loc} is not among its own alternates"
        assert "x-default" in alternates
        for hreflang, href in alternates.items():
            assert href.startswith(SITE_URL + "/")
            assert href in entries, f"{href} (alternate of {loc}) is not in the sitemap"
            if hreflang != "x-default":
                assert entries[href] == alternates, f"{href} and {loc} disagree on their alternates"
    assert with_alternates > 50
    # The English-only seminar has no other language version.
    assert set(entries[f"{SITE_URL}/en/events/voc-seminar/"]) == {"en", "x-default"}
    assert entries[f"{SITE_URL}/en/cases/"]["zh-Hans-CN"] == f"{SITE_URL}/sc/cases/"


@pytest.mark.parametrize("before", [0, HEAD_CHUNK - 10, HEAD_CHUNK - 3, HEAD_CHUNK, 3 * HEAD_CHUNK + 5])
def test_the_sitemap_reads_a_page_up_to_the_end_of_its_head_wherever_it_falls(tmp_path, before):
    """`read_head` reads a page in chunks: an end of head across two chunks, or after a Chinese
    character cut by a chunk's end, is still found."""
    head = "<html><head><title>" + "清" * (before // 3) + "x" * (before % 3) + "</title></HEAD >"
    page = tmp_path / "index.html"
    page.write_text(head + "<body>" + "潔" * 5000 + "</body></html>", encoding="utf-8")
    assert read_head(page) == head
    page.write_text("<p>no head at all " + "生" * 5000, encoding="utf-8")
    assert read_head(page) == "<p>no head at all " + "生" * 5000


def test_robots_txt_points_to_the_sitemap(fixture_output):
    robots = (fixture_output / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots
    assert f"Sitemap: {SITE_URL}/sitemap.xml" in robots.splitlines()


# --- JSON-LD and Open Graph ----------------------------------------------------------------------

def json_ld(html):
    scripts = html.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


@pytest.mark.parametrize("lang", LANGS)
def test_case_report_json_ld(fixture_output, site, lang):
    case = site.get("cases", "printer-voc-recovery")
    data = json_ld(soup_file(fixture_output / lang / "cases/printer-voc-recovery/index.html"))
    assert data["@context"] == "https://schema.org" and data["@type"] == "Report"
    assert data["headline"] == case.texts[lang].title
    assert data["datePublished"] == "2014-11-20"
    assert data["inLanguage"] == LANGS[lang]
    assert data["url"] == f"{SITE_URL}/{lang}/cases/printer-voc-recovery/"
    assert data["image"] == f"{SITE_URL}/media/cases/printer-voc-recovery/cover.png"
    assert [thing["url"] for thing in data["about"]] == [f"{SITE_URL}/{lang}/technologies/activated-carbon-regeneration/"]


def test_event_json_ld_has_hong_kong_times_and_place(fixture_output):
    data = json_ld(soup_file(fixture_output / "en/events/voc-seminar/index.html"))
    assert data["@type"] == "Event"
    assert data["startDate"] == "2015-02-05T10:00:00+08:00" and data["endDate"] == "2015-02-05T12:30:00+08:00"
    assert data["location"]["address"]["addressLocality"] == "Guangzhou"
    assert data["location"]["address"]["addressCountry"] == "CN"
    expo = json_ld(soup_file(fixture_output / "tc/events/cleaner-production-expo/index.html"))
    assert (expo["startDate"], expo["endDate"]) == ("2015-03-10", "2015-03-12")
    assert expo["location"]["name"] == "香港會議展覽中心" and expo["location"]["address"]["addressCountry"] == "HK"
    assert expo["offers"]["url"] == "https://example.org/register"


def test_other_pages_carry_no_json_ld(fixture_output):
    for page in ("en/", "en/cases/", "en/technologies/reverse-osmosis/", "tc/events/voc-seminar/"):
        assert not soup_file(fixture_output / page / "index.html").find_all("script", type="application/ld+json")


@pytest.mark.slow
def test_json_ld_cannot_be_closed_by_editor_text(fixture_copy, tmp_path):
    page = fixture_copy / "cases/dyeing-water-reuse/en.md"
    hostile = "Reuse </script><b onclick=alert(1)>x</b> <!-- & more"  # the contract refuses "<script" itself
    page.write_text(page.read_text(encoding="utf-8").replace("title: A Foshan dye house reuses its rinse water", f"title: '{hostile}'"), encoding="utf-8")
    result = build(fixture_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr[-2000:]
    text = (tmp_path / "out/en/cases/dyeing-water-reuse/index.html").read_text(encoding="utf-8")
    element = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1)
    assert "<" not in element and ">" not in element
    assert json.loads(element)["headline"] == hostile
    assert "<b onclick" not in text


def test_open_graph_tags(fixture_output):
    html = soup_file(fixture_output / "tc/cases/printer-voc-recovery/index.html")
    og = {meta["property"]: meta["content"] for meta in html.find_all("meta", property=True)}
    assert og["og:title"] == html.h1.get_text()
    assert og["og:type"] == "article"
    assert og["og:url"] == html.find("link", rel="canonical")["href"]
    assert og["og:locale"] == "zh_HK"
    assert og["og:image"] == f"{SITE_URL}/media/cases/printer-voc-recovery/cover.png"
    assert og["og:site_name"] == "清潔生產伙伴計劃"
    home = {meta["property"]: meta["content"] for meta in soup_file(fixture_output / "en/index.html").find_all("meta", property=True)}
    assert home["og:type"] == "website" and home["og:url"] == f"{SITE_URL}/en/"


# --- open data -----------------------------------------------------------------------------------

def read_csv(path):
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), f"{path.name} starts with a UTF-8 byte order mark (for Excel)"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("dataset", DATASETS)
def test_open_data_csv_and_json_hold_the_same_records(fixture_output, site, dataset):
    rows = read_csv(fixture_output / "data" / f"{dataset}.csv")
    document = json.loads((fixture_output / "data" / f"{dataset}.json").read_text(encoding="utf-8"))
    header, body = rows[0], rows[1:]
    assert header == columns(dataset, site) == document["fields"], "one stable column order"
    expected = len(site.awardees) if dataset == "awardees" else len(site.items[dataset])
    assert len(body) == document["count"] == len(document["records"]) == expected
    for row, record in zip(body, document["records"]):
        assert list(record) == header
        assert row == [csv_cell(record[name]) for name in header]


def test_open_data_values(fixture_output):
    cases = {r["slug"]: r for r in json.loads((fixture_output / "data/cases.json").read_text(encoding="utf-8"))["records"]}
    printer = cases["printer-voc-recovery"]
    assert printer["result_voc_reduction_pct"] == 85 and printer["result_nox_reduction_pct"] is None
    assert printer["technologies"] == ["activated-carbon-regeneration"] and printer["technology_categories"] == ["voc"]
    assert printer["title_sc"] == "东莞印刷厂以活性炭回收溶剂" and printer["illustrative"] is True
    events = {r["slug"]: r for r in json.loads((fixture_output / "data/events.json").read_text(encoding="utf-8"))["records"]}
    assert events["voc-seminar"]["title_tc"] is None, "no Traditional text: no title, not a fallback"
    assert events["voc-seminar"]["start"] == "2015-02-05T10:00:00" and events["voc-seminar"]["all_day"] is False
    rows = read_csv(fixture_output / "data/awardees.csv")
    assert rows[0] == ["year", "category", "name_en", "name_tc", "name_sc", "sector", "city", "website", "illustrative"]
    assert ["2013", "buyer", "Lotus Garments Ltd", "蓮花製衣有限公司", "莲花制衣有限公司", "textiles", "hong-kong", "", "true"] in rows


def test_open_data_fields_are_documented(site):
    documentation = (ROOT / "docs/open-data.md").read_text(encoding="utf-8")
    for dataset in DATASETS:
        for name in columns(dataset, site):
            pattern = re.sub(r"(_en|_tc|_sc)$", "_{en,tc,sc}", name)
            pattern = re.sub(r"^result_.*", "result_<metric>", pattern)
            assert f"`{pattern}`" in documentation, f"docs/open-data.md does not describe {dataset}.{name}"


# --- reproducible ---------------------------------------------------------------------------------

@pytest.mark.slow
def test_machine_readable_files_are_byte_identical_between_builds(fixture_output, tmp_path):
    result = build(FIXTURE_SITE, tmp_path / "again")
    assert result.returncode == 0, result.stderr[-2000:]
    names = ["events.ics", "sitemap.xml", "robots.txt"] + [f"{lang}/feed.atom" for lang in LANGS]
    names += [str(p.relative_to(fixture_output)) for p in (fixture_output / "data").iterdir()]
    names += [str(p.relative_to(fixture_output)) for p in fixture_output.rglob("event.ics")]
    names += ["en/results/index.html", "tc/awardees/index.html", "sc/cases/index.html", "en/cases/sector/printing/index.html"]
    for name in names:
        assert (tmp_path / "again" / name).read_bytes() == (fixture_output / name).read_bytes(), name
