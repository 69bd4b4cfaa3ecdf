"""Windows event logs without a type field: logsource routing, flat and nested records, documents."""
from __future__ import annotations

import json
import re

import pytest
from conftest import CASES, ROOT, load_cases
from hypothesis import given
from hypothesis import strategies as st
from windows_forms import ecs, flat, nested

import condition_engine as ce
from condition_engine.cli import main
from condition_engine.scan.logsources import LogsourceMap, event_number, windows_form

SIGMA_RULES = CASES / "sigma" / "rules"
pytest.importorskip("sigma", reason="the sigma extra is installed by .ci/run")


@pytest.mark.parametrize("case", load_cases("windows_events.yaml"), ids=lambda c: c["name"])
def test_logsource_types(case):
    record, windows = windows_form(case["record"])
    if "flat" in case:
        assert record == case["flat"] and list(record) == list(case["flat"])  # names, in order
    else:
        assert record is case["record"]  # flat already: kept, not copied
    assert list(LogsourceMap.load().types_of(record, windows)) == case["types"]


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


def test_duckdb_routes_every_case_as_the_map_does():
    """The SQL the DuckDB engine routes by gives each flat case's types (tests/cases/windows_events.yaml)."""
    duckdb = pytest.importorskip("duckdb", reason="the sql extra is installed by .ci/run")
    from sqlglot import exp

    from condition_engine.sql.compiler import KeyLookups
    from condition_engine.sql.logsources import types_expression

    lookups = KeyLookups("v")
    routed = types_expression(LogsourceMap.load(), lookups)
    cases = [case for case in load_cases("windows_events.yaml") if windows_form(case["record"])[0] is case["record"]]
    values = lookups.extraction(exp.column("record")).sql(dialect="duckdb")
    query = (f"SELECT {routed.sql(dialect='duckdb')} FROM (SELECT {values} AS v "
             "FROM (SELECT CAST(? AS JSON) AS record))")
    con = duckdb.connect()
    for case in cases:
        found = con.execute(query, [json.dumps(case["record"])]).fetchone()[0]
        assert (found or []) == case["types"], case["name"]


def test_duckdb_scans_windows_events_with_no_type(tmp_path, capsys):
    pytest.importorskip("duckdb", reason="the sql extra is installed by .ci/run")
    data = tmp_path / "events.jsonl"
    data.write_text((CASES / "windows" / "sysmon.jsonl").read_text())
    flat = [line for line in data.read_text().splitlines() if '"Event": {' not in line]
    data.write_text("\n".join(flat) + "\n")
    outputs = {}
    for engine in ("python", "duckdb"):
        assert main(["scan", str(data), "--rules", str(SIGMA_RULES), "--no-bundled", "--engine", engine]) == 0
        outputs[engine] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert outputs["duckdb"] == outputs["python"] and len(outputs["python"]) >= 2
    assert {f["type"] for f in outputs["python"]} >= {"Sigma.windows.process_creation"}


def test_duckdb_reads_nested_events_as_python_does(tmp_path, capsys):
    pytest.importorskip("duckdb", reason="the sql extra is installed by .ci/run")
    data = tmp_path / "events.jsonl"
    data.write_text(json.dumps(FLAT) + "\n" + json.dumps(NESTED) + "\n")
    outputs = {}
    for engine in ("python", "duckdb"):
        assert main(["scan", str(data), "--rules", str(SIGMA_RULES), "--no-bundled", "--engine", engine]) == 0
        outputs[engine] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert outputs["duckdb"] == outputs["python"]
    assert {f["line"] for f in outputs["python"]} == {1, 2}


SIGMAHQ = ROOT.parent / "shared" / "sigma" / "rules"  # SigmaHQ's rules (DRL 1.1), beside the project


def test_the_map_holds_pysigmas_service_channels():
    """Every service → channel pair of pySigma's Windows logsource map routes that channel to that service."""
    from sigma.pipelines.common import windows_logsource_mapping

    mapper = LogsourceMap.load()
    for service, channels in windows_logsource_mapping.items():
        for channel in [channels] if isinstance(channels, str) else channels:
            assert f"Sigma.windows.{service}" in mapper.types_of({"Channel": channel}), (service, channel)


def test_every_service_sigmahq_rules_name_is_routed():
    service = re.compile(r"^logsource:\n(?:[ \t].*\n)*?[ \t]+service: *([\w.-]+)", re.M)  # read as text: fast
    named = {f"Sigma.windows.{name}" for path in (SIGMAHQ / "windows").rglob("*.yml")
             for name in service.findall(path.read_text(encoding="utf-8"))}
    mapper = LogsourceMap.load()
    routed = {t for channel in mapper.channels for t in mapper.types_of({"Channel": channel})}
    assert len(named) > 25 and named <= routed, sorted(named - routed)


