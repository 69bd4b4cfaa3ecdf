"""Objects with a key written twice, at any depth: lines JSON readers disagree on.

orjson (the Python engine, and Spark, which reads through it) keeps the last value, DuckDB the first; so
DuckDB hands every such line to the Python reader (:mod:`..sql.ambiguous_lines`) and every engine reads the
last value.  The check is exact and cheap: when a line holds no ``\\u`` escape, its colons outnumber those of the record written
back (``orjson.dumps``) exactly when an object in it repeated a key — each key is followed by one structural
colon, a colon in a string is the same byte in both, and a repeated key takes its colon and those of the value
it lost with it.  A line with ``\\u`` (which may spell a key or a colon otherwise) is decided by reading it again,
keeping every pair (:func:`repeated_key`).
"""
from __future__ import annotations

import json
import sys
from typing import Any

import orjson

#: Frames allowed while reading a line again (orjson reads at most 1024 levels).
_FRAMES = 8000


class _Repeated(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _pairs(pairs: list[tuple[str, Any]]) -> None:
    seen = set()
    for key, _ in pairs:
        if key in seen:
            raise _Repeated(key)
        seen.add(key)


def plain(raw: bytes, record: Any) -> bool:
    """Whether a line orjson read as ``record`` certainly repeats no key in any object (the fast test).

    >>> plain(b'{"a": {"b": ":"}}', {"a": {"b": ":"}}), plain(b'{"a": 1, "a": 2}', {"a": 2})
    (True, False)
    """
    if b"\\" in raw and b"\\u" in raw:  # one byte first: most lines hold no backslash
        return False
    try:
        return raw.count(b":") == orjson.dumps(record).count(b":")
    except orjson.JSONEncodeError:  # nested past what orjson writes (254 levels): read it again
        return False


def repeated_key(raw: bytes) -> str | None:
    """The first key an object of a JSON line repeats (read with every pair kept), or None.

    >>> repeated_key(b'{"a": [{"b": 1, "\\\\u0062": 2}]}'), repeated_key(b'{"a": 1}')
    ('b', None)
    """
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, _FRAMES))
    try:
        json.loads(raw, object_pairs_hook=_pairs)
    except _Repeated as repeated:
        return repeated.key
    except (ValueError, RecursionError):  # not JSON for this reader either: orjson's reading stands
        return None
    finally:
        sys.setrecursionlimit(limit)
    return None


def duplicate_key(raw: bytes, record: Any) -> str | None:
    """The key an object of ``raw`` (read by orjson as ``record``) repeats, or None: the fast test, then
    the exact reading only when it cannot rule a repeat out.

    >>> duplicate_key(b'{"p_log_type": "Okta", "p_log_type": "AWS"}', {"p_log_type": "AWS"})
    'p_log_type'
    """
    return None if plain(raw, record) else repeated_key(raw)
