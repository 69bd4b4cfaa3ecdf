"""A large pack in DuckDB (rules in batches over typed columns): the Python engine's findings and counts."""
from __future__ import annotations

import json
import sys

import pytest
from conftest import CASES, ROOT

from condition_engine import load_rules
from condition_engine.scan import ScanOptions, scan
from condition_engine.scan.logsources import LogsourceMap

pytest.importorskip("duckdb", reason="the sql extra is installed by .ci/run")
from condition_engine.sql import duckdb_engine, duckdb_pack
from condition_engine.sql.duckdb_pack import BATCH_RULES

SYSMON = "Microsoft-Windows-Sysmon/Operational"
#: Records beside the generated events: a field a rule reads as a list (which the batches' scalar tests do
#: not read), the nested evtx form, a channel the map does not name, no channel at all, an array.
ODD = [
    {"Channel": SYSMON, "EventID": 1, "Image": ["C:\\Windows\\System32\\whoami.exe", "x"], "CommandLine": "whoami /all"},
    {"Channel": SYSMON, "EventID": 1, "Image": "C:\\Windows\\System32\\whoami.exe", "CommandLine": {"a": "whoami"}},
    {"Event": {"System": {"EventID": 1, "Channel": SYSMON},
               "EventData": {"Image": "C:\\Windows\\System32\\whoami.exe", "CommandLine": "whoami /all"}}},
    {"Channel": "Contoso-Backup/Operational", "EventID": 7, "Message": "done"},
    {"Channel": "Contoso-Backup/Operational", "EventID": 8},
    {"Channel": "Setup"},
    {"host": "ws1"},
    [1, 2],
]


def _both(inputs: list[str], rules: list, monkeypatch) -> tuple:
    """(Python's findings and stats, DuckDB's), DuckDB not allowed to hand a batch of files to Python."""
    def refused(*args, **kwargs):
        raise AssertionError("DuckDB could not read the batch")

    monkeypatch.setattr(duckdb_engine, "_by_python", refused)
    options = ScanOptions(logsources=LogsourceMap.load())
    ours, theirs = [], []
    mine = scan(inputs, rules, ours.append, options)
    other = duckdb_engine.scan_duckdb(inputs, rules, theirs.append, options)
    return ours, mine, theirs, other


def test_the_sigmahq_windows_pack_finds_in_duckdb_what_python_finds(tmp_path, sigmahq_windows_rules, monkeypatch):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from windows_events import events

    rules = sigmahq_windows_rules
    assert len(rules) > 10 * BATCH_RULES
    data = tmp_path / "events.jsonl"
    data.write_text("".join(json.dumps(e) + "\n" for e in [*events(2500, seed=5), *ODD]))
    ours, mine, theirs, other = _both([str(data)], rules, monkeypatch)
    assert theirs == ours and len(ours) > 500
    assert {f["line"] for f in ours} >= {2501, 2502, 2503}  # the list, the object, the nested form
    assert (other.records, other.rejects, other.unrouted) == (mine.records, mine.rejects, mine.unrouted)
    assert other.unrouted[("Channel", "Contoso-Backup/Operational")] == 2 and other.unrouted[("Channel", "Setup")] == 1
    assert other.unrouted[None] == 2  # no channel: an object, an array
    assert other.per_rule == mine.per_rule and len(other.warnings) > 0


@pytest.mark.parametrize("copies", [1, 3], ids=["one batch", "several types and batches"])
def test_duckdb_counts_unrouted_windows_records_by_channel_as_python_does(tmp_path, monkeypatch, copies):
    """Records no rule sees, by type and a Windows event by its Channel, as the Python engine counts them."""
    import dataclasses

    pytest.importorskip("sigma", reason="the sigma extra is installed by .ci/run")
    sigma = list(load_rules(CASES / "sigma" / "rules", bundled=False))
    rules = [dataclasses.replace(rule, model=rule.model.model_copy(update={"id": f"{rule.id}.{n}"}))
             for n in range(copies) for rule in sigma]
    monkeypatch.setattr(duckdb_pack, "BATCH_RULES", max(2, len(sigma) // 2))  # several batches of few rules
    data = tmp_path / "events.jsonl"
    lines = (CASES / "windows" / "sysmon.jsonl").read_text().splitlines()
    data.write_text("\n".join(lines + [json.dumps(e) for e in ODD]) + "\n")
    ours, mine, theirs, other = _both([str(data)], rules, monkeypatch)
    assert theirs == ours and ours
    assert other.unrouted == mine.unrouted and other.records == mine.records
    assert {("Channel", "Contoso-Backup/Operational"), ("Channel", "Setup"), None} <= set(other.unrouted)
