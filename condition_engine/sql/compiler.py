"""Conditions to SQL: a sqlglot expression tree, rendered per dialect, with our semantics.

The generated expression is two-valued — TRUE or FALSE, never NULL — and means what
docs/semantics.md says: a path yields a list of JSON values (lists fanned out, nulls dropped), a
comparison holds when any value passes its test, ``ne`` is ``NOT eq``, ``eq null`` is "no value".
Nothing is concatenated as text: literals are SQL literals, field names are JSON-pointer literals.
"""
from __future__ import annotations

from sqlglot import exp

from .. import ast
from ..errors import UnsupportedError
from ..interpreter import as_node
from .values import fn, is_type, value_condition

#: Dialects to_sql renders for, and the layouts of the data it reads.
DIALECTS = ("duckdb",)
LAYOUTS = ("json", "columns")
#: How deep lists nested in lists are fanned out (deeper nesting is not looked into).
LIST_DEPTH = 4


class _Builder:
    def __init__(self, dialect: str, fold: bool) -> None:
        self.dialect = dialect
        self.fold = fold
        self.count = 0

    def variable(self) -> exp.Identifier:
        self.count += 1
        return exp.to_identifier(f"x{self.count}")

    def lam(self, body) -> exp.Lambda:
        var = self.variable()
        return exp.Lambda(this=body(var), expressions=[var])

    # ---- lists of JSON values ---------------------------------------------------------------

    def expand(self, values: exp.Expression, depth: int = LIST_DEPTH) -> exp.Expression:
        """Fan out lists inside the list ``values`` (to ``depth`` levels of nesting)."""
        for _ in range(depth):
            values = fn("flatten", fn("list_transform", values, self.lam(lambda e: exp.Case(
                ifs=[exp.If(this=is_type(e, "ARRAY"),
                            true=fn("json_extract", e, exp.Literal.string("$[*]")))],
                default=exp.Array(expressions=[e])))))
        return values

    def present(self, values: exp.Expression) -> exp.Expression:
        """Drop SQL NULLs (missing keys) and JSON nulls."""
        return fn("list_filter", values, self.lam(lambda e: exp.and_(
            exp.Not(this=exp.Is(this=e, expression=exp.Null())),
            exp.NEQ(this=fn("json_type", e), expression=exp.Literal.string("NULL")))))

    def resolve(self, path: ast.Path, root: exp.Expression) -> exp.Expression:
        """The list of values ``path`` yields from the JSON document ``root``."""
        values: exp.Expression = exp.Array(expressions=[root])
        for step in path.steps:
            if isinstance(step, ast.Key):
                pointer = "/" + step.name.replace("~", "~0").replace("/", "~1")
                objects = fn("list_filter", self.expand(values), self.lam(lambda e: is_type(e, "OBJECT")))
                values = self.present(fn("list_transform", objects, self.lam(
                    lambda e: fn("json_extract", e, exp.Literal.string(pointer)))))
            elif isinstance(step, ast.Index):
                position = step.index + 1 if step.index >= 0 else step.index
                arrays = fn("list_filter", values, self.lam(lambda e: is_type(e, "ARRAY")))
                values = self.present(fn("list_transform", arrays, self.lam(lambda e: fn(
                    "list_extract", fn("json_extract", e, exp.Literal.string("$[*]")),
                    exp.Literal.number(position)))))
            else:
                condition = step.condition
                values = fn("list_filter", self.present(self.expand(values)),
                            self.lam(lambda e: self.condition(condition, e)))
        return self.present(self.expand(values))

    # ---- conditions -------------------------------------------------------------------------

    def any_value(self, path: ast.Path, root: exp.Expression, test) -> exp.Expression:
        matching = fn("list_filter", self.resolve(path, root), self.lam(test))
        general = exp.GT(this=fn("len", matching), expression=exp.Literal.number(0))
        return self._fast(path, root, general, test)

    def exists(self, path: ast.Path, root: exp.Expression) -> exp.Expression:
        general = exp.GT(this=fn("len", self.resolve(path, root)), expression=exp.Literal.number(0))
        return self._fast(path, root, general, lambda v: exp.true())

    def _fast(self, path: ast.Path, root: exp.Expression, general: exp.Expression, test) -> exp.Expression:
        """For a path of keys, read the value with one JSON pointer; when it is a single scalar (no list
        on the way, none at the end) the test applies to it directly, else the general list code runs."""
        keys = [step.name for step in path.steps if isinstance(step, ast.Key)]
        if len(keys) != len(path.steps) or any(k.isdigit() or k == "-" for k in keys):
            return general
        pointer = "".join("/" + k.replace("~", "~0").replace("/", "~1") for k in keys)
        value = fn("json_extract", root, exp.Literal.string(pointer))
        scalar = exp.and_(exp.Not(this=exp.Is(this=value, expression=exp.Null())),
                          exp.Not(this=exp.Paren(this=exp.In(this=fn("json_type", value), expressions=[
                              exp.Literal.string("ARRAY"), exp.Literal.string("NULL")]))))
        if len(keys) == 1:  # a missing key of an object is no value; anything else takes the general code
            kind = exp.Coalesce(this=fn("json_type", value), expressions=[exp.Literal.string("MISSING")])
            simple = exp.and_(is_type(root, "OBJECT"), exp.NEQ(this=kind, expression=exp.Literal.string("ARRAY")))
            return exp.Case(ifs=[exp.If(this=exp.Paren(this=simple),
                                        true=exp.Paren(this=exp.and_(scalar, test(value))))], default=general)
        return exp.Case(ifs=[exp.If(this=exp.Paren(this=scalar), true=test(value))], default=general)

    def compare(self, path: ast.Path, op: str, literal: ast.Value, root: exp.Expression) -> exp.Expression:
        if op in ("ne", "ine"):
            return exp.Not(this=exp.Paren(this=self.compare(path, "eq" if op == "ne" else "ieq", literal, root)))
        if op == "in":
            if not literal.items:
                return exp.false()
            return exp.Paren(this=exp.or_(*(self.compare(path, "eq", item, root) for item in literal.items)))
        if isinstance(literal, ast.Null):
            if op in ("eq", "ieq"):
                return exp.Not(this=exp.Paren(this=self.exists(path, root)))
            return exp.false()
        return self.any_value(path, root, lambda v: value_condition(v, op, literal, self.fold, self.dialect))

    def condition(self, node: ast.Expr, root: exp.Expression) -> exp.Expression:
        if isinstance(node, ast.And):
            return exp.Paren(this=exp.and_(*(self.condition(o, root) for o in node.operands)))
        if isinstance(node, ast.Or):
            return exp.Paren(this=exp.or_(*(self.condition(o, root) for o in node.operands)))
        if isinstance(node, ast.Not):
            return exp.Not(this=exp.Paren(this=self.condition(node.operand, root)))
        if isinstance(node, ast.Exists):
            return self.exists(node.path, root)
        return self.compare(node.path, node.op, node.value, root)