SHAPE_RULES = (
    "title: NTDS Copied\nid: 3d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d\nlogsource: {product: windows, service: application}\n"
    "detection: {selection: {EventID: 325, Data|contains: ntds.dit}, condition: selection}\nlevel: high\n---\n"
    "title: Detection From AMSI\nid: 4d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d\nlogsource: {product: windows, service: windefend}\n"
    "detection: {selection: {EventID: 1116, SourceName: AMSI}, condition: selection}\nlevel: high\n")
SHAPED = [  # each shape DuckDB's SQL does not read, matched and not: found only when reshaped
    {"winlog": {"channel": "Security", "event_id": "4625", "event_data": {"TargetUserName": "Administrator"}}},
    {"winlog": {"channel": "Security", "event_id": "4625", "event_data": {"TargetUserName": "bob"}}},
    {"Channel": "Application", "EventID": 325, "Data": {"#text": ["ntdsutil", "C:\\ifm\\ntds.dit"]}},
    {"Channel": "Application", "EventID": 325, "Data": {"#text": "C:\\ifm\\other.edb"}},
    {"Channel": "Microsoft-Windows-Windows Defender/Operational", "EventID": 1116, "Source Name": "AMSI"},
    {"Channel": "Microsoft-Windows-Windows Defender/Operational", "EventID": 1116, "Source Name": "Real-Time"},
    {"Channel": "general", "Data": {"#text": "hi"}, "x y": 1},  # no EventID: not a Windows event, not flagged
    {"Event": {"System": {"EventID": 4625, "Channel": "Security"}, "EventData": {"TargetUserName": "Administrator"}}},
]


def test_duckdb_reads_every_shape_as_python_does(tmp_path, capsys):
    """Records DuckDB's SQL flags as a shape it does not read go to the Python engine's reading and rules,
    whether or not a rule's SQL matched them; the findings, in file order, are the Python engine's."""
    pytest.importorskip("duckdb", reason="the sql extra is installed by .ci/run")
    rules = tmp_path / "rules.yml"
    rules.write_text(SHAPE_RULES + "---\n" + (CASES / "windows" / "failed_logon.yml").read_text())
    data = tmp_path / "events.jsonl"
    data.write_text("".join(json.dumps(record) + "\n" for record in [FLAT, *SHAPED]))
    outputs = {}
    for engine in ("python", "duckdb"):
        assert main(["scan", str(data), "--rules", str(rules), "--no-bundled", "--engine", engine, "--quiet"]) == 0
        outputs[engine] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert outputs["duckdb"] == outputs["python"]
    assert [f["line"] for f in outputs["python"]] == [2, 4, 6, 9]


def test_duckdb_reads_shapes_in_parquet_as_python_does(tmp_path):
    """A Parquet row is a record too (its columns the keys): a name with a space is read as Python reads it."""
    pytest.importorskip("duckdb", reason="the sql extra is installed by .ci/run")
    pa, pq = pytest.importorskip("pyarrow"), pytest.importorskip("pyarrow.parquet")
    data = tmp_path / "events.parquet"
    pq.write_table(pa.Table.from_pylist([SHAPED[5], SHAPED[4]]), data)
    rules = tmp_path / "rules.yml"
    rules.write_text(SHAPE_RULES)
    loaded = list(ce.load_rules(rules, bundled=False))
    python = ce.scan_files(str(data), loaded).findings
    assert ce.scan_files(str(data), loaded, engine="duckdb").findings == python
    assert [(f["line"], f["type"]) for f in python] == [(2, "Sigma.windows.windefend")]


def test_a_source_entry_needs_a_logsource_and_types(tmp_path, capsys):
    bad = tmp_path / "bad.yml"
    bad.write_text("sources:\n  - logsource: {product: aws}\n")
    data = tmp_path / "e.jsonl"
    data.write_text(json.dumps(FLAT) + "\n")
    assert main(["scan", str(data), "--rules", str(SIGMA_RULES), "--no-bundled", "--logsource-map", str(bad)]) == 2
    assert ("error[E504]: logsource map: source {'logsource': {'product': 'aws'}} needs a `logsource` mapping and a "
            "list of `types`") in capsys.readouterr().err


