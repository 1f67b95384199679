"""`kb scan FILE`: find the legal references in a document and resolve them to records.

It finds IVRK articles ("art. 22", "artikel 22 lid 1 IVRK", "Article 22 CRC", "artikel 2 en 23 IVRK"),
General Comments ("General Comment nr. 6", "GC 14", "CRC/GC/2005/6", "CRC/C/GC/14"), concluding
observations ("CRC/C/NLD/CO/5-6, par. 37", "aanbeveling 38e"), articles of other laws ("art. 273f Sr",
"art. 8 EVRM"), BWB ids, CELEX numbers (also from "Richtlijn 2013/33/EU") and ECLIs. Web addresses are
skipped (their anchors and parameters are not references made by the author).

**Glued footnotes.** Text taken from a PDF glues a footnote number to the word before it: "Art. 2717" is
article 27 with footnote 17, "General Comment nr. 68" is General Comment 6 with footnote 8, "IVRK13" is
IVRK with footnote 13. A number is split into (reference, footnote) by what exists and by the document
itself: the footnotes' own texts (lines that start with their number), the sequence of footnote numbers
read so far, and whether the footnote's text names the same article. A number that exists as it is stays
whole unless the footnote it would give is the next one and its text confirms the split (`_choose`).

**One set of rules, two implementations.** The patterns are written once here, in the common subset of
Python's and JavaScript's regular expressions, and handed to the browser in the page's data file
(`scan_data`); the steps around them are written twice, here and in `kb/theme/assets/kb-scan.js`, and
`tests/scan_vectors.json` holds the cases both must answer identically (tests/test_scan.py runs both).
"""

from __future__ import annotations

import bisect
import json
import re
import string
from dataclasses import asdict, dataclass
from pathlib import Path

import networkx as nx

from . import model
from .errors import KbError

# A document larger than this is not read, nor more text than MAX_CHARS scanned (README, kb scan): scanning is
# linear in the text, about a second per 1.5 MB, so the largest takes seconds, not minutes.
MAX_BYTES = 20 * 1024 * 1024  # a PDF holds much besides its text
MAX_CHARS = 10_000_000
MAX_DIGITS = 9  # a number longer than this is no article, paragraph or footnote: taken whole
SUFFIXES = (".txt", ".md", ".pdf")

# -- patterns (JavaScript-compatible: no named groups, no \w \b \d \s, fixed-width lookbehind) -------------------

WS = "[ \\t\\n]"
LETTER = "A-Za-z\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u00ff"
NUM = "[0-9]+(?:[.:][0-9]+)?[a-z]?"
IVRK_NAMES = ("IVRK", "CRC", "VRK", "UNCRC", "Kinderrechtenverdrag", "Verdrag inzake de rechten van het kind",
              "Convention on the Rights of the Child")
# Names of other laws an article may be cited with (and, in scan_data, the short titles of the knowledge
# base's instruments). Only names: which record an article resolves to comes from the records' citation forms.
LAW_NAMES = ("Sr", "Sv", "BW", "Awb", "Gw", "Grondwet", "Vw 2000", "Vw", "Vb 2000", "Vreemdelingenwet 2000",
             "Jeugdwet", "Leerplichtwet 1969", "Wet COA", "Rva 2005", "Wetboek van Strafrecht", "EVRM", "ECHR",
             "Handvest", "Charter", "VWEU", "TFEU", "VEU", "TEU", "Opvangrichtlijn", "Procedurerichtlijn",
             "Kwalificatierichtlijn", "Terugkeerrichtlijn")
UN_BODIES = "CRC|CMW|CEDAW|CCPR|CESCR|CAT|CERD|CRPD"
# A law the knowledge base does not hold, named by the word it ends in ("Vreemdelingenbesluit",
# "Participatiewet"): an article cited with it is that law's, not the IVRK's ("onbekend" when no record).
LAW_SUFFIXES = ("wet", "wetboek", "besluit", "regeling", "richtlijn", "verordening", "verdrag", "code")
CLAUSE_BACK = 300  # how far back a bare article looks for the instrument named before it (bounded: linear)
# Separators of a list of article numbers; those of a range give every article between (RANGE_MAX at most).
RANGE_WORDS = ("tot en met", "t/m", "through", "to", "-", "\u2013")
RANGE_MAX = 60


def _alternation(names) -> str:
    names = sorted(set(names), key=lambda n: (-len(n), n))
    return "|".join(re.escape(n).replace("\\ ", WS + "+") for n in names)


