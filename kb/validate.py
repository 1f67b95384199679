"""Loading the whole knowledge base and the checks that span records."""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from pathlib import Path

from . import config, model
from .cache import ParseCache
from .problems import WARNING, Problem, at, did_you_mean, warning
from .records import Record, read_record, scan
from .yamlio import Pos


@dataclass
class KnowledgeBase:
    root: Path
    records: dict[str, Record] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # errors: the site is not built while there are any
    warnings: list[Problem] = field(default_factory=list)  # shown by `kb validate`, do not fail it
    vocabulary: object = None  # kb.vocabulary.Vocabulary: the legal vocabulary (vocabulary.yaml)
    law_date: dict = field(default_factory=dict)  # wetstand.yaml: {'checked': date, 'note': text} (kb/lawtime.py)

    def of_type(self, type_name: str) -> list[Record]:
        return [r for r in self.records.values() if r.type == type_name]


def load_kb(root: Path | str) -> KnowledgeBase:
    """Read every record and report every problem; never raises for bad input."""
    # Loading makes many small acyclic objects; the cyclic garbage collector would walk them
    # again and again (measured: 4x slower at 10,000 records).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(Path(root))
    finally:
        if enabled:
            gc.enable()


def _load(root: Path) -> KnowledgeBase:
    kb = KnowledgeBase(root)
    if not any((root / t.folder).is_dir() for t in model.RECORD_TYPES.values()):
        folders = ", ".join(t.folder + "/" for t in model.RECORD_TYPES.values())
        kb.problems.append(at(".", Pos(1, 1), f"geen kennisbank gevonden in {root}",
                              f"Start in de map met {folders} of geef die map op met --root.", "no-kb"))
        return kb
    cache = ParseCache(root)
    files, found = scan(kb.root)
    for record, problems in (read_record(kb.root, path, rtype, cache.load) for path, rtype in files):
        found += problems
        if record is None:
            continue
        if record.id in kb.records:
            first = kb.records[record.id]
            hint = "Ieder id is uniek in de hele kennisbank. Kies een andere bestandsnaam."
            found.append(at(record.path, Pos(1, 1), f"id '{record.id}' bestaat al ({first.path})", hint,
                            "duplicate-id"))
            found.append(at(first.path, Pos(1, 1), f"id '{record.id}' bestaat ook als {record.path}", hint,
                            "duplicate-id"))
            continue
        kb.records[record.id] = record
    cache.save()
    found += config.check(root)  # mkdocs.yml, before MkDocs reads it (kb/config.py)
    for check in CROSS_RECORD_CHECKS:
        found += check(kb)
    kb.problems = sorted(p for p in found if p.severity != WARNING)
    kb.warnings = sorted(p for p in found if p.severity == WARNING)
    return kb


def resolve_aliases(kb: KnowledgeBase) -> list[Problem]:
    """Old ids of renamed records: unique, and links that still use them point to the new id."""
    problems, owner = [], {}
    for record in kb.records.values():
        for i, alias in enumerate(record.fields.get("aliases", [])):
            clash = kb.records.get(alias) or kb.records.get(owner.get(alias, ""))
            if clash is not None:
                problems.append(at(record.path, record.pos("aliases", i),
                                   f"eerder id '{alias}' is al in gebruik door {clash.path}",
                                   "Een oud id mag niet opnieuw gebruikt worden.", "duplicate-id"))
            else:
                owner[alias] = record.id
    for record in kb.records.values():
        for link in record.links:
            if link.target not in kb.records and link.target in owner:
                link.target = owner[link.target]
    return problems


# Ids that look alike are offered for this many unknown links at most (each costs a comparison with
# every record of the target type).
SUGGEST_LIMIT = 200


def check_links(kb: KnowledgeBase) -> list[Problem]:
    problems = []
    suggested = 0
    for record in kb.records.values():
        for link in record.links:
            rel = model.RELATIONS_BY_TYPE[record.type][link.relation]
            target = kb.records.get(link.target)
            wanted = " of ".join(model.RECORD_TYPES[t].label.lower() for t in rel.target_types)
            if link.target == record.id:
                problems.append(at(record.path, link.pos, f"'{link.relation}' verwijst naar het record zelf",
                                   "Verwijs naar een ander record.", "self-link"))
            elif target is None:
                suggested += 1
                candidates = [r.id for r in kb.records.values() if r.type in rel.target_types]
                close = did_you_mean(link.target, candidates) if suggested <= SUGGEST_LIMIT else []
                hint = ("Bestaande ids die erop lijken: " + ", ".join(close) + "." if close else
                        f"Maak eerst het record aan (kb new {rel.target_types[0]} {link.target}) of controleer de spelling.")
                problems.append(at(record.path, link.pos,
                                   f"'{link.relation}' verwijst naar '{link.target}', maar dat id bestaat niet",
                                   hint, "unknown-link"))
            elif target.type not in rel.target_types:
                problems.append(at(record.path, link.pos,
                                   f"'{link.relation}' moet verwijzen naar een {wanted}, maar '{link.target}' is een "
                                   f"{model.RECORD_TYPES[target.type].label.lower()} ({target.path})",
                                   f"Kies een {wanted}, of gebruik een andere koppeling.", "wrong-link-type"))
    return problems


