// Instant filters for a list (cases, events, awardees). Enhancement only: without this script the
// page shows the whole list and its filters are links to pre-built pages.
//
// Markup (theme/templates/macros/filters.html): a <form data-module="app-filter" hidden> of
// <select name="facet"> whose choices narrow the items ([data-filter-item]) inside the element named
// by data-filter-target to those whose data-filter-<facet> holds the chosen key. Choices combine,
// and they live in the address (?sector=printing&year=2014): a filtered list can be shared, and the
// back button undoes a choice. A [data-filter-group] element (a heading, a section, a table row) is
// hidden when none of its members ([data-filter-member~=group]) is shown. The count in the
// role="status" element is rewritten from data-status-template, so screen readers hear it.
//
// A long list is paginated (/en/cases/page/2/): its page holds only some items. Its form then has
// data-filter-source, the address of every item's data (/en/cases/cards.json,
// /en/events/cards.json, /en/awardees/rows.json), fetched the first time a filter or sort is chosen (or the page is
// opened with one in its address); the matching items are then drawn from that data, a page at a
// time (?sector=printing&page=2), with DOM nodes and textContent only (never HTML from the data).
// With no filter chosen the page shows its own items and page navigation again. Data that names
// `groups` (the events) is drawn under their headings: upcoming, then past by year.
//
// The pure parts (the state in the address, matching, sorting, page links, groups) are in
// lib/filters-state.js, unit-tested in tests/js/.
import { fillMessage, withQuery } from "./lib/address.js";
import { chosen, groupRuns, matches, pageLinks, pageNumber, searchWith, sortedBy, stateFromSearch } from "./lib/filters-state.js";

for (const form of document.querySelectorAll('[data-module="app-filter"]')) init(form);

// What every list's form has: its selects as facets, its state, the language links and the
// "Filter (n)" count.
function formParts(form) {
  const selects = Array.from(form.querySelectorAll("select[name]"));
  const sorter = form.querySelector("select[data-filter-sort]");
  const facetOf = (select) => ({ name: select.name, values: Array.from(select.options, (o) => o.value), none: select.options[0].value });
  const facets = selects.map(facetOf);
  const filterFacets = selects.filter((select) => select !== sorter).map(facetOf);
  const lang = document.documentElement.lang;
  const numbers = new Intl.NumberFormat(lang);
  const state = () => Object.fromEntries(selects.map((select) => [select.name, select.value]));
  const panel = form.closest("[data-filter-panel]");
  const activeCount = panel && panel.querySelector("[data-filter-active-count]");
  return {
    selects,
    sorter,
    facets,
    lang,
    numbers,
    element: (name) => document.getElementById(form.getAttribute(name)),
    template: form.getAttribute("data-status-template") || "",
    // The choices of the filters (not the sort order): {sector: "printing"}.
    choices: () => chosen(state(), filterFacets),
    anyChosen: () => Object.keys(chosen(state(), facets)).length > 0,
    sortChosen: () => Boolean(sorter) && sorter.value !== "" && sorter.value !== sorter.options[0].value,
    readAddress() {
      const wanted = stateFromSearch(location.search, facets);
      for (const select of selects) select.value = wanted[select.name];
    },
    search: (page) => searchWith(location.search, state(), facets, page),
    // The language switcher keeps the filters: the same list, filtered the same way, in the other
    // languages (filter values are vocabulary keys, the same in every language).
    carryToOtherLanguages() {
      const carried = chosen(state(), facets);
      for (const link of document.querySelectorAll(".app-lang a[href]")) link.setAttribute("href", withQuery(link.getAttribute("href"), carried));
    },
    // The "Filter (n)" button of a list folded on a phone (macros/filter-panel.html).
    showActiveCount() {
      if (!activeCount) return;
      const active = Object.keys(chosen(state(), filterFacets)).length;
      activeCount.textContent = active ? " (" + numbers.format(active) + ")" : "";
    },
    clear() {
      for (const select of selects) select.value = select.options[0].value;
    },
  };
}

function pushAddress(address) {
  if (address !== location.pathname + location.search + location.hash) history.pushState(null, "", address);
}

