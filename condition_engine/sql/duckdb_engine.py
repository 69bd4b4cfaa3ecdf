"""scan --engine duckdb: the rule pack run as SQL inside embedded DuckDB, same findings as Python.

DuckDB reads the files (JSON Lines, JSON arrays or objects, gzip, Parquet); one query per file
computes, for every record, which rules hold — each rule's generated SQL guarded by its types —
and only matching records come back to Python to become findings, in the Python engine's order.
"""
from __future__ import annotations

import time
from typing import Any, Callable

from sqlglot import exp

from ..errors import ConditionError
from ..rules.pack import LoadedRule
from ..scan.engine import ScanOptions, ScanStats, emit_matched
from ..scan.readers import input_files, open_input
from ..scan.router import Router
from .compiler import to_sql_expression
from .dialects import fn


def _source(path: str) -> exp.Expression:
    """The table function reading one input file as rows of (line, record JSON)."""
    name = exp.Literal.string(path)
    if path.endswith(".parquet"):
        return fn("read_parquet", name)
    mode, source = open_input(path)
    if mode == "lines":
        source.close()
        return fn("read_ndjson_objects", name, exp.EQ(this=exp.column("ignore_errors"), expression=exp.true()))
    with open(path, "rb") as handle:
        head = handle.read(64).lstrip()
    layout = "array" if head.startswith(b"[") else "unstructured"
    return fn("read_json_objects", name, exp.EQ(this=exp.column("format"), expression=exp.Literal.string(layout)))


def _type_expression(record: exp.Expression, fields: tuple[str, ...]) -> exp.Expression:
    """The record's type as Router.type_of reads it: the first type field holding a string."""
    ifs = []
    for field in fields:
        value = fn("json_extract", record, exp.Literal.string("/" + field.replace("~", "~0").replace("/", "~1")))
        ifs.append(exp.If(this=exp.EQ(this=fn("json_type", value), expression=exp.Literal.string("VARCHAR")),
                          true=fn("json_extract_string", value, exp.Literal.string("$"))))
    return exp.Case(ifs=ifs, default=exp.Null())


def scan_duckdb(inputs: list[str], rules: list[LoadedRule], emit: Callable[[dict[str, Any]], None],
                options: ScanOptions | None = None, connection: Any = None) -> ScanStats:
    """Run ``rules`` over ``inputs`` in DuckDB; ``emit`` each finding (as the Python engine would)."""
    import duckdb

    options = options or ScanOptions()
    if "-" in inputs:
        raise ConditionError("--engine duckdb reads files; for stdin use --engine python", code="E601")
    con = connection or duckdb.connect()
    router = Router(rules, options.type_fields)
    kind = exp.Literal.string(options.record_type) if options.record_type else exp.column("record_type")
    # a rule sees a record when it has no types, or the record's type is one of them
    columns = []
    for index, rule in enumerate(rules):
        condition = to_sql_expression(rule.condition, layout="json", column="record")
        if rule.types:
            applies = exp.In(this=kind, expressions=[exp.Literal.string(t) for t in rule.types])
            condition = exp.and_(exp.Coalesce(this=applies, expressions=[exp.false()]), exp.Paren(this=condition))
        columns.append(exp.alias_(condition, f"r{index}"))
    stats = ScanStats()
    start = time.perf_counter()
    files = input_files(inputs)
    stats.files = len(files)
    # Stage 1: every input into one table of (file, line, record, type) — DuckDB does the reading.
    con.execute("CREATE OR REPLACE TEMP TABLE ce_records (file INTEGER, line BIGINT, record JSON, record_type VARCHAR)")
    for number, name in enumerate(files):
        document = fn("to_json", exp.column("t")) if name.endswith(".parquet") else \
            exp.Cast(this=exp.column("json"), to=exp.DataType.build("JSON"))
        rows = exp.select(exp.alias_(exp.Window(this=exp.RowNumber()), "line"), exp.alias_(document, "record")) \
            .from_(exp.select("*").from_(_source(name)).subquery("t"))
        load = exp.select(exp.Literal.number(number), "line", "record",
                          _type_expression(exp.column("record"), options.type_fields)).from_(rows.subquery("s"))
        con.execute(exp.insert(load, "ce_records").sql(dialect="duckdb"))
    stats.records = con.execute("SELECT count(*) FROM ce_records").fetchone()[0]
    # Stage 2: one query over the table, every rule a column; only records some rule matches come back.
    if rules:
        query = exp.select("file", "line", "record", "record_type", *columns).from_("ce_records")
        query = exp.select("*").from_(query.subquery("q")).where(
            exp.or_(*(exp.column(f"r{i}") for i in range(len(rules))))).order_by("file", "line")
        for row in con.execute(query.sql(dialect="duckdb")).fetchall():
            name, line, raw, found_type = files[row[0]], row[1], row[2], row[3]
            record_type = options.record_type or found_type
            matched = {rules[i].id for i in range(len(rules)) if row[4 + i]}
            emit_matched(router, stats, emit, matched, raw, name, line, record_type)
    con.execute("DROP TABLE ce_records")
    stats.findings = sum(stats.per_rule.values())
    stats.seconds = time.perf_counter() - start
    return stats


def available(engine: str = "duckdb") -> bool:
    """Whether an engine's packages are installed (``condition-engine[sql]``, ``condition-engine[spark]``)."""
    import importlib.util

    needed = ["sqlglot", "duckdb" if engine == "duckdb" else "pyspark"]
    return all(importlib.util.find_spec(name) is not None for name in needed)


