"""Hostile input (issue 11). Anyone may open a pull request with YAML, so every value, key, file
name and file is untrusted. One table of cases, each fed as real files into a fresh copy of the
minimal knowledge base: each gives its located Dutch problem (or warning), `kb validate` prints it
without a traceback and without a control character reaching the terminal, and the GitHub and JSON
formats stay one annotation per problem. Then the command line: kb diff, kb new, kb export, kb
schemas and `main` itself. And a property: random text in a title or summary validates or gives
located problems, never an exception."""

from __future__ import annotations

import errno
import json
import os
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINIMAL, ROOT, write_kb
from kb import cli, model
from kb.cli import main
from kb.errors import KbError
from kb.problems import safe
from kb.records import ID_RE
from kb.validate import load_kb


class Link(str):
    """A symbolic link to this target; "OUTSIDE/…" is a folder next to the knowledge base."""


class Fifo:
    pass


class Folder:
    pass


FIFO, FOLDER = Fifo(), Folder()

# Files of the minimal knowledge base, rewritten so that line numbers below are easy to read.
COA = "actors/coa.yaml"
ART = "articles/ivrk-20.yaml"
FACT = "facts/feit-a.yaml"
GC = "general-comments/gc-6.yaml"
THEME = "themes/thema-a.yaml"
RISK = "risks/risico-a.yaml"
SRC = "sources/bron-a.yaml"


def article(number: str) -> str:
    return f"title: T\nnumber: {number}\npart: I\n"  # number at 2:9


def fact(value: str) -> str:
    return f"title: F\nvalue: {value}\nunit: kinderen\nsources: [bron-a]\n"  # value at 2:8


def gc(year: str) -> str:
    return f"title: G\nnumber: 6\nyear: {year}\nsymbol: CRC/GC/2005/6\ninterprets: [ivrk-22]\n"  # year at 3:7


def source_url(url: str) -> str:
    return f"title: P\nkind: report\nstanding: advocacy\nurl: {url}\n"  # url at 4:6


def theme_link(qualifier_line: str) -> str:
    return f"title: T\nlegal_basis:\n  - id: ivrk-22\n    {qualifier_line}\nsources: [bron-a]\n"  # value at 4:…


def theme_links(flow: str) -> str:
    return f"title: T\nlegal_basis: [{flow}]\nsources: [bron-a]\n"  # first item at 2:15


def risk_signals(items: str) -> str:
    return f"title: R\nsources: [bron-a]\nsignals:\n{items}"  # first item at 4:5


@dataclass(frozen=True)
class Case:
    what: str
    files: dict  # relative path -> str | bytes | Link | FIFO | FOLDER
    code: str
    at: str  # "path:line:col"
    words: str  # in the message
    severity: str = "error"


