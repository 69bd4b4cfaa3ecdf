"""The exclusions table: what a rule deliberately does NOT alert on.

A condition's top-level conjuncts of the form ``not X`` are its exclusions; the others are its
requirements.  Each exclusion is a group whose clauses are the disjunctive normal form of X (each
clause one AND-ed set of predicates under which the rule is suppressed); the table lists each leaf
predicate as a row ``Field | Kind | Excluded values``, merged by field and kind.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

from .. import ast
from ..errors import ConditionError
from ..interpreter import as_node
from ..render import to_text
from .leaves import field_of, kind_of, kind_rank, value_text, values_of
from .normal_forms import dnf_clauses, to_nnf

EXPLANATION = "Top-level NOT(...) conjuncts: predicates this rule actively suppresses."


def conjuncts(condition: ast.Expr) -> tuple[ast.Expr, ...]:
    """The top-level conjuncts (the flattened top-level ``and``; else the condition itself)."""
    return condition.operands if isinstance(condition, ast.And) else (condition,)


def requirements(condition: str | ast.Expr) -> tuple[ast.Expr, ...]:
    """The positive top-level conjuncts: what must hold for the rule to fire.

    >>> from condition_engine import to_text
    >>> [to_text(r) for r in requirements('eventName eq "A" and not userName eq "svc"')]
    ['eventName eq "A"']
    """
    return tuple(c for c in conjuncts(as_node(condition)) if not isinstance(c, ast.Not))


@dataclass(frozen=True)
class ExclusionGroup:
    """One ``not X`` conjunct: X, its DNF clauses (None when too large to expand), and a name."""

    id: str
    condition: ast.Expr
    clauses: tuple[tuple[ast.Expr, ...], ...] | None
    span: ast.Span | None
    name: str | None = None

    def leaves(self) -> tuple[ast.Expr, ...]:
        """The leaf predicates of X in negation normal form, in order of appearance."""
        return tuple(dict.fromkeys(_leaves(to_nnf(self.condition))))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "condition": to_text(self.condition),
            "clauses": None if self.clauses is None else [[to_text(p) for p in c] for c in self.clauses],
            "span": None if self.span is None else self.span.model_dump(),
        }


@dataclass(frozen=True)
class ExclusionRow:
    """One table row: a field, a kind, and the values excluded (in order of first appearance)."""

    field: str
    kind: str
    values: tuple[Any, ...]
    groups: tuple[str, ...] = ()

    def values_text(self) -> str:
        return ", ".join(value_text(v) for v in self.values)


@dataclass(frozen=True)
class ExclusionTable:
    """The exclusion groups and merged rows of a condition, plus its requirements."""

    groups: tuple[ExclusionGroup, ...]
    rows: tuple[ExclusionRow, ...]
    requirements: tuple[ast.Expr, ...] = field(default=())
    named: bool = False

    def to_markdown(self) -> str:
        """The table as Markdown; named groups (Sigma selections) get a leading ``Exclusion`` column."""
        head = ["Field", "Kind", "Excluded values"]
        if self.named:
            head.insert(0, "Exclusion")
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for row in self.rows:
            cells = [row.field, row.kind, row.values_text()]
            if self.named:
                cells.insert(0, ", ".join(self._name(g) for g in row.groups))
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        return "\n".join(lines) + "\n"

    def to_json(self) -> str:
        """Groups, rows and requirements as JSON."""
        return json.dumps({
            "groups": [group.to_dict() for group in self.groups],
            "rows": [{"field": r.field, "kind": r.kind, "values": list(r.values),
                      "groups": [self._name(g) for g in r.groups]} for r in self.rows],
            "requirements": [to_text(r) for r in self.requirements],
        }, indent=2, ensure_ascii=False)

    def to_csv(self) -> str:
        """Rows as CSV: field, kind, excluded values (and the group names when named)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        head = ["field", "kind", "excluded_values"] + (["exclusion"] if self.named else [])
        writer.writerow(head)
        for row in self.rows:
            cells = [row.field, row.kind, row.values_text()]
            if self.named:
                cells.append(", ".join(self._name(g) for g in row.groups))
            writer.writerow(cells)
        return out.getvalue()

    def _name(self, group_id: str) -> str:
        group = next(g for g in self.groups if g.id == group_id)
        return group.name or group.id


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _leaves(node: ast.Expr) -> list[ast.Expr]:
    if isinstance(node, (ast.And, ast.Or)):
        return [leaf for operand in node.operands for leaf in _leaves(operand)]
    return [node]


def exclusions(condition: str | ast.Expr, names: dict[str, str] | None = None) -> ExclusionTable:
    """The exclusions table of a condition.

    ``names`` maps a group's condition text (canonical) to a name, e.g. a Sigma selection name.

    >>> print(exclusions('eventName eq "A" and not userName in ["svc", "bot"]').to_markdown())
    | Field | Kind | Excluded values |
    |---|---|---|
    | userName | in | svc, bot |
    <BLANKLINE>
    """
    node = as_node(condition)
    by_text = {}
    for name, text in (names or {}).items():
        from ..parser import parse

        by_text[parse(text)] = name
    groups = []
    for index, conjunct in enumerate(c for c in conjuncts(node) if isinstance(c, ast.Not)):
        inner = conjunct.operand
        try:
            clauses: tuple[tuple[ast.Expr, ...], ...] | None = tuple(dnf_clauses(inner))
        except ConditionError:  # too large to expand: reported unexpanded
            clauses = None
        groups.append(ExclusionGroup(f"E{index + 1}", inner, clauses, conjunct.span, by_text.get(inner)))
    merged: dict[tuple[str, str], tuple[list[Any], list[str]]] = {}
    for group in groups:
        for leaf in group.leaves():
            values, owners = merged.setdefault((field_of(leaf), kind_of(leaf)), ([], []))
            for value in values_of(leaf):
                if not any(_same(value, seen) for seen in values):
                    values.append(value)
            if group.id not in owners:
                owners.append(group.id)
    rows = tuple(
        ExclusionRow(f, k, tuple(values), tuple(owners))
        for (f, k), (values, owners) in sorted(merged.items(), key=lambda item: (kind_rank(item[0][1]), item[0][0]))
    )
    return ExclusionTable(tuple(groups), rows, requirements(node), named=any(g.name for g in groups))


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b
