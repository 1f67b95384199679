"""Publishing: a site under a path (GitHub Pages project sites), its sitemap, and builds that are
interrupted or cannot write."""

from __future__ import annotations

import errno
import gzip
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import MINIMAL, write_kb
from kb import settings, site
from kb.cli import main
from kb.linkcheck import broken_links

SITE_URL = "https://example.org/ivrk-kennisbank/"


def _tree(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".site-"))


def _sitemap_urls(site_dir: Path) -> list[str]:
    text = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert gzip.decompress((site_dir / "sitemap.xml.gz").read_bytes()).decode("utf-8") == text
    return re.findall(r"<loc>([^<]*)</loc>", text)


def _pages(site_dir: Path) -> set[str]:
    """The URL of every page MkDocs built (not the forwarding pages of old ids)."""
    urls = set()
    for page in site_dir.rglob("index.html"):
        if 'content="noindex"' not in page.read_text(encoding="utf-8"):
            folder = page.parent.relative_to(site_dir).as_posix()
            urls.add(SITE_URL + ("" if folder == "." else folder + "/"))
    return urls


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The minimal knowledge base built for SITE_URL: in one MkDocs process with site_url from
    mkdocs.yml, and in two with KB_SITE_URL."""
    tmp = tmp_path_factory.mktemp("publish")
    root = write_kb(tmp / "kb", MINIMAL)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'site_url: ""' in config
    (root / "mkdocs.yml").write_text(config.replace('site_url: ""', f"site_url: {SITE_URL}"), encoding="utf-8")
    assert main(["--root", str(root), "build", "--site-dir", str(tmp / "one")]) == 0
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    saved = site.SPLIT_MIN_PAGES, os.environ.get(settings.SITE_URL_ENV)
    site.SPLIT_MIN_PAGES = 0
    os.environ[settings.SITE_URL_ENV] = SITE_URL.rstrip("/")  # as actions/configure-pages gives it
    calls = []
    real = site.run_mkdocs
    site.run_mkdocs = lambda *a, **k: calls.append(k.get("exclude")) or real(*a, **k)
    try:
        assert main(["--root", str(root), "build", "--site-dir", str(tmp / "two")]) == 0
    finally:
        site.SPLIT_MIN_PAGES = saved[0]
        site.run_mkdocs = real
        if saved[1] is None:
            os.environ.pop(settings.SITE_URL_ENV)
        else:
            os.environ[settings.SITE_URL_ENV] = saved[1]
    assert calls and calls[0], "the second build ran MkDocs in two processes"
    return root, tmp / "one", tmp / "two"


@pytest.mark.slow
def test_site_under_a_path_is_the_same_in_one_and_two_processes(sites):
    _, one, two = sites
    a, b = _tree(one), _tree(two)
    assert sorted(a) == sorted(b)
    assert [k for k in a if a[k] != b[k]] == []
    assert f'<link rel="canonical" href="{SITE_URL}artikelen/ivrk-22/">' in a["artikelen/ivrk-22/index.html"].decode()


@pytest.mark.slow
@pytest.mark.parametrize("which", [1, 2])
def test_sitemap_lists_every_page(sites, which):
    built = sites[which]
    urls = _sitemap_urls(built)
    assert len(urls) == len(set(urls))
    assert set(urls) == _pages(built)
    assert any("/aanbevelingen/aanbeveling-a/" in u for u in urls) and any("/actoren/coa/" in u for u in urls)


@pytest.mark.slow
def test_bundled_knowledge_base_under_a_path(tmp_path, monkeypatch):
    """The deploy workflow's case: the repository's records (over SPLIT_MIN_PAGES, so MkDocs runs
    as two processes) built for a GitHub Pages project site."""
    from conftest import copy_bundled_kb
    from kb.validate import load_kb

    root = copy_bundled_kb(tmp_path)
    assert len(load_kb(root).records) >= site.SPLIT_MIN_PAGES
    monkeypatch.setenv(settings.SITE_URL_ENV, SITE_URL)
    calls = []
    real = site.run_mkdocs
    monkeypatch.setattr(site, "run_mkdocs", lambda *a, **k: calls.append(k.get("exclude")) or real(*a, **k))
    assert main(["--root", str(root), "build"]) == 0
    assert (calls and calls[0]) or (os.cpu_count() or 1) < 2  # this process rendered half the record pages
    assert set(_sitemap_urls(root / "site")) == _pages(root / "site")
    assert broken_links(root / "site", limit=10, site_url=SITE_URL) == []


@pytest.mark.slow
def test_every_internal_link_resolves_under_the_path(sites):
    _, _, built = sites
    assert broken_links(built, site_url=SITE_URL) == []
    # the same site checked as if it were served from the server root: the 404 page's links
    # (from the server root, /ivrk-kennisbank/…) are then outside the site
    outside = broken_links(built, site_url="https://example.org/elders/")
    assert outside and {page for page, _ in outside} <= {"404.html"} | {p for p, _ in outside if p.endswith("index.html")}
    assert any(link.startswith("/ivrk-kennisbank/") for _, link in outside)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


@pytest.mark.slow
def test_site_served_under_the_path_has_no_dead_link(sites):
    """Every href and src of every page, resolved as a browser does and fetched from a server
    that serves the site under /ivrk-kennisbank/ (kb serve's handler), including the 404 page
    shown at a deep URL."""
    from kb import serve

    _, _, built = sites
    state = serve._State()
    state.base = "/ivrk-kennisbank/"
    server = serve.Server(("127.0.0.1", 0), serve.handler(built, state))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        def fetch(url: str) -> tuple[int, bytes, str]:
            try:
                with urllib.request.urlopen(url, timeout=10) as r:
                    return r.status, r.read(), r.headers.get("Content-Type", "")
            except urllib.error.HTTPError as e:
                return e.code, e.read(), e.headers.get("Content-Type", "")

        start = origin + "/ivrk-kennisbank/"
        missing = origin + "/ivrk-kennisbank/artikelen/bestaat/niet/"
        status, _, _ = fetch(missing)
        assert status == 404
        queue, seen, dead, pages = [start, missing], {start, missing}, [], 0
        while queue:
            url = queue.pop()
            status, body, kind = fetch(url)
            if status != 200 and url != missing:
                dead.append(url)
                continue
            if not kind.startswith("text/html"):
                continue
            pages += 1
            parser = _Links()
            parser.feed(body.decode("utf-8"))
            for link in parser.links:
                target = urljoin(url, link).split("#")[0]
                if urlsplit(target).scheme in ("http", "https") and target.startswith(SITE_URL):
                    target = origin + urlsplit(target).path  # the canonical address, here
                if not target.startswith(origin) or target in seen or target.startswith(origin + "/__kb_build"):
                    continue
                assert urlsplit(target).path.startswith("/ivrk-kennisbank/"), (url, link)
                seen.add(target)
                queue.append(target)
        assert dead == []
        assert pages >= len(_pages(built))
    finally:
        server.shutdown()
        server.server_close()


def test_link_check_with_a_site_url():
    """Links from the server root and full URLs of the site are checked against the site."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "a").mkdir()
        (root / "a/index.html").write_text(
            '<a href="/ivrk-kennisbank/a/">ok</a> <a href="/ivrk-kennisbank/b/">weg</a> <a href="/a/">buiten</a>'
            f'<link rel="canonical" href="{SITE_URL}a/"> <a href="{SITE_URL}c/">weg</a>'
            '<a href="https://example.org/">ext</a> <a href="/ivrk-kennisbank/">root</a>')
        assert sorted(broken_links(root, site_url=SITE_URL)) == [
            ("a/index.html", "/a/"), ("a/index.html", "/ivrk-kennisbank/b/"), ("a/index.html", f"{SITE_URL}c/")]
        # without a site_url a link from the server root is read from the site's root
        assert sorted(broken_links(root)) == [("a/index.html", "/ivrk-kennisbank/"), ("a/index.html", "/ivrk-kennisbank/a/"),
                                              ("a/index.html", "/ivrk-kennisbank/b/")]


def test_a_bad_site_url_is_refused_in_dutch(tmp_path, monkeypatch, capsys):
    root = write_kb(tmp_path, MINIMAL)
    monkeypatch.setenv(settings.SITE_URL_ENV, "example.org/kennisbank")
    assert main(["--root", str(root), "build"]) == 1
    err = capsys.readouterr().err
    assert "KB_SITE_URL is geen geldig webadres" in err and "Traceback" not in err
    assert not (root / "site").exists()


def test_a_broken_link_names_the_yaml_file_of_its_page(tmp_path, monkeypatch, capsys):
    from kb import render

    root = write_kb(tmp_path, MINIMAL)
    original = render.Pages.href
    monkeypatch.setattr(render.Pages, "href", lambda self, n: original(self, n) + "bestaat-niet/")
    assert main(["--root", str(root), "build"]) == 1
    err = capsys.readouterr().err
    assert "kapotte interne links" in err
    assert "recommendations/aanbeveling-a.yaml (aanbevelingen/aanbeveling-a/index.html): ../../" in err
    assert _temporaries(tmp_path) == []


# -- interrupted builds -----------------------------------------------------------------------------

_BUILD_IN_TWO = ("import sys, kb.site; kb.site.SPLIT_MIN_PAGES = 0; from kb.cli import main; "
                 "sys.exit(main(sys.argv[1:]))")


def _start_build(root: Path, split: bool) -> subprocess.Popen:
    command = ["-c", _BUILD_IN_TWO] if split else ["-m", "kb.cli"]
    return subprocess.Popen([sys.executable, *command, "--root", str(root), "build"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def _wait_for_temporary(root: Path, proc: subprocess.Popen, suffix: str = "") -> None:
    deadline = time.time() + 60
    while not any(name.endswith(suffix) for name in _temporaries(root)):
        assert proc.poll() is None, proc.communicate()
        assert time.time() < deadline, "the build made no temporary folder"
        time.sleep(0.005)


@pytest.mark.slow
@pytest.mark.parametrize("sig, code", [(signal.SIGTERM, 128 + signal.SIGTERM), (signal.SIGINT, 130)])
def test_an_interrupted_build_removes_its_temporary_folders(tmp_path, sig, code):
    root = write_kb(tmp_path, MINIMAL)
    assert main(["--root", str(root), "build"]) == 0
    before = _tree(root / "site")
    proc = _start_build(root, split=True)
    _wait_for_temporary(root, proc, "-b")  # both MkDocs processes are at work
    time.sleep(0.1)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == code, (out, err)
    assert "Traceback" not in err
    assert _temporaries(root) == []
    assert _tree(root / "site") == before


@pytest.mark.slow
def test_the_next_build_removes_what_a_killed_build_left(tmp_path):
    root = write_kb(tmp_path, MINIMAL)
    proc = _start_build(root, split=False)
    _wait_for_temporary(root, proc)
    proc.kill()
    proc.wait()
    assert _temporaries(root), "SIGKILL left the temporary folder"
    assert main(["--root", str(root), "build"]) == 0
    assert _temporaries(root) == []


def test_stale_temporaries_are_told_from_those_in_use(tmp_path):
    def folder(name: str, age: float = 0) -> Path:
        path = tmp_path / name
        (path / "assets").mkdir(parents=True)
        (path / "index.html").write_text("oud")
        if age:
            os.utime(path, (time.time() - age, time.time() - age))
        return path

    dead = 2 ** 22 + 12345  # above Linux's largest process id
    alive = os.getppid()
    folder(f".site-{dead}-abc")  # its build was killed
    folder(f".site-{dead}-abc-b")
    folder(f".site-old-{dead}")  # names of earlier versions
    folder(".site-x8k2l1q0")
    folder(f".site-{alive}-fresh")  # a build that has not locked its folder yet
    folder(f".site-{alive}-old", age=2 * site.STALE_AFTER)  # its process id was given to another process
    locked = folder(f".site-{dead}-locked", age=2 * site.STALE_AFTER)  # still written by a child of the build
    (tmp_path / ".site-bestand").write_text("geen map")
    fd = site.lock_folder(locked)
    try:
        stale = {p.name for p in site.stale_temporaries(tmp_path)}
        assert stale == {f".site-{dead}-abc", f".site-{dead}-abc-b", f".site-old-{dead}", ".site-x8k2l1q0",
                         f".site-{alive}-old"}
        site.remove_stale_temporaries(tmp_path)
        assert _temporaries(tmp_path) == sorted([".site-bestand", f".site-{alive}-fresh", f".site-{dead}-locked"])
    finally:
        os.close(fd)
    site.remove_stale_temporaries(tmp_path)  # its lock is gone: what is left of it can go
    assert _temporaries(tmp_path) == sorted([".site-bestand", f".site-{alive}-fresh"])


# -- files that cannot be written -------------------------------------------------------------------

def _enospc(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "/schijf/vol")


@pytest.fixture
def built(tmp_path):
    root = write_kb(tmp_path, MINIMAL)
    assert main(["--root", str(root), "build"]) == 0
    return root, _tree(root / "site")


def _assert_failed_cleanly(root: Path, before: dict, capsys, words: str) -> str:
    assert main(["--root", str(root), "build"]) == 1
    err = capsys.readouterr().err
    assert words in err and "tip:" in err and "Traceback" not in err, err
    assert _tree(root / "site") == before
    assert _temporaries(root) == []
    return err


def test_disk_full_while_writing_the_markdown(built, monkeypatch, capsys):
    root, before = built
    monkeypatch.setattr(site, "write_pages", _enospc)
    err = _assert_failed_cleanly(root, before, capsys, "de schijf is vol")
    assert "Markdown-pagina's" in err and "/schijf/vol" in err
    assert not (root / "build/mkdocs.yml").exists()  # the generated tree is incomplete and says so


@pytest.mark.slow
def test_disk_full_while_mkdocs_writes(built, monkeypatch, capsys):
    import mkdocs.utils

    root, before = built
    monkeypatch.setattr(mkdocs.utils, "write_file", _enospc)
    _assert_failed_cleanly(root, before, capsys, "de schijf is vol")


@pytest.mark.slow
def test_disk_full_in_the_second_mkdocs_process(built, monkeypatch, capsys):
    import mkdocs.utils

    root, before = built
    real = mkdocs.utils.write_file

    def write_file(content, path):
        if "-b" + os.sep in path:  # only the forked child writes there
            _enospc()
        real(content, path)

    monkeypatch.setattr(site, "SPLIT_MIN_PAGES", 0)
    monkeypatch.setattr(mkdocs.utils, "write_file", write_file)
    _assert_failed_cleanly(root, before, capsys, "de schijf is vol")


@pytest.mark.slow
def test_no_permission_to_write_the_site(built, monkeypatch, capsys):
    root, before = built
    real = site.run_mkdocs_split

    def refused(root_, tmp):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(tmp / "index.html"))

    monkeypatch.setattr(site, "run_mkdocs_split", refused)
    err = _assert_failed_cleanly(root, before, capsys, "geen toestemming om de bestanden van de site")
    assert "--site-dir" in err
    monkeypatch.setattr(site, "run_mkdocs_split", real)


@pytest.mark.slow
def test_read_only_file_system(built, monkeypatch, capsys):
    root, before = built

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), kwargs.get("dir"))

    monkeypatch.setattr(site.tempfile, "mkdtemp", read_only)
    _assert_failed_cleanly(root, before, capsys, "alleen-lezen schijf")


