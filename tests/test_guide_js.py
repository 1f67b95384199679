"""The browser's side of the matching, run with node: the Dutch stemmer and tokeniser in
kb/theme/assets/kb-stem.js give exactly what kb/textsearch.py gives at build time, and the situation
matcher in kb-match.js answers the situations in tests/situations.yaml (the browser test runs the same
through /wegwijzer/?situatie=)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest

from conftest import ROOT
from kb import textsearch

NODE = shutil.which("node") or shutil.which("nodejs")
ASSETS = ROOT / "kb/theme/assets"


def _node(script: str, stdin: str = "") -> str:
    if not NODE:
        if os.environ.get("KB_REQUIRE_BROWSER") == "1":
            pytest.fail("node is not installed (apt-get install nodejs)")
        pytest.skip("node is not installed")
    result = subprocess.run([NODE, "-e", script], input=stdin, capture_output=True, text=True, timeout=120)
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
