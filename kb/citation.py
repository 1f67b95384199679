"""Citations of records: a Dutch citation line (after the Leidraad voor juridische auteurs) and
BibTeX, RIS and CSL-JSON for reference managers.

How a record type is cited is declared in the model (`RecordType.cite`): as part of its first
listed source (in YAML order), as a document of its own (sources, General Comments), or as part of
the treaty (articles). The item type each format gives a document follows from the source's kind
(`model.SOURCE_KINDS`). Every value is untrusted: each writer escapes for its own format.
"""

from __future__ import annotations

import json
import re

import networkx as nx

from . import model
from .escape import plain
from .kinds import date_nl

def primary_source(nb, node_id: str) -> tuple[str, dict] | None:
    """The first source a record lists (YAML order), with the link's locator (nb: graph.Neighbours)."""
    links = nb.outgoing(node_id).get("sources")
    return links[0] if links else None


def treaty_source(g: nx.MultiDiGraph) -> str | None:
    """The source record of the treaty itself (kind "treaty"), the first by id when there are several."""
    found = sorted(n for n, a in g.nodes(data=True) if a["type"] == "source" and a.get("kind") == "treaty")
    return found[0] if found else None


class _Fields(dict):
    def __missing__(self, key):
        return ""


def form_fields(attrs: dict, **extra) -> _Fields:
    """A record's fields for its citation forms (model.Cite.forms_for), with each date also in Dutch
    (`date_nl`: 15 februari 2007) and the parties as in the ECtHR's short form (`parties_slash`: Popov/Frankrijk)."""
    fields = _Fields(attrs, **extra)
    for name in ("date", "adopted", "submitted"):
        if attrs.get(name):
            fields[name + "_nl"] = date_nl(attrs[name])
    if attrs.get("parties"):
        fields["parties_slash"] = re.sub(r" t\. | v\. | tegen ", "/", str(attrs["parties"]))
    return fields


_NAMED = re.compile(r"{(\w+)}")


def optional_format(template: str, fields: dict) -> str:
    """format_map, where a part in [brackets] is left out when a field it names is empty:
    "art. {article}[ lid {lid}]" -> "art. 1.3" or "art. 1.3 lid 4".

    The template is the model's; the values are data and are substituted once: a value such as "{title}" or
    "{title:>1000000000}" stays that text (formatting the result again would expand it)."""
    out, start = [], 0
    for m in re.finditer(r"\[([^\]]*)\]", template):
        out.append(template[start:m.start()].format_map(fields))
        inner = m.group(1)
        if all(str(fields[n]).strip() for n in _NAMED.findall(inner)):
            out.append(inner.format_map(fields))
        start = m.end()
    out.append(template[start:].format_map(fields))
    return "".join(out)


def _form(template: str, fields: dict) -> str:
    """A short form to copy, or "" when a field it names is empty (no "art.  IVRK")."""
    return template.format_map(fields) if all(str(fields[n]).strip() for n in _NAMED.findall(template)) else ""