def patterns(law_names=LAW_NAMES) -> dict[str, tuple[str, str]]:
    """Kind of match -> (regular expression, flags), shared with the browser."""
    ivrk = _alternation(IVRK_NAMES)
    laws = _alternation(law_names)
    before = f"(?<![{LETTER}0-9])"
    article_word = f"(?:art\\.{WS}*|arts\\.{WS}*|artt\\.{WS}*|artikel(?:en)?{WS}+|articles?{WS}+)"
    numbers = f"({NUM}(?:{WS}*(?:,|en|and|&|t/m|tot{WS}+en{WS}+met|through|to|-|\u2013){WS}*{NUM})*)"
    locator = (f"((?:{WS}*(?:lid|leden|paragraph|para\\.){WS}*[0-9]+(?:{WS}*(?:en|and|,){WS}*[0-9]+)*"
               f"|{WS}*\\((?:[0-9]+|[a-z])\\)(?:\\([a-z]\\))?|{WS}+(?:sub|onder){WS}+[a-z0-9]+\\.?)*)")
    eu_act = (f"(?:richtlijn|directive|verordening|regulation){WS}+(?:\\((?:EU|EG|EC|EEG|EEC)\\){WS}+)?"
              f"(?:(?:nr|no)\\.?{WS}*)?[0-9]{{1,4}}/[0-9]{{1,4}}(?:/(?:EU|EG|EC|EEG|EEC))?")
    generic = f"[A-Za-z]{{2,}}(?:{'|'.join(LAW_SUFFIXES)})(?:{WS}+[0-9]{{4}}(?![0-9]))?"
    # "{WS}*,?{WS}*" would try every way to split a run of spaces in two (quadratic in its length): the
    # comma, when there is one, ends the first run
    name = (f"(?:(?:{WS}*,)?{WS}*(?:van{WS}+(?:het|de){WS}+|of{WS}+the{WS}+)?({ivrk}|{laws}|{eu_act}|{generic})"
            f"([0-9]{{1,3}})?(?![{LETTER}0-9]))?")
    gc_word = f"(?:(?:joint{WS}+|gezamenlijke?{WS}+)?(?:general{WS}+comments?|algemeen{WS}+commentaar|GC))"
    nr = f"(?:{WS}*(?:nr|no|nummer|number)\\.?)?"
    yr = f"(?:{WS}*\\([0-9]{{4}}\\))?"
    of = f"(?:{WS}*(?:of{WS}+the|van{WS}+het))?"
    return {
        "article": (before + article_word + numbers + locator + name, "i"),
        # a joint General Comment of the CMW and the CRC, known by the CRC's number
        "joint": (before + f"(?:{gc_word}{nr}{WS}*CMW{nr}{WS}*([0-9]+){yr}{WS}*(?:/|-|en|and|&){WS}*CRC{nr}{WS}*([0-9]+)"
                  f"|{gc_word}{nr}{WS}*([0-9]+){yr}{of}{WS}*CMW{WS}*(?:/|-|en|and|&){nr}{WS}*([0-9]+){yr}{of}{WS}*CRC"
                  f"|CMW{nr}{WS}*([0-9]+){yr}{WS}*/{WS}*CRC{nr}{WS}*([0-9]+))(?![0-9])", "i"),
        # an instrument named before a bare article, in the same clause
        "instrument": (before + f"(?:{ivrk}|{laws}|{eu_act}|{generic})(?![{LETTER}0-9])", "i"),
        "clause": (f"[.!?;][ \\t]*\\n|[.!?;][ \\t\\n]+[A-Z]|\\n[ \\t]*\\n", ""),
        "gc": (before + f"(?:general{WS}+comments?|algemeen{WS}+commentaar|GC)(?:{WS}*(?:nr|no|nummer|number)\\.?)?"
               f"{WS}*([0-9]+)(?![0-9{LETTER}])(?:{WS}*\\(([0-9]{{4}})\\))?"
               f"(?:(?:{WS}*,)?{WS}*(?:par(?:agraaf|agraph|a)?\\.?|§){WS}*([0-9]+(?:-[0-9]+)?))?", "i"),
        "symbol": (f"(?<![A-Za-z/])((?:{UN_BODIES})/[A-Za-z0-9./()-]*[A-Za-z0-9)])(?:{WS}*\\([0-9]{{4}}\\))?"
                   f"(?:(?:{WS}*,)?{WS}*(?:par(?:agraaf|agraph|a)?\\.?|§){WS}*([0-9]+(?:{WS}*\\(?[a-z]\\)?(?![{LETTER}]))?))?", ""),
        "recommendation": (before + f"(?:aanbeveling|recommendation){WS}+([0-9]+)(?:{WS}?\\(?([a-z])\\)?)?(?![0-9{LETTER}])", "i"),
        "bwb": ("(?<![A-Za-z0-9])(BWB[RV][0-9]{7})(?![0-9])", ""),
        "celex": ("(?<![A-Za-z0-9])(?:CELEX[: ]*)?([0-9CE][0-9]{4}[A-Z]{1,2}[0-9]{4})(?![A-Za-z0-9])", ""),
        "directive": (before + f"(?:richtlijn|directive|verordening|regulation){WS}+(?:\\((EU|EG|EC|EEG|EEC)\\){WS}+)?"
                      f"(?:(nr\\.?|no\\.?){WS}*)?([0-9]{{1,4}})/([0-9]{{1,4}})(?:/(?:EU|EG|EC|EEG|EEC))?", "i"),
        "ecli": ("(?<![A-Za-z0-9])(ECLI:[A-Z]{2}:[A-Z0-9]{1,7}:[0-9]{4}:[A-Z0-9.]*[A-Z0-9])", ""),
        # case law (issue 22): ECtHR applications ("nr. 5797/17", "nos. 39472/07 and 39474/07"), CJEU cases
        # ("C-233/18", "zaak C-441/19") and the UN Committee's communications ("communication No. 11/2017");
        # each separator is a fixed word with single spaces, so the patterns stay linear
        "application": (before + f"(?:nos?|nrs?)\\.{WS}?([0-9]{{1,6}}/[0-9]{{2}}(?![0-9/])"
                        f"(?:(?:,|{WS}en|{WS}and){WS}[0-9]{{1,6}}/[0-9]{{2}}(?![0-9/]))*)", "i"),
        "cjeu_case": ("(?<![A-Za-z0-9-])(C-[0-9]{1,3}/[0-9]{2})(?![0-9/])", ""),
        "communication": (before + f"(?:communications?|communicaties?|klacht|mededeling){WS}(?:(?:no|nr)\\.?{WS}?)?"
                          f"([0-9]{{1,4}}/[0-9]{{4}})(?![0-9/])", "i"),
        "marker": (f"(?:(?<=[{LETTER}])|(?<=[{LETTER}][.,;:])|(?<=[)\\u201d\\u2019\"])|(?<=[)\\u201d\\u2019\"][.,;:]))"
                   "([0-9]{1,3})(?![0-9A-Za-z])", ""),
        "footnote_body": ("^[ \\t]*([0-9]{1,3})[ \\t]+([^ \\t\\n0-9.)][^\\n]*)$", "m"),
        "url": ("(?:https?://|www\\.)[^ \\t\\n]+", "i"),
    }


