"""The graph in the formats other tools load: node-link JSON, CSV, GraphML, JSON-LD and Turtle.

Everything here is derived from `kb/model.py`: the CSV columns are the fields of each record type,
the GraphML keys and their types follow the field kinds, and the RDF properties are the model's field,
relation and qualifier names in our own namespace, except where a published vocabulary has the term
(`PUBLISHED`, `TYPE_CLASSES`, `SOURCE_KIND_CLASSES`). A new record type, field or relation appears in
every format without a change here.

How each format holds what it cannot hold natively is documented in README.md ("Open data") and on
the site's "Open data" page; the short version:

- CSV: one file per record type (`<folder>.csv`) and `links.csv`; UTF-8 without BOM, comma-separated,
  a header row, RFC 4180 quoting. A list (e.g. `signals`) is its items joined by a line break (items are
  one line each). true/false for booleans, an empty cell for a missing value. Formula injection: a cell
  that starts with `=`, `+`, `-`, `@`, a tab, a carriage return or an apostrophe gets one leading
  apostrophe, which spreadsheets hide and `unguard` removes.
- GraphML: lists as JSON arrays in a string attribute, missing values left out; integers and booleans
  typed as in the model, everything else a string.
- RDF (JSON-LD, Turtle): every record is the URL of its page under the site's address (`base_url`);
  our own terms are in the namespace `<base>data/#`, which is the "Open data" page where each term is
  described. A link that carries qualifiers (why, page, footnote, ...) gets a node of its own, `kb:Link`,
  at `<record URL>#<relation>-<target id>`. No blank nodes: the output is the same bytes every time.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from . import model
from .errors import KbError
from .escape import is_safe_url
from .settings import configured_site_url, site_url_from_env

if TYPE_CHECKING:  # networkx is imported by kb.graph when a graph is made; the CLI reads FORMATS without it
    import networkx as nx

DEFAULT_BASE = "https://example.org/ivrk-kennisbank/"
# The licence the data files are offered under: the repository's (pyproject.toml, README "Licence").
LICENCE_NAME = "MIT"
LICENCE_URL = "https://opensource.org/licenses/MIT"
# The site folder of the exports and the "Open data" page (model.SITE_NAMES reserves it).
DATA_DIR = "data"
FILE_STEM = "kennisbank"

# -- base URL ----------------------------------------------------------------------------------------


def base_url(site_url: str | None = None, root: Path | None = None) -> str:
    """The address records' URIs start with: `site_url` when given, else KB_SITE_URL, else `site_url`
    of `root`/mkdocs.yml, else DEFAULT_BASE. Always ends in a slash."""
    url = site_url
    if not url:
        url = site_url_from_env() or (configured_site_url(root) if root is not None else "")
    url = url or DEFAULT_BASE
    return url if url.endswith("/") else url + "/"


def record_uri(base: str, type_name: str, record_id: str) -> str:
    return base + model.url_of(type_name, record_id)


def vocab_uri(base: str) -> str:
    return f"{base}{DATA_DIR}/#"


# -- CSV ------------------------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def guard(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula: one leading apostrophe before a risky start."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def unguard(cell: str) -> str:
    """The value a guarded cell holds (what a program reading our CSV does)."""
    return cell[1:] if cell.startswith("'") else cell


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return guard("\n".join(str(v) for v in value))
    return guard(str(value))


def csv_columns(type_name: str) -> list[str]:
    """id, page (the record's page, its URI), the type's fields in the model's order (a source's or
    actor's own `url` among them), the YAML file."""
    return ["id", "page", *model.fields_of(type_name), "path"]


LINK_COLUMNS = ["source", "relation", "target", "source_type", "target_type", *model.QUALIFIERS]


def _csv_text(header: list[str], rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    return out.getvalue()


def _cell(value) -> str:
    """csv_cell, with the common cases (nothing, a plain string) first: 850,000 cells at 10,000 records."""
    if value is None:
        return ""
    if value.__class__ is str:
        return "'" + value if value[:1] in _FORMULA_CHARS else value
    return csv_cell(value)


_FORMULA_CHARS = frozenset(_FORMULA_START)


def export_csv(g: nx.MultiDiGraph, base: str) -> dict[str, str]:
    """File name -> text: `<folder>.csv` for every record type of the model, and `links.csv`."""
    by_type: dict[str, list] = {t: [] for t in model.RECORD_TYPES}
    for node_id, attrs in g.nodes(data=True):
        by_type[attrs["type"]].append((node_id, attrs))
    files = {}
    for type_name, rtype in model.RECORD_TYPES.items():
        columns = csv_columns(type_name)
        rows = []
        for node_id, attrs in by_type[type_name]:
            uri = record_uri(base, type_name, node_id)  # a column `url` is the page's (also a source's url field)
            rows.append([_cell(node_id if c == "id" else uri if c == "page" else attrs.get(c)) for c in columns])
        files[f"{rtype.folder}.csv"] = _csv_text(columns, rows)
    qualifiers = LINK_COLUMNS[5:]
    types = {n: a["type"] for n, a in g.nodes(data=True)}
    links = [[_cell(s), _cell(attrs.get("relation")), _cell(t), _cell(types[s]), _cell(types[t]),
              *[_cell(attrs.get(c)) for c in qualifiers]] for s, t, attrs in g.edges(data=True)]
    files["links.csv"] = _csv_text(LINK_COLUMNS, links)
    return files


# -- GraphML --------------------------------------------------------------------------------------------

def _graphml_kinds() -> dict[str, type]:
    """Attribute name -> Python type in GraphML: int or bool where every field (or qualifier) of that
    name has that kind in the model, str otherwise (lists become JSON text)."""
    kinds: dict[str, set] = {}
    for type_name in model.RECORD_TYPES:
        for f in model.fields_of(type_name).values():
            kinds.setdefault(f.name, set()).add(f.kind)
    for q in model.QUALIFIERS.values():
        kinds.setdefault(q.name, set()).add(q.kind)
    out = {}
    for name, found in kinds.items():
        if found == {model.Kind.INT}:
            out[name] = int
        elif found == {model.Kind.BOOL}:
            out[name] = bool
        else:
            out[name] = str
    return out


def _graphml_value(kind: type, value):
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return json.dumps(list(value), ensure_ascii=False)
    if kind is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind is bool and isinstance(value, bool):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


_GRAPHML_TYPES = {int: "long", bool: "boolean", str: "string"}


def export_graphml(g: nx.MultiDiGraph) -> str:
    """GraphML as networkx.read_graphml reads it (written here: networkx's writer takes 2.9 s at 10,000
    records). Keys are declared for the attributes in use, in the model's order; a node's `id` is its
    record id, an edge's `id` its relation."""
    from xml.sax.saxutils import escape, quoteattr

    kinds = _graphml_kinds()
    node_names = ["type", "path", *dict.fromkeys(f for t in model.RECORD_TYPES for f in model.fields_of(t))]
    edge_names = ["relation", *model.QUALIFIERS]
    used_nodes = {k for _, a in g.nodes(data=True) for k, v in a.items() if v is not None}
    used_edges = {k for _, _, a in g.edges(data=True) for k, v in a.items() if v is not None}
    node_names = [n for n in node_names if n in used_nodes] + sorted(used_nodes - set(node_names))
    edge_names = [n for n in edge_names if n in used_edges] + sorted(used_edges - set(edge_names))
    out = ["<?xml version='1.0' encoding='utf-8'?>\n",
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
           'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n']
    for scope, names in (("node", node_names), ("edge", edge_names)):
        for name in names:
            kind = _GRAPHML_TYPES[kinds.get(name, str)]
            out.append(f'  <key id={quoteattr(scope[0] + "_" + name)} for="{scope}" attr.name={quoteattr(name)} '
                       f'attr.type="{kind}"/>\n')
    out.append('  <graph edgedefault="directed">\n')

    # the opening tag of each attribute's <data>, made once (quoteattr per value cost a third of the time)
    opening = {scope: {} for scope in ("n", "e")}
    attr = functools.lru_cache(maxsize=None)(quoteattr)

    def data(scope: str, attrs: dict) -> str:
        parts = []
        tags = opening[scope]
        for name, value in attrs.items():
            if value is None:
                continue
            if value.__class__ is str:
                text = escape(value) if "&" in value or "<" in value or ">" in value else value
            else:
                value = _graphml_value(kinds.get(name, str), value)
                if isinstance(value, bool):
                    text = "true" if value else "false"
                else:
                    text = escape(str(value))
            tag = tags.get(name)
            if tag is None:
                tag = tags[name] = f'<data key={quoteattr(scope + "_" + name)}>'
            parts.append(f"{tag}{text}</data>")
        return "".join(parts)

    for node_id, attrs in g.nodes(data=True):
        out.append(f"    <node id={attr(node_id)}>{data('n', attrs)}</node>\n")
    for s, t, key, attrs in g.edges(keys=True, data=True):
        out.append(f"    <edge id={attr(key)} source={attr(s)} target={attr(t)}>{data('e', attrs)}</edge>\n")
    out.append("  </graph>\n</graphml>\n")
    return "".join(out)


# -- RDF --------------------------------------------------------------------------------------------------

SCHEMA = "https://schema.org/"
ELI = "http://data.europa.eu/eli/ontology#"
DCTERMS = "http://purl.org/dc/terms/"
DC = "http://purl.org/dc/elements/1.1/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

# Fields and relations with a term in a published vocabulary: (record type or "*", name) -> term.
# Everything else is `kb:<name>` in our own namespace.
PUBLISHED = {
    ("*", "title"): DCTERMS + "title",
    ("*", "summary"): DCTERMS + "abstract",
    ("*", "title_en"): DCTERMS + "alternative",
    ("*", "symbol"): DCTERMS + "identifier",
    ("*", "author"): DC + "creator",  # DC elements: a name as text (dcterms:creator wants an agent)
    ("*", "publisher"): DC + "publisher",
    ("*", "date"): DCTERMS + "issued",
    ("*", "year"): DCTERMS + "issued",
    ("*", "published_in"): DCTERMS + "bibliographicCitation",
    ("*", "url"): SCHEMA + "url",
    ("article", "jci"): SCHEMA + "legislationIdentifier",
    ("*", "sources"): SCHEMA + "citation",
}
# Published classes a record gets beside its own `kb:<Type>`.
TYPE_CLASSES = {
    "article": (SCHEMA + "Legislation", ELI + "LegalResourceSubdivision"),
    "general_comment": (SCHEMA + "Report", DCTERMS + "BibliographicResource"),
    "source": (DCTERMS + "BibliographicResource",),
    "actor": (SCHEMA + "Organization",),
}
# Sources: a schema.org class by their kind (model.SOURCE_KINDS); an unknown kind is a CreativeWork.
SOURCE_KIND_CLASSES = {
    "treaty": (SCHEMA + "Legislation", ELI + "LegalResource"),
    "un_document": (SCHEMA + "Report",),
    "position_paper": (SCHEMA + "Report",),
    "report": (SCHEMA + "Report",),
    "news": (SCHEMA + "NewsArticle",),
    "statistics": (SCHEMA + "Dataset",),
    "web_page": (SCHEMA + "WebPage",),
    "letter": (SCHEMA + "Message",),
}
PREFIXES = {"kb": None, "schema": SCHEMA, "eli": ELI, "dcterms": DCTERMS, "dc": DC, "rdfs": RDFS, "xsd": XSD}


def class_name(type_name: str) -> str:
    """general_comment -> GeneralComment: the record type's class in our namespace."""
    return "".join(part.capitalize() for part in type_name.split("_"))


def term(ns: str, type_name: str, name: str) -> str:
    return PUBLISHED.get((type_name, name)) or PUBLISHED.get(("*", name)) or ns + name


def Lit(value: str, datatype: str = "", lang: str = "") -> tuple:
    """An RDF literal: (text, datatype IRI or "", language or ""). An IRI is a plain str."""
    return (value, datatype, lang)


_IRI_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_BOOL = {True: Lit("true", XSD + "boolean"), False: Lit("false", XSD + "boolean")}


def _objects(field: model.Field | model.Qualifier | None, name: str, value) -> list:
    """The RDF objects of one field value (a list gives one per item)."""
    if isinstance(value, (list, tuple)):
        return [o for item in value for o in _objects(None, name, item)]
    kind = field.kind if field is not None else None
    if kind is model.Kind.BOOL and isinstance(value, bool):
        return [_BOOL[value]]
    if kind is model.Kind.INT and isinstance(value, int) and not isinstance(value, bool):
        return [Lit(str(value), XSD + ("gYear" if name == "year" else "integer"))]
    if kind is model.Kind.NUMBER:
        return [Lit(str(value), XSD + ("decimal" if "." in str(value) else "integer"))]
    if kind is model.Kind.DATE:
        datatype = {1: "gYear", 2: "gYearMonth", 3: "date"}.get(len(str(value).split("-")))
        return [Lit(str(value), XSD + datatype if datatype else "")]
    if kind is model.Kind.URL:
        ok = is_safe_url(value) and not _IRI_BAD.search(value)
        return [value if ok else Lit(str(value), XSD + "anyURI")]
    if name.endswith("_en"):
        return [Lit(str(value), "", "en")]
    if kind is model.Kind.TEXT or name == "title":
        return [Lit(str(value), "", "nl")]
    return [Lit(str(value))]


def subjects(g: nx.MultiDiGraph, base: str, nb=None) -> dict[str, list[tuple[str, object]]]:
    """The knowledge base as RDF: subject IRI -> [(predicate IRI, IRI or literal)], without duplicates,
    in the graph's order (records by id; a record's links in their YAML order), then the link nodes.
    See the module's docstring for the mapping. `nb`: the graph's Neighbours, when made already."""
    from .citation import treaty_source
    from .graph import Neighbours

    ns = vocab_uri(base)
    uris = {n: record_uri(base, a["type"], n) for n, a in g.nodes(data=True)}
    nb = nb or Neighbours(g)
    treaty = treaty_source(g)
    out: dict[str, list] = {}
    links: dict[str, list] = {}
    terms: dict[tuple[str, str], str] = {}
    for node_id, attrs in g.nodes(data=True):
        type_name = attrs["type"]
        rtype = model.RECORD_TYPES[type_name]
        s = uris[node_id]
        po = [(RDF_TYPE, ns + class_name(type_name))]
        classes = TYPE_CLASSES.get(type_name, ())
        if type_name == "source":
            classes = (*classes, *SOURCE_KIND_CLASSES.get(attrs.get("kind"), (SCHEMA + "CreativeWork",)))
        po += [(RDF_TYPE, c) for c in classes]
        po.append((ns + "id", Lit(node_id)))
        po.append((RDFS + "label", Lit(rtype.heading_for(attrs).format_map(_Blank(attrs)), "", "nl")))
        fields = model.fields_of(type_name)
        for name, value in attrs.items():
            if name in ("type", "path") or value is None:
                continue
            p = terms.get((type_name, name)) or terms.setdefault((type_name, name), term(ns, type_name, name))
            po += [(p, o) for o in _objects(fields.get(name), name, value)]
        if type_name == "article":
            po.append((ELI + "number", Lit(str(attrs.get("number", "")))))
            if treaty is not None:
                po.append((ELI + "is_part_of", uris[treaty]))
        for key, targets in nb.outgoing(node_id).items():
            p = terms.get((type_name, key)) or terms.setdefault((type_name, key), term(ns, type_name, key))
            for tgt, qualifiers in targets:
                po.append((p, uris[tgt]))
                qualifiers = {k: v for k, v in qualifiers.items() if k != "relation" and v is not None}
                if qualifiers:
                    link = [(RDF_TYPE, ns + "Link"), (ns + "from", s), (ns + "relation", p), (ns + "to", uris[tgt])]
                    for name, value in qualifiers.items():
                        link += [(ns + name, o) for o in _objects(model.QUALIFIERS.get(name), name, value)]
                    links[f"{s}#{key}-{tgt}"] = link
        out[s] = list(dict.fromkeys(po))
    out.update(links)
    out[f"{base}{DATA_DIR}/"] = [(RDF_TYPE, SCHEMA + "Dataset"), (DCTERMS + "title", Lit("IVRK-kennisbank", "", "nl")),
                                 (DCTERMS + "license", LICENCE_URL)]
    return out


def triples(g: nx.MultiDiGraph, base: str) -> list[tuple[str, str, object]]:
    """subjects() as a flat list of triples."""
    return [(s, p, o) for s, po in subjects(g, base).items() for p, o in po]


class _Blank(dict):
    def __missing__(self, key):
        return ""


def prefixes(base: str) -> dict[str, str]:
    return {p: (u or vocab_uri(base)) for p, u in PREFIXES.items()}


# -- Turtle -------------------------------------------------------------------------------------------
# Written here, not by rdflib's serializer: rdflib takes 0.9 s for the 182 bundled records (6,600
# triples), about 50 s at 10,000, more than the whole site build; this writer takes a fraction of that.
# tests/test_export.py parses the output with rdflib and Oxigraph and compares it with these triples.

_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_TTL_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}


def _ttl_iri(iri: str, names: list[tuple[str, str]]) -> str:
    if iri == RDF_TYPE:
        return "a"
    for prefix, uri in names:
        if iri.startswith(uri) and _LOCAL.fullmatch(iri[len(uri):]):
            return f"{prefix}:{iri[len(uri):]}"
    if _IRI_BAD.search(iri):  # never written as an IRI: it would end the IRI early or not parse
        raise KbError("Turtle: een adres is geen geldige IRI: " + repr(iri[:120]),
                      "Controleer KB_SITE_URL en site_url in mkdocs.yml (zie `kb validate`).")
    return f"<{iri}>"


_TTL_INTEGER = re.compile(r"-?[0-9]+")


def _ttl_object(o, names) -> str:
    if isinstance(o, str):
        return _ttl_iri(o, names) if o != RDF_TYPE else f"<{o}>"
    value, datatype, lang = o
    if datatype == XSD + "boolean":
        return value
    if datatype == XSD + "integer" and _TTL_INTEGER.fullmatch(value):
        return value
    text = '"' + value.translate(_TTL_ESCAPES) + '"'
    if lang:
        return f"{text}@{lang}"
    if datatype:
        return f"{text}^^{_ttl_iri(datatype, names)}"
    return text


def export_turtle(g: nx.MultiDiGraph, base: str, rdf: dict | None = None) -> str:
    names = sorted(prefixes(base).items(), key=lambda kv: -len(kv[1]))  # the longest namespace wins
    iri = functools.lru_cache(maxsize=None)(lambda x: _ttl_iri(x, names))
    out = [f"@prefix {p}: <{u}> .\n" for p, u in sorted(prefixes(base).items())]
    for s, po in (rdf if rdf is not None else subjects(g, base)).items():
        parts, last = [], None
        for p, o in po:
            obj = iri(o) if isinstance(o, str) and o != RDF_TYPE else _ttl_object(o, names)
            if p == last:
                parts[-1] += f", {obj}"
            else:
                parts.append(f"{iri(p)} {obj}")
                last = p
        out.append(f"\n<{s}> " + " ;\n    ".join(parts) + " .\n")
    return "".join(out)


# -- JSON-LD ------------------------------------------------------------------------------------------

def jsonld_context(base: str) -> dict:
    """The JSON-LD context: the prefixes above, `kb` being our namespace."""
    return dict(sorted(prefixes(base).items()))


def _compact(iri: str, names) -> str:
    for prefix, uri in names:
        if iri.startswith(uri) and _LOCAL.fullmatch(iri[len(uri):]):
            return f"{prefix}:{iri[len(uri):]}"
    return iri


_JSON_INTEGER = re.compile(r"-?[0-9]{1,15}")


def _jsonld_value(o, names, compact=None):
    compact = compact or (lambda iri: _compact(iri, names))
    if isinstance(o, str):
        return {"@id": compact(o)}
    value, datatype, lang = o
    if lang:
        return {"@value": value, "@language": lang}
    if datatype == XSD + "boolean":
        return value == "true"
    if datatype == XSD + "integer" and _JSON_INTEGER.fullmatch(value):
        return int(value)
    if datatype:
        return {"@value": value, "@type": compact(datatype)}
    return value


def export_jsonld(g: nx.MultiDiGraph, base: str, rdf: dict | None = None) -> str:
    """One JSON-LD document: the context and a @graph of one object per subject (one a line), keys
    compacted with the context's prefixes (written here for the same reason as the Turtle)."""
    context = jsonld_context(base)
    names = sorted(context.items(), key=lambda kv: -len(kv[1]))
    compact = functools.lru_cache(maxsize=None)(lambda x: _compact(x, names))
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    lines = []
    for s, po in (rdf if rdf is not None else subjects(g, base)).items():
        node: dict = {"@id": s}
        for p, o in po:
            if p == RDF_TYPE and isinstance(o, str):
                node.setdefault("@type", []).append(compact(o))
            else:
                node.setdefault(compact(p), []).append(_jsonld_value(o, names, compact))
        for key, values in node.items():
            if isinstance(values, list) and len(values) == 1:
                node[key] = values[0]
        lines.append(encode(node))
    head = json.dumps(context, ensure_ascii=False, indent=1)
    return '{"@context": ' + head + ',\n"@graph": [\n' + ",\n".join(lines) + "\n]}\n"


# -- node-link JSON ----------------------------------------------------------------------------------------

def _node_link_json(g: nx.MultiDiGraph) -> str:
    """graph.export_json(g), the same bytes in a third of the time: json.dumps with an indent runs the
    pure-Python encoder over every value (1 s at 10,000 records); here each string goes through the C
    function and only other values through json.dumps (re-indented for their depth). tests/test_build.py
    checks that the two agree."""
    from json.encoder import encode_basestring as text  # the C function (ensure_ascii=False)

    def value(v, pad: str) -> str:
        if v.__class__ is str:
            return text(v)
        if v.__class__ is list and v and all(x.__class__ is str for x in v):
            inner = ",\n" + pad + " "
            return "[\n" + pad + " " + inner.join(map(text, v)) + "\n" + pad + "]"
        return json.dumps(v, ensure_ascii=False, indent=1, allow_nan=False).replace("\n", "\n" + pad)

    def objects(items: list[dict]) -> str:
        if not items:
            return "[]"
        rows = []
        for item in items:
            if not item:
                rows.append("  {}")
                continue
            rows.append("  {\n" + ",\n".join(f"   {text(k)}: {value(v, '   ')}" for k, v in item.items()) + "\n  }")
        return "[\n" + ",\n".join(rows) + "\n ]"

    from .graph import node_link

    parts = []
    for k, v in node_link(g).items():
        listed = v.__class__ is list and all(x.__class__ is dict for x in v)  # nodes, links
        parts.append(f" {text(k)}: {objects(v) if listed else value(v, ' ')}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


# -- everything -------------------------------------------------------------------------------------------

class _Shared:
    """What several formats of one export need, made once: the RDF subjects of JSON-LD and Turtle."""

    def __init__(self, g: nx.MultiDiGraph, base: str, nb=None):
        self.g, self.base, self.nb = g, base, nb

    @functools.cached_property
    def rdf(self) -> dict:
        return subjects(self.g, self.base, self.nb)


@dataclass(frozen=True)
class Format:
    """One export format. `kb export --format` offers it, `export()` writes it, the site puts it under data/
    (data/<stem>.<name>, or data/<name>/ for a folder) and the "Open data" page lists it with `label` and
    `about`. A new format is one row in FORMATS and its writer."""

    name: str  # the --format value and the file's extension
    label: str  # Dutch, on the Open data page
    about: str  # Dutch, on the Open data page and in `kb export --help`
    write: Callable  # (graph, base URL, _Shared) -> text, or {file name: text} for a folder
    folder: bool = False  # a folder of files (CSV), not one file


FORMATS = {f.name: f for f in (
    Format("json", "JSON (node-link)", "Alle records met hun velden (nodes) en alle koppelingen (links).",
           lambda g, base, shared: _node_link_json(g)),
    Format("jsonld", "JSON-LD", "Linked data: dezelfde triples als het Turtle-bestand.",
           lambda g, base, shared: export_jsonld(g, base, shared.rdf)),
    Format("ttl", "Turtle (RDF)", "Linked data voor een triple store; elk record is het adres van zijn pagina.",
           lambda g, base, shared: export_turtle(g, base, shared.rdf)),
    Format("graphml", "GraphML", "De graaf voor netwerkprogramma's (networkx, Gephi, yEd).",
           lambda g, base, shared: export_graphml(g)),
    Format("csv", "CSV", "Een map met een bestand per soort record en links.csv.",
           lambda g, base, shared: export_csv(g, base), folder=True),
)}


def export_files(g: nx.MultiDiGraph, base: str, nb=None) -> dict[str, str]:
    """Relative path -> text of every export, as the site offers them under data/."""
    shared = _Shared(g, base, nb)
    files = {}
    for fmt in FORMATS.values():
        out = fmt.write(g, base, shared)
        if fmt.folder:
            files.update((f"{fmt.name}/{name}", text) for name, text in out.items())
        else:
            files[f"{FILE_STEM}.{fmt.name}"] = out
    return files


def export(g: nx.MultiDiGraph, fmt: str, base: str) -> str | dict[str, str]:
    """One format (a key of FORMATS): its text, or for a folder format (CSV) the files of its folder."""
    return FORMATS[fmt].write(g, base, _Shared(g, base))


def write_folder(folder: Path, files: dict[str, str]) -> None:
    """Write CSV files into a folder (made when missing; its parent must exist). Never through a link."""
    from .safeio import output_folder, write_file

    folder = output_folder(folder)
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        write_file(folder / name, text.encode("utf-8"), anchors=(folder,))


_SIZE_UNITS = (("MB", 1_000_000), ("kB", 1_000))


def size_nl(n: int) -> str:
    """Bytes as Dutch text: 1,5 MB, 12,3 kB, 512 bytes."""
    for unit, factor in _SIZE_UNITS:
        if n >= factor:
            return f"{n / factor:.1f}".replace(".", ",") + f" {unit}"
    return f"{n} bytes"


# -- the "Open data" page -----------------------------------------------------------------------------------

_deferral = threading.local()


@contextlib.contextmanager
def deferred():
    """While this lasts, site_files() gives nothing: `kb serve` renders the pages of an edit first and writes
    data/ (which costs seconds at 10,000 records) afterwards, with site_files() itself."""
    _deferral.on = True
    try:
        yield
    finally:
        _deferral.on = False


def site_files(pages) -> dict[str, str]:
    """data/index.md (the "Open data" page) and every export under data/, for render.Pages.site_pages.
    `pages` is the render.Pages of the site (its graph, Jinja environment and site address)."""
    if getattr(_deferral, "on", False):
        return {}
    g = pages.g
    base = base_url(getattr(pages, "site_url", "") or None)
    files = export_files(g, base, getattr(pages, "nb", None))
    rows = []
    for rel, text in files.items():
        folder, _, name = rel.rpartition("/")
        if folder:  # a file of a folder format: one per record type (by its folder's name) and the links
            fmt = FORMATS[folder]
            rtype = next((t for t in model.RECORD_TYPES.values() if t.folder == name.rsplit(".", 1)[0]), None)
            about = (f"{rtype.plural}, één per regel, met al hun velden." if rtype else
                     "Alle koppelingen tussen records, één per regel, met toelichting en vindplaats.")
        else:
            fmt = FORMATS[rel.rsplit(".", 1)[-1]]
            about = fmt.about
        rows.append({"path": rel, "format": fmt.label, "about": about, "size": size_nl(len(text.encode("utf-8")))})
    ns = vocab_uri(base)
    names = sorted(prefixes(base).items(), key=lambda kv: -len(kv[1]))
    classes = []
    for type_name, rtype in model.RECORD_TYPES.items():
        also = [_compact(c, names) for c in TYPE_CLASSES.get(type_name, ())]
        classes.append({"name": class_name(type_name), "label": rtype.label, "intro": rtype.intro,
                        "also": ", ".join(also)})
    fields: dict[str, dict] = {}
    for type_name, rtype in model.RECORD_TYPES.items():
        for f in model.fields_of(type_name).values():
            entry = fields.setdefault(f.name, {"name": f.name, "labels": [], "types": [], "help": f.help,
                                               "term": _compact(term(ns, type_name, f.name), names)})
            if f.label not in entry["labels"]:
                entry["labels"].append(f.label)
            entry["types"].append(rtype.label.lower())
    relations: dict[str, dict] = {}
    for rel in model.RELATIONS:
        entry = relations.setdefault(rel.name, {"name": rel.name, "labels": [], "types": [], "help": rel.help,
                                                "term": _compact(term(ns, rel.source_type, rel.name), names)})
        if rel.label not in entry["labels"]:
            entry["labels"].append(rel.label)
        targets = " of ".join(model.RECORD_TYPES[t].label.lower() for t in rel.target_types)
        entry["types"].append(f"{model.RECORD_TYPES[rel.source_type].label.lower()} → {targets}")
    for entry in (*fields.values(), *relations.values()):
        entry["label"] = " / ".join(entry["labels"])
        entry["types"] = ", ".join(dict.fromkeys(entry["types"]))
    qualifiers = [q for q in model.QUALIFIERS.values() if q.name not in fields]
    for q in model.QUALIFIERS.values():
        if q.name in fields:  # one term, one description
            fields[q.name]["help"] += f" Bij een koppeling ({q.label}): {q.help}"
    page = pages.env.get_template("open-data.md.j2").render(
        files=rows, licence=LICENCE_NAME, licence_url=LICENCE_URL, base=base, namespace=ns, stem=FILE_STEM,
        classes=classes, fields=list(fields.values()), relations=list(relations.values()), qualifiers=qualifiers)
    return {f"{DATA_DIR}/index.md": page, **{f"{DATA_DIR}/{rel}": text for rel, text in files.items()}}
