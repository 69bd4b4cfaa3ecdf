"""Conditions to SQL: a sqlglot expression tree, rendered per dialect, with our semantics.

The generated expression is two-valued — TRUE or FALSE, never NULL — and means what
docs/semantics.md says: a path yields a list of JSON values (lists fanned out, nulls dropped), a
comparison holds when any value passes its test, ``ne`` is ``NOT eq``, ``eq null`` is "no value".
Nothing is concatenated as text: literals are SQL literals, field names are key literals.
"""
from __future__ import annotations

import re
from typing import Any

from sqlglot import exp

from .. import ast
from ..errors import UnsupportedError
from ..interpreter import as_node
from .dialects import DIALECTS, dialect, fn
from .references import pair
from .values import value_condition

#: The layouts of the data a condition reads.
LAYOUTS = ("json", "columns")
#: Keys a one-lookup path could read as an array position (those paths take the general code).
_ARRAY_STEP = re.compile(r"-?[0-9]+|-")
#: How deep lists nested in lists are fanned out (deeper nesting is not looked into).
LIST_DEPTH = 4


class KeyLookups:
    """Values of keys-only paths read once per record, for a query that scans many records (DuckDB).

    Every path the conditions read is gathered into one ``json_extract(record, [pointers])`` — one
    parse of the record — held in the column ``column``; a predicate then reads its element. The
    query computes :meth:`extraction` as ``column`` below the rules' columns.  ``root_not_array`` is a
    test of the record text that stands in for the record's JSON type in the one-key fast path.
    """

    def __init__(self, column: str = "ce_values", root_not_array: exp.Expr | None = None) -> None:
        self.column = column
        self.root_not_array = root_not_array
        self.paths: list[tuple[str, ...]] = []

    def value(self, keys: tuple[str, ...]) -> exp.Expr:
        """The JSON value at ``keys`` (SQL NULL when missing), as an element of the extracted list."""
        if keys not in self.paths:
            self.paths.append(keys)
        position = self.paths.index(keys) + 1
        return fn("list_extract", exp.column(self.column), exp.Literal.number(position))

    def extraction(self, record: exp.Expr) -> exp.Expr:
        """The list of every gathered path's value in ``record``: one JSON parse per record."""
        pointers = ["".join("/" + k.replace("~", "~0").replace("/", "~1") for k in keys) for keys in self.paths]
        return fn("json_extract", record, exp.Array(expressions=[exp.Literal.string(p) for p in pointers]))


