"""``diff OLD NEW``: per rule added, removed or changed, what each change does (the solver's verdict
with witness records), how its exclusion clauses changed, and — with ``--data`` — the findings gained
and lost on real records."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import click

from ..errors import ConditionError
from ..render import to_text
from .main import EXIT_FALSE, EXIT_OK, cli

#: Which changes fail the run for each --fail-on choice (an unknown verdict fails every choice).
FAILING = {"broader": {"added", "broader", "incomparable", "unknown"},
           "narrower": {"removed", "narrower", "incomparable", "unknown"},
           "any": {"added", "removed", "broader", "narrower", "incomparable", "unknown"}}
SAMPLES = 3


@dataclass
class RuleDiff:
    """One rule's difference: ``added``, ``removed``, ``changed`` or ``unchanged``, with the analysis."""

    rule: str
    status: str
    change: Any = None  # ConditionChange for a changed rule
    backtest: dict[str, Any] | None = None

    @property
    def verdict(self) -> str | None:
        """The solver's verdict (``equivalent`` for an unchanged rule; None for an added or removed one)."""
        if self.change is not None:
            return self.change.comparison.verdict
        return "equivalent" if self.status == "unchanged" else None

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rule": self.rule, "status": self.status, "verdict": self.verdict}
        if self.change is not None:
            out.update(self.change.as_json())
        if self.backtest is not None:
            out["backtest"] = self.backtest
        return out


def diff_rules(old, new, budget: float) -> list[RuleDiff]:
    """Every rule of either side, compared (unchanged rules by their canonical text alone)."""
    from ..analysis.solver.changes import condition_change

    out = []
    for rule_id in sorted(set(old.rules) | set(new.rules)):
        if rule_id not in new.rules:
            out.append(RuleDiff(rule_id, "removed"))
        elif rule_id not in old.rules:
            out.append(RuleDiff(rule_id, "added"))
        else:
            (old_cond, old_names, _), (new_cond, new_names, _) = old.rules[rule_id], new.rules[rule_id]
            if to_text(old_cond) == to_text(new_cond) and old_names == new_names:
                out.append(RuleDiff(rule_id, "unchanged"))
            else:
                out.append(RuleDiff(rule_id, "changed",
                                    condition_change(old_cond, new_cond, old_names, new_names, budget=budget)))
    return out


def backtest(diffs: list[RuleDiff], old, new, data: tuple[str, ...]) -> None:
    """Scan ``data`` with both versions of the rules that differ; findings gained and lost per rule."""
    from ..scan.run import scan_files

    ids = [d.rule for d in diffs if d.status != "unchanged"]
    for side in (old, new):
        if any(side.rules[i][2] is None for i in ids if i in side.rules):
            raise ConditionError("--data backtests rule files: OLD and NEW must be rule files, directories or --git")
    found = []
    for side in (old, new):
        rules = [side.rules[i][2] for i in ids if i in side.rules]
        findings = scan_files(list(data), rules).findings if rules else []
        where: dict[str, set[tuple[str, int]]] = {}
        for finding in findings:
            where.setdefault(finding["rule_id"], set()).add((str(finding["file"]), finding["line"]))
        found.append(where)
    for d in diffs:
        if d.status == "unchanged":
            continue
        before, after = found[0].get(d.rule, set()), found[1].get(d.rule, set())
        gained, lost = sorted(after - before), sorted(before - after)
        d.backtest = {"gained": len(gained), "lost": len(lost),
                      "gained_at": [f"{f}:{line}" for f, line in gained[:SAMPLES]],
                      "lost_at": [f"{f}:{line}" for f, line in lost[:SAMPLES]]}


def failed(diffs: list[RuleDiff], fail_on: str | None) -> bool:
    """Whether a difference matches ``--fail-on``."""
    if fail_on is None:
        return False
    return any(d.status != "unchanged" and (d.status in FAILING[fail_on] or d.verdict in FAILING[fail_on])
               for d in diffs)


@cli.command("diff")
@click.argument("old", required=False)
@click.argument("new", required=False)
@click.option("--git", "git", metavar="REV1..REV2", help="Compare the rule files at two git revisions "
                                                       "(OLD, if given, is the path to read; default: the whole tree).")
@click.option("--data", "data", multiple=True, type=click.Path(exists=True),
              help="Backtest: scan these files with both versions; findings gained and lost per rule.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json", "table"]), default="table", show_default=True)
@click.option("--fail-on", "fail_on", type=click.Choice(["broader", "narrower", "any"]),
              help="Exit 1 when a rule matches more (broader: also added rules), fewer (narrower: also removed "
                   "rules), or any change of meaning; an unknown verdict fails every choice.")
@click.option("--budget", type=click.FloatRange(0.01), default=2.0, show_default=True,
              help="Seconds the solver may spend per comparison (then: unknown).")
@click.pass_context
def diff_command(ctx: click.Context, old: str | None, new: str | None, git: str | None, data: tuple[str, ...], fmt: str,
                 fail_on: str | None, budget: float) -> None:
    """What changed between two versions of rules, decided by the solver: per rule added, removed or
    changed, the verdict (equivalent, narrower, broader, incomparable, unknown) with a record only one
    version matches, and the exclusion clauses added, removed, widened or narrowed.

    OLD and NEW are conditions, rule files or directories; or use --git REV1..REV2 [PATH].

    Exit code 0; 1 when --fail-on finds a matching change; 2 on invalid input (or without the solver:
    pip install 'condition-engine[reason]').

    \b
    Examples:
      condition-engine diff 'a eq "x"' 'a eq "x" or a eq "y"'
      condition-engine diff old-rules/ rules/ --format markdown --fail-on broader
      condition-engine diff --git main..HEAD rules/ --data examples/kms_keys.jsonl
    """
    try:
        import z3  # noqa: F401
    except ImportError as error:
        raise click.UsageError(f"diff needs the solver: pip install 'condition-engine[reason]' ({error})") from None
    from . import diff_output
    from .diff_sides import from_git, from_pair, git_range

    if git is not None:
        if new is not None:
            raise click.UsageError("with --git, give at most one PATH")
        first, second = git_range(git)
        old_side, new_side = from_git(first, old or "."), from_git(second, old or ".")
    else:
        if old is None or new is None:
            raise click.UsageError("give OLD and NEW (conditions, rule files or directories), or --git REV1..REV2")
        old_side, new_side = from_pair(old, new)
    for problem in old_side.problems + new_side.problems:
        click.echo(problem, err=True)
    diffs = diff_rules(old_side, new_side, budget)
    if data:
        backtest(diffs, old_side, new_side, data)
    if fmt == "json":
        click.echo(json.dumps(diff_output.as_json(diffs), indent=2, ensure_ascii=False))
    elif fmt == "markdown":
        click.echo(diff_output.as_markdown(diffs))
    else:
        diff_output.print_table(diffs)
    ctx.exit(EXIT_FALSE if failed(diffs, fail_on) else EXIT_OK)
