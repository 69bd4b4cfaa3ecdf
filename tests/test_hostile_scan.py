"""Hostile records and inputs (docs/security.md): every case of tests/cases/hostile/records/ through every
engine — the other records' findings present, the same records accepted and rejected, inputs unchanged,
no engine stopped — plus mutated lines (hypothesis), outputs naming inputs, interruptions, pipes, memory."""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import threading
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from condition_engine import load_rules, scan_files
from condition_engine.cli import main
from condition_engine.scan import ScanOptions, scan

CASES = sorted((ROOT / "tests" / "cases" / "hostile" / "records").glob("*.yaml"))
RULE = "AWS.CloudTrail.RootActivity"
RULE_FILE = str(ROOT / "rules" / "aws" / "cloudtrail_logs" / "root_activity.yml")
ROOT_LOGIN = ('{"p_log_type":"AWS.CloudTrail","eventType":"AwsConsoleSignIn","eventName":"ConsoleLogin",'
              '"userIdentity":{"type":"Root"},"responseElements":{"ConsoleLogin":"Success"}}')
_REPEAT = re.compile(r"<<(\d+)\*(.+?)>>")


@pytest.fixture(scope="module")
def rules():
    return list(load_rules().filter(ids=[RULE]))


def _text(lines: list[str]) -> bytes:
    """A case's lines as the bytes of a file: {ROOT} and <<N*x>> expanded."""
    text = "\n".join(_REPEAT.sub(lambda m: m[2] * int(m[1]), line.replace("{ROOT}", ROOT_LOGIN)) for line in lines)
    return text.encode("utf-8", "surrogatepass") + b"\n"


def _inputs(case: dict, folder: Path) -> list[str]:
    data = _text(case["input"])
    if case.get("gzip"):
        data = gzip.compress(data)
    if "cut" in case:
        data = data[:case["cut"]]
    first = folder / case.get("name", "events.jsonl")
    first.write_bytes(data)
    paths = [str(first)]
    if "then" in case:
        (folder / "then.jsonl").write_bytes(_text(case["then"]))
        paths.append(str(folder / "then.jsonl"))
    return paths


def _digest(paths: list[str]) -> list[str]:
    return [hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in paths]


def _run(engine, paths: list[str], rules, case: dict) -> tuple[dict, list, object]:
    found, rejected = [], []
    options = ScanOptions(**case.get("options", {}))
    stats = engine(paths, rules, found.append, options, on_reject=rejected.append)
    where = {path: sorted({f["line"] for f in found if f["file"] == path}) for path in paths}
    return where, sorted((r.line, r.code) for r in rejected), stats


def _check(case: dict, paths: list[str], where: dict, rejected: list, stats) -> None:
    assert where[paths[0]] == case["found"]
    if "then" in case:
        assert where[paths[1]] == case["then_found"]
    if "rejected" in case:
        assert rejected == sorted(case["rejected"].items())
    assert bool(stats.failed) == case.get("failed", False)
    if stats.failed:
        assert all(str(error).startswith(paths[0] + ": error[E502]") for error in stats.failed)


def _python(paths, rules, emit, options, on_reject):
    return scan(paths, rules, emit, options, on_reject)


def _duckdb(paths, rules, emit, options, on_reject):
    from condition_engine.sql.duckdb_engine import scan_duckdb

    return scan_duckdb(paths, rules, emit, options, on_reject=on_reject)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
@pytest.mark.parametrize("engine", [_python, _duckdb], ids=["python", "duckdb"])
def test_a_hostile_case_never_stops_or_misleads_an_engine(path, engine, rules, tmp_path):
    pytest.importorskip("duckdb") if engine is _duckdb else None
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    paths = _inputs(case, tmp_path)
    before = _digest(paths)
    where, rejected, stats = _run(engine, paths, rules, case)
    _check(case, paths, where, rejected, stats)
    assert _digest(paths) == before


