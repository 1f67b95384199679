"""`kb serve` never serves an empty or half-written page (issue 19): while a record is edited every 50 ms, every
response for its page is a whole page (the last good one or the new one), never Content-Length 0."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import MINIMAL, start_serve, write_kb
from kb import serve


def _fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except OSError:
        return 0, b""


@pytest.mark.slow
def test_rapid_edits_never_give_an_empty_or_half_page(tmp_path):
    root = write_kb(tmp_path, MINIMAL)
    proc, port = start_serve(root)
    url = f"http://127.0.0.1:{port}/actoren/coa/"
    try:
        deadline = time.time() + 90
        while time.time() < deadline and b"Centraal Orgaan" not in _fetch(url)[1]:
            time.sleep(0.1)
        assert b"Centraal Orgaan" in _fetch(url)[1]
        record = root / "actors/coa.yaml"
        done = threading.Event()

        def edit():
            for i in range(40):
                record.write_text(f"title: Versie {i}\nabbreviation: COA\nsummary: {'Tekst. ' * (i * 20)}\n",
                                  encoding="utf-8")
                time.sleep(0.05)
            done.set()

        editor = threading.Thread(target=edit)
        editor.start()
        bad, seen = [], 0
        while not done.is_set() or seen < 40:
            status, body = _fetch(url)
            seen += 1
            if status != 200 or not body.rstrip().endswith(b"</html>") or b"</body>" not in body:
                bad.append((status, len(body), body[-80:]))
        editor.join()
        # the last edit arrives
        deadline = time.time() + 30
        while time.time() < deadline and b"Versie 39" not in _fetch(url)[1]:
            time.sleep(0.1)
        assert b"Versie 39" in _fetch(url)[1]
        assert bad == [], bad[:5]
        assert seen >= 40
    finally:
        proc.terminate()
        out = proc.communicate(timeout=10)[0].decode()
    assert "Traceback" not in out


def test_an_emptied_page_gives_the_last_complete_one(tmp_path):
    state = serve._State()
    page = tmp_path / "index.html"
    page.write_bytes(b"<html><body>Goed</body></html>\n")
    assert serve.complete_page(page, state) == b"<html><body>Goed</body></html>\n"
    page.write_bytes(b"")  # MkDocs has just opened it for writing
    assert serve.complete_page(page, state, tries=3, pause=0.001) == b"<html><body>Goed</body></html>\n"
    page.write_bytes(b"<html><body>Hal")  # half written
    assert serve.complete_page(page, state, tries=3, pause=0.001) == b"<html><body>Goed</body></html>\n"
    page.write_bytes(b"<html><body>Nieuw</body></html>")
    assert serve.complete_page(page, state) == b"<html><body>Nieuw</body></html>"
    page.unlink()  # a removed page is not found, not served from memory
    assert serve.complete_page(page, state, tries=2, pause=0.001) is None
    assert serve.complete_page(Path(tmp_path / "nooit.html"), state, tries=2, pause=0.001) is None


def test_a_page_written_while_it_is_read_is_waited_for(tmp_path):
    state = serve._State()
    page = tmp_path / "index.html"
    page.write_bytes(b"")

    def finish():
        time.sleep(0.03)
        page.write_bytes(b"<html><body>Klaar</body></html>")

    threading.Thread(target=finish).start()
    assert serve.complete_page(page, state) == b"<html><body>Klaar</body></html>"
