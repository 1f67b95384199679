"""The contributor workflow: kb new, editor schemas, annotations, kb diff, history, renames,
and the documents and workflows that name commands."""

from __future__ import annotations

import json
import re
import subprocess
import textwrap
import xml.etree.ElementTree as ET

import jsonschema
import pytest
import yaml

from conftest import MINIMAL, ROOT, write_kb
from kb import model
from kb.cli import main, make_parser
from kb.schema import render_all
from kb.validate import load_kb


def _git(root, *args):
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(root), "PATH": "/usr/bin:/bin",
                        "GIT_COMMITTER_DATE": "2025-09-01T12:00:00", "GIT_AUTHOR_DATE": "2025-09-01T12:00:00"})


@pytest.fixture
def git_kb(tmp_path):
    root = write_kb(tmp_path, MINIMAL)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "Eerste versie")
    return root


def test_kb_new_then_validate_guides_to_a_valid_record(minimal_kb, capsys):
    assert main(["--root", str(minimal_kb), "new", "recommendation", "nieuwe-aanbeveling"]) == 0
    path = minimal_kb / "recommendations/nieuwe-aanbeveling.yaml"
    text = path.read_text(encoding="utf-8")
    for name in [*model.fields_of("recommendation"), *model.RELATIONS_BY_TYPE["recommendation"]]:
        assert re.search(rf"^{name}:$", text, re.M), name
    assert "yaml-language-server: $schema=../schemas/recommendation.schema.json" in text
    assert main(["--root", str(minimal_kb), "validate"]) == 1
    out = capsys.readouterr().out
    line_of = {m.group(1): i + 1 for i, l in enumerate(text.splitlines()) if (m := re.match(r"^(\w+):$", l))}
    assert f"nieuwe-aanbeveling.yaml:{line_of['title']}:1: verplicht veld 'title' ontbreekt" in out
    assert f"nieuwe-aanbeveling.yaml:{line_of['text']}:1: verplicht veld 'text' ontbreekt" in out
    assert f"nieuwe-aanbeveling.yaml:{line_of['sources']}:1: verplichte koppeling 'sources' ontbreekt" in out
    filled = (text.replace("\ntitle:\n", "\ntitle: Nieuwe aanbeveling\n")
              .replace("\ntext:\n", "\ntext: Doe iets goeds.\n").replace("\nsources:\n", "\nsources: [bron-a]\n"))
    path.write_text(filled, encoding="utf-8")
    assert main(["--root", str(minimal_kb), "validate"]) == 0


def test_kb_new_refuses_unknown_type_and_existing_id(minimal_kb, capsys):
    assert main(["--root", str(minimal_kb), "new", "wens", "x"]) == 1
    assert "onbekend soort record 'wens'" in capsys.readouterr().err
    assert main(["--root", str(minimal_kb), "new", "actor", "coa"]) == 1
    assert "bestaat al: actors/coa.yaml" in capsys.readouterr().err
    assert main(["--root", str(minimal_kb), "new", "aanbeveling", "Met Spatie"]) == 1


def test_schemas_in_the_repository_are_current():
    assert main(["--root", str(ROOT), "schemas", "--check"]) == 0


def test_stale_schemas_are_detected(minimal_kb, capsys):
    assert main(["--root", str(minimal_kb), "schemas"]) == 0
    assert main(["--root", str(minimal_kb), "schemas", "--check"]) == 0
    (minimal_kb / "actors/ind.yaml").write_text("title: IND\n", encoding="utf-8")  # a new id to offer
    assert main(["--root", str(minimal_kb), "schemas", "--check"]) == 1
    assert "schemas/recommendation.schema.json" in capsys.readouterr().err


class _EditorLoader(yaml.SafeLoader):
    """Roughly what an editor's YAML 1.2 parser sees: dates stay text."""


_EditorLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


@pytest.mark.slow
def test_every_bundled_record_validates_against_its_schema():
    kb = load_kb(ROOT)
    for record in kb.records.values():
        schema = json.loads((ROOT / f"schemas/{record.type}.schema.json").read_text(encoding="utf-8"))
        data = yaml.load((ROOT / record.path).read_text(encoding="utf-8"), Loader=_EditorLoader)
        jsonschema.validate(data, schema)


def test_schema_rejects_unknown_fields_and_offers_ids():
    schema = json.loads(render_all({"article": ["ivrk-22"]})["schemas/recommendation.schema.json"])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"title": "x", "text": "y", "sources": ["b"], "prioriteit": 1}, schema)
    offered = schema["properties"]["implements"]["anyOf"][0]["items"]["anyOf"][0]["anyOf"][0]["enum"]
    assert offered == ["ivrk-22"]
    settings = json.loads(render_all({})[".vscode/settings.json"])
    assert settings["yaml.schemas"]["./schemas/recommendation.schema.json"] == "recommendations/*.yaml"


