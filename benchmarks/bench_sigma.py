"""Converting a few thousand Sigma rules: cold (pySigma every rule) and warm (the content cache).

    pip install -e '.[sigma]'; python benchmarks/bench_sigma.py [--rules 3000] [--write]

The rules (benchmarks/data/sigma/, not committed) are generated from templates that use the common
modifiers, lists, patterns and `not filter_*` exclusions.
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time
import uuid
from pathlib import Path

from bench_scan import DATA
from common import machine, report, version

from condition_engine import load_rules
from condition_engine.rules.sigma_files import convert_files

TEMPLATE = """title: Generated rule {n}
id: {id}
status: test
description: Generated for the conversion benchmark.
author: condition_engine
date: 2026-11-28
tags: [attack.execution, attack.t1059.00{t}]
logsource: {{category: process_creation, product: windows}}
detection:
  selection_img:
    Image|endswith: ['\\\\tool{n}.exe', '\\\\helper{n}.exe']
  selection_cli:
    CommandLine|contains|all: ['-flag{n}', '/x']
    ParentImage|startswith: 'C:\\\\Windows\\\\'
  selection_re:
    CommandLine|re: '-p[0-9]{{{n1}}}'
  filter_main_system:
    User|contains: ['AUTHORI', 'AUTORI']
  filter_optional_path:
    Image|contains: '\\\\Program Files\\\\Vendor{n}\\\\'
    Hashes|contains: 'IMPHASH=ABC{n}'
  condition: selection_img and (selection_cli or selection_re) and not 1 of filter_*
level: {level}
"""


def generate(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    levels = ["low", "medium", "high", "critical", "informational"]
    for n in range(count):
        text = TEMPLATE.format(n=n, id=uuid.UUID(int=n + 1), t=1 + n % 9, n1=1 + n % 5, level=levels[n % 5])
        (folder / f"rule_{n:05d}.yml").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=int, default=3000)
    parser.add_argument("--write", action="store_true", help="write the table to docs/performance.md")
    args = parser.parse_args()
    folder = DATA / f"sigma-{args.rules}"
    if not folder.exists():
        generate(folder, args.rules)
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["CONDITION_ENGINE_CACHE"] = "off"
        start = time.perf_counter()
        summary = convert_files([str(folder)], Path(scratch) / "out")
        cold_convert = time.perf_counter() - start
        os.environ["CONDITION_ENGINE_CACHE"] = str(Path(scratch) / "cache")
        start = time.perf_counter()
        first = load_rules(folder, bundled=False)
        cold_load = time.perf_counter() - start
        start = time.perf_counter()
        second = load_rules(folder, bundled=False)
        warm_load = time.perf_counter() - start
    assert len(summary.converted) == len(first) == len(second) == args.rules
    lines = [f"Machine: {machine()}; pySigma {version('pysigma')}. {args.rules:,} generated Sigma rules.", "",
             "| run | seconds | rules/s |", "|---|---:|---:|"]
    for name, seconds in (("convert sigma (write rule files)", cold_convert),
                          ("load_rules, cold cache (convert, parse, cache)", cold_load),
                          ("load_rules, warm cache (read cache, parse)", warm_load)):
        lines.append(f"| {name} | {seconds:.2f} | {args.rules / seconds:,.0f} |")
    report("sigma", lines, args.write)


if __name__ == "__main__":
    main()
