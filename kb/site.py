"""`kb build`: load → validate → graph → Markdown in build/ → MkDocs → Pagefind → swap into site/.

The generated tree (build/docs, build/theme, build/mkdocs.yml) is plain Markdown plus an
inheriting config, so it builds with `mkdocs build -f build/mkdocs.yml` as well (see
DEVELOPERS.md for why this is not an MkDocs plugin).

The site is built in a temporary folder `.site-<pid>-…` next to the target and renamed into
place. An interrupted build (Ctrl+C, SIGTERM, SIGHUP) removes its temporary folders on the way
out; folders left by a build that could not clean up (SIGKILL, power loss) are removed by the
next build (see `remove_stale_temporaries`).

Beside it: kb/settings.py (addresses, folders, the build's date, the derived part of the MkDocs config),
kb/forked.py (the second process on two cores) and kb/live_mkdocs.py (kb serve's MkDocs in memory).
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import gzip
import html
import logging
import datetime as dt
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote

import yaml

from . import export, model, safeio, settings
from .errors import BuildError, KbError, ProblemsFound
from .forked import Alongside, Forked, can_fork, in_two_processes
from .graph import build_graph
from .history import record_history
from .linkcheck import broken_links
from .render import Pages
from .settings import BUILD_DIR, THEME_DIR, configured_site_url, derived_config, edit_url_from_env, source_date
from .validate import load_kb

TEMP_PREFIX = ".site-"


@dataclasses.dataclass
class Generated:
    """What `kb generate` wrote: the generated tree, its Markdown pages, and the warnings that did not stop it."""

    docs: Path  # build/docs
    pages: int  # Markdown pages
    warnings: list  # problems of severity warning, for the contributor to see
    sources: dict[str, str]  # the YAML file (relative to root) each record page comes from, by Markdown path


@dataclasses.dataclass
class Built:
    """What `kb build` made: the site in `site_dir`, from the generated tree."""

    site_dir: Path
    generated: Generated


class Stopwatch:
    """Wall time per build stage, for `kb build --timings` and benchmarks/bench_scale.py. Stages are
    keyed by stable English names (`STAGES`); the Dutch labels are for people."""

    STAGES = {"read": "lezen en controleren", "graph": "graaf", "markdown": "Markdown schrijven",
              "mkdocs": "MkDocs", "linkcheck": "links controleren", "pagefind": "zoekindex (Pagefind)",
              "swap": "wisselen"}

    def __init__(self):
        self.stages: list[tuple[str, float]] = []
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        assert stage in self.STAGES, stage
        now = time.perf_counter()
        self.stages.append((stage, now - self._last))
        self._last = now

    def as_dict(self) -> dict[str, float]:
        return {**dict(self.stages), "total": sum(t for _, t in self.stages)}

    def report(self) -> str:
        total = sum(t for _, t in self.stages)
        return ("Tijden: " + " · ".join(f"{self.STAGES[s]} {t:.1f} s" for s, t in self.stages)
                + f" · totaal {total:.1f} s")


# -- writing the generated tree ----------------------------------------------------------------

def write_pages(pages: dict[str, str], docs_dir: Path) -> int:
    """Write the pages into docs_dir. Unchanged files are not touched (a later build rewrites only what
    changed). Returns the number of files written."""
    written = 0
    made: set[Path] = set()
    for rel, text in pages.items():
        path = docs_dir / rel
        data = text.encode("utf-8")
        try:
            if path.stat().st_size == len(data) and path.read_bytes() == data:
                continue
        except FileNotFoundError:
            pass
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(data)
        written += 1
    return written


def prune(docs_dir: Path, keep: set[str]) -> None:
    """Remove files that are no longer generated: pages of deleted records must not survive."""
    for path in docs_dir.rglob("*"):
        if path.is_file() and path.relative_to(docs_dir).as_posix() not in keep:
            path.unlink()


# -- writing the Markdown -------------------------------------------------------------------------

def generate(root: Path, watch: Stopwatch | None = None) -> Generated:
    """Write build/docs, build/theme and build/mkdocs.yml. Raises ProblemsFound when the knowledge base has
    problems, BuildError or KbError when the tree cannot be written."""
    watch = watch or Stopwatch()
    kb = load_kb(root)
    watch.lap("read")
    if kb.problems:
        raise ProblemsFound(kb.problems)
    pages = pages_of(root, kb)
    watch.lap("graph")
    out = root / BUILD_DIR
    docs = out / "docs"
    ids = sorted(pages.g.nodes)
    sources = {pages.page_path(n): pages.g.nodes[n].get("path", "") for n in ids}
    config = derived_config()
    for folder in (out, docs, out / "theme"):  # a committed link must not lead our writes elsewhere
        safeio.output_folder(folder, anchors=(root,))
    safeio.refuse_links_in(out)
    safeio.refuse_links_in(THEME_DIR, "het thema (kb/theme), dat in de site wordt gekopieerd")  # a link would publish its target
    try:
        # build/mkdocs.yml is written last: while it is missing the tree is incomplete
        (out / "mkdocs.yml").unlink(missing_ok=True)
        # the open-data files are written alongside, by a process of their own, from the start
        exports = Alongside(lambda _: _write_exports(pages, docs), len(ids) >= SPLIT_MIN_PAGES)
        try:
            with export.deferred():
                site_pages = pages.site_pages()
            keep = set(site_pages) | set(sources)
            write_pages(site_pages, docs)
            in_two_processes(lambda part: write_pages(pages.record_pages(part), docs), ids, SPLIT_MIN_PAGES)
            keep.update(exports())
        finally:
            exports.stop()
        prune(docs, keep)
        if (out / "theme").exists():
            shutil.rmtree(out / "theme")
        shutil.copytree(THEME_DIR, out / "theme")
        (out / "mkdocs.yml").write_text(
            "# Generated by `kb build` from the model; edit ../mkdocs.yml instead.\n"
            + yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
    except OSError as e:
        raise write_error(e, "de Markdown-pagina's in " + BUILD_DIR + "/", _KEPT) from None
    watch.lap("markdown")
    return Generated(docs, sum(1 for rel in keep if rel.endswith(".md")), kb.warnings, sources)


_KEPT = "De vorige site is niet gewijzigd."


def pages_of(root: Path, kb) -> Pages:
    """The pages of a checked knowledge base as `kb build` renders them: dated with the build's date (as MkDocs
    dates the sitemap), for the configured site and edit addresses, with the records' history."""
    epoch = settings.source_date_epoch() or source_date(root)
    accessed = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat() if epoch.isdigit() else None
    return Pages(build_graph(kb), record_history(root), accessed=accessed, site_url=configured_site_url(root),
                 edit_url=edit_url_from_env())