CASES = [
    # 1. Control characters, wherever they come from
    Case("CR escapes in a title forge a heading and a link",
         {COA: r'title: "X\r\r# Verhuisd\r\r[inloggen](https://example.org/login)"' + "\n"},
         "control-char", f"{COA}:1:8", "U+000D"),
    Case("ANSI colour escape in a title", {COA: r'title: "\e[31mCOA\e[0m"' + "\n"}, "control-char", f"{COA}:1:8", "U+001B"),
    Case("OSC 8 terminal hyperlink in a summary",
         {COA: "title: COA\nsummary: " + r'"\e]8;;https://evil.example\e\\klik\e]8;;\e\\"' + "\n"},
         "control-char", f"{COA}:2:10", "U+001B"),
    Case("NUL from an escape", {COA: r'title: "CO\0A"' + "\n"}, "control-char", f"{COA}:1:8", "U+0000"),
    Case("C1 CSI from an escape", {COA: r'title: "\x9b31mCOA"' + "\n"}, "control-char", f"{COA}:1:8", "U+009B"),
    Case("NEL from an escape", {COA: r'title: "CO\NA"' + "\n"}, "control-char", f"{COA}:1:8", "U+0085"),
    Case("line separator from an escape", {COA: "title: COA\nsummary: " + r'"a\Lb"' + "\n"},
         "control-char", f"{COA}:2:10", "U+2028"),
    Case("right-to-left override in a title (Trojan source)", {COA: r'title: "COA\u202Egnp.exe"' + "\n"},
         "control-char", f"{COA}:1:8", "U+202E"),
    Case("bidi isolate in a summary", {COA: "title: COA\nsummary: " + r'"a\u2066b"' + "\n"},
         "control-char", f"{COA}:2:10", "U+2066"),
    Case("escape in a key", {COA: r'"ti\etle": COA' + "\n"}, "control-char", f"{COA}:1:1", "veldnaam"),
    Case("CR in a link qualifier", {THEME: theme_link(r'why: "a\rb"')}, "control-char", f"{THEME}:4:10", "U+000D"),
    Case("CR in a checklist item", {RISK: risk_signals('  - "a\\rb"\n')}, "control-char", f"{RISK}:4:5", "U+000D"),
    Case("raw BEL byte", {COA: b"title: CO\x07A\n"}, "yaml-syntax", f"{COA}:1:10", "U+0007"),
    Case("raw DEL byte", {COA: b"title: CO\x7fA\n"}, "yaml-syntax", f"{COA}:1:10", "U+007F"),
    Case("raw C1 character after non-ASCII text", {COA: "title: ééé\u009bA\n"}, "yaml-syntax", f"{COA}:1:11", "U+009B"),
    Case("lone surrogate escape", {COA: r'title: "\uD800"' + "\n"}, "yaml-syntax", f"{COA}:1:11", "YAML"),
    Case("tab in a one-line field", {COA: r'title: "CO\tA"' + "\n"}, "wrong-type", f"{COA}:1:8", "tab"),
    Case("line break in a one-line qualifier", {THEME: theme_link(r'page: "3\n4"')}, "wrong-type", f"{THEME}:4:11",
         "één regel"),
    Case("zero-width space in a link id", {THEME: theme_links(r'"ivrk\u200b-22"')}, "bad-id", f"{THEME}:2:15",
         "geen geldig id"),
    Case("zero-width space in a file name", {"actors/co\u200ba.yaml": "title: C\n"}, "bad-id",
         "actors/co\u200ba.yaml:1:1", "ongeldig id"),

    # 2. Lengths and numbers, refused before anything reads them
    Case("title of 301 characters", {COA: "title: " + "x" * 301 + "\n"}, "too-long", f"{COA}:1:8", "maximaal 300"),
    Case("summary of 20,001 characters", {COA: "title: COA\nsummary: " + "x" * 20_001 + "\n"}, "too-long",
         f"{COA}:2:10", "maximaal 20.000"),
    Case("one line of 900 KB in a title", {COA: "title: " + "x" * 900_000 + "\n"}, "too-long", f"{COA}:1:8",
         "900.000 tekens"),
    Case("article number of 5,000 digits (int() would raise)", {ART: article("1" * 5000)}, "too-long", f"{ART}:2:9",
         "te veel cijfers (5.000"),
    Case("fact value of 5,000 digits (export would raise)", {FACT: fact("9" * 5000)}, "too-long", f"{FACT}:2:8",
         "te veel cijfers (5.000"),
    Case("fact value with 400 decimals (export wrote Infinity)", {FACT: fact("1" * 310 + ".5")}, "too-long",
         f"{FACT}:2:8", "te veel cijfers (311"),
    Case("fact value with 7 decimals", {FACT: fact("0.1234567")}, "too-long", f"{FACT}:2:8", "te veel decimalen (7"),
    Case("year of 16 digits", {GC: gc("2005000000000000")}, "too-long", f"{GC}:3:7", "te veel cijfers (16"),
    Case("101 checklist items", {RISK: risk_signals("".join(f"  - s{i}\n" for i in range(101)))}, "too-many",
         f"{RISK}:4:3", "101 items"),
    Case("checklist item of 301 characters", {RISK: risk_signals("  - " + "s" * 301 + "\n")}, "too-long",
         f"{RISK}:4:5", "maximaal 300"),
    Case("why of 2,001 characters", {THEME: theme_link("why: " + "w" * 2001)}, "too-long", f"{THEME}:4:10",
         "maximaal 2.000"),
    Case("501 links under one relation", {THEME: theme_links(", ".join(["ivrk-22"] * 501))}, "too-many",
         f"{THEME}:2:14", "501 koppelingen"),
    Case("101 keys in one record", {COA: "title: COA\n" + "".join(f"k{i}: x\n" for i in range(100))}, "too-many",
         f"{COA}:1:1", "101 velden"),
    Case("file name (id) of 101 characters", {"actors/" + "a" * 101 + ".yaml": "title: A\n"}, "bad-id",
         "actors/" + "a" * 101 + ".yaml:1:1", "te lang (101"),
    Case("link to an id of 101 characters", {THEME: theme_links("a" * 101)}, "bad-id", f"{THEME}:2:15", "geen geldig id"),
    Case("URL of 2,001 characters", {SRC: source_url("https://example.org/" + "a" * 1981)}, "too-long", f"{SRC}:4:6",
         "maximaal 2.000"),
    Case("file over 1 MB is not read", {COA: b"title: COA\nsummary: " + b"x" * 1_000_001 + b"\n"}, "too-large",
         f"{COA}:1:1", "te groot"),
    Case("Arabic-Indic digits as a whole number (int() would accept them)", {ART: article("٢٠")}, "wrong-type",
         f"{ART}:2:9", "geheel getal"),
    Case("full-width digits as a year", {GC: gc("２００５")}, "wrong-type", f"{GC}:3:7", "geheel getal"),
    Case("number with an exponent (float gives inf)", {FACT: fact("1e400")}, "wrong-type", f"{FACT}:2:8", "getal"),
    Case("NaN as a number", {FACT: fact("NaN")}, "wrong-type", f"{FACT}:2:8", "getal"),
    Case("javascript: URL", {SRC: source_url("javascript:alert(1)")}, "wrong-type", f"{SRC}:4:6", "webadres"),
    Case("URL that breaks out of an attribute", {SRC: source_url("'https://x.org/\"onmouseover=alert(1)'")},
         "wrong-type", f"{SRC}:4:6", "webadres"),

    # 3. Files: not followed, not read, or skipped with a warning
    Case("symlink to a record outside the repository", {"sources/geheim.yaml": Link("OUTSIDE/geheim.yaml")},
         "symlink", "sources/geheim.yaml:1:1", "symbolische link"),
    Case("symlink to /dev/zero (read forever)", {"sources/nul.yaml": Link("/dev/zero")}, "symlink",
         "sources/nul.yaml:1:1", "symbolische link"),
    Case("a type folder that is a symlink", {"settings": Link("OUTSIDE")}, "symlink", "settings:1:1", "symbolische link"),
    Case("FIFO (blocks a reader)", {"actors/pijp.yaml": FIFO}, "not-a-file", "actors/pijp.yaml:1:1", "geen gewoon bestand"),
    Case("folder named like a record", {"actors/map.yaml": FOLDER}, "not-a-file", "actors/map.yaml:1:1",
         "geen gewoon bestand"),
    Case("records in a sub-folder", {"actors/oud/ind.yaml": "title: IND\n"}, "ignored-folder", "actors/oud:1:1",
         "actors/oud/", "warning"),
    Case("upper-case extension", {"actors/ind.YAML": "title: IND\n"}, "bad-extension", "actors/ind.YAML:1:1", ".yaml"),
    Case(".yml extension", {"actors/ind.yml": "title: IND\n"}, "bad-extension", "actors/ind.yml:1:1", ".yaml"),
    Case("editor back-up file", {"actors/coa.yaml~": "title: Oud\n"}, "ignored-file", "actors/coa.yaml~:1:1",
         "reservekopie", "warning"),
    Case("Emacs lock file (a dangling symlink named .#….yaml)", {"actors/.#coa.yaml": Link("user@host.123:1")},
         "ignored-file", "actors/.#coa.yaml:1:1", "reservekopie", "warning"),
    Case("Vim swap file", {"actors/.coa.yaml.swp": b"b0VIM 9.0\x00"}, "ignored-file", "actors/.coa.yaml.swp:1:1",
         "reservekopie", "warning"),
    Case("merge leftover", {"actors/coa.yaml.orig": "title: Oud\n"}, "ignored-file", "actors/coa.yaml.orig:1:1",
         "reservekopie", "warning"),
    Case("a file that is not YAML", {"actors/README.md": "# Actoren\n"}, "ignored-file", "actors/README.md:1:1",
         "geen .yaml-bestand", "warning"),
    Case("file name that is not UTF-8", {"actors/\udcff.yaml": "title: X\n"}, "bad-id", "actors/\udcff.yaml:1:1",
         "ongeldig id"),
    Case("escape sequence in a file name", {"actors/\x1b[31mrood.yaml": "title: X\n"}, "bad-id",
         "actors/\x1b[31mrood.yaml:1:1", "ongeldig id"),
    Case("file name with workflow commands on new lines",
         {"actors/x\n::add-mask::geheim\n::error file=a,line=999::.yaml": "title: X\n"}, "bad-id",
         "actors/x\n::add-mask::geheim\n::error file=a,line=999::.yaml:1:1", "ongeldig id"),
    Case("file name that looks like an option", {"actors/-rf.yaml": "title: X\n"}, "bad-id", "actors/-rf.yaml:1:1",
         "ongeldig id"),
    Case("file name with upper case", {"actors/Coa2.yaml": "title: X\n"}, "bad-id", "actors/Coa2.yaml:1:1", "ongeldig id"),

    # 4. Ids the site or Windows needs
    Case("record id index replaces the index page", {"actors/index.yaml": "title: X\n"}, "reserved-id",
         "actors/index.yaml:1:1", "gereserveerd"),
    Case("record id pagefind", {"actors/pagefind.yaml": "title: X\n"}, "reserved-id", "actors/pagefind.yaml:1:1",
         "wegwijzer"),
    Case("record id of a site page", {"risks/wijzigingen.yaml": "title: X\nsources: [bron-a]\n"}, "reserved-id",
         "risks/wijzigingen.yaml:1:1", "gereserveerd"),
    Case("record id that is a URL segment of a type", {"themes/artikelen.yaml": "title: X\n"}, "reserved-id",
         "themes/artikelen.yaml:1:1", "gereserveerd"),
    Case("record id Windows cannot write", {"actors/con.yaml": "title: X\n"}, "reserved-id", "actors/con.yaml:1:1",
         "Windows"),
    Case("alias that is a reserved name", {COA: "title: COA\naliases:\n  - assets\n"}, "reserved-id", f"{COA}:3:5",
         "eerder id 'assets'"),
    Case("alias with a capital", {COA: "title: COA\naliases: [Coa]\n"}, "bad-id", f"{COA}:2:11", "eerder id"),
    Case("same id in two types", {"themes/amv.yaml": "title: A\n"}, "duplicate-id", "themes/amv.yaml:1:1",
         "bestaat ook als target-groups/amv.yaml"),

    # 7. Nothing accepted silently
    Case("title: null would be published as 'null'", {COA: "title: null\n"}, "null-value", f"{COA}:1:8", "'null'"),
    Case("summary: ~ would be published as '~'", {COA: "title: COA\nsummary: ~\n"}, "null-value", f"{COA}:2:10", "'~'"),
    Case("NULL in a yes/no field", {COA: "title: COA\nverified: NULL\n"}, "null-value", f"{COA}:2:11", "'NULL'"),
    Case("Null as a link", {THEME: theme_links("Null")}, "null-value", f"{THEME}:2:15", "'Null'"),
    Case("a key swallowed by a folded summary",
         {RISK: "title: R\nsummary: >-\n  Kinderen verdwijnen.\n  theme: thema-a\nsources: [bron-a]\n"},
         "text-looks-like-field", f"{RISK}:4:3", "'theme'", "warning"),
    Case("a key swallowed by a literal summary",
         {RISK: "title: R\nsources: [bron-a]\nsummary: |\n  Tekst.\n   engages: [ivrk-22]\n"},
         "text-looks-like-field", f"{RISK}:5:4", "'engages'", "warning"),

    # 9. Encodings and YAML structure
    Case("UTF-16 file", {COA: "title: COA\n".encode("utf-16")}, "encoding", f"{COA}:1:1", "UTF-16"),
    Case("invalid UTF-8", {COA: b"title: COA\nsummary: caf\xe9\n"}, "encoding", f"{COA}:2:13", "UTF-8"),
    Case("a PNG instead of YAML", {COA: b"\x89PNG\r\n\x1a\n\x00\x00"}, "encoding", f"{COA}:1:1", "UTF-8"),
    Case("10,000 nested brackets", {COA: b"title: COA\nsummary: " + b"[" * 10_000 + b"]" * 10_000 + b"\n"},
         "too-deep", f"{COA}:2:1009", "te diep"),
    Case("deeply nested block lists", {COA: "title: COA\nsummary:\n" + "".join("  " * i + "-\n" for i in range(1, 40))},
         "too-deep", f"{COA}:23:43", "te diep"),
    Case("a key that is a mapping", {COA: "title: COA\n{a: b}: c\n"}, "bad-key", f"{COA}:2:1", "veldnaam"),
    Case("a complex key", {COA: "title: COA\n? [a]\n: c\n"}, "bad-key", f"{COA}:2:3", "veldnaam"),
    Case("a key of 10,000 characters (an explicit key: YAML limits simple keys)",
         {COA: "title: COA\n? " + "k" * 10_000 + "\n: x\n"}, "unknown-field", f"{COA}:2:3", "10.000 tekens"),
    Case("a tag from a %TAG directive", {COA: "%TAG !e! tag:example.com,2000:\n---\ntitle: !e!x COA\n"}, "tag",
         f"{COA}:3:8", "tag"),
    Case("a Python object tag", {COA: "title: !!python/object/apply:os.system [id]\n"}, "tag", f"{COA}:1:8", "tag"),
    Case("an alias", {COA: "title: &t COA\nsummary: *t\n"}, "alias", f"{COA}:1:8", "aliassen"),
]


