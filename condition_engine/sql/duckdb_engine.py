"""scan --engine duckdb: the rule pack run as SQL inside embedded DuckDB, same findings as Python.

DuckDB reads the files (JSON Lines, JSON arrays or objects, gzip, Parquet) into a table of routed records,
runs the rules over it in batches (:mod:`.duckdb_pack`) and returns only the records some rule matches, which
become findings in the Python engine's order, and the records its SQL does not read (Windows events of
another shape, a list where a rule reads a field), which the Python engine's code reads and evaluates.
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

import orjson
from sqlglot import exp

from ..errors import ConditionError
from ..rules.pack import LoadedRule
from ..scan.engine import (
    RecordScanner,
    ScanOptions,
    ScanStats,
    collector_spared,
    count_unrouted,
    deeply,
    emit_matched,
    scan,
)
from ..scan.findings import finding
from ..scan.lines import DAMAGED
from ..scan.readers import Reject, input_files, layout, line_record
from ..scan.readers import records as read_records
from ..scan.router import Router
from .ambiguous_lines import AMBIGUOUS, register
from .compiler import KeyLookups
from .dialects import fn
from .duckdb_pack import MASK_BITS, Batch, batches, mapped, matched_rules, run_batches  # noqa: F401 - re-exported
from .fallback import PythonMatches
from .logsources import channel_expression, shape_expression, types_expression


def _option(name: str, value: exp.Expr) -> exp.Expr:
    return exp.EQ(this=exp.column(name), expression=value)


def _source(path: str) -> exp.Expr:
    """The table function reading one input file: a Parquet file's rows, or a JSON Lines file's lines as
    text (every line kept, so that row numbers are line numbers; which are records is decided as the
    Python engine decides, :func:`suspect`)."""
    name = exp.Literal.string(path)
    if path.endswith(".parquet"):
        return fn("read_parquet", name)
    text = exp.Literal.string
    return fn("read_csv", name, _option("columns", exp.Struct(expressions=[
                  exp.PropertyEQ(this=exp.Literal.string("json"), expression=text("VARCHAR"))])),
              _option("delim", text("\x01")), _option("quote", text("")), _option("escape", text("")),
              _option("header", exp.false()), _option("auto_detect", exp.false()),
              _option("strict_mode", exp.false()), _option("max_line_size", exp.Literal.number(MAX_LINE)))


#: The longest JSON line the text-line reader takes (bytes; DuckDB sizes its buffers by it).
MAX_LINE = 1 << 24

#: Lines DuckDB's JSON reader might read otherwise than orjson (the Python engine's reader): control
#: characters (a raw tab in a string stops DuckDB's parser), NaN/Infinity and trailing commas (DuckDB
#: accepts them), numbers past a double's range or long digit runs (DuckDB reads them as infinity).
_SUSPECT_TEXT = (r"[\x00-\x1f]|[:\[,]\s*[-+]?(?i:nan|inf)|,\s*[\]}]|[0-9][eE]\+?[0-9]{3}|[0-9]{300}")
#: Nesting deeper than orjson reads (its limit: 1024 levels).
MAX_DEPTH = 1024
#: Lists nested deeper than DuckDB's list paths look: records with this many "[" go to Python.
LIST_DEPTH = 5


def suspect(max_line_bytes: int) -> exp.Expr:
    """A line DuckDB leaves to the Python engine, which decides whether it is a record (:func:`line_record`)
    and evaluates it: every line it might read otherwise (:data:`_SUSPECT_TEXT`), that it finds invalid,
    nested past :data:`MAX_DEPTH`, with a key repeated in an object at any depth (DuckDB would read the first
    value, Python the last: :func:`.ambiguous_lines.ambiguous`), with
    lists possibly nested past DuckDB's reach (:data:`LIST_DEPTH` brackets or more), or longer than
    ``max_line_bytes``."""
    json = exp.column("json")
    brackets = exp.Sub(this=exp.Length(this=json), expression=exp.Length(this=fn("replace", json, exp.Literal.string("["),
                                                                                exp.Literal.string(""))))
    opened = exp.Sub(this=exp.Length(this=json), expression=exp.Length(this=fn(
        "replace", fn("replace", json, exp.Literal.string("["), exp.Literal.string("")), exp.Literal.string("{"),
        exp.Literal.string(""))))
    number = exp.Literal.number
    return exp.Case(ifs=[
        exp.If(this=exp.GT(this=fn("strlen", json), expression=number(max_line_bytes)), true=exp.true()),
        exp.If(this=fn("regexp_matches", json, exp.Literal.string(_SUSPECT_TEXT)), true=exp.true()),
        exp.If(this=exp.and_(exp.GT(this=exp.Length(this=json), expression=number(2 * MAX_DEPTH)),
                             exp.GT(this=opened, expression=number(MAX_DEPTH))), true=exp.true()),
        exp.If(this=exp.Not(this=fn("json_valid", json)), true=exp.true()),
        exp.If(this=exp.GTE(this=brackets, expression=number(LIST_DEPTH)), true=exp.true()),
    ], default=fn(AMBIGUOUS, json))


def _numbered(path: str) -> exp.Table:
    return exp.Table(this=_source(path), ordinality=True, alias=exp.TableAlias(
        this=exp.to_identifier("t"), columns=[exp.to_identifier("json"), exp.to_identifier("line")]))


def _filled() -> exp.Expr:
    """A line that is not blank."""
    return exp.NEQ(this=fn("trim", exp.column("json")), expression=exp.Literal.string(""))


def _records(path: str, number: int, limit: int) -> exp.Select:
    """Rows of (file number, line, record JSON) for the records of one file DuckDB reads itself."""
    file = exp.alias_(exp.Literal.number(number), "file")
    if path.endswith(".parquet"):  # a Parquet row is an object: its columns are the record's keys
        return exp.select(file, exp.alias_(exp.Window(this=exp.RowNumber()), "line"),
                          exp.alias_(fn("to_json", exp.column("t")), "record")) \
            .from_(exp.Table(this=_source(path), alias=exp.TableAlias(this=exp.to_identifier("t"))))
    rows = exp.select(file, "line", "json").from_(_numbered(path)).where(exp.and_(_filled(), exp.Not(this=suspect(limit))))
    return exp.select("file", "line", exp.alias_(exp.Cast(this=exp.column("json"), to=exp.DataType.build("JSON")),
                                                 "record")).from_(rows.subquery("lines"))


def _suspects(path: str, number: int, limit: int) -> exp.Select:
    """(file number, line, text) of the lines of one file left to the Python engine (:func:`suspect`)."""
    rows = exp.select(exp.alias_(exp.Literal.number(number), "file"), "line", "json").from_(_numbered(path)) \
        .where(_filled())
    return exp.select("file", "line", "json").from_(rows.subquery("lines")).where(suspect(limit))


#: The record is not an array (the keys of an array's elements are not the record's): JSON text is one
#: exactly when its first non-blank character is "[", which needs no parse.
NOT_ARRAY = exp.Not(this=fn("regexp_matches", exp.column("record"), exp.Literal.string(r"^\s*\[")))


def _type_expression(lookups: KeyLookups, fields: tuple[str, ...]) -> exp.Expr:
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


def routed_rows(paths: list[str], options: ScanOptions, lookups: KeyLookups) -> exp.Select:
    """Rows of (file number, line, record, ce_values, record_type, record_types, nested, channel, listed) for the
    records of the files DuckDB reads: the type field's value, the log types from Channel and EventID with a
    logsource map (``record_types``: :mod:`.logsources`), the shape flag of records the Python engine reshapes
    (``nested``), the Channel string, whether the record is an array (``listed``), and every path ``lookups``
    gathered (read once per record, ``ce_values``).  The files' records are one UNION ALL."""
    rows: exp.Query = _records(paths[0], 0, options.max_line_bytes)
    for number, path in enumerate(paths[1:], 1):
        rows = exp.union(rows, _records(path, number, options.max_line_bytes), distinct=False)
    record_type = _type_expression(lookups, options.type_fields)
    record_types: exp.Expr = exp.Null()
    nested: exp.Expr = exp.Null()
    if mapped(options) and options.logsources is not None:
        record_types = exp.Case(ifs=[exp.If(this=exp.Not(this=exp.Is(this=exp.column("record_type"),
                                                                      expression=exp.Null())),
                                            true=exp.Array(expressions=[exp.column("record_type")]))],
                                default=types_expression(options.logsources, lookups))
        nested = exp.Case(ifs=[exp.If(this=exp.Is(this=exp.column("record_type"), expression=exp.Null()),
                                      true=shape_expression(lookups, exp.column("record")))])
    channel = channel_expression(lookups)
    extracted = exp.select("file", "line", "record", exp.alias_(lookups.extraction(exp.column("record")),
                                                                lookups.column)).from_(rows.subquery("records"))
    typed = exp.select("file", "line", "record", lookups.column, exp.alias_(record_type, "record_type"),
                       exp.alias_(channel, "channel")).from_(extracted.subquery("extracted"))
    return exp.select("file", "line", "record", lookups.column, "record_type", exp.alias_(record_types, "record_types"),
                      exp.alias_(nested, "nested"), "channel", exp.alias_(exp.Not(this=NOT_ARRAY.copy()), "listed")) \
        .from_(typed.subquery("typed"))


