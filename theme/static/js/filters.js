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
//
// A long list is paginated (/en/cases/page/2/): its page holds only some items. Its form then has
// data-filter-source, the address of every item's data (/en/cases/cards.json,
// /en/awardees/rows.json), fetched the first time a filter or sort is chosen (or the page is
// opened with one in its address); the matching items are then drawn from that data, a page at a
// time (?sector=printing&page=2), with DOM nodes and textContent only (never HTML from the data).
// With no filter chosen the page shows its own items and page navigation again.
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
    var source = form.getAttribute("data-filter-source");
    if (source) { initFromData(form, target, source); return; }
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

  // --- a paginated list: filters over every item's data, fetched on demand ---------------------

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function safeHref(href) {
    // Addresses come from the site's own data; still, only web addresses and paths become links.
    return /^(https?:\/\/|\/)/i.test(href || "") ? href : null;
  }

  // One case report card, as theme/templates/macros/card.html writes it.
  // Both carry the filter data as the server's do (data-filter-item, data-filter-<facet>).
  function filterData(node, item) {
    node.setAttribute("data-filter-item", "");
    Object.keys(item.filters || {}).forEach(function (name) {
      node.setAttribute("data-filter-" + name, item.filters[name].join(" "));
    });
    return node;
  }

  function renderCard(item, data) {
    var li = filterData(element("li", "app-card"), item);
    if (item.lang) li.setAttribute("lang", item.lang);
    var heading = element("h3", "app-card__title");
    var link = element("a", null, item.title);
    link.setAttribute("href", safeHref(item.url) || "#");
    heading.appendChild(link);
    li.appendChild(heading);
    if (item.lang) {
      var note = element("p", "app-card__note", data.fallback_note);
      note.setAttribute("lang", data.lang);
      li.appendChild(note);
    }
    if (item.summary) li.appendChild(element("p", "app-card__summary", item.summary));
    if (item.headline) {
      var headline = element("p", "app-card__headline", item.headline);
      headline.setAttribute("lang", data.lang);
      li.appendChild(headline);
    }
    if (item.facts && item.facts.length) {
      var facts = element("ul", "app-card__facts");
      facts.setAttribute("lang", data.lang);
      item.facts.forEach(function (fact) { facts.appendChild(element("li", null, fact)); });
      li.appendChild(facts);
    }
    return li;
  }

  // One row of the awardee directory, as theme/templates/page-awardees.html writes it.
  function renderRow(item, data) {
    var tr = filterData(element("tr"), item);
    if (item.sort) tr.setAttribute("data-sort-name", item.sort.name);
    var name = element("th", "app-directory__name");
    name.setAttribute("scope", "row");
    var href = safeHref(item.url);
    if (href) {
      var link = element("a", null, item.name);
      link.setAttribute("href", href);
      link.setAttribute("rel", "external");
      name.appendChild(link);
    } else {
      name.appendChild(document.createTextNode(item.name));
    }
    if (item.illustrative) {
      name.appendChild(document.createTextNode(" "));
      name.appendChild(element("span", "app-tag app-tag--illustrative", data.illustrative_label));
    }
    tr.appendChild(name);
    [item.award, item.sector, item.city, item.year].forEach(function (text) { tr.appendChild(element("td", null, text)); });
    return tr;
  }

  function initFromData(form, target, source) {
    var status = document.getElementById(form.getAttribute("data-filter-status"));
    var empty = document.getElementById(form.getAttribute("data-filter-empty"));
    var fallback = document.getElementById(form.getAttribute("data-filter-fallback"));
    var serverPages = document.getElementById(form.getAttribute("data-filter-pages"));
    var base = form.getAttribute("data-filter-base") || window.location.pathname;
    var pageSize = parseInt(form.getAttribute("data-page-size"), 10) || 24;
    var template = form.getAttribute("data-status-template") || "";
    var pageTemplate = form.getAttribute("data-page-template") || "{number} / {count}";
    var selects = form.querySelectorAll("select[name]");
    var sorter = form.querySelector("select[data-filter-sort]");
    var lang = document.documentElement.lang;
    var numbers = new Intl.NumberFormat(lang);
    var isTable = target.tagName === "TABLE";
    var ownPath = window.location.pathname;
    // The page as the server wrote it, to come back to when no filter is chosen.
    var ownNodes = Array.prototype.slice.call(isTable ? target.tBodies : target.children);
    var ownStatus = status ? status.textContent : "";
    var data = null;
    var loading = null;
    var shownNodes = [];
    var pages = element("nav", "app-pagination");
    pages.setAttribute("aria-label", serverPages ? serverPages.getAttribute("aria-label") : form.getAttribute("aria-label") || "");
    pages.hidden = true;
    var after = target.closest(".app-table-scroll") || target;
    after.parentNode.insertBefore(pages, after.nextSibling);

    function hasOption(select, value) {
      return Array.prototype.some.call(select.options, function (option) { return option.value === value; });
    }
    function chosen(select) { return select.value && select.value !== select.options[0].value; }
    function anyChosen() { return Array.prototype.some.call(selects, chosen); }

    function readAddress() {
      var params = new URLSearchParams(window.location.search);
      each(selects, function (select) {
        var value = params.get(select.name);
        select.value = value !== null && hasOption(select, value) ? value : select.options[0].value;
      });
    }

    function pageNumber() {
      var number = parseInt(new URLSearchParams(window.location.search).get("page"), 10);
      return number > 0 ? number : 1;
    }

    // Filtered results live at the list's first address (/en/cases/?sector=...&page=2); with no
    // filter the reader is back on the page they came from.
    function addressFor(page) {
      var params = new URLSearchParams(window.location.search);
      params.delete("page");
      each(selects, function (select) {
        if (chosen(select)) params.set(select.name, select.value);
        else params.delete(select.name);
      });
      if (anyChosen() && page > 1) params.set("page", String(page));
      var query = params.toString();
      return (anyChosen() ? base : ownPath) + (query ? "?" + query : "");
    }

    function go(page) {
      var address = addressFor(page) + window.location.hash;
      if (address !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.pushState(null, "", address);
      }
      carryToOtherLanguages();
    }

    function carryToOtherLanguages() {
      var carried = new URLSearchParams();
      each(selects, function (select) { if (chosen(select)) carried.set(select.name, select.value); });
      var query = carried.toString();
      each(document.querySelectorAll(".app-lang a[href]"), function (link) {
        link.setAttribute("href", link.getAttribute("href").split("?")[0] + (query ? "?" + query : ""));
      });
    }

    function load() {
      if (!loading) {
        target.setAttribute("aria-busy", "true");
        loading = fetch(source, { credentials: "same-origin" })
          .then(function (response) {
            if (!response.ok) throw new Error(source + ": " + response.status);
            return response.json();
          })
          .then(function (json) { data = json; target.removeAttribute("aria-busy"); return json; });
      }
      return loading;
    }

    function matches(item) {
      return Array.prototype.every.call(selects, function (select) {
        if (select === sorter || !select.value) return true;
        var keys = (item.filters && item.filters[select.name]) || [];
        return keys.indexOf(select.value) !== -1;
      });
    }

    function sorted(list) {
      if (!sorter || !chosen(sorter)) return list;
      var descending = sorter.value.charAt(0) === "-";
      var key = sorter.value.replace(/^-/, "");
      return list.map(function (item, index) { return { item: item, index: index }; }).sort(function (a, b) {
        var x = a.item.sort ? a.item.sort[key] : "";
        var y = b.item.sort ? b.item.sort[key] : "";
        var order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), lang);
        if (order === 0) return a.index - b.index;
        return descending ? -order : order;
      }).map(function (entry) { return entry.item; });
    }

    function clearShown() {
      shownNodes.forEach(function (node) { if (node.parentNode) node.parentNode.removeChild(node); });
      shownNodes = [];
    }

    function showOwnPage() {
      clearShown();
      ownNodes.forEach(function (node) { node.hidden = false; });
      if (serverPages) serverPages.hidden = false;
      pages.hidden = true;
      if (status) status.textContent = ownStatus;
      if (empty) empty.hidden = true;
    }

    function draw(list, page) {
      ownNodes.forEach(function (node) { node.hidden = true; });
      if (serverPages) serverPages.hidden = true;
      clearShown();
      var count = Math.max(1, Math.ceil(list.length / pageSize));
      page = Math.min(page, count);
      var slice = list.slice((page - 1) * pageSize, page * pageSize);
      if (isTable) {
        // Grouped by year in the directory's own order; one plain group when sorted otherwise.
        var grouped = !(sorter && chosen(sorter));
        var body = null;
        var year = null;
        slice.forEach(function (item) {
          if (!body || (grouped && item.year !== year)) {
            body = element("tbody", "app-directory__year");
            if (grouped) {
              var heading = element("tr", "app-directory__group");
              var cell = element("th", null, item.year);
              cell.setAttribute("scope", "rowgroup");
              cell.setAttribute("colspan", "5");
              heading.appendChild(cell);
              body.appendChild(heading);
            }
            year = item.year;
            target.appendChild(body);
            shownNodes.push(body);
          }
          body.appendChild(renderRow(item, data));
        });
      } else {
        slice.forEach(function (item) {
          var node = renderCard(item, data);
          target.appendChild(node);
          shownNodes.push(node);
        });
      }
      if (status) {
        status.textContent = template
          .replace("{shown}", numbers.format(list.length))
          .replace("{total}", numbers.format(data.items.length));
      }
      if (empty) empty.hidden = list.length !== 0;
      drawPages(page, count);
    }

    function drawPages(page, count) {
      while (pages.firstChild) pages.removeChild(pages.firstChild);
      pages.hidden = count < 2;
      if (count < 2) return;
      pages.appendChild(element("p", "app-pagination__count",
        pageTemplate.replace("{number}", numbers.format(page)).replace("{count}", numbers.format(count))));
      var list = element("ul", "app-pagination__list");
      function add(number, text, className) {
        var li = element("li");
        var link = element("a", "app-pagination__link" + (className ? " " + className : ""), text);
        link.setAttribute("href", addressFor(number));
        if (number === page && !className) link.setAttribute("aria-current", "page");
        link.addEventListener("click", function (event) {
          event.preventDefault();
          go(number);
          apply();
          if (status) status.scrollIntoView({ block: "start" });
        });
        li.appendChild(link);
        list.appendChild(li);
      }
      if (page > 1) add(page - 1, form.getAttribute("data-previous-label"), "app-pagination__link--previous");
      var last = 0;
      for (var number = 1; number <= count; number += 1) {
        if (number === 1 || number === count || Math.abs(number - page) <= 2) {
          if (number > last + 1) {
            var gap = element("li", "app-pagination__gap", "…");
            gap.setAttribute("aria-hidden", "true");
            list.appendChild(gap);
          }
          add(number, numbers.format(number));
          last = number;
        }
      }
      if (page < count) add(page + 1, form.getAttribute("data-next-label"), "app-pagination__link--next");
      pages.appendChild(list);
    }

    function apply() {
      showActiveCount();
      if (!anyChosen()) { showOwnPage(); return; }
      var page = pageNumber();
      load().then(function () {
        if (!anyChosen()) { showOwnPage(); return; }  // the reader cleared the filters meanwhile
        draw(sorted(data.items.filter(matches)), page);
      }, function () {
        // The data could not be fetched: the links to the pre-built filter pages still work.
        form.hidden = true;
        if (fallback) fallback.hidden = false;
        target.removeAttribute("aria-busy");
      });
    }

    var activeCount = form.closest("[data-filter-panel]");
    activeCount = activeCount && activeCount.querySelector("[data-filter-active-count]");
    function showActiveCount() {
      if (!activeCount) return;
      var active = Array.prototype.filter.call(selects, function (select) {
        return select !== sorter && chosen(select);
      }).length;
      activeCount.textContent = active ? " (" + numbers.format(active) + ")" : "";
    }

    form.addEventListener("change", function () { go(1); apply(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var clear = form.querySelector("[data-filter-clear]");
    if (clear) {
      clear.addEventListener("click", function () {
        each(selects, function (select) { select.value = select.options[0].value; });
        go(1);
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
