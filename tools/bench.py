"""`make bench`: how fast the site builds, against bare Pelican, for 100, 1,000 and 3,000 case reports.

For each size N it generates a synthetic corpus that follows the content contract (SPEC section 3):
N case reports with English (~500 words) and Traditional Chinese (~900 characters) text made of
sentences taken from the real content, 12 technology briefs, 8 events, the real vocabularies,
programme figures and programme pages. Then it measures, each build in a fresh process:

- our full build (`make html`, pages rendered in two processes, plugins/parallel) from a cold
  content cache and without the search index: wall and CPU time, peak memory, ms per HTML page
  written; the same build again with a warm content cache (unless --skip-warm); the build with
  the search index (Pagefind), from a cold cache too, its peak memory (the whole process tree at
  once: the build, its helper process and Pagefind) and the part of it the indexing took (the
  search plugin logs it); the largest HTML page, gzipped; the build without search in one
  process (BUILD_PROCESSES=1), to show what the second process gives;
- bare Pelican on the same Markdown as ordinary articles (default theme, no plugins, en and tc as
  translations of one another): wall time, peak memory, ms per HTML page, and the ratio of the two
  per page (wall and CPU); and bare Pelican's rebuild with its content cache after one file changed;
- `--pairs` (3) builds of ours (without search) and bare Pelican one right after the other, the
  first pair being the two above, and the median and range of their ratios per page: the
  machine's speed drifts over minutes, which moves a single ratio by a third;
- the editor's rebuild: `pelican --autoreload` running as `make serve` runs it (INCREMENTAL), one
  case's title edited and saved, and the time until the rebuilt page holding the new title is on
  disk in the served folder (median of several edits), until the whole rebuild (search index
  included) ends, and whether the search index then holds the new title.

    .venv/bin/python tools/bench.py [--sizes 100 1000 3000] [--edits 5] [--skip-warm] [--pairs 3] [--keep DIR] [--profile N]
    .venv/bin/python tools/bench.py --against REV --sizes 1000 --pairs 3   # what a change gained

Timings depend on the machine and on what else runs on it; run it on an idle machine and compare
figures of one run with each other (ours against bare Pelican), not across machines. Ratios are
given on wall time, which the second process shortens, and on CPU time (user + system of the
build and its children), which other work on a shared machine disturbs far less than wall time
but which a second process can only lengthen. Each step's line shows the
load average.
"""

import argparse
import datetime
import gzip
import json
import os
import queue
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
EPOCH = "1420070400"  # 2015-01-01: fixed build time, as the tests use

SECTORS = ["textiles", "minerals", "metals", "food", "chemicals", "printing", "furniture", "paper"]
CITIES = ["hong-kong", "guangzhou", "shenzhen", "zhuhai", "foshan", "huizhou", "dongguan", "zhongshan", "jiangmen", "zhaoqing", "shantou", "qingyuan"]
ISSUES = ["voc", "nox", "so2", "particulates", "wastewater", "energy", "chemicals"]
CATEGORIES = ["voc", "air", "wastewater", "energy"]
PROJECTS = ["demonstration", "verification", "assessment"]
EVENT_TYPES = ["seminar", "workshop", "factory-visit", "exhibition", "conference", "meeting"]
PERCENT_METRICS = ["voc_reduction_pct", "wastewater_reduction_pct", "water_saving_pct", "energy_saving_pct"]
EN_HEADINGS = ["The factory and its problem", "The technology", "Installation", "Results", "What others can learn"]
TC_HEADINGS = ["工廠與問題", "技術", "安裝", "成效", "經驗"]


# --- the synthetic corpus -------------------------------------------------------------------

def _bodies(pattern):
    for path in sorted(ROOT.glob(pattern)):
        text = path.read_text(encoding="utf-8")
        parts = text.split("---", 2)
        yield parts[2] if len(parts) == 3 else text


