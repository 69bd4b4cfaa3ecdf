"""Subcommands on conditions: parse, eval, exclusions, lint."""
from __future__ import annotations

import json
from pathlib import Path

import click

from ..analysis import exclusions, lint
from ..explain import explain
from ..interpreter import evaluate
from ..parser import parse
from ..render import to_text
from .main import cli
from ..rules import rule_files
from ..rules.pack import RulePack
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


def _collect(arguments: tuple[str, ...], selection: dict) -> tuple[list[tuple[str, object, dict | None]], bool]:
    """(label, condition, exclusion names) for each argument — rule files and directories, or
    condition text — or for the selected pack when there are none; and whether any rule file had
    problems (reported on stderr)."""
    paths = tuple(a for a in arguments if Path(a).exists())
    out: list[tuple[str, object, dict | None]] = []
    for text in (a for a in arguments if not Path(a).exists()):
        body, source = read_condition(text)
        out.append((body if source == "<condition>" else source, parse(body, source=source), None))
    problems = False
    if paths or not arguments:
        pack = select_rules(**selection, extra_paths=paths)
        if paths:  # the files named, not the whole pack
            wanted = {p.resolve() for p in rule_files(paths)}
            pack = RulePack(tuple(r for r in pack if r.path.resolve() in wanted), pack.problems)
        report_problems(pack)
        problems = bool(pack.errors)
        out.extend((rule.id, rule.condition, rule.model.ExclusionNames) for rule in pack)
    return out, problems


@cli.command("exclusions")
@click.argument("targets", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["md", "json", "csv"]), default="md", show_default=True)
@rule_selection
@click.pass_context
def exclusions_command(ctx: click.Context, targets: tuple[str, ...], fmt: str, **selection) -> None:
    """Print the exclusions table of a CONDITION, or of rule files (default: the selected pack).

    \b
    Examples:
      condition-engine exclusions 'eventName eq "A" and not userName in ["svc"]'
      condition-engine exclusions rules/aws/kms/cmk_key_rotation.yml --format json
      condition-engine exclusions --filter 'AWS.*'
    """
    items, problems = _collect(targets, selection)
    if fmt == "json":
        click.echo(json.dumps({label: json.loads(exclusions(node, names).to_json())
                               for label, node, names in items}, indent=2, ensure_ascii=False))
    else:
        for number, (label, node, names) in enumerate(items):
            table = exclusions(node, names)
            if len(items) > 1:
                click.echo(("\n" if number else "") + (f"## {label}\n" if fmt == "md" else f"# {label}"))
            click.echo(table.to_markdown() if fmt == "md" else table.to_csv(), nl=False)
    ctx.exit(2 if problems else 0)


@cli.command("lint")
@click.argument("targets", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@rule_selection
@click.pass_context
def lint_command(ctx: click.Context, targets: tuple[str, ...], fmt: str, **selection) -> None:
    """Report lint findings for a CONDITION or rule files; exit 1 when a finding is an error.

    \b
    Examples:
      condition-engine lint 'a eq 1 and a eq 2'
      condition-engine lint rules/ --no-bundled
    """
    items, problems = _collect(targets, selection)
    worst = 2 if problems else 0
    report = {}
    for label, node, _ in items:
        findings = lint(node)
        report[label] = [f.to_dict() for f in findings]
        for finding in findings:
            worst = max(worst, 1 if finding.severity == "error" else 0)
            if fmt == "text":
                click.echo(f"{label}: {finding}")
    if fmt == "json":
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    ctx.exit(worst)


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

    completion = get_completion_class(shell)(cli, {}, "condition-engine", "_CONDITION_ENGINE_COMPLETE")
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
    if node is None:
        body, source = read_condition(target)
        node = parse(body, source=source)
    click.echo(to_sql_expression(node, dialect, layout, column).sql(dialect=dialect, pretty=pretty))
