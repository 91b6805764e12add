"""Build the Pagefind index of a written site: one index per language, Chinese pages folded.

Pagefind (extended build) reads the item pages, those whose `<main>` carries `data-pagefind-body`,
and writes one index per `<html lang>` into `<output>/pagefind/`.

The Chinese pages are indexed in folded form (fold.py: one script, 1:1 by character) with a word
break between any two Han characters, so that each Chinese character is a word of the index. Both
segmenters involved disagree too often to be relied on: Pagefind's at build time (it missed 活性炭,
反滲透 as words) and the browser's `Intl.Segmenter`, which Pagefind runs over the query (it splits
光伏 into 光 and 伏, which then match nothing). Indexed by character, any Chinese substring of a page
can be found; the search page asks for a query's characters and keeps the pages that hold them as
a phrase (theme/static/js/search.js).

Each page is indexed once, by Pagefind's command-line binary (from the `pagefind_bin_extended`
package) run over a scratch folder that holds, at the page's relative path, only what Pagefind
reads of it: its `<html lang>` and its `<main data-pagefind-body>` (`stripped_page`), the Chinese
pages folded. The pages are stripped and folded in two processes. Pagefind runs once per
language (its `glob` setting), one after the other, and the three bundles are merged into one
(`_merge_bundles`): Pagefind holds a whole index in memory until it writes it, so the build's
peak is that of the largest language, not of the site. A language of more than `pages_per_part`
pages is indexed in parts, each beyond the first a bundle of its own that `parts.json` lists and
the search page merges (`_place_parts`; docs/search.md, "A large language in parts").

The binary, not Pagefind's Python API: the API's service returns before its file writes are
flushed and is then terminated, which on a loaded machine left `pagefind.js` cut short. The binary
is run to completion (its runtime waits for every write before it exits), and the bundle is then
checked (verify.py) before the build may succeed.

Pagefind keeps the text of each page in a "fragment" that results show their title and excerpt
from, and that text is folded: Simplified on the Traditional site. Folding keeps every character
in its place, so each Chinese fragment gets its characters back from the page as written
(`PageUnfolder`): a folded character that comes from one character only in that page is that
character; one that comes from two (干 from 乾 and 幹) is placed by the run of characters around
it, found in the folded page text. The word breaks of the folded text (which match positions and
excerpts count) stay where they are. (Before, the Chinese pages were indexed a second time,
unfolded, only to copy their text back: twice the indexing and a full mirror of the site.)

Under `make serve` (plugins/incremental) the stripped pages are kept between rebuilds and only the
pages a rebuild wrote or removed are stripped again before Pagefind indexes the site anew.

Words that mean the same on the Chinese sites (Hong Kong and mainland wording, synonyms.py): a
Chinese page holding one word of a pair is given the other as hidden text at the end of its folded
mirror, with its keywords, details and title (`add_synonyms`); its fragment is cut before that
text, so results never show it. Chinese fragments also get Chinese punctuation between blocks
(`chinese_punctuation`).

What the browser needs to fold queries (and to write a query back in Traditional characters for the
language switcher) is written beside the index as `fold.json`.
"""

import functools
import gzip
import json
import multiprocessing
from html import escape as html_escape
from html import unescape as html_unescape
import logging
import re
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import lxml.html
from lxml import etree
from lxml.cssselect import CSSSelector

from .fold import HAN, VARIANTS, WORD_BREAK, browser_map_from, fold, fold_table, folded_characters, separate_han
from .verify import BundleError, verify_bundle

logger = logging.getLogger(__name__)

#: Languages whose pages are indexed folded (their `<html lang>` begins with `zh`).
FOLDED = ("tc", "sc")
#: The language written in Traditional characters, which a query is written back into (fold.json).
TRADITIONAL = "tc"
#: The file beside the index that tells the browser how to fold a query.
FOLD_MAP = "fold.json"
#: Files of Pagefind's bundle that this site never loads: its ready-made interfaces (the search
#: page has its own), the web worker (the search page runs Pagefind with `noWorker`) and the
#: playground. Removed after indexing so the output holds only what a reader can download.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
    "pagefind-worker.js",
    "playground",
)
#: Files of the bundle that are NOT byte-identical between two builds of the same content
#: (pagefind issue 638: the filter and metadata indexes are written in a varying order, and the
#: metadata file's hashed name, which pagefind-entry.json records, changes with it). They are the
#: declared exception to deterministic builds; a reproducibility check skips them. Paths are
#: globs relative to the output folder, with the bundle folder written as `{bundle}`.
NONDETERMINISTIC = (
    "{bundle}/pagefind-entry.json",
    "{bundle}/pagefind.*.pf_meta",
    "{bundle}/filter/*.pf_filter",
    "{bundle}/part-*/pagefind-entry.json",
    "{bundle}/part-*/pagefind.*.pf_meta",
    "{bundle}/part-*/filter/*.pf_filter",
)

