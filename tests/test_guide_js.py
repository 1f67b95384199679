"""The browser's side of the matching, run with node: the Dutch stemmer and tokeniser in
kb/theme/assets/kb-stem.js give exactly what kb/textsearch.py gives at build time, and the situation
matcher in kb-match.js answers the situations in tests/situations.yaml (the browser test runs the same
through /wegwijzer/?situatie=)."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from conftest import ROOT, node_executable
from kb import textsearch

ASSETS = ROOT / "kb/theme/assets"


def _node(script: str, stdin: str = "") -> str:
    result = subprocess.run([node_executable(), "-e", script], input=stdin, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


TRICKY = ["kinderen", "Beperkingen", "gezondheid", "geïdentificeerd", "ruïne", "ideeën", "financiële", "België",
          "café", "naïef", "coöperatie", "überhaupt", "yoghurt", "mayonaise", "koeien", "bioscoop", "heden",
          "mogelijkheden", "gemeente", "lijkt", "eerlijk", "eerlijkheid", "baarmoeder", "draagbaar", "kopen",
          "lopend", "huizen", "zes", "İstanbul", "ΣΊΣΥΦΟΣ", "straße", "ﬁets", "Ĳssel", "ĳs", "x", "15-jarige",
          "amv'ers", "niet-begeleide", "𝐀𝐁𝐂", "a𝐀b", "٣٤", "co-ouderschap", "e-mail", "Ⅻ", "①②"]


def _corpus_words() -> list[str]:
    words = set(TRICKY)
    for path in list(ROOT.glob("*/*.yaml")) + [ROOT / "vocabulary.yaml"]:
        words.update(textsearch.words(path.read_text(encoding="utf-8")))
    return sorted(words)


def test_javascript_stems_equal_python_stems():
    words = [w for w in _corpus_words() if w]
    script = ("const s=require(%s);const ws=require('fs').readFileSync(0,'utf8').split('\\n');"
              "process.stdout.write(JSON.stringify(ws.map(w=>s.stem(w))))") % json.dumps(str(ASSETS / "kb-stem.js"))
    js = json.loads(_node(script, "\n".join(words)))
    py = [textsearch.stem(w) for w in words]
    different = [(w, p, j) for w, p, j in zip(words, py, js) if p != j]
    assert len(words) > 2500
    assert different == []


def test_javascript_tokeniser_equals_python_tokeniser():
    texts = ["Kind (15) met épilepsie wordt voor de 3e keer verhuisd!", " ".join(TRICKY),
             "CRC/C/NLD/CO/5-6, par. 38(e) — art. 22 lid 1 IVRK", "İİ ΣΑΣ straße ǅemal ﬀ"]
    script = ("const s=require(%s);const ts=JSON.parse(require('fs').readFileSync(0,'utf8'));"
              "process.stdout.write(JSON.stringify(ts.map(t=>s.words(t))))") % json.dumps(str(ASSETS / "kb-stem.js"))
    assert json.loads(_node(script, json.dumps(texts))) == [textsearch.words(t) for t in texts]


def _data(tmp_path):
    from kb import graph as kbgraph
    from kb.guide import guide_json
    from kb.render import Pages
    from kb.validate import load_kb

    pages = Pages(kbgraph.build_graph(load_kb(ROOT)), accessed="2026-01-01")
    (tmp_path / "data.json").write_text(guide_json(pages.guide_data()), encoding="utf-8")
    (tmp_path / "zoekindex.json").write_text(guide_json(pages.search_data()), encoding="utf-8")
    return tmp_path


MATCHER = """
global.KBStem = require(%(stem)s);
const KBMatch = require(%(match)s);
const fs = require('fs');
const search = JSON.parse(fs.readFileSync(%(dir)s + '/zoekindex.json'));
const guide = JSON.parse(fs.readFileSync(%(dir)s + '/data.json'));
const m = new KBMatch.Matcher(search);
const input = JSON.parse(fs.readFileSync(0, 'utf8'));
"""


def _matcher(tmp_path) -> str:
    return MATCHER % {"stem": json.dumps(str(ASSETS / "kb-stem.js")), "match": json.dumps(str(ASSETS / "kb-match.js")),
                      "dir": json.dumps(str(_data(tmp_path)))}


RECALL = 0.95  # share of situations with every expected article in the top 8


def test_situations_reach_their_articles_in_node(tmp_path):
    import yaml

    situations = yaml.safe_load((ROOT / "tests/situations.yaml").read_text(encoding="utf-8"))
    assert len(situations) >= 80
    # at least half written from other sources than the position paper, every article 2-40 engaged
    assert sum(1 for s in situations if s.get("from")) >= len(situations) / 2
    assert {a for s in situations for a in s["articles"]} >= set(range(2, 41))
    script = _matcher(tmp_path) + """
