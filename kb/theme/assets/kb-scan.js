/* "Verwijzingen herkennen": the rules of `kb scan` (kb/scan.py) in the browser.
 *
 * The regular expressions come from the page's data file (written by kb.scan.scan_data from the same
 * definitions Python uses); the steps around them mirror kb/scan.py function by function.
 * tests/scan_vectors.json holds the cases both must answer identically (tests/test_scan.py runs this file
 * with node). Nothing leaves the browser: the text is read here and the results are built as DOM nodes
 * (textContent only; links only to the site's own pages).
 */
(function () {
  "use strict";

  var CASE_KINDS = ["application", "cjeu_case", "communication"]; // issue 22, as CASE_KINDS in scan.py
  var KINDS = ["article", "joint", "gc", "symbol", "recommendation", "bwb", "celex", "directive", "ecli"].concat(CASE_KINDS);
  var CLAUSE_BACK = 300, RANGE_MAX = 60; // kb/scan.py
  var SPACE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/g;

  function words(s) { return s.split(/[ \t\n]+/).filter(function (w) { return w !== ""; }).join(" "); }
  function grp(m, i) { return m[i] === undefined ? null : m[i]; }

  function normalise(text) {
    return text.replace(/\r\n/g, "\n").replace(/\r/g, "\n").replace(SPACE, " ");
  }

  function normKey(text) {
    var t = text.toLowerCase().split(/\s+/).filter(function (w) { return w !== ""; }).join(" ");
    return t.replace(/(?<![a-z])(?:artikel|article|art)\.? ?(?=[0-9])/g, "art. ");
  }

  function paragraphKey(text) {
    var m = /^([0-9]+) ?\(?([a-z])\)?$/.exec(text.trim());
    return m ? m[1] + "(" + m[2] + ")" : text.trim();
  }

  function compile(patterns) {
    var out = Object.create(null);
    Object.keys(patterns).forEach(function (k) { out[k] = new RegExp(patterns[k][0], patterns[k][1] + "g"); });
    return out;
  }

  function all(re, text) {
    var found = [], m;
    re.lastIndex = 0;
    while ((m = re.exec(text)) !== null) {
      found.push(m);
      if (m[0] === "") re.lastIndex++;
    }
    return found;
  }

  function footnoteBodies(text, pats) {
    var bodies = Object.create(null), last = 0;
    all(pats.footnote_body, text).forEach(function (m) {
      var n = parseInt(m[1], 10);
      if (last < n && n <= last + 10) { bodies[n] = m[2]; last = n; }
    });
    return bodies;
  }

  function hasBodies(bodies) { return Object.keys(bodies).length > 0; }
  function inBodies(bodies, n) { return Object.prototype.hasOwnProperty.call(bodies, n); }

  function acceptMarker(n, bodies, last) {
    return n > last && (hasBodies(bodies) ? inBodies(bodies, n) : n === last + 1);
  }

  function acceptGlued(n, bodies, last) {
    return n > last && (hasBodies(bodies) ? inBodies(bodies, n) : true);
  }

  function expected(bodies, last) {
    var later = Object.keys(bodies).map(Number).filter(function (n) { return n > last; });
    return later.length ? Math.min.apply(null, later) : last + 1;
  }

  function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  var MENTION = {
    article: "(?<![0-9A-Za-z])art(?:ikel|icle)?\\.?[ \\t]*{n}(?![0-9])",
    general_comment: "(?:comment|commentaar|GC)[ \\t]*(?:nr\\.?|no\\.?)?[ \\t]*{n}(?![0-9])"
  };

  function mentions(kind, body, n) {
    if (!body || !MENTION[kind]) return null;
    if (new RegExp(MENTION[kind].replace("{n}", escapeRe(n)), "i").test(body)) return true;
    if (new RegExp(MENTION[kind].replace("{n}", "[0-9]+"), "i").test(body)) return false;
    return null;
  }

  var MAX_DIGITS = 9; // as kb/scan.py: a longer number is taken whole

  function choose(kind, digits, exists, bodies, last) {
    var wholeOk = exists(digits);
    if (digits.length > MAX_DIGITS) return [digits, null];
    var best = [digits, null], bestScore = wholeOk ? 10 : -1, exp = expected(bodies, last);
    for (var i = digits.length - 1; i > 0; i--) {
      var p = digits.slice(0, i), s = digits.slice(i), sn = parseInt(s, 10);
      if (s.charAt(0) === "0" || !exists(p) || sn <= last) continue;
      var said = mentions(kind, bodies[sn], p);
      if (wholeOk && said !== true) continue;
      if (!(sn === exp || said === true || inBodies(bodies, sn))) continue;
      var score = (sn === exp ? 10 : 0) + (said === true ? 6 : said === false ? -6 : 0) -
        (hasBodies(bodies) && !inBodies(bodies, sn) ? 20 : 0);
      if (score > bestScore) { best = [p, s]; bestScore = score; }
    }
    return best;
  }

  function existsIn(index) {
    var empty = Object.keys(index || {}).length === 0;
    return function (n) { return empty ? true : Object.prototype.hasOwnProperty.call(index, n); };
  }

  function get(obj, key) {
    return obj && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : null;
  }

  function ref(record, kind, number, footnote, paragraph, law) {
    return {record: record || null, kind: kind, number: number, text: "", line: 0, column: 0,
            footnote: footnote === undefined ? null : footnote,
            paragraph: paragraph === undefined ? null : paragraph, law: law === undefined ? null : law};
  }

  // The instrument last named in the clause before start (at most CLAUSE_BACK characters back).
  function namedBefore(text, start, pats) {
    var lo = Math.max(0, start - CLAUSE_BACK), win = text.slice(lo, start + 1), clause = 0;
    all(pats.clause, win).forEach(function (c) {
      var end = c.index + c[0].length, ch = win.charAt(end - 1);
      clause = ch >= "A" && ch <= "Z" ? end - 1 : end;
    });
    var last = null;
    all(pats.instrument, text.slice(lo, start)).forEach(function (n) { if (n.index >= Math.min(clause, start - lo)) last = n[0]; });
    return last;
  }

  // The article numbers of "9, 10 en 12" and of the ranges "9-11", "9 tot en met 11": each one.
  function numbersOf(listed) {
    var parts = listed.split(/[ \t\n]*(,|en|and|&|t\/m|tot[ \t\n]+en[ \t\n]+met|through|to|-|\u2013)[ \t\n]*/i);
    var out = [parts[0].trim()];
    for (var i = 1; i + 1 < parts.length; i += 2) {
      var sep = parts[i].toLowerCase(), number = parts[i + 1].trim(), low = out[out.length - 1];
      if ((["t/m", "through", "to", "-", "\u2013"].indexOf(sep) >= 0 || sep.indexOf("tot") === 0) &&
          /^[0-9]+$/.test(low) && /^[0-9]+$/.test(number) &&
          parseInt(low, 10) < parseInt(number, 10) && parseInt(number, 10) <= parseInt(low, 10) + RANGE_MAX) {
        for (var n = parseInt(low, 10) + 1; n < parseInt(number, 10); n++) out.push(String(n));
      }
      out.push(number);
    }
    return out;
  }

  function refs(kind, m, data, bodies, state, text, pats) {
    var keys = data.keys || {};
    var out = [];
    var ivrkOnly = new RegExp("^(?:" + data.ivrk_names + ")$", "i");
    if (kind === "article") {
      var numbers = numbersOf(m[1]);
      var locator = words(m[2] || "") || null;
      var name = grp(m, 3), glued = grp(m, 4);
      if (name === null && pats) {
        // a bare article belongs to the instrument last named in its clause when that is another law
        var before = namedBefore(text, m.index, pats);
        if (before !== null && !ivrkOnly.test(before)) name = before;
      }
      var isLaw = name !== null && !ivrkOnly.test(name);
      var footnote = null;
      if (glued && acceptGlued(parseInt(glued, 10), bodies, state.last)) footnote = glued;
      numbers.forEach(function (number, i) {
        number = number.trim();
        var fn = i === numbers.length - 1 ? footnote : null;
        if (isLaw) {
          var law = words(name);
          var key = normKey("art. " + number + (locator ? " " + locator : "") + " " + law);
          out.push(ref(get(keys, key) || get(keys, normKey("art. " + number + " " + law)), "law", number, fn,
                       locator, law));
        } else {
          if (fn === null && /^[0-9]+$/.test(number) && !footnote) {
            var c = choose("article", number, existsIn(data.articles), bodies, state.last);
            number = c[0]; fn = c[1];
          }
          out.push(ref(get(data.articles, number), "article", number, fn, locator, name ? words(name) : null));
        }
        if (out[out.length - 1].footnote) state.last = parseInt(out[out.length - 1].footnote, 10);
      });
      return out;
    }
    if (kind === "joint") {
      var jn = grp(m, 2) || grp(m, 4) || grp(m, 6);
      return [ref(get(data.gcs, jn), "general_comment", jn, null, null, null)];
    }
    if (kind === "gc") {
      var number = m[1], fn = null, year = grp(m, 2), par = grp(m, 3);
      if (year === null && par === null) {
        var c = choose("general_comment", number, existsIn(data.gcs), bodies, state.last);
        number = c[0]; fn = c[1];
      }
      var record = null;
      if (par) record = year ? get(keys, normKey("General Comment nr. " + number + " (" + year + "), par. " + par)) : null;
      record = record || get(data.gcs, number);
      if (fn) state.last = parseInt(fn, 10);
      return [ref(record, "general_comment", number, fn, par, null)];
    }
    if (kind === "symbol") {
      var symbol = m[1], spar = grp(m, 2), upper = symbol.toUpperCase();
      if (upper.indexOf("/CO/") >= 0) {
        spar = spar ? paragraphKey(words(spar)) : null;
        var rec = spar ? get(keys, normKey(symbol + " par. " + spar)) : null;
        return [ref(rec || get(keys, normKey(symbol)), "observation", spar || symbol, null, spar, symbol)];
      }
      if (upper.indexOf("/GC/") >= 0) {
        var num = /([0-9]+)(?:\/Rev\.[0-9]+)?$/.exec(symbol), grec = get(keys, normKey(symbol));
        var joint = /CRC\/C\/GC\/([0-9]+)/i.exec(symbol);
        if (grec === null && joint && upper.indexOf("CMW/") === 0) grec = get(data.gcs, joint[1]); // joint: the CRC's number
        return [ref(grec, "general_comment", num ? num[1] : symbol, null, spar, symbol)];
      }
      return [ref(get(keys, normKey(symbol)), "symbol", symbol, null, spar, null)];
    }
    if (kind === "recommendation") {
      var p = paragraphKey(m[1] + (grp(m, 2) ? "(" + m[2] + ")" : ""));
      var candidates = get(data.observations, p) || [];
      if (!candidates.length && !grp(m, 2)) return [];
      if (!state.documents) state.documents = Object.create(null);
      var mentioned = lastDocumentBefore(text, m.index, candidates.map(function (c) { return c[0]; }), state.documents);
      var chosen = candidates.filter(function (c) { return c[0] === mentioned; })[0] || candidates[0] || null;
      return [ref(chosen ? chosen[1] : null, "observation", p, null, p, chosen ? chosen[0] : null)];
    }
    if (CASE_KINDS.indexOf(kind) >= 0) { // one reference per number, as in scan.py
      return (m[1].match(/(?:C-)?[0-9]+\/[0-9]+/g) || []).map(function (v) {
        return ref(get(keys, normKey(v)), kind, v, null, null, null);
      });
    }
    if (kind === "bwb" || kind === "ecli" || kind === "celex") {
      return [ref(get(keys, normKey(m[1])), kind, m[1], null, null, null)];
    }
    if (kind === "directive") {
      var oldStyle = grp(m, 2) !== null, a = m[3], b = m[4];
      var word = m[0].toLowerCase();
      var regulation = word.indexOf("verordening") === 0 || word.indexOf("regulation") === 0;
      var y = a, n = b;
      if (oldStyle || (regulation && b.length === 4 && a.length < 4)) { y = b; n = a; }
      if (y.length !== 4) return [];
      var celex = "3" + y + (regulation ? "R" : "L") + String(parseInt(n, 10)).padStart(4, "0");
      return [ref(get(keys, normKey(celex)), "celex", celex, null, null, null)];
    }
    return [];
  }

  function inside(taken, pos) { // pos in one of the sorted, separate [start, end) spans
    var lo = 0, hi = taken.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (taken[mid][0] <= pos) lo = mid + 1; else hi = mid - 1;
    }
    return hi >= 0 && pos < taken[hi][1];
  }

  function lastDocumentBefore(text, pos, documents, seen) { // as kb/scan.py: each document's places found once
    var best = null, where = -1;
    documents.forEach(function (doc) {
      if (!Object.prototype.hasOwnProperty.call(seen, doc)) {
        var spans = [], i = text.indexOf(doc);
        while (i >= 0) { spans.push(i); i = text.indexOf(doc, i + 1); }
        seen[doc] = spans;
      }
      var list = seen[doc], lo = 0, hi = list.length - 1, limit = pos - doc.length;
      while (lo <= hi) { var mid = (lo + hi) >> 1; if (list[mid] <= limit) lo = mid + 1; else hi = mid - 1; }
      if (hi >= 0 && list[hi] > where) { best = doc; where = list[hi]; }
    });
    return best;
  }

  function lineOf(starts, pos) {
    var lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= pos) lo = mid; else hi = mid - 1;
    }
    return lo + 1;
  }

  function scan(input, data) {
    var text = normalise(input);
    var pats = compile(data.patterns);
    var masked = text.replace(pats.url, function (u) { return " ".repeat(u.length); });
    var bodies = footnoteBodies(masked, pats);
    var found = [];
    KINDS.forEach(function (kind) {
      all(pats[kind], masked).forEach(function (m) { found.push([m.index, m.index + m[0].length, kind, m]); });
    });
    found.sort(function (x, y) { return x[0] - y[0] || y[1] - x[1]; });
    var taken = [], raw = [], reach = 0;
    found.forEach(function (f) { // by start: overlapping a taken match = starting before the furthest end (linear)
      if (f[0] < reach) return;
      taken.push([f[0], f[1]]);
      reach = f[1];
      raw.push(f);
    });
    var events = raw.map(function (r) { return [r[0], 1, r]; });
    all(pats.marker, masked).forEach(function (m) {
      var at = m.index + m[0].length - m[1].length;
      if (!inside(taken, at)) events.push([at, 0, parseInt(m[1], 10)]);
    });
    events.sort(function (x, y) { return x[0] - y[0] || x[1] - y[1]; });
    var state = {last: 0}, out = [];
    var starts = [0];
    for (var i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
    events.forEach(function (e) {
      if (!e[1]) {
        if (acceptMarker(e[2], bodies, state.last)) state.last = e[2];
        return;
      }
      var r = e[2];
      refs(r[2], r[3], data, bodies, state, masked, pats).forEach(function (x) {
        var line = lineOf(starts, r[0]);
        x.line = line;
        x.column = r[0] - starts[line - 1] + 1;
        x.text = words(text.slice(r[0], r[1]));
        out.push(x);
      });
    });
    return out;
  }

  var MAX_CHARS = 2000000, MAX_ROWS = 1000; // the page's limits (stated on the page): longest text, rows shown

  function summarise(list) {
    return { refs: list.slice(0, MAX_ROWS), total: list.length,
             known: list.filter(function (r) { return r.record; }).length };
  }

  var api = {scan: scan, normalise: normalise, normKey: normKey, paragraphKey: paragraphKey, summarise: summarise};
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
    return;
  }
  if (typeof window === "undefined") { // in the page's Web Worker (kb-scan-worker.js)
    self.kbScan = api;
    return;
  }
  window.kbScan = api;

  // -- the page ------------------------------------------------------------------------------------------

  var LABEL = {article: "IVRK", general_comment: "General Comment", observation: "slotbeschouwing", law: "wet",
               bwb: "BWB", celex: "CELEX", ecli: "ECLI", symbol: "VN-document",
               application: "EHRM-verzoek nr.", cjeu_case: "HvJ EU-zaak", communication: "VN-klacht nr."};

  function label(r) {
    if (r.kind === "article") return "art. " + r.number + (r.paragraph ? " " + r.paragraph : "") + " IVRK";
    if (r.kind === "general_comment") return "General Comment nr. " + r.number + (r.paragraph ? ", par. " + r.paragraph : "");
    if (r.kind === "observation") return (r.law || "slotbeschouwingen") + (r.paragraph ? ", par. " + r.paragraph : "");
    if (r.kind === "law") return "art. " + r.number + (r.paragraph ? " " + r.paragraph : "") + " " + r.law;
    return (LABEL[r.kind] || r.kind) + " " + r.number;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // found: {refs: the first MAX_ROWS, total, known} (kb-scan-worker.js sends only these: copying every reference of
  // a long text back to the page would itself hold the page up). Rows are added in small steps between frames.
  var STEP = 25;

  function render(found, data, box) {
    box.textContent = "";
    var total = found.total, known = found.known;
    box.appendChild(el("p", "kb-scan-summary", total + (total === 1 ? " verwijzing" : " verwijzingen") +
      ": " + known + " in de kennisbank, " + (total - known) + " onbekend." +
      (total > MAX_ROWS ? " De eerste " + MAX_ROWS + " staan hieronder." : "")));
    if (!total) return;
    var list = found.refs;
    var table = el("table", "kb-table kb-scan-table");
    var head = el("tr");
    ["Regel", "Verwijzing", "In de tekst", "Voetnoot", "In de kennisbank"].forEach(function (h) { head.appendChild(el("th", "", h)); });
    table.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    function row(r) {
      var tr = el("tr");
      tr.appendChild(el("td", "", String(r.line)));
      tr.appendChild(el("td", "", label(r)));
      tr.appendChild(el("td", "kb-scan-text", r.text));
      tr.appendChild(el("td", "", r.footnote || ""));
      var td = el("td");
      var url = r.record ? get(data.urls, r.record) : null;
      if (url && /^[a-z0-9-]+\/[a-z0-9-]+\/$/.test(url)) {
        var a = el("a", "", get(data.headings, r.record) || r.record);
        a.href = "../" + url;
        td.appendChild(a);
      } else {
        td.appendChild(el("span", "kb-scan-unknown", "onbekend"));
      }
      tr.appendChild(td);
      return tr;
    }
    table.appendChild(body);
    var shown = 0, mine = box.__kbRender = Object.create(null); // a token: which render owns the box
    function more() {
      if (box.__kbRender !== mine) return; // a newer result took the box
      var part = document.createDocumentFragment();
      list.slice(shown, shown + STEP).forEach(function (r) { part.appendChild(row(r)); });
      body.appendChild(part);
      shown += STEP;
      if (shown < list.length) setTimeout(more, 0);
      else table.setAttribute("data-kb-scan-complete", "");
    }
    more();
    box.appendChild(table);
  }

  function start() {
    var form = document.querySelector("[data-kb-scan]");
    if (!form) return;
    var input = form.querySelector("textarea");
    var box = document.querySelector("[data-kb-scan-result]");
    var data = null, timer = null, worker = null, busy = false, job = 0, ticking = null;
    // The scan runs in a Web Worker: a long paste never freezes the page. A newer text replaces a busy worker.
    function newWorker() {
      try {
        var w = new Worker("../assets/kb-scan-worker.js");
      } catch (e) {
        return null; // no workers (very old browsers): scan here
      }
      w.onmessage = function (e) {
        if (e.data.id !== job) return;
        busy = false;
        stopProgress();
        if (e.data.error) { box.textContent = "Het zoeken is mislukt: " + e.data.error; return; }
        render(e.data, data, box);
      };
      w.onerror = function () { busy = false; stopProgress(); box.textContent = "Het zoeken is mislukt."; };
      w.postMessage({ data: data });
      return w;
    }
    function progress(size) {
      var started = Date.now();
      box.textContent = "";
      var p = el("p", "kb-scan-progress");
      p.setAttribute("data-kb-scan-busy", "");
      var bar = el("progress");
      var label = el("span", "", "");
      p.appendChild(bar);
      p.appendChild(label);
      box.appendChild(p);
      function tick() {
        label.textContent = " Bezig met zoeken in " + (size >= 1e6 ? (size / 1e6).toFixed(1).replace(".", ",") + " miljoen"
          : size.toLocaleString("nl-NL")) + " tekens… " + Math.round((Date.now() - started) / 1000) + " s";
      }
      tick();
      ticking = setInterval(tick, 500);
    }
    function stopProgress() { clearInterval(ticking); ticking = null; }
    function run() {
      if (!data) return;
      var text = input.value;
      job++;
      if (text.length > MAX_CHARS) {
        if (worker && busy) { worker.terminate(); worker = null; busy = false; }
        stopProgress();
        box.textContent = "";
        box.appendChild(el("p", "kb-scan-too-long", "Deze tekst is te lang om hier te doorzoeken (" +
          text.length.toLocaleString("nl-NL") + " tekens; maximaal " + MAX_CHARS.toLocaleString("nl-NL") +
          "). Plak een kleiner deel, bijvoorbeeld per hoofdstuk, of gebruik `kb scan`."));
        return;
      }
      if (worker && busy) { worker.terminate(); worker = null; }
      if (!worker) worker = newWorker();
      if (!worker) { render(summarise(scan(text, data)), data, box); return; }
      busy = true;
      stopProgress();
      progress(text.length);
      worker.postMessage({ id: job, text: text });
    }
    fetch("data.json").then(function (r) { return r.json(); }).then(function (d) {
      data = d;
      worker = newWorker();
      form.setAttribute("data-kb-scan-ready", "");
      if (input.value) run();
    }).catch(function () {
      box.textContent = "De gegevens van de kennisbank konden niet worden geladen.";
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 150);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
