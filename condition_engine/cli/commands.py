"""Subcommands on conditions: parse, eval, exclusions, lint."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import click

from .. import ast
from ..analysis import exclusions, lint
from ..analysis.exclusion_findings import OVER_BROAD_PERCENT
from ..explain import explain
from ..interpreter import evaluate
from ..parser import parse
from ..render import to_text
from ..rules import rule_files
from ..rules.exception_checks import exception_findings
from ..rules.field_checks import known_fields, neighbours, unknown_fields
from ..rules.pack import LoadedRule, RulePack
from .main import cli
from .options import read_condition, read_json_document, report_problems, rule_selection, select_rules


@cli.command("parse")
@click.argument("condition")
@click.option("--json", "as_json", is_flag=True, help="Print the AST as JSON instead of text.")
def parse_command(condition: str, as_json: bool) -> None:
    """Parse CONDITION and print its canonical text (or its AST with --json).

    CONDITION is the condition text, or @FILE to read it from a file, or - for stdin.

    \b
    Examples:
      condition-engine parse 'not (Origin ne "AWS_KMS" or KeyManager ne "CUSTOMER")'
      condition-engine parse --json 'Tags[Key eq "env"]'
    """
    text, source = read_condition(condition)
    node = parse(text, source=source)
    if as_json:
        click.echo(json.dumps(json.loads(node.model_dump_json()), indent=2))
    else:
        click.echo(to_text(node))


@cli.command("eval")
@click.argument("condition")
@click.argument("document", default="-")
@click.option("--explain", "show", is_flag=True, help="Show which predicates decided, and why.")
@click.option("--case-insensitive", is_flag=True, help="Compare every string case-insensitively.")
@click.pass_context
def eval_command(ctx: click.Context, condition: str, document: str, show: bool, case_insensitive: bool) -> None:
    """Evaluate CONDITION over one JSON DOCUMENT (a file, or - for stdin): prints true or false.

    Exit code 0 when true, 1 when false, 2 on a bad condition or bad JSON.

    \b
    Examples:
      echo '{"KeyManager": "AWS"}' | condition-engine eval 'KeyManager ne "CUSTOMER"'
      condition-engine eval --explain 'not (Origin ne "AWS_KMS")' key.json
    """
    text, source = read_condition(condition)
    node = parse(text, source=source)
    data, _ = read_json_document(document)
    if show:
        explanation = explain(node, data, case_insensitive=case_insensitive)
        click.echo(str(explanation))
        result = explanation.result
    else:
        result = evaluate(node, data, case_insensitive=case_insensitive)
        click.echo("true" if result else "false")
    ctx.exit(0 if result else 1)


def _collect(arguments: tuple[str, ...], selection: dict, pack_out: list | None = None
             ) -> tuple[list[tuple[str, ast.Expr, dict | None, LoadedRule | None]], bool]:
    """(label, condition, exclusion names, the rule or None) for each argument — rule files and directories,
    or condition text — or for the selected pack when there are none; and whether any rule file had
    problems (reported on stderr).  The pack loaded, if any, is appended to ``pack_out``."""
    paths = tuple(a for a in arguments if Path(a).exists())
    out: list[tuple[str, ast.Expr, dict | None, LoadedRule | None]] = []
    for text in (a for a in arguments if not Path(a).exists()):
        body, source = read_condition(text)
        out.append((body if source == "<condition>" else source, parse(body, source=source), None, None))
    problems = False
    if paths or not arguments:
        pack = select_rules(**selection, extra_paths=paths)
        if paths:  # the files named, not the whole pack
            wanted = {p.resolve() for p in rule_files(paths)}
            pack = pack.with_rules(r for r in pack if r.path.resolve() in wanted)
        report_problems(pack)
        problems = bool(pack.errors)
        if pack_out is not None:
            pack_out.append(pack)
        out.extend((rule.id, rule.condition, rule.model.ExclusionNames, rule) for rule in pack)
    return out, problems


@cli.command("exclusions")
@click.argument("targets", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["md", "json", "csv"]), default="md", show_default=True)
@click.option("--report", "report_path", type=click.Path(exists=True, dir_okay=False), metavar="FILE",
              help="An exclusion report from scan --exclusion-report: list stale, shadowed and over-broad groups.")
@click.option("--over-broad", type=click.FloatRange(0, 100), default=OVER_BROAD_PERCENT, show_default=True,
              metavar="PERCENT", help="With --report: flag a group or clause suppressing more than this share "
                                      "of the records its rule's requirements matched.")
@click.option("--group-column", is_flag=True,
              help="Markdown: split rows by exclusion group and clause, with a Group column.")
@rule_selection
@click.pass_context
def exclusions_command(ctx: click.Context, targets: tuple[str, ...], fmt: str, report_path: str | None,
                       over_broad: float, group_column: bool, **selection) -> None:
    """Print the exclusions table of a CONDITION, or of rule files (default: the selected pack);
    with --report, the findings about each rule's exclusion groups and clauses instead.

    \b
    Examples:
      condition-engine exclusions 'eventName eq "A" and not userName in ["svc"]'
      condition-engine exclusions rules/aws/kms/cmk_key_rotation.yml --group-column
      condition-engine exclusions rules/aws/kms/cmk_key_rotation.yml --format json
      condition-engine exclusions --filter 'AWS.*' --format csv
      condition-engine scan examples/ --exclusion-report r.json && condition-engine exclusions --report r.json
    """
    items, problems = _collect(targets, selection)
    if report_path:
        worst = _print_findings(items, fmt, _read_report(report_path, items), over_broad, only_exclusions=True)
        ctx.exit(2 if problems else worst)
    if fmt == "json":
        click.echo(json.dumps({label: json.loads(exclusions(node, names).to_json())
                               for label, node, names, _ in items}, indent=2, ensure_ascii=False))
    elif fmt == "csv":  # one CSV: one header, a rule_id column when rules (or several conditions) are listed
        labelled = len(items) > 1 or any(is_rule for *_, is_rule in items)
        for number, (label, node, names, _) in enumerate(items):
            click.echo(exclusions(node, names).to_csv(label if labelled else None, header=number == 0), nl=False)
    else:
        for number, (label, node, names, _) in enumerate(items):
            if len(items) > 1:
                click.echo(("\n" if number else "") + f"## {label}\n")
            click.echo(exclusions(node, names).to_markdown(group_column), nl=False)
    ctx.exit(2 if problems else 0)


def _read_report(path: str, items: list) -> dict[str, dict]:
    """The report's rules by id; a clear error for a file that is not a report."""
    from ..errors import ConditionError

    data, source = read_json_document(path)
    if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get("rules"), list):
        raise ConditionError("not an exclusion report (write one with scan --exclusion-report FILE)",
                             code="E503", source=source, line=1, column=1)
    rules = {rule["rule_id"]: rule for rule in data["rules"]}
    if rules and not {label for label, *_ in items} & set(rules):
        click.echo(f"{source}: warning: the report names none of the selected rules "
                   f"(it has {', '.join(list(rules)[:3])}{', …' if len(rules) > 3 else ''})", err=True)
    return rules


