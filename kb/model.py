"""The one declaration of the knowledge model.

Every record type, every field and every relation is declared here once. The loader,
the validation, the graph, the export, the pages and the contributor scaffolding all
read these declarations; nothing else in the package names a field or a relation.

Field names and identifiers are English; labels and help texts are Dutch because
contributors and readers see them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import Enum


class Kind(str, Enum):
    """How a field's YAML value is read. All plain scalars arrive as strings (see yamlio)."""

    STR = "str"  # one line of text
    TEXT = "text"  # free text, may span paragraphs
    INT = "int"  # whole number
    NUMBER = "number"  # whole or decimal number, kept exactly as written
    DATE = "date"  # YYYY, YYYY-MM or YYYY-MM-DD
    URL = "url"  # http(s) address
    BOOL = "bool"  # true / false
    ENUM = "enum"  # one of `choices`
    STRLIST = "strlist"  # list of one-line texts (e.g. a checklist)



# Limits on one value, checked before anything else reads it: every value comes from a pull request.
MAX_CHARS = {  # characters of a value, by kind (of each item of a STRLIST)
    Kind.STR: 300, Kind.TEXT: 20_000, Kind.URL: 2_000, Kind.DATE: 10, Kind.BOOL: 5, Kind.ENUM: 100,
    Kind.STRLIST: 300,  # INT and NUMBER: digits, below
}
MAX_DIGITS = 15  # digits of an INT or NUMBER: exact as a float and as a JavaScript number
MAX_DECIMALS = 6  # digits after the point of a NUMBER
MAX_ITEMS = 100  # items of a STRLIST
MAX_LINKS = 500  # links under one relation of one record
MAX_QUALIFIER_CHARS = 2_000  # a link's why or locator
MAX_KEYS = 100  # keys of one record or one link (an unknown key costs a located problem each)
MAX_ID_CHARS = 100  # an id is a file name and a URL segment


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    label: str  # Dutch label shown on pages
    help: str  # Dutch explanation for contributors (kb new, schemas)
    required: bool = False
    choices: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()  # Dutch labels of `choices`, in the same order (pages and index filters)
    # An identifier's form: the whole value must match `pattern` (also used in the editor schemas, so it
    # is written in the regex syntax Python and JavaScript share); `pattern_hint` says in Dutch what a valid
    # value looks like. A named group `year` must equal the year of the date field `year_of`.
    pattern: str = ""
    pattern_hint: str = ""
    year_of: str = ""
    # (field, values): required when that field of the record has one of the values, unless the record
    # says verified: false (its verification_note then says what is missing).
    required_if: tuple[str, tuple[str, ...]] | None = None
    # (field, ((value, pattern, hint), ...)): when that field of the record has the value, this field must also
    # match that pattern (an ECLI of the European Court of Human Rights starts ECLI:CE:ECHR:).
    pattern_by: tuple[str, tuple[tuple[str, str, str], ...]] | None = None
    # (field, template): the named groups of `pattern`, formatted with the template, must equal that field
    # (the number and year in CRC/C/79/D/11/2017 are the communication 11/2017).
    agrees_with: tuple[str, str] | None = None
    # required unless the record says verified: false (its verification_note then says what was not read)
    required_unless_unverified: bool = False

    def label_of(self, value: str) -> str:
        """The Dutch label of a choice (the value itself when the field declares no labels)."""
        return self.labels[self.choices.index(value)] if self.labels and value in self.choices else value


@dataclass(frozen=True)
class Qualifier:
    name: str
    kind: Kind
    label: str
    help: str
    show: str = "{}"  # how a locator is written on pages and in citations, e.g. "p. {}"
    choices: tuple[str, ...] = ()  # for an ENUM qualifier: its values
    labels: tuple[str, ...] = ()  # Dutch labels of `choices`, in the same order
    # (source type, relation) pairs the qualifier may be written on; empty: every relation
    relations: tuple[tuple[str, str], ...] = ()

    def label_of(self, value: str) -> str:
        return self.labels[self.choices.index(value)] if self.labels and value in self.choices else value


# Qualifiers a link may carry. Every relation accepts all of them.
QUALIFIERS: dict[str, Qualifier] = {
    q.name: q
    for q in (
        Qualifier("why", Kind.TEXT, "waarom", "Eén zin in eigen woorden: waarom deze koppeling."),
        Qualifier("section", Kind.STR, "onderdeel", "Onderdeel of kopje in de bron.", "onderdeel {}"),
        Qualifier("page", Kind.STR, "pagina", "Paginanummer(s) in de bron, bijv. 3 of 3-4.", "p. {}"),
        Qualifier("paragraph", Kind.STR, "lid/paragraaf", "Lid of paragraaf, bijv. 'lid 1' of 'para. 38(e)'."),
        Qualifier("footnote", Kind.STR, "voetnoot", "Nummer van de voetnoot in de bron waarin dit staat, bijv. 12.",
                  "voetnoot {}"),
        Qualifier("implied", Kind.BOOL, "afgeleid", "true als de bron dit niet met zoveel woorden zegt.",
                  "De bron legt dit verband niet met zoveel woorden; het is door de redactie afgeleid."),
        # Issue 23: what a response does to a call or recommendation it answers (only on `answers`).
        Qualifier("effect", Kind.ENUM, "effect", "Wat de reactie met de oproep of aanbeveling doet: toegezegd, "
                  "gedeeltelijk_uitgevoerd, uitgevoerd, afgewezen of teruggedraaid.", "{}",
                  choices=("toegezegd", "gedeeltelijk_uitgevoerd", "uitgevoerd", "afgewezen", "teruggedraaid"),
                  labels=("toegezegd", "gedeeltelijk uitgevoerd", "uitgevoerd", "afgewezen", "teruggedraaid"),
                  relations=(("response", "answers"),)),
    )
}


# The qualifiers that say where in the source a link is made, in the order they are written.
LOCATORS = tuple(QUALIFIERS[n] for n in ("section", "page", "paragraph", "footnote"))


@dataclass(frozen=True)
class Relation:
    """A typed link, written in the YAML of the `source_type` record under key `name`."""

    name: str
    source_type: str
    target_types: tuple[str, ...]
    label: str  # Dutch heading on the page of the record that declares the link
    reverse_label: str  # Dutch heading on the page of the record that is linked to
    help: str
    many: bool = True  # list of links, or exactly one
    required: bool = False
    # On the target's page, group the reverse list by these relations of the linking record
    # (e.g. recommendations implementing an article, grouped by their theme and source).
    group_by: tuple[str, ...] = ()
    required_qualifiers: tuple[str, ...] = ()  # qualifiers every link of this relation must carry


@dataclass(frozen=True)
class Standing:
    """The legal weight of what a source says."""

    label: str  # short, on badges, filters and in citations of the record
    description: str  # what the weight means, for the reader


STANDINGS: dict[str, Standing] = {
    "treaty": Standing("Verdragstekst (bindend)",
                       "De tekst van het verdrag zelf; bindend voor Nederland."),
    "interpretation": Standing("Uitleg door het VN-Comité (gezaghebbend)",
                               "Uitleg of aanbeveling van het VN-Kinderrechtencomité: gezaghebbend, niet bindend."),
    "finding": Standing("Bevinding van overheid of inspectie",
                        "Wat een overheidsorgaan of inspectie heeft vastgesteld."),
    "advocacy": Standing("Standpunt van ngo of deskundigen (belangenbehartiging)",
                         "Wat een maatschappelijke organisatie of deskundige stelt of bepleit; geen recht."),
    "statistic": Standing("Nieuws of statistiek",
                          "Een bericht of cijfer; zo betrouwbaar als de bron die het meldt."),
    "law": Standing("Wet- en regelgeving (bindend)",
                    "De tekst van een Nederlandse wet of regeling, een EU-richtlijn of -handvest, of een ander "
                    "verdrag dan het IVRK: bindend recht. Een richtlijn bindt de lidstaat en werkt via de "
                    "Nederlandse wet door."),
    "caselaw": Standing("Rechtspraak",
                         "Een uitspraak van een rechter: bindend voor de partijen, en gezaghebbend voor de uitleg "
                         "van het recht zolang hogere of latere rechtspraak niet anders oordeelt."),
}


class StandingRule(str, Enum):
    """How a record type's page states its legal standing."""

    OWN = "own"  # the record's own `standing` field (sources)
    FIXED = "fixed"  # RecordType.standing for every record (General Comments, concluding observations)
    TREATY_SUMMARY = "treaty_summary"  # the linked official text is binding; the summary is ours (articles)
    FIRST_SOURCE = "first_source"  # the standing of the first listed source, named; the others where they differ
    NONE = "none"  # organisations, target groups, places: no legal standing


# Shown on article pages beside the binding label of the official text.
OWN_WORDS = "Samenvatting in eigen woorden"


@dataclass(frozen=True)
class SourceKind:
    """A kind of document, and the item type each reference manager's format gives it."""

    label: str  # Dutch
    ris: str  # RIS TY (Zotero: RPRT report, NEWS newspaper article, ELEC web page, STAT statute, PCOMM letter)
    bibtex: str  # BibTeX/BibLaTeX entry type
    csl: str  # CSL 1.0 item type


