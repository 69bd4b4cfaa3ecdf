"""Parse throughput: the seed condition and a 50-predicate condition, parsed from scratch each time.

    python benchmarks/bench_parse.py [--write]
"""
from __future__ import annotations

import argparse

from common import machine, median_seconds, seed_rule, version, report

import condition_engine as ce


def fifty_predicates() -> str:
    parts = []
    for i in range(50):
        kind = i % 5
        if kind == 0:
            parts.append(f'eventName eq "Action{i}"')
        elif kind == 1:
            parts.append(f'requestParameters.bucket{i} ne null')
        elif kind == 2:
            parts.append(f'not userIdentity.arn contains "role/Admin{i}"')
        elif kind == 3:
            parts.append(f'Tags[Key eq "k{i}" and Value in ["a", "b"]]')
        else:
            parts.append(f'(sourceIPAddress cidr "10.{i}.0.0/16" or count gt {i})')
    return " and ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the table to docs/performance.md")
    args = parser.parse_args()
    seed = seed_rule()["Condition"].strip()
    rows = []
    for name, text, loops in (("seed condition", seed, 2000), ("50-predicate condition", fifty_predicates(), 100)):
        def run(text=text, loops=loops):
            for _ in range(loops):
                ce.parse(text)

        seconds = median_seconds(run)
        rows.append((name, len(text), loops / seconds, seconds / loops * 1e6))
    lines = [f"Machine: {machine()}; lark {version('lark')}, pydantic {version('pydantic')}", "",
             "| condition | characters | parses per second (median of 7) | µs per parse |",
             "|---|---:|---:|---:|"]
    lines += [f"| {n} | {c} | {rate:,.0f} | {us:,.0f} |" for n, c, rate, us in rows]
    report("parse", lines, args.write)


if __name__ == "__main__":
    main()
