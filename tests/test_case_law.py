"""Case law (issue 22): the identifiers of each forum in their official form, the Committee's views, and where
case law shows (article, risk and theme pages, the case-law index, the wegwijzer's data)."""

from __future__ import annotations

import functools
import html
import json
import re

import pytest

from conftest import ROOT
from kb import model
from kb.graph import build_graph
from kb.render import Pages
from kb.validate import load_kb

ECHR = """
title: Bewaring van een gezin
forum: echr
court: Europees Hof voor de Rechten van de Mens
court_short: EHRM
date: 2012-01-19
case_number: 39472/07 en 39474/07
ecli: ECLI:CE:ECHR:2012:0119JUD003947207
parties: Popov t. Frankrijk
holding: Bewaring van jonge kinderen in een ongeschikt centrum schond art. 3 EVRM.
relevant_to:
  - id: ivrk-22
    why: Vrijheidsbeneming van kinderen.
risks:
  - id: risico-a
    why: Gezinnen met kinderen in bewaring.
"""
CJEU = """
title: Sanctie op opvang
forum: cjeu
ecli: ECLI:EU:C:2019:956
court: Hof van Justitie van de Europese Unie
court_short: HvJ EU
date: 2019-11-12
case_number: C-233/18
parties: Haqbin
holding: Een sanctie mag de opvang niet geheel intrekken.
applies: [ivrk-22]
"""
NL = """
title: Belang van het kind
forum: nl
ecli: ECLI:NL:RVS:2007:AZ9524
court: Afdeling bestuursrechtspraak van de Raad van State
court_short: ABRvS
date: 2007-02-15
holding: Lid 1 is niet rechtstreeks toepasbaar.
denies_direct_effect: [ivrk-22]
"""
VIEW = """
title: N.B.F. t. Spanje
symbol: CRC/C/79/D/11/2017
communication: 11/2017
author: N.B.F.
state: Spanje
adopted: 2018-09-27
subject: Leeftijdsbepaling
outcome: violation
violated:
  - id: ivrk-22
    why: Geen bescherming als kind.
risks:
  - id: risico-a
    why: Leeftijd als volwassene ingeschat.
"""
RISK = """
title: Leeftijd als volwassene ingeschat
theme: thema-a
engages:
  - id: ivrk-22
    why: Bescherming als kind ontbreekt.
sources: [bron-a]
"""
FILES = {"rulings/echr.yaml": ECHR, "rulings/cjeu.yaml": CJEU, "rulings/nl.yaml": NL, "views/crc-79-11-2017.yaml": VIEW,
         "risks/risico-a.yaml": RISK}


def problems(make_kb, changes):
    return load_kb(make_kb({**FILES, **changes})).problems


def test_the_case_law_records_are_valid(make_kb):
    assert problems(make_kb, {}) == []


@pytest.mark.parametrize("path, field, value, hint", [
    ("rulings/echr.yaml", "ecli", "ECLI:NL:RVS:2012:AZ9524", "ECLI:CE:ECHR:"),
    ("rulings/echr.yaml", "case_number", "C-233/18", "39472/07 en 39474/07"),
    ("rulings/echr.yaml", "case_number", "nr. 39472/07", "5797/17"),
    ("rulings/cjeu.yaml", "ecli", "ECLI:CE:ECHR:2019:0119JUD003947207", "ECLI:EU:C:"),
    ("rulings/cjeu.yaml", "case_number", "233/18", "C-233/18"),
    ("rulings/nl.yaml", "ecli", "ECLI:EU:C:2007:956", "ECLI:NL:"),
    ("views/crc-79-11-2017.yaml", "symbol", "CRC/C/79/D/11", "CRC/C/<zitting>/D/<nummer>/<jaar>"),
    ("views/crc-79-11-2017.yaml", "communication", "11-2017", "11/2017"),
])
def test_each_forum_has_its_identifier_form(make_kb, path, field, value, hint):
    text = re.sub(rf"(?m)^{field}: .*$", f"{field}: '{value}'", FILES[path])
    found = [p for p in problems(make_kb, {path: text}) if p.code == "bad-identifier"]
    assert found and found[0].path == path, found
    assert hint in found[0].hint and "verzin het niet" in found[0].hint


