"""Alerting over 1,000,000 Okta sign-ins: the bundled brute-force rule (Threshold 5 in 10 minutes by actor).

    python benchmarks/bench_alerts.py [--records 1000000] [--rounds 3] [--write]

Side by side in one run, both writing every finding to a file: the plain scan of the rule, and the same scan
with alerting (each finding's time read and its key kept, then sorted, windowed and the alerts written).
Then the windowing alone over the same findings, in Python and as DuckDB SQL (the sql extra).
Every record is of the rule's type and a third of them are failed sign-ins (findings); goal: the alerting
scan at ≥ 0.7× the plain scan's records/s.
"""
from __future__ import annotations

import argparse
import random
import statistics
from datetime import datetime, timedelta, timezone
from pathlib import Path

import orjson
from common import interleaved, machine, median_ratio, report, version

from condition_engine import load_rules
from condition_engine.alerts import Alerter
from condition_engine.alerts.model import from_rule
from condition_engine.scan.findings import JsonLinesWriter
from condition_engine.scan.run import measured_scan

DATA = Path(__file__).resolve().parent / "data"


def data_file(records: int) -> Path:
    """Okta sign-ins over a week by 5,000 accounts, a third failed, in time order with small disorder."""
    DATA.mkdir(exist_ok=True)
    path = DATA / f"okta-sign-ins-{records}.jsonl"
    if not path.exists():
        rng = random.Random(16)
        start = datetime(2026, 11, 2, tzinfo=timezone.utc)
        step = 7 * 24 * 3600 / records
        with open(path, "wb") as out:
            for i in range(records):
                at = start + timedelta(seconds=i * step + rng.uniform(-30, 30))
                failed = rng.random() < 1 / 3
                user = f"user{rng.randrange(5000)}"
                event = {"p_log_type": "Okta.SystemLog", "uuid": f"e-{i}", "published": at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                         "eventType": "user.session.start",
                         "outcome": {"result": "FAILURE", "reason": "INVALID_CREDENTIALS"} if failed else {"result": "SUCCESS"},
                         "actor": {"alternateId": f"{user}@example.com", "type": "User"},
                         "client": {"ipAddress": f"198.51.{rng.randrange(256)}.{rng.randrange(256)}"}}
                out.write(orjson.dumps(event) + b"\n")
    return path


def plain(path: Path, out_path: Path, rules) -> tuple[int, int]:
    with open(out_path, "wb") as out:
        stats, _ = measured_scan([str(path)], rules, JsonLinesWriter(out).write)
    return stats.findings, 0


def alerting(path: Path, out_path: Path, rules, alerts_path: Path) -> tuple[int, int]:
    alerter = Alerter([from_rule(rule) for rule in rules])
    with open(out_path, "wb") as out:
        stats, _ = measured_scan([str(path)], rules, JsonLinesWriter(out).write, alerter=alerter)
    alerts = alerter.alerts()
    with open(alerts_path, "wb") as out:
        for item in alerts:
            out.write(orjson.dumps(item) + b"\n")
    return stats.findings, len(alerts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="write the table to docs/performance.md")
    args = parser.parse_args()
    path = data_file(args.records)
    rules = list(load_rules().filter(ids=["Okta.BruteForceByActor"]))
    runs = {"scan, findings written": lambda: plain(path, DATA / "alerts-plain.jsonl", rules),
            "scan --alerts: findings and alerts written": lambda: alerting(
                path, DATA / "alerts-findings.jsonl", rules, DATA / "alerts.jsonl")}
    samples, results = interleaved(runs, args.rounds)
    base = next(iter(runs))
    lines = [f"Machine: {machine()}; orjson {version('orjson')}. {args.records:,} Okta sign-ins "
             f"(5,000 accounts over a week, a third failed), median of {args.rounds} rounds.", "",
             "| run | records/s | × the plain scan | findings | alerts |", "|---|---:|---:|---:|---:|"]
    for name in runs:
        seconds = statistics.median(samples[name])
        findings, alerts = results[name]
        lines.append(f"| {name} | {args.records / seconds:,.0f} | {median_ratio(samples[base], samples[name]):.2f}× "
                     f"| {findings:,} | {alerts:,} |")
    lines += ["", windows_table(path, rules)]
    report("alerts", lines, args.write)


def windows_table(path: Path, rules) -> str:
    """The windowing alone, over the same findings: the Python engine's and DuckDB's SQL (one run each)."""
    import time

    from condition_engine.sql.alerting import SqlAlerter

    rows = ["| windows over the findings (sort, window, alerts; the scan excluded) | seconds | alerts |",
            "|---|---:|---:|"]
    for name, kind in (("Python (alerts/engine.py)", Alerter), ("DuckDB SQL: window frames + recursive CTE "
                                                                 "(sql/alerting.py)", SqlAlerter)):
        alerter = kind([from_rule(rule) for rule in rules])
        with open(DATA / "alerts-windows.jsonl", "wb") as out:
            measured_scan([str(path)], rules, JsonLinesWriter(out).write, alerter=alerter)
        start = time.perf_counter()
        made = alerter.alerts()
        rows.append(f"| {name} | {time.perf_counter() - start:.2f} | {len(made):,} |")
    return "\n".join(rows)


if __name__ == "__main__":
    main()
