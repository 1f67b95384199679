// Matching a described situation or a search query against the knowledge base, in the browser and
// without a server. Pure functions over the build's data (wegwijzer/zoekindex.json and, for the
// wegwijzer's answer, wegwijzer/data.json); no DOM. Uses KBStem (kb-stem.js) for the same stems as
// the build. tests/test_guide_js.py runs it in node; the wegwijzer and the header search use it.
(function (root) {
  "use strict";
  var Stem = root.KBStem || (typeof require === "function" ? require("./kb-stem.js") : null);

  // -- tables without a prototype ---------------------------------------------------------------------
  // A word, id or choice such as "constructor", "__proto__", "toString" or "hasOwnProperty" must be a key
  // like any other: every lookup table here is an object without a prototype, and the build's JSON is read
  // into such objects (`parse`, or `bare` on what JSON.parse gave), so no key reaches Object.prototype.
  function dict() { return Object.create(null); }
  function bare(value) {
    if (Array.isArray(value)) return value.map(bare);
    if (value === null || typeof value !== "object" || Object.getPrototypeOf(value) === null) return value;
    var out = dict();
    Object.keys(value).forEach(function (k) { out[k] = bare(value[k]); });
    return out;
  }
  function parse(text) {
    return JSON.parse(text, function (key, value) {
      if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
      var out = dict();
      Object.keys(value).forEach(function (k) { out[k] = value[k]; });
      return out;
    });
  }
  function own(table, key) { return table && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined; }

  // -- legal identifiers ("art. 22", "IVRK 22", "GC 15", "CRC/C/NLD/CO/5-6 par. 37") -----------------
  // The same rules as kb/textsearch.py id_tokens and id_score (tests/test_guide_js.py compares them).
  var ID_WORDS = dict();
  ["art", "artt", "artikel", "artikelen", "article", "articles"].forEach(function (w) { ID_WORDS[w] = "art"; });
  ["par", "para", "paras", "paragraaf", "paragrafen", "paragraph", "paragraphs", "§", "punt"].forEach(function (w) { ID_WORDS[w] = "par"; });
  ["lid", "leden"].forEach(function (w) { ID_WORDS[w] = "lid"; });
  ["nr", "no", "nummer", "number"].forEach(function (w) { ID_WORDS[w] = ""; });
  ["ivrk", "crc", "vrk", "kinderrechtenverdrag"].forEach(function (w) { ID_WORDS[w] = "ivrk"; });

  function idTokens(text) {
    var t = String(text).toLowerCase();
    t = t.replace(/general\s+comments?|algemeen\s+commentaar/g, " gc ");
    t = t.replace(/\(\s*(?:19|20)[0-9]{2}\s*\)/g, " ");
    t = t.replace(/([0-9])\s*\(\s*([a-z])\s*\)/g, "$1$2");
    t = t.replace(/([0-9])\s*\(\s*([0-9]+)\s*\)/g, "$1 lid $2");
    var tokens = [];
    t.split(/[\s,;:()]+/).forEach(function (raw) {
      raw = raw.replace(/^\.+|\.+$/g, "");
      if (raw.indexOf("/") >= 0) { tokens.push(raw); return; }
      (raw.match(/§|[0-9]+[a-z]?(?:-[0-9]+[a-z]?)?|[a-z]+/g) || []).forEach(function (part) {
        var w = part in ID_WORDS ? ID_WORDS[part] : part;
        if (w) tokens.push(w);
      });
    });
    var out = [];
    tokens.forEach(function (tok, i) {
      if (tok === "ivrk") return;
      if (/^[0-9]/.test(tok) && (!out.length || ["art", "gc", "lid", "par"].indexOf(out[out.length - 1]) < 0)) {
        if (tokens[i - 1] === "ivrk" || tokens[i + 1] === "ivrk") out.push("art");
      }
      out.push(tok);
    });
    return out;
  }
  function numberIn(q, f) {
    if (q === f) return true;
    var m = /^[0-9]+/.exec(q);
    if (!m) return false;
    var n = Number(m[0]);
    var dash = f.indexOf("-");
    if (dash >= 0) {
      var a = /^[0-9]+/.exec(f.slice(0, dash)), b = /^[0-9]+/.exec(f.slice(dash + 1));
      return !!(a && b) && Number(a[0]) <= n && n <= Number(b[0]);
    }
    return f.indexOf(q) === 0 && /^[a-z]+$/.test(f.slice(q.length));
  }
  function idScore(form, query) {
    function split(ts) { var i = ts.indexOf("par"); return i < 0 ? [ts, null] : [ts.slice(0, i), ts.slice(i + 1)]; }
    var f = split(form), q = split(query), fh = f[0], qh = q[0];
    if (!fh.length) return 0;
    var found = false;
    for (var i = 0; i + fh.length <= qh.length && !found; i++) {
      found = fh.every(function (t, j) { return qh[i + j] === t; });
    }
    if (!found) return 0;
    var score = fh.length;
    if (f[1]) {
      if (!q[1] || !q[1].length) return score - 0.5;
      if (!f[1].some(function (x) { return numberIn(q[1][0], x); })) return 0;
      score += 2;
    }
    return score;
  }

  // -- ages ("15-jarige", "een jongen van 15", "vijftienjarig", "15 jaar oud") ----------------------
  var NUMBER_WORDS = ["nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf",
    "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien"];
  var AGE_PATTERNS = [
    /(?:^|[^0-9])([0-9]{1,2})\s*-?\s*jarige?n?\b/g,
    /(?:^|[^0-9])([0-9]{1,2})\s*(?:jaar|jr\.?)\s+oud\b/g,
    /\b(?:van|is|ben|wordt|werd|bijna|pas)\s+([0-9]{1,2})(?:\s*(?:jaar|jr\.?))?(?![0-9]|\s*(?:maanden|maand|weken|week|dagen|dag|keer|kinderen|uur|km|euro|%|procent|jaar\s+(?:in|op|bij|lang|geleden|verblijf|wacht)))/g,
    new RegExp("\\b(" + NUMBER_WORDS.join("|") + ")\\s*-?\\s*jarige?n?\\b", "g")
  ];
  function ages(text) {
    var t = String(text).toLowerCase(), out = [];
    AGE_PATTERNS.forEach(function (re) {
      re.lastIndex = 0;
      var m;
      while ((m = re.exec(t))) {
        var n = /^[0-9]+$/.test(m[1]) ? Number(m[1]) : NUMBER_WORDS.indexOf(m[1]);
        if (n >= 0 && n <= 25 && out.indexOf(n) < 0) out.push(n);
      }
    });
    return out;
  }

  // -- the matcher -----------------------------------------------------------------------------------
  var COMPOUND_MIN = 5; // a word ending in a known stem of this length counts as that word (kinder|mishandeling)
  var EXPANSION = 0.3; // weight of the other words of a vocabulary group that matched

  function Matcher(search) {
    search = this.s = bare(search);
    var stop = this.stop = dict();
    (search.stop || []).forEach(function (w) { stop[w] = true; });
    this.exc = search.exc || dict();
    this.n = search.index.docs.length;
    // vocabulary phrases by their first stem, longest first; single stems for compound matching
    var byFirst = this.byFirst = dict();
    var singles = this.singles = [];
    (search.vocab || []).forEach(function (g, gi) {
      g.p.forEach(function (phrase, pi) {
        (byFirst[phrase[0]] || (byFirst[phrase[0]] = [])).push({ p: phrase, g: gi, w: g.w[pi] });
        if (phrase.length === 1 && phrase[0].length >= COMPOUND_MIN) singles.push({ s: phrase[0], g: gi, w: g.w[pi] });
      });
    });
    Object.keys(byFirst).forEach(function (k) { byFirst[k].sort(function (a, b) { return b.p.length - a.p.length; }); });
  }
  var M = Matcher.prototype;

  // The query's words that carry meaning: [{w: word as typed, s: stem}]
  M.terms = function (text) {
    var stop = this.stop, exc = this.exc;
    return Stem.words(text).filter(function (w) { return !stop[w]; }).map(function (w) {
      return { w: w, s: w in exc ? exc[w] : Stem.stem(w) };
    });
  };

  M.analyse = function (text) {
    var terms = this.terms(text), self = this;
    var groups = dict(); // group index -> {words: [typed words]}
    function hit(gi, word) { var h = groups[gi] || (groups[gi] = { words: [] }); if (h.words.indexOf(word) < 0) h.words.push(word); }
    for (var i = 0; i < terms.length;) {
      var cands = this.byFirst[terms[i].s] || [], used = 0;
      for (var c = 0; c < cands.length; c++) {
        var p = cands[c].p;
        if (used && p.length < used) break;
        if (i + p.length > terms.length) continue;
        var ok = true;
        for (var j = 0; j < p.length && ok; j++) ok = terms[i + j].s === p[j];
        if (ok) { used = p.length; hit(cands[c].g, terms.slice(i, i + p.length).map(function (t) { return t.w; }).join(" ")); }
      }
      if (!used) {
        var s = terms[i].s;
        this.singles.forEach(function (x) {
          if (s.length > x.s.length && s.slice(-x.s.length) === x.s) hit(x.g, terms[i].w);
        });
      }
      i += used || 1;
    }
    var found = ages(text);
    (this.s.vocab || []).forEach(function (g, gi) {
      if (!g.a) return;
      found.forEach(function (n) { if (n >= g.a[0] && n <= g.a[1]) hit(gi, n + " jaar"); });
    });
    // BM25 over the query's stems, the matched groups' other words added with a lower weight
    var weights = dict(), typed = dict();
    terms.forEach(function (t) { weights[t.s] = 1; if (!typed[t.s]) typed[t.s] = t.w; });
    Object.keys(groups).forEach(function (gi) {
      self.s.vocab[gi].p.forEach(function (phrase) {
        phrase.forEach(function (s) { if (!weights[s]) { weights[s] = EXPANSION; } });
      });
    });
    var idx = this.s.index, docs = dict(), n = this.n;
    Object.keys(weights).forEach(function (s) {
      var postings = idx.terms[s], weight = weights[s], shown = typed[s];
      if (!postings && weight === 1 && s.length > COMPOUND_MIN) {
        for (var k = 1; k <= s.length - COMPOUND_MIN && !postings; k++) {
          if (idx.terms[s.slice(k)]) { postings = idx.terms[s.slice(k)]; weight = 0.7; }
        }
      }
      if (!postings) return;
      var idf = Math.log(1 + (n - postings.length + 0.5) / (postings.length + 0.5));
      postings.forEach(function (p) {
        var d = idx.docs[p[0]], tf = p[1];
        var norm = tf * (idx.k1 + 1) / (tf + idx.k1 * (1 - idx.b + idx.b * d[1] / idx.avg));
        var e = docs[d[0]] || (docs[d[0]] = { score: 0, words: [] });
        e.score += weight * idf * norm;
        if (shown && e.words.indexOf(shown) < 0) e.words.push(shown);
      });
    });
    var q = idTokens(text), ids = dict();
    (this.s.ids || []).forEach(function (f) {
      var sc = idScore(f[0], q);
      if (sc > 0 && (!ids[f[1]] || ids[f[1]] < sc)) ids[f[1]] = sc;
    });
    return { text: text, terms: terms, groups: groups, docs: docs, ids: ids, ages: found };
  };

  // Records the vocabulary named: id -> [{word, note}]
  M.named = function (an) {
    var out = dict(), vocab = this.s.vocab;
    Object.keys(an.groups).forEach(function (gi) {
      var g = vocab[gi];
      g.r.forEach(function (r) {
        (out[r] || (out[r] = [])).push({ words: an.groups[gi].words, note: g.n || "" });
      });
    });
    return out;
  };

  // Target groups, places and situations the text describes: id -> {conf (0..1), words, named}
  var INFER_SHARE = 0.5, INFER_MIN = 3, INFER_FULL = 8;
  M.inferChoices = function (an, guide) {
    guide = bare(guide);
    var INFER_MAX = guide.choice_max; // choice types and how many of each (model.GUIDE_CHOICES)
    var named = this.named(an), out = dict(), nodes = guide.nodes, self = this;
    Object.keys(named).forEach(function (id) {
      var n = nodes[id];
      if (n && INFER_MAX[n.type]) out[id] = { conf: 1, words: [], named: named[id] };
    });
    Object.keys(INFER_MAX).forEach(function (type) {
      var ranked = Object.keys(an.docs).filter(function (id) { return nodes[id] && nodes[id].type === type; })
        .sort(function (a, b) { return an.docs[b].score - an.docs[a].score; });
      if (!ranked.length) return;
      var top = an.docs[ranked[0]].score;
      ranked.slice(0, INFER_MAX[type]).forEach(function (id) {
        var d = an.docs[id];
        if (d.score < INFER_MIN || d.score < INFER_SHARE * top) return;
        var conf = Math.min(1, d.score / INFER_FULL);
        var e = out[id] || (out[id] = { conf: 0, words: [], named: [] });
        e.conf = Math.max(e.conf, conf);
        e.words = d.words.slice();
      });
    });
    void self;
    return out;
  };

  // Articles ranked for a set of choices (id -> confidence) and the text's own analysis.
  // Returns [{a, score, parts: {...}, reasons: [...]}]
  // An article named by the vocabulary or matching the text itself counts most; the routes of the
  // choices add up with diminishing returns (ROUTE_MAX at most), so a general article reached through
  // many choices does not push aside the one the description is about.
  var W_NAMED = 10, W_TEXT = 6, ROUTE_CAP = 6, ROUTE_MAX = 12, ROUTE_SCALE = 10;
  M.rankArticles = function (an, chosen, guide) {
    guide = bare(guide);
    chosen = bare(chosen);
    var scores = dict(), nodes = guide.nodes;
    function entry(a) {
      return scores[a] || (scores[a] = { a: a, score: 0, direct: 0, routes: [], named: [], text: null, more: 0 });
    }
    Object.keys(chosen).forEach(function (c) {
      var conf = chosen[c];
      (guide.routes[c] || []).forEach(function (r) {
        var e = entry(r.a);
        e.route = (e.route || 0) + conf * Math.min(r.w, ROUTE_CAP);
        r.via.forEach(function (via, i) { e.routes.push({ from: c, via: via, why: r.why[i], conf: conf }); });
        if (r.via.some(function (v) { return !v.length; })) e.direct += conf;
        e.more += r.n - r.via.length;
      });
    });
    Object.keys(scores).forEach(function (a) {
      var e = scores[a];
      e.score = ROUTE_MAX * (1 - Math.exp(-e.route / ROUTE_SCALE));
    });
    if (an) {
      var named = this.named(an);
      Object.keys(named).forEach(function (id) {
        if (!nodes[id] || nodes[id].type !== "article") return;
        var e = entry(id);
        e.score += W_NAMED;
        e.direct += 1;
        e.named = named[id];
      });
      var arts = Object.keys(an.docs).filter(function (id) { return nodes[id] && nodes[id].type === "article"; });
      var top = Math.max.apply(null, [4].concat(arts.map(function (id) { return an.docs[id].score; })));
      arts.forEach(function (id) {
        var d = an.docs[id], share = d.score / top;
        if (share < 0.3) return;
        var e = entry(id);
        e.score += W_TEXT * share;
        e.text = { words: d.words, share: share };
      });
      Object.keys(an.ids).forEach(function (id) {
        if (nodes[id] && nodes[id].type === "article") { var e = entry(id); e.score += 20 + an.ids[id]; e.cited = true; }
      });
    }
    return Object.keys(scores).map(function (a) { return scores[a]; })
      .sort(function (x, y) {
        return y.score - x.score || (nodes[x.a].t || "").localeCompare(nodes[y.a].t || "", "nl", { numeric: true });
      });
  };

  // How strong an article's link is, in words.
  M.strength = function (e) {
    if (e.cited) return { key: "sterk", label: "Sterk verband", text: "je noemt dit artikel zelf" };
    if ((e.named.length || e.direct >= 1) && e.score >= 8) {
      return { key: "sterk", label: "Sterk verband", text: "je beschrijving raakt dit recht rechtstreeks" };
    }
    if (e.score >= 4 || e.direct > 0) {
      return { key: "duidelijk", label: "Duidelijk verband", text: e.direct > 0
        ? "een situatie, groep of plek uit je beschrijving raakt dit recht" : "via meerdere situaties of groepen" };
    }
    return { key: "mogelijk", label: "Mogelijk verband", text: "een zijdelingse route; lees na of het speelt" };
  };

  // Header search: records ranked for a query (identifiers first, then vocabulary, then text).
  M.search = function (query, limit) {
    var an = this.analyse(query), out = dict(), nodes = this.s.nodes;
    function add(id, score, why) {
      if (!nodes[id]) return;
      var e = out[id] || (out[id] = { id: id, score: 0, why: [] });
      e.score += score;
      if (why && e.why.indexOf(why) < 0) e.why.push(why);
    }
    Object.keys(an.ids).forEach(function (id) { add(id, 100 + 10 * an.ids[id], "genoemd"); });
    var named = this.named(an);
    Object.keys(named).forEach(function (id) {
      var boost = nodes[id].k === "Artikel" ? 12 : 8;
      add(id, boost, named[id].map(function (x) { return x.words.join(", "); }).join(", "));
    });
    var top = 0;
    Object.keys(an.docs).forEach(function (id) { top = Math.max(top, an.docs[id].score); });
    Object.keys(an.docs).forEach(function (id) {
      add(id, 10 * an.docs[id].score / Math.max(top, 1), an.docs[id].words.join(", "));
    });
    return { analysis: an, results: Object.keys(out).map(function (k) { return out[k]; })
      .sort(function (a, b) { return b.score - a.score || a.id.localeCompare(b.id); }).slice(0, limit || 20) };
  };

  var api = { Matcher: Matcher, idTokens: idTokens, idScore: idScore, ages: ages, dict: dict, bare: bare, parse: parse,
              own: own };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.KBMatch = api;
})(typeof self !== "undefined" ? self : this);
