"""Conditions over fields extracted once per record as typed scalar columns: a large pack's SQL in DuckDB.

A Windows event is flat: the fields a rule reads are strings, numbers or booleans at the top level.  For
such records the compiler's one-lookup fast path is the whole story — a path yields its one value, or
nothing — so a batch of rules can read each field once per record as three columns (its JSON type, its
text, its lower-cased text) and test them with the same value tests as every other SQL
(:func:`.values.value_condition`, :func:`.references.pair`), without the general code for lists.

Which records that holds for is known per record: a record whose root is an array, or where a field the
batch reads (or an object on its way) is an array, is flagged ``odd`` (:meth:`ScalarFields.odd`) and must be
evaluated otherwise (the DuckDB engine hands it to the Python engine's rules).  Paths that are not keys
only (indices, value filters) read the record with the general code.
"""
from __future__ import annotations

from typing import Any

from sqlglot import exp

from .. import ast
from ..interpreter import as_node
from .compiler import _ARRAY_STEP, KeyLookups, _Builder
from .dialects import fn
from .dialects.duckdb import DuckDB
from .references import pair

#: The type column of a field the record does not have (never NULL, so that every test is TRUE or FALSE).
MISSING = "MISSING"
#: A placeholder for the value of extracted field i: ``ce_v{i}`` (the dialect reads its columns instead).
PLACEHOLDER = "ce_v"


class ScalarFields:
    """The keys-only paths a batch of rules reads, each extracted once per record (in ``lookups``) as the
    columns ``ce_k{i}`` (JSON type), ``ce_s{i}`` (text) and ``ce_l{i}`` (lower-cased text)."""

    def __init__(self) -> None:
        self.lookups = KeyLookups("ce_values")
        self.lowered: set[int] = set()
        self.strings: set[int] = set()

    def value(self, keys: tuple[str, ...]) -> exp.Column:
        """The placeholder for the value at ``keys`` (its prefixes are extracted too, for :meth:`odd`)."""
        for length in range(1, len(keys)):
            self.lookups.value(keys[:length])
        self.lookups.value(keys)
        return exp.column(f"{PLACEHOLDER}{self.lookups.paths.index(keys)}")

    def columns(self) -> list[exp.Expr]:
        """Every field's columns, from the extracted list ``ce_values``."""
        out: list[exp.Expr] = []
        for i in range(len(self.lookups.paths)):
            value = fn("list_extract", exp.column(self.lookups.column), exp.Literal.number(i + 1))
            text = fn("json_extract_string", value.copy(), exp.Literal.string("$"))
            kind = exp.Coalesce(this=fn("json_type", value), expressions=[exp.Literal.string(MISSING)])
            out += [exp.alias_(kind, f"ce_k{i}"), exp.alias_(text, f"ce_s{i}")]
            if i in self.strings:
                string = exp.EQ(this=fn("json_type", value.copy()), expression=exp.Literal.string("VARCHAR"))
                out.append(exp.alias_(exp.Coalesce(this=string, expressions=[exp.false()]), f"ce_t{i}"))
            if i in self.lowered:
                out.append(exp.alias_(exp.Lower(this=text.copy()), f"ce_l{i}"))
        return out

    def odd(self, root_listed: exp.Expr) -> exp.Expr:
        """Whether a record must not be read with the scalar tests: ``root_listed`` (its root is an array), or
        some extracted value is an array."""
        arrays = [exp.EQ(this=exp.column(f"ce_k{i}"), expression=exp.Literal.string("ARRAY"))
                  for i in range(len(self.lookups.paths))]
        return exp.or_(root_listed, *arrays, copy=False)


