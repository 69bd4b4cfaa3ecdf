"""A rule pack on a Spark DataFrame: each rule's generated Spark SQL as a filter.

Needs pyspark 4+ and Java 17 (``pip install 'condition-engine[spark]'``).  Records are JSON text in
one column (``layout="json"``), parsed to VARIANT, or the DataFrame's own typed columns
(``layout="columns"``).  ``scan --engine spark`` runs the same over files on a local session.

>>> from condition_engine import load_rules
>>> rule_sql(load_rules().get("AWS.CMK.KeyRotation")).startswith("COALESCE(")
True
"""
from __future__ import annotations

import time
from typing import Any, Callable

import orjson
from sqlglot import exp

from .errors import ConditionError
from .rules.pack import LoadedRule
from .scan.engine import ScanOptions, ScanStats, emit_matched
from .scan.findings import finding
from .scan.readers import input_files, open_input
from .scan.router import DEFAULT_TYPE_FIELDS, Router
from .sql.compiler import to_sql_expression
from .sql.dialects import Spark

_SPARK = Spark()


def type_expression(root: exp.Expression, fields: tuple[str, ...] = DEFAULT_TYPE_FIELDS) -> exp.Expression:
    """A record's type in Spark SQL: the first type field holding a string (as the Python router)."""
    ifs = []
    for field in fields:
        value = _SPARK.key(root, field)
        ifs.append(exp.If(this=exp.Coalesce(this=_SPARK.is_kind(value, "STRING"), expressions=[exp.false()]),
                          true=_SPARK.text(value)))
    return exp.Case(ifs=ifs, default=exp.Null())


def rule_sql(rule: LoadedRule, column: str = "record", layout: str = "json", record_type: str | None = None,
             type_fields: tuple[str, ...] = DEFAULT_TYPE_FIELDS) -> str:
    """The Spark SQL filter of one rule: its condition, guarded by its types (as scan routes)."""
    condition = to_sql_expression(rule.condition, "spark", layout, column)
    if rule.types:
        kind = exp.Literal.string(record_type) if record_type else \
            type_expression(_SPARK.root(column, layout), type_fields)
        guard = exp.Coalesce(this=exp.In(this=kind, expressions=[exp.Literal.string(t) for t in rule.types]),
                             expressions=[exp.false()])
        condition = exp.and_(guard, exp.Paren(this=condition))
    return condition.sql(dialect="spark")


def apply_rules(df: Any, rules: list[LoadedRule], column: str = "record", layout: str = "json",
                record_type: str | None = None) -> Any:
    """A DataFrame of (rule_id, severity, title, and df's columns) for every match of every rule."""
    from pyspark.sql import functions as F

    matches = None
    for rule in rules:
        found = df.filter(F.expr(rule_sql(rule, column, layout, record_type))).select(
            F.lit(rule.id).alias("rule_id"), F.lit(rule.severity).alias("severity"), F.lit(rule.title).alias("title"),
            *df.columns)
        matches = found if matches is None else matches.unionByName(found)
    return matches


def session() -> Any:
    """A local Spark session for scans and tests (quiet, one core)."""
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master("local[1]").appName("condition-engine")
             .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1")
             .config("spark.sql.analyzer.maxIterations", "1000")  # deep lambda nesting
             .config("spark.sql.codegen.wholeStage", "false")  # generated Java would exceed its limits
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def scan_spark(inputs: list[str], rules: list[LoadedRule], emit: Callable[[dict[str, Any]], None],
               options: ScanOptions | None = None, spark: Any = None,
               make: Callable[..., Any] = finding) -> ScanStats:
    """scan --engine spark: the pack over files on a local Spark session, with the Python engine's findings."""
    if "-" in inputs:
        raise ConditionError("--engine spark reads files; for stdin use --engine python", code="E601")
    options = options or ScanOptions()
    spark = spark or session()
    router = Router(rules, options.type_fields)
    files = input_files(inputs)
    stats = ScanStats(files=len(files))
    start = time.perf_counter()
    rows = []
    for number, name in enumerate(files):
        mode, source = open_input(name)
        if mode == "lines":  # every line a row: positions are line numbers, blank and bad lines included
            for line, raw in enumerate(source, 1):
                rows.append((number, line, raw.decode("utf-8", "replace")))
            source.close()
        else:
            rows.extend((number, item[0], orjson.dumps(item[1]).decode()) for item in source
                        if isinstance(item, tuple))
    df = spark.createDataFrame(rows, "file INT, line BIGINT, record STRING").selectExpr(
        "file", "line", "CASE WHEN try_parse_json(record) IS NULL THEN NULL ELSE record END AS record")
    valid = df.filter("record IS NOT NULL")
    stats.records = valid.count()
    type_sql = type_expression(_SPARK.root("record", "json"), options.type_fields).sql(dialect="spark")
    found = apply_rules(valid, rules, "record", "json", options.record_type)
    matched: dict[tuple[int, int], set[str]] = {}
    records: dict[tuple[int, int], str] = {}
    if found is not None:
        for row in found.select("rule_id", "file", "line", "record").collect():
            key = (row["file"], row["line"])
            matched.setdefault(key, set()).add(row["rule_id"])
            records[key] = row["record"]
    types = {}
    if matched:
        keyed = valid.selectExpr("file", "line", f"{type_sql} AS record_type").collect()
        types = {(r["file"], r["line"]): r["record_type"] for r in keyed if (r["file"], r["line"]) in matched}
    for key in sorted(matched):
        record_type = options.record_type or types.get(key)
        emit_matched(router, stats, emit, matched[key], records[key], files[key[0]], key[1], record_type, make)
    stats.findings = sum(stats.per_rule.values())
    stats.seconds = time.perf_counter() - start
    return stats
