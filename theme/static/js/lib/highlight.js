// A search result's excerpt as text segments, some marked: [{text, mark}]. The page script turns
// each into a text node or a <mark> (textContent only, so nothing in a page's text is ever parsed
// as markup). Pagefind's excerpt is HTML: entities escaped, <mark> around each matching word and,
// on the Chinese sites, around each matching character. Marks on non-Han words are kept; Han runs
// are marked where they occur whole (found by folding the excerpt character by character). When
// the excerpt holds no run whole, it is cut from the page's text around the first run instead.

import { hasHan } from "./query.js";

const EXCERPT_CHARS = 70; // of a Chinese excerpt cut from the page text
const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

// Text from Pagefind's escaped HTML: &lt;script&gt; -> <script>. Unknown names stay as written.
export function decodeEntities(html) {
  return html.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
    if (name[0] !== "#") return ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

// The excerpt's segments. `options`: chinese (a Chinese site), runs (the query's Han runs, folded),
// fold (lib/fold.js) and content (the page's text, escaped HTML like the excerpt).
export function excerptSegments(excerpt, options) {
  const { chinese = false, runs = [], fold = (text) => text } = options;
  const content = decodeEntities(options.content || "");
  const { chars, marked } = markedChars(excerpt, chinese);
  if (chinese && runs.length && !markRuns(chars, marked, runs, fold)) {
    const text = Array.from(content);
    const at = findRun(Array.from(fold(content)), Array.from(runs[0]));
    if (at >= 0) {
      const window = text.slice(Math.max(0, at - 20), at + EXCERPT_CHARS - 20);
      const windowMarks = window.map(() => false);
      markRuns(window, windowMarks, runs, fold);
      return segments(window, windowMarks, content, chinese);
    }
  }
  return segments(chars, marked, content, chinese);
}

// The excerpt's characters, each with whether it is marked (Han marks dropped on the Chinese sites:
// markRuns marks whole runs instead).
function markedChars(excerpt, chinese) {
  const chars = [];
  const marked = [];
  excerpt.split(/(<mark>.*?<\/mark>)/).forEach((part) => {
    const match = /^<mark>(.*)<\/mark>$/.exec(part);
    const text = Array.from(decodeEntities(match ? match[1] : part));
    const keep = Boolean(match) && !(chinese && hasHan(text.join("")));
    for (const char of text) {
      chars.push(char);
      marked.push(keep && !/\s/.test(char));
    }
  });
  return { chars, marked };
}

// Marks every whole occurrence of a run in `chars`; tells whether there was one.
export function markRuns(chars, marked, runs, fold) {
  const folded = Array.from(fold(chars.join("")));
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

// Where the characters `run` first occur in `chars` from `from` on; -1 when they do not.
export function findRun(chars, run, from = 0) {
  for (let at = from; at + run.length <= chars.length; at++) {
    let k = 0;
    while (k < run.length && chars[at + k] === run[k]) k++;
    if (k === run.length) return at;
  }
  return -1;
}

// Marked and unmarked stretches, with an ellipsis where the excerpt cuts the page's text short.
function segments(chars, marked, content, chinese) {
  const result = [];
  const text = chars.join("").trim();
  const gap = chinese ? "" : " ";
  let i = 0;
  if (text && !content.trim().startsWith(text)) {
    result.push({ text: "…" + gap, mark: false });
    while (i < chars.length && !marked[i] && /[\s.,·。，、]/.test(chars[i])) i++; // no "…. "
  }
  while (i < chars.length) {
    let j = i;
    while (j < chars.length && marked[j] === marked[i]) j++;
    result.push({ text: chars.slice(i, j).join(""), mark: marked[i] });
    i = j;
  }
  if (text && !content.trim().endsWith(text)) result.push({ text: gap + "…", mark: false });
  return result;
}