def harvest():
    """Sentences of the real case reports and technology briefs: (English, Chinese)."""
    english, chinese = [], []
    for body in _bodies("content/*/*/en.md"):
        prose = " ".join(line for line in body.splitlines() if line and not line.startswith(("#", "|", "-", "*", "!", "1.")))
        for sentence in re.split(r"(?<=[.!?])\s+", re.sub(r"\[([^]]*)\]\([^)]*\)", r"\1", prose)):
            if 8 <= len(sentence.split()) <= 40 and "{" not in sentence:
                english.append(sentence.strip())
    for body in _bodies("content/*/*/tc.md"):
        prose = "".join(line for line in body.splitlines() if line and not line.startswith(("#", "|", "-", "*", "!", "1.")))
        for sentence in re.split(r"(?<=。)", re.sub(r"\[([^]]*)\]\([^)]*\)", r"\1", prose)):
            if 12 <= len(sentence) <= 90 and "{" not in sentence:
                chinese.append(sentence.strip())
    if len(english) < 50 or len(chinese) < 50:
        sys.exit("bench: content/ has too little text to make a corpus from")
    return english, chinese


def _paragraphs(rng, sentences, size, measure, headings, joiner):
    """Markdown of `size` words (or characters): a heading per section, paragraphs, one list."""
    out, total, section = [], 0, 0
    while total < size:
        if section < len(headings) and total >= section * size / len(headings):
            out.append(f"## {headings[section]}")
            section += 1
            if section == 4:  # the results section has a list
                items = rng.sample(sentences, 3)
                out.append("\n".join(f"- {item}" for item in items))
                total += sum(measure(item) for item in items)
                continue
        paragraph = joiner.join(rng.sample(sentences, rng.randint(3, 5)))
        out.append(paragraph)
        total += measure(paragraph)
    return "\n\n".join(out) + "\n"


def _front(fields):
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"