SOURCE_KINDS: dict[str, SourceKind] = {
    "treaty": SourceKind("Verdrag", "STAT", "misc", "treaty"),
    "un_document": SourceKind("VN-document", "RPRT", "techreport", "report"),
    "position_paper": SourceKind("Position paper", "RPRT", "techreport", "report"),
    "report": SourceKind("Rapport", "RPRT", "techreport", "report"),
    "news": SourceKind("Nieuwsbericht", "NEWS", "online", "article-newspaper"),
    "statistics": SourceKind("Statistiek", "ELEC", "online", "webpage"),
    "web_page": SourceKind("Webpagina", "ELEC", "online", "webpage"),
    "letter": SourceKind("Brief", "PCOMM", "misc", "personal_communication"),
}

# Kinds of document a record type can be cited as (Cite.kind): the source kinds, and law and case law,
# which are records of their own (instruments, rulings), not sources.
CITE_KINDS: dict[str, SourceKind] = {
    **SOURCE_KINDS,
    "legislation": SourceKind("Wet- of regelgeving", "STAT", "misc", "legislation"),
    "case": SourceKind("Uitspraak", "CASE", "misc", "legal_case"),
}

COMMITTEE = "VN-Comité voor de Rechten van het Kind"
# Other names the Committee goes by in sources: a citation names it one way on every record type (issue 24).
AUTHOR_FORMS = {name: COMMITTEE for name in (
    "VN-Kinderrechtencomité", "Kinderrechtencomité", "VN-Comité voor de rechten van het kind",
    "Comité voor de Rechten van het Kind", "Committee on the Rights of the Child",
    "UN Committee on the Rights of the Child", "CRC Committee")}


@dataclass(frozen=True)
class Cite:
    """How the pages of a record type are cited (the citation line and its downloads).

    via "source": the record is cited as part of its first listed source (YAML order);
    via "self": the record is the document (`title`, `author`, `kind` format its fields, empty = its own);
    via "treaty": the record is part of the treaty (the source of kind "treaty");
    via "part": the record is part of the record it links to under relation `part_of` (a provision of its
    instrument, a paragraph of its General Comment), cited as that record is, pinpointed to this one.
    `pinpoint` (formatted with the record's fields and `label`) says where in the document it is; a part
    in [brackets] is left out when a field it names is empty ("art. {article}[ lid {lid}]").
    `identifier`: the fields holding the document's persistent identifier, the first one filled counts."""

    via: str
    pinpoint: str = "{label} ‘{title}’"
    title: str = ""
    author: str = ""
    kind: str = ""
    forms: tuple[str, ...] = ()  # short forms to copy, formatted with the record's fields (empty ones are left out)
    part_of: str = ""  # for via "part": the relation to the record this one is part of
    identifier: tuple[str, ...] = ("symbol",)
    # (field, ((value, forms), ...)): forms put before `forms` when that field of the record has the value
    # (a ruling is cited as "EHRM …, nr. …" or "HvJ EU …, C-…" by its forum). Forms may name a date field
    # with the suffix _nl ("{date_nl}": 15 februari 2007) and `parties_slash` ("Popov/Frankrijk").
    forms_by: tuple[str, tuple[tuple[str, tuple[str, ...]], ...]] | None = None

    def forms_for(self, attrs: dict) -> tuple[str, ...]:
        """The short forms of one record, the ones its `forms_by` value selects first."""
        if self.forms_by:
            field, by_value = self.forms_by
            chosen = dict(by_value).get(attrs.get(field), ())
            return (*chosen, *self.forms)
        return self.forms


@dataclass(frozen=True)
class RecordType:
    name: str
    folder: str  # folder of YAML files at the knowledge-base root
    slug: str  # URL segment of the pages (Dutch)
    label: str  # Dutch singular
    plural: str  # Dutch plural, title of the index page
    intro: str  # Dutch sentence on the index page
    fields: tuple[Field, ...]
    columns: tuple[str, ...] = ()  # extra fields shown in the index table
    standing_rule: StandingRule = StandingRule.FIRST_SOURCE
    standing: str | None = None  # the fixed standing, for StandingRule.FIXED
    cite: Cite | None = None  # None: the page offers no citation
    diagram: bool = False  # a neighbourhood diagram on the page (its SVG costs MkDocs time on every page)
    head_fields: tuple[str, ...] = ()  # shown at the top of the page by its type's template, not in "Gegevens"
    sort_key: str | None = None  # numeric field to order the index by
    heading: str = "{title}"  # page heading and link text, formatted with the record's fields
    sort_then: str | None = None  # second field to order by: the number it starts with ("39-40" -> 39)
    required_any: tuple[str, ...] = ()  # at least one link under one of these relations
    # (field, ((value, heading), ...)): the heading when that field of the record has the value
    heading_by: tuple[str, tuple[tuple[str, str], ...]] | None = None

    def heading_for(self, attrs: dict) -> str:
        """The heading template of one record (`heading`, or the one `heading_by` chooses)."""
        if self.heading_by:
            return dict(self.heading_by[1]).get(attrs.get(self.heading_by[0]), self.heading)
        return self.heading


def _f(name, kind, label, help, required=False, choices=(), **extra):
    return Field(name, kind, label, help, required, tuple(choices), **extra)


# Identifiers of the legal layer, written as the official registers write them.
BWB_PATTERN = r"BWB[RV][0-9]{7}"
JCI_PATTERN = r"jci1\.3:c:BWB[RV][0-9]{7}(&[a-z]+=[0-9A-Za-z.:_-]+)*"
CELEX_PATTERN = r"[0-9CE][0-9]{4}[A-Z]{1,2}([0-9]{1,4}(\([0-9]{1,2}\))?|/TXT)"
ELI_PATTERN = r"https?://data\.europa\.eu/eli/[a-z_]+/[0-9]{4}/[0-9]+(/[a-z0-9_]+)*"
COE_PATTERN = r"C?ETS No\. [0-9]{1,3}"
ECLI_PATTERN = r"ECLI:[A-Z]{2}:[A-Z0-9]{1,7}:(?P<year>[0-9]{4}):[A-Z0-9.]{1,25}"
# Case law (issue 22): the forms of identifiers per forum, as the courts and the UN write them.
ECLI_NL_PATTERN = r"ECLI:NL:[A-Z0-9]{1,7}:(?P<year>[0-9]{4}):[A-Z0-9.]{1,25}"
ECLI_ECHR_PATTERN = r"ECLI:CE:ECHR:(?P<year>[0-9]{4}):[0-9]{4}(JUD|DEC|REP|ADV)[0-9]{9}"
ECLI_CJEU_PATTERN = r"ECLI:EU:C:(?P<year>[0-9]{4}):[0-9]{1,4}"
ECHR_APPLICATION_PATTERN = r"[0-9]{1,6}/[0-9]{2}((, | en )[0-9]{1,6}/[0-9]{2})*"
CJEU_CASE_PATTERN = r"C-[0-9]{1,3}/[0-9]{2}((, | en )C-[0-9]{1,3}/[0-9]{2})*"
CRC_VIEW_PATTERN = r"CRC/C/(?P<session>[0-9]{2,3})/D/(?P<number>[0-9]{1,4})/(?P<year>[0-9]{4})"
COMMUNICATION_PATTERN = r"[0-9]{1,4}/[0-9]{4}"
# Who decided: a Dutch court, the European Court of Human Rights, the Court of Justice of the EU; views of
# the UN Committee are records of their own type (`view`), shown as a forum of their own where case law is listed.
FORUMS = (("nl", "Nederlandse rechter"), ("echr", "Europees Hof voor de Rechten van de Mens"),
          ("cjeu", "Hof van Justitie van de Europese Unie"))
OUTCOMES = (("violation", "schending"), ("no_violation", "geen schending"), ("inadmissible", "niet-ontvankelijk"),
            ("discontinued", "beëindigd (doorgehaald)"))
CRC_COMMITTEE = "VN-Kinderrechtencomité"
PARAGRAPHS_PATTERN = r"[0-9]+(-[0-9]+)?(, [0-9]+(-[0-9]+)?)*"

# Where a legal instrument comes from; article pages group Dutch, European and other law by it.
JURISDICTIONS = (("nl", "Nederland"), ("eu", "Europese Unie"), ("coe", "Raad van Europa"),
                 ("un", "Verenigde Naties"))
DIRECT_EFFECT = (("recognised", "erkend"), ("not_recognised", "niet erkend"), ("mixed", "wisselend"),
                 ("unknown", "onbekend"))


def _enum(name, label, help, pairs, required=False, **extra):
    return _f(name, Kind.ENUM, label, help, required, tuple(k for k, _ in pairs), labels=tuple(v for _, v in pairs),
              **extra)


def _jurisdiction():
    return _enum("jurisdiction", "Rechtsorde", "nl (Nederland), eu (Europese Unie), coe (Raad van Europa) of un "
                 "(Verenigde Naties).", JURISDICTIONS, required=True)


# Time in the law (issue 21): when an instrument or provision entered into force, applies from, ceased to
# apply, and which version of its text was read. Declared once here for both types; `law_status` reads them.
TIME_FIELDS = ("entry_into_force", "applies_from", "ceased_from", "version_date")


