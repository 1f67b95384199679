"""Markdown pages from the graph, with Jinja2.

Every value that comes from YAML passes through `finalize`, which escapes HTML and the
characters Markdown would read as markup, so a `<script>` in a title is shown as text.
Links and other markup made by us are `Markup` and pass unchanged.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from pathlib import Path

import jinja2
import networkx as nx
from markupsafe import Markup

from . import graph as kbgraph
from . import model

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")


def md_escape(value) -> str:
    """Text from YAML, safe to place in Markdown: HTML-escaped and Markdown-escaped."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    text = html.escape(str(value), quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    # a line that starts with a number and a dot, or a dash, must not become a list
    return re.sub(r"(?m)^(\s*)(\d+)\.(\s)", r"\1\2\\.\3", re.sub(r"(?m)^(\s*)([-+])(\s)", r"\1\\\2\3", text))


def meta_title(value) -> str:
    """The page title for <title> and navigation, as a YAML front-matter scalar.

    MkDocs and Material insert page titles into templates without escaping (and `striptags`
    unescapes entities), so characters that could form markup are replaced by look-alikes.
    """
    text = " ".join(str(value).split())
    text = text.replace("&", "\uff06").replace("<", "\u2039").replace(">", "\u203a")
    return json.dumps(text, ensure_ascii=False)


class Pages:
    """Renders the Markdown of every page of one graph."""

    def __init__(self, g: nx.MultiDiGraph):
        self.g = g
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("kb", "templates"),
            autoescape=False,
            finalize=md_escape,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.globals.update(model=model, link=self.link, standing=self.standing, fmt=self.fmt)
        self.env.filters["meta_title"] = lambda v: Markup(meta_title(v))

    # -- helpers available to templates -------------------------------------------------
    def page_path(self, node_id: str) -> str:
        return model.url_of(self.g.nodes[node_id]["type"], node_id).rstrip("/") + ".md"

    def link(self, node_id: str, from_page: str, text=None) -> Markup:
        """A Markdown link from page `from_page` (a .md path) to the page of `node_id`."""
        target = posixpath.relpath(self.page_path(node_id), posixpath.dirname(from_page) or ".")
        label = md_escape(text if text is not None else self.g.nodes[node_id].get("title", node_id))
        return Markup(f"[{label}]({target})")

    def standing(self, node_id: str) -> str | None:
        """Legal standing: fixed by the type, else that of the record's first source."""
        attrs = self.g.nodes[node_id]
        if attrs["type"] == "source":
            return attrs.get("standing")
        fixed = model.RECORD_TYPES[attrs["type"]].standing
        if fixed:
            return fixed
        for _, target, rel in self.g.out_edges(node_id, keys=True):
            if rel == "sources":
                return self.g.nodes[target].get("standing")
        return None

    def fmt(self, type_name: str, field: str, value) -> str:
        f = model.fields_of(type_name).get(field)
        if f is not None and f.kind is model.Kind.ENUM and field == "standing":
            return model.STANDINGS.get(value, value)
        if f is not None and f.kind is model.Kind.NUMBER:
            return _dutch_number(value)
        return value

    # -- pages ---------------------------------------------------------------------------
    def record_page(self, node_id: str) -> str:
        attrs = self.g.nodes[node_id]
        rtype = model.RECORD_TYPES[attrs["type"]]
        out = kbgraph.outgoing(self.g, node_id)
        sections_out = [
            (rel, sorted(out[rel.name], key=lambda t: self._order(t[0])))
            for rel in model.RELATIONS_BY_TYPE[rtype.name].values() if rel.name in out
        ]
        inc = kbgraph.incoming(self.g, node_id)
        sections_in = [
            (rel, sorted(inc[(rel.source_type, rel.name)], key=lambda t: self._order(t[0])))
            for rel in model.incoming(rtype.name) if (rel.source_type, rel.name) in inc
        ]
        return self.env.get_template("record.md.j2").render(
            id=node_id, rec=attrs, rtype=rtype, page=self.page_path(node_id),
            fields=[f for f in (*model.COMMON_FIELDS, *rtype.fields)
                    if f.name in attrs and f.name not in ("title", "summary", "verified", "verification_note")],
            sections_out=sections_out, sections_in=sections_in,
        )

    def index_page(self, type_name: str) -> str:
        rtype = model.RECORD_TYPES[type_name]
        ids = sorted((n for n, a in self.g.nodes(data=True) if a["type"] == type_name), key=self._order)
        page = f"{rtype.slug}/index.md"
        columns = [model.fields_of(type_name)[c] for c in rtype.columns]
        return self.env.get_template("index.md.j2").render(rtype=rtype, ids=ids, page=page, columns=columns,
                                                           nodes=self.g.nodes)

    def home_page(self) -> str:
        counts = {t: sum(1 for _, a in self.g.nodes(data=True) if a["type"] == t) for t in model.RECORD_TYPES}
        themes = sorted((n for n, a in self.g.nodes(data=True) if a["type"] == "theme"), key=self._order)
        return self.env.get_template("home.md.j2").render(counts=counts, themes=themes, page="index.md")

    def _order(self, node_id: str):
        attrs = self.g.nodes[node_id]
        key = model.RECORD_TYPES[attrs["type"]].sort_key
        number = attrs.get(key) if key else None
        return (attrs["type"], number if isinstance(number, int) else 10**9, attrs.get("title", node_id).lower(), node_id)

    def all_pages(self) -> dict[str, str]:
        """Relative .md path -> Markdown, for every page of the site."""
        pages = {"index.md": self.home_page()}
        for type_name, rtype in model.RECORD_TYPES.items():
            pages[f"{rtype.slug}/index.md"] = self.index_page(type_name)
        for node_id in self.g.nodes:
            pages[self.page_path(node_id)] = self.record_page(node_id)
        return pages


def _dutch_number(value: str) -> str:
    whole, _, frac = str(value).partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    grouped = ".".join(reversed([digits[max(i - 3, 0):i] for i in range(len(digits), 0, -3)]))
    return sign + grouped + ("," + frac if frac else "")


def write_pages(pages: dict[str, str], docs_dir: Path) -> None:
    for rel, text in pages.items():
        path = docs_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
