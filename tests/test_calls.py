"""Issue 23: calls made by several bodies, the responses to them, and what a page derives from both.

A call's status is never typed: it is the effect of its latest dated response (model.CALL_STATUS). The
call page shows the timeline and the status with its evidence; recommendation pages show who else asked;
the Monitor lists every call; each call has an Atom feed (read back with feedparser); "Kopieer onderbouwing"
writes a .docx (read back with python-docx, as Word would)."""

from __future__ import annotations

import html
import io
import json
import re
import subprocess

import docx
import feedparser
import pytest

from conftest import ROOT, node_executable
from kb import calls, model
from kb.graph import Neighbours, build_graph
from kb.render import Pages
from kb.validate import load_kb

# Two bodies (Defence for Children, the inspectorate) make one call; a third body makes a call of its own.
CALLS = {
    "sources/zz-inspectie.yaml": """
        title: Brief van de inspectie
        kind: letter
        standing: finding
        author: Inspectie Justitie en Veiligheid
        date: 2023-05-03
        issued_by: inspectie
        locators: ['2', 'alinea 1']
    """,
    "sources/bron-a.yaml": """
        title: Position paper
        kind: position_paper
        standing: advocacy
        author: Defence for Children Nederland
        date: 2025-08-25
        locators: ['3', Aanbevelingen]
    """,
    "actors/inspectie.yaml": "title: Inspectie Justitie en Veiligheid\n",
    "actors/ministerie.yaml": "title: Ministerie van Asiel en Migratie\n",
    "recommendations/inspectie-a.yaml": """
        title: Kinderen weg uit de noodopvang
        text: Haal kinderen uit de noodopvang.
        implements:
          - id: ivrk-22
            why: Passende bescherming.
        addressed_to: [coa]
        sources:
          - id: zz-inspectie
            page: '2'
        calls: [oproep-kleinschalig]
    """,
    "recommendations/alleen-a.yaml": """
        title: Iets anders
        text: Iets dat niemand anders vraagt.
        sources: [zz-inspectie]
        calls: [oproep-alleen]
    """,
    "calls/oproep-kleinschalig.yaml": """
        title: Kleinschalige opvang
        text: Vang kinderen kleinschalig op.
        themes: [thema-a]
    """,
    "calls/oproep-alleen.yaml": "title: Eén instantie\ntext: Alleen de inspectie vraagt dit.\n",
    "responses/reactie-oud.yaml": """
        title: Afwijzing
        date: 2022-10-31
        document: Kamerstukken II 2022/23, 19637, nr. 2999
        text: Voorrang is nu niet mogelijk.
        by: ministerie
        answers:
          - id: oproep-kleinschalig
            effect: afgewezen
    """,
    "responses/reactie-nieuw.yaml": """
        title: Toezegging
        date: 2025-04-23
        document: Kamerstukken II 2024/25, 19637, nr. 3400
        url: https://example.org/kamerbrief
        text: De minister zegt verbetering toe.
        by: ministerie
        answers:
          - id: inspectie-a
            effect: toegezegd
    """,
}


@pytest.fixture
def graph(make_kb):
    from conftest import MINIMAL

    files = {**MINIMAL, **CALLS}
    files["recommendations/aanbeveling-a.yaml"] = MINIMAL["recommendations/aanbeveling-a.yaml"].replace(
        "text: Vang kinderen kleinschalig op.\n", "text: Vang kinderen kleinschalig op.\n        calls: [oproep-kleinschalig]\n")
    kb = load_kb(make_kb(files))
    assert not kb.problems, kb.problems
    return build_graph(kb)


@pytest.fixture
def pages(graph):
    return Pages(graph, accessed="2026-01-01", site_url="https://example.org/kb/")


def test_the_model_declares_calls_responses_and_the_status_rule():
    assert {"call", "response"} <= set(model.RECORD_TYPES)
    assert model.RELATIONS_BY_TYPE["response"]["answers"].required_qualifiers == ("effect",)
    assert model.QUALIFIERS["effect"].relations == (("response", "answers"),)
    assert "status" not in model.fields_of("call")  # a status is derived, never written


