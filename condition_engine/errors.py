"""Every error this library raises, and the one formatter that prints them.

The house format is the compiler-style header plus the offending source line with a caret::

    <condition>:1:29: error[E101]: unexpected end of condition; expected a field name, '(' or 'not'
      | not (Origin ne "AWS_KMS" and
      |                             ^
"""
from __future__ import annotations

from typing import Any


class ConditionError(ValueError):
    """Root of every error condition_engine raises; carries a code and, when known, a location.

    >>> str(ConditionError("boom", code="E900"))
    'error[E900]: boom'
    """

    default_code = "E900"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        source: str | None = None,
        text: str | None = None,
        line: int | None = None,
        column: int | None = None,
        offset: int | None = None,
        end: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.source = source
        self.text = text
        self.line = line
        self.column = column
        self.offset = offset
        self.end = end

    def to_dict(self) -> dict[str, Any]:
        """The error as a JSON-ready mapping (for ``--format json`` and tools).

        >>> ConditionError("x", code="E1").to_dict()["code"]
        'E1'
        """
        return {
            "code": self.code,
            "message": self.message,
            "source": self.source,
            "line": self.line,
            "column": self.column,
            "offset": self.offset,
            "end": self.end,
        }

    def __str__(self) -> str:
        return format_error(self)

    def __reduce__(self):  # keep pickling (multiprocessing) working with keyword-only args
        return (_rebuild, (type(self), self.message, self.to_dict(), self.text))


def _rebuild(cls, message, fields, text):
    fields = {k: v for k, v in fields.items() if k != "message"}
    return cls(message, text=text, **fields)


class ConditionSyntaxError(ConditionError):
    """A condition's text does not follow the grammar (or names an invalid pattern or network)."""

    default_code = "E101"


class UnsupportedError(ConditionError):
    """A construct that a target (a SQL dialect, a converter) cannot express faithfully."""

    default_code = "E300"


class RuleFileError(ConditionError):
    """A rule file that cannot be loaded: bad YAML, wrong keys or types, duplicate IDs."""

    default_code = "E201"


def format_error(error: ConditionError) -> str:
    """Render an error in the house format: header, then the source line with a caret.

    >>> print(format_error(ConditionSyntaxError("unexpected 'x'", source="<condition>",
    ...       text="a eq x", line=1, column=6, offset=5, end=6)))
    <condition>:1:6: error[E101]: unexpected 'x'
      | a eq x
      |      ^
    """
    where = ""
    if error.source is not None:
        where = error.source
        if error.line is not None:
            where += f":{error.line}:{error.column}"
        where += ": "
    header = f"{where}error[{error.code}]: {error.message}"
    if error.text is None or error.line is None or error.column is None:
        return header
    lines = error.text.splitlines() or [""]
    if error.line > len(lines):
        lines.append("")
    source_line = lines[error.line - 1]
    if len(source_line) > 160:  # show a window around the column of very long lines
        start = max(0, error.column - 80)
        shown = ("…" if start else "") + source_line[start : start + 160]
        caret_col = error.column - start + (1 if start else 0)
    else:
        shown, caret_col = source_line, error.column
    width = 1
    if error.end is not None and error.offset is not None and error.end > error.offset + 1:
        width = min(error.end - error.offset, max(1, len(shown) - caret_col + 1))
    caret = " " * (caret_col - 1) + "^" + "~" * (width - 1)
    shown = shown.encode("utf-8", "backslashreplace").decode("utf-8")  # a lone surrogate printable as \udcff
    return f"{header}\n  | {shown}\n  | {caret}"
