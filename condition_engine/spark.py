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
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from sqlglot import exp

from . import ast
from .compiler import compile as compile_condition
from .errors import ConditionError
from .rules.pack import LoadedRule
from .scan.engine import RecordScanner, ScanOptions, ScanStats, count_unrouted, deeply, emit_matched
from .scan.findings import finding
from .scan.logsources import windows_form
from .scan.parquet_reader import is_parquet
from .scan.readers import Reject, input_files
from .scan.readers import records as read_records
from .scan.router import DEFAULT_TYPE_FIELDS, Router
from .spark_plan import chosen_plan, driver_findings, executor_rows, findings_from_rows
from .sql.compiler import to_sql_expression
from .sql.dialects import Spark, fn
from .sql.duckdb_engine import LIST_DEPTH
from .sql.fallback import PythonMatches, split_expressible
from .sql.logsources import variant_types_expression

_SPARK = Spark()


def type_expression(root: exp.Expr, fields: tuple[str, ...] = DEFAULT_TYPE_FIELDS) -> exp.Expr:
    """A record's type in Spark SQL: the first type field holding a string (as the Python router)."""
    ifs = []
    for field in fields:
        value = _SPARK.key(root, field)
        ifs.append(exp.If(this=exp.Coalesce(this=_SPARK.is_kind(value, "STRING"), expressions=[exp.false()]),
                          true=_SPARK.text(value)))
    return exp.Case(ifs=ifs, default=exp.Null())


def _guard(rule: LoadedRule, column: str, layout: str, record_type: str | None,
           type_fields: tuple[str, ...], types_column: str | None) -> exp.Expr | None:
    """The SQL test of a record's type for ``rule`` (None when it reads every type)."""
    if not rule.types:
        return None
    wanted = [exp.Literal.string(t) for t in rule.types]
    if types_column:
        test = fn("arrays_overlap", exp.column(types_column), exp.Array(expressions=wanted))
    else:
        kind = exp.Literal.string(record_type) if record_type else \
            type_expression(_SPARK.root(column, layout), type_fields)
        test = exp.In(this=kind, expressions=wanted)
    return exp.Coalesce(this=test, expressions=[exp.false()])


def rule_sql(rule: LoadedRule, column: str = "record", layout: str = "json", record_type: str | None = None,
             type_fields: tuple[str, ...] = DEFAULT_TYPE_FIELDS, types_column: str | None = None) -> str:
    """The Spark SQL filter of one rule: its condition, guarded by its types (as scan routes); with
    ``types_column``, by that array column of each record's types (:func:`routed`)."""
    condition = to_sql_expression(rule.condition, "spark", layout, column)
    guard = _guard(rule, column, layout, record_type, type_fields, types_column)
    if guard is not None:
        condition = exp.and_(guard, exp.Paren(this=condition))
    return condition.sql(dialect="spark")


def uses_regex(node: Any) -> bool:
    """Whether a condition has a ``matches``/``imatches`` test (Spark SQL would run it in Java's backtracking
    regular expressions).

    >>> from condition_engine import parse
    >>> uses_regex(parse('a.b matches "x+" or c eq 1')), uses_regex(parse('a glob "x*"'))
    (True, False)
    """
    if isinstance(node, ast.Compare) and node.op in ("matches", "imatches"):
        return True
    if isinstance(node, ast.Node):
        return any(uses_regex(value) for value in node.__dict__.values())
    return isinstance(node, (list, tuple)) and any(uses_regex(item) for item in node)


def python_condition(condition: ast.Expr, text: Any) -> Any:
    """A Column: the Python engine's compiled ``condition`` (RE2 for ``matches``: linear time) on the record
    JSON text in Column ``text``, in a Python UDF — e.g. ``df.filter(python_condition(parse(c), F.col("record")))``.

    Spark cannot call a Python UDF inside the lambdas the compiled SQL tests list elements with, so the whole
    condition runs there, compiled once per Python worker.
    """
    from pyspark.sql import functions as F
    from pyspark.sql.types import BooleanType

    compiled: list[Callable[[Any], bool]] = []

    def test(record):  # no annotations: pyspark would read them as a pandas UDF's
        if record is None:
            return False
        if not compiled:
            compiled.append(compile_condition(condition))
        return compiled[0](orjson.loads(record))

    return F.udf(test, BooleanType(), useArrow=False)(text)