def test_spark_reads_every_hostile_case_as_the_python_engine(rules, tmp_path):
    """Spark, both plans (SQL filters, the Python engine's rules on its workers), for every case in one shared
    session (slow to start: one test)."""
    pytest.importorskip("pyspark", reason="the spark extra is installed by .ci/run")
    from functools import partial

    from condition_engine.spark import scan_spark, session

    spark = session()
    for plan in ("sql", "executors"):
        for number, path in enumerate(CASES):
            case = yaml.safe_load(path.read_text(encoding="utf-8"))
            folder = tmp_path / f"{plan}-{number}"
            folder.mkdir()
            paths = _inputs(case, folder)
            run = partial(scan_spark, spark=spark, plan=plan)
            where, rejected, stats = _run(lambda p, r, e, o, on_reject, run=run: run(p, r, e, o, on_reject=on_reject),
                                          paths, rules, case)
            _check(case, paths, where, rejected, stats)


# -- mutated lines: whatever one line holds, the others are read and found alike in Python and DuckDB --

_MUTATIONS = st.one_of(
    st.integers(1, 1100).map(lambda n: ("nest", n)),
    st.sampled_from(["\\ud800", "\\udfff", "\\u0000", "\\\"", "\\\\", "\t", "\x00", "\x1f", "\\x41"]).map(
        lambda e: ("escape", e)),
    st.sampled_from(["p_log_type", "eventName", "userIdentity", "type"]).map(lambda k: ("duplicate", k)),
    st.sampled_from(["1e999", "-1e999", "1e-400", "9" * 400, "NaN", "Infinity", "-0", "1E+308", "0.1e310"]).map(
        lambda n: ("number", n)),
    st.binary(min_size=1, max_size=6).map(lambda b: ("bytes", b)),
)


def _mutated(kind: str, value) -> bytes:
    line = ROOT_LOGIN.encode()
    if kind == "nest":
        return line.replace(b'"Root"', b"[" * value + b'"Root"' + b"]" * value)
    if kind == "escape":
        return line.replace(b'"Root"', b'"Ro' + value.encode() + b'ot"')
    if kind == "duplicate":
        return line.replace(b"{", b'{"' + value.encode() + b'":"Okta.SystemLog",', 1)
    if kind == "number":
        return line.replace(b"}}", b'},"x":' + value.encode() + b"}")
    return line[:40] + value + line[40:]


@given(mutations=st.lists(_MUTATIONS, min_size=1, max_size=3))
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_mutated_lines_are_read_alike_and_never_hide_the_others(mutations, rules, tmp_path_factory):
    pytest.importorskip("duckdb")
    folder = tmp_path_factory.mktemp("mutated")
    path = folder / "events.jsonl"
    lines = [ROOT_LOGIN.encode()]
    for kind, value in mutations:
        lines += [_mutated(kind, value).replace(b"\n", b" "), ROOT_LOGIN.encode()]
    path.write_bytes(b"\n".join(lines) + b"\n")
    answers = [_run(engine, [str(path)], rules, {}) for engine in (_python, _duckdb)]
    (ours, our_rejects, our_stats), (theirs, their_rejects, their_stats) = answers
    good = set(range(1, len(lines) + 1, 2))  # the root logins around every mutated line
    assert good <= set(ours[str(path)]) and ours == theirs
    assert our_rejects == their_rejects and our_stats.records == their_stats.records
    assert our_stats.records + our_stats.rejects == len(lines)


def test_a_lone_carriage_return_splits_no_line_in_any_engine(rules, tmp_path):
    """DuckDB's line reader would end a line at a lone CR: the lines after it are numbered alike anyway."""
    pytest.importorskip("duckdb")
    path = tmp_path / "events.jsonl"
    path.write_bytes(ROOT_LOGIN.encode() + b"\n" + ROOT_LOGIN.encode()[:40] + b"\r" + ROOT_LOGIN.encode()[40:]
                     + b"\n" + ROOT_LOGIN.encode() + b"\n")
    (ours, our_rejects, _), (theirs, their_rejects, _) = [_run(engine, [str(path)], rules, {})
                                                          for engine in (_python, _duckdb)]
    assert ours == theirs and our_rejects == their_rejects and {1, 3} <= set(ours[str(path)])


