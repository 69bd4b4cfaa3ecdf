"""Scanning Windows event logs (.evtx) against the same events as JSON Lines, side by side in one run.

1. the evtx package's reader alone, with its default thread pool (what scan uses) and with one thread;
2. scan over .evtx files with SigmaHQ's Security rules (goal: at least 20k events/s on one core);
3. scan over the same events as JSON Lines in the nested form the evtx package writes (the reference).

    python benchmarks/bench_evtx.py [--evtx FILE] [--copies 300] [--rules DIR] [--write]

``--evtx`` defaults to the real 7-record Security log the tests fetch (tests/samples.py caches it); it is
copied ``--copies`` times into benchmarks/data/ (not committed), as a set of small logs like attack samples.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import time
from pathlib import Path

from common import ROOT, interleaved, machine, report, version

from condition_engine import load_rules
from condition_engine.scan import ScanOptions, scan
from condition_engine.scan.logsources import LogsourceMap

DATA = Path(__file__).resolve().parent / "data"
SAMPLE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "condition-engine-tests" / \
    "Security_short_selected.evtx"
RULES = ROOT.parent / "shared" / "sigma" / "rules" / "windows" / "builtin" / "security"


def copies(sample: Path, count: int) -> tuple[Path, Path]:
    """``count`` copies of ``sample`` in one directory, and their events as one nested JSON Lines file."""
    from evtx import PyEvtxParser

    folder = DATA / f"evtx-{sample.stem}-{count}"
    lines = DATA / f"evtx-{sample.stem}-{count}.jsonl"
    if not folder.exists():
        folder.mkdir(parents=True)
        for number in range(count):
            shutil.copy(sample, folder / f"{number:05d}.evtx")
        with open(lines, "w", encoding="utf-8") as out:
            for path in sorted(folder.iterdir()):
                for record in PyEvtxParser(str(path), 1).records_json():
                    out.write(record["data"].replace("\n", "") + "\n")
    return folder, lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evtx", type=Path, default=SAMPLE)
    parser.add_argument("--copies", type=int, default=300)
    parser.add_argument("--rules", type=Path, default=RULES)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="write the table into docs/performance.md")
    args = parser.parse_args()
    from evtx import PyEvtxParser

    folder, lines = copies(args.evtx, args.copies)
    files = sorted(str(p) for p in folder.iterdir())
    options = ScanOptions(logsources=LogsourceMap.load())
    rules = options.logsources.routed(list(load_rules(args.rules, bundled=False)))
    counts = {}

    def reader(threads: int):
        return lambda: sum(1 for name in files for _ in PyEvtxParser(name, threads).records_json())

    def scanning(inputs: list[str]):
        def run():
            found: list = []
            counts["records"] = scan(inputs, rules, found.append, options).records
            return len(found)
        return run

    runs = {"reader, default threads": reader(0), "reader, one thread": reader(1),
            "scan .evtx": scanning([str(folder)]), "scan JSON Lines": scanning([str(lines)])}
    samples, results = interleaved(runs, args.rounds, clock=time.process_time)  # CPU: wall time measures the neighbours
    events = counts["records"]
    assert results["scan .evtx"] == results["scan JSON Lines"], "the two forms must give the same findings"
    base = samples["scan JSON Lines"]
    table = [f"{machine()}; evtx {version('evtx')}; {events:,} events in {len(files)} files of "
             f"{args.evtx.name}; {len(rules)} rules; findings {results['scan .evtx']}; median of {args.rounds} rounds",
             "", "| run (CPU time, all threads) | events/s | CPU time vs scan of JSON Lines |", "|---|---:|---:|"]
    for name, times in samples.items():
        table.append(f"| {name} | {events / statistics.median(times):,.0f} | "
                     f"{statistics.median(times) / statistics.median(base):.2f}× |")
    report("evtx", table, args.write)


if __name__ == "__main__":
    main()
