"""Scan throughput on a generated 1M-record JSON Lines file, side by side in one run.

1. a loop of orjson.loads plus the hand-written seed function (the baseline);
2. condition_engine's scan with the seed rule alone (goal: at least 0.8x the baseline's records/s);
3. condition_engine's scan with the full bundled pack (goal: at least 200k records/s on one core);
4. a loop of orjson.loads plus hand-written suppression counting for the seed rule: matched, suppressed,
   per group, the first three locations (the baseline of 5);
5. condition_engine's scan with --exclusion-report, seed rule alone (goal: at least 0.6x run 4).

    python benchmarks/bench_scan.py [--records 1000000] [--write]

The file (benchmarks/data/, not committed) mixes KMS keys, CloudTrail, Okta and GitHub events.
"""
from __future__ import annotations

import argparse
import random
import statistics
from pathlib import Path

import orjson
from bench_evaluate import hand_written
from common import interleaved, machine, median_ratio, report, version

from condition_engine import load_rules
from condition_engine.scan import scan
from condition_engine.scan.run import measured_scan

DATA = Path(__file__).resolve().parent / "data"


def generate(path: Path, count: int) -> None:
    rng = random.Random(1)
    kinds = ["kms"] * 10 + ["cloudtrail"] * 60 + ["okta"] * 15 + ["github"] * 15
    names = ["GetObject", "PutObject", "AssumeRole", "DescribeInstances", "ConsoleLogin", "ListBuckets",
             "CreateAccessKey", "StopLogging", "RunInstances"]
    with open(path, "wb") as out:
        for i in range(count):
            kind = kinds[i % 100]
            if kind == "kms":
                record = {"ResourceType": "AWS.KMS.Key", "KeyId": f"k-{i}", "Arn": f"arn:aws:kms:us-east-1:1:key/k-{i}",
                          "KeyManager": rng.choice(["AWS", "CUSTOMER", "CUSTOMER"]), "KeyState": "Enabled",
                          "Origin": rng.choice(["AWS_KMS"] * 9 + ["EXTERNAL"]),
                          "KeyRotationEnabled": rng.choice([True, True, False, None])}
            elif kind == "cloudtrail":
                record = {"p_log_type": "AWS.CloudTrail", "eventID": f"e-{i}", "eventName": rng.choice(names),
                          "eventSource": "s3.amazonaws.com", "eventType": "AwsApiCall", "awsRegion": "us-east-1",
                          "sourceIPAddress": f"198.51.100.{i % 250}",
                          "userIdentity": {"type": rng.choice(["IAMUser", "AssumedRole", "Root"]),
                                           "arn": f"arn:aws:iam::1:user/u{i % 50}"},
                          "responseElements": {"ConsoleLogin": "Success"} if i % 7 == 0 else None}
            elif kind == "okta":
                record = {"p_log_type": "Okta.SystemLog", "uuid": f"o-{i}",
                          "eventType": rng.choice(["user.session.start", "user.session.end", "system.api_token.create"]),
                          "outcome": {"result": rng.choice(["SUCCESS", "FAILURE"]), "reason": "INVALID_CREDENTIALS"},
                          "actor": {"alternateId": f"u{i % 50}@example.com"},
                          "client": {"geographicalContext": {"country": rng.choice(["Germany", "Atlantis"])}}}
            else:
                record = {"p_log_type": "GitHub.Audit", "_document_id": f"g-{i}", "org": "example",
                          "action": rng.choice(["git.clone", "repo.access", "org.update_member"]),
                          "repo": "example/api", "visibility": "private", "permission": "read"}
            out.write(orjson.dumps(record) + b"\n")


def data_file(records: int) -> Path:
    """The generated file of ``records`` mixed records (written once, then reused)."""
    DATA.mkdir(exist_ok=True)
    path = DATA / f"mixed-{records}.jsonl"
    if not path.exists():
        generate(path, records)
    return path


def baseline(path: Path) -> int:
    loads, hits = orjson.loads, 0
    with open(path, "rb") as handle:
        for line in handle:
            record = loads(line)
            if record.get("ResourceType") == "AWS.KMS.Key" and hand_written(record):
                hits += 1
    return hits


def counting_baseline(path: Path) -> int:
    """What scan --exclusion-report does for the seed rule, by hand: its one group is the seed's NOT."""
    loads, matched, suppressed, samples = orjson.loads, 0, 0, []
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, 1):
            r = loads(line)
            if r.get("ResourceType") != "AWS.KMS.Key":
                continue
            if not hand_written(r):  # the seed's one group holds
                suppressed += 1
                if len(samples) < 3:
                    samples.append(f"{path}:{number}")
            else:
                matched += 1
    return suppressed


def ours_measured(path: Path, rules) -> int:
    found = []
    _, report = measured_scan([str(path)], rules, found.append, exclusion_report=True)
    return report["rules"][0]["suppressed"]


def ours(path: Path, rules) -> int:
    found = []
    scan([str(path)], rules, found.append)
    return len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="write the table to docs/performance.md")
    args = parser.parse_args()
    path = data_file(args.records)
    pack = load_rules()
    seed = list(pack.filter(ids=["AWS.CMK.KeyRotation"]))
    everything = list(pack)
    runs = {"orjson loop + hand-written seed function": lambda: baseline(path),
            "scan, seed rule alone": lambda: ours(path, seed),
            f"scan, full bundled pack ({len(everything)} rules)": lambda: ours(path, everything),
            "orjson loop + hand-written suppression counting, seed rule": lambda: counting_baseline(path),
            "scan --exclusion-report, seed rule alone": lambda: ours_measured(path, seed)}
    against = {name: next(iter(runs)) for name in runs}
    counting = "orjson loop + hand-written suppression counting, seed rule"
    against[counting] = against["scan --exclusion-report, seed rule alone"] = counting
    samples, results = interleaved(runs, args.rounds, warm_up=False)
    lines = [f"Machine: {machine()}; orjson {version('orjson')}. {args.records:,} records "
             f"({path.stat().st_size / 1e6:,.0f} MB), median of {args.rounds} rounds, one process.", "",
             "| run | records/s | × its baseline | findings (suppressed, for counting runs) |", "|---|---:|---:|---:|"]
    for name in runs:
        seconds = statistics.median(samples[name])
        ratio = median_ratio(samples[against[name]], samples[name])
        lines.append(f"| {name} | {args.records / seconds:,.0f} | {ratio:.2f}× | {results[name]:,} |")
    report("scan", lines, args.write)


if __name__ == "__main__":
    main()
