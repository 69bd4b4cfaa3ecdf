"""`condition-engine scan`: inputs, routing, outputs, rejects, exit codes."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from condition_engine.cli import main
from condition_engine.rules import load_rules
from condition_engine.scan import ScanOptions, scan

EXE = str(Path(sys.executable).parent / "condition-engine")
RULE = ('AnalysisType: rule\nRuleID: Demo.Login\nSeverity: High\nLogTypes: [Demo.Log]\n'
        'Condition: eventName eq "ConsoleLogin" and not userName in ["svc"]\n')
EVENTS = [{"p_log_type": "Demo.Log", "eventName": "ConsoleLogin", "userName": "bob", "eventID": "e1"},
          {"p_log_type": "Demo.Log", "eventName": "ConsoleLogin", "userName": "svc", "eventID": "e2"},
          {"p_log_type": "Other.Log", "eventName": "ConsoleLogin", "userName": "eve", "eventID": "e3"},
          {"eventName": "ConsoleLogin", "userName": "ann", "eventID": "e4"}]


@pytest.fixture
def rules(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "login.yml").write_text(RULE)
    return folder


def _jsonl(path: Path, items, extra: bytes = b"") -> Path:
    path.write_bytes(b"".join(json.dumps(i).encode() + b"\n" for i in items) + extra)
    return path


def _findings(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_scan_of_examples_through_the_installed_command():
    out = subprocess.run([EXE, "scan", "examples/"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    findings = _findings(out.stdout)
    assert len(findings) > 50
    rules = {f["rule_id"] for f in findings}
    assert {"AWS.CMK.KeyRotation", "AWS.CloudTrail.LoggingStopped", "Okta.AdminRoleAssigned",
            "GitHub.Repo.MadePublic", "AWS.S3.Bucket.PublicReadACL"} <= rules
    first = findings[0]
    assert set(first) >= {"rule_id", "severity", "title", "file", "line"}
    assert "scanned 507 records from 9 inputs" in out.stderr and "records/s" in out.stderr


def test_bad_json_line_is_reported_kept_and_the_scan_goes_on(tmp_path, rules):
    data = _jsonl(tmp_path / "events.jsonl", EVENTS[:1], extra=b'{"broken": \n')
    with open(data, "ab") as handle:
        handle.write(json.dumps(EVENTS[0]).encode() + b"\n")
    rejects = tmp_path / "rejects.jsonl"
    out = subprocess.run([EXE, "scan", str(data), "--rules", str(rules), "--no-bundled", "--rejects",
                          str(rejects)], capture_output=True, text=True)
    assert out.returncode == 0
    assert len(_findings(out.stdout)) == 2
    assert f"{data}:2: error[E501]: invalid JSON" in out.stderr and "Traceback" not in out.stderr
    assert rejects.read_bytes() == b'{"broken": \n'
    assert "1 line not JSON" in out.stderr


def test_bad_condition_in_a_rule_file(tmp_path, rules):
    (rules / "bad.yml").write_text("AnalysisType: rule\nRuleID: Bad\nCondition: a eq\n")
    data = _jsonl(tmp_path / "e.jsonl", EVENTS)
    out = subprocess.run([EXE, "scan", str(data), "--rules", str(rules), "--no-bundled"], capture_output=True, text=True)
    assert out.returncode == 0 and len(_findings(out.stdout)) == 1
    assert "bad.yml:3:16: error[E101]: $.Condition: invalid condition: unexpected end of condition" in out.stderr
    strict = subprocess.run([EXE, "scan", str(data), "--rules", str(rules), "--no-bundled", "--strict"],
                            capture_output=True, text=True)
    assert strict.returncode == 2 and not strict.stdout


def test_failing_rule_test_through_the_installed_command(tmp_path):
    (tmp_path / "r.yml").write_text('AnalysisType: rule\nRuleID: R\nCondition: a eq 1\nTests:\n'
                                    '  - Name: t\n    ExpectedResult: true\n    Log: {"a": 2}\n')
    out = subprocess.run([EXE, "test", str(tmp_path), "--no-bundled"], capture_output=True, text=True)
    assert out.returncode == 1 and "FAIL R :: t" in out.stdout and "a eq 1 → false (a = 2)" in out.stdout


def test_bad_condition_on_the_command_line():
    out = subprocess.run([EXE, "parse", "a eq 1 and"], capture_output=True, text=True)
    assert out.returncode == 2 and out.stderr.startswith("<condition>:1:11: error[E101]")
    assert "Traceback" not in out.stderr


def test_routing_by_type_field_and_forced_type(tmp_path, rules, capsys):
    data = _jsonl(tmp_path / "e.jsonl", EVENTS)
    assert main(["scan", str(data), "--rules", str(rules), "--no-bundled", "--quiet"]) == 0
    assert [f["eventID"] for f in _findings(capsys.readouterr().out)] == ["e1"]
    assert main(["scan", str(data), "--rules", str(rules), "--no-bundled", "--quiet", "--type", "Demo.Log"]) == 0
    assert [f["eventID"] for f in _findings(capsys.readouterr().out)] == ["e1", "e3", "e4"]
    renamed = _jsonl(tmp_path / "r.jsonl", [{**e, "kind": e.get("p_log_type")} for e in EVENTS])
    assert main(["scan", str(renamed), "--rules", str(rules), "--no-bundled", "--quiet", "--type-field", "kind"]) == 0
    assert [f["eventID"] for f in _findings(capsys.readouterr().out)] == ["e1"]


def test_input_shapes_array_object_gzip_directory_stdin(tmp_path, rules, capsys, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "array.json").write_text(json.dumps(EVENTS))
    (folder / "object.json").write_text(json.dumps(EVENTS[0], indent=2))
    with gzip.open(folder / "events.jsonl.gz", "wb") as handle:
        handle.write(b"".join(json.dumps(e).encode() + b"\n" for e in EVENTS))
    (folder / "notes.txt").write_text("not scanned")
    assert main(["scan", str(folder), "--rules", str(rules), "--no-bundled", "--quiet"]) == 0
    found = _findings(capsys.readouterr().out)
    assert [(Path(f["file"]).name, f["line"]) for f in found] == [
        ("array.json", 1), ("events.jsonl.gz", 1), ("object.json", 1)]
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(json.dumps(EVENTS[0]).encode() + b"\n")))
    assert main(["scan", "-", "--rules", str(rules), "--no-bundled", "--quiet"]) == 0
    assert _findings(capsys.readouterr().out)[0]["file"] == "<stdin>"


def test_formats_and_out(tmp_path, rules, capsys):
    data = _jsonl(tmp_path / "e.jsonl", EVENTS)
    out = tmp_path / "f.sarif"
    assert main(["scan", str(data), "--rules", str(rules), "--no-bundled", "--quiet", "--format", "sarif",
                 "--out", str(out)]) == 0
    log = json.loads(out.read_text())
    assert log["version"] == "2.1.0"
    result = log["runs"][0]["results"][0]
    assert result["ruleId"] == "Demo.Login" and result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    assert main(["scan", str(data), "--rules", str(rules), "--no-bundled", "--quiet", "--format", "table"]) == 0
    assert "Demo.Login" in capsys.readouterr().out


def test_fail_on_and_disabled_rules(tmp_path, rules, capsys):
    data = _jsonl(tmp_path / "e.jsonl", EVENTS)
    assert main(["scan", str(data), "--rules", str(rules), "--no-bundled", "--quiet", "--fail-on", "high"]) == 1
    assert main(["scan", str(data), "--rules", str(rules), "--no-bundled", "--quiet", "--fail-on", "Critical"]) == 0
    (rules / "login.yml").write_text(RULE + "Enabled: false\n")
    capsys.readouterr()
    assert main(["scan", str(data), "--rules", str(rules), "--no-bundled", "--quiet"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["scan", str(data), "--rules", str(rules), "--no-bundled", "--quiet", "--include-disabled"]) == 0
    assert len(_findings(capsys.readouterr().out)) == 1


def test_a_closed_pipe_ends_the_scan_quietly():
    done = subprocess.run(f"'{EXE}' scan examples/ | head -1; echo \"status ${{PIPESTATUS[0]}}\"", shell=True,
                          executable="/bin/bash", cwd=ROOT, capture_output=True, text=True)
    lines = done.stdout.splitlines()
    assert json.loads(lines[0])["rule_id"] and lines[1] == "status 141"
    assert done.stderr == ""


def test_missing_input_and_bad_option_exit_2(capsys):
    assert main(["scan", "no/such/file.jsonl"]) == 2
    assert "no such file or directory: no/such/file.jsonl" in capsys.readouterr().err
    assert main(["scan", "examples/", "--format", "xml"]) == 2


def test_scan_api_counts():
    found = []
    stats = scan([str(ROOT / "examples")], list(load_rules()), found.append, ScanOptions())
    assert stats.records == 507 and stats.findings == len(found) and stats.rejects == 0
    assert stats.per_rule["AWS.CMK.KeyRotation"] == sum(f["rule_id"] == "AWS.CMK.KeyRotation" for f in found)


def test_a_damaged_gzip_input_is_named_and_the_scan_goes_on(tmp_path, capsys):
    damaged = tmp_path / "events.jsonl.gz"
    damaged.write_bytes(gzip.compress(b'{"a": 1}\n')[:12])  # the header, then nothing
    assert main(["scan", str(damaged), "examples/kms_keys.jsonl", "--quiet"]) == 4
    out = capsys.readouterr()
    assert out.err.strip().splitlines() == [  # the bytes decoded before the damage: a line cut short
        f"{damaged}:1: error[E501]: invalid JSON: unexpected end of data",
        f"{damaged}: error[E502]: cannot read the file: damaged gzip data (Compressed file ended before the "
        "end-of-stream marker was reached) (the scan went on with the other inputs)"]
    assert '"file":"examples/kms_keys.jsonl"' in out.out


def test_records_no_rule_saw_are_counted_and_a_scan_that_reached_none_warns(tmp_path, rules, capsys):
    data = _jsonl(tmp_path / "untyped.jsonl", [{"eventName": "ConsoleLogin", "userName": "bob"},
                                               {"p_log_type": "Other.Log", "eventName": "x"}])
    assert main(["scan", str(data), "--rules", str(rules), "--no-bundled"]) == 0
    err = capsys.readouterr().err
    assert "warning: no record reached any rule: the rules want the types Demo.Log; the records' types (read from " \
           "p_log_type, ResourceType) were: Other.Log. Give --type TYPE, or --type-field FIELD." in err
    assert "         2  records no rule saw, by type: (no type): 1, Other.Log: 1" in err
    assert main(["scan", str(data), "--rules", str(rules), "--no-bundled", "--type", "Demo.Log"]) == 0
    assert "warning" not in capsys.readouterr().err
