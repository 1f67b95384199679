// "Kopieer juridisch kader": a structured legal framework (per article its citation, why it applies,
// the Committee's interpretation, what it asked the Netherlands and the recommendations, each with its
// URL) as rich text with headings and as plain text on the clipboard, and as a .docx written here
// (a small OOXML package in a stored zip): no library, no third-party request.
// Used by the wegwijzer's answer and by the button on each risk page. Text from the data is only ever
// escaped into the clipboard's HTML and the document's XML, never put into this page as HTML.
(function (root) {
  "use strict";
  var SCRIPT = typeof document !== "undefined" ? document.currentScript : null;
  var NOT_ADVICE = "Dit is geen juridisch advies. Het kader is automatisch samengesteld uit de IVRK-kennisbank " +
    "en vervangt geen beoordeling van de concrete zaak; controleer de bronnen.";

  // -- building the framework from the wegwijzer's data --------------------------------------------
  // ranked: [{a, strength: {label, formal}, formal: [sentences] or because: [sentences]}] in the order shown;
  // data: wegwijzer/data.json; base: absolute URL of the site root;
  // opts: {title, situation, choices: [titles], lead (how many lead), pick(ids, part), date}
  // Every listed article is in the framework, in the order shown: those that lead, then "Mogelijk ook van
  // belang". Per article: title, summary, the official text, the Committee's interpretation (with
  // paragraph), the Dutch and European law, the rulings, what the Committee asked the Netherlands and the
  // recommendations. Formal register: the framework is written for a file, not for the reader of the page.
  function build(ranked, data, base, opts) {
    opts = opts || {};
    function abs(id) { return new URL(data.nodes[id].u, base).href; }
    function item(id, loc) {
      var n = data.nodes[id] || {};
      var cite = n.c || n.t;
      if (loc && cite.indexOf(loc) < 0) cite += ", " + loc;
      var title = n.t && n.c && n.t !== n.c && n.t.indexOf(n.c) < 0 ? n.t : n.t && n.c && n.t.indexOf(n.c) === 0 ? n.t.slice(n.c.length).replace(/^[\s:,–—-]+/, "") : "";
      if (title && cite.indexOf(title) >= 0) title = "";  // the citation already names it (a recommendation's title)
      return { text: cite, title: title, url: abs(id) };
    }
    var lead = opts.lead == null ? ranked.length : opts.lead;
    var sections = ranked.map(function (e, i) {
      var n = data.nodes[e.a], info = data.articles[e.a] || { gc: [], obs: [], rec: [] };
      // the law behind the article: what applies today first; repealed law only as history (kb/guide.py)
      var law = info.law || [];
      function lawItem(id) {
        var it = item(id, ""), st = (data.nodes[id] || {}).sl;
        if (st) it.text += " (" + st + ")";
        return it;
      }
      function ceased(id) { return (data.nodes[id] || {}).st === "ceased"; }
      var pick = opts.pick || function (ids) { return ids; };
      var st = e.strength || {};
      return {
        heading: n.t, cite: n.c && n.t.indexOf(n.c) < 0 ? n.c : "", url: abs(e.a), lead: i < lead,
        summary: n.s || "", official: n.o || "",
        strength: st.label ? st.label + (st.formal || st.text ? ": " + (st.formal || st.text) : "") : "",
        why: e.formal || e.because || [],
        parts: [
          { label: "Uitleg door het VN-Comité", items: pick(info.gc || [], "gc").map(function (x) { return item(x[0], x[1]); }) },
          { label: "Wet- en regelgeving die nu geldt", items: law.filter(function (id) { return !ceased(id); }).map(lawItem) },
          { label: "Eerder geldend recht (alleen als geschiedenis)", items: law.filter(ceased).slice(0, 3).map(lawItem) },
          { label: "Rechtspraak en uitspraken van het VN-Comité", items: pick(info["case"] || [], "case").map(function (x) { return item(x[0], x[1]); }) },
          { label: "Wat het VN-Comité Nederland vroeg", items: pick(info.obs || [], "obs").map(function (x) { return item(x[0], x[1]); }) },
          { label: "Aanbevelingen", items: pick(info.rec || [], "rec").map(function (id) { return item(id, ""); }) },
          { label: "Oproepen (met de instanties die ze deden en de laatste reactie)", items: pick(info.call || [], "call").map(function (x) { return item(x[0], x[1]); }) }
        ].filter(function (p) { return p.items.length; })
      };
    });
    return { title: opts.title || "Juridisch kader", situation: opts.situation || "", choices: opts.choices || [],
             source: opts.source || "", date: opts.date || new Date().toISOString().slice(0, 10), sections: sections };
  }
  var MORE = "Mogelijk ook van belang";
  function longDate(iso) {
    var m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(iso);
    var months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
    return m ? Number(m[3]) + " " + months[Number(m[2]) - 1] + " " + m[1] : iso;
  }

  // -- formats -------------------------------------------------------------------------------------
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function label(k, name) {
    var own = k.labels && k.labels[name];
    return own || { situation: "Situatie", choices: "Betrokken groepen, plekken en situaties" }[name];
  }
  // Sections that do not lead (lead: false) follow one heading "Mogelijk ook van belang"; sections without
  // the property (the onderbouwing of a call) are never folded.
  function firstMore(k, i) { return k.sections[i].lead === false && (!i || k.sections[i - 1].lead !== false); }
  function head(s) { return s.heading + (s.cite ? " (" + s.cite + ")" : ""); }
  function toText(k) {
    var out = [k.title, "", "Datum: " + longDate(k.date)];
    if (k.situation) out.push(label(k, "situation") + ": " + k.situation);
    if (k.choices.length) out.push(label(k, "choices") + ": " + k.choices.join("; "));
    if (k.source) out.push("Bron: " + k.source);
    out.push("");
    k.sections.forEach(function (s, i) {
      if (firstMore(k, i)) out.push(MORE, "");
      out.push((i + 1) + ". " + head(s));
      if (s.url) out.push("   " + s.url);
      if (s.summary) out.push("   Inhoud: " + s.summary);
      if (s.official) out.push("   Officiële tekst: " + s.official);
      if (s.strength) out.push("   Verband: " + s.strength);
      s.why.forEach(function (w) { out.push("   Waarom: " + w); });
      s.parts.forEach(function (p) {
        out.push("   " + p.label + ":");
        p.items.forEach(function (it) { out.push("   - " + it.text + (it.title ? " (" + it.title + ")" : "") + " — " + it.url); });
      });
      out.push("");
    });
    out.push(NOT_ADVICE);
    out.push("Samengesteld op " + longDate(k.date) + ".");
    return out.join("\n");
  }
  function toHtml(k) {
    var h = ["<h1>" + esc(k.title) + "</h1>", "<p><strong>Datum:</strong> " + esc(longDate(k.date)) + "</p>"];
    if (k.situation) h.push("<p><strong>" + esc(label(k, "situation")) + ":</strong> " + esc(k.situation) + "</p>");
    if (k.choices.length) h.push("<p><strong>" + esc(label(k, "choices")) + ":</strong> " + esc(k.choices.join("; ")) + "</p>");
    if (k.source) h.push("<p><strong>Bron:</strong> " + esc(k.source) + "</p>");
    k.sections.forEach(function (s, i) {
      if (firstMore(k, i)) h.push("<h2>" + esc(MORE) + "</h2>");
      h.push("<h2>" + (s.url ? '<a href="' + esc(s.url) + '">' + esc(s.heading) + "</a>" : esc(s.heading)) +
             (s.cite ? " (" + esc(s.cite) + ")" : "") + "</h2>");
      if (s.summary) h.push("<p>" + esc(s.summary) + "</p>");
      if (s.official) h.push('<p><strong>Officiële tekst:</strong> <a href="' + esc(s.official) + '">' + esc(s.official) + "</a></p>");
      if (s.strength) h.push("<p><strong>Verband:</strong> " + esc(s.strength) + "</p>");
      s.why.forEach(function (w) { h.push("<p><strong>Waarom:</strong> " + esc(w) + "</p>"); });
      s.parts.forEach(function (p) {
        h.push("<h3>" + esc(p.label) + "</h3><ul>");
        p.items.forEach(function (it) {
          h.push('<li><a href="' + esc(it.url) + '">' + esc(it.text) + "</a>" + (it.title ? " (" + esc(it.title) + ")" : "") + "</li>");
        });
        h.push("</ul>");
      });
    });
    h.push("<p><em>" + esc(NOT_ADVICE) + "</em> Samengesteld op " + esc(longDate(k.date)) + ".</p>");
    return "<!doctype html><html><head><meta charset=\"utf-8\"></head><body>" + h.join("") + "</body></html>";
  }

  // -- .docx -----------------------------------------------------------------------------------------
  function xml(s) {
    return esc(String(s).replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD]/g, "").replace(/[\uD800-\uDFFF]/g, ""));
  }
  function toDocx(k) {
    var rels = [], body = [];
    function link(url, text) {
      var id = "rId" + (rels.length + 10);
      rels.push('<Relationship Id="' + id + '" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="' + xml(url) + '" TargetMode="External"/>');
      return '<w:hyperlink r:id="' + id + '"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t xml:space="preserve">' + xml(text) + "</w:t></w:r></w:hyperlink>";
    }
    function run(text, bold, italic) {
      return "<w:r>" + (bold || italic ? "<w:rPr>" + (bold ? "<w:b/>" : "") + (italic ? "<w:i/>" : "") + "</w:rPr>" : "") +
        '<w:t xml:space="preserve">' + xml(text) + "</w:t></w:r>";
    }
    function para(style, content) {
      body.push("<w:p>" + (style ? '<w:pPr><w:pStyle w:val="' + style + '"/></w:pPr>' : "") + content + "</w:p>");
    }
    para("Title", run(k.title));
    para("", run("Datum: ", true) + run(longDate(k.date)));
    if (k.situation) para("", run(label(k, "situation") + ": ", true) + run(k.situation));
    if (k.choices.length) para("", run(label(k, "choices") + ": ", true) + run(k.choices.join("; ")));
    if (k.source) para("", run("Bron: ", true) + run(k.source));
    k.sections.forEach(function (s, i) {
      if (firstMore(k, i)) para("Heading1", run(MORE));
      para(s.lead === false ? "Heading2" : "Heading1", (s.url ? link(s.url, s.heading) : run(s.heading)) +
           (s.cite ? run(" (" + s.cite + ")") : ""));
      if (s.summary) para("", run(s.summary));
      if (s.official) para("", run("Officiële tekst: ", true) + link(s.official, s.official));
      if (s.strength) para("", run("Verband: ", true) + run(s.strength));
      s.why.forEach(function (w) { para("", run("Waarom: ", true) + run(w)); });
      s.parts.forEach(function (p) {
        para(s.lead === false ? "Heading3" : "Heading2", run(p.label));
        p.items.forEach(function (it) { para("ListBullet", link(it.url, it.text) + (it.title ? run(" (" + it.title + ")") : "")); });
      });
    });
    para("", run(NOT_ADVICE, false, true) + run(" Samengesteld op " + longDate(k.date) + "."));
    var W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    var decl = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
    function style(id, name, size, extra) {
      return '<w:style w:type="paragraph" w:styleId="' + id + '"><w:name w:val="' + name + '"/><w:basedOn w:val="Normal"/>' +
        '<w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/>' + (extra || "") +
        '</w:pPr><w:rPr><w:b/><w:sz w:val="' + size + '"/></w:rPr></w:style>';
    }
    var files = {
      "[Content_Types].xml": decl + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>' +
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>',
      "_rels/.rels": decl + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      "word/_rels/document.xml.rels": decl + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>' +
        rels.join("") + "</Relationships>",
      "word/styles.xml": decl + "<w:styles " + W + '><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/>' +
        '<w:sz w:val="22"/><w:lang w:val="nl-NL"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="100"/></w:pPr></w:pPrDefault></w:docDefaults>' +
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
        style("Title", "Title", 36) + style("Heading1", "heading 1", 28, '<w:outlineLvl w:val="0"/>') +
        style("Heading2", "heading 2", 24, '<w:outlineLvl w:val="1"/>') + style("Heading3", "heading 3", 22, '<w:outlineLvl w:val="2"/>') +
        '<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:style>' +
        '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style></w:styles>',
      "word/footer1.xml": decl + "<w:ftr " + W + '><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">Pagina </w:t></w:r>' +
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>' +
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>',
      "word/document.xml": decl + "<w:document " + W + "><w:body>" + body.join("") +
        '<w:sectPr><w:footerReference w:type="default" r:id="rId2"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>'
    };
    return zip(files);
  }

  // A zip archive with stored (uncompressed) entries: what a .docx is.
  var CRC = (function () {
    var t = new Uint32Array(256);
    for (var n = 0; n < 256; n++) { var c = n; for (var k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1; t[n] = c >>> 0; }
    return t;
  })();
  function crc32(bytes) {
    var c = 0xFFFFFFFF;
    for (var i = 0; i < bytes.length; i++) c = CRC[(c ^ bytes[i]) & 0xFF] ^ (c >>> 8);
    return (c ^ 0xFFFFFFFF) >>> 0;
  }
  function zip(files) {
    var enc = new TextEncoder(), parts = [], central = [], offset = 0;
    function u16(v) { return [v & 0xFF, (v >>> 8) & 0xFF]; }
    function u32(v) { return [v & 0xFF, (v >>> 8) & 0xFF, (v >>> 16) & 0xFF, (v >>> 24) & 0xFF]; }
    Object.keys(files).forEach(function (name) {
      var data = enc.encode(files[name]), nameBytes = enc.encode(name), crc = crc32(data);
      var common = [].concat(u16(20), u16(0x0800), u16(0), u16(0), u16(0x21), u32(crc), u32(data.length), u32(data.length),
                             u16(nameBytes.length), u16(0));
      var local = new Uint8Array([].concat(u32(0x04034b50), common));
      parts.push(local, nameBytes, data);
      central.push(new Uint8Array([].concat(u32(0x02014b50), u16(20), common, u16(0), u16(0), u16(0), u32(0), u32(offset))), nameBytes);
      offset += local.length + nameBytes.length + data.length;
    });
    var size = central.reduce(function (s, p) { return s + p.length; }, 0), count = Object.keys(files).length;
    var end = new Uint8Array([].concat(u32(0x06054b50), u16(0), u16(0), u16(count), u16(count), u32(size), u32(offset), u16(0)));
    return new Blob(parts.concat(central, [end]), { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
  }

  // -- clipboard and download ----------------------------------------------------------------------
  function copy(k) {
    var html = toHtml(k), text = toText(k);
    if (navigator.clipboard && window.ClipboardItem && window.isSecureContext) {
      return navigator.clipboard.write([new ClipboardItem({
        "text/html": new Blob([html], { type: "text/html" }), "text/plain": new Blob([text], { type: "text/plain" })
      })]).catch(function () { return legacyCopy(html, text); });
    }
    return Promise.resolve(legacyCopy(html, text));
  }
  function legacyCopy(html, text) {
    function onCopy(e) { e.clipboardData.setData("text/html", html); e.clipboardData.setData("text/plain", text); e.preventDefault(); }
    document.addEventListener("copy", onCopy);
    try { document.execCommand("copy"); } finally { document.removeEventListener("copy", onCopy); }
  }
  function download(k, name) {
    var url = URL.createObjectURL(toDocx(k));
    var a = document.createElement("a");
    a.href = url; a.download = name || "juridisch-kader.docx";
    document.body.appendChild(a); a.click(); document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }
  function done(button, text) {
    var old = button.getAttribute("data-kb-label") || button.textContent;
    button.setAttribute("data-kb-label", old);
    button.textContent = text;
    button.setAttribute("data-kb-copied", "");
    setTimeout(function () { button.textContent = old; button.removeAttribute("data-kb-copied"); }, 2500);
  }

  // -- the button on a risk page ---------------------------------------------------------------------
  function riskButtons() {
    var buttons = document.querySelectorAll("[data-kb-kader-risk]");
    if (!buttons.length) return;
    var base = SCRIPT ? new URL("../", SCRIPT.src).href : new URL("../../", location.href).href;
    var data = null;
    function load() {
      return data ? Promise.resolve(data) : fetch(base + "wegwijzer/data.json").then(function (r) { return r.text(); })
        .then(root.KBMatch.parse)
        .then(function (d) { data = d; return d; });
    }
    function kader(risk) {
      return load().then(function (d) {
        var m = new root.KBMatch.Matcher({ index: { docs: [], terms: {} }, vocab: [] });
        var raw = m.rankArticles(null, (function () { var c = Object.create(null); c[risk] = 1; return c; })(), d);
        var ranked = raw.map(function (e) {
          var reasons = e.routes.filter(function (r) { return !r.via.length && r.why; }).map(function (r) { return r.why; });
          return { a: e.a, strength: m.strength(e), because: reasons };
        });
        return build(ranked, d, base, { title: "Juridisch kader: " + (d.nodes[risk] ? d.nodes[risk].t : risk),
                                        source: location.href.split("#")[0], lead: m.leadCount(raw) });
      });
    }
    buttons.forEach(function (b) {
      var risk = b.getAttribute("data-kb-kader-risk");
      b.addEventListener("click", function () {
        var docx = b.hasAttribute("data-kb-kader-docx");
        kader(risk).then(function (k) {
          if (docx) { download(k, risk + "-juridisch-kader.docx"); done(b, "Gedownload"); return null; }
          return copy(k).then(function () { done(b, "Gekopieerd"); });
        }).catch(function (e) { b.textContent = "Niet gelukt: " + e.message; });
      });
    });
  }

  // -- "Kopieer onderbouwing" on call, recommendation and observation pages (issue 23) ------------------
  // The build writes the structure (kb/calls.py onderbouwing) into the button's data attribute, escaped.
  function onderbouwing(button) {
    var k = JSON.parse(button.getAttribute("data-kb-onderbouwing"));
    // without a published address the build writes links relative to the page: make them absolute to paste
    function abs(u) { return u ? new URL(u, location.href).href : u; }
    k.sections.forEach(function (s) {
      s.url = abs(s.url);
      s.parts.forEach(function (p) { p.items.forEach(function (it) { it.url = abs(it.url); }); });
    });
    k.date = new Date().toISOString().slice(0, 10);
    k.source = k.source || location.href.split("#")[0];
    return k;
  }
  function onderbouwingButtons() {
    document.querySelectorAll("[data-kb-onderbouwing]").forEach(function (b) {
      b.addEventListener("click", function () {
        var k = onderbouwing(b);
        if (b.hasAttribute("data-kb-kader-docx")) {
          download(k, (b.getAttribute("data-kb-name") || "oproep") + "-onderbouwing.docx"); done(b, "Gedownload"); return;
        }
        copy(k).then(function () { done(b, "Gekopieerd"); }).catch(function (e) { b.textContent = "Niet gelukt: " + e.message; });
      });
    });
  }

  var api = { build: build, toText: toText, toHtml: toHtml, toDocx: toDocx, copy: copy, download: download, done: done,
              NOT_ADVICE: NOT_ADVICE };
  if (typeof module === "object" && module.exports) { module.exports = api; return; }
  root.KBKader = api;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", riskButtons);
    document.addEventListener("DOMContentLoaded", onderbouwingButtons);
  } else { riskButtons(); onderbouwingButtons(); }
})(typeof self !== "undefined" ? self : this);
