"""What every dialect shares: building function calls and literals, and the kinds of JSON values."""
from __future__ import annotations

from sqlglot import exp

#: Abstract kinds of a JSON value.
KINDS = ("OBJECT", "ARRAY", "STRING", "BOOLEAN", "NUMBER", "NULL")


def fn(name: str, *args: exp.Expr) -> exp.Expr:
    """A function call by name."""
    return exp.Anonymous(this=name, expressions=list(args))


def string(text: str) -> exp.Expr:
    """A SQL string literal."""
    return exp.Literal.string(text)
