"""`kb export` in every format, each read back with the library that format is made for."""

from __future__ import annotations

import csv
import html
import json
import os
import re
import subprocess
import sys

import networkx as nx
import pytest
import rdflib
from rdflib.namespace import DCTERMS, RDF

from conftest import MINIMAL, ROOT, copy_bundled_kb, write_kb
from kb import export, model
from kb.cli import main
from kb.graph import build_graph
from kb.validate import load_kb

BASE = export.DEFAULT_BASE
KB = rdflib.Namespace(BASE + "data/#")
SCHEMA = rdflib.Namespace(export.SCHEMA)
XSD = rdflib.Namespace(export.XSD)  # (rdflib's XSD object upsets pytest's collection)

# A value a spreadsheet would run, quotes of both kinds, a line break, a tab, markup.
HOSTILE = '=HYPERLINK("http://x.invalid","klik")\nregel 2 met "dubbele" en \'enkele\' aanhalingstekens\t<b>&amp;'
HOSTILE_TITLE = "@SUM(1+1) \"titel\" 'x'"


def _export(root, fmt, out, env=None):
    args = ["--root", str(root), "export", "--format", fmt, "-o", str(out)]
    if env is None:
        assert main(args) == 0
    else:
        subprocess.run([sys.executable, "-m", "kb.cli", *args], check=True, env=env, cwd=ROOT)
    return out


@pytest.fixture
def hostile_kb(make_kb):
    return make_kb({
        "actors/coa.yaml": f"title: {json.dumps(HOSTILE_TITLE)}\nabbreviation: '-COA'\nsummary: {json.dumps(HOSTILE)}\n",
    })


@pytest.fixture
def graph(minimal_kb):
    return build_graph(load_kb(minimal_kb))


def _edges(g):
    return sorted((s, t, k) for s, t, k in g.edges(keys=True))


def test_json_is_the_node_link_graph(minimal_kb, tmp_path, graph):
    data = json.loads(_export(minimal_kb, "json", tmp_path / "g.json").read_text(encoding="utf-8"))
    assert {n["id"] for n in data["nodes"]} == set(graph.nodes)
    assert sorted((l["source"], l["target"], l["relation"]) for l in data["links"]) == _edges(graph)


