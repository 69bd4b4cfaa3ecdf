"""What the SQL differential tests share: the strings in documents and conditions, and which of them
SQL engines can compare as Python does."""
from __future__ import annotations

import json


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)


def node_strings(node):
    data = json.loads(node.model_dump_json())
    return list(strings(data))


def comparable(text: str) -> bool:
    """Strings on which SQL's lower() and RE2 agree with Python's casefold() and re (docs/scale-out.md)."""
    return text.casefold() == text.lower() and not text.endswith("\n") and "\x00" not in text


def must_agree(condition, document, **options) -> bool:
    """Whether a generated case is one SQL must answer as evaluate() does: strings SQL compares as Python
    does, and a condition the dialect compiles (the constructs it refuses are tested by name elsewhere)."""
    from condition_engine import UnsupportedError
    from condition_engine.sql import to_sql

    if not (all(comparable(s) for s in node_strings(condition)) and all(comparable(s) for s in strings(document))):
        return False
    try:
        to_sql(condition, **options)
    except UnsupportedError:
        return False
    return True
