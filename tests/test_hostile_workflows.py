"""The pull-request workflows (issue 19): the one that runs a pull request's code has a read-only token and posts
nothing; the one that posts the comment runs no code from the pull request and treats its artifact as untrusted
text. Read as YAML and checked for what SECURITY.md ("Pull requests from forks") promises."""

from __future__ import annotations

import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github/workflows"


def _load(name: str) -> dict:
    doc = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    doc["on"] = doc.pop(True, doc.get("on"))  # YAML 1.1 reads the key `on` as true
    return doc


def _steps(doc: dict) -> list[dict]:
    return [s for job in doc["jobs"].values() for s in job.get("steps", [])]


def test_the_checks_run_with_a_read_only_token_and_upload_the_diff():
    doc = _load("pull-request.yml")
    assert list(doc["on"]) == ["pull_request"]
    assert doc["permissions"] == {"contents": "read"}
    assert all(not job.get("permissions") for job in doc["jobs"].values())
    steps = _steps(doc)
    assert not any("github-script" in s.get("uses", "") for s in steps)  # posts nothing
    diff = next(s for s in steps if "kb diff" in s.get("run", ""))
    assert '-o "$RUNNER_TEMP/kb-diff.md"' in diff["run"]  # never a path in the pull request's working tree
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["name"] == "kb-diff" and "runner.temp" in upload["with"]["path"]


def test_the_comment_runs_nothing_from_the_pull_request_and_trusts_nothing_in_its_artifact():
    doc = _load("pull-request-comment.yml")
    assert list(doc["on"]) == ["workflow_run"]
    assert doc["on"]["workflow_run"]["workflows"] == ["pull-request"]
    assert doc["permissions"] == {"actions": "read", "pull-requests": "write"}
    steps = _steps(doc)
    uses = [s.get("uses", "") for s in steps]
    assert not any(u.startswith(("actions/checkout", "actions/download-artifact", "actions/setup-")) for u in uses)
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "kb " not in runs and "pip" not in runs and "pytest" not in runs
    assert 'unzip -p "$RUNNER_TEMP/kb-diff.zip" kb-diff.md' in runs  # one fixed member, to stdout
    scripts = "\n".join(s.get("with", {}).get("script", "") for s in steps)
    assert "size_in_bytes > 1000000" in scripts
    assert "p.head.sha === run.head_sha" in scripts  # the pull request from the API, not from the artifact
    assert ".replace(/</g, '&lt;')" in scripts and ".replace(/@/g, '&#64;')" in scripts
    assert "text.length > 60000" in scripts
    assert "c.user.type === 'Bot'" in scripts


def test_security_documents_the_design():
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    assert "## Pull requests from forks" in text and "workflow_run" in text and "unzip -p" in text
