// lib/query.js: what the search page asks Pagefind.
import assert from "node:assert/strict";
import { test } from "node:test";

import { folding } from "../../theme/static/js/lib/fold.js";
import { parseChinese, parseEnglish, pieces, shortened, splitRuns } from "../../theme/static/js/lib/query.js";

const MAP = { from: "劑發", to: "剂发", variants: [["活性碳", "活性炭"]], back: { from: "剂发", to: "劑發" } };

test("a query splits into Han runs and other words", () => {
  assert.deepEqual(splitRuns("回收溶剂 VOC"), { runs: ["回收溶剂"], words: ["VOC"] });
  assert.deepEqual(splitRuns("印刷VOC回收"), { runs: ["印刷", "回收"], words: ["VOC"] });
  assert.deepEqual(splitRuns("voc reduction"), { runs: [], words: ["voc", "reduction"] });
});

test("a Chinese query is folded and each Han character becomes a word", () => {
  const parsed = parseChinese("回收溶劑 VOC", folding(MAP).foldQuery);
  assert.deepEqual(parsed, { term: "voc 回 收 溶 剂", runs: ["回收溶剂"], words: ["voc"], chars: ["回 收 溶 剂"] });
});

test("full-width letters and variant spellings fold like the index", () => {
  const parsed = parseChinese("ＶＯＣ 活性碳", folding(MAP).foldQuery);
  assert.deepEqual(parsed.words, ["voc"]);
  assert.deepEqual(parsed.runs, ["活性炭"]);
});

test("on the English site Chinese names become their English terms, other Chinese is dropped", () => {
  const terms = { 挥发性有机物: "VOC", 印刷: "printing", 挥发性: "volatile" };
  assert.equal(parseEnglish("挥发性有机物 印刷 回收", terms).term, "VOC printing");
  assert.deepEqual(parseEnglish("回收", terms), { term: null, runs: [], words: [], chars: [] });
  assert.equal(parseEnglish("solvent recovery", terms).term, "solvent recovery");
});

test("a run is cut into two-character pieces", () => {
  assert.deepEqual(pieces("废水回用"), ["废水", "回用"]);
  assert.deepEqual(pieces("活性炭"), ["活性", "炭"]);
});

test("long words are cut to their beginnings, short ones and Han are kept", () => {
  assert.equal(shortened("photovoltiac"), "photovol");
  assert.equal(shortened("voc photovoltiac"), "voc photovol");
  assert.equal(shortened("voc ink"), null);
  assert.equal(shortened("回收溶剂回收溶剂"), null);
});
