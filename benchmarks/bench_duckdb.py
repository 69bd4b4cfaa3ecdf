"""The seed rule through --engine duckdb, side by side with a hand-written DuckDB query and the Python engine.

    pip install -e '.[sql]'; python benchmarks/bench_duckdb.py [--records 1000000] [--pack] [--write]

Uses the same generated file as bench_scan.py (benchmarks/data/).
"""
from __future__ import annotations

import argparse
import statistics

import duckdb
from bench_scan import data_file
from common import interleaved, machine, median_ratio, report, version

from condition_engine import load_rules
from condition_engine.scan import scan
from condition_engine.sql.duckdb_engine import scan_duckdb

LOGIC = """json_extract_string(json, '$.ResourceType') = 'AWS.KMS.Key'
AND NOT (coalesce(json_extract_string(json, '$.Origin'), '') <> 'AWS_KMS'
      OR coalesce(json_extract_string(json, '$.KeyManager'), '') <> 'CUSTOMER'
      OR (coalesce(json_extract_string(json, '$.KeyRotationEnabled'), '') IN ('true', 'True')
          AND coalesce(json_extract_string(json, '$.KeyState'), '') = 'Enabled'))"""
#: What a person writes to find the seed rule's records: the matching lines with their line numbers
#: (a finding names file and line), in file order.
HAND_WRITTEN = f"""SELECT line, json FROM read_ndjson_objects(?) WITH ORDINALITY AS t(json, line)
WHERE {LOGIC} ORDER BY line"""
#: The same logic counting matches only: no line numbers, so DuckDB reads on every core.
HAND_WRITTEN_COUNT = f"SELECT count(*) FROM read_ndjson_objects(?) WHERE {LOGIC}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pack", action="store_true", help="also run the whole bundled pack through both engines")
    parser.add_argument("--write", action="store_true", help="write the table to docs/performance.md")
    args = parser.parse_args()
    path = data_file(args.records)
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

    runs = {"hand-written DuckDB query: matching lines with line numbers":
            lambda: len(con.execute(HAND_WRITTEN, [str(path)]).fetchall()),
            "hand-written DuckDB query: count only": lambda: con.execute(HAND_WRITTEN_COUNT, [str(path)]).fetchall()[0][0],
            "scan --engine duckdb, seed rule (findings)": ours,
            "scan --engine python, seed rule (findings)": python}
    samples, results = interleaved(runs, args.rounds, warm_up=False)
    names = list(runs)
    lines = [f"Machine: {machine()}; duckdb {version('duckdb')}, sqlglot {version('sqlglot')}. "
             f"{args.records:,} records, median of {args.rounds} rounds.", "",
             "| run | rows/s | × hand-written query with line numbers | × hand-written count only | matches |",
             "|---|---:|---:|---:|---:|"]
    for name in runs:
        seconds = statistics.median(samples[name])
        ratios = [median_ratio(samples[base], samples[name]) for base in names[:2]]
        lines.append(f"| {name} | {args.records / seconds:,.0f} | {ratios[0]:.2f}× | {ratios[1]:.2f}× "
                     f"| {results[name]:,} |")
    report("duckdb", lines, args.write)
    if args.pack:
        pack_rows(path, args, con)


def pack_rows(path, args, con) -> None:
    """The whole bundled pack through both engines: what a scan of mixed records costs in each."""
    rules = list(load_rules())
    runs = {}
    for name, engine in (("scan --engine duckdb", scan_duckdb), ("scan --engine python", scan)):
        def run(engine=engine) -> int:
            found: list = []
            if engine is scan_duckdb:
                engine([str(path)], rules, found.append, connection=con)
            else:
                engine([str(path)], rules, found.append)
            return len(found)

        runs[f"{name}, bundled pack ({len(rules)} rules)"] = run
    samples, results = interleaved(runs, args.rounds, warm_up=False)
    lines = [f"{args.records:,} records, median of {args.rounds} rounds.", "",
             "| run | rows/s | findings |", "|---|---:|---:|"]
    for name in runs:
        lines.append(f"| {name} | {args.records / statistics.median(samples[name]):,.0f} | {results[name]:,} |")
    report("duckdb-pack", lines, args.write)


if __name__ == "__main__":
    main()
