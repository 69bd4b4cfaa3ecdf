"""A Sigma pack on Spark, each session in a fresh process: the whole pack on local[1] and local[2] beside the
Python engine (``bench_pack.py --spark``), and the two plans by pack size (``bench_pack.py --spark-crossover``)."""
from __future__ import annotations

import hashlib
import json
import os
import re
import statistics
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from common import ROOT, machine, report, version

import condition_engine as ce

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
    return hashlib.sha256(repr(sorted(pairs)).encode()).hexdigest()


def spark_pack(path: Path, rules_folder: Path, events: int, repeats: int, write: bool,
               python_scan: Callable[[Path, list], tuple[float, set[tuple[str, int]]]]) -> None:
    """The whole pack: the Python engine (``python_scan``: seconds and (rule, line) pairs), then scan --engine
    spark's executor plan on local[1] and local[2]."""
    pack = ce.load_rules(rules_folder, bundled=False)
    rules = [rule for rule in pack if rule.enabled]
    python = [python_scan(path, rules) for _ in range(repeats + 1)]
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