#: Pagefind holds a language's whole index in memory until it writes it: about 0.56 MB a Chinese
#: page, which is indexed by character (1.7 GB for 3,027 pages, measured). A language of more
#: pages is indexed in parts of at most this many (`SEARCH["pages_per_part"]`), each a bundle of
#: its own that the search page merges with Pagefind's `mergeIndex`, so that the build's peak
#: stays under 1 GB.
PAGES_PER_PART = 1200
#: The folder of each part beyond a language's first, in the bundle.
PART_FOLDER = "part-{lang}-{number}"
#: Lists the parts of each language (written always; `{}` when no language has parts).
PARTS_LIST = "parts.json"
#: What a part does not keep of the bundle Pagefind wrote (the main bundle's serve every part).
PART_KEEPS_NOT = ("*.js", "*.css", "wasm.*", "playground")

#: How long one run of Pagefind may take (about 5 s for the real site; a guard, not a budget).
PAGEFIND_TIMEOUT = 900

_INDEXED = re.compile(r"<main\b[^>]*\sdata-pagefind-body\b")
_FRAGMENT_MAGIC = b"pagefind_dcd"


class SearchIndexError(Exception):
    """Pagefind could not index the site (the message says why)."""


@dataclass
class IndexStats:
    pages: dict = field(default_factory=dict)  # lang -> pages indexed
    seconds: float = 0.0
    unfolded: int = 0  # Chinese fragments given their original text back
    mismatched: list = field(default_factory=list)  # URLs whose fragment kept the folded text


def indexed_pages(output):
    """[(lang, path relative to output)] of the pages Pagefind should index, sorted."""
    pages = []
    for lang_dir in sorted(p for p in Path(output).iterdir() if p.is_dir()):
        for file in sorted(lang_dir.rglob("*.html")):
            if _INDEXED.search(file.read_text(encoding="utf-8")):
                pages.append((lang_dir.name, file.relative_to(output).as_posix()))
    return pages


def pagefind_executable():
    """The extended Pagefind binary that the `pagefind_bin_extended` package ships."""
    try:
        from pagefind_bin_extended import get_executable

        return str(get_executable())
    except (ImportError, FileNotFoundError) as error:
        raise SearchIndexError(f"search: the Pagefind binary is not installed (pip install -r requirements.txt): {error}") from None


_HTML_LANG = re.compile(r"<html\b[^>]*?\slang=\"([^\"]*)\"")


def stripped_page(html):
    """What Pagefind reads of a page, and no more: its `<html lang>` and its `<main>` (the
    `data-pagefind-body` element, with the search record); None if the page is not indexed.
    Pagefind then parses a few KB a page instead of the whole page with its header, footer and
    scripts."""
    main = _MAIN.search(html)
    if not main or not _INDEXED.match(main.group(0)):
        return None
    lang = _HTML_LANG.search(html)
    lang = f' lang="{lang.group(1)}"' if lang else ""
    return f"<!DOCTYPE html><html{lang}><head><meta charset=\"utf-8\"></head><body>{main.group(0)}</body></html>"


def page_url(path):
    """The URL Pagefind gives the page at `path` (relative to the output folder)."""
    return "/" + path.removesuffix("index.html")


