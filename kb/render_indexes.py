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

    def _index_ids(self, type_name: str) -> list[str]:
        return sorted((n for n, a in self.g.nodes(data=True) if a["type"] == type_name), key=self._order)

    def index_row(self, type_name: str, node_id: str, facets: dict | None) -> Markup:
        """One row of an index table: title link, the type's columns, verification; with `facets`, the
        values the filters match (data-f-…). The one place a row is rendered (page and index.json)."""
        esc = escape.text
        attrs = self.g.nodes[node_id]
        data = "".join(f' data-f-{html.escape(name.replace("_", "-"))}=" {esc(" ".join(values))} "'
                       for name, values in (facets or {}).items())
        cells = "".join(f"<td>{esc(self.fmt(type_name, c, attrs.get(c, '')))}</td>"
                        for c in model.RECORD_TYPES[type_name].columns)
        unverified = "; ".join(filter(None, (self.law_status_text(node_id).lower(),
                                             "niet geverifieerd" if attrs.get("verified") is False else "")))
        return Markup(f'<tr data-kb-row{data}><td><a href="{html.escape(node_id)}/">{esc(self.heading(node_id))}</a>'
                      f"</td>{cells}<td>{unverified}</td></tr>")

    def index_page(self, type_name: str) -> str:
        rtype = model.RECORD_TYPES[type_name]
        ids = self._index_ids(type_name)
        columns = [model.fields_of(type_name)[c] for c in rtype.columns]
        values = {n: self.facet_values(n) for n in ids}
        facets = []  # (name, label, [(value, label)]) for facets some row has
        for name, label in model.FACETS:
            found = sorted({v for f in values.values() for v in f.get(name, [])})
            if len(found) > 1 or (found and name != "standing"):
                options = [(v, model.STANDINGS[v].label if name == "standing" else
                            model.fields_of(type_name)[name].label_of(v) if name in model.fields_of(type_name) else
                            self.heading(v)) for v in found]
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
