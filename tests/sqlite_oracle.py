"""pySigma's SQLite backend as an independent oracle: which rows of one ``logs`` table each Sigma rule selects.

One ``TEXT COLLATE NOCASE`` column per field (a field a rule names that no row has is added, empty),
booleans as 'true'/'false', a registered ``regexp``.  Used by tests/test_sigma_oracle.py and
tests/test_windows_sigmahq.py.
"""
from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

from sigma.backends.sqlite import sqliteBackend
from sigma.collection import SigmaCollection
from sigma.exceptions import SigmaError

_MISSING = re.compile(r"no such column: (\S+)")


def database(rows: list[dict[str, Any]]) -> sqlite3.Connection:
    """The ``logs`` table of ``rows``, each numbered by its place in ``row_id``."""
    fields = sorted({key for row in rows for key in row})
    con = sqlite3.connect(":memory:")
    con.create_function("regexp", 2, lambda pattern, value: value is not None and re.search(pattern, value) is not None)
    con.execute(f"CREATE TABLE logs (row_id INTEGER, {', '.join(f'{_quoted(f)} TEXT COLLATE NOCASE' for f in fields)})")
    for number, row in enumerate(rows):
        values = [("true" if v else "false") if isinstance(v, bool) else v for v in (row.get(f) for f in fields)]
        con.execute(f"INSERT INTO logs VALUES (?, {', '.join('?' * len(fields))})", [number] + values)
    return con


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def selected(con: sqlite3.Connection, query: str) -> set[int]:
    """The row numbers ``query`` (the backend's ``SELECT * FROM logs WHERE …``) selects."""
    query = query.replace("SELECT *", "SELECT row_id", 1)
    while True:
        try:
            return {row[0] for row in con.execute(query)}
        except sqlite3.OperationalError as error:
            missing = _MISSING.match(str(error))
            if not missing:
                raise
            con.execute(f"ALTER TABLE logs ADD COLUMN {_quoted(missing.group(1))} TEXT COLLATE NOCASE")


def rule_queries(paths: list[Path], pipeline: Any = None) -> dict[str, str]:
    """Each rule's id and its one query; rules the backend does not convert (or into several queries) are left out."""
    backend = sqliteBackend(processing_pipeline=pipeline) if pipeline is not None else sqliteBackend()
    out = {}
    for path in paths:
        try:
            collection = SigmaCollection.load_ruleset([str(path)])
            queries = backend.convert(collection)
        except SigmaError:
            continue
        if len(collection.rules) == 1 and len(queries) == 1:
            out[str(collection.rules[0].id)] = queries[0]
    return out
