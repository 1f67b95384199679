"""Citations of records: a Dutch citation line (after the Leidraad voor juridische auteurs) and
BibTeX, RIS and CSL-JSON for reference managers.

A record is cited through its source: author, title, place, date, then the locator of the
record in that source (section, page, paragraph).
"""

from __future__ import annotations

import json
import re

import networkx as nx

MONTHS_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
             "oktober", "november", "december")


def date_nl(value: str | None) -> str:
    if not value:
        return ""
    parts = value.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTHS_NL[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS_NL[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def primary_source(nb, node_id: str) -> tuple[str, dict] | None:
    """The first source a record names, with the link's locator (nb: graph.Neighbours)."""
    links = nb.outgoing(node_id).get("sources")
    return links[0] if links else None


def citation_data(g: nx.MultiDiGraph, nb, node_id: str, url: str = "") -> dict | None:
    """The parts of a citation; None when the record has no source (and is not one)."""
    attrs = g.nodes[node_id]
    if attrs["type"] == "source":
        src_id, src, loc = node_id, attrs, {}
    else:
        found = primary_source(nb, node_id)
        if found is None:
            return None
        src_id, loc = found
        src = g.nodes[src_id]
    return {
        "id": node_id,
        "source_id": src_id,
        "author": src.get("author") or src.get("publisher") or "",
        "title": src.get("title", src_id),
        "place": src.get("place", ""),
        "date": src.get("date", ""),
        "url": src.get("url", ""),
        "symbol": src.get("symbol", ""),
        "section": loc.get("section", ""),
        "page": loc.get("page", ""),
        "paragraph": loc.get("paragraph", ""),
        "item": attrs.get("title", "") if node_id != src_id else "",
        "number": attrs.get("number") if node_id != src_id else None,
        "permalink": url,
    }


def dutch(c: dict) -> str:
    """One line, Leidraad style: Auteur, 'Titel', plaats datum, onderdeel, p. x (aanbeveling 'y')."""
    parts = [c["author"]] if c["author"] else []
    parts.append(f"‘{c['title']}’")
    where = " ".join(p for p in (c["place"], date_nl(c["date"])) if p)
    if where:
        parts.append(where)
    if c["symbol"]:
        parts.append(c["symbol"])
    if c["section"]:
        parts.append(f"onderdeel ‘{c['section']}’")
    if c["paragraph"]:
        parts.append(f"par. {c['paragraph']}")
    if c["page"]:
        parts.append(f"p. {c['page']}")
    text = ", ".join(parts)
    if c["item"]:
        text += f" (aanbeveling ‘{c['item']}’)" if c["number"] is not None or c["section"] else f" (‘{c['item']}’)"
    if c["url"]:
        text += f", {c['url']}"
    return text + "."


def _bib_escape(text: str) -> str:
    return re.sub(r"([{}\\&%$#_])", r"\\\1", str(text))


def bibtex(c: dict) -> str:
    key = re.sub(r"[^a-z0-9]", "", c["id"].lower()) or "kb"
    fields = [
        ("author", "{" + _bib_escape(c["author"]) + "}" if c["author"] else ""),
        ("title", _bib_escape(c["item"] + " — " + c["title"] if c["item"] else c["title"])),
        ("year", c["date"][:4]),
        ("date", c["date"]),
        ("address", _bib_escape(c["place"])),
        ("pages", _bib_escape(c["page"])),
        ("note", _bib_escape("; ".join(p for p in (
            f"onderdeel {c['section']}" if c["section"] else "",
            f"par. {c['paragraph']}" if c["paragraph"] else "",
            c["symbol"]) if p))),
        ("url", c["url"]),
    ]
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields if v)
    return f"@misc{{{key},\n{body}\n}}\n"


def ris(c: dict) -> str:
    lines = [("TY", "GEN" if not c["symbol"] else "RPRT"), ("AU", c["author"]),
             ("TI", c["item"] or c["title"]), ("T2", c["title"] if c["item"] else ""),
             ("PY", c["date"][:4]), ("DA", c["date"].replace("-", "/")), ("CY", c["place"]),
             ("SP", c["page"]), ("N1", f"onderdeel {c['section']}" if c["section"] else ""),
             ("M1", c["paragraph"]), ("UR", c["url"]), ("ER", " ")]
    return "".join(f"{k}  - {v}\n" for k, v in lines if v or k == "ER").replace("ER  -  \n", "ER  - \n")


def csl_json(c: dict) -> str:
    item = {
        "id": c["id"],
        "type": "report",
        "title": c["item"] or c["title"],
        "container-title": c["title"] if c["item"] else None,
        "author": [{"literal": c["author"]}] if c["author"] else None,
        "issued": {"date-parts": [[int(p) for p in c["date"].split("-")]]} if c["date"] else None,
        "publisher-place": c["place"] or None,
        "page": c["page"] or None,
        "section": c["section"] or None,
        "number": c["symbol"] or None,
        "URL": c["url"] or None,
    }
    return json.dumps([{k: v for k, v in item.items() if v is not None}], ensure_ascii=False) + "\n"


FORMATS = {"bib": ("BibTeX", bibtex), "ris": ("RIS", ris), "csl.json": ("CSL-JSON", csl_json)}
MIME = {"bib": "application/x-bibtex", "ris": "application/x-research-info-systems", "csl.json": "application/json"}
