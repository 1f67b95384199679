"""Hostile configuration (issue 19): a pull request that changes mkdocs.yml must not run code, publish
an environment variable or load a foreign script. `kb validate` refuses it, located and in Dutch; `kb build`,
`kb generate` and `kb serve` refuse it before MkDocs reads the file; `kb diff` puts changed configuration
and code at the top of its report."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from kb import config
from kb.cli import main
from kb.settings import check_address
from kb.errors import KbError

BASE = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def _run(root, *args):
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--root", str(root), *args])
    return code, out.getvalue(), err.getvalue()


# (what, text added to the end of the project's mkdocs.yml or replacing a line, code, words)
CASES = [
    ("python-tag", "site_author: !!python/object/apply:os.system ['touch {marker}']\n", "config-python-tag",
     "Python-code"),
    ("python-name", "copyright: !!python/name:os.system\n", "config-python-tag", "Python-code"),
    ("env-tag", "copyright: !ENV [HOME]\n", "config-env-tag", "omgevingsvariabele"),
    ("env-tag-nested", "validation:\n  nav:\n    omitted_files: !ENV X\n", "config-env-tag", "omgevingsvariabele"),
    ("other-tag", "copyright: !!binary aGVsbG8=\n", "config-tag", "niet toegestaan"),
    ("hooks", "hooks:\n  - evil.py\n", "config-hooks", "hooks voeren Python-code uit"),
    ("inherit", "INHERIT: /etc/elders.yml\n", "config-not-allowed", "INHERIT"),
    ("extra-analytics", "extra:\n  analytics:\n    provider: google\n", "config-not-allowed", "'extra'"),
    ("repo-url", "repo_url: https://github.com/x/y\n", "config-not-allowed", "'repo_url'"),
    ("plugin", "plugins:\n  - search\n  - macros\n", "config-not-allowed", "plugin 'macros'"),
    ("extension", "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: /\n", "config-not-allowed",
     "Markdown-extensie 'pymdownx.snippets'"),
    ("foreign-script", "extra_javascript:\n  - https://evil.example/x.js\n", "config-outside", "adres buiten de site"),
    ("foreign-script-dict", "extra_javascript:\n  - path: //evil.example/x.js\n    type: module\n",
     "config-not-allowed", "script '//evil.example/x.js'"),
    ("unknown-local-script", "extra_javascript:\n  - assets/anders.js\n", "config-not-allowed", "script 'assets/anders.js'"),
    ("foreign-css", "extra_css:\n  - 'https://evil.example/x.css'\n", "config-outside", "adres buiten de site"),
    ("theme-custom-dir", "theme:\n  name: material\n  custom_dir: /etc\n", "config-not-allowed", "custom_dir"),
    ("theme-font", "theme:\n  name: material\n  font:\n    text: Roboto\n", "config-outside", "Google Fonts"),
    ("theme-other", "theme:\n  name: readthedocs\n", "config-not-allowed", "thema 'readthedocs'"),
    ("logo-outside", "theme:\n  name: material\n  logo: https://evil.example/logo.png\n", "config-outside",
     "adres buiten de site"),
    ("javascript-address", "copyright: 'javascript:alert(1)'\n", "config-outside", "adres buiten de site"),
    ("html", "copyright: '<script>alert(1)</script>'\n", "config-html", "HTML"),
    ("site-url-quote", "site_url: 'https://x.example/\"> <script>'\n", "config-address", "geen geldig webadres"),
    ("site-url-turtle", "site_url: 'https://x.example/a>b'\n", "config-address", "geen geldig webadres"),
    ("site-url-scheme", "site_url: 'ftp://x.example/'\n", "config-address", "geen geldig webadres"),
    ("duplicate-key", "site_name: Ander\n", "config-duplicate-key", "twee keer in mkdocs.yml"),
    ("alias", "copyright: &a x\nsite_author: *a\n", "config-alias", "aliassen"),
]


def _config(root: Path, addition: str, marker: Path) -> None:
    lines = BASE.splitlines(keepends=True)
    keys = {l.split(":")[0] for l in addition.splitlines() if l and not l.startswith(" ")}
    keys.discard("site_name")  # duplicated on purpose
    kept, skipping = [], False
    for line in lines:  # replace a top-level setting the addition sets again
        if line and not line.startswith((" ", "#", "-")):
            skipping = line.split(":")[0] in keys
        if not skipping:
            kept.append(line)
    (root / "mkdocs.yml").write_text("".join(kept) + addition.replace("{marker}", str(marker)), encoding="utf-8")


@pytest.mark.parametrize("what, addition, code, words", CASES, ids=[c[0] for c in CASES])
def test_validate_refuses_hostile_configuration_located(minimal_kb, tmp_path, what, addition, code, words):
    marker = tmp_path / "PWNED"
    _config(minimal_kb, addition, marker)
    found = [p for p in config.check(minimal_kb) if p.code == code]
    assert found, [str(p) for p in config.check(minimal_kb)]
    p = found[0]
    assert words in p.message and p.hint and p.path == "mkdocs.yml"
    text = (minimal_kb / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    assert 1 <= p.line <= len(text) and p.col >= 1
    got, out, err = _run(minimal_kb, "validate")
    assert got == 1 and f"mkdocs.yml:{p.line}:{p.col}: " in out and "Traceback" not in out + err
    assert not marker.exists()


@pytest.mark.parametrize("command", [("build",), ("generate",)])
def test_build_and_generate_refuse_before_mkdocs_reads_the_file(minimal_kb, tmp_path, command):
    marker = tmp_path / "PWNED"
    _config(minimal_kb, CASES[0][1], marker)
    got, out, err = _run(minimal_kb, *command)
    assert got == 1 and "mkdocs.yml:" in err and "Python-code" in err
    assert not marker.exists()
    assert not (minimal_kb / "build/mkdocs.yml").exists() and not (minimal_kb / "site").exists()


def test_serve_refuses_before_mkdocs_reads_the_file(minimal_kb, tmp_path, monkeypatch):
    from kb import serve

    marker = tmp_path / "PWNED"
    _config(minimal_kb, CASES[0][1], marker)
    live = serve.Live(minimal_kb, minimal_kb / "site", serve._State())
    assert live.full_build() is False
    assert not marker.exists() and live.mkdocs is None


def test_the_project_configuration_passes():
    assert config.check(ROOT) == []


def test_a_symlinked_configuration_is_refused(minimal_kb, tmp_path):
    outside = tmp_path / "elders.yml"
    outside.write_text(BASE, encoding="utf-8")
    (minimal_kb / "mkdocs.yml").unlink()
    (minimal_kb / "mkdocs.yml").symlink_to(outside)
    assert [p.code for p in config.check(minimal_kb)] == ["config-symlink"]


@pytest.mark.parametrize("value", ["https://x.example/\"", "https://x.example/<a>", "https://x.example/ a",
                                   "https://x.example/a\n", "https://user@x.example/", "javascript:alert(1)",
                                   "https://x.example/?q=1", "https://x.example/{x}", "https://x.example/%zz",
                                   "https://x.example/" + "a" * 3000])
def test_one_address_rule_for_site_and_edit_addresses(monkeypatch, minimal_kb, value):
    from kb import settings

    with pytest.raises(KbError, match="geen geldig webadres"):
        check_address(value, "X")
    monkeypatch.setenv("KB_EDIT_URL", value)
    with pytest.raises(KbError, match="KB_EDIT_URL is geen geldig webadres"):
        settings.edit_url_from_env()
    monkeypatch.delenv("KB_EDIT_URL")
    monkeypatch.setenv("KB_SITE_URL", value)
    with pytest.raises(KbError, match="KB_SITE_URL is geen geldig webadres"):
        settings.site_url_from_env()
    got, out, err = _run(minimal_kb, "export", "--format", "ttl")
    assert got == 1 and "KB_SITE_URL is geen geldig webadres" in err and out == ""


def test_good_addresses_pass():
    assert check_address("https://voorbeeld.github.io/ivrk-kennisbank", "X") == "https://voorbeeld.github.io/ivrk-kennisbank/"
    assert check_address("http://localhost:8000/a%20b/", "X") == "http://localhost:8000/a%20b/"
    assert check_address("", "X") == ""


def test_turtle_never_writes_an_invalid_iri():
    from kb.export import _ttl_iri

    with pytest.raises(KbError, match="geen geldige IRI"):
        _ttl_iri('https://x.example/a> <b> "c', [])


def _git(root, *args):
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(root), "PATH": "/usr/bin:/bin"})


def test_kb_diff_puts_changed_configuration_and_code_at_the_top(minimal_kb):
    _git(minimal_kb, "init", "-q", "-b", "main")
    _git(minimal_kb, "add", ".")
    _git(minimal_kb, "commit", "-q", "-m", "Eerste versie")
    got, report, _ = _run(minimal_kb, "diff", "HEAD")
    assert got == 0 and "let op" not in report
    (minimal_kb / "mkdocs.yml").write_text(BASE + "\n# anders\n", encoding="utf-8")
    (minimal_kb / ".github/workflows").mkdir(parents=True)
    (minimal_kb / ".github/workflows/x.yml").write_text("on: push\n", encoding="utf-8")
    (minimal_kb / "kb/theme/assets").mkdir(parents=True)
    (minimal_kb / "kb/theme/assets/x.js").write_text("alert(1)\n", encoding="utf-8")
    (minimal_kb / "scripts").mkdir()
    (minimal_kb / "scripts/<b>@x.sh").write_text("rm -rf /\n", encoding="utf-8")
    (minimal_kb / "pyproject.toml").write_text("[project]\n", encoding="utf-8")
    (minimal_kb / "actors/nieuw.yaml").write_text("title: Nieuw\n", encoding="utf-8")
    got, report, _ = _run(minimal_kb, "diff", "HEAD")
    assert got == 0
    head, _, rest = report.partition("### ")
    assert "let op: configuratie of code gewijzigd" in head
    for name in ("`mkdocs.yml`", "`.github/workflows/x.yml`", "`kb/theme/assets/x.js`", "`pyproject.toml`"):
        assert name in head, name
    assert "scripts/&#60;b&#62;" in head and "<b>" not in report and "@x" not in report
    assert "actors/nieuw.yaml" not in head
