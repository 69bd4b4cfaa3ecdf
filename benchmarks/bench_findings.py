"""The cost of findings: the seed rule over 300,000 KMS keys, 40 % of them matching, findings written to a file.

    python benchmarks/bench_findings.py [--records 300000] [--rounds 5] [--write]

Side by side in one run: a hand-written loop (orjson.loads, the seed logic, orjson.dumps of the same finding
fields, written line by line) and `scan` with the seed rule writing JSON Lines (goal: at least 0.8x the loop).
Both write byte-identical files (checked).
"""
from __future__ import annotations

import argparse
import random
import statistics
from pathlib import Path

import orjson
from bench_evaluate import hand_written as hand_written_seed
from common import interleaved, machine, median_ratio, report, version

from condition_engine import load_rules
from condition_engine.scan import scan
from condition_engine.scan.findings import JsonLinesWriter

DATA = Path(__file__).resolve().parent / "data"


def data_file(records: int) -> Path:
    """KMS keys, 40 % of them without rotation (the seed rule's findings); written once, then reused."""
    DATA.mkdir(exist_ok=True)
    path = DATA / f"kms-{records}.jsonl"
    if not path.exists():
        rng = random.Random(3)
        with open(path, "wb") as out:
            for i in range(records):
                out.write(orjson.dumps({
                    "ResourceType": "AWS.KMS.Key", "KeyId": f"k-{i}", "Arn": f"arn:aws:kms:us-east-1:1:key/k-{i}",
                    "KeyManager": "CUSTOMER", "KeyState": "Enabled", "Origin": "AWS_KMS",
                    "KeyRotationEnabled": rng.random() >= 0.4, "Description": "key for service"}) + b"\n")
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=300_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="write the table to docs/performance.md")
    args = parser.parse_args()
    path = data_file(args.records)
    seed = list(load_rules().filter(ids=["AWS.CMK.KeyRotation"]))
    theirs, mine = DATA / "findings-hand.jsonl", DATA / "findings-scan.jsonl"
    runs = {"orjson loop writing the same finding fields": lambda: hand_written(path, theirs),
            "scan, seed rule, findings written (JSON Lines)": lambda: ours(path, mine, seed)}
    samples, results = interleaved(runs, args.rounds)
    assert theirs.read_bytes() == mine.read_bytes(), "the two runs must write the same findings"
    base = next(iter(runs))
    lines = [f"Machine: {machine()}; orjson {version('orjson')}. {args.records:,} KMS keys, "
             f"{results[base]:,} findings, median of {args.rounds} rounds.", "",
             "| run | records/s | × the loop | findings |", "|---|---:|---:|---:|"]
    for name in runs:
        seconds = statistics.median(samples[name])
        lines.append(f"| {name} | {args.records / seconds:,.0f} | {median_ratio(samples[base], samples[name]):.2f}× "
                     f"| {results[name]:,} |")
    report("findings", lines, args.write)


if __name__ == "__main__":
    main()
