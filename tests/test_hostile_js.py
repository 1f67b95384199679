"""The browser's scripts are immune to prototype keys (issue 19). A vocabulary word whose stem is `constructor`
(e.g. "constructoren") made the matcher look up Object.prototype: the header search answered "Zoeken is niet
beschikbaar" for every query and the wegwijzer did not load; `?keuze=constructor` or `?keuze=toString` stopped
the wegwijzer. Here the matcher (kb-match.js, shared by the wegwijzer and the header search) runs in node on
data built from a knowledge base whose vocabulary holds such words, with `constructor`, `__proto__`, `toString`
and `hasOwnProperty` as words, queries, ids and choices."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from conftest import ROOT, copy_bundled_kb, node_executable
from kb import graph as kbgraph
from kb.guide import guide_json
from kb.render import Pages
from kb.validate import load_kb

ASSETS = ROOT / "kb/theme/assets"
HOSTILE = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf", "__defineGetter__"]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    root = copy_bundled_kb(tmp_path_factory.mktemp("kb"))
    with (root / "vocabulary.yaml").open("a", encoding="utf-8") as f:
        f.write("  - words: [constructoren, toString, hasOwnProperty, valueOf, proto]\n"
                "    records: [ivrk-22]\n    note: Een woord dat in JavaScript een sleutel van elk object is.\n")
    kb = load_kb(root)
    assert not kb.problems, [str(p) for p in kb.problems]
    pages = Pages(kbgraph.build_graph(kb), accessed="2026-01-01")
    out = tmp_path_factory.mktemp("data")
    search = pages.search_data()
    assert any("constructor" in phrase for g in search["vocab"] for phrase in g["p"])
    (out / "data.json").write_text(guide_json(pages.guide_data()), encoding="utf-8")
    (out / "zoekindex.json").write_text(guide_json(search), encoding="utf-8")
    return out


SCRIPT = """
global.KBStem = require(%(stem)s);
const KBMatch = require(%(match)s);
const fs = require('fs');
const before = Object.getOwnPropertyNames(Object.prototype).sort().join();
const hostile = %(hostile)s;
// read as the pages read it (text, then KBMatch.parse), and as JSON.parse gives it
const searchText = fs.readFileSync(%(dir)s + '/zoekindex.json', 'utf8');
const guideText = fs.readFileSync(%(dir)s + '/data.json', 'utf8');
// and with the keys put straight into the data, as a hostile build could
function poison(text) {
  const o = JSON.parse(text);
  hostile.forEach(k => {
    if (o.index) { o.index.terms = JSON.parse(JSON.stringify(o.index.terms).replace(/^\\{/, '{' + JSON.stringify(k) + ':[[0,1]],')); }
    if (o.vocab) o.vocab.push({p: [[k]], w: [1], r: [k, 'ivrk-22']});
  });
  let s = JSON.stringify(o);
  hostile.forEach(k => { s = s.replace('"nodes":{', '"nodes":{' + JSON.stringify(k) + ':{"t":"x","u":"x/","k":"Artikel","type":"article"},'); });
  if (o.routes) hostile.forEach(k => { s = s.replace('"routes":{', '"routes":{' + JSON.stringify(k) + ':[],'); });
  return s;
}
const out = {};
for (const [name, load] of [["parse", KBMatch.parse], ["JSON.parse", JSON.parse]]) {
  for (const poisoned of [false, true]) {
    const search = load(poisoned ? poison(searchText) : searchText), guide = load(poisoned ? poison(guideText) : guideText);
    const m = new KBMatch.Matcher(search);
    const key = name + (poisoned ? "+poisoned" : "");
    const res = out[key] = Object.create(null);
    for (const q of hostile.concat(["constructoren", "kind constructor toString __proto__ verdwenen", "loverboy",
                                    "art. constructor", "__proto__ 22 IVRK"])) {
      const found = m.search(q, 10);
      const an = m.analyse(q), inferred = m.inferChoices(an, guide);
      const chosen = KBMatch.dict();
      Object.keys(inferred).forEach(k => chosen[k] = inferred[k].conf);
      hostile.forEach(k => chosen[k] = 1);
      const ranked = m.rankArticles(an, chosen, guide);
      res[q] = {search: found.results.map(r => r.id), ranked: ranked.slice(0, 5).map(e => e.a),
                strength: ranked.slice(0, 1).map(e => m.strength(e).key)};
    }
    // choices alone, as ?keuze= gives them, in a plain object too
    const plain = {}; hostile.forEach(k => plain[k] = 1);
    res.choicesOnly = m.rankArticles(null, plain, guide).map(e => e.a);
  }
}
out.prototypeUnchanged = Object.getOwnPropertyNames(Object.prototype).sort().join() === before && ({}).x === undefined;
process.stdout.write(JSON.stringify(out));
"""


def _run(data_dir) -> dict:
    script = SCRIPT % {"stem": json.dumps(str(ASSETS / "kb-stem.js")), "match": json.dumps(str(ASSETS / "kb-match.js")),
                       "dir": json.dumps(str(data_dir)), "hostile": json.dumps(HOSTILE)}
    result = subprocess.run([node_executable(), "-e", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def test_matcher_and_search_with_prototype_keys_as_words_queries_ids_and_choices(data_dir):
    out = _run(data_dir)
    assert out.pop("prototypeUnchanged") is True
    assert set(out) == {"parse", "JSON.parse", "parse+poisoned", "JSON.parse+poisoned"}
    for key, res in out.items():
        # the vocabulary word leads where the vocabulary says, whatever its stem
        assert "ivrk-22" in res["constructoren"]["search"], (key, res["constructoren"])
        assert "ivrk-22" in res["constructoren"]["ranked"], (key, res["constructoren"])
        # and an ordinary query still works beside it
        assert "ivrk-34" in res["loverboy"]["search"], (key, res["loverboy"])
        assert "ivrk-22" in res["__proto__ 22 IVRK"]["search"]
        for q in HOSTILE:
            assert isinstance(res[q]["search"], list)
        # a hostile choice reaches nothing but the data's own (poisoned) entries
        assert all(a == "ivrk-22" or a in HOSTILE or re.fullmatch(r"[a-z0-9-]+", a) for a in res["choicesOnly"])


def test_every_lookup_table_in_the_scripts_has_no_prototype():
    """A static check beside the behaviour: no script builds a lookup table as `{}` and indexes it with data."""
    for name in ("kb-match.js", "kb-wegwijzer.js", "kb-search.js", "kb-kader.js", "kb-scan.js", "kb-stem.js"):
        text = (ASSETS / name).read_text(encoding="utf-8")
        tables = re.findall(r"var (\w+) = \{\};|(\w+) = \{\};|var \w+ = \{\}, ", text)
        assert not tables, (name, tables)
        if name == "kb-scan.js":  # reads its data only through get() (an own property or null)
            assert "hasOwnProperty.call(obj, key)" in text
        else:  # JSON read through KBMatch.parse, into tables without a prototype
            assert "r.json()" not in text, name


def test_wegwijzer_ignores_unknown_choices_with_a_visible_note():
    text = (ASSETS / "kb-wegwijzer.js").read_text(encoding="utf-8")
    assert "state.ignored" in text and "onbekend en genegeerd" in text and "isChoice" in text
