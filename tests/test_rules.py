"""Rule files and packs: loading, problems with locations, filters, test semantics, coverage."""
from __future__ import annotations

import os

import pytest
from conftest import CASES, ROOT, load_cases

import condition_engine as ce
from condition_engine.rules import load_rules
from condition_engine.rules.testing import run_rule


@pytest.mark.parametrize("case", load_cases("rule_problems.yaml"), ids=lambda c: c["file"])
def test_rule_file_problems(case):
    pack = load_rules(CASES / "rule_files" / case["file"], bundled=False)
    found = sorted((p.line, p.column, p.key, p.message) for p in pack.problems)
    expected = sorted((p["line"], p["column"], p["key"], p["message"]) for p in case["problems"])
    assert len(found) == len(expected), [str(p) for p in pack.problems]
    for (line, column, key, message), (eline, ecolumn, ekey, emessage) in zip(found, expected):
        assert (line, column, key) == (eline, ecolumn, ekey)
        assert emessage in message
    assert all(str(p).startswith(str(CASES / "rule_files" / case["file"])) for p in pack.problems)


def test_a_broken_file_never_stops_the_others():
    pack = load_rules(CASES / "rule_files", bundled=False)
    assert [r.id for r in pack] == ["Test.Lenient"]
    assert len(pack.problems) == sum(len(case["problems"]) for case in load_cases("rule_problems.yaml"))


def test_duplicate_ids_name_both_files():
    pack = load_rules(CASES / "duplicate_ids", bundled=False)
    (problem,) = pack.problems
    assert "two.yml" in problem.file and "one.yml" in problem.message and problem.code == "E203"


def test_lenient_values_are_accepted_as_panther_does():
    rule = load_rules(CASES / "rule_files" / "lenient.yml", bundled=False).get("Test.Lenient")
    assert rule.model.Reports["CIS"] == ["2.8", "3"]
    assert rule.enabled is True and rule.severity == "Medium" and rule.types == ("AWS.S3.Bucket",)
    assert rule.model.CreateAlert is True and rule.model.Tests[0].ExpectedResult is True


def test_yaml_is_loaded_safely(tmp_path):
    (tmp_path / "evil.yml").write_text("AnalysisType: rule\nRuleID: !!python/object/apply:os.system ['echo x']\n"
                                       "Condition: a eq 1\n")
    pack = load_rules(tmp_path, bundled=False)
    assert not pack.rules and "invalid YAML" in pack.problems[0].message


def test_bundled_pack_loads_cleanly_and_every_test_passes():
    pack = load_rules()
    assert not pack.problems
    assert len(pack) >= 26
    run = pack.run_tests()
    assert not run.failures, [f.to_dict() for f in run.failures]
    for report in run.reports:
        alerting, quiet = report.matching_counts()
        assert alerting and quiet, report.rule.id
        assert not report.uncovered(), (report.rule.id, report.uncovered())


def test_bundled_pack_uses_the_language_broadly():
    text = " ".join(ce.to_text(rule.condition) for rule in load_rules())
    for construct in (" in [", " matches ", " cidr ", " exists", "not (", "[", ".", " glob ", " icontains "):
        assert construct in text, construct


def test_the_seed_rule_has_the_seed_metadata():
    rule = load_rules().get("AWS.CMK.KeyRotation")
    model = rule.model
    assert (model.AnalysisType, model.Filename, model.DisplayName, model.Severity) == (
        "policy", "aws_cmk_key_rotation.py", "AWS KMS CMK Key Rotation", "Low")
    assert model.ResourceTypes == ["AWS.KMS.Key"]
    assert model.Tags == ["AWS", "Identity & Access Management", "Credential Access:Unsecured Credentials"]
    assert model.Reports == {"CIS": ["2.8"], "PCI": ["3.5.2"], "MITRE ATT&CK": ["TA0006:T1552"]}
    assert [t.Name for t in model.Tests] == ["Key Managed By AWS", "Key Rotation Enabled", "Key Rotation Never Set",
                                             "Key Rotation Not Enabled", "Key Not Eligible for Rotation"]