def write_error(e: OSError, what: str, note: str = "") -> KbError:
    """A Dutch message for files that could not be written (disk full, no permission, ...);
    `note` is added to the hint."""
    where = f" ({e.filename})" if e.filename else ""
    note = f" {note}" if note else ""
    if e.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return KbError(f"bouwen mislukt, de schijf is vol: {what} konden niet worden geschreven{where}.",
                       "Maak ruimte vrij op de schijf en bouw opnieuw." + note)
    if e.errno in (errno.EACCES, errno.EPERM):
        return KbError(f"bouwen mislukt, geen toestemming om {what} te schrijven{where}.",
                       "Controleer de rechten van die map, of bouw in een andere map met `kb build --site-dir MAP`." + note)
    if e.errno == errno.EROFS:
        return KbError(f"bouwen mislukt, {what} staan op een alleen-lezen schijf{where}.",
                       "Bouw in een map waarin geschreven mag worden, bijvoorbeeld met `kb build --site-dir MAP`." + note)
    return KbError(f"bouwen mislukt, {what} konden niet worden geschreven: {e.strerror or e}{where}.",
                   "Controleer de schijf en de rechten van de map, en bouw opnieuw." + note)


def _write_exports(pages: Pages, docs: Path) -> list[str]:
    """The open-data files and their page (data/), written into build/docs; returns their paths there."""
    files = export.site_files(pages)
    write_pages(files, docs)
    return sorted(files)