def citation_data(g: nx.MultiDiGraph, nb, node_id: str, accessed: str = "", permalink: str = "") -> dict | None:
    """The parts of a record's citation, or None when its type is not cited or it has no document.

    accessed: ISO date the online version was consulted (the site's build date);
    permalink: absolute URL of the record's page, used when the document has no URL of its own."""
    attrs = g.nodes[node_id]
    rtype = model.RECORD_TYPES[attrs["type"]]
    how = rtype.cite
    if how is None:
        return None
    fields = form_fields(attrs, label=rtype.label.lower())
    loc: dict = {}
    if how.via == "part":  # cited as the record it is part of, pinpointed to this one
        parent = nb.targets(node_id, how.part_of)
        whole = citation_data(g, nb, parent[0], accessed, permalink) if parent else None
        if whole is None:
            return None
        return {**whole, "id": node_id, "pinpoint": plain(optional_format(how.pinpoint, fields)), "aside": False,
                "paragraph": "", "forms": [plain(f) for f in (_form(form, fields) for form in how.forms_for(attrs))
                                           if f.strip()]}
    if how.via == "self":
        doc = _Fields(attrs)
        title = how.title.format_map(fields) if how.title else attrs.get("title", node_id)
        author = how.author.format_map(fields) if how.author else (attrs.get("author") or attrs.get("publisher") or "")
        if attrs.get("joint_with") and how.author:
            author += f" en {attrs['joint_with']}"
        kind = how.kind or attrs.get("kind", "report")
    else:
        if how.via == "treaty":
            src_id = treaty_source(g)
        else:
            found = primary_source(nb, node_id)
            src_id, loc = found if found else (None, {})
        if src_id is None:
            return None
        doc = _Fields(g.nodes[src_id])
        title, author, kind = doc.get("title", src_id), doc.get("author") or doc.get("publisher") or "", doc.get("kind", "report")
    author = model.AUTHOR_FORMS.get(" ".join(str(author).split()), author)  # one name for the Committee
    pinpoint = optional_format(how.pinpoint, fields) if how.pinpoint else ""
    # a pinpoint naming the record ("aanbeveling ‘…’") follows the locators in parentheses; one that is
    # itself a locator ("art. 22", "par. 38(e)") is the locator
    aside = "{label}" in how.pinpoint
    url = (attrs.get("url_nl") if how.via == "treaty" else "") or doc.get("url") or permalink
    return {
        "id": node_id,
        "kind": kind if kind in model.CITE_KINDS else "report",
        "author": plain(author),
        "title": plain(title),
        "publisher": plain(doc.get("publisher", "")) if doc.get("author") else "",
        "place": plain(doc.get("place", "")),
        "date": doc.get("date", "") or doc.get("adopted", "") or (str(attrs.get("year", "")) if how.via == "self" else ""),
        "symbol": plain(next((doc[f] for f in (how.identifier if how.via == "self" else ("symbol",)) if doc.get(f)), "")),
        "published_in": plain(doc.get("published_in", "")),
        "section": plain(loc.get("section", "")),
        "page": plain(loc.get("page", "")),
        "paragraph": plain(loc.get("paragraph", "")) if not pinpoint or aside else "",
        "footnote": plain(loc.get("footnote", "")),
        "pinpoint": plain(pinpoint),
        "aside": aside,
        "url": url or "",
        "accessed": accessed if url else "",
        "forms": [plain(f) for f in (_form(form, fields) for form in how.forms_for(attrs)) if f.strip()],
        # case law (kind "case"): the court or committee, the case's name and its numbers, for reference managers
        "court": plain(attrs.get("court") or (how.title if kind == "case" else "")),
        "case_name": plain(attrs.get("parties") or (f"{attrs['author']} t. {attrs['state']}" if attrs.get("author")
                                                    and attrs.get("state") else attrs.get("title", ""))),
        "docket": plain(attrs.get("case_number") or attrs.get("symbol") or "") if kind == "case" else "",
        "ecli": plain(attrs.get("ecli", "")) if kind == "case" else "",
    }


def _quoted(c: dict) -> bool:
    """Titles of treaties, UN documents, legislation and courts are names, not quoted; other titles are."""
    return c["kind"] not in ("treaty", "un_document", "legislation", "case")


def dutch(c: dict) -> str:
    """One line, Leidraad style: Auteur, ‘Titel’, plaats datum, kenmerk, onderdeel, p. x (aanbeveling ‘y’), URL
    (geraadpleegd op …)."""
    parts = [c["author"]] if c["author"] and c["kind"] not in ("treaty", "legislation", "case") else []
    parts.append(f"‘{c['title']}’" if _quoted(c) else c["title"])
    date = date_nl(c["date"]) if c["date"] not in c["title"] else ""  # "General Comment nr. 6 (2005)" has its year
    if c["kind"] == "case":  # ABRvS 15 februari 2007, ECLI:…
        parts[-1] = " ".join(p for p in (c["title"], date) if p)
    elif c["kind"] in ("treaty", "legislation"):  # Verdrag …, New York, 20 november 1989, Trb. …
        parts += [p for p in (c["place"], date) if p]
    elif c["place"] or date:
        parts.append(" ".join(p for p in (c["place"], date) if p))
    parts += [p for p in (c["symbol"], c["published_in"]) if p]
    if c["pinpoint"] and not c["aside"]:
        parts.append(c["pinpoint"])
    parts += _locators(c, CITED_LOCATORS)
    if c["kind"] == "case" and c.get("forms"):  # EHRM 19 januari 2012, nr. 39472/07 (Popov/Frankrijk)
        parts = [c["forms"][0]]
    text = ", ".join(parts)
    if c["pinpoint"] and c["aside"]:
        text += f" ({c['pinpoint']})"
    if c["url"]:
        text += f", {c['url']}"
        if c["accessed"]:
            text += f" (geraadpleegd op {date_nl(c['accessed'])})"
    return text + "."