def test_policy_and_rule_test_semantics(tmp_path):
    body = "Condition: a eq 1\nTests:\n  - Name: hit\n    ExpectedResult: {expected}\n    {doc}: {{\"a\": 1}}\n"
    (tmp_path / "p.yml").write_text("AnalysisType: policy\nPolicyID: P\n" + body.format(expected="false", doc="Resource"))
    (tmp_path / "r.yml").write_text("AnalysisType: rule\nRuleID: R\n" + body.format(expected="true", doc="Log"))
    pack = load_rules(tmp_path, bundled=False)
    assert all(result.passed for result in pack.run_tests().results)


def test_failing_test_carries_the_explanation(tmp_path):
    (tmp_path / "r.yml").write_text('AnalysisType: rule\nRuleID: R\nCondition: KeyManager ne "CUSTOMER"\nTests:\n'
                                    '  - Name: t\n    ExpectedResult: true\n    Log: {"KeyManager": "CUSTOMER"}\n')
    (result,) = load_rules(tmp_path, bundled=False).run_tests().failures
    assert 'KeyManager ne "CUSTOMER" → false (KeyManager = "CUSTOMER")' in result.explanation


def test_exclusion_coverage_reports_uncovered_clauses(tmp_path):
    (tmp_path / "r.yml").write_text('AnalysisType: rule\nRuleID: R\nCondition: a eq 1 and not (b eq 2 or c eq 3)\n'
                                    'Tests:\n  - Name: t\n    ExpectedResult: false\n    Log: {"a": 1, "b": 2}\n')
    report = run_rule(load_rules(tmp_path, bundled=False).get("R"))
    assert [(c.clause, c.covered) for c in report.coverage] == [("b eq 2", True), ("c eq 3", False)]


def test_environment_variable_adds_rule_directories(tmp_path, monkeypatch):
    (tmp_path / "r.yml").write_text("AnalysisType: rule\nRuleID: Env.Rule\nCondition: a eq 1\n")
    monkeypatch.setenv("CONDITION_ENGINE_RULES_PATH", os.pathsep.join([str(tmp_path), ""]))
    assert "Env.Rule" in [r.id for r in load_rules()]


def test_pack_filters():
    pack = load_rules()
    assert {r.id for r in pack.filter(ids=["Okta.*"])} >= {"Okta.APITokenCreated", "Okta.MFAFactorsReset"}
    assert all("GitHub" in r.tags for r in pack.filter(tags=["github"]))
    assert all(r.severity == "Critical" for r in pack.filter(severities=["Critical"]))
    assert all("AWS.KMS.Key" in r.types for r in pack.filter(types=["AWS.KMS.Key"]))


def test_json_schemas_in_docs_are_current():
    import json

    from condition_engine.rules.schema import SCHEMAS

    for name, build in SCHEMAS.items():
        committed = json.loads((ROOT / "docs" / name).read_text())
        assert committed == build(), f"regenerate docs/{name}: python -m condition_engine.rules.schema"


def test_pytest_plugin_collects_rule_tests(tmp_path):
    import subprocess
    import sys

    (tmp_path / "ok.yml").write_text('AnalysisType: rule\nRuleID: Ok\nCondition: a eq 1\nTests:\n'
                                     '  - Name: hit\n    ExpectedResult: true\n    Log: {"a": 1}\n')
    (tmp_path / "bad.yml").write_text('AnalysisType: rule\nRuleID: Bad\nCondition: a eq 1\nTests:\n'
                                      '  - Name: miss\n    ExpectedResult: true\n    Log: {"a": 2}\n')
    (tmp_path / "other.yaml").write_text("just: data\n")
    out = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", str(tmp_path)],
                         capture_output=True, text=True, cwd=tmp_path)
    assert "1 failed, 1 passed" in out.stdout, out.stdout
    assert "Bad :: miss: the condition was false, expected true" in out.stdout


@pytest.mark.parametrize("case", load_cases("field_names.yaml"), ids=lambda c: c["condition"][:40])
def test_field_names_are_checked_against_test_records(case):
    from condition_engine.rules.field_checks import fields_of_records, unknown_fields

    findings = unknown_fields(case["condition"], fields_of_records(case["records"]))
    assert [f.code for f in findings] == case["codes"]
    for finding, (field, suggestion) in zip(findings, case["unknown"].items()):
        assert f"field {field!r} appears in no test record" in finding.message
        assert (f"did you mean {suggestion!r}?" in finding.message) if suggestion else "did you mean" not in finding.message
