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

    def root(self, column: str, layout: str) -> exp.Expression:
        if layout == "json":
            return fn("PARSE_JSON", exp.column(column, quoted=True))
        return fn("OBJECT_CONSTRUCT_KEEP_NULL", exp.Star())

    def key(self, v: exp.Expression, name: str) -> exp.Expression:
        return fn("GET", v, string(name))

    keys = DuckDB.chained_keys

    def elements(self, v: exp.Expression) -> exp.Expression:
        return fn("AS_ARRAY", v)

    def text(self, v: exp.Expression) -> exp.Expression:
        return fn("TO_VARCHAR", v)

    def array(self, *items: exp.Expression) -> exp.Expression:
        return fn("ARRAY_CONSTRUCT", *items)

    def list_filter(self, values: exp.Expression, lam: exp.Lambda) -> exp.Expression:
        return fn("FILTER", values, lam)

    def list_transform(self, values: exp.Expression, lam: exp.Lambda) -> exp.Expression:
        return fn("TRANSFORM", values, lam)

    def flatten(self, values: exp.Expression) -> exp.Expression:
        return fn("ARRAY_FLATTEN", values)

    def length(self, values: exp.Expression) -> exp.Expression:
        return fn("ARRAY_SIZE", values)

    def index(self, v: exp.Expression, position: int) -> exp.Expression:
        if position > 0:
            return fn("GET", v, exp.Literal.number(position - 1))
        offset = exp.Add(this=fn("ARRAY_SIZE", v.copy()), expression=exp.Literal.number(position))
        in_range = exp.GTE(this=offset, expression=exp.Literal.number(0))
        return exp.Case(ifs=[exp.If(this=in_range, true=fn("GET", v, offset.copy()))])

    def octet(self, text: exp.Expression, position: int) -> exp.Expression:
        return fn("TRY_TO_NUMBER", fn("SPLIT_PART", text, string("."), exp.Literal.number(position)))

    def to_double(self, text: exp.Expression) -> exp.Expression:
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

    def _parameters(self, flags: str, ignore_case: bool) -> exp.Expression:
        return string("c" + ("i" if ignore_case or "i" in flags else "") + ("s" if "s" in flags else "")
                      + ("m" if "m" in flags else ""))

    def regex_search(self, text: exp.Expression, pattern: str, ignore_case: bool) -> exp.Expression:
        flags, rest = leading_flags(pattern)
        found = fn("REGEXP_INSTR", text, string(rest), exp.Literal.number(1), exp.Literal.number(1),
                   exp.Literal.number(0), self._parameters(flags, ignore_case))
        return exp.GT(this=found, expression=exp.Literal.number(0))

    def regex_full(self, text: exp.Expression, pattern: str, ignore_case: bool = False) -> exp.Expression:
        flags, rest = leading_flags(pattern)
        if rest.startswith("^"):
            rest = rest[1:]
        return fn("REGEXP_LIKE", text, string(rest), self._parameters(flags, ignore_case))

    def contains(self, text: exp.Expression, needle: exp.Expression) -> exp.Expression:
        return fn("CONTAINS", text, needle)

    def starts_with(self, text: exp.Expression, prefix: exp.Expression) -> exp.Expression:
        return fn("STARTSWITH", text, prefix)

    def ends_with(self, text: exp.Expression, suffix: exp.Expression) -> exp.Expression:
        return fn("ENDSWITH", text, suffix)
