"""generate_tests and `condition-engine generate-tests`: records confirmed by evaluate, exclusion clauses covered."""
from __future__ import annotations

import pytest
from conftest import ROOT

import condition_engine as ce
from condition_engine.cli import main
from condition_engine.rules import load_rules
from condition_engine.rules.testing import coverage

SEED = ROOT / "rules" / "aws" / "kms" / "cmk_key_rotation.yml"
RULE = ('AnalysisType: rule\nRuleID: Demo.Gen\nLogTypes: [Demo.Log]\n'
        '# the rule under test\nCondition: >-\n  eventName eq "Run" and not (user eq "svc" or host startswith "ci-")\n')


@pytest.mark.parametrize("condition", [
    'a eq "x" and not b eq "y"',
    'e in ["A", "B"] and not (u eq "svc" or (h startswith "ci-" and n gt 3)) and not ip cidr "10.0.0.0/8"',
    'a exists and a ne "x"',
])
def test_each_test_holds_what_its_name_says(condition):
    tests = ce.generate_tests(condition)
    table = ce.exclusions(condition)
    clauses = sum(len(group.clauses) for group in table.groups)
    assert [t.name for t in tests][0] == "matches" and len(tests) == 1 + clauses
    for test in tests:
        assert ce.evaluate(condition, test.record) is test.expected
    for test in tests[1:]:
        assert all(ce.evaluate(r, test.record) for r in table.requirements)


def test_seed_tests_cover_its_three_exclusion_clauses(tmp_path):
    text = SEED.read_text().split("Tests:")[0]
    (tmp_path / "seed.yml").write_text(text)
    assert main(["generate-tests", str(tmp_path / "seed.yml"), "--write"]) == 0
    rule = next(iter(load_rules(tmp_path / "seed.yml", bundled=False)))
    found = coverage(rule)
    assert len(found) == 3 and all(clause.covered for clause in found)
    assert main(["test", str(tmp_path / "seed.yml"), "--no-bundled", "--require-exclusion-coverage"]) == 0


def test_cli_prints_tests_yaml(tmp_path, capsys):
    (tmp_path / "rule.yml").write_text(RULE)
    assert main(["generate-tests", str(tmp_path / "rule.yml")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Tests:\n  - Name: matches\n    ExpectedResult: true\n    Log:\n      eventName: Run\n")
    assert "- Name: 'excluded by E1.2: host startswith \"ci-\"'" in out


def test_write_keeps_comments_and_does_not_repeat(tmp_path, capsys):
    path = tmp_path / "rule.yml"
    path.write_text(RULE)
    assert main(["generate-tests", str(path), "--write"]) == 0
    assert main(["generate-tests", str(path), "--write"]) == 0
    text = path.read_text()
    assert text.startswith(RULE) and text.count("- Name: matches") == 1
    assert "3 tests added" in capsys.readouterr().err


def test_a_condition_without_tests_is_one_clear_error(tmp_path, capsys):
    (tmp_path / "rule.yml").write_text(RULE.replace('eventName eq "Run"', 'eventName eq "Run" and eventName eq null'))
    assert main(["generate-tests", str(tmp_path / "rule.yml")]) == 2
    err = capsys.readouterr().err
    assert "Demo.Gen: no test for 'matches': no record satisfies it" in err and "Traceback" not in err


def test_a_file_of_two_rules_is_refused(tmp_path, capsys):
    (tmp_path / "rules.yml").write_text(RULE + "---\n" + RULE.replace("Demo.Gen", "Demo.Two"))
    assert main(["generate-tests", str(tmp_path / "rules.yml")]) == 2
    assert "generate-tests takes a file holding one rule (2 found)" in capsys.readouterr().err
