"""The knowledge base as a networkx MultiDiGraph, and its node-link JSON export."""

from __future__ import annotations

import json

import networkx as nx

from . import model
from .validate import KnowledgeBase, valid_links


def build_graph(kb: KnowledgeBase) -> nx.MultiDiGraph:
    """One node per record (attributes: type, title, path, every field), one edge per link.

    Edges are keyed by relation name, so a record can link to the same target under two
    relations (a recommendation may address and align with the same record).
    """
    g = nx.MultiDiGraph()
    for record in sorted(kb.records.values(), key=lambda r: r.id):
        g.add_node(record.id, type=record.type, path=record.path, **record.fields)
    for link in sorted(valid_links(kb), key=lambda l: (l.source, l.relation, l.target)):
        g.add_edge(link.source, link.target, key=link.relation, relation=link.relation, **link.qualifiers)
    return g


def _json_value(field: model.Field | None, value):
    if field is not None and field.kind is model.Kind.NUMBER:
        return float(value) if "." in value else int(value)
    return value


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
    return json.dumps(node_link(g), ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def outgoing(g: nx.MultiDiGraph, node_id: str) -> dict[str, list[tuple[str, dict]]]:
    """Links a record declares, grouped by relation name, in YAML order of the targets' ids."""
    grouped: dict[str, list] = {}
    for _, target, attrs in g.out_edges(node_id, data=True):
        grouped.setdefault(attrs["relation"], []).append((target, attrs))
    return grouped


def incoming(g: nx.MultiDiGraph, node_id: str) -> dict[tuple[str, str], list[tuple[str, dict]]]:
    """Links that end here, grouped by (source type, relation): the derived reverse links."""
    grouped: dict[tuple, list] = {}
    for source, _, attrs in g.in_edges(node_id, data=True):
        grouped.setdefault((g.nodes[source]["type"], attrs["relation"]), []).append((source, attrs))
    return grouped
