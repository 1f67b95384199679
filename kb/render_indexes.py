"""Index pages: one table per record type with offline filters. Rows are rendered in one place
(`index_row`), for the first rows in the page's HTML and for all rows in index.json, which the filters
load when the page shows only the first rows (kb-page.js inserts those rows as they are)."""

from __future__ import annotations

import html
import json

from markupsafe import Markup

from . import escape, model

# Index pages show this many rows in HTML; the filters load the rest from index.json.
INDEX_ROWS = 100


class IndexPages:
    """Mixin of render.Pages: the index page and index.json of every record type."""

    def facet_values(self, node_id: str) -> dict[str, list[str]]:
        """Facet name -> ids (or standing keys) of one record, for the index filters."""
        values = {}
        type_name = self.g.nodes[node_id]["type"]
        for name, _ in model.FACETS:
            derived = model.CASE_LAW_FACETS.get(name)
            if derived is not None or name == "outcome":
                if type_name not in model.CASE_LAW_TYPES:
                    continue  # the case-law filters are for rulings and views only
                found = self._case_facet(node_id, derived) if derived else (
                    [self.g.nodes[node_id][name]] if name in self.g.nodes[node_id] else [])
            elif name == "standing":
                st = self.standing(node_id)
                found = [st] if st else []
            elif name in self.g.nodes[node_id] and name not in model.NODE_ATTRIBUTES:
                found = [self.g.nodes[node_id][name]]  # a field with choices (model.FACETS)
            else:
                found = sorted(self.nb.targets(node_id, name))
            if found:
                values[name] = found
        return values

    def _case_facet(self, node_id: str, facet: model.DerivedFacet) -> list[str]:
        """The values of a case-law filter (model.CASE_LAW_FACETS) for one ruling or view."""
        attrs = self.g.nodes[node_id]
        if facet.relations:
            return sorted({t for r in facet.relations for t in self.nb.targets(node_id, r)})
        if facet.year_of:
            date = next((str(attrs[d]) for d in facet.year_of if attrs.get(d)), "")
            return [date[:4]] if date else []
        return [attrs.get(facet.field) or attrs["type"]]

    def _facet_label(self, type_name: str, name: str, value: str) -> str:
        if name == "standing":
            return model.STANDINGS[value].label
        if name == "year":
            return value
        for t in (type_name, *model.CASE_LAW_TYPES):
            f = model.fields_of(t).get(name)
            if f is not None and value in f.choices:
                return f.label_of(value)
        if value in model.RECORD_TYPES:
            return model.RECORD_TYPES[value].plural  # the forum of a view: the Committee
        return self.heading(value)

    def _index_ids(self, type_name: str) -> list[str]:
        # the case-law index ("Rechtspraak") lists the Committee's views with the rulings, newest first
        types = model.CASE_LAW_TYPES if type_name == model.CASE_LAW_TYPES[0] else (type_name,)
        ids = sorted((n for n, a in self.g.nodes(data=True) if a["type"] in types), key=self._order)
        if type_name in model.CASE_LAW_TYPES:
            ids.sort(key=lambda n: str(self.g.nodes[n].get("date") or self.g.nodes[n].get("adopted") or ""), reverse=True)
        return ids

    def index_row(self, type_name: str, node_id: str, facets: dict | None) -> Markup:
        """One row of an index table: title link, the type's columns, verification; with `facets`, the
        values the filters match (data-f-…). The one place a row is rendered (page and index.json)."""
        esc = escape.text
        attrs = self.g.nodes[node_id]
        data = "".join(f' data-f-{html.escape(name.replace("_", "-"))}=" {esc(" ".join(values))} "'
                       for name, values in (facets or {}).items())
        own = attrs["type"] == type_name
        cells = "".join(f"<td>{esc(self.fmt(type_name, c, attrs.get(c, '')) if own else self._other_cell(c, attrs))}</td>"
                        for c in model.RECORD_TYPES[type_name].columns)
        unverified = "; ".join(filter(None, (self.law_status_text(node_id).lower(),
                                             "niet geverifieerd" if attrs.get("verified") is False else "")))
        href = node_id + "/" if own else "../" + model.url_of(attrs["type"], node_id)
        return Markup(f'<tr data-kb-row{data}><td><a href="{html.escape(href)}">{esc(self.heading(node_id))}</a>'
                      f"</td>{cells}<td>{unverified}</td></tr>")

    def _other_cell(self, column: str, attrs: dict) -> str:
        """A column of the rulings' index for a view listed in it (model.CASE_LAW_COLUMNS)."""
        field = model.CASE_LAW_COLUMNS.get(column, "")
        if field in attrs:
            return self.fmt(attrs["type"], field, attrs[field])
        return model.RECORD_TYPES[attrs["type"]].label if column == "court_short" else ""

    def index_page(self, type_name: str) -> str:
        rtype = model.RECORD_TYPES[type_name]
        ids = self._index_ids(type_name)
        columns = [model.fields_of(type_name)[c] for c in rtype.columns]
        values = {n: self.facet_values(n) for n in ids}
        facets = []  # (name, label, [(value, label)]) for facets some row has
        for name, label in model.FACETS:
            found = sorted({v for f in values.values() for v in f.get(name, [])})
            if len(found) > 1 or (found and name != "standing"):
                options = [(v, self._facet_label(type_name, name, v)) for v in found]
                facets.append((name, label, sorted(options, key=lambda o: o[1].lower())))
        # all rows in the page: they carry the filter values; only the first: the filters load index.json
        complete = len(ids) <= INDEX_ROWS
        rows = [self.index_row(type_name, n, values[n] if complete else None) for n in ids[:INDEX_ROWS]]
        return self.env.get_template("index.md.j2").render(
            rtype=rtype, rows=rows, total=len(ids), columns=columns, facets=facets)

    def index_data(self, type_name: str) -> str:
        """Every row of an index page, with its filter values, as rendered HTML in a JSON list: the filters
        load it when the page shows only the first rows."""
        rows = [self.index_row(type_name, n, self.facet_values(n)) for n in self._index_ids(type_name)]
        return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
