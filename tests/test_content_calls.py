"""The bundled records (issue 23): every recommendation and observation names its document, body and
locator, and each locator exists in the numbering its source record says was read (`locators`)."""

from __future__ import annotations

import pytest

from conftest import ROOT
from kb import calls, model
from kb.graph import Neighbours, build_graph
from kb.validate import load_kb


@pytest.fixture(scope="module")
def kb():
    loaded = load_kb(ROOT)
    assert not loaded.problems, loaded.problems[:5]
    return loaded


def _locators(link):
    return [(q.name, str(link.qualifiers[q.name])) for q in model.LOCATORS if q.name != "footnote"
            and link.qualifiers.get(q.name)]


@pytest.mark.parametrize("type_name", ["recommendation", "observation"])
def test_each_locator_exists_in_the_numbering_of_its_source(kb, type_name):
    wrong, missing = [], []
    for record in kb.of_type(type_name):
        source_links = [l for l in record.links if l.relation == "sources"]
        assert source_links, f"{record.path}: no source"
        first = source_links[0]
        source = kb.records[first.target]
        numbering = [str(x) for x in source.fields.get("locators", [])]
        found = _locators(first)
        if record.fields.get("verified") is not False and not found:
            missing.append(record.path)  # a verified record names where in its source it stands
        for name, value in found:
            if record.fields.get("verified") is False:
                continue  # a locator as another document gives it, not read: marked so, with its note
            if value not in numbering:
                wrong.append(f"{record.path}: {name} {value!r} not in {source.path} locators {numbering}")
    assert not wrong, wrong
    assert not missing, missing


def test_every_recommendation_names_its_body(kb):
    g = build_graph(kb)
    nb = Neighbours(g)
    nameless = [r.path for r in kb.of_type("recommendation") if not calls.body_of(g, nb, r.id)[1]]
    assert not nameless, nameless


def test_calls_are_made_by_several_bodies_and_answered_with_dated_responses(kb):
    g = build_graph(kb)
    nb = Neighbours(g)
    several = [c.id for c in kb.of_type("call") if len(calls.bodies(calls.timeline(g, nb, c.id))) >= 2]
    assert len(several) >= 12, several
    responses = kb.of_type("response")
    assert len(responses) >= 15
    assert all(r.fields.get("date") and r.fields.get("document") for r in responses)
    bodies = {calls.body_of(g, nb, r.id)[0] for r in kb.of_type("recommendation")}
    assert len(bodies - {""}) >= 7, bodies