def test_the_latest_dated_response_sets_the_status_also_through_a_recommendation(graph):
    nb = Neighbours(graph)
    st = calls.status(graph, nb, "oproep-kleinschalig")
    # the newer response answers a recommendation that makes the call; it wins over the older one
    assert (st.effect, st.response, st.date, st.by) == ("toegezegd", "reactie-nieuw", "2025-04-23", "ministerie")
    assert [r for r, _ in calls.responses(graph, nb, "oproep-kleinschalig")] == ["reactie-nieuw", "reactie-oud"]
    assert calls.status(graph, nb, "oproep-alleen") is None


def test_a_timeline_names_each_body_its_year_and_locator(graph):
    nb = Neighbours(graph)
    asks = calls.timeline(graph, nb, "oproep-kleinschalig")
    assert [(a.body_name, a.year, a.locator) for a in asks] == [
        ("Inspectie Justitie en Veiligheid", "2023", "p. 2"),
        ("Defence for Children Nederland", "2025", "onderdeel Aanbevelingen, p. 3"),  # no issuer: the author
    ]
    assert [name for _, name in calls.bodies(asks)] == ["Inspectie Justitie en Veiligheid", "Defence for Children Nederland"]


@pytest.mark.parametrize("files, message, code", [
    ({"calls/leeg.yaml": "title: Leeg\ntext: Niemand vraagt dit.\n"}, "wordt door geen aanbeveling", "call-without-asks"),
    ({"responses/r.yaml": "title: R\ndocument: Kamerstuk\ntext: T\nby: ministerie\nanswers:\n  - id: oproep-alleen\n"
                          "    effect: toegezegd\n"}, "'date'", "missing-field"),
    ({"responses/r.yaml": "title: R\ndate: 2024-01-01\ntext: T\nby: ministerie\nanswers:\n  - id: oproep-alleen\n"
                          "    effect: toegezegd\n"}, "'document'", "missing-field"),
    ({"responses/r.yaml": "title: R\ndate: 2024-01-01\ndocument: Kamerstuk\ntext: T\nby: ministerie\n"
                          "answers: [oproep-alleen]\n"}, "mist 'effect'", "missing-field"),
    ({"responses/r.yaml": "title: R\ndate: 2024-01-01\ndocument: Kamerstuk\ntext: T\nby: ministerie\nanswers:\n"
                          "  - id: oproep-alleen\n    effect: misschien\n"}, "geen toegestane waarde", "wrong-type"),
    ({"responses/r.yaml": "title: R\ndate: 2024-01-01\ndocument: Kamerstuk\ntext: T\nby: thema-a\nanswers:\n"
                          "  - id: oproep-alleen\n    effect: toegezegd\n"}, "moet verwijzen naar een actor", "wrong-link-type"),
    ({"calls/oproep-alleen.yaml": "title: X\ntext: Y\nstatus: uitgevoerd\n"}, "onbekend veld 'status'", "unknown-field"),
    ({"recommendations/alleen-a.yaml": "title: X\ntext: Y\nsources: [zz-inspectie]\ncalls:\n  - id: oproep-alleen\n"
                                       "    effect: uitgevoerd\n"}, "hoort niet bij koppeling 'calls'", "unknown-field"),
])
def test_a_status_without_a_dated_sourced_response_is_refused(make_kb, files, message, code):
    from conftest import MINIMAL

    kb = load_kb(make_kb({**MINIMAL, **CALLS, **files}))
    found = [p for p in kb.problems if p.code == code and message in p.message]
    assert found, kb.problems
    assert found[0].line >= 1 and found[0].path.endswith(".yaml")


def test_call_page_shows_status_with_evidence_timeline_and_feed(pages):
    md = pages.record_page("oproep-kleinschalig")
    status = re.search(r'data-kb-status="([^"]+)"><p class="admonition-title">([^<]+)</p>\s*<p>(.*?)</p>', md, re.S)
    assert status.group(1) == "toegezegd" and "toegezegd" in status.group(2)
    evidence = html.unescape(status.group(3))
    assert "reacties/reactie-nieuw/" in evidence and "Kamerstukken II 2024/25, 19637, nr. 3400" in evidence
    assert "23 april 2025" in evidence
    rows = re.findall(r'<tr data-kb-ask="([^"]+)"><td>([^<]*)</td><td>([^<]*)</td>', md)
    assert [(r[0], r[1]) for r in rows] == [("inspectie-a", "2023"), ("aanbeveling-a", "2025")]
    assert 'href="../../artikelen/ivrk-22/"' in md  # the legal basis links the article
    assert 'href="../../monitor/oproep-kleinschalig.xml"' in md
    assert "afgewezen" in md  # the older response is listed too


