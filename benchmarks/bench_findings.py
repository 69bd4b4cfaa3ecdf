"""The cost of findings: the seed rule over 300,000 KMS keys, 40 % of them matching, findings written to a file.

    python benchmarks/bench_findings.py [--records 300000] [--rounds 5] [--startup 9] [--tree PATH ...] [--write]

Side by side in one run: a hand-written loop (orjson.loads, the seed logic, orjson.dumps of the same finding
fields, written line by line) and `scan` with the seed rule writing JSON Lines (goal: at least 0.9x the loop).
Both write byte-identical files (checked).

Then what a process pays before its first record (``--startup`` rounds, 0 to skip): wall and CPU seconds of
``python -m condition_engine scan examples/kms_keys.jsonl --quiet``, of importing the command line alone and of
the bare interpreter, each in a fresh process with its bytecode cached (as an installed package has it).
``--tree PATH`` (repeatable) runs the same processes on other checkouts, interleaved: before and after a change;
``--startup-rules PATH`` adds the scan with that rule pack instead of the bundled one (a large Sigma pack).
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from bench_evaluate import hand_written as hand_written_seed
from common import interleaved, machine, median_ratio, report, version

from condition_engine import load_rules
from condition_engine.scan import scan
from condition_engine.scan.findings import JsonLinesWriter

DATA = Path(__file__).resolve().parent / "data"
ROOT = DATA.parent.parent
#: The processes timed for start-up: the bare interpreter, the command line's imports, a scan of a small file.
PROCESSES = {"python -c pass": ["-c", "pass"],
             "import condition_engine.cli.main": ["-c", "import condition_engine.cli.main"],
             "condition-engine scan examples/kms_keys.jsonl": ["-m", "condition_engine", "scan",
                                                               "examples/kms_keys.jsonl", "--quiet"]}
SCAN = "condition-engine scan examples/kms_keys.jsonl"
#: Records whose bytecodes are counted (traced: slow).
BYTECODE_RECORDS = 10_000


def data_file(records: int) -> Path:
    """KMS keys, 40 % of them without rotation (the seed rule's findings); written once, then reused."""
    DATA.mkdir(exist_ok=True)
    path = DATA / f"kms-{records}.jsonl"
    if not path.exists():
        rng = random.Random(3)
        with open(path, "wb") as out:
            out.writelines(orjson.dumps({
                "ResourceType": "AWS.KMS.Key", "KeyId": f"k-{i}", "Arn": f"arn:aws:kms:us-east-1:1:key/k-{i}",
                "KeyManager": "CUSTOMER", "KeyState": "Enabled", "Origin": "AWS_KMS",
                "KeyRotationEnabled": rng.random() >= 0.4, "Description": "key for service"}) + b"\n"
                for i in range(records))
    return path


def hand_written(path: Path, out_path: Path) -> int:
    loads, dumps, count, name = orjson.loads, orjson.dumps, 0, str(path)
    with open(path, "rb") as handle, open(out_path, "wb") as out:
        for number, line in enumerate(handle, 1):
            r = loads(line)
            if r.get("ResourceType") != "AWS.KMS.Key" or not hand_written_seed(r):
                continue
            out.write(dumps({"rule_id": "AWS.CMK.KeyRotation", "severity": "Low", "title": "AWS KMS CMK Key Rotation",
                             "file": name, "line": number, "type": "AWS.KMS.Key", "Arn": r["Arn"],
                             "KeyId": r["KeyId"]}) + b"\n")
            count += 1
    return count


def ours(path: Path, out_path: Path, rules) -> int:
    with open(out_path, "wb") as out:
        return scan([str(path)], rules, JsonLinesWriter(out).write).findings


def bytecodes(run: Callable[[], object], records: int) -> float:
    """Bytecodes ``run`` executes per record (``sys.settrace`` opcode events): unlike seconds, the same on a
    loaded machine.  Run once untraced first, so that what a process builds once is not counted."""
    count = 0

    def trace(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        frame.f_trace_opcodes = True
        if event == "opcode":
            count += 1
        return trace

    run()
    sys.settrace(trace)
    try:
        run()
    finally:
        sys.settrace(None)
    return count / records


def startup(trees: list[Path], rounds: int, processes: dict[str, list[str]]
            ) -> dict[tuple[Path, str], tuple[list[float], list[float]]]:
    """(wall seconds, CPU seconds) per round of each process on each checkout, interleaved."""
    samples: dict[tuple[Path, str], tuple[list[float], list[float]]] = {
        (tree, name): ([], []) for tree in trees for name in processes}
    with tempfile.TemporaryDirectory() as cache:
        for round_number in range(rounds + 1):  # the first writes the bytecode caches: not counted
            for tree in trees:
                env = dict(os.environ, PYTHONPATH=str(tree), PYTHONPYCACHEPREFIX=cache)
                env.pop("PYTHONDONTWRITEBYTECODE", None)
                for name, args in processes.items():
                    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
                    subprocess.run([sys.executable, *args], cwd=tree, env=env, stdout=subprocess.DEVNULL, check=True)
                    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
                    if round_number:
                        samples[tree, name][0].append(wall)
                        samples[tree, name][1].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return samples


def startup_lines(trees: list[Path], rounds: int, rules: Path | None = None) -> list[str]:
    """The start-up table: medians of wall and CPU seconds, and each checkout's CPU over this one's."""
    processes = dict(PROCESSES)
    if rules is not None:
        processes[f"… --rules {rules.name}/ --no-bundled"] = [*PROCESSES[SCAN], "--rules", str(rules), "--no-bundled"]
    samples = startup(trees, rounds, processes)
    lines = [f"Start-up, median of {rounds} fresh processes each, bytecode cached:", "",
             "| process | checkout | wall s | CPU s | CPU × this one |", "|---|---|---:|---:|---:|"]
    for name in processes:
        for tree in trees:
            wall, cpu = samples[tree, name]
            ratio = median_ratio(cpu, samples[trees[0], name][1])
            label = "this one" if tree == ROOT else tree.name
            lines.append(f"| {name} | {label} | {statistics.median(wall):.3f} | {statistics.median(cpu):.3f} "
                         f"| {ratio:.2f}× |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=300_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--startup", type=int, default=9, metavar="ROUNDS", help="start-up rounds (0: none)")
    parser.add_argument("--tree", type=Path, action="append", default=[], help="also time start-up on this checkout")
    parser.add_argument("--startup-rules", type=Path, help="also time a scan with this rule pack alone")
    parser.add_argument("--write", action="store_true", help="write the table to docs/performance.md")
    args = parser.parse_args()
    if args.records == 0:  # start-up alone
        report("findings-startup", startup_lines([ROOT, *map(Path.resolve, args.tree)], args.startup,
                                                 args.startup_rules), args.write)
        return
    path = data_file(args.records)
    seed = list(load_rules().filter(ids=["AWS.CMK.KeyRotation"]))
    theirs, mine = DATA / "findings-hand.jsonl", DATA / "findings-scan.jsonl"
    runs = {"orjson loop writing the same finding fields": lambda: hand_written(path, theirs),
            "scan, seed rule, findings written (JSON Lines)": lambda: ours(path, mine, seed)}
    samples, results = interleaved(runs, args.rounds)
    assert theirs.read_bytes() == mine.read_bytes(), "the two runs must write the same findings"
    base = next(iter(runs))
    few = min(args.records, BYTECODE_RECORDS)
    small, small_out = data_file(few), DATA / "findings-traced.jsonl"
    traced = {name: bytecodes(run, few) for name, run in
              zip(runs, (lambda: hand_written(small, small_out), lambda: ours(small, small_out, seed)))}
    lines = [(f"Machine: {machine()}; orjson {version('orjson')}. {args.records:,} KMS keys, "
              f"{results[base]:,} findings, median of {args.rounds} rounds; bytecodes counted over the first "
              f"{few:,} keys."), "",
             "| run | records/s | × the loop | bytecodes/record | findings |", "|---|---:|---:|---:|---:|"]
    for name in runs:
        seconds = statistics.median(samples[name])
        lines.append(f"| {name} | {args.records / seconds:,.0f} | {median_ratio(samples[base], samples[name]):.2f}× "
                     f"| {traced[name]:.0f} | {results[name]:,} |")
    report("findings", lines, args.write)
    if args.startup:
        report("findings-startup", startup_lines([ROOT, *map(Path.resolve, args.tree)], args.startup,
                                                 args.startup_rules), args.write)


if __name__ == "__main__":
    main()
