// lib/filters-state.js: a filtered list's state in the address, matching, sorting, page links, groups.
import assert from "node:assert/strict";
import { test } from "node:test";

import { chosen, compareKeys, groupRuns, matches, pageLinks, pageNumber, searchWith, sortedBy, stateFromSearch } from "../../theme/static/js/lib/filters-state.js";

const FACETS = [
  { name: "sector", values: ["", "printing", "textiles"], none: "" },
  { name: "year", values: ["", "2014", "2015"], none: "" },
  { name: "sort", values: ["", "name", "-year"], none: "" },
];

test("the state is read from the address, unknown values ignored", () => {
  assert.deepEqual(stateFromSearch("?sector=printing&year=2014", FACETS), { sector: "printing", year: "2014", sort: "" });
  assert.deepEqual(stateFromSearch("?sector=mining&year=2014&q=x", FACETS), { sector: "", year: "2014", sort: "" });
  assert.deepEqual(stateFromSearch("", FACETS), { sector: "", year: "", sort: "" });
});

test("the state goes back to the same address, and other parameters stay", () => {
  const state = stateFromSearch("?sector=printing&year=2014", FACETS);
  assert.equal(searchWith("", state, FACETS), "?sector=printing&year=2014");
  assert.equal(searchWith("?q=ink&year=2015&sort=name", { ...state, year: "", sort: "" }, FACETS), "?q=ink&sector=printing");
  assert.equal(searchWith("?sector=printing", { sector: "", year: "", sort: "" }, FACETS), "");
});

test("the page goes in the address only with a choice and after the first", () => {
  const state = { sector: "printing", year: "", sort: "" };
  assert.equal(searchWith("?page=4", state, FACETS, 2), "?sector=printing&page=2");
  assert.equal(searchWith("?page=4", state, FACETS, 1), "?sector=printing");
  assert.equal(searchWith("?page=4", { sector: "", year: "", sort: "" }, FACETS, 3), "");
  assert.equal(searchWith("?page=4", state, FACETS), "?page=4&sector=printing", "no page given: left as it is");
  assert.equal(pageNumber("?sector=printing&page=3"), 3);
  assert.equal(pageNumber("?page=-2"), 1);
  assert.equal(pageNumber("?page=two"), 1);
});

test("only chosen facets count as choices", () => {
  assert.deepEqual(chosen({ sector: "printing", year: "", sort: "" }, FACETS), { sector: "printing" });
  assert.deepEqual(chosen({ sector: "", year: "", sort: "" }, FACETS), {});
});

test("an item matches when it holds every chosen key", () => {
  const item = { sector: ["printing", "textiles"], year: ["2014"] };
  assert.equal(matches(item, { sector: "textiles", year: "2014" }), true);
  assert.equal(matches(item, { sector: "textiles", year: "2015" }), false);
  assert.equal(matches({}, { sector: "printing" }), false);
  assert.equal(matches({}, {}), true);
});

test("sort keys compare as numbers when both are, else as text", () => {
  assert.ok(compareKeys("9", "10", "en") < 0);
  assert.ok(compareKeys(9, 10, "en") < 0);
  assert.ok(compareKeys("b", "a", "en") > 0);
  assert.ok(compareKeys("", "1", "en") < 0);
});

test("sorting keeps the list's own order among equals and can descend", () => {
  const rows = [
    { name: "Beta", year: 2014 },
    { name: "alpha", year: 2015 },
    { name: "Gamma", year: 2014 },
  ];
  const keyOf = (row, key) => row[key];
  assert.deepEqual(sortedBy(rows, "name", keyOf, "en").map((r) => r.name), ["alpha", "Beta", "Gamma"]);
  assert.deepEqual(sortedBy(rows, "-year", keyOf, "en").map((r) => r.name), ["alpha", "Beta", "Gamma"]);
  assert.deepEqual(sortedBy(rows, "year", keyOf, "en").map((r) => r.name), ["Beta", "Gamma", "alpha"]);
});

test("page links: first, last and two either side, with gaps", () => {
  assert.deepEqual(pageLinks(7, 20), [1, null, 5, 6, 7, 8, 9, null, 20]);
  assert.deepEqual(pageLinks(1, 3), [1, 2, 3]);
  assert.deepEqual(pageLinks(2, 8), [1, 2, 3, 4, null, 8]);
});

test("a page of grouped items falls in runs under their group and year headings", () => {
  const items = [
    { title: "a", group: "upcoming" },
    { title: "b", group: "upcoming" },
    { title: "c", group: "past", year: "2015" },
    { title: "d", group: "past", year: "2014" },
    { title: "e", group: "past", year: "2014" },
  ];
  const titles = (list) => list.map((item) => item.title);
  const runs = groupRuns(items);
  assert.deepEqual(
    runs.map((run) => [run.group, run.years.map((byYear) => [byYear.year, titles(byYear.items)])]),
    [
      ["upcoming", [[null, ["a", "b"]]]],
      ["past", [["2015", ["c"]], ["2014", ["d", "e"]]]],
    ],
  );
  // A page that starts among the past events has no upcoming run; one item is one run.
  assert.deepEqual(groupRuns(items.slice(4)).map((run) => [run.group, run.years.length]), [["past", 1]]);
  assert.deepEqual(groupRuns([]), []);
});
