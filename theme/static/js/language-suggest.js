// Root page only: mark the language the browser prefers. No redirect: the reader chooses.
(function () {
  var links = document.querySelectorAll("[data-lang]");
  var wanted = (navigator.languages || [navigator.language || ""]).map(function (tag) {
    return tag.toLowerCase();
  });
  function score(tag) {
    tag = tag.toLowerCase();
    for (var i = 0; i < wanted.length; i++) {
      var w = wanted[i];
      if (w === tag) return i;
      if (tag === "zh-hans-cn" && /^zh-(cn|sg|hans)/.test(w)) return i;
      if (tag === "zh-hant-hk" && /^zh-(hk|tw|mo|hant)/.test(w)) return i;
      if (tag === "en" && w.indexOf("en") === 0) return i;
    }
    return Infinity;
  }
  var best = null;
  var bestScore = Infinity;
  links.forEach(function (link) {
    var s = score(link.getAttribute("data-lang"));
    if (s < bestScore) { bestScore = s; best = link; }
  });
  if (best) best.classList.add("app-choose__link--suggested");
})();