def rule_column(df: Any, rule: LoadedRule, column: str = "record", layout: str = "json",
                record_type: str | None = None, types_column: str | None = None) -> Any:
    """One rule's filter over ``df`` as a Column: its Spark SQL (:func:`rule_sql`); a rule with a regular
    expression: its type guard in SQL and its condition in the Python engine's code (:func:`python_condition`)."""
    from pyspark.sql import functions as F

    if not uses_regex(rule.condition):
        return F.expr(rule_sql(rule, column, layout, record_type, types_column=types_column))
    text = F.col(column) if layout == "json" else F.to_json(F.struct(*[F.col(f"`{c}`") for c in df.columns]))
    test = python_condition(rule.condition, text)
    guard = _guard(rule, column, layout, record_type, DEFAULT_TYPE_FIELDS, types_column)
    return test if guard is None else F.expr(guard.sql(dialect="spark")) & test


def apply_rules(df: Any, rules: list[LoadedRule], column: str = "record", layout: str = "json",
                record_type: str | None = None, types_column: str | None = None) -> Any:
    """A DataFrame of (rule_id, severity, title, and df's columns) for every match of every rule; a rule with
    ``matches`` is evaluated in RE2 (:func:`rule_column`)."""
    from pyspark.sql import functions as F

    matches = None
    for rule in rules:
        found = df.filter(rule_column(df, rule, column, layout, record_type, types_column)).select(
            F.lit(rule.id).alias("rule_id"), F.lit(rule.severity).alias("severity"), F.lit(rule.title).alias("title"),
            *df.columns)
        matches = found if matches is None else matches.unionByName(found)
    return matches


#: log4j2 settings for Spark's JVM: errors only (no WARN lines, no "default log4j profile" notice).
LOG_CONFIG = Path(__file__).with_name("spark_log4j2.properties")


def session(master: str = "local[1]") -> Any:
    """A local Spark session for scans and tests: one core (``master``: e.g. ``local[2]``, when no session is
    running yet), quiet (errors only, no progress bars).

    The JVM's own start-up notices on stderr (e.g. the incubator-module warning) are discarded; errors
    still reach Python as exceptions.
    """
    import os
    import subprocess
    import sys

    from pyspark import SparkConf, SparkContext
    from pyspark.java_gateway import launch_gateway
    from pyspark.sql import SparkSession

    conf = (SparkConf().setMaster(master).setAppName("condition-engine")
            .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
            .set("spark.sql.shuffle.partitions", "1")
            .set("spark.sql.analyzer.maxIterations", "1000")  # deep lambda nesting
            .set("spark.sql.codegen.wholeStage", "false")  # generated Java would exceed its limits
            .set("spark.driver.memory", "2g")  # room for many scans in one session (the tests run hundreds)
            .set("spark.ui.retainedJobs", "100").set("spark.ui.retainedStages", "100")
            .set("spark.sql.ui.retainedExecutions", "100")
            .set("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={LOG_CONFIG.as_uri()}"))
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # Python UDFs (regular expressions) run this Python
    if SparkContext._active_spark_context is None:
        gateway = launch_gateway(conf, popen_kwargs={"stderr": subprocess.DEVNULL})
        SparkContext(conf=conf, gateway=gateway)
    spark = SparkSession.builder.config(conf=conf).getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def routed(df: Any, options: ScanOptions, column: str = "record", windows: str = "windows") -> Any:
    """``df`` with ``record_type`` (the first type field holding a string), ``record_types`` (that type, or a
    Windows event's log types from its Channel and EventID by ``options.logsources`` — the CASE the DuckDB
    engine routes by, in Spark SQL — NULL when neither) and ``channel`` (its Channel when a string)."""
    root = _SPARK.root(column, "json")
    kind = exp.Literal.string(options.record_type) if options.record_type else \
        type_expression(root, options.type_fields)
    types = exp.Null() if options.logsources is None else \
        variant_types_expression(options.logsources, root, exp.column(windows))
    both = exp.Case(ifs=[exp.If(this=exp.Not(this=exp.Is(this=exp.column("record_type"), expression=exp.Null())),
                                true=exp.Array(expressions=[exp.column("record_type")]))], default=types)
    value = _SPARK.key(root, "Channel")
    channel = exp.Case(ifs=[exp.If(this=_SPARK.is_kind(value, "STRING"), true=_SPARK.text(value))])
    return df.selectExpr("*", f"{kind.sql(dialect='spark')} AS record_type") \
        .selectExpr("*", f"{both.sql(dialect='spark')} AS record_types", f"{channel.sql(dialect='spark')} AS channel")


