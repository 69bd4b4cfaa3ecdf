"""A whole Sigma rule pack over Windows events, side by side: our scan, each rule alone, the SQLite approach.

    pip install -e '.[sigma,test,sql]'; python benchmarks/bench_pack.py [--events 200000] [--sigma-rules PATH] [--write]
    python benchmarks/bench_pack.py --engines-only [--duckdb-rules 20] [--write]   # the same rules in both engines
    python benchmarks/bench_pack.py --load-only [--write]   # loading the pack: time and memory, each in a fresh process

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
4. `scan --engine duckdb` (routing in SQL) with only the first --duckdb-rules rules: the SQL of the whole pack is
   too large to write and plan in a run (its size and writing time are in the row).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from common import ROOT, machine, report, version
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


def each_rule_alone(path: Path, rules: list) -> tuple[float, set[tuple[str, int]]]:
    mapper = LogsourceMap.load()
    by_type = defaultdict(list)
    for rule in rules:
        for kind in rule.types:
            by_type[kind].append(rule)
    for rule in rules:
        rule.matches  # compiled before the clock starts, as the scan's are
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


def engines_side_by_side(path: Path, rules: list, count: int, write: bool) -> None:
    """The same ``count`` process-creation rules over the same events in the Python engine and in DuckDB."""
    kind = "Sigma.windows.process_creation"
    of_kind = [rule for rule in rules if rule.types == (kind,)]
    finding_rules: set = set()  # rules that find something here, so that the two engines compare findings
    scan([str(path)], of_kind, lambda f: finding_rules.add(f["rule_id"]), ScanOptions(logsources=LogsourceMap.load()))
    sample = [rule for rule in of_kind if rule.id in finding_rules]
    python_found: list = []
    start = time.perf_counter()
    scan([str(path)], sample[:count], python_found.append, ScanOptions(logsources=LogsourceMap.load()))
    python_seconds = time.perf_counter() - start
    writing, duck_seconds, size, duck_found = duckdb_sample(path, sample, count)
    events = sum(1 for _ in open(path, "rb"))
    assert sorted((f["rule_id"], f["line"]) for f in python_found) == sorted(duck_found), "the engines differ"
    lines = [f"Machine: {machine()}; duckdb {version('duckdb')}, sqlglot {version('sqlglot')}. {events:,} generated "
             f"Windows events, the first {count} SigmaHQ {kind} rules that find something in them and that "
             "DuckDB's SQL can express, one run.", "",
             "| run | events/s | findings |", "|---|---:|---:|",
             f"| scan (Python engine), routed by Channel/EventID | {events / python_seconds:,.0f} | {len(python_found):,} |",
             f"| scan --engine duckdb, routed in SQL (writing its {size / 1e6:.1f} MB of SQL took {writing:.1f}s, "
             f"inside the timing) | {events / duck_seconds:,.0f} | {len(duck_found):,} |"]
    report("pack-duckdb", lines, write)


def duckdb_sample(path: Path, rules: list, count: int) -> tuple[float, float, int, list[tuple[str, int]]]:
    """`scan --engine duckdb` with the first ``count`` rules the SQL can express (logsource routing in SQL):
    seconds to write their SQL, seconds for the scan (SQL included), SQL size, (rule, line) of the findings."""
    from condition_engine.errors import UnsupportedError
    from condition_engine.sql.compiler import to_sql_expression
    from condition_engine.sql.duckdb_engine import rules_query, scan_duckdb

    def expressible(rule) -> bool:
        try:
            to_sql_expression(rule.condition, layout="json", column="record")
            return True
        except UnsupportedError:
            return False

    chosen = [rule for rule in rules if expressible(rule)][:count]
    options = ScanOptions(logsources=LogsourceMap.load())
    start = time.perf_counter()
    size = len(rules_query([str(path)], chosen, options).sql(dialect="duckdb"))
    writing = time.perf_counter() - start
    found: list = []
    start = time.perf_counter()
    scan_duckdb([str(path)], chosen, found.append, options)
    return writing, time.perf_counter() - start, size, [(f["rule_id"], f["line"]) for f in found]


#: Run in a fresh process: load the pack on the given number of processes, then "all": build every rule's
#: condition, or "plan": build every logsource's route as a scan does on its first record of that type (one
#: empty record through each); print seconds, CPU seconds (worker processes included), RSS.
_LOAD = """
import json, resource, sys, time
import condition_engine as ce
from condition_engine.rules.pack import Deferred
from condition_engine.scan.router import Router
def rss():  # the resident set now, in MB
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20
def cpu(who):  # CPU seconds of this process (RUSAGE_SELF) or of its finished workers (RUSAGE_CHILDREN)
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime
before, start, own, workers = rss(), time.perf_counter(), cpu(resource.RUSAGE_SELF), cpu(resource.RUSAGE_CHILDREN)
pack = ce.load_rules(sys.argv[1], bundled=False, workers=int(sys.argv[3]))
if sys.argv[2] == "all":
    for rule in pack:
        rule.condition
