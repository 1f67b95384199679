"""`kb wetcheck`: has the law a record describes changed since the version that was read?

For every Dutch instrument (its `bwb` id) the search service of the Basiswettenbestand (KOOP's SRU 2.0
service, zoekservice.overheid.nl, `x-connection=BWB`) is asked for the version ("toestand") in force
today; its `overheidbwb:geldigheidsperiode_startdatum` is the date the current text took effect. For
every EU instrument (its `celex`) the Publications Office's CELLAR SPARQL endpoint is asked for the
consolidated versions (`cdm:act_consolidated_consolidates_resource_legal`, CELEX 0yyyyXnnnn-YYYYMMDD),
whether the act is in force (`cdm:resource_legal_in-force`) and its end of validity
(`cdm:resource_legal_date_end-of-validity`). A record whose law took a new text after its `version_date`
(or whose end of validity the record does not state) is reported, with the provisions that describe
the same law. Records are only read, never written.

The services' addresses come from KB_WETCHECK_BWB_URL and KB_WETCHECK_EU_URL (tests point them to a
local server), the time limit per request from KB_WETCHECK_TIMEOUT (seconds). Every failure of a
service (no answer in time, an HTTP error, an answer that is not what the service documents) is one
Dutch line for that record; the check goes on with the others.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from . import kinds, model

BWB_URL_ENV, EU_URL_ENV, TIMEOUT_ENV = "KB_WETCHECK_BWB_URL", "KB_WETCHECK_EU_URL", "KB_WETCHECK_TIMEOUT"
BWB_URL = "https://zoekservice.overheid.nl/sru/Search"
EU_URL = "https://publications.europa.eu/webapi/rdf/sparql"
TIMEOUT = 30.0
MAX_BYTES = 5_000_000  # an answer about one regulation's versions is a few kilobytes
USER_AGENT = "IVRK-kennisbank kb wetcheck (https://github.com/; wekelijkse controle van wetsversies)"

NS = {"sru": "http://docs.oasis-open.org/ns/search-ws/sruResponse",
      "diag": "http://docs.oasis-open.org/ns/search-ws/diagnostic",
      "gzd": "http://standaarden.overheid.nl/sru",
      "dcterms": "http://purl.org/dc/terms/",
      "overheidbwb": "http://standaarden.overheid.nl/bwb/terms/"}

# Exit status: 0 nothing changed, 1 a law changed (to re-check), 2 a service could not be asked for
# every record (and nothing changed among those that could).
EXIT_OK, EXIT_CHANGED, EXIT_FAILED = 0, 1, 2

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CONSOLIDATED = re.compile(r"0([0-9]{4}[A-Z][0-9]{4})-([0-9]{4})([0-9]{2})([0-9]{2})")


class ServiceError(Exception):
    """A service gave no usable answer; the message is Dutch and names what went wrong. `down`: the
    service could not be reached at all (no answer in time, no connection): the other records that
    need it are not asked again, so an outage costs one time limit, not one per record."""

    def __init__(self, message: str, down: bool = False):
        super().__init__(message)
        self.down = down


@dataclass
class Finding:
    record: str  # id
    path: str
    title: str
    identifier: str  # BWB id or CELEX
    what: str  # Dutch: what changed
    date: str  # the change date (YYYY-MM-DD)
    version_date: str = ""  # what the record says it read ('' when it says nothing)
    provisions: list[str] = field(default_factory=list)  # provisions read before the change


@dataclass
class Report:
    on: str
    changed: list[Finding] = field(default_factory=list)
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # (record id, path, Dutch message)
    checked: int = 0
    no_version: list[str] = field(default_factory=list)  # record ids without version_date

    @property
    def exit_code(self) -> int:
        return EXIT_CHANGED if self.changed else EXIT_FAILED if self.failed else EXIT_OK


def _timeout() -> float:
    try:
        value = float(os.environ.get(TIMEOUT_ENV, TIMEOUT))
    except ValueError:
        return TIMEOUT
    return value if 0 < value <= 600 else TIMEOUT


def fetch(url: str, accept: str, service: str) -> bytes:
    """GET `url`; every way it can fail becomes a ServiceError with a Dutch message."""
    request = urllib.request.Request(url, headers={"Accept": accept, "User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=_timeout()) as response:
            body = response.read(MAX_BYTES + 1)
            promised = response.headers.get("Content-Length", "")
            if promised.isdigit() and len(body) < min(int(promised), MAX_BYTES + 1):
                raise ServiceError(f"{service} is niet bereikbaar of gaf een onleesbaar HTTP-antwoord (de verbinding "
                                   f"brak af na {len(body)} van {promised} bytes)", down=True)
    except urllib.error.HTTPError as e:
        raise ServiceError(f"{service} antwoordde met HTTP-fout {e.code}") from None
    except (TimeoutError, socket.timeout):
        raise ServiceError(f"{service} antwoordde niet binnen {_timeout():g} seconden", down=True) from None
    except urllib.error.URLError as e:
        reason = e.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise ServiceError(f"{service} antwoordde niet binnen {_timeout():g} seconden", down=True) from None
        raise ServiceError(f"{service} is niet bereikbaar ({getattr(reason, 'strerror', None) or reason})",
                           down=True) from None
    except (OSError, ValueError, http.client.HTTPException) as e:  # reset, a bad address, a broken HTTP answer
        raise ServiceError(f"{service} is niet bereikbaar of gaf een onleesbaar HTTP-antwoord "
                           f"({getattr(e, 'strerror', None) or e or type(e).__name__})", down=True) from None
    if len(body) > MAX_BYTES:
        raise ServiceError(f"{service} gaf een onverwacht groot antwoord (meer dan {MAX_BYTES // 1_000_000} MB)")
    return body


# -- the Basiswettenbestand (SRU 2.0) -------------------------------------------------------------------

def bwb_query_url(base: str, bwb: str, on: str) -> str:
    query = f"dcterms.identifier=={bwb} and overheidbwb.geldigheidsdatum=={on}"
    params = {"operation": "searchRetrieve", "version": "2.0", "x-connection": "BWB", "query": query,
              "maximumRecords": "10"}
    return base + ("&" if "?" in base else "?") + urllib.parse.urlencode(params)


def parse_bwb(body: bytes, bwb: str) -> dict:
    """{'start': date the version in force took effect, 'end': its end or '', 'modified': date or ''}."""
    service = "De zoekdienst van het Basiswettenbestand"
    if b"<!DOCTYPE" in body[:2000].upper() or b"<!ENTITY" in body.upper():
        raise ServiceError(f"{service} gaf een antwoord met een DOCTYPE; dat hoort niet in SRU-XML")
    try:
        root = ET.fromstring(body)
    except ET.ParseError as e:
        raise ServiceError(f"{service} gaf geen leesbare XML ({e})") from None
    message = root.find(".//diag:message", NS)
    if message is not None:
        raise ServiceError(f"{service} meldt: {(message.text or '').strip()[:200]}")
    if root.tag != f"{{{NS['sru']}}}searchRetrieveResponse":
        raise ServiceError(f"{service} gaf geen SRU-antwoord (searchRetrieveResponse ontbreekt)")
    versions = []
    for gzd in root.iter(f"{{{NS['gzd']}}}gzd"):
        ident = (gzd.findtext(".//dcterms:identifier", "", NS) or "").strip()
        if ident != bwb:
            continue
        start = (gzd.findtext(".//overheidbwb:geldigheidsperiode_startdatum", "", NS) or "").strip()[:10]
        if not _DATE.fullmatch(start):
            raise ServiceError(f"{service} gaf voor {bwb} geen geldige begindatum van de versie ('{start[:20]}')")
        end = (gzd.findtext(".//overheidbwb:geldigheidsperiode_einddatum", "", NS) or "").strip()[:10]
        modified = (gzd.findtext(".//dcterms:modified", "", NS) or "").strip()[:10]
        versions.append({"start": start, "end": end if _DATE.fullmatch(end) else "",
                         "modified": modified if _DATE.fullmatch(modified) else ""})
    if not versions:
        raise ServiceError(f"{service} kent geen versie van {bwb} die op de peildatum geldt (ingetrokken, of een verkeerd "
                           "BWB-nummer?)")
    return max(versions, key=lambda v: v["start"])


# -- EUR-Lex / CELLAR (SPARQL) --------------------------------------------------------------------------

def eu_query(celex: str) -> str:
    return ("PREFIX cdm: <http://publications.europa.eu/ontology/cdm#>\n"
            "PREFIX owl: <http://www.w3.org/2002/07/owl#>\n"
            "SELECT DISTINCT ?inforce ?endvalidity ?consolidated WHERE {\n"
            f"  ?act owl:sameAs <http://publications.europa.eu/resource/celex/{celex}> .\n"
            "  OPTIONAL { ?act cdm:resource_legal_in-force ?inforce }\n"
            "  OPTIONAL { ?act cdm:resource_legal_date_end-of-validity ?endvalidity }\n"
            "  OPTIONAL { ?c cdm:act_consolidated_consolidates_resource_legal ?act ;\n"
            "               cdm:resource_legal_id_celex ?consolidated }\n"
            "}")


def eu_query_url(base: str, celex: str) -> str:
    return base + ("&" if "?" in base else "?") + urllib.parse.urlencode(
        {"query": eu_query(celex), "format": "application/sparql-results+json"})


def parse_eu(body: bytes, celex: str) -> dict:
    """{'consolidated': newest consolidation date or '', 'in_force': True/False/None, 'end': date or ''}."""
    service = "De SPARQL-dienst van EUR-Lex (CELLAR)"
    try:
        data = json.loads(body)
        rows = data["results"]["bindings"]
        if not isinstance(rows, list):
            raise TypeError
    except (ValueError, KeyError, TypeError):
        raise ServiceError(f"{service} gaf geen SPARQL-resultaat in JSON") from None
    if not rows:
        raise ServiceError(f"{service} kent geen document met CELEX {celex}")
    out = {"consolidated": "", "in_force": None, "end": ""}
    base = celex[1:] if celex[:1] == "3" else ""
    for row in rows:
        if not isinstance(row, dict):
            raise ServiceError(f"{service} gaf een onleesbare rij in het SPARQL-resultaat")

        def value(name):
            cell = row.get(name)
            return str(cell.get("value", "")) if isinstance(cell, dict) else ""

        force = value("inforce").lower()
        if force in ("true", "1"):
            out["in_force"] = True
        elif force in ("false", "0") and out["in_force"] is None:
            out["in_force"] = False
        end = value("endvalidity")[:10]
        if _DATE.fullmatch(end) and not end.startswith("9999"):
            out["end"] = end
        m = _CONSOLIDATED.fullmatch(value("consolidated"))
        if m and m.group(1) == base:
            day = f"{m.group(2)}-{m.group(3)}-{m.group(4)}"
            out["consolidated"] = max(out["consolidated"], day)
    return out


# -- the check ------------------------------------------------------------------------------------------

def check(kb, on: str, bwb_url: str | None = None, eu_url: str | None = None) -> Report:
    """Ask the services about every Dutch and EU instrument in `kb`; never changes a record."""
    bwb_url = bwb_url or os.environ.get(BWB_URL_ENV) or BWB_URL
    eu_url = eu_url or os.environ.get(EU_URL_ENV) or EU_URL
    report = Report(on)
    down: dict[str, str] = {}  # service -> why it is not asked again
    provisions: dict[str, list] = {}
    for p in kb.of_type("provision"):
        link = next((l for l in p.links if l.relation == "instrument"), None)
        if link:
            provisions.setdefault(link.target, []).append(p)
    for inst in sorted(kb.of_type("instrument"), key=lambda r: r.id):
        bwb, celex = inst.fields.get("bwb"), inst.fields.get("celex")
        if not (bwb or celex):
            continue
        report.checked += 1
        version = inst.fields.get("version_date", "")
        if not version:
            report.no_version.append(inst.id)
        service = "bwb" if bwb else "eu"
        if service in down:
            report.failed.append((inst.id, inst.path, down[service]))
            continue
        try:
            if bwb:
                found = parse_bwb(fetch(bwb_query_url(bwb_url, bwb, on), "application/xml",
                                        "De zoekdienst van het Basiswettenbestand"), bwb)
                changes = [("nieuwe tekstversie geldig sinds " + kinds.date_nl(found["start"]), found["start"], False)]
                ident = bwb
            else:
                found = parse_eu(fetch(eu_query_url(eu_url, celex), "application/sparql-results+json",
                                       "De SPARQL-dienst van EUR-Lex (CELLAR)"), celex)
                changes = []
                if found["consolidated"]:
                    changes.append(("geconsolideerde versie van " + kinds.date_nl(found["consolidated"]),
                                    found["consolidated"], False))
                if found["end"] and not inst.fields.get("ceased_from"):
                    changes.append((f"niet meer geldig na {kinds.date_nl(found['end'])} volgens EUR-Lex; het record "
                                    "noemt geen ceased_from", found["end"], True))
                elif found["in_force"] is False and not inst.fields.get("ceased_from"):
                    changes.append(("niet meer in werking volgens EUR-Lex; het record noemt geen ceased_from", on, True))
                ident = celex
        except ServiceError as e:
            if e.down:
                down[service] = f"{e} (niet opnieuw gevraagd)"
            report.failed.append((inst.id, inst.path, str(e)))
            continue
        for what, date, status in changes:
            # a new text counts when it is newer than the version read; without a version_date it is
            # unknown what was read (listed apart, not as a change)
            if status or (version and model.day_of(version) < date):
                read_before = sorted(p.id for p in provisions.get(inst.id, ())
                                     if model.day_of(p.fields.get("version_date") or version or "0000") < date)
                report.changed.append(Finding(inst.id, inst.path, inst.fields.get("short_title") or inst.title,
                                              ident, what, date, version, read_before))
    return report


# -- output ---------------------------------------------------------------------------------------------

def format_text(report: Report) -> str:
    lines = [f"Wetcheck op {kinds.date_nl(report.on)}: {report.checked} wetten en EU-instrumenten nagevraagd."]
    if report.changed:
        lines.append(f"\nGewijzigd na de gelezen tekstversie ({len(report.changed)}):")
        for f in report.changed:
            read = f"gelezen versie {kinds.date_nl(f.version_date)}" if f.version_date else "geen version_date"
            lines.append(f"- {f.path} ({f.title}, {f.identifier}): {f.what} ({f.date}); {read}")
            if f.provisions:
                lines.append(f"    ook nalopen: {', '.join(f.provisions)}")
    if report.failed:
        lines.append(f"\nNiet na te gaan ({len(report.failed)}):")
        lines += [f"- {path}: {message}" for _, path, message in report.failed]
    if report.no_version:
        lines.append(f"\nZonder version_date, dus niet te vergelijken ({len(report.no_version)}): "
                     + ", ".join(report.no_version))
    if not report.changed and not report.failed:
        lines.append("Geen wijzigingen na de gelezen tekstversies.")
    return "\n".join(lines) + "\n"


def format_markdown(report: Report) -> str:
    """The body of the one issue the weekly workflow opens or updates."""
    out = [f"Stand van de wetcheck op {kinds.date_nl(report.on)}: {report.checked} wetten en EU-instrumenten "
           "nagevraagd bij het Basiswettenbestand en EUR-Lex.", ""]
    if report.changed:
        out += ["## Opnieuw nalopen", "",
                "Deze wetten hebben een nieuwere tekst dan de versie die het record beschrijft (`version_date`). "
                "Lees de nieuwe tekst, werk samenvatting, `version_date` en zo nodig `ceased_from`/`replaced_by` bij, "
                "en daarna `wetstand.yaml`.", ""]
        for f in report.changed:
            read = f"gelezen versie {f.version_date}" if f.version_date else "geen `version_date`"
            out.append(f"- [ ] `{f.path}` — {_md(f.title)} ({f.identifier}): {_md(f.what)} ({f.date}); {read}")
            if f.provisions:
                out.append("  - ook de bepalingen: " + ", ".join(f"`{p}`" for p in f.provisions))
        out.append("")
    if report.failed:
        out += ["## Niet na te gaan", ""]
        out += [f"- `{path}`: {_md(message)}" for _, path, message in report.failed]
        out.append("")
    if report.no_version:
        out += ["## Zonder tekstversie", "", "Deze records zeggen niet welke versie is gelezen (`version_date`); "
                "de wetcheck kan ze niet vergelijken: " + ", ".join(f"`{r}`" for r in report.no_version), ""]
    if not report.changed and not report.failed:
        out.append("Geen wijzigingen na de gelezen tekstversies.")
    return "\n".join(out) + "\n"


def format_json(report: Report) -> str:
    return json.dumps({"on": report.on, "checked": report.checked, "exit": report.exit_code,
                       "changed": [f.__dict__ for f in report.changed],
                       "failed": [{"record": r, "path": p, "message": m} for r, p, m in report.failed],
                       "no_version_date": report.no_version}, ensure_ascii=False, indent=1) + "\n"


def _md(text: str) -> str:
    """Text from a service or a record, inert in Markdown (an issue body)."""
    text = " ".join(str(text).split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]#|!])", r"\\\1", text)
