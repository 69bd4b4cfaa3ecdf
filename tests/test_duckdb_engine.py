"""scan --engine duckdb: the same findings as the Python engine; the sql command."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from condition_engine import load_rules
from condition_engine.cli import main
from condition_engine.scan import scan

pytest.importorskip("duckdb", reason="the sql extra is installed by .ci/run")
from condition_engine.sql.duckdb_engine import scan_duckdb  # noqa: E402

EXE = str(Path(sys.executable).parent / "condition-engine")


def test_both_engines_emit_identical_findings_on_examples():
    python = subprocess.run([EXE, "scan", "examples/", "--quiet"], cwd=ROOT, capture_output=True, text=True)
    duck = subprocess.run([EXE, "scan", "examples/", "--quiet", "--engine", "duckdb"], cwd=ROOT,
                          capture_output=True, text=True)
    assert python.returncode == duck.returncode == 0, duck.stderr
    assert python.stdout == duck.stdout and python.stdout.count("\n") > 50


def test_engines_agree_on_forced_types_and_parquet(tmp_path):
    import duckdb

    rules = list(load_rules())
    events = tmp_path / "events.jsonl"
    events.write_text("".join(json.dumps({"eventName": name, "eventSource": "cloudtrail.amazonaws.com",
                                          "eventID": str(i)}) + "\n"
                              for i, name in enumerate(["StopLogging", "GetObject", "DeleteTrail"])))
    from condition_engine.scan import ScanOptions

    options = ScanOptions(record_type="AWS.CloudTrail")
    ours, theirs = [], []
    scan([str(events)], rules, ours.append, options)
    scan_duckdb([str(events)], rules, theirs.append, options)
    assert ours == theirs and [f["eventID"] for f in ours] == ["0", "2"]
    parquet = tmp_path / "keys.parquet"
    duckdb.sql("COPY (SELECT 'AWS.KMS.Key' AS ResourceType, 'AWS_KMS' AS Origin, 'CUSTOMER' AS KeyManager, "
               "false AS KeyRotationEnabled, 'Enabled' AS KeyState) TO '" + str(parquet) + "' (FORMAT parquet)")
    found = []
    scan_duckdb([str(parquet)], rules, found.append)
    assert [f["rule_id"] for f in found] == ["AWS.CMK.KeyRotation"]


MIXED = [  # (file, the lines of its findings): blank lines (which DuckDB's JSON Lines reader skips), gzip, none
    ("blank.jsonl", b'{"a": 1}\nnot json\n\n{"a": 2}\n{"a":\n[1, 2]\n"text"\n  \n{"a": 3}\n', [1, 4, 9]),
    ("blank.jsonl.gz", gzip.compress(b'{"a": 1}\nnot json\n\n{"a": 2}\n{"a":\n[1, 2]\n"text"\n\n{"a": 3}\n'), [1, 4, 9]),
    ("dense.jsonl", b'{"a": 1}\nnot json\n{"a": 2}\n{"a":\n[1, 2]\n"text"\n{"a": 3}\n', [1, 3, 7]),
]


@pytest.mark.parametrize("engine", ["python", "duckdb", "spark"])
@pytest.mark.parametrize("name, content, lines", MIXED, ids=[m[0] for m in MIXED])
def test_every_engine_counts_and_keeps_bad_lines_alike(tmp_path, capsys, engine, name, content, lines):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "r.yml").write_text("AnalysisType: rule\nRuleID: T.Any\nCondition: a exists\n")
    data = tmp_path / name
    data.write_bytes(content)
    kept = tmp_path / "rejects.jsonl"
    assert main(["scan", str(data), "--rules", str(rules), "--no-bundled", "--engine", engine,
                 "--rejects", str(kept)]) == 0
    captured = capsys.readouterr()
    assert [json.loads(line)["line"] for line in captured.out.splitlines()] == lines  # blank lines counted
    assert "scanned 5 records from 1 input in " in captured.err and "3 findings, 2 lines not JSON" in captured.err
    bad = [lines[0] + 1, lines[1] + 1]
    assert f"{data}:{bad[0]}: error[E501]: invalid JSON: " in captured.err and f"{data}:{bad[1]}: error[E501]" in captured.err
    assert kept.read_bytes() == b'not json\n{"a":\n'


def test_sql_command(capsys):
    assert main(["sql", 'KeyState eq "Enabled"']) == 0
    assert "JSON_EXTRACT" in capsys.readouterr().out
    assert main(["sql", "AWS.CMK.KeyRotation", "--layout", "columns", "--column", "t"]) == 0
    assert 'TO_JSON("t")' in capsys.readouterr().out
    assert main(["sql", 'ip cidr "::/0"']) == 2
    assert "IPv6 network '::/0' cannot be expressed in duckdb" in capsys.readouterr().err


def test_sql_command_renders_every_dialect(capsys):
    from condition_engine.cli.commands import SQL_DIALECTS
    from condition_engine.sql import DIALECTS

    assert list(DIALECTS) == SQL_DIALECTS
    for dialect, marker in (("postgres", "JSONB_TYPEOF"), ("snowflake", "TYPEOF"), ("bigquery", "JSON_TYPE"),
                            ("spark", "SCHEMA_OF_VARIANT")):
        assert main(["sql", "AWS.CMK.KeyRotation", "--dialect", dialect]) == 0
        assert marker in capsys.readouterr().out
    assert main(["sql", 'a eq 1', "--dialect", "oracle"]) == 2
    assert "Invalid value for '--dialect': 'oracle' is not one of" in capsys.readouterr().err
    assert main(["sql", 'a matches "(?:x)"', "--dialect", "snowflake"]) == 2
    assert "uses a group that does not capture, which snowflake's POSIX" in capsys.readouterr().err


def test_engines_agree_on_packs_wider_than_one_mask():
    """Rules past the first 62 land in later bit masks and batches; findings stay the Python engine's."""
    import dataclasses

    from condition_engine.sql.duckdb_engine import MASK_BITS

    bundled = list(load_rules())
    rules = [dataclasses.replace(rule, model=rule.model.model_copy(update={"id": f"{rule.id}.copy{n}"}))
             for n in range(4) for rule in bundled]
    assert len(rules) > 2 * MASK_BITS
    ours, theirs = [], []
    scan(["examples/"], rules, ours.append)
    scan_duckdb(["examples/"], rules, theirs.append)
    assert ours == theirs and len(ours) == 4 * 130


