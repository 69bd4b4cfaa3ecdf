"""scan --engine duckdb: the rule pack run as SQL inside embedded DuckDB, same findings as Python.

DuckDB reads the files (JSON Lines, JSON arrays or objects, gzip, Parquet); one query per file
extracts every path the rules read in one pass over each record, computes which rules hold — each
rule's generated SQL guarded by its types — and returns only the records some rule matches, which
become findings in the Python engine's order.
"""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

from sqlglot import exp

from ..errors import ConditionError
from ..rules.pack import LoadedRule
from ..scan.engine import ScanOptions, ScanStats, emit_matched
from ..scan.readers import input_files, open_input
from ..scan.router import Router
from .compiler import KeyLookups, to_sql_expression
from .dialects import fn


def _source(path: str) -> exp.Expression:
    """The table function reading one input file as rows of one JSON text (or a Parquet row)."""
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


def _records(path: str) -> tuple[exp.Expression, exp.Expression]:
    """Rows of (line, record JSON) numbered from 1 in file order, and a test that the record is not an array."""
    if path.endswith(".parquet"):  # a Parquet row is an object: its columns are the record's keys
        rows = exp.select(exp.alias_(exp.Window(this=exp.RowNumber()), "line"),
                          exp.alias_(fn("to_json", exp.column("t")), "record")) \
            .from_(exp.Table(this=_source(path), alias=exp.TableAlias(this=exp.to_identifier("t"))))
        return rows, exp.true()
    table = exp.Table(this=_source(path), ordinality=True, alias=exp.TableAlias(
        this=exp.to_identifier("t"), columns=[exp.to_identifier("json"), exp.to_identifier("line")]))
    rows = exp.select("line", exp.alias_(exp.Cast(this=exp.column("json"), to=exp.DataType.build("JSON")),
                                         "record")).from_(table)
    # JSON text is an array exactly when its first non-blank character is "[": no parse needed
    return rows, exp.Not(this=fn("regexp_matches", exp.column("record"), exp.Literal.string(r"^\s*\[")))


def _type_expression(lookups: KeyLookups, fields: tuple[str, ...]) -> exp.Expression:
    """The record's type as Router.type_of reads it: the first type field holding a string.

    An extracted value is JSON text as json_extract writes it, without leading blanks: it is a
    string exactly when it starts with a quote, which costs less than asking json_type.
    """
    ifs = []
    for field in fields:
        value = lookups.value((field,))
        ifs.append(exp.If(this=fn("starts_with", value, exp.Literal.string('"')),
                          true=fn("json_extract_string", value, exp.Literal.string("$"))))
    return exp.Case(ifs=ifs, default=exp.Null())


def rules_query(path: str, rules: list[LoadedRule], options: ScanOptions) -> exp.Expression:
    """One query over one file: (line, record, type, r0, r1, …) for the records some rule matches.

    Every keys-only path the rules read is extracted in one pass over each record
    (:class:`KeyLookups`); each rule's column is its generated SQL guarded by its types.
    """
    rows, not_array = _records(path)
    lookups = KeyLookups("ce_values", not_array)
    record_type = _type_expression(lookups, options.type_fields)
    kind = exp.Literal.string(options.record_type) if options.record_type else exp.column("record_type")
    columns = []
    for index, rule in enumerate(rules):  # a rule sees a record when it has no types or the record's is one
        condition = to_sql_expression(rule.condition, layout="json", column="record", lookups=lookups)
        if rule.types:
            applies = exp.In(this=kind, expressions=[exp.Literal.string(t) for t in rule.types])
            # CASE, not AND: DuckDB evaluates a branch only for the rows that take it
            condition = exp.Case(ifs=[exp.If(this=applies, true=condition)], default=exp.false())
        columns.append(exp.alias_(condition, f"r{index}"))
    extracted = exp.select("line", "record", exp.alias_(lookups.extraction(exp.column("record")), lookups.column)) \
        .from_(rows.subquery("records"))
    typed = exp.select("line", "record", lookups.column, exp.alias_(record_type, "record_type")) \
        .from_(extracted.subquery("extracted"))
    judged = exp.select("line", "record", "record_type", *columns).from_(typed.subquery("typed"))
    return exp.select("*").from_(judged.subquery("judged")).where(
        exp.or_(*(exp.column(f"r{i}") for i in range(len(rules))))).order_by("line")


def scan_duckdb(inputs: list[str], rules: list[LoadedRule], emit: Callable[[dict[str, Any]], None],
                options: ScanOptions | None = None, connection: Any = None) -> ScanStats:
    """Run ``rules`` over ``inputs`` in DuckDB; ``emit`` each finding (as the Python engine would)."""
    import duckdb

    options = options or ScanOptions()
    if "-" in inputs:
        raise ConditionError("--engine duckdb reads files; for stdin use --engine python", code="E601")
    con = connection or duckdb.connect()
    router = Router(rules, options.type_fields)
    stats = ScanStats()
    start = time.perf_counter()
    files = input_files(inputs)
    stats.files = len(files)
    for name in files:
        # the rules' query numbers the records, which keeps it on one thread: count on another
        count = exp.select(exp.Count(this=exp.Star())).from_(exp.Table(this=_source(name))).sql(dialect="duckdb")
        with ThreadPoolExecutor(max_workers=1) as pool:
            counted = pool.submit(lambda cursor=con.cursor(), sql=count: cursor.execute(sql).fetchone()[0])
            if rules:
                query = rules_query(name, rules, options).sql(dialect="duckdb")
                for line, raw, found_type, *hits in con.execute(query).fetchall():
                    record_type = options.record_type or found_type
                    matched = {rules[i].id for i, hit in enumerate(hits) if hit}
                    emit_matched(router, stats, emit, matched, raw, name, line, record_type)
            stats.records += counted.result()
    stats.findings = sum(stats.per_rule.values())
    stats.seconds = time.perf_counter() - start
    return stats


def available(engine: str = "duckdb") -> bool:
    """Whether an engine's packages are installed (``condition-engine[sql]``, ``condition-engine[spark]``)."""
    import importlib.util

    needed = ["sqlglot", "duckdb" if engine == "duckdb" else "pyspark"]
    return all(importlib.util.find_spec(name) is not None for name in needed)


