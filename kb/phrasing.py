"""The legal-phrasing check (`phrasing.yaml` at the knowledge-base root) and the check on disputed figures.

Legal audits found the same class of error again and again: our own words turn an obligation of effort,
a discretion or a qualified rule into an absolute one ("het belang van het kind staat voorop" for "a
primary consideration"; "geen kind mag de toegang worden onthouden" for "strive to ensure"). The
phrasings that did so are listed in `phrasing.yaml`, each with why it misleads and which text it
misreads:

    phrasings:
      - phrase: voorop*
        reason: Artikel 3 lid 1 IVRK maakt het belang van het kind 'een eerste overweging', niet de enige.
        misreads: art. 3 lid 1 IVRK ('a primary consideration')
        instead: een eerste overweging

`phrase` is matched case-insensitively on whole words; a word ending in `*` matches every word that
starts with it, and `...` stands for at most five words in between. `not_after` lists words that, written
just before the phrase, take its absoluteness away ("niet altijd" is no absolute rule). `kb validate` warns (never fails)
where a `why`, a summary or another free-text field of a record, or a note in `vocabulary.yaml`, uses one.
A record that reproduces its source's own words lists the phrase in `quoted_phrasings`; then it is not
reported there.

The second check: a figure that a fact record marks as unverified (`verified: false`, e.g. a disputed
period) must not be repeated as certain elsewhere. A record whose text names the figure (its value
with a word of its unit) must say in the same text that it is disputed or unconfirmed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from . import model
from .problems import Problem, at, warning
from .yamlio import Pos, YamlError, load, read_limited

FILE = "phrasing.yaml"
ENTRY_KEYS = ("phrase", "reason", "misreads", "instead", "not_after")
REQUIRED_KEYS = ("phrase", "reason", "misreads")
MAX_ENTRIES = 500
MAX_CHARS = 300
MAX_GAP_WORDS = 5  # what `...` in a phrase stands for
_HINT = ("Elke regel in phrasing.yaml heeft phrase, reason en misreads (en eventueel instead), bijv.\n"
         "  - phrase: voorop*\n    reason: …\n    misreads: art. 3 lid 1 IVRK")
# Fields that describe our own checking, not the law: a phrasing there is not a legal statement.
SKIPPED_FIELDS = ("verification_note",)
# Words that say that a figure is not certain (the disputed-figure check).
DOUBT_WORDS = re.compile(r"betwist|niet bevestigd|onbevestigd|niet geverifieerd|onzeker|spreken elkaar tegen|"
                         r"niet (?:openbaar |onafhankelijk )?te controleren",
                         re.IGNORECASE)


@dataclass(frozen=True)
class Phrasing:
    phrase: str
    reason: str
    misreads: str
    instead: str
    pattern: re.Pattern
    pos: Pos
    not_after: tuple[str, ...] = ()

    def search(self, text: str):
        """The first use of the phrasing in `text` that no `not_after` word precedes, or None."""
        for m in self.pattern.finditer(text):
            before = re.findall(r"\w+", text[max(0, m.start() - 40):m.start()].lower())
            if not (before and before[-1] in self.not_after):
                return m
        return None


def compile_phrase(phrase: str) -> re.Pattern:
    """A phrase as a linear regular expression over whole words (see the module's docstring)."""
    parts, gap = [], False
    for token in phrase.lower().split():
        if token in ("...", "…"):
            gap = True
            continue
        star = token.endswith("*")
        word = re.escape(token.rstrip("*")) + (r"\w*" if star else "")
        if parts:
            parts.append(r"\W+(?:\w+\W+){0,%d}" % MAX_GAP_WORDS if gap else r"\W+")
        parts.append(word)
        gap = False
    return re.compile(r"(?<!\w)" + "".join(parts) + r"(?!\w)", re.IGNORECASE)


def load_phrasings(root: Path) -> tuple[list[Phrasing], list[Problem]]:
    """Read and check phrasing.yaml (a missing file is an empty list)."""
    path = root / FILE
    if not path.exists() and not path.is_symlink():
        return [], []
    try:
        data = read_limited(path)
    except OSError as e:
        return [], [at(FILE, Pos(1, 1), f"{FILE} kan niet gelezen worden: {e.strerror or e}",
                       "Controleer het bestand en zijn rechten.", "unreadable")]
    entries, problems = _parse(data)
    return list(entries), list(problems)


@functools.lru_cache(maxsize=4)
def _parse(raw: bytes) -> tuple[tuple[Phrasing, ...], tuple[Problem, ...]]:
    """The checked list of one version of phrasing.yaml (kb serve re-reads it on every edit: parsed once)."""
    try:
        doc = load(raw)
    except YamlError as e:
        return (), (at(FILE, e.pos, e.message, e.hint, e.code),)
    problems = [at(FILE, e.pos, e.message, e.hint, e.code) for e in doc.problems]
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("phrasings"), list):
        problems.append(at(FILE, Pos(1, 1), "de formuleringslijst moet 'phrasings:' met een lijst bevatten", _HINT,
                           "wrong-type"))
        return (), tuple(problems)
    for key in data:
        if key != "phrasings":
            problems.append(at(FILE, doc.key_pos((key,)), f"onbekend veld '{key}' in {FILE}",
                               "Op het hoogste niveau staat alleen 'phrasings:'.", "unknown-field"))
    entries, seen = [], {}
    for i, entry in enumerate(data["phrasings"][:MAX_ENTRIES]):
        here = ("phrasings", i)
        if not isinstance(entry, dict):
            problems.append(at(FILE, doc.pos(here), "een formulering moet velden hebben (phrase, reason, misreads)",
                               _HINT, "wrong-type"))
            continue
        bad = False
        for key in entry:
            if key not in ENTRY_KEYS:
                problems.append(at(FILE, doc.key_pos((*here, key)), f"onbekend veld '{key}' in een formulering",
                                   "Gebruik phrase, reason, misreads en instead.", "unknown-field"))
                bad = True
        not_after = entry.get("not_after", [])
        if not isinstance(not_after, list) or not all(isinstance(w, str) and w.strip() and " " not in w.strip()
                                                       for w in not_after):
            problems.append(at(FILE, doc.pos((*here, "not_after")), "'not_after' moet een lijst van losse woorden zijn",
                               "Bijv. not_after: [niet, vrijwel].", "wrong-type"))
            bad = True
            not_after = []
        for key in ENTRY_KEYS[:4]:
            value = entry.get(key)
            if value is None:
                if key in REQUIRED_KEYS:
                    problems.append(at(FILE, doc.pos(here), f"de formulering mist '{key}'", _HINT, "missing-field"))
                    bad = True
            elif not isinstance(value, str) or not value.strip() or "\n" in value.strip() or len(value) > MAX_CHARS:
                problems.append(at(FILE, doc.pos((*here, key)),
                                   f"'{key}' moet één regel tekst zijn (hoogstens {MAX_CHARS} tekens)",
                                   "Schrijf één zin.", "wrong-type"))
                bad = True
        if bad:
            continue
        phrase = " ".join(entry["phrase"].split())
        if not re.search(r"\w", phrase) or phrase.split()[0] in ("...", "…") or phrase.split()[-1] in ("...", "…"):
            problems.append(at(FILE, doc.pos((*here, "phrase")), f"'{phrase}' is geen bruikbare formulering",
                               "Begin en eindig met een woord; '...' staat alleen tussen woorden.", "wrong-type"))
            continue
        if phrase.lower() in seen:
            problems.append(at(FILE, doc.pos((*here, "phrase")), f"'{phrase}' staat al in de lijst (regel "
                               f"{seen[phrase.lower()]})", "Voeg de twee regels samen.", "duplicate"))
            continue
        seen[phrase.lower()] = doc.pos(here).line
        entries.append(Phrasing(phrase, entry["reason"].strip(), entry["misreads"].strip(),
                                (entry.get("instead") or "").strip(), compile_phrase(phrase), doc.pos(here),
                                tuple(w.strip().lower() for w in not_after)))
    return tuple(entries), tuple(problems)