def _text(record: Any) -> str | None:
    """A record as JSON text (None when orjson cannot write it: nested past 255 levels)."""
    try:
        return orjson.dumps(record).decode()
    except orjson.JSONEncodeError:
        return None


def _by_python(files: list[str], rows: list, left: list, unread: set, router: Router, options: ScanOptions,
               stats: ScanStats, emit: Callable[[Any], None], make: Callable[..., Any]) -> None:
    """The records Spark does not read, through the Python engine's routing and rules."""
    scanner = RecordScanner(router, options, stats, emit, make)
    for number, line, record in left + [row[:3] for row in rows if (row[0], row[1]) in unread]:
        stats.records += 1
        record = orjson.loads(record) if record.__class__ is str else record
        if not deeply(lambda position, value: scanner(files[number], position, value), line, record):
            stats.records -= 1
            stats.rejects += 1


def scan_spark(inputs: list[str], rules: list[LoadedRule], emit: Callable[[dict[str, Any]], None],
               options: ScanOptions | None = None, spark: Any = None,
               make: Callable[..., Any] = finding, on_reject: Callable[[Reject], None] | None = None,
               plan: str = "auto") -> ScanStats:
    """scan --engine spark: the pack over files on a local Spark session, with the Python engine's findings.

    ``plan``: ``executors`` runs the Python engine's routing and rules on Spark's Python workers
    (:mod:`.spark_plan`), ``sql`` each rule's Spark SQL as a filter, ``auto`` the first for packs of at least
    :data:`~.spark_plan.EXECUTOR_PLAN_RULES` rules.  With SQL filters, Windows events without a type field
    are made flat as the Python engine reads them and routed by their Channel and EventID in SQL; a rule Spark
    SQL cannot express runs in the Python engine over the same records.
    """
    if "-" in inputs:
        raise ConditionError("--engine spark reads files; for stdin use --engine python", code="E601")
    on_executors = chosen_plan(plan, len(rules)) == "executors"
    options = options or ScanOptions()
    spark = spark or session()
    router = Router(rules, options.type_fields)
    files = input_files(inputs)
    stats = ScanStats(files=len(files))
    start = time.perf_counter()
    expressed, python = rules, list[LoadedRule]()
    if not on_executors:
        expressed, python, stats.warnings = split_expressible(rules, "spark", lookups=False)
    # the map Windows events are reshaped by (None: not reshaped here)
    reshape = None if options.record_type or on_executors else options.logsources
    rows, left, tables = [], [], []
    for number, name in enumerate(files):
        if is_parquet(name):  # read by Spark itself
            tables.append(parquet_rows(spark, name, number))
            continue
        try:  # the Python engine's reader decides what is a record: Spark sees the records, as JSON text
            for item in read_records(name, options.max_line_bytes):
                if isinstance(item, Reject):  # counted and kept as the Python engine does
                    stats.rejects += 1
                    if on_reject is not None:
                        on_reject(item)
                    continue
                record, windows = item[1], False
                if reshape is not None and record.__class__ is dict and router.type_of(record) is None:
                    event, windows = windows_form(record)  # nested, ECS, unnamed Data: the flat form
                    if reshape.types_of(event, windows):  # a Windows event: read as Python reads it
                        record = event
                    else:
                        windows = False
                text = _text(record)  # lists maybe nested past what the SQL looks into: Python reads them
                if text is None or (not on_executors and text.count("[") >= LIST_DEPTH):
                    left.append((number, item[0], item[1]))
                else:
                    rows.append((number, item[0], text, windows))
        except ConditionError as error:  # damaged or unreadable: reported, the other inputs scanned
            stats.failed.append(error)
    if on_executors:
        _on_executors(spark, rows, left, tables, files, rules, options, stats, emit, make)
        stats.seconds = time.perf_counter() - start
        return stats
    df = spark.createDataFrame(rows, "file INT, line BIGINT, record STRING, windows BOOLEAN").selectExpr(
        "file", "line", "CASE WHEN try_parse_json(record) IS NULL THEN NULL ELSE record END AS record", "windows")
    unread = df.filter("record IS NULL").select("file", "line").collect() if rows else []
    if unread or left:  # records Spark cannot parse (too deep for it…): evaluated by the Python engine's code
        _by_python(files, rows, left, {(r["file"], r["line"]) for r in unread}, router, options, stats, emit, make)
    for table in tables:
        df = df.unionByName(table)
    valid = routed(df.filter("record IS NOT NULL"), options).cache()
    _count(valid, router, stats)
    found = apply_rules(valid, expressed, "record", "json", options.record_type, types_column="record_types")
    matched: dict[tuple[int, int], set[str]] = {}
    records: dict[tuple[int, int], tuple[str, str | None, list[str] | None]] = {}
    if found is not None:
        for row in found.select("rule_id", "file", "line", "record", "record_type", "record_types").collect():
            key = (row["file"], row["line"])
            matched.setdefault(key, set()).add(row["rule_id"])
            records[key] = (row["record"], row["record_type"], row["record_types"])
    valid.unpersist()
    others = PythonMatches(python, options, files)
    for key in sorted(matched):
        others.before(key, stats, emit, make)
        raw, found_type, found_types = records[key]
        record_type = options.record_type or found_type
        types = tuple(found_types) if record_type is None and found_types else None
        emit_matched(router, stats, emit, matched[key] | others.take(key), raw, files[key[0]], key[1], record_type,
                     make, types)
    others.before(None, stats, emit, make)
    stats.findings = sum(stats.per_rule.values())
    stats.seconds = time.perf_counter() - start
    return stats


