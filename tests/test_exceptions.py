"""Exceptions as code: every key, every target kind, expiry, bad input, lint findings, the inventory,
and the same results in every engine."""
from __future__ import annotations

import datetime
import json

import pytest
from conftest import CASES, ROOT, load_cases

import condition_engine as ce
from condition_engine.cli import main
from condition_engine.rules.exception_checks import exception_findings

RULES = CASES / "exceptions" / "rules"
TODAY = datetime.date(2026, 12, 1)
EXAMPLES = ROOT / "examples" / "exceptions"


def _load(tmp_path, text: str, name: str = "exception.yml"):
    path = tmp_path / name
    path.write_text(text)
    return ce.load_rules(RULES, tmp_path, bundled=False, today=TODAY), path


@pytest.mark.parametrize("case", load_cases("exception_files.yaml"), ids=lambda c: c["name"])
def test_exception_files(case, tmp_path):
    pack, path = _load(tmp_path, case["file"])
    found = sorted((p.line, p.column, p.key, p.message) for p in pack.problems)
    expected = sorted((p["line"], p["column"], p["key"], p["message"]) for p in case.get("problems", []))
    assert [f[:3] for f in found] == [e[:3] for e in expected], [str(p) for p in pack.problems]
    for (*_, message), (*_, fragment) in zip(found, expected):
        assert fragment in message
    assert all(str(p).startswith(f"{path}:") for p in pack.problems)
    if case.get("targets") is not None:
        (exception,) = pack.exceptions
        assert list(exception.targets) == case["targets"]
    if case.get("problems"):  # nothing applied half-way
        assert not any(rule.exceptions for rule in pack)
    for reporter, records in case.get("reports", {}).items():
        for record in records:
            assert {rule.id for rule in pack if rule.matches(record)} == ({reporter} - {"none"}), record


def test_an_applied_exception_is_a_named_exclusion_group(tmp_path):
    pack, _ = _load(tmp_path, load_cases("exception_files.yaml")[0]["file"])
    rule = pack.get("Test.Login")
    assert ce.to_text(rule.condition) == 'eventName eq "Login" and not userName eq "svc" and not src cidr "203.0.113.0/24"'
    assert [(g.id, g.name) for g in rule.exclusions.groups] == [("E1", None), ("E2", "X-1")]
    assert [e.id for e in rule.exceptions] == ["X-1"]
    from condition_engine.rules.pages import rule_page

    assert rule_page(rule).endswith('| X-1 | `src cidr "203.0.113.0/24"` | secops | scanner range |  | never |\n')


def test_the_page_lists_the_exceptions_with_owner_reason_ticket_expiry():
    from condition_engine.rules.pages import rule_page

    pack = ce.load_rules(EXAMPLES, today=TODAY)
    page = rule_page(pack.get("AWS.CMK.KeyRotation"))
    assert page.split("## Exceptions\n\n")[1].splitlines()[2].startswith(
        '| EXC-2026-021 | `KeyId in ["c89778fb-6167-2223-b30c-09cba517366c", "2725bb37-efa6-4f96-6774-44ac5a63f8e9"]` '
        "| platform-storage@example.com | Archive tooling cannot follow rotated keys")
    assert page.rstrip().endswith("| PLAT-311 | 2027-03-31 |")
    assert "## Exceptions" not in rule_page(ce.load_rules().get("AWS.CMK.KeyRotation"))  # the seed page unchanged


def test_duplicate_ids_are_errors_and_neither_applies(tmp_path):
    text = load_cases("exception_files.yaml")[0]["file"]
    (tmp_path / "a.yml").write_text(text)
    pack, path = _load(tmp_path, text, "b.yml")
    assert [str(p) for p in pack.problems] == [
        f"{path}:2:1: error[E213]: $.ExceptionID: duplicate exception ID 'X-1': also defined in {tmp_path / 'a.yml'}"]
    assert not any(rule.exceptions for rule in pack)


def test_the_examples_suppress_what_they_say_in_every_engine(tmp_path):
    pytest.importorskip("duckdb", reason="the sql extra is installed by .ci/run")
    outputs = {}
    for engine in ("python", "duckdb", "spark"):
        report = tmp_path / f"{engine}.json"
        findings = tmp_path / f"{engine}.jsonl"
        assert main(["scan", "examples/", "--rules", str(EXAMPLES), "--quiet", "--engine", engine,
                     "--exclusion-report", str(report), "--out", str(findings), "--today", "2026-12-01"]) == 0
        outputs[engine] = (findings.read_bytes(), report.read_bytes())
    assert outputs["python"] == outputs["duckdb"] == outputs["spark"]
    found = [json.loads(line) for line in outputs["python"][0].splitlines()]
    keys = {f.get("KeyId") for f in found if f["rule_id"] == "AWS.CMK.KeyRotation"}
    assert len(keys) == 8 and "c89778fb-6167-2223-b30c-09cba517366c" not in keys
    okta = [f["uuid"] for f in found if f["rule_id"] == "Okta.FailedLoginOutsideAllowedCountries"]
    assert okta == ["b7f89112-6b87-e268"]  # bob's and ivan's red-team failures are suppressed, carol's is not
    groups = {(r["rule_id"], g["name"]): g["suppressed"] for r in json.loads(outputs["python"][1])["rules"]
              for g in r["groups"]}
    assert groups[("AWS.CMK.KeyRotation", "EXC-2026-021")] == 2
    assert groups[("Okta.FailedLoginOutsideAllowedCountries", "EXC-2026-014")] == 2


