// The solution finder's form (/{lang}/finder/): without JavaScript the page is a list of links to
// the pre-built /{lang}/finder/<sector>/<issue>/ pages; this shows the two choices instead and goes
// to the chosen pair's page. Only issues that the chosen sector has case reports for can be chosen.
(function () {
  "use strict";
  var form = document.querySelector("[data-module='finder']");
  if (!form) return;
  var sector = form.querySelector("select[name='sector']");
  var issue = form.querySelector("select[name='issue']");
  var base = form.getAttribute("action");

  function issuesOf(option) {
    return (option.getAttribute("data-issues") || "").split(" ");
  }

  function limitIssues() {
    var allowed = issuesOf(sector.options[sector.selectedIndex]);
    var firstAllowed = null;
    Array.prototype.forEach.call(issue.options, function (option) {
      var ok = allowed.indexOf(option.value) !== -1;
      option.disabled = !ok;
      option.hidden = !ok;
      if (ok && firstAllowed === null) firstAllowed = option;
    });
    if (issue.selectedOptions[0] && issue.selectedOptions[0].disabled && firstAllowed) {
      firstAllowed.selected = true;
    }
  }

  function pairAddress(sectorKey, issueKey) {
    return base + encodeURIComponent(sectorKey) + "/" + encodeURIComponent(issueKey) + "/";
  }

  // A shared /{lang}/finder/?sector=..&issue=.. opens the pair's page when it exists.
  var query = new URLSearchParams(window.location.search);
  var wanted = form.querySelector("option[value='" + CSS.escape(query.get("sector") || "") + "']");
  if (wanted && issuesOf(wanted).indexOf(query.get("issue")) !== -1) {
    window.location.replace(pairAddress(query.get("sector"), query.get("issue")));
    return;
  }

  sector.addEventListener("change", limitIssues);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.location.assign(pairAddress(sector.value, issue.value));
  });
  limitIssues();
  form.hidden = false;
})();