_FLAGS = {"i": re.I, "m": re.M}


def compile_patterns(p: dict[str, tuple[str, str]]) -> dict[str, re.Pattern]:
    return {k: re.compile(src, re.A | sum(_FLAGS[f] for f in flags)) for k, (src, flags) in p.items()}


# -- what the knowledge base holds -----------------------------------------------------------------------------

def norm_key(text: str) -> str:
    """A citation form or a reference as a lookup key: lower case, one space, "artikel" as "art."."""
    t = " ".join(text.lower().split())
    t = re.sub(r"(?<![a-z])(?:artikel|article|art)\.? ?(?=[0-9])", "art. ", t)
    return t


def _forms(rtype: model.RecordType, attrs: dict) -> list[str]:
    out = []
    for form in (rtype.cite.forms_for(attrs) if rtype.cite else ()):
        names = [f for _, f, _, _ in string.Formatter().parse(form) if f]
        if names and all(attrs.get(n) not in (None, "") for n in names):
            out.append(form.format_map({n: attrs[n] for n in names}))
    return out


_LID = re.compile(r" (?:lid|leden) [0-9a-z ,en-]+?(?= [^0-9]|$)")


def targets(g: nx.MultiDiGraph) -> dict:
    """What a reference can resolve to, from the records: IVRK articles and General Comments by number,
    concluding observations by paragraph, and every record's citation forms (model `Cite.forms`: symbols,
    Juriconnect, CELEX, ECLI, "art. 273f Sr", ...) as normalised keys. The first record (in the model's
    type order, then by id) keeps a key."""
    articles, gcs, keys, observations, urls, headings = {}, {}, {}, {}, {}, {}
    order = {t: i for i, t in enumerate(model.RECORD_TYPES)}
    nodes = sorted(g.nodes(data=True), key=lambda na: (order.get(na[1]["type"], 99), na[0]))
    law_names = set()
    for node_id, attrs in nodes:
        type_name = attrs["type"]
        rtype = model.RECORD_TYPES[type_name]
        number = attrs.get("number")
        if type_name == "article" and isinstance(number, int):
            articles.setdefault(str(number), node_id)
        elif type_name == "general_comment" and isinstance(number, int):
            gcs.setdefault(str(number), node_id)
        if attrs.get("document") and attrs.get("paragraph"):
            par = paragraph_key(str(attrs["paragraph"]))
            observations.setdefault(par, []).append([str(attrs["document"]), node_id, attrs.get("year") or 0])
            keys.setdefault(norm_key(f"{attrs['document']} par. {par}"), node_id)
        identifiers = [attrs[f] for f in getattr(rtype.cite, "identifier", ("symbol",)) if attrs.get(f)] \
            if rtype.cite else []
        for form in (*_forms(rtype, attrs), *map(str, identifiers)):
            keys.setdefault(norm_key(form), node_id)
            short = _LID.sub("", norm_key(form))
            keys.setdefault(short, node_id)
        for value in map(str, identifiers):  # "39472/07 en 39474/07", "C-133/19, C-136/19 en C-137/19": each one
            for part in re.split(r", | en ", value) if re.search(r", | en ", value) else ():
                keys.setdefault(norm_key(part), node_id)
        if type_name == "instrument" and attrs.get("short_title"):
            law_names.add(str(attrs["short_title"]))
    for node_id, attrs in nodes:  # a case (ruling, Committee view) owns its identifiers, also against a source record
        rtype = model.RECORD_TYPES[attrs["type"]]  # that describes the same document (issue 22)
        if rtype.cite and rtype.cite.kind == "case":
            for value in (str(attrs[f]) for f in rtype.cite.identifier if attrs.get(f)):
                keys[norm_key(value)] = node_id
    used = {*articles.values(), *gcs.values(), *keys.values(), *(o[1] for obs in observations.values() for o in obs)}
    for node_id in sorted(used):
        urls[node_id] = model.url_of(g.nodes[node_id]["type"], node_id)
        headings[node_id] = model.RECORD_TYPES[g.nodes[node_id]["type"]].heading_for(g.nodes[node_id]).format_map(
            _Blank(g.nodes[node_id]))
    for obs in observations.values():
        obs.sort(key=lambda o: (-int(o[2]), o[0], o[1]))
    laws = sorted({n for n in law_names if 0 < len(n) <= 60 and re.fullmatch(r"[0-9A-Za-z\u00c0-\u00ff .'-]+", n)})
    return {"articles": articles, "gcs": gcs, "keys": dict(sorted(keys.items())), "observations": observations,
            "laws": laws, "urls": urls, "headings": headings}


