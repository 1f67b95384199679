"""Text matching for the wegwijzer and the header search: the Dutch Snowball stemmer, the tokeniser,
a BM25 index over the records a situation is described by, and the legal identifiers of cited records.

The index is built here at build time; the browser (kb/theme/assets/kb-stem.js, kb-match.js) only
stems the query with the same algorithm and tokeniser (tests/test_guide_js.py proves the stems are
identical) and adds up the postings. Values are plain data: nothing from YAML is interpreted.
"""

from __future__ import annotations

import functools
import math
import re

import snowballstemmer

from . import citation, model

# The records a situation is matched against, and how much each field counts.
INDEXED_TYPES = ("risk", "target_group", "setting", "article")
FIELD_WEIGHTS = {"title": 3, "signals": 2, "summary": 1, "text": 1, "title_en": 1}
MAX_TERMS_PER_DOC = 120  # bounded per record: the index grows linearly with the records
BM25_K1, BM25_B = 1.2, 0.75

# Dutch function words, left out of the index and the query (the same list is sent to the browser).
STOPWORDS = frozenset("""
aan al alle als altijd ben bij dan dat de der deze die dit doen door dus een eens en er
ge geweest had heb hebben heeft hem het hier hij hoe hun ik in is ja je kan kon kunnen
maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat ons ook op over reeds te
tegen toch toen tot u uit uw van veel voor want waren was wat we wel werd wezen wie wij wil worden
wordt zal ze zei zelf zich zij zijn zo zou zit zitten zouden haar hen hebt heel steeds
daar waar wanneer welke iets iemand sinds tijdens onze jullie mag mogen krijgt krijgen steeds
jaar jaren maand maanden week weken dag dagen keer nacht tijd elke elk ieder twee drie vier vijf half andere ander
komt komen gaat gaan staat heel erg mijn cliënt client cliënte
""".split())

# Words the stemmer would merge with a different word, or split from their own singular; applied before
# stemming, here and in the browser (sent in the index as "exc").
STEM_EXCEPTIONS = {
    "jongen": "jongen", "jongens": "jongen",  # not "jong" (young): "jonge kinderen" is another group
    "kinderen": "kind", "kindje": "kind", "kindjes": "kind",  # the plural stems to "kinder"
    "meisjes": "meisj",  # the singular "meisje" stems to "meisj"
}

_WORD = re.compile(r"[^\W_]+")
_stemmer = snowballstemmer.stemmer("dutch_porter")


@functools.lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def words(text: str) -> list[str]:
    """Lower case, runs of letters and digits; one-character words and words outside the BMP left out
    (the JavaScript tokeniser in kb-stem.js does exactly this)."""
    return [w for w in _WORD.findall(str(text).lower()) if len(w) > 1 and all(ord(c) <= 0xFFFF for c in w)]


def stems(text: str) -> list[str]:
    return [stem(w) for w in words(text)]


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry meaning (stopwords left out, STEM_EXCEPTIONS applied)."""
    return [STEM_EXCEPTIONS.get(w) or stem(w) for w in words(text) if w not in STOPWORDS]


def _field_texts(attrs: dict):
    for name, weight in FIELD_WEIGHTS.items():
        value = attrs.get(name)
        if isinstance(value, list):
            for item in value:
                yield str(item), weight
        elif value:
            yield str(value), weight


def _covered(g, n: str) -> list[tuple[str, float]]:
    """An article's subjects in the words of the records linking to it (model.GUIDE_COVERAGE), each
    record's text counted once, in a stable order."""
    if g.nodes[n]["type"] != "article":
        return []
    by_relation: dict[str, list[str]] = {}
    for source, _, key in g.in_edges(n, keys=True):
        by_relation.setdefault(key, []).append(source)
    out = []
    for relation, field, weight in model.GUIDE_COVERAGE:
        for source in sorted(set(by_relation.get(relation, ()))):
            value = g.nodes[source].get(field)
            if isinstance(value, str) and value:
                out.append((value, weight))
    return out