# -- MkDocs -------------------------------------------------------------------------------------------

def run_mkdocs(root: Path, site_dir: Path, exclude: str | None = None) -> str:
    """Build with MkDocs into site_dir. Returns the site_url it built for ("" when none)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    # Material prints a notice about its maintenance mode on every build; not a problem here.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    # Byte-identical output for the same input: MkDocs dates the sitemap (and its gzip header)
    # with SOURCE_DATE_EPOCH when set; use the last commit, or a fixed date outside git.
    os.environ.setdefault("SOURCE_DATE_EPOCH", source_date(root))
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        overrides = {"exclude_docs": exclude} if exclude else {}
        config = load_config(str(root / BUILD_DIR / "mkdocs.yml"), site_dir=str(site_dir), strict=True, **overrides)
        mkdocs_build(config)
    except (Abort, ConfigurationError) as e:
        raise BuildError(f"MkDocs: {e}") from None
    return config.site_url or ""


# From this many records on, pages are rendered by two processes (one per core). Measured: the
# bundled 182 records build in 1.5 s instead of 2.0 s, 1,000 synthetic records in 5.3 s instead of 6.5 s.
# Tiny knowledge bases (and most tests) stay in one process.
SPLIT_MIN_PAGES = 100


def _record_groups(root: Path) -> dict[tuple[str, str], list[int]]:
    """Sizes of the record pages per (URL folder, last character of the id)."""
    docs = root / BUILD_DIR / "docs"
    groups: dict[tuple[str, str], list[int]] = {}
    for t in model.RECORD_TYPES.values():
        if not (docs / t.slug).is_dir():
            continue
        with os.scandir(docs / t.slug) as entries:
            for entry in entries:
                if entry.name.endswith(".md") and entry.name != "index.md":
                    groups.setdefault((t.slug, entry.name[-4]), []).append(entry.stat().st_size)
    return groups


def _split(groups: dict[tuple[str, str], list[int]]) -> tuple[list, list]:
    """Two lists of groups of about equal rendering cost (largest first, each to the lighter side).

    The cost of a page is its Markdown size plus a fixed share for the theme's template (measured:
    MkDocs spends about 0.5 ms per KB of our Markdown and 1.6 ms per page on the template)."""
    template = 3200  # bytes of Markdown that cost as much as one page's template (1.6 / 0.5 KB)
    costs = {key: sum(sizes) + template * len(sizes) for key, sizes in groups.items()}
    a, b, cost_a, cost_b = [], [], 0, 0
    for key, cost in sorted(costs.items(), key=lambda kv: (-kv[1], kv[0])):
        if cost_a <= cost_b:
            a.append(key)
            cost_a += cost
        else:
            b.append(key)
            cost_b += cost
    return a, b


def _excluding(groups: list[tuple[str, str]]) -> str:
    """exclude_docs patterns for these groups of record pages (never a folder's index page)."""
    chars: dict[str, str] = {}
    for slug, char in sorted(groups):
        chars[slug] = chars.get(slug, "") + char
    return "\n".join(f"/{slug}/*[{cs}].md\n!/{slug}/index.md" for slug, cs in chars.items())


def run_mkdocs_split(root: Path, site_dir: Path) -> str:
    """MkDocs renders one page at a time; at scale, let two processes each render half of the
    record pages (measured: the MkDocs stage at 10,000 records takes about 55% of the time). Every
    other page is rendered by both, identically, and taken from the first. The halves are split
    by folder and last character of the id, weighted by size: split by folder only, one process
    idled for 4.7 of 25 s at 10,000 records. Each run writes a sitemap of the pages it rendered;
    the two are merged. Returns the site_url built for."""
    groups = _record_groups(root)
    pages = sum(len(sizes) for sizes in groups.values())
    if len(groups) < 2 or pages < SPLIT_MIN_PAGES or not can_fork():
        return run_mkdocs(root, site_dir)
    mine, theirs = _split(groups)
    other = site_dir.with_name(site_dir.name + "-b")
    other.mkdir()
    lock = lock_folder(other)  # held by the child too (inherited), until both are done
    try:
        # the second run's site serves only for its record pages: it need not copy the open-data files
        no_data = f"\n/{export.DATA_DIR}/*\n!/{export.DATA_DIR}/index.md"
        child = Forked(lambda _: run_mkdocs(root, other, exclude=_excluding(mine) + no_data), None)
        try:
            site_url = run_mkdocs(root, site_dir, exclude=_excluding(theirs))
        except BaseException:
            child.stop()
            raise
        child.finish()
        for slug in sorted({slug for slug, _ in theirs}):
            for page in (other / slug).iterdir():
                if page.is_dir() and not (site_dir / slug / page.name).exists():
                    page.rename(site_dir / slug / page.name)
        merge_sitemaps(site_dir, other, root / BUILD_DIR / "docs", site_url)
    finally:
        remove(other)
        _unlock(lock)
    return site_url


_SITEMAP_URL = re.compile(r"[ \t]*<url>\s*<loc>([^<]*)</loc>.*?</url>[ \t]*\n?", re.S)


def merge_sitemaps(site_dir: Path, other: Path, docs: Path, site_url: str) -> None:
    """Add the pages of the other run's sitemap.xml to this run's, in the order one MkDocs run
    lists them (MkDocs' file order), and write sitemap.xml.gz to match, with the same header."""
    ours, theirs = site_dir / "sitemap.xml", other / "sitemap.xml"
    if not ours.is_file() or not theirs.is_file():
        return
    text = ours.read_text(encoding="utf-8")
    blocks = list(_SITEMAP_URL.finditer(text))
    extra = list(_SITEMAP_URL.finditer(theirs.read_text(encoding="utf-8")))
    if not blocks or not extra:
        return
    entries = {m.group(1): m.group(0) for m in extra}
    entries.update((m.group(1), m.group(0)) for m in blocks)
    indexes = _index_folders(docs)
    order = sorted(entries, key=lambda loc: _file_order(loc, site_url, indexes))
    merged = (text[:blocks[0].start()] + "".join(entries[loc] for loc in order) + text[blocks[-1].end():]).encode("utf-8")
    ours.write_bytes(merged)
    gz = site_dir / "sitemap.xml.gz"
    if gz.is_file():
        header = gz.read_bytes()[:10]
        mtime = struct.unpack("<I", header[4:8])[0] if len(header) == 10 else 0
        with open(gz, "wb") as f, gzip.GzipFile(fileobj=f, filename=str(gz), mode="wb", mtime=mtime) as z:
            z.write(merged)


def _file_order(loc: str, site_url: str, indexes: set[str]) -> tuple:
    """The place of a page's URL in MkDocs' file order (mkdocs.structure.files.file_sort_key:
    folder by folder, a folder's index first, then file names). `indexes`: the folders of the
    docs tree that have an index.md."""
    url = html.unescape(loc) if "&" in loc else loc
    if site_url and url.startswith(site_url):
        url = url[len(site_url):]
    rel = (unquote(url) if "%" in url else url).strip("/")
    parts = tuple(rel.split("/")) if rel else ()
    if rel in indexes:
        return (parts, False, "index.md")
    return (parts[:-1], True, parts[-1] + ".md")


def _index_folders(docs: Path) -> set[str]:
    found = set()
    for folder, _, names in os.walk(docs):
        if "index.md" in names:
            rel = os.path.relpath(folder, docs)
            found.add("" if rel == "." else rel.replace(os.sep, "/"))
    return found


# -- Pagefind ---------------------------------------------------------------------------------------

def start_pagefind(site_dir: Path, lock: int | None = None) -> subprocess.Popen:
    """Pagefind indexes the built HTML in its own process (it only reads the pages and adds pagefind/).
    `lock`, the descriptor of the folder's lock, is handed on: the folder stays in use while Pagefind
    writes into it, even if we are killed."""
    return subprocess.Popen(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent",
         "--exclude-selectors", ".headerlink, .kb-permalink"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, pass_fds=() if lock is None else (lock,),
    )


def finish_pagefind(proc: subprocess.Popen) -> None:
    out, err = proc.communicate()
    if proc.returncode != 0:
        message = err.strip() or out.strip()
        for code, pattern in ((errno.ENOSPC, r"No space left|os error 28"), (errno.EDQUOT, r"quota|os error 122"),
                              (errno.EACCES, r"Permission denied|os error 13"), (errno.EROFS, r"Read-only|os error 30")):
            if re.search(pattern, message, re.I):  # said in English by Pagefind; reported like our own
                raise OSError(code, os.strerror(code), str(Path(proc.args[proc.args.index("--site") + 1]) / "pagefind"))
        raise BuildError(f"Pagefind: {message}")


def _stop(proc: subprocess.Popen | None) -> None:
    if proc is not None and proc.poll() is None:
        proc.kill()
        proc.communicate()


# -- temporary folders, signals -------------------------------------------------------------------

# An unlocked temporary folder whose owner's process id is in use is left alone for this long: it
# may be a build between creating and locking its folder, or the id may have been reused.
STALE_AFTER = 600.0
_OWNER = re.compile(r"\.site-(?:old-)?(\d+)(?:-|$)")


def lock_folder(path: Path) -> int | None:
    """Hold an exclusive flock on a folder while we write it (released when the process ends,
    however it ends). Returns the descriptor to close, or None where flock does not exist."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        return None
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise
    return fd


def _unlock(fd: int | None) -> None:
    if fd is not None:
        os.close(fd)


def _in_use(path: Path) -> bool:
    """Whether a running build holds the folder's lock."""
    try:
        fd = lock_folder(path)
    except BlockingIOError:
        return True
    except OSError:
        return False
    _unlock(fd)
    return False


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # this process starts no build while one of its own runs
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError, ValueError):
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def stale_temporaries(parent: Path) -> list[Path]:
    """Temporary site folders in `parent` that no running build uses."""
    try:
        entries = sorted(p for p in parent.iterdir() if p.name.startswith(TEMP_PREFIX))
    except OSError:
        return []
    stale = []
    for path in entries:
        if not path.is_dir() or path.is_symlink() or _in_use(path):
            continue
        owner = _OWNER.match(path.name)
        try:
            age = time.time() - path.lstat().st_mtime
        except OSError:
            continue
        if owner is None or not _running(int(owner.group(1))) or age > STALE_AFTER:
            stale.append(path)
    return stale