class _Blank(dict):
    def __missing__(self, key):
        return ""


def paragraph_key(text: str) -> str:
    """38e, 38 (e), 38(e) -> 38(e); 37 -> 37."""
    m = re.fullmatch(r"([0-9]+) ?\(?([a-z])\)?", text.strip())
    return f"{m.group(1)}({m.group(2)})" if m else text.strip()


# -- scanning -----------------------------------------------------------------------------------------------

@dataclass
class Ref:
    record: str | None
    kind: str  # article, general_comment, observation, law, bwb, celex, ecli, symbol
    number: str
    text: str
    line: int
    column: int
    footnote: str | None = None
    paragraph: str | None = None
    law: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def normalise(text: str) -> str:
    """Line ends as \\n, other spaces and invisible characters as a space (the same in kb-scan.js)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\u00a0\\u1680\\u2000-\\u200b\\u2028\\u2029"
                  "\\u202f\\u205f\\u3000\\ufeff]", " ", text)


KINDS = ("article", "joint", "gc", "symbol", "recommendation", "bwb", "celex", "directive", "ecli")


def scan(text: str, data: dict) -> list[Ref]:
    """The references in `text`, in order. `data`: `targets()` of the knowledge base."""
    text = normalise(text)
    pats = compile_patterns(patterns((*LAW_NAMES, *data.get("laws", ()))))
    # web addresses are blanked out (same length, so positions and lines stay)
    masked = pats["url"].sub(lambda m: " " * len(m.group(0)), text)
    bodies = _footnote_bodies(masked, pats)
    found = []  # (start, end, kind, match)
    for kind in (*KINDS, *CASE_KINDS):
        for m in pats[kind].finditer(masked):
            found.append((m.start(), m.end(), kind, m))
    found.sort(key=lambda f: (f[0], -f[1]))
    taken, refs_raw, reach = [], [], 0
    for start, end, kind, m in found:  # a longer match first; nothing inside a match twice
        # matches come by start, so one overlaps a taken one exactly when it starts before the furthest end
        # taken so far (linear; comparing with every taken match was quadratic)
        if start < reach:
            continue
        taken.append((start, end))
        reach = end
        refs_raw.append((start, end, kind, m))
    starts = [s for s, _ in taken]
    markers = [(m.start(1), int(m.group(1))) for m in pats["marker"].finditer(masked)
               if not _inside(taken, starts, m.start(1))]
    events = sorted([(r[0], 1, r) for r in refs_raw] + [(p, 0, n) for p, n in markers], key=lambda e: (e[0], e[1]))
    state = {"last": 0}
    out: list[Ref] = []
    line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    for pos, is_ref, item in events:
        if not is_ref:
            if _accept_marker(item, bodies, state["last"]):
                state["last"] = item
            continue
        start, end, kind, m = item
        for ref in _refs(kind, m, data, bodies, state, masked, pats):
            line = _line_of(line_starts, start)
            ref.line, ref.column = line, start - line_starts[line - 1] + 1
            ref.text = " ".join(text[start:end].split())
            out.append(ref)
    return out


def _inside(taken: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    """Whether pos is inside one of the taken (start, end) spans (sorted, not overlapping)."""
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and pos < taken[i][1]


def _line_of(line_starts: list[int], pos: int) -> int:
    lo, hi = 0, len(line_starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if line_starts[mid] <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo + 1


def _footnote_bodies(text: str, pats) -> dict[int, str]:
    """Footnote number -> its text: lines starting with a number, kept while the numbers rise (by at most 10)."""
    bodies, last = {}, 0
    for m in pats["footnote_body"].finditer(text):
        n = int(m.group(1))
        if last < n <= last + 10:
            bodies[n] = m.group(2)
            last = n
    return bodies


def _accept_marker(n: int, bodies: dict, last: int) -> bool:
    return n > last and (n in bodies if bodies else n == last + 1)


def _expected(bodies: dict, last: int) -> int:
    later = [n for n in bodies if n > last]
    return min(later) if later else last + 1


_MENTION = {
    "article": "(?<![0-9A-Za-z])art(?:ikel|icle)?\\.?[ \\t]*{n}(?![0-9])",
    "general_comment": "(?:comment|commentaar|GC)[ \\t]*(?:nr\\.?|no\\.?)?[ \\t]*{n}(?![0-9])",
}


def _mentions(kind: str, body: str | None, n: str) -> bool | None:
    """Whether a footnote's text names this article or General Comment: True, False (it names another
    one), None (it names none)."""
    if not body or kind not in _MENTION:
        return None
    if re.search(_MENTION[kind].replace("{n}", re.escape(n)), body, re.I | re.A):
        return True
    if re.search(_MENTION[kind].replace("{n}", "[0-9]+"), body, re.I | re.A):
        return False
    return None


def _choose(kind: str, digits: str, exists, bodies: dict, last: int) -> tuple[str, str | None]:
    """(number, footnote) for a number that may have a footnote number glued to it.

    A split (reference, footnote) needs a reference that exists and a footnote later than the last one
    read. It scores 10 when it is the next footnote, 6 when the footnote's text names the same reference
    (-6 when it names another), -20 when the document has footnote texts and none with that number.
    A split needs a sign in the document (the next footnote, a footnote with that number, or its text). A
    number that does not exist takes the best split that scores 0 or more (the longest reference on a
    tie), else stays whole (and unknown); one that exists (score 10) only a split whose footnote's text
    confirms it and that scores higher."""
    whole_ok = exists(digits)
    if len(digits) > MAX_DIGITS:  # no reference or footnote is this long (and int() refuses 4,300 digits)
        return digits, None
    best, best_score = (digits, None), (10 if whole_ok else -1)
    expected = _expected(bodies, last)
    for i in range(len(digits) - 1, 0, -1):  # the longest reference first
        p, s = digits[:i], digits[i:]
        if s.startswith("0") or not exists(p) or int(s) <= last:
            continue
        said = _mentions(kind, bodies.get(int(s)), p)
        if whole_ok and said is not True:
            continue
        if not (int(s) == expected or said is True or int(s) in bodies):
            continue  # no sign in the document that this is a footnote
        score = ((10 if int(s) == expected else 0) + (6 if said is True else -6 if said is False else 0)
                 - (20 if bodies and int(s) not in bodies else 0))
        if score > best_score:
            best, best_score = (p, s), score
    return best


def _exists_in(index: dict):
    return lambda n: (n in index) if index else True


def _named_before(text: str, start: int, pats) -> str | None:
    """The instrument last named in the clause before `start` (at most CLAUSE_BACK characters back)."""
    lo = max(0, start - CLAUSE_BACK)
    window = text[lo:start + 1]  # with the article's first letter: a clause ends before a capital
    clause = 0
    for c in pats["clause"].finditer(window):
        clause = c.end() - 1 if "A" <= window[c.end() - 1] <= "Z" else c.end()
    last = None
    for n in pats["instrument"].finditer(text[lo:start], min(clause, start - lo)):
        last = n.group(0)
    return last


def _numbers(listed: str) -> list[str]:
    """The article numbers of "9, 10 en 12" and of the ranges "9-11", "9 tot en met 11": each one."""
    parts = re.split(r"[ \t\n]*(,|en|and|&|t/m|tot[ \t\n]+en[ \t\n]+met|through|to|-|\u2013)[ \t\n]*", listed,
                     flags=re.I | re.A)
    out = [parts[0].strip()]
    for sep, number in zip(parts[1::2], parts[2::2]):
        number = number.strip()
        low = out[-1]
        if (sep.lower() in ("t/m", "through", "to", "-", "\u2013") or sep.lower().startswith("tot")) \
                and low.isdigit() and number.isdigit() and int(low) < int(number) <= int(low) + RANGE_MAX:
            out.extend(str(n) for n in range(int(low) + 1, int(number)))
        out.append(number)
    return out


def _refs(kind: str, m: re.Match, data: dict, bodies: dict, state: dict, text: str, pats=None) -> list[Ref]:
    keys = data.get("keys", {})
    if kind == "article":
        numbers = _numbers(m.group(1))
        locator = " ".join(m.group(2).split()) or None
        name, glued = m.group(3), m.group(4)
        if name is None and pats is not None:
            # a bare article belongs to the instrument last named in its clause when that is another law
            before = _named_before(text, m.start(), pats)
            if before is not None and not re.fullmatch(_alternation(IVRK_NAMES), before, re.I | re.A):
                name = before
        is_law = name is not None and not re.fullmatch(_alternation(IVRK_NAMES), name, re.I | re.A)
        footnote = None
        if glued and _accept_glued(int(glued), bodies, state["last"]):
            footnote = glued
        out = []
        for i, number in enumerate(numbers):
            number = number.strip()
            fn = footnote if i == len(numbers) - 1 else None
            if is_law:
                law = " ".join(name.split())
                key = norm_key(f"art. {number}{' ' + locator if locator else ''} {law}")
                record = keys.get(key) or keys.get(norm_key(f"art. {number} {law}"))
                out.append(Ref(record, "law", number, "", 0, 0, fn, locator, law))
            else:
                if fn is None and number.isdigit() and not footnote:
                    number, fn = _choose("article", number, _exists_in(data.get("articles", {})), bodies, state["last"])
                out.append(Ref(data.get("articles", {}).get(number), "article", number, "", 0, 0, fn, locator,
                               " ".join(name.split()) if name else None))
            if out[-1].footnote:
                state["last"] = int(out[-1].footnote)
        return out
    if kind == "joint":
        number = m.group(2) or m.group(4) or m.group(6)
        return [Ref(data.get("gcs", {}).get(number), "general_comment", number, "", 0, 0, None, None, None)]
    if kind == "gc":
        number, fn = m.group(1), None
        year, par = m.group(2), m.group(3)
        if year is None and par is None:
            number, fn = _choose("general_comment", number, _exists_in(data.get("gcs", {})), bodies, state["last"])
        record = None
        if par:
            record = keys.get(norm_key(f"General Comment nr. {number} ({year}), par. {par}")) if year else None
        record = record or data.get("gcs", {}).get(number)
        if fn:
            state["last"] = int(fn)
        return [Ref(record, "general_comment", number, "", 0, 0, fn, par, None)]
    if kind == "symbol":
        symbol, par = m.group(1), m.group(2)
        upper = symbol.upper()
        if "/CO/" in upper:
            par = paragraph_key(" ".join(par.split())) if par else None
            record = keys.get(norm_key(f"{symbol} par. {par}")) if par else None
            return [Ref(record or keys.get(norm_key(symbol)), "observation", par or symbol, "", 0, 0, None, par, symbol)]
        if "/GC/" in upper:
            record = keys.get(norm_key(symbol))
            number = re.search(r"([0-9]+)(?:/Rev\.[0-9]+)?$", symbol)
            joint = re.search(r"CRC/C/GC/([0-9]+)", symbol, re.I | re.A)
            if record is None and joint and upper.startswith("CMW/"):  # a joint General Comment: the CRC's number
                record = data.get("gcs", {}).get(joint.group(1))
            return [Ref(record, "general_comment", number.group(1) if number else symbol, "", 0, 0, None,
                        par, symbol)]
        return [Ref(keys.get(norm_key(symbol)), "symbol", symbol, "", 0, 0, None, par, None)]
    if kind == "recommendation":
        par = paragraph_key(m.group(1) + (f"({m.group(2)})" if m.group(2) else ""))
        candidates = data.get("observations", {}).get(par, [])
        if not candidates and not m.group(2):
            return []  # "aanbeveling 3" of the document itself
        documents = [c[0] for c in candidates]
        mentioned = _last_document_before(text, m.start(), documents, state.setdefault("documents", {}))
        chosen = next((c for c in candidates if c[0] == mentioned), candidates[0] if candidates else None)
        return [Ref(chosen[1] if chosen else None, "observation", par, "", 0, 0, None, par,
                    chosen[0] if chosen else None)]
    if kind in ("bwb", "ecli"):
        value = m.group(1)
        return [Ref(keys.get(norm_key(value)), kind, value, "", 0, 0)]
    if kind in CASE_KINDS:  # one reference per number: "nos. 39472/07 and 39474/07" are two applications
        return [Ref(keys.get(norm_key(v)), kind, v, "", 0, 0) for v in re.findall("(?:C-)?[0-9]+/[0-9]+", m.group(1))]
    if kind == "celex":
        value = m.group(1)
        return [Ref(keys.get(norm_key(value)), "celex", value, "", 0, 0)]
    if kind == "directive":
        old_style = m.group(2) is not None
        a, b = m.group(3), m.group(4)
        word = m.group(0).lower()
        regulation = word.startswith(("verordening", "regulation"))
        year, number = (b, a) if old_style or (regulation and len(b) == 4 and len(a) < 4) else (a, b)
        if len(year) != 4:
            return []
        celex = f"3{year}{'R' if regulation else 'L'}{int(number):04d}"
        return [Ref(keys.get(norm_key(celex)), "celex", celex, "", 0, 0)]
    return []


def _accept_glued(n: int, bodies: dict, last: int) -> bool:
    return n > last and (n in bodies if bodies else True)


def _last_document_before(text: str, pos: int, documents: list[str], seen: dict) -> str | None:
    """The document of `documents` mentioned last in text[:pos], with each document's places in text found once (`seen`): looking
    back through the text for every recommendation was quadratic."""
    best, where = None, -1
    for doc in documents:
        if doc not in seen:
            spans, i = [], text.find(doc)
            while i >= 0:
                spans.append(i)
                i = text.find(doc, i + 1)
            seen[doc] = spans
        spans = seen[doc]
        k = bisect.bisect_right(spans, pos - len(doc)) - 1  # the last one that ends before pos
        if k >= 0 and spans[k] > where:
            best, where = doc, spans[k]
    return best


# -- files and output ------------------------------------------------------------------------------------------

def read_document(path: Path) -> str:
    """The text of a .txt, .md or .pdf file (Dutch KbError when it cannot be read). At most MAX_BYTES are read
    and at most MAX_CHARS of text scanned: scanning is linear, about a second per 1.5 MB of text."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise KbError(f"kb scan leest .txt-, .md- en .pdf-bestanden, niet '{path.suffix or path.name}'",
                      "Sla het document op als tekst of PDF.")
    if not path.is_file():
        raise KbError(f"'{path}' is geen bestand", "Controleer het pad.")
    if path.stat().st_size > MAX_BYTES:
        raise KbError(f"'{path}' is groter dan {MAX_BYTES // (1024 * 1024)} MB; kb scan leest zulke grote "
                      "bestanden niet", "Scan een kleiner deel van het document (bijvoorbeeld per hoofdstuk).")
    if suffix != ".pdf":
        data = path.read_bytes()
        return _limited(data.decode("utf-8-sig", errors="replace"), path)
    try:
        from pypdf import PdfReader
        from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError
    except ImportError:  # pragma: no cover - a dependency of the package
        raise KbError("kb scan kan geen PDF lezen: pypdf ontbreekt", "Installeer het pakket opnieuw.") from None
    encrypted = KbError(f"de PDF '{path.name}' is versleuteld en kan zonder wachtwoord niet gelezen worden",
                        "Open de PDF, sla hem op zonder beveiliging (of kopieer de tekst naar een .txt-bestand) "
                        "en scan die.")
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):  # an empty user password opens many "protected" PDFs
            raise encrypted
        text = "\n".join((page.extract_text() or "") for page in reader.pages)
    except (DependencyError, FileNotDecryptedError, NotImplementedError):  # AES without `cryptography`, a password
        raise encrypted from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as e:
        raise KbError(f"kan de PDF '{path.name}' niet lezen ({type(e).__name__})",
                      "Is het een geldige PDF? Sla de tekst anders op als .txt en scan die.") from None
    return _limited(text, path)