class _Matcher:
    """The phrasings a text uses, as (index in the list, matched words). One search with all phrasings joined
    answers most texts (they use none); the result per text is kept, so kb serve's check after an edit only
    searches the texts that changed."""

    MAX_CACHED = 100_000

    def __init__(self, phrasings: tuple[Phrasing, ...]):
        self.phrasings = phrasings
        self.any = re.compile("|".join(f"(?:{p.pattern.pattern})" for p in phrasings), re.IGNORECASE)
        self.cache: dict[str, tuple[tuple[int, str], ...]] = {}

    def hits(self, text: str) -> tuple[tuple[int, str], ...]:
        found = self.cache.get(text)
        if found is None:
            found = () if not self.any.search(text) else tuple(
                (i, m.group()) for i, p in enumerate(self.phrasings) if (m := p.search(text)) is not None)
            if len(self.cache) >= self.MAX_CACHED:
                self.cache.clear()
            self.cache[text] = found
        return found


@functools.lru_cache(maxsize=4)
def _matcher(phrasings: tuple[Phrasing, ...]) -> _Matcher:
    return _Matcher(phrasings)


def _texts(record):
    """(where, text) for every free text of a record that states something in our words; `where` is a field
    name or the link whose `why` it is (named and located by _where and _at only when something is found)."""
    fields = model.fields_of(record.type)
    for name, value in record.fields.items():
        if name not in SKIPPED_FIELDS and fields[name].kind is model.Kind.TEXT and isinstance(value, str):
            yield name, value
    for link in record.links:
        why = link.qualifiers.get("why")
        if why.__class__ is str and link.path:
            yield link, why


def _where(where) -> str:
    return where if isinstance(where, str) else f"why bij {where.relation} → {where.target}"


