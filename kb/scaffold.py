"""`kb new TYPE ID`: a new record with every field present and explained in Dutch."""

from __future__ import annotations

from pathlib import Path

from . import kinds, model
from .errors import KbError
from .safeio import write_file
from .problems import shorten
from .records import id_problem


def find_type(name: str) -> model.RecordType | None:
    """By type name, folder or Dutch label: recommendation, recommendations, aanbeveling."""
    key = name.strip().lower().replace("_", "-")
    for t in model.RECORD_TYPES.values():
        if key in (t.name.replace("_", "-"), t.folder, t.slug, t.label.lower(), t.plural.lower()):
            return t
    return None


def template(rtype: model.RecordType) -> str:
    lines = [
        f"# yaml-language-server: $schema=../schemas/{rtype.name}.schema.json",
        f"# Nieuw record: {rtype.label.lower()}. {rtype.intro}",
        "# Vul de velden in; laat een veld leeg of verwijder het als het niet van toepassing is.",
        "# Controleer daarna met: kb validate",
        "",
    ]
    for f in model.fields_of(rtype.name).values():
        need = "verplicht" if f.required else "optioneel"
        extra = f" Kies uit: {', '.join(f.choices)}." if f.choices else ""
        lines.append(f"# {f.label} ({need}, {kinds.of(f).dutch}): {f.help}{extra}")
        lines.append(f"{f.name}:")
    for rel in model.RELATIONS_BY_TYPE[rtype.name].values():
        need = "verplicht" if rel.required else "optioneel"
        targets = " of ".join(model.RECORD_TYPES[t].label.lower() for t in rel.target_types)
        form = "één id" if not rel.many else "een lijst van ids"
        lines.append(f"# {rel.label} ({need}, {form} van een {targets}): {rel.help}")
        lines.append("#   Per koppeling kan ook: - id: <id>  met why / section / page / paragraph / footnote / implied: true")
        for name in rel.required_qualifiers:  # issue 23: e.g. effect on a response's answers
            q = model.QUALIFIERS[name]
            lines.append(f"#   Per koppeling verplicht: {name}: een van {', '.join(q.choices)}")
        lines.append(f"{rel.name}:")
    return "\n".join(lines) + "\n"


def new_record(root: Path, type_name: str, record_id: str) -> tuple[Path, str]:
    """Write the file; returns (path, message). Raises KbError (Dutch) when nothing was written."""
    rtype = find_type(type_name)
    if rtype is None:
        names = ", ".join(t.name for t in model.RECORD_TYPES.values())
        raise KbError(f"onbekend soort record '{shorten(type_name, 40)}'. Kies uit: {names}.")
    bad = id_problem(record_id)
    if bad:
        message, hint, _ = bad
        raise KbError(message, hint)
    existing = [p for t in model.RECORD_TYPES.values() for p in [root / t.folder / f"{record_id}.yaml"]
                if p.exists() or p.is_symlink()]
    if existing:
        raise KbError(f"id '{record_id}' bestaat al: {existing[0].relative_to(root).as_posix()}",
                      "Kies een ander id, of bewerk het bestaande record.")
    folder = root / rtype.folder
    if folder.is_symlink():
        raise KbError(f"map '{rtype.folder}' is een symbolische link; kb new schrijft daar niet in",
                      f"Maak {rtype.folder}/ een gewone map.")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{record_id}.yaml"
    # a new file renamed into place: never through a link or over a file that appeared meanwhile, and on a
    # full disk nothing is left behind (kb/safeio.py)
    write_file(path, template(rtype), anchors=(root,), overwrite=False)
    return path, f"{path.relative_to(root).as_posix()} aangemaakt. Vul het in en controleer met: kb validate"
