"""A catalogue of bad input. Each case is fed as a real file; each gives a located Dutch
problem and never a traceback. Plus property-based tests: no input makes the loader crash."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINIMAL, write_kb
from kb.cli import main
from kb.validate import load_kb
from kb.yamlio import MAX_BYTES, load

ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9))

# (file, content as bytes, expected code, expected line, words in the message)
CASES = {
    "invalid-yaml": ("actors/coa.yaml", b"title: COA\n  abbreviation: COA\n", "yaml-syntax", 2, "YAML-syntaxfout"),
    "tab-indentation": ("actors/coa.yaml", b"title: COA\nsummary:\n\t- x\n", "yaml-syntax", 3, "YAML-syntaxfout"),
    "alias-bomb": ("actors/coa.yaml", ALIAS_BOMB.encode(), "alias", 1, "aliassen"),
    "merge-key": ("actors/coa.yaml", b"title: &t COA\n<<: *t\n", "alias", 1, "aliassen"),
    "invalid-utf8": ("actors/coa.yaml", b"title: COA\nsummary: caf\xe9\n", "encoding", 2, "UTF-8"),
    "huge-file": ("actors/coa.yaml", b"title: COA\nsummary: " + b"x" * (MAX_BYTES + 1) + b"\n", "too-large", 1, "te groot"),
    "deep-nesting": ("actors/coa.yaml", b"title: COA\nsummary: " + b"[" * 40 + b"]" * 40 + b"\n", "too-deep", 2, "diep"),
    "file-is-a-list": ("actors/coa.yaml", b"- title: COA\n", "not-a-mapping", 1, "lijst"),
    "file-is-a-scalar": ("actors/coa.yaml", b"COA\n", "not-a-mapping", 1, "losse waarde"),
    "empty-file": ("actors/coa.yaml", b"", "empty", 1, "leeg"),
    "only-comments": ("actors/coa.yaml", b"# nog invullen\n", "empty", 1, "leeg"),
    "two-documents": ("actors/coa.yaml", b"title: COA\n---\ntitle: IND\n", "multiple-documents", 3, "meer dan"),
    "python-tag": ("actors/coa.yaml", b"title: !!python/object:os.system COA\n", "tag", 1, "tag"),
    "int-tag": ("articles/ivrk-20.yaml", b"title: T\nnumber: !!int 20\npart: I\n", "tag", 2, "tag"),
    "control-character": ("actors/coa.yaml", b"title: CO\x07A\n", "yaml-syntax", 1, "YAML"),
    "key-not-a-word": ("actors/coa.yaml", b"title: COA\n[a, b]: c\n", "bad-key", 2, "veldnaam"),
    "duplicate-key": ("actors/coa.yaml", b"title: COA\ntitle: IND\n", "duplicate-key", 2, "twee keer"),
    "id-with-space": ("actors/co a.yaml", b"title: COA\n", "bad-id", 1, "ongeldig id"),
    "id-with-dots": ("actors/co..a.yaml", b"title: COA\n", "bad-id", 1, "ongeldig id"),
    "id-with-capitals": ("actors/COA2.yaml", b"title: COA\n", "bad-id", 1, "ongeldig id"),
    "yml-extension": ("actors/ind.yml", b"title: IND\n", "bad-extension", 1, ".yaml"),
    "link-id-with-slash": ("themes/thema-a.yaml", b"title: T\nlegal_basis: [../ivrk-22]\n", "bad-id", 2, "geen geldig id"),
    "link-id-with-path": ("themes/thema-a.yaml", b"title: T\nlegal_basis: [articles/ivrk-22]\n", "bad-id", 2, "geen geldig id"),
    "self-link": ("articles/ivrk-20.yaml", b"title: T\nnumber: 20\npart: I\nrelated: [ivrk-20]\n", "self-link", 4, "zelf"),
    "duplicate-id-two-folders": ("actors/amv.yaml", b"title: A\n", "duplicate-id", 1, "bestaat ook als"),
    "wrong-link-type": ("themes/thema-a.yaml", b"title: T\nlegal_basis: [coa]\n", "wrong-link-type", 2, "artikel"),
    "date-not-a-date": ("sources/bron-a.yaml", b"title: P\nkind: report\nstanding: advocacy\ndate: gisteren\n",
                        "wrong-type", 4, "datum"),
    "number-with-thousands-dot": ("facts/feit-a.yaml", b"title: F\nvalue: 7.270,5\nunit: k\nsources: [bron-a]\n",
                                  "wrong-type", 2, "getal"),
    "yes-for-a-boolean": ("actors/coa.yaml", b"title: COA\nverified: yes\n", "wrong-type", 2, "true of false"),
    "link-mapping-without-id": ("themes/thema-a.yaml", b"title: T\nlegal_basis:\n  - why: x\n", "missing-field", 3, "mist 'id'"),
    "link-is-a-list-of-lists": ("themes/thema-a.yaml", b"title: T\nlegal_basis:\n  - [ivrk-22]\n", "wrong-type", 3, "moet een id"),
    "duplicate-link": ("themes/thema-a.yaml", b"title: T\nlegal_basis: [ivrk-22, ivrk-22]\n", "duplicate-link", 2, "twee keer"),
    "field-is-a-mapping": ("actors/coa.yaml", b"title:\n  nl: COA\n", "wrong-type", 2, "verzameling"),
    "multiline-title": ("actors/coa.yaml", b"title: |\n  COA\n  IND\n", "wrong-type", 1, "één regel"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_gives_a_located_dutch_problem(tmp_path, name, capsys):
    rel, content, code, line, words = CASES[name]
    root = write_kb(tmp_path, MINIMAL)
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_bytes(content)
    started = time.perf_counter()
    kb = load_kb(root)
    assert time.perf_counter() - started < 5  # the alias bomb is refused, not expanded
    found = [p for p in kb.problems if p.code == code and p.path == rel]
    assert found, [str(p) for p in kb.problems]
    assert found[0].line == line
    assert words in found[0].message
    assert main(["--root", str(root), "validate"]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    assert f"{rel}:{line}:" in out.out


def test_catalogue_is_at_least_twenty_kinds():
    assert len({code for _, _, code, _, _ in CASES.values()}) >= 15 and len(CASES) >= 20


def test_byte_order_mark_is_accepted(tmp_path):
    root = write_kb(tmp_path, MINIMAL)
    (root / "actors/coa.yaml").write_bytes("\ufefftitle: COA\n".encode("utf-8"))
    assert load_kb(root).problems == []


@pytest.mark.slow
def test_html_in_every_text_field_is_escaped_on_the_page(tmp_path):
    evil = "<script>alert(1)</script><b onmouseover=x>"
    files = dict(MINIMAL)
    files["recommendations/aanbeveling-a.yaml"] = (
        f'title: "{evil}"\nsummary: "{evil}"\ntext: "{evil}"\nverified: false\nverification_note: "{evil}"\n'
        "number: 1\nimplements:\n  - id: ivrk-22\n    why: \"" + evil + "\"\n"
        "sources:\n  - id: bron-a\n    section: \"" + evil + "\"\n    page: \"" + evil + "\"\n")
    root = write_kb(tmp_path, files)
    assert main(["--root", str(root), "build"]) == 0
    for page in ("aanbevelingen/aanbeveling-a/index.html", "artikelen/ivrk-22/index.html", "aanbevelingen/index.html",
                 "bronnen/bron-a/index.html", "wegwijzer/index.html"):
        html = (root / "site" / page).read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<b onmouseover" not in html, page
    # shown as written: the text, once its character references are read, is the payload itself
    import html as html_module

    assert evil in html_module.unescape((root / "site/aanbevelingen/aanbeveling-a/index.html").read_text())


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_loader_never_crashes_on_bytes(data):
    try:
        load(data)
    except Exception as e:  # only our own located error is allowed
        assert type(e).__name__ == "YamlError", repr(e)
        assert e.pos.line >= 1 and e.pos.col >= 1


yaml_like = st.recursive(
    st.one_of(st.text(max_size=20), st.sampled_from(["ivrk-22", "true", "no", "1.10", "~", "&a x", "*a", "!!int 3"])),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.sampled_from(["title", "number", "implements", "why", "id", "x"]),
                                               children, max_size=4)),
    max_leaves=12)


def _to_yaml(value, indent=0) -> str:
    pad = "  " * indent
    if isinstance(value, dict):
        return "".join(f"{pad}{k}:\n{_to_yaml(v, indent + 1)}" for k, v in value.items()) or f"{pad}{{}}\n"
    if isinstance(value, list):
        return "".join(f"{pad}-\n{_to_yaml(v, indent + 1)}" for v in value) or f"{pad}[]\n"
    return f"{pad}{value}\n"


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(["title", "number", "part", "implements", "theme", "sources", "related", "zz"]),
                       yaml_like, max_size=6))
def test_validation_never_crashes_on_structured_input(tmp_path_factory, doc):
    root = write_kb(tmp_path_factory.mktemp("kb"), MINIMAL, config=False)
    text = _to_yaml(doc)
    for rel in ("articles/ivrk-20.yaml", "recommendations/aanbeveling-a.yaml"):
        (root / rel).write_text(text, encoding="utf-8")
    kb = load_kb(root)  # must not raise
    assert all(p.line >= 1 and p.col >= 1 and p.message for p in kb.problems)
