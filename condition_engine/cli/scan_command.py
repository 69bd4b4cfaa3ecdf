"""`condition-engine scan`: the main job."""
from __future__ import annotations

import json
import os
import sys
import time
from contextlib import ExitStack, nullcontext
from pathlib import Path

import click

from ..rules.model import SEVERITIES
from ..scan import ScanOptions
from ..scan.engine import write_rejects
from ..scan.findings import WRITERS, counted
from ..scan.logsources import LogsourceMap
from ..scan.readers import MAX_LINE_BYTES, Reject, input_files, size_of
from ..scan.router import DEFAULT_TYPE_FIELDS
from ..scan.run import ENGINES, measured_scan
from ..scan.suppression import summary_lines
from ..spark_plan import PLANS
from .alert_output import hidden_findings, make_alerter, write_alerts
from .main import cli
from .options import SEVERITY_CHOICE, report_problems, rule_selection, select_rules
from .rule_commands import no_rules_loaded

MAX_REPORTED_REJECTS = 20
#: scan's own exit code: an input could not be read (the others were scanned).
EXIT_INPUT_FAILED = 4
#: Files skipped as kinds this engine does not run (Panther Python rules, packs, …): fatal with --strict.
SKIPPED_CODES = ("W210", "W211")
#: --spark-plan's choices (``auto``, the default, is the option left out).
SPARK_PLANS = [plan for plan in PLANS if plan != "auto"]


@cli.command("scan")
@click.argument("inputs", nargs=-1, required=True)
@rule_selection
@click.option("--include-disabled", is_flag=True, help="Also run rules with Enabled: false.")
@click.option("--type-field", "type_fields", multiple=True, metavar="FIELD",
              help=f"Field holding a record's type (repeatable; default: {', '.join(DEFAULT_TYPE_FIELDS)}).")
@click.option("--type", "record_type", metavar="TYPE", help="The type of every record (e.g. AWS.CloudTrail).")
@click.option("--logsource-map", "logsource_maps", multiple=True, type=click.Path(exists=True, dir_okay=False),
              metavar="FILE", help="Extend the Windows Channel/EventID to Sigma logsource mapping used for records "
                                   "without a type field (repeatable; docs/windows.md).")
@click.option("--format", "fmt", type=click.Choice(sorted(WRITERS)), default="jsonl", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="Write findings here, not stdout.")
@click.option("--rejects", type=click.Path(dir_okay=False, writable=True),
              help="Write lines that are not records here, unchanged (lines too long: their first --max-line-bytes).")
@click.option("--max-line-bytes", type=click.IntRange(min=1), default=MAX_LINE_BYTES, show_default=True,
              metavar="BYTES", help="Reject longer lines (E507); memory stays bounded by it.")
@click.option("--fail-on", type=SEVERITY_CHOICE, help="Exit 1 when a finding of at least this severity appears.")
@click.option("--strict", is_flag=True, help="Stop (exit 2) when a rule file has a problem or was skipped "
                                             "(a kind this engine does not run).")
@click.option("--quiet", is_flag=True, help="No summary on stderr.")
@click.option("--include-hidden", is_flag=True, help="Also read hidden files and folders (.vscode/, .env.json) "
                                                     "of directories given; files named are always read.")
@click.option("--engine", type=click.Choice(ENGINES), default="python", show_default=True,
              help="Evaluate in Python, as SQL in embedded DuckDB ('condition-engine[sql]'), or on a local "
                   "Spark session ('condition-engine[spark]', Java 17).")
@click.option("--spark-plan", type=click.Choice(SPARK_PLANS),
              help="With --engine spark: run the Python engine's rules on Spark's Python workers (executors, "
                   "the default: faster at every pack size measured) or each rule as a Spark SQL filter (sql).")
@click.option("--exclusion-report", type=click.Path(dir_okay=False, writable=True), metavar="FILE",
              help="Write per-rule, per-exclusion-group and per-clause suppression counts here (JSON).")
@click.option("--ignore-exclusion", "ignore_exclusions", multiple=True, metavar="RULE_ID:GROUP",
              help="What-if: run RULE_ID without exclusion GROUP (E1 or its name) or clause (E1.2); findings "
                   "it would have suppressed carry suppressed_by, the clauses that hold (repeatable).")
