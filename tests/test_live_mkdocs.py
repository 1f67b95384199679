"""kb serve renders pages with two private functions of MkDocs: a test that fails, with what to do, when MkDocs
changes them (pyproject.toml pins the minor version they were tested with)."""

from __future__ import annotations

import re
from pathlib import Path

import mkdocs
import pytest

from kb import live_mkdocs
from kb.errors import KbError

ROOT = Path(__file__).resolve().parent.parent


def test_mkdocs_private_api_is_what_kb_serve_was_tested_with():
    try:
        populate, build_page = live_mkdocs.private_api()
    except KbError as e:
        pytest.fail(f"{e.message}\n{e.hint}")
    assert callable(populate) and callable(build_page)


def test_the_pin_is_the_tested_minor_version():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    minor = live_mkdocs.TESTED_MKDOCS
    major, number = minor.split(".")
    assert f'"mkdocs>={minor},<{major}.{int(number) + 1}"' in pyproject, "pin MkDocs to TESTED_MKDOCS in pyproject.toml"
    assert re.match(rf"{re.escape(minor)}(\.|$)", mkdocs.__version__), (
        f"MkDocs {mkdocs.__version__} is installed, kb serve was tested with {minor}: pip install -e .")


def test_a_changed_api_is_reported_in_dutch(monkeypatch):
    from mkdocs.commands import build

    monkeypatch.setattr(build, "_build_page", lambda page, config: None)
    with pytest.raises(KbError) as e:
        live_mkdocs.private_api()
    assert "_build_page" in e.value.message and "MkDocs" in e.value.hint
