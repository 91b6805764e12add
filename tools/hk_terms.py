"""Count Hong Kong wording in the visible text of a built site's Simplified pages.

    python tools/hk_terms.py OUTPUT_DIR [--top N] [--all] [--extra 词语 ...]

For each word on the Hong Kong side of content/data/mainland-wording.yaml (as OpenCC writes it in
Simplified characters), and for any --extra word, prints how often it appears in the text of
OUTPUT_DIR/sc/**/*.html (scripts and styles left out): `total` counts every occurrence, `left`
those outside the names of organisations and awardees and the phrases the table keeps whole (what
`make check` and tests/test_mainland_wording.py count). Run it on a build of main and on a build
of this branch to compare.
"""

import argparse
import sys
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plugins.checks.wording import protected_names  # noqa: E402
from plugins.multilingual import mainland  # noqa: E402
from plugins.multilingual.languages import to_simplified  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


class _VisibleText(HTMLParser):
    """The text a reader sees: everything but <script>, <style> and <template>."""

    HIDDEN = {"script", "style", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in self.HIDDEN

    def handle_endtag(self, tag):
        self.hidden -= tag in self.HIDDEN and self.hidden > 0

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html):
    parser = _VisibleText()
    parser.feed(html)
    return "\n".join(parser.parts)


def sc_texts(output):
    """{page path: visible text} of every Simplified page under `output`."""
    return {str(path.relative_to(output)): visible_text(path.read_text(encoding="utf-8"))
            for path in sorted((Path(output) / "sc").rglob("*.html"))}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("--content", default=str(ROOT / "content"))
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--all", action="store_true", help="list every word, also those not found")
    parser.add_argument("--extra", nargs="*", default=[], help="more candidate words (Simplified)")
    args = parser.parse_args(argv)
    content = Path(args.content)
    wording = mainland.load(content, protected=protected_names(content))
    texts = sc_texts(args.output)
    if not texts:
        sys.exit(f"{args.output}/sc/ has no HTML pages")
    everything = "\n".join(texts.values())
    left = {}
    for _, hk, _ in wording.leftovers(everything, everywhere=True):
        left[to_simplified(hk)] = left.get(to_simplified(hk), 0) + 1
    words = {entry.found: entry.mainland for entry in wording.entries if not entry.keeps}
    words.update({word: "?" for word in args.extra if word not in words})
    rows = sorted(((everything.count(word), left.get(word, 0), word, words[word]) for word in words), reverse=True)
    shown = rows if args.all else [row for row in rows if row[0]][: args.top]
    print(f"{len(texts)} pages in {args.output}/sc/; table: {len(wording.entries)} entries, "
          f"{len(words) - len(args.extra)} replacing")
    print(f"{'total':>6} {'left':>6}  Hong Kong -> mainland")
    for total, remaining, word, mainland_word in shown:
        print(f"{total:6d} {remaining:6d}  {word} -> {mainland_word}")
    print(f"all table words: {sum(row[0] for row in rows)} occurrences, {sum(left.values())} left")


if __name__ == "__main__":
    main()
