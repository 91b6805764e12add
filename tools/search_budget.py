"""Measure the search's budgets and print them (`make search-budget`).

1. Build time: content/ built without the search index and with it (SEARCH["index"] False and
   True), each `--runs` times; the medians of wall time and CPU time, and the difference.
2. Bytes: the indexed build served on localhost and opened in headless Chromium at
   /tc/search/?q=<first query>; every response the page needs until the results are shown is
   counted (HTML, CSS, JS, WebAssembly, index chunks, fragments, the fold map), then each further
   query typed into the same page. Bytes are given as sent by a server that compresses text
   (gzip -9 of HTML, CSS, JS and JSON; Pagefind's own files are compressed already) and as stored.

The first query must stay under BUDGET_BYTES; the script exits with status 1 when it does not.

    python tools/search_budget.py [--content content] [--runs 3] [--lang tc] [QUERY ...]
"""

import argparse
import gzip
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

BUDGET_BYTES = 300 * 1024
QUERIES = ["废水回用", "活性炭", "SNCR", "光伏", "变频", "臭氧"]
EPOCH = "1793491200"
#: Content types a web server compresses (GitHub Pages and CDNs do); others are sent as stored.
COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml")
SETTLED = '[data-module="app-search"]:is([data-state="done"], [data-state="idle"], [data-state="error"])'