def test_csv_has_a_file_per_record_type_and_links(minimal_kb, tmp_path):
    source = minimal_kb / "sources/bron-a.yaml"
    source.write_text(source.read_text(encoding="utf-8") + "url: https://example.org/paper\n", encoding="utf-8")
    graph = build_graph(load_kb(minimal_kb))
    folder = _export(minimal_kb, "csv", tmp_path / "csv")
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [f"{t.folder}.csv" for t in model.RECORD_TYPES.values()] + ["links.csv"])
    rows = {}
    for rtype in model.RECORD_TYPES.values():
        with open(folder / f"{rtype.folder}.csv", newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            assert reader.fieldnames == export.csv_columns(rtype.name)  # every field of the model, in order
            for row in reader:
                rows[row["id"]] = {k: export.unguard(v) for k, v in row.items()}
    assert set(rows) == set(graph.nodes)
    assert rows["ivrk-22"]["jci"] == "jci1.3:c:BWBV0002508&artikel=22"
    assert rows["ivrk-22"]["number"] == "22"
    assert rows["ivrk-22"]["page"] == BASE + "artikelen/ivrk-22/"
    # a record's own url is kept beside its page address
    assert rows["bron-a"]["url"] == "https://example.org/paper" and rows["bron-a"]["page"] == BASE + "bronnen/bron-a/"
    assert rows["co-nld-2022-38e"]["verified"] == "false"
    assert rows["risico-a"]["signals"] == "afwezig in de nacht"
    assert rows["gc-6"]["path"] == "general-comments/gc-6.yaml"
    with open(folder / "links.csv", newline="", encoding="utf-8") as f:
        links = list(csv.DictReader(f))
    assert sorted((l["source"], l["target"], l["relation"]) for l in links) == _edges(graph)
    coa = next(l for l in links if l["target"] == "coa")
    assert (coa["source_type"], coa["target_type"], coa["implied"]) == ("recommendation", "actor", "true")
    assert next(l for l in links if l["relation"] == "sources" and l["source"] == "risico-a")["page"] == "3"


def test_csv_lists_are_joined_by_line_breaks(make_kb, tmp_path):
    root = make_kb({"risks/risico-a.yaml": MINIMAL["risks/risico-a.yaml"].replace(
        "- afwezig in de nacht", "- afwezig in de nacht\n          - schoolverzuim")})
    folder = _export(root, "csv", tmp_path / "csv")
    with open(folder / "risks.csv", newline="", encoding="utf-8") as f:
        row = next(csv.DictReader(f))
    assert row["signals"].split("\n") == ["afwezig in de nacht", "schoolverzuim"]


def test_graphml_has_the_same_nodes_and_edges_as_the_json(minimal_kb, tmp_path, graph):
    data = json.loads(_export(minimal_kb, "json", tmp_path / "g.json").read_text(encoding="utf-8"))
    g = nx.read_graphml(_export(minimal_kb, "graphml", tmp_path / "g.graphml"), force_multigraph=True)
    assert isinstance(g, nx.MultiDiGraph)
    assert set(g.nodes) == {n["id"] for n in data["nodes"]}
    assert _edges(g) == sorted((l["source"], l["target"], l["relation"]) for l in data["links"])
    assert g.nodes["ivrk-22"]["number"] == 22  # integers stay integers
    assert g.nodes["co-nld-2022-38e"]["verified"] is False
    assert json.loads(g.nodes["risico-a"]["signals"]) == ["afwezig in de nacht"]  # lists as JSON text
    assert g.edges["aanbeveling-a", "coa", "addressed_to"]["implied"] is True
    assert g.nodes["feit-a"]["value"] == "360"  # a number kept as written


def _turtle(root, tmp_path, env=None):
    path = _export(root, "ttl", tmp_path / "g.ttl", env)
    return path, rdflib.Graph().parse(path, format="turtle")


def test_turtle_and_jsonld_hold_the_same_triples(minimal_kb, tmp_path, graph):
    _, ttl = _turtle(minimal_kb, tmp_path)
    jsonld = rdflib.Graph().parse(_export(minimal_kb, "jsonld", tmp_path / "g.jsonld"), format="json-ld")
    assert len(ttl) == len(export.triples(graph, BASE)) > 100
    assert set(ttl) == set(jsonld)  # no blank nodes: equal sets are isomorphic graphs
    for type_name, rtype in model.RECORD_TYPES.items():
        expected = sum(1 for _, a in graph.nodes(data=True) if a["type"] == type_name)
        assert len(set(ttl.subjects(RDF.type, KB[export.class_name(type_name)]))) == expected, type_name


def test_rdf_uses_published_vocabularies_and_page_urls(minimal_kb, tmp_path):
    _, g = _turtle(minimal_kb, tmp_path)
    art = rdflib.URIRef(BASE + "artikelen/ivrk-22/")
    assert (art, RDF.type, SCHEMA.Legislation) in g
    assert (art, RDF.type, rdflib.URIRef(export.ELI + "LegalResourceSubdivision")) in g
    assert g.value(art, SCHEMA.legislationIdentifier) == rdflib.Literal("jci1.3:c:BWBV0002508&artikel=22")
    assert g.value(art, DCTERMS.title) == rdflib.Literal("Minderjarige vluchtelingen", lang="nl")
    assert g.value(art, KB.number) == rdflib.Literal(22)
    gc = rdflib.URIRef(BASE + "general-comments/gc-6/")
    assert g.value(gc, DCTERMS.identifier) == rdflib.Literal("CRC/GC/2005/6")
    assert g.value(gc, DCTERMS.issued) == rdflib.Literal("2005", datatype=XSD.gYear)
    assert (gc, KB.interprets, art) in g
    source = rdflib.URIRef(BASE + "bronnen/bron-a/")
    assert (source, RDF.type, DCTERMS.BibliographicResource) in g
    assert g.value(source, rdflib.URIRef(export.DC + "creator")) == rdflib.Literal("Defence for Children Nederland")
    assert g.value(source, DCTERMS.issued) == rdflib.Literal("2025-08-25", datatype=XSD.date)
    risk = rdflib.URIRef(BASE + "risicos/risico-a/")
    assert (risk, SCHEMA.citation, source) in g
    # a link with a locator has a node of its own
    link = rdflib.URIRef(BASE + "risicos/risico-a/#sources-bron-a")
    assert (link, RDF.type, KB.Link) in g
    assert (g.value(link, KB["from"]), g.value(link, KB.relation), g.value(link, KB.to)) == (risk, SCHEMA.citation, source)
    assert g.value(link, KB.page) == rdflib.Literal("3")
    assert (rdflib.URIRef(BASE + "data/"), DCTERMS.license, rdflib.URIRef(export.LICENCE_URL)) in g


def test_our_own_terms_come_from_the_model(graph):
    names = {"id", "from", "to", "relation", "Link", *model.QUALIFIERS,
             *(export.class_name(t) for t in model.RECORD_TYPES)}
    for t in model.RECORD_TYPES:
        names |= set(model.fields_of(t)) | set(model.RELATIONS_BY_TYPE[t])
    ns = export.vocab_uri(BASE)
    used = {x[len(ns):] for triple in export.triples(graph, BASE) for x in triple
            if isinstance(x, str) and x.startswith(ns)}
    assert used and used <= names, used - names
    assert set(model.SOURCE_KINDS) <= set(export.SOURCE_KIND_CLASSES)


def test_turtle_loads_into_oxigraph(minimal_kb, tmp_path, graph):
    pyoxigraph = pytest.importorskip("pyoxigraph")
    path, _ = _turtle(minimal_kb, tmp_path)
    store = pyoxigraph.Store()
    store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)  # what README's `oxigraph load` does
    assert len(store) == len(export.triples(graph, BASE))
    rows = list(store.query(
        "PREFIX schema: <https://schema.org/> SELECT ?a WHERE { ?a a schema:Legislation } ORDER BY ?a"))
    assert [str(r["a"].value) for r in rows] == [BASE + "artikelen/ivrk-20/", BASE + "artikelen/ivrk-22/"]
    store.load(path=str(_export(minimal_kb, "jsonld", tmp_path / "g.jsonld")), format=pyoxigraph.RdfFormat.JSON_LD)
    assert len(store) == len(export.triples(graph, BASE))  # the same triples again: nothing new