def test_the_symbol_of_a_view_carries_its_communication_number(make_kb):
    text = VIEW.replace("communication: 11/2017", "communication: 12/2017")
    (p,) = [p for p in problems(make_kb, {"views/crc-79-11-2017.yaml": text}) if p.code == "bad-identifier"]
    assert "past niet bij 'communication'" in p.message and "11/2017" in p.hint and p.line == 2


@pytest.mark.parametrize("path, field", [("rulings/echr.yaml", "case_number"), ("rulings/cjeu.yaml", "case_number"),
                                         ("rulings/cjeu.yaml", "ecli"), ("rulings/nl.yaml", "ecli"),
                                         ("views/crc-79-11-2017.yaml", "outcome")])
def test_the_identifier_a_forum_needs_is_required_unless_unverified(make_kb, path, field):
    text = re.sub(rf"(?m)^{field}: .*\n", "", FILES[path])
    found = [p for p in problems(make_kb, {path: text}) if p.code == "missing-field"]
    assert found and f"'{field}'" in found[0].message
    unverified = text + "verified: false\nverification_note: Niet gelezen.\n"
    assert problems(make_kb, {path: unverified}) == []


def test_an_echr_ruling_needs_no_ecli(make_kb):
    assert problems(make_kb, {"rulings/echr.yaml": re.sub(r"(?m)^ecli: .*\n", "", ECHR)}) == []


@pytest.fixture
def pages(make_kb):
    kb = load_kb(make_kb(FILES))
    assert not kb.problems, kb.problems
    return Pages(build_graph(kb), accessed="2026-11-30")


def sections(md: str) -> dict[str, str]:
    parts = re.split(r"(?m)^## (.+)$", md)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def test_article_page_lists_case_law_by_forum_newest_first_with_the_holding(pages):
    court = html.unescape(sections(pages.record_page("ivrk-22"))["Rechtspraak"])
    headings = re.findall(r"(?m)^### (.+)$", court)
    assert headings == ["Nederlandse rechter", "Europees Hof voor de Rechten van de Mens",
                        "Hof van Justitie van de Europese Unie", "Uitspraken VN-Kinderrechtencomité"]
    assert "Bewaring van jonge kinderen in een ongeschikt centrum schond art. 3 EVRM." in court
    assert "schending — Leeftijdsbepaling" in court  # a view: its outcome and subject
    assert "EHRM 2012-01-19, nr. 39472/07 en 39474/07 (Popov t. Frankrijk)" in court
    assert "(Schending vastgesteld van)" in court and "(Van belang voor)" in court


def test_risk_and_theme_pages_show_the_cases_of_the_situation(pages):
    risk = sections(pages.record_page("risico-a"))["Rechtspraak bij deze situatie"]
    assert "echr/" in risk and "crc-79-11-2017/" in risk and "cjeu/" not in risk
    theme = sections(pages.record_page("thema-a"))
    assert "echr/" in theme["Rechtspraak bij de situaties van dit thema"]
    assert "crc-79-11-2017/" in theme["Uitspraken van het VN-Kinderrechtencomité bij de situaties van dit thema"]


