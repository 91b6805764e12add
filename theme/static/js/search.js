// Search page (/{lang}/search/): results as you type, on Pagefind's JS API. Enhancement only:
// without JavaScript the page is a plain form with a message and links to the full lists.
//
// Markup (theme/templates/search.html): [data-module="app-search"] holding the form, with
// data-bundle (the index folder; its pagefind.js is imported here and nowhere else), data-base (the
// site root, for result addresses), data-fold (on the Chinese sites: the map that folds a query the
// way the pages were folded when indexed) and data-msg-* (messages in the page's language, with
// {count} and {query} in them). The address keeps the search (?q=...&sector=...), so a search can
// be shared, reloaded, or carried to another language by the language switcher.
//
// Chinese (plugins/search/fold.py, indexer.py): the Chinese pages were indexed folded to one script
// (Simplified, 1:1 by character) with every Han character a word of its own. So a query is folded
// the same way, each run of Han characters is searched as its characters, and the results are the
// pages that hold every run as a phrase (Pagefind's exact search), or when none does, every
// two-character piece of the runs. Excerpts come back in the page's own script; the runs are
// found in them by folding the excerpt character by character.
//
// The pure parts (folding, query parsing, excerpts, the address) are modules under lib/, unit-tested
// in tests/js/. Every search ends in a visible state: results, "no results", or the error message
// when Pagefind or the network fails (data-state="error").
import { carriedSearch, fillMessage, withQuery } from "./lib/address.js";
import { folding } from "./lib/fold.js";
import { decodeEntities, excerptSegments } from "./lib/highlight.js";
import { NO_QUERY, parseChinese, parseEnglish, pieces, shortened } from "./lib/query.js";

const PAGE_SIZE = 10;
// Pagefind's ranking: matches in the metadata add to the score of the page text. `keywords` (what
// a case report or technology brief is about: its issues, technologies, sectors) and the title
// weigh most, so a topic query puts the pages about it above events that mention it; `details`
// (city, venue, organisers) little; the image address nothing. See partials/search-fields.html.
const RANKING = { metaWeights: { title: 3, keywords: 8, summary: 1, details: 0.5, image: 0 } };
const TITLE_CHECKED = 20; // results whose titles titlesFirst reads
const RELAX_BELOW = 3; // results: fewer, and the pages holding all words but one are added

const root = document.querySelector('[data-module="app-search"]');
if (root) searchPage(root);

