"""Legal standing and citations, as a lawyer copies them: the rule per record type comes from the
model, the citation from the record's first listed source, and every download is read back with
the library its users use (rispy for RIS, bibtexparser for BibTeX, citeproc-py for CSL-JSON)."""

from __future__ import annotations

import base64
import html
import json
import re

import bibtexparser
import pytest
import rispy
from bibtexparser.bparser import BibTexParser
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from kb import citation, model
from kb.graph import Neighbours, build_graph
from kb.render import Pages
from kb.validate import load_kb

ACCESSED = "2026-11-30"

# The minimal KB plus: a second source of another standing listed FIRST on the risk (its id sorts
# last, so only the YAML order can put it first), a setting, a treaty source and an article URL.
EXTRA = {
    "sources/zz-inspectie.yaml": """
        title: Toezicht op de opvang
        kind: report
        standing: finding
        author: Inspectie Justitie en Veiligheid
        date: 2024-05
        url: https://example.org/rapport?a=1&b=2
    """,
    "sources/verdrag.yaml": """
        title: Verdrag inzake de rechten van het kind
        kind: treaty
        standing: treaty
        place: New York
        date: 1989-11-20
        published_in: Trb. 1990, 170
        url: https://example.org/verdrag
    """,
    "risks/risico-a.yaml": """
        title: Verdwijning uit de opvang
        theme: thema-a
        engages:
          - id: ivrk-22
            why: Bescherming ontbreekt.
        sources:
          - id: zz-inspectie
            page: 12
            footnote: '4'
          - id: bron-a
            page: 3
    """,
    "settings/azc.yaml": "title: Azc\n",
    "instruments/wet-a.yaml": """
        title: Jeugdwet
        short_title: Jeugdwet
        form: act
        jurisdiction: nl
        bwb: BWBR0034925
        url: https://example.org/jeugdwet
    """,
    "provisions/wet-a-1.yaml": """
        title: Reikwijdte voor vreemdelingen
        article: '1.3'
        lid: '2'
        cite_as: art. 1.3 lid 2 Jeugdwet
        jurisdiction: nl
        instrument: wet-a
        touches:
          - id: ivrk-22
            why: Jeugdhulp voor kinderen met rechtmatig verblijf.
    """,
    "rulings/uitspraak-a.yaml": """
        title: Geen rechtstreekse werking
        ecli: ECLI:NL:RVS:2007:AZ9524
        forum: nl
        court: Afdeling bestuursrechtspraak van de Raad van State
        court_short: ABRvS
        date: 2007-02-15
        applies: [ivrk-22]
    """,
    "rulings/echr-a.yaml": """
        title: Bewaring van een gezin met kinderen
        forum: echr
        court: Europees Hof voor de Rechten van de Mens
        court_short: EHRM
        date: 2012-01-19
        case_number: 39472/07 en 39474/07
        parties: Popov t. Frankrijk
        holding: Bewaring van jonge kinderen in een ongeschikt centrum schond art. 3 EVRM.
        url: https://example.org/popov
        relevant_to:
          - id: ivrk-22
            why: Het Hof leest de bescherming van kinderen mede in het licht van het verdrag.
    """,
    "rulings/cjeu-a.yaml": """
        title: Sanctie op opvang
        ecli: ECLI:EU:C:2019:956
        forum: cjeu
        court: Hof van Justitie van de Europese Unie
        court_short: HvJ EU
        date: 2019-11-12
        case_number: C-233/18
        parties: Haqbin
        applies: [ivrk-22]
    """,
    "views/crc-79-11-2017.yaml": """
        title: N.B.F. t. Spanje
        symbol: CRC/C/79/D/11/2017
        communication: 11/2017
        author: N.B.F.
        state: Spanje
        adopted: 2018-09-27
        outcome: violation
        url: https://example.org/al
        violated:
          - id: ivrk-22
            why: Geen passende bescherming van een kind dat zegt minderjarig te zijn.
    """,
    "gc-paragraphs/gc-6-par-40.yaml": """
        title: Opvang
        gc: 6
        year: 2005
        paragraph: '40'
        part_of: gc-6
        interprets:
          - id: ivrk-22
            why: Opvang van alleenstaande kinderen.
    """,
    "articles/ivrk-22.yaml": """
        title: Minderjarige vluchtelingen
        number: 22
        part: I
        url_nl: https://example.org/verdrag#Artikel22
    """,
    # issue 23: a call (our own words, no standing) and a response (what an addressee did; cited in the
    # onderbouwing, not as a document of the knowledge base)
    "calls/oproep-a.yaml": "title: Kleinschalige opvang\ntext: Vang kinderen kleinschalig op.\n",
    "recommendations/aanbeveling-b.yaml": """
        title: Kleinschalig
        text: Kleinschalige opvang.
        sources: [zz-inspectie]
        calls: [oproep-a]
    """,
    "responses/reactie-a.yaml": """
        title: Toezegging
        date: 2024-01-26
        document: Kamerstukken II 2023/24, 19637, nr. 1
        text: De staatssecretaris zegt kleinschalige opvang toe.
        by: coa
        answers:
          - id: oproep-a
            effect: toegezegd
    """,
}


