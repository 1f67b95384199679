"""Field kinds: what a value of each kind is. One class per kind (`model.Kind`) says how a value is
checked, described for contributors, given an editor JSON Schema, shown on pages and exported to JSON.

The model says which kind a field has (`model.Field.kind`); everything that treats a value by its
kind asks `KINDS[kind]` (records.py checks, schema.py and VELDEN.md describe, render.py shows,
graph.py exports). Limits per kind are declared in the model (`model.MAX_CHARS`, `MAX_DIGITS`, …).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re

from markupsafe import Markup

from . import escape, model
from .model import Kind
from .problems import shorten, suggestion

MONTHS_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
             "oktober", "november", "december")

# ASCII classes, not `\d`: `\d` matches every script's digits (int("٣") is 3). Written in the regex
# syntax Python and JavaScript share, so the editor schemas use the same patterns.
_INT = r"-?[0-9]+"
_NUMBER = r"-?[0-9]+(?:\.[0-9]+)?"
_DATE = r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?"


def date_nl(value) -> str:
    """2025-08-25 → 25 augustus 2025; 2025-08 → augustus 2025; 2025 → 2025."""
    if not value:
        return ""
    parts = str(value).split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTHS_NL[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS_NL[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def dutch_number(value) -> str:
    """7270 → 7.270; 0.85 → 0,85 (kept as written otherwise)."""
    whole, _, frac = str(value).partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    grouped = ".".join(reversed([digits[max(i - 3, 0):i] for i in range(len(digits), 0, -3)]))
    return sign + grouped + ("," + frac if frac else "")


@functools.cache
def compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


class FieldKind:
    """The behaviour every kind shares; subclasses override what differs."""

    kind: Kind
    dutch: str  # for contributors: `kb new`, VELDEN.md, messages
    one_line = True

    # -- checking (records.py) ----------------------------------------------------------------
    def check(self, f: model.Field, value, keypath, problem, max_chars: int | None = None):
        """The checked value, or None (after reporting) when it is wrong or empty. An empty value counts
        as absent. Lengths are checked first: nothing reads a value that is too long."""
        if isinstance(value, str) and not value.strip():
            return None
        if not isinstance(value, str):
            what = "een lijst" if isinstance(value, list) else "een verzameling velden"
            problem(keypath, f"'{f.name}' moet {self.dutch} zijn, maar is {what}", f.help, "wrong-type")
            return None
        text = value.strip()
        if self.too_long(f.name, text, self.limit(max_chars), keypath, problem):
            return None
        if self.one_line and not self.is_one_line(f.name, text, keypath, problem):
            return None
        return self.read(f, text, keypath, problem)

    def read(self, f: model.Field, text: str, keypath, problem):
        """The value of a non-empty, stripped text of acceptable length."""
        return text

    def limit(self, max_chars: int | None) -> int:
        own = model.MAX_CHARS.get(self.kind, 0)
        return min(own, max_chars) if max_chars else own

    @staticmethod
    def too_long(name: str, text: str, limit: int, keypath, problem) -> bool:
        if not limit or len(text) <= limit:
            return False
        problem(keypath, f"'{name}' is te lang ({len(text):,} tekens; maximaal {limit:,})".replace(",", "."),
                "Maak het korter; een lange tekst hoort in 'summary' of 'text'." if limit < 1000 else
                "Vat samen in eigen woorden; citeer geen lange stukken tekst.", "too-long")
        return True

    @staticmethod
    def is_one_line(name: str, text: str, keypath, problem) -> bool:
        if "\n" in text:
            problem(keypath, f"'{name}' moet op één regel passen", "Gebruik 'summary' voor langere tekst.",
                    "wrong-type")
            return False
        if "\t" in text:
            problem(keypath, f"'{name}' bevat een tab", "Gebruik een spatie in plaats van een tab.", "wrong-type")
            return False
        return True

    @staticmethod
    def pattern_ok(f: model.Field, text: str, keypath, problem) -> bool:
        """An identifier (BWB, Juriconnect, CELEX, ELI, ECLI) must have its official form (Field.pattern)."""
        if not f.pattern or compiled(f.pattern).fullmatch(text):
            return True
        problem(keypath, f"'{f.name}' heeft niet de vorm van een {f.label}: '{shorten(text, 60)}'",
                f"Verwacht: {f.pattern_hint}. Neem het kenmerk exact over uit de officiële bron; verzin het niet.",
                "bad-identifier")
        return False

    # -- describing (schema.py) ---------------------------------------------------------------
    def schema(self, f: model.Field | model.Qualifier) -> dict:
        """The editor JSON Schema of a value. Editors read YAML 1.2 (`page: 3` arrives as a number);
        our loader reads every plain scalar as text, so text kinds accept numbers too."""
        return {"description": f.help, "type": ["string", "number"]}

    # -- showing (render.py) and exporting (graph.py) -------------------------------------------
    def text(self, f: model.Field, value) -> str:
        """The value as text for readers (index cells, their JSON)."""
        return str(value)

    def html(self, f: model.Field, value) -> Markup:
        """The value on a page (table of details): escaped text, or our own markup around it."""
        return escape.text(self.text(f, value))

    def export(self, value):
        """The value in JSON exports."""
        return value


class Str(FieldKind):
    kind, dutch = Kind.STR, "tekst (één regel)"

    def read(self, f, text, keypath, problem):
        return text if self.pattern_ok(f, text, keypath, problem) else None


class Text(FieldKind):
    kind, dutch = Kind.TEXT, "tekst"
    one_line = False


class Int(FieldKind):
    kind, dutch = Kind.INT, "geheel getal"
    pattern = _INT

    def read(self, f, text, keypath, problem):
        if not compiled(self.pattern).fullmatch(text):
            problem(keypath, f"'{f.name}' moet {'een geheel getal' if self.kind is Kind.INT else 'een getal'} zijn, "
                    f"niet '{shorten(text, 60)}'", f.help if self.kind is Kind.INT else
                    "Schrijf het getal zonder punten of spaties voor duizendtallen; decimalen met een punt (0.85).",
                    "wrong-type")
            return None
        whole, _, decimals = text.lstrip("-").partition(".")
        if len(whole) + len(decimals) > model.MAX_DIGITS:
            problem(keypath, f"'{f.name}' heeft te veel cijfers ({len(whole) + len(decimals):,}; maximaal "
                    f"{model.MAX_DIGITS})".replace(",", "."), "Controleer het getal in de bron.", "too-long")
            return None
        if len(decimals) > model.MAX_DECIMALS:
            problem(keypath, f"'{f.name}' heeft te veel decimalen ({len(decimals)}; maximaal {model.MAX_DECIMALS})",
                    "Rond af op hoogstens zes cijfers achter de punt.", "too-long")
            return None
        return self.value(text)

    def limit(self, max_chars):
        return 0  # digits are counted in read(), after the form is known

    def value(self, text: str):
        return int(text)

    def schema(self, f):
        return {"description": f.help, "anyOf": [{"type": "integer"}, {"type": "string", "pattern": f"^{_INT}$"}]}


class Number(Int):
    kind, dutch = Kind.NUMBER, "getal"
    pattern = _NUMBER

    def value(self, text: str):
        return text  # kept as written: 1.10 stays 1.10

    def schema(self, f):
        return {"description": f.help, "anyOf": [{"type": "number"}, {"type": "string", "pattern": f"^{_NUMBER}$"}]}

    def text(self, f, value):
        return dutch_number(value)

    def export(self, value):
        """A JSON number when it is one exactly enough; otherwise the text it was written as (validation
        keeps numbers to 15 digits; the fallback keeps the export valid JSON whatever reaches it)."""
        if not isinstance(value, str) or len(value) > 40:
            return value
        try:
            number = float(value) if "." in value else int(value)
        except ValueError:
            return value
        return number if math.isfinite(number) else value


class Date(FieldKind):
    kind, dutch = Kind.DATE, "datum (JJJJ, JJJJ-MM of JJJJ-MM-DD)"

    def read(self, f, text, keypath, problem):
        ok = bool(compiled(_DATE).fullmatch(text))
        if ok and len(text) > 4:
            try:
                dt.date.fromisoformat(text if len(text) == 10 else text + "-01")
            except ValueError:
                ok = False
        if not ok:
            problem(keypath, f"'{f.name}' is geen geldige datum: '{shorten(text, 60)}'",
                    "Gebruik JJJJ-MM-DD, JJJJ-MM of JJJJ.", "wrong-type")
            return None
        return text

    def schema(self, f):
        return {"description": f.help, "type": ["string", "integer"], "pattern": f"^{_DATE}$"}

    def text(self, f, value):
        return date_nl(value)


class Url(FieldKind):
    """The one URL rule: escape.is_safe_url (http or https, nothing a page or a shell would read)."""

    kind, dutch = Kind.URL, "webadres (https://…)"

    def read(self, f, text, keypath, problem):
        if not escape.is_safe_url(text):
            problem(keypath, f"'{f.name}' is geen geldig webadres: '{shorten(text, 60)}'",
                    "Begin met https:// en gebruik geen spaties, aanhalingstekens of < >.", "wrong-type")
            return None
        return text if self.pattern_ok(f, text, keypath, problem) else None

    def schema(self, f):
        return {"description": f.help, "type": "string", "pattern": f"^{escape.SAFE_URL_PATTERN}$"}

    def html(self, f, value):
        return Markup(f'<a href="{escape.url(value)}">{escape.text(value)}</a>')


class Bool(FieldKind):
    kind, dutch = Kind.BOOL, "true of false"

    def read(self, f, text, keypath, problem):
        if text not in ("true", "false"):
            problem(keypath, f"'{f.name}' moet true of false zijn, niet '{shorten(text, 60)}'",
                    "Schrijf true of false (niet ja/nee of yes/no).", "wrong-type")
            return None
        return text == "true"

    def schema(self, f):
        return {"description": f.help, "type": "boolean"}

    def text(self, f, value):
        return "ja" if value else "nee"


class Enum_(FieldKind):
    kind, dutch = Kind.ENUM, "een van de vaste waarden"

    def read(self, f, text, keypath, problem):
        if text not in f.choices:
            guess = suggestion(text, f.choices)
            problem(keypath, f"'{shorten(text, 60)}' is geen toegestane waarde voor '{f.name}'"
                    + (f"; {guess}" if guess else ""), "Toegestaan: " + ", ".join(f.choices) + ".", "wrong-type")
            return None
        return text

    def schema(self, f):
        return {"description": f.help, "type": "string", "enum": list(f.choices)}

    def text(self, f, value):
        return f.label_of(value)


class StrList(FieldKind):
    kind, dutch = Kind.STRLIST, "lijst van teksten"

    def check(self, f, value, keypath, problem, max_chars=None):
        if isinstance(value, str) and not value.strip():
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problem(keypath, f"'{f.name}' moet een {self.dutch} zijn", "Schrijf elk item op een eigen regel na '- '.",
                    "wrong-type")
            return None
        if len(value) > model.MAX_ITEMS:
            problem(keypath, f"'{f.name}' heeft {len(value)} items; maximaal {model.MAX_ITEMS}",
                    "Houd de lijst kort; voeg items samen of laat er een paar weg.", "too-many")
            return None
        items = [v.strip() for v in value]
        limit = self.limit(max_chars)
        if any(self.too_long(f.name, v, limit, keypath + (i,), problem)
               or not self.is_one_line(f.name, v, keypath + (i,), problem) for i, v in enumerate(items)):
            return None
        return [v for v in items if v] or None

    def schema(self, f):
        return {"description": f.help, "type": "array", "items": {"type": ["string", "number"]}}

    def text(self, f, value):
        return "; ".join(value)


KINDS: dict[Kind, FieldKind] = {k.kind: k for k in (Str(), Text(), Int(), Number(), Date(), Url(), Bool(), Enum_(),
                                                      StrList())}
assert set(KINDS) == set(Kind), set(Kind) - set(KINDS)


def of(f: model.Field | model.Qualifier) -> FieldKind:
    return KINDS[f.kind]
