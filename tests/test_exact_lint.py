"""lint --exact: findings the solver proves (tests/cases/lint_exact.yaml)."""
from __future__ import annotations

import pytest
from conftest import load_cases

import condition_engine as ce
from condition_engine.cli import main

CASES = load_cases("lint_exact.yaml")


@pytest.mark.parametrize("case", CASES, ids=[c["condition"] for c in CASES])
def test_exact_findings(case):
    codes = {f.code for f in ce.lint(case["condition"], exact=True)}
    assert set(case["codes"]) <= codes
    assert not set(case.get("not", [])) & codes


def test_lint_without_exact_asks_no_solver():
    assert not {f.code for f in ce.lint('a exists or a eq null')} & {"CE301", "CE302", "CE303", "CE304"}


def test_cli_exact(capsys):
    assert main(["lint", "--exact", "a exists and a eq null"]) == 1
    assert "error[CE301]: no record can match `a exists and a eq null` (proved by the solver)" in capsys.readouterr().out


def test_every_exact_code_is_tested_both_ways():
    triggered = {code for case in CASES for code in case["codes"]}
    avoided = {code for case in CASES for code in case.get("not", [])}
    assert triggered == avoided == ce.Finding.EXACT
