"""Event times: which field holds a record's time, and reading it (ISO-8601 text or epoch numbers)."""
from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from ..paths import get_keys

#: The fields tried, in order, when no --time-field is given (Panther, CloudTrail, Okta, ECS, evtx_dump, Sysmon).
TIME_FIELDS = ("p_event_time", "eventTime", "published", "@timestamp",
               "Event.System.TimeCreated.#attributes.SystemTime", "TimeCreated_SystemTime", "UtcTime")
#: Epoch numbers above this are milliseconds (2001-09-09 in seconds is 1e9; in milliseconds 1e12).
MILLISECONDS_FROM = 1e11


class BadTime(ValueError):
    """A time field whose value is not a time."""


def parse_time(value: Any) -> float:
    """Seconds since the epoch (UTC) of an ISO-8601 text or an epoch number (seconds or milliseconds).

    >>> parse_time("2026-01-05T10:00:00Z"), parse_time("2026-01-05 10:00:00.5+01:00"), parse_time(1767607200000)
    (1767607200.0, 1767603600.5, 1767607200.0)
    """
    if value.__class__ is str:
        try:  # the common case, read in C: ISO-8601 with Z or an offset (Python ≥ 3.11)
            moment = _from_iso(value)
        except ValueError:
            moment = parse_datetime(value)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=_UTC)
        return moment.timestamp()
    if isinstance(value, bool):
        raise BadTime(f"{value!r} is not a time")
    if isinstance(value, (int, float)):
        return value / 1000 if value > MILLISECONDS_FROM else float(value)
    raise BadTime(f"{type(value).__name__} value is not a time")


_from_iso = datetime.datetime.fromisoformat
_UTC = datetime.timezone.utc


def parse_datetime(value: str) -> datetime.datetime:
    """What fromisoformat does not take: ``Z`` before Python 3.11, a `` UTC`` suffix, over 6 fraction digits."""
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    if text.endswith(" UTC"):
        text = text[:-4] + "+00:00"
    if "." in text:
        head, _, rest = text.partition(".")
        digits = len(rest) - len(rest.lstrip("0123456789"))
        text = head + "." + rest[:min(digits, 6)].ljust(6, "0") + rest[digits:]
    try:
        return _from_iso(text)
    except ValueError:
        raise BadTime(f"{value!r} is not an ISO-8601 time or an epoch number") from None


def time_of(record: Any, fields: tuple[str, ...]) -> tuple[float | None, str | None]:
    """(seconds, the field it came from) of a record; (None, None) when no field has a value.

    Raises BadTime when the first field with a value does not hold a time.
    """
    for name in fields:
        value = record.get(name) if record.__class__ is dict else None
        if value is None and "." in name:
            value = value_at(record, name)
        if value is not None:
            return parse_time(value), name
    return None, None


def value_at(record: Any, dotted: str) -> Any:
    """The raw value at a dotted path of keys (``Event.System.TimeCreated.#attributes.SystemTime``); a key
    that itself holds dots is read as it is.

    >>> value_at({"a": {"b": 1}}, "a.b"), value_at({"a": 1}, "b"), value_at({"a.b": 2}, "a.b")
    (1, None, 2)
    """
    return getter(dotted)(record)


@lru_cache(maxsize=4096)
def getter(dotted: str) -> Callable[[Any], Any]:
    """A function reading :func:`value_at`'s value of one path, made once per path (alerting reads the same
    few paths of every finding)."""
    keys = tuple(dotted.split("."))

    def read(record: Any) -> Any:
        if record.__class__ is not dict:
            return get_keys(record, keys)
        if dotted in record:
            return record[dotted]
        value: Any = record
        for key in keys:
            if value.__class__ is dict:
                value = value.get(key)
            elif value is None:
                return None
            else:  # a list on the way (fanned out) or another mapping: the general reader
                return get_keys(record, keys)
        return value
    return read


def iso(seconds: float) -> str:
    """ISO-8601 UTC text of epoch seconds, milliseconds kept when there are some.

    >>> iso(1767607200.0), iso(1767607200.25)
    ('2026-01-05T10:00:00Z', '2026-01-05T10:00:00.250Z')
    """
    moment = datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc)
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    return text + (f".{moment.microsecond // 1000:03d}" if moment.microsecond else "") + "Z"
