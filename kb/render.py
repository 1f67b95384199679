"""Markdown pages from the graph, with Jinja2.

Every value from YAML reaches a page through `kb.escape`: templates `finalize` every expression with
`escape.text` (HTML- and Markdown-inert alike), and the HTML this module writes uses the same
function. Our own markup is `Markup`. Record pages are Markdown headings around HTML blocks:
Python-Markdown passes raw HTML through cheaply, while Markdown lists and links cost several
times more per item at 10,000 records (benchmarks/).
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import os
import re

import jinja2
import networkx as nx
from markupsafe import Markup

from . import citation, escape, guide, kinds
from . import graph as kbgraph
from . import model

class Pages:
    """Renders the Markdown (and the files that go with it) of every page of one graph."""

    def __init__(self, g: nx.MultiDiGraph, history=None, accessed: str | None = None, site_url: str = "",
                 edit_url: str = ""):
        self.g = g
        self.edit_url = edit_url  # + a record's path: where its YAML file is edited (site.EDIT_URL_ENV)
        # the published address (mkdocs.yml site_url or KB_SITE_URL): citations of records whose document
        # has no URL of its own give the record's page instead
        self.site_url = site_url if site_url.endswith("/") or not site_url else site_url + "/"
        # the date a citation says the online documents were consulted: the build's date
        self.accessed = accessed or _build_date()
        self.nb = kbgraph.Neighbours(g)
        self._headings: dict[str, str] = {}
        # (last change per record path, recent changes newest first), from kb.history
        self.last_change, self.recent = history or ({}, [])
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("kb", "templates"),
            autoescape=True,
            finalize=escape.text,  # the one place template values are escaped (kb/escape.py)
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.globals.update(model=model, link=self.link, link_item=self.link_item, badges=self.badges,
                                fmt=self.fmt, show=self.show, heading=self.heading, citation=citation, paras=escape.paras)
        self.env.filters["meta_title"] = lambda v: Markup(escape.meta_title(v))
        self.env.filters["url"] = escape.url

    # -- helpers available to templates -------------------------------------------------
    def page_path(self, node_id: str) -> str:
        return model.url_of(self.g.nodes[node_id]["type"], node_id).rstrip("/") + ".md"

    def heading(self, node_id: str) -> str:
        found = self._headings.get(node_id)
        if found is None:
            attrs = self.g.nodes[node_id]
            found = self._headings[node_id] = model.RECORD_TYPES[attrs["type"]].heading.format_map(_Blank(attrs))
        return found

    def link(self, node_id: str, from_page: str) -> Markup:
        """An HTML link to the page of `node_id` from an `index.md` page (home, wijzigingen/).

        HTML, not a Markdown link: MkDocs need not resolve it, so the record pages can be rendered
        in separate processes (site.run_mkdocs_split); kb.linkcheck checks it after the build."""
        url = "../" * from_page.count("/") + model.url_of(self.g.nodes[node_id]["type"], node_id)
        return Markup(f'<a href="{html.escape(url)}">{escape.text(self.heading(node_id))}</a>')

    def href(self, node_id: str) -> str:
        """URL of a record page relative to another record page (both at slug/id/)."""
        return f"../../{model.url_of(self.g.nodes[node_id]['type'], node_id)}"

    def link_item(self, node_id: str, attrs: dict) -> Markup:
        """One <li> on a record page: the link, its why, its locator in the source, 'afgeleid' when implied."""
        esc = escape.text
        parts = [f'<li><a href="{esc(self.href(node_id))}">{esc(self.heading(node_id))}</a>']
        if attrs.get("why"):
            parts.append(" — " + esc(str(attrs["why"])))
        loc = ", ".join(esc(q.show.format(attrs[q.name])) for q in model.LOCATORS if attrs.get(q.name))
        if loc:
            parts.append(f' <span class="kb-locator">({loc})</span>')
        if attrs.get("implied"):
            implied = model.QUALIFIERS["implied"]
            parts.append(f' <span class="kb-implied" title="{esc(implied.show)}">{esc(implied.label)}</span>')
        parts.append("</li>")
        return Markup("".join(parts))

    def more(self, total: int, shown: int, index_type: str, facet: str | None, node_id: str) -> Markup:
        """Below a capped list: how many more there are, and where to see them all."""
        if total <= shown:
            return Markup("")
        rtype = model.RECORD_TYPES[index_type]
        text = f"… en nog {total - shown} {rtype.plural.lower()}"
        if facet and any(name == facet for name, _ in model.FACETS):
            url = f"../../{rtype.slug}/?{facet}={node_id}"
            return Markup(f'<p class="kb-more">{escape.text(text)}: <a href="{html.escape(url)}">'
                          f"alle {total} tonen</a></p>")
        return Markup(f'<p class="kb-more">{escape.text(text)}.</p>')

    def standings(self, node_id: str) -> list[tuple[str, str]]:
        """(standing key, who says it) for a record, by its type's rule in the model: first the one the
        record carries, then those of its other sources where they differ. Empty: no legal standing."""
        attrs = self.g.nodes[node_id]
        rtype = model.RECORD_TYPES[attrs["type"]]
        rule = rtype.standing_rule
        if rule is model.StandingRule.OWN:
            return [(attrs["standing"], "")] if attrs.get("standing") else []
        if rule in (model.StandingRule.FIXED, model.StandingRule.TREATY_SUMMARY):
            return [(rtype.standing, "")]
        if rule is model.StandingRule.FIRST_SOURCE:
            found = []
            for src, _ in self.nb.outgoing(node_id).get("sources", ()):
                a = self.g.nodes[src]
                if a.get("standing") and all(a["standing"] != key for key, _ in found):
                    found.append((a["standing"], a.get("author") or a.get("publisher") or a.get("title", src)))
            return found
        return []

    def standing(self, node_id: str) -> str | None:
        """The standing a record is filtered on: the first of `standings`."""
        found = self.standings(node_id)
        return found[0][0] if found else None

    def badges(self, node_id: str) -> Markup:
        """The legal-standing badges of a record page, as its type's rule says (see model.StandingRule)."""
        rtype = model.RECORD_TYPES[self.g.nodes[node_id]["type"]]
        if rtype.standing_rule is model.StandingRule.TREATY_SUMMARY:
            # the binding label goes on the link to the official text (types/article.md.j2)
            return Markup(f' <span class="kb-standing kb-standing--own-words">{escape.text(model.OWN_WORDS)}</span>')
        out = []
        for i, (key, who) in enumerate(self.standings(node_id)):
            st = model.STANDINGS[key]
            label = st.label + (f" — {who}" if who else "")
            out.append(f' <span class="kb-standing kb-standing--{key}" title="{escape.text(st.description)}">'
                       f'{"ook: " if i else ""}{escape.text(label)}</span>')
        return Markup("".join(out))

    def fmt(self, type_name: str, field: str, value) -> str:
        """A field's value as text for readers, as its kind says (kb/kinds.py)."""
        f = model.fields_of(type_name).get(field)
        return kinds.of(f).text(f, value) if f is not None else value

    def show(self, f: model.Field, value) -> Markup:
        """A field's value on a page, as its kind says (a URL is a link)."""
        return kinds.of(f).html(f, value)

    # -- sections --------------------------------------------------------------------------
    def _sorted(self, items):
        return sorted(items, key=lambda t: self._order(t[0]))

    def _groups(self, rel: model.Relation, items):
        """[(group heading or None, items)] for a reverse list, grouped as the relation declares."""
        if not rel.group_by:
            return [(None, self._sorted(items))]
        groups: dict[str, list] = {}
        for item in items:
            names = []
            for group_rel in rel.group_by:
                targets = self.nb.targets(item[0], group_rel)
                if targets:  # a missing part is left out of the heading ("Position paper", not "… — zonder thema")
                    names.append(", ".join(self.heading(t) for t in sorted(targets)))
            groups.setdefault(" — ".join(names) or "Overige", []).append(item)
        return [(name, self._sorted(groups[name])) for name in sorted(groups)]

    def _path_items(self, node_id: str, path: model.Path):
        frontier = {node_id}
        for direction, relation in path.steps:
            step = self.nb.sources if direction == "in" else self.nb.targets
            frontier = {other for n in frontier for other in step(n, relation)}
        return [(n, {}) for n in frontier if self.g.nodes[n]["type"] == path.target_type]

    def _declared_sections(self, type_name: str, inc: dict, node_id: str) -> list:
        """The reverse sections model.SECTIONS declares for this type: (label, groups, more, count),
        links of several relations filtered by a field of the linking record, grouped by relation."""
        out = []
        for sec in model.SECTIONS:
            if sec.type_name != type_name:
                continue
            groups, total = [], 0
            for source_type, relation in sec.relations:
                items = [l for l in inc.get((source_type, relation), ())
                         if sec.where is None or self.g.nodes[l[0]].get(sec.where[0]) in sec.where[1]]
                if items:
                    rel = model.RELATIONS_BY_TYPE[source_type][relation]
                    groups.append((rel.reverse_label, self._sorted(items)[:SECTION_LIMIT], rel, len(items)))
                    total += len(items)
            if groups:
                more = Markup("").join(self.more(n, len(shown), rel.source_type, rel.name, node_id)
                                       for _, shown, rel, n in groups)
                out.append((sec.label, [(label if len(groups) > 1 else None, shown) for label, shown, _, _ in groups],
                            more, total))
        return out

    def record_page(self, node_id: str) -> str:
        attrs = self.g.nodes[node_id]
        rtype = model.RECORD_TYPES[attrs["type"]]
        out = self.nb.outgoing(node_id)
        sections_out = [(rel, self._sorted(out[rel.name]), "")
                        for rel in model.RELATIONS_BY_TYPE[rtype.name].values() if rel.name in out]
        inc = {}  # (source type, relation) -> links, the reverse sections
        for relation, links in self.nb.incoming(node_id).items():
            for link in links:
                inc.setdefault((self.g.nodes[link[0]]["type"], relation), []).append(link)
        sections_in = []  # (heading, groups, more, count)
        declared = {pair for sec in model.SECTIONS if sec.type_name == rtype.name for pair in sec.relations}
        for rel in model.incoming(rtype.name):
            items = inc.get((rel.source_type, rel.name))
            if items and (rel.source_type, rel.name) not in declared:
                shown = self._sorted(items)[:SECTION_LIMIT]  # bounded pages: the rest via the index
                sections_in.append((rel.reverse_label, self._groups(rel, shown),
                                    self.more(len(items), len(shown), rel.source_type, rel.name, node_id), len(items)))
        sections_in += self._declared_sections(rtype.name, inc, node_id)
        sections_path = []
        for p in model.PATHS:
            items = self._path_items(node_id, p) if p.type_name == rtype.name else []
            if items:
                first = self._sorted(items)[:SECTION_LIMIT]
                sections_path.append((p.label, first, self.more(len(items), len(first), p.target_type, None, node_id)))
        cite = citation.citation_data(self.g, self.nb, node_id, accessed=self.accessed, permalink=(
            self.site_url + model.url_of(rtype.name, node_id) if self.site_url else ""))
        downloads = [(ext, (label, citation.MIME[ext], Markup(base64.b64encode(fn(cite).encode()).decode())))
                     for ext, (label, fn) in citation.FORMATS.items()] if cite else []
        return self.env.get_template("record.md.j2").render(
            downloads=downloads,
            id=node_id, rec=attrs, rtype=rtype, page=self.page_path(node_id), title=self.heading(node_id),
            fields=[f for f in (*model.COMMON_FIELDS, *rtype.fields)
                    if f.name in attrs and f.name not in model.COMMON_HEAD and f.name not in rtype.head_fields],
            sections_out=sections_out, sections_in=sections_in, sections_path=sections_path,
            cite=cite, diagram=Markup("") if not rtype.diagram else Markup(diagram(
                self, node_id,
                [(rel.label, len(items)) for rel, items, _ in sections_out if rel.name != "sources"],
                [(label, count) for label, _, _, count in sections_in])),
            changed=self.last_change.get(attrs["path"]),
            edit=escape.url(self.edit_url + attrs["path"]) if self.edit_url else "",
        )

    def facet_values(self, node_id: str) -> dict[str, list[str]]:
        """Facet name -> ids (or standing keys) of one record, for the index filters."""
        values = {}
        for name, _ in model.FACETS:
            if name == "standing":
                st = self.standing(node_id)
                found = [st] if st else []
            elif name in self.g.nodes[node_id] and name not in model.NODE_ATTRIBUTES:
                found = [self.g.nodes[node_id][name]]  # a field with choices (model.FACETS)
            else:
                found = sorted(self.nb.targets(node_id, name))
            if found:
                values[name] = found
        return values

    def index_page(self, type_name: str) -> str:
        rtype = model.RECORD_TYPES[type_name]
        ids = sorted((n for n, a in self.g.nodes(data=True) if a["type"] == type_name), key=self._order)
        columns = [model.fields_of(type_name)[c] for c in rtype.columns]
        rows = [(n, self.facet_values(n)) for n in ids]
        facets = []  # (name, label, [(value, label)]) for facets some row has
        for name, label in model.FACETS:
            values = sorted({v for _, f in rows for v in f.get(name, [])})
            if len(values) > 1 or (values and name != "standing"):
                options = [(v, model.STANDINGS[v].label if name == "standing" else
                            model.fields_of(type_name)[name].label_of(v) if name in model.fields_of(type_name) else
                            self.heading(v)) for v in values]
                facets.append((name, label, sorted(options, key=lambda o: o[1].lower())))
        cells = {n: [str(self.fmt(type_name, c.name, self.g.nodes[n].get(c.name, ""))) for c in columns] for n in ids}
        return self.env.get_template("index.md.j2").render(
            rtype=rtype, rows=rows[:INDEX_ROWS], total=len(rows), columns=columns, nodes=self.g.nodes,
            facets=facets, cells=cells, heading=self.heading, href=lambda n: f"{n}/")

    def index_data(self, type_name: str) -> str:
        """All rows of an index page as JSON, for the filters when the page shows only the first rows."""
        rtype = model.RECORD_TYPES[type_name]
        ids = sorted((n for n, a in self.g.nodes(data=True) if a["type"] == type_name), key=self._order)
        rows = [{"id": n, "t": self.heading(n),
                 "c": [str(self.fmt(type_name, c, self.g.nodes[n].get(c, ""))) for c in rtype.columns],
                 "f": self.facet_values(n), "v": self.g.nodes[n].get("verified") is not False} for n in ids]
        return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))

    def guide_data(self) -> dict:
        return guide.guide_data(self.g, self.nb, self.heading, lambda n: model.url_of(self.g.nodes[n]["type"], n),
                                accessed=self.accessed)

    def search_data(self) -> dict:
        return guide.search_data(self.g, self.heading, lambda n: model.url_of(self.g.nodes[n]["type"], n))

    def guide_page(self, data: dict) -> str:
        return self.env.get_template("wegwijzer.md.j2").render(choices=data["choices"], nodes=data["nodes"])

    def home_page(self) -> str:
        counts = {t: sum(1 for _, a in self.g.nodes(data=True) if a["type"] == t) for t in model.RECORD_TYPES}
        themes = sorted((n for n, a in self.g.nodes(data=True) if a["type"] == "theme"), key=self._order)
        return self.env.get_template("home.md.j2").render(counts=counts, themes=themes, page="index.md")

    def _order(self, node_id: str):
        attrs = self.g.nodes[node_id]
        rtype = model.RECORD_TYPES[attrs["type"]]
        number = attrs.get(rtype.sort_key) if rtype.sort_key else None
        then = re.match(r"[0-9]+", str(attrs.get(rtype.sort_then, ""))) if rtype.sort_then else None
        return (attrs["type"], number if isinstance(number, int) else 10**9, int(then.group()) if then else 10**9,
                attrs.get("title", node_id).lower(), node_id)

    def changes_page(self) -> str:
        by_path = {a["path"]: n for n, a in self.g.nodes(data=True)}
        rows, seen = [], set()
        for change, path in self.recent:
            if (change.commit, path) not in seen and len(rows) < 100:
                seen.add((change.commit, path))
                rows.append((change, path, by_path.get(path)))
        return self.env.get_template("wijzigingen.md.j2").render(rows=rows, page="wijzigingen/index.md")

    def feed(self) -> str:
        """Atom feed of recent record changes; links are relative to the feed (site root)."""
        by_path = {a["path"]: n for n, a in self.g.nodes(data=True)}
        entries, seen = [], set()
        for change, path in self.recent:
            node = by_path.get(path)
            if node is None or (change.commit, path) in seen or len(entries) >= 50:
                continue
            seen.add((change.commit, path))
            entries.append((change, node))
        updated = entries[0][0].date if entries else "1970-01-01"
        esc = escape.text
        items = "".join(
            f"<entry><id>urn:ivrk-kennisbank:{esc(c.commit)}:{esc(n)}</id><title>{esc(self.heading(n))}</title>"
            f'<link href="{esc(model.url_of(self.g.nodes[n]["type"], n))}"/><updated>{esc(c.date)}T00:00:00Z</updated>'
            f"<summary>{esc(c.subject)}</summary></entry>\n" for c, n in entries)
        return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl">'
                "<title>IVRK-kennisbank: recente wijzigingen</title><id>urn:ivrk-kennisbank:wijzigingen</id>"
                f'<link href="wijzigingen/"/><updated>{updated}T00:00:00Z</updated>'
                "<author><name>IVRK-kennisbank</name></author>\n" + items + "</feed>\n")

    def redirects(self) -> dict[str, str]:
        """An HTML page at the URL of every old id (aliases) that forwards to the record."""
        files = {}
        for n, attrs in self.g.nodes(data=True):
            for alias in attrs.get("aliases", []):
                target = f"../{n}/"
                files[f"{model.RECORD_TYPES[attrs['type']].slug}/{alias}/index.html"] = (
                    '<!doctype html><html lang="nl"><head><meta charset="utf-8">'
                    f'<title>Verplaatst</title><link rel="canonical" href="{target}">'
                    f'<meta http-equiv="refresh" content="0; url={target}"><meta name="robots" content="noindex">'
                    f'</head><body><p>Deze pagina heet nu <a href="{target}">{escape.text(self.heading(n))}</a>.</p>'
                    "</body></html>\n")
        return files

    def site_pages(self) -> dict[str, str]:
        """Relative path -> text of every page that is not a record page, and the files offered."""
        guide_data = self.guide_data()
        pages = {"index.md": self.home_page(), "wegwijzer/index.md": self.guide_page(guide_data),
                 "wegwijzer/data.json": guide.guide_json(guide_data),
                 "wegwijzer/zoekindex.json": guide.guide_json(self.search_data()),
                 "wijzigingen/index.md": self.changes_page(), "feed.xml": self.feed(), **self.redirects()}
        for type_name, rtype in model.RECORD_TYPES.items():
            pages[f"{rtype.slug}/index.md"] = self.index_page(type_name)
            pages[f"{rtype.slug}/index.json"] = self.index_data(type_name)
        from . import export, scan  # the exports under data/ and the "Open data" page; "Verwijzingen herkennen"

        pages.update(export.site_files(self))
        pages.update(scan.site_files(self))
        return pages

    def record_pages(self, node_ids) -> dict[str, str]:
        return {self.page_path(n): self.record_page(n) for n in node_ids}

    def all_pages(self) -> dict[str, str]:
        """Relative path -> text, for every page of the site and the files it offers."""
        return {**self.site_pages(), **self.record_pages(self.g.nodes)}