#: Files per batch: their records are one table, over which the rules' batches run.
FILES_PER_QUERY = 256


def scan_duckdb(inputs: list[str], rules: list[LoadedRule], emit: Callable[[dict[str, Any]], None],
                options: ScanOptions | None = None, connection: Any = None,
                make: Callable[..., Any] = finding, on_reject: Callable[[Reject], None] | None = None) -> ScanStats:
    """Run ``rules`` over ``inputs`` in DuckDB; ``emit`` each finding (as the Python engine would).

    DuckDB reads JSON Lines and Parquet files; the lines it might read otherwise than the Python engine
    (:func:`suspect`), the Windows events of a shape its SQL does not read, JSON arrays and documents, Windows
    event logs (.evtx) and pipes are read and evaluated by the Python engine's own code, and a batch of files
    DuckDB cannot read at all (a line past its limit, bytes that are not UTF-8…) is scanned by the Python
    engine — so both engines accept, reject and read every record alike.
    """
    import duckdb

    options = options or ScanOptions()
    if "-" in inputs:
        raise ConditionError("--engine duckdb reads files; for stdin use --engine python", code="E601")
    con = connection or duckdb.connect()
    register(con)
    router = Router(rules, options.type_fields)
    stats = ScanStats()
    start = time.perf_counter()
    files = input_files(inputs)
    stats.files = len(files)
    with collector_spared():  # the rules' SQL trees are millions of objects: not walked by every collection
        found, python, stats.warnings = batches(rules)  # the rest: the Python engine, over the same rows
        expressed = [rule for batch in found for rule in batch.rules]  # frozen until the scan ends
        try:
            for first in range(0, len(files), FILES_PER_QUERY):
                batch = files[first:first + FILES_PER_QUERY]
                _scan_batch(con, batch, expressed, router, stats, emit, options, make, on_reject,
                            PythonMatches(python, options, batch), found)
        except duckdb.InterruptException:  # Ctrl-C: an interruption, not a failure
            raise KeyboardInterrupt from None
    stats.findings = sum(stats.per_rule.values())
    stats.seconds = time.perf_counter() - start
    return stats


