"""Exclusions measured: suppression counts per group in every engine, what-if, findings from a report."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, case_id, load_cases
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import conditions, documents

import condition_engine as ce
from condition_engine import ast
from condition_engine.analysis.exclusion_findings import report_findings, static_findings
from condition_engine.cli import main
from condition_engine.rules.model import RuleFile
from condition_engine.scan.engine import ScanOptions
from condition_engine.scan.run import measured_scan, scan_files

CASES = load_cases("exclusion_report.yaml")


def _rule_dir(tmp_path: Path, condition: str, rule_id: str = "Test.Rule") -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "rule.yml").write_text(f"AnalysisType: rule\nRuleID: {rule_id}\nSeverity: Medium\n"
                                     f"Condition: {json.dumps(condition)}\n")
    return folder


def _records(tmp_path: Path, records: list) -> Path:
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def _engine_scan(engine: str, spark_session):
    def run(inputs, rules, emit, **options):
        if engine == "spark":  # one session for the module: scan_spark takes it through run_engine's default
            import condition_engine.spark as spark_module

            original = spark_module.session
            spark_module.session = lambda: spark_session
            try:
                return measured_scan(inputs, rules, emit, engine=engine, **options)
            finally:
                spark_module.session = original
        return measured_scan(inputs, rules, emit, engine=engine, **options)
    return run


@pytest.fixture(scope="module")
def spark_session():
    pytest.importorskip("pyspark", reason="the spark extra is installed by .ci/run")
    from condition_engine.spark import session

    return session()


@pytest.fixture(params=["python", "duckdb", "spark"])
def engine(request):
    if request.param == "duckdb":
        pytest.importorskip("duckdb", reason="the sql extra is installed by .ci/run")
        return _engine_scan("duckdb", None)
    if request.param == "spark":
        return _engine_scan("spark", request.getfixturevalue("spark_session"))
    return _engine_scan("python", None)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_counts_per_group(case, tmp_path, engine):
    rules = list(ce.load_rules(_rule_dir(tmp_path, case["condition"]), bundled=False))
    data = _records(tmp_path, case["records"])
    found = []
    stats, report = engine([str(data)], rules, found.append, exclusion_report=True)
    (rule,) = report["rules"]
    expect = case["expect"]
    assert (rule["matched"], rule["suppressed"], rule["suppressed_by_several"]) == \
        (expect["matched"], expect["suppressed"], expect["several"])
    assert rule["matched"] == len(found) == stats.findings
    assert rule["requirement_matches"] == expect["matched"] + expect["suppressed"]
    got = {g["id"]: {"suppressed": g["suppressed"], "only": g["only_this_group"], "overlaps": g["overlaps"],
                     "samples": g["samples"]} for g in rule["groups"]}
    want = {gid: {**g, "samples": [f"{data}:{n}" for n in g["samples"]]} for gid, g in case["groups"].items()}
    assert got == want
    clauses = {c["id"]: {"suppressed": c["suppressed"], "only": c["only_this_clause"], "overlaps": c["overlaps"],
                         "samples": c["samples"]} for g in rule["groups"] for c in g["clauses"] if c["id"] != g["id"]}
    want = {cid: {**c, "samples": [f"{data}:{n}" for n in c["samples"]]} for cid, c in case.get("clauses", {}).items()}
    assert clauses == want


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_findings_from_the_report(case, tmp_path):
    rules = list(ce.load_rules(_rule_dir(tmp_path, case["condition"]), bundled=False))
    result = scan_files(str(_records(tmp_path, case["records"])), rules, exclusion_report=True)
    table = rules[0].exclusions
    codes = [f.code for f in static_findings(rules[0].condition, table)]
    codes += [f.code for f in report_findings(result.report["rules"][0], table)]
    assert sorted(codes) == sorted(case["findings"])


def test_over_broad_threshold_is_configurable(tmp_path):
    case = CASES[0]  # E1 suppresses 2 of 3
    rules = list(ce.load_rules(_rule_dir(tmp_path, case["condition"]), bundled=False))
    rule = scan_files(str(_records(tmp_path, case["records"])), rules, exclusion_report=True).report["rules"][0]
    assert [f.code for f in report_findings(rule, rules[0].exclusions, over_broad=70)] == []
    (finding,) = report_findings(rule, rules[0].exclusions, over_broad=60)
    assert "suppressed 2 of 3 records the requirements matched (66.7% > 60%)" in finding.message


# The law: a record's suppressions are exactly the groups (and clauses) that hold where the requirements hold.
# (Records are objects: a file whose first line opens an array is read as one JSON array.)
@given(st.lists(conditions(), min_size=0, max_size=2), st.lists(conditions(), min_size=1, max_size=3),
       st.lists(documents().filter(lambda d: isinstance(d, dict)), min_size=1, max_size=8))
@settings(max_examples=80, suppress_health_check=list(HealthCheck))
def test_counts_equal_evaluating_requirements_and_each_group(tmp_path_factory, required, groups, records):
    parts = list(required) + [ast.Not(operand=g) for g in groups]
    condition = parts[0] if len(parts) == 1 else ast.And(operands=tuple(parts))
    folder = tmp_path_factory.mktemp("law")
    model = RuleFile(AnalysisType="rule", RuleID="Law", Condition=ce.to_text(condition))
    rules = [ce.LoadedRule(model=model, condition=condition, path=folder / "law.yml")]
    table = rules[0].exclusions
    result = scan_files(str(_records(folder, records)), rules, exclusion_report=True)
    (rule,) = result.report["rules"]
    holds = [all(ce.evaluate(r, d) for r in table.requirements) for d in records]
    hits = [[g.id for g in table.groups if ce.evaluate(g.condition, d)] if ok else [] for d, ok in zip(records, holds)]
    assert rule["requirement_matches"] == sum(holds)
    assert rule["suppressed"] == sum(bool(h) for h in hits)
    assert rule["matched"] == sum(ce.evaluate(rules[0].condition, d) for d in records) == len(result.findings)
    for counts in rule["groups"]:
        assert counts["suppressed"] == sum(counts["id"] in h for h in hits)
        assert counts["only_this_group"] == sum(h == [counts["id"]] for h in hits)
    clause_hits = [[c.id for c in table.clauses() if ce.evaluate(c.condition, d)] if ok else []
                   for d, ok in zip(records, holds)]
    assert [bool(h) for h in clause_hits] == [bool(h) for h in hits]  # a group holds when one of its clauses does
    for counts in (c for g in rule["groups"] for c in g["clauses"]):
        assert counts["suppressed"] == sum(counts["id"] in h for h in clause_hits)
        assert counts["only_this_clause"] == sum(h == [counts["id"]] for h in clause_hits)


def test_report_is_identical_in_every_engine_on_examples(tmp_path):
    pytest.importorskip("duckdb", reason="the sql extra is installed by .ci/run")
    reports = {}
    for engine in ("python", "duckdb", "spark"):
        path = tmp_path / f"{engine}.json"
        assert main(["scan", "examples/", "--quiet", "--engine", engine, "--exclusion-report", str(path),
                     "--out", str(tmp_path / f"{engine}.jsonl")]) == 0
        reports[engine] = path.read_bytes()
    assert reports["python"] == reports["duckdb"] == reports["spark"]
    data = json.loads(reports["python"])
    assert {r["rule_id"] for r in data["rules"]} == {r.id for r in ce.load_rules() if r.exclusions.groups}
    assert sum(r["suppressed"] for r in data["rules"]) > 30


def test_scan_without_a_report_emits_what_it_did(tmp_path, capsys):
    plain, measured = tmp_path / "plain.jsonl", tmp_path / "measured.jsonl"
    assert main(["scan", "examples/", "--out", str(plain)]) == 0
    capsys.readouterr()
    assert main(["scan", "examples/", "--out", str(measured), "--exclusion-report", str(tmp_path / "r.json")]) == 0
    assert plain.read_bytes() == measured.read_bytes()
    err = capsys.readouterr().err
    assert "  suppressed       30  AWS.CMK.KeyRotation (E1 30 [E1.1 1, E1.2 8, E1.3 30])" in err


def test_what_if_marks_findings_with_the_groups_that_would_suppress(tmp_path, capsys):
    rules = _rule_dir(tmp_path, 'eventName eq "ConsoleLogin" and not userName eq "svc" and not src cidr "10.0.0.0/8"')
    data = _records(tmp_path, [{"eventName": "ConsoleLogin", "userName": "svc", "src": "10.0.0.1"},
                               {"eventName": "ConsoleLogin", "userName": "svc", "src": "8.8.8.8"},
                               {"eventName": "ConsoleLogin", "userName": "bob", "src": "8.8.8.8"}])
    base = ["scan", str(data), "--rules", str(rules), "--no-bundled", "--quiet"]
    assert main(base + ["--ignore-exclusion", "Test.Rule:E1"]) == 0
    found = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(f["line"], f["suppressed_by"]) for f in found] == [(2, ["E1"]), (3, [])]
    assert main(base + ["--no-exclusions"]) == 0
    found = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(f["line"], f["suppressed_by"]) for f in found] == [(1, ["E1", "E2"]), (2, ["E1"]), (3, [])]
    report = tmp_path / "r.json"
    assert main(base + ["--no-exclusions", "--exclusion-report", str(report)]) == 0
    rule = json.loads(report.read_text())["rules"][0]
    assert (rule["matched"], rule["suppressed"], rule["suppressed_by_several"]) == (1, 2, 1)


@pytest.fixture(scope="module")
def seed_records(tmp_path_factory) -> Path:
    """The seed rule's five test resources, three times over."""
    (rule,) = ce.load_rules().filter(ids=["AWS.CMK.KeyRotation"])
    return _records(tmp_path_factory.mktemp("seed"), [t.Resource for t in rule.model.Tests] * 3)


