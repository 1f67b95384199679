"""`kb serve` serves on 127.0.0.1 and shows a YAML edit without a restart."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from conftest import MINIMAL, start_serve, ROOT, write_kb


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if text in _get(url):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.slow
def test_serve_rebuilds_when_a_record_changes(tmp_path):
    root = write_kb(tmp_path, MINIMAL)
    proc, port = start_serve(root)
    url = f"http://127.0.0.1:{port}/actoren/coa/"
    try:
        assert _wait_for(url, "Centraal Orgaan opvang asielzoekers", 90)
        assert "/__kb_build" in _get(url)  # the page reloads itself after a rebuild
        version = _get(f"http://127.0.0.1:{port}/__kb_build")
        (root / "actors/coa.yaml").write_text("title: Gewijzigde naam\n", encoding="utf-8")
        assert _wait_for(url, "Gewijzigde naam", 30)
        deadline = time.time() + 10
        while _get(f"http://127.0.0.1:{port}/__kb_build") == version and time.time() < deadline:
            time.sleep(0.1)
        assert _get(f"http://127.0.0.1:{port}/__kb_build") != version
        # a broken edit keeps the last good site online
        (root / "actors/coa.yaml").write_text("title: [kapot\n", encoding="utf-8")
        time.sleep(1.5)
        assert "Gewijzigde naam" in _get(url)
    finally:
        proc.terminate()
        out = proc.communicate(timeout=10)[0].decode()
    assert "Traceback" not in out
    assert "actors/coa.yaml:1:8" in out  # where the unclosed [ opens


def _status(url: str, method: str = "GET") -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=5) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def test_a_path_no_file_can_have_is_not_found(tmp_path):
    """/%00 (a NUL byte in the path) and friends get a 404, not a traceback."""
    from kb import serve

    (tmp_path / "404.html").write_text("<html><body>Niet gevonden</body></html>")
    (tmp_path / "index.html").write_text("<html><body>Home</body></html>")
    server = serve.Server(("127.0.0.1", 0), serve.handler(tmp_path, serve._State()))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        for path in ("/%00", "/a%00b/", "/%00.html", "/x/%2e%2e/%00", "/bestaat-niet/"):
            assert _status(base + path) == 404, path
            assert _status(base + path, "HEAD") == 404, path
        assert _status(base + "/") == 200
        assert _status(base + "/", "HEAD") == 200
    finally:
        server.shutdown()
        server.server_close()
    assert server.report.problems == []  # no request failed


def test_a_port_in_use_is_reported_before_building(tmp_path):
    from kb.errors import KbError
    from kb.serve import Messages, serve

    root = write_kb(tmp_path, MINIMAL)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(KbError) as e:
            serve(root, port=port, report=Messages())
        assert f"Poort {port} is al in gebruik" in e.value.message and "--port" in e.value.hint
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "kb.cli", "--root", str(root), "serve", "--port", str(port)],
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "al in gebruik" in result.stderr and "--port" in result.stderr and "Traceback" not in result.stderr
    assert time.perf_counter() - started < 10
    assert not (root / "site").exists() and not (root / "build").exists()  # nothing was built


# -- the quick path and the background steps give what a full build gives -------------------------------

def _synthetic(tmp_path, n=200):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate_kb import generate

    root = tmp_path / "kb"
    generate(n, root)
    return root


def _live(root):
    from kb import serve

    state = serve._State()
    live = serve.Live(root, root / "site", state)
    assert live.full_build()
    return live, state


def _settle(live):
    while live.work is not None:
        live.step()


def _same_graph(a, b):
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))


def _site_files(site):
    skip = ("pagefind/", "search/", "sitemap.xml")  # the search indexes and the sitemap are the full build's
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and not p.relative_to(site).as_posix().startswith(skip)}


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, text)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.slow
def test_an_edit_takes_the_quick_path_and_the_site_ends_as_a_full_build(tmp_path):
    """Edits of titles, of links (a reverse list gains and loses an item) and of a theme (a heading on pages
    two links away): the edited page is rendered at once, from the incrementally updated graph, equal to the
    graph and pages of a fresh read; after the background steps the whole site equals a full build's."""
    from kb.graph import Neighbours, build_graph
    from kb.render import Pages
    from kb.site import build
    from kb.validate import load_kb

    root = _synthetic(tmp_path)
    live, state = _live(root)
    rec = root / "recommendations/recommendation-3.yaml"
    text = rec.read_text(encoding="utf-8")
    old_article = text.split("implements:\n  - id: ", 1)[1].split("\n", 1)[0]
    new_article = "ivrk-54" if old_article != "ivrk-54" else "ivrk-53"
    edits = [
        (rec, "title: ", "title: Nieuwe titel. "),
        (rec, f"implements:\n  - id: {old_article}\n", f"implements:\n  - id: {new_article}\n"),
        (root / "themes/theme-1.yaml", 'title: "Thema 1: ', 'title: "Thema een: '),
    ]
    for path, old, new in edits:
        _edit(path, old, new)
        number = state.build_number
        live.changed({path.relative_to(root).as_posix()})
        assert live.work is not None, live.report.problems  # the quick path: the rest is left for the background
        assert state.build_number > number
        fresh = build_graph(load_kb(root))
        _same_graph(live.pages.g, fresh)
        nb = Neighbours(fresh)
        assert live.pages.nb.out == nb.out and live.pages.nb.inc == nb.inc
        rid = path.stem
        page = live.pages.page_path(rid)
        expected = Pages(fresh, accessed=live.pages.accessed).record_page(rid)
        assert (root / "build/docs" / page).read_text(encoding="utf-8") == expected
        _settle(live)
    assert f"../../artikelen/{new_article}/" in (root / "build/docs/aanbevelingen/recommendation-3.md").read_text()
    served = _site_files(root / "site")
    build(root, tmp_path / "full")
    full = _site_files(tmp_path / "full")
    assert served.keys() == full.keys()
    assert [rel for rel in full if served[rel] != full[rel]] == []


@pytest.mark.slow
def test_added_removed_and_broken_records_take_the_full_path(tmp_path):
    from kb.site import build

    root = _synthetic(tmp_path, 150)
    live, state = _live(root)
    new = root / "actors/actor-nieuw.yaml"
    new.write_text("title: Nieuwe actor\nsummary: Een actor die er net bij kwam.\n", encoding="utf-8")
    live.changed({"actors/actor-nieuw.yaml"})
    assert "Nieuwe actor" in (root / "site/actoren/actor-nieuw/index.html").read_text(encoding="utf-8")
    _settle(live)
    (root / "actors/actor-1.yaml").write_text("title: [kapot\n", encoding="utf-8")
    number = state.build_number
    live.changed({"actors/actor-1.yaml"})
    assert state.build_number == number and live.work is None  # nothing served from a broken knowledge base
    assert any("actors/actor-1.yaml:1:8" in message for message in live.report.problems)  # where the unclosed [ opens
    (root / "actors/actor-1.yaml").unlink()  # the broken file goes; links to actor-1 would break: remove them
    for path in (root / "recommendations").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if "  - actor-1\n" in text:
            path.write_text(text.replace("  - actor-1\n", "  - actor-nieuw\n"), encoding="utf-8")
    live.changed({"actors/actor-1.yaml", *(p.relative_to(root).as_posix() for p in (root / "recommendations").glob("*.yaml"))})
    assert not (root / "site/actoren/actor-1").exists()
    _settle(live)
    served = _site_files(root / "site")
    build(root, tmp_path / "full")
    full = _site_files(tmp_path / "full")
    assert served.keys() == full.keys()
    assert [rel for rel in full if served[rel] != full[rel]] == []