def build_index(output, bundle="pagefind", exclude=(), folded_langs=FOLDED, binary=None, synonyms=(), pages=None, stripped_dir=None,
                summaries=None, processes=2, pages_per_part=PAGES_PER_PART):
    """Index the written site in `output` into `output/bundle`, check the bundle; return IndexStats.

    Each indexed page is indexed once, by Pagefind (one run per language) over a scratch folder of
    what Pagefind reads of each page (`stripped_page`), the Chinese pages folded; the fragments of
    the Chinese pages then get their own characters back from the written page (`PageUnfolder`).
    Both passes over the pages run in `processes` processes.

    `binary`: the Pagefind executable (default: the one `pagefind_bin_extended` ships).
    `pages_per_part`: a language of more pages is indexed in parts (see PAGES_PER_PART).
    `synonyms`: pairs of Chinese words that mean the same ((Hong Kong, mainland) wording): a Chinese
    page holding one is also found by the other (see `add_synonyms`).
    `pages`: the paths (relative to `output`) of the pages that changed since the last call with
    the same `stripped_dir` and `summaries` (None: every page). `stripped_dir`: where the stripped
    pages are kept between calls (`make serve` re-indexes after each rebuild and strips only the
    changed pages); None: a scratch folder, removed afterwards. `summaries`: a dict kept with it
    (what fold.json needs of each page).
    Raises SearchIndexError when Pagefind fails or the bundle it wrote is incomplete.
    """
    start = time.perf_counter()
    output = Path(output)
    target = output / bundle
    stats = IndexStats()
    again = _languages_changed(pages, target)  # `make serve`: only these languages again
    if again is None and target.exists():
        shutil.rmtree(target)
    binary = binary or pagefind_executable()
    folded_pairs = [(fold(one), fold(other)) for one, other in synonyms if fold(one) != fold(other)]
    summaries = {} if summaries is None else summaries
    with tempfile.TemporaryDirectory(prefix="search-") as scratch:
        scratch = Path(scratch)
        site = Path(stripped_dir) if stripped_dir else scratch / "site"
        strip = partial(_strip, output, site, folded_langs, folded_pairs, exclude)
        indexed = _strip_pages(output, site, strip, pages, summaries, processes)
        logger.debug("search: %d page(s) stripped in %.2f s", len(indexed), time.perf_counter() - start)
        for path in indexed:
            lang = path.split("/", 1)[0]
            stats.pages[lang] = stats.pages.get(lang, 0) + 1
        if not indexed:
            return stats
        if again is not None and not again <= set(stats.pages):  # a language without pages now: start afresh
            again = None
            shutil.rmtree(target)
        written = _index_each_language(binary, exclude, site, indexed, scratch, target, again, pages_per_part)
        logger.debug("search: Pagefind done at %.2f s", time.perf_counter() - start)
        folded = [path for path in indexed if path.split("/", 1)[0] in folded_langs]
        if folded:
            new_fragments = sorted(path for path in written if path.parent.name == "fragment" and path.name.startswith("zh"))
            _unfold_chinese(site, target, folded, summaries, stats, processes, new_fragments)
            logger.debug("search: Chinese fragments unfolded at %.2f s", time.perf_counter() - start)
    _remove_unused(target, UNUSED_BUNDLE_FILES)
    try:
        verify_bundle(target, expected_pages=len(indexed))
    except BundleError as problem:
        raise SearchIndexError(f"search: {problem}") from None
    stats.seconds = time.perf_counter() - start
    return stats


def _strip_pages(output, site, strip, pages, summaries, processes):
    """Strip `pages` (None: every page, afresh) into `site`; keep `summaries` current; return the
    sorted paths of every page to index."""
    if pages is None:
        shutil.rmtree(site, ignore_errors=True)
        summaries.clear()
        pages = [path.relative_to(output).as_posix() for path in sorted(output.glob("*/**/*.html"))]
    for path, summary in zip(pages, _map(strip, pages, processes)):
        if summary is None:
            summaries.pop(path, None)
        else:
            summaries[path] = summary
    return sorted(summaries)


def _languages_changed(pages, target):
    """The languages (`en`, `tc`, `sc`) of the changed `pages` when only they need indexing again
    (`make serve`: the bundle in `target` holds the others, up to date); None: every language."""
    if pages is None or not (target / "pagefind-entry.json").is_file():
        return None
    return {path.split("/", 1)[0] for path in pages if "/" in path}  # not /404.html, the root chooser


