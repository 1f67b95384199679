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

// Index filters: each select narrows the table rows to those carrying the chosen value.
(function () {
  "use strict";
  var form = document.querySelector("[data-kb-filters]");
  var table = document.querySelector("[data-kb-index]");
  if (!form || !table) return;
  var count = form.querySelector("[data-kb-count]");
  var rows = table.querySelectorAll("tr[data-kb-row]");
  function apply() {
    var wanted = Array.prototype.map.call(form.querySelectorAll("select[data-kb-facet]"), function (s) {
      return [s.getAttribute("data-kb-facet").replace(/_/g, "-"), s.value];
    }).filter(function (w) { return w[1]; });
    var shown = 0;
    rows.forEach(function (row) {
      var ok = wanted.every(function (w) {
        return (row.getAttribute("data-f-" + w[0]) || "").indexOf(" " + w[1] + " ") >= 0;
      });
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + " van " + rows.length;
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
})();
