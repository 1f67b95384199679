"""Nothing is written or deleted outside the repository (issue 19), whatever a pull request commits: a symbolic
link named like an output (to a folder or file elsewhere, or dangling), a folder on the way that is a link, or a
FIFO where an output goes. Every command that writes is fed each of them; the outside stays as it was and the
refusal is a Dutch message, not a hang or a traceback."""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest

from kb import safeio
from kb.cli import main
from kb.errors import KbError

SENTINEL = "waardevol\n"


def _run(root, *args, cwd=None):
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    os.chdir(cwd or root)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--root", str(root), *args])
    finally:
        os.chdir(old)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def outside(tmp_path):
    """A folder outside the knowledge base with a file someone cares about."""
    folder = tmp_path / "elders"
    folder.mkdir()
    (folder / "belangrijk.txt").write_text(SENTINEL, encoding="utf-8")
    return folder


def _untouched(outside: Path) -> None:
    assert sorted(p.name for p in outside.iterdir()) == ["belangrijk.txt"]
    assert (outside / "belangrijk.txt").read_text(encoding="utf-8") == SENTINEL


def _place(root: Path, rel: str, kind: str, outside: Path) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "link-folder":
        path.symlink_to(outside, target_is_directory=True)
    elif kind == "link-file":
        path.symlink_to(outside / "belangrijk.txt")
    elif kind == "dangling":
        path.symlink_to(outside / "nieuw")
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        raise AssertionError(kind)


def _refused(code: int, err: str) -> None:
    assert code == 1, err
    assert err.startswith("fout: ") and "tip: " in err and "Traceback" not in err
    assert any(w in err for w in ("symbolische link", "pijp (FIFO)", "geen gewone map", "geen gewoon bestand")), err


# ---- output folders: kb build, kb generate -------------------------------------------------------------

@pytest.mark.parametrize("rel, kind", [
    ("site", "link-folder"), ("site", "dangling"), ("site", "fifo"), ("site", "link-file"),
    ("build", "link-folder"), ("build", "dangling"), ("build/docs", "link-folder"), ("build/docs", "dangling"),
    ("build/theme", "link-folder"), ("build/docs/index.md", "link-file"), ("build/docs/risicos", "link-folder"),
    ("build/mkdocs.yml", "fifo"),
])
def test_build_writes_and_deletes_nothing_through_a_committed_link(minimal_kb, outside, rel, kind):
    _place(minimal_kb, rel, kind, outside)
    code, _, err = _run(minimal_kb, "build")
    _refused(code, err)
    _untouched(outside)
    assert not (outside / "nieuw").exists()


@pytest.mark.parametrize("rel, kind", [
    ("build", "link-folder"), ("build", "dangling"), ("build/docs", "link-folder"), ("build/docs", "dangling"),
    ("build/docs/index.md", "link-file"), ("build/docs/index.md", "fifo"),
])
def test_generate_writes_nothing_through_a_committed_link(minimal_kb, outside, rel, kind):
    _place(minimal_kb, rel, kind, outside)
    code, _, err = _run(minimal_kb, "generate")
    _refused(code, err)
    _untouched(outside)


def test_build_site_dir_through_a_linked_parent_is_refused(minimal_kb, outside):
    (minimal_kb / "uit").symlink_to(outside, target_is_directory=True)
    code, _, err = _run(minimal_kb, "build", "--site-dir", str(minimal_kb / "uit/site"))
    _refused(code, err)
    _untouched(outside)


# ---- -o targets: kb diff, kb export, kb scan ------------------------------------------------------------

def _git(root, *args):
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(root), "PATH": "/usr/bin:/bin"})


def _document(root: Path) -> Path:
    path = root / "brief.txt"
    path.write_text("Zie art. 22 IVRK en General Comment nr. 6.\n", encoding="utf-8")
    return path


COMMANDS = {
    "diff": lambda root: ("diff", "HEAD", "-o"),
    "export-json": lambda root: ("export", "-o"),
    "export-ttl": lambda root: ("export", "--format", "ttl", "-o"),
    "scan": lambda root: ("scan", str(_document(root)), "-o"),
    "scan-stub": lambda root: ("scan", str(_document(root)), "--stub", "-o"),
}