def test_expired_exceptions_fail_the_tests_and_stop_applying(capsys):
    assert main(["test", str(EXAMPLES), "--today", "2026-12-01"]) == 0
    assert "exceptions: 2, 0 expired, 4/4 exception tests passed" in capsys.readouterr().out
    assert main(["test", str(EXAMPLES), "--today", "2099-01-01"]) == 1
    out = capsys.readouterr().out
    assert f"FAIL exception EXC-2026-021 ({EXAMPLES / 'kms_legacy_keys.yml'}) expired on 2027-03-31 and no longer " \
           "applies to AWS.CMK.KeyRotation: renew or remove it (owner platform-storage@example.com, ticket " \
           "PLAT-311)" in out
    assert main(["test", str(EXAMPLES), "--today", "2026-12-01", "--expiring-within", "61d"]) == 0
    assert "warning: exception EXC-2026-014" in capsys.readouterr().err
    assert main(["test", str(EXAMPLES), "--expiring-within", "soon"]) == 2
    assert "'soon' is not a number of days such as 30d" in capsys.readouterr().err
    pack = ce.load_rules(EXAMPLES, today=datetime.date(2099, 1, 1))
    assert not pack.get("AWS.CMK.KeyRotation").exceptions  # findings come back


def test_a_failing_exception_test_fails_the_run(tmp_path, capsys):
    (tmp_path / "x.yml").write_text(load_cases("exception_files.yaml")[0]["file"] + (
        "Tests:\n  - Name: scanner\n    Suppressed: true\n    Log: {src: 198.51.100.1}\n"))
    assert main(["test", str(RULES), str(tmp_path), "--no-bundled", "--today", "2026-12-01"]) == 1
    out = capsys.readouterr().out
    assert f"FAIL exception X-1 :: scanner ({tmp_path / 'x.yml'}): expected it to suppress the record " \
           "(Suppressed: true), its condition was false" in out
    assert main(["test", str(RULES), str(tmp_path), "--no-bundled", "--format", "junit"]) == 1
    assert 'testsuite name="exception X-1"' in capsys.readouterr().out


LINT = [
    ("CE201", "Targets: {Tags: [nothing-has-this]}\nCondition: userName eq \"x\"", "targets no rule"),
    ("CE202", "Targets: {RuleIDs: [Test.Login]}\nCondition: usrName eq \"x\"",
     "field 'usrName' appears in no test record of the rules it targets or of their types; did you mean 'userName'?"),
    ("CE203", "Targets: {RuleIDs: [Test.Login]}\nCondition: eventName startswith \"Log\"",
     "makes Test.Login unsatisfiable"),
    ("CE204", "Targets: {RuleIDs: [Test.Login]}\nCondition: userName eq \"svc\" and src cidr \"10.0.0.0/8\"",
     "is redundant in Test.Login: its exclusion E1 `userName eq \"svc\"` already suppresses"),
    ("CE205", "Targets: {RuleIDs: [Test.Login]}\nCondition: userName eq \"x\"\nTests:\n  - Name: t\n"
              "    Suppressed: true\n    Log: {userName: y}", "test 't' fails: it should suppress its record"),
]


@pytest.mark.parametrize("code, body, message", LINT, ids=[c for c, _, _ in LINT])
def test_lint_findings_about_exceptions(tmp_path, capsys, code, body, message):
    pack, path = _load(tmp_path, f"AnalysisType: exception\nExceptionID: L\nOwner: o\nReason: r\n{body}\n")
    assert not pack.problems
    (finding,) = exception_findings(pack)
    assert (finding.code, finding.file) == (code, str(path)) and message in finding.message
    assert str(finding).startswith(f"{path}:")
    assert main(["lint", str(RULES), str(tmp_path), "--no-bundled"]) == (1 if finding.severity == "error" else 0)
    assert f"{code}]: L: {message}" in capsys.readouterr().out


def test_the_examples_have_no_findings():
    assert exception_findings(ce.load_rules(EXAMPLES, today=TODAY)) == []


def test_inventory(tmp_path, capsys):
    report = tmp_path / "r.json"
    assert main(["scan", "examples/", "--rules", str(EXAMPLES), "--quiet", "--exclusion-report", str(report),
                 "--out", str(tmp_path / "f.jsonl"), "--today", "2026-12-01"]) == 0
    assert main(["exceptions", str(EXAMPLES), "--format", "csv", "--today", "2027-02-15", "--report", str(report)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "exception,status,targets,owner,ticket,expires,days_left,suppressed,file",
        f"EXC-2026-021,active,AWS.CMK.KeyRotation,platform-storage@example.com,PLAT-311,2027-03-31,44,2,"
        f"{EXAMPLES / 'kms_legacy_keys.yml'}",
        f"EXC-2026-014,expired,Okta.FailedLoginOutsideAllowedCountries,secops@example.com,SEC-4812,2027-01-31,-15,2,"
        f"{EXAMPLES / 'okta_red_team_exercise.yml'}"]
    assert main(["exceptions", str(EXAMPLES), "--format", "json", "--today", "2026-12-01",
                 "--expiring-within", "90d"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["exception"], r["days_left"], r["suppressed"]) for r in rows] == [("EXC-2026-014", 61, None)]
    assert main(["exceptions", str(EXAMPLES), "--format", "markdown", "--today", "2026-12-01"]) == 0
    assert capsys.readouterr().out.startswith("| exception | status | targets | owner |")
