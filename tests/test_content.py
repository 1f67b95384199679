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


# --- Link quality (issue 10) -------------------------------------------------------------------

# Where the paper cites each article or General Comment of a theme's legal framework: footnote number.
FOOTNOTES = {
    "uitbuiting-amv": {"ivrk-19": "2", "ivrk-22": "3", "ivrk-34": "4", "ivrk-35": "5", "ivrk-36": "6",
                       "ivrk-39": "7", "gc-6": "8"},
    "gezinslocaties": {"ivrk-2": "13", "ivrk-6": "14", "ivrk-19": "15", "ivrk-24": "16", "ivrk-27": "17",
                       "ivrk-16": "18", "ivrk-39": "19"},
    "beperking-en-speciale-behoeften": {"ivrk-2": "21", "ivrk-3": "22", "ivrk-23": "23", "ivrk-6": "24",
                                        "ivrk-24": "25", "ivrk-28": "26", "gc-15": "27", "gc-9": "28"},
}
PAPER_FOOTNOTES = 30  # the paper has footnotes 1-30


def links(record, relation):
    return [l for l in record.links if l.relation == relation]


def link(record, relation, target):
    (found,) = [l for l in record.links if l.relation == relation and l.target == target]
    return found


def why(l):
    return " ".join(str(l.qualifiers.get("why", "")).split())


def test_no_why_is_repeated_on_more_than_three_links(kb):
    seen: dict[str, list] = {}
    for r in kb.records.values():
        for l in r.links:
            if why(l):
                seen.setdefault(why(l), []).append(f"{r.id} -{l.relation}-> {l.target}")
    repeated = {w: ls for w, ls in seen.items() if len(ls) > 3}
    assert not repeated, "\n".join(f"{len(ls)}x {w!r}: {ls}" for w, ls in repeated.items())


def test_every_link_of_a_risk_or_recommendation_says_why(kb):
    for r in (*kb.of_type("risk"), *kb.of_type("recommendation")):
        for l in r.links:
            if l.relation in ("engages", "implements", "aligns_with", "settings", "addressed_to"):
                assert why(l), f"{r.id} -{l.relation}-> {l.target} has no why"


def test_article_links_are_implied_unless_a_footnote_shows_the_source_names_them(kb):
    """The paper cites articles per theme, never per situation or recommendation. An `implements` or
    `engages` link counts as stated by the source only when it carries the `footnote` where the source
    cites that article for that very record; every other such link is `implied: true`."""
    checked = 0
    for r in (*kb.of_type("risk"), *kb.of_type("recommendation")):
        if PAPER not in targets(r, "sources"):
            continue  # risks written from the Committee's views and case law (issue 22) name their own sources
        for l in links(r, "implements") + links(r, "engages"):
            checked += 1
            assert l.qualifiers.get("implied") is True or l.qualifiers.get("footnote"), \
                f"{r.id} -{l.relation}-> {l.target}: implied: true, or the footnote where the source names it"
    assert checked > 100
    for r in kb.of_type("recommendation"):
        if PAPER in targets(r, "sources"):
            assert all(l.qualifiers.get("implied") is True for l in links(r, "implements")), r.id


def test_theme_frameworks_cite_the_papers_footnotes_and_mark_additions_implied(kb):
    for theme, cited in FOOTNOTES.items():
        for l in links(kb.records[theme], "legal_basis"):
            if l.target in cited:
                assert l.qualifiers.get("footnote") == cited[l.target], (theme, l.target)
                assert not l.qualifiers.get("implied"), (theme, l.target)
            else:
                assert l.qualifiers.get("implied") is True, f"{theme}: {l.target} is not cited by the paper"
        assert set(cited) <= set(targets(kb.records[theme], "legal_basis")), theme


def test_footnote_locators_are_footnotes_of_the_paper(kb):
    for r in kb.records.values():
        for l in r.links:
            note = l.qualifiers.get("footnote")
            if note is None:
                continue
            assert re.fullmatch(r"\d+(, \d+)*", str(note)), (r.id, l.target, note)
            assert all(1 <= int(n) <= PAPER_FOOTNOTES for n in str(note).split(", ")), (r.id, l.target, note)
    expected = {("zorgen-igj-kwetsbare-personen", "29"), ("ernstige-diagnoses-zonder-passende-zorg", "30"),
                ("jarenlang-verblijf-gezinslocaties", "20"), ("dci-2025-behoud-spreidingswet", "1"),
                ("verdwijning-uit-opvang-mob", "9, 10, 12")}
    for rid, note in expected:
        assert link(kb.records[rid], "sources", PAPER).qualifiers.get("footnote") == note, rid
    for r in kb.of_type("recommendation"):
        for l in links(r, "aligns_with"):
            if l.target == "co-nld-2022-38e":
                assert l.qualifiers.get("footnote") == "12" and l.qualifiers.get("page") == "4", r.id


def test_example_addressees_are_implied(kb):
    """Actors the paper gives only as examples, or names without addressing the call to them."""
    for rid, actor in (("dci-2025-toekomstperspectief-amv", "samah"), ("dci-2025-toekomstperspectief-amv", "nidos"),
                       ("dci-2025-bekendheid-medische-blokkade", "huisartsen")):
        assert link(kb.records[rid], "addressed_to", actor).qualifiers.get("implied") is True, (rid, actor)
    named = {"coa", "gemeenten", "jeugdzorg", "lokale-organisaties"}  # the paper names these four partners
    for r in kb.of_type("recommendation"):
        if targets(r, "sources")[:1] != [PAPER]:
            continue  # other bodies address their recommendations themselves (tests/test_content_calls.py)
        for l in links(r, "addressed_to"):
            if not l.qualifiers.get("implied"):
                assert r.id == "dci-2025-integrale-samenwerking-zorg" and l.target in named, (r.id, l.target)