def test_an_input_duckdb_cannot_read_is_scanned_by_the_python_engine(tmp_path, monkeypatch):
    import condition_engine.sql.duckdb_engine as engine

    monkeypatch.setattr(engine, "MAX_LINE", 64)  # the text-line reader's limit, made small
    data = tmp_path / "long.jsonl"
    data.write_text('{"a": 1}\n\n' + json.dumps({"a": "x" * 200, "ResourceType": "AWS.KMS.Key"}) + "\n")
    rules = list(load_rules().filter(ids=["AWS.CMK.KeyRotation"]))
    ours, theirs = [], []
    mine = scan([str(data)], rules, ours.append)
    other = scan_duckdb([str(data)], rules, theirs.append)
    assert (other.records, other.rejects, other.failed) == (mine.records, mine.rejects, []) == (2, 0, [])
    assert theirs == ours


FALLBACK = ROOT / "tests" / "cases" / "sql_fallback"  # rules with IPv6 networks, which the SQL cannot express


def test_rules_the_sql_cannot_express_run_in_python_with_a_warning(capsys):
    outputs = {}
    for engine in ("python", "duckdb"):
        assert main(["scan", str(FALLBACK / "events.jsonl"), "--rules", str(FALLBACK / "rules"), "--no-bundled",
                     "--engine", engine]) == 0
        outputs[engine] = capsys.readouterr()
    assert outputs["duckdb"].out == outputs["python"].out
    found = [(f["line"], f["rule_id"]) for f in map(json.loads, outputs["python"].out.splitlines())]
    assert {rule for _, rule in found} == {"Net.Admin.FromV6", "Net.Admin.FromV4", "Net.Admin.Any",
                                           "Net.Any.V6Loopback"}
    assert [line for line, _ in found] == sorted(line for line, _ in found)
    err = outputs["duckdb"].err
    assert (f"{FALLBACK / 'rules' / 'v6_admin.yml'}: warning: rule Net.Admin.FromV6 (Admin login from the IPv6 "
            "office network) runs in the Python engine over the same rows: cidr with the IPv6 network "
            "'2001:db8::/32' cannot be expressed in duckdb") in err
    assert err.count("runs in the Python engine") == 2 and "runs in the Python engine" not in outputs["python"].err
    assert "1 line not JSON" in err


def test_a_pack_with_inexpressible_rules_finds_what_python_finds():
    """The Sigma pack with rules the SQL cannot express (IPv6 networks) beside others, over the same events."""
    pytest.importorskip("sigma", reason="the sigma extra is installed by .ci/run")
    from condition_engine.scan import ScanOptions
    from condition_engine.scan.logsources import LogsourceMap

    pack = list(load_rules(ROOT / "tests" / "cases" / "sigma" / "rules", FALLBACK / "rules", bundled=False))
    options = ScanOptions(logsources=LogsourceMap.load())
    events = [str(ROOT / "tests" / "cases" / "sigma" / "events.jsonl"), str(FALLBACK / "events.jsonl")]
    ours, theirs = [], []
    scan(events, options.logsources.routed(pack), ours.append, options)
    stats = scan_duckdb(events, options.logsources.routed(pack), theirs.append, options)
    assert ours == theirs and {f["rule_id"] for f in ours} >= {"Net.Admin.FromV6", "Net.Any.V6Loopback"}
    assert len(stats.warnings) == 2 and stats.findings == len(ours)
