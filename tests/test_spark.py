"""A real local Spark session: Spark's answers equal evaluate(), and scan --engine spark equals Python."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import condition_engine as ce
from condition_engine.scan import scan
from conftest import ROOT
from strategies import conditions, documents
from test_sql import _comparable, _node_strings, _strings

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
    stats = scan_spark([str(ROOT / "examples")], rules, theirs.append, spark=spark)
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
