"""`kb serve`: build, serve site/ on 127.0.0.1, and show an edit within a second.

After the first full build, the knowledge base stays in memory (records, graph, pages and MkDocs' files and
navigation, `live_mkdocs.LiveMkDocs`). An edited record file is read again by itself, checked against the others
as `kb validate` checks it, put into the graph, and its own page is rendered and served: that is what the
contributor is looking at (`benchmarks/bench_serve.py`: within a second at 2,000 records, two at 10,000).
The rest follows in the background, in small steps that a newer edit interrupts: the pages that list the
record, then everything from a fresh read of the knowledge base (a page only where its Markdown changed),
the search index (Pagefind) and last the open-data files under data/, which cost seconds at scale. Whatever
the quick path cannot do by itself (a record added, removed or renamed, aliases, a problem, the vocabulary)
goes through the full read at once; a change of mkdocs.yml rebuilds the whole site.

Open pages reload themselves when their own page was rewritten: HTML is served with a small script that
polls /__kb_build?p=<its path>. Only served pages get it; the files in site/ stay as built.

Every message goes through the reporter the caller gives (`Reporter`: `info` for progress, `problem` for what
went wrong); kb/cli.py gives one that prints. The library itself prints nothing.

The port is taken before the first build, so a port in use is reported at once. When the site is built for
a path (`site_url` or KB_SITE_URL such as https://example.org/ivrk-kennisbank/), it is served under that
path, as on the web server, and a missing page gets the site's 404 page.
"""

from __future__ import annotations

import errno
import http.server
import itertools
import os
import stat
import sys
import threading
import time
from http import HTTPStatus
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qs, unquote, urlsplit

from . import export, model
from .errors import KbError, ProblemsFound
from .graph import put_record
from .records import read_record
from .problems import WARNING, format_problems
from .settings import BUILD_DIR, base_path, configured_site_url
from .live_mkdocs import LiveMkDocs
from .site import build, finish_pagefind, pages_of, start_pagefind, write_error
from .validate import CROSS_RECORD_CHECKS, KnowledgeBase, load_kb, valid_links

_RELOAD = b"""<script>(function(){var v=null,u='/__kb_build?p='+encodeURIComponent(location.pathname);
setInterval(function(){fetch(u,{cache:'no-store'}).then(function(r){return r.text()})
.then(function(t){if(v===null)v=t;else if(t!==v)location.reload()}).catch(function(){})},200)})();</script>"""

CONFIG_FILES = ("mkdocs.yml", "vocabulary.yaml", "wetstand.yaml")  # the site config, the legal vocabulary, the law date
CHUNK = 200  # record pages rendered per background step (about 0.1 s), between two looks for new edits


class Reporter(Protocol):
    """Where kb serve's messages go: `info` for progress, `problem` for what went wrong (one message may
    hold several lines)."""

    def info(self, text: str) -> None: ...

    def problem(self, text: str) -> None: ...


class Messages:
    """A reporter that keeps the messages (for tests and tools that read them afterwards)."""

    def __init__(self):
        self.said: list[str] = []
        self.problems: list[str] = []

    def info(self, text: str) -> None:
        self.said.append(text)

    def problem(self, text: str) -> None:
        self.problems.append(text)


def watched_files(root: Path) -> dict[str, tuple[int, int]]:
    """Every file in the record folders, the site config and the vocabulary, by path relative to root, with
    their modification time and size. With os.scandir: 10,000 records in milliseconds."""
    files = {}
    for t in model.RECORD_TYPES.values():
        try:
            with os.scandir(root / t.folder) as entries:
                for entry in entries:
                    try:
                        info = entry.stat(follow_symlinks=False)
                    except OSError:  # removed while we looked
                        continue
                    files[f"{t.folder}/{entry.name}"] = (info.st_mtime_ns, info.st_size)
        except OSError:
            continue
    for name in CONFIG_FILES:
        try:
            info = os.stat(root / name)
        except OSError:
            continue
        files[name] = (info.st_mtime_ns, info.st_size)
    return files


