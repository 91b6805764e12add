"""A synthetic site of ten years of the programme: thousands of case reports and awardees.

`make_large_site(target, cases, awardees)` writes a content folder that follows the content
contract: the case reports, technology briefs and events of tools/bench.py's corpus (sentences of
the real content, varied sectors, cities and years), and `data/awardees.csv` with `awardees` rows
of every year, category, sector and city. Used by tests/test_pagination.py and by

    .venv/bin/python tests/large_site.py DIR [--cases 3000] [--awardees 5000]

to reproduce the largest-page figure (docs/benchmarks.md).
"""

import argparse
import csv
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: tools/ importable
from tools.bench import CITIES, SECTORS, harvest, make_corpus

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


def make_large_site(target, cases=3000, awardees=5000, seed=14):
    """Write the synthetic content folder at `target` (which must not exist); return its path."""
    target = Path(target)
    target.mkdir(parents=True)
    rng = random.Random(seed)
    english, chinese = harvest()
    make_corpus(target, cases, rng, english, chinese)
    write_awardees(target / "data" / "awardees.csv", awardees, rng)
    return target


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--awardees", type=int, default=5000)
    arguments = parser.parse_args()
    print(make_large_site(arguments.target, arguments.cases, arguments.awardees))
