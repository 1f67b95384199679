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
    t.split(/[\s,;()]+|(?<![0-9]):|:(?![0-9])/).forEach(function (raw) {
      raw = raw.replace(/^\.+|\.+$/g, "");
      if (raw.indexOf("/") >= 0) { tokens.push(raw); return; }
      (raw.match(/§|[0-9]+(?:[.:][0-9]+)*[a-z]?(?:-[0-9]+[a-z]?)?|[a-z]+/g) || []).forEach(function (part) {
        var w = Object.prototype.hasOwnProperty.call(ID_WORDS, part) ? ID_WORDS[part] : part;
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

  // -- typos and word forms (kb/textsearch.py Corrector, the same rules; tests/fuzzy_vectors.json) -------
  var FUZZY_MIN = 5, FUZZY_MIN2 = 9;
  function editsAllowed(w) { return w.length >= FUZZY_MIN2 ? 2 : w.length >= FUZZY_MIN ? 1 : 0; }
  // Optimal string alignment distance (adjacent swaps count one), or limit + 1 when it exceeds limit.
  function editDistance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev2 = [], prev = [], i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      var cur = [i], low = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) && a.charAt(i - 2) === b.charAt(j - 1)) v = Math.min(v, prev2[j - 2] + 1);
        cur.push(v);
        if (v < low) low = v;
      }
      if (low > limit) return limit + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length] <= limit ? prev[b.length] : limit + 1;
  }
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function Corrector(search) {
    var self = this;
    this.terms = search.index.terms;
    this.exc = search.exc || dict();
    this.stop = dict();
    (search.stop || []).forEach(function (w) { self.stop[w] = true; });
    this.vocabStems = dict(); this.vocabWords = dict();
    (search.vocab || []).forEach(function (g) {
      g.p.forEach(function (p) { p.forEach(function (s) { self.vocabStems[s] = true; }); });
      g.w.forEach(function (phrase) { Stem.words(phrase).forEach(function (w) { self.vocabWords[w] = true; }); });
    });
    var known = this.known = dict();
    (search.index.words || []).forEach(function (w) { known[w] = true; });
    Object.keys(this.vocabWords).forEach(function (w) { if (w.length >= FUZZY_MIN && !/[0-9]/.test(w)) known[w] = true; });
    var byLength = this.byLength = dict();
    Object.keys(known).sort(function (a, b) { return a < b ? -1 : a > b ? 1 : 0; }).forEach(function (w) {
      (byLength[w.length] || (byLength[w.length] = [])).push(w);
    });
    this.cache = dict();
  }
  Corrector.prototype.stemOf = function (w) { return has(this.exc, w) ? this.exc[w] : Stem.stem(w); };
  Corrector.prototype.isKnown = function (w) {
    var s = this.stemOf(w);
    return has(this.stop, w) || has(this.known, w) || has(this.terms, s) || has(this.vocabStems, s);
  };
  // The known word a query word stands for, or null when it is known, short or has no near word.
  Corrector.prototype.correct = function (w) {
    if (has(this.cache, w)) return this.cache[w];
    var limit = editsAllowed(w), best = null, bestKey = null, self = this;
    if (limit && !/[0-9]/.test(w) && !this.isKnown(w)) {
      for (var len = w.length - limit; len <= w.length + limit; len++) {
        (this.byLength[len] || []).forEach(function (c) {
          var d = editDistance(w, c, limit);
          if (d > limit) return;
          var s = self.stemOf(c), key = [d, has(self.vocabWords, c) ? 0 : 1, -(has(self.terms, s) ? self.terms[s].length : 0), c];
          if (!bestKey || lessKey(key, bestKey)) { best = c; bestKey = key; }
        });
      }
    }
    this.cache[w] = best;
    return best;
  };
  function lessKey(a, b) {
    for (var i = 0; i < a.length; i++) { if (a[i] < b[i]) return true; if (a[i] > b[i]) return false; }
    return false;
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
  // A misspelt word is read as the known word it stands for ({w: as typed, s: that word's stem, fix: that word}).
  // A word right after a negation ("zonder", "geen") is marked neg: it describes what is missing.
  var NEGATIONS = { zonder: 1, geen: 1, niet: 1, nooit: 1, noch: 1, niemand: 1, nergens: 1 };
  M.terms = function (text) {
    var stop = this.stop, exc = this.exc, fixer = this.fixer || (this.fixer = new Corrector(this.s)), out = [];
    Stem.words(text).forEach(function (w, i, all) {
      if (stop[w]) return;
      var fix = fixer.correct(w), r = fix || w;
      var t = { w: w, s: Object.prototype.hasOwnProperty.call(exc, r) ? exc[r] : Stem.stem(r) };
      if (fix) t.fix = fix;
      if (has(NEGATIONS, w)) t.negation = true;
      else if (i && has(NEGATIONS, all[i - 1])) t.neg = true;
      out.push(t);
    });
    return out;
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
        if (ok) {
          used = p.length; hit(cands[c].g, terms.slice(i, i + p.length).map(function (t) { return t.w; }).join(" "));
          for (var u = 0; u < p.length; u++) (terms[i + u].named || (terms[i + u].named = [])).push(cands[c].g);
        }
      }
      if (!used) {
        var s = terms[i].s;
        this.singles.forEach(function (x) {
          if (s.length > x.s.length && s.slice(-x.s.length) === x.s) { hit(x.g, terms[i].w); (terms[i].named || (terms[i].named = [])).push(x.g); }
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
    var idx = this.s.index, n = this.n;
    function bm25(weights) {
      var docs = dict();
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
      return docs;
    }
    var docs = bm25(weights), vocab = this.s.vocab || [];
    // What a reader chose is read only from words that say what is there: not a negation or the word it
    // negates ("zonder", "geen school"), and not a word the vocabulary already read as a choice of the same
    // kind ("azc" names the azc, not a place whose text mentions an azc; "ouders" a family, not the
    // unaccompanied). isType(id, type) tells the kind of a record (the wegwijzer's data knows it).
    function freeDocs(type, isType) {
      var free = dict();
      terms.forEach(function (t) {
        if (t.negation || t.neg) return;
        if (t.named && t.named.some(function (gi) { return vocab[gi].r.some(function (r) { return isType(r, type); }); })) return;
        free[t.s] = 1;
      });
      return bm25(free);
    }
    var q = idTokens(text), ids = dict();
    (this.s.ids || []).forEach(function (f) {
      var sc = idScore(f[0], q);
      if (sc > 0 && (!ids[f[1]] || ids[f[1]] < sc)) ids[f[1]] = sc;
    });
    return { text: text, terms: terms, groups: groups, docs: docs, free: freeDocs, ids: ids, ages: found };
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
    function isType(id, type) { return !!nodes[id] && nodes[id].type === type; }
    Object.keys(INFER_MAX).forEach(function (type) {
      var docs = an.free ? an.free(type, isType) : an.docs;
      var ranked = Object.keys(docs).filter(function (id) { return nodes[id] && nodes[id].type === type; })
        .sort(function (a, b) { return docs[b].score - docs[a].score; });
      if (!ranked.length) return;
      var top = docs[ranked[0]].score;
      ranked.slice(0, INFER_MAX[type]).forEach(function (id) {
        var d = docs[id];
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
  // text speaks to the reader of the page; formal is the register of the juridisch kader.
  M.strength = function (e) {
    if (e.cited) return { key: "sterk", label: "Sterk verband", text: "je noemt dit artikel zelf", formal: "het artikel wordt in de beschrijving genoemd" };
    if ((e.named.length || e.direct >= 1) && e.score >= 8) {
      return { key: "sterk", label: "Sterk verband", text: "je beschrijving raakt dit recht rechtstreeks",
               formal: "de beschreven situatie raakt dit recht rechtstreeks" };
    }
    if (e.score >= 4 || e.direct > 0) {
      return { key: "duidelijk", label: "Duidelijk verband", text: e.direct > 0
        ? "een situatie, groep of plek uit je beschrijving raakt dit recht" : "via meerdere situaties of groepen",
               formal: e.direct > 0 ? "een situatie, groep of plek uit de beschrijving raakt dit recht" : "via meerdere situaties of groepen" };
    }
    return { key: "mogelijk", label: "Mogelijk verband", text: "een zijdelingse route; lees na of het speelt",
             formal: "een zijdelingse route; na te gaan is of het artikel in deze zaak speelt" };
  };

  // How many of the ranked articles lead the answer: at most LEAD, and after the first LEAD_MIN none whose
  // link is only "mogelijk"; the rest are listed under "Mogelijk ook van belang", folded.
  var LEAD = 8, LEAD_MIN = 3;
  M.leadCount = function (ranked) {
    var n = 0;
    while (n < ranked.length && n < LEAD && (n < LEAD_MIN || this.strength(ranked[n]).key !== "mogelijk")) n++;
    return n;
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
    // a more specific identifier outranks a shorter one with text besides (40 per matching token)
    Object.keys(an.ids).forEach(function (id) { add(id, 100 + 40 * an.ids[id], "genoemd"); });
    var named = this.named(an);
    Object.keys(named).forEach(function (id) {
      var boost = nodes[id].k === "article" ? 12 : 8; // the type's key (model.RECORD_TYPES), not its label
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

  var api = { Matcher: Matcher, Corrector: Corrector, editDistance: editDistance, idTokens: idTokens, idScore: idScore, ages: ages,
              dict: dict, bare: bare, parse: parse, own: own };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.KBMatch = api;
})(typeof self !== "undefined" ? self : this);