def test_the_seed_counted_per_clause(seed_records, engine):
    rules = list(ce.load_rules().filter(ids=["AWS.CMK.KeyRotation"]))
    found = []
    _, report = engine([str(seed_records)], rules, found.append, exclusion_report=True,
                       options=ScanOptions(record_type="AWS.KMS.Key"))
    (rule,) = report["rules"]
    (group,) = rule["groups"]
    clauses = {c["condition"]: (c["id"], c["suppressed"], c["only_this_clause"]) for c in group["clauses"]}
    assert len(found) == rule["matched"] == 6
    assert clauses == {'Origin ne "AWS_KMS"': ("E1.1", 3, 0), 'KeyManager ne "CUSTOMER"': ("E1.2", 6, 0),
                       'KeyRotationEnabled eq "True" and KeyState eq "Enabled"': ("E1.3", 6, 3)}
    assert (group["suppressed"], group["only_this_group"]) == (9, 9)
    assert group["clauses"][0]["overlaps"] == {"E1.2": 3}
    assert group["clauses"][0]["samples"] == [f"{seed_records}:5", f"{seed_records}:10", f"{seed_records}:15"]


@pytest.mark.parametrize("ignored, findings, marked", [
    (["E1.2"], 6, []),                                    # E1.1 and E1.3 still suppress what E1.2 did
    (["E1.3"], 9, [["E1.3"]] * 3),                         # resource 2: rotation enabled, nothing else
    (["E1.1", "E1.2"], 9, [["E1.1", "E1.2"]] * 3),         # resource 5: not eligible for rotation
    (["E1"], 15, [["E1.2", "E1.3"], ["E1.3"], ["E1.1", "E1.2"]] * 3),
])
def test_what_if_per_clause(seed_records, ignored, findings, marked):
    rules = list(ce.load_rules().filter(ids=["AWS.CMK.KeyRotation"]))
    result = scan_files(str(seed_records), rules, record_type="AWS.KMS.Key",
                        ignore_exclusions=[f"AWS.CMK.KeyRotation:{key}" for key in ignored])
    assert len(result.findings) == findings
    assert [f["suppressed_by"] for f in result.findings if f["suppressed_by"]] == marked


