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
    assert _imports(_modules()["settings"]) <= {"errors", "model"}


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


# -- presentation and type names stay in the model ----------------------------------------------------------
# A record type's name, a relation's name or a type's Dutch label written as a whole string outside
# kb/model.py: each place that must stay, with why. A new one fails the test below: read the name from the
# model (model.RECORD_TYPES, model.RELATIONS, a declaration on the type), or add it here with a reason.
ALLOWED = {
    ("kb/citation.py", "source"): "treaty_source: the source record of kind treaty (the citation model's own rule)",
    ("kb/citation.py", "sources"): "primary_source: the first source a record lists is what its citation cites",
    ("kb/diff.py", "article"): "the integrity report of kb diff names its own checks",
    ("kb/diff.py", "engages"): "the integrity report of kb diff names its own checks",
    ("kb/diff.py", "recommendation"): "the integrity report of kb diff names its own checks",
    ("kb/diff.py", "risk"): "the integrity report of kb diff names its own checks",
    ("kb/diff.py", "sources"): "the integrity report of kb diff names its own checks",
    ("kb/export.py", "actor"): "TYPE_CLASSES: the published RDF class of a type (a mapping to outside vocabularies)",
    ("kb/export.py", "article"): "PROPERTIES/TYPE_CLASSES: published vocabularies for articles; treaty link",
    ("kb/export.py", "general_comment"): "TYPE_CLASSES: the published RDF class of a type",
    ("kb/export.py", "source"): "the 'source' column of links.csv and of a link node (not the record type)",
    ("kb/export.py", "sources"): "PROPERTIES: schema:citation for a record's sources",
    ("kb/graph.py", "source"): "node-link JSON's key of a link's start (not the record type)",
    ("kb/guide.py", "article"): "the wegwijzer answers with articles: its routes end there (model.GUIDE_ROUTES)",
    ("kb/guide.py", "concerns"): "an article's concluding observations in the wegwijzer",
    ("kb/guide.py", "general_comment"): "General Comments before their paragraphs in an article's interpretations",
    ("kb/guide.py", "implements"): "an article's recommendations in the wegwijzer",
    ("kb/guide.py", "interprets"): "an article's interpretations in the wegwijzer",
    ("kb/guide.py", "recommendation"): "the recommendations the wegwijzer orders by the reader's choices",
    ("kb/records.py", "sources"): "a missing source gets its own problem code (missing-source)",
    ("kb/render.py", "sources"): "StandingRule.FIRST_SOURCE: a record's standing is its first source's",
    ("kb/render_records.py", "sources"): "the diagram leaves out the sources (every record has them)",
    ("kb/render_site.py", "theme"): "the home page lists the themes",
    ("kb/scan.py", "General Comment"): "the words of a reference in a document (what kb scan recognises)",
    ("kb/scan.py", "article"): "kinds of reference kb scan recognises, resolved to records of these types",
    ("kb/scan.py", "general_comment"): "kinds of reference kb scan recognises",
    ("kb/scan.py", "instrument"): "kinds of reference kb scan recognises",
    ("kb/scan.py", "observation"): "kinds of reference kb scan recognises",
    ("kb/scan.py", "recommendation"): "kinds of reference kb scan recognises",
    ("kb/scan.py", "source"): "a --stub writes a new source record",
    ("kb/settings.py", "theme"): "MkDocs' theme folder (not the record type)",
    ("kb/config.py", "theme"): "MkDocs' theme setting in mkdocs.yml (not the record type)",
    ("kb/site.py", "theme"): "MkDocs' theme folder and config key (not the record type)",
    ("kb/textsearch.py", "article"): "INDEXED_TYPES, and 'article' as a word a reader types (ID_WORDS)",
    ("kb/textsearch.py", "risk"): "INDEXED_TYPES: the records a situation is matched against",
    ("kb/textsearch.py", "setting"): "INDEXED_TYPES: the records a situation is matched against",
    ("kb/textsearch.py", "target_group"): "INDEXED_TYPES: the records a situation is matched against",
    ("kb/vocabulary.py", "article"): "TARGET_TYPES: what a vocabulary group may point to",
    ("kb/vocabulary.py", "risk"): "TARGET_TYPES: what a vocabulary group may point to",
    ("kb/vocabulary.py", "setting"): "TARGET_TYPES: what a vocabulary group may point to",
    ("kb/vocabulary.py", "target_group"): "TARGET_TYPES: what a vocabulary group may point to",
    ("kb/theme/assets/kb-kader.js", "Aanbevelingen"): "a heading of the article's panel (words of the page)",
    ("kb/theme/assets/kb-match.js", "article"): "type keys of the data (answers are articles); 'article' as a typed word",
    ("kb/theme/assets/kb-scan.js", "General Comment"): "the words of a reference (same as kb/scan.py)",
    ("kb/theme/assets/kb-scan.js", "article"): "kinds of reference, as kb/scan.py (tests/test_scan.py compares)",
    ("kb/theme/assets/kb-scan.js", "general_comment"): "kinds of reference, as kb/scan.py",
    ("kb/theme/assets/kb-scan.js", "observation"): "kinds of reference, as kb/scan.py",
    ("kb/theme/assets/kb-scan.js", "recommendation"): "kinds of reference, as kb/scan.py",
    ("kb/theme/assets/kb-search.js", "article"): "the HTML element <article> of a search result (not the type)",
    # calls, responses and the Monitor (kb/calls.py, kb/render_calls.py, templates/monitor.md.j2)
    ("kb/calls.py", "Oproep"): "a column heading of the Monitor's export (words of the page)",
    ("kb/calls.py", "by"): "a response's author: the Monitor's status rules follow responses",
    ("kb/calls.py", "call"): "the Monitor's rows are calls; a call's status follows its responses",
    ("kb/calls.py", "calls"): "what a response or recommendation answers: the Monitor's status rules",
    ("kb/calls.py", "changes"): "what a response changed: the Monitor's status rules",
    ("kb/calls.py", "concerns"): "the articles a call concerns, for its legal grounds",
    ("kb/calls.py", "gc_paragraph"): "the General Comment paragraphs behind a call's articles",
    ("kb/calls.py", "implements"): "the articles a call implements, for its legal grounds",
    ("kb/calls.py", "interprets"): "the General Comment paragraphs behind a call's articles",
    ("kb/calls.py", "response"): "the Monitor's status rules follow responses",
    ("kb/calls.py", "source"): "a key of the Monitor's export row (the document's address; not the record type)",
    ("kb/calls.py", "sources"): "a call's first source is where it was made",
    ("kb/render_calls.py", "Thema"): "a filter heading of the Monitor (words of the page)",
    ("kb/render_calls.py", "addressed_to"): "the Monitor's filter on addressees",
    ("kb/render_calls.py", "call"): "the call page and the Monitor's rows",
    ("kb/render_calls.py", "calls"): "what a record answers, shown with the call's status",
    ("kb/render_calls.py", "concerns"): "a call's articles",
    ("kb/render_calls.py", "implements"): "a call's articles",
    ("kb/render_calls.py", "themes"): "the Monitor's filter on themes",
    ("kb/templates/monitor.md.j2", "call"): "the Monitor lists calls and their responses",
    ("kb/templates/monitor.md.j2", "response"): "the Monitor lists calls and their responses",
    ("kb/validate.py", "call"): "check_calls: a call's rules across records",
    # the law in time (kb/lawtime.py, kb/wetcheck.py) and its display
    ("kb/guide.py", "call"): "an article's calls in the wegwijzer's data (key 'call')",
    ("kb/guide.py", "calls"): "the calls an article's recommendations make, in the wegwijzer",
    ("kb/theme/assets/kb-wegwijzer.js", "call"): "the 'call' part of an article's answer (the data's key)",
    ("kb/guide.py", "instrument"): "a provision's instrument says whether the law applies today",
    ("kb/guide.py", "provision"): "a provision's status in time in the wegwijzer's data",
    ("kb/lawtime.py", "applies"): "a status in time ('applies', 'not_yet', 'ceased'; not the relation)",
    ("kb/lawtime.py", "instrument"): "a provision's status follows its instrument's",
    ("kb/lawtime.py", "provision"): "a provision's status follows its instrument's",
    ("kb/lawtime.py", "replaced_by"): "what replaced a law that ceased",
    ("kb/lawtime.py", "ruling"): "rulings may cite law that no longer applies",
    ("kb/render.py", "applies"): "a status in time (not the relation)",
    ("kb/render.py", "instrument"): "a provision's status follows its instrument's",
    ("kb/render.py", "provision"): "a provision's status follows its instrument's",
    ("kb/render.py", "replaced_by"): "what replaced a law that ceased, on its page",
    ("kb/validate.py", "replaced_by"): "check_law_time: a ceased law names what replaced it",
    ("kb/wetcheck.py", "instrument"): "the check of the law against the official registers reads instruments",
    ("kb/wetcheck.py", "provision"): "the check of the law against the official registers reads provisions",
    # case law and the phrasing check
    ("kb/render_records.py", "article"): "an article's rulings link to the rulings' index filtered on it",
    ("kb/render_records.py", "ruling"): "an article's rulings link to the rulings' index filtered on it",
    ("kb/templates/types/view.md.j2", "view"): "the outcome of a Committee view, labelled by the model (fmt)",
    ("kb/phrasing.py", "fact"): "disputed figures are those of unverified facts",
}


