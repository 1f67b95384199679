// Dutch Snowball stemmer (the classic Dutch algorithm, `dutch_porter` in Snowball 3), ported by hand
// from the Python that Snowball generates (snowballstemmer, used at build time in kb/textsearch.py),
// with the same tokeniser. tests/test_guide_js.py runs both on a word list and requires the same
// stems. Served from the site; no third-party code. Works in the browser (window.KBStem) and in node.
(function (root) {
  "use strict";

  function among(s, substringI, result) { return { s: s, i: substringI, r: result }; }
  var A0 = [among("", -1, 6), among("á", 0, 1), among("ä", 0, 1), among("é", 0, 2), among("ë", 0, 2),
            among("í", 0, 3), among("ï", 0, 3), among("ó", 0, 4), among("ö", 0, 4), among("ú", 0, 5),
            among("ü", 0, 5)];
  var A1 = [among("", -1, 3), among("I", 0, 2), among("Y", 0, 1)];
  var A2 = [among("dd", -1, -1), among("kk", -1, -1), among("tt", -1, -1)];
  var A3 = [among("ene", -1, 2), among("se", -1, 3), among("en", -1, 2), among("heden", 2, 1), among("s", -1, 3)];
  var A4 = [among("end", -1, 1), among("ig", -1, 2), among("ing", -1, 1), among("lijk", -1, 3),
            among("baar", -1, 4), among("bar", -1, 5)];
  var A5 = [among("aa", -1, -1), among("ee", -1, -1), among("oo", -1, -1), among("uu", -1, -1)];
  function set(chars) { var o = Object.create(null); chars.split("").forEach(function (c) { o[c] = true; }); return o; }
  var G_V = set("aeiouyè"), G_V_I = set("Iaeiouyè"), G_V_J = set("aeijouyè");

  function Stemmer(word) {
    this.current = word; this.cursor = 0; this.limit = word.length; this.limitBackward = 0;
    this.bra = 0; this.ket = this.limit; this.p1 = 0; this.p2 = 0; this.eFound = false;
  }
  var S = Stemmer.prototype;
  S.inGrouping = function (g) {
    if (this.cursor >= this.limit || !g[this.current[this.cursor]]) return false;
    this.cursor++; return true;
  };
  S.goInGrouping = function (g) {
    while (this.cursor < this.limit) { if (!g[this.current[this.cursor]]) return true; this.cursor++; }
    return false;
  };
  S.goOutGrouping = function (g) {
    while (this.cursor < this.limit) { if (g[this.current[this.cursor]]) return true; this.cursor++; }
    return false;
  };
  S.outGroupingB = function (g) {
    if (this.cursor <= this.limitBackward || g[this.current[this.cursor - 1]]) return false;
    this.cursor--; return true;
  };
  S.eqSB = function (s) {
    var start = this.cursor - s.length;
    if (start < this.limitBackward || this.current.slice(start, this.cursor) !== s) return false;
    this.cursor = start; return true;
  };
  S.findAmong = function (v) {
    var i = 0, j = v.length, c = this.cursor, l = this.limit, ci = 0, cj = 0, first = false;
    for (;;) {
      var k = i + ((j - i) >> 1), diff = 0, common = Math.min(ci, cj), w = v[k];
      for (var i2 = common; i2 < w.s.length; i2++) {
        if (c + common === l) { diff = -1; break; }
        diff = this.current.charCodeAt(c + common) - w.s.charCodeAt(i2);
        if (diff !== 0) break;
        common++;
      }
      if (diff < 0) { j = k; cj = common; } else { i = k; ci = common; }
      if (j - i <= 1) {
        if (i > 0 || j === i || first) break;
        first = true;
      }
    }
    for (;;) {
      var x = v[i];
      if (ci >= x.s.length) { this.cursor = c + x.s.length; return x.r; }
      i = x.i;
      if (i < 0) return 0;
    }
  };
  S.findAmongB = function (v) {
    var i = 0, j = v.length, c = this.cursor, lb = this.limitBackward, ci = 0, cj = 0, first = false;
    for (;;) {
      var k = i + ((j - i) >> 1), diff = 0, common = Math.min(ci, cj), w = v[k];
      for (var i2 = w.s.length - 1 - common; i2 >= 0; i2--) {
        if (c - common === lb) { diff = -1; break; }
        diff = this.current.charCodeAt(c - 1 - common) - w.s.charCodeAt(i2);
        if (diff !== 0) break;
        common++;
      }
      if (diff < 0) { j = k; cj = common; } else { i = k; ci = common; }
      if (j - i <= 1) {
        if (i > 0 || j === i || first) break;
        first = true;
      }
    }
    for (;;) {
      var x = v[i];
      if (ci >= x.s.length) { this.cursor = c - x.s.length; return x.r; }
      i = x.i;
      if (i < 0) return 0;
    }
  };
  S.sliceFrom = function (s) {
    var adjustment = s.length - (this.ket - this.bra);
    this.current = this.current.slice(0, this.bra) + s + this.current.slice(this.ket);
    this.limit += adjustment;
    if (this.cursor >= this.ket) this.cursor += adjustment;
    else if (this.cursor > this.bra) this.cursor = this.bra;
    this.ket = this.bra + s.length;
  };
  S.sliceDel = function () { this.sliceFrom(""); };
  S.R1 = function () { return this.p1 <= this.cursor; };
  S.R2 = function () { return this.p2 <= this.cursor; };

  S.prelude = function () {
    var v1 = this.cursor, v2, v3, v4, v5, v6, v7, a;
    for (;;) {
      v2 = this.cursor;
      lab0: {
        this.bra = this.cursor;
        a = this.findAmong(A0);
        this.ket = this.cursor;
        if (a === 1) this.sliceFrom("a");
        else if (a === 2) this.sliceFrom("e");
        else if (a === 3) this.sliceFrom("i");
        else if (a === 4) this.sliceFrom("o");
        else if (a === 5) this.sliceFrom("u");
        else { if (this.cursor >= this.limit) break lab0; this.cursor++; }
        continue;
      }
      this.cursor = v2; break;
    }
    this.cursor = v1;
    v3 = this.cursor;
    lab0: {
      this.bra = this.cursor;
      if (this.cursor === this.limit || this.current[this.cursor] !== "y") { this.cursor = v3; break lab0; }
      this.cursor++; this.ket = this.cursor; this.sliceFrom("Y");
    }
    for (;;) {
      v4 = this.cursor;
      lab0: {
        if (!this.goOutGrouping(G_V)) break lab0;
        this.cursor++;
        v5 = this.cursor;
        lab1: {
          this.bra = this.cursor;
          for (;;) {
            v6 = this.cursor;
            lab2: {
              if (this.cursor === this.limit || this.current[this.cursor] !== "i") break lab2;
              this.cursor++; this.ket = this.cursor;
              v7 = this.cursor;
              lab3: { if (!this.inGrouping(G_V)) break lab3; this.sliceFrom("I"); }
              this.cursor = v7;
              break;
            }
            this.cursor = v6;
            if (this.cursor === this.limit || this.current[this.cursor] !== "y") { this.cursor = v5; break lab1; }
            this.cursor++; this.ket = this.cursor; this.sliceFrom("Y");
            break;
          }
        }
        continue;
      }
      this.cursor = v4; break;
    }
  };

  S.markRegions = function () {
    this.p1 = this.limit; this.p2 = this.limit;
    var v1 = this.cursor;
    if (this.cursor + 3 > this.limit) return false;
    this.cursor += 3;
    var x = this.cursor;
    this.cursor = v1;
    if (!this.goOutGrouping(G_V)) return false;
    this.cursor++;
    if (!this.goInGrouping(G_V)) return false;
    this.cursor++;
    this.p1 = this.cursor;
    if (this.p1 < x) this.p1 = x;
    if (!this.goOutGrouping(G_V)) return false;
    this.cursor++;
    if (!this.goInGrouping(G_V)) return false;
    this.cursor++;
    this.p2 = this.cursor;
    return true;
  };

  S.postlude = function () {
    var v1, a;
    for (;;) {
      v1 = this.cursor;
      lab0: {
        this.bra = this.cursor;
        a = this.findAmong(A1);
        this.ket = this.cursor;
        if (a === 1) this.sliceFrom("y");
        else if (a === 2) this.sliceFrom("i");
        else { if (this.cursor >= this.limit) break lab0; this.cursor++; }
        continue;
      }
      this.cursor = v1; break;
    }
  };

  S.undouble = function () {
    var v1 = this.limit - this.cursor;
    if (this.findAmongB(A2) === 0) return false;
    this.cursor = this.limit - v1;
    this.ket = this.cursor;
    if (this.cursor <= this.limitBackward) return false;
    this.cursor--;
    this.bra = this.cursor;
    this.sliceDel();
    return true;
  };

  S.eEnding = function () {
    this.eFound = false;
    this.ket = this.cursor;
    if (this.cursor <= this.limitBackward || this.current[this.cursor - 1] !== "e") return false;
    this.cursor--;
    this.bra = this.cursor;
    if (!this.R1()) return false;
    var v1 = this.limit - this.cursor;
    if (!this.outGroupingB(G_V)) return false;
    this.cursor = this.limit - v1;
    this.sliceDel();
    this.eFound = true;
    return this.undouble();
  };

  S.enEnding = function () {
    if (!this.R1()) return false;
    var v1 = this.limit - this.cursor;
    if (!this.outGroupingB(G_V)) return false;
    this.cursor = this.limit - v1;
    if (this.eqSB("gem")) return false;
    this.sliceDel();
    return this.undouble();
  };

  S.standardSuffix = function () {
    var v1 = this.limit - this.cursor, a;
    lab0: {
      this.ket = this.cursor;
      a = this.findAmongB(A3);
      if (a === 0) break lab0;
      this.bra = this.cursor;
      if (a === 1) { if (!this.R1()) break lab0; this.sliceFrom("heid"); }
      else if (a === 2) { if (!this.enEnding()) break lab0; }
      else { if (!this.R1()) break lab0; if (!this.outGroupingB(G_V_J)) break lab0; this.sliceDel(); }
    }
    this.cursor = this.limit - v1;
    var v2 = this.limit - this.cursor;
    this.eEnding();
    this.cursor = this.limit - v2;
    var v3 = this.limit - this.cursor;
    lab0: {
      this.ket = this.cursor;
      if (!this.eqSB("heid")) break lab0;
      this.bra = this.cursor;
      if (!this.R2()) break lab0;
      if (this.cursor > this.limitBackward && this.current[this.cursor - 1] === "c") { this.cursor--; break lab0; }
      this.sliceDel();
      this.ket = this.cursor;
      if (!this.eqSB("en")) break lab0;
      this.bra = this.cursor;
      if (!this.enEnding()) break lab0;
    }
    this.cursor = this.limit - v3;
    var v4 = this.limit - this.cursor;
    lab0: {
      this.ket = this.cursor;
      a = this.findAmongB(A4);
      if (a === 0) break lab0;
      this.bra = this.cursor;
      if (a === 1) {
        if (!this.R2()) break lab0;
        this.sliceDel();
        for (;;) {
          var v5 = this.limit - this.cursor;
          lab1: {
            this.ket = this.cursor;
            if (!this.eqSB("ig")) break lab1;
            this.bra = this.cursor;
            if (!this.R2()) break lab1;
            if (this.cursor > this.limitBackward && this.current[this.cursor - 1] === "e") { this.cursor--; break lab1; }
            this.sliceDel();
            break;
          }
          this.cursor = this.limit - v5;
          if (!this.undouble()) break lab0;
          break;
        }
      } else if (a === 2) {
        if (!this.R2()) break lab0;
        if (this.cursor > this.limitBackward && this.current[this.cursor - 1] === "e") { this.cursor--; break lab0; }
        this.sliceDel();
      } else if (a === 3) {
        if (!this.R2()) break lab0;
        this.sliceDel();
        if (!this.eEnding()) break lab0;
      } else if (a === 4) {
        if (!this.R2()) break lab0;
        this.sliceDel();
      } else {
        if (!this.R2()) break lab0;
        if (!this.eFound) break lab0;
        this.sliceDel();
      }
    }
    this.cursor = this.limit - v4;
    var v6 = this.limit - this.cursor;
    lab0: {
      if (!this.outGroupingB(G_V_I)) break lab0;
      var v7 = this.limit - this.cursor;
      if (this.findAmongB(A5) === 0) break lab0;
      if (!this.outGroupingB(G_V)) break lab0;
      this.cursor = this.limit - v7;
      this.ket = this.cursor;
      if (this.cursor <= this.limitBackward) break lab0;
      this.cursor--;
      this.bra = this.cursor;
      this.sliceDel();
    }
    this.cursor = this.limit - v6;
  };

  S.stem = function () {
    var v1 = this.cursor;
    this.prelude();
    this.cursor = v1;
    var v2 = this.cursor;
    this.markRegions();
    this.cursor = v2;
    this.limitBackward = this.cursor;
    this.cursor = this.limit;
    this.standardSuffix();
    this.cursor = this.limitBackward;
    var v3 = this.cursor;
    this.postlude();
    this.cursor = v3;
    return this.current;
  };

  var cache = Object.create(null);
  function stem(word) {
    var hit = cache[word];
    if (hit === undefined) hit = cache[word] = new Stemmer(word).stem();
    return hit;
  }

  // The tokeniser, identical to kb/textsearch.py: lower case, runs of letters and digits, words of
  // one character dropped, words with characters outside the Basic Multilingual Plane dropped.
  var WORD = /[\p{L}\p{N}]+/gu;
  function words(text) {
    var out = (String(text).toLowerCase().match(WORD) || []);
    return out.filter(function (w) { return w.length > 1 && !/[\uD800-\uDFFF]/.test(w); });
  }
  function stems(text) { return words(text).map(stem); }

  var api = { stem: stem, words: words, stems: stems };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.KBStem = api;
})(typeof self !== "undefined" ? self : this);