def test_what_if_by_group_name_and_from_python(tmp_path):
    sigma = ROOT / "tests" / "cases" / "sigma" / "rules" / "defender_filter.yml"
    pytest.importorskip("sigma", reason="the sigma extra is installed by .ci/run")
    rules = list(ce.load_rules(sigma, bundled=False))
    data = _records(tmp_path, [{"TargetObject": r"HKLM\x\Real-Time Protection\DisableRealtimeMonitoring",
                                "Details": "DWORD (0x00000001)", "User": "NT AUTHORITY\\SYSTEM"}])
    plain = scan_files(str(data), rules, record_type="Sigma.windows.registry_set")
    assert plain.findings == []
    result = scan_files(str(data), rules, record_type="Sigma.windows.registry_set",
                        ignore_exclusions=[f"{rules[0].id}:filter_main_system"])
    assert [f["suppressed_by"] for f in result.findings] == [["E1"]]


@pytest.mark.parametrize("option, message", [
    ("Test.Rule", "--ignore-exclusion 'Test.Rule': expected RULE_ID:GROUP or RULE_ID:CLAUSE, "
                  "e.g. AWS.CMK.KeyRotation:E1.2"),
    ("No.Such:E1", "--ignore-exclusion 'No.Such:E1': no rule 'No.Such' among the 1 rules selected"),
    ("Test.Rule:E7", "--ignore-exclusion 'Test.Rule:E7': no exclusion group or clause 'E7'; they are: E1, "
                     "E2, E2.1, E2.2, E3 (filter_x)"),
])
def test_what_if_errors(tmp_path, capsys, option, message):
    rules = _rule_dir(tmp_path, 'a eq 1 and not b eq 2 and not (c eq 3 or d eq 4) and not (e eq 5 or f eq 6)')
    with (rules / "rule.yml").open("a") as handle:
        handle.write('ExclusionNames: {filter_x: "e eq 5 or f eq 6"}\n')  # a named group: one clause
    assert main(["scan", str(_records(tmp_path, [{"a": 1}])), "--rules", str(rules), "--no-bundled",
                 "--ignore-exclusion", option]) == 2
    assert capsys.readouterr().err.strip() == f"error[E602]: {message}"


