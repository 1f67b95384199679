// Header search: the knowledge base's own matcher (kb-match.js over wegwijzer/zoekindex.json) together with
// Pagefind (Dutch stemming, chunked index over every page). Legal identifiers ("art. 22", "IVRK 22", "GC 15",
// "CRC/C/GC/15", "CRC/C/NLD/CO/5-6 par. 37") put that record first, the legal vocabulary (vocabulary.yaml)
// reaches its articles ("mensenhandel" -> article 35), and a sentence is searched word by word (OR) and
// ranked, never "no results" when words match. The first line carries the query to the wegwijzer.
//
// Speed (benchmarks/bench_search.py): the matcher answers in a few milliseconds, so its results are shown
// at once on every keystroke, without a debounce. Pagefind's full-text search costs far more on a large
// site (about 0.3 s for a word on 6,000 of 10,000 pages, however warm), so it runs behind: one search at a
// time, only for the query as it stands when the previous one is done (and after a short pause in typing),
// and its hits are merged into the list when they arrive. Only its best hits are fetched (one fragment
// request each), all at once. Everything is loaded on the first focus (or when the pointer comes near),
// in parallel. Results reach the page via textContent and attributes, except Pagefind's excerpt, which
// Pagefind escapes (it only adds <mark>).
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
  var local = null, full = null, seq = 0;
  var SHOWN = 20; // results listed
  var PF_WORDS = 3; // words of a longer query searched one by one when Pagefind finds too few for all of them
  var PF_HITS = 15; // Pagefind hits whose page data (title, URL, excerpt) is fetched
  var PF_MIN = 3; // shorter queries are not sent to Pagefind (a one-letter prefix matches every page)
  var PF_PAUSE = 90; // ms without typing before Pagefind starts (it cannot be stopped once started)

  function addScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src; s.async = false; // downloaded in parallel, run in order (kb-match.js needs kb-stem.js)
      s.onload = resolve; s.onerror = function () { reject(new Error(src)); };
      document.head.appendChild(s);
    });
  }
  // The matcher: kb-stem.js, kb-match.js and the index, fetched side by side.
  function loadLocal() {
    if (!local) {
      var stem = window.KBStem ? Promise.resolve() : addScript(base + "assets/kb-stem.js");
      var match = window.KBMatch ? Promise.resolve() : addScript(base + "assets/kb-match.js");
      var index = fetch(base + "wegwijzer/zoekindex.json").then(function (r) { return r.ok ? r.text() : null; })
        .catch(function () { return null; });
      local = Promise.all([stem, match, index]).then(function (all) {
        // read into tables without a prototype: a word or id such as "constructor" is a key like any other
        var data = all[2] && window.KBMatch ? window.KBMatch.parse(all[2]) : null;
        return { matcher: data ? new window.KBMatch.Matcher(data) : null, nodes: data ? data.nodes : Object.create(null),
                 labels: data && data.labels ? data.labels : Object.create(null) };
      }, function () { return { matcher: null, nodes: Object.create(null), labels: Object.create(null) }; });
    }
    return local;
  }
  function loadPagefind() {
    if (!full) {
      full = import(base + "pagefind/pagefind.js").then(function (pf) {
        return pf.options({ baseUrl: new URL(base).pathname }).then(function () { pf.init(); return pf; });
      }).catch(function () { return null; });
    }
    return full;
  }
  function load() { loadPagefind(); return loadLocal(); }

  function setOpen(open) {
    if (toggle && toggle.checked !== open) { toggle.checked = open; toggle.dispatchEvent(new Event("change")); }
  }
  function path(url) { return new URL(url, location.href).pathname.replace(/index\.html$/, ""); }

  // -- the matcher's results (at once) ----------------------------------------------------------------
  function localResults(tools, query) {
    var ours = tools.matcher ? tools.matcher.search(query, 40) : { results: [], analysis: { terms: [] } };
    var byUrl = Object.create(null);
    ours.results.forEach(function (r) {
      var n = tools.nodes[r.id];
      var url = new URL(n.u, base).pathname;
      // named: the query is this record's identifier or own name ("IVRK 22", "GC 14", an ECLI)
      byUrl[url] = { score: r.score, title: n.t, type: tools.labels[n.k] || "", why: r.why, url: url,
                     named: r.why.indexOf("genoemd") >= 0 };
    });
    var terms = ours.analysis.terms.map(function (t) { return t.w; })
      .filter(function (w, i, a) { return a.indexOf(w) === i; })
      .sort(function (a, b) { return b.length - a.length; });
    return { byUrl: byUrl, terms: terms };
  }
  function ranked(byUrl) {
    return Object.keys(byUrl).map(function (k) { return byUrl[k]; }).sort(function (a, b) { return b.score - a.score; });
  }

  // -- Pagefind's results (behind) --------------------------------------------------------------------
  // The whole query; when that finds too few pages for a longer query, also its longest words one by
  // one (OR), scores added per page.
  function pagefind(pf, query, terms) {
    function one(q) { return pf.search(q).catch(function () { return null; }); }
    return one(query).then(function (whole) {
      var all = [whole];
      var more = terms.length > 1 && (!whole || whole.results.length < SHOWN) ? terms.slice(0, PF_WORDS) : [];
      return Promise.all(more.map(one)).then(function (words) { return all.concat(words); });
    }).then(function (all) {
      var best = Object.create(null);
      all.forEach(function (res, i) {
        if (!res) return;
        var top = res.results.length ? res.results[0].score || 1 : 1;
        res.results.slice(0, 30).forEach(function (r) {
          var e = best[r.id] || (best[r.id] = { score: 0, result: r });
          e.score += (i === 0 ? 1.5 : 1) * (r.score || 0) / top; // the whole query counts most
        });
      });
      var hits = Object.keys(best).map(function (k) { return best[k]; }).sort(function (a, b) { return b.score - a.score; });
      // the page data (title, URL, excerpt) of the best hits only: each is a fragment request, all at once
      return Promise.all(hits.slice(0, PF_HITS).map(function (p) {
        return p.result.data().then(function (d) { return { p: p, d: d }; }, function () { return null; });
      }));
    });
  }
  function merge(byUrl, loaded) {
    var pfTop = Math.max.apply(null, [1].concat(loaded.map(function (x) { return x ? x.p.score : 0; })));
    loaded.forEach(function (x) {
      if (!x) return;
      var url = path(x.d.url);
      var e = byUrl[url] || (byUrl[url] = { score: 0, title: (x.d.meta && x.d.meta.title) || url,
                                             type: x.d.meta && x.d.meta.type, url: url });
      e.score += 8 * x.p.score / pfTop;
      if (!e.excerpt) e.excerpt = x.d.excerpt;
    });
    return byUrl;
  }

  // One Pagefind search at a time; a newer query waits for the running one and replaces any waiting one.
  var running = false, waiting = null, pause = null;
  function later(job) {
    clearTimeout(pause);
    waiting = job;
    pause = setTimeout(next, PF_PAUSE);
  }
  function next() {
    if (running || !waiting) return;
    var job = waiting;
    waiting = null;
    if (job.mine !== seq) return;
    running = true;
    loadPagefind().then(function (pf) {
      if (!pf || job.mine !== seq) return null;
      return pagefind(pf, job.query, job.found.terms).then(function (loaded) {
        if (job.mine !== seq) return;
        render(ranked(merge(job.found.byUrl, loaded)), job.query, true);
      });
    }).catch(function () {
      if (job.mine === seq) render(ranked(job.found.byUrl), job.query, true);
    }).then(function () {
      running = false;
      next();
    });
  }

  // -- the list ---------------------------------------------------------------------------------------
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

  // `done`: Pagefind's hits are in (or it is not used for this query); until then the list is the
  // matcher's, and says that the full text is still being searched.
  function render(results, query, done) {
    if (done && list.contains(document.activeElement) && list.getAttribute("data-kb-search-shown") === query) {
      list.setAttribute("data-kb-search-done", query); // the reader is in the list already: leave it be
      return;
    }
    var keep = list.getAttribute("data-kb-search-shown") === query ? active : -1; // Pagefind's hits came in
    list.textContent = "";
    var guide = base + "wegwijzer/?situatie=" + encodeURIComponent(query) + "#antwoord";
    var first = item(guide, "Beschrijf de situatie in de wegwijzer", "Wegwijzer", "",
                     "Welke rechten zijn van toepassing op “" + query + "”? De wegwijzer zoekt de artikelen, de uitleg van het VN-Comité en de aanbevelingen.");
    first.className = "kb-search-guide"; // not counted among the results (md-search-result__item)
    var shown = results.slice(0, SHOWN);
    // a query that names a record (its identifier or own name) gets that record first, the wegwijzer after it
    var lead = shown.length && shown[0].named ? 1 : 0;
    if (!lead) list.appendChild(first);
    shown.forEach(function (r, i) {
      list.appendChild(item(r.url, r.title, r.type, r.excerpt || "",
                            r.excerpt ? "" : (r.why && r.why.length && r.why[0] !== "genoemd" ? "Herkend aan: " + r.why.join("; ") : "")));
      if (lead && i === 0) list.appendChild(first);
    });
    active = -1;
    if (keep >= 0) highlight(keep);
    var count = results.length > shown.length ? shown.length + " van " + results.length + " resultaten"
      : results.length === 1 ? "1 resultaat" : results.length + " resultaten";
    meta.textContent = !done ? (results.length ? count + "; de volledige tekst wordt nog doorzocht…" : "Zoeken…")
      : !results.length ? "Geen resultaten voor “" + query + "”; probeer de wegwijzer hieronder" : count;
    list.setAttribute("data-kb-search-shown", query);
    if (done) list.setAttribute("data-kb-search-done", query);
    else list.removeAttribute("data-kb-search-done");
  }

  function run() {
    var query = input.value.trim().slice(0, 500);
    var mine = ++seq;
    if (!query) {
      clearTimeout(pause); waiting = null;
      list.textContent = ""; list.removeAttribute("data-kb-search-done"); meta.textContent = "Typ om te zoeken";
      return;
    }
    load().then(function (tools) {
      if (mine !== seq) return;
      var found = localResults(tools, query);
      var usePagefind = query.length >= PF_MIN;
      var results = ranked(found.byUrl);
      if (results.length || !usePagefind) render(results, query, !usePagefind);
      else meta.textContent = "Zoeken…";
      if (usePagefind) later({ query: query, mine: mine, found: found });
    }).catch(function (err) {
      meta.textContent = "Zoeken is niet beschikbaar (" + err.message + ")";
    });
  }

  input.addEventListener("input", run);
  input.addEventListener("focus", function () { setOpen(true); load(); });
  // the pointer on its way to the search box: start loading (saves the time of a click)
  var label = document.querySelector("label.md-header__button[for=__search]");
  [box, label].forEach(function (el) { if (el) el.addEventListener("pointerenter", load, { once: true }); });
  box.querySelector("[data-kb-search-form]").addEventListener("submit", function (e) {
    e.preventDefault();
    var links = list.querySelectorAll("a");
    var first = active >= 0 && links[active] ? links[active]
      : list.querySelector("li:not(.kb-search-guide) a") || list.querySelector("a");
    if (first) location.href = first.href;
  });
  // Arrow keys move through the results (the wegwijzer row included), Enter opens the highlighted one;
  // the focus stays in the box, the highlighted row is announced through aria-activedescendant.
  var active = -1;
  function highlight(i) {
    var links = list.querySelectorAll("a");
    if (!links.length) return;
    active = Math.max(-1, Math.min(i, links.length - 1));
    Array.prototype.forEach.call(links, function (a, k) {
      a.id = a.id || "kb-search-result-" + k;
      a.classList.toggle("kb-search-active", k === active);
      a.setAttribute("aria-selected", k === active ? "true" : "false");
    });
    if (active >= 0) {
      input.setAttribute("aria-activedescendant", links[active].id);
      if (links[active].scrollIntoView) links[active].scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  }
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") { e.preventDefault(); highlight(active + 1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); highlight(active - 1); }
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
