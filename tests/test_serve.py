"""`kb serve` serves on 127.0.0.1 and shows a YAML edit without a restart."""

from __future__ import annotations

import contextlib
import io
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from conftest import MINIMAL, write_kb


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


def test_serve_rebuilds_when_a_record_changes(tmp_path):
    root = write_kb(tmp_path, MINIMAL)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "kb.cli", "--root", str(root), "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ})
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
    assert "actors/coa.yaml:2:1" in out


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
    errors = io.StringIO()
    try:
        with contextlib.redirect_stderr(errors):
            for path in ("/%00", "/a%00b/", "/%00.html", "/x/%2e%2e/%00", "/bestaat-niet/"):
                assert _status(base + path) == 404, path
                assert _status(base + path, "HEAD") == 404, path
            assert _status(base + "/") == 200
            assert _status(base + "/", "HEAD") == 200
    finally:
        server.shutdown()
        server.server_close()
    assert errors.getvalue() == ""


def test_a_port_in_use_is_reported_before_building(tmp_path):
    from kb.errors import KbError
    from kb.serve import serve

    root = write_kb(tmp_path, MINIMAL)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(KbError) as e:
            serve(root, port=port)
        assert f"Poort {port} is al in gebruik" in e.value.message and "--port" in e.value.hint
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "kb.cli", "--root", str(root), "serve", "--port", str(port)],
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "al in gebruik" in result.stderr and "--port" in result.stderr and "Traceback" not in result.stderr
    assert time.perf_counter() - started < 10
    assert not (root / "site").exists() and not (root / "build").exists()  # nothing was built
