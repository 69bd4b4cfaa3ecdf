"""Exclusions measured: which group and clause suppresses which records, and what a rule reports without some.

A rule ``R1 and … and not X1 and not X2`` suppresses a record when its requirements hold and an
exclusion group ``Xi`` holds, i.e. one of its clauses (the disjuncts of Xi in DNF: ``E1.2``) holds.
Each (rule, clause) pair becomes a *probe* — the condition ``requirements and clause`` with the rule's
types — that every engine runs like a rule: the Python engine in the rule's generated function, DuckDB
and Spark in their SQL.  A probe's hits are suppressions, tallied here the same way for every engine
(a group counts a record when one of its clauses does), so their reports are identical.

A *what-if* rule is the rule without some groups or clauses (``--ignore-exclusion``,
``--no-exclusions``); its findings carry ``suppressed_by``: the ignored clauses that would have
suppressed them.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import permutations
from typing import Any

from .. import ast
from ..analysis.exclusions import ExclusionClause, requirements
from ..compiler import compile as compile_condition
from ..errors import ConditionError
from ..render import to_text
from ..rules.pack import LoadedRule
from .findings import finding
from .readers import location

#: Sample locations kept per group.
SAMPLES = 3
#: What a condition with nothing left holds as: true for every record (``_ exists or not _ exists``).
_EVERYTHING = ast.Or(operands=(ast.Exists(path=ast.Path(steps=(ast.Key(name="_"),))),
                               ast.Not(operand=ast.Exists(path=ast.Path(steps=(ast.Key(name="_"),))))))


def _conjunction(parts: list[ast.Expr]) -> ast.Expr:
    return _EVERYTHING if not parts else parts[0] if len(parts) == 1 else ast.And(operands=tuple(parts))


@dataclass(eq=False)
class Probe(LoadedRule):
    """"The rule's requirements hold and this exclusion clause holds": run by the engines like a rule."""

    rule: LoadedRule | None = None
    clause: ExclusionClause | None = None

    @property
    def id(self) -> str:
        assert self.rule is not None and self.clause is not None  # defaults only as dataclass fields after others
        return f"{self.rule.id}#{self.clause.id}"


@dataclass(eq=False)
class WhatIfRule(LoadedRule):
    """A rule without some of its exclusion clauses; its findings say which of them would suppress."""

    ignored: tuple[ExclusionClause, ...] = ()

    @cached_property
    def _ignored_functions(self) -> list[tuple[str, Callable[[Any], bool]]]:
        return [(clause.id, compile_condition(clause.condition)) for clause in self.ignored]

    def suppressed_by(self, record: Any) -> list[str]:
        """The ids of the ignored clauses that hold for ``record`` (``E1.2``; ``E1`` for a group of one)."""
        return [clause_id for clause_id, holds in self._ignored_functions if holds(record)]


def probes(rules: Iterable[LoadedRule]) -> list[Probe]:
    """One probe per exclusion clause of each rule, in rule order then clause order."""
    out = []
    for rule in rules:
        required = list(requirements(rule.condition))
        for clause in rule.exclusions.clauses():
            out.append(Probe(model=rule.model, condition=_conjunction(required + [clause.condition]),
                             path=rule.path, source=rule.source, rule=rule, clause=clause))
    return out


def parse_ignored(specs: Iterable[str], rules: list[LoadedRule], everything: bool = False) -> dict[str, list[str]]:
    """``RULE_ID:GROUP`` or ``RULE_ID:CLAUSE`` options as {rule id: [group or clause ids]}; ``everything``
    ignores every group.

    Raises ConditionError (E602) naming an unknown rule, or the groups and clauses a rule has.
    """
    by_id = {rule.id: rule for rule in rules}
    out: dict[str, list[str]] = {}
    if everything:
        out = {rule.id: [g.id for g in rule.exclusions.groups] for rule in rules if rule.exclusions.groups}
    for spec in specs:
        rule_id, colon, key = spec.rpartition(":")
        if not colon or not rule_id or not key:
            raise ConditionError(f"--ignore-exclusion {spec!r}: expected RULE_ID:GROUP or RULE_ID:CLAUSE, "
                                 "e.g. AWS.CMK.KeyRotation:E1.2", code="E602")
        if rule_id not in by_id:
            raise ConditionError(f"--ignore-exclusion {spec!r}: no rule {rule_id!r} among the "
                                 f"{len(by_id)} rules selected", code="E602")
        try:
            target = by_id[rule_id].exclusions.clause(key)
        except KeyError as error:
            raise ConditionError(f"--ignore-exclusion {spec!r}: {error.args[0]}", code="E602") from None
        if target.id not in out.setdefault(rule_id, []):
            out[rule_id].append(target.id)
    return out


def what_if(rules: list[LoadedRule], ignored: dict[str, list[str]]) -> list[LoadedRule]:
    """The rules with the ignored groups and clauses taken out (the others unchanged)."""
    out: list[LoadedRule] = []
    for rule in rules:
        drop = ignored.get(rule.id)
        if not drop:
            out.append(rule)
            continue
        kept: list[ast.Expr] = []
        gone: list[ExclusionClause] = []
        for group in rule.exclusions.groups:
            parts = group.parts
            left = [] if group.id in drop else [c for c in parts if c.id not in drop]
            gone += [c for c in parts if c not in left]
            if len(left) == len(parts):
                kept.append(ast.Not(operand=group.condition))
            elif left:
                rest = [c.condition for c in left]
                kept.append(ast.Not(operand=rest[0] if len(rest) == 1 else ast.Or(operands=tuple(rest))))
        condition = _conjunction(list(requirements(rule.condition)) + kept)
        out.append(WhatIfRule(model=rule.model, condition=condition, path=rule.path, source=rule.source,
                              ignored=tuple(gone)))
    return out


def make_finding(rule: LoadedRule, record: Any, file: str, line: int, record_type: str | None) -> Any:
    """The engines' finding factory in a measured scan: a probe's hit is a suppression ``(probe, file,
    line)``; a what-if rule's finding carries ``suppressed_by``."""
    if type(rule) is Probe:
        return (rule, file, line)
    item = finding(rule, record, file, line, record_type)
    if type(rule) is WhatIfRule:
        item["suppressed_by"] = rule.suppressed_by(record)
    return item


