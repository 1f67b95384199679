"""Markdown pages from the graph, with Jinja2.

Every value from YAML reaches a page through `kb.escape`: templates `finalize` every expression with
`escape.text` (HTML- and Markdown-inert alike), and the HTML this module writes uses the same
function. Our own markup is `Markup`. Record pages are Markdown headings around HTML blocks:
Python-Markdown passes raw HTML through cheaply, while Markdown lists and links cost several
times more per item at 10,000 records (benchmarks/).
"""

from __future__ import annotations

import datetime as dt
import html
import re

import jinja2
import networkx as nx
from markupsafe import Markup

from . import citation, escape, kinds, lawtime, settings
from . import graph as kbgraph
from . import model
from .render_indexes import IndexPages
from .render_records import RecordPages
from .render_site import SitePages
from .render_calls import CallPages

class Pages(RecordPages, IndexPages, SitePages, CallPages):
    """Renders the Markdown (and the files that go with it) of every page of one graph: record pages
    (render_records), index pages (render_indexes) and site-wide pages (render_site), on the helpers below.
    Rendering writes no files; kb.site writes what it returns."""

    def __init__(self, g: nx.MultiDiGraph, history=None, accessed: str | None = None, site_url: str = "",
                 edit_url: str = ""):
        self.g = g
        self.edit_url = edit_url  # + a record's path: where its YAML file is edited (settings.EDIT_URL_ENV)
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
                                fmt=self.fmt, show=self.show, law_banner=self.law_banner, heading=self.heading, citation=citation, paras=escape.paras)
        self.env.globals.update(call_view=self.call_view, date_nl=kinds.date_nl, href=self.href)  # issue 23 (render_calls)
        self.env.filters["meta_title"] = lambda v: Markup(escape.meta_title(v))
        self.env.filters["url"] = escape.url

    # -- helpers available to templates -------------------------------------------------
    def page_path(self, node_id: str) -> str:
        return model.url_of(self.g.nodes[node_id]["type"], node_id).rstrip("/") + ".md"

    def forget(self, node_ids) -> None:
        """Drop what was kept of these records (their headings): their nodes in the graph changed."""
        for node_id in node_ids:
            self._headings.pop(node_id, None)

    def heading(self, node_id: str) -> str:
        found = self._headings.get(node_id)
        if found is None:
            attrs = self.g.nodes[node_id]
            found = self._headings[node_id] = model.RECORD_TYPES[attrs["type"]].heading_for(attrs).format_map(_Blank(attrs))
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
        if attrs.get("detail"):  # case law: the holding or outcome (render_records._case_section), then the why
            parts.append(f' <span class="kb-holding">{esc(str(attrs["detail"]))}</span>')
        if attrs.get("why"):
            parts.append(" — " + esc(str(attrs["why"])))
        if attrs.get("roles"):  # case law: how the case bears on the record (render_records._case_section)
            parts.append(f' <span class="kb-roles">({esc(str(attrs["roles"]))})</span>')
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

    # -- the law in time (kb/lawtime.py, model.law_status) ----------------------------------------------
    def law_status(self, node_id: str) -> str | None:
        """Whether a law applies on the site's date ("applies", "not_yet", "ceased"); None for other records."""
        return lawtime.node_status(self.g, self.nb, node_id, self.accessed)

    def law_status_text(self, node_id: str) -> str:
        """'Geldend', 'Vervallen per 12 juni 2026', 'Van toepassing vanaf …'; '' for other records."""
        parent = self.nb.targets(node_id, "instrument") if self.g.nodes[node_id]["type"] == "provision" else []
        return lawtime.status_text(self.g.nodes[node_id], self.law_status(node_id),
                                   self.g.nodes[parent[0]] if parent else None)

    def law_checked(self) -> str:
        """'Stand van het recht: 4 december 2026' (wetstand.yaml), or ''."""
        checked = (self.g.graph.get("law_date") or {}).get("checked")
        return f"Stand van het recht: {kinds.date_nl(checked)}" if checked else ""

    def law_banner(self, node_id: str) -> Markup:
        """At the top of the page of a law: whether it applies today, from when, and what replaced it."""
        status = self.law_status(node_id)
        if status is None:
            return Markup("")
        esc = escape.text
        text, checked = self.law_status_text(node_id), self.law_checked()
        checked_html = f'<p class="kb-law-checked">{esc(checked)}</p>' if checked else ""
        if status == "applies":
            return Markup(f'<p class="kb-law-status kb-law-status--applies"><strong>{esc(text)}</strong>'
                          f'{" · " + esc(checked) if checked else ""}</p>')
        successors = lawtime.successors(self.g, self.nb, node_id)
        own = self.nb.outgoing(node_id).get("replaced_by", [])
        items = own or [(s, {}) for s in successors]
        label = model.RECORD_TYPES[self.g.nodes[node_id]["type"]].label.lower()
        if status == "ceased":
            kind, body = "warning", (f"Deze {label} is niet meer van toepassing; de pagina blijft staan als "
                                     "geschiedenis van het recht.")
            if items:
                lead = "Vervangen door" if own else "Het instrument is vervangen door"
                body += f" {lead}:"
        else:
            kind, body = "info", f"Deze {label} is nog niet van toepassing."
            items = []
        links = ("<ul class=\"kb-links\">" + "".join(self.link_item(s, a) for s, a in items) + "</ul>") if items else ""
        return Markup(f'<div class="admonition {kind} kb-law-status kb-law-status--{status.replace("_", "-")}">'
                      f'<p class="admonition-title">{esc(text)}</p><p>{esc(body)}</p>{links}{checked_html}</div>')

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


    def _order(self, node_id: str):
        attrs = self.g.nodes[node_id]
        rtype = model.RECORD_TYPES[attrs["type"]]
        number = attrs.get(rtype.sort_key) if rtype.sort_key else None
        then = re.match(r"[0-9]+", str(attrs.get(rtype.sort_then, ""))) if rtype.sort_then else None
        return (attrs["type"], number if isinstance(number, int) else 10**9, int(then.group()) if then else 10**9,
                attrs.get("title", node_id).lower(), node_id)


def _build_date() -> str:
    """The site's date: SOURCE_DATE_EPOCH (set by the build to the last commit), else today."""
    epoch = settings.source_date_epoch()  # checked: a KbError, never an OverflowError
    day = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch else dt.date.today()
    return day.isoformat()


class _Blank(dict):
    """format_map helper: a missing field formats as an empty string."""

    def __missing__(self, key):
        return ""


