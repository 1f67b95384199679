"""Finding record files, reading them and checking each one against the model.

Checks that need only one file live here; checks across records live in validate.py.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import model
from .model import Kind
from .problems import Problem, at, suggestion
from .yamlio import Document, Pos, YamlError, load

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_INT_RE = re.compile(r"^-?\d+$")
_NUMBER_RE = re.compile(r"^-?\d+(?:\.\d+)?$")
_DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_URL_RE = re.compile(r"^https?://[^\s<>\"]+$")


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
    found = []
    for rtype in model.RECORD_TYPES.values():
        folder = root / rtype.folder
        if folder.is_dir():
            found.extend((p, rtype) for p in sorted(folder.iterdir()) if p.suffix in (".yaml", ".yml"))
    return found


def read_record(root: Path, path: Path, rtype: model.RecordType, parse=load) -> tuple[Record | None, list[Problem]]:
    rel = path.relative_to(root).as_posix()
    rid = path.stem
    problems: list[Problem] = []
    if path.suffix != ".yaml":
        problems.append(at(rel, Pos(1, 1), "recordbestanden eindigen op .yaml", f"Hernoem naar {rid}.yaml.", "bad-extension"))
    if not ID_RE.match(rid):
        problems.append(at(rel, Pos(1, 1), f"ongeldig id '{rid}' (het id is de bestandsnaam)",
                           "Gebruik alleen kleine letters, cijfers en losse streepjes, bijv. ivrk-22.yaml.", "bad-id"))
    try:
        doc = parse(path.read_bytes())
    except YamlError as e:
        return None, problems + [at(rel, e.pos, e.message, e.hint, e.code)]
    except OSError as e:
        return None, problems + [at(rel, Pos(1, 1), f"bestand kan niet gelezen worden: {e.strerror}", "", "io")]
    problems += [at(rel, e.pos, e.message, e.hint, e.code) for e in doc.problems]
    record = Record(rid, rtype.name, rel, {}, [], doc)
    problems += check_record(record, doc.data)
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
            guess = suggestion(key, allowed)
            hint = "Het id is de bestandsnaam; laat dit veld weg." if key == "id" else (
                "Toegestane velden: " + ", ".join(allowed) + ".")
            problem((key,), f"onbekend veld '{key}' voor {model.RECORD_TYPES[record.type].label.lower()}"
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
    for i, alias in enumerate(record.fields.get("aliases", [])):
        if not ID_RE.match(alias):
            problem(("aliases", i), f"eerder id '{alias}' is geen geldig id",
                    "Een id bestaat uit kleine letters, cijfers en losse streepjes.", "bad-id")
    return problems


def _check_value(f: model.Field, value, keypath, problem):
    """Return the checked value, or None (after reporting) when it is wrong or empty."""
    kind = f.kind
    expected = model.KIND_DUTCH[kind]
    if isinstance(value, str) and not value.strip():
        return None  # an empty field counts as absent; required fields are then reported as missing
    if kind is Kind.STRLIST:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problem(keypath, f"'{f.name}' moet een {expected} zijn", "Schrijf elk item op een eigen regel na '- '.", "wrong-type")
            return None
        return [v.strip() for v in value if v.strip()] or None
    if not isinstance(value, str):
        what = "een lijst" if isinstance(value, list) else "een verzameling velden"
        problem(keypath, f"'{f.name}' moet {expected} zijn, maar is {what}", f.help, "wrong-type")
        return None
    text = value.strip()
    if not text:
        return None  # an empty field counts as absent; required fields are then reported as missing
    if kind is Kind.STR:
        if "\n" in text:
            problem(keypath, f"'{f.name}' moet op één regel passen", "Gebruik 'summary' voor langere tekst.", "wrong-type")
            return None
        return text
    if kind is Kind.TEXT:
        return text
    if kind is Kind.INT:
        if not _INT_RE.match(text):
            problem(keypath, f"'{f.name}' moet een geheel getal zijn, niet '{text}'", f.help, "wrong-type")
            return None
        return int(text)
    if kind is Kind.NUMBER:
        if not _NUMBER_RE.match(text):
            problem(keypath, f"'{f.name}' moet een getal zijn, niet '{text}'",
                    "Schrijf het getal zonder punten of spaties voor duizendtallen; decimalen met een punt (0.85).",
                    "wrong-type")
            return None
        return text  # kept as written: 1.10 stays 1.10
    if kind is Kind.DATE:
        ok = bool(_DATE_RE.match(text))
        if ok and len(text) > 4:
            try:
                dt.date.fromisoformat(text if len(text) == 10 else text + "-01")
            except ValueError:
                ok = False
        if not ok:
            problem(keypath, f"'{f.name}' is geen geldige datum: '{text}'", "Gebruik JJJJ-MM-DD, JJJJ-MM of JJJJ.", "wrong-type")
            return None
        return text
    if kind is Kind.URL:
        if not _URL_RE.match(text):
            problem(keypath, f"'{f.name}' is geen geldig webadres: '{text}'", "Begin met https:// en gebruik geen spaties.", "wrong-type")
            return None
        return text
    if kind is Kind.BOOL:
        if text not in ("true", "false"):
            problem(keypath, f"'{f.name}' moet true of false zijn, niet '{text}'",
                    "Schrijf true of false (niet ja/nee of yes/no).", "wrong-type")
            return None
        return text == "true"
    if kind is Kind.ENUM:
        if text not in f.choices:
            guess = suggestion(text, f.choices)
            problem(keypath, f"'{text}' is geen toegestane waarde voor '{f.name}'" + (f"; {guess}" if guess else ""),
                    "Toegestaan: " + ", ".join(f.choices) + ".", "wrong-type")
            return None
        return text
    raise AssertionError(kind)  # pragma: no cover


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
    links = []
    seen = set()
    for keypath, item in items:
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
            for qkey, qval in item.items():
                if qkey == "id":
                    continue
                q = model.QUALIFIERS.get(qkey)
                if q is None:
                    guess = suggestion(qkey, model.QUALIFIERS)
                    problem(keypath + (qkey,), f"onbekend kenmerk '{qkey}' bij koppeling '{rel.name}'"
                            + (f"; {guess}" if guess else ""),
                            "Toegestaan: id, " + ", ".join(model.QUALIFIERS) + ".", "unknown-field", key=True)
                    continue
                checked = _check_value(model.Field(q.name, q.kind, q.label, q.help), qval, keypath + (qkey,), problem)
                if checked is not None:
                    quals[qkey] = checked
        else:
            problem(keypath, f"koppeling in '{rel.name}' moet een id zijn", "Schrijf: - <id van het record>", "wrong-type")
            continue
        if not ID_RE.match(target):
            problem(id_path, f"'{target}' in '{rel.name}' is geen geldig id",
                    "Een id bestaat uit kleine letters, cijfers en losse streepjes, bijv. ivrk-22.", "bad-id")
            continue
        if target in seen:
            problem(id_path, f"'{target}' staat twee keer in '{rel.name}'", "Verwijder de dubbele koppeling.", "duplicate-link")
            continue
        seen.add(target)
        links.append(Link(record.id, target, rel.name, quals, record.doc, id_path))
    return links
