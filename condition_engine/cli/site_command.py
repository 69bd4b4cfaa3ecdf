"""`condition-engine site`: the rule catalog website."""
from __future__ import annotations

from pathlib import Path

import click

from ..rules.pages import unknown_attack_ids
from .commands import _read_report
from .main import cli
from .options import report_problems, rule_selection, select_rules


@cli.command("site")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@rule_selection
@click.option("--out", "out", type=click.Path(file_okay=False), required=True, help="Folder for the website.")
@click.option("--report", "report_path", type=click.Path(exists=True, dir_okay=False), metavar="FILE",
              help="An exclusion report from scan --exclusion-report: show what each group suppressed.")
@click.pass_context
def site_command(ctx: click.Context, paths: tuple[str, ...], out: str, report_path: str | None, **selection) -> None:
    """Write the rule catalog as a static website into OUT: an index with search and sorting, a page per
    rule (rules/<RuleID>.html, or a slug and a hash for an ID unsafe as a file name) with its exclusions, exceptions and tests, an ATT&CK matrix and an
    inventory of every exclusion group and exception. Open OUT/index.html; no network needed.

    Exit 0, or 2 when a rule file has problems (the other rules are still written).

    \b
    Examples:
      condition-engine site --out site/
      condition-engine scan examples/ --exclusion-report report.json --quiet > /dev/null
      condition-engine site --report report.json --out site/
      condition-engine site sigma/rules/windows/ --no-bundled --out sigma-site/
    """
    from ..site import build_site

    pack = select_rules(**selection, extra_paths=paths)
    report_problems(pack)
    for rule in pack:
        for unknown in unknown_attack_ids(rule):
            click.echo(f"{rule.path}: warning: unknown MITRE ATT&CK ID {unknown!r} in {rule.id}", err=True)
    report = _read_report(report_path, [(rule.id,) for rule in pack]) if report_path else None
    written = build_site(pack, Path(out), report)
    click.echo(f"wrote {len(written)} files to {out}: open {Path(out) / 'index.html'}")
    ctx.exit(2 if pack.errors else 0)