def test_the_case_law_index_filters_by_forum_article_outcome_and_year(pages):
    page = html.unescape(pages.index_page("ruling"))
    facets = dict(re.findall(r'<label>([^<\n]+)\n<select data-kb-facet="([a-z_]+)"', page))
    assert {"Forum": "forum", "Artikel": "case_article", "Uitkomst": "outcome", "Jaar": "year"}.items() <= facets.items()
    assert '<option value="view">Uitspraken VN-Kinderrechtencomité</option>' in page
    assert '<option value="violation">schending</option>' in page and '<option value="2019">2019</option>' in page
    rows = re.findall(r"<tr data-kb-row[^>]*>", page)
    assert len(rows) == 4
    view_row = next(r for r in page.splitlines() if "crc-79-11-2017" in r)
    assert 'data-f-forum=" view "' in view_row and 'data-f-outcome=" violation "' in view_row
    assert 'data-f-year=" 2018 "' in view_row and 'data-f-case-article=" ivrk-22 "' in view_row
    assert 'href="../vn-comite-uitspraken/crc-79-11-2017/"' in view_row
    # newest first
    order = [m for m in re.findall(r'href="(?:\.\./vn-comite-uitspraken/)?([a-z0-9-]+)/"', page)]
    assert order == ["cjeu", "crc-79-11-2017", "echr", "nl"]


def test_the_wegwijzer_lists_the_cases_of_an_article_cited_as_lawyers_cite_them(pages):
    data = json.loads(pages.site_pages()["wegwijzer/data.json"]) if hasattr(pages, "site_pages") else None
    if data is None:
        pytest.skip("no site pages")
    cases = data["articles"]["ivrk-22"]["case"]
    assert [c[0] for c in cases] == ["cjeu", "crc-79-11-2017", "echr", "nl"]
    assert data["nodes"]["echr"]["c"] == "EHRM 19 januari 2012, nr. 39472/07 en 39474/07 (Popov/Frankrijk)"
    assert data["nodes"]["cjeu"]["c"] == "HvJ EU 12 november 2019, C-233/18 (Haqbin)"
    assert data["nodes"]["nl"]["c"] == "ABRvS 15 februari 2007, ECLI:NL:RVS:2007:AZ9524"
    assert data["nodes"]["crc-79-11-2017"]["c"] == (
        "VN-Kinderrechtencomité 27 september 2018, N.B.F. t. Spanje, CRC/C/79/D/11/2017")
    assert data["nodes"]["echr"]["risks"] == ["risico-a"] and "risks" in data["case_relations"]


@functools.cache
def _bundled_guide_data() -> dict:
    from kb import guide
    from kb.graph import Neighbours

    g = build_graph(load_kb(ROOT))
    pages = Pages(g, accessed="2026-11-30")
    return guide.guide_data(g, Neighbours(g), pages.heading, lambda n: model.url_of(g.nodes[n]["type"], n))


@pytest.mark.parametrize("risk", ["leeftijd-als-volwassene-ingeschat", "vreemdelingenbewaring-kinderen",
                                  "gezinshereniging-belemmerd", "terugkeer-risico-vgv"])
def test_the_wegwijzer_reaches_a_case_about_each_situation(risk):
    """Issue 22: age assessment, detention, family reunification and return with a risk of FGM each reach at
    least one case from the wegwijzer: the risk's articles list a case that is linked to the risk itself."""
    data = _bundled_guide_data()
    articles = {r["a"] for r in data["routes"][risk]}
    cases = {c for a in articles for c, _ in data["articles"][a].get("case", ())}
    about = {c for c in cases if risk in data["nodes"][c].get("risks", ())}
    assert about, (risk, sorted(cases))
    assert all(data["nodes"][c]["c"] for c in about)


def test_a_view_whose_outcome_was_not_read_has_a_page(make_kb):
    text = re.sub(r"(?m)^outcome: .*\n", "", VIEW) + "verified: false\nverification_note: Uitkomst niet gelezen.\n"
    kb = load_kb(make_kb({**FILES, "views/crc-79-11-2017.yaml": text}))
    assert not kb.problems
    md = html.unescape(Pages(build_graph(kb), accessed="2026-11-30").record_page("crc-79-11-2017"))
    assert "<strong>Uitkomst:</strong> niet gelezen — Leeftijdsbepaling" in md