# -- outputs, interruptions, pipes, memory --

@pytest.mark.parametrize("option", ["--out", "--rejects", "--exclusion-report", "--alerts"])
def test_an_output_naming_an_input_is_refused_before_anything_is_written(option, tmp_path, capsys):
    data = tmp_path / "events.jsonl"
    data.write_text(ROOT_LOGIN + "\n")
    assert main(["scan", str(tmp_path), option, str(data), "--no-bundled", "--rules", RULE_FILE]) == 2
    assert f"Error: Invalid value for {option}: {data} is an input of this scan: outputs never overwrite inputs" \
        in capsys.readouterr().err
    assert data.read_text() == ROOT_LOGIN + "\n"


@pytest.mark.parametrize("engine", ["python", "duckdb"])
def test_an_unreadable_input_is_named_and_the_others_scanned(engine, tmp_path, capsys):
    other = tmp_path / "b.jsonl"
    other.write_text(ROOT_LOGIN + "\n")
    unreadable = "/proc/self/mem"  # opens, then every read fails (EIO), whoever runs the test
    code = main(["scan", unreadable, str(other), "--quiet", "--engine", engine, "--no-bundled", "--rules", RULE_FILE])
    out = capsys.readouterr()
    assert code == 4 and f'"file":"{other}"' in out.out
    assert out.err == (f"{unreadable}: error[E502]: cannot read the file: Input/output error (the scan went on "
                       "with the other inputs)\n")


@pytest.mark.parametrize("engine", ["python", "duckdb"])
def test_ctrl_c_is_a_clean_interruption(engine, monkeypatch, capsys):
    import duckdb

    import condition_engine.scan.engine as python_engine
    import condition_engine.sql.duckdb_engine as duckdb_engine

    def interrupted(*args, **kwargs):
        raise duckdb.InterruptException("INTERRUPT Error: Interrupted!") if engine == "duckdb" else KeyboardInterrupt

    monkeypatch.setattr(duckdb_engine, "_queries", interrupted)
    monkeypatch.setattr(python_engine, "_scan", interrupted)
    assert main(["scan", "examples/kms_keys.jsonl", "--engine", engine, "--no-bundled", "--rules", RULE_FILE]) == 130
    assert capsys.readouterr().err == "interrupted\n"


@pytest.mark.parametrize("engine", ["python", "duckdb"])
def test_a_named_pipe_is_read_as_a_stream(engine, tmp_path, capsys):
    pipe = tmp_path / "events.jsonl"
    os.mkfifo(pipe)
    data = gzip.compress((ROOT_LOGIN + "\n" + ROOT_LOGIN + "\n").encode())

    def write() -> None:
        with open(pipe, "wb") as handle:
            handle.write(data)

    writer = threading.Thread(target=write)
    writer.start()
    code = main(["scan", str(pipe), "--engine", engine, "--quiet", "--no-bundled", "--rules", RULE_FILE])
    writer.join()
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 0 and {(f["rule_id"], f["line"]) for f in lines} >= {(RULE, 1), (RULE, 2)}


def test_repeated_scans_leave_no_garbage_behind(rules):
    """scan_files() in a long-running process: the collector, frozen during a scan, runs after it."""
    def rss() -> float:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6

    def left_in_cycles() -> None:  # what a caller's own work leaves for the collector
        held = []
        for _ in range(20_000):
            item: dict = {"x": "y" * 200}
            item["self"] = item
            held.append(item)

    scan_files(["examples/kms_keys.jsonl"], rules)
    before = rss()
    for _ in range(10):
        left_in_cycles()
        scan_files(["examples/kms_keys.jsonl"], rules)
    assert rss() - before < 10
