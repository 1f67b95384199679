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
      var p = document.createElement("p");
      p.innerHTML = r.excerpt; // Pagefind escapes page text; it only adds <mark>
      art.appendChild(h); art.appendChild(p); a.appendChild(art); li.appendChild(a); list.appendChild(li);
    });
  }

  function run() {
    var query = input.value.trim();
    var mine = ++seq;
    if (!query) { list.textContent = ""; meta.textContent = "Typ om te zoeken"; return; }
    load().then(function (pf) {
      return pf.debouncedSearch(query, {}, 120);
    }).then(function (search) {
      if (!search || mine !== seq) return null;
      return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }))
        .then(function (data) { if (mine === seq) render(data, search.results.length, query); });
    }).catch(function (err) {
      meta.textContent = "Zoeken is niet beschikbaar (" + err.message + ")";
    });
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
