"""The exclusions table: what a rule deliberately does NOT alert on.

A condition's top-level conjuncts of the form ``not X`` are its exclusions; the others are its
requirements.  Each exclusion is a group whose clauses are the disjunctive normal form of X (each
clause one AND-ed set of predicates under which the rule is suppressed); the table lists each leaf
predicate as a row ``Field | Kind | Excluded values``, merged by field and kind.  That flat table is
the seed page's format; :mod:`.exclusion_tables` renders it, and the grouped form that says which
predicates suppress only together.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .. import ast
from ..errors import ConditionError
from ..interpreter import as_node
from ..render import to_text
from .exclusion_groups import (  # noqa: F401 - re-exported
    ExclusionClause,
    ExclusionGroup,
    ExclusionRow,
    _described,
    add_values,
    row_order,
)
from .exclusion_tables import NO_EXCLUSIONS, grouped_rows, to_csv, to_markdown  # noqa: F401 - re-exported
from .leaves import field_of, kind_of, values_of
from .normal_forms import dnf_clauses

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
class ExclusionTable:
    """The exclusion groups and merged rows of a condition, plus its requirements."""

    groups: tuple[ExclusionGroup, ...]
    rows: tuple[ExclusionRow, ...]
    requirements: tuple[ast.Expr, ...] = field(default=())
    named: bool = False

    def __repr__(self) -> str:
        return f"<ExclusionTable {len(self.groups)} groups, {len(self.rows)} rows>"

    def group(self, key: str) -> ExclusionGroup:
        """The group with this id or name (KeyError naming the groups that exist).

        >>> exclusions('a eq 1 and not b eq 2').group("E1").id
        'E1'
        """
        for group in self.groups:
            if group.matches(key):
                return group
        raise KeyError(f"no exclusion group {key!r}; the groups are: "
                       + (", ".join(_described(g) for g in self.groups) or "none"))

    def clauses(self) -> tuple[ExclusionClause, ...]:
        """Every exclusion clause, group by group.

        >>> [c.id for c in exclusions('not (a eq 1 or b eq 2) and not c eq 3').clauses()]
        ['E1.1', 'E1.2', 'E2']
        """
        return tuple(clause for group in self.groups for clause in group.parts)

    def clause(self, key: str) -> ExclusionClause | ExclusionGroup:
        """The group (``E1``, a name) or the clause (``E1.2``) ``key`` names (KeyError listing them).

        >>> exclusions('not (a eq 1 or b eq 2)').clause("E1.2").id
        'E1.2'
        """
        for group in self.groups:
            if group.matches(key):
                return group
        for clause in self.clauses():
            if clause.matches(key):
                return clause
        raise KeyError(f"no exclusion group or clause {key!r}; they are: "
                       + (", ".join(_described(g) + "".join(f", {c.id}" for c in g.parts if c.id != g.id)
                                    for g in self.groups) or "none"))

    @property
    def grouped(self) -> bool:
        """Whether the flat rows lose information: a clause of several predicates, or named groups."""
        return self.named or any(g.clauses is None or any(len(c) > 1 for c in g.clauses) for g in self.groups)

    def grouped_rows(self) -> tuple[ExclusionRow, ...]:
        """Rows split by group and by clause wherever predicates suppress only together."""
        return grouped_rows(self.groups)

    def to_markdown(self, group_column: bool = False, notes: bool = True) -> str:
        """The table as Markdown: the seed's three columns in the seed's row order, then (``notes``) a
        footnote per clause of several predicates and a line per named group; ``group_column`` splits
        rows by group and clause and adds a Group column.

        >>> print(exclusions('not (a eq 1 or (b eq 2 and c eq 3))').to_markdown(), end="")
        | Field | Kind | Excluded values |
        |---|---|---|
        | a | eq | 1 |
        | b | eq | 2 |
        | c | eq | 3 |
        <BLANKLINE>
        E1.2: suppresses only when all hold: `b eq 2 and c eq 3`
        """
        return to_markdown(self, group_column, notes)

    def to_json(self) -> str:
        """Groups, rows (with their groups and clauses) and requirements as JSON."""
        return json.dumps({
            "groups": [group.to_dict() for group in self.groups],
            "rows": [{"field": r.field, "kind": r.kind, "values": list(r.values),
                      "groups": [self._name(g) for g in r.groups]} for r in self.rows],
            "grouped_rows": [{"field": r.field, "kind": r.kind, "values": list(r.values),
                              "group": self._name(r.groups[0]), "clause": r.clause} for r in self.grouped_rows()],
            "requirements": [to_text(r) for r in self.requirements],
        }, indent=2, ensure_ascii=False)

    def to_csv(self, rule_id: str | None = None, header: bool = True) -> str:
        """Rows as CSV: field, kind, excluded values, group, and the clause a row holds only within;
        with ``rule_id``, a leading rule_id column (so several rules make one CSV)."""
        return to_csv(self, rule_id, header)

    def _name(self, group_id: str) -> str:
        return next(g for g in self.groups if g.id == group_id).label


def canonical(node: ast.Expr) -> str:
    """A text of the node that ignores the order of ``and``/``or`` operands (for matching names).

    >>> canonical(as_node('b eq 1 and a eq 2')) == canonical(as_node('a eq 2 and b eq 1'))
    True
    """
    if isinstance(node, (ast.And, ast.Or)):
        word = " and " if isinstance(node, ast.And) else " or "
        return "(" + word.join(sorted(canonical(o) for o in node.operands)) + ")"
    if isinstance(node, ast.Not):
        return "not " + canonical(node.operand)
    return to_text(node)


def _names_by_condition(names: dict[str, str] | None) -> dict[str, str]:
    from ..parser import parse

    return {canonical(parse(text)): name for name, text in (names or {}).items()}


def unmatched_names(condition: str | ast.Expr, names: dict[str, str] | None) -> list[str]:
    """The ``ExclusionNames`` entries whose condition is no exclusion group of ``condition``.

    >>> unmatched_names('a eq 1 and not (c eq 3 and b eq 2)', {"ok": "b eq 2 and c eq 3", "stale": "d eq 4"})
    ['stale']
    """
    from ..parser import parse

    present = {canonical(c.operand) for c in conjuncts(as_node(condition)) if isinstance(c, ast.Not)}
    return [name for name, text in (names or {}).items() if canonical(parse(text)) not in present]


def exclusions(condition: str | ast.Expr, names: dict[str, str] | None = None) -> ExclusionTable:
    """The exclusions table of a condition.

    ``names`` maps a group's name to its condition text (e.g. a Sigma filter's name); the order of
    ``and``/``or`` operands does not matter.

    >>> print(exclusions('eventName eq "A" and not userName in ["svc", "bot"]').to_markdown())
    | Field | Kind | Excluded values |
    |---|---|---|
    | userName | in | svc, bot |
    <BLANKLINE>
    """
    node = as_node(condition)
    by_text = _names_by_condition(names)
    groups = []
    for index, conjunct in enumerate(c for c in conjuncts(node) if isinstance(c, ast.Not)):
        inner = conjunct.operand
        try:
            clauses: tuple[tuple[ast.Expr, ...], ...] | None = tuple(dnf_clauses(inner))
        except ConditionError:  # too large to expand: reported unexpanded
            clauses = None
        groups.append(ExclusionGroup(f"E{index + 1}", inner, clauses, conjunct.span, by_text.get(canonical(inner))))
    merged: dict[tuple[str, str], tuple[list[Any], list[str]]] = {}
    for group in groups:
        for leaf in group.leaves():
            values, owners = merged.setdefault((field_of(leaf), kind_of(leaf)), ([], []))
            add_values(values, values_of(leaf))
            if group.id not in owners:
                owners.append(group.id)
    rows = tuple(
        ExclusionRow(f, k, tuple(values), tuple(owners))
        for (f, k), (values, owners) in sorted(merged.items(), key=lambda item: row_order(*item[0]))
    )
    return ExclusionTable(tuple(groups), rows, requirements(node), named=any(g.name for g in groups))