const out = input.map(text => {
  const an = m.analyse(text), inferred = m.inferChoices(an, guide), chosen = {};
  Object.keys(inferred).forEach(k => chosen[k] = inferred[k].conf);
  return m.rankArticles(an, chosen, guide).slice(0, 8).map(e => e.a);
});
process.stdout.write(JSON.stringify(out));
"""
    tops = json.loads(_node(script, json.dumps([s["text"] for s in situations])))
    hits = [all(f"ivrk-{a}" in top for a in s["articles"]) for s, top in zip(situations, tops)]
    missed = [(s["text"], top) for s, top, ok in zip(situations, tops, hits) if not ok]
    print(f"\nrecall at 8: {sum(hits)}/{len(situations)} = {sum(hits) / len(situations):.1%}")
    assert sum(hits) >= RECALL * len(situations), missed


def misspell(text: str, i: int) -> str:
    """The situation with one word misspelt as people mistype: its longest word that carries meaning (five
    letters or more), one letter replaced, left out, doubled, or two neighbours swapped (by turns)."""
    candidates = [w for w in re.findall(r"[^\W\d_]+", text) if len(w) >= 5 and w.lower() not in textsearch.STOPWORDS]
    if not candidates:
        return text
    word = max(candidates, key=len)
    k = len(word) // 2
    kind = i % 4
    if kind == 0:
        wrong = word[:k] + ("e" if word[k] != "e" else "a") + word[k + 1:]
    elif kind == 1:
        wrong = word[:k] + word[k + 1:]
    elif kind == 2:
        wrong = word[:k] + word[k] + word[k:]
    else:
        wrong = word[:k - 1] + word[k] + word[k - 1] + word[k + 1:]
    return text.replace(word, wrong, 1)


def _recall(tmp_path, situations, texts) -> tuple[float, list]:
    script = _matcher(tmp_path) + """
const out = input.map(text => {
  const an = m.analyse(text), inferred = m.inferChoices(an, guide), chosen = {};
  Object.keys(inferred).forEach(k => chosen[k] = inferred[k].conf);
  return m.rankArticles(an, chosen, guide).slice(0, 8).map(e => e.a);
});
process.stdout.write(JSON.stringify(out));
"""
    tops = json.loads(_node(script, json.dumps(texts)))
    hits = [all(f"ivrk-{a}" in top for a in s["articles"]) for s, top in zip(situations, tops)]
    return sum(hits) / len(situations), [(t, top) for t, top, ok in zip(texts, tops, hits) if not ok]


def test_a_misspelt_word_keeps_the_recall(tmp_path):
    import yaml

    situations = yaml.safe_load((ROOT / "tests/situations.yaml").read_text(encoding="utf-8"))
    clean, _ = _recall(tmp_path, situations, [s["text"] for s in situations])
    texts = [misspell(s["text"], i) for i, s in enumerate(situations)]
    assert sum(t != s["text"] for t, s in zip(texts, situations)) >= 0.95 * len(situations)
    typo, missed = _recall(tmp_path, situations, texts)
    print(f"\nrecall at 8: {clean:.1%} as written, {typo:.1%} with one word misspelt")
    assert typo >= clean - 0.05, missed
    assert typo >= RECALL - 0.05, missed


def test_typo_vectors_equal_in_python_and_javascript(tmp_path):
    vectors = json.loads((ROOT / "tests/fuzzy_vectors.json").read_text(encoding="utf-8"))
    from kb import graph as kbgraph
    from kb.render import Pages
    from kb.validate import load_kb

    corrector = textsearch.Corrector(Pages(kbgraph.build_graph(load_kb(ROOT)), accessed="2026-01-01").search_data())
    py_words = [corrector.correct(v["word"]) for v in vectors["words"]]
    py_dist = [textsearch.edit_distance(a, b, limit) for a, b, limit, _ in vectors["distances"]]
    assert py_words == [v["reads"] for v in vectors["words"]]
    assert py_dist == [d for *_, d in vectors["distances"]]
    script = _matcher(tmp_path) + """