elif sys.argv[2] == "plan":
    router = Router(list(pack))
    for kind in list(router.dispatch):
        router.route(kind)[0]({})
built = sum(1 for rule in pack if type(rule.__dict__["condition"]) is not Deferred)
own, workers = cpu(resource.RUSAGE_SELF) - own, cpu(resource.RUSAGE_CHILDREN) - workers
print(json.dumps({"seconds": time.perf_counter() - start, "cpu": own + workers, "own": own, "workers": workers,
                  "rules": len(pack), "rss": rss(), "growth": rss() - before, "built": built}))
"""


#: The control for the pool's speed-up: the same CPU-bound loop twice per core, in one process and then in a pool
#: of one process per core; prints the wall-time ratio (what every core gives a trivially parallel job right now).
_CONTROL = """
import os, time
from concurrent.futures import ProcessPoolExecutor
def work(n):
    return sum(i * i for i in range(n))
if __name__ == "__main__":
    jobs = [3_000_000] * 2 * (os.cpu_count() or 1)
    start = time.perf_counter()
    for n in jobs:
        work(n)
    one = time.perf_counter() - start
    start = time.perf_counter()
    with ProcessPoolExecutor() as pool:
        list(pool.map(work, jobs))
    print(one / (time.perf_counter() - start))
"""


def parallel_control() -> float:
    """How much faster a trivially parallel CPU-bound job runs on every core than on one, now (a fresh process)."""
    out = subprocess.run([sys.executable, "-c", _CONTROL], capture_output=True, text=True, check=True)
    return float(out.stdout)


def load_in_fresh_process(rules: Path, cache: str, what: str = "load", workers: int = 1) -> dict:
    """Loading the pack in a new interpreter with the given Sigma cache folder: seconds, CPU seconds, RSS."""
    env = {**os.environ, "CONDITION_ENGINE_CACHE": cache, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", _LOAD, str(rules), what, str(workers)], env=env, capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout)


def pack_loading(rules: Path, write: bool, rounds: int = 3) -> None:
    """The pack loaded cold (every rule converted by pySigma and parsed) on one process and on every core, and
    warm (from the cache), each in a fresh process: alone, with every condition built, with the scan's plan built."""
    import statistics

    cores = os.cpu_count() or 1
    runs: dict[str, list[dict]] = {"cold": [], "pooled": [], "load": [], "plan": [], "all": []}
    control = []
    for _ in range(rounds):  # interleaved: the machine's noise hits every row alike
        with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as every:
            runs["cold"].append(load_in_fresh_process(rules, one, workers=1))
            runs["pooled"].append(load_in_fresh_process(rules, every, workers=cores))
            control.append(parallel_control())
            for what in ("load", "plan", "all"):
                runs[what].append(load_in_fresh_process(rules, every, what))
    median = {what: {key: statistics.median(r[key] for r in found) for key in found[0]}
              for what, found in runs.items()}
    ratio = statistics.median(a["seconds"] / b["seconds"] for a, b in zip(runs["cold"], runs["pooled"]))
    cold, pooled = median["cold"], median["pooled"]
    ideal = cold["cpu"] / (pooled["own"] + pooled["workers"] / cores)  # the workers sharing idle cores evenly

    def row(what: str, r: dict) -> str:
        return f"| {what} | {r['seconds']:.2f} | {r['cpu']:.2f} | {r['growth']:.0f} | {r['rss']:.0f} |"

    warm, plan, built = median["load"], median["plan"], median["all"]
    lines = [(f"Machine: {machine()}; pySigma {version('pysigma')}. {cold['rules']:,} SigmaHQ Windows rules loaded "
              "with `load_rules(folder, bundled=False)`, each row in a fresh Python process (imports not timed); "
              f"each row the median of {rounds} runs, interleaved (the cold rows with a new cache each round)."), "",
             "| load | seconds | CPU seconds | MB the pack adds to RSS | process RSS, MB |", "|---|---:|---:|---:|---:|",
             row("cold, one process: an empty cache, every rule converted by pySigma, parsed, the cache written", cold),
             row(f"cold, every core (`workers={cores}`): a process pool fills the cache, then the pack loads from "
                 f"it; {ratio:.2f}× the one-process speed here (median of per-round ratios; a trivially parallel CPU loop: "
                 f"{statistics.median(control):.2f}×); this process "
                 f"{pooled['own']:.2f} CPU s, its workers {pooled['workers']:.2f}: {ideal:.2f}× projected on {cores} idle cores",
                 pooled),
             row("warm: from the cache (no YAML read, no conversion, no parsing; conditions built on first use)",
                 warm),
             row("warm, then the plan built for every logsource, one empty record through each (what a scan does "
                 f"before its first record of each type; {plan['built']:.0f} conditions built)", plan),
             row("warm, then every rule's condition built (what the plan read before its anchors were cached)",
                 built)]
    report("pack-load", lines, write)


