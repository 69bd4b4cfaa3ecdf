"""The exclusions table as text: the seed's flat three columns, and the grouped form.

The flat rows merge every predicate by field and kind, which reads as "each row is excluded on its
own".  That holds only for a clause of one predicate; where a clause has several (``type eq
"AssumedRole" and ip cidr "10.0.0.0/8"``), the grouped form splits rows by group and clause, adds a
``Group`` column (``E1``, or ``E1.2`` for clause 2 of group E1) and a footnote per such clause.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..csv_cells import csv_text
from ..render import to_text
from .leaves import field_of, kind_of, kind_rank, values_of

if TYPE_CHECKING:
    from .exclusions import ExclusionGroup, ExclusionRow, ExclusionTable


def clause_label(group: "ExclusionGroup", index: int) -> str:
    """``E1.3``: clause 3 of group E1 (by the group's name where it has one); a group of one clause
    is labelled by the group alone."""
    return group.label if len(group.clauses or ()) == 1 else f"{group.label}.{index + 1}"


def grouped_rows(groups: tuple["ExclusionGroup", ...]) -> tuple["ExclusionRow", ...]:
    """Rows keyed by (field, kind, group, clause): a clause of several predicates keeps its own rows."""
    from .exclusions import ExclusionRow, add_values

    merged: dict[tuple[str, str, str, str | None], list[Any]] = {}
    order: dict[str, int] = {}
    for number, group in enumerate(groups):
        order[group.id] = number
        parts: list[tuple[Any, str | None]] = []
        if group.clauses is None:  # too large to expand: one unit, labelled by the group
            parts = [(leaf, group.label) for leaf in group.leaves()]
        else:
            for index, clause in enumerate(group.clauses):
                label = clause_label(group, index) if len(clause) > 1 else None
                parts.extend((leaf, label) for leaf in clause)
        for leaf, label in parts:
            add_values(merged.setdefault((field_of(leaf), kind_of(leaf), group.id, label), []), values_of(leaf))
    ranked = sorted(merged.items(), key=lambda item: (order[item[0][2]], item[0][3] or "", kind_rank(item[0][1]),
                                                      item[0][0]))
    return tuple(ExclusionRow(f, k, tuple(values), (g,), label) for (f, k, g, label), values in ranked)


def footnotes(table: "ExclusionTable") -> list[str]:
    """One line per clause of several predicates (and per group too large to expand)."""
    lines = []
    for group in table.groups:
        if group.clauses is None:
            lines.append(f"{group.label}: too large to expand into clauses; suppresses when "
                         f"`{to_text(group.condition)}` holds")
            continue
        for index, clause in enumerate(group.clauses):
            if len(clause) > 1:
                lines.append(f"{clause_label(group, index)}: suppresses only when all hold: "
                             f"`{' and '.join(to_text(p) for p in clause)}`")
    return lines


def to_markdown(table: "ExclusionTable", grouping: bool = True) -> str:
    """The table as Markdown (see :meth:`ExclusionTable.to_markdown`)."""
    from .exclusions import NO_EXCLUSIONS

    if not table.groups:
        return NO_EXCLUSIONS + "\n"
    if not (grouping and table.grouped):
        lines = ["| Field | Kind | Excluded values |", "|---|---|---|"]
        lines += [_line([row.field, row.kind, row.values_text()]) for row in table.rows]
        return "\n".join(lines) + "\n"
    lines = ["| Field | Kind | Excluded values | Group |", "|---|---|---|---|"]
    for row in table.grouped_rows():
        lines.append(_line([row.field, row.kind, row.values_text(), row.clause or table._name(row.groups[0])]))
    notes = footnotes(table)
    return "\n".join(lines + ([""] + notes if notes else [])) + "\n"


def to_csv(table: "ExclusionTable", rule_id: str | None = None, header: bool = True) -> str:
    """The grouped rows as CSV (see :meth:`ExclusionTable.to_csv`)."""
    clauses = {}
    for group in table.groups:
        for index, clause in enumerate(group.clauses or ()):
            clauses[clause_label(group, index)] = " and ".join(to_text(p) for p in clause)
        if group.clauses is None:
            clauses[group.label] = to_text(group.condition)
    lead = [] if rule_id is None else ["rule_id"]
    rows = [lead + ["field", "kind", "excluded_values", "group", "together_with"]] if header else []
    for row in table.grouped_rows():
        cells = [row.field, row.kind, row.values_text(), table._name(row.groups[0]),
                 clauses.get(row.clause, "") if row.clause else ""]
        rows.append(([rule_id] if rule_id is not None else []) + cells)
    return csv_text(rows)  # formula-safe cells


def _line(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"
