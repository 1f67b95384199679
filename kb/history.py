"""When records last changed, from git: one `git log` for the whole knowledge base."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from . import model


@dataclass(frozen=True)
class Change:
    date: str  # YYYY-MM-DD (committer date)
    commit: str
    subject: str


CHANGE_NL = {"A": "Nieuw record", "M": "Gewijzigd", "D": "Verwijderd", "R": "Hernoemd of verplaatst",
             "C": "Gekopieerd", "T": "Gewijzigd"}


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def record_history(root: Path, limit: int = 2000) -> tuple[dict[str, Change], list[tuple[Change, str]]]:
    """(last change per record path, recent changes as (change, path) newest first).

    Paths are relative to `root`. Outside a git checkout both are empty.
    """
    prefix = _git(root, "rev-parse", "--show-prefix")
    if prefix is None:
        return {}, []
    prefix = prefix.strip()
    folders = [t.folder for t in model.RECORD_TYPES.values() if (root / t.folder).is_dir()]
    if not folders:
        return {}, []
    out = _git(root, "log", f"-n{limit}", "--format=%x00%H%x09%cs%x09%s", "--name-status", "--", *folders)
    if not out:
        return {}, []
    last: dict[str, Change] = {}
    recent: list[tuple[Change, str]] = []
    for block in out.split("\x00")[1:]:
        header, _, names = block.partition("\n")
        commit, date, subject = (header.split("\t", 2) + ["", ""])[:3]
        for line in names.split("\n"):
            status, _, name = line.strip().partition("\t")
            name = name.split("\t")[-1]  # a rename lists the old and the new path
            if not name.endswith(".yaml"):
                continue
            rel = name[len(prefix):] if prefix and name.startswith(prefix) else name
            # what changed, in Dutch: commit messages are written in English for developers
            change = Change(date, commit, CHANGE_NL.get(status[:1], "Gewijzigd"))
            if rel not in last:
                last[rel] = change
            recent.append((change, rel))
    return last, recent