@pytest.fixture
def pages(make_kb):
    kb = load_kb(make_kb(EXTRA))
    assert not kb.problems, kb.problems
    return Pages(build_graph(kb), accessed=ACCESSED)


def badges(md: str) -> str:
    return html.unescape(re.search(r'<p class="kb-badges">(.*?)</p>', md, re.S).group(1))


def standing_labels(md: str) -> list[str]:
    return re.findall(r'class="kb-standing kb-standing--[a-z-]+"[^>]*>([^<]*)<', badges(md))


# Per record type: which record shows it and the standing labels its page must carry, in order.
EXPECTED = {
    "article": ("ivrk-22", [model.OWN_WORDS]),
    "general_comment": ("gc-6", [model.STANDINGS["interpretation"].label]),
    "observation": ("co-nld-2022-38e", [model.STANDINGS["interpretation"].label]),
    "source": ("zz-inspectie", [model.STANDINGS["finding"].label]),
    "risk": ("risico-a", [model.STANDINGS["finding"].label + " — Inspectie Justitie en Veiligheid",
                          "ook: " + model.STANDINGS["advocacy"].label + " — Defence for Children Nederland"]),
    "theme": ("thema-a", [model.STANDINGS["advocacy"].label + " — Defence for Children Nederland"]),
    "fact": ("feit-a", [model.STANDINGS["advocacy"].label + " — Defence for Children Nederland"]),
    "recommendation": ("aanbeveling-a", [model.STANDINGS["advocacy"].label + " — Defence for Children Nederland"]),
    "actor": ("coa", []),
    "target_group": ("amv", []),
    "setting": ("azc", []),
    "instrument": ("wet-a", [model.OWN_WORDS]),
    "provision": ("wet-a-1", [model.OWN_WORDS]),
    "ruling": ("uitspraak-a", [model.STANDINGS["caselaw"].label]),
    "gc_paragraph": ("gc-6-par-40", [model.STANDINGS["interpretation"].label]),
    "view": ("crc-79-11-2017", [model.STANDINGS["interpretation"].label]),
    "call": ("oproep-a", []),
    "response": ("reactie-a", []),
}


def test_every_record_type_has_an_expected_standing():
    assert set(EXPECTED) == set(model.RECORD_TYPES)


@pytest.mark.parametrize("type_name", sorted(EXPECTED))
def test_standing_badges_follow_the_rule_of_the_record_type(pages, type_name):
    node, labels = EXPECTED[type_name]
    assert pages.g.nodes[node]["type"] == type_name
    assert standing_labels(pages.record_page(node)) == labels


def test_article_summary_is_ours_and_the_official_text_is_binding(pages):
    md = html.unescape(pages.record_page("ivrk-22"))
    assert "Verdragstekst (bindend)" not in badges(md)
    link = re.search(r'<p class="kb-texts">(.*?)</p>', md, re.S).group(1)
    assert 'href="https://example.org/verdrag#Artikel22"' in link and "Verdragstekst (bindend)" in link


def cite_line(md: str) -> str:
    return html.unescape(re.search(r'<p class="kb-cite-line">(.*?)</p>', md).group(1))


def test_citation_names_the_first_listed_source_and_the_record_type(pages):
    line = cite_line(pages.record_page("risico-a"))
    assert line == ("Inspectie Justitie en Veiligheid, ‘Toezicht op de opvang’, mei 2024, p. 12, voetnoot 4 "
                    "(situatie of risico ‘Verdwijning uit de opvang’), https://example.org/rapport?a=1&b=2 "
                    "(geraadpleegd op 30 november 2026).")
    assert "(feit ‘Verdwenen kinderen 2023’)" in cite_line(pages.record_page("feit-a"))
    assert "(aanbeveling 1 ‘Kleinschalige opvang’)" in cite_line(pages.record_page("aanbeveling-a"))
    assert "(thema ‘Uitbuiting’)" in cite_line(pages.record_page("thema-a"))