def _on_executors(spark: Any, rows: list, left: list, tables: list, files: list[str], rules: list[LoadedRule],
                  options: ScanOptions, stats: ScanStats, emit: Callable[[Any], None], make: Callable[..., Any]) -> None:
    """The executor plan (:mod:`.spark_plan`) over the records read: findings emitted in the Python engine's order."""
    found = executor_rows(spark, [row[:3] for row in rows], tables, rules, options) if rows or tables else []
    for item in findings_from_rows(found, rules, files, stats, make,
                                   driver_findings(left, rules, options, files, stats, make)):
        emit(item)
    stats.findings = sum(stats.per_rule.values())


def parquet_rows(spark: Any, name: str, number: int) -> Any:
    """A Parquet file read by Spark as (file, line, record, windows) rows: each row's columns as one JSON
    object, numbered from 1 in file order as the Python engine numbers them."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    order = Window.orderBy(F.monotonically_increasing_id())  # increasing in file order
    table = spark.read.parquet(name)
    return table.select(F.lit(number).cast("INT").alias("file"),
                        F.row_number().over(order).cast("BIGINT").alias("line"),
                        F.to_json(F.struct(*[F.col(f"`{c}`") for c in table.columns])).alias("record"),
                        F.lit(False).alias("windows"))


def _count(valid: Any, router: Router, stats: ScanStats) -> None:
    """The records, and those no rule sees by type (as the Python engine counts them: a Windows event by
    its Channel), in one small query."""
    for row in valid.groupBy("record_type", "record_types", "channel").count().collect():
        stats.records += row["count"]
        count_unrouted(router, stats.unrouted, row["record_type"], tuple(row["record_types"] or ()), row["channel"],
                       row["count"])
