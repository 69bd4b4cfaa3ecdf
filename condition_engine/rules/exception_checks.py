"""Checking exceptions: their own tests, their expiry, and lint findings located in their files.

| code  | severity | finding |
|-------|----------|---------|
| CE201 | warning  | the exception targets no rule |
| CE202 | warning  | a field of its condition appears in no test record of the rules it targets (nor of their types) |
| CE203 | error    | it makes a targeted rule unsatisfiable: it suppresses everything the requirements allow |
| CE204 | warning  | it is implied by an exclusion the targeted rule already has (redundant) |
| CE205 | error    | one of its own tests fails |
"""
from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .. import ast
from ..analysis import exclusions, lint
from ..analysis.exclusion_findings import group_implies
from ..analysis.lint import _and_leaves
from ..analysis.normal_forms import to_nnf
from ..interpreter import evaluate
from ..render import to_text
from .exceptions import LoadedException
from .field_checks import known_fields, neighbours, unknown_fields
from .pack import LoadedRule, RulePack


@dataclass(frozen=True)
class ExceptionFinding:
    """A finding about an exception, located in its file."""

    exception: str
    file: str
    line: int
    column: int
    code: str
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity}[{self.code}]: {self.exception}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {"exception": self.exception, "file": self.file, "line": self.line, "column": self.column,
                "code": self.code, "severity": self.severity, "message": self.message}


@dataclass(frozen=True)
class ExceptionTestResult:
    """One of an exception's own tests."""

    exception: str
    name: str
    expected: bool
    suppressed: bool
    file: str

    @property
    def passed(self) -> bool:
        return self.expected == self.suppressed


def run_exception_tests(exception: LoadedException) -> list[ExceptionTestResult]:
    """Each test: whether the exception's condition holds for its record, against ``Suppressed``.

    >>> from condition_engine import load_rules
    >>> pack = load_rules("examples/exceptions")
    >>> [r.passed for r in run_exception_tests(pack.exceptions[0])]
    [True, True]
    """
    return [ExceptionTestResult(exception.id, test.Name, test.Suppressed, evaluate(exception.condition, test.document),
                                str(exception.path)) for test in exception.model.Tests]


def expiry_messages(pack: RulePack, within_days: int | None = None) -> tuple[list[str], list[str]]:
    """(errors for expired exceptions, warnings for those expiring within ``within_days``)."""
    today = pack.today or datetime.date.today()
    expired, expiring = [], []
    for exception in pack.exceptions:
        left = exception.days_left(today)
        if left is None or not exception.model.Enabled:
            continue
        who = f"owner {exception.model.Owner}" + (f", ticket {exception.model.Ticket}" if exception.model.Ticket else "")
        if left < 0:
            expired.append(f"exception {exception.id} ({exception.path}) expired on {exception.model.Expires} and no "
                           f"longer applies to {', '.join(exception.targets) or 'any rule'}: renew or remove it ({who})")
        elif within_days is not None and left <= within_days:
            expiring.append(f"exception {exception.id} ({exception.path}) expires on {exception.model.Expires}, in "
                            f"{left} days ({who})")
    return expired, expiring


def exception_findings(pack: RulePack) -> list[ExceptionFinding]:
    """CE201–CE205 for every exception of the pack, in file order."""
    rules = {rule.id: rule for rule in pack}
    out: list[ExceptionFinding] = []
    for exception in pack.exceptions:
        out.extend(_findings(exception, [rules[r] for r in exception.targets if r in rules], pack))
    return out


def _finding(exception: LoadedException, key: tuple[Any, ...], code: str, severity: str,
             message: str) -> ExceptionFinding:
    line, column = exception.where(key)
    return ExceptionFinding(exception.id, str(exception.path), line, column, code, severity, message)


def _findings(exception: LoadedException, targets: list[LoadedRule], pack: RulePack) -> Iterator[ExceptionFinding]:
    if not exception.targets:
        yield _finding(exception, ("Targets",), "CE201", "warning", "targets no rule: it suppresses nothing")
    yield from _unknown_fields(exception, targets, pack)
    for rule in targets:
        condition, table = _with_exception(rule, exception)
        group = next(g for g in table.groups if g.name == exception.id)
        if any(f.code == "CE005" and f.span == group.span for f in lint(condition)):
            yield _finding(exception, ("Condition",), "CE203", "error", f"makes {rule.id} unsatisfiable: it "
                           "suppresses every record the rule's requirements allow")
        context = tuple(leaf for r in table.requirements for leaf in _and_leaves(to_nnf(r)))
        for other in table.groups:
            if other is not group and other.name not in {e.id for e in rule.exceptions} \
                    and group_implies(group, other, context):
                yield _finding(exception, ("Condition",), "CE204", "warning", f"is redundant in {rule.id}: its "
                               f"exclusion {other.label} `{to_text(other.condition)}` already suppresses every "
                               "record this exception does")
                break
    for index, result in enumerate(run_exception_tests(exception)):
        if not result.passed:
            verb = "suppress" if result.expected else "not suppress"
            yield _finding(exception, ("Tests", index), "CE205", "error", f"test {result.name!r} fails: it should "
                           f"{verb} its record, and the condition is {str(result.suppressed).lower()}")


def _with_exception(rule: LoadedRule, exception: LoadedException):
    """The rule's condition with the exception applied (it is not when expired or disabled), and its table."""
    names = dict(rule.model.ExclusionNames or {})
    condition = rule.condition
    if exception not in rule.exceptions:
        condition = ast.And(operands=(condition, ast.Not(operand=exception.condition)))
        names[exception.id] = to_text(exception.condition)
    return condition, exclusions(condition, names)


def _unknown_fields(exception: LoadedException, targets: list[LoadedRule], pack: RulePack) -> Iterator[ExceptionFinding]:
    sources = {id(rule): rule for target in targets for rule in neighbours(target, pack)}
    known = known_fields(sources.values())
    for finding in unknown_fields(exception.condition, known, "the rules it targets or of their types"):
        yield _finding(exception, ("Condition",), "CE202", "warning", finding.message)
