"""``generate_tests(condition)``: a matching record, and one record per exclusion clause that only that
clause suppresses — each found by the solver, confirmed with ``evaluate`` and shrunk to the fields it needs."""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import z3

from ... import ast
from ...interpreter import as_node, evaluate
from ...render import to_text
from ..exclusions import exclusions
from .compare import witness
from .encode import Encoder
from .regex import Unencodable


@dataclass(frozen=True)
class GeneratedTest:
    """A test: its name, a minimal record, and whether the condition matches it."""

    name: str
    record: dict[str, Any]
    expected: bool


@dataclass(frozen=True)
class Target:
    """What one generated test must show: the formula parts and the check ``evaluate`` confirms."""

    name: str
    expected: bool
    holds: tuple[ast.Expr, ...]
    fails: tuple[ast.Expr, ...]


def targets(condition: ast.Expr, names: dict[str, str] | None = None) -> list[Target]:
    """The match target and one target per exclusion clause (requirements hold, only that clause fires).

    >>> from condition_engine import parse
    >>> [t.name for t in targets(parse('a eq 1 and not (b eq 2 or c eq 3)'))]
    ['matches', 'excluded by E1.1: b eq 2', 'excluded by E1.2: c eq 3']
    """
    table = exclusions(condition, names)
    out = [Target("matches", True, (condition,), ())]
    clauses = [(clause.label, clause.condition) for clause in table.clauses()]  # as the table and report name them
    for label, node in clauses:
        others = tuple(other for _, other in clauses if other is not node)
        out.append(Target(f"excluded by {label}: {to_text(node)}", False, table.requirements + (node,), others))
    return out


#: Seconds per generated test: generating is done once per rule, so it may take longer than a comparison.
GENERATE_BUDGET = 10.0


def generate_tests(condition: str | ast.Expr, names: dict[str, str] | None = None, *,
                   budget: float = GENERATE_BUDGET) -> list[GeneratedTest]:
    """Tests for a condition: one matching record, and per exclusion clause a record only it suppresses
    (``budget``: seconds the solver may spend on each).

    Raises ``ValueError`` naming the target that could not be built (unsatisfiable or not encoded).

    >>> [(t.name, t.record, t.expected) for t in generate_tests('a eq "x" and not b eq "y"')]
    [('matches', {'a': 'x'}, True), ('excluded by E1: b eq "y"', {'a': 'x', 'b': 'y'}, False)]
    """
    node = as_node(condition)
    wanted = targets(node, names)
    try:
        encoder = Encoder(node, queries=tuple(_query(target) for target in wanted))
    except Unencodable as error:
        raise ValueError(str(error)) from error
    out = []
    for target in wanted:
        try:
            formula = z3.And([encoder.formula(part) for part in target.holds]
                             + [z3.Not(encoder.formula(part)) for part in target.fails])
        except Unencodable as error:
            raise ValueError(f"{target.name}: {error}") from error

        def confirm(record: dict[str, Any], target: Target = target) -> bool:
            return (evaluate(node, record) == target.expected and all(evaluate(p, record) for p in target.holds)
                    and not any(evaluate(p, record) for p in target.fails))

        side = witness(encoder, formula, confirm, time.monotonic() + budget)
        if side.record is None:
            why = side.reason or "no record satisfies it"
            raise ValueError(f"no test for {target.name!r}: {why}")
        out.append(GeneratedTest(target.name, side.record, target.expected))
    return out


def _query(target: Target) -> ast.Expr:
    parts = target.holds + tuple(ast.Not(operand=part) for part in target.fails)
    return parts[0] if len(parts) == 1 else ast.And(operands=parts)
