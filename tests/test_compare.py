"""compare(old, new): pairs with known verdicts (tests/cases/compare.yaml) and the laws every answer keeps."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import conditions, documents

import condition_engine as ce
from condition_engine.analysis.solver import Comparison

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "compare.yaml").read_text())
KEYS = st.sampled_from(["a", "b", "Key"])


def _check_witnesses(old, new, result: Comparison) -> None:
    if result.only_old is not None:
        assert ce.evaluate(old, result.only_old) and not ce.evaluate(new, result.only_old)
    if result.only_new is not None:
        assert ce.evaluate(new, result.only_new) and not ce.evaluate(old, result.only_new)


@pytest.mark.parametrize("case", CASES, ids=[f"{c['old']} | {c['new']}" for c in CASES])
def test_known_verdicts(case):
    result = ce.compare(case["old"], case["new"], budget=5.0)
    assert result.verdict == case["verdict"], result
    _check_witnesses(case["old"], case["new"], result)
    if result.verdict == "unknown":
        assert result.reason
    if result.verdict in ("broader", "incomparable"):
        assert result.only_new is not None
    if result.verdict in ("narrower", "incomparable"):
        assert result.only_old is not None


def test_as_json():
    result = ce.compare('a eq "x"', 'a eq "x" or b gt 1').as_json()
    assert result["verdict"] == "broader" and result["only_old"] is None and ce.evaluate('b gt 1', result["only_new"])


def test_budget_gives_unknown_with_reason():
    result = ce.compare('a ieq "ss"', 'a ieq "ss" and a ne "ß"', budget=0.0)
    assert result.verdict == "unknown" and result.reason == "time budget exceeded"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(conditions(keys=KEYS, depth=0, keys_only=True), conditions(keys=KEYS, depth=0, keys_only=True), st.lists(documents(), max_size=10))
def test_witnesses_confirmed_and_equivalence_holds(old, new, records):
    result = ce.compare(old, new, budget=1.0)
    assert result.verdict in ("equivalent", "narrower", "broader", "incomparable", "unknown")
    _check_witnesses(old, new, result)
    if result.verdict == "equivalent":
        for record in records:
            assert ce.evaluate(old, record) == ce.evaluate(new, record)
    if result.verdict == "narrower":
        for record in records:
            assert not ce.evaluate(new, record) or ce.evaluate(old, record)
    if result.verdict == "broader":
        for record in records:
            assert not ce.evaluate(old, record) or ce.evaluate(new, record)