def _at(record, where) -> Pos:
    keypath = (where,) if isinstance(where, str) else (*where.path[:-1], "why")
    return record.doc.pos(keypath) if record.doc else Pos(1, 1)


def check_phrasing(kb) -> list[Problem]:
    """Warnings where a record's own words use a listed phrasing (see the module's docstring)."""
    phrasings, problems = load_phrasings(kb.root)
    if not phrasings:
        return problems
    known = {p.phrase.lower() for p in phrasings}
    matcher = _matcher(tuple(phrasings))
    for record in kb.records.values():
        quoted = {q.lower() for q in record.fields.get("quoted_phrasings", [])}
        for i, q in enumerate(record.fields.get("quoted_phrasings", [])):
            if q.lower() not in known:
                problems.append(warning(record.path, record.pos("quoted_phrasings", i),
                                        f"'{q}' staat niet in {FILE}", "Schrijf de formulering precies zoals in "
                                        f"{FILE} (phrase), of haal haar hier weg.", "phrasing"))
        for where, text in _texts(record):
            for i, matched in matcher.hits(text):
                p = phrasings[i]
                if p.phrase.lower() in quoted:
                    continue
                instead = f" Schrijf bijvoorbeeld: '{p.instead}'." if p.instead else ""
                problems.append(warning(
                    record.path, _at(record, where),
                    f"'{matched}' in {_where(where)}: {p.reason}",
                    f"Vergelijk {p.misreads}.{instead} Geeft de bron het letterlijk zo weer, zet dan "
                    f"quoted_phrasings: ['{p.phrase}'] in het record.", "phrasing"))
    problems += _check_vocabulary_notes(kb.root, phrasings)
    return problems


def _check_vocabulary_notes(root: Path, phrasings) -> list[Problem]:
    from .vocabulary import FILE as VOCABULARY

    try:
        doc = load(read_limited(root / VOCABULARY))
    except (OSError, YamlError):
        return []  # reported by the vocabulary's own check
    groups = doc.data.get("groups") if isinstance(doc.data, dict) else None
    found = []
    for i, group in enumerate(groups if isinstance(groups, list) else []):
        note = group.get("note") if isinstance(group, dict) else None
        if not isinstance(note, str):
            continue
        for k, matched in _matcher(tuple(phrasings)).hits(note):
            p = phrasings[k]
            instead = f" Schrijf bijvoorbeeld: '{p.instead}'." if p.instead else ""
            found.append(warning(VOCABULARY, doc.pos(("groups", i, "note")), f"'{matched}' in note: {p.reason}",
                                 f"Vergelijk {p.misreads}.{instead}", "phrasing"))
    return found


# A number as written in Dutch text, whole (7.270, 0,85, 360 but not the 360 in 3600 or A360): what a fact's
# figure is looked up as.
NUMBER = re.compile(r"(?<![\w.,])[0-9]+(?:[.,][0-9]+)*(?!\w)")


def _figure_forms(value: str) -> set[str]:
    """A fact's value as it is written in Dutch text: 7270 also as 7.270, 0.85 also as 0,85."""
    forms = {value}
    whole, _, decimals = value.partition(".")
    if len(whole) > 3 and whole.isdigit():
        grouped = f"{int(whole):,}".replace(",", ".")
        forms.add(grouped + ("," + decimals if decimals else ""))
    if decimals:
        forms.add(f"{whole},{decimals}")
    return forms


def _unit_words(unit: str) -> list[str]:
    return [w.lower() for w in re.findall(r"\w{5,}", unit)]


def check_disputed_figures(kb) -> list[Problem]:
    """A figure of an unverified fact record, repeated elsewhere without saying that it is uncertain.
    One pass over each text finds its numbers, each looked up among the figures: linear however many
    facts are unverified."""
    by_form: dict[str, list] = {}
    for fact in kb.of_type("fact"):
        if fact.fields.get("verified") is False and fact.fields.get("value"):
            for form in _figure_forms(str(fact.fields["value"])):
                by_form.setdefault(form, []).append((fact, _unit_words(fact.fields.get("unit", ""))))
    if not by_form:
        return []
    problems = []
    for record in kb.records.values():
        for where, text in _texts(record):
            named = {fact.id: (fact, words) for m in NUMBER.finditer(text) for fact, words in by_form.get(m.group(), ())}
            if not named or DOUBT_WORDS.search(text):
                continue
            lower = text.lower()
            for fact, words in named.values():
                if fact.id == record.id or (words and not any(w in lower for w in words)):
                    continue
                problems.append(warning(
                    record.path, _at(record, where),
                    f"{_where(where)} noemt het cijfer {fact.fields['value']} ({fact.fields.get('unit', '')}) als zeker, "
                    f"maar feit '{fact.id}' ({fact.path}) markeert het als niet bevestigd",
                    "Zeg in dezelfde tekst dat het cijfer of de periode betwist of niet bevestigd is, zoals het "
                    "feitrecord doet.", "disputed-figure"))
    return problems
