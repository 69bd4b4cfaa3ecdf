"""One entry point for every engine: a scan, measured (exclusion report) and what-if where asked.

>>> from condition_engine import load_rules
>>> result = scan_files(["examples/kms_keys.jsonl"], load_rules().filter(ids=["AWS.CMK.KeyRotation"]),
...                     exclusion_report=True)
>>> rule = result.report["rules"][0]
>>> rule["matched"] == len(result.findings) and rule["requirement_matches"] == rule["matched"] + rule["suppressed"]
True
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any

from ..rules.pack import LoadedRule
from .engine import ScanOptions, ScanStats, scan
from .findings import finding
from .logsources import LogsourceMap
from .readers import Reject
from .suppression import SuppressionTally, make_finding, parse_ignored, probes, what_if

ENGINES = ("python", "duckdb", "spark")


def run_engine(engine: str, inputs: list[str], rules: list[LoadedRule], emit: Callable[[Any], None],
               options: ScanOptions, make: Callable[..., Any] = finding,
               on_reject: Callable[[Reject], None] | None = None,
               progress: Callable[[int], None] | None = None, spark_plan: str = "auto") -> ScanStats:
    """Run ``rules`` over ``inputs`` with one engine: ``python``, ``duckdb`` or ``spark`` (``spark_plan``:
    :func:`condition_engine.spark.scan_spark`'s ``plan``)."""
    if options.logsources is not None:  # Sigma cloud rules also see the record types their logsource maps to
        rules = options.logsources.routed(rules)
    if engine == "duckdb":
        from ..sql.duckdb_engine import scan_duckdb

        return scan_duckdb(inputs, rules, emit, options, make=make, on_reject=on_reject)
    if engine == "spark":
        from ..spark import scan_spark

        return scan_spark(inputs, rules, emit, options, make=make, on_reject=on_reject, plan=spark_plan)
    return scan(inputs, rules, emit, options, on_reject, progress, make)


def measured_scan(inputs: list[str], rules: list[LoadedRule], emit: Callable[[dict[str, Any]], None],
                  options: ScanOptions | None = None, *, engine: str = "python", exclusion_report: bool = False,
                  ignore_exclusions: Iterable[str] = (), no_exclusions: bool = False,
                  on_reject: Callable[[Reject], None] | None = None,
                  progress: Callable[[int], None] | None = None,
                  alerter: Any = None, spark_plan: str = "auto") -> tuple[ScanStats, dict[str, Any] | None]:
    """A scan with an exclusion report (``exclusion_report``) and/or what-if rules (``ignore_exclusions``
    as ``RULE_ID:GROUP``, ``no_exclusions``); returns the stats and the report (None when not asked).
    An ``alerter`` (:class:`condition_engine.alerts.Alerter`) is shown every finding with its record.

    Without any of them, this is the plain scan of ``engine``, unchanged.
    """
    options = options or ScanOptions()
    ignored = parse_ignored(ignore_exclusions, rules, no_exclusions)
    held = alerter.holding() if alerter is not None else nullcontext()
    if not exclusion_report and not ignored:
        with held:
            return run_engine(engine, inputs, rules, emit, options, _observed(finding, alerter), on_reject,
                              progress, spark_plan), None
    tally = SuppressionTally(rules)
    extra = probes(rules) if exclusion_report else []
    with held:
        stats = run_engine(engine, inputs, [*what_if(rules, ignored), *extra], tally.sink(emit), options,
                           _observed(make_finding, alerter), on_reject, progress, spark_plan)
    for probe in extra:  # a probe's hits are suppressions, not findings
        stats.per_rule.pop(probe.id, None)
    stats.findings = sum(stats.per_rule.values())
    return stats, tally.report() if exclusion_report else None


def _observed(make: Callable[..., Any], alerter: Any) -> Callable[..., Any]:
    """``make``, also showing each finding of an alerting rule, with its record, to ``alerter``."""
    return make if alerter is None else alerter.wrap(make, findings_only=make is finding)


@dataclass
class ScanResult:
    """What :func:`scan_files` returns: the findings, the scan's figures and the exclusion report."""

    findings: list[dict[str, Any]] = field(default_factory=list)
    stats: ScanStats = field(default_factory=ScanStats)
    report: dict[str, Any] | None = None


def scan_files(inputs: str | list[str], rules: Iterable[LoadedRule] | None = None, *, engine: str = "python",
               record_type: str | None = None, exclusion_report: bool = False,
               ignore_exclusions: Iterable[str] = (), no_exclusions: bool = False) -> ScanResult:
    """Scan files with a rule pack (default: the bundled one's enabled rules) and collect the findings.

    ``exclusion_report=True`` adds per-group suppression counts (``result.report``);
    ``ignore_exclusions=["RULE_ID:E1"]`` or ``no_exclusions=True`` report what the rules would find
    without those groups, each such finding marked ``suppressed_by``.
    """
    if rules is None:
        from ..rules import load_rules

        rules = [rule for rule in load_rules() if rule.enabled]
    result = ScanResult()
    options = ScanOptions(record_type=record_type, logsources=LogsourceMap.load())
    result.stats, result.report = measured_scan([inputs] if isinstance(inputs, str) else list(inputs), list(rules),
                                                result.findings.append, options, engine=engine,
                                                exclusion_report=exclusion_report,
                                                ignore_exclusions=ignore_exclusions, no_exclusions=no_exclusions)
    return result
