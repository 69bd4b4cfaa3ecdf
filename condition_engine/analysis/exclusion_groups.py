"""Exclusion groups, their clauses and the table's rows: the parts an exclusions table is made of.

A group is one ``not X`` conjunct of a condition; its clauses are the disjuncts of X in disjunctive
normal form (``E1.2``), each an AND-ed set of predicates that suppresses on its own.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import ast
from ..render import to_text
from .leaves import field_of, kind_of, kind_rank, value_text
from .normal_forms import to_nnf


@dataclass(frozen=True)
class ExclusionGroup:
    """One ``not X`` conjunct: X, its DNF clauses (None when too large to expand), and a name."""

    id: str
    condition: ast.Expr
    clauses: tuple[tuple[ast.Expr, ...], ...] | None
    span: ast.Span | None
    name: str | None = None

    def __repr__(self) -> str:
        node = self.condition
        short = to_text(node)
        if isinstance(node, (ast.And, ast.Or)):
            short = f"{to_text(node.operands[0])} {'and' if isinstance(node, ast.And) else 'or'} …"
        return f"<ExclusionGroup {self.id}{f' ({self.name})' if self.name else ''} not ({short})>"

    @property
    def label(self) -> str:
        """The group's name where it has one, else its id (``E1``)."""
        return self.name or self.id

    @property
    def parts(self) -> tuple[ExclusionClause, ...]:
        """The group's exclusion clauses, as its table rows group them: each DNF clause of several
        predicates; the one-predicate clauses merged by field and kind (``u eq "a" or u eq "b"``, a row);
        a named group (a Sigma filter) or one too large to expand is one clause.  Ids ``E1.2``, or the
        group's id when it has one clause.

        >>> from condition_engine import exclusions
        >>> [c.id for c in exclusions('not (a eq 1 or a eq 2 or (b eq 2 and c eq 3))').groups[0].parts]
        ['E1.1', 'E1.2']
        """
        if self.clauses is None or self.name:
            joint = self.clauses is not None and len(self.clauses) == 1 and len(self.clauses[0]) > 1
            return (ExclusionClause(self.id, self.label, self, self.leaves(), self.condition, joint),)
        units: dict[Any, list[tuple[ast.Expr, ...]]] = {}
        for number, clause in enumerate(self.clauses):
            key = (field_of(clause[0]), kind_of(clause[0])) if len(clause) == 1 else number
            units.setdefault(key, []).append(clause)
        out = []
        for n, unit in enumerate(units.values(), 1):
            ident, label = (self.id, self.label) if len(units) == 1 else (f"{self.id}.{n}", f"{self.label}.{n}")
            if len(unit) == 1:
                predicates = unit[0]
                condition = predicates[0] if len(predicates) == 1 else ast.And(operands=predicates)
            else:
                predicates = tuple(clause[0] for clause in unit)
                condition = ast.Or(operands=predicates)
            out.append(ExclusionClause(ident, label, self, predicates, condition, len(unit) == 1 and len(unit[0]) > 1))
        return tuple(out)

    def leaves(self) -> tuple[ast.Expr, ...]:
        """The leaf predicates of X in negation normal form, in order of appearance."""
        return tuple(dict.fromkeys(_leaves(to_nnf(self.condition))))

    def matches(self, key: str) -> bool:
        """Whether ``key`` names this group: its id (``E1``) or its name."""
        return key == self.id or (self.name is not None and key == self.name)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "condition": to_text(self.condition),
            "clauses": None if self.clauses is None else [[to_text(p) for p in c] for c in self.clauses],
            "exclusion_clauses": [{"id": c.id, "label": c.label, "condition": to_text(c.condition)}
                                  for c in self.parts],
            "span": None if self.span is None else self.span.model_dump(),
        }


@dataclass(frozen=True)
class ExclusionClause:
    """One exclusion clause of a group (``E1.2``, or ``E1`` for a group of one clause; ``label`` uses the
    group's name where it has one): its predicates, the condition under which it suppresses, and whether
    the predicates suppress only together (``joint``)."""

    id: str
    label: str
    group: ExclusionGroup
    predicates: tuple[ast.Expr, ...]
    condition: ast.Expr
    joint: bool = False  # several predicates that suppress only when all hold

    def matches(self, key: str) -> bool:
        """Whether ``key`` names this clause: its id (``E1.2``) or label (``filter_main.2``)."""
        return key in (self.id, self.label)


@dataclass(frozen=True)
class ExclusionRow:
    """One table row: a field, a kind, the values excluded (in order of first appearance), the groups
    they come from, and — in the grouped form — the clause they suppress only together with."""

    field: str
    kind: str
    values: tuple[Any, ...]
    groups: tuple[str, ...] = ()
    clause: str | None = None

    def values_text(self) -> str:
        return ", ".join(value_text(v) for v in self.values)


def _described(group: ExclusionGroup) -> str:
    return f"{group.id} ({group.name})" if group.name else group.id


def _leaves(node: ast.Expr) -> list[ast.Expr]:
    if isinstance(node, (ast.And, ast.Or)):
        return [leaf for operand in node.operands for leaf in _leaves(operand)]
    return [node]


def row_order(field_path: str, kind: str) -> tuple[tuple[int, int], str]:
    """The one row order of every exclusions table (CLI, pages, site): the seed's — kinds in operator-table
    order (``eq`` rows first), then fields alphabetically.

    >>> sorted([("Origin", "ne"), ("KeyState", "eq"), ("KeyManager", "ne")], key=lambda r: row_order(*r))
    [('KeyState', 'eq'), ('KeyManager', 'ne'), ('Origin', 'ne')]
    """
    return kind_rank(kind), field_path


def add_values(values: list[Any], new: Any) -> None:
    """Append each value not already in ``values`` (``1`` and ``true`` stay distinct)."""
    for value in new:
        if not any(type(value) is type(seen) and value == seen for seen in values):
            values.append(value)
