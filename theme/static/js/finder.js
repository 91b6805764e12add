// The solution finder's form (/{lang}/finder/): without JavaScript the page is a list of links to
// the pre-built /{lang}/finder/<sector>/<issue>/ pages; this shows the two choices instead and goes
// to the chosen pair's page. Only issues that the chosen sector has case reports for can be chosen.
import { pairAddress, sharedPair } from "./lib/finder.js";

const form = document.querySelector("[data-module='finder']");
if (form) start(form);

function start(form) {
  const sector = form.querySelector("select[name='sector']");
  const issue = form.querySelector("select[name='issue']");
  const base = form.getAttribute("action");
  const issuesOf = (option) => (option ? (option.getAttribute("data-issues") || "").split(" ") : []);

  // A shared /{lang}/finder/?sector=..&issue=.. opens the pair's page when it exists.
  const sectors = Object.fromEntries(Array.from(sector.options, (option) => [option.value, issuesOf(option)]));
  const shared = sharedPair(location.search, sectors);
  if (shared) {
    location.replace(pairAddress(base, shared.sector, shared.issue));
    return;
  }

  function limitIssues() {
    const allowed = issuesOf(sector.options[sector.selectedIndex]);
    let firstAllowed = null;
    for (const option of issue.options) {
      const ok = allowed.includes(option.value);
      option.disabled = !ok;
      option.hidden = !ok;
      if (ok && firstAllowed === null) firstAllowed = option;
    }
    if (issue.selectedOptions[0] && issue.selectedOptions[0].disabled && firstAllowed) firstAllowed.selected = true;
  }

  sector.addEventListener("change", limitIssues);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    location.assign(pairAddress(base, sector.value, issue.value));
  });
  limitIssues();
  form.hidden = false;
}
