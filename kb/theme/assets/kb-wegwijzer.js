// Wegwijzer: adds up, per article, the routes of the choices made (precomputed at build time
// in wegwijzer/data.json) and lists the articles, strongest first, with why they apply.
(function () {
  "use strict";
  var form = document.querySelector("[data-kb-guide]");
  var out = document.querySelector("[data-kb-guide-result]");
  if (!form || !out) return;
  var root = "../"; // this page lives at /wegwijzer/
  var data = null;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text != null) e.textContent = text;
    return e;
  }
  function link(id) {
    var n = data.nodes[id];
    return el("a", { href: root + n.u }, n.t);
  }
  function chosen() {
    return Array.prototype.map.call(form.querySelectorAll("input[name=choice]:checked"), function (i) { return i.value; });
  }
  var riskBox = form.querySelector("[data-kb-guide-risks]");
  var riskFilter = form.querySelector("[data-kb-guide-risk-filter]");
  var RISKS_SHOWN = 40;

  // Many situations: the page lists those that fit the chosen groups and places and the typed
  // words, a bounded number at a time; chosen ones stay listed.
  function renderRisks(groups, places) {
    var checked = {};
    riskBox.querySelectorAll("input:checked").forEach(function (i) { checked[i.value] = 1; });
    var words = (riskFilter.value || "").toLowerCase().split(/\s+/).filter(Boolean);
    var fits = data.choices.risk.filter(function (id) {
      var n = data.nodes[id];
      if (checked[id]) return true;
      var ok = (!groups.length || groups.some(function (g) { return (n.target_groups || []).indexOf(g) >= 0; })) &&
               (!places.length || places.some(function (p) { return (n.settings || []).indexOf(p) >= 0; }));
      var title = n.t.toLowerCase();
      return ok && words.every(function (w) { return title.indexOf(w) >= 0; });
    });
    riskBox.textContent = "";
    fits.slice(0, RISKS_SHOWN).forEach(function (id) {
      var label = el("label", { class: "kb-guide-risk" });
      var box = el("input", { type: "checkbox", name: "choice", value: id });
      box.checked = !!checked[id];
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + data.nodes[id].t));
      riskBox.appendChild(label);
    });
    if (fits.length > RISKS_SHOWN) {
      riskBox.appendChild(el("p", { class: "kb-more" }, (fits.length - RISKS_SHOWN) + " meer; verfijn met een zoekwoord."));
    }
  }

  function filterRisks(sel) {
    // Offer the situations that fit the chosen groups and places (all when none is chosen).
    var groups = sel.filter(function (id) { return data.nodes[id].type === "target_group"; });
    var places = sel.filter(function (id) { return data.nodes[id].type === "setting"; });
    if (riskBox) return renderRisks(groups, places);
    form.querySelectorAll(".kb-guide-risk").forEach(function (label) {
      var ok = (!groups.length || groups.some(function (g) { return label.dataset.groups.indexOf(" " + g + " ") >= 0; })) &&
               (!places.length || places.some(function (p) { return label.dataset.settings.indexOf(" " + p + " ") >= 0; }));
      label.hidden = !ok && !label.querySelector("input").checked;
    });
  }
  function relevance(recId, sel) {
    var n = data.nodes[recId] || {};
    var hits = 0;
    ["target_groups", "settings", "addresses"].forEach(function (k) {
      (n[k] || []).forEach(function (v) { if (sel.indexOf(v) >= 0) hits++; });
    });
    return hits;
  }
  function render() {
    var sel = chosen();
    filterRisks(sel);
    out.textContent = "";
    if (!sel.length) { out.appendChild(el("p", {}, "Maak een keuze om de artikelen te zien.")); return; }
    var scores = {};
    sel.forEach(function (choice) {
      (data.routes[choice] || []).forEach(function (r) {
        var s = scores[r.a] || (scores[r.a] = { score: 0, routes: [], more: 0 });
        s.score += r.w;
        r.via.forEach(function (via, i) { s.routes.push({ from: choice, via: via, why: r.why[i] }); });
        s.more += r.n - r.via.length;
      });
    });
    var ranked = Object.keys(scores).sort(function (a, b) {
      return scores[b].score - scores[a].score || data.nodes[a].t.localeCompare(data.nodes[b].t, "nl", { numeric: true });
    });
    out.appendChild(el("p", { "data-kb-guide-count": ranked.length },
      ranked.length ? ranked.length + " artikelen zijn van toepassing, de sterkst betrokken eerst." : "Geen artikelen gevonden voor deze keuze."));
    var list = el("ol", { class: "kb-guide-list" });
    ranked.forEach(function (a) {
      var item = el("li", { "data-article": a });
      var head = el("p", { class: "kb-guide-head" });
      head.appendChild(link(a));
      head.appendChild(el("span", { class: "kb-guide-score", title: "gewicht van de routes" }, " · gewicht " + scores[a].score));
      item.appendChild(head);
      var why = el("ul", { class: "kb-guide-why" });
      var more = el("ul", { class: "kb-guide-why" });
      var seen = {};
      var shown = 0;
      scores[a].routes.sort(function (x, y) { return x.via.length - y.via.length; });
      scores[a].routes.forEach(function (r) {
        var key = [r.from].concat(r.via).join(">");
        if (seen[key]) return; seen[key] = 1;
        var li = el("li");
        (shown++ < 3 ? why : more).appendChild(li);
        [r.from].concat(r.via).forEach(function (id) { li.appendChild(link(id)); li.appendChild(document.createTextNode(" → ")); });
        li.appendChild(el("strong", {}, data.nodes[a].t));
        if (r.why) li.appendChild(el("span", { class: "kb-guide-reason" }, " — " + r.why));
      });
      item.appendChild(why);
      if (scores[a].more > 0) {
        var extra = el("li", {}, "en nog " + scores[a].more + " routes via andere situaties en aanbevelingen");
        more.appendChild(extra);
      }
      if (more.children.length) {
        var details = el("details");
        details.appendChild(el("summary", {}, more.children.length + " andere routes"));
        details.appendChild(more);
        item.appendChild(details);
      }
      var info = data.articles[a] || { gc: [], rec: [], obs: [] };
      [["gc", "Uitleg VN-Comité: "], ["obs", "Aan Nederland gevraagd: "], ["rec", "Aanbevelingen: "]].forEach(function (part) {
        var ids = info[part[0]].slice();
        if (!ids.length) return;
        if (part[0] === "rec") ids.sort(function (x, y) { return relevance(y, sel) - relevance(x, sel); });
        var p = el("p", { class: "kb-guide-" + part[0] }, part[1]);
        ids.slice(0, 5).forEach(function (id, i) { if (i) p.appendChild(document.createTextNode("; ")); p.appendChild(link(id)); });
        var total = part[0] === "rec" ? info.nrec : ids.length;
        if (total > 5) p.appendChild(document.createTextNode(" en " + (total - 5) + " meer op de artikelpagina"));
        item.appendChild(p);
      });
      list.appendChild(item);
    });
    out.appendChild(list);
  }
  fetch("data.json").then(function (r) { return r.json(); }).then(function (d) {
    data = d;
    form.addEventListener("change", render);
    if (riskFilter) riskFilter.addEventListener("input", function () { filterRisks(chosen()); });
    render();
  }).catch(function (e) { out.textContent = "De wegwijzer kon niet laden: " + e.message; });
})();
