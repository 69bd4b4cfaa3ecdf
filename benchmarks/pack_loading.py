"""Loading a Sigma pack, each run in a fresh process: cold on one process and on every core, warm, warm with the
scan's plan built, warm with every condition built (``bench_pack.py --load-only``)."""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from common import ROOT, machine, report, version

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