@dataclass
class _Tally:
    """Counts of one group or clause."""

    suppressed: int = 0
    alone: int = 0
    overlaps: Counter = field(default_factory=Counter)
    samples: list[str] = field(default_factory=list)

    def add(self, alone: bool, where: str) -> None:
        self.suppressed += 1
        if alone:
            self.alone += 1
        if len(self.samples) < SAMPLES:
            self.samples.append(where)


@dataclass
class _RuleTally:
    rule: LoadedRule
    groups: dict[str, _Tally]
    clauses: dict[str, _Tally]
    group_of: dict[str, str]
    matched: int = 0
    suppressed: int = 0
    several: int = 0
    current: tuple[str, int] | None = None
    pending: list[str] = field(default_factory=list)

    def close(self) -> None:
        """Count the record whose suppressions (clause ids) were being gathered."""
        if not self.pending:
            return
        clauses = self.pending
        assert self.current is not None  # set with the first pending clause
        groups = list(dict.fromkeys(self.group_of[c] for c in clauses))
        self.suppressed += 1
        if len(groups) > 1:
            self.several += 1
        where = location(*self.current)
        for ids, tallies in ((groups, self.groups), (clauses, self.clauses)):
            for one in ids:
                tallies[one].add(len(ids) == 1, where)
            for a, b in permutations(ids, 2):
                tallies[a].overlaps[b] += 1
        self.pending = []


class SuppressionTally:
    """Suppressions and matches per rule, group and clause, fed by a measured scan's findings."""

    def __init__(self, rules: list[LoadedRule]) -> None:
        self.rules: dict[str, _RuleTally] = {}
        for rule in rules:
            table = rule.exclusions
            if table.groups:
                self.rules[rule.id] = _RuleTally(rule, {g.id: _Tally() for g in table.groups},
                                                 {c.id: _Tally() for c in table.clauses()},
                                                 {c.id: c.group.id for c in table.clauses()})

    def sink(self, emit: Callable[[dict[str, Any]], None]) -> Callable[[Any], None]:
        """An ``emit`` for the engines: suppressions are counted, findings counted and passed on."""
        rules = self.rules

        def take(item: Any) -> None:
            if item.__class__ is tuple:
                probe, file, line = item
                tally = rules[probe.rule.id]
                if tally.current != (file, line):
                    tally.close()
                    tally.current = (file, line)
                tally.pending.append(probe.clause.id)
                return
            counted = rules.get(item["rule_id"])
            if counted is not None and not item.get("suppressed_by"):
                counted.matched += 1
            emit(item)
        return take

    def report(self) -> dict[str, Any]:
        """The exclusion report (see docs/analysis.md): per rule matched, suppressed, and per group and clause."""
        out = []
        for tally in self.rules.values():
            tally.close()
            groups = []
            for group in tally.rule.exclusions.groups:
                counts = tally.groups[group.id]
                clauses = [{"id": clause.id, "label": clause.label, "condition": to_text(clause.condition),
                            **_counts(tally.clauses[clause.id], tally.clauses, "only_this_clause")}
                           for clause in group.parts]
                groups.append({"id": group.id, "name": group.name, "condition": to_text(group.condition),
                               **_counts(counts, tally.groups, "only_this_group"), "clauses": clauses})
            out.append({"rule_id": tally.rule.id, "title": tally.rule.title,
                        "requirement_matches": tally.matched + tally.suppressed, "matched": tally.matched,
                        "suppressed": tally.suppressed, "suppressed_by_several": tally.several,
                        "groups": groups})
        return {"version": 1, "rules": out}


def _counts(counts: _Tally, every: dict[str, _Tally], alone: str) -> dict[str, Any]:
    return {"suppressed": counts.suppressed, alone: counts.alone,
            "overlaps": {other: counts.overlaps[other] for other in every if counts.overlaps[other]},
            "samples": counts.samples}


def summary_lines(report: dict[str, Any]) -> list[str]:
    """One line per rule with suppressions, for the scan summary on stderr: per group, and per clause
    within a group of several clauses."""
    lines = []
    for rule in report["rules"]:
        if not rule["suppressed"]:
            continue
        parts = ", ".join(f"{g['name'] or g['id']} {g['suppressed']:,}" + _clause_counts(g)
                          for g in rule["groups"] if g["suppressed"])
        several = f"; {rule['suppressed_by_several']:,} by several" if rule["suppressed_by_several"] else ""
        lines.append(f"  suppressed {rule['suppressed']:>8,}  {rule['rule_id']} ({parts}{several})")
    return lines


def _clause_counts(group: dict[str, Any]) -> str:
    clauses = group.get("clauses", [])
    if len(clauses) < 2:
        return ""
    return " [" + ", ".join(f"{c['label']} {c['suppressed']:,}" for c in clauses if c["suppressed"]) + "]"
