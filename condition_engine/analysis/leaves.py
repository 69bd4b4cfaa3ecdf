"""Leaves of a condition in negation normal form: their field, kind and values as tables show them."""
from __future__ import annotations

import json
from typing import Any

from .. import ast
from ..render import path_text

#: Kind order for tables: docs/language.md's operator table, then exists, then negated kinds.
KIND_ORDER: tuple[str, ...] = ast.OPERATORS + ("exists",)


def kind_of(leaf: ast.Expr) -> str:
    """The kind of an NNF leaf: its operator, ``exists``, ``OP field`` for a comparison with another
    field, or ``not OP`` for a negated one.

    >>> from condition_engine import parse
    >>> kind_of(parse('a eq 1')), kind_of(parse('not a contains "x"')), kind_of(parse('a ne field(b)'))
    ('eq', 'not contains', 'ne field')
    """
    if isinstance(leaf, ast.Not):
        return "not " + kind_of(leaf.operand)
    if isinstance(leaf, ast.Exists):
        return "exists"
    assert isinstance(leaf, ast.Compare)  # an NNF leaf: and/or are not leaves
    if isinstance(leaf.value, ast.FieldRef):  # a row of its own: the value is the other field
        return f"{leaf.op} field"
    return leaf.op


def kind_rank(kind: str) -> tuple[int, int]:
    """Sort key of a kind: positive kinds in operator-table order, then negated ones."""
    negated = kind.startswith("not ")
    base = kind[4:] if negated else kind
    reference = base.endswith(" field")  # `eq field` right after `eq`
    base = base[:-6] if reference else base
    return (int(negated), 2 * (KIND_ORDER.index(base) if base in KIND_ORDER else len(KIND_ORDER)) + reference)


def predicate_of(leaf: ast.Expr) -> ast.Predicate:
    """The predicate under a leaf's ``not`` (or the leaf itself)."""
    predicate = leaf.operand if isinstance(leaf, ast.Not) else leaf
    assert isinstance(predicate, (ast.Compare, ast.Exists))  # an NNF leaf: and/or are not leaves
    return predicate


def field_of(leaf: ast.Expr) -> str:
    """The field path of a leaf, as written in a condition."""
    return path_text(predicate_of(leaf).path)


def values_of(leaf: ast.Expr) -> tuple[Any, ...]:
    """The literal values a leaf names (``in`` lists contribute their members; exists none; a comparison
    with another field names that field's path)."""
    predicate = predicate_of(leaf)
    if isinstance(predicate, ast.Exists):
        return ()
    if isinstance(predicate.value, ast.FieldRef):
        return (path_text(predicate.value.path),)
    if isinstance(predicate.value, ast.List):
        return tuple(_python(item) for item in predicate.value.items)
    return (_python(predicate.value),)


def _python(literal: ast.Scalar) -> Any:
    return None if isinstance(literal, ast.Null) else literal.value


def value_text(value: Any) -> str:
    """A value as tables print it: strings as written without quotes (quoted only when empty or when
    they hold a comma, a pipe or surrounding spaces), other values as JSON.

    >>> value_text("True"), value_text(True), value_text(None), value_text("a, b"), value_text(2.8)
    ('True', 'true', 'null', '"a, b"', '2.8')
    """
    if isinstance(value, str):
        if value == "" or "," in value or "|" in value or value != value.strip():
            return json.dumps(value, ensure_ascii=False)
        return value
    return json.dumps(value)