def test_trafficking_is_article_35_not_19(kb):
    theme = kb.records["uitbuiting-amv"]
    assert {"ivrk-34", "ivrk-35", "ivrk-36"} <= set(targets(theme, "legal_basis"))
    assert "handel" in why(link(theme, "legal_basis", "ivrk-35"))
    # art. 19(1) is about care by parents, guardians or other carers: the theme keeps the paper's citation
    # but says so, and points to art. 35 for trafficking by others
    nineteen = link(theme, "legal_basis", "ivrk-19")
    assert nineteen.qualifiers.get("paragraph") == "lid 1" and "zorg" in why(nineteen) and "35" in why(nineteen)
    for r in (*kb.of_type("risk"), *kb.of_type("recommendation")):
        if targets(r, "theme") == ["uitbuiting-amv"]:
            assert "ivrk-19" not in targets(r, "engages"), r.id
    for rid in ("verhoogd-risico-uitbuiting-amv", "signalen-uitbuiting", "drempels-hulp-zoeken", "verdwijning-uit-opvang-mob"):
        assert "ivrk-35" in targets(kb.records[rid], "engages"), rid
    trafficking = re.compile(r"mensenhandel|handelaar|handel in kinderen", re.I)
    for r in kb.records.values():
        for l in r.links:
            if l.target == "ivrk-19" and trafficking.search(why(l)):
                assert "35" in why(l), f"{r.id}: art. 19 linked for trafficking without pointing to art. 35"


def test_passend_onderwijs_rests_on_23_3_and_29_1a_not_only_28(kb):
    for rid, relation in (("wachttijd-passend-onderwijs", "engages"),
                          ("dci-2025-passend-onderwijs-zonder-wachtlijst", "implements")):
        r = kb.records[rid]
        assert link(r, relation, "ivrk-23").qualifiers.get("paragraph") == "lid 3", rid
        assert link(r, relation, "ivrk-29").qualifiers.get("paragraph") == "lid 1 onder a", rid
        assert "paper" in why(link(r, relation, "ivrk-28")), f"{rid}: art. 28 is the paper's reading"
    theme = kb.records["beperking-en-speciale-behoeften"]
    assert link(theme, "legal_basis", "ivrk-29").qualifiers.get("paragraph") == "lid 1 onder a"
    twenty_eight = why(link(theme, "legal_basis", "ivrk-28"))
    assert "23 lid 3" in twenty_eight and "29 lid 1 onder a" in twenty_eight and "General Comment nr. 9" in twenty_eight


@pytest.mark.parametrize("number", [4, 18, 20, 31, 32, 33])
def test_articles_a_lawyer_expects_are_reached_by_a_risk_or_recommendation(kb, number):
    article = f"ivrk-{number}"
    reached = [(r.id, l) for r in (*kb.of_type("risk"), *kb.of_type("recommendation"))
               for l in links(r, "engages") + links(r, "implements") if l.target == article]
    assert reached, article
    assert all(why(l) for _, l in reached)
    if number == 18:
        assert any(l.qualifiers.get("paragraph") == "lid 2" for _, l in reached), "art. 18 lid 2: support for parents"


def test_the_specific_corrections_hold(kb):
    rec = kb.records
    # play, rest and recreation: art. 31 (with GC 17), not art. 6
    assert "ivrk-31" in targets(rec["dci-2025-betere-leefomstandigheden-gezinslocaties"], "implements")
    assert "gc-17" in targets(rec["gezinslocaties"], "legal_basis")
    # labour exploitation: art. 32; drug trade and addiction: art. 33
    assert "ivrk-32" in targets(rec["verhoogd-risico-uitbuiting-amv"], "engages")
    assert "ivrk-33" in targets(rec["signalen-uitbuiting"], "engages")
    assert "ivrk-33" in targets(rec["dci-2025-opvang-en-behandeling-slachtoffers-uitbuiting"], "implements")
    # a shared room is first of all housing (art. 27), privacy (art. 16) second
    privacy = rec["gebrek-aan-privacy-gezinslocaties"]
    assert targets(privacy, "engages")[0] == "ivrk-27"
    # "amv is not one group": individual best-interests assessment (art. 3, GC 14), not non-discrimination
    individual = rec["dci-2025-amv-als-individu-benaderen"]
    assert "ivrk-3" in targets(individual, "implements") and "ivrk-2" not in targets(individual, "implements")
    assert "General Comment nr. 14" in why(link(individual, "implements", "ivrk-3"))
    for r in (*kb.of_type("theme"), *kb.of_type("risk"), *kb.of_type("recommendation")):
        for l in r.links:
            if r.type != "theme" and l.target.startswith("ivrk-") and re.search(r"\bspel\b|recreatie", why(l)):
                assert l.target in ("ivrk-31", "ivrk-23"), f"{r.id}: play and recreation belong to art. 31"
            if re.search(r"arbeidsuitbuiting", why(l)) and l.target.startswith("ivrk-"):
                assert l.target in ("ivrk-32", "ivrk-35"), f"{r.id} -> {l.target}: labour exploitation is art. 32"
            if re.search(r"\bdrugs", why(l)) and l.target.startswith("ivrk-"):
                assert l.target == "ivrk-33", f"{r.id} -> {l.target}: drugs are art. 33"


def test_general_comments_14_22_23_in_a_theme_framework_with_why(kb):
    for gc in ("gc-14", "gc-17", "gc-22", "gc-23"):
        themes = [t for t in kb.of_type("theme") if gc in targets(t, "legal_basis")]
        assert themes, gc
        assert all(why(link(t, "legal_basis", gc)) for t in themes), gc
