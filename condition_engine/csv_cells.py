"""CSV that a spreadsheet opens as data: the one writer of every CSV export.

Cells carry attacker-controlled text (rule IDs, field values, exception owners). A spreadsheet runs a
cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before one) as a formula,
so, as OWASP's CSV-injection guidance says, such a text cell gets a leading ``'``, which spreadsheets
show as text. The full-width forms (``＝ ＋ － ＠``) that some spreadsheets also read as formulas are
treated alike. Numbers (``int``, ``float``) are written as numbers, so a negative count stays a number;
quoting of separators, quotes and line breaks is the ``csv`` module's (a row with a carriage return in a
cell is quoted whole, since the module would leave a lone ``\r`` unquoted and split the row).
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def safe_cell(value: Any) -> Any:
    """A cell as written: text that a spreadsheet would run as a formula gets a leading ``'``.

    >>> safe_cell("=HYPERLINK(\\"http://x\\")"), safe_cell("-2+3"), safe_cell("a=b"), safe_cell(-2)
    ('\\'=HYPERLINK("http://x")', "'-2+3", 'a=b', -2)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(rows: Iterable[Iterable[Any]]) -> str:
    """Rows as CSV text, every cell through :func:`safe_cell`, lines ending in ``\\n``.

    >>> csv_text([["rule", "n"], ["@SUM(A1)", -1]])
    "rule,n\\n'@SUM(A1),-1\\n"
    """
    out = io.StringIO()
    plain = csv.writer(out, lineterminator="\n")
    quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)  # QUOTE_MINIMAL leaves a lone \r bare
    for row in rows:
        cells = [safe_cell(cell) for cell in row]
        (quoted if any(isinstance(cell, str) and "\r" in cell for cell in cells) else plain).writerow(cells)
    return out.getvalue()
