"""JSON Schemas per record type, generated from the model, for editor support (VS Code's YAML
extension autocompletes fields and flags errors while typing). `kb schemas` writes them into
schemas/ and wires them up in .vscode/settings.json, and writes the Dutch field reference VELDEN.md;
tests/test_contributing.py fails when they are stale."""

from __future__ import annotations

import json
import re
from pathlib import Path

from . import kinds, model

SCHEMA_DIR = "schemas"

def _link_schema(rel: model.Relation, ids: dict[str, list[str]]) -> dict:
    known = sorted(i for t in rel.target_types for i in ids.get(t, []))
    # Offer the existing ids; still accept any well-formed id (kb validate checks that it exists).
    target = {"anyOf": [{"enum": known}, {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"}]}
    qualifiers = {q.name: kinds.of(q).schema(q) for q in model.QUALIFIERS.values()
                  if not q.relations or (rel.source_type, rel.name) in q.relations}
    link = {"type": "object", "additionalProperties": False, "required": ["id", *rel.required_qualifiers],
            "properties": {"id": target, **qualifiers}}
    item = {"anyOf": [target, link]} if not rel.required_qualifiers else link
    labels = ", ".join(model.RECORD_TYPES[t].label.lower() for t in rel.target_types)
    description = f"{rel.help} Verwijst naar: {labels}."
    if rel.many:
        return {"description": description, "anyOf": [{"type": "array", "items": item}, item]}
    return {"description": description, **item}


def _with_pattern(f: model.Field, s: dict) -> dict:
    """An identifier's pattern (model.Field.pattern), its named groups plain groups: the syntax JavaScript
    (the editor) and Python (jsonschema in the tests) share."""
    if f.pattern:
        s = {**s, "type": "string", "pattern": "^(?:" + re.sub(r"\(\?P<\w+>", "(", f.pattern) + ")$",
             "description": f"{s['description']} Vorm: {f.pattern_hint}."}
    return s


def schema_for(type_name: str, ids: dict[str, list[str]]) -> dict:
    rtype = model.RECORD_TYPES[type_name]
    props = {f.name: _with_pattern(f, kinds.of(f).schema(f)) for f in model.fields_of(type_name).values()}
    props.update({r.name: _link_schema(r, ids) for r in model.RELATIONS_BY_TYPE[type_name].values()})
    required = [f.name for f in model.fields_of(type_name).values() if f.required]
    required += [r.name for r in model.RELATIONS_BY_TYPE[type_name].values() if r.required]
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": f"https://ivrk-kennisbank.invalid/schemas/{type_name}.schema.json",
        "title": f"{rtype.label} (IVRK-kennisbank)",
        "description": rtype.intro,
        "type": "object",
        "additionalProperties": False,
        "required": required,
        "properties": props,
    }


FIELD_REFERENCE = "VELDEN.md"


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def field_reference() -> str:
    """The Dutch reference of every record type, field, link and qualifier, generated from the model
    (VELDEN.md; `kb schemas --check` fails when it is stale)."""
    out = ["# Velden en koppelingen", "",
           "Dit overzicht wordt gemaakt uit `kb/model.py` met `kb schemas`; bewerk het niet met de hand.", ""]
    for t in model.RECORD_TYPES.values():
        out += [f"## {t.label} (`{t.folder}/`)", "", t.intro, "",
                "| veld | soort | verplicht | uitleg |", "|---|---|---|---|"]
        for f in model.fields_of(t.name).values():
            extra = f" Kies uit: {', '.join(f'`{c}`' for c in f.choices)}." if f.choices else ""
            extra += f" Vorm: {f.pattern_hint}." if f.pattern_hint else ""
            out.append(f"| `{f.name}` | {kinds.of(f).dutch} | {'ja' if f.required else 'nee'} | "
                       f"{_cell(f.help)}{extra} |")
        rels = list(model.RELATIONS_BY_TYPE[t.name].values())
        if rels:
            out += ["", "| koppeling | naar | verplicht | uitleg |", "|---|---|---|---|"]
            for r in rels:
                targets = " of ".join(model.RECORD_TYPES[x].label.lower() for x in r.target_types)
                form = "één" if not r.many else "lijst"
                out.append(f"| `{r.name}` | {targets} ({form}) | {'ja' if r.required else 'nee'} | {_cell(r.help)} |")
        out.append("")
    out += ["## Kenmerken van een koppeling", "",
            "Elke koppeling mag een id zijn, of `- id: …` met deze kenmerken:", "",
            "| kenmerk | soort | uitleg |", "|---|---|---|"]
    out += [f"| `{q.name}` | {kinds.of(q).dutch} | {_cell(q.help)} |" for q in model.QUALIFIERS.values()]
    out += ["", *problem_codes()]
    return "\n".join(out).rstrip("\n") + "\n"


PRE_COMMIT = ".pre-commit-config.yaml"


def pre_commit_config() -> str:
    """The pre-commit hooks, run on the record folders of the model (a new record type is covered by itself)."""
    folders = "^(" + "|".join(t.folder for t in model.RECORD_TYPES.values()) + ")/"
    return f"""# pre-commit (https://pre-commit.com): `pip install pre-commit && pre-commit install`
# Generated from kb/model.py by `kb schemas`; `kb schemas --check` fails when it is stale.
repos:
  - repo: local
    hooks:
      - id: kb-validate
        name: kb validate
        entry: kb validate
        language: system
        pass_filenames: false
        files: {folders}
      - id: kb-schemas
        name: kb schemas (editor schemas up to date)
        entry: kb schemas
        language: system
        pass_filenames: false
        files: {folders}|^kb/model\\.py$
"""


def problem_codes() -> list[str]:
    """VELDEN.md's section on kb validate's messages: every problem code with its meaning and fix."""
    from .problems import CODES, PREFIXES, WARNING

    out = ["## Meldingen van kb validate", "",
           "Elke melding heeft een vaste code (in `kb validate --format json` en in de tests). "
           "Een waarschuwing laat `kb validate` niet falen.", "",
           "| code | wat er mis is | wat je doet |", "|---|---|---|"]
    for code, (message, hint, severity) in sorted(CODES.items()):
        label = " (waarschuwing)" if severity == WARNING else ""
        out.append(f"| `{code}` | {_cell(message)}{label} | {_cell(hint)} |")
    out += ["", *(f"Een code die begint met `{prefix}` is een code hierboven, {where}." for prefix, where in
                  PREFIXES.items())]
    return out + [""]


def render_all(ids: dict[str, list[str]]) -> dict[str, str]:
    """Relative path -> file text for every schema, the VS Code settings and the field reference."""
    files = {f"{SCHEMA_DIR}/{t}.schema.json": json.dumps(schema_for(t, ids), ensure_ascii=False, indent=2) + "\n"
             for t in model.RECORD_TYPES}
    from .vocabulary import FILE as VOCABULARY, schema as vocabulary_schema

    files[f"{SCHEMA_DIR}/vocabulary.schema.json"] = json.dumps(vocabulary_schema(), ensure_ascii=False, indent=2) + "\n"
    settings = {"yaml.schemas": {**{f"./{SCHEMA_DIR}/{t.name}.schema.json": f"{t.folder}/*.yaml"
                                    for t in model.RECORD_TYPES.values()},
                                 f"./{SCHEMA_DIR}/vocabulary.schema.json": VOCABULARY},
                "yaml.customTags": [], "files.encoding": "utf8", "files.insertFinalNewline": True}
    files[".vscode/settings.json"] = json.dumps(settings, indent=2) + "\n"
    files[FIELD_REFERENCE] = field_reference()
    files[PRE_COMMIT] = pre_commit_config()
    return files


def write_all(root: Path, ids: dict[str, list[str]]) -> list[str]:
    changed = []
    for rel, text in render_all(ids).items():
        path = root / rel
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(rel)
    return changed
