"""The search's byte budget on the real site: the first query on /tc/search/, everything a browser
downloads for it (page, scripts, WebAssembly, index chunks, fragments, fold map), stays under 300 KB
as a compressing server sends it. `make search-budget` prints the figures and the build times."""

from tools.search_budget import BUDGET_BYTES, measure_bytes


def test_the_first_query_stays_within_budget(real_site_url, chromium):
    (query, first), (_, further) = measure_bytes(real_site_url, "tc", ["废水回用", "活性炭"], browser=chromium)
    kinds = {kind for _, kind, _, _ in first}
    assert {"pagefind.js", "WebAssembly", "index chunks", "fragments", "fold map", "HTML page"} <= kinds
    total = sum(wire for _, _, _, wire in first)
    assert total <= BUDGET_BYTES, f"the first query downloads {total / 1024:.1f} KB"
    # a further query loads only what is new: index chunks and fragments, never Pagefind again
    assert not {"pagefind.js", "WebAssembly", "fold map"} & {kind for _, kind, _, _ in further}
