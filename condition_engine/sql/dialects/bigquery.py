"""BigQuery: the JSON type, array subqueries for lists, RE2 regular expressions."""
from __future__ import annotations

from sqlglot import exp

from .base import fn, string
from .duckdb import DuckDB
from .lists import SubqueryLists


class BigQuery(SubqueryLists, DuckDB):
    """BigQuery (GoogleSQL): records parsed with PARSE_JSON; numbers compare as FLOAT64."""

    name = "bigquery"
    regex_engine = "RE2"
    regex_end = "$"
    _TYPE_OF = "JSON_TYPE"
    _TYPES = {"OBJECT": ("object",), "ARRAY": ("array",), "STRING": ("string",), "BOOLEAN": ("boolean",),
              "NUMBER": ("number",), "NULL": ("null",)}

    def root(self, column: str, layout: str) -> exp.Expr:
        if layout == "json":
            return fn("PARSE_JSON", exp.column(column, quoted=True),
                      exp.Kwarg(this=exp.to_identifier("wide_number_mode"), expression=string("round")))
        return fn("TO_JSON", exp.column(column, quoted=True))

    def key(self, v: exp.Expr, name: str) -> exp.Expr:
        return exp.Bracket(this=v, expressions=[string(name)])  # a JSON field; NULL unless v is an object

    keys = DuckDB.chained_keys

    def elements(self, v: exp.Expr) -> exp.Expr:
        return fn("JSON_QUERY_ARRAY", v)

    def text(self, v: exp.Expr) -> exp.Expr:
        return fn("JSON_VALUE", v)

    def array(self, *items: exp.Expr) -> exp.Expr:
        return exp.Array(expressions=list(items))

    def unnest(self, values: exp.Expr, var: exp.Identifier) -> exp.Expr:
        return exp.Unnest(expressions=[values], alias=exp.TableAlias(columns=[var.copy()]))

    def length(self, values: exp.Expr) -> exp.Expr:
        return fn("ARRAY_LENGTH", values)

    def element(self, values: exp.Expr, position: int) -> exp.Expr:
        offset = exp.Literal.number(position - 1) if position > 0 else \
            exp.Add(this=fn("ARRAY_LENGTH", values.copy()), expression=exp.Literal.number(position))
        return exp.Bracket(this=values, expressions=[offset], offset=0, safe=True)

    def split(self, text: exp.Expr, separator: str) -> exp.Expr:
        return fn("SPLIT", text, string(separator))

    def regex_search(self, text: exp.Expr, pattern: str, ignore_case: bool) -> exp.Expr:
        return fn("REGEXP_CONTAINS", text, string(("(?i)" if ignore_case else "") + pattern))

    def regex_full(self, text: exp.Expr, pattern: str, ignore_case: bool = False) -> exp.Expr:
        body = pattern if pattern.startswith("(?s)^") else "^(?:" + pattern + ")$"
        return self.regex_search(text, body, ignore_case)

    def contains(self, text: exp.Expr, needle: exp.Expr) -> exp.Expr:
        return exp.GT(this=fn("STRPOS", text, needle), expression=exp.Literal.number(0))

    def starts_with(self, text: exp.Expr, prefix: exp.Expr) -> exp.Expr:
        return fn("STARTS_WITH", text, prefix)

    def ends_with(self, text: exp.Expr, suffix: exp.Expr) -> exp.Expr:
        return fn("ENDS_WITH", text, suffix)