def _limited(text: str, path: Path) -> str:
    if len(text) > MAX_CHARS:
        raise KbError(f"'{path.name}' bevat meer dan {MAX_CHARS:,} tekens tekst; kb scan leest zoveel niet".replace(",", "."),
                      "Scan een kleiner deel van het document (bijvoorbeeld per hoofdstuk).")
    return text


CASE_KINDS = ("application", "cjeu_case", "communication")  # issue 22; resolved through the records' identifiers
KIND_LABELS = {
    "article": "IVRK", "general_comment": "General Comment", "observation": "slotbeschouwing", "law": "wet",
    "bwb": "BWB", "celex": "CELEX", "ecli": "ECLI", "symbol": "VN-document",
    "application": "EHRM-verzoek nr.", "cjeu_case": "HvJ EU-zaak", "communication": "VN-klacht nr.",
}


def label(ref: Ref) -> str:
    if ref.kind == "article":
        return f"art. {ref.number}{' ' + ref.paragraph if ref.paragraph else ''} IVRK"
    if ref.kind == "general_comment":
        return f"General Comment nr. {ref.number}{', par. ' + ref.paragraph if ref.paragraph else ''}"
    if ref.kind == "observation":
        return f"{ref.law or 'slotbeschouwingen'}" + (f", par. {ref.paragraph}" if ref.paragraph else "")
    if ref.kind == "law":
        return f"art. {ref.number}{' ' + ref.paragraph if ref.paragraph else ''} {ref.law}"
    return f"{KIND_LABELS.get(ref.kind, ref.kind)} {ref.number}"


