"""The legal-phrasing check (phrasing.yaml) and the disputed-figure check: each entry of the project's list
is fed in a record's own words and must be reported where it stands; quotations, negations and bad lists too."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from kb.phrasing import FILE, compile_phrase, load_phrasings
from kb.validate import load_kb
from kb.yamlio import load

ROOT = Path(__file__).resolve().parent.parent
ENTRIES = load((ROOT / FILE).read_bytes()).data["phrasings"]

RISK = """\
title: Een situatie
theme: thema-a
summary: >-
  {summary}
engages:
  - id: ivrk-22
    why: >-
      {why}
sources: [bron-a]
{extra}"""


def sample(phrase: str) -> str:
    """A Dutch sentence that uses the phrase (a `*` word with an ending, `...` as three words)."""
    words = []
    for token in phrase.split():
        if token in ("...", "…"):
            words += ["het", "kind", "de"]
        else:
            words.append(token.rstrip("*") + ("en" if token.endswith("*") else ""))
    return "Volgens ons " + " ".join(words) + " in deze situatie."


@pytest.fixture
def make_kb(make_kb):
    """The minimal knowledge base with the project's own phrasing.yaml (unless a test replaces it)."""
    return lambda changes: make_kb({FILE: (ROOT / FILE).read_text(encoding="utf-8"), **changes})


def warnings(root, code="phrasing"):
    return [p for p in load_kb(root).warnings if p.code == code]


def test_the_list_is_valid_and_seeded_from_the_audits():
    phrasings, problems = load_phrasings(ROOT)
    assert problems == []
    phrases = {p.phrase for p in phrasings}
    # audit of issue 25 (rows 1, 5, 7, 10) and the earlier one (art. 3 'voorop', art. 22(2))
    assert {"voorop*", "mag ... niet worden onthouden", "niet worden vervolgd", "na rechterlijke toetsing",
            "helpen ... opsporen", "altijd", "nooit", "in alle gevallen"} <= phrases
    assert all(p.reason and p.misreads for p in phrasings)


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["phrase"] for e in ENTRIES])
def test_every_entry_is_reported_in_a_summary_and_a_why(make_kb, entry):
    text = sample(entry["phrase"])
    root = make_kb({"risks/risico-a.yaml": RISK.format(summary=text, why="Bescherming ontbreekt.", extra=""),
                    "risks/risico-b.yaml": RISK.format(summary="Een situatie.", why=text, extra="")})
    found = warnings(root)
    where = {(p.path, p.line) for p in found}
    assert ("risks/risico-a.yaml", 3) in where, [str(p) for p in found]
    assert ("risks/risico-b.yaml", 7) in where, [str(p) for p in found]
    p = next(p for p in found if p.path == "risks/risico-a.yaml" and entry["reason"] in p.message)
    assert "summary" in p.message
    assert entry["misreads"] in p.hint and "quoted_phrasings" in p.hint
    assert load_kb(root).problems == []  # a warning, never a failure


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["phrase"] for e in ENTRIES])
def test_a_record_that_says_it_follows_its_source_is_not_reported(make_kb, entry):
    text = sample(entry["phrase"])
    matching = [e["phrase"] for e in ENTRIES if compile_phrase(e["phrase"]).search(text)]  # e.g. 'altijd' too
    extra = "quoted_phrasings: [" + ", ".join(f"'{m}'" for m in matching) + "]\n"
    root = make_kb({"risks/risico-a.yaml": RISK.format(summary=text, why=text, extra=extra)})
    assert [p for p in warnings(root) if p.path == "risks/risico-a.yaml"] == []


def test_a_negation_before_the_phrase_is_no_absolute_rule(make_kb):
    root = make_kb({"risks/risico-a.yaml": RISK.format(summary="De woning is niet altijd aangepast.",
                                                       why="Het kind krijgt altijd een voogd.", extra="")})
    (p,) = warnings(root)
    assert (p.path, p.line) == ("risks/risico-a.yaml", 7) and "'altijd'" in p.message


def test_a_verification_note_is_not_a_legal_statement(make_kb):
    root = make_kb({"risks/risico-a.yaml": RISK.format(summary="Een situatie.", why="Bescherming ontbreekt.",
                                                       extra="verification_note: De bron noemt nooit een datum.\n")})
    assert warnings(root) == []


def test_an_unknown_quoted_phrasing_is_reported(make_kb):
    root = make_kb({"risks/risico-a.yaml": RISK.format(summary="Een situatie.", why="Bescherming ontbreekt.",
                                                       extra="quoted_phrasings: ['bestaat niet']\n")})
    (p,) = warnings(root)
    assert p.line == 10 and "'bestaat niet' staat niet in phrasing.yaml" in p.message