def _print_findings(items: list, fmt: str, report: dict[str, dict] | None, over_broad: float,
                    only_exclusions: bool = False, pack: RulePack | None = None, exact: bool = False) -> int:
    """Print lint (or only exclusion) findings per item; the exit code: 1 when one is an error.

    With ``pack``, fields are checked against its test records (CE011): a rule's against its own and its
    types', a condition's against the whole pack's."""
    from ..analysis.exclusion_findings import report_findings, stale_report

    everything = known_fields(pack) if pack is not None else set()
    worst, out = 0, {}
    for label, node, names, rule in items:
        table = exclusions(node, names)
        findings = [f for f in lint(node) if f.code in ("CE005", "CE010")] if only_exclusions else lint(node, exact=exact)
        if pack is not None:
            findings += unknown_fields(node, known_fields(neighbours(rule, pack))) if rule else \
                unknown_fields(node, everything, "the rules loaded", only_likely_typos=True)
        counted = (report or {}).get(label)
        if counted is not None:
            why = stale_report(counted, table)
            if why:
                click.echo(f"{label}: warning: report not applied: {why}", err=True)
            else:
                findings += report_findings(counted, table, over_broad)
        out[label] = [f.to_dict() for f in findings]
        for finding in findings:
            worst = max(worst, 1 if finding.severity == "error" else 0)
            if fmt != "json":
                click.echo(f"{label}: {finding}")
    if fmt == "json":
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
    return worst


@cli.command("lint")
@click.argument("targets", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--report", "report_path", type=click.Path(exists=True, dir_okay=False), metavar="FILE",
              help="An exclusion report from scan --exclusion-report: add stale, shadowed and over-broad groups.")
