"""Completeness of the bundled knowledge base against the position paper and the legal corpus."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from kb.validate import load_kb

PAPER = "dci-2025-rondetafel-asielopvang"
# The IVRK articles the paper cites, per theme (footnotes 2-7, 13-19, 21-26).
CITED = {
    "uitbuiting-amv": {19, 22, 34, 35, 36, 39},
    "gezinslocaties": {2, 6, 16, 19, 24, 27, 39},
    "beperking-en-speciale-behoeften": {2, 3, 6, 23, 24, 28},
}
GENERAL_COMMENTS = {"gc-6": "CRC/GC/2005/6", "gc-9": "CRC/C/GC/9", "gc-15": "CRC/C/GC/15"}


@pytest.fixture(scope="module")
def kb():
    kb = load_kb(ROOT)
    assert kb.problems == [], "\n".join(map(str, kb.problems))
    return kb


def targets(record, relation):
    return [l.target for l in record.links if l.relation == relation]


def test_the_paper_cites_14_articles(kb):
    assert len(set().union(*CITED.values())) == 14


@pytest.mark.parametrize("theme", sorted(CITED))
def test_each_cited_article_has_its_theme_and_recommendations(kb, theme):
    record = kb.records[theme]
    basis = targets(record, "legal_basis")
    assert {f"ivrk-{n}" for n in CITED[theme]} <= set(basis)
    assert all(l.qualifiers.get("why") for l in record.links if l.relation == "legal_basis"), "every link has a why"
    recs = [r for r in kb.of_type("recommendation") if targets(r, "theme") == [theme]]
    for n in CITED[theme]:
        assert any(f"ivrk-{n}" in targets(r, "implements") for r in recs), f"no recommendation of {theme} serves art. {n}"


def test_the_three_cited_general_comments_with_their_symbols(kb):
    for gc, symbol in GENERAL_COMMENTS.items():
        assert kb.records[gc].fields["symbol"] == symbol
    assert "gc-6" in targets(kb.records["uitbuiting-amv"], "legal_basis")
    assert {"gc-9", "gc-15"} <= set(targets(kb.records["beperking-en-speciale-behoeften"], "legal_basis"))


def test_27_recommendations_each_with_a_locator(kb):
    recs = [r for r in kb.records.values() if r.type == "recommendation" and PAPER in targets(r, "sources")]
    assert len(recs) == 27
    assert sorted(r.fields["number"] for r in recs) == list(range(1, 28))
    for r in recs:
        (link,) = [l for l in r.links if l.relation == "sources" and l.target == PAPER]
        assert link.qualifiers.get("section") and link.qualifiers.get("page"), r.id
        assert targets(r, "implements") and targets(r, "addressed_to"), r.id
    per_theme = {t: sum(1 for r in recs if targets(r, "theme") == [t]) for t in CITED}
    assert per_theme == {"uitbuiting-amv": 11, "gezinslocaties": 9, "beperking-en-speciale-behoeften": 6}


def test_every_figure_has_a_source_and_the_papers_figures_are_there(kb):
    facts = kb.of_type("fact")
    assert all(targets(f, "sources") for f in facts)
    values = {f.fields["value"] for f in facts}
    assert {"7270", "51433", "360", "500", "85", "4"} <= values


def test_recommendation_38e_is_recorded_as_cited_and_unverified(kb):
    obs = kb.records["co-nld-2022-38e"]
    assert obs.fields["paragraph"] == "38(e)" and obs.fields["document"] == "CRC/C/NLD/CO/5-6"
    assert obs.fields["verified"] is False and obs.fields["verification_note"]
    aligned = [r for r in kb.of_type("recommendation") if "co-nld-2022-38e" in targets(r, "aligns_with")]
    assert len(aligned) >= 1


def test_all_54_articles(kb):
    articles = {r.fields["number"]: r for r in kb.of_type("article")}
    assert sorted(articles) == list(range(1, 55))
    for n, r in articles.items():
        assert r.id == f"ivrk-{n}"
        assert r.fields["part"] == ("I" if n <= 41 else "II" if n <= 45 else "III")
        assert r.fields["jci"] == f"jci1.3:c:BWBV0002508&artikel={n}"
        assert r.fields["url_nl"].startswith("https://wetten.overheid.nl/BWBV0002508")
        assert r.fields.get("url_en") and r.fields.get("title_en")
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", r.fields["summary"]) if s]
        assert 2 <= len(sentences) <= 5, (n, len(sentences))
    for n in (26, 37, 40):
        assert articles[n].fields.get("reservation"), f"Dutch reservation to art. {n}"


def test_general_comments_1_to_26_with_symbols_and_articles(kb):
    gcs = {r.fields["number"]: r for r in kb.of_type("general_comment")}
    assert sorted(gcs) == list(range(1, 27))
    for n, r in gcs.items():
        assert re.match(r"^(CRC/GC/\d{4}/\d+|CRC/C/GC/\d+|CMW/C/GC/\d-CRC/C/GC/\d+|CEDAW/C/GC/31-CRC/C/GC/18)", r.fields["symbol"])
        assert targets(r, "interprets"), n
    assert gcs[22].fields["joint_with"] == "CMW" and gcs[23].fields["joint_with"] == "CMW"
    assert gcs[18].fields["joint_with"] == "CEDAW"


def test_every_source_has_a_legal_standing(kb):
    assert all(s.fields.get("standing") for s in kb.of_type("source"))
    assert kb.records["vn-ivrk-1989"].fields["standing"] == "treaty"
    assert kb.records["vn-crc-co-nld-2022"].fields["symbol"] == "CRC/C/NLD/CO/5-6"
    assert kb.records[PAPER].fields["date"] == "2025-08-25"


def test_checklists_for_professionals(kb):
    assert len(kb.records["signalen-uitbuiting"].fields["signals"]) >= 10
    assert len(kb.records["drempels-hulp-zoeken"].fields["signals"]) >= 6
