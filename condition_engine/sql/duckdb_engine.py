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
from ..scan.findings import finding
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


def _records(path: str, number: int) -> exp.Select:
    """Rows of (file number, line, record JSON) for one file, numbered from 1 in file order."""
    file = exp.alias_(exp.Literal.number(number), "file")
    if path.endswith(".parquet"):  # a Parquet row is an object: its columns are the record's keys
        return exp.select(file, exp.alias_(exp.Window(this=exp.RowNumber()), "line"),
                          exp.alias_(fn("to_json", exp.column("t")), "record")) \
            .from_(exp.Table(this=_source(path), alias=exp.TableAlias(this=exp.to_identifier("t"))))
    table = exp.Table(this=_source(path), ordinality=True, alias=exp.TableAlias(
        this=exp.to_identifier("t"), columns=[exp.to_identifier("json"), exp.to_identifier("line")]))
    return exp.select(file, "line", exp.alias_(exp.Cast(this=exp.column("json"), to=exp.DataType.build("JSON")),
                                               "record")).from_(table)


#: The record is not an array (the keys of an array's elements are not the record's): JSON text is one
#: exactly when its first non-blank character is "[", which needs no parse.
NOT_ARRAY = exp.Not(this=fn("regexp_matches", exp.column("record"), exp.Literal.string(r"^\s*\[")))


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


def rules_query(paths: list[str], rules: list[LoadedRule], options: ScanOptions) -> exp.Expression:
    """One query over files: (file number, line, record, type, m0, m1, …) for the records some rule
    matches, the masks holding a bit for each rule that does (:func:`matched_rules`), in file order.

    Every keys-only path the rules read is extracted in one pass over each record
    (:class:`KeyLookups`); each rule's column is its generated SQL guarded by its types.  The files'
    records are one UNION ALL, so DuckDB plans the rules once however many files there are.
    """
    rows = _records(paths[0], 0)
    for number, path in enumerate(paths[1:], 1):
        rows = exp.union(rows, _records(path, number), distinct=False)
    lookups = KeyLookups("ce_values", NOT_ARRAY)
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
    extracted = exp.select("file", "line", "record", exp.alias_(lookups.extraction(exp.column("record")),
                                                                lookups.column)).from_(rows.subquery("records"))
    typed = exp.select("file", "line", "record", lookups.column, exp.alias_(record_type, "record_type")) \
        .from_(extracted.subquery("extracted"))
    judged = exp.select("file", "line", "record", "record_type", *columns).from_(typed.subquery("typed"))
    if len(rules) == 1:  # one rule: its own column is the filter, and the mask
        mask = exp.alias_(exp.Cast(this=exp.column("r0"), to=exp.DataType.build("BIGINT")), "m0")
        return exp.select("file", "line", "record", "record_type", mask).from_(judged.subquery("judged")) \
            .where(exp.column("r0")).order_by("file", "line")
    # the matches as bit masks of MASK_BITS rules each: filtering on them costs less than on every rule
    masks = []
    for first in range(0, len(rules), MASK_BITS):
        bits = [exp.Case(ifs=[exp.If(this=exp.column(f"r{i}"), true=exp.Literal.number(1 << (i - first)))],
                         default=exp.Literal.number(0)) for i in range(first, min(first + MASK_BITS, len(rules)))]
        total = bits[0]
        for bit in bits[1:]:
            total = exp.Add(this=total, expression=bit)
        masks.append(exp.alias_(total, f"m{first // MASK_BITS}"))
    masked = exp.select("file", "line", "record", "record_type", *masks).from_(judged.subquery("judged"))
    return exp.select("*").from_(masked.subquery("masked")).where(
        exp.or_(*(exp.NEQ(this=exp.column(f"m{k}"), expression=exp.Literal.number(0)) for k in range(len(masks))))
    ).order_by("file", "line")


#: Rules per bit mask of a rules_query row (BIGINT, sign bit unused).
MASK_BITS = 62
#: Files per query: the rules are planned once for each batch.
FILES_PER_QUERY = 256


def matched_rules(masks: list[int], rules: list[LoadedRule]) -> set[str]:
    """The ids of the rules whose bits are set in a rules_query row's masks."""
    matched = set()
    for k, mask in enumerate(masks):
        while mask:  # one step per set bit, lowest first
            low = mask & -mask
            matched.add(rules[k * MASK_BITS + low.bit_length() - 1].id)
            mask ^= low
    return matched


def scan_duckdb(inputs: list[str], rules: list[LoadedRule], emit: Callable[[dict[str, Any]], None],
                options: ScanOptions | None = None, connection: Any = None,
                make: Callable[..., Any] = finding) -> ScanStats:
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
    for first in range(0, len(files), FILES_PER_QUERY):
        batch = files[first:first + FILES_PER_QUERY]
        # the rules' query numbers the records, which keeps it on one thread: count on another
        counts = exp.union(*(exp.select(exp.Count(this=exp.Star())).from_(exp.Table(this=_source(name)))
                             for name in batch), distinct=False) if len(batch) > 1 else \
            exp.select(exp.Count(this=exp.Star())).from_(exp.Table(this=_source(batch[0])))
        with ThreadPoolExecutor(max_workers=1) as pool:
            counted = pool.submit(lambda cursor=con.cursor(), sql=counts.sql(dialect="duckdb"):
                                  sum(row[0] for row in cursor.execute(sql).fetchall()))
            if rules:
                query = rules_query(batch, rules, options).sql(dialect="duckdb")
                for number, line, raw, found_type, *masks in con.execute(query).fetchall():
                    record_type = options.record_type or found_type
                    emit_matched(router, stats, emit, matched_rules(masks, rules), raw, batch[number], line,
                                 record_type, make)
            stats.records += counted.result()
    stats.findings = sum(stats.per_rule.values())
    stats.seconds = time.perf_counter() - start
    return stats


def available(engine: str = "duckdb") -> bool:
    """Whether an engine's packages are installed (``condition-engine[sql]``, ``condition-engine[spark]``)."""
    import importlib.util

    needed = ["sqlglot", "duckdb" if engine == "duckdb" else "pyspark"]
    return all(importlib.util.find_spec(name) is not None for name in needed)


