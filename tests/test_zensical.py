"""The generated tree builds with Zensical too (Material's successor; DEVELOPERS.md: pages are generated
before MkDocs so that it can). Skipped when Zensical is not installed (the test extra installs it)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_bundled_kb
from kb.cli import main

pytestmark = pytest.mark.slow  # a second site generator: not in the quick tier


def _zensical() -> str | None:
    exe = shutil.which("zensical") or str(Path(sys.executable).with_name("zensical"))
    return exe if Path(exe).exists() else None


def zensical_config(root: Path) -> Path:
    """build/mkdocs.yml with the site folder inside build/: Zensical refuses one outside its project folder."""
    config = root / "build/zensical.yml"
    text = (root / "build/mkdocs.yml").read_text(encoding="utf-8")
    assert "site_dir: ../site" in text
    config.write_text(text.replace("site_dir: ../site", "site_dir: zensical-site"), encoding="utf-8")
    return config


@pytest.mark.skipif(_zensical() is None, reason="Zensical not installed (pip install -e '.[test]' installs it)")
def test_zensical_builds_the_generated_tree_with_the_same_pages(tmp_path):
    root = copy_bundled_kb(tmp_path / "kb")
    assert main(["--root", str(root), "build"]) == 0
    result = subprocess.run([_zensical(), "build", "--clean", "-f", str(zensical_config(root))], cwd=root,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    ours = {p.relative_to(root / "site").as_posix() for p in (root / "site").rglob("*.html")}
    theirs = {p.relative_to(root / "build/zensical-site").as_posix()
              for p in (root / "build/zensical-site").rglob("*.html")}
    assert len(ours) > 300
    assert ours == theirs
    # the pages are ours, in our theme: a record page carries its title, the search area and the copy button
    page = (root / "build/zensical-site/artikelen/ivrk-22/index.html").read_text(encoding="utf-8")
    assert "Minderjarige vluchtelingen" in page and "data-pagefind-body" in page and "data-kb-search" in page