class Watcher:
    """Changed files in the record folders and the config files. On Linux, inotify tells at once which files
    were written (no cost while nothing changes); elsewhere, and every few seconds as a safety net (a folder
    made later, a lost event), the folders are scanned and compared (watched_files)."""

    RESCAN = 2.0  # seconds between two scans when inotify is there; `poll` without it

    def __init__(self, root: Path, poll: float):
        self.root, self.poll = root, poll
        self.seen = watched_files(root)
        self.scanned = time.monotonic()
        self.notify = _Inotify.open(root, [t.folder for t in model.RECORD_TYPES.values()])

    def changes(self, wait: bool = True) -> set[str]:
        """Paths (relative to root) changed since the last call; waits up to `poll` seconds for one, or not
        at all (while background work is left)."""
        names = set()
        if self.notify is not None:
            names = self.notify.read(self.poll if wait else 0)
            if names is not None:
                for name in names:  # written, even if with the same time and size: read again
                    self._restat(name)
                if time.monotonic() - self.scanned < self.RESCAN:
                    return names
            names = names or set()  # after lost events (None) the scan below tells
        elif time.monotonic() - self.scanned < self.poll:
            if not wait:
                return set()
            time.sleep(max(0.0, self.poll - (time.monotonic() - self.scanned)))
        now = watched_files(self.root)
        self.scanned = time.monotonic()
        changed = {p for p in now.keys() | self.seen.keys() if now.get(p) != self.seen.get(p)}
        self.seen = now
        return changed | names

    def _restat(self, rel: str) -> None:
        """Note what inotify reported in the scan's terms, so that the next scan does not report it again."""
        try:
            info = os.stat(self.root / rel, follow_symlinks=False)
            self.seen[rel] = (info.st_mtime_ns, info.st_size)
        except OSError:
            self.seen.pop(rel, None)

    def close(self) -> None:
        if self.notify is not None:
            self.notify.close()


class _Inotify:
    """Linux inotify through ctypes (the standard library has no binding)."""

    MASK = 0x8 | 0x80 | 0x40 | 0x200 | 0x4 | 0x100  # CLOSE_WRITE, MOVED_TO, MOVED_FROM, DELETE, ATTRIB, CREATE
    OVERFLOW = 0x4000

    def __init__(self, fd: int, folders: dict[int, str], libc):
        self.fd, self.folders, self.libc = fd, folders, libc

    @classmethod
    def open(cls, root: Path, folders: list[str]):
        if not sys.platform.startswith("linux"):
            return None
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        except (OSError, AttributeError):
            return None
        if fd < 0:
            return None
        watches = {}
        for folder in ["", *folders]:
            wd = libc.inotify_add_watch(fd, str(root / folder).encode(), cls.MASK)
            if wd >= 0:
                watches[wd] = folder
        return cls(fd, watches, libc)

    def read(self, timeout: float) -> set[str] | None:
        """Names written since the last read (waits up to `timeout` for the first); None after an overflow."""
        import select
        import struct

        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return set()
        time.sleep(0.005)  # a save is often several events (write, rename): take them together
        names, lost = set(), False
        while True:
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                break
            offset = 0
            while offset + 16 <= len(data):
                wd, mask, _, size = struct.unpack_from("iIII", data, offset)
                name = data[offset + 16:offset + 16 + size].rstrip(b"\0").decode("utf-8", "surrogateescape")
                offset += 16 + size
                if mask & self.OVERFLOW:
                    lost = True
                folder = self.folders.get(wd)
                if folder is not None and name:
                    names.add(f"{folder}/{name}" if folder else name)
        return None if lost else names

    def close(self) -> None:
        os.close(self.fd)


