// Copy buttons and absolute permalinks. Works offline; no third-party code.
(function () {
  "use strict";
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    var area = document.createElement("textarea");
    area.value = text; area.setAttribute("readonly", ""); area.style.position = "absolute"; area.style.left = "-9999px";
    document.body.appendChild(area); area.select();
    try { document.execCommand("copy"); } finally { document.body.removeChild(area); }
    return Promise.resolve();
  }
  document.addEventListener("click", function (e) {
    var button = e.target.closest("[data-kb-copy]");
    if (!button) return;
    copy(button.getAttribute("data-kb-copy")).then(function () {
      button.setAttribute("data-kb-copied", "");
      setTimeout(function () { button.removeAttribute("data-kb-copied"); }, 2000);
    });
  });
  document.querySelectorAll("[data-kb-permalink]").forEach(function (a) {
    var url = new URL(a.getAttribute("href"), location.href).href;
    a.querySelector("code").textContent = url;
  });
})();

// Index filters: each select narrows the table to the rows carrying the chosen value. A long
// index shows its first rows in HTML; the filters then load all rows from index.json.
// Filters can be preset from the URL (?target_groups=amv), as record pages link to them.
(function () {
  "use strict";
  var form = document.querySelector("[data-kb-filters]");
  var table = document.querySelector("[data-kb-index]");
  if (!table) return;
  var count = form && form.querySelector("[data-kb-count]");
  var tbody = table.querySelector("tbody");
  var total = Number(table.getAttribute("data-kb-total"));
  var shownInHtml = tbody.querySelectorAll("tr[data-kb-row]").length;
  var all = null; // rows from index.json, once loaded

  function selects() { return form ? Array.prototype.slice.call(form.querySelectorAll("select[data-kb-facet]")) : []; }
  function wanted() {
    return selects().map(function (s) { return [s.getAttribute("data-kb-facet"), s.value]; })
      .filter(function (w) { return w[1]; });
  }
  function renderAll(rows) {
    // index.json holds the rows as the build rendered them (kb/render_indexes.py, index_row): the one
    // place a row is made; every value in them was escaped there.
    tbody.innerHTML = rows.join("");
    var more = document.querySelector("[data-kb-more]");
    if (more) more.hidden = true;
  }
  function ensureAll() {
    if (all || total <= shownInHtml) return Promise.resolve();
    return fetch(table.getAttribute("data-kb-data")).then(function (r) { return r.json(); })
      .then(function (rows) { all = rows; renderAll(rows); });
  }
  function apply() {
    var w = wanted();
    (w.length ? ensureAll() : Promise.resolve()).then(function () {
      var rows = tbody.querySelectorAll("tr[data-kb-row]");
      var shown = 0;
      rows.forEach(function (row) {
        var ok = w.every(function (f) {
          return (row.getAttribute("data-f-" + f[0].replace(/_/g, "-")) || "").indexOf(" " + f[1] + " ") >= 0;
        });
        row.hidden = !ok;
        if (ok) shown++;
      });
      if (count) count.textContent = w.length ? shown + " van " + total : total + " in totaal";
    });
  }
  var params = new URLSearchParams(location.search);
  selects().forEach(function (s) {
    var v = params.get(s.getAttribute("data-kb-facet"));
    if (v && s.querySelector('option[value="' + CSS.escape(v) + '"]')) s.value = v;
  });
  if (form) {
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
  }
  var showAll = document.querySelector("[data-kb-show-all]");
  if (showAll) showAll.addEventListener("click", function () { ensureAll().then(apply); });
  if (wanted().length) apply();
})();
