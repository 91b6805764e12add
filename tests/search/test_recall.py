"""Recall of the site search on the real content: the set in recall.yaml, in Chromium.

Each query is opened as /{lang}/search/?q=... on content/ built with its index; every page it
expects must be among the first five results. The test reports recall@5 over the whole set
(expected pages found in the first five / expected pages) and fails on any query that misses.
"""

from pathlib import Path

import yaml

from .conftest import result_paths

RECALL_SET = Path(__file__).with_name("recall.yaml")


def load_queries():
    queries = yaml.safe_load(RECALL_SET.read_text(encoding="utf-8"))
    for query in queries:
        assert set(query) <= {"lang", "query", "expect", "note"}, query
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
        for path in query["expect"]:
            assert (real_site / query["lang"] / path / "index.html").is_file(), f"recall.yaml names a missing page: {path}"
    found = expected = 0
    misses = []
    page = None
    for query in queries:
        page = search_page(real_site_url, query["lang"], query["query"]) if page is None else page
        page.goto(f"{real_site_url}{query['lang']}/search/?q={query['query']}")
        page.wait_for_selector('[data-module="app-search"]:is([data-state="done"], [data-state="error"])', state="attached")
        top = result_paths(page, query["lang"])[:5]
        wanted = [path.rstrip("/") + "/" for path in query["expect"]]
        hits = [path for path in wanted if path in top]
        found += len(hits)
        expected += len(wanted)
        if len(hits) < len(wanted):
            misses.append(f"/{query['lang']}/ {query['query']!r}: missing {sorted(set(wanted) - set(hits))}, first five {top}")
    recall = found / expected
    print(f"\nsearch recall@5: {found}/{expected} = {recall:.3f} over {len(queries)} queries")
    assert not misses, f"recall@5 {recall:.3f}; queries missing pages:\n" + "\n".join(misses)
