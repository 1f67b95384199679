"""`kb diff REV`: the knowledge base at a git revision against the working tree, as Markdown
for a pull-request comment: records and links added, removed and changed, and an integrity
report of the working tree.

Titles and ids come from a pull request and the comment is rendered by GitHub: every value passes
`kb.escape.text` (no HTML, no Markdown, no @mention); an id goes into a code span only when it is a
valid id. The revision is never read by git as an option.
"""

from __future__ import annotations

import fnmatch
import io
import re
import subprocess
import tarfile
import tempfile
from pathlib import Path

from . import model
from .errors import KbError
from .escape import text
from .problems import safe, shorten
from .records import ID_RE
from .validate import KnowledgeBase, load_kb, valid_links


class DiffError(KbError):
    def __init__(self, message: str, hint: str = ""):
        super().__init__(message, hint, code=2)


def check_revision(rev: str) -> None:
    """Refuse what git could read as an option (`--output=FILE` truncates FILE) or not as one revision."""
    if not rev or rev.startswith("-") or any(c in rev for c in "\0\n\r") or len(rev) > 250:
        raise DiffError(f"ongeldige revisie '{shorten(rev, 60)}': een revisie begint niet met '-'",
                        "Geef een tak, tag of commit op, bijv. HEAD of origin/main.")


def load_at_revision(root: Path, rev: str, dest: Path) -> KnowledgeBase:
    check_revision(rev)
    prefix = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-prefix"],
                            capture_output=True, text=True)
    if prefix.returncode != 0:
        raise DiffError(f"{root} is geen git-repository", "Draai kb diff in een git-repository, of geef die op met --root.")
    tree = f"{rev}:{prefix.stdout.strip()}" if prefix.stdout.strip() else rev
    archive = subprocess.run(["git", "-C", str(root), "archive", "--format=tar", "--end-of-options", tree],
                             capture_output=True)
    if archive.returncode != 0:
        raise DiffError(f"revisie '{shorten(rev, 60)}' niet gevonden: "
                        f"{shorten(archive.stderr.decode(errors='replace').strip(), 300)}",
                        "Geef een bestaande tak, tag of commit op, bijv. HEAD of origin/main.")
    folders = tuple(t.folder + "/" for t in model.RECORD_TYPES.values())
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        members = [m for m in tar.getmembers() if m.name.startswith(folders) and (m.isfile() or m.isdir())]
        tar.extractall(dest, members=members, filter="data")
    return load_kb(dest)


# What a reviewer must read as code, not content: configuration MkDocs runs, the workflows, the package and
# its dependencies, the theme and every script (fnmatch patterns on paths from the repository's top).
CODE_PATTERNS = ("mkdocs.yml", "*/mkdocs.yml", "pyproject.toml", "*/pyproject.toml", ".github/*", "kb/*", "*/kb/*",
                 "scripts/*", "*/scripts/*", "tests/*", "*/tests/*", "benchmarks/*", "*/benchmarks/*", ".ci/*",
                 "*.py", "*.js", "*.mjs", "*.sh", "*.toml", "*.cfg", "*.ini", "setup.*", "requirements*",
                 "package.json", "package-lock.json", "Makefile", ".gitignore", ".gitattributes", ".gitmodules")


def changed_code(root: Path, rev: str) -> list[str]:
    """Files outside the records changed in the working tree against rev (tracked or new) that are
    configuration or code, by path from the repository's top."""
    check_revision(rev)
    tracked = subprocess.run(["git", "-C", str(root), "diff", "--name-only", "--no-renames", "-z", "--end-of-options",
                              rev, "--"], capture_output=True)
    new = subprocess.run(["git", "-C", str(root), "ls-files", "--others", "--exclude-standard", "-z", "--full-name"],
                         capture_output=True)
    names = set()
    for out in (tracked, new):
        if out.returncode == 0:
            names.update(n for n in out.stdout.decode("utf-8", "replace").split("\0") if n)
    return sorted(n for n in names if any(fnmatch.fnmatchcase(n, p) for p in CODE_PATTERNS))


def _path(name: str) -> str:
    """A path for the comment: in a code span when it is plain, else escaped text."""
    return f"`{name}`" if re.fullmatch(r"[A-Za-z0-9._/+-]{1,200}", name) else str(text(safe(shorten(name, 200))))


def _links(kb: KnowledgeBase) -> set[tuple[str, str, str]]:
    return {(l.source, l.relation, l.target) for l in valid_links(kb)}


def _comparable(record) -> dict:
    return {"fields": record.fields, "links": sorted((l.relation, l.target, sorted(l.qualifiers.items()))
                                                     for l in record.links)}


