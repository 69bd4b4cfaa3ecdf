"""SQL dialects: what each calls the few primitives the compiler needs — JSON value types, keys,
list elements, scalar text, list operations, regular expressions.  Everything else is shared."""
from __future__ import annotations

from ...errors import UnsupportedError
from .base import KINDS, fn, string
from .bigquery import BigQuery
from .duckdb import DuckDB
from .postgres import Postgres
from .snowflake import Snowflake
from .spark import Spark

DIALECTS = {"duckdb": DuckDB(), "spark": Spark(), "databricks": Spark(), "postgres": Postgres(),
            "snowflake": Snowflake(), "bigquery": BigQuery()}


def dialect(name: str):
    """The primitives of a dialect, or UnsupportedError naming it."""
    if name not in DIALECTS:
        raise UnsupportedError(f"unknown SQL dialect {name!r}; supported: {', '.join(DIALECTS)}")
    return DIALECTS[name]


__all__ = ["DIALECTS", "KINDS", "dialect", "fn", "string"]
