"""Shared helpers for the benchmark scripts: timing by medians, machine facts, docs/performance.md."""
from __future__ import annotations

import os
import platform
import re
import statistics
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PERFORMANCE = ROOT / "docs" / "performance.md"
SEED_RULE = ROOT / "rules" / "aws" / "kms" / "cmk_key_rotation.yml"


def seed_rule() -> dict:
    """The bundled seed rule (condition and its five test resources)."""
    with open(SEED_RULE, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def median_seconds(run: Callable[[], object], repeats: int = 7) -> float:
    """Median wall time of ``run()`` over ``repeats`` runs (after one warm-up run)."""
    run()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def interleaved(runs: dict[str, Callable[[], object]], rounds: int = 25, warm_up: bool = True,
                clock: Callable[[], float] = time.perf_counter) -> tuple[dict[str, list[float]], dict[str, object]]:
    """Time every run once per round, in turn, so that machine noise hits all of them alike (``clock``:
    wall time by default; ``time.process_time`` for the process's CPU seconds, all its threads).

    Returns each run's seconds per round (compare runs by the median of per-round ratios) and
    each run's last result.
    """
    if warm_up:
        for run in runs.values():
            run()
    samples: dict[str, list[float]] = {name: [] for name in runs}
    results: dict[str, object] = {}
    for _ in range(rounds):
        for name, run in runs.items():
            start = clock()
            results[name] = run()
            samples[name].append(clock() - start)
    return samples, results


def median_ratio(samples: list[float], base: list[float]) -> float:
    """Median over rounds of ``samples[i] / base[i]``."""
    return statistics.median(s / b for s, b in zip(samples, base))


def version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> str:
    """One line naming the machine, the interpreter and the core count."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


def report(name: str, lines: list[str], write: bool) -> None:
    """Print a benchmark's table, and write it to docs/performance.md when asked."""
    table = "\n".join(lines)
    print(table)
    if write:
        write_section(name, table)


def write_section(name: str, body: str) -> None:
    """Replace the section between ``<!-- name:start -->`` and ``<!-- name:end -->`` markers."""
    text = PERFORMANCE.read_text(encoding="utf-8")
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{body.rstrip()}\n{end}"
    if start in text:
        text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    PERFORMANCE.write_text(text, encoding="utf-8")
