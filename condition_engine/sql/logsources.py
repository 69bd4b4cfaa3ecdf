"""Windows events routed to Sigma logsources in SQL: the record's log types from Channel and EventID.

The SQL is written from the same :class:`~condition_engine.scan.logsources.LogsourceMap` the Python engine
reads, each (channel, EventID) pair's list taken from the map itself, so the two engines cannot route a
record differently.  Records the Python engine reshapes (the nested ``Event.System`` form, ECS, unnamed
``Data`` as an object, names with spaces) are not reshaped in SQL: they are flagged, and the DuckDB engine
says to use the Python engine for them.
"""
from __future__ import annotations

from sqlglot import exp

from ..scan.logsources import EVENT_ID_TEXT, LogsourceMap
from .compiler import KeyLookups
from .dialects import fn


def _text(lookups: KeyLookups, key: str) -> exp.Expr:
    """The string at a top-level key (NULL when it is missing or not a string)."""
    value = lookups.value((key,))
    return exp.Case(ifs=[exp.If(this=fn("starts_with", value, exp.Literal.string('"')),
                                true=fn("json_extract_string", value, exp.Literal.string("$")))])


def channel_expression(lookups: KeyLookups) -> exp.Expr:
    """The record's Channel when it is a string (NULL otherwise): a Windows event no rule reads is counted by it."""
    return _text(lookups, "Channel")


def _event_number(lookups: KeyLookups) -> exp.Expr:
    """EventID as :func:`~condition_engine.scan.logsources.event_number` reads it: a JSON integer, or a
    string of ASCII digits with blanks around them; NULL otherwise."""
    value = lookups.value(("EventID",))
    whole = exp.TryCast(this=value, to=exp.DataType.build("BIGINT"))
    digits = fn("regexp_extract", _text(lookups, "EventID"), exp.Literal.string(f"^{EVENT_ID_TEXT}$"),
                exp.Literal.number(1))
    return exp.Case(ifs=[
        exp.If(this=fn("regexp_full_match", value, exp.Literal.string("-?[0-9]+")), true=whole),
        exp.If(this=fn("starts_with", value, exp.Literal.string('"')),
               true=exp.TryCast(this=digits, to=exp.DataType.build("BIGINT")))])


def _strings(types: tuple[str, ...]) -> exp.Expr:
    return exp.Array(expressions=[exp.Literal.string(t) for t in types])


def types_expression(mapper: LogsourceMap, lookups: KeyLookups) -> exp.Expr:
    """A list of the record's log types from its Channel and EventID (NULL when the channel is unknown).

    >>> from condition_engine.sql.compiler import KeyLookups
    >>> sql = types_expression(LogsourceMap.load(), KeyLookups()).sql(dialect="duckdb")
    >>> "'Sigma.windows.process_creation'" in sql and "'Microsoft-Windows-Sysmon/Operational'" in sql
    True
    """
    return types_case(mapper, _text(lookups, "Channel"), _event_number(lookups))


def variant_types_expression(mapper: LogsourceMap, record: exp.Expr, windows: exp.Expr) -> exp.Expr:
    """:func:`types_expression` in Spark SQL over a VARIANT ``record``; ``windows`` holds whether a record
    without a channel is a Windows event still (it was nested or ECS before it was made flat).

    >>> sql = variant_types_expression(LogsourceMap.load(), exp.column("v"), exp.column("w")).sql(dialect="spark")
    >>> "'Sigma.windows.process_creation'" in sql and "SCHEMA_OF_VARIANT" in sql
    True
    """
    from .dialects.spark import Spark

    spark = Spark()

    def text(key: str) -> exp.Expr:
        value = spark.key(record, key)
        return exp.Case(ifs=[exp.If(this=spark.is_kind(value, "STRING"), true=spark.text(value))])

    value = spark.key(record, "EventID")
    digits = fn("regexp_extract", text("EventID"), exp.Literal.string(f"^{EVENT_ID_TEXT}\\z"),
                exp.Literal.number(1))
    whole = exp.In(this=fn("schema_of_variant", value),
                   expressions=[exp.Literal.string(t) for t in ("TINYINT", "SMALLINT", "INT", "BIGINT")])
    number = exp.Case(ifs=[
        exp.If(this=whole, true=fn("try_variant_get", value, exp.Literal.string("$"), exp.Literal.string("bigint"))),
        exp.If(this=spark.is_kind(value, "STRING"),
               true=exp.TryCast(this=fn("nullif", digits, exp.Literal.string("")), to=exp.DataType.build("BIGINT")))])
    return types_case(mapper, text("Channel"), number, windows)


