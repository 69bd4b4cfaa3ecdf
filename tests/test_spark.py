"""A real local Spark session: Spark's answers equal evaluate(), and scan --engine spark equals Python."""
from __future__ import annotations

import json

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from strategies import conditions, documents
from test_sql import _comparable, _node_strings, _strings

import condition_engine as ce
from condition_engine.scan import scan

pytest.importorskip("pyspark", reason="the spark extra is installed by .ci/run")
from condition_engine.spark import apply_rules, scan_spark, session  # noqa: E402
from condition_engine.sql import to_sql  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    return session()


def _answers(spark, condition, docs):
    rows = spark.createDataFrame([(i, json.dumps(d)) for i, d in enumerate(docs)], "i INT, record STRING")
    rows.createOrReplaceTempView("docs")
    query = f"SELECT i, {to_sql(condition, dialect='spark')} AS hit FROM docs ORDER BY i"
    return [row["hit"] for row in spark.sql(query).collect()]


@given(conditions(), st.lists(documents(), min_size=4, max_size=8))
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_spark_equals_evaluate(spark, condition, docs):
    assume(all(_comparable(s) for s in _node_strings(condition)))
    assume(all(_comparable(s) for d in docs for s in _strings(d)))
    try:
        to_sql(condition, dialect="spark")
    except ce.UnsupportedError:
        return
    assert _answers(spark, condition, docs) == [ce.evaluate(condition, d) for d in docs]


def test_semantics_cases_in_spark(spark):
    from conftest import load_cases

    for group in load_cases("semantics.yaml"):
        if group.get("options"):
            continue
        cases = [c for c in group["cases"] if 'cidr "2001:' not in c["condition"]]
        for case in cases:
            if not all(_comparable(s) for s in list(_strings(group["given"])) + _node_strings(ce.parse(case["condition"]))):
                continue
            assert _answers(spark, case["condition"], [group["given"]]) == [case["expect"]], case["condition"]


def test_scan_engine_spark_equals_python_on_examples(spark):
    rules = list(ce.load_rules().filter(ids=["AWS.CMK.KeyRotation", "AWS.CloudTrail.*", "Okta.AdminRoleAssigned",
                                             "GitHub.Repo.MadePublic", "AWS.S3.Bucket.PublicReadACL"]))
    ours, theirs = [], []
    scan([str(ROOT / "examples")], rules, ours.append)
    stats = scan_spark([str(ROOT / "examples")], rules, theirs.append, spark=spark, plan="sql")
    assert theirs == ours and len(ours) > 10 and stats.records == 507


def test_apply_rules_to_a_dataframe(spark):
    rule = ce.load_rules().get("AWS.CMK.KeyRotation")
    docs = [t.document for t in rule.model.Tests]
    df = spark.createDataFrame([(json.dumps(d),) for d in docs], "record STRING")
    found = apply_rules(df, [rule], record_type="AWS.KMS.Key").collect()
    assert len(found) == 2 and {row["rule_id"] for row in found} == {"AWS.CMK.KeyRotation"}
    typed = spark.createDataFrame([("AWS_KMS", "CUSTOMER", False, "Enabled")],
                                  "Origin STRING, KeyManager STRING, KeyRotationEnabled BOOLEAN, KeyState STRING")
    assert apply_rules(typed, [rule], layout="columns", record_type="AWS.KMS.Key").count() == 1