class _State:
    build_number = 0  # raised whenever pages were rewritten
    epoch = 0  # raised when the whole site was rebuilt
    busy = False  # background work is left (pages that list an edited record, search index, open data)
    base = "/"  # the path the site is served under

    def __init__(self):
        self.versions: dict[str, int] = {}  # site path -> build number of its last rewrite
        self.pages: dict[str, bytes] = {}  # file -> the last complete copy served (serve.complete_page)
        self.lock = threading.Lock()

    def version(self, url_path: str) -> str:
        """What the reload script of the page at url_path compares: changes when that page was rewritten."""
        rel = unquote(url_path)
        rel = rel[len(self.base):] if rel.startswith(self.base) else rel.lstrip("/")
        if not rel or rel.endswith("/"):
            rel += "index.html"
        return f"{self.epoch}.{self.versions.get(rel, 0)}"


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, handler_class, report: Reporter | None = None):
        super().__init__(address, handler_class)
        self.report = report or Messages()

    def handle_error(self, request, client_address):
        """A client that hangs up is no error; anything else is one line, not a traceback."""
        error = sys.exc_info()[1]
        if not isinstance(error, (ConnectionError, TimeoutError)):
            self.report.problem(f"Verzoek kon niet worden beantwoord: {error}")


_END = b"</html>"


def complete_page(path: Path, state: _State, tries: int = 10, pause: float = 0.01) -> bytes | None:
    """The page at path as a whole: MkDocs rewrites a page in place (empty for a moment, then written), and a
    full build swaps the site folder. A read that is empty, missing or does not end the document is tried again
    for up to `tries` × `pause` seconds; then an incomplete page gives the last complete copy served, a missing
    one None (a removed page is not found)."""
    body = None
    for attempt in range(tries):
        try:
            body = path.read_bytes()
        except OSError:  # missing (or a folder): perhaps the moment of a swap
            body = None
        if body is not None and body.rstrip().endswith(_END):
            with state.lock:
                state.pages[str(path)] = body
            return body
        if attempt + 1 < tries:
            time.sleep(pause)
    with state.lock:
        if body is None:
            state.pages.pop(str(path), None)
            return None
        return state.pages.get(str(path), body)


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
            parts = urlsplit(self.path)
            url = parts.path
            if url == "/__kb_build":
                page = parse_qs(parts.query).get("p")
                answer = state.version(page[0]) if page else str(state.build_number)
                return self._send(HTTPStatus.OK, answer.encode(), "text/plain", head)
            if url == "/__kb_idle":
                return self._send(HTTPStatus.OK, b"0" if state.busy else b"1", "text/plain", head)
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
                if path.suffix == ".html":
                    body = complete_page(path, state)  # never an empty or half-written page (issue 19)
                    if body is None:
                        return self._not_found(head)
                elif not path.exists():
                    return self._not_found(head)
                else:
                    return super().do_HEAD() if head else super().do_GET()
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


def bind(port: int, site: Path, state: _State, report: Reporter) -> Server:
    """Take the port on 127.0.0.1, or say in Dutch why it cannot be had."""
    hint = f"Kies een andere poort, bijvoorbeeld `kb serve --port {port + 1 if 0 < port < 65535 else 8000}`."
    try:
        return Server(("127.0.0.1", port), handler(site, state), report)
    except OverflowError:
        raise KbError(f"Poort {port} bestaat niet.", "Kies een poort van 1024 tot en met 65535 met `--port`.") from None
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            raise KbError(f"Poort {port} is al in gebruik, door een ander programma of een andere `kb serve`.", hint) from None
        if e.errno in (errno.EACCES, errno.EPERM):
            raise KbError(f"Geen toestemming om poort {port} te gebruiken.",
                          "Poorten onder 1024 zijn voor de beheerder; kies bijvoorbeeld `kb serve --port 8000`.") from None
        raise KbError(f"Kan niet luisteren op 127.0.0.1:{port}: {e.strerror or e}.", hint) from None