def _time_fields(what, inherit=""):
    return tuple(_f(f.name, f.kind, f.label, f.help + inherit) for f in (
        _f("entry_into_force", Kind.DATE, "In werking getreden", f"Datum waarop {what} in werking trad."),
        _f("applies_from", Kind.DATE, "Van toepassing vanaf",
           f"Datum vanaf wanneer {what} van toepassing is, als die later ligt dan de inwerkingtreding "
           "(bijv. de Pact-instrumenten: 12 juni 2026)."),
        _f("ceased_from", Kind.DATE, "Vervallen per",
           f"Eerste dag waarop {what} niet meer van toepassing is (ingetrokken of vervangen); noem de opvolger "
           "in replaced_by."),
        _f("version_date", Kind.DATE, "Tekstversie",
           "Datum van de gelezen versie van de tekst: de geconsolideerde versie of de datum van publicatie. "
           "kb wetcheck meldt het als de wet daarna is gewijzigd."),
    ))


# Fields every record has. All but `aliases` are shown at the top of every page (record.md.j2).
COMMON_HEAD = ("title", "summary", "verified", "verification_note")
COMMON_FIELDS = (
    _f("title", Kind.STR, "Titel", "Korte titel in het Nederlands.", required=True),
    _f("summary", Kind.TEXT, "Samenvatting", "Samenvatting in eigen woorden; citeer geen lange stukken tekst."),
    _f("verified", Kind.BOOL, "Geverifieerd", "false als een gegeven of vindplaats niet bevestigd kon worden."),
    _f("verification_note", Kind.TEXT, "Toelichting verificatie", "Wat niet bevestigd is en waarom."),
    _f("aliases", Kind.STRLIST, "Eerdere ids", "Oude ids na een hernoeming; oude links en URL's blijven werken."),
    _f("quoted_phrasings", Kind.STRLIST, "Zoals de bron het zegt",
       "Formuleringen uit phrasing.yaml die hier bewust staan omdat de bron het zo zegt (bijv. 'nooit' "
       "in de uitleg van het Comité); kb validate waarschuwt er dan in dit record niet voor."),
)