class _ScalarDuckDB(DuckDB):
    """DuckDB, reading a placeholder's type and text from its extracted columns."""

    @staticmethod
    def _field(v: exp.Expr) -> str | None:
        if isinstance(v, exp.Column) and v.name.startswith(PLACEHOLDER) and not v.table:
            return v.name[len(PLACEHOLDER):]
        return None

    def __init__(self, fields: ScalarFields) -> None:
        self.fields = fields

    def is_kind(self, v: exp.Expr, *kinds: str) -> exp.Expr:
        field = self._field(v)
        if field is None:
            return super().is_kind(v, *kinds)
        if kinds == ("STRING",):  # the usual test: a column of its own
            self.fields.strings.add(int(field))
            return exp.column(f"ce_t{field}")
        names = [exp.Literal.string(n) for kind in kinds for n in self._TYPES[kind]]
        column = exp.column(f"ce_k{field}")
        return exp.EQ(this=column, expression=names[0]) if len(names) == 1 else exp.In(this=column, expressions=names)

    def not_null_kind(self, v: exp.Expr) -> exp.Expr:
        field = self._field(v)
        if field is None:
            return super().not_null_kind(v)
        return exp.Not(this=exp.In(this=exp.column(f"ce_k{field}"),
                                   expressions=[exp.Literal.string(MISSING), exp.Literal.string("NULL")]))

    def text(self, v: exp.Expr) -> exp.Expr:
        field = self._field(v)
        return super().text(v) if field is None else exp.column(f"ce_s{field}")


class _ScalarBuilder(_Builder):
    """The compiler's builder, keys-only paths of the record read as one scalar value (or none)."""

    def __init__(self, fields: ScalarFields, fold: bool) -> None:
        super().__init__(_ScalarDuckDB(fields), fold)
        self.fields = fields

    def _scalar(self, path: ast.Path, root: exp.Expr) -> exp.Column | None:
        if root is not self.record or not all(isinstance(step, ast.Key) for step in path.steps):
            return None
        keys = tuple(step.name for step in path.steps if isinstance(step, ast.Key))
        if any(_ARRAY_STEP.fullmatch(k) for k in keys):
            return None
        return self.fields.value(keys)

    def any_value(self, path: ast.Path, root: exp.Expr, test: Any) -> exp.Expr:
        value = self._scalar(path, root)
        if value is None:
            return super().any_value(path, root, test)
        return exp.Paren(this=test(value))  # every value test asks for a string, number or boolean

    def exists(self, path: ast.Path, root: exp.Expr) -> exp.Expr:
        value = self._scalar(path, root)
        return super().exists(path, root) if value is None else exp.Paren(this=self.d.not_null_kind(value))

    def reference(self, path: ast.Path, op: str, other: ast.Path, root: exp.Expr) -> exp.Expr:
        x, y = self._scalar(path, root), self._scalar(other, root)
        if x is None or y is None:
            return super().reference(path, op, other, root)
        d = self.d
        return exp.Paren(this=pair(d, x, y, op, self.fold))  # which asks for strings, numbers or booleans

    def condition(self, node: ast.Expr, root: exp.Expr) -> exp.Expr:
        """As the compiler's, without copying the operands (each is built here, for this tree alone)."""
        if isinstance(node, (ast.And, ast.Or)):
            join = exp.and_ if isinstance(node, ast.And) else exp.or_
            return exp.Paren(this=join(*(self.condition(o, root) for o in node.operands), copy=False))
        if isinstance(node, ast.Not):
            return exp.Not(this=exp.Paren(this=self.condition(node.operand, root)))
        return super().condition(node, root)


def scalar_condition(condition: str | ast.Expr, fields: ScalarFields, column: str = "record",
                     case_insensitive: bool = False) -> exp.Expr:
    """The condition as DuckDB SQL over ``fields``' columns (keys-only paths) and the JSON ``column`` (others),
    true or false for every record :meth:`ScalarFields.odd` does not flag.

    >>> fields = ScalarFields()
    >>> scalar_condition('Image iendswith "cmd.exe"', fields).sql(dialect="duckdb")
    "(ce_t0 AND ENDS_WITH(ce_l0, 'cmd.exe'))"
    """
    builder = _ScalarBuilder(fields, case_insensitive)
    builder.record = builder.d.root(column, "json")
    tree = builder.condition(as_node(condition), builder.record)

    def lowered(node: exp.Expr) -> exp.Expr:
        if isinstance(node, exp.Lower) and isinstance(node.this, exp.Column) and node.this.name.startswith("ce_s"):
            index = int(node.this.name[4:])
            fields.lowered.add(index)
            return exp.column(f"ce_l{index}")
        return node

    return tree.transform(lowered, copy=False)