def renew_neighbours(g, nb, sources, targets) -> None:
    """Bring graph.Neighbours up to date for records whose links changed (`sources`) and the records they
    linked or link to (`targets`), in the order a fresh Neighbours(g) has: links by the graph's node order
    (build_graph adds nodes sorted by id), a record's links in its YAML order."""
    order = None
    for s in sources:
        out: dict[str, list] = {}
        for t, keys in g.succ[s].items():
            for key, attrs in keys.items():
                out.setdefault(key, []).append((t, attrs))
        if out:
            nb.out[s] = out
        else:
            nb.out.pop(s, None)
    for t in targets:
        if order is None:
            order = {n: i for i, n in enumerate(g.nodes)}
        inc: dict[str, list] = {}
        for s in sorted(g.pred[t], key=order.__getitem__):
            for key, attrs in g.pred[t][s].items():
                inc.setdefault(key, []).append((s, attrs))
        if inc:
            nb.inc[t] = inc
        else:
            nb.inc.pop(t, None)


def _linked(nb, ids) -> set[str]:
    """The records a set of records links to or is linked from."""
    found = set()
    for n in ids:
        found.update(t for links in nb.outgoing(n).values() for t, _ in links)
        found.update(s for links in nb.incoming(n).values() for s, _ in links)
    return found


