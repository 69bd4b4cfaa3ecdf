"""The executor plan of scan --engine spark (the Python engine's rules on Spark's Python workers): the Python
engine's findings, counts and order, for SigmaHQ's whole Windows pack and for measured and what-if scans."""
from __future__ import annotations

import json
import sys

import pytest
from conftest import ROOT, load_cases

import condition_engine as ce
from condition_engine.scan import ScanOptions, scan
from condition_engine.scan.logsources import LogsourceMap
from condition_engine.scan.run import measured_scan

pytest.importorskip("pyspark", reason="the spark extra is installed by .ci/run")
from condition_engine.spark import scan_spark, session
from condition_engine.spark_plan import EXECUTOR_PLAN_RULES, chosen_plan

SIGMA = ROOT.parent / "shared" / "sigma" / "rules" / "windows"  # SigmaHQ's rules (DRL 1.1), beside the project


@pytest.fixture(scope="module")
def spark():
    return session()


def _deep(depth: int) -> object:
    value: object = "end"
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.skipif(not SIGMA.is_dir(), reason="SigmaHQ's rules are read from the shared folder beside the project")
def test_sigmahq_windows_pack_on_executors_equals_python(spark, tmp_path):
    """Every SigmaHQ Windows rule over generated events (flat, nested, ECS; a line that is not JSON; an event
    nested past what JSON text carries, evaluated on the driver): the same findings in the same order, and the
    same counts, as the Python engine."""
    pytest.importorskip("sigma", reason="the sigma extra is installed by .ci/run")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from windows_events import events
    from windows_forms import ecs, nested

    options = ScanOptions(logsources=LogsourceMap.load())
    rules = options.logsources.routed([rule for rule in ce.load_rules(SIGMA, bundled=False) if rule.enabled])
    assert len(rules) > 2000 and chosen_plan("auto", len(rules)) == "executors"
    lines = [json.dumps(event) for event in events(3000, seed=11)]
    shapes = load_cases("windows/shapes.yaml")[:6]
    lines[10:10] = [json.dumps(write(event, n)) for n, event in enumerate(shapes) for write in (nested, ecs)]
    lines.insert(40, "not json")
    whoami = {"EventID": 1, "Channel": "Microsoft-Windows-Sysmon/Operational", "Image": "C:\\w\\whoami.exe",
              "CommandLine": "whoami /all", "ParentImage": "C:\\w\\cmd.exe", "Deep": _deep(300)}
    lines.insert(50, json.dumps(whoami))
    data = tmp_path / "events.jsonl"
    data.write_text("\n".join(lines) + "\n")
    ours, theirs = [], []
    python = scan([str(data)], rules, ours.append, options)
    stats = scan_spark([str(data)], rules, theirs.append, options, spark=spark)
    assert theirs == ours and len(ours) > 100
    assert any(finding["line"] == 51 for finding in ours)  # the deep event matched, found by the driver
    assert (stats.records, stats.rejects, stats.unrouted, stats.per_rule, stats.warnings) == \
        (python.records, python.rejects, python.unrouted, python.per_rule, [])


def test_measured_what_if_scan_on_executors_equals_python(spark):
    """The rules a measured what-if scan runs (each without its exclusions, and the exclusion probes) are
    shipped as they are: findings, suppressed_by marks and the exclusion report equal the Python engine's."""
    rules = list(ce.load_rules())
    found: dict[str, list] = {"python": [], "spark": []}
    results = {engine: measured_scan([str(ROOT / "examples")], rules, found[engine].append,
                                     ScanOptions(logsources=LogsourceMap.load()), engine=engine,
                                     exclusion_report=True, no_exclusions=True, spark_plan="executors")
               for engine in found}
    assert found["spark"] == found["python"] and any("suppressed_by" in f for f in found["python"])
    assert results["spark"][1] == results["python"][1]
    assert results["spark"][0].unrouted == results["python"][0].unrouted


def test_both_plans_on_the_command_line(spark, tmp_path, capsys):
    """--spark-plan forces either plan; both print the Python engine's findings."""
    from condition_engine.cli import main

    outputs = {}
    for plan in ("python", "executors", "sql"):
        out = tmp_path / f"{plan}.jsonl"
        engine = ["--engine", "spark", "--spark-plan", plan] if plan != "python" else []
        assert main(["scan", str(ROOT / "examples" / "kms_keys.jsonl"), "--filter", "AWS.CMK.*", "--out", str(out),
                     "--quiet", *engine]) == 0
        outputs[plan] = out.read_text()
    assert outputs["executors"] == outputs["python"] == outputs["sql"] and outputs["python"].count("\n") > 5


def test_spark_plan_needs_the_spark_engine(capsys):
    from condition_engine.cli import main

    assert main(["scan", str(ROOT / "examples" / "kms_keys.jsonl"), "--spark-plan", "sql"]) == 2
    assert "--spark-plan applies to --engine spark, not --engine python" in capsys.readouterr().err


def test_an_unknown_plan_is_refused():
    with pytest.raises(ValueError, match="plan must be one of auto, executors, sql, not 'fast'"):
        scan_spark([str(ROOT / "examples" / "kms_keys.jsonl")], [], lambda f: None, plan="fast")


@pytest.mark.parametrize("rules, plan", [(EXECUTOR_PLAN_RULES - 1, "sql"), (EXECUTOR_PLAN_RULES, "executors"),
                                         (2395, "executors")])
def test_auto_chooses_by_pack_size(rules, plan):
    assert chosen_plan("auto", rules) == plan and chosen_plan("sql", 5000) == "sql"


def test_plan_matches_a_dataframe_as_the_python_engine(spark):
    """plan_matches over a DataFrame of JSON text (not collected): the Python engine's (rule, line, type)."""
    from conftest import CASES

    from condition_engine.spark_plan import plan_matches

    options = ScanOptions(logsources=LogsourceMap.load())
    rules = options.logsources.routed(list(ce.load_rules(CASES / "sigma" / "rules", bundled=False)))
    path = CASES / "windows" / "sysmon.jsonl"
    ours: list = []
    scan([str(path)], rules, ours.append, options)
    df = spark.createDataFrame([("sysmon", number, line) for number, line in
                                enumerate(path.read_text().splitlines(), 1) if line.strip()],
                               "file STRING, line BIGINT, record STRING")
    found = plan_matches(df, rules, options).collect()
    assert sorted((row["rule_id"], row["line"], row["type"]) for row in found) == \
        sorted((f["rule_id"], f["line"], f.get("type")) for f in ours) and len(ours) >= 2
    assert {row["file"] for row in found} == {"sysmon"}