# The locators of a citation in the order a citation gives them; each written as its qualifier declares
# (model.Qualifier.cited; a note names the section as pages show it, Qualifier.show).
CITED_LOCATORS = ("section", "paragraph", "page", "footnote")


def _locators(c: dict, names) -> list[str]:
    return [model.QUALIFIERS[name].cited(c[name]) for name in names if c[name]]


def _locator(c: dict) -> str:
    """The pinpoint as a locator ("art. 22", "par. 37"): what RIS SE and CSL section carry, so that
    reference managers and citation styles show it (a note is dropped by most styles)."""
    return "; ".join(p for p in (c["pinpoint"] if not c["aside"] else "", *_locators(c, ("paragraph",))) if p)


def _note(c: dict, section: bool = True, located: bool = False) -> str:
    """What the structured fields of a format cannot hold: the pinpoint and the locators (without what
    `located` formats carry in a field of their own, see _locator)."""
    return "; ".join(p for p in (
        c["pinpoint"] if not (located and not c["aside"]) else "",
        model.QUALIFIERS["section"].show.format(c["section"])
        if c["section"] and (section or (located and _locator(c))) else "",
        *_locators(c, () if located else ("paragraph",)),
        *_locators(c, ("footnote",)),
        c["published_in"]) if p)


def _bib(text: str) -> str:
    """A BibTeX field value: braces, backslashes and TeX specials escaped, so nothing ends the field."""
    return re.sub(r"[{}\\&%$#_~^]", lambda m: _TEX[m.group(0)], plain(text))


# BibTeX counts braces even after a backslash, so braces become commands (which keep the count even).
_TEX = {"{": r"\textbraceleft{}", "}": r"\textbraceright{}", "\\": r"\textbackslash{}", "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}", **{c: "\\" + c for c in "&%$#_"}}


