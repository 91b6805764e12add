"""Recall of the site search on the real content: the set in recall.yaml, in Chromium.

Each query is opened as /{lang}/search/?q=... on content/ built with its index; every page it
expects must be among the first five results (or the first `top`), and above the pages listed
under `above`. The test reports recall@5 over the queries without `top` (expected pages found in
the first five / expected pages), and the ranking set apart, and fails on any query that misses.
Queries in the two wordings (Hong Kong, mainland) must also find the same pages.
"""

from pathlib import Path
from urllib.parse import quote

import yaml

from .conftest import result_paths

RECALL_SET = Path(__file__).with_name("recall.yaml")


def load_queries():
    queries = yaml.safe_load(RECALL_SET.read_text(encoding="utf-8"))
    for query in queries:
        assert set(query) <= {"lang", "query", "expect", "note", "top", "above"}, query
        assert query["lang"] in ("en", "tc", "sc") and query["expect"], query
    return queries


def test_the_recall_set_is_large_and_varied():
    queries = load_queries()
    assert len(queries) >= 40
    assert {query["lang"] for query in queries} == {"en", "tc", "sc"}
    # Simplified queries on the Traditional site and Traditional ones on the Simplified site
    assert any(query["lang"] == "tc" and query["query"] == "废水回用" for query in queries)
    assert any(query["lang"] == "sc" and query["query"] == "廢水回用" for query in queries)


def test_recall_at_5(search_page, real_site, real_site_url):
    queries = load_queries()
    for query in queries:
        for path in query["expect"] + query.get("above", []):
            assert (real_site / query["lang"] / path / "index.html").is_file(), f"recall.yaml names a missing page: {path}"
    counts = {"recall@5": [0, 0], "ranking": [0, 0]}
    misses = []
    page = None
    for query in queries:
        page = search_page(real_site_url, query["lang"], query["query"]) if page is None else page
        shown = open_results(page, real_site_url, query["lang"], query["query"])
        top = shown[: query.get("top", 5)]
        wanted = [path.rstrip("/") + "/" for path in query["expect"]]
        below = [path.rstrip("/") + "/" for path in query.get("above", [])]
        hits = [
            path for path in wanted
            if path in top and all(other not in shown or shown.index(other) > shown.index(path) for other in below)
        ]
        kind = "ranking" if "top" in query else "recall@5"
        counts[kind][0] += len(hits)
        counts[kind][1] += len(wanted)
        if len(hits) < len(wanted):
            misses.append(
                f"/{query['lang']}/ {query['query']!r}: missing or ranked too low {sorted(set(wanted) - set(hits))}, "
                f"first {len(top)} {top}" + (f", must rank above {below}" if below else "")
            )
    for kind, (found, expected) in counts.items():
        print(f"\nsearch {kind}: {found}/{expected} = {found / expected:.3f}")
    assert not misses, "queries missing pages:\n" + "\n".join(misses)


def open_results(page, site_url, lang, query):
    """The addresses of the first page of results (ten) for `query` on /{lang}/search/."""
    page.goto(f"{site_url}{lang}/search/?q={quote(query)}")
    page.wait_for_selector('[data-module="app-search"]:is([data-state="done"], [data-state="error"])', state="attached")
    return result_paths(page, lang)


def all_results(page, site_url, lang, query):
    """Every result for `query`, however many pages of results."""
    open_results(page, site_url, lang, query)
    more = page.locator("[data-search-more]")
    while more.is_visible():
        shown = page.locator(".app-search__result").count()
        more.click()
        page.wait_for_function(f"() => document.querySelectorAll('.app-search__result').length > {shown}")
    return set(result_paths(page, lang))


#: The same words in Hong Kong and in mainland wording (content/data/mainland-wording.yaml).
WORDINGS = [("揮發性有機化合物", "挥发性有机物"), ("能源效益", "能效"), ("個案 印刷", "案例 印刷")]


def test_hong_kong_and_mainland_wording_find_the_same_pages(search_page, real_site_url):
    page = search_page(real_site_url, "tc")
    different = []
    for lang in ("tc", "sc"):
        for hong_kong, mainland in WORDINGS:
            first, second = all_results(page, real_site_url, lang, hong_kong), all_results(page, real_site_url, lang, mainland)
            if not first or first != second:
                different.append(f"/{lang}/ {hong_kong} finds {len(first)} pages, {mainland} {len(second)}: {sorted(first ^ second)}")
    assert not different, "\n".join(different)
