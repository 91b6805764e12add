// Page state in the address (?q=...&sector=...), so that a search or a filtered list can be shared,
// reloaded and carried to another language by the language switcher (.app-lang links).

import { hasHan } from "./query.js";

// `href` with its query replaced by `params` (none when `params` is empty); its fragment is kept.
export function withQuery(href, params) {
  const [beforeHash, ...hash] = href.split("#");
  const query = new URLSearchParams(params).toString();
  return beforeHash.split("?")[0] + (query ? "?" + query : "") + (hash.length ? "#" + hash.join("#") : "");
}

// The search's parameters for the page in language `target` (a BCP 47 tag: en, zh-Hant-HK,
// zh-Hans-CN). The filters go everywhere; a Chinese query goes to the other Chinese site in its
// script (发 <-> 發, `folding` from lib/fold.js) and not to the English one; any other query goes
// everywhere.
export function carriedSearch(params, target, folding) {
  const carried = new URLSearchParams(params);
  const q = carried.get("q");
  if (q && hasHan(q)) {
    if (!/^zh\b/i.test(target)) carried.delete("q");
    else if (/-Hant\b/i.test(target)) carried.set("q", folding.unfold(q));
    else carried.set("q", folding.fold(q));
  }
  return carried;
}

// A message from the page's template (data-msg-* attributes) with its {placeholders} filled in.
export function fillMessage(template, values = {}) {
  let text = template || "";
  for (const [key, value] of Object.entries(values)) text = text.split("{" + key + "}").join(value);
  return text;
}
