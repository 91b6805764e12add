// lib/address.js: the search in the address and carried by the language switcher.
import assert from "node:assert/strict";
import { test } from "node:test";

import { carriedSearch, fillMessage, withQuery } from "../../theme/static/js/lib/address.js";
import { folding } from "../../theme/static/js/lib/fold.js";

const FOLD = folding({ from: "發", to: "发", variants: [], back: { from: "发", to: "發" } });

test("a link's query is replaced, its fragment kept", () => {
  assert.equal(withQuery("/tc/search/?q=old", new URLSearchParams("q=VOC&year=2014")), "/tc/search/?q=VOC&year=2014");
  assert.equal(withQuery("/en/cases/?sector=x#list", new URLSearchParams()), "/en/cases/#list");
  assert.equal(withQuery("/en/search/", { q: "a&b" }), "/en/search/?q=a%26b");
});

test("a Chinese query goes to the other Chinese site in its script, not to the English site", () => {
  const params = new URLSearchParams("q=開發&sector=printing");
  assert.equal(carriedSearch(params, "zh-Hans-CN", FOLD).toString(), new URLSearchParams("q=開发&sector=printing").toString());
  assert.equal(carriedSearch(new URLSearchParams("q=开发"), "zh-Hant-HK", FOLD).get("q"), "开發");
  assert.equal(carriedSearch(params, "en", FOLD).toString(), "sector=printing");
});

test("any other query goes everywhere", () => {
  assert.equal(carriedSearch(new URLSearchParams("q=VOC"), "en", FOLD).get("q"), "VOC");
  assert.equal(carriedSearch(new URLSearchParams("q=VOC"), "zh-Hant-HK", FOLD).get("q"), "VOC");
});

test("messages fill every placeholder, as often as it occurs", () => {
  assert.equal(fillMessage("{count} results for “{query}” ({count})", { count: "1,234", query: "VOC" }), "1,234 results for “VOC” (1,234)");
  assert.equal(fillMessage(null), "");
});
