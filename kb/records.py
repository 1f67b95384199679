"""Finding record files, reading them and checking each one against the model.

Checks that need only one file live here; checks across records live in validate.py.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from . import kinds, model
from .model import Kind
from .problems import Problem, at, shorten, suggestion, warning
from .yamlio import MAX_BYTES, Document, Pos, YamlError, load, read_limited, too_large

# `\Z`, not `$`: `$` also matches before a final newline, so "nieuw\n" would be an id.
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")
# At most this many problems per file are reported (one hostile file must not flood the output).
MAX_PROBLEMS_PER_FILE = 50
# Files in a record folder that are not records and need no warning.
_QUIET_FILES = {".gitkeep", ".DS_Store", "Thumbs.db", "desktop.ini"}
# Editor back-ups, swap and lock files, merge leftovers: skipped with a warning.
_BACKUP_RE = re.compile(r"(?:~|\.sw[a-p]|\.orig|\.rej|\.bak|\.tmp)\Z|\A\.#|\A#.*#\Z", re.I)


@dataclass
class Link:
    source: str
    target: str
    relation: str
    qualifiers: dict
    doc: Document | None = None
    path: tuple = ()  # key path of the target id in the document

    @property
    def pos(self) -> Pos:
        """Where the target id is written (looked up only when a problem is reported)."""
        return self.doc.pos(self.path) if self.doc else Pos(1, 1)


@dataclass
class Record:
    id: str
    type: str
    path: str  # relative to the root, forward slashes
    fields: dict  # field name -> checked value (only fields that are present)
    links: list[Link] = field(default_factory=list)
    doc: Document | None = None

    @property
    def title(self) -> str:
        return self.fields.get("title", self.id)

    def pos(self, *keypath) -> Pos:
        return self.doc.pos(keypath) if self.doc else Pos(1, 1)


def discover(root: Path) -> list[tuple[Path, model.RecordType]]:
    """All record files under the type folders, in a stable order."""
    return scan(root)[0]


def scan(root: Path) -> tuple[list[tuple[Path, model.RecordType]], list[Problem]]:
    """Record files under the type folders, in a stable order, and what is wrong with the folders.

    Nothing is read and nothing is followed: a symbolic link (to a file outside the repository, or
    to /dev/zero), a device, a FIFO or a file over MAX_BYTES is an error that names it; a sub-folder,
    an editor back-up or any other file that is not a record is skipped with a warning."""
    found, problems = [], []
    for rtype in model.RECORD_TYPES.values():
        folder = root / rtype.folder
        try:
            info = os.lstat(folder)
        except OSError:
            continue
        if stat.S_ISLNK(info.st_mode):
            problems.append(at(rtype.folder, Pos(1, 1), f"map '{rtype.folder}' is een symbolische link; die wordt niet gevolgd",
                               f"Maak {rtype.folder}/ een gewone map in de repository.", "symlink"))
            continue
        if not stat.S_ISDIR(info.st_mode):
            problems.append(at(rtype.folder, Pos(1, 1), f"'{rtype.folder}' is geen map",
                               f"Records staan in de map {rtype.folder}/.", "not-a-file"))
            continue
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as e:
            problems.append(at(rtype.folder, Pos(1, 1), f"map '{rtype.folder}' kan niet gelezen worden: {e.strerror}",
                               "Controleer de rechten van de map.", "io"))
            continue
        for entry in entries:
            found_file, problem = _classify(rtype, entry)
            if found_file:
                found.append((Path(entry.path), rtype))
            if problem:
                problems.append(problem)
    return found, problems


def _classify(rtype: model.RecordType, entry: os.DirEntry) -> tuple[bool, Problem | None]:
    """(is a record file to read, problem or warning) for one entry of a record folder."""
    name, rel = entry.name, f"{rtype.folder}/{entry.name}"
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError as e:
        return False, at(rel, Pos(1, 1), f"'{rel}' kan niet gelezen worden: {e.strerror}", "", "io")
    mode = info.st_mode
    is_record = name.lower().endswith((".yaml", ".yml")) and not _BACKUP_RE.search(name)
    if stat.S_ISDIR(mode) and not is_record:
        return False, warning(rel, Pos(1, 1), f"map '{rel}/' wordt overgeslagen: records in submappen worden niet gelezen",
                              f"Zet records direct in {rtype.folder}/.", "ignored-folder")
    if not is_record:
        if name in _QUIET_FILES:
            return False, None
        what = ("lijkt een reservekopie of tijdelijk bestand van een editor" if _BACKUP_RE.search(name)
                else "is geen .yaml-bestand")
        return False, warning(rel, Pos(1, 1), f"'{rel}' {what} en wordt overgeslagen",
                              "Verwijder het bestand als het niet nodig is; een record eindigt op .yaml.", "ignored-file")
    if stat.S_ISLNK(mode):
        return False, at(rel, Pos(1, 1), f"'{rel}' is een symbolische link; die wordt niet gevolgd",
                         "Zet het record zelf in de map, niet een link naar een bestand elders.", "symlink")
    if not stat.S_ISREG(mode):
        return False, at(rel, Pos(1, 1), f"'{rel}' is geen gewoon bestand (maar een map, apparaat of pijp); het wordt niet gelezen",
                         "Een record is een gewoon tekstbestand.", "not-a-file")
    if info.st_size > MAX_BYTES:
        e = too_large(info.st_size)
        return False, at(rel, e.pos, e.message, e.hint, e.code)
    return True, None


def id_problem(value: str, what: str = "id") -> tuple[str, str, str] | None:
    """(message, hint, code) when value cannot be an id; None when it can."""
    if len(value) > model.MAX_ID_CHARS:
        return (f"{what} is te lang ({len(value):,} tekens; maximaal {model.MAX_ID_CHARS})".replace(",", "."),
                "Kies een korter id: de bron, het jaar en een paar woorden.", "bad-id")
    if not ID_RE.match(value):
        return (f"ongeldig {what} '{shorten(value)}'",
                "Gebruik alleen kleine letters (a-z), cijfers en losse streepjes, bijv. ivrk-22.", "bad-id")
    if value in model.WINDOWS_NAMES:
        return (f"{what} '{value}' kan niet: Windows kan geen bestand met die naam maken (gereserveerd: "
                + ", ".join(sorted(model.WINDOWS_NAMES)) + ")", "Kies een andere naam, bijv. met een woord ervoor.",
                "reserved-id")
    if value in model.SITE_NAMES:
        return (f"{what} '{value}' is gereserveerd, de site gebruikt die naam zelf (gereserveerd: "
                + ", ".join(sorted(model.SITE_NAMES)) + ")", "Kies een andere naam, bijv. met een woord ervoor.",
                "reserved-id")
    return None


def read_record(root: Path, path: Path, rtype: model.RecordType, parse=load) -> tuple[Record | None, list[Problem]]:
    rel = path.relative_to(root).as_posix()
    rid = path.stem
    problems: list[Problem] = []
    if path.suffix != ".yaml":
        problems.append(at(rel, Pos(1, 1), f"recordbestanden eindigen op .yaml (kleine letters), niet op '{path.suffix}'",
                           f"Hernoem naar {shorten(rid.lower())}.yaml; anders wordt het record niet gepubliceerd.",
                           "bad-extension"))
    bad_id = id_problem(rid)
    if bad_id:
        message, hint, code = bad_id
        problems.append(at(rel, Pos(1, 1), message, "Het id is de bestandsnaam. " + hint, code))
    try:
        doc = parse(read_limited(path))
    except YamlError as e:
        return None, problems + [at(rel, e.pos, e.message, e.hint, e.code)]
    except OSError as e:
        return None, problems + [at(rel, Pos(1, 1), f"bestand kan niet gelezen worden: {e.strerror}",
                                    "Controleer of het bestand bestaat en leesbaar is.", "io")]
    problems += [at(rel, e.pos, e.message, e.hint, e.code) for e in doc.problems[:MAX_PROBLEMS_PER_FILE]]
    record = Record(rid, rtype.name, rel, {}, [], doc)
    problems += check_record(record, doc.data)
    if len(problems) > MAX_PROBLEMS_PER_FILE:
        rest = len(problems) - MAX_PROBLEMS_PER_FILE + len(doc.problems[MAX_PROBLEMS_PER_FILE:])
        problems = sorted(problems)[:MAX_PROBLEMS_PER_FILE] + [
            at(rel, Pos(1, 1), f"en nog {rest} problemen in dit bestand", "Los eerst de genoemde problemen op.",
               "too-many-problems")]
    return record, problems


def check_record(record: Record, data: dict) -> list[Problem]:
    """Fill record.fields and record.links from data; return what is wrong."""
    problems: list[Problem] = []
    fields = model.fields_of(record.type)
    relations = model.RELATIONS_BY_TYPE[record.type]
    allowed = model.allowed_keys(record.type)

    def problem(keypath, message, hint="", code="error", key=False):
        pos = record.doc.key_pos(keypath) if key else record.doc.pos(keypath)
        problems.append(at(record.path, pos, message, hint, code))

    if len(data) > model.MAX_KEYS:
        problem((), f"record heeft {len(data)} velden; maximaal {model.MAX_KEYS}",
                "Toegestane velden: " + ", ".join(allowed) + ".", "too-many")
        return problems
    invalid = set()  # present but wrong: reported once, not again as missing
    for key, value in data.items():
        if key in fields:
            before = len(problems)
            checked = _check_value(fields[key], value, (key,), problem)
            if checked is not None:
                record.fields[key] = checked
            elif len(problems) > before:
                invalid.add(key)
        elif key in relations:
            record.links += _check_links(record, relations[key], value, problem)
        else:
            guess = suggestion(key, allowed) if len(key) <= model.MAX_ID_CHARS else ""
            hint = "Het id is de bestandsnaam; laat dit veld weg." if key == "id" else (
                "Toegestane velden: " + ", ".join(allowed) + ".")
            problem((key,), f"onbekend veld '{shorten(key)}' voor {model.RECORD_TYPES[record.type].label.lower()}"
                    + (f"; {guess}" if guess else ""), hint, "unknown-field", key=True)

    for f in fields.values():
        if f.required and f.name not in record.fields and f.name not in invalid:
            problem((f.name,) if f.name in data else (), f"verplicht veld '{f.name}' ontbreekt",
                    f"Vul in: {f.name}: … ({f.help})", "missing-field", key=True)
    for rel in relations.values():
        given = data.get(rel.name)
        if rel.required and (given is None or given in ("", [])):
            code = "missing-source" if rel.name == "sources" else "missing-field"
            problem((rel.name,) if rel.name in data else (), f"verplichte koppeling '{rel.name}' ontbreekt",
                    f"Vul in: {rel.name}: … ({rel.help})", code, key=True)
    _legal_requirements(record, data, invalid, problem)
    aliases = record.fields.get("aliases", [])
    for i, alias in enumerate(aliases):
        bad_id = id_problem(alias, "eerder id")
        if bad_id:
            problem(("aliases", i), *bad_id)
    if aliases and any(id_problem(a, "") for a in aliases):
        record.fields["aliases"] = [a for a in aliases if not id_problem(a, "")]
    for key, value in record.fields.items():
        if fields[key].kind is Kind.TEXT:
            problems.extend(_lines_like_keys(record, key, value, allowed))
    return problems


def _legal_requirements(record: Record, data: dict, invalid: set, problem) -> None:
    """What the model requires beyond single fields: an identifier for the jurisdiction (Field.required_if,
    waived by verified: false with a note), a year in an identifier that matches a date (Field.year_of),
    and at least one link of several relations (RecordType.required_any)."""
    rtype = model.RECORD_TYPES[record.type]
    fields = model.fields_of(record.type)
    unverified = record.fields.get("verified") is False
    for f in fields.values():
        if f.required_if and f.name not in record.fields and f.name not in invalid:
            on, values = f.required_if
            if record.fields.get(on) in values and not unverified:
                problem((f.name,) if f.name in data else (), f"'{f.name}' ontbreekt: een {f.label} is verplicht als "
                        f"{on} {record.fields[on]} is", f"Vul in: {f.name}: … ({f.pattern_hint}); kon je het niet "
                        "vinden, zet dan verified: false en zeg in verification_note wat ontbreekt.", "missing-field",
                        key=True)
        if f.year_of and f.name in record.fields and f.year_of in record.fields:
            year = kinds.compiled(f.pattern).fullmatch(record.fields[f.name]).group("year")
            if year != str(record.fields[f.year_of])[:4]:
                problem((f.name,), f"het jaar in '{f.name}' ({year}) is niet het jaar van '{f.year_of}' "
                        f"({str(record.fields[f.year_of])[:4]})", "Controleer beide in de bron: een ECLI draagt het "
                        "jaar van de uitspraak.", "bad-identifier")
        if f.required_unless_unverified and f.name not in record.fields and f.name not in invalid and not unverified:
            problem((), f"verplicht veld '{f.name}' ontbreekt", f"Vul in: {f.name}: … ({f.help})", "missing-field",
                    key=True)
        _forum_pattern_and_agreement(record, f, problem)
    if rtype.required_any and not any(l.relation in rtype.required_any for l in record.links):
        rels = [model.RELATIONS_BY_TYPE[record.type][n] for n in rtype.required_any]
        targets = " of ".join(sorted({model.RECORD_TYPES[t].label.lower() for r in rels for t in r.target_types}))
        problem((), f"{rtype.label.lower()} verwijst naar geen enkel {targets}: vul {' of '.join(rtype.required_any)} in",
                f"Bijv. {rtype.required_any[0]}: - id: … met een why in eigen woorden ({rels[0].help})", "missing-field")


def _forum_pattern_and_agreement(record: Record, f: model.Field, problem) -> None:
    """Field.pattern_by (an identifier's form for the record's forum) and Field.agrees_with (parts of an
    identifier that must equal another field, e.g. the communication number inside a UN symbol)."""
    value = record.fields.get(f.name)
    if value is None:
        return
    if f.pattern_by:
        on, by_value = f.pattern_by
        for choice, pattern, hint in by_value:
            if record.fields.get(on) == choice and not kinds.compiled(pattern).fullmatch(str(value)):
                problem((f.name,), f"'{f.name}' heeft niet de vorm van een {f.label} voor {on} {choice}: "
                        f"'{shorten(str(value), 60)}'", f"Verwacht: {hint}. Neem het kenmerk exact over uit de "
                        "officiële bron; verzin het niet.", "bad-identifier")
    if f.agrees_with and f.agrees_with[0] in record.fields:
        m = kinds.compiled(f.pattern).fullmatch(str(value)) if f.pattern else None
        other, template = f.agrees_with
        if m and template.format_map(m.groupdict()) != str(record.fields[other]):
            problem((f.name,), f"'{f.name}' ({shorten(str(value), 60)}) past niet bij '{other}' "
                    f"({shorten(str(record.fields[other]), 60)})", f"In het symbool staat {other} "
                    f"{template.format_map(m.groupdict())}; controleer beide in het document.", "bad-identifier")


# `theme: x` indented under a folded `summary: >-` becomes part of the summary, and the link is lost.
_KEYISH_RE = re.compile(r"(?:^|\s)([a-z_]+):(?:\s|$)")


def _lines_like_keys(record: Record, key: str, value: str, allowed: list[str]) -> list[Problem]:
    """Warnings for lines inside a text field that look like a field of this record type."""
    if not any(m.group(1) in allowed for m in _KEYISH_RE.finditer(value)):
        return []  # the usual case: no need to look at the file again
    key_node, node = record.doc._walk((key,))
    if key_node is None:
        return []
    lines = record.doc.text.splitlines()
    found = []
    first = node.start_mark.line + (1 if node.style in ("|", ">") else 0)
    last = node.end_mark.line + (1 if node.end_mark.column > 0 else 0)  # a block scalar ends at the next key
    for n in range(first, min(last, len(lines))):
        m = re.match(r"([ \t]*)([a-z_]+):(?:[ \t]|\Z)", lines[n])
        if m and m.group(2) in allowed and (m.start(2) > 0 if n > node.start_mark.line else m.start(2) >= node.start_mark.column):
            found.append(warning(
                record.path, Pos(n + 1, len(m.group(1)) + 1),
                f"deze regel lijkt het veld '{m.group(2)}', maar hoort bij de tekst van '{key}'",
                f"Staat '{m.group(2)}:' te ver ingesprongen? Zet het aan het begin van de regel, zonder spaties ervoor.",
                "text-looks-like-field"))
    return found


def _check_value(f: model.Field, value, keypath, problem, max_chars: int | None = None):
    """The checked value, or None (after reporting) when it is wrong or empty: as its kind says (kb/kinds.py)."""
    return kinds.KINDS[f.kind].check(f, value, keypath, problem, max_chars)


def _qualifiers_of(rel: model.Relation) -> list[str]:
    """The qualifiers a link of this relation may carry (a qualifier may be limited to some relations)."""
    return [q.name for q in model.QUALIFIERS.values() if not q.relations or (rel.source_type, rel.name) in q.relations]


def _check_links(record: Record, rel: model.Relation, value, problem) -> list[Link]:
    """Links are an id, or a mapping {id: …, why: …, page: …}; a list of those when rel.many."""
    base = (rel.name,)
    if isinstance(value, str) and not value.strip():
        return []  # an empty link field counts as absent (as `kb new` writes it)
    if rel.many:
        if not isinstance(value, list):
            if isinstance(value, (str, dict)):
                items = [(base, value)]  # a single link written without '- ' is fine
            else:  # pragma: no cover - yamlio yields only str, list, dict
                items = []
        else:
            items = [(base + (i,), v) for i, v in enumerate(value)]
    else:
        if isinstance(value, list):
            problem(base, f"'{rel.name}' verwijst naar precies één record, niet naar een lijst",
                    f"Schrijf: {rel.name}: <id>", "wrong-type")
            return []
        items = [(base, value)]
    if len(items) > model.MAX_LINKS:
        problem(base, f"'{rel.name}' heeft {len(items)} koppelingen; maximaal {model.MAX_LINKS}",
                "Koppel alleen wat de bron zegt; splits het record als het echt zoveel is.", "too-many")
        return []
    links = []
    seen = set()
    for keypath, item in items:
        if isinstance(item, str) and not item.strip():
            continue  # an empty item (or a refused `null`, see yamlio) links to nothing
        if isinstance(item, str):
            target, quals, id_path = item.strip(), {}, keypath
        elif isinstance(item, dict):
            target = item.get("id")
            id_path = keypath + ("id",)
            if not isinstance(target, str) or not target.strip():
                problem(keypath, f"koppeling in '{rel.name}' mist 'id'", "Schrijf: - id: <id van het record>", "missing-field")
                continue
            target = target.strip()
            quals = {}
            if len(item) > model.MAX_KEYS:
                problem(keypath, f"koppeling in '{rel.name}' heeft {len(item)} kenmerken; maximaal {model.MAX_KEYS}",
                        "Toegestaan: id, " + ", ".join(_qualifiers_of(rel)) + ".", "too-many")
                continue
            for qkey, qval in item.items():
                if qkey == "id":
                    continue
                q = model.QUALIFIERS.get(qkey)
                if q is None:
                    guess = suggestion(qkey, model.QUALIFIERS) if len(qkey) <= model.MAX_ID_CHARS else ""
                    problem(keypath + (qkey,), f"onbekend kenmerk '{shorten(qkey)}' bij koppeling '{rel.name}'"
                            + (f"; {guess}" if guess else ""),
                            "Toegestaan: id, " + ", ".join(_qualifiers_of(rel)) + ".", "unknown-field", key=True)
                    continue
                if q.relations and (rel.source_type, rel.name) not in q.relations:
                    problem(keypath + (qkey,), f"kenmerk '{qkey}' hoort niet bij koppeling '{rel.name}'",
                            f"'{qkey}' staat alleen bij: " + ", ".join(f"{t}.{r}" for t, r in q.relations) + ".",
                            "unknown-field", key=True)
                    continue
                checked = _check_value(model.Field(q.name, q.kind, q.label, q.help, choices=q.choices, labels=q.labels),
                                       qval, keypath + (qkey,), problem, model.MAX_QUALIFIER_CHARS)
                if checked is not None:
                    quals[qkey] = checked
        else:
            problem(keypath, f"koppeling in '{rel.name}' moet een id zijn", "Schrijf: - <id van het record>", "wrong-type")
            continue
        if len(target) > model.MAX_ID_CHARS or not ID_RE.match(target):
            problem(id_path, f"'{shorten(target)}' in '{rel.name}' is geen geldig id",
                    "Een id bestaat uit kleine letters (a-z), cijfers en losse streepjes, bijv. ivrk-22; "
                    f"hoogstens {model.MAX_ID_CHARS} tekens.", "bad-id")
            continue
        if target in seen:
            problem(id_path, f"'{target}' staat twee keer in '{rel.name}'", "Verwijder de dubbele koppeling.", "duplicate-link")
            continue
        seen.add(target)
        missing = [q for q in rel.required_qualifiers if q not in quals]
        if missing and not (isinstance(item, dict) and any(q in item for q in missing)):  # a wrong value was reported
            q = model.QUALIFIERS[missing[0]]
            problem(keypath, f"koppeling '{target}' in '{rel.name}' mist '{q.name}'",
                    f"Schrijf onder '- id: {target}' ook '{q.name}:', een van: " + ", ".join(q.choices) + ".",
                    "missing-field")
            continue
        links.append(Link(record.id, target, rel.name, quals, record.doc, id_path))
    return links
