"""What the catalog website shows, worked out from a rule pack: no HTML here.

Each rule becomes a :class:`RuleEntry` (its metadata, exclusion table rows with groups, exceptions,
tests run now, and suppression counts from an exclusion report when one is given); the pack becomes
the index, the ATT&CK matrix and the inventory of every exclusion group and exception.
"""
from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from ..analysis.exclusion_tables import footnotes, group_lines
from ..analysis.exclusions import ExclusionRow
from ..analysis.fields import fields
from ..render import to_text
from ..rules.attack import mappings, tactic_name
from ..rules.pack import LoadedRule, RulePack, severity_rank
from ..rules.page_names import page_stems
from ..rules.testing import TestResult, run_rule

#: ATT&CK Enterprise tactics in kill-chain order (the matrix's columns, left to right); v19 splits Defense
#: Evasion (TA0005) into Stealth and Defense Impairment, which stand in its place when rules use them.
TACTIC_ORDER = ("TA0043", "TA0042", "TA0001", "TA0002", "TA0003", "TA0004", "TA0005", "stealth",
                "defense-impairment", "TA0006", "TA0007", "TA0008", "TA0009", "TA0011", "TA0010", "TA0040")
_V19 = ("stealth", "defense-impairment")
#: Days before expiry from which the inventory calls an exception "expiring".
EXPIRING_DAYS = 30


def page_paths(rule_ids: Iterable[str]) -> dict[str, str]:
    """Each rule page's stable path in the site by ID; the names are those of the ``docs`` pages.

    >>> page_paths(["AWS.CMK.KeyRotation", "a/b"])
    {'AWS.CMK.KeyRotation': 'rules/AWS.CMK.KeyRotation.html', 'a/b': 'rules/a_b~c14cddc033f6.html'}
    """
    return {rule_id: f"rules/{stem}.html" for rule_id, stem in page_stems(rule_ids).items()}


@dataclass(frozen=True)
class ClauseEntry:
    """One exclusion clause of a group of several (``E1.2``), with its counts when a report gives them."""

    id: str
    label: str
    condition: str
    fields: tuple[str, ...]
    suppressed: int | None = None
    only_this_clause: int | None = None


@dataclass(frozen=True)
class GroupEntry:
    """One exclusion group of a rule, its clauses when it has several, and its suppression counts when a
    report gives them."""

    id: str
    label: str
    condition: str
    fields: tuple[str, ...]
    kind: str  # "exclusion", "Sigma filter" or "exception"
    suppressed: int | None = None
    only_this_group: int | None = None
    clauses: tuple[ClauseEntry, ...] = ()


@dataclass(frozen=True)
class ExceptionEntry:
    """An exception as a catalog shows it: who owns it, why, until when."""

    id: str
    condition: str
    fields: tuple[str, ...]
    owner: str
    reason: str
    ticket: str
    expires: str
    status: str  # active, expiring, expired, disabled
    days_left: int | None
    targets: tuple[str, ...]


@dataclass(frozen=True)
class RuleEntry:
    """Everything one rule page and its index row show."""

    rule: LoadedRule
    path: str
    techniques: tuple[tuple[str, str, str], ...]  # (tactic name, technique id, technique name)
    rows: tuple[ExclusionRow, ...]
    grouped: bool
    notes: tuple[str, ...]
    groups: tuple[GroupEntry, ...]
    exceptions: tuple[ExceptionEntry, ...]
    tests: tuple[TestResult, ...]
    report: dict[str, Any] | None = None

    @property
    def kind(self) -> str:
        return "Sigma" if self.rule.model.Sigma is not None else "Panther"

    @property
    def technique_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t for _, t, _ in self.techniques if t))

    def row_label(self, row: ExclusionRow) -> str:
        """The Group cell of a row: the clause (``E1.3``) or the group's label."""
        return row.clause or next(g.label for g in self.groups if g.id == row.groups[0])


@dataclass
class Catalog:
    """The pack as the site shows it: rule entries in ID order, the matrix and the inventory."""

    entries: list[RuleEntry]
    exceptions: list[ExceptionEntry]
    today: datetime.date
    reported: bool = False
    matrix: list[tuple[str, str, list[tuple[str, str, list[RuleEntry]]]]] = field(default_factory=list)

    @classmethod
    def from_pack(cls, pack: RulePack, report: dict[str, dict] | None = None) -> Catalog:
        """The catalog of ``pack``; ``report`` maps rule IDs to a ``scan --exclusion-report`` entry.

        >>> from condition_engine.rules.loader import load_rules
        >>> Catalog.from_pack(load_rules()).entry("AWS.CMK.KeyRotation").groups[0].condition[:14]
        'Origin ne "AWS'
        """
        today = pack.today or datetime.date.today()
        exceptions = [exception_entry(e, today) for e in pack.exceptions]
        by_id = {e.id: e for e in exceptions}
        paths = page_paths(rule.id for rule in pack)
        entries = [rule_entry(rule, by_id, (report or {}).get(rule.id), paths[rule.id])
                   for rule in sorted(pack, key=lambda r: r.id)]
        catalog = cls(entries, exceptions, today, reported=report is not None)
        catalog.matrix = attack_matrix(entries)
        return catalog

    def entry(self, rule_id: str) -> RuleEntry:
        return next(e for e in self.entries if e.rule.id == rule_id)

    def inventory(self) -> list[dict[str, Any]]:
        """One row per exclusion group (exceptions' groups aside), per clause of a group of several, and per
        exception × rule it targets."""
        rows = []
        for entry in self.entries:
            for group in entry.groups:
                if group.kind == "exception":
                    continue
                rows.append({"rule": entry, "group": group.label, "kind": group.kind, "condition": group.condition,
                             "fields": group.fields, "owner": "", "expires": "", "status": "",
                             "suppressed": group.suppressed})
                rows += [{"rule": entry, "group": clause.label, "kind": "exclusion clause",
                          "condition": clause.condition, "fields": clause.fields, "owner": "", "expires": "",
                          "status": "", "suppressed": clause.suppressed} for clause in group.clauses]
        rules = {e.rule.id: e for e in self.entries}
        for exception in self.exceptions:
            for target in exception.targets or ("",):
                target_entry = rules.get(target)
                suppressed = next((g.suppressed for g in target_entry.groups if g.label == exception.id), None) \
                    if target_entry else None
                rows.append({"rule": target_entry, "group": exception.id, "kind": "exception",
                             "condition": exception.condition, "fields": exception.fields,
                             "owner": exception.owner, "expires": exception.expires, "status": exception.status,
                             "suppressed": suppressed})
        return rows


