"""Spark SQL (4.0+) and Databricks: VARIANT, higher-order array functions, Java regular expressions."""
from __future__ import annotations

import re

from sqlglot import exp

from ...errors import UnsupportedError
from .base import fn, string
from .duckdb import DuckDB


class Spark(DuckDB):
    """Spark SQL (4.0+): records parsed to VARIANT, higher-order array functions, Java regexes."""

    name = "spark"
    regex_engine = "Java"
    regex_end = r"\z"

    def root(self, column: str, layout: str) -> exp.Expr:
        if layout == "json":
            return fn("parse_json", exp.column(column, quoted=True))
        return fn("parse_json", fn("to_json", fn("struct", exp.Star())))

    def _schema(self, v: exp.Expr) -> exp.Expr:
        return fn("schema_of_variant", v)

    def is_kind(self, v: exp.Expr, *kinds: str) -> exp.Expr:
        schema = self._schema(v)
        tests = []
        for kind in kinds:
            if kind in ("OBJECT", "ARRAY"):
                tests.append(fn("startswith", schema, string(kind)))
            elif kind == "NUMBER":
                tests.append(exp.In(this=schema, expressions=[string(n) for n in
                                                              ("BIGINT", "INT", "SMALLINT", "TINYINT", "DOUBLE", "FLOAT")]))
                tests.append(fn("startswith", schema, string("DECIMAL")))
            else:
                tests.append(exp.EQ(this=schema, expression=string({"STRING": "STRING", "BOOLEAN": "BOOLEAN",
                                                                     "NULL": "VOID"}[kind])))
        return exp.Paren(this=exp.or_(*tests)) if len(tests) > 1 else tests[0]

    def not_null_kind(self, v: exp.Expr) -> exp.Expr:
        return exp.and_(exp.Not(this=exp.Is(this=v, expression=exp.Null())),
                        exp.NEQ(this=self._schema(v), expression=string("VOID")))

    def key(self, v: exp.Expr, name: str) -> exp.Expr:
        as_map = fn("try_variant_get", v, string("$"), string("map<string, variant>"))
        return fn("try_element_at", as_map, string(name))

    def keys(self, v: exp.Expr, names: list[str]) -> exp.Expr | None:
        return None

    def elements(self, v: exp.Expr) -> exp.Expr:
        return fn("try_variant_get", v, string("$"), string("array<variant>"))

    def text(self, v: exp.Expr) -> exp.Expr:
        return fn("try_variant_get", v, string("$"), string("string"))

    def array(self, *items: exp.Expr) -> exp.Expr:
        return fn("array", *items)

    def list_filter(self, values: exp.Expr, lam: exp.Lambda) -> exp.Expr:
        return fn("filter", values, lam)

    def list_transform(self, values: exp.Expr, lam: exp.Lambda) -> exp.Expr:
        return fn("transform", values, lam)

    def length(self, values: exp.Expr) -> exp.Expr:
        return fn("size", values)

    def element(self, values: exp.Expr, position: int) -> exp.Expr:
        return fn("try_element_at", values, exp.Literal.number(position))

    def split(self, text: exp.Expr, separator: str) -> exp.Expr:
        return fn("split", text, string(re.escape(separator)))

    def check_regex(self, pattern: str) -> None:
        """Java reads Python's syntax alike (lookaround and backreferences included) but for named groups."""
        if "(?P" in pattern:
            raise UnsupportedError(f"regular expression {pattern!r} uses a named group (?P<…>), which "
                                   f"spark's Java regular expressions spell (?<…>)")

    def regex_search(self, text: exp.Expr, pattern: str, ignore_case: bool) -> exp.Expr:
        return exp.RegexpLike(this=text, expression=string(("(?i)" if ignore_case else "") + pattern))

    def regex_full(self, text: exp.Expr, pattern: str, ignore_case: bool = False) -> exp.Expr:
        body = pattern if pattern.startswith("(?s)^") else "^(?:" + pattern + r")\z"
        return exp.RegexpLike(this=text, expression=string(("(?i)" if ignore_case else "") + body))

    def contains(self, text: exp.Expr, needle: exp.Expr) -> exp.Expr:
        return fn("contains", text, needle)

    def starts_with(self, text: exp.Expr, prefix: exp.Expr) -> exp.Expr:
        return fn("startswith", text, prefix)

    def ends_with(self, text: exp.Expr, suffix: exp.Expr) -> exp.Expr:
        return fn("endswith", text, suffix)


