// lib/language.js and lib/finder.js: the root page's suggestion and the finder's addresses.
import assert from "node:assert/strict";
import { test } from "node:test";

import { pairAddress, sharedPair } from "../../theme/static/js/lib/finder.js";
import { preferredLanguage } from "../../theme/static/js/lib/language.js";

const TAGS = ["en", "zh-Hant-HK", "zh-Hans-CN"];

test("the browser's first language that the site has is suggested", () => {
  assert.equal(preferredLanguage(TAGS, ["zh-TW", "en-GB"]), "zh-Hant-HK");
  assert.equal(preferredLanguage(TAGS, ["fr", "zh-CN", "en"]), "zh-Hans-CN");
  assert.equal(preferredLanguage(TAGS, ["en-US", "zh-HK"]), "en");
  assert.equal(preferredLanguage(TAGS, ["fr", "de"]), null);
});

test("a shared finder address opens its pair only when the pair has a page", () => {
  const sectors = { printing: ["voc", "waste-water"], textiles: ["energy"] };
  assert.deepEqual(sharedPair("?sector=printing&issue=voc", sectors), { sector: "printing", issue: "voc" });
  assert.equal(sharedPair("?sector=printing&issue=energy", sectors), null);
  assert.equal(sharedPair("?sector=toString&issue=voc", sectors), null);
  assert.equal(sharedPair("", sectors), null);
  assert.equal(pairAddress("/en/finder/", "printing", "a b"), "/en/finder/printing/a%20b/");
});