def _root(layout: str, column: str) -> exp.Expression:
    if layout == "json":
        return exp.Cast(this=exp.column(column, quoted=True), to=exp.DataType.build("JSON"))
    if layout == "columns":  # the row (table alias ``column``) as one JSON document
        return fn("to_json", exp.column(column, quoted=True))
    raise UnsupportedError(f"unknown layout {layout!r}; choose one of {', '.join(LAYOUTS)}")


def to_sql_expression(condition: str | ast.Expr, dialect: str = "duckdb", layout: str = "json",
                      column: str = "record", case_insensitive: bool = False) -> exp.Expression:
    """The condition as a sqlglot boolean expression (see :func:`to_sql`)."""
    if dialect not in DIALECTS:
        raise UnsupportedError(f"dialect {dialect!r} cannot express the semantics of lists and JSON types "
                               f"yet; supported: {', '.join(DIALECTS)}")
    return _Builder(dialect, case_insensitive).condition(as_node(condition), _root(layout, column))


def to_sql(condition: str | ast.Expr, dialect: str = "duckdb", layout: str = "json", column: str = "record",
           *, case_insensitive: bool = False) -> str:
    """A boolean SQL expression for a WHERE clause, with the semantics of docs/semantics.md.

    ``layout="json"``: ``column`` holds each record as JSON; ``layout="columns"``: ``column`` is
    the table alias of typed columns (as read_json or Parquet produce), read as one JSON document.

    >>> sql = to_sql('KeyState eq "Enabled"')
    >>> sql.startswith("CASE WHEN (JSON_TYPE(CAST(") and "'/KeyState'" in sql
    True
    """
    return to_sql_expression(condition, dialect, layout, column, case_insensitive).sql(dialect=dialect)
