// The solution finder's addresses (theme/static/js/finder.js).

// The pre-built page of a sector and an issue under the finder's address `base` (ending in /).
export function pairAddress(base, sector, issue) {
  return base + encodeURIComponent(sector) + "/" + encodeURIComponent(issue) + "/";
}

// The pair a shared address (?sector=..&issue=..) asks for, when it has a page: `sectors` maps
// each sector to the issues it has case reports for. Null otherwise.
export function sharedPair(search, sectors) {
  const params = new URLSearchParams(search);
  const sector = params.get("sector");
  const issue = params.get("issue");
  if (sector === null || issue === null || !Object.hasOwn(sectors, sector)) return null;
  return sectors[sector].includes(issue) ? { sector, issue } : null;
}
