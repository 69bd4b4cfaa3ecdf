"""The duplicate-key test in DuckDB: a line whose objects repeat a key is left to the Python reader, so that
DuckDB never reads the first value where the Python engine reads the last."""
from __future__ import annotations

import contextlib
from typing import Any

import orjson

from ..scan.duplicate_keys import duplicate_key

#: The SQL function telling a line with a key repeated in an object (:func:`register`).
AMBIGUOUS = "ce_ambiguous"


def ambiguous(line: str) -> bool:
    """Whether a JSON line repeats a key in an object at any depth: the Python reader's own test
    (:func:`..scan.duplicate_keys.duplicate_key`), run by DuckDB on every line as :data:`AMBIGUOUS`;
    a line orjson does not read is left to the Python engine too.

    >>> ambiguous('{"a": {"b": 1, "b": 2}}'), ambiguous('{"a": {"b": 1}}')
    (True, False)
    """
    raw = line.encode("utf-8", "surrogatepass")
    try:
        return duplicate_key(raw, orjson.loads(raw)) is not None
    except orjson.JSONDecodeError:
        return True


def register(con: Any) -> None:
    """Make :data:`AMBIGUOUS` known to a DuckDB connection (once)."""
    import duckdb

    with contextlib.suppress(duckdb.NotImplementedException):  # registered before on this connection
        con.create_function(AMBIGUOUS, ambiguous, ["VARCHAR"], "BOOLEAN", side_effects=False)
