// Instant filters for a list (cases, events, awardees). Enhancement only: without this script the
// page shows the whole list and its filters are links to pre-built pages.
//
// Markup (theme/templates/macros/filters.html): a <form data-module="app-filter" hidden> of
// <select name="facet"> whose choices narrow the items ([data-filter-item]) inside the element named
// by data-filter-target to those whose data-filter-<facet> holds the chosen key. Choices combine,
// and they live in the address (?sector=printing&year=2014): a filtered list can be shared, and the
// back button undoes a choice. A [data-filter-group] element (a heading, a section, a table row) is
// hidden when none of its members ([data-filter-member~=group]) is shown. The count in the
// role="status" element is rewritten from data-status-template, so screen readers hear it.
(function () {
  "use strict";

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function init(form) {
    var target = document.getElementById(form.getAttribute("data-filter-target"));
    if (!target) return;
    var status = document.getElementById(form.getAttribute("data-filter-status"));
    var empty = document.getElementById(form.getAttribute("data-filter-empty"));
    var fallback = document.getElementById(form.getAttribute("data-filter-fallback"));
    var template = form.getAttribute("data-status-template") || "";
    var selects = form.querySelectorAll("select[name]");
    var sorter = form.querySelector("select[data-filter-sort]");
    var items = Array.prototype.slice.call(target.querySelectorAll("[data-filter-item]"));
    var groups = target.querySelectorAll("[data-filter-group]");
    var lang = document.documentElement.lang;
    var numbers = new Intl.NumberFormat(lang);
    // The list's own order, to come back to when no sort is chosen. Items may sit in several
    // parents (a table's <tbody> per year); a sorted list gathers them in the first.
    var parents = [];
    items.forEach(function (item) {
      if (parents.indexOf(item.parentNode) === -1) parents.push(item.parentNode);
    });
    var original = parents.map(function (parent) {
      return { parent: parent, children: Array.prototype.slice.call(parent.children) };
    });

    function hasOption(select, value) {
      return Array.prototype.some.call(select.options, function (option) { return option.value === value; });
    }

    function readAddress() {
      var params = new URLSearchParams(window.location.search);
      each(selects, function (select) {
        var value = params.get(select.name);
        select.value = value !== null && hasOption(select, value) ? value : select.options[0].value;
      });
    }

    function writeAddress() {
      var params = new URLSearchParams(window.location.search);
      each(selects, function (select) {
        if (select.value && select.value !== select.options[0].value) params.set(select.name, select.value);
        else params.delete(select.name);
      });
      var query = params.toString();
      var address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      if (address !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.pushState(null, "", address);
      }
      carryToOtherLanguages();
    }

    // The language switcher keeps the filters: the same list, filtered the same way, in the
    // other languages (filter values are vocabulary keys, the same in every language).
    function carryToOtherLanguages() {
      var params = new URLSearchParams(window.location.search);
      var carried = new URLSearchParams();
      each(selects, function (select) {
        var value = params.get(select.name);
        if (value !== null && hasOption(select, value)) carried.set(select.name, value);
      });
      var query = carried.toString();
      each(document.querySelectorAll(".app-lang a[href]"), function (link) {
        link.setAttribute("href", link.getAttribute("href").split("?")[0] + (query ? "?" + query : ""));
      });
    }

    function matches(item) {
      return Array.prototype.every.call(selects, function (select) {
        if (select === sorter || !select.value) return true;
        var keys = (item.getAttribute("data-filter-" + select.name) || "").split(" ");
        return keys.indexOf(select.value) !== -1;
      });
    }

    function compare(key, descending) {
      return function (a, b) {
        var x = a.getAttribute("data-sort-" + key) || "";
        var y = b.getAttribute("data-sort-" + key) || "";
        var order = isFinite(x) && isFinite(y) && x !== "" && y !== "" ? x - y : x.localeCompare(y, lang);
        if (order === 0) return items.indexOf(a) - items.indexOf(b);
        return descending ? -order : order;
      };
    }

    function sort() {
      if (!sorter || !items.length) return false;
      var value = sorter.value;
      if (!value || value === sorter.options[0].value) {
        original.forEach(function (entry) {
          entry.children.forEach(function (node) { entry.parent.appendChild(node); });
        });
        return false;
      }
      var descending = value.charAt(0) === "-";
      items.slice().sort(compare(value.replace(/^-/, ""), descending)).forEach(function (node) {
        parents[0].appendChild(node);
      });
      return true;
    }

    function apply() {
      var sorted = sort();
      var shown = 0;
      items.forEach(function (item) {
        var show = matches(item);
        item.hidden = !show;
        if (show) shown += 1;
      });
      each(groups, function (group) {
        var name = group.getAttribute("data-filter-group");
        var members = target.querySelectorAll('[data-filter-member~="' + name + '"]:not([hidden])');
        // Group headings inside a sorted table would stand out of place: hide them while sorted.
        group.hidden = members.length === 0 || (sorted && group.hasAttribute("data-filter-sortable-away"));
      });
      if (status) {
        status.textContent = template
          .replace("{shown}", numbers.format(shown))
          .replace("{total}", numbers.format(items.length));
      }
      if (empty) empty.hidden = shown !== 0;
      showActiveCount();
    }

    // The "Filter (n)" button of a list folded on a phone (macros/filter-panel.html).
    var activeCount = form.closest("[data-filter-panel]");
    activeCount = activeCount && activeCount.querySelector("[data-filter-active-count]");
    function showActiveCount() {
      if (!activeCount) return;
      var active = Array.prototype.filter.call(selects, function (select) {
        return select !== sorter && select.value && select.value !== select.options[0].value;
      }).length;
      activeCount.textContent = active ? " (" + numbers.format(active) + ")" : "";
    }

    form.addEventListener("change", function () { writeAddress(); apply(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var clear = form.querySelector("[data-filter-clear]");
    if (clear) {
      clear.addEventListener("click", function () {
        each(selects, function (select) { select.value = select.options[0].value; });
        writeAddress();
        apply();
      });
    }
    window.addEventListener("popstate", function () { readAddress(); apply(); carryToOtherLanguages(); });

    if (fallback) fallback.hidden = true;
    form.hidden = false;
    readAddress();
    apply();
    carryToOtherLanguages();
  }

  each(document.querySelectorAll('[data-module="app-filter"]'), init);
})();