class Live:
    """The last good build in memory, and the steps by which an edit reaches the served site."""

    def __init__(self, root: Path, site: Path, state: _State, report: Reporter | None = None):
        self.root, self.site, self.state = root, site, state
        self.report = report or Messages()
        self.docs = root / BUILD_DIR / "docs"
        self.folders = {t.folder: t for t in model.RECORD_TYPES.values()}
        self.kb = self.pages = self.mkdocs = None
        self.pending: dict[str, int] = {}  # files changed since the knowledge base was last read in full
        self.sequence = itertools.count(1)
        self.work = None  # a generator: the background steps left
        self.started = 0.0

    # -- entry points ------------------------------------------------------------------------------
    def full_build(self) -> bool:
        """`kb build` (into a new folder, swapped in), then the state read for quick updates."""
        self.stop()
        try:
            built = build(self.root, self.site)
            if built.generated.warnings:
                self.report.problem(format_problems(built.generated.warnings))
            self.kb = load_kb(self.root)
            self.pages = pages_of(self.root, self.kb)
            self.mkdocs = LiveMkDocs(self.root, self.site)
        except ProblemsFound as e:
            self.report.problem(format_problems(e.problems) + f"\n\n{e.message}")
            self.kb = None
            return False
        except KbError as e:
            self.report.problem(str(e))
            self.kb = None
            return False
        self.pending.clear()
        self.state.epoch += 1
        self.state.build_number += 1
        self.state.versions.clear()
        return True

    def changed(self, paths: set[str]) -> None:
        """Files changed: show the edited records' pages now, leave the rest for the background."""
        paths = {p for p in paths if p in CONFIG_FILES or p.lower().endswith((".yaml", ".yml"))}
        if not paths:  # an editor's swap or backup file: never a record (kb validate skips it)
            return
        self.stop()
        self.started = time.perf_counter()
        if "mkdocs.yml" in paths or self.kb is None:
            if self.full_build():
                self.report.info(f"Bijgewerkt in {time.perf_counter() - self.started:.2f} s (hele site)")
            return
        number = next(self.sequence)
        self.pending.update(dict.fromkeys(paths, number))
        try:
            try:
                quick = self.quick()
            except (KbError, OSError):
                raise
            except Exception as e:  # a bug in the quick path must not stop kb serve: read everything instead
                self.report.problem(f"Snel bijwerken lukte niet ({type(e).__name__}: {e}); alles wordt opnieuw gelezen.")
                quick = None
            if quick is not None:
                ids, linked = quick
                self.report.info(f"Bijgewerkt in {time.perf_counter() - self.started:.2f} s: "
                                 + ", ".join(model.url_of(self.kb.records[i].type, i) for i in ids))
                self.work = self._background(linked)
            else:  # through a full read of the knowledge base, before anything is shown
                steps = self._everything()
                for _ in steps:
                    pass
                if self.pending:  # problems, reported: the site stays as it was
                    return
                self.report.info(f"Bijgewerkt in {time.perf_counter() - self.started:.2f} s")
                self.work = self._finish()
        except KbError as e:
            self.report.problem(str(e))
        except OSError as e:
            self.report.problem(str(write_error(e, f"de bestanden van de site in {self.site}")))
        self.state.busy = self.work is not None

    def step(self) -> None:
        """One background step (a fraction of a second)."""
        try:
            next(self.work)
        except StopIteration:
            self.work = None
            self.report.info(f"Alles bijgewerkt in {time.perf_counter() - self.started:.1f} s (ook de pagina's die "
                             "ernaar verwijzen, de zoekindex en open data)")
        except KbError as e:
            self.work = None
            self.report.problem(str(e))
        except OSError as e:
            self.work = None
            self.report.problem(str(write_error(e, f"de bestanden van de site in {self.site}")))
        except Exception as e:  # reported in one line; serving goes on, the next edit starts anew
            self.work = None
            self.report.problem(f"Bijwerken op de achtergrond mislukt: {type(e).__name__}: {e}")
        self.state.busy = self.work is not None

    def stop(self) -> None:
        if self.work is not None:
            self.work.close()  # a step in progress (Pagefind) is ended by its own `finally`
            self.work = None
        self.state.busy = False

    # -- the quick path ----------------------------------------------------------------------------
    def quick(self) -> tuple[list[str], set[str]] | None:
        """The edited records read again, checked with all others as `kb validate` does, put into the graph,
        and their own pages rendered and served. Returns (their ids, the records they link with), or None
        when the change needs a full read (a record added, removed or renamed, aliases, a problem, the
        vocabulary): the full read then says what is wrong."""
        kb, pages = self.kb, self.pages
        edited = {}
        for rel in self.pending:
            folder, _, name = rel.rpartition("/")
            rtype = self.folders.get(folder)
            if rtype is None or not name.endswith(".yaml"):
                return None
            path = self.root / rel
            try:
                if not stat.S_ISREG(os.lstat(path).st_mode):
                    return None
            except OSError:  # removed
                return None
            record, problems = read_record(self.root, path, rtype)
            if record is None or problems:
                return None
            old = kb.records.get(record.id)
            if old is None or old.type != record.type or old.path != record.path:
                return None
            if record.fields.get("aliases") or old.fields.get("aliases"):
                return None
            edited[record.id] = record
        if not edited:
            return None
        new = KnowledgeBase(kb.root, records={**kb.records, **edited})
        problems = [p for check in CROSS_RECORD_CHECKS for p in check(new)]  # as load_kb runs them; sets the vocabulary
        if any(p.severity != WARNING for p in problems):
            return None
        g, nb = pages.g, pages.nb
        before = _linked(nb, edited)
        targets = {t for rid in edited for t in g.succ[rid]}
        links: dict[str, list] = {rid: [] for rid in edited}
        for link in valid_links(new):
            if link.source in edited:
                links[link.source].append(link)
        for rid, record in edited.items():  # as graph.build_graph puts them in
            targets |= put_record(g, record, links[rid])
        g.graph["vocabulary"] = new.vocabulary
        renew_neighbours(g, nb, edited, targets)
        pages.forget(edited)
        self.kb = new
        self._publish(self._write(pages.record_pages(sorted(edited))))
        return sorted(edited), (before | _linked(nb, edited)) - set(edited)

    # -- the background steps ----------------------------------------------------------------------
    def _background(self, linked: set[str]):
        yield from self._neighbours(linked)
        yield from self._everything()
        yield from self._finish()

    def _finish(self):
        yield from self._search_index()
        yield from self._open_data()

    def _neighbours(self, linked: set[str]):
        """The pages that list the edited records (their titles, their links) first."""
        ids = sorted(n for n in linked if n in self.pages.g)
        for i in range(0, len(ids), CHUNK):
            yield
            self._publish(self._write(self.pages.record_pages(ids[i:i + CHUNK])))

    def _everything(self):
        """The knowledge base read in full (checked as `kb build` checks it) and every page rendered; only
        those whose Markdown changed are written and rendered by MkDocs. The open-data files wait (_open_data)."""
        taken = max(self.pending.values(), default=0)
        kb = load_kb(self.root)
        if kb.problems:  # as kb build reports them; the site stays as it was
            self.report.problem(format_problems(kb.problems) + f"\n\n{ProblemsFound(kb.problems, 'Niet bijgewerkt').message}")
            return
        yield
        pages = pages_of(self.root, kb)
        yield
        with export.deferred():
            site_pages = pages.site_pages()
        keep = set(site_pages) | {p.relative_to(self.docs).as_posix() for p in (self.docs / export.DATA_DIR).rglob("*")
                                  if p.is_file()}
        yield
        self._publish(self._write(site_pages))
        ids = sorted(pages.g.nodes)
        keep.update(pages.page_path(n) for n in ids)
        for i in range(0, len(ids), CHUNK):
            yield
            self._publish(self._write(pages.record_pages(ids[i:i + CHUNK])))
        removed = [p.relative_to(self.docs).as_posix() for p in self.docs.rglob("*") if p.is_file()]
        removed = [rel for rel in removed if rel not in keep]
        for rel in removed:
            (self.docs / rel).unlink()
        if removed:
            self._publish([], removed)
        self.kb, self.pages = kb, pages
        for rel, number in list(self.pending.items()):
            if number <= taken:
                del self.pending[rel]

    def _search_index(self):
        """Pagefind over the whole site (it has no incremental mode); ended when a newer edit comes in."""
        proc = start_pagefind(self.site)
        try:
            while proc.poll() is None:
                yield
                time.sleep(0.02)
            finish_pagefind(proc)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()

    def _open_data(self):
        yield
        self._publish(self._write(export.site_files(self.pages)))

    # -- writing -----------------------------------------------------------------------------------
    def _write(self, texts: dict[str, str]) -> list[str]:
        """Write what changed into build/docs; returns those paths."""
        written = []
        for rel, text in texts.items():
            path = self.docs / rel
            data = text.encode("utf-8")
            try:
                if path.stat().st_size == len(data) and path.read_bytes() == data:
                    continue
            except FileNotFoundError:
                path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            written.append(rel)
        return written

    def _publish(self, written: list[str], removed=()) -> None:
        """Render the written files into the site; open pages among them reload."""
        if not written and not removed:
            return
        changed = self.mkdocs.update(written, removed)
        self.state.build_number += 1
        for dest in changed:
            self.state.versions[dest] = self.state.build_number


def serve(root: Path, port: int = 8000, poll: float = 0.1, *, report: Reporter) -> None:
    """Serve until Ctrl+C. Raises KbError when the port cannot be had; everything after goes to `report`."""
    site = root / "site"
    state = _State()
    state.base = base_path(configured_site_url(root))
    server = bind(port, site, state, report)  # before building: a port in use is reported at once
    thread = watcher = None
    live = Live(root, site, state, report)
    try:
        if not live.full_build():
            report.info("De eerste build is mislukt; los de problemen op, dan wordt opnieuw gebouwd.")
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        report.info(f"Kennisbank op http://127.0.0.1:{server.server_address[1]}{state.base} (Ctrl+C om te stoppen)")
        watcher = Watcher(root, poll)
        while True:
            paths = watcher.changes(wait=live.work is None)
            if paths:
                live.changed(paths)
                state.base = base_path(configured_site_url(root))
            elif live.work is not None:
                until = time.perf_counter() + poll
                while live.work is not None and time.perf_counter() < until:
                    live.step()
    except KeyboardInterrupt:
        pass
    finally:
        if watcher is not None:
            watcher.close()
        live.stop()
        if thread is not None:
            server.shutdown()
        server.server_close()