def test_vocabulary_notes_are_checked(make_kb):
    root = make_kb({"vocabulary.yaml": "groups:\n  - words: [scheiding]\n    records: [ivrk-20]\n"
                                       "    note: Alleen na rechterlijke toetsing (artikel 9).\n"})
    (p,) = warnings(root)
    assert (p.path, p.line) == ("vocabulary.yaml", 4)


@pytest.mark.parametrize("text, line, message", [
    ("phrasings:\n  - phrase: altijd\n    reason: r\n", 2, "de formulering mist 'misreads'"),
    ("phrasings:\n  - phrase: altijd\n    reason: r\n    misreads: m\n    soms: x\n", 5, "onbekend veld 'soms'"),
    ("phrasings:\n  - {phrase: altijd, reason: r, misreads: m}\n  - {phrase: Altijd, reason: r, misreads: m}\n", 3,
     "'Altijd' staat al in de lijst"),
    ("phrasings:\n  - {phrase: '... altijd', reason: r, misreads: m}\n", 2, "geen bruikbare formulering"),
    ("phrasings:\n  - {phrase: altijd, reason: r, misreads: m, not_after: niet}\n", 2, "'not_after' moet een lijst"),
    ("phrasings: altijd\n", 1, "'phrasings:' met een lijst"),
    ("phrasings:\n  - phrase: altijd\n    phrase: nooit\n", 3, "staat twee keer"),
])
def test_a_bad_list_is_reported_where_it_is_wrong(make_kb, text, line, message):
    root = make_kb({FILE: text})
    found = [p for p in load_kb(root).problems if p.path == FILE]
    assert any(p.line == line and message.lower() in p.message.lower() for p in found), [str(p) for p in found]


def test_phrases_match_whole_words_and_in_linear_time():
    pattern = compile_phrase("mag ... niet worden onthouden")
    assert pattern.search("Geen kind mag de toegang tot zorg niet worden onthouden.")
    assert not pattern.search("Geen kind mag ooit, onder welke omstandigheid dan ook echt, niet worden onthouden.")
    assert compile_phrase("voorop*").search("dat het belang vooropstaat")
    assert not compile_phrase("nooit").search("nooitgedachte")
    start = time.perf_counter()
    assert not pattern.search("mag " + "a " * 200_000 + "niet worden")
    assert time.perf_counter() - start < 2


FACT = """\
title: Verdwenen kinderen
value: '{value}'
unit: kinderen verdwenen uit de opvang
period: '2023'
verified: {verified}
verification_note: De periode is betwist.
evidences: [risico-a]
sources: [bron-a]
"""


@pytest.mark.parametrize("value, written", [("360", "360"), ("7270", "7.270"), ("0.85", "0,85")])
def test_a_disputed_figure_repeated_as_certain_is_reported(make_kb, value, written):
    root = make_kb({"facts/feit-a.yaml": FACT.format(value=value, verified="false"),
                    "risks/risico-a.yaml": RISK.format(summary=f"In 2023 verdwenen {written} kinderen uit de opvang.",
                                                       why="Bescherming ontbreekt.", extra="")})
    (p,) = warnings(root, "disputed-figure")
    assert (p.path, p.line) == ("risks/risico-a.yaml", 3)
    assert "feit-a" in p.message and "niet bevestigd" in p.message


def test_a_disputed_figure_said_to_be_disputed_or_a_verified_one_is_not_reported(make_kb):
    said = RISK.format(summary="Volgens het paper verdwenen 360 kinderen uit de opvang; de periode is betwist.",
                       why="Bescherming ontbreekt.", extra="")
    root = make_kb({"facts/feit-a.yaml": FACT.format(value="360", verified="false"), "risks/risico-a.yaml": said})
    assert warnings(root, "disputed-figure") == []
    plain = RISK.format(summary="In 2023 verdwenen 360 kinderen uit de opvang.", why="Geen.", extra="")
    root = make_kb({"facts/feit-a.yaml": FACT.format(value="360", verified="true"), "risks/risico-a.yaml": plain})
    assert warnings(root, "disputed-figure") == []
    other = RISK.format(summary="Er zijn 360 plaatsen in de gemeente.", why="Geen.", extra="")  # not the figure
    root = make_kb({"facts/feit-a.yaml": FACT.format(value="360", verified="false"), "risks/risico-a.yaml": other})
    assert warnings(root, "disputed-figure") == []


def test_the_bundled_knowledge_base_repeats_no_disputed_figure_as_certain():
    kb = load_kb(ROOT)
    assert [str(p) for p in kb.warnings if p.code == "disputed-figure"] == []
    assert not re.search(r"voorop", (ROOT / "gc-paragraphs/gc-14-par-99.yaml").read_text())
