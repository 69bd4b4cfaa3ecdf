"""Subcommands on rule packs: test and docs."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

import click

from ..rules.exception_checks import ExceptionTestResult, expiry_messages, run_exception_tests
from ..rules.pages import unknown_attack_ids, write_pages
from ..rules.testing import RuleReport, TestRun, run_correlations, run_rule
from .main import cli
from .options import parse_days, report_problems, rule_selection, select_rules


@cli.command("test")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@rule_selection
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit"]), default="text", show_default=True)
@click.option("--minimum-tests", type=click.IntRange(0), default=0,
              help="Fail rules with fewer tests, or without one matching and one non-matching test.")
@click.option("--skip-disabled", is_flag=True, help="Do not run the tests of rules with Enabled: false.")
@click.option("--require-exclusion-coverage", is_flag=True,
              help="Fail rules with an exclusion clause that no test exercises.")
@click.option("--expiring-within", "expiring", metavar="DAYS",
              help="Warn about exceptions that expire within this many days (e.g. 30d).")
@click.pass_context
def test_command(ctx: click.Context, paths: tuple[str, ...], fmt: str, minimum_tests: int, skip_disabled: bool,
                 require_exclusion_coverage: bool, expiring: str | None, **selection) -> None:
    """Run the embedded tests of the selected rules (plus rule files or directories in PATHS).

    Exception files among them run their own tests too; an expired exception fails the run (it no
    longer applies, so its rules' findings come back), compared with --today.

    Exit code 0 when every test passes, 1 when one fails or an exception expired, 2 on invalid rule
    files or usage, 5 when no rule was loaded (as pytest when it collects no test).

    \b
    Examples:
      condition-engine test
      condition-engine test my-rules/ --no-bundled --minimum-tests 2 --require-exclusion-coverage
      condition-engine test --filter 'AWS.CMK.*' --format junit > results.xml
      condition-engine test examples/exceptions/ --expiring-within 30d
    """
    within = parse_days(expiring) if expiring else None
    pack = select_rules(**selection, extra_paths=paths)
    report_problems(pack)
    rules = [rule for rule in pack if rule.enabled or not skip_disabled]
    if not len(pack) and not pack.exceptions and not pack.correlations:  # nothing to test: not a pass (as pytest)
        click.echo(f"error: {no_rules_loaded(selection, paths, bool(pack.errors))}", err=True)
        ctx.exit(2 if pack.errors else NO_RULES)
    run = TestRun(tuple(run_rule(rule) for rule in rules), run_correlations(pack))
    gaps = {report.rule.id: _gaps(report, minimum_tests, require_exclusion_coverage) for report in run.reports}
    checks = ExceptionChecks.of(pack, within)
    if fmt == "json":
        click.echo(json.dumps({**_as_json(run, gaps), "exceptions": checks.to_dict()}, indent=2, ensure_ascii=False))
    elif fmt == "junit":
        click.echo(_as_junit(run, gaps, checks))
    else:
        _as_text(run, gaps, checks)
    for warning in checks.expiring:
        click.echo(f"warning: {warning}", err=True)
    untested = [report.rule.id for report in run.reports if not report.results]
    if untested:
        click.echo(f"warning: {len(untested)} of {len(run.reports)} rules have no tests: "
                   f"{', '.join(untested[:5])}{', …' if len(untested) > 5 else ''}"
                   + ("" if minimum_tests else " (--minimum-tests 1 makes that a failure)"), err=True)
    failed = bool(run.failures) or any(gaps.values()) or checks.failed
    ctx.exit(2 if pack.errors else 1 if failed else 0)


#: The exit code of `test` when no rule loads (an empty folder, a typo in a path): pytest's for "no tests".
NO_RULES = 5


def no_rules_loaded(selection: dict, paths: tuple[str, ...] = (), broken: bool = False) -> str:
    """Why a command has no rule to run, for its message (``broken``: files had errors, reported above).

    >>> no_rules_loaded({"no_bundled": True, "rule_paths": ("my-rules/",)})
    'no rules loaded from my-rules/ (rule files end in .yml or .yaml; hidden files and folders are left out)'
    """
    if broken:
        return "no rules loaded: the rule files given have the errors above"
    if selection.get("filters") or selection.get("tags") or selection.get("severity"):
        return "no rules loaded: no rule matches --filter, --tag or --severity"
    named = [*paths, *selection.get("rule_paths", ())]
    where = " from " + ", ".join(named) if named else ""
    return f"no rules loaded{where} (rule files end in .yml or .yaml; hidden files and folders are left out)"


def _gaps(report: RuleReport, minimum: int, coverage: bool) -> list[str]:
    gaps = []
    if minimum:
        alerting, quiet = report.matching_counts()
        if len(report.results) < minimum:
            gaps.append(f"has {len(report.results)} tests, fewer than --minimum-tests {minimum}")
        if not alerting or not quiet:
            gaps.append("needs at least one test that alerts and one that does not")
    if coverage:
        gaps += [f"exclusion {c.group} clause not covered by any test: {c.clause}" for c in report.uncovered()]
    return gaps


def _as_text(run: TestRun, gaps: dict[str, list[str]], checks: ExceptionChecks) -> None:
    for result in run.failures:
        click.echo(f"FAIL {result.rule_id} :: {result.name} ({result.file}): {result.failure()}")
        for line in result.explanation.splitlines():
            click.echo(f"    {line}")
    for rule_id, problems in gaps.items():
        for problem in problems:
            click.echo(f"FAIL {rule_id}: {problem}")
    for check in checks.failures:
        verb = "suppress" if check.expected else "not suppress"
        click.echo(f"FAIL exception {check.exception} :: {check.name} ({check.file}): expected it to {verb} "
                   f"the record (Suppressed: {str(check.expected).lower()}), its condition was "
                   f"{str(check.suppressed).lower()}")
    for message in checks.expired:
        click.echo(f"FAIL {message}")
    passed_rules = sum(1 for r in run.reports if r.passed and not gaps[r.rule.id])
    tests = len(run.results) + len(checks.results) + len(checks.expired)  # an expiry counts as a failed check
    failed = len(run.failures) + len(checks.failures) + len(checks.expired)
    click.echo(f"{passed_rules}/{len(run.reports)} rules passed; {tests - failed}/{tests} tests passed")
    if run.correlations:
        passing = sum(1 for r in run.correlations if r.passed)
        click.echo(f"correlations: {len({r.rule_id for r in run.correlations})}, {passing}/{len(run.correlations)} "
                   "correlation tests passed")
    if checks.results or checks.expired:
        click.echo(f"exceptions: {len(checks.exceptions)}, {len(checks.expired)} expired, "
                   f"{len(checks.results) - len(checks.failures)}/{len(checks.results)} exception tests passed")
    uncovered = sum(len(r.uncovered()) for r in run.reports)
    clauses = sum(len(r.coverage) for r in run.reports)
    click.echo(f"exclusion coverage: {clauses - uncovered}/{clauses} clauses covered")
    click.echo(f"{tests - failed} passed, {failed} failed")


def _as_json(run: TestRun, gaps: dict[str, list[str]]) -> dict:
    return {
        "rules": [{
            "rule_id": report.rule.id, "file": str(report.rule.path),
            "passed": report.passed and not gaps[report.rule.id],
            "tests": [result.to_dict() for result in report.results],
            "exclusion_coverage": [{"group": c.group, "clause": c.clause, "tests": list(c.tests)}
                                   for c in report.coverage],
            "problems": gaps[report.rule.id],
        } for report in run.reports],
        "correlations": [result.to_dict() for result in run.correlations],
        "summary": {"rules": len(run.reports), "tests": len(run.results), "failed": len(run.failures)},
    }


def _as_junit(run: TestRun, gaps: dict[str, list[str]], checks: ExceptionChecks) -> str:
    suites = ElementTree.Element("testsuites", name="condition-engine", tests=str(len(run.results)),
                                 failures=str(len(run.failures)))
    for report in run.reports:
        suite = ElementTree.SubElement(suites, "testsuite", name=report.rule.id, file=str(report.rule.path),
                                       tests=str(len(report.results)),
                                       failures=str(sum(not r.passed for r in report.results)))
        for result in report.results:
            case = ElementTree.SubElement(suite, "testcase", classname=report.rule.id, name=result.name)
            if not result.passed:
                failure = ElementTree.SubElement(case, "failure", message=result.failure())
                failure.text = result.explanation
        for problem in gaps[report.rule.id]:
            case = ElementTree.SubElement(suite, "testcase", classname=report.rule.id, name="rule checks")
            ElementTree.SubElement(case, "failure", message=problem)
    for correlation in dict.fromkeys(r.rule_id for r in run.correlations):
        results = [r for r in run.correlations if r.rule_id == correlation]
        suite = ElementTree.SubElement(suites, "testsuite", name=f"correlation {correlation}", file=results[0].file,
                                       tests=str(len(results)), failures=str(sum(not r.passed for r in results)))
        for result in results:
            case = ElementTree.SubElement(suite, "testcase", classname=correlation, name=result.name)
            if not result.passed:
                ElementTree.SubElement(case, "failure", message=result.failure()).text = result.explanation
    for exception in checks.exceptions:
        checked = [r for r in checks.results if r.exception == exception.id]
        suite = ElementTree.SubElement(suites, "testsuite", name=f"exception {exception.id}", file=str(exception.path),
                                       tests=str(len(checked)), failures=str(sum(not r.passed for r in checked)))
        for check in checked:
            case = ElementTree.SubElement(suite, "testcase", classname=exception.id, name=check.name)
            if not check.passed:
                ElementTree.SubElement(case, "failure", message="unexpected exception result")
        for message in checks.expired:
            if f"exception {exception.id} " in message:
                case = ElementTree.SubElement(suite, "testcase", classname=exception.id, name="expiry")
                ElementTree.SubElement(case, "failure", message=message)
    return ElementTree.tostring(suites, encoding="unicode")


@dataclass(frozen=True)
class ExceptionChecks:
    """What `test` checks of the pack's exceptions: their tests and their expiry."""

    exceptions: tuple
    results: tuple[ExceptionTestResult, ...]
    expired: tuple[str, ...]
    expiring: tuple[str, ...]

    @classmethod
    def of(cls, pack, within: int | None) -> ExceptionChecks:
        results = tuple(r for e in pack.exceptions for r in run_exception_tests(e))
        expired, expiring = expiry_messages(pack, within)
        return cls(pack.exceptions, results, tuple(expired), tuple(expiring))

    @property
    def failures(self) -> tuple[ExceptionTestResult, ...]:
        return tuple(r for r in self.results if not r.passed)

    @property
    def failed(self) -> bool:
        return bool(self.failures or self.expired)

    def to_dict(self) -> dict:
        return {"tests": [{"exception": r.exception, "test": r.name, "suppressed": r.suppressed,
                           "expected": r.expected, "passed": r.passed, "file": r.file} for r in self.results],
                "expired": list(self.expired), "expiring": list(self.expiring)}


@cli.command("docs")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@rule_selection
@click.option("--out", "out", type=click.Path(file_okay=False), required=True, help="Folder for the pages.")
@click.pass_context
def docs_command(ctx: click.Context, paths: tuple[str, ...], out: str, **selection) -> None:
    """Write one Markdown page per rule (the seed's format), an index and an ATT&CK Navigator layer.
    A page is <RuleID>.md, or a slug and a hash for an ID unsafe as a file name.

    \b
    Examples:
      condition-engine docs --out site/rules
      condition-engine docs my-rules/ --no-bundled --out site/rules
    """
    pack = select_rules(**selection, extra_paths=paths)
    report_problems(pack)
    for rule in pack:
        for unknown in unknown_attack_ids(rule):
            click.echo(f"{rule.path}: warning: unknown MITRE ATT&CK ID {unknown!r} in {rule.id}", err=True)
    written = write_pages(pack, Path(out))
    click.echo(f"wrote {len(written)} files to {out}")
    ctx.exit(2 if pack.errors else 0)


@cli.group("convert")
def convert_group() -> None:
    """Convert rules from other formats into rule files."""


@convert_group.command("sigma")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--out", "out", type=click.Path(file_okay=False), required=True, help="Folder for the rule files.")
@click.pass_context
def convert_sigma_command(ctx: click.Context, paths: tuple[str, ...], out: str) -> None:
    """Convert Sigma rules (files or directories) into rule files in OUT; print a summary.

    Exit 0 when every rule was converted or skipped with a reason, 2 on unreadable or invalid input.
    Needs pySigma: pip install 'condition-engine[sigma]'.

    \b
    Examples:
      condition-engine convert sigma sigma/rules/windows/process_creation --out converted/
    """
    from ..rules.sigma_files import convert_files

    summary = convert_files(list(paths), Path(out))
    click.echo(f"converted {len(summary.converted)}, skipped {len(summary.skipped)}, errors {len(summary.errors)}")
    for reason, files in sorted(summary.skipped_by_reason().items()):
        click.echo(f"  skipped ({reason}): {len(files)}")
        for file in files:
            click.echo(f"    {file}")
    for problem in summary.errors:
        click.echo(str(problem), err=True)
    ctx.exit(2 if summary.errors else 0)