def test_committee_documents_are_cited_as_the_committee_with_symbol_and_paragraph(pages):
    assert cite_line(pages.record_page("gc-6")) == (
        "VN-Comité voor de Rechten van het Kind, General Comment nr. 6 (2005), CRC/GC/2005/6.")
    # the observation is cited through its source, pinpointed to its own paragraph
    assert cite_line(pages.record_page("co-nld-2022-38e")).startswith(
        "Defence for Children Nederland, ‘Position paper’, 25 augustus 2025, par. 38(e)")


def test_article_is_cited_as_part_of_the_treaty_with_its_official_publication(pages):
    assert cite_line(pages.record_page("ivrk-22")) == (
        "Verdrag inzake de rechten van het kind, New York, 20 november 1989, Trb. 1990, 170, art. 22, "
        "https://example.org/verdrag#Artikel22 (geraadpleegd op 30 november 2026).")
    forms = re.findall(r"<li><code>(.*?)</code>", html.unescape(pages.record_page("ivrk-22")))
    assert forms == ["art. 22 IVRK", "art. 22 lid 1 IVRK", "Article 22 CRC"]


def test_records_without_legal_content_offer_no_citation(pages):
    for node in ("coa", "amv", "azc", "oproep-a", "reactie-a"):
        assert 'class="kb-cite"' not in pages.record_page(node)


def downloads(md: str) -> dict[str, str]:
    return {ext: base64.b64decode(b64).decode("utf-8")
            for b64, ext in re.findall(r'base64,([A-Za-z0-9+/=]+)" download="[^"]+\.(bib|ris|csl\.json)"', md)}


def read_bibtex(text: str) -> list[dict]:
    parser = BibTexParser(common_strings=False, ignore_nonstandard_types=False)
    return bibtexparser.loads(text, parser=parser).entries


def render_csl(text: str) -> str:
    items = json.loads(text)
    bib = CitationStylesBibliography(CitationStylesStyle("harvard-cite-them-right", validate=False), CiteProcJSON(items),
                                     formatter.plain)
    bib.register(Citation([CitationItem(items[0]["id"])]))
    return str(bib.bibliography()[0])


@pytest.mark.parametrize("kind", sorted(model.SOURCE_KINDS))
def test_downloads_load_in_reference_managers_with_the_right_item_type(make_kb, kind):
    """Each source kind, as the fact citing it is downloaded: RIS type, BibTeX entry, CSL type, URL and date."""
    source = EXTRA["sources/zz-inspectie.yaml"].replace("kind: report", f"kind: {kind}")
    pages = Pages(build_graph(load_kb(make_kb({**EXTRA, "sources/zz-inspectie.yaml": source,
                  "facts/feit-a.yaml": "title: F\nvalue: 3\nunit: kinderen\nsources: [zz-inspectie]\n"}))),
                  accessed=ACCESSED)
    files = downloads(pages.record_page("feit-a"))
    want = model.SOURCE_KINDS[kind]

    (entry,) = rispy.loads(files["ris"])
    assert entry["type_of_reference"] == want.ris
    assert entry["title"] == "Toezicht op de opvang"
    assert entry["urls"] == ["https://example.org/rapport?a=1&b=2"] and entry["access_date"] == "2026/11/30/"
    assert entry["notes"] == ["feit ‘F’"]
    if want.ris != "STAT":
        assert entry["authors"] == ["Inspectie Justitie en Veiligheid"]

    (bib,) = read_bibtex(files["bib"])
    assert bib["ENTRYTYPE"] == want.bibtex
    assert bib["title"] == "Toezicht op de opvang" and bib["url"] == "https://example.org/rapport?a=1&b=2"
    assert bib["urldate"] == ACCESSED and bib["year"] == "2024"

    (csl,) = json.loads(files["csl.json"])
    assert csl["type"] == want.csl and csl["URL"] == "https://example.org/rapport?a=1&b=2"
    assert csl["accessed"] == {"date-parts": [[2026, 11, 30]]}
    rendered = render_csl(files["csl.json"])
    assert "Toezicht op de opvang" in rendered and "2024" in rendered


