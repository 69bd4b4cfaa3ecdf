"""What a change to a rule's condition does: the verdict with witnesses, and its exclusion clauses
added, removed, widened or narrowed (clauses as in the exclusions table)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ... import ast
from ...render import to_text
from ..exclusions import exclusions
from ..fields import fields
from .compare import DEFAULT_BUDGET, Comparison, compare


@dataclass(frozen=True)
class ClauseChange:
    """One exclusion clause's change: ``added``, ``removed``, ``widened``, ``narrowed``, ``rewritten`` or
    ``changed`` (old and new suppress different records, neither within the other), or ``unknown``."""

    change: str
    old: str | None
    new: str | None
    group: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"change": self.change, "group": self.group, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class ConditionChange:
    """The comparison of two versions of a condition and the changes of their exclusion clauses."""

    comparison: Comparison
    clauses: tuple[ClauseChange, ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        return {**self.comparison.as_json(), "exclusions": [c.as_json() for c in self.clauses]}


_CLAUSE_VERDICT = {"broader": "widened", "narrower": "narrowed", "equivalent": "rewritten",
                   "incomparable": "changed", "unknown": "unknown"}


def _clauses(condition: ast.Expr, names: dict[str, str] | None) -> list[tuple[str, ast.Expr]]:
    out = []
    for group in exclusions(condition, names).groups:
        for clause in (group.clauses or ((group.condition,),)):
            node = clause[0] if len(clause) == 1 else ast.And(operands=tuple(clause))
            out.append((group.label, node))
    return out


def condition_change(old: ast.Expr, new: ast.Expr, old_names: dict[str, str] | None = None,
                     new_names: dict[str, str] | None = None, *, budget: float = DEFAULT_BUDGET) -> ConditionChange:
    """The verdict on ``new`` against ``old`` and how their exclusion clauses changed.

    A removed clause is paired with an added one on the same fields and the two are compared: the
    exclusion widened (suppresses more), narrowed, or was rewritten with the same meaning.

    >>> change = condition_change(*map(__import__("condition_engine").parse,
    ...     ['a eq 1 and not u eq "svc"', 'a eq 1 and not u startswith "svc"']))
    >>> change.comparison.verdict, [c.change for c in change.clauses]
    ('narrower', ['widened'])
    """
    comparison = compare(old, new, budget=budget)
    before, after = _clauses(old, old_names), _clauses(new, new_names)
    old_texts = {to_text(node) for _, node in before}
    new_texts = {to_text(node) for _, node in after}
    removed = [(label, node) for label, node in before if to_text(node) not in new_texts]
    added = [(label, node) for label, node in after if to_text(node) not in old_texts]
    out: list[ClauseChange] = []
    for label, node in removed:
        partner = next((pair for pair in added if _paths(pair[1]) & _paths(node)), None)
        if partner is None:
            out.append(ClauseChange("removed", to_text(node), None, label))
            continue
        added.remove(partner)
        verdict = compare(node, partner[1], budget=budget).verdict
        out.append(ClauseChange(_CLAUSE_VERDICT[verdict], to_text(node), to_text(partner[1]), partner[0]))
    out.extend(ClauseChange("added", None, to_text(node), label) for label, node in added)
    return ConditionChange(comparison, tuple(out))


def _paths(node: ast.Expr) -> set[str]:
    return {use.path for use in fields(node)}
