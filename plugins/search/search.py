"""Pelican plugin: search in every language, with Pagefind.

- Item pages (case reports, technology briefs, events, programme pages) mark their `<main>` with
  `data-pagefind-body` and carry a hidden record of their filters and result metadata
  (`partials/search-fields.html`, filled by the `search_filters(item)` template global).
- `SearchPageGenerator` writes `/{lang}/search/` (template `search.html`): a plain form that
  `theme/static/js/search.js` turns into results as you type.
- On `finalized`, when every page is written, `indexer.build_index` indexes the output into
  `/pagefind/`, one index per language, the Chinese pages folded so that either script finds
  either (`fold.py`) and indexed by character.

Not byte-identical between two builds of the same content: the files that
`indexer.NONDETERMINISTIC` lists (Pagefind's filter and metadata indexes, pagefind issue 638).

Settings (`SEARCH` in pelicanconf.py, merged over `DEFAULTS`):
- `index` (True): build the index; False skips it (the search page then says search is not
  available), e.g. to time a build without search.
- `bundle` ("pagefind"): the folder of the index under the output.
- `exclude` (list of CSS selectors): parts of an item page's `<main>` that are not searched
  (breadcrumbs, the illustrative notice, lists of related items, the facts panel and the
  results strip, whose terms are searched through the `keywords` and `details` metadata instead,
  a technology's evidence, the call to action and page links: none of them reads as an excerpt).
- `binary` (None): the Pagefind executable; None takes the extended binary that the
  `pagefind_bin_extended` package ships (pinned in requirements.txt).
- `pages_per_part` (1,200): a language of more indexed pages is indexed in parts, which the search
  page merges (Pagefind holds a language's index in memory: about 0.56 MB a Chinese page).

Every build checks the bundle it wrote (verify.py) and fails if it is incomplete.
"""

import atexit
import json
import logging
import re
import shutil
import sys
import tempfile

from jinja2 import pass_context
from pelican import signals

from ..common.generator import SiteGenerator
from ..common.pages import PageInfo, alternates_for
from ..multilingual import use_language
from ..multilingual.languages import LANGUAGE_CODES, text_for
from .fold import fold
from .indexer import FOLD_MAP, FOLDED, PAGES_PER_PART, SearchIndexError, build_index
from .synonyms import SynonymsError, synonym_pairs

logger = logging.getLogger(__name__)

DEFAULTS = {
    "index": True,
    "bundle": "pagefind",
    "exclude": [".app-breadcrumbs", ".app-notice", ".app-cards", ".app-related", ".app-print-only", ".app-facts",
                ".app-results-strip", ".app-evidence", ".app-cta", ".app-pagination"],
    "binary": None,
    "pages_per_part": PAGES_PER_PART,
}
#: The filters every indexed page may carry, in the order the search page offers them.
FILTERS = ("type", "sector", "category", "year")
#: Kinds of item, in the order the type filter lists them.
KINDS = ("cases", "technologies", "events", "pages")


def search_settings(settings, report=False):
    """DEFAULTS with the project's SEARCH settings over them; unknown keys are reported."""
    given = settings.get("SEARCH") or {}
    unknown = sorted(set(given) - set(DEFAULTS))
    if unknown and report:
        logger.warning("search: unknown SEARCH setting(s) %s; known: %s", ", ".join(unknown), ", ".join(DEFAULTS))
    return {**DEFAULTS, **{key: value for key, value in given.items() if key in DEFAULTS}}


def _year(item):
    when = getattr(item.meta, "start", None) if item.kind == "events" else item.date
    return [str(when.year)] if when else []


def item_filters(site, item):
    """{filter: [values]} recorded in the index for `item`: vocabulary keys and years, the same
    in every language (the search page shows them with the labels of its language)."""
    meta = item.meta
    sectors, categories = [], []
    if item.kind == "cases":
        sectors = [meta.sector]
        categories = [site.get("technologies", slug).meta.category for slug in meta.technologies]
    elif item.kind == "technologies":
        sectors = list(meta.sectors)
        categories = [meta.category]
    values = {"type": [item.kind], "sector": sectors, "category": categories, "year": _year(item)}
    return {name: list(dict.fromkeys(values[name])) for name in FILTERS if values[name]}


