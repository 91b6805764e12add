"""A synthetic site of ten years of the programme: thousands of case reports and awardees,
hundreds of events.

`make_large_site(target, cases, awardees, events)` writes a content folder that follows the
content contract: the case reports, technology briefs and events of tools/bench.py's corpus
(sentences of the real content, varied sectors, cities and years), `events` more events over ten
years (some still to come at the fixture's build time, 1 January 2015; some illustrative, so the
others carry the "On record" tag), and `data/awardees.csv` with `awardees` rows of every year,
category, sector and city. `largest_html_pages(output)` measures a built site's
HTML pages gzipped (as a web server sends them), largest first. Used by tests/test_pagination.py,
and to reproduce the largest-page figure (docs/benchmarks.md):

    .venv/bin/python tests/large_site.py /tmp/large [--cases 3000] [--awardees 5000] [--events 600]
    .venv/bin/python -m pelican /tmp/large -o /tmp/large-out -s pelicanconf.py -e 'SEARCH={"index": false}'
    .venv/bin/python tests/large_site.py --measure /tmp/large-out
"""

import argparse
import csv
import gzip
import datetime
import random
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: tools/ importable
from tools.bench import CITIES, EVENT_TYPES, SECTORS, harvest, make_corpus

AWARD_CATEGORIES = ("manufacturer", "etsp", "buyer", "excellent")
FIRST_YEAR = 2009


def write_awardees(path, count, rng):
    """`count` awardee rows spread over the years since 2009, about 200 to 500 a year."""
    years = max(1, min(count // 200, 2100 - FIRST_YEAR))
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["year", "category", "name_en", "name_tc", "sector", "city", "illustrative"])
        for index in range(count):
            sector, city = rng.choice(SECTORS), rng.choice(CITIES)
            writer.writerow([FIRST_YEAR + index % years, rng.choice(AWARD_CATEGORIES),
                             f"Illustrative {sector.title()} Works No. {index + 1} ({city.replace('-', ' ').title()})",
                             f"示例第{index + 1}號廠（{sector}）", sector, city, "true"])


def write_events(folder, count, rng, english, chinese):
    """`count` events (`folder`/large-event-<n>/) from 2010 to 2019, every type and city; every
    fourth illustrative."""
    first = datetime.date(2010, 1, 4)
    for index in range(count):
        start = first + datetime.timedelta(days=index * 3650 // max(count, 1))
        meta = {"type": EVENT_TYPES[index % len(EVENT_TYPES)], "start": start, "city": rng.choice(CITIES),
                "organisers": ["hkpc"], "languages": ["cantonese"]}
        if index % 4 == 0:
            meta["illustrative"] = True
        item = folder / f"large-event-{index + 1:04d}"
        item.mkdir(parents=True)
        (item / "meta.yaml").write_text(yaml.safe_dump(meta, sort_keys=False), encoding="utf-8")
        for lang, title, sentences, joiner in (("en", f"Seminar {index + 1} on cleaner production in practice", english, " "),
                                               ("tc", f"清潔生產實務研討會（{index + 1}）", chinese, "")):
            front = {"title": title, "summary": rng.choice(sentences), "venue": "HKPC Building" if lang == "en" else "生產力大樓"}
            body = joiner.join(rng.sample(sentences, 3))
            (item / f"{lang}.md").write_text("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
                                             + "---\n\n" + body + "\n", encoding="utf-8")


def make_large_site(target, cases=3000, awardees=5000, events=600, seed=14):
    """Write the synthetic content folder at `target` (which must not exist); return its path."""
    target = Path(target)
    target.mkdir(parents=True)
    rng = random.Random(seed)
    english, chinese = harvest()
    make_corpus(target, cases, rng, english, chinese)
    write_events(target / "events", events, rng, english, chinese)
    write_awardees(target / "data" / "awardees.csv", awardees, rng)
    return target


def largest_html_pages(output, count=None):
    """[(bytes gzipped at level 6, path relative to `output`)] of every HTML page, largest first."""
    output = Path(output)
    sizes = sorted(((len(gzip.compress(path.read_bytes(), compresslevel=6)), path.relative_to(output))
                    for path in output.rglob("*.html")), reverse=True)
    return sizes[:count] if count else sizes


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", type=Path, help="the content folder to write, or with --measure the built site")
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--awardees", type=int, default=5000)
    parser.add_argument("--events", type=int, default=600)
    parser.add_argument("--measure", action="store_true", help="print the five largest HTML pages of a built site, gzipped")
    arguments = parser.parse_args()
    if arguments.measure:
        pages = largest_html_pages(arguments.target)
        for size, path in pages[:5]:
            print(f"{size / 1024:6.1f} KB  {path}")
        print(f"of {len(pages)} HTML pages")
    else:
        print(make_large_site(arguments.target, arguments.cases, arguments.awardees, arguments.events))
