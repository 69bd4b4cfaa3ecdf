"""ns per evaluation of the seed condition over the seed's five resources, side by side.

Engines: a hand-written Python function (the baseline), condition_engine's compiled condition and
interpreter, and the peers a user would pick instead: rule-engine, cel-python and json-logic
(``pip install -e '.[bench]'``; a peer that is not installed is reported as such).

    python benchmarks/bench_evaluate.py [--write]
"""
from __future__ import annotations

import argparse
import functools
import statistics
import time

from common import interleaved, machine, median_ratio, report, seed_rule, version

import condition_engine as ce
from condition_engine.compiler import compiled_text
from condition_engine.interpreter import prepare

LOOPS = 20_000


def hand_written(r: dict) -> bool:
    rotation = r.get("KeyRotationEnabled")
    return not (r.get("Origin") != "AWS_KMS" or r.get("KeyManager") != "CUSTOMER"
                or ((rotation is True or rotation == "True") and r.get("KeyState") == "Enabled"))


def peers(condition: str):
    """(name, version, function) for each peer that is installed."""
    found = []
    try:
        import rule_engine

        context = rule_engine.Context(default_value=None)
        rule = rule_engine.Rule('not (Origin != "AWS_KMS" or KeyManager != "CUSTOMER" or '
                                '(KeyRotationEnabled == true and KeyState == "Enabled"))', context=context)
        found.append(("rule-engine", version("rule-engine"), rule.matches))
    except ImportError:
        pass
    try:
        import celpy

        env = celpy.Environment()
        program = env.program(env.compile('!(Origin != "AWS_KMS" || KeyManager != "CUSTOMER" || '
                                          '(KeyRotationEnabled == true && KeyState == "Enabled"))'))

        def cel(r, program=program):
            return bool(program.evaluate({k: celpy.json_to_cel(v) for k, v in r.items()}))

        found.append(("cel-python", version("cel-python"), cel))
    except ImportError:
        pass
    try:
        from json_logic import jsonLogic

        logic = {"!": {"or": [
            {"!=": [{"var": "Origin"}, "AWS_KMS"]},
            {"!=": [{"var": "KeyManager"}, "CUSTOMER"]},
            {"and": [{"===": [{"var": "KeyRotationEnabled"}, True]},
                     {"==": [{"var": "KeyState"}, "Enabled"]}]},
        ]}}
        found.append(("json-logic", version("json-logic-qubit"), lambda r: bool(jsonLogic(logic, r))))
    except ImportError:
        pass
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the table to docs/performance.md")
    args = parser.parse_args()
    rule = seed_rule()
    condition = rule["Condition"].strip()
    resources = [test["Resource"] for test in rule["Tests"]]
    expected = [hand_written(r) for r in resources]

    start = time.perf_counter()
    for _ in range(200):
        compiled_text.cache_clear()  # condition text is compiled once and cached: time the compile itself
        ce.compile(condition)
    compile_us = (time.perf_counter() - start) / 200 * 1e6
    compiled = ce.compile(condition)
    node = ce.parse(condition)
    engines = [
        ("hand-written Python", "-", hand_written),
        ("condition_engine compiled", ce.__version__, compiled),
        ("condition_engine interpreter: evaluate(node, doc)", ce.__version__, functools.partial(ce.evaluate, node)),
        ("condition_engine interpreter: evaluate(text, doc), text cached", ce.__version__,
         functools.partial(ce.evaluate, condition)),
        ("condition_engine interpreter: prepare(node) once, then call", ce.__version__, prepare(node)),
    ] + peers(condition)
    runs = {}
    loops_of = {}
    answers = {}
    for name, _ver, function in engines:
        answers[name] = [bool(function(r)) for r in resources]
        slow = name in ("rule-engine", "json-logic", "cel-python")
        loops = LOOPS // (100 if name == "cel-python" else 10 if slow else 1)
        loops_of[name] = loops

        def run(function=function, loops=loops):
            for _ in range(loops):
                for r in resources:
                    function(r)

        runs[name] = run
    samples, _ = interleaved(runs)
    base_name = engines[0][0]
    base = [s / (loops_of[base_name] * len(resources)) for s in samples[base_name]]
    rows = []
    for name, ver, _ in engines:
        per_eval = [s / (loops_of[name] * len(resources)) for s in samples[name]]
        ns = statistics.median(per_eval) * 1e9
        same = "yes" if answers[name] == expected else f"no: {answers[name]}"
        rows.append((name, ver, ns, median_ratio(per_eval, base), same))
    lines = [f"Machine: {machine()}", "",
             "| engine | version | ns per evaluation (median of 25 rounds) | × hand-written (median of per-round ratios) | same answers |",
             "|---|---|---:|---:|---|"]
    lines += [f"| {n} | {v} | {ns:,.0f} | {ratio:.2f}× | {same} |" for n, v, ns, ratio, same in rows]
    lines += ["", f"Compile time of the seed condition (parse + generate + exec): {compile_us:,.0f} µs."]
    report("evaluate", lines, args.write)


if __name__ == "__main__":
    main()
