"""tests/cases/semantics.yaml through both engines, and the seed rule's five tests."""
from __future__ import annotations

import pytest
import yaml

import condition_engine as ce
from conftest import ROOT, load_cases

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
    from condition_engine.semantics import value_test
    from strategies import PATTERNS

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
