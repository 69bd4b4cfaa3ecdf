"""The seed rule through --engine duckdb, side by side with a hand-written DuckDB query and the Python engine.

    pip install -e '.[sql]'; python benchmarks/bench_duckdb.py [--records 1000000] [--write]

Uses the same generated file as bench_scan.py (benchmarks/data/).
"""
from __future__ import annotations

import argparse
import statistics

import duckdb
from bench_scan import DATA, generate
from common import interleaved, machine, version, report

from condition_engine import load_rules
from condition_engine.scan import scan
from condition_engine.sql.duckdb_engine import scan_duckdb

HAND_WRITTEN = """
SELECT count(*) FROM read_ndjson_objects(?) WHERE json_extract_string(json, '$.ResourceType') = 'AWS.KMS.Key'
AND NOT (coalesce(json_extract_string(json, '$.Origin'), '') <> 'AWS_KMS'
      OR coalesce(json_extract_string(json, '$.KeyManager'), '') <> 'CUSTOMER'
      OR (coalesce(json_extract_string(json, '$.KeyRotationEnabled'), '') IN ('true', 'True')
          AND coalesce(json_extract_string(json, '$.KeyState'), '') = 'Enabled'))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="write the table to docs/performance.md")
    args = parser.parse_args()
    DATA.mkdir(exist_ok=True)
    path = DATA / f"mixed-{args.records}.jsonl"
    if not path.exists():
        generate(path, args.records)
    seed = list(load_rules().filter(ids=["AWS.CMK.KeyRotation"]))
    con = duckdb.connect()

    def ours() -> int:
        found: list = []
        scan_duckdb([str(path)], seed, found.append, connection=con)
        return len(found)

    def python() -> int:
        found: list = []
        scan([str(path)], seed, found.append)
        return len(found)

    runs = {"hand-written DuckDB query (count only)": lambda: con.execute(HAND_WRITTEN, [str(path)]).fetchone()[0],
            "scan --engine duckdb, seed rule (findings)": ours,
            "scan --engine python, seed rule (findings)": python}
    samples, results = interleaved(runs, args.rounds, warm_up=False)
    base = statistics.median(samples[next(iter(runs))])
    lines = [f"Machine: {machine()}; duckdb {version('duckdb')}, sqlglot {version('sqlglot')}. "
             f"{args.records:,} records, median of {args.rounds} rounds.", "",
             "| run | rows/s | × hand-written DuckDB | matches |", "|---|---:|---:|---:|"]
    for name in runs:
        seconds = statistics.median(samples[name])
        lines.append(f"| {name} | {args.records / seconds:,.0f} | {base / seconds:.2f}× | {results[name]:,} |")
    report("duckdb", lines, args.write)


if __name__ == "__main__":
    main()