@click.option("--over-broad", type=click.FloatRange(0, 100), default=OVER_BROAD_PERCENT, show_default=True,
              metavar="PERCENT", help="With --report: the over-broad threshold.")
@click.option("--exact", is_flag=True, help="Add the findings the solver proves (CE301-CE304; needs the reason extra).")
@rule_selection
@click.pass_context
def lint_command(ctx: click.Context, targets: tuple[str, ...], fmt: str, report_path: str | None,
                 over_broad: float, exact: bool, **selection) -> None:
    """Report lint findings for a CONDITION or rule files; exit 1 when a finding is an error.

    \b
    Examples:
      condition-engine lint 'a eq 1 and a eq 2'
      condition-engine lint rules/ --no-bundled
      condition-engine lint --report r.json
      condition-engine lint --exact 'a exists and a eq null'
    """
    if exact:
        try:
            import z3  # noqa: F401
        except ImportError as error:
            raise click.UsageError(f"--exact needs the solver: pip install 'condition-engine[reason]' ({error})") from None
    packs: list = []
    items, problems = _collect(targets, selection, packs)
    report = _read_report(report_path, items) if report_path else None
    pack = packs[0] if packs else select_rules(**selection)  # the test records fields are checked against
    worst = _print_findings(items, fmt, report, over_broad, pack=pack, exact=exact)
    for finding in (f for pack in packs for f in exception_findings(pack)):  # findings about exception files
        worst = max(worst, 1 if finding.severity == "error" else 0)
        click.echo(str(finding), err=fmt == "json")
    ctx.exit(2 if problems else worst)


@cli.command("completion")
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion_command(shell: str) -> None:
    """Print the shell completion script for SHELL.

    \b
    Examples:
      eval "$(condition-engine completion bash)"
      condition-engine completion fish > ~/.config/fish/completions/condition-engine.fish
    """
    from click.shell_completion import get_completion_class

    completion_class = get_completion_class(shell)
    assert completion_class is not None  # click registers the three shells offered
    completion = completion_class(cli, {}, "condition-engine", "_CONDITION_ENGINE_COMPLETE")
    click.echo(completion.source())


#: The dialects of condition_engine.sql (listed here so that --help needs no sql extra).
SQL_DIALECTS = ["duckdb", "spark", "databricks", "postgres", "snowflake", "bigquery"]


@cli.command("sql")
@click.argument("target")
@click.option("--dialect", type=click.Choice(SQL_DIALECTS), default="duckdb", show_default=True,
              help="SQL dialect to render.")
@click.option("--layout", type=click.Choice(["json", "columns"]), default="json", show_default=True,
              help="json: one JSON column per record; columns: typed columns of a table alias.")
@click.option("--column", default="record", show_default=True, help="The JSON column (or table alias).")
@click.option("--pretty", is_flag=True, help="Indent the SQL.")
@rule_selection
def sql_command(target: str, dialect: str, layout: str, column: str, pretty: bool, **selection) -> None:
    """Print the SQL WHERE expression of a CONDITION, or of the rule with ID TARGET.

    \b
    Examples:
      condition-engine sql 'KeyState eq "Enabled"'
      condition-engine sql AWS.CMK.KeyRotation --layout columns --column t --pretty
      condition-engine sql AWS.CMK.KeyRotation --dialect snowflake
    """
    try:
        from ..sql import to_sql_expression
    except ImportError:
        raise click.UsageError("the sql command needs pip install 'condition-engine[sql]'") from None
    node = None
    if not any(c in target for c in ' "[') and not Path(target).exists():
        pack = select_rules(**selection)
        if any(rule.id == target for rule in pack):
            node = pack.get(target).condition
        elif re.fullmatch(r"[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+", target):  # a rule ID, not a condition
            from ..errors import ConditionError

            where = ", ".join(["the bundled pack"] * (not selection.get("no_bundled"))
                              + [f"--rules {p}" for p in selection.get("rule_paths", ())]
                              + ["CONDITION_ENGINE_RULES_PATH"] * bool(os.environ.get("CONDITION_ENGINE_RULES_PATH")))
            raise ConditionError(f"no rule has the ID {target!r} (looked in {where or 'no rules'}); give the rule's "
                                 "folder with --rules, or a condition such as "
                                 f"'{target} exists'", code="E104")
    if node is None:
        body, source = read_condition(target)
        node = parse(body, source=source)
    click.echo(to_sql_expression(node, dialect, layout, column).sql(dialect=dialect, pretty=pretty))
