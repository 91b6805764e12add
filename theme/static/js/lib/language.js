// Which of the site's languages the browser prefers (theme/static/js/language-suggest.js).

// The rank of language tag `tag` (en, zh-Hant-HK, zh-Hans-CN) among the browser's `wanted` tags
// (navigator.languages, lower case): the first that fits it, Infinity when none does.
export function preferenceRank(tag, wanted) {
  const own = tag.toLowerCase();
  for (let i = 0; i < wanted.length; i++) {
    const w = wanted[i];
    if (w === own) return i;
    if (own === "zh-hans-cn" && /^zh-(cn|sg|hans)/.test(w)) return i;
    if (own === "zh-hant-hk" && /^zh-(hk|tw|mo|hant)/.test(w)) return i;
    if (own === "en" && w.startsWith("en")) return i;
  }
  return Infinity;
}

// Of `tags`, the one the browser prefers most (null when it prefers none of them).
export function preferredLanguage(tags, browserLanguages) {
  const wanted = browserLanguages.map((tag) => tag.toLowerCase());
  let best = null;
  let bestRank = Infinity;
  for (const tag of tags) {
    const rank = preferenceRank(tag, wanted);
    if (rank < bestRank) [best, bestRank] = [tag, rank];
  }
  return best;
}
