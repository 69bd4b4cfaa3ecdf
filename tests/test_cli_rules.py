"""`condition-engine test`, `exclusions`, `lint`, `eval` in-process."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree

import pytest
from conftest import CASES, ROOT

from condition_engine.cli import main
from condition_engine.rules import load_rules

FAILING = ('AnalysisType: rule\nRuleID: Demo.Fail\nTags: [demo]\nCondition: KeyManager ne "CUSTOMER"\nTests:\n'
           '  - Name: wrong\n    ExpectedResult: true\n    Log: {"KeyManager": "CUSTOMER"}\n'
           '  - Name: right\n    ExpectedResult: true\n    Log: {"KeyManager": "AWS"}\n')


def test_test_command_passes_on_the_bundled_pack(capsys):
    assert main(["test", "--minimum-tests", "2", "--require-exclusion-coverage"]) == 0
    out = capsys.readouterr().out
    assert "0 failed" in out and "exclusion coverage:" in out


def test_test_command_reports_a_failing_test_with_why(tmp_path, capsys):
    (tmp_path / "fail.yml").write_text(FAILING)
    assert main(["test", str(tmp_path), "--no-bundled"]) == 1
    out = capsys.readouterr().out
    assert "FAIL Demo.Fail :: wrong" in out
    assert 'KeyManager ne "CUSTOMER" → false (KeyManager = "CUSTOMER")' in out
    assert "1 passed, 1 failed" in out


def test_test_command_formats(tmp_path, capsys):
    (tmp_path / "fail.yml").write_text(FAILING)
    assert main(["test", str(tmp_path), "--no-bundled", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["summary"] == {"rules": 1, "tests": 2, "failed": 1}
    assert main(["test", str(tmp_path), "--no-bundled", "--format", "junit"]) == 1
    root = ElementTree.fromstring(capsys.readouterr().out)
    assert root.get("failures") == "1" and root.find("testsuite/testcase/failure") is not None


def test_test_command_filters_and_minimums(tmp_path, capsys):
    (tmp_path / "fail.yml").write_text(FAILING)
    assert main(["test", str(tmp_path), "--filter", "AWS.CMK.*"]) == 0
    assert main(["test", str(tmp_path), "--no-bundled", "--filter", "demo", "--minimum-tests", "3"]) == 1
    out = capsys.readouterr().out
    assert "fewer than --minimum-tests 3" in out


def test_test_command_exit_2_on_invalid_files(capsys):
    assert main(["test", str(CASES / "rule_files"), "--no-bundled"]) == 2
    err = capsys.readouterr().err
    assert "unknown key 'Severty'; did you mean 'Severity'?" in err


def test_skip_disabled(tmp_path, capsys):
    (tmp_path / "fail.yml").write_text(FAILING.replace("Tags: [demo]", "Enabled: false"))
    assert main(["test", str(tmp_path), "--no-bundled"]) == 1
    assert main(["test", str(tmp_path), "--no-bundled", "--skip-disabled"]) == 0


def test_require_exclusion_coverage(tmp_path, capsys):
    (tmp_path / "r.yml").write_text('AnalysisType: rule\nRuleID: R\nCondition: a eq 1 and not b eq 2\nTests:\n'
                                    '  - Name: t\n    ExpectedResult: true\n    Log: {"a": 1}\n'
                                    '  - Name: f\n    ExpectedResult: false\n    Log: {"a": 2}\n')
    assert main(["test", str(tmp_path), "--no-bundled"]) == 0
    assert main(["test", str(tmp_path), "--no-bundled", "--require-exclusion-coverage"]) == 1
    assert "exclusion E1 clause not covered by any test: b eq 2" in capsys.readouterr().out


def test_exclusions_command(capsys):
    assert main(["exclusions", 'a eq 1 and not b in ["x", "y"]', "--format", "csv"]) == 0
    assert capsys.readouterr().out == "field,kind,excluded_values,group,together_with\nb,in,\"x, y\",E1,\n"
    assert main(["exclusions", "--filter", "AWS.CMK.KeyRotation", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["AWS.CMK.KeyRotation"]["rows"][0] == {"field": "KeyRotationEnabled", "kind": "eq",
                                                      "values": ["True"], "groups": ["E1"]}


def test_exclusions_csv_of_several_rules_is_one_csv(capsys):
    assert main(["exclusions", "--filter", "AWS.CloudTrail.*", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "rule_id,field,kind,excluded_values,group,together_with"
    assert lines.count(lines[0]) == 1 and not any(line.startswith("#") for line in lines)
    assert 'AWS.CloudTrail.RootActivity,sourceIPAddress,cidr,203.0.113.0/24,E2,"sourceIPAddress cidr ' \
           '""203.0.113.0/24"" and requestParameters.reason eq ""drill"""' in lines
    assert main(["exclusions", "a eq 1", "b eq 2 and not c eq 3", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["rule_id,field,kind,excluded_values,group,together_with",
                                                    "b eq 2 and not c eq 3,c,eq,3,E1,"]


def test_exclusions_without_a_table_say_why(capsys):
    assert main(["exclusions", 'a eq 1']) == 0
    assert capsys.readouterr().out == ("No exclusions: the condition has no top-level NOT(...) conjunct, "
                                       "so it suppresses nothing.\n")


def test_exclusion_names_must_match_a_group(tmp_path):
    (tmp_path / "r.yml").write_text("AnalysisType: rule\nRuleID: N\nCondition: a eq 1 and not (c eq 3 and b eq 2)\n"
                                    "ExclusionNames:\n  swapped: b eq 2 and c eq 3\n  gone: d eq 4\n")
    pack = load_rules(tmp_path, bundled=False)
    assert pack.get("N").exclusions.groups[0].name == "swapped"  # the order of `and` operands does not matter
    assert [str(p) for p in pack.problems] == [
        f"{tmp_path / 'r.yml'}:6:3: error[E209]: $.ExclusionNames.gone: ExclusionNames entry 'gone' matches no "
        "exclusion group (a top-level `not (...)` conjunct); the groups are: E1 `c eq 3 and b eq 2`"]


def test_lint_command(capsys):
    assert main(["lint", "a gt null"]) == 0
    assert "warning[CE009]" in capsys.readouterr().out
    assert main(["lint", "a eq 1 and a eq 2", "--format", "json"]) == 1


def test_eval_command(tmp_path, capsys):
    doc = tmp_path / "d.json"
    doc.write_text('{"KeyManager": "AWS"}')
    assert main(["eval", 'KeyManager ne "CUSTOMER"', str(doc)]) == 0
    assert capsys.readouterr().out.strip() == "true"
    assert main(["eval", 'KeyManager eq "CUSTOMER"', str(doc)]) == 1
    assert main(["eval", "--explain", 'KeyManager eq "CUSTOMER"', str(doc)]) == 1
    assert 'KeyManager eq "CUSTOMER" → false (KeyManager = "AWS")' in capsys.readouterr().out
    doc.write_text('{"KeyManager": "AWS",}')
    assert main(["eval", "a eq 1", str(doc)]) == 2
    err = capsys.readouterr().err
    assert f"{doc}:1:22: error[E501]: invalid JSON: Expecting property name" in err


def test_a_failing_test_speaks_in_the_files_terms(capsys):
    assert main(["test", str(CASES / "failing_rules"), "--no-bundled"]) == 1
    out = capsys.readouterr().out
    assert "an AWS key is compliant too (" in out and ("ExpectedResult: true (compliant), but the condition, which "
                                                     "describes the violation, matched") in out
    assert "a root login alerts (" in out and "ExpectedResult: true (an alert), but the condition did not match" in out


def test_rules_without_tests_are_named(tmp_path, capsys):
    (tmp_path / "r.yml").write_text("AnalysisType: rule\nRuleID: No.Tests\nCondition: a eq 1\n")
    assert main(["test", str(tmp_path), "--no-bundled"]) == 0
    assert "warning: 1 of 1 rules have no tests: No.Tests (--minimum-tests 1 makes that a failure)" \
        in capsys.readouterr().err
    assert main(["test", str(tmp_path), "--no-bundled", "--minimum-tests", "1"]) == 1
    assert "FAIL No.Tests: has 0 tests, fewer than --minimum-tests 1" in capsys.readouterr().out


@pytest.mark.parametrize("command", [["scan", "examples/"], ["test"], ["docs", "--out", "{tmp}"], ["exclusions"],
                                     ["lint"], ["sql", "AWS.CMK.KeyRotation"], ["exceptions"]])
def test_duplicate_rule_ids_stop_every_command(tmp_path, capsys, command):
    (tmp_path / "rules").mkdir()
    bundled = (ROOT / "rules" / "aws" / "kms" / "cmk_key_rotation.yml").read_text()
    (tmp_path / "rules" / "dup.yml").write_text(bundled.replace("Severity: Low", "Severity: High"))
    args = [a.replace("{tmp}", str(tmp_path / "out")) for a in command]
    assert main(args + ["--rules", str(tmp_path / "rules")]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'rules' / 'dup.yml'}:3:1: error[E203]: $.PolicyID: duplicate rule ID 'AWS.CMK.KeyRotation': " \
           f"also defined in {ROOT / 'rules' / 'aws' / 'kms' / 'cmk_key_rotation.yml'} (the bundled rule; " \
           "--no-bundled leaves the bundled pack out)" in err
    assert "error: 1 duplicate ID; every ID must be unique across the rules loaded" in err


def test_a_copy_of_a_bundled_rule_is_the_same_rule_not_a_duplicate(tmp_path, capsys):
    # a plain install copies the pack into site-packages: the checkout's rules/ then holds the same rules
    copy = tmp_path / "cmk_key_rotation.yml"
    copy.write_text((ROOT / "rules" / "aws" / "kms" / "cmk_key_rotation.yml").read_text())
    assert main(["exclusions", str(copy)]) == 0
    assert "| KeyManager | ne | CUSTOMER |" in capsys.readouterr().out
    assert main(["test", str(tmp_path), "--filter", "AWS.CMK.*"]) == 0
    assert "E203" not in capsys.readouterr().err


def test_sql_with_an_unknown_rule_id(capsys):
    assert main(["sql", "Acme.S3.BucketPolicyChanged"]) == 2
    assert capsys.readouterr().err.strip() == (
        "error[E104]: no rule has the ID 'Acme.S3.BucketPolicyChanged' (looked in the bundled pack); give the rule's "
        "folder with --rules, or a condition such as 'Acme.S3.BucketPolicyChanged exists'")


def test_readable_reprs():
    pack = load_rules()
    rule = pack.get("AWS.CMK.KeyRotation")
    assert repr(rule) == "<LoadedRule AWS.CMK.KeyRotation (Low) from " + str(rule.path) + ">"
    assert repr(pack).startswith("<RulePack 37 rules, 0 exceptions, ")
    assert repr(rule.exclusions) == "<ExclusionTable 1 groups, 4 rows>"
    assert repr(rule.exclusions.groups[0]) == "<ExclusionGroup E1 not (Origin ne \"AWS_KMS\" or …)>"


def test_lint_names_a_misspelt_field(capsys):
    assert main(["lint", 'eventNmae eq "ConsoleLogin"']) == 0
    assert capsys.readouterr().out == (
        "eventNmae eq \"ConsoleLogin\": 1:1: warning[CE011]: field 'eventNmae' appears in no test record of the "
        "rules loaded; did you mean 'eventName'?\n")
    assert main(["lint"]) == 0
    assert "CE011" not in capsys.readouterr().out  # the bundled pack's fields are all in its tests