const c = new KBMatch.Corrector(search);
process.stdout.write(JSON.stringify([input.words.map(v => c.correct(v.word)),
  input.distances.map(d => KBMatch.editDistance(d[0], d[1], d[2]))]));
"""
    js_words, js_dist = json.loads(_node(script, json.dumps(vectors)))
    assert js_words == py_words
    assert js_dist == py_dist


@pytest.mark.slow
def test_every_known_word_reads_alike_in_python_and_javascript(tmp_path):
    """A sample of misspellings of every word the index knows: Python and JavaScript pick the same word."""
    from kb import graph as kbgraph
    from kb.render import Pages
    from kb.validate import load_kb

    search = Pages(kbgraph.build_graph(load_kb(ROOT)), accessed="2026-01-01").search_data()
    corrector = textsearch.Corrector(search)
    typed = [misspell(w, i) for i, w in enumerate(search["index"]["words"][::3])]
    script = _matcher(tmp_path) + """
const c = new KBMatch.Corrector(search);
process.stdout.write(JSON.stringify(input.map(w => c.correct(w))));
"""
    assert json.loads(_node(script, json.dumps(typed))) == [corrector.correct(w) for w in typed]


def test_identifier_tokens_and_scores_equal_python(tmp_path):
    pairs = [("art. 22 IVRK", "IVRK 22"), ("General Comment nr. 6 (2005), par. 39-40", "GC 6 par. 40"),
             ("CRC/C/NLD/CO/5-6, par. 38(e)", "CRC/C/NLD/CO/5-6 para 38"), ("art. 22 lid 1 IVRK", "art.22(1)"),
             ("CMW/C/GC/4-CRC/C/GC/23", "CRC/C/GC/23"), ("General Comment nr. 15", "General Comment no. 15"),
             ("art. 3 IVRK", "Article 3 of the CRC"), ("art. 12 IVRK", "arts 12"), ("art. 1:302 lid 2 BW", "art. 1:302 BW"),
             ("art. 1 IVRK", "art. 1:302 BW"), ("ECLI:NL:RVS:2007:AZ9524", "ECLI:NL:RVS:2007:AZ9524"),
             ("art. 1.3 Jeugdwet", "art. 1.3 jeugdwet")]
    script = _matcher(tmp_path) + """
process.stdout.write(JSON.stringify(input.map(p => [KBMatch.idTokens(p[0]), KBMatch.idTokens(p[1]),
  KBMatch.idScore(KBMatch.idTokens(p[0]), KBMatch.idTokens(p[1]))])));