def filter_options(site):
    """{filter: [values]} that occur in the site, in the order the search page lists them."""
    found = {name: set() for name in FILTERS}
    for item in site.all_items():
        for name, values in item_filters(site, item).items():
            found[name].update(values)
    vocabularies = {"sector": "sectors", "category": "technology-categories"}
    options = {"type": [kind for kind in KINDS if kind in found["type"]]}
    for name, vocabulary in vocabularies.items():
        options[name] = [key for key in site.vocab[vocabulary] if key in found[name]]
    options["year"] = sorted(found["year"], reverse=True)
    return options


_ABBREVIATION = re.compile(r"\(([A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*)\)")


def item_terms(site, item, lang):
    """English abbreviations that a page in Chinese is also found by: those its issues are known
    by in English (`Volatile organic compounds (VOC)` -> VOC), which Chinese readers type too while
    Chinese text writes the term out (揮發性有機化合物)."""
    if lang == "en":
        return []
    labels = [site.vocab["issues"][key]["en"] for key in getattr(item.meta, "issues", [])]
    return list(dict.fromkeys(found for label in labels for found in _ABBREVIATION.findall(label)))


def item_keywords(site, item, lang):
    """What the page is about, beside its text: the labels of its issues, technology category,
    technologies and sectors in `lang` (and on the Chinese sites the English abbreviations of its
    issues). Recorded as the `keywords` metadata, which Pagefind searches with a weight of its own
    (search.js: RANKING) but never shows in an excerpt: a topic query ranks the case reports and
    technology briefs about the topic above events that mention it, and the facts panel, left out
    of the searched text, stays findable by its terms."""
    meta = item.meta
    vocab = site.vocab
    words = [vocab["issues"][key][lang] for key in getattr(meta, "issues", [])]
    if item.kind == "cases":
        words += [text_for(site.get("technologies", slug), lang)[0].title for slug in meta.technologies]
        words += [vocab["sectors"][meta.sector][lang]]
    elif item.kind == "technologies":
        words += [vocab["technology-categories"][meta.category][lang]]
        words += [vocab["sectors"][key][lang] for key in meta.sectors]
    words += item_terms(site, item, lang)
    return list(dict.fromkeys(word for word in words if word))


def item_details(site, item, lang):
    """The facts of the page that are not its topic (city, venue, organisers, event type), recorded
    as the `details` metadata: searched with a low weight, never shown in an excerpt."""
    meta = item.meta
    vocab = site.vocab
    words = []
    if getattr(meta, "city", None):
        words.append(vocab["cities"][meta.city][lang])
    if item.kind == "events":
        words.append(vocab["event-types"][meta.type][lang])
        words.append(text_for(item, lang)[0].venue or "")
        words += [vocab["organisations"][key][lang] for key in getattr(meta, "organisers", None) or []]
    return list(dict.fromkeys(word for word in words if word))


#: Vocabularies whose Chinese names an English search page understands (`chinese_to_english`).
TRANSLATED_VOCABULARIES = ("issues", "technology-categories", "sectors", "cities")


def chinese_to_english(site):
    """{Chinese name: English query} for the English search page: the names of the issues,
    technology categories, sectors and cities in Traditional (as written and folded to Simplified
    characters) and in mainland Simplified, each to its English label, or the abbreviation in it
    (揮發性有機化合物, 挥发性有机物 -> VOC). The English pages hold no Chinese, so this is what a
    Chinese query can mean on the English site; anything else finds nothing there."""
    terms = {}
    for vocabulary in TRANSLATED_VOCABULARIES:
        for labels in site.vocab[vocabulary].values():
            english = _ABBREVIATION.findall(labels["en"])
            query = english[0] if english and vocabulary == "issues" else labels["en"]
            for name in (labels.get("tc"), labels.get("sc")):
                if name:
                    terms.setdefault(name, query)
                    terms.setdefault(fold(name), query)
    return terms