def _bib_url(url: str) -> str:
    """URLs are written as-is in BibTeX, except the characters that would end or escape the field."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def bibtex(c: dict) -> str:
    entry = model.CITE_KINDS[c["kind"]].bibtex
    key = re.sub(r"[^a-z0-9]", "", c["id"].lower()) or "kb"
    if c["kind"] == "case":  # the court as organization, the case's name as title, its number and ECLI
        fields = [("title", _bib(c["case_name"] or c["title"])), ("organization", _bib(c["court"])),
                  ("number", _bib(c["docket"] or c["ecli"])), ("year", c["date"][:4]), ("date", c["date"]),
                  ("note", _bib("; ".join(p for p in (c["forms"][0] if c["forms"] else "",
                                                      c["ecli"] if c["docket"] else "") if p))),
                  ("url", _bib_url(c["url"])), ("urldate", c["accessed"])]
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields if v)
        return f"@{entry}{{{key},\n{body}\n}}\n"
    fields = [
        ("author", "{" + _bib(c["author"]) + "}" if c["author"] and c["kind"] != "treaty" else ""),  # braced: an organisation
        ("title", _bib(c["title"])),
        ("institution" if entry == "techreport" else "organization", _bib(c["publisher"] or c["author"])
         if entry in ("techreport", "online") else ""),
        ("type", _bib(model.CITE_KINDS[c["kind"]].label) if entry == "techreport" else ""),
        ("number", _bib(c["symbol"])),
        ("year", c["date"][:4]),
        ("date", c["date"]),
        ("address", _bib(c["place"])),
        ("pages", _bib(c["page"])),
        ("note", _bib(_note(c))),
        ("url", _bib_url(c["url"])),
        ("urldate", c["accessed"]),
    ]
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields if v)
    return f"@{entry}{{{key},\n{body}\n}}\n"


def _ris_date(value: str) -> str:
    parts = value.split("-")
    return "/".join(parts + [""] * (3 - len(parts))) + "/" if value else ""


def ris(c: dict) -> str:
    ty = model.CITE_KINDS[c["kind"]].ris
    if ty == "CASE":  # as Zotero reads a case: TI caseName, PB court, DA dateDecided, SV docketNumber
        lines = [("TY", ty), ("TI", c["case_name"] or c["title"]), ("PB", c["court"]), ("PY", c["date"][:4]),
                 ("DA", _ris_date(c["date"])), ("SV", c["docket"] or c["ecli"]),
                 ("N1", "; ".join(p for p in (c["forms"][0] if c["forms"] else "", c["ecli"] if c["docket"] else "")
                                  if p)),
                 ("UR", c["url"]), ("Y2", _ris_date(c["accessed"])), ("ER", "")]
        return "".join(f"{k}  - {plain(v)}".rstrip(" ") + (" " if k == "ER" else "") + "\n"
                       for k, v in lines if v or k == "ER")
    lines = [("TY", ty), ("AU", c["author"] if ty != "STAT" else ""), ("TI", c["title"]),
             ("T2", c["publisher"] if ty in ("NEWS", "ELEC") else ""),
             ("PB", c["publisher"] or c["author"] if ty == "RPRT" else ""),
             ("M3", model.CITE_KINDS[c["kind"]].label if ty == "RPRT" else ""),
             ("SN", c["symbol"] if ty == "RPRT" else ""),
             ("PY", c["date"][:4]), ("DA", _ris_date(c["date"])), ("CY", c["place"]),
             ("SE", _locator(c) or c["section"]), ("SP", c["page"]),
             ("N1", _note(c, section=False, located=True)), ("UR", c["url"]), ("Y2", _ris_date(c["accessed"])), ("ER", "")]
    # one field per line: plain() has already turned line breaks and other controls into spaces
    return "".join(f"{k}  - {plain(v)}".rstrip(" ") + (" " if k == "ER" else "") + "\n"
                   for k, v in lines if v or k == "ER")


def _date_parts(value: str) -> dict:
    return {"date-parts": [[int(p) for p in value.split("-")]]}


def csl_json(c: dict) -> str:
    ty = model.CITE_KINDS[c["kind"]].csl
    item = {
        "id": c["id"],
        "type": ty,
        "title": c["title"],
        "author": [{"literal": c["author"]}] if c["author"] and ty != "treaty" else None,
        "publisher": (c["publisher"] or c["author"]) if ty == "report" else None,
        "container-title": c["publisher"] if ty in ("article-newspaper", "webpage") else None,
        "genre": model.CITE_KINDS[c["kind"]].label if ty == "report" else None,
        "number": c["symbol"] or None,
        "issued": _date_parts(c["date"]) if c["date"] else None,
        "publisher-place": c["place"] or None,
        "page": c["page"] or None,
        "section": _locator(c) or c["section"] or None,
        "note": _note(c, section=False, located=True) or None,
        "URL": c["url"] or None,
        "accessed": _date_parts(c["accessed"]) if c["accessed"] else None,
    }
    if ty == "legal_case":  # CSL: the court is the authority, the case's name the title, its number the number
        item.update({"title": c["case_name"] or c["title"], "authority": c["court"] or None, "author": None,
                     "number": c["docket"] or c["ecli"] or None,
                     "note": "; ".join(p for p in (c["forms"][0] if c["forms"] else "", c["ecli"] if c["docket"] else "")
                                       if p) or None})
    return json.dumps([{k: v for k, v in item.items() if v is not None}], ensure_ascii=False) + "\n"


FORMATS = {"bib": ("BibTeX", bibtex), "ris": ("RIS", ris), "csl.json": ("CSL-JSON", csl_json)}
MIME = {"bib": "application/x-bibtex", "ris": "application/x-research-info-systems", "csl.json": "application/json"}