def text_index(g, extra: dict[str, list[str]] | None = None) -> dict:
    """BM25 postings over the records of INDEXED_TYPES: {"docs": [[id, length]], "terms": {stem: [[doc, tf]]},
    "avg": mean length}. `extra` adds words per record (from the vocabulary), counted like a title."""
    docs, terms, known = [], {}, set()
    ids = sorted(n for n, a in g.nodes(data=True) if a["type"] in INDEXED_TYPES)
    for n in ids:
        counts: dict[str, float] = {}
        texts = list(_field_texts(g.nodes[n])) + [(w, FIELD_WEIGHTS["title"]) for w in (extra or {}).get(n, [])]
        texts += _covered(g, n)
        seen: dict[str, set[str]] = {}
        for text, weight in texts:
            for w in words(text):
                if w in STOPWORDS:
                    continue
                s = STEM_EXCEPTIONS.get(w) or stem(w)
                counts[s] = counts.get(s, 0) + weight
                seen.setdefault(s, set()).add(w)
        # bounded: the most frequent stems of a very long record
        kept = sorted(((s, round(c, 2)) for s, c in counts.items()), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS_PER_DOC]
        length = sum(c for _, c in kept) or 1
        doc = len(docs)
        docs.append([n, length])
        for s, c in sorted(kept):
            terms.setdefault(s, []).append([doc, c])
            known.update(w for w in seen[s] if len(w) >= FUZZY_MIN and not _DIGIT.search(w))
    avg = sum(d[1] for d in docs) / len(docs) if docs else 1
    return {"docs": docs, "terms": terms, "avg": round(avg, 3), "k1": BM25_K1, "b": BM25_B,
            "words": sorted(known)}


def bm25(index: dict, query: list[str]) -> dict[str, float]:
    """Scores per record id for a list of query stems (OR semantics), as the browser computes them."""
    n = len(index["docs"])
    scores: dict[str, float] = {}
    for s in dict.fromkeys(query):
        postings = index["terms"].get(s, ())
        if not postings:
            continue
        idf = math.log(1 + (n - len(postings) + 0.5) / (len(postings) + 0.5))
        for doc, tf in postings:
            node, length = index["docs"][doc]
            norm = tf * (BM25_K1 + 1) / (tf + BM25_K1 * (1 - BM25_B + BM25_B * length / index["avg"]))
            scores[node] = scores.get(node, 0.0) + idf * norm
    return scores


# -- typos and word forms -----------------------------------------------------------------------
# A word of the query that neither the records nor the vocabulary know is read as the known word (a word of
# an indexed record or of the vocabulary) within one edit, from FUZZY_MIN letters, or within two, from
# FUZZY_MIN2 letters (an edit: a letter added, left out, replaced, or two neighbours swapped). Shorter
# words and words with digits are never read as another word; a word no known word is near stays as typed
# (kb-match.js then reads a compound by its known end: "kinder|mishandeling"). Of several candidates the nearest wins, then a word of the vocabulary, then the word
# whose stem most records carry, then the first in code-point order. kb-match.js (Corrector) does exactly
# this; tests/fuzzy_vectors.json holds the cases both must answer alike.
FUZZY_MIN, FUZZY_MIN2 = 5, 9
_DIGIT = re.compile(r"[0-9]")


def edits_allowed(word: str) -> int:
    return 2 if len(word) >= FUZZY_MIN2 else 1 if len(word) >= FUZZY_MIN else 0


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (adjacent swaps count one), or limit + 1 when it exceeds limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2, prev = [], list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        low = cur[0]
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
            low = min(low, v)
        if low > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1] if prev[-1] <= limit else limit + 1


