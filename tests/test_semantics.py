"""tests/cases/semantics.yaml through both engines, and the seed rule's five tests."""
from __future__ import annotations

import pytest
import yaml
from conftest import ROOT, load_cases

import condition_engine as ce

GROUPS = load_cases("semantics.yaml")
CASES = [
    pytest.param(group["given"], case["condition"], case["expect"], group.get("options", {}),
                 id=f"{group['name']}: {case['condition']}")
    for group in GROUPS for case in group["cases"]
]


@pytest.mark.parametrize("given, condition, expect, options", CASES)
def test_case(engine, given, condition, expect, options):
    assert engine(condition, given, **options) is expect


def test_seed_rules_five_tests_on_both_engines(engine):
    with open(ROOT / "rules/aws/kms/cmk_key_rotation.yml", encoding="utf-8") as handle:
        rule = yaml.safe_load(handle)
    results = [engine(rule["Condition"], test["Resource"]) for test in rule["Tests"]]
    assert results == [False, False, True, True, False]


def test_every_value_test_is_false_for_no_value_lists_and_objects():
    from strategies import PATTERNS

    from condition_engine.semantics import value_test

    literals = [ce.ast.String(value=v) for v in ("x", "True", "1", "")] + [
        ce.ast.Number(value=1), ce.ast.Boolean(value=True), ce.ast.Null()]
    for op in ("eq", "ieq", "gt", "ge", "lt", "le"):
        for literal in literals:
            test = value_test(op, literal).function
            assert not any(test(v) for v in (None, [], ["x", 1, True], {}, {"x": 1})), (op, literal)
    for op, patterns in PATTERNS.items():
        for pattern in patterns:
            test = value_test(op, ce.ast.String(value=pattern)).function
            assert not any(test(v) for v in (None, [], ["x"], {})), (op, pattern)


DATE_CASES = [
    pytest.param(group["given"], case["condition"], case["expect"], id=f"{group['name']}: {case['condition']}")
    for group in load_cases("semantics_dates.yaml") for case in group["cases"]
]


@pytest.mark.parametrize("given, condition, expect", DATE_CASES)
def test_dates_compare_as_iso_text(engine, given, condition, expect):
    import datetime
    import json

    assert any(isinstance(v, datetime.date) for v in given.values())  # the YAML gave Python dates
    assert engine(condition, given) is expect
    as_json = json.loads(json.dumps(given, default=lambda v: v.isoformat()))  # what JSON would carry
    if "contains" not in condition:  # a non-date literal: a date value is no string
        assert engine(condition, as_json) is expect


REGEX_CASES = [
    pytest.param(group["given"], case["condition"], case["expect"], id=f"{group['name']}: {case['condition']}")
    for group in load_cases("semantics_regex.yaml") for case in group["cases"]
]


@pytest.mark.parametrize("given, condition, expect", REGEX_CASES)
def test_matches_runs_in_re2(engine, given, condition, expect):
    from condition_engine.semantics import uses_re2

    assert uses_re2(ce.parse(condition).value.value)
    assert engine(condition, given) is expect
