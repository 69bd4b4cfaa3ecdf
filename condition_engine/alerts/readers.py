"""What alerting reads of each finding's record — its time, group values, title values, counted field — as one
generated function per source rule, so that a finding costs a few dictionary lookups.

A path is read as :func:`condition_engine.alerts.times.value_at` reads it (a key holding the dotted text
itself first, then key by key, lists fanned out by the general reader); the generated code is that, unrolled.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..paths import get_keys

_MISSING = object()


class BadGroupValue(ValueError):
    """A GroupBy path whose value is a list or an object."""


#: Its message: the rule, the group-by name, what the value is.
GROUP_MESSAGE = "the GroupBy field {1!r} of {0} holds {2}, not one value"


def _steps(name: str, dotted: str, number: int) -> list[str]:
    """Lines setting ``name`` to the value at ``dotted`` of the dict ``record``: the dotted key itself, else
    key by key while the values are dicts, else (a list on the way) the general reader.

    >>> print("\\n".join(_steps("v", "a.b", 0)))
    v = record.get('a.b', MISSING)
    if v is MISSING:
        v = record.get('a')
        if v.__class__ is dict:
            v = v.get('b')
        elif v is not None:
            v = get_keys(record, KEYS[0])
    """
    keys = dotted.split(".")
    if len(keys) == 1:
        return [f"{name} = record.get({dotted!r})"]

    def descend(depth: int, indent: str) -> list[str]:
        if depth == len(keys):
            return []
        return ([f"{indent}if {name}.__class__ is dict:", f"{indent}    {name} = {name}.get({keys[depth]!r})"]
                + descend(depth + 1, indent + "    ")
                + [f"{indent}elif {name} is not None:", f"{indent}    {name} = get_keys(record, KEYS[{number}])"])
    return [f"{name} = record.get({dotted!r}, MISSING)", f"if {name} is MISSING:",
            f"    {name} = record.get({keys[0]!r})"] + descend(1, "    ")


def make_taker(source: str, plans: list[tuple[Any, Any, tuple[tuple[str, str], ...], tuple[str, ...], str | None]],
               time_fields: tuple[str, ...], order: Any, general: Callable[[Any, str, int], bool]
               ) -> Callable[[Any, str, int], bool]:
    """``take(record, file, line)``: one generated function per source rule that reads a finding's time and,
    for each alert rule taking the source's findings (``plans``: their events by key, rule ID, group-by
    name/path pairs, title paths, counted field), its key, title values and counted value, then files the
    finding under its key.  False when the record has no time; BadTime or BadGroupValue when a value is bad
    (nothing is filed then).  ``general`` takes records that are not objects.

    >>> from collections import defaultdict; from itertools import count
    >>> events = defaultdict(list)
    >>> take = make_taker("R", [(events, "R", (("user", "actor"),), (), None)], ("eventTime",), count(1), None)
    >>> take({"actor": "ann", "eventTime": "2026-01-05T10:00:00Z"}, "f", 3), dict(events)
    (True, {('ann',): [(1767607200.0, 1, 'R', 'f', 3, None)]})
    """
    keys: list[tuple[str, ...]] = []

    def steps(name: str, dotted: str) -> list[str]:
        keys.append(tuple(dotted.split(".")))
        return _steps(name, dotted, len(keys) - 1)

    lines = ["if record.__class__ is not dict:", "    return general(record, file, line)"]
    indent = ""
    for number, name in enumerate(time_fields):  # the first time field with a value
        lines += [indent + line for line in steps("t", name)]
        if number < len(time_fields) - 1:
            lines.append(f"{indent}if t is None:")
            indent += "    "
    lines += ["if t is None:", "    return False",
              "if t.__class__ is str:",
              "    try:", "        d = from_iso(t)", "    except ValueError:", "        d = parse_datetime(t)",
              "    t = (d if d.tzinfo is not None else d.replace(tzinfo=utc)).timestamp()",
              "else:", "    t = parse_time(t)"]
    files = []
    read: dict[str, str] = {}  # each path is read once, whichever rules and roles need it
    for p, (_, _rule_id, group_paths, title_paths, field) in enumerate(plans):
        paths = [path for _, path in group_paths] + list(title_paths) + ([field] if field else [])
        names = []
        for path in paths:
            if path not in read:
                read[path] = f"v{len(read)}"
                lines += steps(read[path], path)
            names.append(read[path])
        for (group, _), name in zip(group_paths, names):
            lines += [f"if {name}.__class__ is list or {name}.__class__ is dict:",
                      f"    raise BadGroupValue(GROUP_MESSAGE.format(RULES[{p}], {group!r}, 'a list' if {name}.__class__ is list "
                      "else 'an object'))"]
        groups = names[:len(group_paths)]
        titles = names[len(group_paths):len(group_paths) + len(title_paths)]
        value = names[-1] if field else "None"
        files.append(f"EVENTS[{p}][({', '.join(groups)}{',' if groups else ''})].append((t, n, SOURCE, file, line, "
                     f"{', '.join([value] + titles)}))")
    lines += ["n = next(order)"] + files + ["return True"]
    bound = ("MISSING", "get_keys", "KEYS", "EVENTS", "SOURCE", "order", "general", "from_iso", "utc", "parse_time",
             "parse_datetime", "BadGroupValue", "GROUP_MESSAGE", "RULES")
    source_code = (f"def take(record, file, line, {', '.join(f'{n}={n}' for n in bound)}):\n"
                   + "\n".join("    " + line for line in lines))
    import datetime

    from .times import parse_datetime, parse_time

    scope: dict[str, Any] = {
        "MISSING": _MISSING, "get_keys": get_keys, "BadGroupValue": BadGroupValue, "KEYS": keys,
        "EVENTS": [plan[0] for plan in plans], "SOURCE": source, "order": order, "general": general,
        "from_iso": datetime.datetime.fromisoformat, "utc": datetime.timezone.utc, "parse_time": parse_time,
        "parse_datetime": parse_datetime,
        "RULES": [plan[1] for plan in plans], "GROUP_MESSAGE": GROUP_MESSAGE}
    exec(compile(source_code, f"<alert taker {source}>", "exec"), scope)  # noqa: S102 - our own generated code
    # (the names the code uses are bound as defaults: read as locals, the fastest lookups)
    take = scope["take"]
    take.source = source_code
    return take