def _read_by_duckdb(name: str) -> bool:
    """Whether DuckDB reads a file itself: Parquet, or JSON Lines in a regular file with no carriage return
    (DuckDB's line reader ends a line at a lone ``\r`` too, the Python engine at ``\n`` only: such a file
    is read by the Python reader, so that every engine numbers and splits its lines alike)."""
    if name.endswith(".parquet"):
        return True
    return os.path.isfile(name) and layout(name) == "lines" and not _carriage_return(name)


def _carriage_return(name: str) -> bool:
    """Whether a file (gunzipped when it is gzip) holds a ``\r`` byte, read in 1 MiB chunks (a damaged file
    counts as one: the Python reader then reads it and names the damage).

    >>> _carriage_return("examples/kms_keys.jsonl")
    False
    """
    import gzip

    with open(name, "rb") as raw:
        stream: Any = gzip.GzipFile(fileobj=raw) if raw.read(2) == b"\x1f\x8b" else raw
        raw.seek(0)
        try:
            return any(b"\r" in chunk for chunk in iter(lambda: stream.read(1 << 20), b""))
        except DAMAGED:
            return True


def _scan_batch(con: Any, batch: list[str], rules: list[LoadedRule], router: Router, stats: ScanStats,
                emit: Callable[[dict[str, Any]], None], options: ScanOptions, make: Callable[..., Any],
                on_reject: Callable[[Reject], None] | None, python: PythonMatches, found: list[Batch]) -> None:
    """A batch of files: DuckDB's queries first (nothing emitted yet), then the findings in file order (with
    ``python``'s, the rules DuckDB cannot express, for the records DuckDB read)."""
    import duckdb

    try:
        ours = [number for number, name in enumerate(batch) if _read_by_duckdb(name)]
        rows, suspects, groups = _queries(con, batch, ours, found, options) if ours else ([], [], [])
    except (ConditionError, OSError, duckdb.Error) as error:
        if isinstance(error, duckdb.InterruptException):
            raise
        _by_python(batch, rules + python.rules, stats, emit, options, make, on_reject)  # Python reads it all
        return
    out: list[tuple[tuple[int, int], Any]] = []
    scanner = RecordScanner(router, options, stats, lambda item: out.append((where, item)), make)
    for record_type, types, channel, by_python, count in groups:
        stats.records += count
        if not by_python:  # those the Python engine reads are counted as it reads them
            count_unrouted(router, stats.unrouted, options.record_type or record_type,
                           tuple(types) if types else None, channel, count)
    where = (0, 0)
    for number, line, text in suspects:
        where = (number, line)
        _one(scanner, stats, on_reject, batch[number], line_record(text.encode("utf-8", "surrogatepass"),
                                                                   batch[number], line, options.max_line_bytes))
    for number, name in enumerate(batch):
        if number in ours:
            continue
        try:
            for item in read_records(name, options.max_line_bytes):
                where = (number, item.line if isinstance(item, Reject) else item[0])
                _one(scanner, stats, on_reject, name, item)
        except ConditionError as error:
            stats.failed.append(error)
    reshaped = set()  # records of a shape DuckDB's SQL does not read, evaluated whole by the Python engine's code
    for number, line, raw, found_type, found_types, nested, matched in rows:
        where = (number, line)
        if nested is not None:
            reshaped.add(where)
            stats.records -= 1  # counted with DuckDB's records already
            _one(scanner, stats, on_reject, batch[number], (line, orjson.loads(raw)))
            continue
        record_type = options.record_type or found_type
        types = tuple(found_types) if record_type is None and found_types else None
        emit_matched(router, stats, lambda item: out.append((where, item)),
                     matched | python.take_any(where), raw, batch[number], line, record_type,
                     make, types)
    read = set(ours)  # the other records were evaluated whole by the Python engine's code above
    skip = {(number, line) for number, line, _ in suspects} | reshaped
    out.extend(python.rest(stats, make, lambda key: key[0] not in read or key in skip))
    out.sort(key=lambda pair: pair[0])  # stable: each record's findings keep their rule order
    for _, item in out:
        emit(item)


