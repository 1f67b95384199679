"""`kb serve`: build, serve site/ on 127.0.0.1, rebuild when a record or the config changes.

Open pages reload themselves after a rebuild: HTML is served with a small script that
polls /__kb_build and reloads when the build number changes. Only served pages get it;
the files in site/ stay as built.

The port is taken before the first build, so a port in use is reported at once. When the site
is built for a path (`site_url` or KB_SITE_URL such as https://example.org/ivrk-kennisbank/), it
is served under that path, as on the web server, and a missing page gets the site's 404 page.
"""

from __future__ import annotations

import errno
import http.server
import sys
import threading
import time
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlsplit

from .errors import KbError
from .records import discover
from .site import base_path, build, configured_site_url, rebuild_in_place

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
    for cfg in (root / "mkdocs.yml", root / "vocabulary.yaml"):  # the site config, the legal vocabulary
        if cfg.exists():
            files[cfg] = cfg.stat().st_mtime_ns
    return files


class _State:
    build_number = 0
    base = "/"  # the path the site is served under


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A client that hangs up is no error; anything else is one line, not a traceback."""
        error = sys.exc_info()[1]
        if not isinstance(error, (ConnectionError, TimeoutError)):
            print(f"Verzoek kon niet worden beantwoord: {error}", file=sys.stderr)


def handler(site: Path, state: _State):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site), **kwargs)

        def log_message(self, *args):  # quiet: the console is for build messages
            pass

        def do_GET(self):
            self._respond(head=False)

        def do_HEAD(self):
            self._respond(head=True)

        def translate_path(self, path):
            base = state.base
            if base != "/" and path.startswith(base):
                path = path[len(base) - 1:]
            return super().translate_path(path)

        def _respond(self, head: bool):
            url = urlsplit(self.path).path
            if url == "/__kb_build":
                return self._send(HTTPStatus.OK, str(state.build_number).encode(), "text/plain", head)
            base = state.base
            if base != "/" and url in ("/", base[:-1]):
                self.send_response(HTTPStatus.FOUND)
                self.send_header("Location", base)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            try:
                if "\x00" in url or not url.startswith(base):
                    return self._not_found(head)
                path = Path(self.translate_path(self.path))
                if path.is_dir() and url.endswith("/"):
                    path = path / "index.html"
                if not path.exists():
                    return self._not_found(head)
                if path.suffix != ".html" or not path.is_file():
                    return super().do_HEAD() if head else super().do_GET()
                body = path.read_bytes()
            except (ValueError, OSError):  # e.g. /%00: a path no file can have
                return self._not_found(head)
            return self._send(HTTPStatus.OK, body.replace(b"</body>", _RELOAD + b"</body>", 1), "text/html", head)

        def _not_found(self, head: bool):
            """The site's own 404 page, as the web server shows it."""
            try:
                body = (site / "404.html").read_bytes()
            except OSError:
                return self.send_error(HTTPStatus.NOT_FOUND)
            return self._send(HTTPStatus.NOT_FOUND, body, "text/html", head)

        def _send(self, status, body: bytes, kind: str, head: bool):
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if not head:
                self.wfile.write(body)

    return Handler


def bind(port: int, site: Path, state: _State) -> Server:
    """Take the port on 127.0.0.1, or say in Dutch why it cannot be had."""
    hint = f"Kies een andere poort, bijvoorbeeld `kb serve --port {port + 1 if 0 < port < 65535 else 8000}`."
    try:
        return Server(("127.0.0.1", port), handler(site, state))
    except OverflowError:
        raise KbError(f"Poort {port} bestaat niet.", "Kies een poort van 1024 tot en met 65535 met `--port`.") from None
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            raise KbError(f"Poort {port} is al in gebruik, door een ander programma of een andere `kb serve`.", hint) from None
        if e.errno in (errno.EACCES, errno.EPERM):
            raise KbError(f"Geen toestemming om poort {port} te gebruiken.",
                          "Poorten onder 1024 zijn voor de beheerder; kies bijvoorbeeld `kb serve --port 8000`.") from None
        raise KbError(f"Kan niet luisteren op 127.0.0.1:{port}: {e.strerror or e}.", hint) from None


def _build(step) -> int:
    """A build whose failure is reported and survived: serving goes on with the last good site."""
    try:
        return step()
    except KbError as e:
        print(e, file=sys.stderr)
        return 1


def serve(root: Path, port: int = 8000, poll: float = 0.1) -> int:
    site = root / "site"
    state = _State()
    state.base = base_path(configured_site_url(root))
    server = bind(port, site, state)  # before building: a port in use is reported at once
    thread = None
    try:
        if _build(lambda: build(root)):
            print("De eerste build is mislukt; los de problemen op, dan wordt opnieuw gebouwd.")
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        print(f"Kennisbank op http://127.0.0.1:{server.server_address[1]}{state.base} (Ctrl+C om te stoppen)")
        seen = watched_files(root)
        while True:
            time.sleep(poll)
            now = watched_files(root)
            if now != seen:
                seen = now
                started = time.perf_counter()
                if _build(lambda: rebuild_in_place(root)) == 0:
                    state.base = base_path(configured_site_url(root))
                    state.build_number += 1
                    print(f"Bijgewerkt in {time.perf_counter() - started:.2f} s")
    except KeyboardInterrupt:
        pass
    finally:
        if thread is not None:
            server.shutdown()
        server.server_close()
    return 0
