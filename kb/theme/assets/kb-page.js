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