RECORD_TYPES: dict[str, RecordType] = {
    t.name: t
    for t in (
        RecordType(
            "article", "articles", "artikelen", "Artikel", "Artikelen",
            "De artikelen van het Internationaal Verdrag inzake de Rechten van het Kind (IVRK).",
            (
                _f("number", Kind.INT, "Artikelnummer", "Nummer van het artikel, bijv. 22.", required=True),
                _f("part", Kind.ENUM, "Deel", "Deel van het verdrag: I, II of III.", True, ("I", "II", "III")),
                _f("title_en", Kind.STR, "Engelse titel", "Gangbare Engelse korte titel."),
                _f("url_nl", Kind.URL, "Officiële Nederlandse tekst", "Link naar de tekst op wetten.overheid.nl."),
                _f("url_en", Kind.URL, "Engelse tekst", "Link naar de Engelse tekst (OHCHR)."),
                _f("jci", Kind.STR, "Juriconnect", "Juriconnect-verwijzing, bijv. jci1.3:c:BWBV0002508&artikel=22."),
                _f("reservation", Kind.TEXT, "Voorbehoud Nederland", "Voorbehoud of verklaring van Nederland bij dit artikel."),
                _enum("direct_effect", "Rechtstreekse werking (volgens de gekoppelde rechtspraak)",
                      "recognised, not_recognised of mixed alleen als een uitspraak in rulings/ dat zegt "
                      "(recognises_direct_effect, denies_direct_effect); zonder zo'n uitspraak: unknown of weglaten.",
                      DIRECT_EFFECT),
                _f("direct_effect_note", Kind.TEXT, "Toelichting rechtstreekse werking",
                   "Wat de rechtspraak zegt en wat niet is nagegaan, in eigen woorden."),
            ),
            columns=("number", "title_en"),
            head_fields=("url_nl", "url_en", "jci", "reservation"),
            standing_rule=StandingRule.TREATY_SUMMARY,
            standing="treaty",
            cite=Cite("treaty", pinpoint="art. {number}",
                      forms=("art. {number} IVRK", "art. {number} lid 1 IVRK", "Article {number} CRC", "{jci}")),
            diagram=True,
            sort_key="number",
            heading="Artikel {number} IVRK: {title}",
        ),
        RecordType(
            "general_comment", "general-comments", "general-comments", "General Comment", "General Comments",
            "De General Comments van het VN-Kinderrechtencomité: gezaghebbende uitleg van het verdrag.",
            (
                _f("number", Kind.INT, "Nummer", "Nummer van het General Comment.", required=True),
                _f("year", Kind.INT, "Jaar", "Jaar waarin het is aangenomen.", required=True),
                _f("symbol", Kind.STR, "VN-documentsymbool", "Bijv. CRC/GC/2005/6.", required=True),
                _f("title_en", Kind.STR, "Officiële Engelse titel", "Titel zoals de VN die gebruikt."),
                _f("joint_with", Kind.STR, "Gezamenlijk met", "Ander VN-comité bij een gezamenlijk document (CMW, CEDAW)."),
                _f("url", Kind.URL, "Document", "Link naar het document bij de VN."),
                _f("url_nl", Kind.URL, "Nederlandse toelichting", "Link naar een Nederlandse bespreking of vertaling."),
            ),
            columns=("number", "year", "symbol"),
            standing_rule=StandingRule.FIXED,
            standing="interpretation",
            cite=Cite("self", pinpoint="", title="General Comment nr. {number} ({year})", author=COMMITTEE,
                      kind="un_document", forms=("General Comment nr. {number}", "{symbol}")),
            diagram=True,
            sort_key="number",
            heading="General Comment nr. {number} ({year}): {title}",
        ),
        RecordType(
            "observation", "observations", "slotbeschouwingen", "Slotbeschouwing", "Slotbeschouwingen",
            "Wat het VN-Kinderrechtencomité Nederland heeft gevraagd, per (sub)paragraaf.",
            (
                _f("document", Kind.STR, "Document", "VN-symbool van de slotbeschouwingen, bijv. CRC/C/NLD/CO/5-6.", required=True),
                _f("paragraph", Kind.STR, "Paragraaf", "Paragraaf zoals geciteerd, bijv. 38(e).", required=True),
                _f("year", Kind.INT, "Jaar", "Jaar van de slotbeschouwingen.", required=True),
            ),
            columns=("document", "paragraph"),
            standing_rule=StandingRule.FIXED,
            standing="interpretation",
            cite=Cite("source", pinpoint="par. {paragraph}", forms=("{document}, par. {paragraph}",)),
            sort_key="year",
            heading="{document} par. {paragraph}: {title}",
        ),
        RecordType(
            "theme", "themes", "themas", "Thema", "Thema's",
            "Thema's van zorg, elk met het juridisch kader dat erop van toepassing is.",
            (_f("number", Kind.INT, "Volgorde", "Volgnummer van het thema in de bron."),),
            cite=Cite("source"),
            diagram=True,
            sort_key="number",
        ),
        RecordType(
            "risk", "risks", "risicos", "Situatie of risico", "Situaties en risico's",
            "Situaties en risico's waarmee kinderen in de opvang te maken krijgen.",
            (
                _f("signals", Kind.STRLIST, "Signalen", "Lijst van signalen die professionals kunnen herkennen."),
            ),
            head_fields=("signals",),
            cite=Cite("source"),
        ),
        RecordType(
            "recommendation", "recommendations", "aanbevelingen", "Aanbeveling", "Aanbevelingen",
            "Aanbevelingen, elk uit één bron, met de rechten die ze dienen en wie moet handelen.",
            (
                _f("text", Kind.TEXT, "Aanbeveling", "De aanbeveling in eigen woorden.", required=True),
                _f("number", Kind.INT, "Volgnummer", "Volgnummer in de bron (telling binnen de bron)."),
            ),
            columns=("number",),
            head_fields=("text",),
            cite=Cite("source", pinpoint="{label} {number} ‘{title}’"),
            sort_key="number",
        ),
        RecordType(
            "fact", "facts", "feiten", "Feit", "Feiten en cijfers",
            "Cijfers met eenheid, periode, plaats en bron.",
            (
                _f("value", Kind.NUMBER, "Waarde", "Het getal, zonder punten of spaties (7270, 0.85).", required=True),
                _f("unit", Kind.STR, "Eenheid", "Wat er geteld is, bijv. 'kinderen' of 'procent'.", required=True),
                _f("period", Kind.STR, "Periode", "Peildatum of periode, bijv. 2023 of 2021-2024."),
                _f("place", Kind.STR, "Plaats", "Gebied waarop het cijfer betrekking heeft."),
                _f("qualifier", Kind.STR, "Nuance", "Bijv. 'minstens' of 'ongeveer'."),
            ),
            columns=("value", "unit", "period"),
            cite=Cite("source"),
        ),
        RecordType(
            "source", "sources", "bronnen", "Bron", "Bronnen",
            "Documenten waarop de kennisbank steunt, met hun juridische status.",
            (
                _f("kind", Kind.ENUM, "Soort", "Soort document.", True,
                   tuple(SOURCE_KINDS), labels=tuple(k.label for k in SOURCE_KINDS.values())),
                _f("standing", Kind.ENUM, "Juridische status", "Gewicht van de bron.", True, tuple(STANDINGS),
                   labels=tuple(st.label for st in STANDINGS.values())),
                _f("author", Kind.STR, "Auteur", "Auteur of organisatie."),
                _f("publisher", Kind.STR, "Uitgever", "Uitgever of platform."),
                _f("date", Kind.DATE, "Datum", "Datum van het document.", ),
                _f("url", Kind.URL, "Webadres", "Vindplaats online."),
                _f("symbol", Kind.STR, "Documentsymbool", "VN-symbool of ander persistent kenmerk."),
                _f("published_in", Kind.STR, "Officiële vindplaats",
                   "Officiële publicatie, bijv. 'Trb. 1990, 170' of een Kamerstuknummer; alleen wat je in een kopie hebt gelezen."),
                _f("addressee", Kind.STR, "Gericht aan", "Geadresseerde van het document."),
                _f("occasion", Kind.STR, "Aanleiding", "Gelegenheid waarvoor het document is geschreven."),
                _f("place", Kind.STR, "Plaats", "Plaats van uitgave."),
                # Issue 23: the numbering read in the document; every locator of a recommendation that cites
                # this source must be one of these (tests/test_content.py).
                _f("locators", Kind.STRLIST, "Gelezen vindplaatsen", "De paragraafnummers, pagina's of kopjes van "
                   "het document zoals het zelf nummert, alleen die je hebt gelezen (bijv. '54(d)', '3', 'alinea 2')."),
            ),
            columns=("author", "date"),
            standing_rule=StandingRule.OWN,
            cite=Cite("self", pinpoint=""),
        ),
        RecordType(
            "actor", "actors", "actoren", "Actor", "Actoren",
            "Organisaties die moeten handelen of die in de bronnen genoemd worden.",
            (
                _f("abbreviation", Kind.STR, "Afkorting", "Gangbare afkorting, bijv. COA."),
                _f("url", Kind.URL, "Website", "Website van de organisatie."),
            ),
            columns=("abbreviation",),
            standing_rule=StandingRule.NONE,
        ),
        RecordType(
            "target_group", "target-groups", "doelgroepen", "Doelgroep", "Doelgroepen",
            "Groepen kinderen waarop situaties en aanbevelingen betrekking hebben.",
            (),
            standing_rule=StandingRule.NONE,
        ),
        RecordType(
            "setting", "settings", "opvangvormen", "Opvangvorm", "Opvangvormen",
            "Plaatsen waar kinderen in de asielketen verblijven, zoals noodopvang, azc en gezinslocatie.",
            (),
            standing_rule=StandingRule.NONE,
        ),
        # The legal layer (issue 13): the law that is enforced in Dutch courts, the case law, and the
        # Committee's reasoning paragraph by paragraph.
        RecordType(
            "instrument", "instruments", "instrumenten", "Wet, richtlijn of verdrag", "Wetten, richtlijnen en verdragen",
            "Nederlandse wetten en regelingen, EU-recht en verdragen naast het IVRK, met hun officiële kenmerken.",
            (
                _f("short_title", Kind.STR, "Korte titel", "Citeertitel of gangbare afkorting, bijv. Vw 2000 of EVRM.",
                   required=True),
                _enum("form", "Soort", "Soort instrument.", (
                    ("act", "wet"), ("decree", "algemene maatregel van bestuur"),
                    ("ministerial_regulation", "ministeriële regeling"), ("constitution", "Grondwet"),
                    ("code", "wetboek"), ("directive", "EU-richtlijn"), ("charter", "handvest"),
                    ("treaty", "verdrag"), ("protocol", "protocol bij een verdrag"),
                    ("regulation", "EU-verordening"), ("policy_rule", "beleidsregel")), required=True),
                _jurisdiction(),
                _f("bwb", Kind.STR, "BWB-nummer", "Nummer in het Basiswettenbestand van wetten.overheid.nl.",
                   pattern=BWB_PATTERN, pattern_hint="BWBR of BWBV met zeven cijfers, bijv. BWBR0011823",
                   required_if=("jurisdiction", ("nl",))),
                _f("celex", Kind.STR, "CELEX-nummer", "Nummer van het document in EUR-Lex.", pattern=CELEX_PATTERN,
                   pattern_hint="sector, jaar, soort en nummer, bijv. 32013L0033 of 12016P/TXT",
                   required_if=("jurisdiction", ("eu",))),
                _f("eli", Kind.URL, "ELI", "European Legislation Identifier, zoals EUR-Lex die bij het document vermeldt.",
                   pattern=ELI_PATTERN, pattern_hint="bijv. http://data.europa.eu/eli/dir/2011/36/oj"),
                _f("coe_treaty", Kind.STR, "Verdragsnummer Raad van Europa", "Nummer in de European Treaty Series.",
                   pattern=COE_PATTERN, pattern_hint="bijv. ETS No. 5", required_if=("jurisdiction", ("coe",))),
                _f("url", Kind.URL, "Officiële tekst", "Link naar de officiële tekst (wetten.overheid.nl, EUR-Lex, ...)."),
                _f("published_in", Kind.STR, "Officiële vindplaats", "Bijv. Stb. 2024, 12 of PbEU L 180; alleen wat je hebt gelezen."),
                _f("date", Kind.DATE, "Datum", "Datum van de wet, richtlijn of het verdrag."),
                *_time_fields("de wet, richtlijn, verordening of het verdrag"),
            ),
            columns=("short_title", "jurisdiction"),
            head_fields=("url",),
            standing_rule=StandingRule.TREATY_SUMMARY,
            standing="law",
            cite=Cite("self", pinpoint="", kind="legislation", identifier=("celex", "coe_treaty", "bwb"),
                      forms=("{short_title}", "{bwb}", "{celex}", "{coe_treaty}")),
        ),
        RecordType(
            "provision", "provisions", "bepalingen", "Bepaling", "Bepalingen",
            "Artikelen uit wetten, EU-recht en verdragen die een IVRK-artikel uitvoeren of raken.",
            (
                _f("article", Kind.STR, "Artikel", "Artikelnummer zoals in de tekst, bijv. 1.3, 273f of 24.", required=True),
                _f("lid", Kind.STR, "Lid", "Lid of onderdeel, bijv. 2 of 1 onder a."),
                _f("cite_as", Kind.STR, "Citeerwijze", "Zoals de Leidraad voor juridische auteurs citeert, bijv. "
                   "art. 1.3 lid 2 Jeugdwet of art. 24 Handvest.", required=True),
                _jurisdiction(),
                _f("jci", Kind.STR, "Juriconnect", "Juriconnect-verwijzing (Nederlandse regelgeving).", pattern=JCI_PATTERN,
                   pattern_hint="bijv. jci1.3:c:BWBR0034925&artikel=1.3"),
                _f("celex", Kind.STR, "CELEX-nummer", "CELEX van het artikel, als EUR-Lex er een geeft.",
                   pattern=CELEX_PATTERN, pattern_hint="bijv. 12016P024"),
                _f("url", Kind.URL, "Officiële tekst", "Link naar de officiële tekst van de bepaling of regeling."),
                *_time_fields("de bepaling", " Leeg: wat het instrument zegt."),
                _f("text_read", Kind.STR, "Gelezen tekst", "Welke versie van de tekst gelezen is, en waar."),
            ),
            columns=("cite_as", "jurisdiction"),
            head_fields=("url",),
            standing_rule=StandingRule.TREATY_SUMMARY,
            standing="law",
            cite=Cite("part", part_of="instrument", pinpoint="art. {article}[ lid {lid}]",
                      forms=("{cite_as}", "{jci}", "{celex}")),
            heading="{cite_as}: {title}",
            required_any=("gives_effect", "touches"),
        ),
        RecordType(
            "ruling", "rulings", "rechtspraak", "Uitspraak", "Rechtspraak",
            "Uitspraken van Nederlandse en Europese rechters en van het VN-Kinderrechtencomité over IVRK-artikelen en "
            "de bepalingen die ze uitvoeren; filter op forum, artikel, uitkomst en jaar.",
            (
                _f("ecli", Kind.STR, "ECLI", "European Case Law Identifier, zoals op rechtspraak.nl, HUDOC of curia.",
                   pattern=ECLI_PATTERN, pattern_hint="ECLI:NL:<college>:<jaar>:<nummer>, bijv. ECLI:NL:RVS:2007:AZ9524",
                   year_of="date", required_if=("forum", ("nl", "cjeu")),
                   pattern_by=("forum", (
                       ("nl", ECLI_NL_PATTERN, "ECLI:NL:<college>:<jaar>:<nummer>, bijv. ECLI:NL:RVS:2007:AZ9524"),
                       ("echr", ECLI_ECHR_PATTERN, "ECLI:CE:ECHR:<jaar>:<maand><dag>JUD<nummer>, bijv. "
                        "ECLI:CE:ECHR:2012:0119JUD003947207"),
                       ("cjeu", ECLI_CJEU_PATTERN, "ECLI:EU:C:<jaar>:<nummer>, bijv. ECLI:EU:C:2018:248")))),
                _enum("forum", "Forum", "nl (Nederlandse rechter), echr (Europees Hof voor de Rechten van de Mens) of "
                      "cjeu (Hof van Justitie van de EU).", FORUMS, required=True),
                _f("court", Kind.STR, "Rechter", "Voluit, bijv. Afdeling bestuursrechtspraak van de Raad van State.",
                   required=True),
                _f("court_short", Kind.STR, "Rechter (kort)", "Zoals de Leidraad afkort, bijv. ABRvS, EHRM, HvJ EU of "
                   "Rb. Den Haag.", required=True),
                _f("date", Kind.DATE, "Datum uitspraak", "JJJJ-MM-DD.", required=True),
                _f("case_number", Kind.STR, "Zaaknummer", "Zaaknummer(s) zoals vermeld; bij het EHRM het "
                   "verzoeknummer (39472/07 en 39474/07), bij het HvJ EU het zaaknummer (C-233/18).",
                   required_if=("forum", ("echr", "cjeu")),
                   pattern_by=("forum", (
                       ("echr", ECHR_APPLICATION_PATTERN, "verzoeknummer(s) als 5797/17 of 39472/07 en 39474/07"),
                       ("cjeu", CJEU_CASE_PATTERN, "zaaknummer(s) als C-233/18 of C-411/10 en C-493/10")))),
                _f("parties", Kind.STR, "Partijen", "De zaak zoals juristen haar noemen, bijv. Popov t. Frankrijk "
                   "of Haqbin."),
                _f("holding", Kind.TEXT, "Oordeel in één zin", "Eén zin in eigen woorden: wat de rechter oordeelde."),
                _f("url", Kind.URL, "Uitspraak", "Link naar de uitspraak (uitspraken.rechtspraak.nl, HUDOC, curia)."),
            ),
            columns=("court_short", "date"),
            head_fields=("holding",),
            standing_rule=StandingRule.FIXED,
            standing="caselaw",
            cite=Cite("self", pinpoint="", title="{court_short}", kind="case", identifier=("ecli", "case_number"),
                      forms=("{ecli}",), forms_by=("forum", (
                          ("nl", ("{court_short} {date_nl}, {ecli}",)),
                          ("echr", ("EHRM {date_nl}, nr. {case_number} ({parties_slash})",
                                    "EHRM {date_nl}, nr. {case_number}")),
                          ("cjeu", ("HvJ EU {date_nl}, {case_number} ({parties})", "HvJ EU {date_nl}, {case_number}"))))),
            heading="{court_short} {date}, {ecli}",
            heading_by=("forum", (("echr", "EHRM {date}, nr. {case_number} ({parties})"),
                                  ("cjeu", "HvJ EU {date}, {case_number} ({parties})"))),
        ),
        # Issue 22: the Committee's decisions on individual communications (third Optional Protocol).
        RecordType(
            "view", "views", "vn-comite-uitspraken", "Uitspraak VN-Comité", "Uitspraken VN-Kinderrechtencomité",
            "Standpunten (Views) en beslissingen van het VN-Kinderrechtencomité over individuele klachten onder het "
            "Facultatief Protocol inzake een communicatieprocedure.",
            (
                _f("symbol", Kind.STR, "VN-documentsymbool", "Exact zoals op het document, bijv. CRC/C/79/D/11/2017.",
                   required=True, pattern=CRC_VIEW_PATTERN,
                   pattern_hint="CRC/C/<zitting>/D/<nummer>/<jaar>, bijv. CRC/C/79/D/11/2017",
                   agrees_with=("communication", "{number}/{year}")),
                _f("communication", Kind.STR, "Klachtnummer", "Nummer van de communicatie, bijv. 11/2017.",
                   required=True, pattern=COMMUNICATION_PATTERN, pattern_hint="<nummer>/<jaar>, bijv. 11/2017"),
                _f("author", Kind.STR, "Indiener", "Naam of initialen zoals in het document, bijv. A.L.", required=True),
                _f("state", Kind.STR, "Staat", "De staat die partij is, in het Nederlands, bijv. Spanje.", required=True),
                _f("submitted", Kind.DATE, "Ingediend", "Datum waarop de klacht is ingediend."),
                _f("adopted", Kind.DATE, "Aangenomen", "Datum waarop het Comité de uitspraak aannam.", required=True),
                _f("subject", Kind.STR, "Onderwerp", "Het onderwerp in één regel, in het Nederlands."),
                _enum("outcome", "Uitkomst", "violation (schending), no_violation (geen schending), inadmissible "
                      "(niet-ontvankelijk) of discontinued (beëindigd); alleen weglaten met verified: false als de "
                      "uitkomst niet gelezen is.", OUTCOMES, required_unless_unverified=True),
                _f("interim_measures", Kind.TEXT, "Voorlopige maatregelen",
                   "Of en welke voorlopige maatregelen zijn gevraagd of toegewezen."),
                _f("url", Kind.URL, "Document", "Link naar het officiële document (OHCHR)."),
            ),
            columns=("symbol", "adopted", "outcome"),
            head_fields=("url",),
            standing_rule=StandingRule.FIXED,
            standing="interpretation",
            cite=Cite("self", pinpoint="", title=CRC_COMMITTEE, kind="case", identifier=("symbol", "communication"),
                      forms=(CRC_COMMITTEE + " {adopted_nl}, {author} t. {state}, {symbol}", "{symbol}")),
            heading=CRC_COMMITTEE + " {adopted}, {author} t. {state}, {symbol}",
        ),
        RecordType(
            "gc_paragraph", "gc-paragraphs", "gc-paragrafen", "Paragraaf van een General Comment",
            "Paragrafen uit General Comments",
            "De uitleg van het VN-Kinderrechtencomité, per paragraaf samengevat in eigen woorden.",
            (
                _f("gc", Kind.INT, "General Comment", "Nummer van het General Comment (gelijk aan part_of).", required=True),
                _f("year", Kind.INT, "Jaar", "Jaar van het General Comment (gelijk aan part_of).", required=True),
                _f("paragraph", Kind.STR, "Paragraaf", "Paragraaf of reeks, bijv. 40 of 39-40.", required=True,
                   pattern=PARAGRAPHS_PATTERN, pattern_hint="een nummer of reeks, bijv. 40, 39-40 of 12, 18"),
            ),
            columns=("gc", "paragraph"),
            standing_rule=StandingRule.FIXED,
            standing="interpretation",
            cite=Cite("part", part_of="part_of", pinpoint="par. {paragraph}",
                      forms=("General Comment nr. {gc} ({year}), par. {paragraph}",)),
            sort_key="gc",
            sort_then="paragraph",
            heading="General Comment nr. {gc} ({year}), par. {paragraph}: {title}",
        ),
        # Issue 23: who asked for what, and what became of it. A call is a demand in our own words that
        # recommendations and observations of several bodies make (`calls`); a response is what an
        # addressee did with it (`answers`, with an `effect`). A call's status is never written: it is
        # derived from its responses (CALL_STATUS below).
        RecordType(
            "call", "calls", "oproepen", "Oproep", "Oproepen",
            "Dezelfde eis van verschillende instanties, in eigen woorden, met wie haar deed, wanneer, en wat "
            "ermee gebeurde.",
            (
                _f("text", Kind.TEXT, "Oproep", "De eis in eigen woorden, zo dat elke gekoppelde aanbeveling haar "
                   "(ten minste) doet.", required=True),
            ),
            head_fields=("text",),
            standing_rule=StandingRule.NONE,
        ),
        RecordType(
            "response", "responses", "reacties", "Reactie of maatregel", "Reacties en maatregelen",
            "Wat een geadresseerde (regering, COA, Nidos, een gemeente) met oproepen en aanbevelingen deed, "
            "elk met datum en vindplaats.",
            (
                _f("date", Kind.DATE, "Datum", "Datum van het document (JJJJ-MM-DD).", required=True),
                _f("document", Kind.STR, "Document", "Het document zoals het officieel heet, bijv. 'Kamerstukken II "
                   "2024/25, 19637, nr. 3400' of 'Stb. 2024, 12'; alleen wat je hebt gelezen.", required=True),
                _f("published_in", Kind.STR, "Officiële vindplaats", "Kamerstuknummer of Staatsblad, als dat "
                   "niet al in 'document' staat."),
                _f("url", Kind.URL, "Webadres", "Officiële vindplaats online (tweedekamer.nl, officielebekendmakingen.nl)."),
                _f("text", Kind.TEXT, "Wat de reactie doet", "In eigen woorden: wat er is toegezegd, besloten of "
                   "veranderd, en wat niet.", required=True),
            ),
            columns=("date",),
            head_fields=("text",),
            standing_rule=StandingRule.NONE,
            sort_key=None,
            heading="{title} ({date})",
        ),
    )
}


