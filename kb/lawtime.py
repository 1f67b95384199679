"""The law in time (issue 21): whether an instrument or provision applies on a date, what replaced it,
the date the law was last checked ("stand van het recht"), and the warning for records that rely only
on law that no longer applies.

What a status is, is declared once in `model.law_status`; this module applies it to records (validation)
and to graph nodes (pages, wegwijzer data), where a provision inherits the dates its instrument has.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import kinds, model
from .problems import Problem, at, warning
from .yamlio import Pos, YamlError, load, read_limited

# The date the law in the knowledge base was last checked against the official texts: one value, in this
# file at the knowledge-base root, shown on the home page and on every page of a law.
FILE = "wetstand.yaml"
_KEYS = ("checked", "note")
_HINT = ("wetstand.yaml heeft 'checked: JJJJ-MM-DD' (de datum waarop de redactie het recht het laatst heeft "
         "nagelopen) en eventueel 'note:' met een toelichting.")


def today() -> str:
    return dt.date.today().isoformat()


def load_law_date(root: Path) -> tuple[dict, list[Problem]]:
    """{'checked': date, 'note': text} from wetstand.yaml ({} when there is none), and its problems."""
    path = root / FILE
    if not path.exists() and not path.is_symlink():
        return {}, []
    try:
        doc = load(read_limited(path))
    except YamlError as e:
        return {}, [at(FILE, e.pos, e.message, e.hint, e.code)]
    except OSError as e:
        return {}, [at(FILE, Pos(1, 1), f"{FILE} kan niet gelezen worden: {e.strerror or e}",
                       "Controleer de rechten van het bestand.", "unreadable")]
    problems = [at(FILE, e.pos, e.message, e.hint, e.code) for e in doc.problems]
    data = doc.data if isinstance(doc.data, dict) else None
    if data is None:
        return {}, problems + [at(FILE, Pos(1, 1), f"{FILE} moet velden hebben", _HINT, "wrong-type")]
    for key in data:
        if key not in _KEYS:
            problems.append(at(FILE, doc.key_pos((key,)), f"onbekend veld '{key}' in {FILE}", _HINT, "unknown-field"))
    out = {}
    checked = data.get("checked")
    date_field = model.Field("checked", model.Kind.DATE, "Stand van het recht", "")
    if checked is None:
        problems.append(at(FILE, Pos(1, 1), f"{FILE} mist 'checked:'", _HINT, "missing-field"))
    elif not isinstance(checked, str) or len(checked) != 10 or kinds.of(date_field).read(
            date_field, checked, ("checked",), lambda *a: None) is None:
        problems.append(at(FILE, doc.pos(("checked",)), f"'checked' in {FILE} is geen datum JJJJ-MM-DD: "
                           f"'{str(checked)[:40]}'", _HINT, "wrong-type"))
    else:
        out["checked"] = checked
    if isinstance(data.get("note"), str):
        out["note"] = data["note"]
    return out, problems


# -- status of records (validation) and of graph nodes (pages) -----------------------------------------

def record_status(records: dict, record, on: str) -> str | None:
    """model.law_status of a Record, a provision inheriting its instrument's dates."""
    if record.type not in model.LAW_TYPES:
        return None
    return model.law_status({"type": record.type, **record.fields}, on, _instrument_fields(records, record))


def _instrument_fields(records: dict, record) -> dict | None:
    if record.type != "provision":
        return None
    link = next((l for l in record.links if l.relation == "instrument"), None)
    target = records.get(link.target) if link else None
    return target.fields if target is not None and target.type == "instrument" else None


def node_status(g, nb, node: str, on: str) -> str | None:
    """model.law_status of a graph node, a provision inheriting its instrument's dates."""
    attrs = g.nodes[node]
    if attrs["type"] not in model.LAW_TYPES:
        return None
    parent = nb.targets(node, "instrument") if attrs["type"] == "provision" else []
    return model.law_status(attrs, on, g.nodes[parent[0]] if parent else None)


def successors(g, nb, node: str) -> list[str]:
    """What replaced a law: its own replaced_by, else (for a provision) its instrument's."""
    own = nb.targets(node, "replaced_by")
    if own or g.nodes[node]["type"] != "provision":
        return own
    return [s for parent in nb.targets(node, "instrument") for s in nb.targets(parent, "replaced_by")]


STATUS_ORDER = {"applies": 0, "not_yet": 1, "ceased": 2, None: 0}


def status_text(attrs: dict, status: str | None, inherited: dict | None = None) -> str:
    """'Vervallen per 12 juni 2026', 'Van toepassing vanaf 12 juni 2026' or 'Geldend' ('' for non-law)."""
    inherited = inherited or {}

    def get(name):
        return attrs.get(name) or inherited.get(name)

    if status == "ceased":
        return f"Vervallen per {kinds.date_nl(get('ceased_from'))}"
    if status == "not_yet":
        return f"Van toepassing vanaf {kinds.date_nl(get('applies_from') or get('entry_into_force'))}"
    if status == "applies":
        return "Geldend"
    return ""


# -- the warning: a risk, recommendation or theme that relies only on law that no longer applies ---------

# The relations by which a record relies on law, from the model (provisions of a risk, what a
# recommendation asks to change, a theme's legal basis).
def _law_relations() -> list[model.Relation]:
    return [r for r in model.RELATIONS
            if r.source_type not in model.LAW_TYPES and r.source_type != "ruling"
            and set(r.target_types) & set(model.LAW_TYPES)]


def check_reliance(kb, on: str | None = None) -> list[Problem]:
    """A warning (located, Dutch) for every record whose links to law all end at law that no longer
    applies on `on` (today): it names the successors to add."""
    on = on or today()
    relations = {(r.source_type, r.name) for r in _law_relations()}
    problems = []
    for record in kb.records.values():
        links = [l for l in record.links if (record.type, l.relation) in relations
                 and getattr(kb.records.get(l.target), "type", None) in model.LAW_TYPES]
        if not links:
            continue
        statuses = [record_status(kb.records, kb.records[l.target], on) for l in links]
        if any(s != "ceased" for s in statuses):
            continue
        names = ", ".join(dict.fromkeys(l.target for l in links))
        found = []
        for l in links:
            target = kb.records[l.target]
            found += [s.target for s in target.links if s.relation == "replaced_by"]
            parent = _instrument_fields(kb.records, target)
            if not found and parent is not None:
                inst = next(x for x in target.links if x.relation == "instrument")
                found += [s.target for s in kb.records[inst.target].links if s.relation == "replaced_by"]
        found = list(dict.fromkeys(found))
        hint = (f"Voeg de opvolger toe onder '{links[0].relation}': {', '.join(found)}; houd het vervallen recht "
                "alleen als geschiedenis." if found else
                "Noem het recht dat nu geldt, of zet replaced_by in het vervallen record als er een opvolger is.")
        problems.append(warning(record.path, links[0].pos,
                                f"steunt alleen op recht dat niet meer geldt ({names}; peildatum "
                                f"{kinds.date_nl(on)})", hint, "ceased-law"))
    return problems