def types_case(mapper: LogsourceMap, channel: exp.Expr, number: exp.Expr,
               windows: exp.Expr | None = None) -> exp.Expr:
    """The CASE giving a record's log types from its ``channel`` (a string or NULL) and EventID ``number``
    (an integer or NULL), as :meth:`LogsourceMap.types_of` does; ``windows`` (optional): a record without a
    channel is a Windows event still."""
    branches = []
    for name in mapper.channels:
        by_event = [exp.If(this=exp.EQ(this=number, expression=exp.Literal.number(event)),
                           true=_strings(mapper.types_of({"Channel": name, "EventID": event})))
                    for event in mapper.numbered(name)]
        otherwise = _strings(mapper.types_of({"Channel": name, "EventID": None}))
        branches.append(exp.If(this=exp.EQ(this=channel, expression=exp.Literal.string(name)),
                               true=exp.Case(ifs=by_event, default=otherwise) if by_event else otherwise))
    # a channel the map does not name: the product's type alone, when the record has an EventID
    unknown = exp.and_(exp.Not(this=exp.Is(this=channel, expression=exp.Null())),
                       exp.Not(this=exp.Is(this=number, expression=exp.Null())))
    branches.append(exp.If(this=unknown, true=_strings(mapper.product_types)))
    if windows is not None:  # no channel, but nested or ECS: a Windows event of no known service
        branches.append(exp.If(this=exp.and_(exp.Is(this=channel, expression=exp.Null()), windows),
                               true=_strings(mapper.product_types)))
    return exp.Case(ifs=branches)


#: The shapes :func:`shape_expression` flags: the DuckDB engine hands such records to the Python engine's
#: reading and rules (``scan.windows_records.windows_form`` reshapes them), whether or not its SQL matched them.
SHAPES = {"nested": "in the nested Event.System form (as evtx_dump writes it)",
          "ecs": "in the ECS winlog form (as Elastic Agent and Winlogbeat write it)",
          "data": 'with unnamed Data elements as an object ({"#text": ...})',
          "spaced": "with field names that contain spaces (Source Name)"}


def shape_expression(lookups: KeyLookups, record: exp.Expr) -> exp.Expr:
    """Which of the :data:`SHAPES` a record has that the Python engine reshapes (NULL: none): the nested
    ``Event.System`` form, ECS ``winlog``, and, with a ``Channel`` and an ``EventID``, ``Data`` as
    ``{"#text": …}`` or a top-level name with a space.

    >>> from condition_engine.sql.compiler import KeyLookups
    >>> "JSON_KEYS(record)" in shape_expression(KeyLookups(), exp.column("record")).sql(dialect="duckdb")
    True
    """
    def present(*keys: str) -> exp.Expr:
        return exp.Not(this=exp.Is(this=lookups.value(keys), expression=exp.Null()))

    windows = exp.and_(present("Channel"), present("EventID"))
    key = exp.to_identifier("k")
    spaced = fn("list_filter", fn("json_keys", record),
                exp.Lambda(this=fn("contains", key, exp.Literal.string(" ")), expressions=[key]))
    return exp.Case(ifs=[
        exp.If(this=present("Event", "System"), true=exp.Literal.string("nested")),
        exp.If(this=exp.or_(present("winlog", "channel"), present("winlog", "event_id")),
               true=exp.Literal.string("ecs")),
        exp.If(this=exp.and_(windows, present("Data", "#text")), true=exp.Literal.string("data")),
        exp.If(this=exp.and_(windows, exp.GT(this=fn("len", spaced), expression=exp.Literal.number(0))),
               true=exp.Literal.string("spaced"))])
