"""Record pages: the head, the citation, the sections of links a record declares and of links to it."""

from __future__ import annotations

import base64
import html

from markupsafe import Markup

from . import citation, escape, model

# At most this many items per reverse section on a record page; the rest via the filtered index.
SECTION_LIMIT = 25


class RecordPages:
    """Mixin of render.Pages: one page per record (uses the helpers of render.Pages)."""

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
            if sec.group:
                found = self._case_section(sec, inc, node_id)
                if found:
                    out.append(found)
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

    def _case_section(self, sec: model.Section, inc: dict, node_id: str):
        """A section of case law (Section.group): each linking record once (its first link's why), grouped by
        its forum (a record without one under its type's plural), newest first, its holding or outcome shown."""
        first: dict[str, dict] = {}
        roles: dict[str, list[str]] = {}
        for pair in sec.relations:
            for other, attrs in inc.get(pair, ()):
                if other not in first:
                    first[other] = attrs
                label = model.RELATIONS_BY_TYPE[pair[0]][pair[1]].label
                if label not in roles.setdefault(other, []):
                    roles[other].append(label)
        if not first:
            return None
        groups: dict[tuple, list] = {}
        for other, attrs in first.items():
            a = self.g.nodes[other]
            f = model.fields_of(a["type"]).get(sec.group)
            value = a.get(sec.group)
            key = ((f.choices.index(value), f.label_of(value)) if f and value in f.choices else
                   (len(model.FORUMS) + list(model.RECORD_TYPES).index(a["type"]), model.RECORD_TYPES[a["type"]].plural))
            detail = " — ".join(self.fmt(a["type"], d, a[d]) for d in sec.detail if a.get(d))
            groups.setdefault(key, []).append((other, {**attrs, "detail": detail, "roles": "; ".join(roles[other])}))
        def newest(item):
            a = self.g.nodes[item[0]]
            return next((str(a[d]) for d in sec.dates if a.get(d)), ""), item[0]
        shown = [(label, sorted(items, key=newest, reverse=True)[:SECTION_LIMIT]) for (_, label), items in sorted(groups.items())]
        total = len(first)
        listed = sum(len(items) for _, items in shown)
        more = Markup("")
        if total > listed:
            url = f"../../{model.RECORD_TYPES['ruling'].slug}/?case_article={node_id}"
            more = Markup(f'<p class="kb-more">{escape.text(f"… en nog {total - listed} uitspraken")}'
                          + (f': <a href="{html.escape(url)}">alle {total} tonen</a></p>' if sec.type_name == "article"
                             else ".</p>"))
        return (sec.label, shown, more, total)

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

    def record_pages(self, node_ids) -> dict[str, str]:
        return {self.page_path(n): self.record_page(n) for n in node_ids}


def toc_slug(text: str) -> str:
    from markdown.extensions.toc import slugify

    return slugify(html.escape(text, quote=False), "-")


def diagram(pages: RecordPages, node_id: str, right, left) -> str:
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