def test_validate_github_and_json_formats(make_kb, capsys):
    root = make_kb({"actors/coa.yaml": "title: COA\nabbreviaton: COA\n"})
    assert main(["--root", str(root), "validate", "--format", "github"]) == 1
    line = capsys.readouterr().out.strip()
    assert line.startswith("::error file=actors/coa.yaml,line=2,col=1,title=unknown-field::onbekend veld 'abbreviaton'")
    assert "\n" not in line
    assert main(["--root", str(root), "validate", "--format", "json"]) == 1
    (p,) = json.loads(capsys.readouterr().out)
    assert p["path"] == "actors/coa.yaml" and p["line"] == 2 and p["code"] == "unknown-field"


def test_kb_diff_reports_records_links_and_integrity(git_kb, capsys):
    (git_kb / "actors/ind.yaml").write_text("title: IND\n", encoding="utf-8")
    rec = (git_kb / "recommendations/aanbeveling-a.yaml")
    rec.write_text(rec.read_text().replace("title: Kleinschalige opvang", "title: Kleinere opvang")
                   .replace("addresses: [risico-a]\n", ""), encoding="utf-8")
    (git_kb / "facts/feit-a.yaml").unlink()
    assert main(["--root", str(git_kb), "diff", "HEAD"]) == 0
    report = capsys.readouterr().out
    assert "| toegevoegd | 1 | 0 |" in report and "| verwijderd | 1 | 3 |" in report
    assert "- `ind` (actor): IND" in report
    assert "- `feit-a` (feit): Verdwenen kinderen 2023" in report
    assert "- `aanbeveling-a`: title, addresses" in report
    assert "- `aanbeveling-a` —addresses→ `risico-a`" in report
    assert "Records zonder enige koppeling: 1 — `ind`" in report


def test_kb_diff_unknown_revision(git_kb, capsys):
    assert main(["--root", str(git_kb), "diff", "geen-revisie"]) == 2
    assert "revisie 'geen-revisie' niet gevonden" in capsys.readouterr().err


def test_history_on_pages_recent_changes_and_feed(git_kb):
    (git_kb / "actors/coa.yaml").write_text("title: COA\nabbreviation: COA\nsummary: Opvang.\n", encoding="utf-8")
    _git(git_kb, "commit", "-q", "-am", "COA beschreven")
    assert main(["--root", str(git_kb), "build"]) == 0
    page = (git_kb / "site/actoren/coa/index.html").read_text(encoding="utf-8")
    assert 'laatst gewijzigd <time datetime="2025-09-01">1 september 2025</time>' in page
    changes = (git_kb / "site/wijzigingen/index.html").read_text(encoding="utf-8")
    # what changed, in Dutch, not the (English) commit messages
    assert "Gewijzigd" in changes and "Nieuw record" in changes
    assert "COA beschreven" not in changes and "Eerste versie" not in changes
    feed = ET.parse(git_kb / "site/feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.find("a:title", ns).text for e in feed.findall("a:entry", ns)]
    assert titles[0] == "COA"
    assert 'type="application/atom+xml"' in page


def test_rename_keeps_old_links_and_urls(make_kb):
    coa = textwrap.dedent(MINIMAL["actors/coa.yaml"]).strip() + "\n"
    root = make_kb({"actors/coa.yaml": None, "actors/coa-nieuw.yaml": coa + "aliases: [coa]\n"})
    kb = load_kb(root)
    assert kb.problems == []  # the recommendation still says `coa`
    assert [l.target for l in kb.records["aanbeveling-a"].links if l.relation == "addressed_to"] == ["coa-nieuw"]
    assert main(["--root", str(root), "build"]) == 0
    redirect = (root / "site/actoren/coa/index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh" content="0; url=../coa-nieuw/"' in redirect
    assert (root / "site/actoren/coa-nieuw/index.html").exists()


def test_alias_may_not_reuse_an_existing_id(make_kb):
    root = make_kb({"actors/ind.yaml": "title: IND\naliases: [coa]\n"})
    (p,) = [p for p in load_kb(root).problems if p.code == "duplicate-id"]
    assert p.path == "actors/ind.yaml" and p.line == 2


def _commands(text: str) -> set[str]:
    return set(re.findall(r"(?<![\w-])kb ([a-z]+)\b", text))


def test_contributing_names_only_commands_that_exist():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    sub = next(a for a in make_parser()._actions if a.dest == "command")
    named = _commands(text)
    assert {"new", "validate", "serve", "diff", "schemas"} <= named
    assert named <= set(sub.choices)


def test_workflows_are_valid_yaml_and_name_existing_commands():
    sub = next(a for a in make_parser()._actions if a.dest == "command")
    files = sorted((ROOT / ".github/workflows").glob("*.yml"))
    assert len(files) >= 2
    everything = ""
    for path in files:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert doc["jobs"], path
        runs = [s.get("run", "") for job in doc["jobs"].values() for s in job.get("steps", [])]
        everything += "\n".join(runs)
        assert _commands("\n".join(runs)) <= set(sub.choices), path
    assert {"validate", "build", "diff"} <= _commands(everything)
    assert "--format github" in everything and "pytest" in everything


def test_pre_commit_runs_validate_on_every_record_folder():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = next(h for r in config["repos"] for h in r["hooks"] if h["id"] == "kb-validate")
    assert hook["entry"] == "kb validate"
    for t in model.RECORD_TYPES.values():
        assert re.search(hook["files"], f"{t.folder}/x.yaml"), t.folder
