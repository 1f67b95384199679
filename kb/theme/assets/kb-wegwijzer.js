// Wegwijzer: a described situation (and the choices below it) in, the applicable articles out, ranked,
// each with why in words, how strong the link is, the Committee's interpretation, what it asked the
// Netherlands and the recommendations. Matching runs here (kb-match.js over wegwijzer/zoekindex.json and
// wegwijzer/data.json, built by kb/guide.py); nothing is sent anywhere. The description and the choices
// live in the URL (?situatie=…&keuze=…), so an answer can be shared and bookmarked.
// Values from the data reach the page only through textContent and attributes.
(function () {
  "use strict";
  var form = document.querySelector("[data-kb-guide]");
  var out = document.querySelector("[data-kb-guide-result]");
  var describe = document.querySelector("[data-kb-guide-text]");
  if (!form || !out) return;
  var textBox = describe && describe.querySelector("textarea");
  var root = new URL("../", location.href).href; // this page lives at /wegwijzer/
  var data = null, search = null, matcher = null;
  var state = { text: "", choices: null, ignored: [] }; // choices: null = as understood from the text
  var MAX_CHOICES = 50; // from the URL; more is not a description anyone typed
  function dict() { return Object.create(null); } // tables keyed by ids and words: no prototype (kb-match.js)
  var last = null; // the answer on screen, for copying

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text != null) e.textContent = text;
    return e;
  }
  function text(s) { return document.createTextNode(s); }
  function link(id) {
    var n = data.nodes[id] || search.nodes[id];
    return el("a", { href: root + n.u }, n.t);
  }
  function title(id) { var n = data.nodes[id] || search.nodes[id]; return n ? n.t : id; }
  function quoted(words) { return words.map(function (w) { return "‘" + w + "’"; }).join(", "); }
  function boxes() { return Array.prototype.slice.call(form.querySelectorAll("input[name=choice]")); }

  // -- URL -------------------------------------------------------------------------------------------
  function readUrl() {
    var p = new URLSearchParams(location.search);
    state.text = (p.get("situatie") || "").slice(0, 2000);
    var asked = p.has("keuze") ? p.getAll("keuze").filter(Boolean) : null;
    // only ids the wegwijzer offers as a choice; an unknown or hostile one ("constructor", "__proto__") is
    // ignored, and the answer says so
    state.ignored = asked ? asked.filter(function (c) { return !isChoice(c); }) : [];
    state.choices = asked ? asked.filter(isChoice).slice(0, MAX_CHOICES) : null;
  }
  function isChoice(c) {
    var n = window.KBMatch.own(data.nodes, c);
    return !!n && Object.keys(data.choices).some(function (type) { return data.choices[type].indexOf(c) >= 0; });
  }
  function writeUrl(push) {
    var p = new URLSearchParams();
    if (state.text) p.set("situatie", state.text);
    if (state.choices) {
      if (!state.choices.length) p.append("keuze", "");
      state.choices.forEach(function (c) { p.append("keuze", c); });
    }
    var url = location.pathname + (p.toString() ? "?" + p.toString() : "") + "#antwoord";
    if (url !== location.pathname + location.search + location.hash) history[push ? "pushState" : "replaceState"](null, "", url);
  }

  // -- the risk list when there are many situations --------------------------------------------------
  var riskBox = form.querySelector("[data-kb-guide-risks]");
  var riskFilter = form.querySelector("[data-kb-guide-risk-filter]");
  var RISKS_SHOWN = 40;
  function renderRisks(sel) {
    var checked = dict();
    sel.forEach(function (id) { checked[id] = 1; });
    var words = (riskFilter.value || "").toLowerCase().split(/\s+/).filter(Boolean);
    var fits = data.choices.risk.filter(function (id) {
      if (checked[id]) return true;
      var t = data.nodes[id].t.toLowerCase();
      return words.length && words.every(function (w) { return t.indexOf(w) >= 0; });
    });
    riskBox.textContent = "";
    fits.slice(0, RISKS_SHOWN).forEach(function (id) {
      var label = el("label", { class: "kb-guide-risk" });
      var box = el("input", { type: "checkbox", name: "choice", value: id });
      box.checked = !!checked[id];
      label.appendChild(box);
      label.appendChild(text(" " + data.nodes[id].t));
      riskBox.appendChild(label);
    });
    if (fits.length > RISKS_SHOWN) riskBox.appendChild(el("p", { class: "kb-more" }, (fits.length - RISKS_SHOWN) + " meer; verfijn met een zoekwoord."));
  }

  // -- the answer ------------------------------------------------------------------------------------
  // formal: in the register of the juridisch kader ("de beschrijving"), else speaking to the reader
  function because(e, formal) {
    var out = [];
    if (e.cited) out.push(formal ? "Het artikel wordt in de beschrijving genoemd." : "Je noemt dit artikel zelf.");
    e.named.forEach(function (n) {
      out.push((formal ? "De beschrijving noemt " : "Je beschrijving noemt ") + quoted(n.words) + (n.note ? ": " + n.note : "; dat valt onder dit artikel."));
    });
    if (e.text && e.text.words.length) out.push("De samenvatting van dit artikel bevat ook " + quoted(e.text.words) + ".");
    return out;
  }
  function relevance(recId, sel) {
    var n = data.nodes[recId] || {}, hits = 0;
    data.order_relations.concat(data.case_relations || []).forEach(function (k) {
      (n[k] || []).forEach(function (v) { if (sel.indexOf(v) >= 0) hits++; });
    });
    return hits;
  }
  // Interpretations and recommendations that fit the description and the choices first.
  var titleStems = dict(); // id -> stems of its title (stemming is the costliest part of ordering)
  function picker(an, sel) {
    var stems = dict(), overlaps = dict(), relevant = dict();
    if (an) an.terms.forEach(function (t) { stems[t.s] = 1; });
    function overlap(id) {
      if (!(id in overlaps)) {
        var ts = titleStems[id] || (titleStems[id] = window.KBStem.stems(title(id)));
        overlaps[id] = ts.filter(function (s) { return stems[s]; }).length;
      }
      return overlaps[id];
    }
    function rel(id) { return id in relevant ? relevant[id] : (relevant[id] = relevance(id, sel)); }
    return function (items, part) {
      var list = items.slice();
      if (part === "rec") return list.sort(function (x, y) { return rel(y) - rel(x) || overlap(y) - overlap(x); });
      // case law: the cases about a chosen situation first, otherwise newest first (the data's order)
      if (part === "case") return list.sort(function (x, y) { return rel(y[0]) - rel(x[0]); });
      if (part === "call") return list;  // most bodies first (the data's order)
      return list.sort(function (x, y) { return overlap(y[0]) - overlap(x[0]); });
    };
  }

  function render(focus) {
    out.textContent = "";
    if (state.ignored.length) { // a shared link with a choice the wegwijzer does not know: said, not used
      var n = state.ignored.length;
      out.appendChild(el("p", { class: "kb-guide-ignored", "data-kb-guide-ignored": "" },
        (n === 1 ? "Eén keuze uit het adres is onbekend en genegeerd: " : n + " keuzes uit het adres zijn onbekend en genegeerd: ")
        + quoted(state.ignored.slice(0, 5).map(function (c) { return c.slice(0, 60); })) + (n > 5 ? " …" : "") + "."));
    }
    var an = state.text ? matcher.analyse(state.text) : null;
    var inferred = an ? matcher.inferChoices(an, data) : dict();
    var sel = state.choices ? state.choices.slice() : Object.keys(inferred);
    var chosen = dict();
    sel.forEach(function (c) { if (data.routes[c] || data.nodes[c]) chosen[c] = state.choices ? 1 : inferred[c].conf; });
    boxes().forEach(function (b) { b.checked = sel.indexOf(b.value) >= 0; });
    if (riskBox) renderRisks(sel);
    if (textBox && document.activeElement !== textBox) textBox.value = state.text;
    var ranked = (an || sel.length) ? matcher.rankArticles(an, chosen, data) : [];
    last = null;
    if (!an && !sel.length) {
      out.appendChild(el("p", {}, "Beschrijf de situatie of maak een keuze om de artikelen te zien."));
      return;
    }
    // for print: the situation as typed and the reader's date (hidden on screen)
    var printed = el("div", { class: "kb-guide-print", "data-kb-guide-print": "" });
    if (state.text) printed.appendChild(el("p", {}, "Situatie: " + state.text));
    printed.appendChild(el("p", {}, "Datum: " + new Date().toLocaleDateString("nl-NL", { day: "numeric", month: "long", year: "numeric" })));
    out.appendChild(printed);
    // what was understood
    var understood = el("div", { class: "kb-guide-understood" });
    understood.appendChild(el("h3", {}, "Wat de wegwijzer begreep"));
    if (sel.length) {
      var p = el("p", { class: "kb-guide-chips" });
      sel.forEach(function (c, i) {
        if (i) p.appendChild(text("; "));
        p.appendChild(link(c));
        var inf = inferred[c];
        if (!state.choices && inf) {
          var words = inf.named.length ? inf.named.reduce(function (a, n) { return a.concat(n.words); }, []) : inf.words;
          if (words.length) p.appendChild(el("span", { class: "kb-guide-reason" }, " (" + quoted(words.slice(0, 3)) + ")"));
        }
      });
      understood.appendChild(p);
      understood.appendChild(el("p", { class: "kb-more" }, state.choices ? "Je eigen keuzes; pas ze aan onder het antwoord."
        : "Uit je beschrijving afgeleid; pas de keuzes aan onder het antwoord als iets niet klopt."));
    } else {
      understood.appendChild(el("p", {}, "Geen groep, plek of situatie herkend; de artikelen hieronder volgen uit de woorden zelf."));
    }
    out.appendChild(understood);
    var items = ranked.map(function (e) {
      var b = because(e);
      var routes = e.routes.slice().sort(function (x, y) { return y.conf - x.conf || x.via.length - y.via.length; });
      var why = b.concat(routes.filter(function (r) { return r.why; }).slice(0, 2).map(function (r) {
        return "Via ‘" + title(r.from) + "’" + (r.via.length ? " en ‘" + title(r.via[r.via.length - 1]) + "’" : "") + ": " + r.why;
      }));
      var formal = because(e, true).concat(why.slice(b.length));
      return { e: e, a: e.a, strength: matcher.strength(e), because: why, formal: formal, shown: b, inferred: state.choices ? dict() : inferred };
    });
    var lead = matcher.leadCount(ranked);
    var head = el("h3", { "data-kb-guide-count": ranked.length, "data-kb-guide-lead": lead, tabindex: "-1" },
      !ranked.length ? "Geen artikelen gevonden. Probeer andere woorden of kies hieronder een groep, plek of situatie."
        : lead === 1 ? "Het artikel dat het meest betrokken is." : "De " + lead + " artikelen die het meest betrokken zijn, de sterkst betrokken eerst.");
    out.appendChild(head);
    if (!ranked.length) return;
    var pick = picker(an, sel);
    last = { items: items, pick: pick, sel: sel, lead: lead };
    out.appendChild(toolbar());
    var list = el("ol", { class: "kb-guide-list" });
    items.slice(0, lead).forEach(function (it) { list.appendChild(article(it, pick, sel)); });
    out.appendChild(list);
    if (items.length > lead) {
      // the weaker articles, folded away: written just after the first ones are on screen
      var rest = el("ol", { class: "kb-guide-list", start: String(lead + 1) });
      var more = el("details", { class: "kb-guide-more" });
      more.appendChild(el("summary", {}, "Mogelijk ook van belang: nog " + (items.length - lead) +
        (items.length - lead === 1 ? " artikel" : " artikelen") + " met een zwakker verband"));
      more.appendChild(rest);
      out.appendChild(more);
      var shown = last;
      setTimeout(function () {
        if (last !== shown) return; // a newer answer replaced this one
        items.slice(lead).forEach(function (it) { rest.appendChild(article(it, pick, sel)); });
      }, 0);
    }
    out.appendChild(el("p", { class: "kb-guide-disclaimer" }, window.KBKader.NOT_ADVICE));
    if (focus) head.focus();
  }

  function article(it, pick, sel) {
    var e = it.e, a = it.a, item = el("li", { "data-article": a, "data-strength": it.strength.key });
    var h = el("p", { class: "kb-guide-head" });
    h.appendChild(link(a));
    item.appendChild(h);
    var st = el("p", { class: "kb-guide-strength" });
    st.appendChild(el("span", { class: "kb-strength kb-strength--" + it.strength.key }, it.strength.label));
    st.appendChild(text(": " + it.strength.text + "."));
    item.appendChild(st);
    it.shown.forEach(function (b) { item.appendChild(el("p", { class: "kb-guide-because" }, b)); });
    var why = el("ul", { class: "kb-guide-why" }), extra = el("ul", { class: "kb-guide-why" });
    var seen = dict(), shown = 0;
    e.routes.slice().sort(function (x, y) { return y.conf - x.conf || x.via.length - y.via.length; }).forEach(function (r) {
      var key = [r.from].concat(r.via).join(">");
      if (seen[key]) return;
      seen[key] = 1;
      var li = el("li");
      (shown++ < 3 ? why : extra).appendChild(li);
      [r.from].concat(r.via).forEach(function (id, i) {
        li.appendChild(link(id));
        var inf = i ? null : it.inferred[id];
        var words = !inf ? [] : inf.named.length ? inf.named.reduce(function (a, n) { return a.concat(n.words); }, []) : inf.words;
        if (words.length) li.appendChild(el("span", { class: "kb-guide-reason" }, " (herkend aan " + quoted(words.slice(0, 3)) + ")"));
        li.appendChild(text(" → "));
      });
      li.appendChild(el("strong", {}, data.nodes[a].t));
      if (r.why) li.appendChild(el("span", { class: "kb-guide-reason" }, " — " + r.why));
    });
    if (why.children.length) item.appendChild(why);
    if (e.more > 0) extra.appendChild(el("li", {}, "en nog " + e.more + " routes via andere situaties en aanbevelingen"));
    if (extra.children.length) {
      var d = el("details");
      d.appendChild(el("summary", {}, extra.children.length + " andere routes"));
      d.appendChild(extra);
      item.appendChild(d);
    }
    var info = data.articles[a] || { gc: [], obs: [], rec: [] };
    [["gc", "Uitleg door het VN-Comité: ", info.ngc], ["obs", "Wat het VN-Comité Nederland vroeg: ", info.nobs],
     ["case", "Rechtspraak en uitspraken van het VN-Comité: ", info.ncase],
     ["rec", "Aanbevelingen: ", info.nrec], ["call", "Oproepen, met wie ze deden en de laatste reactie: ", info.ncall]].forEach(function (part) {
      var ids = pick(info[part[0]] || [], part[0]);
      if (!ids.length) return;
      var p = el("p", { class: "kb-guide-" + part[0] });
      p.appendChild(el("strong", {}, part[1]));
      ids.slice(0, part[0] === "rec" ? 5 : 4).forEach(function (x, i) {
        var id = part[0] === "rec" ? x : x[0];
        if (i) p.appendChild(text("; "));
        p.appendChild(link(id));
        if (part[0] !== "rec" && x[1]) p.appendChild(text(", " + x[1]));
      });
      var total = part[2] || ids.length, listed = Math.min(ids.length, part[0] === "rec" ? 5 : 4);
      if (total > listed) p.appendChild(text(" en " + (total - listed) + " meer op de artikelpagina"));
      item.appendChild(p);
    });
    return item;
  }

  function toolbar() {
    var bar = el("p", { class: "kb-guide-tools" });
    var copyButton = el("button", { type: "button", class: "md-button md-button--primary", "data-kb-guide-copy": "" }, "Kopieer juridisch kader");
    var docx = el("button", { type: "button", class: "md-button", "data-kb-guide-docx": "" }, "Download als Word (.docx)");
    var share = el("button", { type: "button", class: "md-button", "data-kb-guide-share": "" }, "Kopieer link");
    var print = el("button", { type: "button", class: "md-button", "data-kb-guide-print": "" }, "Druk het antwoord af");
    copyButton.addEventListener("click", function () {
      window.KBKader.copy(kader()).then(function () { window.KBKader.done(copyButton, "Gekopieerd"); });
    });
    docx.addEventListener("click", function () { window.KBKader.download(kader()); window.KBKader.done(docx, "Gedownload"); });
    share.addEventListener("click", function () {
      var url = location.href.split("#")[0];
      (navigator.clipboard && window.isSecureContext ? navigator.clipboard.writeText(url) : Promise.resolve())
        .then(function () { window.KBKader.done(share, "Link gekopieerd"); });
    });
    print.addEventListener("click", function () { window.print(); });
    [copyButton, docx, share, print].forEach(function (b, i) { if (i) bar.appendChild(text(" ")); bar.appendChild(b); });
    return bar;
  }
  function kader() {
    return window.KBKader.build(last.items, data, root, {
      title: "Juridisch kader", situation: state.text, choices: last.sel.map(title), pick: last.pick,
      source: location.href.split("#")[0], lead: last.lead
    });
  }

  // -- events ----------------------------------------------------------------------------------------
  function fromBoxes() {
    state.choices = boxes().filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    state.ignored = [];
    writeUrl(false);
    render(false);
  }
  function start() {
    readUrl();
    form.addEventListener("change", function (e) { if (e.target.name === "choice") fromBoxes(); });
    if (riskFilter) riskFilter.addEventListener("input", function () { renderRisks(state.choices || []); });
    if (describe) {
      describe.addEventListener("submit", function (e) {
        e.preventDefault();
        state.text = textBox.value.trim().slice(0, 2000);
        // without a description the ticked choices are the question: keep them
        state.choices = state.text ? null : boxes().filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
        state.ignored = [];
        writeUrl(true);
        render(true);
      });
      var clear = describe.querySelector("[data-kb-guide-clear]");
      if (clear) clear.addEventListener("click", function () {
        textBox.value = ""; state.text = ""; state.choices = null; writeUrl(false); render(false); textBox.focus();
      });
      textBox.addEventListener("keydown", function (e) {
        if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); describe.requestSubmit(); }
      });
    }
    window.addEventListener("popstate", function () { readUrl(); render(false); });
    render(false);
    out.setAttribute("data-kb-guide-ready", "");
  }
  Promise.all([fetch("data.json"), fetch("zoekindex.json")].map(function (p) {
    return p.then(function (r) { if (!r.ok) throw new Error(r.status + " " + r.statusText); return r.text(); })
      .then(window.KBMatch.parse);
  })).then(function (both) {
    data = both[0]; search = both[1];
    matcher = new window.KBMatch.Matcher(search);
    start();
  }).catch(function (e) { out.textContent = "De wegwijzer kon niet laden: " + e.message; });
})();