def test_site_url_is_read_from_mkdocs_yml_with_any_tags(tmp_path, monkeypatch):
    monkeypatch.delenv(settings.SITE_URL_ENV, raising=False)
    (tmp_path / "mkdocs.yml").write_text("site_url: https://example.org/kb\nmarkdown_extensions:\n"
                                         "  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
                                         "extra:\n  key: !ENV [KB_TEST, x]\n", encoding="utf-8")
    assert settings.configured_site_url(tmp_path) == "https://example.org/kb/"
    monkeypatch.setenv(settings.SITE_URL_ENV, "https://example.org/ander")
    assert settings.configured_site_url(tmp_path) == "https://example.org/ander/"
    assert settings.base_path(settings.configured_site_url(tmp_path)) == "/ander/"
    assert settings.derived_config()["site_url"] == "https://example.org/ander/"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_read_only_output_folder(tmp_path, capsys):
    root = write_kb(tmp_path / "kb", MINIMAL)
    out = tmp_path / "alleen-lezen"
    out.mkdir()
    out.chmod(0o555)
    try:
        assert main(["--root", str(root), "build", "--site-dir", str(out / "site")]) == 1
    finally:
        out.chmod(0o755)
    err = capsys.readouterr().err
    assert "geen toestemming" in err and "Traceback" not in err


def test_a_signal_whose_exception_a_finalizer_swallowed_still_stops_the_build(monkeypatch):
    """Python drops an exception raised while it runs a finalizer ("Exception ignored in ..."): a SIGTERM that
    arrives then must still end the build (seen as a build that completed and swapped after SIGTERM)."""
    from kb import site

    class Finalizer:
        def __del__(self):
            signal.raise_signal(signal.SIGTERM)
            for _ in range(10_000):  # the handler runs here, inside the finalizer
                pass

    dropped = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: dropped.append(u.exc_type))
    with pytest.raises(site.Interrupted) as stopped:
        with site._stopping_on_signals():
            Finalizer()  # dropped at once: __del__ runs
            assert dropped == [site.Interrupted]  # Python ignored the handler's exception
    assert stopped.value.code == 128 + signal.SIGTERM
    assert site._pending == [] and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
