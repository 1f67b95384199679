"""The knowledge base as a networkx MultiDiGraph, and its node-link JSON export."""

from __future__ import annotations

import json

import networkx as nx

from . import kinds, model
from .validate import KnowledgeBase, valid_links


def build_graph(kb: KnowledgeBase) -> nx.MultiDiGraph:
    """One node per record (attributes: type, title, path, every field), one edge per link.

    Edges are keyed by relation name, so a record can link to the same target under two
    relations (a recommendation may address and align with the same record).
    """
    g = nx.MultiDiGraph()
    g.graph["vocabulary"] = kb.vocabulary  # the legal vocabulary, for the wegwijzer and the search (kb/guide.py)
    g.graph["law_date"] = kb.law_date  # the date the law was last checked (wetstand.yaml, kb/lawtime.py)
    for record in sorted(kb.records.values(), key=lambda r: r.id):
        g.add_node(record.id, type=record.type, path=record.path, **record.fields)
    # A record's links keep their YAML order: "the first listed source" is the one written first.
    for link in sorted(valid_links(kb), key=lambda l: (l.source, l.relation)):
        g.add_edge(link.source, link.target, key=link.relation, relation=link.relation, **link.qualifiers)
    return g


def _json_value(field: model.Field | None, value):
    """A field's value in the JSON export, as its kind says (kb/kinds.py)."""
    return kinds.KINDS[field.kind].export(value) if field is not None else value


def node_link(g: nx.MultiDiGraph) -> dict:
    nodes = []
    for node_id, attrs in g.nodes(data=True):
        fields = model.fields_of(attrs["type"])
        nodes.append({"id": node_id, **{k: _json_value(fields.get(k), v) for k, v in attrs.items()}})
    links = [
        {"source": s, "target": t, **{k: v for k, v in attrs.items()}}
        for s, t, attrs in g.edges(data=True)
    ]
    return {"directed": True, "multigraph": True, "nodes": nodes, "links": links}


def export_json(g: nx.MultiDiGraph) -> str:
    # allow_nan=False: never Infinity or NaN, which are not JSON
    return json.dumps(node_link(g), ensure_ascii=False, indent=1, sort_keys=False, allow_nan=False) + "\n"


class Neighbours:
    """The graph's links as plain dicts, for pages that ask for them 100,000 times:
    node -> relation -> [(other node, link attributes)], in both directions.
    (networkx's edge views cost more than all the rendering at 10,000 records.)"""

    def __init__(self, g: nx.MultiDiGraph):
        self.out: dict[str, dict[str, list]] = {}
        self.inc: dict[str, dict[str, list]] = {}
        for s, t, key, attrs in g.edges(keys=True, data=True):
            self.out.setdefault(s, {}).setdefault(key, []).append((t, attrs))
            self.inc.setdefault(t, {}).setdefault(key, []).append((s, attrs))

    def outgoing(self, node: str) -> dict[str, list]:
        """Links a record declares, by relation name."""
        return self.out.get(node, {})

    def incoming(self, node: str) -> dict[str, list]:
        """Links that end at a record, by relation name: the derived reverse links."""
        return self.inc.get(node, {})

    def targets(self, node: str, relation: str) -> list[str]:
        return [t for t, _ in self.out.get(node, {}).get(relation, ())]

    def sources(self, node: str, relation: str) -> list[str]:
        return [s for s, _ in self.inc.get(node, {}).get(relation, ())]
