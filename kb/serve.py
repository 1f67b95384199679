"""`kb serve`: build, serve site/ on 127.0.0.1, rebuild when a record or the config changes.

Open pages reload themselves after a rebuild: HTML is served with a small script that
polls /__kb_build and reloads when the build number changes. Only served pages get it;
the files in site/ stay as built.
"""

from __future__ import annotations

import http.server
import threading
import time
from pathlib import Path

from .records import discover
from .site import build, rebuild_in_place

_RELOAD = b"""<script>(function(){var v=null;setInterval(function(){fetch('/__kb_build',{cache:'no-store'})
.then(function(r){return r.text()}).then(function(t){if(v===null)v=t;else if(t!==v)location.reload()})
.catch(function(){})},200)})();</script>"""


def watched_files(root: Path) -> dict[Path, int]:
    """Record files and the site config, with their modification times."""
    files = {}
    for path, _ in discover(root):
        try:
            files[path] = path.stat().st_mtime_ns
        except OSError:  # removed while we looked
            pass
    cfg = root / "mkdocs.yml"
    if cfg.exists():
        files[cfg] = cfg.stat().st_mtime_ns
    return files


class _State:
    build_number = 0


def _handler(site: Path, state: _State):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site), **kwargs)

        def log_message(self, *args):  # quiet: the console is for build messages
            pass

        def do_GET(self):
            if self.path.startswith("/__kb_build"):
                body = str(state.build_number).encode()
            else:
                path = Path(self.translate_path(self.path))
                if path.is_dir():
                    path = path / "index.html"
                if path.suffix != ".html" or not path.is_file():
                    return super().do_GET()
                body = path.read_bytes().replace(b"</body>", _RELOAD + b"</body>", 1)
            self.send_response(200)
            is_html = not self.path.startswith("/__kb_build")
            self.send_header("Content-Type", "text/html; charset=utf-8" if is_html else "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    return Handler


def serve(root: Path, port: int = 8000, poll: float = 0.1) -> int:
    site = root / "site"
    state = _State()
    if build(root):
        print("De eerste build is mislukt; los de problemen op, dan wordt opnieuw gebouwd.")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), _handler(site, state))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Kennisbank op http://127.0.0.1:{port}/ (Ctrl+C om te stoppen)")
    seen = watched_files(root)
    try:
        while True:
            time.sleep(poll)
            now = watched_files(root)
            if now != seen:
                seen = now
                started = time.perf_counter()
                if rebuild_in_place(root) == 0:
                    state.build_number += 1
                    print(f"Bijgewerkt in {time.perf_counter() - started:.2f} s")
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0