class _Builder:
    def __init__(self, d: Any, fold: bool, lookups: KeyLookups | None = None) -> None:
        self.d = d
        self.fold = fold
        self.count = 0
        self.lookups = lookups
        self.record: exp.Expr | None = None

    def lam(self, body) -> exp.Lambda:
        self.count += 1
        var = exp.to_identifier(f"x{self.count}")
        return exp.Lambda(this=body(var), expressions=[var])

    # ---- lists of JSON values ---------------------------------------------------------------

    def expand(self, values: exp.Expr, depth: int = LIST_DEPTH) -> exp.Expr:
        """Fan out lists inside the list ``values`` (to ``depth`` levels of nesting)."""
        d = self.d
        for _ in range(depth):
            values = d.flat_map(values, self.lam(lambda e: exp.Case(
                ifs=[exp.If(this=d.is_kind(e, "ARRAY"), true=d.elements(e))], default=d.array(e))))
        return values

    def present(self, values: exp.Expr) -> exp.Expr:
        """Drop SQL NULLs (missing keys) and JSON nulls."""
        return self.d.list_filter(values, self.lam(self.d.not_null_kind))

    def resolve(self, path: ast.Path, root: exp.Expr) -> exp.Expr:
        """The list of values ``path`` yields from the JSON document ``root``."""
        d = self.d
        values: exp.Expr = d.array(root)
        for step in path.steps:
            if isinstance(step, ast.Key):
                name = step.name
                objects = d.list_filter(self.expand(values), self.lam(lambda e: d.is_kind(e, "OBJECT")))
                values = self.present(d.list_transform(objects, self.lam(lambda e: d.key(e, name))))
            elif isinstance(step, ast.Index):
                position = step.index + 1 if step.index >= 0 else step.index
                arrays = d.list_filter(values, self.lam(lambda e: d.is_kind(e, "ARRAY")))
                values = self.present(d.list_transform(arrays, self.lam(lambda e: d.index(e, position))))
            else:
                condition = step.condition
                values = d.list_filter(self.present(self.expand(values)),
                                       self.lam(lambda e: self.condition(condition, e)))
        return self.present(self.expand(values))

    # ---- conditions -------------------------------------------------------------------------

    def any_value(self, path: ast.Path, root: exp.Expr, test) -> exp.Expr:
        matching = self.d.list_filter(self.resolve(path, root), self.lam(test))
        general = exp.GT(this=self.d.length(matching), expression=exp.Literal.number(0))
        return self._fast(path, root, general, test)

    def exists(self, path: ast.Path, root: exp.Expr) -> exp.Expr:
        general = exp.GT(this=self.d.length(self.resolve(path, root)), expression=exp.Literal.number(0))
        return self._fast(path, root, general, lambda v: exp.true())

    def _fast(self, path: ast.Path, root: exp.Expr, general: exp.Expr, test) -> exp.Expr:
        """For a path of keys, read the value with one lookup.  When no list stands on the way — the root
        and every shorter path of the same keys are no array — the path yields that one value or, when it
        is missing, nothing, and the test applies to it directly; otherwise the general list code runs."""
        d = self.d
        keys = tuple(step.name for step in path.steps if isinstance(step, ast.Key))
        if len(keys) != len(path.steps) or any(_ARRAY_STEP.fullmatch(k) for k in keys):
            return general
        # extracted values are the record's: inside a value filter the root is an element instead
        lookups = self.lookups if root is self.record else None

        def value_at(prefix: tuple[str, ...]) -> exp.Expr | None:
            return d.keys(root, list(prefix)) if lookups is None else lookups.value(prefix)

        value = value_at(keys)
        if value is None:
            return general
        # a scalar root has no keys, like an object without them: only an array root fans out
        guards = [d.is_kind(root, "OBJECT") if lookups is None or lookups.root_not_array is None
                  else lookups.root_not_array]
        for length in range(1, len(keys) + 1):
            step = value if length == len(keys) else value_at(keys[:length])
            is_list = exp.Coalesce(this=d.is_kind(step, "ARRAY"), expressions=[exp.false()])
            guards.append(exp.Not(this=exp.Paren(this=is_list)))
        scalar = exp.and_(d.not_null_kind(value), exp.Not(this=exp.Paren(this=d.is_kind(value, "ARRAY"))))
        return exp.Case(ifs=[exp.If(this=exp.Paren(this=exp.and_(*guards)),
                                    true=exp.Paren(this=exp.and_(scalar, test(value))))], default=general)

    def compare(self, path: ast.Path, op: str, literal: ast.Value, root: exp.Expr) -> exp.Expr:
        if op in ("ne", "ine"):
            return exp.Not(this=exp.Paren(this=self.compare(path, "eq" if op == "ne" else "ieq", literal, root)))
        if op == "in":
            assert isinstance(literal, ast.List)  # the operand of `in` (check_operand)
            if not literal.items:
                return exp.false()
            return exp.Paren(this=exp.or_(*(self.compare(path, "eq", item, root) for item in literal.items)))
        if isinstance(literal, ast.FieldRef):
            return self.reference(path, op, literal.path, root)
        if isinstance(literal, ast.Null):
            if op in ("eq", "ieq"):
                return exp.Not(this=exp.Paren(this=self.exists(path, root)))
            return exp.false()
        return self.any_value(path, root, lambda v: value_condition(self.d, v, op, literal, self.fold))

    def reference(self, path: ast.Path, op: str, other: ast.Path, root: exp.Expr) -> exp.Expr:
        """``path op field(other)``: some value of ``path`` passes the test against some value of ``other``."""
        d = self.d
        others = self.resolve(other, root)

        def matched(x: exp.Expr) -> exp.Expr:
            hits = d.list_filter(others.copy(), self.lam(lambda y: pair(d, x, y, op, self.fold)))
            return exp.GT(this=d.length(hits), expression=exp.Literal.number(0))

        matching = d.list_filter(self.resolve(path, root), self.lam(matched))
        return exp.GT(this=d.length(matching), expression=exp.Literal.number(0))

    def condition(self, node: ast.Expr, root: exp.Expr) -> exp.Expr:
        if isinstance(node, ast.And):
            return exp.Paren(this=exp.and_(*(self.condition(o, root) for o in node.operands)))
        if isinstance(node, ast.Or):
            return exp.Paren(this=exp.or_(*(self.condition(o, root) for o in node.operands)))
        if isinstance(node, ast.Not):
            return exp.Not(this=exp.Paren(this=self.condition(node.operand, root)))
        if isinstance(node, ast.Exists):
            return self.exists(node.path, root)
        return self.compare(node.path, node.op, node.value, root)


def to_sql_expression(condition: str | ast.Expr, dialect_name: str = "duckdb", layout: str = "json",
                      column: str = "record", case_insensitive: bool = False,
                      lookups: KeyLookups | None = None) -> exp.Expr:
    """The condition as a sqlglot boolean expression (see :func:`to_sql`).

    With ``lookups`` (DuckDB), keys-only paths read the values a :class:`KeyLookups` extracts once
    per record instead of looking into the record themselves.
    """
    d = dialect(dialect_name)
    if layout not in LAYOUTS:
        raise UnsupportedError(f"unknown layout {layout!r}; choose one of {', '.join(LAYOUTS)}")
    if lookups is not None and d.name != "duckdb":
        raise UnsupportedError(f"extracted key lookups are for duckdb, not {d.name}")
    builder = _Builder(d, case_insensitive, lookups)
    builder.record = d.root(column, layout)
    return builder.condition(as_node(condition), builder.record)


def to_sql(condition: str | ast.Expr, dialect: str = "duckdb", layout: str = "json", column: str = "record",
           *, case_insensitive: bool = False) -> str:
    """A boolean SQL expression for a WHERE clause, with the semantics of docs/semantics.md.

    ``dialect``: duckdb, spark, databricks, postgres, snowflake or bigquery (docs/scale-out.md).

    ``layout="json"``: ``column`` holds each record as JSON text; ``layout="columns"``: typed columns
    (``column`` names the table alias in DuckDB), read as one JSON document.

    >>> sql = to_sql('KeyState eq "Enabled"')
    >>> sql.startswith("CASE WHEN (JSON_TYPE(CAST(") and "'/KeyState'" in sql
    True
    """
    name = "spark" if dialect == "databricks" else dialect
    return to_sql_expression(condition, dialect, layout, column, case_insensitive).sql(dialect=name)


__all__ = ["DIALECTS", "LAYOUTS", "KeyLookups", "to_sql", "to_sql_expression"]
