"""Field kinds (kb/kinds.py): the check in `kb validate` and the editor's JSON Schema agree on what is
valid, and each kind shows and exports its values as readers and tools expect."""

from __future__ import annotations

import json

import jsonschema
import pytest

from kb import kinds, model
from kb.model import Kind

# kind -> (values validation accepts, values it refuses), all as YAML gives them: text
SAMPLES = {
    Kind.STR: (["Eén regel", "2021"], ["twee\nregels", "a\tb"]),
    Kind.TEXT: (["Twee\n\nalinea's"], []),
    Kind.INT: (["22", "-3"], ["2.5", "22a", "٣", "1" * 16]),
    Kind.NUMBER: (["7270", "0.85", "1.10"], ["7.270,5", "1e3", "0.1234567"]),
    Kind.DATE: (["2025", "2025-08", "2025-08-25"], ["2025-13", "2025-02-30", "25-08-2025"]),
    Kind.URL: (["https://wetten.overheid.nl/BWBV0002508", "http://example.org/a?b=1&c=2"],
               ["javascript:alert(1)", "https://a b", 'https://a"b', "ftp://example.org/", "https://x/`id`"]),
    Kind.BOOL: (["true", "false"], ["ja", "yes", "True"]),
    Kind.ENUM: (["b"], ["c", "B"]),
    Kind.STRLIST: ([["een", "twee"]], [["een\ntwee"], "geen lijst"]),
}


def field(kind: Kind) -> model.Field:
    return model.Field("veld", kind, "Veld", "Uitleg.", choices=("a", "b") if kind is Kind.ENUM else ())


def editor_view(kind: Kind, value):
    """What an editor's YAML 1.2 reader makes of the text: true/false are booleans there."""
    return {"true": True, "false": False, "True": True}.get(value, value) if kind is Kind.BOOL else value


def check(kind: Kind, value):
    found = []
    result = kinds.KINDS[kind].check(field(kind), value, ("veld",), lambda *a: found.append(a))
    return result, found


def test_every_kind_has_one_class():
    assert set(kinds.KINDS) == set(Kind) == set(SAMPLES)


@pytest.mark.parametrize("kind", list(Kind))
def test_validation_and_editor_schema_agree(kind):
    schema = kinds.KINDS[kind].schema(field(kind))
    good, bad = SAMPLES[kind]
    for value in good:
        result, problems = check(kind, value)
        assert result is not None and problems == [], value
        jsonschema.validate(editor_view(kind, value), schema)
    for value in bad:
        result, problems = check(kind, value)
        assert result is None and problems, value
        # the editor flags the same value, except what only a calendar or a limit can tell
        if not (kind is Kind.DATE and value == "2025-02-30") and not (kind is Kind.DATE and value == "2025-13") \
                and not (kind in (Kind.INT, Kind.NUMBER) and value in ("1" * 16, "0.1234567")) \
                and not (kind in (Kind.STR, Kind.STRLIST)) and not (kind is Kind.BOOL and value == "True"):
            with pytest.raises(jsonschema.ValidationError):
                jsonschema.validate(editor_view(kind, value), schema)


def test_values_are_shown_and_exported_by_their_kind():
    assert kinds.KINDS[Kind.NUMBER].text(field(Kind.NUMBER), "7270.5") == "7.270,5"
    assert kinds.KINDS[Kind.NUMBER].export("0.85") == 0.85 and kinds.KINDS[Kind.NUMBER].export("1" * 400) == "1" * 400
    json.dumps(kinds.KINDS[Kind.NUMBER].export("9" * 400 + ".5"), allow_nan=False)
    assert kinds.KINDS[Kind.DATE].text(field(Kind.DATE), "2025-08-25") == "25 augustus 2025"
    assert kinds.KINDS[Kind.BOOL].text(field(Kind.BOOL), True) == "ja"
    standing = model.fields_of("source")["standing"]
    assert kinds.of(standing).text(standing, "finding") == model.STANDINGS["finding"].label
    link = kinds.KINDS[Kind.URL].html(field(Kind.URL), "https://example.org/a?b=1&c=2")
    assert link == '<a href="https://example.org/a?b=1&amp;c=2">https://example.org/a?b&#61;1&#38;c&#61;2</a>'
    assert kinds.KINDS[Kind.STRLIST].text(field(Kind.STRLIST), ["een", "twee"]) == "een; twee"


def test_mistakes_in_the_model_fail_when_it_loads(monkeypatch):
    monkeypatch.setattr(model, "FACETS", (*model.FACETS, ("bestaat_niet", "Niets")))
    with pytest.raises(ValueError, match="bestaat_niet"):
        model._check_declarations()
    monkeypatch.undo()
    clash = model.RecordType("x", "x", "x", "X", "X", "X.", (model.Field("path", Kind.STR, "Pad", "Uitleg."),))
    monkeypatch.setattr(model, "RECORD_TYPES", {**model.RECORD_TYPES, "x": clash})
    with pytest.raises(ValueError, match="path"):
        model._check_declarations()
    monkeypatch.undo()
    wrong_head = model.RecordType("y", "y", "y", "Y", "Y", "Y.", (), head_fields=("bestaat_niet",))
    monkeypatch.setattr(model, "RECORD_TYPES", {**model.RECORD_TYPES, "y": wrong_head})
    with pytest.raises(ValueError, match="bestaat_niet"):
        model._check_declarations()
    monkeypatch.undo()
    model._check_declarations()  # the real model is fine
