"""The exclusions table as text: the seed's flat three columns, the grouping below it, the Group column.

The flat rows merge every predicate by field and kind, which reads as "each row is excluded on its
own".  That holds only for a clause of one predicate; where a clause has several (``type eq
"AssumedRole" and ip cidr "10.0.0.0/8"``), a footnote below the table names the clause (``E1.2``: clause
2 of group E1) and its predicates, and a line names each named group.  On request, the rows are split
by group and clause with a ``Group`` column.  Every form orders rows by :func:`row_order`.
"""
from __future__ import annotations

from typing import Any, Protocol

from ..csv_cells import csv_text
from ..render import to_text
from .exclusion_groups import ExclusionGroup, ExclusionRow, add_values, row_order
from .leaves import field_of, kind_of, values_of

#: What the table says instead of an empty table.
NO_EXCLUSIONS = "No exclusions: the condition has no top-level NOT(...) conjunct, so it suppresses nothing."


class Table(Protocol):
    """What the renderers read of an :class:`~condition_engine.analysis.exclusions.ExclusionTable`."""

    @property
    def groups(self) -> tuple[ExclusionGroup, ...]: ...

    @property
    def rows(self) -> tuple[ExclusionRow, ...]: ...

    @property
    def grouped(self) -> bool: ...

    def grouped_rows(self) -> tuple[ExclusionRow, ...]: ...

    def _name(self, group_id: str) -> str: ...


def grouped_rows(groups: tuple[ExclusionGroup, ...]) -> tuple[ExclusionRow, ...]:
    """Rows keyed by (field, kind, group, clause): a clause of several predicates keeps its own rows;
    in :func:`row_order`, then group and clause."""
    merged: dict[tuple[str, str, str, str | None], list[Any]] = {}
    order: dict[str, int] = {}
    for number, group in enumerate(groups):
        order[group.id] = number
        for part in group.parts:
            label = part.label if part.joint or group.clauses is None else None
            for leaf in part.predicates:
                add_values(merged.setdefault((field_of(leaf), kind_of(leaf), group.id, label), []), values_of(leaf))
    ranked = sorted(merged.items(), key=lambda item: (row_order(item[0][0], item[0][1]), order[item[0][2]],
                                                      item[0][3] or ""))
    return tuple(ExclusionRow(f, k, tuple(values), (g,), label) for (f, k, g, label), values in ranked)


def footnotes(groups: tuple[ExclusionGroup, ...]) -> list[str]:
    """One line per clause of several predicates (and per group too large to expand)."""
    lines = []
    for group in groups:
        if group.clauses is None:
            lines.append(f"{group.label}: too large to expand into clauses; suppresses when "
                         f"`{to_text(group.condition)}` holds")
            continue
        lines += [f"{part.label}: suppresses only when all hold: `{to_text(part.condition)}`"
                  for part in group.parts if part.joint]
    return lines


def group_lines(groups: tuple[ExclusionGroup, ...]) -> list[str]:
    """One line per named group: its name, its id and its condition."""
    return [f"{group.name} ({group.id}): suppresses when `{to_text(group.condition)}` holds"
            for group in groups if group.name]


def to_markdown(table: Table, group_column: bool = False, notes: bool = True) -> str:
    """The table as Markdown (see :meth:`ExclusionTable.to_markdown`)."""
    if not table.groups:
        return NO_EXCLUSIONS + "\n"
    if group_column:
        lines = ["| Field | Kind | Excluded values | Group |", "|---|---|---|---|"]
        lines += [_line([row.field, row.kind, row.values_text(), row.clause or table._name(row.groups[0])])
                  for row in table.grouped_rows()]
    else:
        lines = ["| Field | Kind | Excluded values |", "|---|---|---|"]
        lines += [_line([row.field, row.kind, row.values_text()]) for row in table.rows]
    below = footnotes(table.groups) + group_lines(table.groups) if notes else []
    return "\n".join(lines + ([""] + below if below else [])) + "\n"


def to_csv(table: Table, rule_id: str | None = None, header: bool = True) -> str:
    """The grouped rows as CSV (see :meth:`ExclusionTable.to_csv`)."""
    clauses = {part.label: to_text(part.condition) for group in table.groups for part in group.parts}
    lead = [] if rule_id is None else ["rule_id"]
    rows = [lead + ["field", "kind", "excluded_values", "group", "together_with"]] if header else []
    for row in table.grouped_rows():
        cells = [row.field, row.kind, row.values_text(), table._name(row.groups[0]),
                 clauses.get(row.clause, "") if row.clause else ""]
        rows.append(([rule_id] if rule_id is not None else []) + cells)
    return csv_text(rows)  # formula-safe cells


def _line(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"
