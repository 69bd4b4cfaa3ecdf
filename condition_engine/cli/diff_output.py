"""``diff``'s outputs: JSON, Markdown for a pull-request comment, and a terminal table."""
from __future__ import annotations

import json
from collections import Counter
from typing import Any

import click


def summary(diffs) -> dict[str, int]:
    """How many rules were added, removed, changed and left unchanged.

    >>> from condition_engine.cli.diff_command import RuleDiff
    >>> summary([RuleDiff("a", "added"), RuleDiff("b", "unchanged")])
    {'changed': 0, 'added': 1, 'removed': 0, 'unchanged': 1}
    """
    counts = Counter(d.status for d in diffs)
    return {status: counts.get(status, 0) for status in ("changed", "added", "removed", "unchanged")}


def as_json(diffs) -> dict[str, Any]:
    """The summary and every rule that differs."""
    return {"summary": summary(diffs), "rules": [d.as_json() for d in diffs if d.status != "unchanged"]}


def _record(record: Any) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


def _exclusions(d) -> str:
    if d.change is None:
        return ""
    parts = []
    for clause in d.change.clauses:
        text = clause.new if clause.old is None else clause.old if clause.new is None else f"{clause.old} → {clause.new}"
        parts.append(f"{clause.group} {clause.change}: {text}")
    return "; ".join(parts)


def _findings(d) -> str:
    if d.backtest is None:
        return ""
    return f"+{d.backtest['gained']} −{d.backtest['lost']}"


def as_markdown(diffs) -> str:
    """A Markdown summary table and, per changed rule, its witness records."""
    counts = summary(diffs)
    lines = [f"### Rule changes: {counts['changed']} changed, {counts['added']} added, {counts['removed']} removed, "
             f"{counts['unchanged']} unchanged", ""]
    shown = [d for d in diffs if d.status != "unchanged"]
    if not shown:
        return "\n".join(lines + ["No rule changed."])
    backtested = any(d.backtest is not None for d in shown)
    lines.append("| Rule | Change | Verdict | Exclusions |" + (" Findings |" if backtested else ""))
    lines.append("|---|---|---|---|" + ("---|" if backtested else ""))
    for d in shown:
        excluded = _exclusions(d).replace("|", "\\|")
        verdict = f"**{d.verdict}**" if d.verdict else "—"
        row = f"| `{d.rule}` | {d.status} | {verdict} | {excluded} |"
        lines.append(row + (f" {_findings(d)} |" if backtested else ""))
    for d in shown:
        if d.change is None:
            continue
        comparison = d.change.comparison
        details = []
        if comparison.only_old is not None:
            details.append(f"- only the old version matches: `{_record(comparison.only_old)}`")
        if comparison.only_new is not None:
            details.append(f"- only the new version matches: `{_record(comparison.only_new)}`")
        if comparison.reason:
            details.append(f"- unknown: {comparison.reason}")
        if d.backtest is not None:
            for key, label in (("gained_at", "gained"), ("lost_at", "lost")):
                if d.backtest[key]:
                    details.append(f"- findings {label} at: " + ", ".join(d.backtest[key]))
        if details:
            lines += ["", f"**`{d.rule}`** ({d.verdict})", ""] + details
    return "\n".join(lines)


def print_table(diffs) -> None:
    """One line per rule that differs, then the summary."""
    shown = [d for d in diffs if d.status != "unchanged"]
    for d in shown:
        click.echo(f"{d.rule}: {d.status}" + (f", {d.verdict}" if d.verdict else ""))
        if d.change is not None:
            comparison = d.change.comparison
            if comparison.only_old is not None:
                click.echo(f"  only old: {_record(comparison.only_old)}")
            if comparison.only_new is not None:
                click.echo(f"  only new: {_record(comparison.only_new)}")
            if comparison.reason:
                click.echo(f"  reason: {comparison.reason}")
            for clause in d.change.clauses:
                click.echo(f"  exclusion {clause.change}: " + _exclusions_line(clause))
        if d.backtest is not None:
            click.echo(f"  findings: {_findings(d)}" + "".join(f"  {label} at {', '.join(d.backtest[key])}"
                                                           for key, label in (("gained_at", "gained"), ("lost_at", "lost"))
                                                           if d.backtest[key]))
    counts = summary(diffs)
    click.echo(", ".join(f"{n} {status}" for status, n in counts.items()))


def _exclusions_line(clause) -> str:
    if clause.old is None:
        return f"{clause.group}: {clause.new}"
    if clause.new is None:
        return f"{clause.group}: {clause.old}"
    return f"{clause.group}: {clause.old} → {clause.new}"