def _r(name, source_type, target_types, label, reverse_label, help, many=True, required=False, group_by=(),
       required_qualifiers=()):
    targets = (target_types,) if isinstance(target_types, str) else tuple(target_types)
    return Relation(name, source_type, targets, label, reverse_label, help, many, required, tuple(group_by),
                    tuple(required_qualifiers))


# Each relation once. A relation name may be declared for several source types
# (e.g. `sources`); a (source type, name) pair is unique.
RELATIONS: tuple[Relation, ...] = (
    _r("related", "article", "article", "Verwante artikelen", "Genoemd als verwant bij",
       "Artikelen die samen met dit artikel gelezen worden."),
    _r("interprets", "general_comment", "article", "Geeft uitleg bij", "Uitgelegd in General Comments",
       "Artikelen die dit General Comment uitlegt."),
    _r("concerns", "observation", "article", "Betreft artikelen", "Wat het VN-Comité Nederland vroeg",
       "Artikelen waarop deze slotbeschouwing betrekking heeft."),
    _r("legal_basis", "theme", ("article", "general_comment", "instrument", "provision"), "Juridisch kader",
       "Juridisch kader van thema's",
       "Artikelen, General Comments en andere verdragen of bepalingen die het juridisch kader van het thema vormen."),
    _r("theme", "risk", "theme", "Thema", "Situaties en risico's", "Het thema waartoe de situatie hoort.", many=False),
    _r("engages", "risk", "article", "Raakt aan rechten", "Situaties en risico's die dit recht raken",
       "Artikelen waarvan de uitoefening door deze situatie bedreigd wordt."),
    _r("theme", "recommendation", "theme", "Thema", "Aanbevelingen", "Het thema waartoe de aanbeveling hoort.",
       many=False),
    _r("implements", "recommendation", "article", "Dient rechten", "Aanbevelingen die dit recht dienen",
       "Artikelen die verwezenlijkt worden als de aanbeveling wordt uitgevoerd.", group_by=("sources", "theme")),
    _r("addresses", "recommendation", "risk", "Pakt risico's aan", "Aanbevelingen die dit aanpakken",
       "Situaties en risico's die de aanbeveling verkleint."),
    _r("addressed_to", "recommendation", "actor", "Gericht aan", "Aanbevelingen gericht aan deze actor",
       "Wie moet handelen. Gebruik implied: true als de bron de actor niet noemt."),
    _r("aligns_with", "recommendation", ("observation", "recommendation"), "Sluit aan bij",
       "Aanbevelingen die hierbij aansluiten",
       "Dezelfde oproep elders gedaan, bijv. door het VN-Comité."),
    _r("evidences", "fact", "risk", "Onderbouwt", "Feiten en cijfers", "Situaties en risico's die dit cijfer onderbouwt."),
    *(
        _r("rights", t, "article", "Rechten die hier in het bijzonder gelden", label,
           "Artikelen die voor deze groep of plek in het bijzonder gelden; zeg in why waarom, in eigen woorden "
           "en zonder meer te beweren dan de verdragstekst.")
        for t, label in (
            ("target_group", "Doelgroepen voor wie dit recht in het bijzonder geldt"),
            ("setting", "Opvangvormen waar dit recht in het bijzonder speelt"),
        )
    ),
    *(
        _r("target_groups", t, "target_group", "Doelgroepen", label, "Groepen kinderen waarop dit betrekking heeft.")
        for t, label in (
            ("theme", "Thema's voor deze doelgroep"),
            ("risk", "Situaties en risico's voor deze doelgroep"),
            ("recommendation", "Aanbevelingen voor deze doelgroep"),
        )
    ),
    *(
        _r("settings", t, "setting", "Opvangvormen", label, "Waar kinderen verblijven voor wie dit speelt.")
        for t, label in (
            ("risk", "Situaties en risico's op deze plek"),
            ("recommendation", "Aanbevelingen voor deze plek"),
            ("fact", "Feiten en cijfers over deze plek"),
        )
    ),
    *(
        _r("sources", t, "source", "Bronnen", label, "Waar dit vandaan komt, met vindplaats (section, page, paragraph).",
           required=t in ("risk", "fact", "recommendation"))
        for t, label in (
            ("theme", "Thema's uit deze bron"),
            ("risk", "Situaties en risico's uit deze bron"),
            ("recommendation", "Aanbevelingen uit deze bron"),
            ("fact", "Feiten uit deze bron"),
            ("observation", "Slotbeschouwingen in deze bron"),
            ("general_comment", "General Comments in deze bron"),
            ("actor", "Actoren genoemd in deze bron"),
            ("setting", "Opvangvormen beschreven in deze bron"),
        )
    ),
    # The legal layer. On article pages these reverse links are shown in SECTIONS (by jurisdiction).
    _r("instrument", "provision", "instrument", "Instrument", "Bepalingen in de kennisbank",
       "De wet, richtlijn of het verdrag waarin de bepaling staat.", many=False, required=True),
    *(
        _r("replaced_by", t, t, "Vervangen door", "Vervangt",
           "Het instrument of de bepaling die deze vervangt (bij vervallen recht); zeg in why hoe, bijv. welk "
           "artikel van de opvolger overeenkomt volgens de concordantietabel.")
        for t in ("instrument", "provision")
    ),
    _r("gives_effect", "provision", "article", "Geeft uitvoering aan", "Geeft uitvoering aan dit artikel",
       "IVRK-artikelen die deze bepaling (mede) uitvoert; zeg in why hoe, in eigen woorden."),
    _r("touches", "provision", "article", "Raakt aan", "Raakt aan dit artikel",
       "IVRK-artikelen die deze bepaling raakt of beperkt zonder ze uit te voeren; zeg in why hoe."),
    _r("provisions", "risk", "provision", "Wettelijke bepalingen", "Situaties en risico's die deze bepaling raken",
       "Bepalingen waar de situatie om draait: de regel die haar mogelijk maakt of die bescherming zou moeten bieden."),
    _r("changes", "recommendation", ("provision", "instrument"), "Vraagt om wijziging van",
       "Aanbevelingen die om wijziging of behoud van deze bepaling vragen",
       "Bepalingen of regelingen die de aanbeveling wil wijzigen, aanvullen of (bij intrekking) behouden; zeg in why welke."),
    _r("based_on", "recommendation", ("provision", "instrument"), "Steunt op", "Aanbevelingen die hierop steunen",
       "Bepalingen of regelingen waarop de aanbeveling steunt zonder om wijziging te vragen (bijv. een termijn "
       "die al geldt); zeg in why wat de bepaling bijdraagt."),
    _r("applies", "ruling", ("article", "provision"), "Past toe", "Toegepast in uitspraken",
       "IVRK-artikelen en bepalingen die de uitspraak toepast of bespreekt."),
    _r("recognises_direct_effect", "ruling", "article", "Erkent rechtstreekse werking van",
       "Uitspraken die rechtstreekse werking erkennen",
       "Artikelen waarvan de uitspraak (een deel) rechtstreeks toepasbaar acht; zeg in why welk deel."),
    _r("denies_direct_effect", "ruling", "article", "Wijst rechtstreekse werking af van",
       "Uitspraken die rechtstreekse werking afwijzen",
       "Artikelen waarvan de uitspraak oordeelt dat ze (een deel) niet rechtstreeks toepasbaar zijn; zeg in why welk deel."),
    # Issue 22: case law per article and per situation.
    _r("relevant_to", "ruling", "article", "Van belang voor", "Uitspraken van belang voor dit artikel",
       "IVRK-artikelen die de uitspraak niet toepast maar wel uitlegt of raakt (bijv. het EHRM dat art. 3 EVRM leest "
       "in het licht van het IVRK); zeg in why hoe."),
    _r("risks", "ruling", "risk", "Situaties", "Rechtspraak bij deze situatie",
       "Situaties en risico's waarvoor de uitspraak van belang is; zeg in why waarom."),
    _r("invokes", "view", "article", "Ingeroepen artikelen", "Ingeroepen bij het VN-Kinderrechtencomité",
       "Artikelen waarop de indiener zich beriep; zeg in why waarvoor."),
    _r("violated", "view", "article", "Schending vastgesteld van", "Schending vastgesteld door het VN-Kinderrechtencomité",
       "Artikelen die het Comité geschonden achtte; zeg in why waarom."),
    _r("not_violated", "view", "article", "Geen schending (of niet afzonderlijk onderzocht) van",
       "Geen schending vastgesteld door het VN-Kinderrechtencomité",
       "Artikelen waarvan het Comité geen schending vaststelde of die het niet afzonderlijk onderzocht; zeg in why welke van de twee."),
    _r("risks", "view", "risk", "Situaties", "Uitspraken van het VN-Kinderrechtencomité bij deze situatie",
       "Situaties en risico's waarvoor de uitspraak van belang is; zeg in why waarom."),
    _r("part_of", "gc_paragraph", "general_comment", "Uit", "Paragrafen in de kennisbank",
       "Het General Comment waaruit de paragraaf komt.", many=False, required=True),
    _r("interprets", "gc_paragraph", "article", "Geeft uitleg bij", "Uitleg van het VN-Comité per paragraaf",
       "Artikelen die deze paragraaf uitlegt; zeg in why wat de paragraaf over het artikel zegt.", required=True),
    # Issue 23: calls, responses and who issued a source.
    *(
        _r("calls", t, "call", "Oproep", label,
           "De oproep(en) die deze aanbeveling doet: dezelfde eis als andere instanties, in eigen woorden.")
        for t, label in (("recommendation", "Aanbevelingen met deze oproep"),
                         ("observation", "Slotbeschouwingen met deze oproep"))
    ),
    _r("themes", "call", "theme", "Thema's", "Oproepen binnen dit thema", "De thema's waar de oproep bij hoort."),
    _r("issued_by", "source", "actor", "Uitgebracht door", "Bronnen van deze instantie",
       "De instantie die het document uitbracht (het VN-Comité, een inspectie, een ngo): zij doet de aanbevelingen "
       "erin.", many=False),
    _r("by", "response", "actor", "Door", "Reacties en maatregelen van deze actor",
       "Wie reageerde of de maatregel nam (de regering, een ministerie, het COA, Nidos, een gemeente).", many=False,
       required=True),
    _r("answers", "response", ("call", "recommendation", "observation"), "Reageert op", "Reacties en maatregelen",
       "De oproepen en aanbevelingen waarop dit een reactie is, elk met effect: toegezegd, gedeeltelijk_uitgevoerd, "
       "uitgevoerd, afgewezen of teruggedraaid.", required=True, required_qualifiers=("effect",)),
    _r("sources", "response", "source", "Bronnen", "Reacties en maatregelen uit deze bron",
       "Een bronrecord van het document zelf, als dat er is."),
)