def _index_each_language(binary, exclude, site, indexed, scratch, target, again=None, pages_per_part=PAGES_PER_PART):
    """Pagefind over the stripped pages, one language at a time (it holds a whole index in
    memory), a language of more than `pages_per_part` pages in parts; the first part of each
    language merged into `target`, the others placed beside it (`_place_parts`). With `again`,
    only those languages, in place of theirs in `target`. Returns the files written into `target`."""
    by_lang = {}
    for path in indexed:
        by_lang.setdefault(path.split("/", 1)[0], []).append(path)
    langs = [lang for lang in sorted(by_lang) if again is None or lang in again]
    config = {"exclude_selectors": list(exclude)}
    parts = {}
    for lang in langs:
        chunks = split_evenly(by_lang[lang], pages_per_part)
        parts[lang] = []
        for number, chunk in enumerate(chunks, 1):
            root = site if len(chunks) == 1 else _part_site(site, chunk, scratch / f"pages-{lang}-{number}")
            into = scratch / (f"bundle-{lang}" if number == 1 else PART_FOLDER.format(lang=lang, number=number))
            run_pagefind(binary, dict(config, glob=f"{lang}/**/*.html"), root, into, scratch)
            if number > 1:
                parts[lang].append(into)
    written = _merge_bundles([scratch / f"bundle-{lang}" for lang in langs], target, replace=again is not None)
    return written + _place_parts(parts, target)


def split_evenly(values, most):
    """`values` in consecutive runs of at most `most` (of sizes that differ by one at most)."""
    if not isinstance(most, int) or most < 1:
        raise SearchIndexError(f"search: SEARCH['pages_per_part'] must be a whole number of pages, 1 or more, not {most!r}")
    count = -(-len(values) // most) if values else 1
    size, extra = divmod(len(values), count)
    runs, start = [], 0
    for number in range(count):
        end = start + size + (number < extra)
        runs.append(values[start:end])
        start = end
    return runs


def _part_site(site, pages, folder):
    """A folder of the stripped `pages` of one part of a language (hard links into `site`,
    copies where the file system has none), for Pagefind to index that part alone."""
    for path in pages:
        into = folder / path
        into.parent.mkdir(parents=True, exist_ok=True)
        try:
            into.hardlink_to(Path(site) / path)
        except OSError:
            shutil.copyfile(Path(site) / path, into)
    return folder


def _place_parts(parts, target):
    """Move the part bundles ({lang: [bundle folder]}, the parts beyond the first) into `target`,
    in place of any earlier parts of those languages, and list every part of every language in
    `target/parts.json` ({Pagefind's language: [folder/]}), which the search page merges. A part
    keeps only its index: the search page runs the main bundle's pagefind.js and WebAssembly.
    Returns the files moved."""
    listing_path = target / PARTS_LIST
    listing = json.loads(listing_path.read_text(encoding="utf-8")) if listing_path.is_file() else {}
    listing = {key: [name for name in names if _part_language(name) not in parts] for key, names in listing.items()}
    for old in target.glob("part-*"):
        if _part_language(old.name) in parts:
            shutil.rmtree(old)
    moved = []
    for bundle in (bundle for lang in sorted(parts) for bundle in parts[lang]):
        _remove_unused(bundle, PART_KEEPS_NOT)
        (key,) = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]
        listing.setdefault(key, []).append(bundle.name + "/")
        shutil.move(bundle, target / bundle.name)
        moved += [file for file in (target / bundle.name).rglob("*") if file.is_file()]
    listing = {key: names for key, names in sorted(listing.items()) if names}
    target.mkdir(parents=True, exist_ok=True)
    listing_path.write_text(json.dumps(listing, separators=(",", ":")), encoding="utf-8")
    return moved


def _part_language(name):
    """The site language of a part's folder name (`part-sc-2`: `sc`)."""
    return name.split("-")[1] if name.count("-") == 2 else None


def _text_beside(stripped):
    """Where the text of a Chinese page is kept beside its stripped copy (Pagefind reads only
    `*.html`): read back, not parsed again, when its fragment is unfolded."""
    return stripped.with_name(stripped.name + ".text")


