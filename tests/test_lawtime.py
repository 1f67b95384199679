"""The law in time (issue 21): when an instrument or provision applies, what replaced it, the date the law
was last checked, and the warning for records that rely only on law that no longer applies."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from test_legal_layer import LEGAL
from kb import lawtime, model
from kb.graph import build_graph
from kb.render import Pages
from kb.validate import load_kb

ACCESSED = "2026-12-04"

NEW_DIRECTIVE = """
    title: Opvangrichtlijn 2024
    short_title: Opvangrichtlijn 2024
    form: directive
    jurisdiction: eu
    celex: 32024L1346
    entry_into_force: '2024-06-11'
    applies_from: '2026-06-12'
    version_date: '2024-06-22'
"""
NEW_ARTICLE = """
    title: Minderjarigen
    instrument: richtlijn-2024
    article: '26'
    cite_as: art. 26 Opvangrichtlijn 2024
    jurisdiction: eu
    gives_effect:
      - id: ivrk-22
        why: Het belang van het kind in de opvang.
"""
CEASED = LEGAL["instruments/richtlijn.yaml"].rstrip() + """
        ceased_from: '2026-06-12'
        replaced_by:
          - id: richtlijn-2024
            why: Herschikt en ingetrokken.
"""
RELYING_RISK = """
    title: Geen beoordeling van kwetsbaarheid
    theme: thema-a
    engages: [ivrk-22]
    sources: [bron-a]
    provisions:
      - id: richtlijn-23
        why: De oude richtlijn vroeg die beoordeling.