def test_hostile_values_survive_every_format(hostile_kb, tmp_path):
    data = json.loads(_export(hostile_kb, "json", tmp_path / "g.json").read_text(encoding="utf-8"))
    coa = next(n for n in data["nodes"] if n["id"] == "coa")
    assert (coa["title"], coa["summary"]) == (HOSTILE_TITLE, HOSTILE)

    folder = _export(hostile_kb, "csv", tmp_path / "csv")
    with open(folder / "actors.csv", newline="", encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["id"] == "coa")
    for field, value in (("title", HOSTILE_TITLE), ("summary", HOSTILE), ("abbreviation", "-COA")):
        assert row[field] == "'" + value  # a spreadsheet shows it as text, never runs it
        assert export.unguard(row[field]) == value

    g = nx.read_graphml(_export(hostile_kb, "graphml", tmp_path / "g.graphml"), force_multigraph=True)
    assert (g.nodes["coa"]["title"], g.nodes["coa"]["summary"]) == (HOSTILE_TITLE, HOSTILE)

    actor = rdflib.URIRef(BASE + "actoren/coa/")
    for fmt, parser in (("ttl", "turtle"), ("jsonld", "json-ld")):
        r = rdflib.Graph().parse(_export(hostile_kb, fmt, tmp_path / f"g.{fmt}"), format=parser)
        assert r.value(actor, DCTERMS.title) == rdflib.Literal(HOSTILE_TITLE, lang="nl"), fmt
        assert r.value(actor, DCTERMS.abstract) == rdflib.Literal(HOSTILE, lang="nl"), fmt


def test_guard_and_unguard():
    for value in ("=1+1", "+31 6", "-5", "@x", "\tx", "\rx", "'quoted", "gewoon", ""):
        assert export.unguard(export.guard(value)) == value
        assert not export.guard(value).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_record_uris_follow_the_site_address(minimal_kb, tmp_path, monkeypatch):
    monkeypatch.delenv("KB_SITE_URL", raising=False)
    assert export.base_url(root=minimal_kb) == BASE  # mkdocs.yml has an empty site_url
    (minimal_kb / "mkdocs.yml").write_text("site_name: x\nsite_url: https://kinderrechten.example/kb\n")
    assert export.base_url(root=minimal_kb) == "https://kinderrechten.example/kb/"
    monkeypatch.setenv("KB_SITE_URL", "https://elders.example/ivrk/")
    _, g = _turtle(minimal_kb, tmp_path)
    assert (rdflib.URIRef("https://elders.example/ivrk/artikelen/ivrk-22/"), RDF.type,
            rdflib.Namespace("https://elders.example/ivrk/data/#").Article) in g