@dataclass(frozen=True)
class Path:
    """A section on pages of `type_name` listing records reached by following `steps`.

    Each step is ("in" | "out", relation name): "in" walks a link backwards.
    """

    type_name: str
    label: str
    steps: tuple[tuple[str, str], ...]
    target_type: str  # the type of the records it reaches (its index lists the rest of a capped section)


PATHS: tuple[Path, ...] = (
    Path("article", "Feiten en cijfers bij situaties die dit recht raken", (("in", "engages"), ("in", "evidences")),
         "fact"),
    Path("risk", "Uitleg van het VN-Comité bij deze rechten", (("out", "engages"), ("in", "interprets")),
         "gc_paragraph"),
    Path("theme", "Uitleg van het VN-Comité bij dit kader", (("out", "legal_basis"), ("in", "interprets")),
         "gc_paragraph"),
    Path("theme", "Rechtspraak bij de situaties van dit thema", (("in", "theme"), ("in", "risks")), "ruling"),
    Path("theme", "Uitspraken van het VN-Kinderrechtencomité bij de situaties van dit thema",
         (("in", "theme"), ("in", "risks")), "view"),
)

# Client-side filters on index pages: relation (or "standing") and its Dutch label.
FACETS: tuple[tuple[str, str], ...] = (
    ("implements", "Artikel"),
    ("target_groups", "Doelgroep"),
    ("theme", "Thema"),
    ("addressed_to", "Actor"),
    ("settings", "Opvangvorm"),
    ("standing", "Juridische status"),
    ("instrument", "Instrument"),
    ("jurisdiction", "Rechtsorde"),  # a field: its choice labels name the options
    ("part_of", "General Comment"),
    ("interprets", "Uitgelegd artikel"),
    ("forum", "Forum"),  # a field; a view, which has none, counts as the forum of its type (CASE_LAW_FACETS)
    ("case_article", "Artikel"),
    ("outcome", "Uitkomst"),
    ("year", "Jaar"),
    ("calls", "Oproep"),
    ("themes", "Thema"),
    ("by", "Door"),
)