class Corrector:
    """Reads a misspelt query word as the known word it most likely is (see above). `search` is the
    data of wegwijzer/zoekindex.json (guide.search_data)."""

    def __init__(self, search: dict):
        index = search["index"]
        self.terms = index["terms"]
        self.vocab_stems = {s for g in search.get("vocab", ()) for p in g["p"] for s in p}
        self.vocab_words = {w for g in search.get("vocab", ()) for phrase in g["w"] for w in words(phrase)}
        self.stop = set(search.get("stop", STOPWORDS))
        self.exc = search.get("exc", STEM_EXCEPTIONS)
        known = set(index.get("words", ())) | {w for w in self.vocab_words
                                               if len(w) >= FUZZY_MIN and not _DIGIT.search(w)}
        self.known = known
        self.by_length: dict[int, list[str]] = {}
        for w in sorted(known):
            self.by_length.setdefault(len(w), []).append(w)
        self.cache: dict[str, str | None] = {}

    def stem_of(self, word: str) -> str:
        return self.exc.get(word) or stem(word)

    def is_known(self, word: str) -> bool:
        s = self.stem_of(word)
        return word in self.stop or word in self.known or s in self.terms or s in self.vocab_stems

    def correct(self, word: str) -> str | None:
        """The known word a query word stands for, or None when it is known, short or has no near word."""
        if word in self.cache:
            return self.cache[word]
        self.cache[word] = found = self._correct(word)
        return found

    def _correct(self, word: str) -> str | None:
        limit = edits_allowed(word)
        if not limit or _DIGIT.search(word) or self.is_known(word):
            return None
        best, best_key = None, None
        for length in range(len(word) - limit, len(word) + limit + 1):
            for cand in self.by_length.get(length, ()):
                d = edit_distance(word, cand, limit)
                if d > limit:
                    continue
                key = (d, cand not in self.vocab_words, -len(self.terms.get(self.stem_of(cand), ())), cand)
                if best_key is None or key < best_key:
                    best, best_key = cand, key
        return best

    def stems(self, text: str) -> list[str]:
        """content_stems of a query, each misspelt word read as the word it stands for."""
        out = []
        for w in words(text):
            if w in self.stop:
                continue
            out.append(self.stem_of(self.correct(w) or w))
        return out


# -- legal identifiers --------------------------------------------------------------------------

_ID_WORDS = {
    **dict.fromkeys(("art", "artt", "artikel", "artikelen", "article", "articles"), "art"),
    **dict.fromkeys(("par", "para", "paras", "paragraaf", "paragrafen", "paragraph", "paragraphs", "§", "punt"), "par"),
    **dict.fromkeys(("lid", "leden"), "lid"),
    **dict.fromkeys(("nr", "no", "nummer", "number"), ""),
    **dict.fromkeys(("ivrk", "crc", "vrk", "kinderrechtenverdrag"), "ivrk"),
}


def id_tokens(text: str) -> list[str]:
    """A legal identifier (or a query) as comparable tokens, the treaty's name left out:
    "Article 22 CRC" and "IVRK 22" -> ["art", "22"]; "CRC/C/NLD/CO/5-6, par. 38(e)" ->
    ["crc/c/nld/co/5-6", "par", "38e"]; "General Comment nr. 6" -> ["gc", "6"].
    kb-match.js (idTokens) has the same rules; tests/test_guide_js.py compares them."""
    t = str(text).lower()
    t = re.sub(r"general\s+comments?|algemeen\s+commentaar", " gc ", t)
    t = re.sub(r"\(\s*(?:19|20)[0-9]{2}\s*\)", " ", t)  # "General Comment nr. 6 (2005)": the year is not part of it
    t = re.sub(r"(\d)\s*\(\s*([a-z])\s*\)", r"\1\2", t)  # 38(e) -> 38e
    t = re.sub(r"(\d)\s*\(\s*(\d+)\s*\)", r"\1 lid \2", t)  # 22(1) -> 22 lid 1
    tokens: list[str] = []
    for raw in re.split(r"[\s,;()]+|(?<![0-9]):|:(?![0-9])", t):  # "1:302" (BW) stays one number
        raw = raw.strip(".")
        if "/" in raw:  # a document symbol stays one token
            tokens.append(raw)
            continue
        for part in re.findall(r"§|[0-9]+(?:[.:][0-9]+)*[a-z]?(?:-[0-9]+[a-z]?)?|[a-z]+", raw):
            word = _ID_WORDS.get(part, part)
            if word:
                tokens.append(word)
    out: list[str] = []
    for i, tok in enumerate(tokens):
        if tok == "ivrk":
            continue
        if tok[0].isdigit() and (not out or out[-1] not in ("art", "gc", "lid", "par")):
            before = tokens[i - 1] if i else ""
            after = tokens[i + 1] if i + 1 < len(tokens) else ""
            if before == "ivrk" or after == "ivrk":  # "IVRK 22", "22 IVRK": the article
                out.append("art")
        out.append(tok)
    return out