"""


@pytest.fixture
def time_kb(make_kb):
    def make(changes=None):
        return make_kb({**LEGAL, "instruments/richtlijn.yaml": CEASED, "instruments/richtlijn-2024.yaml": NEW_DIRECTIVE,
                        "provisions/richtlijn-2024-26.yaml": NEW_ARTICLE, **(changes or {})})
    return make


def pages_of(root) -> Pages:
    kb = load_kb(root)
    assert kb.problems == [], [str(p) for p in kb.problems]
    return Pages(build_graph(kb), accessed=ACCESSED)


@pytest.mark.parametrize("fields, on, expected", [
    ({}, "2026-12-04", "applies"),
    ({"ceased_from": "2026-06-12"}, "2026-06-11", "applies"),
    ({"ceased_from": "2026-06-12"}, "2026-06-12", "ceased"),
    ({"applies_from": "2026-06-12", "entry_into_force": "2024-06-11"}, "2025-01-01", "not_yet"),
    ({"applies_from": "2026-06-12", "entry_into_force": "2024-06-11"}, "2026-06-12", "applies"),
    ({"entry_into_force": "2027"}, "2026-12-31", "not_yet"),  # a year is its first day
    ({"ceased_from": "2026-06"}, "2026-06-01", "ceased"),
    ({"type": "risk", "ceased_from": "2000-01-01"}, "2026-12-04", None),  # only law has a status
])
def test_law_status_is_declared_once_in_the_model(fields, on, expected):
    assert model.law_status(fields, on) == expected


def test_a_provision_takes_the_dates_its_instrument_has_and_its_own_first():
    directive = {"ceased_from": "2026-06-12"}
    assert model.law_status({"type": "provision"}, "2026-12-04", directive) == "ceased"
    assert model.law_status({"type": "provision", "ceased_from": "2020-01-01"}, "2019-12-31", directive) == "applies"


def test_the_time_fields_and_replaced_by_are_declared_for_instruments_and_provisions():
    for t in model.LAW_TYPES:
        fields = model.fields_of(t)
        assert [fields[n].label for n in model.TIME_FIELDS] == [
            "In werking getreden", "Van toepassing vanaf", "Vervallen per", "Tekstversie"]
        assert all(fields[n].kind is model.Kind.DATE for n in model.TIME_FIELDS)
        rel = model.RELATIONS_BY_TYPE[t]["replaced_by"]
        assert rel.target_types == (t,) and rel.many and rel.reverse_label == "Vervangt"


def test_a_repealed_law_says_so_at_the_top_and_links_to_its_successor(time_kb):
    p = pages_of(time_kb({"wetstand.yaml": "checked: '2026-12-01'\n"}))
    page = p.record_page("richtlijn")
    head = page[:page.index("kb-summary") if "kb-summary" in page else len(page)]
    assert "Vervallen per 12 juni 2026" in head and "geschiedenis" in head
    assert '<a href="../../instrumenten/richtlijn-2024/">' in head and "Herschikt en ingetrokken." in head
    assert "Stand van het recht: 1 december 2026" in head
    # its provision has ceased with it and names what replaced the instrument
    prov = p.record_page("richtlijn-23")
    assert "Vervallen per 12 juni 2026" in prov and "Het instrument is vervangen door" in prov
    assert '<a href="../../instrumenten/richtlijn-2024/">' in prov
    # the successor lists what it replaces
    new = p.record_page("richtlijn-2024")
    assert "## Vervangt" in new and "kb-law-status--applies" in new and "<strong>Geldend</strong>" in new


def test_law_that_does_not_apply_yet_says_from_when(time_kb):
    p = pages_of(time_kb())
    p.accessed = "2025-01-01"
    page = p.record_page("richtlijn-2024")
    assert "Van toepassing vanaf 12 juni 2026" in page and "nog niet van toepassing" in page
    assert "Vervallen" not in page.split("kb-summary")[0]


def test_records_that_are_not_law_have_no_status(time_kb):
    p = pages_of(time_kb())
    assert "kb-law-status" not in p.record_page("risico-a") and p.law_status("ivrk-22") is None


def test_the_index_of_instruments_shows_the_status(time_kb):
    p = pages_of(time_kb())
    rows = json.loads(p.index_data("instrument"))
    assert any("vervallen per 12 juni 2026" in r and "richtlijn/" in r for r in rows)
    assert any("geldend" in r and "richtlijn-2024/" in r for r in rows)


def test_a_risk_relying_only_on_repealed_law_is_warned_with_the_successor(time_kb):
    kb = load_kb(time_kb({"risks/risico-b.yaml": RELYING_RISK}))
    assert kb.problems == []
    (w,) = [p for p in kb.warnings if p.code == "ceased-law"]
    assert (w.path, w.line) == ("risks/risico-b.yaml", 6)
    assert "steunt alleen op recht dat niet meer geldt (richtlijn-23" in w.message
    assert "richtlijn-2024" in w.hint  # the successor of its instrument
    # naming the law that applies today as well ends the warning
    both = RELYING_RISK + "      - id: richtlijn-2024-26\n        why: De nieuwe richtlijn.\n"
    kb = load_kb(time_kb({"risks/risico-b.yaml": both}))
    assert [p for p in kb.warnings if p.code == "ceased-law"] == []


def test_a_theme_or_recommendation_relying_only_on_repealed_law_is_warned(time_kb):
    theme = """
        title: Opvang
        number: 2
        legal_basis:
          - id: richtlijn
            why: De oude opvangrichtlijn.
    """
    kb = load_kb(time_kb({"themes/thema-b.yaml": theme}))
    (w,) = [p for p in kb.warnings if p.code == "ceased-law"]
    assert w.path == "themes/thema-b.yaml" and w.line == 4 and "richtlijn-2024" in w.hint


def test_a_successor_without_the_date_the_law_ceased_is_warned(time_kb):
    text = CEASED.replace("        ceased_from: '2026-06-12'\n", "")
    kb = load_kb(time_kb({"instruments/richtlijn.yaml": text}))
    (w,) = [p for p in kb.warnings if p.code == "ceased-law"]
    assert w.path == "instruments/richtlijn.yaml" and "'ceased_from' ontbreekt" in w.message


@pytest.mark.parametrize("text, message", [
    ("checked: 4 december\n", "geen datum JJJJ-MM-DD"),
    ("checked: '2026-13-01'\n", "geen datum JJJJ-MM-DD"),
    ("note: zonder datum\n", "mist 'checked:'"),
    ("checked: '2026-12-01'\nby: redactie\n", "onbekend veld 'by'"),
    ("- checked\n", "geen verzameling velden"),
    ("checked: [\n", ""),
])
def test_a_bad_law_date_file_is_a_located_dutch_error(time_kb, text, message):
    kb = load_kb(time_kb({"wetstand.yaml": text}))
    found = [p for p in kb.problems if p.path == lawtime.FILE]
    assert found and message in " ".join(p.message for p in found)


def test_the_bundled_knowledge_base_states_the_law_date_and_the_repealed_reception_directive():
    kb = load_kb(ROOT)
    assert kb.law_date.get("checked")
    old = kb.records["opvangrichtlijn-2013"]
    assert old.fields["ceased_from"] == "2026-06-12"
    assert old.fields["eli"] == "http://data.europa.eu/eli/dir/2013/33/oj"
    assert [l.target for l in old.links if l.relation == "replaced_by"] == ["opvangrichtlijn-2024"]
    assert [p for p in kb.warnings if p.code == "ceased-law"] == []


def test_the_wegwijzer_and_the_juridisch_kader_list_law_that_applies_today_first(time_kb, tmp_path):
    import subprocess

    from conftest import node_executable

    p = pages_of(time_kb())
    data = p.guide_data()
    law = data["articles"]["ivrk-22"]["law"]
    assert law.index("richtlijn-2024-26") < law.index("richtlijn-23")
    assert data["nodes"]["richtlijn-23"]["st"] == "ceased"
    assert data["nodes"]["richtlijn-23"]["sl"] == "vervallen per 12 juni 2026"
    assert "st" not in data["nodes"]["richtlijn-2024-26"]
    (tmp_path / "data.json").write_text(json.dumps(data), encoding="utf-8")
    script = ("const K = require(process.argv[1]); const d = require(process.argv[2]);"
              "const k = K.build([{a: 'ivrk-22'}], d, 'https://example.org/', {});"
              "console.log(JSON.stringify(k.sections[0].parts));")
    out = subprocess.run([node_executable(), "-e", script, str(ROOT / "kb/theme/assets/kb-kader.js"),
                          str(tmp_path / "data.json")], capture_output=True, text=True, check=True).stdout
    parts = {part["label"]: [i["text"] for i in part["items"]] for part in json.loads(out)}
    labels = list(parts)
    assert labels.index("Wet- en regelgeving die nu geldt") < labels.index("Eerder geldend recht (alleen als geschiedenis)")
    assert parts["Wet- en regelgeving die nu geldt"] == ["art. 1.3 lid 4 Jeugdwet", "art. 26 Opvangrichtlijn 2024"]
    assert parts["Eerder geldend recht (alleen als geschiedenis)"] == [
        "art. 23 Opvangrichtlijn (vervallen per 12 juni 2026)"]


def test_the_home_page_states_the_law_date(time_kb):
    p = pages_of(time_kb({"wetstand.yaml": "checked: '2026-12-01'\nnote: Het Migratiepact geldt.\n"}))
    home = p.home_page()
    assert "Stand van het recht: 1 december 2026" in home and "Het Migratiepact geldt." in home


def test_every_article_page_links_to_the_official_dutch_text_and_to_its_own_article_where_known():
    """A link into an article of BWBV0002508 only where a read source shows it (test_content_legal); every other
    article page links to the whole treaty and its note says why."""
    import re as _re

    kb = load_kb(ROOT)
    p = Pages(build_graph(kb), accessed=ACCESSED)
    articles = kb.of_type("article")
    assert len(articles) >= 54
    for record in articles:
        n, part = record.fields["number"], record.fields["part"]
        page = p.record_page(record.id)
        links = _re.findall(r'href="(https://wetten\.overheid\.nl/[^"]+)"', page)
        assert len(links) == 1, record.id
        note = " ".join(record.fields.get("verification_note", "").split())
        if "#" in links[0]:
            assert links[0].endswith(f"#Verdrag_2_Verdragtekst_Deel{part}_Artikel{n}"), (record.id, links)
            assert f"Artikel {n} in de officiële Nederlandse tekst" in page
        else:
            assert links[0] == "https://wetten.overheid.nl/BWBV0002508", record.id
            assert "opent het hele verdrag op wetten.overheid.nl" in note, record.id
        # the note says what was checked against which official text, and names no copy or tool
        assert "laws-markdown" not in note and "statengeneraal" not in note and "wetten.overheid.nl" in note