def check_rules(kb: KnowledgeBase) -> list[Problem]:
    """The model's rules across records: a field value that the links to a record must bear out
    (model.SUPPORT_RULES, e.g. direct effect only as a linked ruling says), and a field that must equal
    a field of the record it links to (model.MATCH_RULES, e.g. a provision's jurisdiction)."""
    problems = []
    linked: dict[str, set] = {}  # target id -> {(source type, relation)}
    for record in kb.records.values():
        for link in record.links:
            linked.setdefault(link.target, set()).add((record.type, link.relation))

    def names(pairs):
        return " of ".join(f"{model.RECORD_TYPES[t].label.lower()} met {rel}" for t, rel in pairs)

    for rule in model.SUPPORT_RULES:
        field = model.fields_of(rule.type_name)[rule.field]
        shown = f"{rule.field}: {rule.value} ({field.label_of(rule.value)})"
        for record in kb.of_type(rule.type_name):
            if record.fields.get(rule.field) != rule.value:
                continue
            have = linked.get(record.id, set())
            missing = [p for p in rule.needs if p not in have]
            contrary = [p for p in rule.excludes if p in have]
            if missing:
                problems.append(at(record.path, record.pos(rule.field),
                                   f"{shown} wordt niet gedragen: geen {names(missing)} verwijst naar dit record",
                                   f"Voeg de uitspraak toe die dit zegt (kb new ruling …) met {missing[0][1]}: "
                                   f"[{record.id}], of zet {rule.field}: unknown.", "unsupported-value"))
            if contrary:
                problems.append(at(record.path, record.pos(rule.field),
                                   f"{shown} past niet bij de rechtspraak: ook een {names(contrary)} verwijst naar "
                                   "dit record", f"Gebruik {rule.field}: mixed en leg het verschil uit.",
                                   "unsupported-value"))
    for rule in model.MATCH_RULES:
        rel = model.RELATIONS_BY_TYPE[rule.type_name][rule.relation]
        for record in kb.of_type(rule.type_name):
            link = next((l for l in record.links if l.relation == rule.relation), None)
            target = kb.records.get(link.target) if link else None
            if target is None or target.type not in rel.target_types:
                continue  # reported by check_links
            mine, theirs = record.fields.get(rule.field), target.fields.get(rule.target_field)
            if mine is not None and theirs is not None and mine != theirs:
                problems.append(at(record.path, record.pos(rule.field),
                                   f"'{rule.field}' is {mine}, maar {rule.target_field} van {target.id} "
                                   f"({target.path}) is {theirs}", f"Maak ze gelijk; {rule.relation} verwijst naar "
                                   f"{target.id}.", "mismatch"))
    return problems


def valid_links(kb: KnowledgeBase):
    """Links whose target exists with an allowed type (what the graph is built from)."""
    for record in kb.records.values():
        for link in record.links:
            target = kb.records.get(link.target)
            rel = model.RELATIONS_BY_TYPE[record.type][link.relation]
            if target is not None and target.type in rel.target_types and target.id != record.id:
                yield link


def check_vocabulary(kb: KnowledgeBase) -> list[Problem]:
    """vocabulary.yaml (the wegwijzer's and search's legal vocabulary), checked against the records."""
    from .vocabulary import load_vocabulary

    kb.vocabulary, problems = load_vocabulary(kb.root, kb.records)
    return problems


def check_law_time(kb: KnowledgeBase) -> list[Problem]:
    """The law in time (kb/lawtime.py): the date the law was last checked (wetstand.yaml), a successor named
    without the date the law ceased, and records that rely only on law that no longer applies (warnings)."""
    from . import lawtime

    kb.law_date, problems = lawtime.load_law_date(kb.root)
    on = lawtime.today()
    for record in kb.records.values():
        link = next((l for l in record.links if l.relation == "replaced_by"), None)
        if link is not None and lawtime.record_status(kb.records, record, "9999-12-31") != "ceased":
            problems.append(warning(record.path, link.pos, "'replaced_by' noemt een opvolger, maar 'ceased_from' "
                                    "ontbreekt", "Zet ceased_from: de eerste dag waarop dit niet meer van toepassing "
                                    "is.", "ceased-law"))
    return problems + lawtime.check_reliance(kb, on)


def check_calls(kb: KnowledgeBase) -> list[Problem]:
    """A call (issue 23) is a demand some body made: at least one recommendation or observation links to
    it under `calls`. One body only is allowed (the Monitor flags it); none is an error."""
    relation = model.ALSO_ASKED[1][0][1]
    made = {link.target for r in kb.records.values() for link in r.links if link.relation == relation}
    return [at(r.path, r.pos("title"), f"oproep '{r.id}' wordt door geen aanbeveling of slotbeschouwing gedaan",
               f"Zet '{relation}: [{r.id}]' bij de aanbevelingen die deze eis stellen, of verwijder de oproep.",
               "call-without-asks")
            for r in kb.of_type("call") if r.id not in made]


def check_phrasing(kb: KnowledgeBase) -> list[Problem]:
    """Warnings: listed legal phrasings that overstate the law, and disputed figures repeated as certain."""
    from .phrasing import check_disputed_figures, check_phrasing as phrasings

    return phrasings(kb) + check_disputed_figures(kb)


# Checks across records, in order (aliases first: they rewrite links to renamed records). A new rule
# is one function here that takes the knowledge base and returns located problems (errors or warnings).
CROSS_RECORD_CHECKS = (resolve_aliases, check_rules, check_links, check_vocabulary, check_phrasing,
                       check_law_time, check_calls)