def integrity(kb: KnowledgeBase) -> dict[str, list[str]]:
    links = list(valid_links(kb))
    touched_in = {l.target for l in links}
    touched = touched_in | {l.source for l in links}
    out_rel = {(l.source, l.relation) for l in links}
    return {
        "Records zonder enige koppeling": sorted(r for r in kb.records if r not in touched),
        "Risico's zonder artikel (engages)": sorted(r.id for r in kb.of_type("risk") if (r.id, "engages") not in out_rel),
        "Aanbevelingen zonder bron": sorted(r.id for r in kb.of_type("recommendation") if (r.id, "sources") not in out_rel),
        "Artikelen waar geen record naar verwijst": sorted(r.id for r in kb.of_type("article") if r.id not in touched_in),
    }


def _id(value: str) -> str:
    """An id for the comment: in a code span when it is a valid id, else escaped text."""
    # safe(): an invalid id is a file name and may hold bidi overrides or undecodable bytes
    return f"`{value}`" if ID_RE.match(value) else str(text(safe(value)))


def _list(items, limit=30) -> str:
    shown = ", ".join(_id(i) for i in items[:limit])
    return shown + (f" … en {len(items) - limit} meer" if len(items) > limit else "")


def diff_report(root: Path, rev: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        old = load_at_revision(root, rev, Path(tmp))
    new = load_kb(root)
    added = sorted(set(new.records) - set(old.records))
    removed = sorted(set(old.records) - set(new.records))
    changed = sorted(r for r in set(new.records) & set(old.records)
                     if _comparable(new.records[r]) != _comparable(old.records[r]))
    links_new, links_old = _links(new), _links(old)
    shown_rev = f"`{rev}`" if re.fullmatch(r"[A-Za-z0-9._/~^-]+", rev) else str(text(safe(rev)))
    lines = [f"## Kennisbank: wijzigingen ten opzichte van {shown_rev}", ""]
    code = changed_code(root, rev)
    if code:  # first, so a reviewer cannot miss it under a long list of records
        lines += [f"> :warning: **let op: configuratie of code gewijzigd** ({len(code)} "
                  f"{'bestand' if len(code) == 1 else 'bestanden'}). Lees deze wijzigingen als code: "
                  "ze kunnen bij het bouwen of in de site iets uitvoeren.", ""]
        lines += [f"- {_path(n)}" for n in code[:50]]
        lines += ([f"- … en {len(code) - 50} meer"] if len(code) > 50 else []) + [""]
    lines += ["| | records | koppelingen |", "|---|---|---|",
              f"| toegevoegd | {len(added)} | {len(links_new - links_old)} |",
              f"| verwijderd | {len(removed)} | {len(links_old - links_new)} |",
              f"| gewijzigd | {len(changed)} | |", ""]
    for title, ids, kb in (("Toegevoegde records", added, new), ("Verwijderde records", removed, old)):
        if ids:
            lines += [f"### {title}", ""] + [
                f"- {_id(i)} ({model.RECORD_TYPES[kb.records[i].type].label.lower()}): {text(kb.records[i].title)}"
                for i in ids] + [""]
    if changed:
        lines += ["### Gewijzigde records", ""]
        for i in changed:
            a, b = old.records[i], new.records[i]
            fields = sorted(k for k in set(a.fields) | set(b.fields) if a.fields.get(k) != b.fields.get(k))
            rels = _changed_relations(a, b)
            lines.append(f"- {_id(i)}: " + ", ".join([*fields, *rels]))
        lines.append("")
    for title, links in (("Nieuwe koppelingen", links_new - links_old), ("Verwijderde koppelingen", links_old - links_new)):
        if links:
            lines += [f"### {title}", ""] + [f"- {_id(s)} —{r}→ {_id(t)}" for s, r, t in sorted(links)[:200]]
            if len(links) > 200:
                lines.append(f"- … en {len(links) - 200} meer")
            lines.append("")
    lines += ["### Integriteit (werkkopie)", ""]
    if new.problems:
        lines.append(f"- :x: **{len(new.problems)} validatieproblemen** — zie `kb validate`")
    for title, ids in integrity(new).items():
        lines.append(f"- {title}: {len(ids)}" + (f" — {_list(ids)}" if ids else ""))
    return "\n".join(lines) + "\n"


def _changed_relations(a, b) -> list[str]:
    def by_rel(r):
        grouped = {}
        for l in r.links:
            grouped.setdefault(l.relation, []).append((l.target, sorted(l.qualifiers.items())))
        return {k: sorted(v) for k, v in grouped.items()}
    ga, gb = by_rel(a), by_rel(b)
    return sorted(k for k in set(ga) | set(gb) if ga.get(k) != gb.get(k))
