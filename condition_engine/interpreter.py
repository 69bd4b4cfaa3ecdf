"""The reference interpreter: a condition evaluated by walking its tree.

Simple enough to read as the semantics: paths come from :mod:`.paths`, comparisons from
:func:`.semantics.compare`.
"""
from __future__ import annotations

from typing import Any

from . import ast
from .parser import parse
from .paths import resolve
from .semantics import compare


def as_node(condition: str | ast.Expr) -> ast.Expr:
    """A parsed condition from text or an existing node."""
    return parse(condition) if condition.__class__ is str or isinstance(condition, str) else condition


def evaluate(condition: str | ast.Expr, data: Any, *, case_insensitive: bool = False) -> bool:
    """Evaluate a condition (text or node) over one JSON-like document.

    >>> evaluate('KeyRotationEnabled eq "True"', {"KeyRotationEnabled": True})
    True
    """
    return _evaluate(as_node(condition), data, case_insensitive)


def _evaluate(node: ast.Expr, data: Any, fold: bool) -> bool:
    kind = node.kind  # dispatch on the tag: isinstance() on pydantic models is slow
    if kind == "compare":
        return compare(node.op, node.value, values_of(node.path, data, fold), fold)
    if kind == "and":
        for operand in node.operands:
            if not _evaluate(operand, data, fold):
                return False
        return True
    if kind == "or":
        for operand in node.operands:
            if _evaluate(operand, data, fold):
                return True
        return False
    if kind == "not":
        return not _evaluate(node.operand, data, fold)
    if kind == "exists":
        return bool(values_of(node.path, data, fold))
    raise TypeError(f"not a condition node: {type(node).__name__}")


def values_of(path: ast.Path, data: Any, fold: bool = False) -> list[Any]:
    """The values a path yields in ``data`` (value filters evaluated by this interpreter)."""
    return resolve(path, data, _keep_folded if fold else _keep)


def _keep(step: ast.Filter, item: Any) -> bool:
    return _evaluate(step.condition, item, False)


def _keep_folded(step: ast.Filter, item: Any) -> bool:
    return _evaluate(step.condition, item, True)
