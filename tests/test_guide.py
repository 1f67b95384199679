"""The legal vocabulary (vocabulary.yaml), its validation and schema, the text index and the legal
identifiers the wegwijzer and the header search use (kb/vocabulary.py, kb/textsearch.py, kb/guide.py)."""

from __future__ import annotations

import json
import textwrap

import jsonschema
import pytest
import yaml

from conftest import ROOT
from kb import graph as kbgraph
from kb import textsearch, vocabulary
from kb.cli import main
from kb.validate import load_kb


def _vocab(make_kb, text):
    root = make_kb({})
    (root / "vocabulary.yaml").write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def test_bundled_vocabulary_is_valid_and_matches_its_schema():
    kb = load_kb(ROOT)
    assert kb.problems == []
    assert len(kb.vocabulary.groups) >= 40
    schema = vocabulary.schema()
    jsonschema.validate(yaml.safe_load((ROOT / "vocabulary.yaml").read_text(encoding="utf-8")), schema)
    assert json.loads((ROOT / "schemas/vocabulary.schema.json").read_text(encoding="utf-8")) == schema
    # every dimension a lawyer asks about has words that reach its records
    reached = {r for g in kb.vocabulary.groups for r in g.records}
    assert {"ivrk-35", "amv", "gezinslocatie", "kinderen-met-een-beperking", "kinderen-zonder-verblijfsrecht",
            "kinderen-met-verblijfsvergunning", "asielzoekende-kinderen", "leerplichtige-kinderen",
            "kinderen-met-vrijheidsbeperking", "kinderen-slachtoffer-van-uitbuiting", "jonge-kinderen",
            "adolescenten", "leeftijd-betwijfeld", "kinderen-met-gezin", "ivrk-33"} <= reached


def test_a_missing_vocabulary_is_empty(minimal_kb):
    kb = load_kb(minimal_kb)
    assert kb.problems == [] and kb.vocabulary.groups == []


@pytest.mark.parametrize("text, line, col, message", [
    ("groups:\n  - words: [mensenhandel]\n    records: [ivrk-99]\n", 3, 15, "record 'ivrk-99' bestaat niet"),
    ("groups:\n  - words: [mensenhandel]\n    records: [coa]\n", 3, 15, "'coa' is een actor"),
    ("groups:\n  - words: [de, het]\n    records: [ivrk-22]\n", 2, 13, "'de' bevat geen woord om op te zoeken"),
    ("groups:\n  - words: [school, scholen]\n    records: [ivrk-22]\n", 2, 21,
     "'scholen' staat al in deze groep ('school' is na stemming hetzelfde)"),
    ("groups:\n  - woorden: [school]\n    records: [ivrk-22]\n", 2, 5, "onbekend veld 'woorden' in een groep"),
    ("groepen: []\n", 1, 1, "onbekend veld 'groepen' in de woordenlijst"),
    ("groups: mensenhandel\n", 1, 9, "'groups' moet een lijst van groepen zijn"),
    ("groups:\n  - words: [school]\n", 2, 5, "een groep heeft 'records' nodig"),
    ("groups:\n  - ages: 12-7\n    records: [amv]\n", 2, 11, "'ages' moet een leeftijd van-tot zijn"),
    ("groups:\n  - words: [school]\n    records: [ivrk-22]\n    note: [a, b]\n", 4, 11, "'note' moet één regel tekst zijn"),
    ("groups:\n  - words: school: x\n", 2, 18, "YAML-syntaxfout"),
    ("groups:\n  - words: [school]\n    records: &a [ivrk-22]\n  - words: [les]\n    records: *a\n", 3, 14,
     "ankers en aliassen"),
])
def test_bad_vocabulary_gives_a_located_dutch_message(make_kb, capsys, text, line, col, message):
    root = _vocab(make_kb, text)
    kb = load_kb(root)
    found = [p for p in kb.problems if p.path == "vocabulary.yaml"]
    assert found, kb.problems
    assert (found[0].line, found[0].col) == (line, col), found
    assert message in found[0].message, found
    assert main(["--root", str(root), "validate"]) == 1
    assert f"vocabulary.yaml:{line}:{col}: " in capsys.readouterr().out


