"""Change review by the solver: `diff` of SigmaHQ's Windows rules against a copy with 10 rules changed,
and `compare` of the seed rule against a version with a wider exclusion.

    pip install -e '.[reason,sigma]'; python benchmarks/bench_reason.py [--sigma PATH] [--rounds 3] [--write]

The Sigma rules are read where they are (default ../shared/sigma/rules/windows; never copied into the
repository); the changed copy goes to a temporary folder: in 10 rules spread over the set, one value of
a `|contains`/`|endswith`/`|startswith` list gets a suffix.  Runs pinned to one core; goals: the diff in
≤ 30 s (Sigma conversion cache warm, as in CI after the first run), the seed compare in ≤ 100 ms.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import statistics
import tempfile
import time
from contextlib import redirect_stdout
from pathlib import Path

from common import machine, report, seed_rule, version

import condition_engine as ce
from condition_engine.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
SIGMA = ROOT.parent / "shared" / "sigma" / "rules" / "windows"
_VALUE = re.compile(r"^(\s+- )'([^']+)'$", re.M)
_MODIFIED = re.compile(r"\|(contains|endswith|startswith)(\|all)?:\s*$", re.M)


def changed_copy(source: Path, target: Path, count: int = 10) -> list[str]:
    """Copy ``source`` to ``target`` and change one list value in ``count`` rules spread over the set."""
    shutil.copytree(source, target)
    files = sorted(p for p in target.rglob("*.yml"))
    changed: list[str] = []
    step = max(1, len(files) // (count * 3))
    for path in files[::step]:
        text = path.read_text(encoding="utf-8")
        modifier = _MODIFIED.search(text)
        value = _VALUE.search(text, modifier.end()) if modifier else None
        if value is None:
            continue
        path.write_text(text[:value.start()] + f"{value.group(1)}'{value.group(2)}_x'" + text[value.end():],
                        encoding="utf-8")
        changed.append(str(path.relative_to(target)))
        if len(changed) == count:
            break
    return changed


def timed(run) -> tuple[float, float]:
    """Wall and CPU seconds of one run."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def main_bench() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sigma", type=Path, default=SIGMA)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="Write the table into docs/performance.md.")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    condition = seed_rule()["Condition"]
    wider = condition.replace(' or (KeyRotationEnabled eq "True" and KeyState eq "Enabled"))',
                              ' or KeyRotationEnabled eq "True")')
    old, new = ce.parse(condition), ce.parse(wider)
    assert ce.compare(old, new).verdict == "narrower"
    compare_ms = statistics.median(timed(lambda: ce.compare(old, new))[0] for _ in range(21)) * 1000
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "windows"
        changed = changed_copy(args.sigma, copy)
        out = io.StringIO()
        with redirect_stdout(out):  # the first run warms the Sigma conversion cache
            main(["diff", str(args.sigma), str(copy), "--format", "json"])
        summary = json.loads(out.getvalue())["summary"]
        runs = []
        for _ in range(args.rounds):
            with redirect_stdout(io.StringIO()):
                runs.append(timed(lambda: main(["diff", str(args.sigma), str(copy), "--format", "json"])))
    rules = sum(summary.values())
    lines = [
        f"Machine: {machine()}; z3-solver {version('z3-solver')}, pySigma {version('pysigma')}; one core.",
        "",
        "| task | median wall | median CPU | goal |",
        "|---|---|---|---|",
        f"| `diff` of SigmaHQ's Windows rules ({rules} rules, {len(changed)} files changed: "
        f"{summary['changed']} changed, {summary['unchanged']} unchanged) | "
        f"{statistics.median(w for w, _ in runs):.1f} s | {statistics.median(c for _, c in runs):.1f} s | ≤ 30 s |",
        f"| `compare` of the seed rule and its wider exclusion | {compare_ms:.0f} ms | | ≤ 100 ms |",
    ]
    report("reason", lines, args.write)


if __name__ == "__main__":
    main_bench()