@click.option("--no-exclusions", is_flag=True, help="What-if: run every rule without its exclusions.")
@click.option("--alerts", "alerts_out", type=click.Path(dir_okay=False, writable=True, allow_dash=True),
              metavar="FILE", help="Write alerts here (JSON lines; - for stdout): findings of rules with Threshold, DedupPeriodMinutes, GroupBy "
                   "or AlertTitle grouped by key over their time window (docs/alerts.md).")
@click.option("--time-field", "time_fields", multiple=True, metavar="PATH",
              help="With --alerts: the field holding an event's time (repeatable, tried in order; default: "
                   "p_event_time, eventTime, published, @timestamp, the Windows SystemTime, UtcTime).")
@click.pass_context
def scan_command(ctx: click.Context, inputs: tuple[str, ...], include_disabled: bool, type_fields: tuple[str, ...],
                 record_type: str | None, fmt: str, out: str | None, rejects: str | None, fail_on: str | None,
                 strict: bool, quiet: bool, engine: str, exclusion_report: str | None, logsource_maps: tuple[str, ...],
                 ignore_exclusions: tuple[str, ...], no_exclusions: bool, alerts_out: str | None,
                 time_fields: tuple[str, ...], include_hidden: bool, max_line_bytes: int, spark_plan: str | None,
                 **selection) -> None:
    """Run the rule pack over INPUT files: JSON Lines, JSON arrays or objects, directories, gzip, or -.

    Prints one JSON line per finding (or a table, or SARIF), a summary on stderr, and exits 0 —
    or 1 with --fail-on when a finding is severe enough, 2 on bad input or options, 4 when an input
    could not be read (named on stderr; every other input was scanned), 130 when interrupted.

    \b
    Examples:
      condition-engine scan examples/
      condition-engine scan cloudtrail/ --type AWS.CloudTrail --fail-on High
      zcat events.jsonl.gz | condition-engine scan - --rules my-rules/ --format sarif --out findings.sarif
      condition-engine scan sysmon.jsonl --rules sigma/rules/windows/ --no-bundled
      condition-engine scan examples/ --exclusion-report report.json
      condition-engine scan examples/ --ignore-exclusion AWS.CMK.KeyRotation:E1
      condition-engine scan examples/ --alerts alerts.jsonl
    """
    for item in inputs:
        if item != "-" and not Path(item).exists():
            raise click.BadParameter(f"no such file or directory: {item}", param_hint="INPUT")
    if spark_plan is not None and engine != "spark":
        raise click.UsageError(f"--spark-plan applies to --engine spark, not --engine {engine}")
    if engine != "python":
        from ..sql.duckdb_engine import available

        if not available(engine):
            raise click.UsageError(f"--engine {engine} needs pip install 'condition-engine[{'sql' if engine == 'duckdb' else 'spark'}]'")
    started = time.perf_counter()
    with _loading(quiet) as loading:
        pack = select_rules(**selection, progress=loading)
    load_seconds = time.perf_counter() - started
    report_problems(pack)
    skipped = [p for p in pack.problems if p.code in SKIPPED_CODES]
    if strict and (pack.errors or skipped):
        if skipped:
            click.echo(f"error: --strict: {len(skipped)} file(s) skipped, listed above", err=True)
        ctx.exit(2)
    rules = [rule for rule in pack if rule.enabled or include_disabled]
    if not rules:
        click.echo(f"warning: {no_rules_loaded(selection, broken=bool(pack.errors))}", err=True)
    files = input_files(list(inputs), include_hidden)
    _refuse_overwriting(files, {"--out": out, "--rejects": rejects, "--exclusion-report": exclusion_report,
                                "--alerts": alerts_out})
    options = ScanOptions(type_fields=type_fields or DEFAULT_TYPE_FIELDS, record_type=record_type,
                          logsources=LogsourceMap.load(*logsource_maps), max_line_bytes=max_line_bytes)
    _run(ctx, files, rules, pack, options, fmt, out, rejects, fail_on, strict, quiet, engine, exclusion_report,
         ignore_exclusions, no_exclusions, alerts_out, time_fields, load_seconds, spark_plan or "auto")