@dataclass(frozen=True)
class DerivedFacet:
    """An index filter computed from a record: the targets of several relations (`relations`), the year of its
    first date field (`year_of`), or a field whose absence counts as the record's type (`or_type`)."""

    name: str
    relations: tuple[str, ...] = ()
    year_of: tuple[str, ...] = ()
    field: str = ""


# The case-law index filters rulings and the Committee's views alike (issue 22).
CASE_LAW_FACETS: dict[str, DerivedFacet] = {f.name: f for f in (
    DerivedFacet("case_article", relations=("applies", "relevant_to", "recognises_direct_effect",
                                            "denies_direct_effect", "invokes", "violated", "not_violated")),
    DerivedFacet("year", year_of=("date", "adopted")),
    DerivedFacet("forum", field="forum"),
)}
CASE_LAW_TYPES = ("ruling", "view")  # the facets above apply to these; the ruling index lists both
CASE_LAW_COLUMNS = {"date": "adopted", "court_short": "court_short"}  # a ruling's index column -> a view's field


@dataclass(frozen=True)
class Section:
    """On pages of `type_name`, a section `label` listing the records whose links of `relations` ((source
    type, relation) pairs) end at the page's record, instead of those relations' own reverse sections.
    `where` = (field, values) keeps linking records whose field has one of the values. When more than
    one relation has links, they are grouped under the relations' reverse labels."""

    type_name: str
    label: str
    relations: tuple[tuple[str, str], ...]
    where: tuple[str, tuple[str, ...]] | None = None
    # Case law (issue 22): one item per linking record, grouped by this field's labels (a record without the
    # field under its type's plural), newest first by the first of `dates` it has, with `detail` fields shown.
    group: str = ""
    dates: tuple[str, ...] = ()
    detail: tuple[str, ...] = ()


# the most telling link first: its why is the one shown; every relation a case has is named beside it
_CASES = (("ruling", "recognises_direct_effect"), ("ruling", "denies_direct_effect"), ("ruling", "applies"),
          ("ruling", "relevant_to"), ("view", "violated"), ("view", "not_violated"), ("view", "invokes"))
_CASE_DISPLAY = dict(group="forum", dates=("date", "adopted"), detail=("holding", "outcome", "subject"))
_LAW = (("provision", "gives_effect"), ("provision", "touches"))
SECTIONS: tuple[Section, ...] = (
    Section("article", "Nederlands recht", _LAW, ("jurisdiction", ("nl",))),
    Section("article", "EU-recht en EVRM", _LAW, ("jurisdiction", ("eu", "coe"))),
    Section("article", "Andere verdragen", _LAW, ("jurisdiction", ("un",))),
    Section("article", "Rechtspraak", _CASES, **_CASE_DISPLAY),
    Section("risk", "Rechtspraak bij deze situatie", (("ruling", "risks"), ("view", "risks")), **_CASE_DISPLAY),
)


@dataclass(frozen=True)
class SupportRule:
    """A field value that links to the record must bear out: a `type_name` record may have `value` in
    `field` only when a link of each relation in `needs` ends at it and none of `excludes` does."""

    type_name: str
    field: str
    value: str
    needs: tuple[tuple[str, str], ...]
    excludes: tuple[tuple[str, str], ...] = ()


_RECOGNISES, _DENIES = ("ruling", "recognises_direct_effect"), ("ruling", "denies_direct_effect")
SUPPORT_RULES: tuple[SupportRule, ...] = (
    SupportRule("article", "direct_effect", "recognised", (_RECOGNISES,), (_DENIES,)),
    SupportRule("article", "direct_effect", "not_recognised", (_DENIES,), (_RECOGNISES,)),
    SupportRule("article", "direct_effect", "mixed", (_RECOGNISES, _DENIES)),
)


@dataclass(frozen=True)
class MatchRule:
    """`field` of a `type_name` record must equal `target_field` of the record it links to under `relation`."""

    type_name: str
    field: str
    relation: str
    target_field: str


MATCH_RULES: tuple[MatchRule, ...] = (
    MatchRule("provision", "jurisdiction", "instrument", "jurisdiction"),
    MatchRule("gc_paragraph", "gc", "part_of", "number"),
    MatchRule("gc_paragraph", "year", "part_of", "year"),
)


@dataclass(frozen=True)
class StatusRule:
    """A status that is derived, never written: on a `type_name` record, the `qualifier` of the link of the
    latest (by `date_field`, then id) record reached by one of `routes` (steps as in Path; the last step's
    links carry the qualifier). No such record: no status ("geen reactie bekend")."""

    type_name: str
    label: str
    routes: tuple[tuple[tuple[str, str], ...], ...]
    qualifier: str
    date_field: str
    none_label: str


# Issue 23: a call's status is its latest response's effect: a response to the call itself, or to one of
# the recommendations or observations that make it.
CALL_STATUS = StatusRule("call", "Stand van zaken", ((("in", "answers"),), (("in", "calls"), ("in", "answers"))),
                         "effect", "date", "geen reactie bekend")
# Who made a recommendation or observation: the issuer of its first listed source (or that source's author).
BODY_STEPS = (("out", "sources"), ("out", "issued_by"))
# On a recommendation's or observation's page: the others that make the same call.
ALSO_ASKED = ("Ook gevraagd door", (("out", "calls"), ("in", "calls")))


@dataclass(frozen=True)
class GuideRoute:
    """Wegwijzer: how a chosen target group, setting or situation leads to an article."""

    start_type: str
    steps: tuple[tuple[str, str], ...]  # as in Path; the last step must reach an article
    weight: int  # how strongly this route makes the article apply


# The wegwijzer's choices: the record types a reader can tick (in the order the form shows them), and at
# most how many of each a description may tick by itself (kb-match.js inferChoices).
GUIDE_CHOICES: dict[str, int] = {"target_group": 3, "setting": 2, "risk": 3}

# What an article covers, in the words of the records around it (issue 24): the wegwijzer's text index adds
# to an article the given field of every record that links to it with the relation, at the weight given
# (textsearch.FIELD_WEIGHTS: a title counts 3). So a situation no risk describes still reaches the article
# through the subjects of its General Comment paragraphs, of Committee Views and of the provisions that give
# effect to it. A relation that does not exist (yet) is skipped.
GUIDE_COVERAGE: tuple[tuple[str, str, float], ...] = (
    ("interprets", "title", 1.0),
    ("interprets", "summary", 0.25),
    ("gives_effect", "title", 1.0),
    ("touches", "title", 0.5),
    ("concerns", "title", 0.5),
    ("violated", "subject", 1.0),  # a Committee view: what the case was about
    ("not_violated", "subject", 0.5),
    ("invokes", "subject", 0.5),
    ("applies", "holding", 0.25),  # a ruling: what the court held
    ("relevant_to", "holding", 0.25),
)

