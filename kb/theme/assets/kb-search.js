// Header search backed by Pagefind (Dutch stemming, chunked index). Loaded on every page;
// the Pagefind bundle itself is fetched only when the user starts typing.
(function () {
  "use strict";
  var script = document.currentScript;
  var base = new URL(".", new URL("..", script.src)).href; // site root, wherever the site is served
  var box = document.querySelector("[data-kb-search]");
  if (!box) return;
  var input = box.querySelector("[data-kb-search-query]");
  var list = box.querySelector("[data-kb-search-results]");
  var meta = box.querySelector("[data-kb-search-meta]");
  var toggle = document.getElementById("__search");
  var pagefind = null;
  var seq = 0;
  var timer = null;

  // Legal synonyms: a query using one form also searches the others.
  var SYNONYMS = [
    ["ivrk", "vrk", "kinderrechtenverdrag", "verdrag inzake de rechten van het kind", "crc"],
    ["amv", "alleenstaande minderjarige vreemdeling", "alleenstaande minderjarige", "niet-begeleide minderjarige",
     "niet-begeleide minderjarigen"],
    ["azc", "opvang", "asielzoekerscentrum"],
    ["glo", "gezinslocatie", "gezinslocaties"],
    ["mob", "met onbekende bestemming vertrokken"]
  ];
  var ARTICLE = /\b(?:art(?:ikel|icle)?\.?)\s*(\d{1,2})\b/i;

  function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  // The query and its variants with each synonym group swapped in (a few at most).
  function variants(query) {
    var out = [query];
    var lower = query.toLowerCase();
    SYNONYMS.forEach(function (group) {
      group.forEach(function (form) {
        var re = new RegExp("(^|[^\\p{L}\\d-])" + escapeRe(form) + "(?=$|[^\\p{L}\\d-])", "iu");
        if (!re.test(lower)) return;
        group.forEach(function (other) {
          if (other !== form) out.push(lower.replace(re, "$1" + other));
        });
      });
    });
    return out.filter(function (q, i) { return out.indexOf(q) === i; }).slice(0, 8);
  }

  function load() {
    if (!pagefind) {
      pagefind = import(base + "pagefind/pagefind.js").then(function (pf) {
        return pf.options({ baseUrl: new URL(base).pathname }).then(function () { pf.init(); return pf; });
      });
    }
    return pagefind;
  }

  function setOpen(open) {
    if (toggle && toggle.checked !== open) { toggle.checked = open; toggle.dispatchEvent(new Event("change")); }
  }

  function render(results, total, query) {
    list.textContent = "";
    meta.textContent = total === 0 ? "Geen resultaten voor “" + query + "”"
      : total === 1 ? "1 resultaat" : total + " resultaten";
    results.forEach(function (r) {
      var li = document.createElement("li");
      li.className = "md-search-result__item";
      var a = document.createElement("a");
      a.className = "md-search-result__link";
      a.href = r.url;
      var art = document.createElement("article");
      art.className = "md-search-result__article md-typeset";
      var h = document.createElement("h1");
      h.textContent = (r.meta && r.meta.title) || r.url;
      if (r.meta && r.meta.type) {
        var t = document.createElement("span");
        t.className = "kb-result-type";
        t.textContent = r.meta.type;
        h.appendChild(document.createTextNode(" "));
        h.appendChild(t);
      }
      var p = document.createElement("p");
      p.innerHTML = r.excerpt; // Pagefind escapes page text; it only adds <mark>
      art.appendChild(h); art.appendChild(p); a.appendChild(art); li.appendChild(a); list.appendChild(li);
    });
  }

  // The articles (id and heading) for "art. 22"-style queries, from the index page's data.
  var articles = null;
  function articleList() {
    if (!articles) {
      articles = fetch(base + "artikelen/index.json").then(function (r) { return r.json(); })
        .catch(function () { return []; });
    }
    return articles;
  }

  // Search the query and its synonym variants; an article number ("art. 22", "artikel 22")
  // puts that article first. Results are merged by page, best score kept.
  function search(pf, query) {
    var article = ARTICLE.exec(query);
    var searches = variants(query).map(function (q) { return pf.search(q); });
    return Promise.all([Promise.all(searches), article ? articleList() : Promise.resolve([])]).then(function (all) {
      var best = {};
      all[0].forEach(function (res) {
        if (!res) return;
        res.results.forEach(function (r) {
          if (!best[r.id] || best[r.id].score < r.score) best[r.id] = { score: r.score, result: r };
        });
      });
      var merged = Object.keys(best).map(function (k) { return best[k]; })
        .sort(function (a, b) { return b.score - a.score; })
        .map(function (b) { return b.result; });
      var hit = article && all[1].filter(function (a) { return a.id === "ivrk-" + Number(article[1]); })[0];
      if (hit) {
        var url = new URL(base).pathname + "artikelen/" + hit.id + "/";
        merged.unshift({ data: function () {
          return Promise.resolve({ url: url, meta: { title: hit.t, type: "Artikel" }, excerpt: "" });
        }, url: url });
      }
      return merged;
    });
  }

  function run() {
    var query = input.value.trim();
    var mine = ++seq;
    clearTimeout(timer);
    if (!query) { list.textContent = ""; meta.textContent = "Typ om te zoeken"; return; }
    timer = setTimeout(function () {
      load().then(function (pf) {
        return mine === seq ? search(pf, query) : null;
      }).then(function (results) {
        if (!results || mine !== seq) return null;
        return Promise.all(results.slice(0, 21).map(function (r) { return r.data(); }))
          .then(function (data) {
            var seen = {};
            data = data.filter(function (d) { var k = d.url.replace(/index\.html$/, ""); if (seen[k]) return false; seen[k] = 1; return true; });
            if (mine === seq) render(data.slice(0, 20), results.length, query);
          });
      }).catch(function (err) {
        meta.textContent = "Zoeken is niet beschikbaar (" + err.message + ")";
      });
    }, 120);
  }

  input.addEventListener("input", run);
  input.addEventListener("focus", function () { setOpen(true); load(); });
  box.querySelector("[data-kb-search-form]").addEventListener("submit", function (e) {
    e.preventDefault();
    var first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  box.querySelector("[data-kb-search-form]").addEventListener("reset", function () {
    setTimeout(run, 0);
  });
  if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
  document.addEventListener("keydown", function (e) {
    if (e.key === "/" && document.activeElement !== input && !/input|textarea/i.test(document.activeElement.tagName)) {
      e.preventDefault(); setOpen(true); input.focus();
    } else if (e.key === "Escape" && document.activeElement === input) {
      setOpen(false); input.blur();
    }
  });
})();
