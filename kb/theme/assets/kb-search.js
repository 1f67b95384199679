// Header search: Pagefind (Dutch stemming, chunked index over every page) together with the knowledge
// base's own matcher (kb-match.js over wegwijzer/zoekindex.json): legal identifiers ("art. 22",
// "IVRK 22", "GC 15", "CRC/C/GC/15", "CRC/C/NLD/CO/5-6 par. 37") put that record first, the legal
// vocabulary (vocabulary.yaml) reaches its articles ("mensenhandel" -> article 35), and a sentence is
// searched word by word (OR) and ranked, never "no results" when words match. The first line carries
// the query to the wegwijzer. Everything is loaded once, on the first focus; typing costs no requests
// beyond the Pagefind chunks of new words. Results reach the page via textContent and attributes, except
// Pagefind's excerpt, which Pagefind escapes (it only adds <mark>).
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
  var loaded = null, seq = 0, timer = null;
  var SHOWN = 20, MAX_TERMS = 6, DEBOUNCE = 80;

  function addScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src; s.onload = resolve; s.onerror = function () { reject(new Error(src)); };
      document.head.appendChild(s);
    });
  }
  function load() {
    if (!loaded) {
      var pagefind = import(base + "pagefind/pagefind.js").then(function (pf) {
        return pf.options({ baseUrl: new URL(base).pathname }).then(function () { pf.init(); return pf; });
      }).catch(function () { return null; });
      var scripts = window.KBMatch ? Promise.resolve() : (window.KBStem ? Promise.resolve() : addScript(base + "assets/kb-stem.js"))
        .then(function () { return window.KBMatch ? null : addScript(base + "assets/kb-match.js"); });
      var index = fetch(base + "wegwijzer/zoekindex.json").then(function (r) { return r.ok ? r.json() : null; })
        .catch(function () { return null; });
      loaded = Promise.all([pagefind, scripts.then(function () { return index; })]).then(function (all) {
        return { pf: all[0], matcher: all[1] && window.KBMatch ? new window.KBMatch.Matcher(all[1]) : null, nodes: all[1] ? all[1].nodes : {} };
      });
    }
    return loaded;
  }

  function setOpen(open) {
    if (toggle && toggle.checked !== open) { toggle.checked = open; toggle.dispatchEvent(new Event("change")); }
  }
  function path(url) { return new URL(url, location.href).pathname.replace(/index\.html$/, ""); }

  // Pagefind: the whole query, and for a longer query each of its words (OR), scores added per page.
  function pagefind(pf, query, terms) {
    if (!pf) return Promise.resolve([]);
    var queries = [query];
    if (terms.length > 1) terms.slice(0, MAX_TERMS).forEach(function (t) { queries.push(t); });
    return Promise.all(queries.map(function (q) { return pf.search(q).catch(function () { return null; }); }))
      .then(function (all) {
        var best = {};
        all.forEach(function (res, i) {
          if (!res) return;
          var top = res.results.length ? res.results[0].score || 1 : 1;
          res.results.slice(0, 30).forEach(function (r) {
            var e = best[r.id] || (best[r.id] = { score: 0, result: r });
            e.score += (i === 0 ? 1.5 : 1) * (r.score || 0) / top; // the whole query counts most
          });
        });
        return Object.keys(best).map(function (k) { return best[k]; });
      });
  }

  function search(tools, query) {
    var ours = tools.matcher ? tools.matcher.search(query, 40) : { results: [], analysis: { terms: [] } };
    var terms = ours.analysis.terms.map(function (t) { return t.w; })
      .filter(function (w, i, a) { return a.indexOf(w) === i; })
      .sort(function (a, b) { return b.length - a.length; });
    return pagefind(tools.pf, query, terms).then(function (pfs) {
      var pfTop = Math.max.apply(null, [1].concat(pfs.map(function (p) { return p.score; })));
      var byUrl = {};
      ours.results.forEach(function (r) {
        var n = tools.nodes[r.id];
        var url = new URL(n.u, base).pathname;
        byUrl[url] = { score: r.score, title: n.t, type: n.k, why: r.why, url: url };
      });
      // the page data (title, excerpt) of the best Pagefind hits only: each is a fragment request
      return Promise.all(pfs.sort(function (a, b) { return b.score - a.score; }).slice(0, 15).map(function (p) {
        return p.result.data().then(function (d) { return { p: p, d: d }; });
      })).then(function (loadedPf) {
        loadedPf.forEach(function (x) {
          var url = path(x.d.url);
          var e = byUrl[url] || (byUrl[url] = { score: 0, title: (x.d.meta && x.d.meta.title) || url,
                                                 type: x.d.meta && x.d.meta.type, url: url });
          e.score += 8 * x.p.score / pfTop;
          if (!e.excerpt) e.excerpt = x.d.excerpt;
        });
        return Object.keys(byUrl).map(function (k) { return byUrl[k]; }).sort(function (a, b) { return b.score - a.score; });
      });
    });
  }

  function item(href, title, type, excerptHtml, text) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = href;
    var art = document.createElement("article");
    art.className = "md-search-result__article md-typeset";
    var h = document.createElement("h1");
    h.textContent = title;
    if (type) {
      var t = document.createElement("span");
      t.className = "kb-result-type";
      t.textContent = type;
      h.appendChild(document.createTextNode(" "));
      h.appendChild(t);
    }
    art.appendChild(h);
    if (excerptHtml || text) {
      var p = document.createElement("p");
      if (excerptHtml) p.innerHTML = excerptHtml; // Pagefind escapes page text; it only adds <mark>
      else p.textContent = text;
      art.appendChild(p);
    }
    a.appendChild(art); li.appendChild(a);
    return li;
  }

  function render(results, query) {
    list.textContent = "";
    var guide = base + "wegwijzer/?situatie=" + encodeURIComponent(query) + "#antwoord";
    var first = item(guide, "Beschrijf de situatie in de wegwijzer", "Wegwijzer", "",
                     "Welke rechten zijn van toepassing op “" + query + "”? De wegwijzer zoekt de artikelen, de uitleg van het VN-Comité en de aanbevelingen.");
    first.className = "kb-search-guide"; // not counted among the results (md-search-result__item)
    list.appendChild(first);
    var shown = results.slice(0, SHOWN);
    shown.forEach(function (r) {
      list.appendChild(item(r.url, r.title, r.type, r.excerpt || "",
                            r.excerpt ? "" : (r.why && r.why.length && r.why[0] !== "genoemd" ? "Herkend aan: " + r.why.join("; ") : "")));
    });
    meta.textContent = !results.length ? "Geen resultaten voor “" + query + "”; probeer de wegwijzer hieronder"
      : results.length > shown.length ? shown.length + " van " + results.length + " resultaten"
      : results.length === 1 ? "1 resultaat" : results.length + " resultaten";
  }

  function run() {
    var query = input.value.trim().slice(0, 500);
    var mine = ++seq;
    clearTimeout(timer);
    if (!query) { list.textContent = ""; meta.textContent = "Typ om te zoeken"; return; }
    timer = setTimeout(function () {
      load().then(function (tools) {
        return mine === seq ? search(tools, query) : null;
      }).then(function (results) {
        if (results && mine === seq) { render(results, query); list.setAttribute("data-kb-search-done", query); }
      }).catch(function (err) {
        meta.textContent = "Zoeken is niet beschikbaar (" + err.message + ")";
      });
    }, DEBOUNCE);
  }

  input.addEventListener("input", run);
  input.addEventListener("focus", function () { setOpen(true); load(); });
  box.querySelector("[data-kb-search-form]").addEventListener("submit", function (e) {
    e.preventDefault();
    var first = list.querySelector("li:not(.kb-search-guide) a") || list.querySelector("a");
    if (first) location.href = first.href;
  });
  box.querySelector("[data-kb-search-form]").addEventListener("reset", function () { setTimeout(run, 0); });
  if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
  // Leaving the search box with Tab (or a click elsewhere) closes the overlay.
  box.addEventListener("focusout", function (e) {
    if (!e.relatedTarget || !box.contains(e.relatedTarget)) setOpen(false);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "/" && document.activeElement !== input && !/input|textarea/i.test(document.activeElement.tagName)) {
      e.preventDefault(); setOpen(true); input.focus();
    } else if (e.key === "Escape" && box.contains(document.activeElement)) {
      setOpen(false); input.blur();
    }
  });
})();
