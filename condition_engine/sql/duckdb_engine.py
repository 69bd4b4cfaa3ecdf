"""scan --engine duckdb: the rule pack run as SQL inside embedded DuckDB, same findings as Python.

DuckDB reads the files (JSON Lines, JSON arrays or objects, gzip, Parquet); one query per file
extracts every path the rules read in one pass over each record, computes which rules hold — each
rule's generated SQL guarded by its types — and returns only the records some rule matches, which
become findings in the Python engine's order.
"""
from __future__ import annotations

import mmap
import os
import re
import time
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from typing import Any, Callable

import orjson
from sqlglot import exp

from ..errors import ConditionError
from ..rules.pack import LoadedRule
from ..scan.engine import ScanOptions, ScanStats, emit_matched
from ..scan.findings import finding
from ..scan.readers import Reject, input_files, is_evtx, layout
from ..scan.router import Router
from .compiler import KeyLookups, to_sql_expression
from .dialects import fn
from .fallback import PythonMatches, split_expressible
from .logsources import SHAPES, shape_expression, types_expression


def _option(name: str, value: exp.Expression) -> exp.Expression:
    return exp.EQ(this=exp.column(name), expression=value)


def _source(path: str, exact: bool = False) -> exp.Expression:
    """The table function reading one input file as rows of one JSON text (or a Parquet row).

    JSON Lines are read by DuckDB's JSON Lines reader, whose row numbers are line numbers unless the
    file has blank lines (it skips them); such files, gzip files (not checked) and ``exact`` reads go
    through a text-line reader that keeps every line, so that findings name the right line.  A line
    that is not JSON is a row without JSON in both.
    """
    name = exp.Literal.string(path)
    if path.endswith(".parquet"):
        return fn("read_parquet", name)
    kind = layout(path)
    if kind == "lines" and (exact or not _plain_lines(path)):
        text = exp.Literal.string
        return fn("read_csv", name, _option("columns", exp.Struct(expressions=[
                      exp.PropertyEQ(this=exp.Literal.string("json"), expression=text("VARCHAR"))])),
                  _option("delim", text("\x01")), _option("quote", text("")), _option("escape", text("")),
                  _option("header", exp.false()), _option("auto_detect", exp.false()),
                  _option("strict_mode", exp.false()), _option("max_line_size", exp.Literal.number(MAX_LINE)))
    if kind == "lines":
        return fn("read_ndjson_objects", name, _option("ignore_errors", exp.true()))
    return fn("read_json_objects", name, _option("format", exp.Literal.string(
        "array" if kind == "array" else "unstructured")))


#: The longest JSON line the text-line reader takes (bytes; DuckDB sizes its buffers by it).
MAX_LINE = 1 << 24
_BLANK_LINE = re.compile(rb"\A[ \t\r]*\n|\n[ \t\r]*\n")


def _plain_lines(path: str) -> bool:
    """Whether DuckDB's JSON Lines reader numbers this file's rows as its lines: not gzip, no blank line."""
    if path.endswith(".gz"):
        return False
    info = os.stat(path)
    return info.st_size > 0 and _no_blank_line(path, info.st_mtime_ns, info.st_size)


@lru_cache(maxsize=1024)
def _no_blank_line(path: str, modified: int, size: int) -> bool:
    with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return _BLANK_LINE.search(data) is None


def _numbered(path: str, exact: bool = False) -> exp.Table:
    return exp.Table(this=_source(path, exact), ordinality=True, alias=exp.TableAlias(
        this=exp.to_identifier("t"), columns=[exp.to_identifier("json"), exp.to_identifier("line")]))


def _valid() -> exp.Expression:
    """A row holding JSON: the JSON Lines reader gives NULL for a bad line; the text reader, its text."""
    return fn("json_valid", exp.column("json"))


def _records(path: str, number: int) -> exp.Select:
    """Rows of (file number, line, record JSON) for one file's records, numbered from 1 in file order."""
    file = exp.alias_(exp.Literal.number(number), "file")
    if path.endswith(".parquet"):  # a Parquet row is an object: its columns are the record's keys
        return exp.select(file, exp.alias_(exp.Window(this=exp.RowNumber()), "line"),
                          exp.alias_(fn("to_json", exp.column("t")), "record")) \
            .from_(exp.Table(this=_source(path), alias=exp.TableAlias(this=exp.to_identifier("t"))))
    rows = exp.select(file, "line", exp.alias_(exp.Cast(this=exp.column("json"), to=exp.DataType.build("JSON")),
                                               "record")).from_(_numbered(path))
    if not _is_lines(path):
        return rows
    plain = _plain_lines(path)
    return rows.where(exp.Not(this=exp.Is(this=exp.column("json"), expression=exp.Null())) if plain else _valid())


