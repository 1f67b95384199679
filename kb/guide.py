"""The wegwijzer's data: for every possible choice (target group, setting, situation), the
articles it leads to, with the route that explains why. Written as JSON at build time; the
page's script only adds up the routes of the choices a user makes."""

from __future__ import annotations

import json

import networkx as nx

from . import model
from .graph import Neighbours


def _walk(nb: Neighbours, start: str, steps) -> list[list[tuple[str, dict]]]:
    """All routes from `start` following `steps`: lists of (node, attributes of the link used)."""
    routes = [[(start, {})]]
    for direction, relation in steps:
        nxt = []
        for route in routes:
            links = (nb.incoming if direction == "in" else nb.outgoing)(route[-1][0]).get(relation, ())
            visited = [n for n, _ in route]
            for other, attrs in links:
                if other not in visited:
                    nxt.append(route + [(other, attrs)])
        routes = nxt
    return routes


EXAMPLE_ROUTES = 3  # routes shown per choice and article
ARTICLE_RECOMMENDATIONS = 30  # recommendations offered per article


def guide_data(g: nx.MultiDiGraph, nb: Neighbours, heading, url) -> dict:
    """JSON-ready data. `heading(id)` gives a node's display title, `url(id)` its site-relative URL."""
    choices = {t: sorted((n for n, a in g.nodes(data=True) if a["type"] == t), key=heading)
               for t in ("target_group", "setting", "risk")}
    # Per choice and article: the summed weight of all routes, and a few of them to explain it
    # (shortest first). Bounded, so the file stays small at 10,000 records.
    per: dict[tuple[str, str], dict] = {}
    for route_decl in model.GUIDE_ROUTES:
        for start in choices.get(route_decl.start_type, []):
            for route in _walk(nb, start, route_decl.steps):
                end = route[-1][0]
                if g.nodes[end]["type"] != "article":
                    continue
                entry = per.setdefault((start, end), {"a": end, "w": 0, "routes": []})
                entry["w"] += route_decl.weight
                why = route[-1][1].get("why", "")
                entry["routes"].append(([n for n, _ in route[1:-1]], why))
    routes: dict[str, list] = {}
    used = set(choices["target_group"]) | set(choices["setting"]) | set(choices["risk"])
    for (start, _), entry in sorted(per.items()):
        kept = sorted(entry["routes"], key=lambda r: (len(r[0]), r[0]))[:EXAMPLE_ROUTES]
        routes.setdefault(start, []).append({"a": entry["a"], "w": entry["w"], "n": len(entry["routes"]),
                                             "via": [v for v, _ in kept], "why": [w for _, w in kept]})
        used.add(entry["a"])
        used.update(n for v, _ in kept for n in v)
    info = {}
    for a in sorted({r["a"] for rs in routes.values() for r in rs}):
        gcs, obs, implementing = (sorted(nb.sources(a, rel)) for rel in ("interprets", "concerns", "implements"))
        # the recommendations most connected to groups, places and risks first, a bounded number
        recs = sorted(implementing,
                      key=lambda r: (-sum(map(len, nb.outgoing(r).values())), r))[:ARTICLE_RECOMMENDATIONS]
        info[a] = {"gc": gcs, "rec": recs, "obs": obs, "nrec": len(implementing)}
        used.update(gcs + recs + obs)
    facets = {}
    for n in sorted(used):
        attrs = g.nodes[n]
        links = {k: nb.targets(n, k) for k in ("target_groups", "settings", "addresses") if nb.targets(n, k)}
        facets[n] = {"t": heading(n), "u": url(n), "type": attrs["type"], **{k: sorted(v) for k, v in links.items()}}
    return {"choices": choices, "routes": routes, "articles": info, "nodes": facets}


def guide_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
