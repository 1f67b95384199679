"""Located problems and how they are printed (plain text, GitHub annotations, JSON).

Messages quote values and paths from a pull request. Before anything reaches a terminal or a CI
log, control characters, bidirectional overrides and lone surrogates in it are written as visible
escapes (`\\x1b`, `\\u202e`), so an ANSI or OSC sequence in a file name or a value never acts.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import asdict, dataclass

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the knowledge-base root, with forward slashes
    line: int
    col: int
    message: str  # Dutch, what is wrong
    hint: str = ""  # Dutch, how to fix it
    code: str = "error"  # stable kind, for tools and tests
    severity: str = ERROR  # "warning" does not fail `kb validate`

    def __str__(self) -> str:
        label = "waarschuwing: " if self.severity == WARNING else ""
        text = f"{safe(self.path)}:{self.line}:{self.col}: {label}{safe(self.message)}"
        return f"{text}\n    tip: {safe(self.hint)}" if self.hint else text


# Every problem code kb validate can give: (what is wrong, what to do, severity), in Dutch. A located message
# says it for the case at hand; this table is the overview (VELDEN.md, "Meldingen van kb validate", generated
# by `kb schemas`). A new code is one row here; tests fail on a problem whose code is not in it.
CODES: dict[str, tuple[str, str, str]] = {
    # reading the files
    "no-kb": ("Geen kennisbank gevonden: geen van de recordmappen bestaat.",
              "Start in de map van de kennisbank of geef die op met --root.", ERROR),
    "io": ("Een bestand of map kan niet gelezen worden.", "Controleer of het bestaat en de rechten.", ERROR),
    "unreadable": ("De woordenlijst kan niet gelezen worden.", "Controleer de rechten van het bestand.", ERROR),
    "symlink": ("Een symbolische link in plaats van een bestand of map; die wordt niet gevolgd.",
                "Zet het bestand of de map zelf in de repository.", ERROR),
    "not-a-file": ("Geen gewoon bestand (een map, apparaat of pijp), of een recordmap die geen map is.",
                   "Zet er een gewoon YAML-bestand of een gewone map neer.", ERROR),
    "too-large": ("Het bestand is te groot voor een record.", "Houd records klein; verwijs naar de bron.", ERROR),
    "ignored-folder": ("Een submap in een recordmap wordt overgeslagen.", "Zet records direct in de map van hun soort.",
                       WARNING),
    "ignored-file": ("Een bestand dat geen record is (geen .yaml) wordt overgeslagen.",
                     "Verwijder het, of geef een record de extensie .yaml.", WARNING),
    "bad-extension": ("Een recordbestand eindigt niet op .yaml (kleine letters).", "Hernoem het naar <id>.yaml.", ERROR),
    "encoding": ("Het bestand is geen geldige UTF-8.", "Sla het op als UTF-8.", ERROR),
    "control-char": ("Een onzichtbaar besturings- of tekstrichtingsteken in het bestand.", "Verwijder het teken.",
                     ERROR),
    # YAML
    "yaml-syntax": ("De YAML kan niet gelezen worden.", "Controleer inspringing, dubbele punten en aanhalingstekens.",
                    ERROR),
    "empty": ("Het bestand is leeg.", "Begin met 'title: …'; `kb new` maakt een voorbeeld.", ERROR),
    "multiple-documents": ("Meer dan één YAML-document ('---') in een bestand.", "Zet één record in elk bestand.",
                           ERROR),
    "not-a-mapping": ("Het bestand is geen lijst van velden (veld: waarde).", "Begin met 'title: …'.", ERROR),
    "alias": ("Ankers en aliassen (& en *) zijn niet toegestaan.", "Schrijf de waarde uit.", ERROR),
    "tag": ("YAML-tags (zoals !!int) zijn niet toegestaan.", "Laat de tag weg; het model bepaalt het type.", ERROR),
    "too-deep": ("De waarden zijn te diep genest.", "Records zijn plat: velden, lijsten en koppelingen.", ERROR),
    "bad-key": ("Een veldnaam is geen gewone tekst.", "Schrijf veldnamen als kleine woorden, bijv. title.", ERROR),
    "duplicate-key": ("Een veld staat twee keer in hetzelfde record.", "Houd één van de twee.", ERROR),
    "null-value": ("Een veld zonder waarde.", "Vul een waarde in of laat het veld weg.", ERROR),
    # the record
    "bad-id": ("De bestandsnaam is geen geldig id.", "Kleine letters, cijfers en koppeltekens, bijv. coa-2025.", ERROR),
    "reserved-id": ("Het id is gereserveerd voor een pagina of map van de site of van het systeem.",
                    "Kies een ander id.", ERROR),
    "unknown-field": ("Een veld dat deze soort record niet kent.", "Zie VELDEN.md; de melding noemt het dichtstbijzijnde.",
                      ERROR),
    "missing-field": ("Een verplicht veld of een verplichte koppeling ontbreekt.", "Vul het in (zie VELDEN.md).", ERROR),
    "missing-source": ("Een record zonder bron.", "Voeg sources: toe met de bron waar het op steunt.", ERROR),
    "wrong-type": ("Een waarde heeft niet de vorm die het veld vraagt.", "De melding zegt welke vorm; zie VELDEN.md.",
                   ERROR),
    "too-long": ("Een tekst of getal is te lang.", "Vat samen in eigen woorden; citeer geen lange stukken.", ERROR),
    "too-many": ("Een lijst is te lang.", "Houd de lijst kort.", ERROR),
    "bad-identifier": ("Een officieel kenmerk (BWB, CELEX, ECLI, symbool …) heeft niet de vorm van zijn register.",
                       "Neem het over zoals het officiële register het schrijft.", ERROR),
    "text-looks-like-field": ("Een regel in een tekstveld ziet eruit als een veld (veld: waarde).",
                              "Controleer de inspringing; bedoelde je een eigen veld?", WARNING),
    "too-many-problems": ("Nog meer problemen in dit bestand dan er getoond worden.",
                          "Los eerst de genoemde problemen op.", ERROR),
    # links and rules across records
    "duplicate-id": ("Twee records (of een record en een oud id) hebben hetzelfde id.",
                     "Geef één ervan een ander id.", ERROR),
    "duplicate-link": ("Dezelfde koppeling staat twee keer in een record.", "Houd één ervan.", ERROR),
    "self-link": ("Een record verwijst naar zichzelf.", "Verwijs naar een ander record.", ERROR),
    "unknown-link": ("Een koppeling naar een id dat niet bestaat.", "Controleer het id; de melding noemt bestaande.",
                     ERROR),
    "wrong-link-type": ("Een koppeling naar een record van de verkeerde soort.",
                        "Zie VELDEN.md: welke soort elke koppeling verwacht.", ERROR),
    "unsupported-value": ("Een waarde die de gekoppelde records niet dragen.", "Pas de waarde of de koppeling aan.",
                          ERROR),
    "mismatch": ("Een veld wijkt af van hetzelfde veld van het record waarnaar het verwijst.", "Maak ze gelijk.",
                 ERROR),
    # the vocabulary (vocabulary.yaml)
    "vocabulary": ("Een fout in de woordenlijst.", "De melding zegt wat; zie kb/vocabulary.py.", ERROR),
    "empty-word": ("Een woord in de woordenlijst zonder betekenisdragende woorden.", "Kies een ander woord.", ERROR),
    "duplicate-word": ("Een woord staat twee keer in de woordenlijst.", "Houd één ervan.", ERROR),
    "bad-ages": ("Een leeftijdsgrens in de woordenlijst is ongeldig.", "Geef leeftijden van 0 tot 18.", ERROR),
    # the phrasing check (phrasing.yaml, kb/phrasing.py)
    "phrasing": ("Een formulering die een inspanningsverplichting, een bevoegdheid of een voorwaardelijke regel "
                 "absoluut maakt, of een quoted_phrasings-regel die niet in phrasing.yaml staat.",
                 "Formuleer zoals de bron; citeert het record de bron letterlijk, zet de formulering in "
                 "quoted_phrasings.", WARNING),
    "duplicate": ("Een formulering staat twee keer in phrasing.yaml.", "Voeg de twee regels samen.", ERROR),
    "disputed-figure": ("Een cijfer van een niet-geverifieerd feit wordt elders als zeker genoemd.",
                        "Zeg bij het cijfer dat het niet bevestigd is, zoals het feit.", WARNING),
    # the law in time (wetstand.yaml, kb/lawtime.py) and calls (kb/calls.py)
    "ceased-law": ("Een record steunt alleen op recht dat niet meer geldt, of noemt een opvolger zonder "
                   "einddatum.", "Noem het recht dat nu geldt, of zet ceased_from.", WARNING),
    "call-without-asks": ("Een oproep die door geen aanbeveling of slotbeschouwing gedaan wordt.",
                          "Koppel de aanbevelingen die deze eis stellen, of verwijder de oproep.", ERROR),
    # mkdocs.yml, checked before MkDocs reads it (kb/config.py); its YAML problems are "config-" + the code above
    "config-unreadable": ("mkdocs.yml kan niet gelezen worden.", "Controleer het bestand en de rechten.", ERROR),
    "config-python-tag": ("Een YAML-tag in mkdocs.yml die MkDocs Python-code laat uitvoeren.",
                          "Schrijf de waarde gewoon uit; mkdocs.yml gebruikt geen YAML-tags.", ERROR),
    "config-env-tag": ("Een !ENV-tag in mkdocs.yml (een waarde van de bouwmachine in de site).",
                       "Schrijf de waarde gewoon uit.", ERROR),
    "config-tag": ("Een YAML-tag in mkdocs.yml.", "Schrijf de waarde gewoon uit.", ERROR),
    "config-hooks": ("Hooks in mkdocs.yml (Python-code bij het bouwen).",
                     "Een uitbreiding van de bouw is een wijziging van de code, die een beheerder beoordeelt.", ERROR),
    "config-not-allowed": ("Een instelling of item in mkdocs.yml dat niet op de lijst van toegestane staat.",
                           "Een uitbreiding is een wijziging van de code, die een beheerder beoordeelt.", ERROR),
    "config-outside": ("Een instelling in mkdocs.yml die de site iets van buiten laat laden of ernaar laat wijzen.",
                       "De site doet geen verzoeken aan derden; laat de instelling weg.", ERROR),
    "config-shape": ("Een instelling in mkdocs.yml heeft een onbekende vorm.", "Zie mkdocs.yml in de repository.",
                     ERROR),
    "config-address": ("Een adres in mkdocs.yml is geen geldig webadres.", "Geef een volledig https://-adres.", ERROR),
    "config-html": ("HTML in een tekst van mkdocs.yml.", "Schrijf gewone tekst.", ERROR),
}
# A code made of one of these and a code above: the same problem in another file.
PREFIXES = {"config-": "in mkdocs.yml"}


def described(code: str) -> tuple[str, str, str] | None:
    """(what is wrong, what to do, severity) of a problem code, also of a prefixed one; None when unknown."""
    if code in CODES:
        return CODES[code]
    for prefix, where in PREFIXES.items():
        if code.startswith(prefix) and code[len(prefix):] in CODES:
            message, hint, severity = CODES[code[len(prefix):]]
            return f"{message} ({where})", hint, severity
    return None


def at(path, pos, message, hint="", code="error", severity=ERROR) -> Problem:
    return Problem(str(path), pos.line, pos.col, message, hint, code, severity)


def warning(path, pos, message, hint="", code="warning") -> Problem:
    return at(path, pos, message, hint, code, WARNING)


def did_you_mean(word: str, options, n: int = 3) -> list[str]:
    return difflib.get_close_matches(word, list(options), n=n, cutoff=0.6)


def suggestion(word: str, options) -> str:
    close = did_you_mean(word, options)
    return "bedoelde je " + " of ".join(f"'{c}'" for c in close) + "?" if close else ""


# What a terminal, a log viewer or an editor could act on or reorder: C0 controls (newline and tab
# too: one problem is one line), DEL, C1 controls, line/paragraph separators, bidirectional
# embeddings, overrides and isolates, lone surrogates (from undecodable file names).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _visible(m: re.Match) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text) -> str:
    """Text for a terminal or log: every unsafe character shown as a Python-like escape."""
    return _UNSAFE.sub(_visible, str(text))


def shorten(value, limit: int = 80) -> str:
    """A value for a message: at most `limit` characters, cut in the middle of a long one."""
    text = str(value)
    if len(text) <= limit:
        return text
    return f"{text[: limit - 20]}…{text[-10:]} ({len(text):,} tekens)".replace(",", ".")


def _workflow_data(text: str) -> str:
    # GitHub workflow commands: %, CR and LF must be escaped in the message.
    return safe(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _workflow_property(text: str) -> str:
    # ... and in a property value (file=, title=) also ':' and ',', which end the property.
    return _workflow_data(text).replace(":", "%3A").replace(",", "%2C")


def _json_safe(text: str) -> str:
    # json.dumps escapes C0 controls; the rest of the unsafe characters become \\u escapes too
    # (they only occur inside JSON strings, so the document stays the same JSON).
    return re.sub("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]", lambda m: f"\\u{ord(m.group()):04x}", text)


# Shown at most in text and GitHub annotations (3,000 broken files gave 33 MB of messages); JSON lists all.
MAX_SHOWN = 1000


def format_problems(problems: list[Problem], fmt: str = "text") -> str:
    problems = sorted(problems)
    hidden = len(problems) - MAX_SHOWN if fmt != "json" and len(problems) > MAX_SHOWN else 0
    if hidden:
        problems = problems[:MAX_SHOWN]
        more = (f"… en nog {hidden:,} meldingen, niet getoond (de eerste {MAX_SHOWN:,} staan hierboven; "
                "`kb validate --format json` geeft ze alle)").replace(",", ".")
    if fmt == "json":
        # lone surrogates (undecodable file names) cannot be encoded: ensure_ascii writes them as \udcxx
        dumped = json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2)
        try:
            dumped.encode("utf-8")
        except UnicodeEncodeError:
            dumped = json.dumps([asdict(p) for p in problems], ensure_ascii=True, indent=2)
        return _json_safe(dumped)
    if fmt == "github":
        return "\n".join(
            [f"::{p.severity} file={_workflow_property(p.path)},line={p.line},col={p.col},"
             f"title={_workflow_property(p.code)}::"
             + _workflow_data(p.message + (f" — tip: {p.hint}" if p.hint else ""))
             for p in problems] + ([f"::warning title=te-veel-meldingen::{_workflow_data(more)}"] if hidden else []))
    return "\n".join([str(p) for p in problems] + ([more] if hidden else []))