def test_a_source_entry_routes_sigma_rules_to_a_record_type(tmp_path, capsys):
    rule = tmp_path / "rule.yml"
    rule.write_text("title: Whoami In Custom Logs\nid: 6f1d2c3b-0a9e-4f8d-b7c6-5e4d3c2b1a09\n"
                    "logsource: {product: custom, service: edr}\n"
                    "detection: {selection: {Image|endswith: '\\whoami.exe'}, condition: selection}\nlevel: low\n")
    extra = tmp_path / "map.yml"
    extra.write_text("sources:\n  - logsource: {product: custom, service: edr}\n    types: [Custom.EDR]\n")
    data = tmp_path / "e.jsonl"
    data.write_text(json.dumps({"p_log_type": "Custom.EDR", "Image": "C:\\w\\whoami.exe"}) + "\n")
    base = ["scan", str(data), "--rules", str(rule), "--no-bundled", "--quiet"]
    assert main(base) == 0 and capsys.readouterr().out == ""
    assert main(base + ["--logsource-map", str(extra)]) == 0
    assert json.loads(capsys.readouterr().out)["type"] == "Custom.EDR"


def test_duckdb_reads_unnamed_data_lists_and_unnamed_channels_as_python_does(tmp_path, capsys):
    """Flat records whose Data is the list of values, and a channel the map does not name: both engines alike."""
    pytest.importorskip("duckdb", reason="the sql extra is installed by .ci/run")
    rules = tmp_path / "rules.yml"
    rules.write_text(
        "title: XP Cmdshell Changed\nid: 1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d\n"
        "logsource: {product: windows, service: application}\n"
        "detection: {selection: {EventID: 15457, Data|contains: xp_cmdshell}, condition: selection}\nlevel: high\n---\n"
        "title: Any RDP Core Event\nid: 2d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d\nlogsource: {product: windows}\n"
        "detection: {selection: {EventID: 131}, condition: selection}\nlevel: low\n")
    data = tmp_path / "events.jsonl"
    events = [{"Channel": "Application", "EventID": 15457, "Data": ["xp_cmdshell", "0", "1"]},
              {"Channel": "Application", "EventID": 15457, "Data": ["remote access", "0", "1"]},
              {"Channel": "Application", "EventID": 15457, "Data": "show advanced options, xp_cmdshell"},
              {"Channel": "Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational", "EventID": 131},
              {"Channel": "Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational"}]
    data.write_text("".join(json.dumps(e) + "\n" for e in events))
    outputs = {}
    for engine in ("python", "duckdb"):
        assert main(["scan", str(data), "--rules", str(rules), "--no-bundled", "--engine", engine, "--quiet"]) == 0
        outputs[engine] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert outputs["duckdb"] == outputs["python"]
    assert [(f["line"], f["type"]) for f in outputs["python"]] == [
        (1, "Sigma.windows.application"), (3, "Sigma.windows.application"), (4, "Sigma.windows")]


def test_a_logsource_map_that_is_not_a_mapping_is_one_error(tmp_path, capsys):
    bad = tmp_path / "list.yml"
    bad.write_text("- Security\n")
    data = tmp_path / "e.jsonl"
    data.write_text(json.dumps(FLAT) + "\n")
    assert main(["scan", str(data), "--rules", str(SIGMA_RULES), "--no-bundled", "--logsource-map", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}: error[E504]: a logsource map is a mapping with `channels` and/or `sources`" in err
    assert "Traceback" not in err


NAMES = st.sampled_from(["Source Name", "Threat Name", "Image", "ProcessName", "Path", "Detection User"])
VALUES = st.text(alphabet="abcXYZ \\:.=0", max_size=8)
EVENTS = st.fixed_dictionaries({
    "provider": st.sampled_from(["MSSQLSERVER", "ESENT", "Microsoft-Windows-Windows Defender"]),
    "channel": st.sampled_from(["Application", "System", "Windows PowerShell", "Custom/Unlisted",
                                "Microsoft-Windows-Windows Defender/Operational"]),
    "event_id": st.integers(0, 65535),
    "data": st.one_of(VALUES, st.lists(VALUES, min_size=2, max_size=5), st.dictionaries(NAMES, VALUES, max_size=4)),
})


@given(EVENTS)
def test_every_form_of_an_event_reads_the_same(event):
    """The nested, flat and ECS forms of one event give the same types and the same Sigma fields."""
    mapper = LogsourceMap.load()
    seen = []
    for write in (nested, flat, ecs):
        record, windows = windows_form(write(event, 1))
        fields = {key: record.get(key) for key in ("Channel", "Provider_Name", "Data") if key in record}
        named = event["data"] if isinstance(event["data"], dict) else {}
        fields.update({name.replace(" ", ""): record[name.replace(" ", "")] for name in named})
        seen.append((mapper.types_of(record, windows), event_number(record["EventID"]), fields))
    assert seen[0] == seen[1] == seen[2]
    types, number, fields = seen[0]
    assert number == event["event_id"] and "Sigma.windows" in types
    if not isinstance(event["data"], dict):
        assert fields["Data"] == event["data"]