def _is_lines(path: str) -> bool:
    return not path.endswith(".parquet") and layout(path) == "lines"


def _count(path: str) -> exp.Select:
    """(records, lines that are not JSON) of one file, as the Python engine counts them."""
    table = exp.Table(this=_source(path))
    if not _is_lines(path):
        return exp.select(exp.Count(this=exp.Star()), exp.Literal.number(0)).from_(table)
    if _plain_lines(path):  # no blank lines: a row without JSON is a bad line
        records = exp.Count(this=exp.column("json"))
        return exp.select(records, exp.Sub(this=exp.Count(this=exp.Star()), expression=records)).from_(table)
    return exp.select(exp.Filter(this=exp.Count(this=exp.Star()), expression=exp.Where(this=_valid())),
                      exp.Filter(this=exp.Count(this=exp.Star()), expression=exp.Where(this=_bad_line()))) \
        .from_(table)


def _bad_line() -> exp.Expression:
    """A line that is neither blank nor JSON (in the text-line reader's rows)."""
    json = exp.column("json")
    return exp.and_(exp.NEQ(this=fn("trim", json), expression=exp.Literal.string("")), exp.Not(this=_valid()))


def rejects(con: Any, path: str, label: str) -> list[Reject]:
    """The lines of one JSON Lines file that are not JSON, as Rejects (the reason from the Python engine's
    parser, so that both engines say the same)."""
    query = exp.select("line", "json").from_(_numbered(path, exact=True)).where(_bad_line()).order_by("line")
    out = []
    for line, text in con.execute(query.sql(dialect="duckdb")).fetchall():
        raw = text.encode()
        try:
            orjson.loads(raw)
            reason = "not valid JSON for DuckDB"
        except orjson.JSONDecodeError as error:
            reason = error.msg
        out.append(Reject(label, line, reason, raw + b"\n"))
    return out


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
    """One query over files: (file number, line, record, type, types, nested, m0, m1, …) for the records
    some rule matches, the masks holding a bit for each rule that does (:func:`matched_rules`), in file
    order.  With a logsource map, records without a type field take their types from Channel and EventID
    (``types``; :mod:`.logsources`), and records the Python engine reshapes come back flagged (``nested``).

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
    mapped = options.logsources is not None and not options.record_type  # Windows events: types from Channel/EventID
    record_types, nested = exp.Null(), exp.Null()
    if mapped:
        record_types = exp.Case(ifs=[exp.If(this=exp.Not(this=exp.Is(this=exp.column("record_type"),
                                                                      expression=exp.Null())),
                                            true=exp.Array(expressions=[exp.column("record_type")]))],
                                default=types_expression(options.logsources, lookups))
        nested = exp.Case(ifs=[exp.If(this=exp.Is(this=exp.column("record_type"), expression=exp.Null()),
                                      true=shape_expression(lookups, exp.column("record")))])
    columns = []
    for index, rule in enumerate(rules):  # a rule sees a record when it has no types or the record's is one
        condition = to_sql_expression(rule.condition, layout="json", column="record", lookups=lookups)
        if rule.types:
            wanted = [exp.Literal.string(t) for t in rule.types]
            applies = fn("list_has_any", exp.column("record_types"), exp.Array(expressions=wanted)) if mapped \
                else exp.In(this=kind, expressions=wanted)
            # CASE, not AND: DuckDB evaluates a branch only for the rows that take it
            condition = exp.Case(ifs=[exp.If(this=applies, true=condition)], default=exp.false())
        columns.append(exp.alias_(condition, f"r{index}"))
    extracted = exp.select("file", "line", "record", exp.alias_(lookups.extraction(exp.column("record")),
                                                                lookups.column)).from_(rows.subquery("records"))
    typed = exp.select("file", "line", "record", lookups.column, exp.alias_(record_type, "record_type")) \
        .from_(extracted.subquery("extracted"))
    routed = exp.select("file", "line", "record", lookups.column, "record_type", exp.alias_(record_types, "record_types"),
                        exp.alias_(nested, "nested")).from_(typed.subquery("typed"))
    kept = ("file", "line", "record", "record_type", "record_types", "nested")
    judged = exp.select(*kept, *columns).from_(routed.subquery("routed"))
    if len(rules) == 1:  # one rule: its own column is the filter, and the mask
        mask = exp.alias_(exp.Cast(this=exp.column("r0"), to=exp.DataType.build("BIGINT")), "m0")
        return exp.select(*kept, mask).from_(judged.subquery("judged")) \
            .where(exp.or_(exp.column("r0"), _flagged())).order_by("file", "line")
    # the matches as bit masks of MASK_BITS rules each: filtering on them costs less than on every rule
    masks = []
    for first in range(0, len(rules), MASK_BITS):
        bits = [exp.Case(ifs=[exp.If(this=exp.column(f"r{i}"), true=exp.Literal.number(1 << (i - first)))],
                         default=exp.Literal.number(0)) for i in range(first, min(first + MASK_BITS, len(rules)))]
        total = bits[0]
        for bit in bits[1:]:
            total = exp.Add(this=total, expression=bit)
        masks.append(exp.alias_(total, f"m{first // MASK_BITS}"))
    masked = exp.select(*kept, *masks).from_(judged.subquery("judged"))
    return exp.select("*").from_(masked.subquery("masked")).where(
        exp.or_(*(exp.NEQ(this=exp.column(f"m{k}"), expression=exp.Literal.number(0)) for k in range(len(masks))),
                _flagged())
    ).order_by("file", "line")


def _flagged() -> exp.Expression:
    """A record the Python engine reshapes (``nested`` holds which :data:`SHAPES` it has)."""
    return exp.Not(this=exp.Is(this=exp.column("nested"), expression=exp.Null()))


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
                make: Callable[..., Any] = finding, on_reject: Callable[[Reject], None] | None = None) -> ScanStats:
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
    evtx = next((name for name in files if is_evtx(name)), None)
    if evtx is not None:
        raise ConditionError("--engine duckdb reads JSON and Parquet; for Windows event logs (.evtx) use "
                             "--engine python", code="E601", source=evtx)
    stats.files = len(files)
    expressed, python, stats.warnings = split_expressible(rules)  # the rest: the Python engine, same rows
    try:
        for first in range(0, len(files), FILES_PER_QUERY):
            batch = files[first:first + FILES_PER_QUERY]
            _scan_batch(con, batch, expressed, router, stats, emit, options, make, on_reject,
                        PythonMatches(python, options, batch))
    except duckdb.Error as error:  # an input DuckDB cannot read (a line past MAX_LINE, a damaged file…)
        raise ConditionError(f"DuckDB could not read the input: {str(error).splitlines()[0]}",
                             code="E503") from None
    stats.findings = sum(stats.per_rule.values())
    stats.seconds = time.perf_counter() - start
    return stats


def _scan_batch(con: Any, batch: list[str], rules: list[LoadedRule], router: Router, stats: ScanStats,
                emit: Callable[[dict[str, Any]], None], options: ScanOptions, make: Callable[..., Any],
                on_reject: Callable[[Reject], None] | None, python: PythonMatches) -> None:
    """One query over a batch of files: findings emitted (with ``python``'s, in record order), records and
    bad lines counted."""
    # the rules' query numbers the records, which keeps it on one thread: count on another
    counts = exp.union(*(_count(name) for name in batch), distinct=False) if len(batch) > 1 else _count(batch[0])
    with ThreadPoolExecutor(max_workers=1) as pool:
        counted = pool.submit(lambda cursor=con.cursor(), sql=counts.sql(dialect="duckdb"):
                              cursor.execute(sql).fetchall())
        if rules:
            query = rules_query(batch, rules, options).sql(dialect="duckdb")
            for number, line, raw, found_type, found_types, nested, *masks in con.execute(query).fetchall():
                if nested is not None:
                    raise ConditionError(f"line {line}: a Windows event {SHAPES[nested]}; --engine duckdb routes "
                                         "flat records only, use --engine python", code="E601", source=batch[number])
                record_type = options.record_type or found_type
                types = tuple(found_types) if record_type is None and found_types else None
                python.before((number, line), stats, emit, make)
                emit_matched(router, stats, emit, matched_rules(masks, rules) | python.take((number, line)), raw,
                             batch[number], line, record_type, make, types)
        python.before(None, stats, emit, make)
        found = counted.result()
        stats.records += sum(row[0] for row in found)
        bad = sum(row[1] for row in found)
        stats.rejects += bad
        if bad and on_reject is not None:
            for name, row in zip(batch, found):
                for item in rejects(con, name, name) if row[1] else ():
                    on_reject(item)


def available(engine: str = "duckdb") -> bool:
    """Whether an engine's packages are installed (``condition-engine[sql]``, ``condition-engine[spark]``)."""
    import importlib.util

    needed = ["sqlglot", "duckdb" if engine == "duckdb" else "pyspark"]
    return all(importlib.util.find_spec(name) is not None for name in needed)