def test_recommendation_page_shows_who_else_asked(pages):
    md = pages.record_page("aanbeveling-a")
    section = md.split("## " + model.ALSO_ASKED[0], 1)[1]
    assert "Inspectie Justitie en Veiligheid (2023)" in html.unescape(section)
    assert 'href="../../aanbevelingen/inspectie-a/"' in section
    assert "aanbeveling-a/" not in section.split("</ul>")[0]  # not itself


def test_monitor_lists_calls_with_bodies_years_status_and_flags_one_body(pages):
    md = pages.call_site_files()["monitor/index.md"]
    rows = {m.group(1): m.group(0) for m in re.finditer(r'<tr data-kb-row[^>]*>.*?href="\.\./oproepen/([^/]+)/".*?</tr>', md)}
    assert set(rows) == {"oproep-kleinschalig", "oproep-alleen"}
    kl = html.unescape(rows["oproep-kleinschalig"])
    assert "2: Inspectie Justitie en Veiligheid; Defence for Children Nederland" in kl
    assert "<td>2023</td><td>2025</td>" in kl and "toegezegd" in kl
    assert 'data-f-status=" toegezegd "' in kl and 'data-f-themes=" thema-a "' in kl
    assert 'data-f-body=" inspectie bron:bron-a "' in kl and 'data-f-addressed-to=" coa "' in kl
    assert "één instantie" in rows["oproep-alleen"] and "één instantie" not in rows["oproep-kleinschalig"]
    assert 'data-kb-facet="status"' in md or 'data-kb-facet="status"' in html.unescape(md)


def test_each_call_has_an_atom_feed_that_feed_readers_read(pages):
    files = pages.call_site_files()
    feed = feedparser.parse(files["monitor/oproep-kleinschalig.xml"])
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Oproep: Kleinschalige opvang"
    titles = [e.title for e in feed.entries]
    assert titles[0].startswith("Defence for Children Nederland vraagt dit (2025)")
    assert any(t.startswith("Reactie: toegezegd") for t in titles)
    assert any(t.startswith("Reactie: afgewezen") for t in titles)
    assert [e.updated[:10] for e in feed.entries] == sorted((e.updated[:10] for e in feed.entries), reverse=True)
    assert feed.entries[0].link == "../aanbevelingen/aanbeveling-a/"
    assert "monitor/oproep-alleen.xml" in files


def _onderbouwing(md: str) -> dict:
    raw = re.search(r'data-kb-onderbouwing="([^"]+)"', md).group(1)
    return json.loads(html.unescape(raw))


def test_onderbouwing_names_every_body_its_citation_the_legal_basis_and_the_status(pages):
    k = _onderbouwing(pages.record_page("oproep-kleinschalig"))
    assert k["title"] == "Onderbouwing: Kleinschalige opvang"
    assert k["choices"] == ["Inspectie Justitie en Veiligheid", "Defence for Children Nederland"]
    heads = [s["heading"] for s in k["sections"]]
    assert heads[0].startswith("Inspectie Justitie en Veiligheid (2023)")
    assert heads[-1] == "Stand van zaken: toegezegd (23 april 2025)"
    assert k["sections"][-1]["cite"] == "Kamerstukken II 2024/25, 19637, nr. 3400"
    assert k["sections"][-1]["url"] == "https://example.org/kamerbrief"
    basis = [it["text"] for s in k["sections"] for p in s["parts"] for it in p["items"]]
    assert "art. 22 IVRK" in basis  # the article the recommendation serves
    assert "General Comment nr. 6 (2005), par. 40" not in basis  # no GC paragraph in this knowledge base
    assert k["sections"][0]["url"] == "https://example.org/kb/aanbevelingen/inspectie-a/"
    # a recommendation's button copies the onderbouwing of the call it makes
    assert _onderbouwing(pages.record_page("aanbeveling-a"))["sections"] == k["sections"]


