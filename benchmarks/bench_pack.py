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


#: Run in a fresh process (a Spark session per master): the whole pack by scan --engine spark's executor plan.
_SPARK = """
import hashlib, json, statistics, sys, time
import condition_engine as ce
from condition_engine.scan import ScanOptions
from condition_engine.scan.logsources import LogsourceMap
from condition_engine.spark import scan_spark, session
path, rules_folder, master, repeats, plan = sys.argv[1:6]
options = ScanOptions(logsources=LogsourceMap.load())
rules = options.logsources.routed([r for r in ce.load_rules(rules_folder, bundled=False) if r.enabled])
if plan.startswith("bundled:"):  # the first N enabled bundled rules (over examples/)
    rules = [r for r in ce.load_rules() if r.enabled][:int(plan[8:])]
elif plan.isdigit():  # the first N process-creation rules
    rules = [r for r in rules if r.types == ("Sigma.windows.process_creation",)][:int(plan)]
start = time.perf_counter()
spark = session(master)
jvm = time.perf_counter() - start
seconds, pairs = {}, {}
for name in (["executors"] if plan == "pack" else ["executors", "sql"]):
    runs = []
    for _ in range(int(repeats) + 1):  # the first: cold Python workers (the pack shipped and built)
        found = []
        start = time.perf_counter()
        scan_spark([path], rules, found.append, options, spark=spark, plan=name)
        runs.append(time.perf_counter() - start)
    seconds[name] = runs
    pairs[name] = sorted((f["rule_id"], f["line"]) for f in found)
print(json.dumps({"jvm": jvm, "seconds": seconds, "rules": len(rules),
                  "pairs": {k: hashlib.sha256(repr(v).encode()).hexdigest() for k, v in pairs.items()},
                  "count": {k: len(v) for k, v in pairs.items()}}))
"""


def spark_child(path: Path, rules: Path, master: str, repeats: int, plan: str = "pack") -> dict:
    """One Spark session (``master``) in a fresh process: JVM start, then 1 + ``repeats`` scans of each plan."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", _SPARK, str(path), str(rules), master, str(repeats), plan], env=env,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _digest(pairs: set[tuple[str, int]]) -> str:
    import hashlib

    return hashlib.sha256(repr(sorted(pairs)).encode()).hexdigest()


def spark_pack(path: Path, rules_folder: Path, events: int, repeats: int, write: bool) -> None:
    """The whole pack: the Python engine, then scan --engine spark's executor plan on local[1] and local[2]."""
    import statistics

    pack = ce.load_rules(rules_folder, bundled=False)
    rules = [rule for rule in pack if rule.enabled]
    python = [ours(path, rules) for _ in range(repeats + 1)]
    pairs = python[0][1]
    runs = {master: spark_child(path, rules_folder, master, repeats) for master in ("local[1]", "local[2]")}
    for master, run in runs.items():
        assert run["pairs"]["executors"] == _digest(pairs), f"Spark {master} differs from the Python engine"
    base = statistics.median(seconds for seconds, _ in python[1:])
    lines = [(f"Machine: {machine()}; pyspark {version('pyspark')}, Java {_java()}. {events:,} generated Windows "
              f"events, {len(rules):,} SigmaHQ Windows rules, {len(pairs):,} findings in every row (checked); warm: "
              f"the median of {repeats} scans after the first."), "",
             "| run | first scan, s | warm scan, s (median) | warm events/s | warm × Python |", "|---|---:|---:|---:|---:|",
             f"| Python engine (`scan`), one process | {python[0][0]:.1f} | {base:.1f} | {events / base:,.0f} | 1.00× |"]
    for master, run in runs.items():
        first, warm = run["seconds"]["executors"][0], statistics.median(run["seconds"]["executors"][1:])
        lines.append(f"| `scan --engine spark` {master}, executor plan (JVM start: {run['jvm']:.1f}s, not in "
                     f"the scans) | {first:.1f} | {warm:.1f} | {events / warm:,.0f} | {base / warm:.2f}× |")
    report("pack-spark", lines, write)


def spark_crossover(path: Path, rules_folder: Path, repeats: int, write: bool) -> None:
    """Spark's two plans with the first N process-creation rules, N growing: where the executor plan wins."""
    import statistics

    with open(path, "rb") as handle:
        events = sum(1 for _ in handle)
    lines = [(f"Machine: {machine()}; pyspark {version('pyspark')}, Java {_java()}. {events:,} generated Windows "
               f"events and the first N SigmaHQ process-creation rules, then examples/ and the first N enabled bundled "
              f"rules; local[1]; each cell: the median of {repeats} scans after a first one (identical findings "
              "checked)."), "",
             "| rules | SQL filters, s | executor plan, s | SQL ÷ executor plan |", "|---|---:|---:|---:|"]
    examples = ROOT / "examples"
    for data, count in [(path, 1), (path, 2), (path, 5), (path, 10), (examples, 1), (examples, 10)]:
        run = spark_child(data, rules_folder, "local[1]", repeats, str(count) if data == path else f"bundled:{count}")
        assert run["pairs"]["sql"] == run["pairs"]["executors"], f"the plans differ with {count} rules"
        sql, plan = (statistics.median(run["seconds"][name][1:]) for name in ("sql", "executors"))
        what = "SigmaHQ process-creation" if data == path else "bundled (examples/, 507 records)"
        lines.append(f"| {run['rules']} {what} | {sql:.1f} | {plan:.1f} | {sql / plan:.2f}× |")
        print(lines[-1], flush=True)
    report("pack-spark-crossover", lines, write)


def _java() -> str:
    try:
        out = subprocess.run(["java", "-version"], capture_output=True, text=True, check=True).stderr
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    found = re.search(r'version "([^"]+)"', out)
    return found.group(1) if found else "unknown"


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
            spark_pack(path, args.sigma_rules, args.events, args.repeats, args.write)
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
