"""Parquet in: every engine finds in a Parquet file what it finds in the same records as JSON Lines."""
from __future__ import annotations

import json

import pytest
from conftest import CASES, ROOT

from condition_engine.cli import main

pyarrow = pytest.importorskip("pyarrow", reason="the parquet extra is installed by .ci/run")
import pyarrow.json  # noqa: E402, F811 - a submodule of the pyarrow importorskip found
import pyarrow.parquet  # noqa: E402


def write_parquet(source, target) -> None:
    """The JSON Lines file ``source`` as a Parquet file (each record a row; keys a record lacks are null)."""
    pyarrow.parquet.write_table(pyarrow.json.read_json(source), target, row_group_size=4)


#: (examples or cases file, the rules): records Parquet holds as they are (one type per key).
SOURCES = [(ROOT / "examples" / "kms_keys.jsonl", []),
           (CASES / "windows" / "sysmon.jsonl", ["--rules", str(CASES / "sigma" / "rules"), "--no-bundled"])]


def findings(out: str) -> list[dict]:
    return [{k: v for k, v in json.loads(line).items() if k != "file"} for line in out.splitlines()]


@pytest.mark.parametrize("engine", ["python", "duckdb"])
@pytest.mark.parametrize("source, rules", SOURCES, ids=[s[0].name for s in SOURCES])
def test_parquet_gives_the_findings_of_json_lines(tmp_path, capsys, engine, source, rules):
    if engine == "duckdb":
        pytest.importorskip("duckdb", reason="the sql extra is installed by .ci/run")
    lines = [line for line in source.read_text().splitlines() if '"Event": {' not in line]  # flat records
    jsonl = tmp_path / "events.jsonl"
    jsonl.write_text("\n".join(lines) + "\n")
    table = tmp_path / "events.parquet"
    write_parquet(jsonl, table)
    outputs = []
    for data in (jsonl, table):
        assert main(["scan", str(data), "--engine", engine, *rules]) == 0
        captured = capsys.readouterr()
        outputs.append(findings(captured.out))
        assert f"scanned {len(lines)} records from 1 input in " in captured.err
    assert outputs[0] == outputs[1] and len(outputs[0]) >= 2


def test_a_directory_scan_picks_up_parquet_files(tmp_path, capsys):
    write_parquet(ROOT / "examples" / "kms_keys.jsonl", tmp_path / "keys.parquet")
    assert main(["scan", str(tmp_path), "--quiet"]) == 0
    assert {json.loads(line)["file"] for line in capsys.readouterr().out.splitlines()} == {str(tmp_path / "keys.parquet")}


def test_a_damaged_parquet_file_is_one_error(tmp_path, capsys):
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"PAR1 not really")
    assert main(["scan", str(bad), "--quiet"]) == 4  # a damaged input: reported, the others scanned
    assert f"{bad}: error[E502]: cannot read the Parquet file: " in capsys.readouterr().err


def test_without_pyarrow_the_error_says_how_to_install_it(tmp_path, capsys, monkeypatch):
    write_parquet(ROOT / "examples" / "kms_keys.jsonl", tmp_path / "keys.parquet")
    monkeypatch.setitem(__import__("sys").modules, "pyarrow", None)  # as if the package were not installed
    assert main(["scan", str(tmp_path / "keys.parquet"), "--quiet"]) == 2
    assert (f"{tmp_path / 'keys.parquet'}: error[E504]: reading Parquet files needs the parquet extra: pip install "
            "'condition-engine[parquet]' (or use --engine duckdb)") in capsys.readouterr().err
