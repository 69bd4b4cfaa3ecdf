"""Subcommands on rule packs: test and docs."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import click

from ..rules.pages import unknown_attack_ids, write_pages
from ..rules.testing import RuleReport, TestRun, run_rule
from .main import cli
from .options import report_problems, rule_selection, select_rules


@cli.command("test")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@rule_selection
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit"]), default="text", show_default=True)
@click.option("--minimum-tests", type=click.IntRange(0), default=0,
              help="Fail rules with fewer tests, or without one matching and one non-matching test.")
@click.option("--skip-disabled", is_flag=True, help="Do not run the tests of rules with Enabled: false.")
@click.option("--require-exclusion-coverage", is_flag=True,
              help="Fail rules with an exclusion clause that no test exercises.")
@click.pass_context
def test_command(ctx: click.Context, paths: tuple[str, ...], fmt: str, minimum_tests: int, skip_disabled: bool,
                 require_exclusion_coverage: bool, **selection) -> None:
    """Run the embedded tests of the selected rules (plus rule files or directories in PATHS).

    Exit code 0 when every test passes, 1 when one fails, 2 on invalid rule files or usage.

    \b
    Examples:
      condition-engine test
      condition-engine test my-rules/ --no-bundled --minimum-tests 2 --require-exclusion-coverage
      condition-engine test --filter 'AWS.CMK.*' --format junit > results.xml
    """
    pack = select_rules(**selection, extra_paths=paths)
    report_problems(pack)
    rules = [rule for rule in pack if rule.enabled or not skip_disabled]
    run = TestRun(tuple(run_rule(rule) for rule in rules))
    gaps = {report.rule.id: _gaps(report, minimum_tests, require_exclusion_coverage) for report in run.reports}
    if fmt == "json":
        click.echo(json.dumps(_as_json(run, gaps), indent=2, ensure_ascii=False))
    elif fmt == "junit":
        click.echo(_as_junit(run, gaps))
    else:
        _as_text(run, gaps)
    failed = bool(run.failures) or any(gaps.values())
    ctx.exit(2 if pack.errors else 1 if failed else 0)


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


def _as_text(run: TestRun, gaps: dict[str, list[str]]) -> None:
    for result in run.failures:
        click.echo(f"FAIL {result.rule_id} :: {result.name} ({result.file}): expected the condition to be "
                   f"{str(not result.matched).lower()}, it was {str(result.matched).lower()}")
        for line in result.explanation.splitlines():
            click.echo(f"    {line}")
    for rule_id, problems in gaps.items():
        for problem in problems:
            click.echo(f"FAIL {rule_id}: {problem}")
    passed_rules = sum(1 for r in run.reports if r.passed and not gaps[r.rule.id])
    tests = len(run.results)
    click.echo(f"{passed_rules}/{len(run.reports)} rules passed; {tests - len(run.failures)}/{tests} tests passed")
    uncovered = sum(len(r.uncovered()) for r in run.reports)
    clauses = sum(len(r.coverage) for r in run.reports)
    click.echo(f"exclusion coverage: {clauses - uncovered}/{clauses} clauses covered")
    click.echo(f"{tests - len(run.failures)} passed, {len(run.failures)} failed")


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
        "summary": {"rules": len(run.reports), "tests": len(run.results), "failed": len(run.failures)},
    }


def _as_junit(run: TestRun, gaps: dict[str, list[str]]) -> str:
    suites = ElementTree.Element("testsuites", name="condition-engine", tests=str(len(run.results)),
                                 failures=str(len(run.failures)))
    for report in run.reports:
        suite = ElementTree.SubElement(suites, "testsuite", name=report.rule.id, file=str(report.rule.path),
                                       tests=str(len(report.results)),
                                       failures=str(sum(not r.passed for r in report.results)))
        for result in report.results:
            case = ElementTree.SubElement(suite, "testcase", classname=report.rule.id, name=result.name)
            if not result.passed:
                failure = ElementTree.SubElement(case, "failure", message="unexpected condition result")
                failure.text = result.explanation
        for problem in gaps[report.rule.id]:
            case = ElementTree.SubElement(suite, "testcase", classname=report.rule.id, name="rule checks")
            ElementTree.SubElement(case, "failure", message=problem)
    return ElementTree.tostring(suites, encoding="unicode")


@cli.command("docs")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@rule_selection
@click.option("--out", "out", type=click.Path(file_okay=False), required=True, help="Folder for the pages.")
@click.pass_context
def docs_command(ctx: click.Context, paths: tuple[str, ...], out: str, **selection) -> None:
    """Write one Markdown page per rule (the seed's format), an index and an ATT&CK Navigator layer.

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