@pytest.mark.slow
def test_exports_are_the_same_bytes_in_every_run(minimal_kb, tmp_path):
    for fmt in ("ttl", "jsonld", "graphml", "csv"):
        outs = []
        for seed in ("1", "2"):
            env = {**os.environ, "PYTHONHASHSEED": seed}
            outs.append(_export(minimal_kb, fmt, tmp_path / f"{fmt}-{seed}", env))
        a, b = outs
        if fmt == "csv":
            assert {p.name: p.read_bytes() for p in a.iterdir()} == {p.name: p.read_bytes() for p in b.iterdir()}
        else:
            assert a.read_bytes() == b.read_bytes(), fmt


def test_csv_needs_a_folder(minimal_kb, capsys):
    assert main(["--root", str(minimal_kb), "export", "--format", "csv"]) == 1
    assert "Geef die map op met -o" in capsys.readouterr().err


@pytest.mark.slow
def test_bundled_knowledge_base_exports_load(tmp_path):
    root = copy_bundled_kb(tmp_path / "kb")
    g = build_graph(load_kb(root))
    files = export.export_files(g, BASE)
    r = rdflib.Graph().parse(data=files["kennisbank.ttl"], format="turtle")
    assert set(r) == set(rdflib.Graph().parse(data=files["kennisbank.jsonld"], format="json-ld"))
    assert len(set(r.subjects(RDF.type, KB.Article))) == 54
    assert set(nx.read_graphml(_write(tmp_path / "g.graphml", files["kennisbank.graphml"])).nodes) == set(g.nodes)
    assert sum(len(list(csv.DictReader(files[f"csv/{t.folder}.csv"].splitlines(keepends=True))))
               for t in model.RECORD_TYPES.values()) == g.number_of_nodes()


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_the_site_offers_every_export_on_an_open_data_page(minimal_kb, tmp_path, monkeypatch):
    monkeypatch.delenv("KB_SITE_URL", raising=False)
    assert main(["--root", str(minimal_kb), "build"]) == 0
    data = minimal_kb / "site" / "data"
    page = (data / "index.html").read_text(encoding="utf-8")
    assert "<h1" in page and "Open data" in page and "MIT" in page
    g = build_graph(load_kb(minimal_kb))
    files = export.export_files(g, BASE)
    for rel, text in files.items():
        assert (data / rel).read_bytes() == text.encode("utf-8"), rel  # the same as `kb export`
        assert f'href="{rel}"' in page
        assert export.size_nl(len(text.encode("utf-8"))) in page
    # every term of our namespace in the Turtle is described on the page it points to
    r = rdflib.Graph().parse(data / "kennisbank.ttl", format="turtle")
    used = {str(x)[len(str(KB)):] for t in r for x in t if isinstance(x, rdflib.URIRef) and str(x).startswith(str(KB))}
    ids = {html.unescape(i) for i in re.findall(r'id="([^"]*)"', page)}  # as a browser reads the attribute
    assert used and used <= ids, used - ids


def test_formats_come_from_one_table():
    """export.FORMATS is read by the CLI (its choices), export() (dispatch), the site (data/ and the Open data
    page) and documented in the README: a new format is one row and its writer."""
    import re

    from kb import export
    from kb.cli import make_parser

    parser = make_parser()
    sub = next(a for a in parser._actions if a.dest == "command").choices["export"]
    assert sub._option_string_actions["--format"].choices == tuple(export.FORMATS)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    open_data = readme.split("## Open data", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^- `([a-z]+)`", open_data, flags=re.M)) | set(re.findall(r"and `([a-z]+)` \(", open_data))
    assert listed == set(export.FORMATS), "README 'Open data' lists each format of export.FORMATS"
    g = nx.MultiDiGraph()
    files = export.export_files(g, export.DEFAULT_BASE)
    for fmt in export.FORMATS.values():
        if fmt.folder:
            assert any(rel.startswith(fmt.name + "/") for rel in files), fmt.name
        else:
            assert files[f"{export.FILE_STEM}.{fmt.name}"] == export.export(g, fmt.name, export.DEFAULT_BASE)