def make_corpus(target, cases, rng, english, chinese):
    """Write a content folder with `cases` case reports; return what the bare corpus needs."""
    shutil.copytree(ROOT / "content" / "data", target / "data")
    shutil.copytree(ROOT / "content" / "pages", target / "pages")
    words = lambda text: len(text.split())  # noqa: E731
    items = []  # (kind, slug, date, meta, en front, en body, tc front, tc body)

    def add(kind, slug, date, meta, en_title, tc_title, en_size=500, tc_size=900, extra=None):
        en_front = {"title": en_title, "summary": rng.choice(english), **(extra or {}).get("en", {})}
        tc_front = {"title": tc_title, "summary": rng.choice(chinese), **(extra or {}).get("tc", {})}
        en_body = _paragraphs(rng, english, en_size, words, EN_HEADINGS, " ")
        tc_body = _paragraphs(rng, chinese, tc_size, len, TC_HEADINGS, "")
        folder = target / kind / slug
        folder.mkdir(parents=True)
        (folder / "meta.yaml").write_text(yaml.safe_dump(meta, sort_keys=False), encoding="utf-8")
        (folder / "en.md").write_text(_front(en_front) + en_body, encoding="utf-8")
        (folder / "tc.md").write_text(_front(tc_front) + tc_body, encoding="utf-8")
        items.append((kind, slug, date, en_front, en_body, tc_front, tc_body))

    technologies = []
    for index in range(12):
        slug = f"technology-{index + 1:02d}"
        technologies.append(slug)
        date = datetime.date(2013, 1, 1) + datetime.timedelta(days=20 * index)
        meta = {"date": date, "category": CATEGORIES[index % 4], "issues": rng.sample(ISSUES, 2),
                "sectors": rng.sample(SECTORS, 3), "reduction_pct": [50 + index, 80 + index]}
        add("technologies", slug, date, meta, f"Technology {index + 1}, " + rng.choice(english)[:60].rstrip(" .:"), f"技術{index + 1}：" + rng.choice(chinese)[:20], 350, 700)
    for index in range(8):
        start = datetime.date(2013, 3, 1) + datetime.timedelta(days=70 * index)
        meta = {"type": EVENT_TYPES[index % len(EVENT_TYPES)], "start": start, "city": rng.choice(CITIES),
                "organisers": ["hkpc"], "languages": ["cantonese"], "enquiry": "+852 2788 5678"}
        venue = {"en": {"venue": "HKPC Building, 78 Tat Chee Avenue, Kowloon"}, "tc": {"venue": "九龍達之路78號生產力大樓"}}
        add("events", f"event-{index + 1:02d}", start, meta, f"Seminar {index + 1} on cleaner production", f"清潔生產研討會（{index + 1}）", 200, 400, venue)
    for index in range(cases):
        sector, city = rng.choice(SECTORS), rng.choice(CITIES)
        date = datetime.date(2010, 1, 1) + datetime.timedelta(days=index * 3653 // max(cases, 1))
        metrics = rng.sample(PERCENT_METRICS, 2)
        meta = {"date": date, "sector": sector, "technologies": rng.sample(technologies, rng.randint(1, 2)),
                "issues": rng.sample(ISSUES, 2), "city": city, "project": rng.choice(PROJECTS),
                "results": {metrics[0]: rng.randint(20, 90), metrics[1]: rng.randint(20, 90), "annual_saving_hkd": rng.randint(1, 90) * 10000},
                "investment_hkd": rng.randint(5, 300) * 10000, "payback_years": rng.randint(5, 60) / 10}
        add("cases", f"case-{index + 1:05d}-{city}-{sector}", date, meta,
            f"Case {index + 1}, a {sector} factory in {city.replace('-', ' ').title()} cleans up",
            f"個案{index + 1}：工廠推行清潔生產", 500, 900)
    return items


def make_bare_corpus(target, items):
    """The same Markdown as ordinary Pelican articles: en and tc of an item are translations."""
    target.mkdir(parents=True)
    for kind, slug, date, en_front, en_body, tc_front, tc_body in items:
        for lang, front, body in (("en", en_front, en_body), ("tc", tc_front, tc_body)):
            header = f"Title: {front['title']}\nDate: {date}\nSlug: {kind}-{slug}\nLang: {lang}\nCategory: {kind}\nSummary: {front['summary']}\n\n"
            (target / f"{kind}-{slug}-{lang}.md").write_text(header + body, encoding="utf-8")
    (target.parent / "bareconf.py").write_text(
        'SITENAME = "Bare"\nSITEURL = ""\nTIMEZONE = "Asia/Hong_Kong"\nDEFAULT_LANG = "en"\nPATH = "bare"\n'
        "ARTICLE_TRANSLATION_ID = 'slug'\nPLUGINS = []\nCACHE_CONTENT = False\nLOAD_CONTENT_CACHE = False\n"
        "CHECK_MODIFIED_METHOD = 'mtime'\nCACHE_PATH = 'bare-cache'\n", encoding="utf-8")


# --- measuring ------------------------------------------------------------------------------

def run(command, cwd, env=None):
    """Run a command; return (wall seconds, peak memory in MB, output).

    The peak memory is that of the whole process tree at once (the build, its helper process and
    Pagefind, sampled from /proc every 20 ms), or where that is lower the largest single process
    (getrusage). The CPU seconds it used (user + system, children included) are kept in
    `cpu_seconds[-1]`, its wall seconds in `wall_seconds[-1]`."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output_lines = []
    reader = threading.Thread(target=lambda: output_lines.extend(process.stdout), daemon=True)
    reader.start()
    tree_peak = [0]
    sampling = threading.Event()
    sampler = threading.Thread(target=_sample_tree, args=(process.pid, tree_peak, sampling), daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    sampling.set()
    sampler.join()
    cpu_seconds.append(usage.ru_utime + usage.ru_stime)
    wall_seconds.append(seconds)
    reader.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    output = "".join(output_lines)
    if process.returncode != 0:
        sys.exit(f"bench: {' '.join(map(str, command))} failed:\n{output[-3000:]}")
    return seconds, max(usage.ru_maxrss / 1024, tree_peak[0] / 1024), output


def _tree_rss_kb(pid):
    """Resident memory (KB) of `pid` and all its descendants, from /proc (Linux)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/status", encoding="ascii", errors="replace") as handle:
                total += next((int(line.split()[1]) for line in handle if line.startswith("VmRSS:")), 0)
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as handle:
                    pending += [int(child) for child in handle.read().split()]
        except (OSError, ValueError):
            continue
    return total


def _sample_tree(pid, peak, stop):
    while not stop.wait(0.02):
        peak[0] = max(peak[0], _tree_rss_kb(pid))


def largest_page(output):
    """(gzipped bytes, path) of the largest HTML page of `output`."""
    sizes = ((len(gzip.compress(path.read_bytes(), compresslevel=6)), path.relative_to(output).as_posix()) for path in Path(output).rglob("*.html"))
    return max(sizes, default=(0, ""))


cpu_seconds = []
wall_seconds = []


def html_pages(output):
    return sum(1 for _ in Path(output).rglob("*.html"))


#: The settings `make serve` gives Pelican (Makefile, target serve).
SERVE_SETTINGS = ["CONTRACT_EXIT_ON_ERROR=false", "INCREMENTAL=true"]


def progress(message):
    """A line as each step ends, with the machine's load average (other work skews every figure)."""
    print(f"  {time.strftime('%H:%M:%S')} load {os.getloadavg()[0]:.1f}  {message}", flush=True)


def our_build_command(content, output, *extra):
    return [PYTHON, "-m", "pelican", str(content), "-o", str(output), "-s", "pelicanconf.py", "-v", *extra]


def environment(work):
    # A wide console, so that Pelican's log lines (the search plugin's timing) are not wrapped.
    return dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, COLUMNS="400")