def test_onderbouwing_docx_opens_in_word(pages, tmp_path):
    k = _onderbouwing(pages.record_page("oproep-kleinschalig"))
    k["date"] = "2026-01-01"
    script = ("const K = require(process.argv[1]); const k = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "K.toDocx(k).arrayBuffer().then(b => process.stdout.write(Buffer.from(b).toString('base64')));")
    out = subprocess.run([node_executable(), "-e", script, str(ROOT / "kb/theme/assets/kb-kader.js")],
                         input=json.dumps(k), capture_output=True, text=True, timeout=120, check=True).stdout
    import base64

    d = docx.Document(io.BytesIO(base64.b64decode(out)))
    paras = [(p.style.name, p.text) for p in d.paragraphs]
    assert paras[0] == ("Title", "Onderbouwing: Kleinschalige opvang")
    assert ("Normal", "Oproep: Vang kinderen kleinschalig op.") in paras
    assert ("Normal", "Gevraagd door: Inspectie Justitie en Veiligheid; Defence for Children Nederland") in paras
    headings = [t for s, t in paras if s.lower() == "heading 1"]
    assert headings[-1] == "Stand van zaken: toegezegd (23 april 2025) (Kamerstukken II 2024/25, 19637, nr. 3400)"
    assert any(t.startswith("Inspectie Justitie en Veiligheid (2023)") for t in headings)
    text = "\n".join(t for _, t in paras)
    assert "art. 22 IVRK" in text and "Rechtsgrond" in text
    links = [r.target_ref for r in d.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert "https://example.org/kamerbrief" in links


def test_hostile_values_in_calls_responses_and_bodies_render_inert(make_kb):
    """Payloads in every text a call page, the Monitor, a feed and the onderbouwing show stay text."""
    from conftest import MINIMAL
    from test_hostile_render import PAYLOADS, all_html, assert_inert

    files = {**MINIMAL, **CALLS}
    base = build_graph(load_kb(make_kb(files)))
    targets = [("oproep-kleinschalig", "title"), ("oproep-kleinschalig", "text"), ("reactie-nieuw", "title"),
               ("reactie-nieuw", "document"), ("reactie-nieuw", "text"),
               ("inspectie-a", "title"), ("inspectie-a", "text"), ("inspectie", "title"), ("zz-inspectie", "title"),
               ("bron-a", "author")]  # dates are checked by their kind when read, so not here
    baseline = all_html(base)
    for _, payload in PAYLOADS:
        g = base.copy()
        for node, field in targets:
            g.nodes[node][field] = payload
        g.edges["inspectie-a", "zz-inspectie", "sources"]["page"] = payload
        g.edges["reactie-oud", "oproep-kleinschalig", "answers"]["effect"] = payload
        out = all_html(g, subject=payload)
        assert_inert({k: v for k, v in out.items() if "monitor/" in k or "oproepen/" in k or "aanbevelingen/" in k},
                     {k: v for k, v in baseline.items() if "monitor/" in k or "oproepen/" in k or "aanbevelingen/" in k})
        feed = feedparser.parse(out["monitor/oproep-kleinschalig.xml"])
        assert not feed.bozo, (payload, feed.bozo_exception)
        assert _onderbouwing(out["oproepen/oproep-kleinschalig.md"])  # the attribute still parses as JSON


def test_the_wegwijzer_answer_shows_the_calls_behind_an_article():
    """Per article, the calls that the recommendations serving it make: most bodies first, each with how many
    bodies made it and the latest response's effect and year (what kb-wegwijzer.js and the kader show)."""
    from test_case_law import _bundled_guide_data

    data = _bundled_guide_data()
    kb = load_kb(ROOT)
    g = build_graph(kb)
    nb = Neighbours(g)
    with_calls = {a: i["call"] for a, i in data["articles"].items() if i.get("call")}
    assert len(with_calls) >= 5
    for a, made in with_calls.items():
        counts = [len(calls.bodies(calls.timeline(g, nb, c))) for c, _ in made]
        assert counts == sorted(counts, reverse=True), a
        for c, line in made:
            assert g.nodes[c]["type"] == "call" and c in data["nodes"]
            assert any(c in nb.targets(r, "calls") for r in nb.sources(a, "implements")), (a, c)
            st = calls.status(g, nb, c)
            assert line.startswith(f"{counts[[x for x, _ in made].index(c)]} instantie")
            assert (st is None) == (";" not in line) and (st is None or st.label in line), (c, line)
    # the juridisch kader lists them: tests/test_guide_js.py reads its .docx
