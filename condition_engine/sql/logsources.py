"""Windows events routed to Sigma logsources in SQL: the record's log types from Channel and EventID.

The SQL is written from the same :class:`~condition_engine.scan.logsources.LogsourceMap` the Python engine
reads, each (channel, EventID) pair's list taken from the map itself, so the two engines cannot route a
record differently.  Records in the nested ``Event.System`` form are not flattened in SQL: they are
flagged, and the DuckDB engine says to use the Python engine for them.
"""
from __future__ import annotations

from sqlglot import exp

from ..scan.logsources import EVENT_ID_TEXT, LogsourceMap
from .compiler import KeyLookups
from .dialects import fn


def _text(lookups: KeyLookups, key: str) -> exp.Expression:
    """The string at a top-level key (NULL when it is missing or not a string)."""
    value = lookups.value((key,))
    return exp.Case(ifs=[exp.If(this=fn("starts_with", value, exp.Literal.string('"')),
                                true=fn("json_extract_string", value, exp.Literal.string("$")))])


def _event_number(lookups: KeyLookups) -> exp.Expression:
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


def _strings(types: tuple[str, ...]) -> exp.Expression:
    return exp.Array(expressions=[exp.Literal.string(t) for t in types])


def types_expression(mapper: LogsourceMap, lookups: KeyLookups) -> exp.Expression:
    """A list of the record's log types from its Channel and EventID (NULL when the channel is unknown).

    >>> from condition_engine.sql.compiler import KeyLookups
    >>> sql = types_expression(LogsourceMap.load(), KeyLookups()).sql(dialect="duckdb")
    >>> "'Sigma.windows.process_creation'" in sql and "'Microsoft-Windows-Sysmon/Operational'" in sql
    True
    """
    channel, number = _text(lookups, "Channel"), _event_number(lookups)
    branches = []
    for name in mapper.channels:
        by_event = [exp.If(this=exp.EQ(this=number, expression=exp.Literal.number(event)),
                           true=_strings(mapper.types_of({"Channel": name, "EventID": event})))
                    for event in mapper.numbered(name)]
        otherwise = _strings(mapper.types_of({"Channel": name, "EventID": None}))
        branches.append(exp.If(this=exp.EQ(this=channel, expression=exp.Literal.string(name)),
                               true=exp.Case(ifs=by_event, default=otherwise) if by_event else otherwise))
    return exp.Case(ifs=branches) if branches else exp.Null()


def nested_expression(lookups: KeyLookups) -> exp.Expression:
    """Whether the record is in the nested ``Event.System`` form (``evtx_dump -o json``)."""
    return exp.Not(this=exp.Is(this=lookups.value(("Event", "System")), expression=exp.Null()))
