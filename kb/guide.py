"""The wegwijzer's data: for every possible choice (target group, setting, situation), the
articles it leads to, with the route that explains why. Written as JSON at build time; the
page's script only adds up the routes of the choices a user makes."""

from __future__ import annotations

import json

import networkx as nx

from . import model


def _walk(g: nx.MultiDiGraph, start: str, steps) -> list[list[tuple[str, str]]]:
    """All routes from `start` following `steps`: lists of (node, relation used to get there)."""
    routes = [[(start, "")]]
    for direction, relation in steps:
        nxt = []
        for route in routes:
            node = route[-1][0]
            edges = g.in_edges(node, keys=True) if direction == "in" else g.out_edges(node, keys=True)
            for s, t, key in edges:
                other = s if direction == "in" else t
                if key == relation and all(other != n for n, _ in route):
                    nxt.append(route + [(other, relation)])
        routes = nxt
    return routes


EXAMPLE_ROUTES = 3  # routes shown per choice and article
ARTICLE_RECOMMENDATIONS = 30  # recommendations offered per article


def guide_data(g: nx.MultiDiGraph, heading, url) -> dict:
    """JSON-ready data. `heading(id)` gives a node's display title, `url(id)` its site-relative URL."""
    choices = {t: sorted((n for n, a in g.nodes(data=True) if a["type"] == t), key=heading)
               for t in ("target_group", "setting", "risk")}
    # Per choice and article: the summed weight of all routes, and a few of them to explain it
    # (shortest first). Bounded, so the file stays small at 10,000 records.
    per: dict[tuple[str, str], dict] = {}
    for route_decl in model.GUIDE_ROUTES:
        for start in choices.get(route_decl.start_type, []):
            for route in _walk(g, start, route_decl.steps):
                end = route[-1][0]
                if g.nodes[end]["type"] != "article":
                    continue
                entry = per.setdefault((start, end), {"a": end, "w": 0, "routes": []})
                entry["w"] += route_decl.weight
                why = g.edges[route[-2][0], end, route[-1][1]].get("why", "")
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
        def linked(rel):
            return sorted(s for s, _, k in g.in_edges(a, keys=True) if k == rel)
        gcs, obs = linked("interprets"), linked("concerns")
        # the recommendations most connected to groups, places and risks first, a bounded number
        recs = sorted(linked("implements"), key=lambda r: (-g.out_degree(r), r))[:ARTICLE_RECOMMENDATIONS]
        info[a] = {"gc": gcs, "rec": recs, "obs": obs, "nrec": len(linked("implements"))}
        used.update(gcs + recs + obs)
    facets = {}
    for n in sorted(used):
        attrs = g.nodes[n]
        links = {}
        for _, t, k in g.out_edges(n, keys=True):
            if k in ("target_groups", "settings", "addresses"):
                links.setdefault(k, []).append(t)
        facets[n] = {"t": heading(n), "u": url(n), "type": attrs["type"], **{k: sorted(v) for k, v in links.items()}}
    return {"choices": choices, "routes": routes, "articles": info, "nodes": facets}


def guide_json(g, heading, url) -> str:
    return json.dumps(guide_data(g, heading, url), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
