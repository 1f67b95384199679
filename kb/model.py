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


KIND_DUTCH = {
    Kind.STR: "tekst (één regel)",
    Kind.TEXT: "tekst",
    Kind.INT: "geheel getal",
    Kind.NUMBER: "getal",
    Kind.DATE: "datum (JJJJ, JJJJ-MM of JJJJ-MM-DD)",
    Kind.URL: "webadres (https://…)",
    Kind.BOOL: "true of false",
    Kind.ENUM: "een van de vaste waarden",
    Kind.STRLIST: "lijst van teksten",
}

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


@dataclass(frozen=True)
class Qualifier:
    name: str
    kind: Kind
    label: str
    help: str
    show: str = "{}"  # how a locator is written on pages and in citations, e.g. "p. {}"


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

COMMITTEE = "VN-Comité voor de Rechten van het Kind"


@dataclass(frozen=True)
class Cite:
    """How the pages of a record type are cited (the citation line and its downloads).

    via "source": the record is cited as part of its first listed source (YAML order);
    via "self": the record is the document (`title`, `author`, `kind` format its fields, empty = its own);
    via "treaty": the record is part of the treaty (the source of kind "treaty").
    `pinpoint` (formatted with the record's fields and `label`) says where in the document it is."""

    via: str
    pinpoint: str = "{label} ‘{title}’"
    title: str = ""
    author: str = ""
    kind: str = ""
    forms: tuple[str, ...] = ()  # short forms to copy, formatted with the record's fields (empty ones are left out)


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


def _f(name, kind, label, help, required=False, choices=()):
    return Field(name, kind, label, help, required, tuple(choices))


# Fields every record has. All but `aliases` are shown at the top of every page (record.md.j2).
COMMON_HEAD = ("title", "summary", "verified", "verification_note")
COMMON_FIELDS = (
    _f("title", Kind.STR, "Titel", "Korte titel in het Nederlands.", required=True),
    _f("summary", Kind.TEXT, "Samenvatting", "Samenvatting in eigen woorden; citeer geen lange stukken tekst."),
    _f("verified", Kind.BOOL, "Geverifieerd", "false als een gegeven of vindplaats niet bevestigd kon worden."),
    _f("verification_note", Kind.TEXT, "Toelichting verificatie", "Wat niet bevestigd is en waarom."),
    _f("aliases", Kind.STRLIST, "Eerdere ids", "Oude ids na een hernoeming; oude links en URL's blijven werken."),
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
                   tuple(SOURCE_KINDS)),
                _f("standing", Kind.ENUM, "Juridische status", "Gewicht van de bron.", True, tuple(STANDINGS)),
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
    )
}


def _r(name, source_type, target_types, label, reverse_label, help, many=True, required=False, group_by=()):
    targets = (target_types,) if isinstance(target_types, str) else tuple(target_types)
    return Relation(name, source_type, targets, label, reverse_label, help, many, required, tuple(group_by))


# Each relation once. A relation name may be declared for several source types
# (e.g. `sources`); a (source type, name) pair is unique.
RELATIONS: tuple[Relation, ...] = (
    _r("related", "article", "article", "Verwante artikelen", "Genoemd als verwant bij",
       "Artikelen die samen met dit artikel gelezen worden."),
    _r("interprets", "general_comment", "article", "Geeft uitleg bij", "Uitgelegd in General Comments",
       "Artikelen die dit General Comment uitlegt."),
    _r("concerns", "observation", "article", "Betreft artikelen", "Wat het VN-Comité Nederland vroeg",
       "Artikelen waarop deze slotbeschouwing betrekking heeft."),
    _r("legal_basis", "theme", ("article", "general_comment"), "Juridisch kader", "Juridisch kader van thema's",
       "Artikelen en General Comments die het juridisch kader van het thema vormen."),
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
)

# Client-side filters on index pages: relation (or "standing") and its Dutch label.
FACETS: tuple[tuple[str, str], ...] = (
    ("implements", "Artikel"),
    ("target_groups", "Doelgroep"),
    ("theme", "Thema"),
    ("addressed_to", "Actor"),
    ("settings", "Opvangvorm"),
    ("standing", "Juridische status"),
)


@dataclass(frozen=True)
class GuideRoute:
    """Wegwijzer: how a chosen target group, setting or situation leads to an article."""

    start_type: str
    steps: tuple[tuple[str, str], ...]  # as in Path; the last step must reach an article
    weight: int  # how strongly this route makes the article apply


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
    for name, _ in FACETS:
        if name != "standing" and name not in relation_names:
            raise ValueError(f"facet {name!r} is neither 'standing' nor a relation")
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
    "wijzigingen", "data", "javascripts", "stylesheets", "images",
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
