"""Hostile values in every place a record's text is shown: rendered inert on every page type.

Validation refuses much of this (tests/test_hostile.py); these tests put the payloads straight into
the graph, so the renderer is tested on its own: `kb.escape` is the one place values are escaped,
and nothing may depend on validation having run. Pages are turned into HTML with Python-Markdown and
the extensions of mkdocs.yml, as MkDocs does, then read with html.parser.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, MINIMAL, write_kb
from kb import citation
from kb.graph import build_graph
from kb.history import Change
from kb.render import Pages
from kb.validate import load_kb

# (name, payload). Each must show as the text it is, and make no link, image, element or heading.
PAYLOADS = [
    ("markdown-link-javascript", "Thema [klik](javascript:alert(document.domain))"),
    ("markdown-link-mixed-case", "[x](JaVaScRiPt:alert(1))"),
    ("markdown-link-data", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
    ("markdown-link-vbscript", "[x](vbscript:msgbox(1))"),
    ("markdown-image-third-party", "![](https://tracker.example/pixel.gif)"),
    ("markdown-reference-link", "[x][1]\n\n[1]: javascript:alert(1)"),
    ("autolink", "<javascript:alert(1)> <https://evil.example/>"),
    ("raw-html-script", "<script>alert(1)</script>"),
    ("raw-html-img-onerror", '<img src=x onerror="alert(1)">'),
    ("raw-html-details", "<details open><summary>x</summary></details>"),
    ("html-entity-smuggling", "&#106;avascript:alert(1) &lt;script&gt;"),
    ("attribute-breakout", '" onmouseover="alert(1)" x="'),
    ("heading-injection-cr", "X\r\r# Verhuisd\r\r[inloggen](https://phish.example/)"),
    ("heading-injection-lf", "X\n\n# Verhuisd\n\n[inloggen](https://phish.example/)"),
    ("table-breakout", "a | b |\n|---|---|\n| [x](javascript:alert(1)) |"),
    ("emphasis-and-code", "**vet** _schuin_ `code` ~~weg~~"),
    ("setext-heading", "Kop\n===\n\n---"),
    ("numbered-list", "1. eerste\n- tweede\n> citaat"),
    ("jinja-template", "{{ 7*7 }} {% raw %}"),
    ("mention", "@org/team en #123"),
    ("nul-and-escape", "A\x00B\x1b]8;;https://evil.example\x07link\x1b]8;;\x07"),
    ("bidi-override", "abc\u202edcba"),
    ("attr-list", "Titel {: onclick=\"alert(1)\" }"),
    ("html-comment", "<!-- x --> <![CDATA[ y ]]>"),
]

# Every place a value from YAML is shown: node fields and link qualifiers.
FIELD_TARGETS = [("thema-a", "title"), ("thema-a", "summary"), ("risico-a", "title"), ("risico-a", "summary"),
                 ("aanbeveling-a", "title"), ("aanbeveling-a", "text"), ("feit-a", "unit"), ("feit-a", "period"),
                 ("bron-a", "title"), ("bron-a", "author"), ("bron-a", "occasion"), ("coa", "title"),
                 ("coa", "abbreviation"), ("ivrk-22", "title"), ("ivrk-22", "reservation"), ("gc-6", "title"),
                 ("gc-6", "symbol"), ("co-nld-2022-38e", "paragraph"), ("amv", "title"),
                 ("co-nld-2022-38e", "verification_note")]
LIST_TARGETS = [("risico-a", "signals")]
EDGE_TARGETS = [("risico-a", "ivrk-22", "engages", "why"), ("aanbeveling-a", "bron-a", "sources", "section"),
                ("aanbeveling-a", "bron-a", "sources", "footnote"), ("risico-a", "bron-a", "sources", "page")]

MD_EXTENSIONS = ["tables", "toc"]


def _extensions() -> list:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def to_html(page: str) -> str:
    body = re.sub(r"\A---\n.*?\n---\n", "", page, flags=re.S)
    return markdown.markdown(body, extensions=_extensions())


URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "background")


def unsafe_urls(page_html: str) -> list[str]:
    """Every URL attribute whose scheme is not http(s) and is not relative (our citation downloads,
    data: URLs of the citation MIME types, are the one exception)."""
    parser = _Collect()
    parser.feed(page_html)
    bad = []
    for tag, attrs in parser.tags:
        for name in URL_ATTRS:
            value = attrs.get(name)
            if value is None:
                continue
            scheme = urlsplit(value.strip()).scheme.lower()
            if scheme in ("", "http", "https") and not value.strip().startswith("//"):
                continue
            if scheme == "data" and "download" in attrs and any(
                    value.startswith(f"data:{m};charset=utf-8;base64,") for m in citation.MIME.values()):
                continue
            bad.append(f"<{tag} {name}={value!r}>")
        if any(k.startswith("on") for k in attrs):
            bad.append(f"<{tag}> with an event handler")
    return bad


def graph_with(minimal_kb):
    g = build_graph(load_kb(minimal_kb))
    g.nodes["thema-a"]["aliases"] = ["oud-id"]  # so that a redirect page is rendered too
    return g


def all_html(g, subject="Wijziging") -> dict[str, str]:
    history = ({}, [(Change("2026-01-01", "abc123", subject), g.nodes[n]["path"]) for n in g.nodes])
    pages = Pages(g, history, accessed="2026-01-01")
    out = {}
    for rel, text in pages.all_pages().items():
        if rel.endswith(".md"):
            out[rel] = to_html(text)
        elif rel.endswith((".html", ".xml")):
            out[rel] = text
    return out


def structure(page_html: str) -> tuple[set[str], set[str]]:
    """The element names and link targets of a page."""
    parser = _Collect()
    parser.feed(page_html)
    return {t for t, _ in parser.tags}, {a.get("href") or a.get("src") for _, a in parser.tags} - {None}


def assert_inert(out: dict[str, str], baseline: dict[str, str]):
    """Compared with the same pages rendered from plain text: no new kind of element, no new link,
    no unsafe URL, one h1, no control characters."""
    assert out.keys() == baseline.keys()
    for rel, page_html in out.items():
        assert unsafe_urls(page_html) == [], rel
        tags, links = structure(page_html)
        base_tags, base_links = structure(baseline[rel])
        assert tags <= base_tags, (rel, tags - base_tags)
        new_links = {l for l in links - base_links if not l.startswith("data:")}  # downloads carry the text
        assert new_links == set(), (rel, new_links)
        if rel.endswith(".md"):
            assert page_html.count("<h1") == 1, rel
        assert not re.search(r"[\x00\x1b\r\u202e]", page_html), rel


@pytest.fixture(scope="module")
def base_graph(tmp_path_factory):
    return graph_with(write_kb(tmp_path_factory.mktemp("kb"), MINIMAL))


# The quick tier (pytest -m "not slow") renders a few payloads of different kinds; the full run renders all.
QUICK_PAYLOADS = {"markdown-link-javascript", "raw-html-script", "attribute-breakout", "table-breakout", "bidi-override"}
assert QUICK_PAYLOADS <= {n for n, _ in PAYLOADS}


@pytest.mark.parametrize("name,payload", [pytest.param(n, v, marks=() if n in QUICK_PAYLOADS else pytest.mark.slow)
                                          for n, v in PAYLOADS], ids=[p[0] for p in PAYLOADS])
def test_payload_in_every_field_renders_inert(base_graph, name, payload):
    g = base_graph.copy()
    for node, field in FIELD_TARGETS:
        g.nodes[node][field] = payload
    for node, field in LIST_TARGETS:
        g.nodes[node][field] = [payload]
    for s, t, rel, q in EDGE_TARGETS:
        g.edges[s, t, rel][q] = payload
    out = all_html(g, subject=payload)
    assert_inert(out, all_html(base_graph))
    # and the text itself is shown as written (control characters excepted)
    shown = html.unescape(re.sub(r"<[^>]+>", "", out["themas/thema-a.md"]))
    visible = " ".join(re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", " ", payload).split())
    assert visible in " ".join(shown.split())


def test_titles_reach_front_matter_without_markup(base_graph):
    g = base_graph.copy()
    g.nodes["thema-a"]["title"] = '</title><script>alert(1)</script>"\n---\nx: y'
    page = Pages(g, accessed="2026-01-01").record_page("thema-a")
    front = yaml.safe_load(page.split("---\n")[1])
    assert set(front) == {"title", "search"} and "<" not in front["title"] and "\n" not in front["title"]


text_strategy = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80) | st.sampled_from(
    [p for _, p in PAYLOADS])


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=text_strategy, summary=text_strategy, why=text_strategy)
def test_random_text_never_makes_a_link_outside_http_or_the_site(base_graph, title, summary, why):
    g = base_graph.copy()
    for node in ("thema-a", "risico-a", "aanbeveling-a", "bron-a"):
        g.nodes[node]["title"] = title or "x"
        g.nodes[node]["summary"] = summary
    g.edges["risico-a", "ivrk-22", "engages"]["why"] = why
    for rel, page_html in all_html(g, subject=why).items():
        assert unsafe_urls(page_html) == [], rel


def test_no_page_shows_a_python_object(base_graph):
    """A template that reaches a Python attribute instead of a value shows e.g. '<built-in method keys …>'."""
    for rel, page_html in all_html(base_graph).items():
        assert not re.search(r"built-in method|object at 0x|Undefined|\bNone\b", html.unescape(page_html)), rel
