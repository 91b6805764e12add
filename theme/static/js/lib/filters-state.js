// A filtered list's state (theme/static/js/filters.js): the choices of its <select>s, kept in the
// address (?sector=printing&year=2014&page=2) so that a filtered list can be shared, and the back
// button undoes a choice. A facet is {name, values, none}: its name, the values it offers and the
// value that means "no choice" (its first option).

// The value of each facet in `search` ("?sector=printing"): {name: value}; a missing value, or one
// the facet does not offer, is its `none`.
export function stateFromSearch(search, facets) {
  const params = new URLSearchParams(search);
  const state = {};
  for (const facet of facets) {
    const value = params.get(facet.name);
    state[facet.name] = value !== null && facet.values.includes(value) ? value : facet.none;
  }
  return state;
}

// The facets of `state` that hold a choice: {name: value}.
export function chosen(state, facets) {
  const choices = {};
  for (const facet of facets) {
    const value = state[facet.name];
    if (value && value !== facet.none) choices[facet.name] = value;
  }
  return choices;
}

// `search` with the facets set to the choices of `state` (unchosen ones removed) and its other
// parameters kept. With `page` (a number), the page too: none on page 1 or with no choice.
export function searchWith(search, state, facets, page) {
  const params = new URLSearchParams(search);
  const choices = chosen(state, facets);
  for (const facet of facets) {
    if (facet.name in choices) params.set(facet.name, choices[facet.name]);
    else params.delete(facet.name);
  }
  if (page !== undefined) {
    params.delete("page");
    if (Object.keys(choices).length && page > 1) params.set("page", String(page));
  }
  const query = params.toString();
  return query ? "?" + query : "";
}

// The page asked for in `search` (?page=3): 1 when none or not a positive number.
export function pageNumber(search) {
  const number = parseInt(new URLSearchParams(search).get("page"), 10);
  return number > 0 ? number : 1;
}

// Whether an item whose filter data is `filters` ({sector: ["printing", "textiles"]}) is among
// `choices` ({sector: "printing"}): it holds every chosen key.
export function matches(filters, choices) {
  return Object.entries(choices).every(([name, value]) => (filters[name] || []).includes(value));
}

// Two sort keys: as numbers when both are, otherwise as text in the page's language.
export function compareKeys(x, y, lang) {
  const number = (value) => (typeof value === "number" ? value : value !== "" && isFinite(value) ? Number(value) : NaN);
  const [a, b] = [number(x), number(y)];
  if (!Number.isNaN(a) && !Number.isNaN(b)) return a - b;
  return String(x).localeCompare(String(y), lang);
}

// `items` in the order of sort key `sort` ("name", "-year": descending), keeping their own order
// among equals; `keyOf(item, key)` reads an item's key.
export function sortedBy(items, sort, keyOf, lang) {
  const descending = sort.startsWith("-");
  const key = sort.replace(/^-/, "");
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => {
      const order = compareKeys(keyOf(a.item, key) ?? "", keyOf(b.item, key) ?? "", lang);
      if (order === 0) return a.index - b.index;
      return descending ? -order : order;
    })
    .map((entry) => entry.item);
}

// The page links to show: the first, the last and two either side of `page`, with null for each
// gap: pageLinks(7, 20) -> [1, null, 5, 6, 7, 8, 9, null, 20].
export function pageLinks(page, count) {
  const links = [];
  let last = 0;
  for (let number = 1; number <= count; number += 1) {
    if (number === 1 || number === count || Math.abs(number - page) <= 2) {
      if (number > last + 1) links.push(null);
      links.push(number);
      last = number;
    }
  }
  return links;
}

// One page of a grouped list (the events: {group: "upcoming"}, {group: "past", year: "2014"}) as
// the runs its headings stand over, in the items' order: a run per group, in it a run per year
// (year null when the items have none). The page of filtered results shows the headings the
// server's pages do: [{group: "upcoming", years: [{year: null, items}]},
// {group: "past", years: [{year: "2014", items}, {year: "2013", items}]}].
export function groupRuns(items) {
  const runs = [];
  for (const item of items) {
    let run = runs[runs.length - 1];
    if (!run || run.group !== item.group) {
      run = { group: item.group, years: [] };
      runs.push(run);
    }
    const year = item.year ?? null;
    let byYear = run.years[run.years.length - 1];
    if (!byYear || byYear.year !== year) {
      byYear = { year, items: [] };
      run.years.push(byYear);
    }
    byYear.items.push(item);
  }
  return runs;
}