def remove_stale_temporaries(parent: Path) -> None:
    for path in stale_temporaries(parent):
        remove(path)


def remove(*paths: Path) -> None:
    """Remove folders; a second Ctrl+C or SIGTERM waits until they are gone."""
    with _signals_held():
        for path in paths:
            shutil.rmtree(path, ignore_errors=True)


_SIGNALS = tuple(s for s in (getattr(signal, n, None) for n in ("SIGINT", "SIGTERM", "SIGHUP")) if s is not None)


@contextlib.contextmanager
def _signals_held():
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not POSIX
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


class Interrupted(SystemExit):
    """SIGTERM or SIGHUP during a build: unwinds like Ctrl+C (cleaning up on the way), then the
    process exits with 128 + the signal's number, as if the signal had ended it."""


@contextlib.contextmanager
def _stopping_on_signals():
    """SIGTERM and SIGHUP raise Interrupted instead of ending the process on the spot, so the
    temporary folders are removed. (Ctrl+C raises KeyboardInterrupt already.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupted(signum, frame):
        _pending.append(signum)
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise Interrupted(128 + signum)

    old = {}
    for sig in _SIGNALS:
        current = signal.getsignal(sig)
        if current is signal.SIG_DFL or (sig == signal.SIGINT and current is signal.default_int_handler):
            old[sig] = signal.signal(sig, interrupted)
    _pending.clear()
    try:
        yield
        check_interrupted()  # a signal whose exception a finalizer swallowed still ends the build
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)
        _pending.clear()


# Signals received during a build. The handler raises at once, but Python drops an exception raised while
# it runs a finalizer or a callback ("Exception ignored in …"): the build then checks here before it swaps
# the new site in and when it ends.
_pending: list[int] = []


def check_interrupted() -> None:
    if _pending:
        signum = _pending[0]
        raise KeyboardInterrupt if signum == signal.SIGINT else Interrupted(128 + signum)


# -- kb build ------------------------------------------------------------------------------------------

def build(root: Path, site_dir: Path | None = None, watch: Stopwatch | None = None) -> Built:
    """Build the site into a temporary folder next to the target, then swap it in.

    A failed or interrupted build leaves the previous site untouched and no temporary folder.
    Raises ProblemsFound for a knowledge base with problems, BuildError when MkDocs refuses the tree or a
    link is broken, KbError for a file that cannot be written (disk full, no permission), after cleaning up.
    """
    with _stopping_on_signals():
        return _build(root, site_dir, watch or Stopwatch())


def _build(root: Path, site_dir: Path | None, watch: Stopwatch) -> Built:
    site_dir = safeio.output_folder(site_dir or root / "site", anchors=(root,))  # never resolved through a link
    remove_stale_temporaries(site_dir.parent)
    generated = generate(root, watch=watch)
    sources = generated.sources
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", dir=site_dir.parent))
    except OSError as e:
        raise write_error(e, f"de bestanden van de site in {site_dir}", _KEPT) from None
    lock, pagefind = None, None
    try:
        lock = lock_folder(tmp)
        site_url = run_mkdocs_split(root, tmp)
        watch.lap("mkdocs")
        pagefind = start_pagefind(tmp, lock)  # indexes while we check the links
        broken = broken_links(tmp, site_url=site_url)
        watch.lap("linkcheck")
        if broken:
            raise BuildError("kapotte interne links:\n" + "\n".join(
                f"  {_source_of(page, sources)}: {link}" for page, link in broken))
        finish_pagefind(pagefind)
        watch.lap("pagefind")
        swap_in(tmp, site_dir)
    except OSError as e:
        _stop(pagefind)
        remove(tmp)
        raise write_error(e, f"de bestanden van de site in {site_dir}", _KEPT) from None
    except BaseException:
        _stop(pagefind)
        remove(tmp)
        raise
    finally:
        _unlock(lock)
    watch.lap("swap")
    return Built(site_dir, generated)


def _source_of(page: str, sources: dict[str, str]) -> str:
    """A built page named by the YAML file of its record where it has one:
    "actors/coa.yaml (actoren/coa/index.html)"; other pages by their path in the site."""
    if page.endswith("/index.html"):
        source = sources.get(page[: -len("/index.html")] + ".md")
        if source:
            return f"{source} ({page})"
    return page


def swap_in(new: Path, target: Path) -> None:
    """Replace `target` by `new` with two renames, so readers never see half a site."""
    check_interrupted()
    with _signals_held():  # a signal now would leave neither site in place
        old = None
        if target.exists():
            old = target.with_name(f"{TEMP_PREFIX}{os.getpid()}-old-{target.name}")
            if old.exists():
                shutil.rmtree(old)
            target.rename(old)
        try:
            new.rename(target)
        except OSError:
            if old is not None:
                old.rename(target)
            raise
        os.chmod(target, 0o755)  # mkdtemp makes it private; a web server must read it
    if old is not None:
        remove(old)