def test_hostile_values_cannot_break_out_of_a_download_field(pages):
    """Validation refuses control characters; the writers do not rely on it (defence in depth)."""
    c = citation.citation_data(pages.g, pages.nb, "risico-a", accessed=ACCESSED)
    c.update(title="Rapport} @misc{evil, title={x} \\ %", author="Inspectie\r\nTY  - JOUR\r\nAU  - Mallory",
             url="https://example.org/a}b{c", section="x\rER  - ")
    entries = rispy.loads(citation.ris(c))
    assert len(entries) == 1 and entries[0]["type_of_reference"] == "RPRT"
    assert entries[0]["authors"] == ["Inspectie TY - JOUR AU - Mallory"]
    bib = read_bibtex(citation.bibtex(c))
    assert len(bib) == 1 and bib[0]["ID"] == "risicoa" and bib[0]["ENTRYTYPE"] == "techreport"
    assert bib[0]["url"] == "https://example.org/a%7Db%7Bc"
    assert bib[0]["title"] == r"Rapport\textbraceright{} @misc\textbraceleft{}evil, title=\textbraceleft{}x\textbraceright{} \textbackslash{} \%"
    (csl,) = json.loads(citation.csl_json(c))  # JSON escapes what it carries
    assert csl["title"] == c["title"]


def test_without_a_document_url_the_citation_gives_the_page_on_the_published_site(make_kb):
    pages = Pages(build_graph(load_kb(make_kb(EXTRA))), accessed=ACCESSED,
                  site_url="https://example.org/ivrk-kennisbank")
    line = cite_line(pages.record_page("aanbeveling-a"))  # bron-a has no URL
    assert line.endswith(", https://example.org/ivrk-kennisbank/aanbevelingen/aanbeveling-a/ "
                         "(geraadpleegd op 30 november 2026).")
    (entry,) = rispy.loads(downloads(pages.record_page("aanbeveling-a"))["ris"])
    assert entry["urls"] == ["https://example.org/ivrk-kennisbank/aanbevelingen/aanbeveling-a/"]


def test_record_pages_link_to_their_yaml_file_for_editing(make_kb):
    pages = Pages(build_graph(load_kb(make_kb(EXTRA))), accessed=ACCESSED,
                  edit_url="https://github.com/voorbeeld/kb/edit/main/")
    for node, path in (("risico-a", "risks/risico-a.yaml"), ("ivrk-22", "articles/ivrk-22.yaml")):
        links = re.findall(r'<a href="([^"]+)" class="kb-edit">', pages.record_page(node))
        assert links == [f"https://github.com/voorbeeld/kb/edit/main/{path}"]
    assert 'class="kb-edit"' not in Pages(build_graph(load_kb(make_kb(EXTRA))), accessed=ACCESSED).record_page("coa")


# -- case law (issue 22): cited as Dutch lawyers cite it, and as reference managers read a case ---------------

CASES = {
    "uitspraak-a": ("ABRvS 15 februari 2007, ECLI:NL:RVS:2007:AZ9524", "Afdeling bestuursrechtspraak van de Raad van State",
                    "Geen rechtstreekse werking", "2007-02-15", "ECLI:NL:RVS:2007:AZ9524"),
    "echr-a": ("EHRM 19 januari 2012, nr. 39472/07 en 39474/07 (Popov/Frankrijk)", "Europees Hof voor de Rechten van de Mens",
               "Popov t. Frankrijk", "2012-01-19", "39472/07 en 39474/07"),
    "cjeu-a": ("HvJ EU 12 november 2019, C-233/18 (Haqbin)", "Hof van Justitie van de Europese Unie", "Haqbin",
               "2019-11-12", "C-233/18"),
    "crc-79-11-2017": ("VN-Kinderrechtencomité 27 september 2018, N.B.F. t. Spanje, CRC/C/79/D/11/2017",
                       "VN-Kinderrechtencomité", "N.B.F. t. Spanje", "2018-09-27", "CRC/C/79/D/11/2017"),
}


@pytest.mark.parametrize("node", sorted(CASES))
def test_case_law_is_cited_in_the_forms_dutch_lawyers_use(pages, node):
    form, _, _, _, _ = CASES[node]
    assert cite_line(pages.record_page(node)).startswith(form)
    forms = re.findall(r"<li><code>(.*?)</code>", html.unescape(pages.record_page(node)))
    assert forms[0] == form