def _table(kind: str) -> str:
    return "t_" + re.sub(r"\W", "_", kind)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--sigma-rules", type=Path, default=DEFAULT_RULES)
    parser.add_argument("--duckdb-rules", type=int, default=20, help="rules in the DuckDB row (its SQL grows fast)")
    parser.add_argument("--write", action="store_true", help="write the table to docs/performance.md")
    parser.add_argument("--engines-only", action="store_true",
                        help="only the table of the same few rules in the Python engine and in DuckDB")
    parser.add_argument("--load-only", action="store_true", help="only the table of loading the pack")
    args = parser.parse_args()
    if args.load_only:
        pack_loading(args.sigma_rules, args.write)
        return
    path = data_file(args.events)
    if args.engines_only:
        pack = ce.load_rules(args.sigma_rules, bundled=False)
        engines_side_by_side(path, [rule for rule in pack if rule.enabled], args.duckdb_rules, args.write)
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
    duck_writing, duck_seconds, duck_size, duck_pairs = duckdb_sample(path, rules, args.duckdb_rules)
    duck_found = len(duck_pairs)
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
             f"| each routed rule alone (compiled) | {rate(alone_seconds)} | {sql_seconds / alone_seconds:.2f}× | "
             f"{len(alone_hits):,} |",
             f"| pySigma SQLite backend, a table per logsource (load + every query; {sql_errors} queries name "
             f"fields no event has) | {rate(sql_seconds)} | 1.00× | {sql_matches:,} |",
             f"| scan --engine duckdb, routed by Channel/EventID in SQL, **the first {args.duckdb_rules} rules only** "
             f"(their SQL: {duck_size / 1e6:.1f} MB, written in {duck_writing:.1f}s, inside the timing) "
             f"| {rate(duck_seconds)} | — | {duck_found:,} |"]
    report("pack", lines, args.write)


if __name__ == "__main__":
    main()
