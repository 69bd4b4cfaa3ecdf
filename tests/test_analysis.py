"""Exclusions, requirements, fields and lint against tests/cases/exclusions.yaml and lint.yaml."""
from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import CASES, case_id, load_cases

import condition_engine as ce

SEED = ('not (Origin ne "AWS_KMS" or KeyManager ne "CUSTOMER" or '
        '(KeyRotationEnabled eq "True" and KeyState eq "Enabled"))')


def _row(row) -> str:
    return f"{row.field} | {row.kind} | {row.values_text()}".rstrip()


@pytest.mark.parametrize("case", load_cases("exclusions.yaml"), ids=case_id)
def test_exclusion_rows(case):
    table = ce.exclusions(case["condition"])
    expected = [line.replace("\\|", "|").rstrip() for line in case["rows"]]
    assert [_row(r) for r in table.rows] == expected
    if "clauses" in case:
        assert [[[ce.to_text(p) for p in clause] for clause in g.clauses] for g in table.groups] == case["clauses"]
    if "requirements" in case:
        assert [ce.to_text(r) for r in table.requirements] == case["requirements"]
    if "clause_ids" in case:
        assert [c.id for c in table.clauses()] == case["clause_ids"]
    if "markdown" in case:  # the seed's columns, the grouping below the table
        assert table.to_markdown() == case["markdown"]
    if "group_column" in case:
        assert table.to_markdown(group_column=True) == case["group_column"]
    if "csv" in case:
        assert table.to_csv() == case["csv"]


def test_seed_golden_markdown():
    """The seed page's Exclusions table, line for line, is the default Markdown of the seed's condition."""
    page = (CASES / "golden" / "aws_cmk_key_rotation_page.txt").read_text(encoding="utf-8").splitlines()
    start = page.index("| Field | Kind | Excluded values |")
    seed_table = page[start:start + 6]
    ours = ce.exclusions(SEED).to_markdown().splitlines()
    assert [line.strip().strip("|").strip() for line in ours[:6]] == \
        [line.strip().strip("|").strip() for line in seed_table]  # the seed page drops some outer pipes
    assert ours[:2] == seed_table[:2] and ours[6:] == [
        "", 'E1.3: suppresses only when all hold: `KeyRotationEnabled eq "True" and KeyState eq "Enabled"`']
    assert ce.exclusions(SEED).to_markdown(notes=False).splitlines() == ours[:6]


def test_named_groups_get_a_line_below_the_table():
    table = ce.exclusions('a eq 1 and not b eq 2 and not c eq 3', names={"filter_ci": "c eq 3"})
    assert table.to_markdown().splitlines()[-2:] == ["", 'filter_ci (E2): suppresses when `c eq 3` holds']
    assert table.to_markdown(group_column=True).splitlines()[3] == "| c | eq | 3 | filter_ci |"
    assert [(c.id, c.label) for c in table.clauses()] == [("E1", "E1"), ("E2", "filter_ci")]


def test_groups_carry_ids_spans_and_serialise():
    table = ce.exclusions('a eq 1 and not b eq 2 and not (c eq 3 or d eq 4)')
    assert [g.id for g in table.groups] == ["E1", "E2"]
    assert table.groups[1].span.column == 27
    data = json.loads(table.to_json())
    assert data["groups"][1]["clauses"] == [["c eq 3"], ["d eq 4"]]
    assert data["groups"][1]["exclusion_clauses"] == [{"id": "E2.1", "label": "E2.1", "condition": "c eq 3"},
                                                      {"id": "E2.2", "label": "E2.2", "condition": "d eq 4"}]
    assert data["requirements"] == ["a eq 1"]
    rows = list(csv.reader(io.StringIO(table.to_csv())))
    assert rows[0] == ["field", "kind", "excluded_values", "group", "together_with"]
    assert ["b", "eq", "2", "E1", ""] in rows


def test_a_group_too_large_for_dnf_is_reported_unexpanded():
    wide = " and ".join(f"(a{i} eq 1 or b{i} eq 2)" for i in range(12))
    table = ce.exclusions(f"x eq 1 and not ({wide})")
    assert table.groups[0].clauses is None
    assert len(table.rows) == 24


def test_fields_lists_paths_and_operators():
    uses = {u.path: u.operators for u in ce.fields('a eq 1 and not a exists and b.c in [1] and Tags[Key eq "x"]')}
    assert uses == {"a": ("eq", "exists"), "b.c": ("in",), 'Tags[Key eq "x"]': ("exists",), "Tags[].Key": ("eq",)}


def test_fields_lists_the_field_a_comparison_reads_as_its_operand():
    uses = {u.path: u.operators for u in ce.fields('User eq field(Parent) and not Tags[k ne field(v)]')}
    assert uses == {"User": ("eq",), "Parent": ("eq field",), "Tags[k ne field(v)]": ("exists",),
                    "Tags[].k": ("ne",), "Tags[].v": ("ne field",)}


@pytest.mark.parametrize("case", load_cases("lint.yaml"), ids=case_id)
def test_lint_codes(case):
    codes = {finding.code for finding in ce.lint(case["condition"])}
    assert set(case["codes"]) <= codes, [str(f) for f in ce.lint(case["condition"])]
    assert not set(case.get("not", [])) & codes, [str(f) for f in ce.lint(case["condition"])]


def test_every_lint_code_is_tested_both_ways():
    cases = load_cases("lint.yaml")
    triggered = {code for case in cases for code in case["codes"]}
    avoided = {code for case in cases for code in case.get("not", [])}
    measured = {code for case in load_cases("exclusion_report.yaml") for code in case["findings"]}
    measured |= {code for case in load_cases("field_names.yaml") for code in case["codes"]}
    static = set(ce.Finding.DESCRIPTIONS) - ce.Finding.NEEDS_DATA - ce.Finding.EXACT
    assert triggered == avoided == static  # the others need a report, test records or the solver: their own case files
    assert measured - static == ce.Finding.NEEDS_DATA


def test_finding_points_at_source_and_prints():
    (finding,) = ce.lint('x eq 1 and a gt null')
    assert (finding.span.line, finding.span.column) == (1, 12)
    assert str(finding) == "1:12: warning[CE009]: a gt null is never true: ordering applies to numbers and strings"
