"""The graph: every link once as an edge, reverse links derived, node-link export shape."""

from __future__ import annotations

import json

from kb import graph as kbgraph
from kb.cli import main
from kb.render import Pages
from kb.validate import load_kb


def test_edges_carry_relation_and_qualifiers(minimal_kb):
    g = kbgraph.build_graph(load_kb(minimal_kb))
    attrs = g.get_edge_data("aanbeveling-a", "coa")
    assert attrs == {"addressed_to": {"relation": "addressed_to", "implied": True}}
    assert g.get_edge_data("aanbeveling-a", "bron-a")["sources"] == {
        "relation": "sources", "section": "Aanbevelingen", "page": "3"}


def test_reverse_links_are_derived(minimal_kb):
    g = kbgraph.build_graph(load_kb(minimal_kb))
    # ivrk-22.yaml names none of these; they are incoming links
    incoming = kbgraph.incoming(g, "ivrk-22")
    assert [s for s, _ in incoming[("recommendation", "implements")]] == ["aanbeveling-a"]
    assert [s for s, _ in incoming[("risk", "engages")]] == ["risico-a"]
    assert [s for s, _ in incoming[("general_comment", "interprets")]] == ["gc-6"]
    assert [s for s, _ in incoming[("observation", "concerns")]] == ["co-nld-2022-38e"]


def test_article_page_lists_incoming_links_under_dutch_labels(minimal_kb):
    md = Pages(kbgraph.build_graph(load_kb(minimal_kb))).record_page("ivrk-22")
    # grouped by source and theme, each with its why
    assert ("## Aanbevelingen die dit recht dienen\n\n### Position paper — Uitbuiting\n\n"
            "- [Kleinschalige opvang](../aanbevelingen/aanbeveling-a.md) — Passende bescherming.") in md
    assert ("## Uitgelegd in General Comments\n\n"
            "- [General Comment nr. 6 (2005): Niet-begeleide kinderen](../general-comments/gc-6.md)") in md
    assert "## Situaties en risico's die dit recht raken\n\n- [Verdwijning uit de opvang](../risicos/risico-a.md) — Bescherming ontbreekt." in md
    assert "## Wat het VN-Comité Nederland vroeg\n\n- [CRC/C/NLD/CO/5-6 par. 38(e)" in md
    assert "## Verwante artikelen\n\n- [Artikel 20 IVRK: Kind zonder ouderlijke zorg](ivrk-20.md)" in md
    # two hops: facts about risks that engage the article
    assert "## Feiten en cijfers bij situaties die dit recht raken\n\n- [Verdwenen kinderen 2023](../feiten/feit-a.md)" in md


def test_export_node_link_shape(minimal_kb, tmp_path, capsys):
    out = tmp_path / "graph.json"
    assert main(["--root", str(minimal_kb), "export", "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) >= {"nodes", "links"}
    nodes = {n["id"]: n for n in data["nodes"]}
    assert len(nodes) == 11
    assert nodes["ivrk-22"]["type"] == "article" and nodes["ivrk-22"]["title"] == "Minderjarige vluchtelingen"
    assert nodes["ivrk-22"]["number"] == 22 and nodes["ivrk-22"]["jci"] == "jci1.3:c:BWBV0002508&artikel=22"
    assert nodes["feit-a"]["value"] == 360
    assert {"source": "aanbeveling-a", "target": "coa", "relation": "addressed_to", "implied": True} in data["links"]
    assert all({"source", "target", "relation"} <= set(l) for l in data["links"])
    assert len(data["links"]) == 22


def test_export_refuses_an_invalid_kb(make_kb, capsys):
    root = make_kb({"actors/coa.yaml": "titel: COA\n"})
    assert main(["--root", str(root), "export"]) == 1
    assert "actors/coa.yaml:1:1: onbekend veld 'titel'" in capsys.readouterr().err


def test_build_graph_py_exports_to_stdout(minimal_kb):
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parent.parent / "build_graph.py"
    result = subprocess.run([sys.executable, str(script), "--root", str(minimal_kb)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["nodes"]) == 11
