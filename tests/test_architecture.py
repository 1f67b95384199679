"""The shape of the code: modules under kb/ import each other without a circle, and only the CLI prints."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

KB = Path(__file__).resolve().parent.parent / "kb"


def _modules() -> dict[str, ast.Module]:
    return {p.stem: ast.parse(p.read_text(encoding="utf-8"), str(p)) for p in sorted(KB.glob("*.py"))}


def _imports(tree: ast.Module) -> set[str]:
    """The kb modules a module imports, at the top or lazily inside a function."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kb."):
            found.add(node.module.split(".")[1])
    return found


def test_no_import_circle():
    modules = _modules()
    graph = nx.DiGraph()
    for name, tree in modules.items():
        graph.add_node(name)
        graph.add_edges_from((name, other) for other in _imports(tree) if other in modules and other != name)
    circles = sorted(sorted(c) for c in nx.simple_cycles(graph))
    assert not circles, f"kb/ modules import each other in a circle (a lazy import counts too): {circles}"


def test_settings_is_a_leaf():
    """Export, site and serve read the site's address from kb/settings.py; it reads none of them."""
    assert _imports(_modules()["settings"]) <= {"errors"}


def test_only_the_cli_prints():
    """The library raises typed errors and returns results; kb/cli.py alone prints and chooses exit codes
    (kb serve's messages go through the reporter the CLI gives it)."""
    found = []
    for name, tree in _modules().items():
        if name == "cli":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
                found.append(f"kb/{name}.py:{node.lineno}: print")
            elif isinstance(node, ast.Attribute) and node.attr in ("stdout", "stderr") \
                    and isinstance(node.value, ast.Name) and node.value.id == "sys":
                found.append(f"kb/{name}.py:{node.lineno}: sys.{node.attr}")
    assert not found, "only kb/cli.py prints; raise a KbError or return a result instead:\n" + "\n".join(found)
