"""scan --alerts: the alert rules of the selected pack, and the alerts written with their summary."""
from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click
import orjson

from ..alerts import Alerter
from ..alerts.model import AlertKeyError, from_rule
from ..alerts.times import TIME_FIELDS
from ..errors import ConditionError
from ..scan.readers import Reject


def make_alerter(rules: list, correlations: tuple, time_fields: tuple[str, ...],
                 on_reject: Callable[[Reject], None], engine: str = "python") -> Alerter:
    """An alerter for every rule with alerting keys and every correlation whose base rules run; a finding
    whose time or group value is bad is a reject. With ``--engine duckdb`` the windows are computed in DuckDB."""
    alert_rules = []
    for rule in rules:
        try:
            alert_rule = from_rule(rule)
        except AlertKeyError as error:
            line, column = rule.where((error.key,))
            raise ConditionError(f"{rule.id}: {error}", code="E214", source=str(rule.path), line=line,
                                 column=column) from None
        if alert_rule is not None:
            alert_rules.append(alert_rule)
    running = {rule.id for rule in rules}
    for correlation in correlations:
        idle = [ref for ref, rule_id in zip(correlation.references, correlation.sources) if rule_id not in running]
        if idle:
            click.echo(f"{correlation.path}: warning: correlation {correlation.id} not run: its rule(s) "
                       f"{', '.join(idle)} are not selected or not enabled", err=True)
            continue
        alert_rules.append(correlation.alert_rule())

    def bad(message: str, finding: dict[str, Any], record: Any) -> None:
        on_reject(Reject(finding["file"], finding["line"], message, orjson.dumps(record) + b"\n",
                         what="not alerted", code="E505"))
    if engine == "duckdb":
        from ..sql.alerting import SqlAlerter

        return SqlAlerter(alert_rules, tuple(time_fields) or TIME_FIELDS, bad)
    return Alerter(alert_rules, tuple(time_fields) or TIME_FIELDS, bad)


def hidden_findings(alerter: Alerter) -> set[str]:
    """Rules whose own findings are not written: every correlation naming them has ``generate: false``
    (Sigma's default) and no Panther-style alert rule is theirs."""
    hidden: set[str] = set()
    shown: set[str] = set()
    for rule in alerter.rules:
        (shown if rule.generate else hidden).update(rule.sources)
    return hidden - shown


def write_alerts(alerter: Alerter, path: str, quiet: bool) -> None:
    """Write the alerts as JSON lines to ``path``; say on stderr how many, and what had no time."""
    alerts = alerter.alerts()
    text = b"".join(orjson.dumps(item) + b"\n" for item in alerts)
    if path == "-":
        sys.stdout.buffer.write(text)
        sys.stdout.buffer.flush()
    else:
        with open(path, "wb") as handle:
            handle.write(text)
    stats = alerter.stats
    if not quiet:
        where = "stdout" if path == "-" else path
        click.echo(f"alerts: {len(alerts):,} from {stats.findings:,} findings of {len(alerter.rules)} alerting "
                   f"rules, written to {where}", err=True)
    for rule_id, count in sorted(stats.without_time.items()):
        click.echo(f"warning: {count:,} findings of {rule_id} have no time (fields tried: "
                   f"{', '.join(alerter.time_fields)}); they are in no alert — give --time-field PATH", err=True)