def _unfold_chinese(site, target, folded, summaries, stats, processes, fragments):
    """Give the Chinese `fragments` (those Pagefind has just written) their pages' own characters
    back, and write fold.json from every page in `folded`."""
    paths = {page_url(path): path for path in folded}
    for url, guessed in _map(partial(_restore_original_text, site, paths), fragments, processes):
        stats.unfolded += 1
        if guessed:
            stats.mismatched.append(url)
            logger.warning("search: %s: %d character(s) of its search results could not be placed in its text: %s",
                           url, len(guessed), "".join(sorted(set(guessed))[:20]))
    present, counts = set(), Counter()  # counts: to write a query back in Traditional (fold.json)
    for path in folded:
        present.update(summaries[path][0])
        counts.update(summaries[path][1])
    (target / FOLD_MAP).write_text(json.dumps(browser_map_from(present, counts), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _remove_unused(bundle, patterns):
    """Remove the files and folders of `bundle` that match `patterns` (glob patterns, or names)."""
    for pattern in patterns:
        for unused in bundle.glob(pattern):
            if unused.is_dir():
                shutil.rmtree(unused)
            else:
                unused.unlink()


def _merge_bundles(bundles, target, replace=False):
    """One bundle from bundles of one language each: Pagefind names every file of a language's
    index after the language (`index/en_*.pf_index`, `pagefind.en_*.pf_meta`, ...) and lists the
    languages in `pagefind-entry.json`; the rest (pagefind.js, the WebAssembly) is the same in each.
    With `replace`, the bundles' languages take the place of theirs in the bundle at `target`.
    Returns the files moved into `target`."""
    entry = json.loads((target / "pagefind-entry.json").read_text(encoding="utf-8")) if replace else None
    moved = []
    for bundle in bundles:
        own = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        if entry is None:
            entry = own
        elif own.get("version") != entry.get("version"):
            raise SearchIndexError(f"search: Pagefind wrote bundles of versions {entry.get('version')} and {own.get('version')}")
        else:
            for language in own["languages"]:
                _remove_language(target, language)
            entry["languages"].update(own["languages"])
        for file in sorted(bundle.rglob("*")):
            if file.is_file() and file.name != "pagefind-entry.json":
                into = target / file.relative_to(bundle)
                if not into.exists():
                    into.parent.mkdir(parents=True, exist_ok=True)
                    shutil.move(file, into)
                    moved.append(into)
    if entry is not None:
        target.mkdir(parents=True, exist_ok=True)
        (target / "pagefind-entry.json").write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return moved


def _remove_language(target, language):
    """Remove the files of one language's index (named after it) from the bundle at `target`."""
    for pattern in (f"pagefind.{language}_*", f"*/{language}_*"):
        for file in target.glob(pattern):
            file.unlink()


#: Fewer pages than this are done in the calling process (a `make serve` rebuild).
_POOL_FROM = 64


def _map(function, values, processes):
    """`map(function, values)`, in `processes` forked processes when there are enough values."""
    if processes < 2 or len(values) < _POOL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return list(map(function, values))
    with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(function, values, chunksize=max(1, len(values) // (processes * 8))))


def _strip(output, site, folded_langs, folded_pairs, exclude, path):
    """Write what Pagefind should read of the page at `path` into `site` (the Chinese pages
    folded, a word break between Han characters, their synonyms added); remove it from `site` if
    the page is gone or no longer indexed. Returns what fold.json needs of the page (the
    characters of its folded text, and on the Traditional site the counts of its characters that
    folding changes), or None if it is not indexed."""
    source = Path(output) / path
    html = source.read_text(encoding="utf-8") if source.is_file() else ""
    page = stripped_page(html)
    into = Path(site) / path
    if page is None:
        into.unlink(missing_ok=True)
        _text_beside(into).unlink(missing_ok=True)
        return None
    lang = path.split("/", 1)[0]
    summary = ("", {})
    if lang in folded_langs:
        _text_beside(into).parent.mkdir(parents=True, exist_ok=True)  # bytes: a CR in the text stays a CR
        document = _parsed(page)  # one parse for both texts
        _text_beside(into).write_bytes(_page_text(document).encode("utf-8"))  # for the fragment's characters
        folded = fold(page)
        text = "" if document is None else _searched_in(document, exclude)
        counts = folded_characters(text) if lang == TRADITIONAL else {}
        summary = ("".join(set(folded)), dict(counts))
        # Folding keeps every character in its place, so the folded page's text is the text folded.
        page = separate_han(add_synonyms(folded, folded_pairs, exclude, searched=fold(text)))
    _write(into, page)
    return summary


_MAIN = re.compile(r"<main\b.*?</main>", re.S)


def _main(html):
    """The part of a page that Pagefind reads (its <main>, with the search record)."""
    found = _MAIN.search(html)
    return found.group(0) if found else html

#: Marks the start of a Chinese page's synonyms, the last text of its folded mirror (a private-use
#: character that no page text holds). Everything from it on is cut from the page's fragment.
SYNONYMS_MARK = "\ue000"
#: The searched metadata of partials/search-fields.html that a Chinese page also needs as text.
_HIDDEN_FIELDS = re.compile(r'<span data-pagefind-meta="(keywords|details)">([^<]*)</span>')
_TITLE_FIELD = re.compile(r'<span data-pagefind-meta="title">([^<]*)</span>')
TITLE_WEIGHT = 5
#: Metadata that is searched and never shown: not kept in a Chinese page's fragment.
SEARCHED_ONLY = ("keywords", "details")


def searched_text(html, exclude=()):
    """The text of a page that Pagefind indexes: its `data-pagefind-body` element, less the parts
    that `exclude` (CSS selectors) and `data-pagefind-ignore` leave out."""
    document = _parsed(html)
    return "" if document is None else _searched_in(document, exclude)


def _parsed(html):
    try:
        return lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def _searched_in(document, exclude):
    """`searched_text` of a parsed page (whose left-out parts are removed from it)."""
    parts = []
    left_out = _left_out(tuple(exclude))
    for body in document.xpath("//*[@data-pagefind-body]"):
        for element in left_out(body):
            element.drop_tree()
        parts.append(body.text_content())
    return " ".join(parts)


@functools.lru_cache(maxsize=8)
def _left_out(exclude):
    """One compiled selector for what `searched_text` leaves out (compiling CSS to XPath for each
    page was a third of the time taken to strip the pages)."""
    return CSSSelector(", ".join([*exclude, "[data-pagefind-ignore]"]))


def add_synonyms(folded_html, folded_pairs, exclude=(), searched=None):
    """The folded page with hidden text appended to what Pagefind reads of it: its `keywords` and
    `details` (partials/search-fields.html), and for each pair of words of which its searched text
    holds one and not the other, the other word: 挥发性有机化合物 (Hong Kong) finds the pages that
    write 挥发性有机物 (mainland) and the other way round, on either Chinese site.

    Indexed as page text because the search page finds a Chinese word as a phrase of the page
    text, which Pagefind's metadata is not; after a mark that `_without_synonyms` cuts the
    fragment at, so that no result shows it. (`searched`: the searched text of the folded page,
    when the caller has it already.)"""
    added = [html_unescape(found) for _, found in _HIDDEN_FIELDS.findall(_main(folded_html))]
    searched = searched_text(folded_html, exclude) if searched is None else searched
    added += _other_words(searched + " ".join(added), folded_pairs)
    if not added:
        return folded_html
    # The keywords field, which ranks a page by its topic, holds the other words of its own too.
    folded_html = _HIDDEN_FIELDS.sub(lambda found: _with_other_words(found, folded_pairs), folded_html)
    words = html_escape(" · ".join(dict.fromkeys(added)))
    title = _TITLE_FIELD.search(folded_html)
    # Pagefind's metadata weights (search.js RANKING) do not reach Chinese words: the title is
    # searched again here, with the weight of a title.
    title = f'<p hidden data-pagefind-weight="{TITLE_WEIGHT}">{title.group(1)}</p>' if title else ""
    at = folded_html.rfind("</main>")
    return folded_html[:at] + f"<p hidden>{SYNONYMS_MARK}{words}</p>{title}" + folded_html[at:] if at >= 0 else folded_html


def _other_words(text, folded_pairs):
    """The word of each pair that `text` lacks while holding the other."""
    other_words = []
    for one, other in folded_pairs:
        if one in text and other not in text:
            other_words.append(other)
        elif other in text and one not in text:
            other_words.append(one)
    return other_words


def _with_other_words(found, folded_pairs):
    name, words = found.groups()
    if name != "keywords":
        return found.group(0)
    more = _other_words(html_unescape(words), folded_pairs)
    return found.group(0).replace(f">{words}<", ">" + " · ".join([words, *map(html_escape, more)]) + "<") if more else found.group(0)


def _without_synonyms(fragment):
    """The fragment without the synonyms that `add_synonyms` appended to its text (and its word
    count without their words): results show the page's own text only."""
    meta = {name: value for name, value in fragment.get("meta", {}).items() if name not in SEARCHED_ONLY}
    fragment = dict(fragment, meta=meta)
    content = fragment["content"]
    at = content.find(SYNONYMS_MARK)
    if at < 0:
        return fragment
    kept = content[:at].rstrip(" " + WORD_BREAK)
    cut_words = content.count(WORD_BREAK) - kept.count(WORD_BREAK)
    return dict(fragment, content=kept, word_count=max(fragment.get("word_count", 0) - cut_words, 0))


def _write(file, text):
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")


def run_pagefind(binary, config, site, into, scratch, timeout=PAGEFIND_TIMEOUT):
    """Index the HTML pages under `site` into the bundle folder `into` with Pagefind's binary, run
    to completion; raise SearchIndexError (with Pagefind's output) if it fails or finds no page."""
    workdir = Path(scratch) / f"run-{Path(into).name}"
    workdir.mkdir()
    # Pagefind reads its configuration from pagefind.json in the folder it runs in.
    (workdir / "pagefind.json").write_text(json.dumps(dict(config, site=str(site), output_path=str(into))), encoding="utf-8")
    try:
        result = subprocess.run(
            [binary], cwd=workdir, capture_output=True, text=True, errors="replace", timeout=timeout, stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        raise SearchIndexError(f"search: Pagefind did not finish indexing {site} in {timeout} s") from None
    except OSError as error:
        raise SearchIndexError(f"search: Pagefind could not be run ({binary}): {error}") from None
    said = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        raise SearchIndexError(f"search: Pagefind failed (exit status {result.returncode}) indexing {site}: {_tail(said)}")
    if not (Path(into) / "pagefind-entry.json").is_file():
        raise SearchIndexError(f"search: Pagefind found no page to index in {site}: {_tail(said)}")
    logger.debug("search: Pagefind on %s: %s", site, said)


def _tail(text, lines=12):
    return "\n".join(text.splitlines()[-lines:]) or "(no output)"


def _read_fragment(path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_FRAGMENT_MAGIC):
        raise SearchIndexError(f"search: {path} is not a Pagefind fragment this plugin can read")
    return json.loads(data[len(_FRAGMENT_MAGIC):].decode("utf-8"))


def _write_fragment(path, fragment):
    data = _FRAGMENT_MAGIC + json.dumps(fragment, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))


def _restore_original_text(site, paths, fragment_path):
    """Give the fragment of a page of a folded language its page's own characters back
    (`PageUnfolder`, from the text `_strip` kept beside the page's stripped copy in `site`), cut
    its synonyms and write its blocks with Chinese punctuation. Returns (its URL, the characters
    that could not be placed)."""
    stored = _read_fragment(fragment_path)
    fragment = _without_synonyms(stored)  # the hidden text of add_synonyms; never shown
    path = paths.get(fragment["url"])
    if path is None:
        raise SearchIndexError(f"search: {fragment_path} is of {fragment['url']}, which is not an indexed page")
    unfolder = PageUnfolder(_text_beside(Path(site) / path).read_bytes().decode("utf-8"))
    restored = unfolder.tree(fragment)
    restored["content"] = chinese_punctuation(restored["content"])
    if restored != stored:
        _write_fragment(fragment_path, restored)
    return fragment["url"], unfolder.guessed


def _page_text(document):
    """Every text of a parsed stripped page (None: it could not be parsed), markup left out and
    references decoded: the text that Pagefind's content, titles and metadata of the page are
    taken from. (Taken before `_searched_in` removes the parts that are not searched.)"""
    return "" if document is None else document.text_content()


class PageUnfolder:
    """Writes strings of a page's folded index in the page's own characters.

    Folding maps one character to one character, so the folded form of the page's text is
    exactly as long as the text: the original of a folded string is found where the string occurs
    in the folded text. Most characters need no search: a folded character that comes from one
    character only in this page (废 from 廢) is that character. Only a character that comes from
    two or more (干 from 乾 and from 干 itself, 发 from 發 and 髮) is looked up by its context: the
    run of word characters around it, found in the folded page text at or after the last place
    found (a page's text comes in order), else anywhere. A character whose context is not in the
    page (never seen on this site's pages) takes the commonest of its originals and is listed in
    `guessed`."""

    _CONTEXT = re.compile(r"[^\W_]+")

    def __init__(self, text):
        self.text = text
        self._folded = None
        table = fold_table()
        distinct = set(text)
        origins = {}  # {folded character: {original characters}}, for the characters folding changes
        for char in distinct:
            folded_char = table.get(ord(char))
            if folded_char is not None:
                origins.setdefault(folded_char, set()).add(char)
        for variant, spelling in VARIANTS.items():  # the spellings folded in context
            if variant in text:
                for char, folded_char in zip(variant, spelling):
                    if char != folded_char:
                        origins.setdefault(folded_char, set()).add(char)
        for folded_char, found in origins.items():
            if folded_char in distinct:  # the page also has the folded character as written
                found.add(folded_char)
        single = {char: next(iter(found)) for char, found in origins.items() if len(found) == 1}
        #: {folded character: its originals in the page}, for those with two or more
        self.ambiguous = {char: found for char, found in origins.items() if len(found) > 1}
        self._single = str.maketrans(single)
        self._ambiguous = re.compile("[" + re.escape("".join(sorted(self.ambiguous))) + "]") if self.ambiguous else None
        self.guessed = []

    @property
    def folded(self):
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    def _commonest(self, char):
        return max(sorted(self.ambiguous[char]), key=self.text.count)

    def string(self, folded):
        """`folded` (a string of the page's fragment, word breaks included) in the page's characters."""
        restored = folded.translate(self._single)
        if self._ambiguous is None or not self._ambiguous.search(folded):
            return restored
        bare = folded.replace(WORD_BREAK, "")
        restored = list(restored.replace(WORD_BREAK, ""))
        cursor = 0
        contexts = {}  # start of a context run in `bare` -> where it was found in the page text
        for match in self._ambiguous.finditer(bare):
            at, char = match.start(), match.group(0)
            run = next(found for found in self._CONTEXT.finditer(bare, max(0, at - 200)) if found.start() <= at < found.end())
            if run.start() not in contexts:
                place = self.folded.find(run.group(0), cursor)
                if place < 0:
                    place = self.folded.find(run.group(0))
                contexts[run.start()] = place
                if place >= 0:
                    cursor = place + len(run.group(0))
            place = contexts[run.start()]
            if place >= 0:
                restored[at] = self.text[place + at - run.start()]
            else:
                restored[at] = self._commonest(char)
                self.guessed.append(char)
        characters = iter(restored)
        return "".join(char if char == WORD_BREAK else next(characters) for char in folded)

    def tree(self, value, key=None):
        """The JSON value `value` of a fragment with every string written in the page's characters.
        The page text (`content`) keeps the word breaks of the index, which the positions of
        matches and excerpts count; any other string (a title, an anchor's id) loses them."""
        if isinstance(value, str):
            return self.string(value if key == "content" else value.replace(WORD_BREAK, ""))
        if isinstance(value, dict):
            return {name: self.tree(item, name) for name, item in value.items()}
        if isinstance(value, list):
            return [self.tree(item, key) for item in value]
        return value


class _Mismatch(Exception):
    pass


#: Pagefind ends a block of text (a heading, a paragraph) that has no final punctuation with ". ".
_BLOCK_END_AFTER_HAN = re.compile(f"(?<={HAN.pattern})({WORD_BREAK}?)\\.(?: |$)")
#: and puts a space between blocks, which Chinese text never has after its full-width punctuation.
_SPACE_AFTER_FULL_STOP = re.compile(f"(?<=[。！？；：，、）」』])({WORD_BREAK}?)[ \\t\\r\\n]+")


def chinese_punctuation(text):
    """Pagefind's text of a Chinese page with the breaks between blocks written the Chinese way:
    "廢水回用. 在香港" -> "廢水回用。在香港". Only characters between word breaks change, so the
    page keeps its words (which match positions and excerpts count)."""
    return _SPACE_AFTER_FULL_STOP.sub(r"\1", _BLOCK_END_AFTER_HAN.sub(r"\1。", text))


def unfold(folded, original, keep_breaks=True):
    """`folded` with its characters taken back from `original`.

    Both are Pagefind's text of one page, indexed folded and unfolded: they differ in where the
    word breaks (U+200B) fall, but without them `fold(original)` must equal `folded`. The page
    text keeps the breaks of the folded index (`keep_breaks`), which the positions of matches
    and excerpts count; any other string (a title, an anchor's id) is the original as it was.
    """
    if folded == original:
        return folded
    bare_folded = folded.replace(WORD_BREAK, "")
    bare_original = original.replace(WORD_BREAK, "")
    if len(bare_folded) != len(bare_original) or fold(bare_original) != bare_folded:
        raise _Mismatch(f"texts differ: {bare_folded[:40]!r} / {bare_original[:40]!r}")
    if not keep_breaks:
        return original
    characters = iter(bare_original)
    return "".join(char if char == WORD_BREAK else next(characters) for char in folded)