def _number_in(query: str, form: str) -> bool:
    """A paragraph number of a query within a form's: "38" in "38e", "40" in "39-40"."""
    if query == form:
        return True
    lo, _, hi = form.partition("-")
    q = re.match(r"[0-9]+", query)
    if not q:
        return False
    n = int(q.group())
    if hi:
        a, b = re.match(r"[0-9]+", lo), re.match(r"[0-9]+", hi)
        return bool(a and b) and int(a.group()) <= n <= int(b.group())
    return form.startswith(query) and form[len(query):].isalpha()


def id_score(form: list[str], query: list[str]) -> float:
    """How well a query names the record of a form (0: not at all): the document part must appear in the
    query as written; a paragraph the query asks for must be one of the form's. kb-match.js: idScore."""
    def split(tokens):
        if "par" in tokens:
            i = tokens.index("par")
            return tokens[:i], tokens[i + 1:]
        return tokens, None

    fh, fp = split(form)
    qh, qp = split(query)
    if not fh or not any(qh[i:i + len(fh)] == fh for i in range(len(qh) - len(fh) + 1)):
        return 0
    score = float(len(fh))
    if fp is not None:
        if not qp:
            return score - 0.5
        if not any(_number_in(qp[0], f) for f in fp):
            return 0
        score += 2
    return score


def identifier_forms(g, heading) -> list[list]:
    """[tokens, record id] for every short citation form the model declares (Cite.forms), e.g.
    "art. 22 IVRK", "General Comment nr. 6", "CRC/GC/2005/6", "CRC/C/NLD/CO/5-6, par. 37"."""
    out = []
    for n, attrs in sorted(g.nodes(data=True)):
        rtype = model.RECORD_TYPES[attrs["type"]]
        if rtype.cite is None or not (rtype.cite.forms_for(attrs) or attrs.get("symbol")):
            continue
        fields = citation.form_fields(attrs)
        seen = set()
        for form in (*rtype.cite.forms_for(attrs), "{symbol}"):
            text = citation._form(form, fields).strip()
            if not text or "jci" in text.lower():
                continue
            for tokens in _variants(id_tokens(text)):
                if tokens and tuple(tokens) not in seen:
                    seen.add(tuple(tokens))
                    out.append([tokens, n])
    return out


def _variants(tokens: list[str]) -> list[list[str]]:
    """A form and the shorter ways lawyers write it: without its "lid" ("art. 1:302 BW" for "art. 1:302 lid 2
    BW"), without the year of a law's name ("art. 8 Vw" for "art. 8 Vw 2000"), and a General Comment's
    old symbol in the later pattern ("CRC/C/GC/6" for "CRC/GC/2005/6")."""
    out = [tokens]
    if "lid" in tokens and "par" not in tokens:
        i = tokens.index("lid")
        j = i + 1
        while j < len(tokens) and tokens[j][0].isdigit():
            j += 1
        out.append(tokens[:i] + tokens[j:])
    for t in list(out):
        if len(t) >= 3 and re.fullmatch(r"(?:19|20)[0-9]{2}", t[-1]) and t[-2].isalpha() and t[-2] not in ("art", "gc", "lid", "par"):
            out.append(t[:-1])
    old = re.fullmatch(r"crc/gc/(?:19|20)[0-9]{2}/([0-9]+)", tokens[0]) if len(tokens) == 1 else None
    if old:
        out.append([f"crc/c/gc/{old.group(1)}"])
    return out


class _Blank(dict):
    def __missing__(self, key):
        return ""