def format_text(refs: list[Ref], name: str) -> str:
    from .problems import safe

    lines = []
    for r in refs:
        note = f" (voetnoot {r.footnote})" if r.footnote else ""
        lines.append(safe(f"{name}:{r.line}: {label(r)} → {r.record or 'onbekend'}{note}   «{r.text}»"))
    known = sum(1 for r in refs if r.record)
    lines.append(f"{len(refs)} {'verwijzing' if len(refs) == 1 else 'verwijzingen'}: {known} in de kennisbank, "
                 f"{len(refs) - known} onbekend.")
    return "\n".join(lines) + "\n"


def format_json(refs: list[Ref]) -> str:
    return json.dumps([r.as_dict() for r in refs], ensure_ascii=False, indent=1) + "\n"


def stub(refs: list[Ref], name: str, g: nx.MultiDiGraph) -> str:
    """A new source record for the scanned document (kb new's template), with the references found as
    candidate links for the records that come from it."""
    from .scaffold import template

    found: dict[str, Ref] = {}
    for r in refs:
        if r.record and r.record not in found:
            found[r.record] = r
    by_relation: dict[str, list[Ref]] = {}
    types = {g.nodes[i]["type"] for i in found}
    for record_id, r in found.items():
        t = g.nodes[record_id]["type"]
        # the relation that accepts most of the types found (model order on a tie)
        rel = max((rel for rel in model.RELATIONS if t in rel.target_types and rel.many),
                  key=lambda rel: len(types & set(rel.target_types)), default=None)
        if rel is not None:
            by_relation.setdefault(rel.name, []).append(r)
    text = template(model.RECORD_TYPES["source"])
    lines = ["", f"# Gevonden in {_comment(name)} met kb scan: {len(refs)} verwijzingen, {len(found)} records.",
             "# Een bron heeft zelf geen koppelingen. Neem deze kandidaten over in de records die uit deze bron",
             "# komen (bijv. een thema onder legal_basis), met de voetnoot waarin de bron ze noemt:"]
    for rel_name, items in by_relation.items():
        lines.append("#")
        lines.append(f"# {rel_name}:")
        for r in items:
            lines.append(f"#   - id: {r.record}")
            if r.footnote:
                lines.append(f"#     footnote: '{r.footnote}'")
            if r.paragraph and r.kind in ("article", "law"):
                lines.append(f"#     paragraph: {_comment(r.paragraph)}")
            lines.append(f"#     # regel {r.line}: {_comment(r.text)}")
    unknown = [r for r in refs if not r.record]
    if unknown:
        lines.append("#")
        lines.append("# Niet in de kennisbank (voeg ze eerst toe, of laat ze weg):")
        for r in unknown:
            lines.append(f"#   regel {r.line}: {_comment(label(r))}  «{_comment(r.text)}»")
    return text + "\n".join(lines) + "\n"


def _comment(value: str) -> str:
    """Text for a YAML comment: one line, no control characters."""
    from .problems import safe

    return safe(" ".join(str(value).split()))[:200]


def scan_data(g: nx.MultiDiGraph) -> str:
    """The browser's data: the knowledge base's targets and the shared patterns (verwijzingen/data.json)."""
    data = targets(g)
    data["patterns"] = patterns((*LAW_NAMES, *data["laws"]))
    data["ivrk_names"] = _alternation(IVRK_NAMES)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def site_files(pages) -> dict[str, str]:
    """verwijzingen/index.md (the "Verwijzingen herkennen" page) and its data, for render.Pages.site_pages."""
    data = scan_data(pages.g)
    parsed = json.loads(data)
    counts = {"articles": len(parsed["articles"]), "gcs": len(parsed["gcs"]), "keys": len(parsed["keys"])}
    page = pages.env.get_template("verwijzingen.md.j2").render(counts=counts)
    return {"verwijzingen/index.md": page, "verwijzingen/data.json": data}
