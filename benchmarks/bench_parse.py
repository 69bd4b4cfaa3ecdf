"""Parse throughput: the seed condition and a 50-predicate condition, parsed from scratch each time.

``parse()`` is the public function (Lark's tables driven by condition_engine.lalr); "Lark's own loop"
is the same grammar, lexer and tree building through Lark's parser, which the error path uses.

    python benchmarks/bench_parse.py [--write]
"""
from __future__ import annotations

import argparse
import statistics

from common import interleaved, machine, report, seed_rule, version

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


def lark_loop(text: str):
    """The same parse through Lark's own LALR loop (the path that reports errors), for comparison."""
    from condition_engine.parser import _lark

    return _lark().parse(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the table to docs/performance.md")
    args = parser.parse_args()
    seed = seed_rule()["Condition"].strip()
    cases = (("seed condition", seed, 1000), ("50-predicate condition", fifty_predicates(), 50))
    runs, sizes = {}, {}
    for name, text, loops in cases:
        for how, function in (("parse()", ce.parse), ("Lark's own loop", lark_loop)):
            def run(text=text, loops=loops, function=function):
                for _ in range(loops):
                    function(text)

            runs[(name, how)] = run
            sizes[(name, how)] = (len(text), loops)
    samples, _ = interleaved(runs, rounds=15)
    lines = [f"Machine: {machine()}; lark {version('lark')}, pydantic {version('pydantic')}", "",
             "| condition | characters | parsed by | parses per second (median of 15 rounds) | µs per parse |",
             "|---|---:|---|---:|---:|"]
    for (name, how), times in samples.items():
        characters, loops = sizes[(name, how)]
        seconds = statistics.median(times) / loops
        lines.append(f"| {name} | {characters} | {how} | {1 / seconds:,.0f} | {seconds * 1e6:,.0f} |")
    report("parse", lines, args.write)


if __name__ == "__main__":
    main()
