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
