"""Pages of issue 23: what a call page, a recommendation page and an observation page show of the calls
(timeline, status with its evidence, "Ook gevraagd door", "Kopieer onderbouwing"), the Monitor page that
lists every call, and one Atom feed per call. The derivations are in kb/calls.py."""

from __future__ import annotations

import json

from markupsafe import Markup

from . import calls, escape, model
from .kinds import date_nl


class CallPages:
    """Mixin of render.Pages (uses its helpers: heading, href, nb, g)."""

    def _abs(self, node_id: str) -> str:
        """The record's address on the published site, or its path from a record page."""
        url = model.url_of(self.g.nodes[node_id]["type"], node_id)
        return self.site_url + url if self.site_url else "../../" + url

    def _articles_of(self, node_id: str) -> list[tuple[str, str]]:
        out = self.nb.outgoing(node_id)
        return [(t, str(a.get("why", "")), f"art. {self.g.nodes[t].get('number', '')}")
                for t, a in out.get("implements", []) + out.get("concerns", [])]

    def call_view(self, node_id: str) -> dict:
        """What the type templates of call, recommendation and observation show."""
        g, nb = self.g, self.nb
        t = g.nodes[node_id]["type"]
        view: dict = {"onderbouwing": Markup(escape.text(json.dumps(
            calls.onderbouwing(g, nb, node_id, self.heading, self._abs), ensure_ascii=False, separators=(",", ":"))))}
        if t == "call":
            asks = calls.timeline(g, nb, node_id)
            view.update(
                asks=[(a, self._articles_of(a.node)) for a in asks], bodies=calls.bodies(asks),
                status=calls.status(g, nb, node_id),
                responses=[(r, attrs, model.QUALIFIERS["effect"].label_of(attrs.get("effect", "")))
                           for r, attrs in calls.responses(g, nb, node_id)],
                feed="../../" + calls.feed_path(node_id))
        else:
            view["also"] = calls.also_asked(g, nb, node_id)
            view["calls"] = [(c, calls.status(g, nb, c)) for c in sorted(set(nb.targets(node_id, "calls")))]
        return view

    # -- the Monitor page and the feeds ------------------------------------------------------------
    def monitor_rows(self) -> list[dict]:
        g, nb = self.g, self.nb
        rows = []
        for c in sorted((n for n, a in g.nodes(data=True) if a["type"] == "call"), key=self._order):
            asks = calls.timeline(g, nb, c)
            bodies = calls.bodies(asks)
            years = sorted(a.year for a in asks if a.year)
            st = calls.status(g, nb, c)
            addressees = sorted({t for a in asks for t in nb.targets(a.node, "addressed_to")})
            facets = {
                "themes": sorted(nb.targets(c, "themes")),
                "body": [key for key, _ in bodies],
                "addressed_to": addressees,
                "status": [st.effect if st else "geen"],
            }
            rows.append({"id": c, "bodies": bodies, "first": years[0] if years else "", "last": years[-1] if years else "",
                         "status": st, "facets": facets, "single": len(bodies) < 2})
        return rows

    def monitor_page(self) -> str:
        rows = self.monitor_rows()
        names = {key: name for r in rows for key, name in r["bodies"]}
        effect = model.QUALIFIERS["effect"]
        facets = [
            ("themes", "Thema", sorted({(v, self.heading(v)) for r in rows for v in r["facets"]["themes"]}, key=lambda o: o[1])),
            ("body", "Instantie", sorted({(k, names[k]) for r in rows for k in r["facets"]["body"]}, key=lambda o: o[1])),
            ("addressed_to", "Geadresseerde",
             sorted({(v, self.heading(v)) for r in rows for v in r["facets"]["addressed_to"]}, key=lambda o: o[1])),
            ("status", "Stand van zaken", [(c, effect.label_of(c)) for c in effect.choices] +
             [("geen", model.CALL_STATUS.none_label)]),
        ]
        return self.env.get_template("monitor.md.j2").render(rows=rows, facets=facets, page="monitor/index.md",
                                                              date_nl=date_nl)

    def call_site_files(self) -> dict[str, str]:
        """monitor/index.md and monitor/<call>.xml (the calls' Atom feeds)."""
        files = {"monitor/index.md": self.monitor_page()}
        for c, a in self.g.nodes(data=True):
            if a["type"] == "call":
                files[calls.feed_path(c)] = calls.feed(
                    self.g, self.nb, c, self.heading, lambda n: "../" + model.url_of(self.g.nodes[n]["type"], n))
        return files
