"""Every kind of validation problem, fed as real YAML, reported at its file:line:col in Dutch."""

from __future__ import annotations

from kb.cli import main
from kb.validate import load_kb


def problems_of(root):
    return load_kb(root).problems


def only(problems, code):
    found = [p for p in problems if p.code == code]
    assert found, f"no {code!r} among {[str(p) for p in problems]}"
    return found


def test_minimal_kb_is_clean(minimal_kb):
    kb = load_kb(minimal_kb)
    assert kb.problems == []
    assert len(kb.records) == 11


def test_yaml_syntax_error_is_located(make_kb):
    root = make_kb({"actors/coa.yaml": "title: COA\nabbreviation: [COA\nsummary: x\n"})
    (p,) = only(problems_of(root), "yaml-syntax")
    assert (p.path, p.line, p.col) == ("actors/coa.yaml", 2, 15)  # where the unclosed [ opens (issue 19)
    assert p.message.startswith("YAML-syntaxfout") and "niet gesloten" in p.message
    assert p.hint


def test_duplicate_key_names_both_lines(make_kb):
    root = make_kb({"actors/coa.yaml": "title: COA\nabbreviation: COA\ntitle: Nog eens\n"})
    (p,) = only(problems_of(root), "duplicate-key")
    assert (p.path, p.line, p.col) == ("actors/coa.yaml", 3, 1)
    assert "'title'" in p.message and "regel 1" in p.message


def test_unknown_field_suggests_and_lists_allowed(make_kb):
    root = make_kb({"actors/coa.yaml": "title: COA\nabbreviaton: COA\n"})
    (p,) = only(problems_of(root), "unknown-field")
    assert (p.path, p.line, p.col) == ("actors/coa.yaml", 2, 1)
    assert "bedoelde je 'abbreviation'?" in p.message
    assert "Toegestane velden:" in p.hint and "abbreviation" in p.hint


def test_unknown_qualifier_on_a_link(make_kb):
    root = make_kb({"themes/thema-a.yaml": "title: T\nlegal_basis:\n  - id: ivrk-22\n    wy: reden\nsources: [bron-a]\n"})
    (p,) = only(problems_of(root), "unknown-field")
    assert (p.line, p.col) == (4, 5)
    assert "'why'" in p.message


def test_wrong_types(make_kb):
    root = make_kb({
        "articles/ivrk-20.yaml": "title: [geen, tekst]\nnumber: twintig\npart: IV\nverified: ja\nurl_nl: wetten.nl\n",
    })
    wrong = {p.line: p for p in only(problems_of(root), "wrong-type")}
    assert set(wrong) == {1, 2, 3, 4, 5}
    assert "geheel getal" in wrong[2].message
    assert "'IV'" in wrong[3].message and "I, II, III" in wrong[3].hint
    assert "true of false" in wrong[4].message
    assert "webadres" in wrong[5].message


def test_date_that_is_not_a_date(make_kb):
    root = make_kb({"sources/bron-a.yaml": "title: P\nkind: report\nstanding: advocacy\ndate: 2025-02-30\n"})
    (p,) = only(problems_of(root), "wrong-type")
    assert (p.line, p.col) == (4, 7)
    assert "geen geldige datum" in p.message


def test_missing_required_field(make_kb):
    root = make_kb({"articles/ivrk-20.yaml": "title: Kind zonder ouderlijke zorg\npart: I\n"})
    (p,) = only(problems_of(root), "missing-field")
    assert (p.path, p.line) == ("articles/ivrk-20.yaml", 1)
    assert "'number'" in p.message


def test_empty_required_field_counts_as_missing(make_kb):
    root = make_kb({"actors/coa.yaml": "title:\n"})
    (p,) = only(problems_of(root), "missing-field")
    assert "'title'" in p.message


def test_duplicate_id_across_folders(make_kb):
    root = make_kb({"actors/amv.yaml": "title: Ook amv\n"})
    found = {p.path: p for p in only(problems_of(root), "duplicate-id")}
    assert set(found) == {"target-groups/amv.yaml", "actors/amv.yaml"}
    assert "actors/amv.yaml" in found["target-groups/amv.yaml"].message


def test_link_to_missing_id_offers_close_ids(make_kb):
    root = make_kb({"recommendations/aanbeveling-a.yaml": MINIMAL_REC.replace("ivrk-22", "ivrk-2")})
    (p,) = only(problems_of(root), "unknown-link")
    assert (p.path, p.line, p.col) == ("recommendations/aanbeveling-a.yaml", 6, 9)
    assert "'ivrk-2'" in p.message
    assert "ivrk-22" in p.hint and "ivrk-20" in p.hint


def test_link_of_the_wrong_type(make_kb):
    root = make_kb({"recommendations/aanbeveling-a.yaml": MINIMAL_REC.replace("id: ivrk-22", "id: risico-a")})
    (p,) = only(problems_of(root), "wrong-link-type")
    assert p.line == 6
    assert "moet verwijzen naar een artikel" in p.message and "situatie of risico" in p.message


