"""The Spark engine runs `matches` in RE2, as the Python engine does: linear time, the same answers."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from conftest import load_cases

import condition_engine as ce

pytest.importorskip("pyspark", reason="the spark extra is installed by .ci/run")
from condition_engine.spark import apply_rules, rule_sql, session, uses_regex  # noqa: E402


def _rule(rule_id: str, condition: str) -> ce.LoadedRule:
    model = ce.rules.RuleFile(AnalysisType="rule", RuleID=rule_id, Condition=condition)
    return ce.LoadedRule(model=model, condition=ce.parse(condition), path=Path(f"{rule_id}.yml"))


def _found(rules: list[ce.LoadedRule], docs: list) -> set[tuple[str, int]]:
    df = session().createDataFrame([(i, json.dumps(d)) for i, d in enumerate(docs)], "i INT, record STRING")
    return {(row["rule_id"], row["i"]) for row in apply_rules(df, rules).select("rule_id", "i").collect()}


def test_a_pathological_pattern_over_crafted_values_finishes_quickly_in_spark():
    rule = _rule("Hostile.Regex", 'x matches "(a+)+$"')
    assert "RLIKE '(a+)+$'" in rule_sql(rule)  # the exported SQL: Java's backtracking engine would stall here
    docs = [{"x": "a" * 30 + "!"} for _ in range(30)] + [{"x": "a" * 30}]
    start = time.perf_counter()
    found = _found([rule], docs)
    assert found == {("Hostile.Regex", 30)} and time.perf_counter() - start < 60
    typed = session().createDataFrame([(d["x"],) for d in docs], "x STRING")  # layout="columns": each row as JSON
    assert [row["x"] for row in apply_rules(typed, [rule], layout="columns").collect()] == ["a" * 30]


def test_regex_semantics_cases_in_spark_equal_the_python_engine():
    groups = [g for g in load_cases("semantics.yaml") + load_cases("semantics_regex.yaml") if not g.get("options")]
    cases = [c for g in groups for c in g["cases"] if uses_regex(ce.parse(c["condition"]))]
    docs = [g["given"] for g in groups]
    rules = [_rule(f"R{n}", case["condition"]) for n, case in enumerate(cases)]
    expected = {(rule.id, i) for rule in rules for i, doc in enumerate(docs) if rule.matches(doc)}
    own = {(f"R{n}", next(i for i, g in enumerate(groups) if case in g["cases"])): case["expect"]
           for n, case in enumerate(cases)}
    assert len(cases) >= 17 and all((key in expected) == expect for key, expect in own.items())
    assert _found(rules, docs) == expected
