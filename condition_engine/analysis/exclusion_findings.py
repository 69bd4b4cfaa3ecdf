"""Findings about exclusion groups: from the condition alone, and from a scan's exclusion report.

Static (the condition alone):

- CE005 a group suppresses everything the requirements allow: the rule can never fire (from lint);
- CE010 a group implied by another: every record it suppresses, the other suppresses too.

Measured (a report written by ``scan --exclusion-report``):

- CE101 stale: the group suppressed no record of the data scanned;
- CE102 shadowed: every record the group suppressed, another group suppressed too;
- CE103 over-broad: the group suppressed more than N % of the records the requirements matched;

each also per clause (``E1.2``) of a group of several clauses, against the rule's other clauses.
"""
from __future__ import annotations

from typing import Any

from .. import ast
from ..render import to_text
from .exclusions import ExclusionClause, ExclusionGroup, ExclusionTable, exclusions
from .finding import Finding, and_leaves
from .normal_forms import to_nnf
from .reasoning import implies

#: The default over-broad threshold: a group suppressing more than this share of the records.
OVER_BROAD_PERCENT = 50.0


def _clause_implies(clause: tuple[ast.Expr, ...], other: tuple[ast.Expr, ...]) -> bool:
    """Whether every record satisfying ``clause`` satisfies ``other`` (sound, not complete)."""
    return all(any(implies(p, q) for p in clause) for q in other)


def group_implies(group: ExclusionGroup, other: ExclusionGroup, context: tuple[ast.Expr, ...] = ()) -> bool:
    """Whether every record ``group`` suppresses (given the ``context`` predicates) ``other`` suppresses.

    >>> table = exclusions('not (a eq 1 and b eq 2) and not a eq 1')
    >>> group_implies(table.groups[0], table.groups[1]), group_implies(table.groups[1], table.groups[0])
    (True, False)
    """
    if group.clauses is None or other.clauses is None:
        return False
    return all(any(_clause_implies(clause + context, target) for target in other.clauses) for clause in group.clauses)


def static_findings(condition: str | ast.Expr, table: ExclusionTable | None = None) -> list[Finding]:
    """CE010 findings: groups implied by another group of the same condition.

    >>> [str(f) for f in static_findings('x eq 1 and not u startswith "svc-" and not u eq "svc-ci"')]
    ['1:40: warning[CE010]: exclusion E2 `u eq "svc-ci"` is redundant: every record it suppresses, E1 suppresses too']
    """
    table = table or exclusions(condition)
    context = tuple(leaf for r in table.requirements for leaf in and_leaves(to_nnf(r)))
    out = []
    for group in table.groups:
        for other in table.groups:
            if other is group or not group_implies(group, other, context):
                continue
            if group_implies(other, group, context) and other.id > group.id:
                continue  # equivalent groups: the later one is the redundant one
            out.append(Finding("CE010", "warning", f"exclusion {_named(group)} `{to_text(group.condition)}` is "
                               f"redundant: every record it suppresses, {_named(other)} suppresses too", group.span))
            break
    return out


def report_findings(rule: dict[str, Any], table: ExclusionTable,
                    over_broad: float = OVER_BROAD_PERCENT) -> list[Finding]:
    """CE101–CE103 for one rule of an exclusion report, its groups matched to ``table``'s by id; and per
    clause of a group of several clauses (``E1.2``)."""
    out: list[Finding] = []
    seen = rule["requirement_matches"]
    by_id = {group.id: group for group in table.groups}
    for counts in rule["groups"]:
        group = by_id.get(counts["id"])
        if group is None:
            continue
        labels = {g.id: _named(g) for g in table.groups}
        out += _measured(f"exclusion {_named(group)}", counts, counts["only_this_group"], labels, "group", seen,
                         over_broad, group.span)
        parts = {part.id: part for part in group.parts}
        if len(parts) < 2:
            continue
        labels = {part.id: _named_clause(part) for g in table.groups for part in g.parts}
        for clause in counts.get("clauses", []):
            part = parts.get(clause["id"])
            if part is not None:
                out += _measured(f"exclusion clause {_named_clause(part)} `{to_text(part.condition)}`", clause,
                                 clause["only_this_clause"], labels, "clause", seen, over_broad, group.span)
    return out


def _measured(name: str, counts: dict[str, Any], alone: int, labels: dict[str, str], unit: str, seen: int,
              over_broad: float, span: ast.Span | None) -> list[Finding]:
    """Stale, shadowed and over-broad findings of one group or clause from its counts."""
    suppressed = counts["suppressed"]
    if suppressed == 0:
        why = f"{seen:,} matched the requirements" if seen else \
            "the requirements matched none, so the data scanned does not test it"
        return [Finding("CE101", "warning", f"{name} is stale: it suppressed no record ({why})", span)]
    out = []
    covering = [other for other, both in counts["overlaps"].items() if both == suppressed]
    if covering:
        out.append(Finding("CE102", "warning", f"{name} is shadowed: each of the {suppressed:,} records it "
                           f"suppressed, {labels.get(covering[0], covering[0])} suppressed too", span))
    elif alone == 0:
        others = ", ".join(labels.get(other, other) for other in counts["overlaps"])
        out.append(Finding("CE102", "warning", f"{name} is shadowed: each of the {suppressed:,} records it "
                           f"suppressed, another {unit} ({others}) suppressed too", span))
    share = 100.0 * suppressed / seen if seen else 0.0
    if share > over_broad:
        out.append(Finding("CE103", "warning", f"{name} is over-broad: it suppressed {suppressed:,} of {seen:,} "
                           f"records the requirements matched ({share:.1f}% > {over_broad:g}%)", span))
    return out


def stale_report(rule: dict[str, Any], table: ExclusionTable) -> str | None:
    """Why a report's rule no longer fits the rule's exclusions (None when it fits)."""
    now = {group.id: to_text(group.condition) for group in table.groups}
    then = {group["id"]: group["condition"] for group in rule["groups"]}
    if now != then:
        return "its exclusion groups changed since the report was written"
    return None


def _named(group: ExclusionGroup) -> str:
    return f"{group.id} ({group.name})" if group.name else group.id


def _named_clause(clause: ExclusionClause) -> str:
    return clause.id if clause.label == clause.id else f"{clause.id} ({clause.label})"
