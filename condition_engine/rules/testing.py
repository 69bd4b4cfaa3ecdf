"""Running rules' embedded tests, with Panther's semantics, and measuring exclusion coverage.

A policy's condition describes the violation, so a policy test passes when the condition's result
equals ``not ExpectedResult``; a rule test passes when it equals ``ExpectedResult``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..explain import explain
from ..interpreter import evaluate
from ..render import to_text
from .pack import LoadedRule, RulePack


@dataclass(frozen=True)
class TestResult:
    """One embedded test: what the condition gave, what was expected, and why when it failed."""

    rule_id: str
    name: str
    expected: bool
    matched: bool
    passed: bool
    file: str
    explanation: str = ""
    policy: bool = False
    expected_alerts: int | None = None  # a test of Logs: the alerts expected, and made
    alerts: int | None = None

    __test__ = False

    def failure(self) -> str:
        """Why it failed, in the rule file's terms (a policy's condition describes the violation)."""
        if self.expected_alerts is not None:
            return (f"ExpectedAlerts: {self.expected_alerts}, but the records made {self.alerts} alert"
                    f"{'' if self.alerts == 1 else 's'}")
        expected = str(self.expected).lower()
        if self.policy:
            meaning = "compliant" if self.expected else "a violation"
            return (f"ExpectedResult: {expected} ({meaning}), but the condition, which describes the violation, "
                    f"{'matched' if self.matched else 'did not match'}")
        meaning = "an alert" if self.expected else "no alert"
        return f"ExpectedResult: {expected} ({meaning}), but the condition {'matched' if self.matched else 'did not match'}"

    def to_dict(self) -> dict[str, Any]:
        if self.expected_alerts is not None:
            return {"rule_id": self.rule_id, "test": self.name, "expected_alerts": self.expected_alerts,
                    "alerts": self.alerts, "passed": self.passed, "file": self.file, "explanation": self.explanation}
        return {"rule_id": self.rule_id, "test": self.name, "expected": self.expected,
                "condition_result": self.matched, "passed": self.passed, "file": self.file,
                "explanation": self.explanation}


@dataclass(frozen=True)
class ClauseCoverage:
    """Whether some test exercises one exclusion clause (requirements hold, the clause suppresses)."""

    group: str
    clause: str
    tests: tuple[str, ...]

    @property
    def covered(self) -> bool:
        return bool(self.tests)


@dataclass(frozen=True)
class RuleReport:
    """A rule's test results and exclusion coverage."""

    rule: LoadedRule
    results: tuple[TestResult, ...]
    coverage: tuple[ClauseCoverage, ...]

    @property
    def passed(self) -> bool:
        return all(result.passed for result in self.results)

    def uncovered(self) -> tuple[ClauseCoverage, ...]:
        return tuple(c for c in self.coverage if not c.covered)

    def matching_counts(self) -> tuple[int, int]:
        """(tests expecting an alert, tests expecting none) in the rule's own terms."""
        alerting = sum(1 for r in self.results if r.expected != self.rule.model.is_policy)
        return alerting, len(self.results) - alerting


@dataclass(frozen=True)
class TestRun:
    """Every rule's report."""

    reports: tuple[RuleReport, ...] = field(default=())
    correlations: tuple[TestResult, ...] = field(default=())  # the tests of correlation rules

    __test__ = False

    @property
    def failures(self) -> tuple[TestResult, ...]:
        return tuple(r for r in self.results if not r.passed)

    @property
    def results(self) -> tuple[TestResult, ...]:
        return tuple(r for report in self.reports for r in report.results) + self.correlations


def run_rule(rule: LoadedRule) -> RuleReport:
    """Run one rule's tests and measure its exclusion coverage."""
    results = []
    for test in rule.model.Tests:
        if test.alerting:
            results.append(alert_test(rule, test))
            continue
        matched = bool(rule.matches(test.document))
        assert test.ExpectedResult is not None  # a test without Logs has one (RuleTest's validator)
        wanted = (not test.ExpectedResult) if rule.model.is_policy else test.ExpectedResult
        passed = matched == wanted
        why = "" if passed else str(explain(rule.condition, test.document))
        results.append(TestResult(rule.id, test.Name, test.ExpectedResult, matched, passed,
                                  str(rule.path), why, rule.model.is_policy))
    return RuleReport(rule, tuple(results), coverage(rule))