def test_exclusions_command_lists_findings_from_a_report(tmp_path, capsys):
    case = CASES[2]  # shadowed
    rules = _rule_dir(tmp_path, case["condition"])
    report = tmp_path / "r.json"
    assert main(["scan", str(_records(tmp_path, case["records"])), "--rules", str(rules), "--no-bundled",
                 "--quiet", "--exclusion-report", str(report)]) == 0
    capsys.readouterr()
    assert main(["exclusions", "--rules", str(rules), "--no-bundled", "--report", str(report)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        'Test.Rule: 1:74: warning[CE010]: exclusion E2 `userIdentity.type eq "AssumedRole" and sourceIPAddress '
        'cidr "10.0.0.0/8"` is redundant: every record it suppresses, E1 suppresses too',
        "Test.Rule: 1:74: warning[CE102]: exclusion E2 is shadowed: each of the 1 records it suppressed, "
        "E1 suppressed too"]
    assert main(["lint", "--rules", str(rules), "--no-bundled", "--report", str(report), "--format", "json"]) == 0
    assert [f["code"] for f in json.loads(capsys.readouterr().out)["Test.Rule"]] == ["CE010", "CE102"]


def test_a_report_that_no_longer_fits_is_not_applied(tmp_path, capsys):
    rules = _rule_dir(tmp_path, 'a eq 1 and not b eq 2')
    report = tmp_path / "r.json"
    assert main(["scan", str(_records(tmp_path, [{"a": 1}])), "--rules", str(rules), "--no-bundled", "--quiet",
                 "--exclusion-report", str(report)]) == 0
    _rule_dir(tmp_path, 'a eq 1 and not b eq 3')
    capsys.readouterr()
    assert main(["exclusions", "--rules", str(rules), "--no-bundled", "--report", str(report)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Test.Rule: warning: report not applied: its exclusion groups changed since the report was written" \
        in captured.err
    assert main(["exclusions", "a eq 1 and not b eq 2", "--report", str(report)]) == 0
    assert "r.json: warning: the report names none of the selected rules (it has Test.Rule)" in capsys.readouterr().err
    (tmp_path / "bad.json").write_text('{"rules": 1}')
    assert main(["exclusions", "--report", str(tmp_path / "bad.json")]) == 2
    assert "bad.json:1:1: error[E503]: not an exclusion report (write one with scan --exclusion-report FILE)" \
        in capsys.readouterr().err
