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
(function () {
  "use strict";

  const root = document.querySelector('[data-module="app-search"]');
  if (!root) return;
  const PAGE_SIZE = 10;
  const EXCERPT_CHARS = 70; // of a Chinese excerpt cut from the page text
  // Pagefind's ranking: matches in the metadata add to the score of the page text. `keywords` (what
  // a case report or technology brief is about: its issues, technologies, sectors) and the title
  // weigh most, so a topic query puts the pages about it above events that mention it; `details`
  // (city, venue, organisers) little; the image address nothing. See partials/search-fields.html.
  const TITLE_CHECKED = 20; // results whose titles titlesFirst reads
  const RELAX_BELOW = 3; // results: fewer, and the pages holding all words but one are added
  const RANKING = { metaWeights: { title: 3, keywords: 8, summary: 1, details: 0.5, image: 0 } };
  // The Han blocks of fold.HAN.
  const HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{2fa1f}";
  const HAN_RUNS = new RegExp("[" + HAN + "]+", "gu");
  const IS_HAN = new RegExp("[" + HAN + "]", "u");
  const form = root.querySelector("form");
  const input = root.querySelector("#search-input");
  const status = root.querySelector("[data-search-status]");
  const list = root.querySelector("[data-search-results]");
  const more = root.querySelector("[data-search-more]");
  const filterBox = root.querySelector("[data-search-filters]");
  const selects = Array.from(root.querySelectorAll("select[data-search-filter]"));
  const fallback = root.querySelector("[data-search-fallback]");
  const chinese = root.hasAttribute("data-fold");
  const numbers = new Intl.NumberFormat(document.documentElement.lang);

  let pagefind = null;
  let foldChar = (char) => char;
  let backChar = (char) => char; // a Simplified character written in Traditional (fold.json "back")
  let variants = [];
  let results = [];
  let runs = [];
  let shown = 0;
  let generation = 0; // a newer search makes the results of an older one stale

  function message(name, values) {
    let text = root.getAttribute("data-msg-" + name) || "";
    for (const key in values || {}) text = text.split("{" + key + "}").join(values[key]);
    return text;
  }

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
    const query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
    // The language switcher keeps the search: the filters, and the query where it can mean
    // something. A Chinese query goes to the other Chinese site in its script (发 <-> 發) and not
    // to the English one; any other query goes everywhere.
    for (const link of document.querySelectorAll(".app-lang a[href]")) {
      const carried = new URLSearchParams(params);
      const q = carried.get("q");
      const target = link.getAttribute("lang") || "";
      if (q && IS_HAN.test(q)) {
        if (!/^zh\b/i.test(target)) carried.delete("q");
        else if (/-Hant\b/i.test(target)) carried.set("q", Array.from(q, backChar).join(""));
        else carried.set("q", Array.from(q, foldChar).join(""));
      }
      const kept = carried.toString();
      link.setAttribute("href", link.getAttribute("href").split("?")[0] + (kept ? "?" + kept : ""));
    }
  }

  // --- folding (the same as plugins/search/fold.py) ---------------------------------------

  function useFoldMap(map) {
    const table = new Map();
    const to = Array.from(map.to);
    Array.from(map.from).forEach((char, i) => table.set(char, to[i]));
    foldChar = (char) => table.get(char) || char;
    variants = map.variants;
    const back = new Map();
    const original = Array.from((map.back && map.back.to) || "");
    Array.from((map.back && map.back.from) || "").forEach((char, i) => back.set(char, original[i]));
    backChar = (char) => back.get(char) || char;
  }

  function foldVariants(text) {
    for (const [variant, spelling] of variants) text = text.split(variant).join(spelling);
    return text;
  }

  // Page text, character by character: an array with a character for each character of the
  // text, each in its place (every variant has the length of its spelling).
  function foldChars(text) {
    return Array.from(foldVariants(Array.from(text, foldChar).join("")));
  }

  function foldQuery(text) {
    return foldVariants(Array.from(text.normalize("NFKC").toLowerCase(), foldChar).join(""));
  }

  // What Pagefind is asked: the words as typed, and on the Chinese sites each Han character as a
  // word. `runs` are the Han runs to find as phrases.
  // On the English site a Chinese query means what the names of issues, technology categories,
  // sectors and cities it holds mean in English (data-chinese-terms: 挥发性有机物 -> VOC); its
  // other Chinese words cannot be found in English pages and are left out.
  function english(query) {
    if (!IS_HAN.test(query)) return query;
    const terms = JSON.parse(root.getAttribute("data-chinese-terms") || "{}");
    let rest = query.normalize("NFKC");
    const found = [];
    for (const name of Object.keys(terms).sort((a, b) => b.length - a.length)) {
      if (rest.includes(name)) {
        found.push(terms[name]);
        rest = rest.split(name).join(" ");
      }
    }
    return found.concat(rest.replace(HAN_RUNS, " ").split(/\s+/)).filter(Boolean).join(" ");
  }

  function parse(query) {
    if (!chinese) {
      const term = english(query);
      return { term: term || null, runs: [], words: term.split(/\s+/).filter(Boolean), chars: [] };
    }
    const folded = foldQuery(query);
    const found = folded.match(HAN_RUNS) || [];
    const words = folded.replace(HAN_RUNS, " ").split(/\s+/).filter(Boolean);
    const chars = found.map((run) => Array.from(run).join(" "));
    return { term: words.concat(chars).join(" "), runs: found, words, chars };
  }

  // Pagefind finds the pages that hold every word. When few do (of three words or more), the pages that hold all words but
  // one follow them ("voc reduction dongguan": the Dongguan VOC case report never says
  // "reduction"), each group in Pagefind's order.
  async function relaxed(parsed, found, filters) {
    if (parsed.words.length < 3 || found.length >= RELAX_BELOW) return found;
    const seen = new Set(found.map((result) => result.id));
    const more = [];
    for (let skip = 0; skip < parsed.words.length; skip++) {
      const words = parsed.words.filter((_, i) => i !== skip);
      const response = await pagefind.search(words.concat(parsed.chars).join(" "), { filters });
      for (const result of response.results) {
        if (!seen.has(result.id)) {
          seen.add(result.id);
          more.push(result);
        }
      }
    }
    more.sort((a, b) => b.score - a.score);
    return found.concat(more);
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

  // 废水回用 -> 废水, 回用; 活性炭 -> 活性, 炭.
  function pieces(run) {
    const chars = Array.from(run);
    const split = [];
    for (let i = 0; i < chars.length; i += 2) split.push(chars.slice(i, i + 2).join(""));
    return split;
  }

  // Typos: a long word that matches nothing is tried again by its beginning ("photovoltiac" as
  // "photov"), the way Pagefind matches the beginnings of words.
  function shortened(term) {
    let changed = false;
    const words = term.split(" ").map((word) => {
      if (word.length < 6 || IS_HAN.test(word)) return word;
      changed = true;
      return word.slice(0, Math.max(4, Math.ceil(word.length * 0.6)));
    });
    return changed ? words.join(" ") : null;
  }

  // A query of two words or more: among the first results, the pages whose title holds every word
  // (on the Chinese sites every run) come first ("揮發性有機化合物 印刷": the seminar on VOC in
  // printing). A query of one word keeps the topic ranking (RANKING): "VOC" lists the technology
  // briefs and case reports about VOC before the events whose titles name it.
  async function titlesFirst(found, parsed) {
    const terms = parsed.words.concat(parsed.runs);
    if (terms.length < 2) return found;
    const head = found.slice(0, TITLE_CHECKED);
    const data = await Promise.all(head.map((result) => remember(result)));
    const holds = data.map((item) => {
      const title = chinese ? foldQuery(decode((item.meta && item.meta.title) || "")) : decode((item.meta && item.meta.title) || "").toLowerCase();
      return terms.every((term) => title.includes(chinese ? term : term.toLowerCase()));
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

  // --- searching --------------------------------------------------------------------------

  function chosenFilters() {
    const filters = {};
    for (const select of selects) if (select.value) filters[select.name] = select.value;
    return filters;
  }

  async function search(immediately) {
    writeAddress();
    if (!pagefind) return;
    const query = input.value.trim();
    const filters = chosenFilters();
    const mine = ++generation;
    if (!query && !Object.keys(filters).length) {
      results = [];
      clearResults();
      setStatus(message("prompt"));
      setState("idle");
      return;
    }
    setState("searching");
    setStatus(message("loading"));
    const parsed = query ? parse(query) : { term: null, runs: [], words: [], chars: [] };
    let response;
    if (query && parsed.term === null) response = { results: [] }; // Chinese that means nothing in English
    else if (immediately) response = await pagefind.search(parsed.term, { filters });
    else response = await pagefind.debouncedSearch(parsed.term, { filters }, 250);
    if (response === null || mine !== generation) return; // overtaken by a newer search
    runs = parsed.runs;
    let found = response.results;
    let similar = false;
    if (!found.length && parsed.term && shortened(parsed.term)) {
      response = await pagefind.search(shortened(parsed.term), { filters });
      if (mine !== generation) return;
      found = response.results;
      similar = found.length > 0;
    }
    if (!similar) found = await relaxed(parsed, found, filters);
    if (mine !== generation) return;
    // On the Chinese sites, the pages holding every run as a phrase, in Pagefind's order; when no
    // page does, those holding every two-character piece of the runs (as if each were a word).
    results = found;
    if (parsed.runs.length) {
      results = await holdingAll(found, parsed.runs, filters);
      if (!results.length) results = await holdingAll(found, parsed.runs.flatMap(pieces), filters);
      if (mine !== generation) return;
    }
    if (query) results = await titlesFirst(results, parsed);
    if (mine !== generation) return;
    clearResults();
    await showMore(mine, false);
    if (mine !== generation) return;
    const count = numbers.format(results.length);
    if (!query) {
      setStatus(message(results.length === 1 ? "filtered-one" : "filtered-many", { count }));
    } else if (!results.length) {
      setStatus(message("none", { query }));
    } else if (similar) {
      setStatus(message("similar", { count, query }));
    } else {
      setStatus(message(results.length === 1 ? "one" : "many", { count, query }));
    }
    setState("done");
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
  }

  // --- showing a result -------------------------------------------------------------------

  // Text that Pagefind gives as HTML (entities escaped), read without ever parsing the page's text
  // as markup.
  const decoder = document.createElement("textarea");
  function decode(html) {
    decoder.innerHTML = html;
    return decoder.value;
  }

  // Pagefind's excerpt has <mark> around each matching word, on the Chinese sites around each
  // matching character. Marks on non-Han words are kept; Han runs are marked where they occur
  // whole (found in the excerpt folded character by character). When Pagefind's excerpt holds no
  // run whole, the excerpt is cut from the page text around the first run instead.
  function excerptOf(data) {
    const chars = [];
    const marked = [];
    data.excerpt.split(/(<mark>.*?<\/mark>)/).forEach((part) => {
      const match = /^<mark>(.*)<\/mark>$/.exec(part);
      const text = Array.from(decode(match ? match[1] : part));
      const keep = Boolean(match) && !(chinese && IS_HAN.test(text.join("")));
      for (const char of text) {
        chars.push(char);
        marked.push(keep && !/\s/.test(char));
      }
    });
    const content = decode(data.content || "");
    if (chinese && runs.length && !markRuns(chars, marked)) {
      const text = Array.from(content);
      const at = findRun(foldChars(content), Array.from(runs[0]));
      if (at >= 0) {
        const window = text.slice(Math.max(0, at - 20), at + EXCERPT_CHARS - 20);
        const windowMarks = window.map(() => false);
        markRuns(window, windowMarks);
        return highlighted(window, windowMarks, content);
      }
    }
    return highlighted(chars, marked, content);
  }

  // Marks every whole occurrence of a run in `chars`; tells whether there was one.
  function markRuns(chars, marked) {
    const folded = foldChars(chars.join(""));
    let any = false;
    for (const run of runs) {
      const wanted = Array.from(run);
      for (let at = findRun(folded, wanted); at >= 0; at = findRun(folded, wanted, at + 1)) {
        for (let k = 0; k < wanted.length; k++) marked[at + k] = true;
        any = true;
      }
    }
    return any;
  }

  function findRun(chars, run, from) {
    for (let at = from || 0; at + run.length <= chars.length; at++) {
      let k = 0;
      while (k < run.length && chars[at + k] === run[k]) k++;
      if (k === run.length) return at;
    }
    return -1;
  }

  // The excerpt as nodes, with an ellipsis where it cuts the page's text short.
  function highlighted(chars, marked, content) {
    const fragment = document.createDocumentFragment();
    const text = chars.join("").trim();
    const gap = chinese ? "" : " ";
    let i = 0;
    if (text && !content.trim().startsWith(text)) {
      fragment.appendChild(document.createTextNode("…" + gap));
      while (i < chars.length && !marked[i] && /[\s.,·。，、]/.test(chars[i])) i++; // no "…. "
    }
    while (i < chars.length) {
      let j = i;
      while (j < chars.length && marked[j] === marked[i]) j++;
      const text = chars.slice(i, j).join("");
      if (marked[i]) {
        const mark = document.createElement("mark");
        mark.textContent = text;
        fragment.appendChild(mark);
      } else {
        fragment.appendChild(document.createTextNode(text));
      }
      i = j;
    }
    if (text && !content.trim().endsWith(text)) fragment.appendChild(document.createTextNode(gap + "…"));
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
    link.textContent = decode((data.meta && data.meta.title) || data.url);
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
    const found = input.value.trim() && data.excerpt ? excerptOf(data) : null;
    const telling = found && found.querySelector("mark");
    if (found && (telling || !(data.meta && data.meta.summary))) excerpt.appendChild(found);
    else excerpt.textContent = decode((data.meta && data.meta.summary) || "");
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
  more.addEventListener("click", () => showMore(generation, true));

  async function start() {
    setState("loading");
    readAddress();
    filterBox.hidden = false;
    fallback.hidden = true;
    setStatus(input.value.trim() ? message("loading") : "");
    try {
      const bundle = root.getAttribute("data-bundle");
      const foldUrl = root.getAttribute("data-fold");
      const [module, map] = await Promise.all([
        import(bundle + "pagefind.js"),
        foldUrl ? fetch(foldUrl).then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.status)))) : null,
      ]);
      if (map) useFoldMap(map);
      await module.options({
        baseUrl: root.getAttribute("data-base"),
        noWorker: true,
        ranking: RANKING,
        excerptLength: chinese ? 60 : 30, // words: on the Chinese sites, mostly characters
      });
      await module.init();
      pagefind = module;
    } catch (error) {
      filterBox.hidden = true;
      fallback.hidden = false;
      setStatus(message("error"));
      setState("error");
      return;
    }
    await search(true);
  }

  start();
})();