def _make(root: Path, outside: Path, files: dict) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or path.is_file():
            path.unlink()
        if isinstance(content, Link):
            target = str(outside) + content[len("OUTSIDE"):] if content.startswith("OUTSIDE") else str(content)
            os.symlink(target, path)
        elif content is FIFO:
            os.mkfifo(path)
        elif content is FOLDER:
            path.mkdir()
        else:
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


@pytest.fixture
def kb_copy(tmp_path):
    """make(files) -> root: a fresh minimal knowledge base with files added or replaced, and a folder
    outside it (OUTSIDE) holding a valid record, for links to point at."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "geheim.yaml").write_text("title: Geheim\nkind: report\nstanding: advocacy\n", encoding="utf-8")

    def make(files: dict) -> Path:
        root = write_kb(tmp_path / "kb", MINIMAL)
        _make(root, outside, files)
        return root

    return make


_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@pytest.mark.parametrize("case", CASES, ids=[c.what for c in CASES])
def test_hostile_input_gives_a_located_dutch_problem(kb_copy, case, capsys):
    root = kb_copy(case.files)
    path, line, col = case.at.rsplit(":", 2)
    started = time.perf_counter()
    kb = load_kb(root)
    assert time.perf_counter() - started < 5  # nothing is read forever or expanded
    found = [p for p in kb.problems + kb.warnings if p.code == case.code and p.path == path]
    assert found, [str(p) for p in kb.problems + kb.warnings]
    p = found[0]
    assert (p.line, p.col) == (int(line), int(col)), str(p)
    assert case.words in p.message, str(p)
    assert p.severity == case.severity and p.hint
    assert (case.severity == "error") == (p in kb.problems)

    # On the terminal: located, no traceback, no control character, exit 1 only for errors.
    assert main(["--root", str(root), "validate"]) == (1 if kb.problems else 0)
    out = capsys.readouterr()
    printed = out.out + out.err
    assert f"{safe(path)}:{line}:{col}: " in printed
    assert "Traceback" not in printed and not _UNSAFE.search(printed)
    assert ("waarschuwing" in printed) == bool(kb.warnings)

    # GitHub annotations: one line per problem, nothing else (no injected workflow command).
    main(["--root", str(root), "validate", "--format", "github"])
    lines = capsys.readouterr().out.strip().split("\n")
    assert len(lines) == len(kb.problems) + len(kb.warnings)
    assert all(re.match(r"::(error|warning) file=[^,\n]*,line=\d+,col=\d+,title=[a-z-]+::", l) for l in lines), lines
    assert not _UNSAFE.search("".join(lines))

    # JSON: valid, and the same problems.
    main(["--root", str(root), "validate", "--format", "json"])
    raw = capsys.readouterr().out
    assert not _UNSAFE.search(raw.replace("\n", " "))
    listed = json.loads(raw)
    assert len(listed) == len(lines)
    assert any(d["path"] == path and d["code"] == case.code and d["severity"] == case.severity for d in listed)


def test_the_table_is_large_and_covers_every_kind():
    assert len(CASES) >= 60
    assert len({c.what for c in CASES}) == len(CASES)
    assert {c.code for c in CASES} >= {
        "control-char", "too-long", "too-many", "too-large", "symlink", "not-a-file", "ignored-file", "ignored-folder",
        "bad-extension", "reserved-id", "null-value", "text-looks-like-field", "bad-id", "encoding", "too-deep"}


ACCEPTED = {
    "quoted null is the text null": (COA, 'title: "null"\nsummary: "~"\n', "title", "null"),
    "CRLF line endings": (COA, "title: COA\r\nsummary: Eén\r\n  twee\r\n", "summary", "Eén twee"),
    "CR-only line endings, the comment stays a comment": (COA, "title: X\r\r# Verhuisd\rsummary: y\r", "title", "X"),
    "byte order mark": (COA, "\ufefftitle: COA\n", "title", "COA"),
    "tabs and paragraphs in a text field": (COA, 'title: COA\nsummary: "a\\tb\\n\\nc"\n', "summary", "a\tb\n\nc"),
    "right-to-left mark (not an override)": (COA, "title: \u200fCOA\n", "title", "\u200fCOA"),
    "characters beyond the BMP": (COA, "title: COA 🧒\n", "title", "COA 🧒"),
    "Dutch 'kind:' in prose is not a key": (COA, "title: COA\nsummary: >-\n  Elk\n  kind: beschermd.\n",
                                            "summary", "Elk kind: beschermd."),
    "300 characters exactly": (COA, "title: " + "x" * 300 + "\n", "title", "x" * 300),
    "15 digits and 6 decimals": (FACT, fact("123456789.123456"), "value", "123456789.123456"),
}


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_what_looks_odd_but_is_fine_is_accepted(kb_copy, name):
    rel, text, key, value = ACCEPTED[name]
    kb = load_kb(kb_copy({rel: text.encode("utf-8")}))
    assert kb.problems == [] and kb.warnings == [], [str(p) for p in kb.problems + kb.warnings]
    rid = Path(rel).stem
    assert kb.records[rid].fields[key] == value


def test_reserved_ids_cover_what_the_site_writes(minimal_kb):
    from kb.graph import build_graph
    from kb.render import Pages

    pages = Pages(build_graph(load_kb(minimal_kb)))
    top = {rel.split("/")[0].split(".")[0] for rel in pages.site_pages()}
    in_types = {rel.split("/")[1].split(".")[0] for rel in pages.site_pages() if rel.count("/") == 1}
    theme = {p.name.split(".")[0] for p in (ROOT / "kb/theme").iterdir()}
    assert top | in_types | theme <= model.RESERVED_IDS, (top | in_types | theme) - model.RESERVED_IDS
    assert "index" in model.RESERVED_IDS and "con" in model.RESERVED_IDS


def test_an_id_never_ends_in_a_newline():
    assert ID_RE.match("nieuw\n") is None and ID_RE.match("nieuw") is not None


def test_export_is_valid_json_whatever_numbers_reach_it():
    import networkx as nx

    from kb.graph import export_json

    g = nx.MultiDiGraph()
    for i, value in enumerate(["9" * 5000, "0." + "1" * 400, "1" * 400 + ".5", "1e400", "7270", "0.85"]):
        g.add_node(f"f{i}", type="fact", path=f"facts/f{i}.yaml", title="F", value=value, unit="k")

    def no_constants(name):
        raise AssertionError(f"{name} is not JSON")

    nodes = json.loads(export_json(g), parse_constant=no_constants)["nodes"]
    assert [n["value"] for n in nodes][-2:] == [7270, 0.85]
    assert nodes[0]["value"] == "9" * 5000  # kept as text rather than broken


# ---- the command line -------------------------------------------------------------------------------

def _run(root, *args) -> tuple[int, str, str]:
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--root", str(root), *args])
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("rid", ["nieuw\n", "a" * 300, "index", "con", "-rf", "../buiten", "Nieuw", "nieuw\u200b",
                                 "\x1b]0;titel\x07"])
def test_kb_new_refuses_bad_ids_with_a_message(minimal_kb, rid):
    before = sorted(p.name for p in (minimal_kb / "risks").iterdir())
    code, out, err = _run(minimal_kb, "new", "risk", "--", rid)
    assert code == 1 and err.startswith("fout: ") and "tip: " in err
    assert "Traceback" not in err and not _UNSAFE.search(err.replace("\n", " "))
    assert sorted(p.name for p in (minimal_kb / "risks").iterdir()) == before


def test_kb_new_does_not_write_through_a_dangling_symlink(minimal_kb, tmp_path):
    target = tmp_path / "buiten.txt"
    os.symlink(target, minimal_kb / "risks/nieuw.yaml")
    code, _, err = _run(minimal_kb, "new", "risk", "nieuw")
    assert code == 1 and "bestaat al" in err
    assert not target.exists()


def test_export_into_a_missing_folder_is_a_message(minimal_kb, tmp_path):
    code, _, err = _run(minimal_kb, "export", "-o", str(tmp_path / "nergens/graph.json"))
    assert code == 1 and "bestaat niet" in err and "tip: " in err and "Traceback" not in err


def test_export_refuses_a_kb_with_a_400_digit_decimal(make_kb):
    root = make_kb({FACT: fact("0." + "1" * 400)})
    code, out, err = _run(root, "export")
    assert code == 1 and out == "" and f"{FACT}:2:8: 'value' heeft te veel cijfers" in err


def _git(root, *args):
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(root), "PATH": "/usr/bin:/bin"})


@pytest.fixture
def git_kb(minimal_kb):
    _git(minimal_kb, "init", "-q", "-b", "main")
    _git(minimal_kb, "add", ".")
    _git(minimal_kb, "commit", "-q", "-m", "Eerste versie")
    return minimal_kb


@pytest.mark.parametrize("rev", ["--output=VICTIM", "-o", "--format=zip", "-"])
def test_kb_diff_never_passes_the_revision_as_an_option(git_kb, tmp_path, rev):
    victim = tmp_path / "victim.txt"
    victim.write_text("waardevol\n", encoding="utf-8")
    code, out, err = _run(git_kb, "diff", "--", rev.replace("VICTIM", str(victim)))
    assert code == 2 and "begint niet met '-'" in err and "tip: " in err
    assert victim.read_text(encoding="utf-8") == "waardevol\n"


def test_kb_diff_escapes_every_value_in_the_comment(git_kb):
    evil = "<img src=x onerror=alert(1)> @org/team <details open> [klik](https://evil.example) `code`"
    (git_kb / "actors/ind.yaml").write_text(f"title: {json.dumps(evil)}\n", encoding="utf-8")
    (git_kb / "actors/x`@org` <b>.yaml").write_text("title: X\n", encoding="utf-8")  # an invalid id, still listed
    (git_kb / "actors/\u202egnp\udcff.yaml").write_text("title: Y\n", encoding="utf-8")  # bidi, not UTF-8
    code, report, _ = _run(git_kb, "diff", "HEAD")
    assert code == 0
    assert not _UNSAFE.search(report.replace("\n", " "))
    for active in ("<img", "<details", "<b>", "@org", "](https", "`code`", "`@"):
        assert active not in report, active
    assert "- `ind` (actor): &#60;img" in report


def test_github_annotations_escape_properties_and_data():
    from kb.problems import Problem, format_problems

    p = Problem("risks/a,line=999,b:c%0A.yaml", 1, 1, "x\r\n::add-mask::geheim %", "tip\n::warning::x", "bad-id")
    (line,) = format_problems([p], "github").split("\n")
    assert line.startswith("::error file=risks/a%2Cline=999%2Cb%3Ac%250A.yaml,line=1,col=1,title=bad-id::")
    assert "::add-mask::" in line and "\n" not in line and "%25" in line


def test_schemas_are_never_written_through_a_symlink(minimal_kb, tmp_path):
    assert _run(minimal_kb, "schemas")[0] == 0
    outside = tmp_path / "buiten.json"
    outside.write_text("niet overschrijven\n", encoding="utf-8")
    schema = minimal_kb / "schemas/actor.schema.json"
    schema.unlink()
    os.symlink(outside, schema)
    for args in (("schemas",), ("schemas", "--check")):
        code, _, err = _run(minimal_kb, *args)
        assert code == 1 and "symbolische link" in err
    assert outside.read_text(encoding="utf-8") == "niet overschrijven\n"


@pytest.mark.parametrize("raised, words, code", [
    (OSError(errno.ENOSPC, "No space left on device", "site/x.html"), "de schijf is vol: site/x.html", 1),
    (PermissionError(errno.EACCES, "Permission denied", "/etc/x"), "geen toestemming: /etc/x", 1),
    (OSError(errno.EROFS, "Read-only file system"), "alleen-lezen", 1),
    (OSError(errno.EIO, "Input/output error"), "kan niet lezen of schrijven", 1),
    (KbError("MkDocs faalde", "Zie de melding hierboven.", 3), "MkDocs faalde", 3),
    (RuntimeError("\x1b[2Jboem"), "interne fout (RuntimeError", cli.EXIT_INTERNAL),
])
def test_main_never_shows_a_traceback(minimal_kb, monkeypatch, raised, words, code):
    def fail(args):
        raise raised

    for name in ("cmd_validate", "cmd_export", "cmd_schemas", "cmd_new", "cmd_diff", "cmd_build"):
        monkeypatch.setattr(cli, name, fail)
    for args in (("validate",), ("export",), ("schemas",), ("new", "risk", "x"), ("diff", "HEAD")):
        got, _, err = _run(minimal_kb, *args)
        assert got == code and err.startswith("fout: ") and words in err and "tip: " in err
        assert "Traceback" not in err and "\x1b" not in err


def test_debug_shows_the_traceback(minimal_kb, monkeypatch):
    def fail(args):
        raise RuntimeError("boem")

    monkeypatch.setattr(cli, "cmd_validate", fail)
    got, _, err = _run(minimal_kb, "--debug", "validate")
    assert got == cli.EXIT_INTERNAL and "Traceback" in err and "RuntimeError: boem" in err


def test_validate_reads_nothing_through_symlinks_and_publishes_nothing_from_outside(kb_copy):
    root = kb_copy({"sources/geheim.yaml": Link("OUTSIDE/geheim.yaml")})
    kb = load_kb(root)
    assert "geheim" not in kb.records
    assert [p.code for p in kb.problems] == ["symlink"]


# ---- property: random text never crashes validation -------------------------------------------------

@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(title=st.text(max_size=60), summary=st.text(max_size=200), style=st.sampled_from(["escaped", "quoted", "raw"]))
def test_random_text_in_title_and_summary_validates_or_is_located(tmp_path_factory, title, summary, style):
    root = write_kb(tmp_path_factory.mktemp("kb"), MINIMAL, config=False)
    if style == "raw":  # as someone might type or paste it
        text = f"title: {title}\nsummary: {summary}\n"
    else:  # every character reachable, through YAML's escapes (or written as itself)
        ascii_only = style == "escaped"
        text = (f"title: {json.dumps(title, ensure_ascii=ascii_only)}\n"
                f"summary: {json.dumps(summary, ensure_ascii=ascii_only)}\n")
    (root / COA).write_bytes(text.encode("utf-8", "surrogatepass"))
    kb = load_kb(root)  # must not raise
    for p in kb.problems + kb.warnings:
        assert p.message and p.line >= 1 and p.col >= 1
        assert not _UNSAFE.search(str(p).replace("\n", " "))
        if p.path != COA:  # when coa is not a record, the recommendation's link to it fails
            assert p.code == "unknown-link", str(p)
        else:
            assert p.line <= len(re.split("\r\n|[\r\n\x85\u2028\u2029]", text)), str(p)
    if not kb.problems:
        shown = kb.records["coa"].fields.get("title", "")
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]", shown)
        assert "\n" not in shown and "\t" not in shown


def test_contributing_states_the_limits_of_the_model():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    dutch = lambda n: f"{n:,}".replace(",", ".")
    for phrase in (f"hoogstens {dutch(model.MAX_CHARS[model.Kind.STR])} tekens",
                   f"hoogstens {dutch(model.MAX_CHARS[model.Kind.TEXT])}",
                   f"hoogstens {dutch(model.MAX_QUALIFIER_CHARS)}", f"hoogstens {model.MAX_DIGITS} cijfers",
                   f"hoogstens {model.MAX_DECIMALS} achter de punt", f"hoogstens {model.MAX_ID_CHARS}\n  tekens"):
        assert phrase in text, phrase
