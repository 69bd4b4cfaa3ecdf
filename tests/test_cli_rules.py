"""`condition-engine test`, `exclusions`, `lint`, `eval` in-process."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree

from condition_engine.cli import main
from condition_engine.rules import load_rules
from conftest import CASES

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
