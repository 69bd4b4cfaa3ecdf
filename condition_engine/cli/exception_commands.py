"""`condition-engine exceptions`: the inventory of exception files, with what each suppressed."""
from __future__ import annotations

import io
import json
from typing import Any

import click

from ..csv_cells import csv_text
from ..rules.exception_checks import exception_findings
from .main import cli
from .options import parse_days, read_json_document, report_problems, rule_selection, select_rules

COLUMNS = ("exception", "status", "targets", "owner", "ticket", "expires", "days_left", "suppressed", "file")


@cli.command("exceptions")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@rule_selection
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "markdown"]), default="table",
              show_default=True)
@click.option("--report", "report_path", type=click.Path(exists=True, dir_okay=False), metavar="FILE",
              help="An exclusion report from scan --exclusion-report: add how many records each suppressed.")
@click.option("--expiring-within", "expiring", metavar="DAYS", help="List only exceptions expiring within DAYS "
                                                                     "(e.g. 30d), expired ones included.")
@click.pass_context
def exceptions_command(ctx: click.Context, paths: tuple[str, ...], fmt: str, report_path: str | None,
                       expiring: str | None, **selection) -> None:
    """List every exception (in PATHS and the selected rule paths): targets, owner, expiry, days left,
    and with --report the records each suppressed; then its findings (CE201–CE205) on stderr.

    Exit 0, or 1 when a finding is an error, 2 on invalid files.

    \b
    Examples:
      condition-engine exceptions examples/exceptions/
      condition-engine exceptions examples/exceptions/ --format csv --expiring-within 90d
      condition-engine scan examples/ --rules examples/exceptions/ --exclusion-report r.json
      condition-engine exceptions examples/exceptions/ --report r.json
    """
    within = parse_days(expiring) if expiring else None
    pack = select_rules(**selection, extra_paths=paths)
    report_problems(pack)
    counts = _suppressed(read_json_document(report_path)[0]) if report_path else None
    rows = [_row(e, pack.today, counts) for e in pack.exceptions]
    if within is not None:
        rows = [r for r in rows if r["days_left"] is not None and r["days_left"] <= within]
    click.echo(_render(rows, fmt), nl=False)
    findings = exception_findings(pack)
    for finding in findings:
        click.echo(str(finding), err=True)
    ctx.exit(2 if pack.errors else 1 if any(f.severity == "error" for f in findings) else 0)


def _suppressed(report: Any) -> dict[str, int]:
    """Records suppressed per exclusion group name, over every rule of a report."""
    out: dict[str, int] = {}
    for rule in report.get("rules", []) if isinstance(report, dict) else []:
        for group in rule["groups"]:
            if group["name"]:
                out[group["name"]] = out.get(group["name"], 0) + group["suppressed"]
    return out


def _row(exception, today, counts: dict[str, int] | None) -> dict[str, Any]:
    model = exception.model
    return {"exception": exception.id, "status": exception.status(today), "targets": list(exception.targets),
            "owner": model.Owner, "ticket": model.Ticket or "", "expires": str(model.Expires or "never"),
            "days_left": exception.days_left(today),
            "suppressed": None if counts is None else counts.get(exception.id, 0), "file": str(exception.path)}


def _cells(row: dict[str, Any]) -> list[str]:
    return [", ".join(v) if isinstance(v, list) else "" if v is None else str(v) for v in (row[c] for c in COLUMNS)]


def _render(rows: list[dict[str, Any]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":  # numbers stay numbers (days_left is negative once expired); text is made formula-safe
        return csv_text([COLUMNS, *([row[c] if isinstance(row[c], int) else cell
                                     for c, cell in zip(COLUMNS, _cells(row))] for row in rows)])
    if fmt == "markdown":
        lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in _cells(row)) + " |" for row in rows]
        return "\n".join(lines) + "\n"
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(rows)} exceptions")
    for column in COLUMNS:
        table.add_column(column)
    for row in rows:
        table.add_row(*_cells(row))
    text = io.StringIO()
    Console(file=text, width=200, color_system=None).print(table)
    return text.getvalue()