@pytest.mark.parametrize("node", sorted(CASES))
def test_case_law_downloads_carry_court_date_number_and_title(pages, node):
    form, court, title, date, number = CASES[node]
    files = downloads(pages.record_page(node))
    (entry,) = rispy.loads(files["ris"])
    assert entry["type_of_reference"] == "CASE"
    assert entry["title"] == title and entry["publisher"] == court
    assert entry["date"] == date.replace("-", "/") + "/" and entry["year"] == date[:4]
    assert entry["unknown_tag"]["SV"] == [number]  # Zotero reads SV as the case's docket number
    assert form in entry["notes"][0]
    (bib,) = read_bibtex(files["bib"])
    assert bib["ENTRYTYPE"] == "misc" and bib["title"] == title and bib["organization"] == court
    assert bib["number"] == number and bib["date"] == date
    (csl,) = json.loads(files["csl.json"])
    assert csl["type"] == "legal_case" and csl["authority"] == court and csl["title"] == title
    assert csl["number"] == number and csl["issued"] == {"date-parts": [[int(p) for p in date.split("-")]]}
    assert "author" not in csl
    rendered = render_csl(files["csl.json"])
    assert title in rendered and date[:4] in rendered


def test_a_dutch_ruling_keeps_its_ecli_beside_its_case_number(make_kb):
    text = EXTRA["rulings/uitspraak-a.yaml"].replace("applies:", "case_number: 200604499/1\n        applies:")
    pages = Pages(build_graph(load_kb(make_kb({**EXTRA, "rulings/uitspraak-a.yaml": text}))), accessed=ACCESSED)
    (entry,) = rispy.loads(downloads(pages.record_page("uitspraak-a"))["ris"])
    assert entry["unknown_tag"]["SV"] == ["200604499/1"] and "ECLI:NL:RVS:2007:AZ9524" in entry["notes"][0]

@pytest.fixture(scope="module")
def bundled():
    from conftest import ROOT

    return Pages(build_graph(load_kb(ROOT)), accessed=ACCESSED)


def test_the_committee_has_one_author_form_on_every_record_type(bundled):
    """General Comments, their paragraphs, concluding observations and the observations' documents all name
    the Committee the same way, whatever name their source gives it (model.AUTHOR_FORMS)."""
    authors = {}
    for n, attrs in bundled.g.nodes(data=True):
        c = citation.citation_data(bundled.g, bundled.nb, n, accessed=ACCESSED)
        if c and c["author"] in (model.COMMITTEE, *model.AUTHOR_FORMS):
            authors.setdefault(c["author"], set()).add(attrs["type"])
    assert set(authors) == {model.COMMITTEE}, authors
    assert {"general_comment", "gc_paragraph", "observation", "source"} <= authors[model.COMMITTEE]


def test_pinpoints_go_into_fields_reference_managers_and_styles_read(bundled):
    """A paragraph of a concluding observation and of a General Comment, an article of the treaty: the pinpoint
    is the RIS section (SE) and the CSL section, not only a note that styles drop; citeproc-py renders a
    citation with it as the locator."""
    gc_par = sorted(n for n, a in bundled.g.nodes(data=True) if a["type"] == "gc_paragraph")[0]
    for node, want in (("co-nld-2022-37", "par. 37"), ("ivrk-22", "art. 22"), (gc_par, "par. ")):
        c = citation.citation_data(bundled.g, bundled.nb, node, accessed=ACCESSED)
        (entry,) = rispy.loads(citation.ris(c))
        assert entry["section"].startswith(want), (node, entry)
        assert want not in " ".join(entry.get("notes", [])), (node, entry)
        (csl,) = json.loads(citation.csl_json(c))
        assert csl["section"].startswith(want)
        label, _, number = csl["section"].partition(" ")
        from citeproc import Locator

        bib = CitationStylesBibliography(CitationStylesStyle("harvard-cite-them-right", validate=False),
                                         CiteProcJSON([csl]), formatter.plain)
        cited = Citation([CitationItem(csl["id"], locator=Locator({"par.": "paragraph", "art.": "section"}[label], number))])
        bib.register(cited)
        rendered = bib.cite(cited, lambda item: None)
        assert number in str(rendered), rendered