"""
    got = json.loads(_node(script, json.dumps(pairs)))
    want = [[textsearch.id_tokens(a), textsearch.id_tokens(b),
             textsearch.id_score(textsearch.id_tokens(a), textsearch.id_tokens(b))] for a, b in pairs]
    assert got == want


@pytest.mark.parametrize("text, ages", [("15-jarige amv", [15]), ("een meisje van 16", [16]), ("vijftienjarige", [15]),
                                        ("al 3 jaar in de opvang", []), ("14 jaar oud", [14]), ("na 2 maanden", [])])
def test_ages_in_a_description(tmp_path, text, ages):
    script = ("const M=require(%s);process.stdout.write(JSON.stringify(M.ages(JSON.parse(require('fs')"
              ".readFileSync(0,'utf8')))))") % json.dumps(str(ASSETS / "kb-match.js"))
    assert json.loads(_node("global.KBStem=require(%s);" % json.dumps(str(ASSETS / "kb-stem.js")) + script,
                            json.dumps(text))) == ages


KADER = """
const KBKader = require(%(kader)s);
const out = [];
(async () => {
for (const text of input) {
  const an = m.analyse(text), inferred = m.inferChoices(an, guide), chosen = {};
  Object.keys(inferred).forEach(k => chosen[k] = inferred[k].conf);
  const ranked = m.rankArticles(an, chosen, guide);
  const items = ranked.map(e => ({a: e.a, strength: m.strength(e), formal: []}));
  const k = KBKader.build(items, guide, "https://example.org/kb/", {situation: text, lead: m.leadCount(ranked),
                                                                     date: "2026-03-05"});
  const bytes = Buffer.from(await KBKader.toDocx(k).arrayBuffer());
  out.push({articles: ranked.map(e => e.a), lead: m.leadCount(ranked), text: KBKader.toText(k), html: KBKader.toHtml(k),
            docx: bytes.toString("base64")});
}
process.stdout.write(JSON.stringify(out));
})();
"""


def test_juridisch_kader_docx_holds_every_listed_article_with_its_law(tmp_path):
    """The .docx of two situations, read back with python-docx: the situation and the date, every listed
    article in the order shown, each with its summary, its General Comment paragraphs (with paragraph)
    and the Dutch and European provisions that give effect to it; formal register; page numbers."""
    import base64
    import io
    import zipfile

    docx = pytest.importorskip("docx")
    texts = ["Alleenstaande minderjarige van 16 zit al maanden in een azc voor volwassenen zonder voogd",
             "Kind met epilepsie wordt voor de derde keer verhuisd en de behandeling wordt onderbroken"]
    script = _matcher(tmp_path) + KADER % {"kader": json.dumps(str(ASSETS / "kb-kader.js"))}
    results = json.loads(_node(script, json.dumps(texts)))
    guide = json.loads((tmp_path / "data.json").read_text(encoding="utf-8"))
    for text, r in zip(texts, results):
        assert 1 <= r["lead"] <= 8
        raw = base64.b64decode(r["docx"])
        document = docx.Document(io.BytesIO(raw))
        paras = [p.text for p in document.paragraphs]
        body = "\n".join(paras)
        assert text in body and "5 maart 2026" in body
        headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
        titles = [guide["nodes"][a]["t"] for a in r["articles"]]
        found = [next(i for i, h in enumerate(headings) if h.startswith(t)) for t in titles]
        assert found == sorted(found), "articles in the order shown"
        if len(titles) > r["lead"]:
            assert "Mogelijk ook van belang" in headings
        for a in r["articles"]:
            info, node = guide["articles"][a], guide["nodes"][a]
            if node.get("s"):
                assert node["s"] in body
            for gc, loc in info["gc"]:
                assert guide["nodes"][gc]["c"] in body, (a, gc)
            for p in info["law"]:
                assert guide["nodes"][p]["c"] in body, (a, p)
            for c, line in info.get("call", ())[:1]:  # the calls its recommendations make (issue 23)
                assert guide["nodes"][c]["t"] in body and line in body, (a, c)
        # our own words, not the titles of the documents cited (a report may be called 'Wachten op je toekomst')
        own = [re.sub(r"‘[^’]*’|'[^']*'|“[^”]*”", "", line) for line in paras]
        informal = [line for line in own if {"je", "jouw", "jij"} & set(re.findall(r"\w+", line.lower()))]
        assert not [line for line in paras if re.search(r"‘([^’]{8,})’\)\. \(\1\)", line)], "a title twice"
        assert not informal, f"formal register: {informal}"
        assert "PAGE" in zipfile.ZipFile(io.BytesIO(raw)).read("word/footer1.xml").decode()
        assert r["text"].count("Mogelijk ook van belang") == (1 if len(titles) > r["lead"] else 0)
    assert any(guide["articles"][a]["law"] for r in results for a in r["articles"])
    assert any(guide["articles"][a]["gc"] for r in results for a in r["articles"])
    assert any(guide["articles"][a].get("call") for r in results for a in r["articles"])