// Wires the form: a change or Clear calls `changed` after the address is written, Back and Forward
// call `apply` after the choices are read back from it.
function wire(form, parts, changed, apply) {
  form.addEventListener("change", changed);
  form.addEventListener("submit", (event) => event.preventDefault());
  const clear = form.querySelector("[data-filter-clear]");
  if (clear) {
    clear.addEventListener("click", () => {
      parts.clear();
      changed();
    });
  }
  window.addEventListener("popstate", () => {
    parts.readAddress();
    apply();
    parts.carryToOtherLanguages();
  });
  const fallback = parts.element("data-filter-fallback");
  if (fallback) fallback.hidden = true;
  form.hidden = false;
  parts.readAddress();
  apply();
  parts.carryToOtherLanguages();
}

function init(form) {
  const target = document.getElementById(form.getAttribute("data-filter-target"));
  if (!target) return;
  const source = form.getAttribute("data-filter-source");
  if (source) initFromData(form, target, source);
  else initInPage(form, target);
}

// --- a list in one page: its own items are shown or hidden ------------------------------------

function initInPage(form, target) {
  const parts = formParts(form);
  const status = parts.element("data-filter-status");
  const empty = parts.element("data-filter-empty");
  const items = Array.from(target.querySelectorAll("[data-filter-item]"));
  const groups = target.querySelectorAll("[data-filter-group]");
  // The list's own order, to come back to when no sort is chosen. Items may sit in several
  // parents (a table's <tbody> per year); a sorted list gathers them in the first.
  const parents = [...new Set(items.map((item) => item.parentNode))];
  const original = parents.map((parent) => ({ parent, children: Array.from(parent.children) }));
  const filtersOf = (item) => {
    const filters = {};
    for (const name of Object.keys(parts.choices())) filters[name] = (item.getAttribute("data-filter-" + name) || "").split(" ");
    return filters;
  };

  function sort() {
    if (!parts.sorter || !items.length) return false;
    if (!parts.sortChosen()) {
      for (const entry of original) for (const node of entry.children) entry.parent.appendChild(node);
      return false;
    }
    const keyOf = (item, key) => item.getAttribute("data-sort-" + key) || "";
    for (const node of sortedBy(items, parts.sorter.value, keyOf, parts.lang)) parents[0].appendChild(node);
    return true;
  }

  function apply() {
    const sorted = sort();
    const choices = parts.choices();
    let shown = 0;
    for (const item of items) {
      item.hidden = !matches(filtersOf(item), choices);
      if (!item.hidden) shown += 1;
    }
    for (const group of groups) {
      const name = group.getAttribute("data-filter-group");
      const members = target.querySelectorAll('[data-filter-member~="' + name + '"]:not([hidden])');
      // Group headings inside a sorted table would stand out of place: hide them while sorted.
      group.hidden = members.length === 0 || (sorted && group.hasAttribute("data-filter-sortable-away"));
    }
    if (status) status.textContent = fillMessage(parts.template, { shown: parts.numbers.format(shown), total: parts.numbers.format(items.length) });
    if (empty) empty.hidden = shown !== 0;
    parts.showActiveCount();
  }

  function changed() {
    pushAddress(location.pathname + parts.search() + location.hash);
    parts.carryToOtherLanguages();
    apply();
  }

  wire(form, parts, changed, apply);
}

// --- a paginated list: filters over every item's data, fetched on demand -----------------------

