// lib/fold.js: the browser's folding, the same as plugins/search/fold.py.
import assert from "node:assert/strict";
import { test } from "node:test";

import { folding } from "../../theme/static/js/lib/fold.js";

const MAP = { from: "發劑碳", to: "发剂碳", variants: [["活性碳", "活性炭"]], back: { from: "发剂", to: "發劑" } };

test("folding maps each character and keeps the length", () => {
  const { fold } = folding(MAP);
  assert.equal(fold("發展溶劑"), "发展溶剂");
  assert.equal(fold("活性碳吸附"), "活性炭吸附");
  assert.equal(fold("二氧化碳"), "二氧化碳", "碳 alone is not a variant");
  assert.equal(Array.from(fold("發𠀋劑")).length, 3, "characters outside the BMP count once");
});

test("unfolding writes folded characters in Traditional, leaving others", () => {
  assert.equal(folding(MAP).unfold("发展溶剂"), "發展溶劑");
  assert.equal(folding(MAP).unfold("VOC 回收"), "VOC 回收");
});

test("a query is normalised before it is folded", () => {
  assert.equal(folding(MAP).foldQuery("ＶＯＣ 發"), "voc 发");
});

test("without a map folding changes nothing", () => {
  const none = folding(null);
  assert.equal(none.fold("發展"), "發展");
  assert.equal(none.unfold("发展"), "发展");
  assert.equal(none.foldQuery("VOC"), "voc");
});
