// lib/highlight.js: excerpts as text segments, marked where the query is found.
import assert from "node:assert/strict";
import { test } from "node:test";

import { folding } from "../../theme/static/js/lib/fold.js";
import { decodeEntities, excerptSegments, findRun } from "../../theme/static/js/lib/highlight.js";

const marked = (segments) => segments.filter((s) => s.mark).map((s) => s.text);
const text = (segments) => segments.map((s) => s.text).join("");

test("escaped markup in a page's text comes back as text, never as an element", () => {
  const excerpt = "a &lt;script&gt;alert(1)&lt;/script&gt; in the <mark>VOC</mark> report";
  const segments = excerptSegments(excerpt, { content: excerpt.replace(/<\/?mark>/g, "") });
  assert.deepEqual(segments, [
    { text: "a <script>alert(1)</script> in the ", mark: false },
    { text: "VOC", mark: true },
    { text: " report", mark: false },
  ]);
});

test("entities decode, unknown ones stay as written", () => {
  assert.equal(decodeEntities("&lt;b&gt; &amp;amp; &#39;x&#x27; &#20013; &bogus;"), "<b> &amp; 'x' 中 &bogus;");
});

test("an excerpt from the middle of the page gets ellipses", () => {
  const segments = excerptSegments("the <mark>solvent</mark> was", { content: "Before, the solvent was recovered." });
  assert.equal(text(segments), "… the solvent was …");
  assert.deepEqual(marked(segments), ["solvent"]);
});

test("on a Chinese site whole runs are marked, found in the page's own script", () => {
  const map = { from: "劑", to: "剂", variants: [], back: { from: "剂", to: "劑" } };
  const excerpt = "<mark>回</mark><mark>收</mark>溶<mark>劑</mark>，回收溶劑再用";
  const content = "回收溶劑，回收溶劑再用";
  const segments = excerptSegments(excerpt, { chinese: true, runs: ["回收溶剂"], fold: folding(map).fold, content });
  assert.deepEqual(marked(segments), ["回收溶劑", "回收溶劑"]);
  assert.equal(text(segments), content);
});

test("when the excerpt holds no whole run, the excerpt is cut around the run in the page", () => {
  const content = "甲".repeat(100) + "回收溶剂" + "乙".repeat(100);
  const segments = excerptSegments("<mark>回</mark>甲甲", { chinese: true, runs: ["回收溶剂"], content });
  assert.deepEqual(marked(segments), ["回收溶剂"]);
  assert.equal(segments[0].text, "…");
  assert.equal(text(segments), "…" + "甲".repeat(20) + "回收溶剂" + "乙".repeat(46) + "…");
});

test("findRun finds characters next to each other, from a position", () => {
  const chars = Array.from("回收 回收溶剂");
  assert.equal(findRun(chars, Array.from("回收溶")), 3);
  assert.equal(findRun(chars, Array.from("回收"), 1), 3);
  assert.equal(findRun(chars, Array.from("溶回")), -1);
});
