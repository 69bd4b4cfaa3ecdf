"""Exact lint: findings the solver proves (CE301–CE304), beside the fast pairwise checks of ``lint``.

Each finding is a proof (an unsatisfiable formula over the document model, which is weaker than the
semantics, so unsatisfiable means no document at all); a check the solver cannot decide in its
budget gives no finding.
"""
from __future__ import annotations

import time
from typing import Any

import z3

from ... import ast
from ...interpreter import as_node
from ...render import to_text
from ..exclusions import exclusions
from ..finding import Finding
from .compare import DEFAULT_BUDGET, witness
from .encode import Encoder
from .regex import Unencodable


def _impossible(encoder: Encoder, formula: z3.BoolRef, budget: float) -> bool:
    """True when the solver proves no document satisfies ``formula``."""
    side = witness(encoder, formula, lambda record: True, time.monotonic() + budget)
    return side.proven and side.record is None


def exact_lint(condition: str | ast.Expr, *, budget: float = DEFAULT_BUDGET) -> list[Finding]:
    """Findings proved by the solver: unsatisfiable (CE301), always true (CE302), an exclusion group
    shadowed by another (CE303), an exclusion clause the requirements rule out (CE304).

    >>> [f.code for f in exact_lint('a exists and a eq null')]
    ['CE301']
    """
    node = as_node(condition)
    table = exclusions(node)
    try:
        encoder = Encoder(node, queries=_queries(node, table))
        whole = encoder.formula(node)
    except Unencodable:
        return []
    if _impossible(encoder, whole, budget):
        return [Finding("CE301", "error", f"no record can match `{to_text(node)}` (proved by the solver)", node.span)]
    out: list[Finding] = []
    if _impossible(encoder, z3.Not(whole), budget):
        out.append(Finding("CE302", "warning", f"every record matches `{to_text(node)}` (proved by the solver)",
                           node.span))
    required = z3.And([encoder.formula(r) for r in table.requirements] or [True])
    groups = [(group, encoder.formula(group.condition)) for group in table.groups]
    for group, formula in groups:
        for other, other_formula in groups:
            if other is not group and _impossible(encoder, z3.And(required, formula, z3.Not(other_formula)), budget):
                if _impossible(encoder, z3.And(required, other_formula, z3.Not(formula)), budget) \
                        and table.groups.index(other) > table.groups.index(group):
                    continue  # the same suppression twice: reported once, on the later group
                out.append(Finding("CE303", "warning",
                                   f"exclusion {group.label} `not ({to_text(group.condition)})` is shadowed by "
                                   f"{other.label}: every record it suppresses, {other.label} suppresses too "
                                   "(proved by the solver)", group.span))
                break
        for clause in group.clauses or ():
            clause_node: Any = clause[0] if len(clause) == 1 else ast.And(operands=tuple(clause))
            if _impossible(encoder, z3.And(required, encoder.formula(clause_node)), budget):
                out.append(Finding("CE304", "warning",
                                   f"exclusion clause `{to_text(clause_node)}` of {group.label} can never fire: the "
                                   "requirements rule it out (proved by the solver)", clause[0].span))
    return out


def _queries(node: ast.Expr, table) -> tuple[ast.Expr, ...]:
    """Every formula the checks ask, as conditions (they size the document model)."""
    required = list(table.requirements)
    out = [node, ast.Not(operand=node)]
    for group in table.groups:
        for other in table.groups:
            if other is not group:
                out.append(ast.And(operands=(*required, group.condition, ast.Not(operand=other.condition))))
        for clause in group.clauses or ():
            parts = (*required, *clause)
            out.append(parts[0] if len(parts) == 1 else ast.And(operands=parts))
    return tuple(out)