def test_vocabulary_accepts_an_alias_of_a_renamed_record(make_kb):
    root = _vocab(make_kb, "groups:\n  - words: [vlucht]\n    records: [oud-22]\n")
    (root / "articles/ivrk-22.yaml").write_text(
        (root / "articles/ivrk-22.yaml").read_text(encoding="utf-8") + "aliases: [oud-22]\n", encoding="utf-8")
    kb = load_kb(root)
    assert kb.problems == []
    assert kb.vocabulary.groups[0].records == ["ivrk-22"]


def test_text_index_is_bounded_and_bm25_ranks_the_record_that_says_it():
    g = kbgraph.build_graph(load_kb(ROOT))
    index = textsearch.text_index(g)
    per_doc = {}
    for postings in index["terms"].values():
        for doc, _ in postings:
            per_doc[doc] = per_doc.get(doc, 0) + 1
    assert max(per_doc.values()) <= textsearch.MAX_TERMS_PER_DOC
    scores = textsearch.bm25(index, textsearch.content_stems("kinderen verdwijnen met onbekende bestemming"))
    assert max(scores, key=scores.get) == "verdwijning-uit-opvang-mob"


@pytest.mark.parametrize("form, query", [
    ("art. 22 IVRK", "art. 22"), ("art. 22 IVRK", "artikel 22"), ("art. 22 lid 1 IVRK", "art. 22 lid 1"),
    ("art. 22 IVRK", "IVRK 22"), ("Article 22 CRC", "Article 22 CRC"), ("General Comment nr. 15", "GC 15"),
    ("General Comment nr. 15", "General Comment 15"), ("CRC/C/GC/15", "CRC/C/GC/15"),
    ("CRC/GC/2005/6", "crc/gc/2005/6"), ("CRC/C/NLD/CO/5-6, par. 37", "CRC/C/NLD/CO/5-6 par. 37"),
    ("CRC/C/NLD/CO/5-6, par. 38(e)", "CRC/C/NLD/CO/5-6 para 38 (e)"), ("art. 1:302 lid 2 BW", "art. 1:302 lid 2 BW"),
    ("ECLI:NL:RBDHA:2019:8709", "ecli:nl:rbdha:2019:8709"),
])
def test_identifier_tokens_of_a_form_and_of_a_query_agree(form, query):
    f, q = textsearch.id_tokens(form), textsearch.id_tokens(query)
    assert textsearch.id_score(f, q) > 0, (f, q)


@pytest.mark.parametrize("form, query", [
    ("CRC/C/NLD/CO/5-6, par. 38(e)", "CRC/C/NLD/CO/5-6 par. 37"), ("General Comment nr. 6", "GC 15"),
    ("art. 22 lid 1 IVRK", "IVRK 22"), ("art. 22 IVRK", "arts 22"), ("General Comment nr. 6", "art. 6"),
    ("art. 1 IVRK", "art. 1:302 BW"),
])
def test_identifier_forms_that_a_query_does_not_name(form, query):
    assert textsearch.id_score(textsearch.id_tokens(form), textsearch.id_tokens(query)) == 0


def test_identifier_forms_come_from_the_model():
    g = kbgraph.build_graph(load_kb(ROOT))
    forms = {(tuple(t), n) for t, n in textsearch.identifier_forms(g, None)}
    assert (("art", "22"), "ivrk-22") in forms
    assert (("gc", "15"), "gc-15") in forms
    assert (("crc/c/gc/15",), "gc-15") in forms
    assert (("crc/c/nld/co/5-6", "par", "37"), "co-nld-2022-37") in forms
    # the shorter ways lawyers write a form (issue 24)
    assert (("crc/c/gc/6",), "gc-6") in forms  # for CRC/GC/2005/6
    assert (("art", "8", "vw"), "vw-2000-art-8") in forms  # for art. 8 Vw 2000
    assert (("art", "1:302", "bw"), "bw-1-art-302") in forms  # for art. 1:302 lid 2 BW
