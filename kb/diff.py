"""`kb diff REV`: the knowledge base at a git revision against the working tree, as Markdown
for a pull-request comment: records and links added, removed and changed, and an integrity
report of the working tree."""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

from . import model
from .validate import KnowledgeBase, load_kb, valid_links


class DiffError(Exception):
    pass


def load_at_revision(root: Path, rev: str, dest: Path) -> KnowledgeBase:
    prefix = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-prefix"],
                            capture_output=True, text=True)
    if prefix.returncode != 0:
        raise DiffError(f"{root} is geen git-repository")
    tree = f"{rev}:{prefix.stdout.strip()}" if prefix.stdout.strip() else rev
    archive = subprocess.run(["git", "-C", str(root), "archive", "--format=tar", tree], capture_output=True)
    if archive.returncode != 0:
        raise DiffError(f"revisie '{rev}' niet gevonden: {archive.stderr.decode(errors='replace').strip()}")
    folders = tuple(t.folder + "/" for t in model.RECORD_TYPES.values())
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        members = [m for m in tar.getmembers() if m.name.startswith(folders) and (m.isfile() or m.isdir())]
        tar.extractall(dest, members=members, filter="data")
    return load_kb(dest)


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


def _list(items, limit=30) -> str:
    shown = ", ".join(f"`{i}`" for i in items[:limit])
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
    lines = [f"## Kennisbank: wijzigingen ten opzichte van `{rev}`", ""]
    lines += ["| | records | koppelingen |", "|---|---|---|",
              f"| toegevoegd | {len(added)} | {len(links_new - links_old)} |",
              f"| verwijderd | {len(removed)} | {len(links_old - links_new)} |",
              f"| gewijzigd | {len(changed)} | |", ""]
    for title, ids, kb in (("Toegevoegde records", added, new), ("Verwijderde records", removed, old)):
        if ids:
            lines += [f"### {title}", ""] + [
                f"- `{i}` ({model.RECORD_TYPES[kb.records[i].type].label.lower()}): {kb.records[i].title}" for i in ids] + [""]
    if changed:
        lines += ["### Gewijzigde records", ""]
        for i in changed:
            a, b = old.records[i], new.records[i]
            fields = sorted(k for k in set(a.fields) | set(b.fields) if a.fields.get(k) != b.fields.get(k))
            rels = _changed_relations(a, b)
            lines.append(f"- `{i}`: " + ", ".join([*fields, *rels]))
        lines.append("")
    for title, links in (("Nieuwe koppelingen", links_new - links_old), ("Verwijderde koppelingen", links_old - links_new)):
        if links:
            lines += [f"### {title}", ""] + [f"- `{s}` —{r}→ `{t}`" for s, r, t in sorted(links)[:200]]
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
