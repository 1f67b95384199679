"""Hostile input in a real browser (issue 19): a vocabulary word whose stem is a prototype key, and `?keuze=`
values that are prototype keys or unknown ids. The header search keeps answering, the wegwijzer loads, and an
unknown choice is ignored with a visible note. Fixtures from test_browser.py (slow: run on its own)."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from conftest import copy_bundled_kb
from test_browser import _built_and_served, browser, search  # noqa: F401  (fixtures)

HOSTILE_CHOICES = ["constructor", "toString", "__proto__", "hasOwnProperty", "bestaat-niet"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = copy_bundled_kb(tmp_path_factory.mktemp("kb"))
    with (root / "vocabulary.yaml").open("a", encoding="utf-8") as f:
        f.write("  - words: [constructoren, toString, hasOwnProperty, valueOf, proto]\n"
                "    records: [ivrk-22]\n    note: Een woord dat in JavaScript een sleutel van elk object is.\n")
    yield from _built_and_served(root)


@pytest.fixture
def page(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert errors == []


@pytest.mark.parametrize("query", ["constructoren", "constructor", "__proto__", "toString", "hasOwnProperty",
                                   "art. 22 IVRK"])
def test_header_search_answers_with_prototype_keys_in_the_vocabulary(page, site, query):
    found = search(page, site[1], query)
    assert found, query
    assert "niet beschikbaar" not in page.inner_text(".md-search-result")
    if query in ("constructoren", "art. 22 IVRK"):
        assert any("/artikelen/ivrk-22/" in f for f in found), found


def test_wegwijzer_ignores_hostile_and_unknown_choices_with_a_note(page, site):
    url = site[1] + "wegwijzer/?situatie=" + quote("constructoren toString") + "".join(
        "&keuze=" + quote(c) for c in HOSTILE_CHOICES + ["amv"])
    page.goto(url)
    page.wait_for_selector("[data-kb-guide-ready]")
    note = page.inner_text("[data-kb-guide-ignored]")
    assert "5 keuzes uit het adres zijn onbekend en genegeerd" in note and "constructor" in note
    assert page.is_checked("input[value=amv]")
    ranked = page.eval_on_selector_all(".kb-guide-list > li", "ls => ls.map(l => l.dataset.article)")
    assert "ivrk-22" in ranked
    # a choice made by hand takes the note away
    page.uncheck("input[value=amv]")
    page.wait_for_function("!document.querySelector('[data-kb-guide-ignored]')")
