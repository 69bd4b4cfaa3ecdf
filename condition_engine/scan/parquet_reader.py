"""Parquet files read by the Python engine: each row one record, its columns the record's keys.

Rows come in file order, numbered from 1 (a finding's ``line``), in batches, so a large file is never held
whole; values are Arrow's Python values (nested columns as dicts and lists).  Needs pyarrow
(``pip install 'condition-engine[parquet]'``); DuckDB and Spark read Parquet themselves.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..errors import ConditionError

#: Rows converted to Python at once.
BATCH_ROWS = 8192


def is_parquet(name: str) -> bool:
    """Whether an input is a Parquet file (by its name).

    >>> is_parquet("events.parquet"), is_parquet("events.jsonl")
    (True, False)
    """
    return name.lower().endswith(".parquet")


def parquet_records(name: str) -> Iterator[tuple[int, Any]]:
    """(row number from 1, the row as a dict) for each row of a Parquet file.

    >>> import os, tempfile, pyarrow, pyarrow.parquet
    >>> path = os.path.join(tempfile.mkdtemp(), "e.parquet")
    >>> pyarrow.parquet.write_table(pyarrow.Table.from_pylist([{"a": 1}, {"a": 2}]), path)
    >>> list(parquet_records(path))
    [(1, {'a': 1}), (2, {'a': 2})]
    """
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise ConditionError("reading Parquet files needs the parquet extra: pip install "
                             "'condition-engine[parquet]' (or use --engine duckdb)", code="E504",
                             source=name) from None
    try:
        batches = pyarrow.parquet.ParquetFile(name).iter_batches(batch_size=BATCH_ROWS)
        number = 0
        for batch in batches:
            for row in batch.to_pylist():
                number += 1
                yield number, row
    except (pyarrow.ArrowException, OSError) as error:
        raise ConditionError(f"cannot read the Parquet file: {error}", code="E502", source=name) from None
