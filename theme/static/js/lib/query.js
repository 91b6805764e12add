// What the search page asks Pagefind for a query (theme/static/js/search.js). The Chinese pages
// were indexed folded (lib/fold.js) with every Han character a word of its own, so on the Chinese
// sites each run of Han characters is searched as its characters and then found as a phrase.

// The Han blocks of plugins/search/fold.py.
const HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{2fa1f}";
const HAN_RUNS = new RegExp("[" + HAN + "]+", "gu");
const ONE_HAN = new RegExp("[" + HAN + "]", "u");

export function hasHan(text) {
  return ONE_HAN.test(text);
}

// The runs of Han characters in `text`, and its other words: '回收溶剂 VOC' -> runs ['回收溶剂'],
// words ['VOC'].
export function splitRuns(text) {
  return {
    runs: text.match(HAN_RUNS) || [],
    words: text.replace(HAN_RUNS, " ").split(/\s+/).filter(Boolean),
  };
}

// A parsed query: `term` is what Pagefind is asked (null: nothing can be found), `words` its
// non-Han words, `runs` the Han runs to find as phrases and `chars` each run as words.
export const NO_QUERY = Object.freeze({ term: null, runs: [], words: [], chars: [] });

// On a Chinese site: the query folded, each Han character a word.
export function parseChinese(query, foldQuery) {
  const { runs, words } = splitRuns(foldQuery(query));
  const chars = runs.map((run) => Array.from(run).join(" "));
  return { term: words.concat(chars).join(" "), runs, words, chars };
}

// On the English site a Chinese query means what the names of issues, technology categories,
// sectors and cities it holds mean in English (`terms`: {挥发性有机物: "VOC"}); its other Chinese
// words cannot be found in English pages and are left out.
export function parseEnglish(query, terms) {
  const term = englishTerm(query, terms || {});
  const words = term.split(/\s+/).filter(Boolean);
  return { term: term || null, runs: [], words, chars: [] };
}

function englishTerm(query, terms) {
  if (!hasHan(query)) return query;
  let rest = query.normalize("NFKC");
  const found = [];
  for (const name of Object.keys(terms).sort((a, b) => b.length - a.length)) {
    if (rest.includes(name)) {
      found.push(terms[name]);
      rest = rest.split(name).join(" ");
    }
  }
  return found.concat(splitRuns(rest).words).join(" ");
}

// A run in two-character pieces, searched when no page holds the whole run: 废水回用 -> 废水, 回用;
// 活性炭 -> 活性, 炭.
export function pieces(run) {
  const chars = Array.from(run);
  const split = [];
  for (let i = 0; i < chars.length; i += 2) split.push(chars.slice(i, i + 2).join(""));
  return split;
}

// Typos: the term with every long word cut to its beginning ("photovoltiac" -> "photov"), the
// way Pagefind matches the beginnings of words; null when no word is long enough to cut.
export function shortened(term) {
  let changed = false;
  const words = term.split(" ").map((word) => {
    if (word.length < 6 || hasHan(word)) return word;
    changed = true;
    return word.slice(0, Math.max(4, Math.ceil(word.length * 0.6)));
  });
  return changed ? words.join(" ") : null;
}