def _refuse_overwriting(files: list[str], outputs: dict[str, str | None]) -> None:
    """Stop (exit 2) before anything is opened for writing when an output names an input."""
    for option, path in outputs.items():
        if not path or path == "-" or not Path(path).exists():
            continue
        for name in files:
            if name != "-" and os.path.samefile(name, path):
                raise click.BadParameter(f"{path} is an input of this scan: outputs never overwrite inputs",
                                         param_hint=option)


def _run(ctx: click.Context, files: list[str], rules, pack, options: ScanOptions, fmt: str, out: str | None,
         rejects: str | None, fail_on: str | None, strict: bool, quiet: bool, engine: str,
         exclusion_report: str | None, ignore_exclusions: tuple[str, ...], no_exclusions: bool,
         alerts_out: str | None, time_fields: tuple[str, ...], load_seconds: float, spark_plan: str) -> None:
    with ExitStack() as stack:
        sink = stack.enter_context(open(out, "wb")) if out else sys.stdout.buffer
        writer = WRITERS[fmt](sink)
        reject_sink = stack.enter_context(open(rejects, "wb")) if rejects else None
        on_reject = _reject_handler(reject_sink)
        worst = {"rank": -1}

        alerter = make_alerter(rules, pack.correlations, time_fields, on_reject, engine) if alerts_out else None
        hidden = hidden_findings(alerter) if alerter is not None else set()

        def emit(item: dict) -> None:
            if hidden and item["rule_id"] in hidden:  # a correlation's base rule with generate: false
                worst["hidden"] = worst.get("hidden", 0) + 1
                return
            writer.write(item)
            worst["rank"] = max(worst["rank"], SEVERITIES.index(item["severity"]))

        # a plain scan hands findings to the writer itself (the Python engine then writes JSON Lines with no
        # call per finding); the worst severity is then read from the per-rule counts
        plain = alerter is None and not exclusion_report and not ignore_exclusions and not no_exclusions
        with _progress(files) if sys.stderr.isatty() and not quiet else nullcontext() as progress:
            stats, report = measured_scan(files, rules, writer.write if plain else emit, options, engine=engine,
                                          exclusion_report=bool(exclusion_report), ignore_exclusions=ignore_exclusions,
                                          no_exclusions=no_exclusions, on_reject=on_reject, progress=progress,
                                          alerter=alerter, spark_plan=spark_plan)
        writer.close(rules)  # after the progress bar is gone: a table is not drawn below a stale bar
    if plain:
        worst["rank"] = max((SEVERITIES.index(rule.severity) for rule in rules if stats.per_rule.get(rule.id)),
                            default=-1)
    if alerter is not None and alerts_out:  # (an alerter is made only with --alerts)
        write_alerts(alerter, alerts_out, quiet)
        if worst.get("hidden") and not quiet:
            click.echo(f"{worst['hidden']:,} findings of correlations' base rules not written (generate: false)",
                       err=True)
    if report is not None and exclusion_report:  # (a report is made only when asked)
        with open(exclusion_report, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    if on_reject.count > MAX_REPORTED_REJECTS:
        click.echo(f"… {on_reject.count - MAX_REPORTED_REJECTS} more lines that are not JSON"
                   + (f" (all in {rejects})" if rejects else ""), err=True)
    for warning in stats.warnings:
        click.echo(warning, err=True)
    for failure in stats.failed:
        click.echo(f"{failure} (the scan went on with the other inputs)", err=True)
    _warn_unrouted(stats, rules, options)
    if not quiet:
        _summary(stats, rules, len(pack), load_seconds)
        for line in summary_lines(report) if report is not None else ():
            click.echo(line, err=True)
    failing = fail_on is not None and worst["rank"] >= SEVERITIES.index(_canonical(fail_on))
    ctx.exit(2 if (pack.errors and strict) else EXIT_INPUT_FAILED if stats.failed else 1 if failing else 0)


def _canonical(severity: str) -> str:
    return next(s for s in SEVERITIES if s.lower() == severity.lower())


class _RejectHandler:
    def __init__(self, sink) -> None:
        self.count = 0
        self.write = write_rejects(sink) if sink is not None else None

    def __call__(self, reject: Reject) -> None:
        self.count += 1
        if self.count <= MAX_REPORTED_REJECTS:
            click.echo(str(reject), err=True)
        if self.write is not None:
            self.write(reject)


def _reject_handler(sink) -> _RejectHandler:
    return _RejectHandler(sink)


class _progress:
    """A progress bar over the inputs' bytes, on stderr (only when it is a terminal)."""

    def __init__(self, files: list[str]) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(TextColumn("scanning"), BarColumn(), DownloadColumn(), TimeRemainingColumn(),
                            console=Console(stderr=True), transient=True)
        self.task = self.bar.add_task("scan", total=sum(size_of(f) for f in files) or None)

    def __enter__(self):
        self.bar.start()
        return lambda done: self.bar.advance(self.task, done)

    def __exit__(self, *exc) -> None:
        self.bar.stop()


def _summary(stats, rules, loaded: int, load_seconds: float) -> None:
    """The summary on stderr: loading and scanning timed apart, findings per rule, records no rule saw."""
    click.echo(f"loaded {counted(loaded, 'rule')} in {load_seconds:.2f}s", err=True)
    click.echo(f"scanned {counted(stats.records, 'record')} from {counted(stats.files, 'input')} in "
               f"{stats.seconds:.2f}s ({stats.rate:,.0f} records/s): {counted(stats.findings, 'finding')}, "
               f"{counted(stats.rejects, 'line')} not JSON", err=True)
    titles = {rule.id: rule.title for rule in rules if rule.model.Sigma is not None and rule.title != rule.id}
    for rule_id, count in stats.per_rule.most_common():  # a Sigma rule's ID is a UUID: its title, then the ID
        click.echo(f"  {count:>8,}  {titles[rule_id] + ' (' + rule_id + ')' if rule_id in titles else rule_id}",
                   err=True)
    unseen = sum(stats.unrouted.values())
    if unseen:
        kinds = ", ".join(f"{_kind(t)}: {n:,}" for t, n in stats.unrouted.most_common(8))
        more = f", … {len(stats.unrouted) - 8} more types" if len(stats.unrouted) > 8 else ""
        click.echo(f"  {unseen:>8,}  records no rule saw, by type: {kinds}{more}", err=True)


def _kind(record_type) -> str:
    """An unrouted record's kind: its type, ``Channel <name>`` for a Windows event, or ``(no type)``."""
    if isinstance(record_type, tuple):
        return f"Channel {record_type[1]}"
    return record_type or "(no type)"


class _loading:
    """A progress bar over the rule files while they load, on stderr (only when it is a terminal)."""

    def __init__(self, quiet: bool) -> None:
        self.bar = None
        if sys.stderr.isatty() and not quiet:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            # drawn when told (no refresh thread: many Sigma files are converted by forked processes)
            self.bar = Progress(TextColumn("loading rules"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                console=Console(stderr=True), transient=True, auto_refresh=False)
            self.task = self.bar.add_task("load", total=None)
            self.drawn = 0.0

    def __enter__(self):
        if self.bar is None:
            return None
        self.bar.start()
        return self.update

    def update(self, done: int, total: int) -> None:
        """Record the files done; draw the bar at most ten times a second, and at the end."""
        now, bar = time.monotonic(), self.bar
        draw = done == total or now - self.drawn >= 0.1
        if bar is not None:
            bar.update(self.task, completed=done, total=total, refresh=draw)
        if draw:
            self.drawn = now

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def _warn_unrouted(stats, rules, options) -> None:
    """A scan where rules were loaded and records read, but no record reached any rule, says why."""
    if not rules or not stats.records or sum(stats.unrouted.values()) < stats.records:
        return
    wanted = sorted({t for rule in rules for t in rule.types})
    seen = ", ".join(str(t) for t in list(stats.unrouted)[:5] if isinstance(t, str)) or "none (no record has a type field)"
    click.echo(f"warning: no record reached any rule: the rules want the types {', '.join(wanted[:5])}"
               f"{', …' if len(wanted) > 5 else ''}; the records' types (read from "
               f"{', '.join(options.type_fields)}) were: {seen}. Give --type TYPE, or --type-field FIELD.", err=True)
