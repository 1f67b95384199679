"""End to end: `kb build` into a temporary folder, assertions on the HTML and the search index."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import MINIMAL, copy_bundled_kb, write_kb
from kb import model
from kb.cli import main
from kb.validate import load_kb


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory):
    root = copy_bundled_kb(tmp_path_factory.mktemp("kb"))
    assert main(["--root", str(root), "build"]) == 0
    return root


@pytest.mark.slow
def test_every_record_has_a_page_whose_url_holds_its_id(bundled_site):
    kb = load_kb(bundled_site)
    for record in kb.records.values():
        page = bundled_site / "site" / model.url_of(record.type, record.id) / "index.html"
        assert page.is_file(), record.id


@pytest.mark.slow
def test_article_page_lists_incoming_links(bundled_site):
    html = (bundled_site / "site/artikelen/ivrk-22/index.html").read_text(encoding="utf-8")
    kb = load_kb(bundled_site)
    implementing = [r for r in kb.of_type("recommendation") if any(
        l.relation == "implements" and l.target == "ivrk-22" for l in r.links)]
    assert implementing, "the bundled knowledge base has recommendations implementing art. 22"
    assert "Aanbevelingen die dit recht dienen" in html
    for rec in implementing:
        assert f'href="../../aanbevelingen/{rec.id}/"' in html
    assert '<html lang="nl"' in html


@pytest.mark.slow
def test_lunr_index_is_dutch_with_stemmer(bundled_site):
    index = json.loads((bundled_site / "site/search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["nl"]
    assert "stemmer" in index["config"]["pipeline"]


@pytest.mark.slow
def test_pagefind_index_is_dutch(bundled_site):
    entry = json.loads((bundled_site / "site/pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["nl"]
    assert entry["languages"]["nl"]["page_count"] >= len(load_kb(bundled_site).records)


@pytest.mark.slow
def test_no_third_party_urls_in_assets(bundled_site):
    html = (bundled_site / "site/index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
    for src in re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html):
        assert not src.startswith(("http:", "https:", "//")), src


@pytest.mark.slow
def test_no_page_makes_material_fetch_the_sitemap(bundled_site):
    """Material takes every <link rel="alternate"> for another language of the site and fetches its sitemap.xml
    on every page (1.5 MB at 10,000 records): the feed is announced as "alternate feed"."""
    for rel in ("index.html", "artikelen/ivrk-22/index.html", "wegwijzer/index.html"):
        html = (bundled_site / "site" / rel).read_text(encoding="utf-8")
        assert not re.search(r'<link[^>]+rel=(?:"alternate"|\'alternate\'|alternate[\s>])', html), rel
        assert re.search(r'<link rel="alternate feed" type="application/atom\+xml"[^>]+href="[./]*feed.xml"', html), rel


@pytest.mark.slow
def test_navigation_lists_index_pages_not_records(bundled_site):
    html = (bundled_site / "site/artikelen/ivrk-22/index.html").read_text(encoding="utf-8")
    nav = html.split('<nav class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    assert "ivrk-19/" not in nav
    assert "Artikelen" in nav


HOSTILE = "<script>alert('x')</script> & *nadruk* [link](javascript:alert(1))"


def test_text_from_yaml_is_escaped(tmp_path):
    files = dict(MINIMAL)
    files["actors/coa.yaml"] = f'title: "{HOSTILE}"\nsummary: "<img src=x onerror=alert(1)>"\n'
    root = write_kb(tmp_path, files)
    assert main(["--root", str(root), "build"]) == 0
    page = (root / "site/actoren/coa/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page
    # shown as text: HTML-escaped, or (the title, which MkDocs does not escape) with look-alike brackets
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page or "&lt;script&gt;alert('x')&lt;/script&gt;" in page \
        or "\u2039script\u203aalert('x')\u2039/script\u203a" in page
    assert 'href="javascript:' not in page
    assert "<em>nadruk</em>" not in page
    # and where it is linked from (the recommendation page, the actor index table)
    for rel in ("aanbevelingen/aanbeveling-a/index.html", "actoren/index.html"):
        other = (root / "site" / rel).read_text(encoding="utf-8")
        assert "<script>alert" not in other


def test_failed_build_keeps_previous_site(tmp_path, capsys):
    root = write_kb(tmp_path, MINIMAL)
    assert main(["--root", str(root), "build"]) == 0
    before = (root / "site/index.html").read_bytes()
    (root / "actors/coa.yaml").write_text("title: [kapot\n", encoding="utf-8")
    assert main(["--root", str(root), "build"]) == 1
    assert "actors/coa.yaml:1:8" in capsys.readouterr().err  # where the unclosed [ opens
    assert (root / "site/index.html").read_bytes() == before
    assert not [p for p in root.iterdir() if p.name.startswith(".site-")]


@pytest.mark.slow
def test_build_timings_name_every_stage(tmp_path, capsys):
    root = write_kb(tmp_path, MINIMAL)
    assert main(["--root", str(root), "build", "--timings"]) == 0
    line = capsys.readouterr().err.strip().splitlines()[-1]
    stages = re.findall(r"(?:Tijden: | · )([^·]+?) (\d+\.\d) s", line)
    assert [name for name, _ in stages] == ["lezen en controleren", "graaf", "Markdown schrijven", "MkDocs",
                                           "links controleren", "zoekindex (Pagefind)", "wisselen", "totaal"]
    *parts, (_, total) = stages
    assert abs(sum(float(t) for _, t in parts) - float(total)) <= 0.1 * len(parts)
    assert float(dict(stages)["MkDocs"]) > 0
    # the same, keyed by stable names, for benchmarks
    assert main(["--root", str(root), "build", "--timings", "json"]) == 0
    timings = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert list(timings) == ["read", "graph", "markdown", "mkdocs", "linkcheck", "pagefind", "swap", "total"]
    assert abs(sum(list(timings.values())[:-1]) - timings["total"]) < 1e-6 and timings["mkdocs"] > 0


def _tree(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_builds_are_byte_identical(tmp_path):
    root = write_kb(tmp_path, MINIMAL)
    assert main(["--root", str(root), "build", "--site-dir", str(tmp_path / "a")]) == 0
    assert main(["--root", str(root), "build", "--site-dir", str(tmp_path / "b")]) == 0
    a, b = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []


def test_broken_internal_links_are_found(tmp_path):
    from kb.linkcheck import broken_links

    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text('<a href="../b/">b</a> <a href="../c/">c</a> <img src="x.png">'
                                          '<a href="https://example.org/">ext</a> <a href="#top">t</a>')
    (tmp_path / "b").mkdir()
    (tmp_path / "b/index.html").write_text('<a href="../a/#x">a</a> <a href="/a/">root</a>')
    (tmp_path / "d/e").mkdir(parents=True)  # links that climb are reported as written
    (tmp_path / "d/e/index.html").write_text('<a href="../../b/">b</a> <a href="../../c/">c</a> <a href="../../../b/">out</a>')
    assert sorted(broken_links(tmp_path)) == [("a/index.html", "../c/"), ("a/index.html", "x.png"),
                                              ("d/e/index.html", "../../../b/"), ("d/e/index.html", "../../c/")]


@pytest.mark.slow
def test_build_fails_on_a_broken_link_and_keeps_the_old_site(tmp_path, monkeypatch, capsys):
    root = write_kb(tmp_path, MINIMAL)
    assert main(["--root", str(root), "build"]) == 0
    before = (root / "site/index.html").read_bytes()
    from kb import render

    original = render.Pages.href
    monkeypatch.setattr(render.Pages, "href", lambda self, n: original(self, n) + "bestaat-niet/")
    assert main(["--root", str(root), "build"]) == 1
    assert "kapotte interne links" in capsys.readouterr().err
    assert (root / "site/index.html").read_bytes() == before


@pytest.mark.slow
def test_generated_tree_builds_with_plain_mkdocs(tmp_path):
    """The generated Markdown tree stands on its own (no plugin or hook of ours is needed)."""
    import os
    import subprocess
    import sys

    root = write_kb(tmp_path, MINIMAL)
    assert main(["--root", str(root), "generate"]) == 0
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "build/mkdocs.yml"),
                             "-d", str(tmp_path / "plain")], capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    assert "Minderjarige vluchtelingen" in (tmp_path / "plain/artikelen/ivrk-22/index.html").read_text(encoding="utf-8")


def test_pages_stay_bounded_and_link_to_the_filtered_index(tmp_path):
    from kb import render, render_indexes, render_records
    from kb.graph import build_graph

    files = dict(MINIMAL)
    n = render_indexes.INDEX_ROWS + 5
    for i in range(n):
        files[f"recommendations/extra-{i:03d}.yaml"] = (
            f"title: Extra {i:03d}\ntext: Doe iets.\nimplements: [ivrk-22]\nsources: [bron-a]\n")
    root = write_kb(tmp_path, files)
    pages = render.Pages(build_graph(load_kb(root))).all_pages()
    article = pages["artikelen/ivrk-22.md"]
    assert article.count('<li><a href="../../aanbevelingen/') == render_records.SECTION_LIMIT
    assert f'… en nog {n + 1 - render_records.SECTION_LIMIT} aanbevelingen: <a href="../../aanbevelingen/?implements=ivrk-22">' \
           f"alle {n + 1} tonen</a>" in article
    index = pages["aanbevelingen/index.md"]
    assert index.count("<tr data-kb-row") == render_indexes.INDEX_ROWS
    assert f'data-kb-total="{n + 1}"' in index and f"Alle {n + 1} tonen" in index
    assert len(json.loads(pages["aanbevelingen/index.json"])) == n + 1


@pytest.mark.slow
def test_rendering_in_two_processes_gives_the_same_site(tmp_path, monkeypatch):
    from kb import site

    root = write_kb(tmp_path, MINIMAL)
    assert main(["--root", str(root), "build", "--site-dir", str(tmp_path / "one")]) == 0
    monkeypatch.setattr(site, "SPLIT_MIN_PAGES", 0)
    shutil.rmtree(root / "build")  # generate the pages anew, in two processes too
    calls = []
    real = site.run_mkdocs
    monkeypatch.setattr(site, "run_mkdocs", lambda *a, **k: calls.append(k.get("exclude")) or real(*a, **k))
    assert main(["--root", str(root), "build", "--site-dir", str(tmp_path / "two")]) == 0
    assert calls and calls[0]  # this process rendered with half of the record pages excluded
    one, two = _tree(tmp_path / "one"), _tree(tmp_path / "two")
    assert sorted(one) == sorted(two)
    assert [k for k in one if one[k] != two[k]] == []
    assert not (tmp_path / "two-b").exists()


def test_build_shows_validation_warnings(tmp_path, capsys):
    root = write_kb(tmp_path, MINIMAL)
    (root / "risks/risico-b.yaml~").write_text("title: oud\n", encoding="utf-8")  # an editor's back-up
    assert main(["--root", str(root), "build"]) == 0
    assert "risks/risico-b.yaml~" in capsys.readouterr().err


def test_the_fast_exports_are_the_same_bytes(tmp_path):
    """kb/export.py writes the node-link JSON of data/ faster than graph.export_json, with the same bytes,
    also for values json.dumps has to indent (lists of numbers, empty lists, nested objects)."""
    import networkx as nx

    from kb import export
    from kb.graph import build_graph, export_json

    g = build_graph(load_kb(copy_bundled_kb(tmp_path / "kb")))
    assert export._node_link_json(g) == export_json(g)
    odd = nx.MultiDiGraph()
    odd.add_node("a", type="actor", path="a.yaml", items=["één", "twee \"drie\""], numbers=[1, 2.5], empty=[],
                 nested={"k": [1, {"l": None}]}, flag=True, none=None, n=3)
    odd.add_node("b", type="actor")
    odd.add_edge("a", "b", key="rel", relation="rel", why="omdat")
    assert export._node_link_json(odd) == export_json(odd)
    assert export._node_link_json(nx.MultiDiGraph()) == export_json(nx.MultiDiGraph())
