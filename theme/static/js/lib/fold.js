// Folding Chinese to one script, the same as plugins/search/fold.py: the Chinese pages were indexed
// folded (Simplified, 1:1 by character, one spelling per variant), so queries and excerpts are
// folded the same way before they are compared. The map is the site's fold.json: {from, to,
// variants: [[variant, spelling]], back: {from, to}} (`back` writes a folded character in the
// Traditional script, for the language switcher).

// The folding of `map`; without a map (the English site) folding changes nothing.
export function folding(map) {
  const forward = pairs(map && map.from, map && map.to);
  const backward = pairs(map && map.back && map.back.from, map && map.back && map.back.to);
  const variants = (map && map.variants) || [];

  // Same length as `text`, character for character (every variant has its spelling's length).
  function fold(text) {
    let folded = Array.from(text, (char) => forward.get(char) || char).join("");
    for (const [variant, spelling] of variants) folded = folded.split(variant).join(spelling);
    return folded;
  }

  return {
    fold,
    // A folded text in the Traditional script (发 -> 發).
    unfold: (text) => Array.from(text, (char) => backward.get(char) || char).join(""),
    // The query's form in the index: compatibility forms unified (full-width letters), lower case.
    foldQuery: (text) => fold(text.normalize("NFKC").toLowerCase()),
  };
}

function pairs(from, to) {
  const table = new Map();
  const targets = Array.from(to || "");
  Array.from(from || "").forEach((char, i) => table.set(char, targets[i]));
  return table;
}