# Index pages show this many rows in HTML; the filters load the rest from index.json.
INDEX_ROWS = 100
# At most this many items per reverse section on a record page; the rest via the filtered index.
SECTION_LIMIT = 25


def _build_date() -> str:
    """The site's date: SOURCE_DATE_EPOCH (set by the build to the last commit), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    day = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch and epoch.isdigit() else dt.date.today()
    return day.isoformat()


class _Blank(dict):
    """format_map helper: a missing field formats as an empty string."""

    def __missing__(self, key):
        return ""


def toc_slug(text: str) -> str:
    from markdown.extensions.toc import slugify

    return slugify(html.escape(text, quote=False), "-")


def diagram(pages: Pages, node_id: str, right, left) -> str:
    """A small SVG of the record's neighbourhood: one box per relation with its count (links it
    declares on the right, links to it on the left), each linking to its section on the page.
    Drawn here, not by Mermaid (see DEVELOPERS.md)."""
    if not left and not right:
        return ""
    row, box_w, box_h, width = 34, 230, 26, 720
    rows = max(len(left), len(right), 1)
    height = rows * row + 20
    cx, cy = width / 2, height / 2
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
             f'role="group" aria-label="Samenhang van {escape.text(pages.heading(node_id))}" class="kb-diagram">']
    for side, groups, x in (("in", left, 10), ("out", right, width - 10 - box_w)):
        top = cy - len(groups) * row / 2
        for i, (label, count) in enumerate(groups):
            y = top + i * row + (row - box_h) / 2
            edge_x = x + box_w if side == "in" else x
            parts.append(f'<line x1="{edge_x:.0f}" y1="{y + box_h / 2:.0f}" x2="{cx:.0f}" y2="{cy:.0f}" class="kb-edge"/>')
            parts.append(f'<a href="#{toc_slug(label)}"><rect x="{x}" y="{y:.0f}" width="{box_w}" height="{box_h}" rx="4" '
                         f'class="kb-node kb-node--{side}"/><text x="{x + 8}" y="{y + 17:.0f}">'
                         f'{escape.text(label)} ({count})</text></a>')
    title = pages.heading(node_id)
    short = title if len(title) <= 26 else title[:25] + "…"
    parts.append(f'<rect x="{cx - 110:.0f}" y="{cy - 16:.0f}" width="220" height="32" rx="6" class="kb-node kb-node--self"/>'
                 f'<text x="{cx:.0f}" y="{cy + 5:.0f}" text-anchor="middle">{escape.text(short)}</text>')
    parts.append("</svg>")
    return '<div class="kb-diagram-wrap">' + "".join(parts) + "</div>"
