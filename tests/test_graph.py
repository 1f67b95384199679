"""The graph: every link once as an edge, reverse links derived, node-link export shape."""

from __future__ import annotations

import base64
import html
import json
import os
import re
from pathlib import Path

import pytest

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
    nb = kbgraph.Neighbours(g)
    assert nb.sources("ivrk-22", "implements") == ["aanbeveling-a"]
    assert nb.sources("ivrk-22", "engages") == ["risico-a"]
    assert nb.sources("ivrk-22", "interprets") == ["gc-6"]
    assert nb.sources("ivrk-22", "concerns") == ["co-nld-2022-38e"]
    assert nb.targets("ivrk-22", "related") == ["ivrk-20"]


def test_article_page_lists_incoming_links_under_dutch_labels(minimal_kb):
    # values from YAML are written as character references (kb.escape); compare the text they show
    md = html.unescape(Pages(kbgraph.build_graph(load_kb(minimal_kb))).record_page("ivrk-22"))
    # grouped by source and theme, each with its why
    assert ("## Aanbevelingen die dit recht dienen\n\n### Position paper — Uitbuiting\n\n"
            '<ul class="kb-links" data-pagefind-ignore><li><a href="../../aanbevelingen/aanbeveling-a/">'
            "Kleinschalige opvang</a> — Passende bescherming.</li></ul>") in md
    assert ("## Uitgelegd in General Comments\n\n" '<ul class="kb-links" data-pagefind-ignore><li>'
            '<a href="../../general-comments/gc-6/">General Comment nr. 6 (2005): Niet-begeleide kinderen</a>') in md
    assert ("## Situaties en risico's die dit recht raken\n\n" '<ul class="kb-links" data-pagefind-ignore><li>'
            '<a href="../../risicos/risico-a/">Verdwijning uit de opvang</a> — Bescherming ontbreekt.</li>') in md
    assert '## Wat het VN-Comité Nederland vroeg\n\n<ul class="kb-links" data-pagefind-ignore><li><a href="../../slotbeschouwingen/co-nld-2022-38e/">CRC/C/NLD/CO/5-6 par. 38(e)' in md
    assert '## Verwante artikelen\n\n<ul class="kb-links" data-pagefind-ignore><li><a href="../../artikelen/ivrk-20/">Artikel 20 IVRK: Kind zonder ouderlijke zorg</a>' in md
    # two hops: facts about risks that engage the article
    assert '## Feiten en cijfers bij situaties die dit recht raken\n\n<ul class="kb-links" data-pagefind-ignore><li><a href="../../feiten/feit-a/">Verdwenen kinderen 2023</a>' in md


SNAPSHOTS = Path(__file__).parent / "snapshots"


def sections(md: str) -> dict[str, str]:
    """A page cut at its `## ` headings: the head (front matter, title, badges, summary, citation) and each
    section, by a file name made from its heading."""
    parts = re.split(r"(?m)^(?=## )", md)
    out = {"00-head": parts[0]}
    for i, part in enumerate(parts[1:], 1):
        heading = part.splitlines()[0][3:]
        out[f"{i:02d}-" + re.sub(r"[^a-z0-9]+", "-", html.unescape(heading).lower()).strip("-")] = part
    return out


@pytest.mark.parametrize("node", ["ivrk-22", "aanbeveling-a", "risico-a"])
def test_generated_markdown_matches_golden_sections(minimal_kb, node):
    """Small golden files, one per page section (as mkdocs-gen-files keeps them). After an intended change:
    UPDATE_SNAPSHOTS=1 pytest tests/test_graph.py, then review the diff of tests/snapshots/<node>/."""
    md = Pages(kbgraph.build_graph(load_kb(minimal_kb)), accessed="2026-01-01").record_page(node)
    # the citation downloads are base64 data: URLs; the golden file shows them decoded, so a diff is reviewable
    downloads = []

    def decode(m):
        downloads.append(f"--- {m.group(2)}\n" + base64.b64decode(m.group(1)).decode("utf-8"))
        return f'base64,…" download="{m.group(2)}"'

    md = re.sub(r'base64,([A-Za-z0-9+/=]+)" download="([^"]+)"', decode, md)
    found = sections(md)
    if downloads:
        found["99-downloads"] = "".join(f"{d}\n" for d in downloads)
    folder = SNAPSHOTS / node
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        if folder.exists():
            for old in folder.iterdir():
                old.unlink()
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in found.items():
            (folder / f"{name}.md").write_text(text, encoding="utf-8")
    stored = {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))}
    assert sorted(found) == sorted(stored)
    for name, text in found.items():
        assert text == stored[name], f"{node}/{name}.md"


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


def test_wegwijzer_routes_explain_why_an_article_applies(minimal_kb):
    from kb.guide import guide_data

    g = kbgraph.build_graph(load_kb(minimal_kb))
    data = guide_data(g, kbgraph.Neighbours(g), lambda n: g.nodes[n]["title"], lambda n: n + "/")
    assert data["choices"]["target_group"] == ["amv"]
    amv = {r["a"]: r for r in data["routes"]["amv"]}
    # amv ← theme → ivrk-22 (legal basis), amv ← risk → ivrk-22 (engages), amv ← recommendation → ivrk-22
    assert amv["ivrk-22"]["w"] == 2 + 2 + 1 and amv["ivrk-22"]["n"] == 3
    assert ["risico-a"] in amv["ivrk-22"]["via"] and ["thema-a"] in amv["ivrk-22"]["via"]
    assert "Bescherming ontbreekt." in amv["ivrk-22"]["why"]
    assert data["routes"]["risico-a"] == [{"a": "ivrk-22", "w": 4, "n": 1, "via": [[]], "why": ["Bescherming ontbreekt."]}]
    assert data["articles"]["ivrk-22"]["gc"] == [["gc-6", ""]] and data["articles"]["ivrk-22"]["rec"] == ["aanbeveling-a"]
    assert data["articles"]["ivrk-22"]["obs"] == [["co-nld-2022-38e", ""]]
    assert data["nodes"]["ivrk-22"]["c"] == "art. 22 IVRK" and data["nodes"]["gc-6"]["c"] == "General Comment nr. 6, CRC/GC/2005/6"


def test_put_record_gives_the_graph_of_a_fresh_read(minimal_kb):
    """kb serve's quick path puts an edited record into the graph with graph.put_record, the function
    build_graph uses: the result equals the graph of the edited knowledge base read afresh, and Pages forgets
    the heading it kept."""
    from kb.validate import valid_links

    g = kbgraph.build_graph(load_kb(minimal_kb))
    pages = Pages(g)
    assert pages.heading("aanbeveling-a")
    path = minimal_kb / "recommendations/aanbeveling-a.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Kleinschalige opvang", "title: Kleine opvang")
                    .replace("addresses: [risico-a]\n", "").replace("aligns_with: [co-nld-2022-38e]\n", ""),
                    encoding="utf-8")
    kb = load_kb(minimal_kb)
    record = kb.records["aanbeveling-a"]
    targets = kbgraph.put_record(g, record, [l for l in valid_links(kb) if l.source == record.id])
    assert "risico-a" not in targets and "ivrk-22" in targets
    fresh = kbgraph.build_graph(kb)
    assert list(g.nodes(data=True)) == list(fresh.nodes(data=True))
    assert list(g.edges(keys=True, data=True)) == list(fresh.edges(keys=True, data=True))
    pages.forget(["aanbeveling-a"])
    assert "Kleine opvang" in pages.heading("aanbeveling-a")