function element(name, className, text) {
  const node = document.createElement(name);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function safeHref(href) {
  // Addresses come from the site's own data; still, only web addresses and paths become links.
  return /^(https?:\/\/|\/)/i.test(href || "") ? href : null;
}

// Drawn cards and rows carry the filter data as the server's do (data-filter-item, data-filter-<facet>).
function filterData(node, item) {
  node.setAttribute("data-filter-item", "");
  for (const [name, keys] of Object.entries(item.filters || {})) node.setAttribute("data-filter-" + name, keys.join(" "));
  return node;
}

// One card (a case report's, an event's), as theme/templates/macros/card.html writes it, its title
// a heading of `level` (3 unless under a year's heading).
function renderCard(item, data, level = 3) {
  const li = filterData(element("li", "app-card"), item);
  if (item.lang) li.setAttribute("lang", item.lang);
  const heading = element("h" + level, "app-card__title");
  const link = element("a", null, item.title);
  link.setAttribute("href", safeHref(item.url) || "#");
  heading.appendChild(link);
  li.appendChild(heading);
  if (item.lang) {
    const note = element("p", "app-card__note", data.fallback_note);
    note.setAttribute("lang", data.lang);
    li.appendChild(note);
  }
  if (item.summary) li.appendChild(element("p", "app-card__summary", item.summary));
  if (item.headline) {
    const headline = element("p", "app-card__headline", item.headline);
    headline.setAttribute("lang", data.lang);
    li.appendChild(headline);
  }
  if (item.facts && item.facts.length) {
    const facts = element("ul", "app-card__facts");
    facts.setAttribute("lang", data.lang);
    for (const fact of item.facts) facts.appendChild(element("li", null, fact));
    li.appendChild(facts);
  }
  if (item.record) {
    const tag = element("p", "app-tag app-tag--record", data.record_label);
    tag.setAttribute("lang", data.lang);
    li.appendChild(tag);
  }
  return li;
}

// One row of the awardee directory, as theme/templates/page-awardees.html writes it.
function renderRow(item, data) {
  const tr = filterData(element("tr"), item);
  if (item.sort) tr.setAttribute("data-sort-name", item.sort.name);
  const name = element("th", "app-directory__name");
  name.setAttribute("scope", "row");
  const href = safeHref(item.url);
  if (href) {
    const link = element("a", null, item.name);
    link.setAttribute("href", href);
    link.setAttribute("rel", "external");
    name.appendChild(link);
  } else {
    name.appendChild(document.createTextNode(item.name));
  }
  if (item.illustrative) {
    name.appendChild(document.createTextNode(" "));
    name.appendChild(element("span", "app-tag app-tag--illustrative", data.illustrative_label));
  }
  tr.appendChild(name);
  for (const text of [item.award, item.sector, item.city, item.year]) tr.appendChild(element("td", null, text));
  return tr;
}

function initFromData(form, target, source) {
  const parts = formParts(form);
  const status = parts.element("data-filter-status");
  const empty = parts.element("data-filter-empty");
  const fallback = parts.element("data-filter-fallback");
  const serverPages = parts.element("data-filter-pages");
  const base = form.getAttribute("data-filter-base") || location.pathname;
  const pageSize = parseInt(form.getAttribute("data-page-size"), 10) || 24;
  const pageTemplate = form.getAttribute("data-page-template") || "{number} / {count}";
  const isTable = target.tagName === "TABLE";
  const ownPath = location.pathname;
  // The page as the server wrote it, to come back to when no filter is chosen.
  const ownNodes = Array.from(isTable ? target.tBodies : target.children);
  const ownStatus = status ? status.textContent : "";
  let data = null;
  let loading = null;
  let shownNodes = [];
  const pages = element("nav", "app-pagination");
  pages.setAttribute("aria-label", serverPages ? serverPages.getAttribute("aria-label") : form.getAttribute("aria-label") || "");
  pages.hidden = true;
  const after = target.closest(".app-table-scroll") || target;
  after.parentNode.insertBefore(pages, after.nextSibling);

  // Filtered results live at the list's first address (/en/cases/?sector=...&page=2); with no
  // filter the reader is back on the page they came from.
  const addressFor = (page) => (parts.anyChosen() ? base : ownPath) + parts.search(page);

  function go(page) {
    pushAddress(addressFor(page) + location.hash);
    parts.carryToOtherLanguages();
  }

  function load() {
    if (!loading) {
      target.setAttribute("aria-busy", "true");
      loading = fetch(source, { credentials: "same-origin" })
        .then((response) => {
          if (!response.ok) throw new Error(source + ": " + response.status);
          return response.json();
        })
        .then((json) => {
          data = json;
          target.removeAttribute("aria-busy");
          return json;
        });
    }
    return loading;
  }

  function sorted(list) {
    if (!parts.sortChosen()) return list;
    return sortedBy(list, parts.sorter.value, (item, key) => (item.sort ? item.sort[key] : ""), parts.lang);
  }

  function clearShown() {
    for (const node of shownNodes) node.remove();
    shownNodes = [];
  }

  function showOwnPage() {
    clearShown();
    for (const node of ownNodes) node.hidden = false;
    if (serverPages) serverPages.hidden = false;
    pages.hidden = true;
    if (status) status.textContent = ownStatus;
    if (empty) empty.hidden = true;
  }

  function draw(list, page) {
    for (const node of ownNodes) node.hidden = true;
    if (serverPages) serverPages.hidden = true;
    clearShown();
    const count = Math.max(1, Math.ceil(list.length / pageSize));
    page = Math.min(page, count);
    const slice = list.slice((page - 1) * pageSize, page * pageSize);
    if (isTable) drawRows(slice);
    else if (data.groups) drawGroups(slice);
    else {
      for (const item of slice) {
        const node = renderCard(item, data);
        target.appendChild(node);
        shownNodes.push(node);
      }
    }
    if (status) status.textContent = fillMessage(parts.template, { shown: parts.numbers.format(list.length), total: parts.numbers.format(data.items.length) });
    if (empty) empty.hidden = list.length !== 0;
    drawPages(page, count);
  }

  // Grouped by year in the directory's own order; one plain group when sorted otherwise.
  function drawRows(slice) {
    const grouped = !parts.sortChosen();
    let body = null;
    let year = null;
    for (const item of slice) {
      if (!body || (grouped && item.year !== year)) {
        body = element("tbody", "app-directory__year");
        if (grouped) {
          const heading = element("tr", "app-directory__group");
          const cell = element("th", null, item.year);
          cell.setAttribute("scope", "rowgroup");
          cell.setAttribute("colspan", "5");
          heading.appendChild(cell);
          body.appendChild(heading);
        }
        year = item.year;
        target.appendChild(body);
        shownNodes.push(body);
      }
      body.appendChild(renderRow(item, data));
    }
  }

  // Under the headings of theme/templates/events.html: "Upcoming events", then "Past events" with a
  // heading per year. Their ids differ from the server's sections', which stay in the page, hidden.
  function drawGroups(slice) {
    for (const run of groupRuns(slice)) {
      const section = element("section", "app-section" + (shownNodes.length ? "" : " app-section--first"));
      const id = target.id + "-" + run.group;
      const heading = element("h2", null, data.groups[run.group] || "");
      heading.id = id;
      section.setAttribute("aria-labelledby", id);
      section.appendChild(heading);
      run.years.forEach((byYear, index) => {
        let parent = section;
        if (byYear.year !== null) {
          parent = element("section", "app-events-year");
          const yearHeading = element("h3", null, byYear.year);
          yearHeading.id = id + "-" + (index + 1);
          parent.setAttribute("aria-labelledby", yearHeading.id);
          parent.appendChild(yearHeading);
          section.appendChild(parent);
        }
        const list = element("ul", "app-cards");
        for (const item of byYear.items) list.appendChild(renderCard(item, data, byYear.year === null ? 3 : 4));
        parent.appendChild(list);
      });
      target.appendChild(section);
      shownNodes.push(section);
    }
  }

  function drawPages(page, count) {
    pages.replaceChildren();
    pages.hidden = count < 2;
    if (count < 2) return;
    const format = (number) => parts.numbers.format(number);
    pages.appendChild(element("p", "app-pagination__count", fillMessage(pageTemplate, { number: format(page), count: format(count) })));
    const list = element("ul", "app-pagination__list");
    function add(number, text, className) {
      const li = element("li");
      const link = element("a", "app-pagination__link" + (className ? " " + className : ""), text);
      link.setAttribute("href", addressFor(number));
      if (number === page && !className) link.setAttribute("aria-current", "page");
      link.addEventListener("click", (event) => {
        event.preventDefault();
        go(number);
        apply();
        if (status) status.scrollIntoView({ block: "start" });
      });
      li.appendChild(link);
      list.appendChild(li);
    }
    if (page > 1) add(page - 1, form.getAttribute("data-previous-label"), "app-pagination__link--previous");
    for (const number of pageLinks(page, count)) {
      if (number === null) {
        const gap = element("li", "app-pagination__gap", "…");
        gap.setAttribute("aria-hidden", "true");
        list.appendChild(gap);
      } else {
        add(number, format(number));
      }
    }
    if (page < count) add(page + 1, form.getAttribute("data-next-label"), "app-pagination__link--next");
    pages.appendChild(list);
  }

  function apply() {
    parts.showActiveCount();
    if (!parts.anyChosen()) {
      showOwnPage();
      return;
    }
    const page = pageNumber(location.search);
    load()
      .then(() => {
        if (!parts.anyChosen()) showOwnPage(); // the reader cleared the filters meanwhile
        else draw(sorted(data.items.filter((item) => matches(item.filters || {}, parts.choices()))), page);
      })
      .catch((error) => {
        // The data could not be fetched or drawn: the links to the pre-built filter pages still work.
        console.error("filters:", error);
        showOwnPage();
        form.hidden = true;
        if (fallback) fallback.hidden = false;
        target.removeAttribute("aria-busy");
      });
  }

  function changed() {
    go(1);
    apply();
  }

  wire(form, parts, changed, apply);
}
