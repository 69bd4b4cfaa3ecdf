"""PostgreSQL (11+): jsonb, array subqueries for lists, its own (ARE) regular expressions."""
from __future__ import annotations

import re

from sqlglot import exp

from ...errors import UnsupportedError
from .base import fn, string
from .duckdb import DuckDB
from .lists import SubqueryLists
from .regex import POSTGRES_MISSING, check, dot_without_newline, leading_flags

_INTEGER_KEY = re.compile(r"-?[0-9]+")
#: A JSON number whose exponent NUMERIC can hold (a larger one is no number, as in Python, where it is inf).
_NUMBER_TEXT = r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]{1,4})?$"


class Postgres(SubqueryLists, DuckDB):
    """PostgreSQL: records as jsonb; numbers compare as NUMERIC (exact)."""

    name = "postgres"
    regex_engine = "PostgreSQL"
    regex_end = "$"
    _TYPE_OF = "jsonb_typeof"
    _TYPES = {"OBJECT": ("object",), "ARRAY": ("array",), "STRING": ("string",), "BOOLEAN": ("boolean",),
              "NUMBER": ("number",), "NULL": ("null",)}

    def root(self, column: str, layout: str) -> exp.Expr:
        if layout == "json":
            return exp.Cast(this=exp.column(column, quoted=True), to=exp.DataType.build("JSONB"))
        return fn("to_jsonb", exp.column(column, quoted=True))

    def key(self, v: exp.Expr, name: str) -> exp.Expr:
        return fn("jsonb_extract_path", v, string(name))

    def keys(self, v: exp.Expr, names: list[str]) -> exp.Expr | None:
        if any(_INTEGER_KEY.fullmatch(name) for name in names):  # a path step that would index an array
            return None
        return fn("jsonb_extract_path", v, *(string(name) for name in names))

    def elements(self, v: exp.Expr) -> exp.Expr:
        return exp.Array(expressions=[exp.select(fn("jsonb_array_elements", v))])

    def text(self, v: exp.Expr) -> exp.Expr:
        return exp.JSONBExtractScalar(this=v, expression=string("{}"))

    def array(self, *items: exp.Expr) -> exp.Expr:
        return exp.Array(expressions=list(items))

    def unnest(self, values: exp.Expr, var: exp.Identifier) -> exp.Expr:
        return exp.Unnest(expressions=[values], alias=exp.TableAlias(
            this=exp.to_identifier(f"t_{var.name}"), columns=[var.copy()]))

    def length(self, values: exp.Expr) -> exp.Expr:
        return fn("cardinality", values)

    def index(self, v: exp.Expr, position: int) -> exp.Expr:
        # jsonb subscripts count from 0, and negative ones from the end
        return fn("jsonb_extract_path", v, string(str(position - 1 if position > 0 else position)))

    def octet(self, text: exp.Expr, position: int) -> exp.Expr:
        part = fn("split_part", text, string("."), exp.Literal.number(position))
        return exp.Case(ifs=[exp.If(this=exp.RegexpLike(this=part, expression=string("^[0-9]{1,3}$")),
                                    true=exp.Cast(this=part.copy(), to=exp.DataType.build("BIGINT")))])

    def to_double(self, text: exp.Expr) -> exp.Expr:
        """The number in a JSON number's text, exactly (NUMERIC); NULL for anything else, never an error."""
        return exp.Case(ifs=[exp.If(this=exp.RegexpLike(this=text, expression=string(_NUMBER_TEXT)),
                                    true=exp.Cast(this=text.copy(), to=exp.DataType.build("DECIMAL")))])

    def check_regex(self, pattern: str) -> None:
        if "(?P" in pattern:
            raise UnsupportedError(f"regular expression {pattern!r} uses a named group, which postgres's "
                                   f"regular expressions spell differently")
        flags, _ = leading_flags(pattern)
        if set(flags) - {"i", "s"}:
            raise UnsupportedError(f"regular expression {pattern!r} uses the inline flags {flags!r}, which "
                                   f"postgres's regular expressions read differently")
        check(pattern, self.name, POSTGRES_MISSING, "PostgreSQL")

    def regex_search(self, text: exp.Expr, pattern: str, ignore_case: bool) -> exp.Expr:
        flags, rest = leading_flags(pattern)
        if "s" not in flags:  # Python's "." stops at a newline; PostgreSQL's does not
            rest = dot_without_newline(rest)
        like = exp.RegexpILike if ignore_case or "i" in flags else exp.RegexpLike
        return like(this=text, expression=string(rest))

    def regex_full(self, text: exp.Expr, pattern: str, ignore_case: bool = False) -> exp.Expr:
        body = pattern if pattern.startswith("(?s)^") else "^(?:" + pattern + ")$"
        like = exp.RegexpILike if ignore_case else exp.RegexpLike
        return like(this=text, expression=string(body))

    def contains(self, text: exp.Expr, needle: exp.Expr) -> exp.Expr:
        return exp.GT(this=fn("strpos", text, needle), expression=exp.Literal.number(0))

    def starts_with(self, text: exp.Expr, prefix: exp.Expr) -> exp.Expr:
        return fn("starts_with", text, prefix)

    def ends_with(self, text: exp.Expr, suffix: exp.Expr) -> exp.Expr:
        return exp.EQ(this=fn("right", text, fn("length", suffix)), expression=suffix.copy())
