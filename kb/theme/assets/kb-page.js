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

// "Geraadpleegd op": the citations are written at build time with the build's date; when a reader copies
// or downloads one, the date becomes the reader's own (the day the page was consulted). The copy line, RIS
// (Y2), BibTeX (urldate) and CSL-JSON (accessed) are rewritten just before the copy or download happens.
(function () {
  "use strict";
  var MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
                "november", "december"];
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function parts(iso) { var p = iso.split("-").map(Number); return { y: p[0], m: p[1], d: p[2] }; }
  function today() { var t = new Date(); return t.getFullYear() + "-" + pad(t.getMonth() + 1) + "-" + pad(t.getDate()); }
  function forms(iso) {
    var p = parts(iso);
    return { nl: p.d + " " + MONTHS[p.m - 1] + " " + p.y, iso: iso, ris: p.y + "/" + pad(p.m) + "/" + pad(p.d) + "/",
             csl: "[[" + p.y + ", " + p.m + ", " + p.d + "]]", cslTight: "[[" + p.y + "," + p.m + "," + p.d + "]]" };
  }
  function redate(text, from, to) {
    return text.split("geraadpleegd op " + from.nl).join("geraadpleegd op " + to.nl)
      .split("Y2  - " + from.ris).join("Y2  - " + to.ris)
      .split("urldate = {" + from.iso + "}").join("urldate = {" + to.iso + "}")
      .split('"accessed": {"date-parts": ' + from.csl + "}").join('"accessed": {"date-parts": ' + to.csl + "}")
      .split('"accessed":{"date-parts":' + from.cslTight + "}").join('"accessed":{"date-parts":' + to.cslTight + "}");
  }
  function b64decode(b64) {
    var bin = atob(b64), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new TextDecoder().decode(bytes);
  }
  function b64encode(text) {
    var bytes = new TextEncoder().encode(text), bin = "";
    for (var i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
    return btoa(bin);
  }
  // capture phase: before the copy handler reads data-kb-copy and before the link's download starts
  document.addEventListener("click", function (e) {
    var box = e.target.closest && e.target.closest(".kb-cite[data-kb-accessed]");
    if (!box) return;
    var from = forms(box.getAttribute("data-kb-accessed")), now = today();
    if (now === from.iso) return;
    var to = forms(now);
    box.querySelectorAll("[data-kb-copy]").forEach(function (b) { b.setAttribute("data-kb-copy", redate(b.getAttribute("data-kb-copy"), from, to)); });
    box.querySelectorAll("a[download]").forEach(function (a) {
      var m = /^(data:[^,]*;base64,)(.*)$/.exec(a.getAttribute("href") || "");
      if (m) a.setAttribute("href", m[1] + b64encode(redate(b64decode(m[2]), from, to)));
    });
    var line = box.querySelector(".kb-cite-line");
    if (line) line.textContent = redate(line.textContent, from, to);
    box.setAttribute("data-kb-accessed", now);
  }, true);
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