def editor_rebuilds(work, content, output, slugs, edits, settings):
    """Start `pelican --autoreload` as `make serve` does; edit and save one case `edits` times.

    Returns [(seconds until the edited page is on disk, seconds until the rebuild, search index
    included, is done, whether the search index then holds the edit)]."""
    command = our_build_command(content, output, "--autoreload", "-e", *SERVE_SETTINGS, *settings)
    process = subprocess.Popen(command, cwd=ROOT, env=environment(work), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()

    def wait_done(timeout=900):
        deadline = time.perf_counter() + timeout
        log = []
        while time.perf_counter() < deadline:
            try:
                line = lines.get(timeout=0.05)
            except queue.Empty:
                if process.poll() is not None:
                    break
                continue
            log.append(line)
            if line.startswith(("Done:", "Built ")):  # Pelican's closing line, or ours (plugins/safe_build/summary.py)
                return
        process.kill()
        sys.exit("bench: the autoreload build did not finish:\n" + "".join(log[-40:]))

    timings = []
    try:
        wait_done()
        time.sleep(1.0)  # let the watcher settle before the first edit
        for number in range(edits):
            slug = slugs[number * 7 % len(slugs)]
            source = content / "cases" / slug / "en.md"
            page = output / "en" / "cases" / slug / "index.html"
            marker = f"edited{number}x{random.randrange(10**9)}"
            text = source.read_text(encoding="utf-8")
            edited = re.sub(r"^title: (['\"]?)(.*?)\1$", lambda match, marker=marker: f"title: {match.group(1)}{match.group(2)} {marker}{match.group(1)}", text, count=1, flags=re.M)
            started = time.perf_counter()
            source.write_text(edited, encoding="utf-8")
            while True:
                try:
                    if marker in page.read_text(encoding="utf-8"):
                        break
                except (FileNotFoundError, UnicodeDecodeError):
                    pass
                if time.perf_counter() - started > 600:
                    sys.exit(f"bench: {page} never showed the edit")
                time.sleep(0.005)
            visible = time.perf_counter() - started
            wait_done()
            done = time.perf_counter() - started
            timings.append((visible, done, _indexed(output, marker)))
            time.sleep(0.5)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
    return timings


def _indexed(output, marker):
    """Whether a fragment of the search index (or of a part of it) holds `marker` (the edited title)."""
    for path in (Path(output) / "pagefind").glob("**/fragment/en_*.pf_fragment"):
        if marker.encode() in gzip.decompress(path.read_bytes()):
            return True
    return False


def search_seconds(output):
    match = re.search(r"search: indexed .* in ([\d.]+) s", output)
    return float(match.group(1)) if match else None


def paired_builds(content, work, env, no_search, extra, count):
    """`count` more pairs of builds back to back, ours (without search, cold content cache) then
    bare Pelican: [(ours wall s, ours CPU s, bare wall s, bare CPU s)]. The machine's speed drifts
    (bare Pelican's 1,000-report build took 7.4 s in one run and 10.6 s in another, ours 43 s of
    CPU in both): a ratio of two builds made one after the other is steadier than one of builds
    minutes apart, and the median of a few steadier still."""
    pairs = []
    for number in range(count):
        cache = ["CONTENT_CACHE=" + json.dumps(str(work / "cache" / f"content-pair-{number}.sqlite"))]
        ours, _, _ = run(our_build_command(content, work / "out-pair", "-e", *cache, *no_search, *extra[1:]), ROOT, env)
        ours_cpu = cpu_seconds[-1]
        bare, _, _ = run([PYTHON, "-m", "pelican", "-s", "bareconf.py", "-o", "bare-out", "-e", "CACHE_CONTENT=false", "LOAD_CONTENT_CACHE=false"], work, env)
        pairs.append((ours, ours_cpu, bare, cpu_seconds[-1]))
    shutil.rmtree(work / "out-pair", ignore_errors=True)
    return pairs


def measure(size, work, english, chinese, edits, extra, skip_warm=False, pairs=3):
    rng = random.Random(size)
    content = work / "content"
    items = make_corpus(content, size, rng, english, chinese)
    make_bare_corpus(work / "bare", items)
    env = environment(work)
    cache = ["CONTENT_CACHE=" + json.dumps(str(work / "cache" / "content.sqlite"))]  # starts empty: cold
    no_search = ['SEARCH={"index": false}']
    progress(f"N={size}: corpus written; our full build without search, cold content cache")
    seconds, memory, _ = run(our_build_command(content, work / "out", "-e", *cache, *no_search, *extra[1:]), ROOT, env)
    cpu = cpu_seconds[-1]
    pages = html_pages(work / "out")
    warm = warm_cpu = None
    if not skip_warm:
        progress(f"N={size}: ours {seconds:.1f} s for {pages} pages; again, warm cache")
        warm, _, _ = run(our_build_command(content, work / "out", "-e", *cache, *no_search, *extra[1:]), ROOT, env)
        warm_cpu = cpu_seconds[-1]
    progress(f"N={size}: ours {seconds:.1f} s, warm {warm and round(warm, 1)} s; with search indexing, cold content cache")
    cold_again = ["CONTENT_CACHE=" + json.dumps(str(work / "cache" / "content-search.sqlite"))]
    searched, searched_memory, log = run(our_build_command(content, work / "out", "-e", *cold_again, *extra[1:]), ROOT, env)
    searched_cpu = cpu_seconds[-1]
    largest = largest_page(work / "out")
    progress(f"N={size}: with search {searched:.1f} s (indexing {search_seconds(log)} s), {searched_memory:.0f} MB; in one process")
    cold_serial = ["CONTENT_CACHE=" + json.dumps(str(work / "cache" / "content-serial.sqlite")), "BUILD_PROCESSES=1"]
    serial, _, _ = run(our_build_command(content, work / "out", "-e", *cold_serial, *no_search, *extra[1:]), ROOT, env)
    serial_cpu = cpu_seconds[-1]
    progress(f"N={size}: one process {serial:.1f} s; bare Pelican")
    bare_seconds, bare_memory, _ = run([PYTHON, "-m", "pelican", "-s", "bareconf.py", "-o", "bare-out", "-e", "CACHE_CONTENT=false", "LOAD_CONTENT_CACHE=false"], work, env)
    bare_cpu = cpu_seconds[-1]
    bare_pages = html_pages(work / "bare-out")
    # Bare Pelican's own content cache: fill it, change one file, build again.
    run([PYTHON, "-m", "pelican", "-s", "bareconf.py", "-o", "bare-out", "-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true"], work, env)
    touched = sorted((work / "bare").glob("cases-*-en.md"))[0]
    touched.write_text(touched.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    bare_rebuild, _, _ = run([PYTHON, "-m", "pelican", "-s", "bareconf.py", "-o", "bare-out", "-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true"], work, env)
    progress(f"N={size}: bare {bare_seconds:.1f} s for {html_pages(work / 'bare-out')} pages, cached rebuild {bare_rebuild:.1f} s; {pairs - 1} more pairs")
    paired = [(seconds, cpu, bare_seconds, bare_cpu)] + paired_builds(content, work, env, no_search, extra, pairs - 1)
    progress(f"N={size}: pairs (ours / bare, wall s) {', '.join(f'{o:.1f} / {b:.1f}' for o, _, b, _ in paired)}; make serve and {edits} edits")
    slugs = sorted(path.name for path in (content / "cases").iterdir())
    rebuilds = editor_rebuilds(work, content, work / "served", slugs, edits, cache + extra[1:])
    progress(f"N={size}: edits visible after {', '.join(f'{visible:.2f}' for visible, _, _ in rebuilds)} s")
    return {
        "N": size,
        "edits": edits,
        "pages": pages,
        "seconds": seconds,
        "memory": memory,
        "ms_page": 1000 * seconds / pages,
        "warm": warm,
        "cpu": cpu,
        "warm_cpu": warm_cpu,
        "bare_cpu": bare_cpu,
        "searched": searched,
        "searched_cpu": searched_cpu,
        "searched_memory": searched_memory,
        "serial": serial,
        "serial_cpu": serial_cpu,
        "largest": largest,
        "search": search_seconds(log),
        "bare_pages": bare_pages,
        "bare_seconds": bare_seconds,
        "bare_memory": bare_memory,
        "bare_ms_page": 1000 * bare_seconds / bare_pages,
        "bare_rebuild": bare_rebuild,
        "visible": statistics.median(visible for visible, _, _ in rebuilds),
        "visible_max": max(visible for visible, _, _ in rebuilds),
        "done": statistics.median(done for _, done, _ in rebuilds),
        "indexed": sum(found for _, _, found in rebuilds),
        "pair_ratios": [ours / pages / (bare / bare_pages) for ours, _, bare, _ in paired],
        "pair_cpu_ratios": [ours / pages / (bare / bare_pages) for _, ours, _, bare in paired],
    }


def _spread(ratios):
    return f"{statistics.median(ratios):.2f}x ({min(ratios):.2f}-{max(ratios):.2f}, {len(ratios)} pairs)"


def report(results):
    def ratio(ours, bare):
        return lambda r: f"{r[ours] / r['pages'] / (r[bare] / r['bare_pages']):.2f}x"

    rows = [
        ("HTML pages written (ours / bare)", lambda r: f"{r['pages']:,} / {r['bare_pages']:,}"),
        ("full build, wall s (ours / bare)", lambda r: f"{r['seconds']:.1f} / {r['bare_seconds']:.1f}"),
        ("full build, CPU s (ours / bare)", lambda r: f"{r['cpu']:.1f} / {r['bare_cpu']:.1f}"),
        ("peak memory, MB (ours / bare)", lambda r: f"{r['memory']:.0f} / {r['bare_memory']:.0f}"),
        ("CPU ms per HTML page (ours / bare)", lambda r: f"{1000 * r['cpu'] / r['pages']:.1f} / {1000 * r['bare_cpu'] / r['bare_pages']:.1f}"),
        ("per page, ours / bare, wall (aim 1.0)", ratio("seconds", "bare_seconds")),
        ("per page, ours / bare, CPU", ratio("cpu", "bare_cpu")),
        ("  median of the pairs, wall (range)", lambda r: _spread(r["pair_ratios"])),
        ("  median of the pairs, CPU (range)", lambda r: _spread(r["pair_cpu_ratios"])),
        ("  in one process: wall s, per page wall", lambda r: f"{r['serial']:.1f}, {r['serial'] / r['pages'] / (r['bare_seconds'] / r['bare_pages']):.2f}x"),
        ("warm content cache: CPU s, per page", lambda r: "not run" if r["warm_cpu"] is None else f"{r['warm_cpu']:.1f}, {r['warm_cpu'] / r['pages'] / (r['bare_cpu'] / r['bare_pages']):.2f}x"),
        ("with search index, wall s / CPU s", lambda r: f"{r['searched']:.1f} / {r['searched_cpu']:.1f}"),
        ("  per page, wall (aim 1.2) / CPU", lambda r: f"{ratio('searched', 'bare_seconds')(r)} / {ratio('searched_cpu', 'bare_cpu')(r)}"),
        ("  peak memory, MB (aim 1,024)", lambda r: f"{r['searched_memory']:.0f}"),
        ("  of which Pagefind indexing, s", lambda r: "n/a" if r["search"] is None else f"{r['search']:.1f}"),
        ("largest page, gzipped KB", lambda r: f"{r['largest'][0] / 1024:.1f}"),
        ("  which is", lambda r: r["largest"][1][-22:]),
        ("bare rebuild with its cache, s", lambda r: f"{r['bare_rebuild']:.1f} ({r['bare_rebuild'] / r['bare_seconds']:.2f} of full)"),
        ("make serve: edit to page on disk, s", lambda r: f"{r['visible']:.2f} (max {r['visible_max']:.2f})"),
        ("make serve: edit to index updated, s", lambda r: f"{r['done']:.2f}"),
        ("  edits found in the index after", lambda r: f"{r['indexed']} of {r['edits']}"),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"\n{'N case reports':<{width}}  " + "  ".join(f"{r['N']:>22,}" for r in results))
    for name, cell in rows:
        print(f"{name:<{width}}  " + "  ".join(f"{cell(r):>22}" for r in results))


def against(revision, size, work, english, chinese, extra, rounds):
    """Our build at `revision` (a git commit, checked out in a scratch worktree) and at this
    checkout, then bare Pelican, back to back `rounds` times on one corpus of `size` reports: how
    much a change gained, measured in one window of the machine's drifting speed. Prints each
    round and the medians."""
    make_bare_corpus(work / "bare", make_corpus(work / "content", size, random.Random(size), english, chinese))
    env = environment(work)
    no_search = ['SEARCH={"index": false}']
    tree = work / "worktree"
    subprocess.run(["git", "worktree", "add", "--detach", "--force", str(tree), revision], cwd=ROOT, check=True, capture_output=True)
    try:
        rows = []
        for number in range(rounds):
            walls = {}
            for name, root in ((revision, tree), ("this checkout", ROOT)):
                cache = ["CONTENT_CACHE=" + json.dumps(str(work / "cache" / f"{number}-{root.name}.sqlite"))]
                walls[name], _, _ = run(our_build_command(work / "content", work / f"out-{root.name}", "-e", *cache, *no_search, *extra[1:]), root, env)
            bare, _, _ = run([PYTHON, "-m", "pelican", "-s", "bareconf.py", "-o", "bare-out", "-e", "CACHE_CONTENT=false", "LOAD_CONTENT_CACHE=false"], work, env)
            pages, bare_pages = html_pages(work / f"out-{ROOT.name}"), html_pages(work / "bare-out")
            ratios = {name: wall / pages / (bare / bare_pages) for name, wall in walls.items()}
            rows.append((walls, bare, ratios))
            progress(f"round {number + 1}: " + ", ".join(f"{name} {wall:.1f} s ({ratios[name]:.2f}x)" for name, wall in walls.items()) + f", bare {bare:.1f} s")
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, capture_output=True)
    for name in (revision, "this checkout"):
        print(f"{name}: median {statistics.median(walls[name] for walls, _, _ in rows):.1f} s, per page against bare Pelican {_spread([ratios[name] for _, _, ratios in rows]).replace(' pairs', ' rounds')}")


def profile(size, work, english, chinese, extra):
    """cProfile of one full build of our site in this process: the 30 costliest functions."""
    import cProfile
    import pstats

    make_corpus(work / "content", size, random.Random(size), english, chinese)
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    os.chdir(ROOT)
    from pelican import main as pelican_main

    profiler = cProfile.Profile()
    profiler.enable()
    try:
        pelican_main([str(work / "content"), "-o", str(work / "out"), "-s", "pelicanconf.py", "-q", *extra])
    except SystemExit:
        pass
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(30)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Build-speed benchmark (see the module docstring).")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 3000], help="numbers of case reports (default: %(default)s)")
    parser.add_argument("--edits", type=int, default=5, help="edits timed per size (default: %(default)s)")
    parser.add_argument("--keep", type=Path, help="keep the corpora and outputs in this folder")
    parser.add_argument("--profile", type=int, metavar="N", help="instead: profile one full build of N case reports")
    parser.add_argument("--skip-warm", action="store_true", help="leave out the build with a warm content cache")
    parser.add_argument("--pairs", type=int, default=3, help="builds of ours and bare Pelican back to back, for the median ratio (default: %(default)s)")
    parser.add_argument("--against", metavar="REV", help="instead: our build at git commit REV and at this checkout, then bare Pelican, back to back (--pairs rounds, the first of --sizes)")
    parser.add_argument("-e", "--extra-settings", nargs="+", default=[], metavar="NAME=VALUE", help="extra Pelican settings for our builds")
    args = parser.parse_args(argv)
    extra = ["-e", *args.extra_settings] if args.extra_settings else []
    english, chinese = harvest()
    base = args.keep or Path(tempfile.mkdtemp(prefix="cpp-bench-"))
    try:
        if args.profile:
            return profile(args.profile, base / f"profile-{args.profile}", english, chinese, extra)
        if args.against:
            return against(args.against, args.sizes[0], base / f"against-{args.sizes[0]}", english, chinese, extra, max(1, args.pairs))
        print(f"bench: {os.cpu_count()} CPU(s), Python {sys.version.split()[0]}; corpora in {base}", flush=True)
        results = []
        for size in args.sizes:
            work = base / f"n{size}"
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            results.append(measure(size, work, english, chinese, args.edits, extra, args.skip_warm, max(1, args.pairs)))
            report(results)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
