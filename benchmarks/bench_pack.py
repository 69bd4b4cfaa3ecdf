"""A whole Sigma rule pack over Windows events, side by side: our scan, each rule alone, the SQLite approach.

    pip install -e '.[sigma,test,sql]'; python benchmarks/bench_pack.py [--events 200000] [--sigma-rules PATH] [--write]
    python benchmarks/bench_pack.py --engines-only --events 8255 [--repeats 3] [--write]   # the whole pack, each engine
    python benchmarks/bench_pack.py --load-only [--write]   # loading the pack: time and memory, each in a fresh process
    python benchmarks/bench_pack.py --spark [--events 200000] [--write]   # the whole pack on Spark local[1], local[2]
    python benchmarks/bench_pack.py --spark-crossover [--write]   # Spark's two plans by pack size

The rules are SigmaHQ's Windows rules (Detection Rule License 1.1), read from --sigma-rules (default: the
shared copy beside the project); they are not part of this project. The events come from
benchmarks/windows_events.py (deterministic, flat, without a type field). Rows:

1. `scan` with every Windows rule: events routed to their logsources by Channel/EventID, then per type the
   shared plan (one Aho-Corasick automaton per field picks the rules whose texts occur; only those run),
   findings collected; compiling the rules is inside the timing;
2. each rule alone: the same routing, then every routed rule's compiled function called on its own — the
   per-rule evaluation the scan must agree with (checked: identical (rule, event) pairs);
3. the Zircolite approach: pySigma's SQLite backend turns every rule into SQL, the events are loaded into an
   in-memory SQLite table per logsource (the Channel/EventID prefilter), and every rule's query runs on its
   logsource's table (loading included, converting excluded, as for the other rows);
4. `scan --engine duckdb` with every rule (routing in SQL, the records read once into a table, the rules in
   batches over typed columns), its findings checked equal to the scan's.

--engines-only: the whole pack in the Python engine, in DuckDB and with pySigma's DuckDB backend (its queries over
a DuckDB table per logsource), each in a fresh process (peak RSS), medians of --repeats interleaved rounds.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from common import ROOT, machine, report, version
from pack_loading import pack_loading
from pack_spark import spark_crossover, spark_pack
from windows_events import events

import condition_engine as ce
from condition_engine.scan import ScanOptions, scan
from condition_engine.scan.logsources import LogsourceMap

DATA = Path(__file__).resolve().parent / "data"
DEFAULT_RULES = ROOT.parent / "shared" / "sigma" / "rules" / "windows"


def data_file(count: int) -> Path:
    DATA.mkdir(exist_ok=True)
    path = DATA / f"windows-{count}.jsonl"
    if not path.exists():
        with open(path, "w", encoding="utf-8") as out:
            for event in events(count):
                out.write(json.dumps(event) + "\n")
    return path


def ours(path: Path, rules: list) -> tuple[float, set[tuple[str, int]]]:
    found: list[dict] = []
    start = time.perf_counter()
    scan([str(path)], rules, found.append, ScanOptions(logsources=LogsourceMap.load()))
    return time.perf_counter() - start, {(f["rule_id"], f["line"]) for f in found}


def parquet_file(path: Path) -> Path:
    """The same events as a Parquet file (every key a column; a key an event lacks is null there)."""
    import pyarrow
    import pyarrow.parquet

    target = path.with_suffix(".parquet")
    if not target.exists():
        with open(path, "rb") as handle:
            rows = [json.loads(line) for line in handle]
        keys = list(dict.fromkeys(key for row in rows for key in row))  # from_pylist would keep the first row's keys
        pyarrow.parquet.write_table(pyarrow.Table.from_pydict({key: [row.get(key) for row in rows] for key in keys}),
                                    target)
    return target


def end_to_end(path: Path, rules_folder: Path, rounds: int = 3) -> tuple[float, int]:
    """Median wall seconds of ``condition-engine scan EVENTS --rules FOLDER --no-bundled --out FILE`` in a fresh
    process (start-up, the pack loaded from the warm cache, the plan, the scan, findings written), and the findings."""
    seconds = []
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "findings.jsonl"
        for _ in range(rounds):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "condition_engine", "scan", str(path), "--rules", str(rules_folder),
                            "--no-bundled", "--out", str(out), "--quiet"], check=True, cwd=ROOT)
            seconds.append(time.perf_counter() - start)
        with open(out, "rb") as handle:
            findings = sum(1 for _ in handle)
    return statistics.median(seconds), findings


def each_rule_alone(path: Path, rules: list) -> tuple[float, set[tuple[str, int]]]:
    mapper = LogsourceMap.load()
    by_type = defaultdict(list)
    for rule in rules:
        for kind in rule.types:
            by_type[kind].append(rule)
    for rule in rules:
        _ = rule.matches  # compiled before the clock starts, as the scan's are
    hits = set()
    start = time.perf_counter()
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, 1):
            record = json.loads(line)
            seen = set()
            for kind in mapper.types_of(record):
                for rule in by_type.get(kind, ()):
                    if id(rule) not in seen:
                        seen.add(id(rule))
                        if rule.matches(record):
                            hits.add((rule.id, number))
    return time.perf_counter() - start, hits


def sqlite_approach(path: Path, sigma_files: list[Path], rules: list) -> tuple[float, int, int]:
    from sigma.backends.sqlite import sqliteBackend
    from sigma.collection import SigmaCollection

    queries = []  # (type, sql) for every rule the backend converts
    for file in sigma_files:
        try:
            for query in sqliteBackend().convert(SigmaCollection.load_ruleset([str(file)])):
                queries.append((file, query))
        except Exception:  # noqa: BLE001 - what the backend cannot convert is left out of this row
            continue
    kinds = {str(r.path): r.types[0] for r in rules if r.types}
    mapper = LogsourceMap.load()
    start = time.perf_counter()
    con = sqlite3.connect(":memory:")
    con.create_function("regexp", 2, lambda p, v: v is not None and re.search(p, v) is not None)
    tables: dict[str, list[dict]] = defaultdict(list)
    with open(path, "rb") as handle:
        for line in handle:
            record = json.loads(line)
            for kind in mapper.types_of(record):
                tables[kind].append(record)
    columns = sorted({key for rows in tables.values() for row in rows for key in row})
    for kind, rows in tables.items():
        name = _table(kind)
        con.execute(f"CREATE TABLE {name} ({', '.join(f'{c} TEXT COLLATE NOCASE' for c in columns)})")
        con.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * len(columns))})",
                        [[None if row.get(c) is None else str(row.get(c)) for c in columns] for row in rows])
    matches = errors = 0
    for file, query in queries:
        kind = kinds.get(str(file))
        if kind is None or kind not in tables:
            continue
        try:
            matches += len(con.execute(query.replace("<TABLE_NAME>", _table(kind)).replace(
                "FROM logs", f"FROM {_table(kind)}", 1)).fetchall())
        except sqlite3.Error:
            errors += 1  # a field no event has: the query cannot run
    return time.perf_counter() - start, matches, errors


#: Run in a fresh process: one row of the engines table (the pack loaded from the cache, not timed).
_ENGINE = """
import json, sys
sys.path.insert(0, sys.argv[5])
import bench_pack
print(json.dumps(bench_pack.engine_row(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4])))
"""


def engine_row(engine: str, events: str, rules_folder: str, out: str) -> dict:
    """One row of the engines table in this process: seconds, peak RSS (MB), findings; (rule, line) pairs to ``out``."""
    import resource

    pack = ce.load_rules(rules_folder, bundled=False)
    rules = [rule for rule in pack if rule.enabled]
    options = ScanOptions(logsources=LogsourceMap.load())
    pairs: list = []
    start = time.perf_counter()
    if engine == "python":
        scan([events], rules, lambda f: pairs.append((f["rule_id"], f["line"])), options)
    elif engine == "duckdb":
        from condition_engine.sql.duckdb_engine import scan_duckdb

        scan_duckdb([events], rules, lambda f: pairs.append((f["rule_id"], f["line"])), options)
    else:
        queries = pysigma_duckdb_queries(rules_folder, rules)
        start = time.perf_counter()  # converting excluded, as for the SQLite row
        pairs = [("", 0)] * pysigma_duckdb_matches(Path(events), queries)
    seconds = time.perf_counter() - start
    Path(out).write_text(json.dumps(pairs))
    return {"seconds": seconds, "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "rules": len(rules)}


def pysigma_duckdb_queries(rules_folder: str, rules: list) -> list[tuple[str, str]]:
    """(logsource type, query) for every rule pySigma's DuckDB backend converts (its default pipeline: Sigma's
    field names as they are)."""
    from sigma.collection import SigmaCollection
    from sigma_backend_duckdb import DuckDBBackend

    kinds = {str(r.path): r.types[0] for r in rules if r.types}
    queries = []
    for file in sorted(Path(rules_folder).rglob("*.yml")):
        kind = kinds.get(str(file))
        if kind is None:
            continue
        try:
            converted = DuckDBBackend().convert(SigmaCollection.load_ruleset([str(file)]))
        except Exception:  # noqa: BLE001, S112 - what the backend cannot convert is left out of this row
            continue
        queries += [(kind, query) for query in converted]
    return queries


def pysigma_duckdb_matches(path: Path, queries: list[tuple[str, str]]) -> int:
    """The events routed by Channel/EventID into a DuckDB table per logsource (read_json_auto over each type's
    events), then every query on its logsource's table: the matches (a query naming a column its table lacks, or
    comparing types DuckDB will not compare, fails and counts none)."""
    import duckdb

    mapper = LogsourceMap.load()
    by_type: dict[str, list[bytes]] = defaultdict(list)
    with open(path, "rb") as handle:
        for line in handle:
            for kind in mapper.types_of(json.loads(line)):
                by_type[kind].append(line)
    con = duckdb.connect()
    with tempfile.TemporaryDirectory() as folder:
        for kind, lines in by_type.items():
            part = Path(folder) / f"{_table(kind)}.jsonl"
            part.write_bytes(b"".join(lines))
            con.execute(f"CREATE TABLE {_table(kind)} AS SELECT * FROM read_json_auto('{part}')")
    matches = 0
    for kind, query in queries:
        if kind in by_type:
            try:
                matches += len(con.execute(query.replace("FROM logs", f"FROM {_table(kind)}", 1)).fetchall())
            except duckdb.Error:
                continue
    return matches


def engines_side_by_side(path: Path, rules_folder: Path, repeats: int, write: bool) -> None:
    """The whole pack over the same events in the Python engine, in DuckDB and with pySigma's DuckDB backend, each
    run in a fresh process, rounds interleaved: medians of the seconds and of the peak RSS."""
    runs: dict[str, list[dict]] = defaultdict(list)
    found: dict[str, list] = {}
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(repeats):
            for engine in ("python", "duckdb", "pysigma-duckdb"):
                out = Path(folder) / f"{engine}.json"
                done = subprocess.run([sys.executable, "-c", _ENGINE, engine, str(path), str(rules_folder), str(out),
                                       str(Path(__file__).parent)], capture_output=True, text=True, check=True,
                                      env={**os.environ, "PYTHONPATH": str(ROOT)})
                runs[engine].append(json.loads(done.stdout.splitlines()[-1]))
                found[engine] = json.loads(out.read_text())
    assert found["python"] == found["duckdb"], "the engines' findings differ"
    with open(path, "rb") as handle:
        events = sum(1 for _ in handle)

    def median(engine: str, key: str) -> float:
        return statistics.median(row[key] for row in runs[engine])

    def row(what: str, engine: str, findings: str) -> str:
        seconds = median(engine, "seconds")
        return (f"| {what} | {events / seconds:,.0f} | {seconds:.1f} | {seconds / median('python', 'seconds'):.1f}× | "
                f"{median(engine, 'rss'):,.0f} | {findings} |")

    lines = [(f"Machine: {machine()}; duckdb {version('duckdb')}, sqlglot {version('sqlglot')}, pySigma "
              f"{version('pysigma')}, pysigma-backend-duckdb {version('pysigma-backend-duckdb')}. {events:,} generated "
              f"Windows events, {runs['python'][0]['rules']:,} SigmaHQ Windows rules, each run in a fresh process "
              f"(loading the pack from the cache not timed), medians of {repeats} interleaved rounds."), "",
             "| run | events/s | seconds | × the Python engine | peak RSS, MB | findings |",
             "|---|---:|---:|---:|---:|---:|",
             row("scan (Python engine), routed by Channel/EventID, compiling included", "python",
                 f"{len(found['python']):,}"),
             row("scan --engine duckdb, the whole pack: the records read once into a table, the rules in batches over "
                 "typed columns (writing and planning the SQL included)", "duckdb",
                 f"{len(found['duckdb']):,} (equal to Python's: checked)"),
             row("pySigma's DuckDB backend: a table per logsource (routing and loading included, converting "
                 "excluded), every rule's query on its table", "pysigma-duckdb",
                 f"{len(found['pysigma-duckdb']):,} matches")]
    report("pack-duckdb", lines, write)


def _table(kind: str) -> str:
    return "t_" + re.sub(r"\W", "_", kind)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--sigma-rules", type=Path, default=DEFAULT_RULES)
    parser.add_argument("--repeats", type=int, default=3, help="rounds of the --engines-only table (medians); warm scans per Spark row")
    parser.add_argument("--write", action="store_true", help="write the table to docs/performance.md")
    parser.add_argument("--engines-only", action="store_true",
                        help="only the whole pack in the Python engine, in DuckDB and with pySigma's DuckDB backend")
    parser.add_argument("--load-only", action="store_true", help="only the table of loading the pack")
    parser.add_argument("--spark", action="store_true",
                        help="only the whole pack on Spark (local[1], local[2]) beside the Python engine")
    parser.add_argument("--spark-crossover", action="store_true",
                        help="only Spark's SQL filters against its executor plan, by pack size")
    args = parser.parse_args()
    if args.spark or args.spark_crossover:
        path = data_file(args.events)
        if args.spark:
            spark_pack(path, args.sigma_rules, args.events, args.repeats, args.write, ours)
        else:
            spark_crossover(path, args.sigma_rules, args.repeats, args.write)
        return
    if args.load_only:
        pack_loading(args.sigma_rules, args.write)
        return
    path = data_file(args.events)
    if args.engines_only:
        ce.load_rules(args.sigma_rules, bundled=False)  # the cache filled before the rows read it
        engines_side_by_side(path, args.sigma_rules, args.repeats, args.write)
        return
    start = time.perf_counter()
    pack = ce.load_rules(args.sigma_rules, bundled=False)
    loading = time.perf_counter() - start
    rules = [rule for rule in pack if rule.enabled]
    our_seconds, our_hits = ours(path, rules)
    warm_seconds, warm_hits = ours(path, rules)  # the rules' functions are compiled now: a long-running scan
    assert warm_hits == our_hits
    alone_seconds, alone_hits = each_rule_alone(path, rules)
    assert our_hits == alone_hits, f"scan and per-rule evaluation differ on {len(our_hits ^ alone_hits)} pairs"
    parquet_pairs: set = set()
    parquet = parquet_file(path)
    start = time.perf_counter()
    scan([str(parquet)], rules, lambda f: parquet_pairs.add((f["rule_id"], f["line"])),
         ScanOptions(logsources=LogsourceMap.load()))
    parquet_seconds = time.perf_counter() - start
    assert parquet_pairs == our_hits, "the Parquet file and the JSON Lines file give different findings"
    whole_seconds, whole_findings = end_to_end(path, args.sigma_rules)
    assert whole_findings == len(our_hits), "the command line found otherwise than the scan"
    from condition_engine.sql.duckdb_engine import scan_duckdb

    duck_pairs: set = set()
    start = time.perf_counter()
    scan_duckdb([str(path)], rules, lambda f: duck_pairs.add((f["rule_id"], f["line"])),
                ScanOptions(logsources=LogsourceMap.load()))
    duck_seconds = time.perf_counter() - start
    assert duck_pairs == our_hits, "DuckDB and the Python engine differ"
    sigma_files = sorted(args.sigma_rules.rglob("*.yml"))
    sql_seconds, sql_matches, sql_errors = sqlite_approach(path, sigma_files, rules)
    rate = lambda seconds: f"{args.events / seconds:,.0f}"  # noqa: E731
    lines = [f"Machine: {machine()}; pySigma {version('pysigma')}, pysigma-backend-sqlite "
             f"{version('pysigma-backend-sqlite')}, SQLite {sqlite3.sqlite_version}. {args.events:,} generated Windows "
             f"events, {len(rules):,} SigmaHQ Windows rules ({len(pack.problems)} skipped), loaded in {loading:.1f}s "
             "(converted from the cache), one run.", "",
             "| run | events/s | × the SQLite approach | matches |", "|---|---:|---:|---:|",
             f"| scan, every rule: routed by Channel/EventID, automata pick each type's rules (compiling included) "
             f"| {rate(our_seconds)} | "
             f"{sql_seconds / our_seconds:.2f}× | {len(our_hits):,} |",
             f"| the same scan again, the rules' functions already compiled (a second input, a long-running process) "
             f"| {rate(warm_seconds)} | {sql_seconds / warm_seconds:.2f}× | {len(warm_hits):,} |",
             f"| the same scan over the events as Parquet (pyarrow reads the rows) | {rate(parquet_seconds)} | "
             f"{sql_seconds / parquet_seconds:.2f}× | {len(parquet_pairs):,} |",
             f"| end to end: `condition-engine scan EVENTS --rules FOLDER --no-bundled --out FILE` in a fresh process "
             f"(start-up, the pack from the warm cache, the plan, the scan, findings written; median of 3) | "
             f"{rate(whole_seconds)} | {sql_seconds / whole_seconds:.2f}× | {whole_findings:,} |",
             f"| each routed rule alone (compiled) | {rate(alone_seconds)} | {sql_seconds / alone_seconds:.2f}× | "
             f"{len(alone_hits):,} |",
             f"| pySigma SQLite backend, a table per logsource (load + every query; {sql_errors} queries name "
             f"fields no event has) | {rate(sql_seconds)} | 1.00× | {sql_matches:,} |",
             (f"| scan --engine duckdb, every rule: routed by Channel/EventID in SQL, the rules in batches over typed "
              f"columns (writing and planning the SQL included) | {rate(duck_seconds)} | "
              f"{sql_seconds / duck_seconds:.2f}× | {len(duck_pairs):,} |")]
    report("pack", lines, args.write)


if __name__ == "__main__":
    main()
