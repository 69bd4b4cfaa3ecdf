"""Windows event logs without a type field: logsource routing, flat and nested records, documents."""
from __future__ import annotations

import json

import pytest

import condition_engine as ce
from condition_engine.cli import main
from condition_engine.scan.logsources import LogsourceMap, flatten, is_nested
from conftest import CASES, load_cases

SIGMA_RULES = CASES / "sigma" / "rules"
pytest.importorskip("sigma", reason="the sigma extra is installed by .ci/run")


@pytest.mark.parametrize("case", load_cases("windows_events.yaml"), ids=lambda c: c["name"])
def test_logsource_types(case):
    record = case["record"]
    if is_nested(record):
        record = flatten(record)
        assert record == case["flat"]
    assert list(LogsourceMap.load().types_of(record)) == case["types"]


FLAT = {"EventID": 1, "Channel": "Microsoft-Windows-Sysmon/Operational", "Image": "C:\\Windows\\System32\\whoami.exe",
        "ParentImage": "C:\\Windows\\System32\\cmd.exe", "CommandLine": "whoami /all"}
NESTED = {"Event": {"System": {"EventID": 1, "Channel": "Microsoft-Windows-Sysmon/Operational"},
                    "EventData": {k: v for k, v in FLAT.items() if k not in ("EventID", "Channel")}}}


@pytest.mark.parametrize("layout", ["jsonl", "documents", "record headers"])
def test_sigma_rules_find_windows_events_with_no_type(tmp_path, capsys, layout):
    data = tmp_path / "events.json"
    other = {**FLAT, "EventID": 3}  # a network connection: not a process creation rule's
    if layout == "jsonl":
        data.write_text(json.dumps(FLAT) + "\n" + json.dumps(NESTED) + "\n" + json.dumps(other) + "\n")
    elif layout == "documents":
        data.write_text("\n".join(json.dumps(d, indent=2) for d in (FLAT, NESTED, other)) + "\n")
    else:
        data.write_text("".join(f"Record {n}\n{json.dumps(d, indent=2)}\n" for n, d in
                                enumerate((FLAT, NESTED, other), 1)))
    assert main(["scan", str(data), "--rules", str(SIGMA_RULES), "--no-bundled"]) == 0
    captured = capsys.readouterr()
    found = [json.loads(line) for line in captured.out.splitlines()]
    whoami = [f for f in found if f["title"] == "Whoami Execution From A Shell"]
    assert len(whoami) == 2 and {f["type"] for f in whoami} == {"Sigma.windows.process_creation"}
    assert "no record reached any rule" not in captured.err and "lines not JSON" in captured.err
    assert "0 lines not JSON" in captured.err


def test_the_map_can_be_extended(tmp_path, capsys):
    extra = tmp_path / "map.yml"
    extra.write_text("channels:\n  Custom/Operational:\n    service: custom\n    events:\n      1: [process_creation]\n")
    mapper = LogsourceMap.load(extra)
    assert mapper.types_of({"Channel": "Custom/Operational", "EventID": 1}) == (
        "Sigma.windows", "Sigma.windows.custom", "Sigma.windows.process_creation")
    data = tmp_path / "e.jsonl"
    data.write_text(json.dumps({**FLAT, "Channel": "Custom/Operational"}) + "\n")
    base = ["scan", str(data), "--rules", str(SIGMA_RULES), "--no-bundled", "--quiet"]
    assert main(base) == 0 and capsys.readouterr().out == ""
    assert main(base + ["--logsource-map", str(extra)]) == 0
    assert "Whoami Execution From A Shell" in capsys.readouterr().out
    bad = tmp_path / "bad.yml"
    bad.write_text("channels:\n  X: 1\n")
    assert main(base + ["--logsource-map", str(bad)]) == 2
    assert "error[E504]: logsource map: channel 'X' needs a mapping with service/events" in capsys.readouterr().err


def test_the_api_routes_windows_events_too(tmp_path):
    data = tmp_path / "e.jsonl"
    data.write_text(json.dumps(FLAT) + "\n")
    result = ce.scan_files(str(data), list(ce.load_rules(SIGMA_RULES, bundled=False)))
    assert [f["type"] for f in result.findings] == ["Sigma.windows.process_creation"]
