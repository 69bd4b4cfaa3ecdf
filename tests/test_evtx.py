"""Windows event log files (.evtx) read directly: records routed by Channel/EventID, located by record."""
from __future__ import annotations

import json
import shutil

import pytest
from conftest import CASES
from samples import security_evtx

from condition_engine.cli import main
from condition_engine.scan.readers import records

pytest.importorskip("evtx", reason="the evtx extra is installed by .ci/run")
pytest.importorskip("sigma", reason="the sigma extra is installed by .ci/run")
RULE = CASES / "windows" / "failed_logon.yml"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    path = tmp_path_factory.mktemp("evtx") / "Security.evtx"
    shutil.copy(security_evtx(), path)
    return path


def test_records_are_the_nested_form_numbered_by_event_record_id(sample):
    items = list(records(str(sample)))
    assert [position for position, _ in items] == [1, 2, 3, 4, 5, 6, 7]
    system = items[3][1]["Event"]["System"]
    assert system["Channel"] == "Security" and system["EventID"] == 4625


def test_scan_finds_the_failed_logon_without_a_type(sample, capsys):
    assert main(["scan", str(sample), "--rules", str(RULE), "--no-bundled"]) == 0
    captured = capsys.readouterr()
    [found] = [json.loads(line) for line in captured.out.splitlines()]
    assert (found["title"], found["line"], found["type"]) == ("Failed Logon", 4, "Sigma.windows.security")
    assert "scanned 7 records from 1 input in " in captured.err


def test_the_table_locates_a_finding_by_record(sample, capsys):
    assert main(["scan", str(sample), "--rules", str(RULE), "--no-bundled", "--format", "table"]) == 0
    assert f"{sample}#4" in capsys.readouterr().out


def test_a_directory_scan_picks_up_evtx_files(sample, capsys):
    assert main(["scan", str(sample.parent), "--rules", str(RULE), "--no-bundled", "--quiet"]) == 0
    assert '"line":4' in capsys.readouterr().out


def test_a_damaged_chunk_is_reported_and_the_scan_goes_on(sample, tmp_path, capsys):
    data = bytearray(sample.read_bytes())
    data[4096 + 600:4096 + 1400] = b"A" * 800  # inside the first (and only) chunk's string table
    damaged = tmp_path / "damaged.evtx"
    damaged.write_bytes(bytes(data))
    code = main(["scan", str(damaged), str(sample), "--rules", str(RULE), "--no-bundled"])
    captured = capsys.readouterr()
    assert f"{damaged}#1: error[E502]: damaged Windows event log: Failed to parse chunk" in captured.err
    assert len(captured.out.splitlines()) == 1 and code == 0


def test_a_file_that_is_not_an_event_log_is_one_error(tmp_path, capsys):
    bogus = tmp_path / "bogus.evtx"
    bogus.write_text("not an event log")
    assert main(["scan", str(bogus), "--rules", str(RULE), "--no-bundled"]) == 4  # the other inputs scanned
    err = capsys.readouterr().err
    assert err.startswith(f"{bogus}: error[E502]: cannot read the file: not a Windows event log (") and "Traceback" not in err


def test_duckdb_reads_event_logs_with_the_python_engines_reader(sample, tmp_path, capsys):
    """DuckDB hands .evtx files to the Python engine's reader, as it does JSON arrays: the same findings,
    the same error for a damaged chunk."""
    pytest.importorskip("duckdb", reason="the sql extra is installed by .ci/run")
    data = bytearray(sample.read_bytes())
    data[4096 + 600:4096 + 1400] = b"A" * 800  # inside the first (and only) chunk's string table
    damaged = tmp_path / "damaged.evtx"
    damaged.write_bytes(bytes(data))
    outputs = {}
    for engine in ("python", "duckdb"):
        assert main(["scan", str(damaged), str(sample), "--rules", str(RULE), "--no-bundled", "--engine", engine]) == 0
        captured = capsys.readouterr()
        outputs[engine] = captured.out
        assert f"{damaged}#1: error[E502]: damaged Windows event log: Failed to parse chunk" in captured.err
    assert outputs["duckdb"] == outputs["python"] and '"line":4' in outputs["python"]


def test_without_the_evtx_extra_the_error_says_how_to_install_it(sample, monkeypatch, capsys):
    monkeypatch.setitem(__import__("sys").modules, "evtx", None)  # as if the package were not installed
    assert main(["scan", str(sample), "--rules", str(RULE), "--no-bundled"]) == 2
    assert capsys.readouterr().err.startswith(
        f"{sample}: error[E504]: reading .evtx files needs the evtx extra: pip install 'condition-engine[evtx]'")