def alert_test(rule: LoadedRule, test: Any) -> TestResult:
    """A test of Logs: the rule over each record, its findings made into alerts, the alerts counted."""
    from ..alerts import Alerter
    from ..alerts.model import AlertRule, from_rule

    try:
        alert_rule = from_rule(rule) or AlertRule(rule.id, rule.title, rule.severity, "threshold", (rule.id,), 3600.0)
    except ValueError as error:
        return TestResult(rule.id, test.Name, False, False, False, str(rule.path), str(error),
                          expected_alerts=test.ExpectedAlerts, alerts=0)
    problems: list[str] = []
    alerter = Alerter([alert_rule], on_bad=lambda message, finding, record: problems.append(
        f"record {finding['line']}: {message}"))
    for number, record in enumerate(test.Logs, 1):
        if rule.matches(record):
            alerter.observe({"rule_id": rule.id, "file": str(rule.path), "line": number}, record)
    made = len(alerter.alerts())
    untimed = sum(alerter.stats.without_time.values())
    notes = problems + ([f"{untimed} matching records have no time"] if untimed else [])
    return TestResult(rule.id, test.Name, False, False, made == test.ExpectedAlerts and not problems,
                      str(rule.path), "; ".join(notes), expected_alerts=test.ExpectedAlerts, alerts=made)


def run_correlations(pack: RulePack) -> tuple[TestResult, ...]:
    """The tests of the pack's correlation rules: each test's records run through the base rules, their
    findings made into the correlation's alerts, the alerts counted."""
    from ..alerts import Alerter

    rules = {rule.id: rule for rule in pack}
    out = []
    for correlation in pack.correlations:
        for name, expected, logs in correlation.tests:
            problems: list[str] = []

            def on_bad(message: str, finding: dict[str, Any], record: Any, into: list[str] = problems) -> None:
                into.append(f"record {finding['line']}: {message}")

            alerter = Alerter([correlation.alert_rule()], on_bad=on_bad)
            for number, record in enumerate(logs, 1):
                for source in dict.fromkeys(correlation.sources):
                    if source in rules and rules[source].matches(record):
                        alerter.observe({"rule_id": source, "file": str(correlation.path), "line": number}, record)
            made = len(alerter.alerts())
            untimed = sum(alerter.stats.without_time.values())
            notes = problems + ([f"{untimed} matching records have no time"] if untimed else [])
            out.append(TestResult(correlation.id, name, False, False, made == expected and not problems,
                                  str(correlation.path), "; ".join(notes), expected_alerts=expected, alerts=made))
    return tuple(out)


def coverage(rule: LoadedRule) -> tuple[ClauseCoverage, ...]:
    """For each exclusion clause, the tests whose document meets the requirements and is suppressed by it."""
    table = rule.exclusions
    documents = [(test.Name, test.document) for test in rule.model.Tests if not test.alerting]
    eligible = [(name, doc) for name, doc in documents
                if all(evaluate(requirement, doc) for requirement in table.requirements)]
    out = []
    applied = {exception.id for exception in rule.exceptions}  # exceptions are covered by their own tests
    for clause in table.clauses():  # the clauses of the exclusions table and report (E1.2, a filter's name)
        if clause.group.name in applied:
            continue
        tests = tuple(name for name, doc in eligible if evaluate(clause.condition, doc))
        out.append(ClauseCoverage(clause.label, to_text(clause.condition), tests))
    return tuple(out)


def run_tests(pack: RulePack, *, skip_disabled: bool = False) -> TestRun:
    """Run the tests of every rule in a pack (disabled rules too, unless ``skip_disabled``).

    >>> from condition_engine import load_rules
    >>> run = load_rules().filter(ids=["AWS.CMK.KeyRotation"]).run_tests()
    >>> len(run.results), len(run.failures)
    (5, 0)
    """
    rules = [rule for rule in pack if rule.enabled or not skip_disabled]
    return TestRun(tuple(run_rule(rule) for rule in rules), run_correlations(pack))
