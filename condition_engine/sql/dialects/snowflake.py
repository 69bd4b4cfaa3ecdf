"""Snowflake: VARIANT, FILTER/TRANSFORM with lambdas, POSIX-style regular expressions with parameters."""
from __future__ import annotations

import re

from sqlglot import exp

from ...errors import UnsupportedError
from .base import fn, string
from .duckdb import DuckDB
from .regex import SNOWFLAKE_MISSING, check, leading_flags

#: What POSIX extended expressions need escaped to mean themselves.
_POSIX_SPECIAL = set(".[]()*+?{}|^$\\")


def _posix_escape(char: str) -> str:
    return "\\" + char if char in _POSIX_SPECIAL else char


class Snowflake(DuckDB):
    """Snowflake: records parsed to VARIANT; numbers compare as DOUBLE."""

    name = "snowflake"
    regex_engine = "Snowflake"
    regex_end = ""  # REGEXP_LIKE matches the whole string by itself
    _TYPE_OF = "TYPEOF"
    _TYPES = {"OBJECT": ("OBJECT",), "ARRAY": ("ARRAY",), "STRING": ("VARCHAR",), "BOOLEAN": ("BOOLEAN",),
              "NUMBER": ("INTEGER", "DECIMAL", "DOUBLE"), "NULL": ("NULL_VALUE",)}

    def root(self, column: str, layout: str) -> exp.Expr:
        if layout == "json":
            return fn("PARSE_JSON", exp.column(column, quoted=True))
        return fn("OBJECT_CONSTRUCT_KEEP_NULL", exp.Star())

    def key(self, v: exp.Expr, name: str) -> exp.Expr:
        return fn("GET", v, string(name))

    keys = DuckDB.chained_keys

    def elements(self, v: exp.Expr) -> exp.Expr:
        return fn("AS_ARRAY", v)

    def text(self, v: exp.Expr) -> exp.Expr:
        return fn("TO_VARCHAR", v)

    def array(self, *items: exp.Expr) -> exp.Expr:
        return fn("ARRAY_CONSTRUCT", *items)

    def list_filter(self, values: exp.Expr, lam: exp.Lambda) -> exp.Expr:
        return fn("FILTER", values, lam)

    def list_transform(self, values: exp.Expr, lam: exp.Lambda) -> exp.Expr:
        return fn("TRANSFORM", values, lam)

    def flatten(self, values: exp.Expr) -> exp.Expr:
        return fn("ARRAY_FLATTEN", values)

    def length(self, values: exp.Expr) -> exp.Expr:
        return fn("ARRAY_SIZE", values)

    def index(self, v: exp.Expr, position: int) -> exp.Expr:
        if position > 0:
            return fn("GET", v, exp.Literal.number(position - 1))
        offset = exp.Add(this=fn("ARRAY_SIZE", v.copy()), expression=exp.Literal.number(position))
        in_range = exp.GTE(this=offset, expression=exp.Literal.number(0))
        return exp.Case(ifs=[exp.If(this=in_range, true=fn("GET", v, offset.copy()))])

    def octet(self, text: exp.Expr, position: int) -> exp.Expr:
        return fn("TRY_TO_NUMBER", fn("SPLIT_PART", text, string("."), exp.Literal.number(position)))

    def to_double(self, text: exp.Expr) -> exp.Expr:
        return fn("TRY_TO_DOUBLE", text)

    def glob_pattern(self, glob: str) -> str:
        from ..values import glob_regex

        return glob_regex(glob, self.regex_end, _posix_escape)

    def check_regex(self, pattern: str) -> None:
        flags, rest = leading_flags(pattern)
        if set(flags) - {"i", "s", "m"}:
            raise UnsupportedError(f"regular expression {pattern!r} uses the inline flags {flags!r}, which "
                                   f"snowflake's POSIX regular expressions do not support")
        if re.search(r"(?<!\\)\(\?", rest):  # (?:…), (?P<…>…), (?#…), lookaround, flags inside
            raise UnsupportedError(f"regular expression {pattern!r} uses a group that does not capture, which "
                                   f"snowflake's POSIX regular expressions do not support")
        check(pattern, self.name, SNOWFLAKE_MISSING, "POSIX")

    def _parameters(self, flags: str, ignore_case: bool) -> exp.Expr:
        return string("c" + ("i" if ignore_case or "i" in flags else "") + ("s" if "s" in flags else "")
                      + ("m" if "m" in flags else ""))

    def regex_search(self, text: exp.Expr, pattern: str, ignore_case: bool) -> exp.Expr:
        flags, rest = leading_flags(pattern)
        found = fn("REGEXP_INSTR", text, string(rest), exp.Literal.number(1), exp.Literal.number(1),
                   exp.Literal.number(0), self._parameters(flags, ignore_case))
        return exp.GT(this=found, expression=exp.Literal.number(0))

    def regex_full(self, text: exp.Expr, pattern: str, ignore_case: bool = False) -> exp.Expr:
        flags, rest = leading_flags(pattern)
        if rest.startswith("^"):
            rest = rest[1:]
        return fn("REGEXP_LIKE", text, string(rest), self._parameters(flags, ignore_case))

    def contains(self, text: exp.Expr, needle: exp.Expr) -> exp.Expr:
        return fn("CONTAINS", text, needle)

    def starts_with(self, text: exp.Expr, prefix: exp.Expr) -> exp.Expr:
        return fn("STARTSWITH", text, prefix)

    def ends_with(self, text: exp.Expr, suffix: exp.Expr) -> exp.Expr:
        return fn("ENDSWITH", text, suffix)