@pytest.mark.parametrize("kind", ["link-file", "dangling", "fifo", "linked-parent"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_output_file_is_never_written_through_a_link_or_a_fifo(minimal_kb, outside, command, kind):
    if command == "diff":
        _git(minimal_kb, "init", "-q", "-b", "main")
        _git(minimal_kb, "add", ".")
        _git(minimal_kb, "commit", "-q", "-m", "Eerste versie")
    if kind == "linked-parent":
        _place(minimal_kb, "uit", "link-folder", outside)
        target = "uit/kb-uitvoer.md"
    else:
        _place(minimal_kb, "kb-uitvoer.md", kind, outside)
        target = "kb-uitvoer.md"
    code, _, err = _run(minimal_kb, *COMMANDS[command](minimal_kb), target)  # relative to the working directory
    _refused(code, err)
    _untouched(outside)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_output_file_is_written_by_renaming_a_new_file(minimal_kb, tmp_path, command):
    if command == "diff":
        _git(minimal_kb, "init", "-q", "-b", "main")
        _git(minimal_kb, "add", ".")
        _git(minimal_kb, "commit", "-q", "-m", "Eerste versie")
    target = tmp_path / "uitvoer.txt"
    if command != "scan-stub":
        target.write_text("oud\n", encoding="utf-8")
        os.link(target, tmp_path / "harde-link.txt")  # an existing file is replaced, never opened for writing
    code, _, err = _run(minimal_kb, *COMMANDS[command](minimal_kb), str(target))
    assert code == 0, err
    assert target.read_text(encoding="utf-8") not in ("", "oud\n")
    if command != "scan-stub":
        assert (tmp_path / "harde-link.txt").read_text(encoding="utf-8") == "oud\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".kb-")] == []


@pytest.mark.parametrize("kind", ["link-folder", "dangling", "fifo"])
def test_csv_export_folder_is_never_a_link(minimal_kb, outside, kind):
    _place(minimal_kb, "csv", kind, outside)
    code, _, err = _run(minimal_kb, "export", "--format", "csv", "-o", "csv")
    _refused(code, err)
    _untouched(outside)


@pytest.mark.parametrize("kind", ["link-file", "dangling", "fifo"])
def test_csv_export_never_writes_through_a_file_in_its_folder(minimal_kb, outside, kind):
    (minimal_kb / "csv").mkdir()
    _place(minimal_kb, "csv/links.csv", kind, outside)
    code, _, err = _run(minimal_kb, "export", "--format", "csv", "-o", "csv")
    _refused(code, err)
    _untouched(outside)


def test_kb_new_on_a_full_disk_leaves_no_file(minimal_kb, monkeypatch):
    real = os.fdopen

    class Full:
        def __init__(self, fd, mode):
            self.f = real(fd, mode)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safeio.os, "fdopen", Full)
    code, _, err = _run(minimal_kb, "new", "risk", "nieuw")
    assert code == 1 and "de schijf is vol" in err
    assert not (minimal_kb / "risks/nieuw.yaml").exists()
    assert [p.name for p in (minimal_kb / "risks").iterdir() if p.name.startswith(".kb-")] == []


def test_a_link_in_the_theme_is_never_copied_into_the_site(minimal_kb, outside, monkeypatch):
    from kb import site

    theme = minimal_kb / "thema"
    import shutil

    shutil.copytree(site.THEME_DIR, theme)
    (theme / "assets/geheim.txt").symlink_to(outside / "belangrijk.txt")  # or /proc/self/environ
    monkeypatch.setattr(site, "THEME_DIR", theme)
    code, _, err = _run(minimal_kb, "build")
    _refused(code, err)
    assert "thema" in err
    assert not (minimal_kb / "build/theme/assets/geheim.txt").exists()
    assert not (minimal_kb / "site").exists()


def test_refuse_links_in_finds_a_link_deep_in_the_tree(tmp_path, outside):
    (tmp_path / "a/b/c").mkdir(parents=True)
    (tmp_path / "a/b/c/x").symlink_to(outside)
    with pytest.raises(KbError, match="symbolische link"):
        safeio.refuse_links_in(tmp_path / "a")


def test_gitignore_ignores_site_and_build_as_names():
    from conftest import ROOT

    lines = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "/site" in lines and "/build" in lines


@pytest.mark.parametrize("rel, kind", [("site", "link-folder"), ("site", "dangling"), ("build", "link-folder"),
                                       ("build/docs", "link-folder")])
def test_serve_writes_and_deletes_nothing_through_a_committed_link(minimal_kb, outside, rel, kind):
    from kb import serve

    _place(minimal_kb, rel, kind, outside)
    live = serve.Live(minimal_kb, minimal_kb / "site", serve._State())
    assert live.full_build() is False
    assert any("symbolische link" in message for message in live.report.problems)
    _untouched(outside)