function searchPage(root) {
  const form = root.querySelector("form");
  const input = root.querySelector("#search-input");
  const status = root.querySelector("[data-search-status]");
  const list = root.querySelector("[data-search-results]");
  const more = root.querySelector("[data-search-more]");
  const filterBox = root.querySelector("[data-search-filters]");
  const selects = Array.from(root.querySelectorAll("select[data-search-filter]"));
  const fallback = root.querySelector("[data-search-fallback]");
  // Its first paragraph says why search is missing (no JavaScript): not said when one query fails.
  const fallbackReason = fallback.querySelector("p");
  const chinese = root.hasAttribute("data-fold");
  const chineseTerms = JSON.parse(root.getAttribute("data-chinese-terms") || "{}");
  const numbers = new Intl.NumberFormat(document.documentElement.lang);

  let pagefind = null;
  let parts = []; // the addresses of the parts of this language's index beyond the first
  let reset = null; // after a failed search: Pagefind keeps its failed fetches, so it is set up afresh
  let fold = folding(null);
  let results = [];
  let runs = [];
  let shown = 0;
  let generation = 0; // a newer search makes the results of an older one stale

  const message = (name, values) => fillMessage(root.getAttribute("data-msg-" + name), values);
  const parse = (query) => (chinese ? parseChinese(query, fold.foldQuery) : parseEnglish(query, chineseTerms));

  // --- the address ------------------------------------------------------------------------

  function readAddress() {
    const params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    for (const select of selects) {
      const wanted = params.get(select.name) || "";
      select.value = Array.from(select.options).some((o) => o.value === wanted) ? wanted : "";
    }
  }

  function writeAddress() {
    const params = new URLSearchParams();
    if (input.value.trim()) params.set("q", input.value.trim());
    for (const select of selects) if (select.value) params.set(select.name, select.value);
    history.replaceState(null, "", withQuery(location.pathname, params));
    for (const link of document.querySelectorAll(".app-lang a[href]")) {
      const carried = carriedSearch(params, link.getAttribute("lang") || "", fold);
      link.setAttribute("href", withQuery(link.getAttribute("href"), carried));
    }
  }

  // --- searching --------------------------------------------------------------------------

  // Pagefind finds the pages that hold every word. When few do (of three words or more), the pages
  // that hold all words but one follow them ("voc reduction dongguan": the Dongguan VOC case report
  // never says "reduction"), each group in Pagefind's order.
  async function relaxed(parsed, found, filters) {
    if (parsed.words.length < 3 || found.length >= RELAX_BELOW) return found;
    const seen = new Set(found.map((result) => result.id));
    const added = [];
    for (let skip = 0; skip < parsed.words.length; skip++) {
      const words = parsed.words.filter((_, i) => i !== skip);
      const response = await pagefind.search(words.concat(parsed.chars).join(" "), { filters });
      for (const result of response.results) {
        if (!seen.has(result.id)) {
          seen.add(result.id);
          added.push(result);
        }
      }
    }
    added.sort((a, b) => b.score - a.score);
    return found.concat(added);
  }

  // The results that hold each run as a phrase. Pagefind's exact search ("...") of a run's
  // characters finds them in order and next to each other; a single character needs no check.
  async function holdingAll(found, phrases, filters) {
    const sets = await Promise.all(
      phrases
        .filter((run) => Array.from(run).length > 1)
        .map(async (run) => {
          const response = await pagefind.search('"' + Array.from(run).join(" ") + '"', { filters });
          return new Set(response.results.map((result) => result.id));
        })
    );
    return found.filter((result) => sets.every((ids) => ids.has(result.id)));
  }

  // A query of two words or more: among the first results, the pages whose title holds every word
  // (on the Chinese sites every run) come first ("揮發性有機化合物 印刷": the seminar on VOC in
  // printing). A query of one word keeps the topic ranking (RANKING): "VOC" lists the technology
  // briefs and case reports about VOC before the events whose titles name it.
  async function titlesFirst(found, parsed) {
    const normalize = chinese ? fold.foldQuery : (text) => text.toLowerCase();
    const terms = parsed.words.concat(parsed.runs).map((term) => (chinese ? term : normalize(term)));
    if (terms.length < 2) return found;
    const head = found.slice(0, TITLE_CHECKED);
    const data = await Promise.all(head.map((result) => remember(result)));
    const holds = data.map((item) => {
      const title = normalize(decodeEntities((item.meta && item.meta.title) || ""));
      return terms.every((term) => title.includes(term));
    });
    const first = head.filter((_, i) => holds[i]);
    if (!first.length) return found;
    return first.concat(head.filter((_, i) => !holds[i]), found.slice(TITLE_CHECKED));
  }

  // A result's data, loaded once (titlesFirst, then showMore).
  function remember(result) {
    if (!result.loaded) result.loaded = result.data();
    return result.loaded;
  }

  function chosenFilters() {
    const filters = {};
    for (const select of selects) if (select.value) filters[select.name] = select.value;
    return filters;
  }

  // Every search ends in a visible state: its results, or the error message when it fails.
  function search(immediately) {
    const mine = ++generation;
    return runSearch(mine, immediately).catch((error) => fail(mine, error));
  }

  async function runSearch(mine, immediately) {
    writeAddress();
    if (!pagefind) return;
    const query = input.value.trim();
    const filters = chosenFilters();
    if (!query && !Object.keys(filters).length) {
      results = [];
      clearResults();
      setStatus(message("prompt"));
      setState("idle");
      return;
    }
    setState("searching");
    setStatus(message("loading"));
    if (reset) await reset;
    const parsed = query ? parse(query) : NO_QUERY;
    let response;
    if (query && parsed.term === null) response = { results: [] }; // Chinese that means nothing in English
    else if (immediately) response = await pagefind.search(parsed.term, { filters });
    else response = await pagefind.debouncedSearch(parsed.term, { filters }, 250);
    if (response === null || mine !== generation) return; // overtaken by a newer search
    runs = parsed.runs;
    let found = response.results;
    let similar = false;
    const cut = parsed.term && shortened(parsed.term);
    if (!found.length && cut) {
      response = await pagefind.search(cut, { filters });
      if (mine !== generation) return;
      found = response.results;
      similar = found.length > 0;
    }
    if (!similar) found = await relaxed(parsed, found, filters);
    if (mine !== generation) return;
    // On the Chinese sites, the pages holding every run as a phrase, in Pagefind's order; when no
    // page does, those holding every two-character piece of the runs (as if each were a word).
    let kept = found;
    if (parsed.runs.length) {
      kept = await holdingAll(found, parsed.runs, filters);
      if (!kept.length) kept = await holdingAll(found, parsed.runs.flatMap(pieces), filters);
      if (mine !== generation) return;
    }
    if (query) kept = await titlesFirst(kept, parsed);
    if (mine !== generation) return;
    results = kept;
    clearResults();
    await showMore(mine, false);
    if (mine !== generation) return;
    setStatus(summary(query, similar));
    setState("done");
  }

  function summary(query, similar) {
    const count = numbers.format(results.length);
    if (!query) return message(results.length === 1 ? "filtered-one" : "filtered-many", { count });
    if (!results.length) return message("none", { query });
    if (similar) return message("similar", { count, query });
    return message(results.length === 1 ? "one" : "many", { count, query });
  }

  // A failed search (a part of the index that did not load, a network error) says so, in the
  // page's language, with the links to the full lists; the next search tries again.
  function fail(mine, error) {
    if (mine !== generation) return;
    console.error("search failed:", error);
    if (pagefind) {
      const module = pagefind;
      reset = module.destroy().then(() => configure(module));
      reset.catch(() => {}); // a search awaits it and fails in turn
    }
    clearResults();
    showFallback(false);
    setStatus(message("error"));
    setState("error");
  }

  // The links to the full lists, under the error message ("...or browse the lists below"); `why`:
  // with the paragraph that says search needs JavaScript (not when JavaScript runs but a query failed).
  function showFallback(why) {
    fallbackReason.hidden = !why;
    status.after(fallback);
    fallback.hidden = false;
  }

  async function showMore(mine, focusFirst) {
    const batch = results.slice(shown, shown + PAGE_SIZE);
    const data = await Promise.all(batch.map((result) => remember(result)));
    if (mine !== generation) return;
    const first = shown;
    for (const item of data) list.appendChild(renderResult(item));
    shown += data.length;
    more.hidden = shown >= results.length;
    if (focusFirst && list.children[first]) list.children[first].querySelector("a").focus();
  }

  function clearResults() {
    list.replaceChildren();
    shown = 0;
    more.hidden = true;
  }

  function setStatus(text) {
    if (status.textContent !== text) status.textContent = text;
  }

  // data-state on the root (loading, idle, searching, done, error) and aria-busy on the list tell
  // styles, tests and assistive technology where the search is.
  function setState(state) {
    root.setAttribute("data-state", state);
    list.setAttribute("aria-busy", state === "searching" ? "true" : "false");
    if (state !== "error") fallback.hidden = true;
  }

  // --- showing a result -------------------------------------------------------------------

  // The excerpt as text nodes and <mark>s: the page's text is never parsed as markup.
  function excerptNodes(data) {
    const fragment = document.createDocumentFragment();
    const segments = excerptSegments(data.excerpt, { chinese, runs, fold: fold.fold, content: data.content });
    for (const segment of segments) {
      if (segment.mark) {
        const mark = document.createElement("mark");
        mark.textContent = segment.text;
        fragment.appendChild(mark);
      } else {
        fragment.appendChild(document.createTextNode(segment.text));
      }
    }
    return fragment;
  }

  function optionLabel(name, value, attribute) {
    const select = selects.find((s) => s.name === name);
    const option = select && Array.from(select.options).find((o) => o.value === value);
    return option ? option.getAttribute(attribute || "data-label") : "";
  }

  function renderResult(data) {
    const item = document.createElement("li");
    item.className = "app-search__result";
    const heading = document.createElement("h2");
    heading.className = "app-search__result-title";
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = decodeEntities((data.meta && data.meta.title) || data.url);
    heading.appendChild(link);
    item.appendChild(heading);
    const filters = data.filters || {};
    const facts = [
      optionLabel("type", (filters.type || [])[0], "data-one"),
      ...(filters.sector || []).slice(0, 1).map((value) => optionLabel("sector", value)),
      ...(filters.year || []).slice(0, 1),
    ].filter(Boolean);
    if (facts.length) {
      const line = document.createElement("p");
      line.className = "app-search__result-facts";
      line.textContent = facts.join(" · ");
      item.appendChild(line);
    }
    const excerpt = document.createElement("p");
    excerpt.className = "app-search__result-excerpt";
    // The excerpt where the query is found; the summary when the excerpt does not show it: a page
    // found by a filter alone, or by its metadata only (its keywords or details, which are never
    // in the text: see partials/search-fields.html).
    const found = input.value.trim() && data.excerpt ? excerptNodes(data) : null;
    const telling = found && found.querySelector("mark");
    if (found && (telling || !(data.meta && data.meta.summary))) excerpt.appendChild(found);
    else excerpt.textContent = decodeEntities((data.meta && data.meta.summary) || "");
    item.appendChild(excerpt);
    return item;
  }

  // --- keyboard ---------------------------------------------------------------------------

  // Down arrow from the box goes to the first result, up and down move between results, and
  // up from the first (or Escape anywhere in the results) goes back to the box.
  function resultLinks() {
    return Array.from(list.querySelectorAll(".app-search__result-title a"));
  }

  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && resultLinks().length) {
      event.preventDefault();
      resultLinks()[0].focus();
    }
  });

  list.addEventListener("keydown", (event) => {
    const links = resultLinks();
    const at = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      input.focus();
    } else if (at >= 0 && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      const next = at + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) input.focus();
      else if (next < links.length) links[next].focus();
    }
  });

  // --- start ------------------------------------------------------------------------------

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search(true);
  });
  input.addEventListener("input", () => search(false));
  for (const select of selects) select.addEventListener("change", () => search(true));
  root.querySelector("[data-search-clear]").addEventListener("click", () => {
    for (const select of selects) select.value = "";
    search(true);
  });
  more.addEventListener("click", () => {
    const mine = generation;
    showMore(mine, true).catch((error) => fail(mine, error));
  });

  // Pagefind's bundle, the list of its parts and, on the Chinese sites, the fold map; without them
  // the page says search could not be loaded and shows the links to the full lists.
  async function load() {
    const bundle = root.getAttribute("data-bundle");
    const foldUrl = root.getAttribute("data-fold");
    const [module, map, listing] = await Promise.all([
      import(bundle + "pagefind.js"),
      foldUrl ? fetchJson(foldUrl) : null,
      fetchJson(bundle + "parts.json"),
    ]);
    const language = document.documentElement.lang.toLowerCase(); // Pagefind's name of the language
    parts = (listing[language] || []).map((name) => bundle + name);
    await configure(module);
    return { module, map };
  }

  async function fetchJson(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(url + ": " + response.status);
    return response.json();
  }

  // A language of many pages is indexed in parts (plugins/search/indexer.py, PAGES_PER_PART):
  // each is merged in, and Pagefind then searches them as one index.
  async function configure(module) {
    const options = {
      baseUrl: root.getAttribute("data-base"),
      ranking: RANKING,
      excerptLength: chinese ? 60 : 30, // words: on the Chinese sites, mostly characters
    };
    await module.options({ ...options, noWorker: true });
    await module.init();
    for (const part of parts) await module.mergeIndex(part, options);
  }

  setState("loading");
  readAddress();
  filterBox.hidden = false;
  fallback.hidden = true;
  setStatus(input.value.trim() ? message("loading") : "");
  load().then(
    ({ module, map }) => {
      if (map) fold = folding(map);
      pagefind = module;
      return search(true);
    },
    (error) => {
      console.error("search could not be loaded:", error);
      filterBox.hidden = true;
      showFallback(true);
      setStatus(message("error"));
      setState("error");
    }
  );
}