def test_quiet_spark_scan_prints_nothing_on_stderr():
    import subprocess
    import sys
    from pathlib import Path

    exe = str(Path(sys.executable).parent / "condition-engine")
    done = subprocess.run([exe, "scan", "examples/kms_keys.jsonl", "--engine", "spark", "--quiet"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0 and done.stdout.count("\n") == 11
    assert done.stderr == ""  # no log4j lines, no progress bars, no JVM notices


def test_scan_engine_spark_routes_windows_events_as_python_does(spark, tmp_path):
    """Events without a type field, in every form, routed by Channel/EventID (and the pack's IPv6 rules, which
    Spark SQL cannot express, run in Python over the same rows): findings identical to the Python engine's."""
    from conftest import CASES, load_cases
    from windows_forms import ecs, flat, nested

    from condition_engine.scan import ScanOptions
    from condition_engine.scan.logsources import LogsourceMap

    shapes = load_cases("windows/shapes.yaml")[:6]
    events = tmp_path / "events.jsonl"
    lines = (CASES / "windows" / "sysmon.jsonl").read_text().splitlines()
    lines += [json.dumps(write(event, n)) for n, event in enumerate(shapes) for write in (nested, flat, ecs)]
    lines += [json.dumps({"EventID": " 1 ", "Channel": "Microsoft-Windows-Sysmon/Operational",
                          "Image": "C:\\w\\whoami.exe", "ParentImage": "C:\\w\\cmd.exe"}),
              json.dumps({"EventID": 98, "Channel": "Unnamed/Operational", "src": "::1"})]
    events.write_text("\n".join(lines) + "\n")
    sigmahq = ROOT.parent / "shared" / "sigma" / "rules" / "windows" / "builtin"
    pack = ce.load_rules(CASES / "sigma" / "rules", CASES / "sql_fallback" / "rules", sigmahq / "application",
                         bundled=False)
    options = ScanOptions(logsources=LogsourceMap.load())
    rules = options.logsources.routed(list(pack))
    inputs = [str(events), str(CASES / "sql_fallback" / "events.jsonl")]
    ours, theirs = [], []
    python = scan(inputs, rules, ours.append, options)
    stats = scan_spark(inputs, rules, theirs.append, options, spark=spark, plan="sql")
    assert theirs == ours and stats.records == python.records and stats.unrouted == python.unrouted
    assert {f.get("type") for f in ours} >= {"Sigma.windows.process_creation", "Sigma.windows.application", "Net.Login"}
    assert len(stats.warnings) == 2 and "Net.Any.V6Loopback" in {f["rule_id"] for f in ours}


def test_spark_warns_when_no_record_reaches_a_rule(spark, tmp_path, capsys):
    from conftest import CASES

    from condition_engine.cli import main

    events = tmp_path / "events.jsonl"
    events.write_text(json.dumps({"EventID": 4624, "Channel": "Security", "LogonType": 3}) + "\n")
    assert main(["scan", str(events), "--rules", str(CASES / "sigma" / "rules" / "whoami_execution.yml"),
                 "--no-bundled", "--engine", "spark"]) == 0
    err = capsys.readouterr().err
    assert "warning: no record reached any rule: the rules want the types Sigma.windows.process_creation" in err
    assert "records no rule saw, by type: Sigma.windows.security: 1" in err


@pytest.mark.parametrize("plan", ["sql", "executors"])
def test_scan_engine_spark_reads_parquet_as_python_does(spark, tmp_path, plan):
    """A Parquet file (written from the flat Windows events) read by Spark itself, beside the same events as JSON
    Lines, through either plan: the Python engine's findings and counts."""
    pytest.importorskip("pyarrow", reason="the parquet extra is installed by .ci/run")
    from conftest import CASES
    from test_parquet import write_parquet

    from condition_engine.scan import ScanOptions
    from condition_engine.scan.logsources import LogsourceMap

    jsonl = tmp_path / "events.jsonl"
    jsonl.write_text("".join(line + "\n" for line in (CASES / "windows" / "sysmon.jsonl").read_text().splitlines()
                             if '"Event": {' not in line))
    write_parquet(jsonl, tmp_path / "events.parquet")
    options = ScanOptions(logsources=LogsourceMap.load())
    rules = list(ce.load_rules(CASES / "sigma" / "rules", bundled=False))
    inputs = [str(tmp_path / "events.parquet"), str(jsonl)]
    ours, theirs = [], []
    python = scan(inputs, rules, ours.append, options)
    stats = scan_spark(inputs, rules, theirs.append, options, spark=spark, plan=plan)
    assert theirs == ours and len(ours) >= 4
    assert (stats.records, stats.unrouted) == (python.records, python.unrouted)
