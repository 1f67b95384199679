"""No format strings on data (issue 19): a value from YAML is never template text. The model's templates
(`pinpoint="art. {article}[ lid {lid}]"`, headings, short forms) are trusted; the values substituted into
them are not formatted again. Each `{…}` payload goes into every field of every type (and the qualifiers of
links) that validation accepts it in; the knowledge base then validates, and every page, citation, export,
wegwijzer file and scan target is produced without expanding it."""

from __future__ import annotations

import re
import textwrap
import time

import pytest
import yaml

from conftest import MINIMAL, write_kb
from test_legal_layer import LEGAL
from kb import citation, model, scan
from kb.graph import build_graph
from kb.render import Pages
from kb.validate import load_kb

# `{title:>10000000}` stands for the 1,000,000,000 of the report: expanded, it would still show (10 MB per
# place) without taking a gigabyte when the test fails.
PAYLOADS = ["{title}", "{title.__class__.__mro__}", "{title:>10000000}", "{}", "{0}", "{label!r}",
            "%s %(title)s %d", "{{title}}", "{title", "}"]
QUALIFIERS = ("why", "section", "page", "paragraph", "footnote")
FOLDERS = {t.folder: t.name for t in model.RECORD_TYPES.values()}
EXPANDED = re.compile(r"class\W+(?:str|object)|\s{1000}")


def _records() -> dict[str, dict]:
    return {rel: yaml.safe_load(textwrap.dedent(text)) for rel, text in {**MINIMAL, **LEGAL}.items()}


def _dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def _with_payload(root, payload: str) -> tuple:
    """The knowledge base with the payload in every field and qualifier validation accepts it in."""
    records = _records()
    original = {rel: dict(data) for rel, data in records.items()}
    placed: dict[str, set[str]] = {}
    for rel, data in records.items():
        rtype = FOLDERS[rel.split("/")[0]]
        data["title"] = "Titel-" + rel.split("/")[1][:-5]  # distinct: an expanded {title} would show it
        for name, f in model.fields_of(rtype).items():
            if name == "title":
                continue
            data[name] = [payload] if f.kind.name == "STRLIST" else payload
            placed.setdefault(rel, set()).add(name)
        for value in data.values():
            for link in value if isinstance(value, list) else []:
                if isinstance(link, dict) and "id" in link:
                    link.update({q: payload for q in QUALIFIERS})
    for _ in range(4):  # take the payload out of what validation refuses, then look again
        write_kb(root, {rel: _dump(data) for rel, data in records.items()})
        kb = load_kb(root)
        if not kb.problems:
            return kb, placed
        for p in kb.problems:
            data = records[p.path]
            lines = _dump(data).splitlines()
            key = next(l.split(":")[0] for l in reversed(lines[: p.line]) if l and not l.startswith((" ", "-")))
            if key in original[p.path] and key != "title":
                data[key] = original[p.path][key]
            else:
                data.pop(key, None)
            placed.get(p.path, set()).discard(key)
    raise AssertionError([str(p) for p in kb.problems])


def _everything(root, payload) -> tuple[dict[str, str], dict]:
    kb, placed = _with_payload(root, payload)
    g = build_graph(kb)
    pages = Pages(g, accessed="2026-01-01", site_url="https://voorbeeld.org/kb/")
    out = dict(pages.all_pages())
    for node in g.nodes:
        out["cite:" + node] = repr(citation.citation_data(g, pages.nb, node, "2026-01-01"))
    out["scan"] = repr(scan.targets(g))
    return out, placed


@pytest.fixture(scope="module")
def neutral(tmp_path_factory):
    return _everything(tmp_path_factory.mktemp("kb"), "Neutraal")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_format_payloads_in_every_field_are_never_expanded(tmp_path, payload, neutral):
    started = time.perf_counter()
    out, placed = _everything(tmp_path, payload)
    assert time.perf_counter() - started < 30
    assert sum(len(v) for v in placed.values()) > 60  # the payload did reach most fields
    assert placed == neutral[1]  # the same fields as a plain word
    assert sum(len(t) for t in out.values()) < 50_000_000
    for rel, text in out.items():
        found = EXPANDED.search(text)
        assert found is None, (rel, text[max(0, found.start() - 100): found.end() + 100])
        # an expanded {title} would show a title more often than with a plain word in its place
        assert text.count("Titel-") <= neutral[0][rel].count("Titel-"), rel


@pytest.mark.parametrize("payload", ["{title}", "{title.__class__.__mro__}", "{title:>10000000}", "{}"])
def test_a_provisions_lid_stays_as_written_in_its_pinpoint(tmp_path, payload):
    records = {**MINIMAL, **LEGAL}
    text = textwrap.dedent(records["provisions/jeugdwet-1-3.yaml"])
    records["provisions/jeugdwet-1-3.yaml"] = re.sub(r"(?m)^lid: .*$", f"lid: {payload!r}", text) \
        if re.search(r"(?m)^lid:", text) else text + f"lid: {payload!r}\n"
    kb = load_kb(write_kb(tmp_path, records))
    assert not kb.problems, [str(p) for p in kb.problems]
    g = build_graph(kb)
    pages = Pages(g, accessed="2026-01-01")
    data = citation.citation_data(g, pages.nb, "jeugdwet-1-3", "2026-01-01")
    assert data["pinpoint"].endswith(f"lid {payload}")
    assert len(pages.record_page("jeugdwet-1-3")) < 100_000


def test_optional_format_substitutes_once():
    fields = citation._Fields(article="1.3", lid="{article}", title="T")
    assert citation.optional_format("art. {article}[ lid {lid}]", fields) == "art. 1.3 lid {article}"
    assert citation.optional_format("art. {article}[ lid {lid}]", citation._Fields(article="{lid}")) == "art. {lid}"
