"""The legal vocabulary (`vocabulary.yaml` at the knowledge-base root): words lawyers and social workers
use, each group pointing to the records it is about. The wegwijzer and the header search read it, so a
description saying "loverboy" reaches article 35 and the target group of exploited children.

    groups:
      - words: [mensenhandel, kinderhandel, loverboy]
        records: [ivrk-35, kinderen-slachtoffer-van-uitbuiting]
        note: Handel in kinderen valt onder artikel 35.
      - ages: 0-7
        words: [baby, peuter, kleuter]
        records: [jonge-kinderen]

`words` are matched after Dutch stemming (a plural or another form of the word matches too; a phrase
matches its words in order); `ages` also matches a stated age ("15-jarige", "een meisje van 15").
Checked by `kb validate` with located Dutch messages (tests/test_guide.py feeds it bad input); its
JSON Schema (`schemas/vocabulary.schema.json`) gives editors completion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import model
from .problems import Problem, at, did_you_mean
from .textsearch import content_stems
from .yamlio import Pos, YamlError, load, read_limited

FILE = "vocabulary.yaml"
GROUP_KEYS = ("words", "records", "ages", "note")
TARGET_TYPES = ("article", "target_group", "setting", "risk")
MAX_GROUPS = 2000
MAX_WORD_CHARS = 100
MAX_NOTE_CHARS = 300
MAX_AGE = 25
_AGES = re.compile(r"([0-9]{1,2})-([0-9]{1,2})\Z")


@dataclass
class Group:
    words: list[str]
    records: list[str]
    ages: tuple[int, int] | None = None
    note: str = ""
    line: int = 0


@dataclass
class Vocabulary:
    groups: list[Group] = field(default_factory=list)


_HINT_GROUP = ("Een groep is bijvoorbeeld:  - words: [mensenhandel, loverboy]  records: [ivrk-35]  "
               "(zie de uitleg bovenaan vocabulary.yaml).")


def load_vocabulary(root: Path, known: dict) -> tuple[Vocabulary, list[Problem]]:
    """Read and check vocabulary.yaml; a missing file is an empty vocabulary. `known`: id -> Record."""
    aliases = {a: r.id for r in known.values() for a in r.fields.get("aliases", [])}
    path = root / FILE
    if not path.exists() and not path.is_symlink():
        return Vocabulary(), []
    try:
        doc = load(read_limited(path))
    except YamlError as e:
        return Vocabulary(), [at(FILE, e.pos, e.message, e.hint, e.code)]
    except OSError as e:
        return Vocabulary(), [at(FILE, Pos(1, 1), f"woordenlijst kan niet gelezen worden: {e.strerror or e}",
                                 "Controleer de rechten van het bestand.", "unreadable")]
    problems = [at(FILE, e.pos, e.message, e.hint, e.code) for e in doc.problems]

    def problem(keypath, message, hint="", code="vocabulary", key=False):
        if len(problems) < 50:
            pos = doc.key_pos(keypath) if key else doc.pos(keypath)
            problems.append(at(FILE, pos, message, hint, code))

    data = doc.data
    for key in data:
        if key != "groups":
            problem((key,), f"onbekend veld '{key}' in de woordenlijst", "Op het hoogste niveau staat alleen 'groups:'.",
                    "unknown-field", key=True)
    groups = data.get("groups")
    vocab = Vocabulary()
    if groups is None and not problems:
        problem((), "de woordenlijst mist 'groups:'", _HINT_GROUP, "missing-field")
        return vocab, problems
    if groups is None:
        return vocab, problems
    if not isinstance(groups, list):
        problem(("groups",), "'groups' moet een lijst van groepen zijn (regels die met '- ' beginnen)", _HINT_GROUP,
                "wrong-type")
        return vocab, problems
    if len(groups) > MAX_GROUPS:
        problem(("groups",), f"te veel groepen ({len(groups)}; maximaal {MAX_GROUPS})", "Voeg groepen samen.",
                "too-many")
        groups = groups[:MAX_GROUPS]
    wanted = " of ".join(model.RECORD_TYPES[t].label.lower() for t in TARGET_TYPES)
    for i, g in enumerate(groups):
        here = ("groups", i)
        if not isinstance(g, dict):
            problem(here, "een groep moet velden hebben (words, records, ages, note)", _HINT_GROUP, "wrong-type")
            continue
        for key in g:
            if key not in GROUP_KEYS:
                close = did_you_mean(key, GROUP_KEYS)
                problem((*here, key), f"onbekend veld '{key}' in een groep",
                        ("Bedoel je " + " of ".join(f"'{c}'" for c in close) + "? " if close else "")
                        + "Een groep kent: " + ", ".join(GROUP_KEYS) + ".", "unknown-field", key=True)
        words = _text_list(g, "words", here, problem, MAX_WORD_CHARS)
        seen: dict[str, int] = {}
        for j, w in enumerate(words):
            if not content_stems(w):
                problem((*here, "words", j), f"'{w}' bevat geen woord om op te zoeken (alleen lidwoorden, "
                        "voorzetsels of losse tekens)", "Kies een woord dat iets betekent.", "empty-word")
            key = " ".join(content_stems(w))
            if key and key in seen:
                problem((*here, "words", j), f"'{w}' staat al in deze groep ('{words[seen[key]]}' is na stemming hetzelfde)",
                        "Verwijder een van beide.", "duplicate-word")
            seen.setdefault(key, j)
        ages = None
        if "ages" in g:
            value = g["ages"]
            m = _AGES.match(value) if isinstance(value, str) else None
            if not m or int(m.group(1)) > int(m.group(2)) or int(m.group(2)) > MAX_AGE:
                problem((*here, "ages"), f"'ages' moet een leeftijd van-tot zijn, zoals 0-7 of 12-17 (tot {MAX_AGE})",
                        "Schrijf twee hele getallen met een streepje ertussen, de kleinste eerst.", "bad-ages")
            else:
                ages = (int(m.group(1)), int(m.group(2)))
        misspelt = any(key not in GROUP_KEYS for key in g)
        if not words and "ages" not in g and "words" not in g and not misspelt:
            problem(here, "een groep heeft 'words' (of 'ages') nodig", _HINT_GROUP, "missing-field")
        ids = _text_list(g, "records", here, problem, model.MAX_ID_CHARS)
        if "records" not in g and not misspelt:
            problem(here, "een groep heeft 'records' nodig: de records waar deze woorden over gaan", _HINT_GROUP,
                    "missing-field")
        resolved = []
        for j, rid in enumerate(ids):
            target = known.get(rid) or known.get(aliases.get(rid, ""))
            if target is None:
                close = did_you_mean(rid, [r.id for r in known.values() if r.type in TARGET_TYPES])
                problem((*here, "records", j), f"record '{rid}' bestaat niet",
                        ("Bestaande ids die erop lijken: " + ", ".join(close) + "." if close else
                         f"Verwijs naar een {wanted}."), "unknown-link")
            elif target.type not in TARGET_TYPES:
                problem((*here, "records", j), f"'{rid}' is een {model.RECORD_TYPES[target.type].label.lower()}; "
                        f"de woordenlijst verwijst naar een {wanted}", f"Kies een {wanted}.", "wrong-link-type")
            else:
                resolved.append(target.id)
        note = g.get("note", "")
        if "note" in g:
            if not isinstance(note, str):
                problem((*here, "note"), "'note' moet één regel tekst zijn", "Schrijf één zin, zonder lijst.", "wrong-type")
                note = ""
            elif "\n" in note.strip() or len(note) > MAX_NOTE_CHARS:
                problem((*here, "note"), f"'note' moet één regel van hoogstens {MAX_NOTE_CHARS} tekens zijn",
                        "Schrijf één korte zin; de uitleg hoort in het record zelf.", "too-long")
                note = ""
        vocab.groups.append(Group(words, list(dict.fromkeys(resolved)), ages, note.strip(), doc.pos(here).line))
    return vocab, problems


def _text_list(g: dict, key: str, here, problem, limit: int) -> list[str]:
    value = g.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        problem((*here, key), f"'{key}' moet een lijst zijn, bijvoorbeeld [een, twee]", _HINT_GROUP, "wrong-type")
        return []
    out = []
    for j, item in enumerate(value[: model.MAX_ITEMS]):
        if not isinstance(item, str) or not item.strip():
            problem((*here, key, j), f"elk item van '{key}' moet een tekst zijn", "Schrijf een woord of id.", "wrong-type")
        elif "\n" in item.strip() or "\t" in item or len(item) > limit:
            problem((*here, key, j), f"'{key}' bevat een item dat geen korte regel is (hoogstens {limit} tekens)",
                    "Eén woord, uitdrukking of id per item.", "too-long")
        else:
            out.append(item.strip())
    if len(value) > model.MAX_ITEMS:
        problem((*here, key), f"'{key}' heeft te veel items ({len(value)}; maximaal {model.MAX_ITEMS})",
                "Splits de groep.", "too-many")
    return out


def schema() -> dict:
    """JSON Schema of vocabulary.yaml, for editors (written by `kb schemas`)."""
    text = {"type": "string", "maxLength": MAX_WORD_CHARS}
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://ivrk-kennisbank.invalid/schemas/vocabulary.schema.json",
        "title": "Juridische woordenlijst (IVRK-kennisbank)",
        "description": "Woorden en afkortingen die naar artikelen, doelgroepen, opvangvormen of situaties leiden.",
        "type": "object",
        "additionalProperties": False,
        "required": ["groups"],
        "properties": {"groups": {"type": "array", "maxItems": MAX_GROUPS, "items": {
            "type": "object", "additionalProperties": False, "required": ["records"],
            "anyOf": [{"required": ["words"]}, {"required": ["ages"]}],
            "properties": {
                "words": {"description": "Woorden en uitdrukkingen (na stemming vergeleken).",
                          "type": "array", "items": text, "maxItems": model.MAX_ITEMS},
                "records": {"description": "Ids van artikelen, doelgroepen, opvangvormen of situaties.",
                            "type": "array", "maxItems": model.MAX_ITEMS,
                            "items": {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"}},
                "ages": {"description": "Leeftijden van-tot, bijv. 0-7.", "type": "string",
                         "pattern": r"^[0-9]{1,2}-[0-9]{1,2}$"},
                "note": {"description": "Eén zin uitleg, getoond bij de treffer.", "type": "string",
                         "maxLength": MAX_NOTE_CHARS},
            }}}},
    }