def test_self_link(make_kb):
    root = make_kb({"articles/ivrk-20.yaml": "title: T\nnumber: 20\npart: I\nrelated: [ivrk-20]\n"})
    (p,) = only(problems_of(root), "self-link")
    assert p.line == 4


def test_risk_fact_and_recommendation_need_a_source(make_kb):
    root = make_kb({
        "risks/risico-a.yaml": "title: R\ntheme: thema-a\n",
        "facts/feit-a.yaml": "title: F\nvalue: 1\nunit: kinderen\n",
        "recommendations/aanbeveling-a.yaml": "title: A\ntext: Doe iets.\n",
    })
    missing = only(problems_of(root), "missing-source")
    assert sorted(p.path for p in missing) == ["facts/feit-a.yaml", "recommendations/aanbeveling-a.yaml",
                                              "risks/risico-a.yaml"]


def test_single_link_relation_rejects_a_list(make_kb):
    root = make_kb({"risks/risico-a.yaml": "title: R\ntheme: [thema-a]\nsources: [bron-a]\n"})
    (p,) = only(problems_of(root), "wrong-type")
    assert p.line == 2 and "precies één" in p.message


def test_yaml11_values_stay_as_written(make_kb):
    # `no` is not False, 1.10 is not 1.1: plain scalars reach the model as written.
    root = make_kb({"facts/feit-a.yaml": "title: no\nvalue: 1.10\nunit: procent\nperiod: 2021\nsources: [bron-a]\n"})
    kb = load_kb(root)
    assert kb.problems == []
    assert kb.records["feit-a"].fields["title"] == "no"
    assert kb.records["feit-a"].fields["value"] == "1.10"
    assert kb.records["feit-a"].fields["period"] == "2021"


def test_all_problems_in_one_run_and_exit_code(make_kb, capsys):
    root = make_kb({
        "recommendations/aanbeveling-a.yaml": MINIMAL_REC.replace("ivrk-22", "ivrk-99") + "prioriteit: hoog\n",
        "actors/coa.yaml": "title: COA\nabbreviation: [COA\n",
    })
    assert main(["--root", str(root), "validate"]) == 1
    out = capsys.readouterr().out
    assert "recommendations/aanbeveling-a.yaml:6:9: 'implements' verwijst naar 'ivrk-99'" in out
    assert "recommendations/aanbeveling-a.yaml:13:1: onbekend veld 'prioriteit'" in out
    assert "actors/coa.yaml:2:15: YAML-syntaxfout" in out  # where the unclosed [ opens
    assert "Traceback" not in out


def test_clean_kb_exits_zero(minimal_kb, capsys):
    assert main(["--root", str(minimal_kb), "validate"]) == 0
    assert "OK: 11 records" in capsys.readouterr().out


MINIMAL_REC = """\
title: Kleinschalige opvang
text: Vang kinderen kleinschalig op.
number: 1
theme: thema-a
implements:
  - id: ivrk-22
    why: Passende bescherming.
addressed_to:
  - id: coa
    implied: true
sources:
  - id: bron-a
"""


def test_parse_cache_gives_the_same_problems_and_sees_every_change(make_kb):
    root = make_kb({"actors/coa.yaml": "title: COA\ntitle: IND\n", "actors/ind.yaml": "title: [IND\n"})
    first = [str(p) for p in problems_of(root)]
    assert [str(p) for p in problems_of(root)] == first  # second run from the cache
    assert any("twee keer" in p for p in first) and any("YAML-syntaxfout" in p for p in first)
    (root / "actors/ind.yaml").write_text("title: [INX\n", encoding="utf-8")  # same size, new content
    (root / "actors/coa.yaml").write_text("title: COA\n", encoding="utf-8")
    again = problems_of(root)
    assert not [p for p in again if p.code == "duplicate-key"]
    assert [p.path for p in again if p.code == "yaml-syntax"] == ["actors/ind.yaml"]


def test_second_run_parses_nothing_and_a_damaged_cache_is_ignored(make_kb, monkeypatch):
    import marshal

    from kb import cache, yamlio

    root = make_kb({})
    assert load_kb(root).problems == []
    stored = cache._cache_file(root)
    assert stored.is_file()
    def parse_again(raw):
        raise AssertionError("parsed again")

    with monkeypatch.context() as m:
        m.setattr(yamlio, "load", parse_again)
        assert load_kb(root).problems == []
    stored.write_bytes(b"\x00 niet te lezen")
    assert load_kb(root).problems == []
    assert len(marshal.loads(stored.read_bytes())["entries"]) == 11  # written anew


def test_a_folder_without_records_is_not_a_clean_knowledge_base(tmp_path, capsys):
    assert main(["--root", str(tmp_path), "validate"]) == 1
    assert "geen kennisbank gevonden" in capsys.readouterr().out