def _model_words() -> dict[str, str]:
    from kb import model

    words = {}
    for t in model.RECORD_TYPES.values():
        words[t.name] = "record-type name"
        words[t.label] = words[t.plural] = "type label"
    for r in model.RELATIONS:
        words.setdefault(r.name, "relation name")
    return words


def _written_outside_the_model(words: dict[str, str]) -> dict[tuple[str, str], list[int]]:
    """Whole string literals equal to a model word, in kb/*.py (not model.py), the templates and the scripts."""
    import re

    root = KB.parent
    found: dict[tuple[str, str], list[int]] = {}
    for path, tree in ((KB / f"{name}.py", tree) for name, tree in _modules().items() if name != "model"):
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in words:
                found.setdefault((path.relative_to(root).as_posix(), node.value), []).append(node.lineno)
    for path in sorted([*KB.glob("theme/**/*.js"), *KB.glob("templates/**/*.j2")]):
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for m in re.finditer(r"""(["'])([^"'\n]{1,60})\1""", line):
                if m.group(2) in words:
                    found.setdefault((path.relative_to(root).as_posix(), m.group(2)), []).append(i)
    return found


def test_no_new_type_or_relation_name_outside_the_model():
    words = _model_words()
    found = _written_outside_the_model(words)
    new = [f"{path}:{lines[0]}: {words[word]} {word!r}" for (path, word), lines in sorted(found.items())
           if (path, word) not in ALLOWED]
    assert not new, ("read these from kb/model.py (or add them to ALLOWED in tests/test_architecture.py with a "
                     "reason):\n" + "\n".join(new))
    stale = sorted(k for k in ALLOWED if k not in found)
    assert not stale, f"ALLOWED names places that no longer write the word; remove them: {stale}"