def rule_entry(rule: LoadedRule, exceptions: dict[str, ExceptionEntry], report: dict[str, Any] | None,
               path: str) -> RuleEntry:
    """One rule's entry at ``path`` (see :func:`page_paths`): exclusion rows in the one table order with their
    groups, tests run now."""
    table = rule.exclusions
    counted = {g["id"]: g for g in (report or {}).get("groups", [])}
    sigma = rule.model.Sigma is not None
    groups = []
    for group in table.groups:
        kind = "exception" if group.name in exceptions else "Sigma filter" if sigma and group.name else "exclusion"
        counts = counted.get(group.id, {})
        by_clause = {c["id"]: c for c in counts.get("clauses", [])}
        parts = group.parts
        clauses = tuple(ClauseEntry(c.id, c.label, to_text(c.condition), field_names(c.condition),
                                    by_clause.get(c.id, {}).get("suppressed"),
                                    by_clause.get(c.id, {}).get("only_this_clause"))
                        for c in parts) if len(parts) > 1 else ()
        groups.append(GroupEntry(group.id, group.label, to_text(group.condition),
                                 field_names(group.condition), kind,
                                 counts.get("suppressed"), counts.get("only_this_group"), clauses))
    # The exclusions table is the rule's own groups (exceptions have their own table), in the table's row order.
    own = replace(table, groups=tuple(g for g, entry in zip(table.groups, groups) if entry.kind != "exception"))
    rows = own.grouped_rows()
    techniques = tuple((m.tactic_name or m.tactic, m.technique, m.technique_name or "")
                       for m in mappings(rule.model.Reports))
    applied = tuple(exceptions[e.id] for e in rule.exceptions if e.id in exceptions)
    notes = tuple(footnotes(own.groups) + group_lines(own.groups))
    return RuleEntry(rule, path, techniques, tuple(rows), own.grouped, notes,
                     tuple(groups), applied, tuple(run_rule(rule).results), report)


def field_names(condition: Any) -> tuple[str, ...]:
    """The field paths a condition reads, sorted.

    >>> field_names('b eq 1 or a exists')
    ('a', 'b')
    """
    return tuple(sorted(use.path for use in fields(condition)))


def exception_entry(exception: Any, today: datetime.date) -> ExceptionEntry:
    """An exception's owner, reason, ticket, expiry and status on ``today``."""
    model = exception.model
    left = exception.days_left(today)
    status = exception.status(today)
    if status == "active" and left is not None and left <= EXPIRING_DAYS:
        status = "expiring"
    return ExceptionEntry(exception.id, to_text(exception.condition), field_names(exception.condition),
                          model.Owner, " ".join(model.Reason.split()), model.Ticket or "",
                          str(model.Expires or ""), status, left, tuple(exception.targets))


def attack_matrix(entries: list[RuleEntry]) -> list[tuple[str, str, list[tuple[str, str, list[RuleEntry]]]]]:
    """(tactic id, tactic name, [(technique id, technique name, rules)]) in kill-chain order, techniques
    covered by at least one rule, sorted by ID."""
    cells: dict[str, dict[tuple[str, str], list[RuleEntry]]] = defaultdict(dict)
    for entry in entries:
        for m in mappings(entry.rule.model.Reports):
            if m.technique:
                rules = cells[m.tactic].setdefault((m.technique, m.technique_name or ""), [])
                if entry not in rules:
                    rules.append(entry)
    order = {tactic: number for number, tactic in enumerate(TACTIC_ORDER)}
    shown = set(TACTIC_ORDER) - set(_V19)  # every tactic, so that gaps show; v19's two where rules use them
    if any(tactic in cells for tactic in _V19) and "TA0005" not in cells:
        shown = (shown - {"TA0005"}) | set(_V19)
    columns = []
    for tactic in sorted(shown | set(cells), key=lambda t: (order.get(t, len(order)), t)):
        techniques = sorted(cells.get(tactic, {}).items())
        columns.append((tactic, tactic_name(tactic) or tactic, [(t, name, rules) for (t, name), rules in techniques]))
    return columns


def index_order(entries: list[RuleEntry]) -> list[RuleEntry]:
    """The index's default order: most severe first, then by ID."""
    return sorted(entries, key=lambda e: (-severity_rank(e.rule.severity), e.rule.id))
