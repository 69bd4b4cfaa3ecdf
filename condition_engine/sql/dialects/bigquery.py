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

    def root(self, column: str, layout: str) -> exp.Expression:
        if layout == "json":
            return fn("PARSE_JSON", exp.column(column, quoted=True),
                      exp.Kwarg(this=exp.to_identifier("wide_number_mode"), expression=string("round")))
        return fn("TO_JSON", exp.column(column, quoted=True))

    def key(self, v: exp.Expression, name: str) -> exp.Expression:
        return exp.Bracket(this=v, expressions=[string(name)])  # a JSON field; NULL unless v is an object

    keys = DuckDB.chained_keys

    def elements(self, v: exp.Expression) -> exp.Expression:
        return fn("JSON_QUERY_ARRAY", v)

    def text(self, v: exp.Expression) -> exp.Expression:
        return fn("JSON_VALUE", v)

    def array(self, *items: exp.Expression) -> exp.Expression:
        return exp.Array(expressions=list(items))

    def unnest(self, values: exp.Expression, var: exp.Identifier) -> exp.Expression:
        return exp.Unnest(expressions=[values], alias=exp.TableAlias(columns=[var.copy()]))

    def length(self, values: exp.Expression) -> exp.Expression:
        return fn("ARRAY_LENGTH", values)

    def element(self, values: exp.Expression, position: int) -> exp.Expression:
        offset = exp.Literal.number(position - 1) if position > 0 else \
            exp.Add(this=fn("ARRAY_LENGTH", values.copy()), expression=exp.Literal.number(position))
        return exp.Bracket(this=values, expressions=[offset], offset=0, safe=True)

    def split(self, text: exp.Expression, separator: str) -> exp.Expression:
        return fn("SPLIT", text, string(separator))

    def regex_search(self, text: exp.Expression, pattern: str, ignore_case: bool) -> exp.Expression:
        return fn("REGEXP_CONTAINS", text, string(("(?i)" if ignore_case else "") + pattern))

    def regex_full(self, text: exp.Expression, pattern: str, ignore_case: bool = False) -> exp.Expression:
        body = pattern if pattern.startswith("(?s)^") else "^(?:" + pattern + ")$"
        return self.regex_search(text, body, ignore_case)

    def contains(self, text: exp.Expression, needle: exp.Expression) -> exp.Expression:
        return exp.GT(this=fn("STRPOS", text, needle), expression=exp.Literal.number(0))

    def starts_with(self, text: exp.Expression, prefix: exp.Expression) -> exp.Expression:
        return fn("STARTS_WITH", text, prefix)

    def ends_with(self, text: exp.Expression, suffix: exp.Expression) -> exp.Expression:
        return fn("ENDS_WITH", text, suffix)
