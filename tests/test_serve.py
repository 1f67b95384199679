"""`kb serve` serves on 127.0.0.1 and shows a YAML edit without a restart."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

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