def build(content, output, index):
    """Build `content` into `output`; return (wall seconds, CPU seconds, log)."""
    command = [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", "pelicanconf.py", "--verbose"]
    if not index:
        command += ["-e", 'SEARCH={"index": false}']
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, COLUMNS="200"), capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode:
        sys.exit(f"search_budget: the build of {content} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, result.stdout + result.stderr


def wire_size(body, content_type):
    if content_type.startswith(COMPRESSED):
        return len(gzip.compress(body, compresslevel=9, mtime=0))
    return len(body)


def kind_of(url):
    path = urlsplit(url).path
    name = path.rsplit("/", 1)[-1]
    if "/fragment/" in path:
        return "fragments"
    if "/index/" in path:
        return "index chunks"
    if "/filter/" in path:
        return "filter chunks"
    if name.startswith("wasm."):
        return "WebAssembly"
    if name == "pagefind.js":
        return "pagefind.js"
    if name.endswith(".pf_meta") or name == "pagefind-entry.json":
        return "index metadata"
    if name == "fold.json":
        return "fold map"
    if name.endswith(".js"):
        return "site scripts"
    if name.endswith(".css"):
        return "stylesheet"
    if name.endswith(".svg") or name.endswith(".ico"):
        return "icon"
    return "HTML page"


class Recorder:
    """Every response of a page: (url, kind, stored bytes, wire bytes). Bodies are read in take(),
    not in the event handler (a blocking call inside a handler can stall Playwright's sync API)."""

    def __init__(self, page):
        self.responses = []
        page.on("response", lambda response: self.responses.append(response))

    def take(self):
        taken, self.responses = self.responses, []
        measured = []
        for response in taken:
            try:
                body = response.body()
            except Exception:  # a redirect or an aborted request has no body
                continue
            content_type = response.headers.get("content-type", "")
            measured.append((response.url, kind_of(response.url), len(body), wire_size(body, content_type)))
        return measured


def measure_bytes(site_url, lang, queries, browser=None):
    """[(query, responses)] for the first query (opened by address) and each further one (typed),
    in a fresh browser context (an empty cache) of `browser`, or of a Chromium of its own."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        from conftest import CHROMIUM, CHROMIUM_ARGS

        with sync_playwright() as playwright:
            own = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return measure_bytes(site_url, lang, queries, own)
            finally:
                own.close()
    measured = []
    context = browser.new_context()
    try:
        page = context.new_page()
        recorder = Recorder(page)
        page.goto(f"{site_url}{lang}/search/?q={quote(queries[0])}")
        page.wait_for_selector(SETTLED, state="attached", timeout=60000)
        page.wait_for_load_state("networkidle")
        measured.append((queries[0], recorder.take()))
        for query in queries[1:]:
            page.fill("#search-input", "")
            page.wait_for_selector('[data-module="app-search"][data-state="idle"]', state="attached")
            page.fill("#search-input", query)
            page.wait_for_function("q => document.querySelector('[data-module=app-search]').dataset.state === 'done' && new URLSearchParams(location.search).get('q') === q", arg=query, timeout=60000)
            page.wait_for_load_state("networkidle")
            measured.append((query, recorder.take()))
    finally:
        context.close()
    return measured


def kb(size):
    return f"{size / 1024:.1f} KB"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", default=str(ROOT / "content"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lang", default="tc")
    parser.add_argument("queries", nargs="*", default=QUERIES)
    args = parser.parse_args(argv)
    from search.conftest import serve  # the search tests' local server

    with tempfile.TemporaryDirectory(prefix="search-budget-") as scratch:
        scratch = Path(scratch)
        times = {False: [], True: []}
        index_seconds = []
        for run in range(args.runs):
            for index in (False, True):
                wall, cpu, log = build(args.content, scratch / f"{index}-{run}", index)
                times[index].append((wall, cpu))
                found = re.search(r"search: indexed (.*?) pages in ([\d.]+) s", log)
                if index and found:
                    index_seconds.append(float(found.group(2)))
                    pages = found.group(1)
        plain = [statistics.median(t[i] for t in times[False]) for i in (0, 1)]
        searched = [statistics.median(t[i] for t in times[True]) for i in (0, 1)]
        print(f"Search budget for {args.content} ({pages} pages; medians of {args.runs} builds)")
        print(f"  build without search: {plain[0]:.2f} s wall, {plain[1]:.2f} s CPU")
        print(f"  build with search:    {searched[0]:.2f} s wall, {searched[1]:.2f} s CPU")
        print(f"  the index costs:      {searched[0] - plain[0]:+.2f} s wall ({(searched[0] / plain[0] - 1) * 100:+.0f}%), "
              f"{searched[1] - plain[1]:+.2f} s CPU ({(searched[1] / plain[1] - 1) * 100:+.0f}%); "
              f"indexing step {statistics.median(index_seconds):.2f} s")

        server, url = serve(scratch / "True-0")
        try:
            measured = measure_bytes(url, args.lang, args.queries)
        finally:
            server.shutdown()
            server.server_close()

    first_query, first = measured[0]
    total_wire = sum(r[3] for r in first)
    total_stored = sum(r[2] for r in first)
    print(f"\nFirst query, /{args.lang}/search/?q={first_query} (an empty cache):")
    print(f"  {kb(total_wire)} over the wire ({kb(total_stored)} stored), {len(first)} requests")
    by_kind = {}
    for _, kind, stored, wire in first:
        entry = by_kind.setdefault(kind, [0, 0, 0])
        entry[0] += 1
        entry[1] += stored
        entry[2] += wire
    for kind, (count, stored, wire) in sorted(by_kind.items(), key=lambda item: -item[1][2]):
        print(f"    {kind:<16} {kb(wire):>10} over the wire ({kb(stored)} stored, {count} file{'s' if count > 1 else ''})")
    search_only = sum(wire for kind, (count, stored, wire) in by_kind.items() if kind not in ("HTML page", "stylesheet", "icon"))
    print(f"  of which the search itself (scripts, WebAssembly, index, fragments, fold map): {kb(search_only)}")
    print("\nFurther queries, typed into the same page:")
    for query, responses in measured[1:]:
        print(f"  {query:<10} {kb(sum(r[3] for r in responses)):>10} over the wire, {len(responses)} requests "
              f"({', '.join(sorted({r[1] for r in responses})) or 'nothing new'})")
    verdict = "within" if total_wire <= BUDGET_BYTES else "OVER"
    print(f"\nBudget: first query {kb(total_wire)} of {kb(BUDGET_BYTES)}: {verdict} budget")
    return 0 if total_wire <= BUDGET_BYTES else 1


if __name__ == "__main__":
    sys.exit(main())