GUIDE_ROUTES: tuple[GuideRoute, ...] = (
    GuideRoute("risk", (("out", "engages"),), 4),
    GuideRoute("target_group", (("out", "rights"),), 4),
    GuideRoute("setting", (("out", "rights"),), 3),
    GuideRoute("target_group", (("in", "target_groups"), ("out", "engages")), 2),
    GuideRoute("target_group", (("in", "target_groups"), ("out", "legal_basis")), 2),
    GuideRoute("target_group", (("in", "target_groups"), ("out", "implements")), 1),
    GuideRoute("setting", (("in", "settings"), ("out", "engages")), 1),
    GuideRoute("setting", (("in", "settings"), ("out", "implements")), 1),
)

RELATIONS_BY_TYPE: dict[str, dict[str, Relation]] = {t: {} for t in RECORD_TYPES}
for _rel in RELATIONS:
    assert _rel.name not in RELATIONS_BY_TYPE[_rel.source_type], _rel
    assert all(t in RECORD_TYPES for t in (_rel.source_type, *_rel.target_types)), _rel
    RELATIONS_BY_TYPE[_rel.source_type][_rel.name] = _rel


# Attributes every graph node has besides its fields; a field of that name would be overwritten.
NODE_ATTRIBUTES = ("type", "path", "id")


def _check_declarations() -> None:
    """Mistakes in the declarations above fail when the model loads, not on some page later."""
    for t in RECORD_TYPES.values():
        names = [f.name for f in (*COMMON_FIELDS, *t.fields)]
        clash = set(names) & set(NODE_ATTRIBUTES)
        if clash or len(names) != len(set(names)):
            raise ValueError(f"record type {t.name}: field names clash: {sorted(clash) or names}")
        for name in (*t.columns, *t.head_fields):
            if name not in names:
                raise ValueError(f"record type {t.name}: unknown field {name!r} in columns or head_fields")
        if t.standing_rule is StandingRule.FIXED and t.standing not in STANDINGS:
            raise ValueError(f"record type {t.name}: fixed standing {t.standing!r} is not a standing")
    relation_names = {r.name for r in RELATIONS}
    enum_fields = {f.name for t in RECORD_TYPES.values() for f in t.fields if f.kind is Kind.ENUM}
    for name, _ in FACETS:
        if name != "standing" and name not in relation_names and name not in enum_fields and name not in CASE_LAW_FACETS:
            raise ValueError(f"facet {name!r} is neither 'standing', a relation nor a field with choices")
    for t in RECORD_TYPES.values():
        for f in t.fields:
            if f.labels and len(f.labels) != len(f.choices):
                raise ValueError(f"record type {t.name}: field {f.name} has {len(f.labels)} labels for "
                                 f"{len(f.choices)} choices")
            if f.required_if and f.required_if[0] not in {g.name for g in t.fields}:
                raise ValueError(f"record type {t.name}: field {f.name} is required_if an unknown field")
            if f.year_of and (f.year_of not in {g.name for g in t.fields} or "(?P<year>" not in f.pattern):
                raise ValueError(f"record type {t.name}: field {f.name}: year_of needs a date field and a year group")
            if f.pattern_by and f.pattern_by[0] not in {g.name for g in t.fields}:
                raise ValueError(f"record type {t.name}: field {f.name}: pattern_by names an unknown field")
            if f.agrees_with and (f.agrees_with[0] not in {g.name for g in t.fields} or "(?P<" not in f.pattern):
                raise ValueError(f"record type {t.name}: field {f.name}: agrees_with needs a field and named groups")
        for name in t.required_any:
            if name not in {r.name for r in RELATIONS if r.source_type == t.name}:
                raise ValueError(f"record type {t.name}: required_any names an unknown relation {name!r}")
        if t.cite and t.cite.via == "part" and t.cite.part_of not in {
                r.name for r in RELATIONS if r.source_type == t.name and not r.many}:
            raise ValueError(f"record type {t.name}: cite part_of must be a single link of the type")
    pairs = {(r.source_type, r.name) for r in RELATIONS}
    for sec in SECTIONS:
        for pair in sec.relations:
            if pair not in pairs or sec.type_name not in next(r for r in RELATIONS if (r.source_type, r.name) == pair).target_types:
                raise ValueError(f"{sec}: {pair} is not a relation to {sec.type_name}")
    for rule in SUPPORT_RULES:
        if rule.value not in next(f for f in RECORD_TYPES[rule.type_name].fields if f.name == rule.field).choices:
            raise ValueError(f"{rule}: {rule.value!r} is not a choice of {rule.field}")
        if not set(rule.needs + rule.excludes) <= pairs:
            raise ValueError(f"{rule}: unknown relation")
    for rule in MATCH_RULES:
        rel = next((r for r in RELATIONS if (r.source_type, r.name) == (rule.type_name, rule.relation)), None)
        if rel is None or rel.many:
            raise ValueError(f"{rule}: needs a single link")
    for q in QUALIFIERS.values():
        if not set(q.relations) <= pairs or (q.kind is Kind.ENUM) != bool(q.choices) or len(q.labels) not in (0, len(q.choices)):
            raise ValueError(f"qualifier {q.name}: unknown relation, or choices that do not fit its kind")
    for r in RELATIONS:
        for name in r.required_qualifiers:
            q = QUALIFIERS.get(name)
            if q is None or (q.relations and (r.source_type, r.name) not in q.relations):
                raise ValueError(f"relation {r.source_type}.{r.name}: requires qualifier {name!r} it may not carry")
    for route in CALL_STATUS.routes:
        for direction, relation in route:
            if direction not in ("in", "out") or relation not in relation_names:
                raise ValueError(f"CALL_STATUS: unknown step ({direction!r}, {relation!r})")
    for p in (*PATHS, *GUIDE_ROUTES):
        for direction, relation in p.steps:
            if direction not in ("in", "out") or relation not in relation_names:
                raise ValueError(f"{p}: unknown step ({direction!r}, {relation!r})")
    for p in PATHS:
        if p.type_name not in RECORD_TYPES or p.target_type not in RECORD_TYPES:
            raise ValueError(f"{p}: unknown record type")


_check_declarations()

# Ids no record and no alias may have, because the site writes a page or folder of that name: `index`
# is the index page of every type (a record `index` would replace it); the rest are what `kb build`
# writes at the site's top level (render.Pages.site_pages, the theme's folders, MkDocs, Material and
# Pagefind) and the types' URL segments. tests/test_hostile.py checks the list against site_pages.
SITE_NAMES = frozenset({
    "index", "404", "assets", "partials", "main", "search", "pagefind", "sitemap", "feed", "wegwijzer",
    "wijzigingen", "data", "zoekindex", "javascripts", "stylesheets", "images", "verwijzingen",
    "kennisbank",  # data/kennisbank.* (the exports)
    "monitor",  # issue 23: the Monitor page and the calls' feeds (monitor/<call>.xml)
    *(t.slug for t in RECORD_TYPES.values()),
})
# Names Windows cannot give a file: a record of that name could not be checked out there.
WINDOWS_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                           *(f"lpt{i}" for i in range(1, 10))})
RESERVED_IDS = SITE_NAMES | WINDOWS_NAMES


@functools.cache
def fields_of(type_name: str) -> dict[str, Field]:
    """All fields of a type, common ones first, by name (one shared dict: do not change it)."""
    t = RECORD_TYPES[type_name]
    return {f.name: f for f in (*COMMON_FIELDS, *t.fields)}


def allowed_keys(type_name: str) -> list[str]:
    return [*fields_of(type_name), *RELATIONS_BY_TYPE[type_name]]


def incoming(type_name: str) -> list[Relation]:
    """Relations whose links may end at a record of this type (for reverse sections)."""
    return [r for r in RELATIONS if type_name in r.target_types]


def url_of(type_name: str, record_id: str) -> str:
    """Site-relative URL of a record page, e.g. artikelen/ivrk-22/."""
    return f"{RECORD_TYPES[type_name].slug}/{record_id}/"


# -- Time in the law (issue 21) ---------------------------------------------------------------------------
# Whether an instrument or provision applies on a date, from its TIME_FIELDS. Everything that says so
# (pages, index tables, the wegwijzer's data, kb validate, kb wetcheck) asks `law_status`.
LAW_STATUSES: dict[str, str] = {
    "applies": "geldend",
    "not_yet": "nog niet van toepassing",
    "ceased": "vervallen",
}
LAW_TYPES = ("instrument", "provision")  # the record types that have a status in time


def day_of(value) -> str:
    """A DATE value as the first day it names: 2026 -> 2026-01-01, 2026-06 -> 2026-06-01."""
    text = str(value)
    return text + "-01-01" if len(text) == 4 else text + "-01" if len(text) == 7 else text


def law_status(fields: dict, on: str, inherited: dict | None = None) -> str | None:
    """"applies", "not_yet" or "ceased" on date `on` (YYYY-MM-DD) for an instrument or provision; None for
    other records. A provision's own dates count first; those it lacks are its instrument's (`inherited`):
    a provision of a repealed directive has ceased with it."""
    if fields.get("type", "instrument") not in LAW_TYPES:
        return None
    inherited = inherited or {}

    def get(name):
        return fields.get(name) or inherited.get(name)

    ceased = get("ceased_from")
    start = get("applies_from") or get("entry_into_force")
    if ceased and day_of(ceased) <= on:
        return "ceased"
    if start and day_of(start) > on:
        return "not_yet"
    return "applies"