def _queries(con: Any, batch: list[str], ours: list[int], found: list[Batch],
             options: ScanOptions) -> tuple[list, list, list]:
    """DuckDB's part of a batch of files: (matched rows, lines left to Python, the records DuckDB read grouped by
    type, types, Channel and whether Python reads them: :func:`.duckdb_pack.run_batches`)."""
    files = [batch[number] for number in ours]
    limit = options.max_line_bytes
    left = [_suspects(batch[number], number, limit) for number in ours]
    left_sql = (exp.union(*left, distinct=False) if len(left) > 1 else left[0]).sql(dialect="duckdb")
    rows, groups = run_batches(con, routed_rows(files, options, KeyLookups("ce_values", NOT_ARRAY)), found, options)
    rows = [(ours[number], *rest) for number, *rest in rows]
    return rows, sorted(con.execute(left_sql).fetchall()), groups


def _one(scanner: RecordScanner, stats: ScanStats, on_reject: Callable[[Reject], None] | None, label: str,
         item: Any) -> None:
    """One record (or Reject) read by the Python engine's reader, evaluated by its code."""
    if item.__class__ is Reject:
        stats.rejects += 1
        if on_reject is not None:
            on_reject(item)
        return
    stats.records += 1
    try:
        scanner(label, *item)
    except RecursionError:
        if not deeply(lambda position, record: scanner(label, position, record), *item):
            stats.records -= 1
            _one(scanner, stats, on_reject, label, Reject(label, item[0], "nested too deep to evaluate", b"",
                                                          what="record too deep", code="E508"))


def _by_python(batch: list[str], rules: list[LoadedRule], stats: ScanStats, emit: Callable[[Any], None],
               options: ScanOptions, make: Callable[..., Any], on_reject: Callable[[Reject], None] | None) -> None:
    """A batch DuckDB could not read, scanned by the Python engine (the same findings, rejects, failures)."""
    part = scan(batch, rules, emit, options, on_reject, None, make)
    stats.records += part.records
    stats.rejects += part.rejects
    stats.per_rule.update(part.per_rule)
    stats.unrouted.update(part.unrouted)
    stats.failed.extend(part.failed)


def available(engine: str = "duckdb") -> bool:
    """Whether an engine's packages are installed (``condition-engine[sql]``, ``condition-engine[spark]``)."""
    import importlib.util

    needed = ["sqlglot", "duckdb" if engine == "duckdb" else "pyspark"]
    return all(importlib.util.find_spec(name) is not None for name in needed)