@pass_context
def search_filters(context, item):
    return item_filters(context["site"], item)


@pass_context
def search_keywords(context, item):
    return item_keywords(context["site"], item, context["lang"])


@pass_context
def search_details(context, item):
    return item_details(context["site"], item, context["lang"])


def add_template_globals(generator):
    generator.env.globals.update(search_filters=search_filters, search_keywords=search_keywords, search_details=search_details)


class SearchPageGenerator(SiteGenerator):
    """Writes /{lang}/search/ for each language."""

    def write_site(self, writer, site):
        config = search_settings(self.settings, report=True)
        options = filter_options(site)
        template = self.get_template("search")
        for lang in LANGUAGE_CODES:
            use_language(self.env, lang)
            title = self.env.translations_by_lang[lang].gettext("Search")
            page = PageInfo(
                f"{lang}/search/", lang, title,
                alternates=alternates_for(lambda code: f"{code}/search/", LANGUAGE_CODES), kind="search",
            )
            writer.write_file(
                page.path + "index.html", template, self.context, page=page, lang=lang,
                search={
                    "enabled": config["index"],
                    "bundle": config["bundle"].strip("/") + "/",
                    "fold_map": f"{config['bundle'].strip('/')}/{FOLD_MAP}" if lang in FOLDED else "",
                    "filters": options,
                    "chinese_terms": json.dumps(chinese_to_english(site), ensure_ascii=False, sort_keys=True) if lang == "en" else "",
                },
            )
        use_language(self.env, "en")


def get_generators(pelican):
    return SearchPageGenerator


def index_site(pelican):
    """On `finalized`: index the written site (unless SEARCH["index"] is False)."""
    config = search_settings(pelican.settings)
    if not config["index"]:
        logger.info("search: indexing is switched off (SEARCH['index'] is False)")
        return
    pages, stripped_dir, summaries = None, None, None
    try:
        synonyms = synonym_pairs(pelican.settings["PATH"])
        state = pelican.settings.get("INCREMENTAL_STATE")  # `make serve`: re-read only the changed pages
        if state is not None:  # (plugins.incremental's `finalized` handler, which runs first, set `changed`)
            if not hasattr(state, "search_dir"):
                state.search_dir, state.search_summaries = tempfile.mkdtemp(prefix="search-serve-"), {}
                atexit.register(shutil.rmtree, state.search_dir, True)
            elif getattr(state, "search_synonyms", None) == synonyms:
                pages = sorted(state.changed)
            state.search_synonyms = synonyms  # other synonyms: every Chinese page is stripped again
            stripped_dir, summaries = state.search_dir, state.search_summaries
        stats = build_index(
            pelican.output_path, bundle=config["bundle"], exclude=config["exclude"], binary=config["binary"],
            synonyms=synonyms, pages=pages, stripped_dir=stripped_dir, summaries=summaries, pages_per_part=config["pages_per_part"],
        )
    except Exception as error:  # Pagefind's own failures: a site without its search is not published
        message = str(error).removeprefix("search: ") if isinstance(error, (SearchIndexError, SynonymsError)) else f"{type(error).__name__}: {error}"
        logger.critical("search: could not index %s: %s", pelican.output_path, message)
        if pelican.settings.get("CONTRACT_EXIT_ON_ERROR", True):  # `make serve` keeps serving
            sys.exit(1)
        return
    counts = ", ".join(f"{lang} {count}" for lang, count in sorted(stats.pages.items()))
    logger.info("search: indexed %s pages in %.2f s", counts or "no", stats.seconds)
    if stats.mismatched:
        logger.warning("search: %d Chinese page(s) show folded text in results: %s", len(stats.mismatched), ", ".join(stats.mismatched))


def register():
    signals.generator_init.connect(add_template_globals)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(index_site)
