"""The reference interpreter: a condition evaluated by walking its tree.

The tree is walked once per condition into a small function per node — ``and`` stops at the first
false operand, ``not`` negates, a comparison reads its path's values (:mod:`.paths`) and applies the
comparison of :func:`.semantics.comparison` — and those functions then run for each document.  It
reads as the semantics: every rule it applies comes from ``semantics`` and ``paths``.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import ast
from .cache import as_node
from .negation import to_nnf
from .paths import key_path, resolve, values_at
from .references import reference_comparison
from .semantics import any_value, comparison, decision

Evaluator = Callable[[Any], bool]
#: Prepared conditions by id(node), one table per case_insensitive; each entry holds its node, so
#: the id cannot be reused while the entry exists.
_PREPARED: tuple[dict[int, tuple[ast.Expr, Evaluator]], ...] = ({}, {})
_PREPARED_LIMIT = 4096
#: The node, option and function of the last call: evaluating one condition over many documents
#: costs one identity check per document.  Replaced whole, so concurrent readers see a consistent entry.
_LAST: tuple[Any, Any, Any] = (None, None, None)


def evaluate(condition: str | ast.Expr, data: Any, *, case_insensitive: bool = False) -> bool:
    """Evaluate a condition (text or node) over one JSON-like document.

    >>> evaluate('KeyRotationEnabled eq "True"', {"KeyRotationEnabled": True})
    True
    """
    global _LAST
    last = _LAST
    if last[0] is condition and last[1] is case_insensitive:  # the same node (or text object) as last call
        return last[2](data)
    entry = _PREPARED[bool(case_insensitive)].get(id(condition))
    if entry is not None and entry[0] is condition:  # a node prepared before
        evaluator = entry[1]
    else:  # text is parsed once (cache.parsed), and its node prepared once
        evaluator = prepare(as_node(condition), case_insensitive)
    _LAST = (condition, case_insensitive, evaluator)  # text too: a str is immutable, so the same object
    return evaluator(data)                            # is the same condition


def prepare(node: ast.Expr, case_insensitive: bool = False) -> Evaluator:
    """The condition as a function of a document (walked once, then kept while the node lives).

    >>> prepare(as_node('a eq 1 and not b exists'))({"a": 1})
    True
    """
    table = _PREPARED[bool(case_insensitive)]
    entry = table.get(id(node))
    if entry is not None and entry[0] is node:
        return entry[1]
    if len(table) >= _PREPARED_LIMIT:
        table.clear()
    evaluator = _prepare(to_nnf(node), bool(case_insensitive))  # exact; leaves fewer nodes to call
    table[id(node)] = (node, evaluator)
    return evaluator


def _prepare(node: ast.Expr, fold: bool) -> Evaluator:
    # dispatch on the tag (isinstance() on pydantic models is slow); comparing it narrows the node's type
    if node.kind == "and":
        operands = [_prepare(operand, fold) for operand in node.operands]

        def all_hold(data: Any) -> bool:
            for operand in operands:  # noqa: SIM110 - a plain loop: faster than all() of a generator
                if not operand(data):
                    return False
            return True

        return all_hold
    if node.kind == "or":
        operands = [_prepare(operand, fold) for operand in node.operands]

        def any_holds(data: Any) -> bool:
            for operand in operands:  # noqa: SIM110 - a plain loop: faster than any() of a generator
                if operand(data):
                    return True
            return False

        return any_holds
    if node.kind == "not":
        operand = _prepare(node.operand, fold)
        return lambda data: not operand(data)
    values = path_values(node.path, fold)
    if node.kind == "exists":
        return lambda data: bool(values(data))
    if node.kind == "compare":
        if node.value.kind == "field":
            return reference_comparison(node.op, fold, values, path_values(node.value.path, fold))
        general = comparison(node.op, node.value, fold, values)
        keys = key_path(node.path)
        if keys is None or len(keys) != 1 or node.op == "in" or node.value.kind == "null":
            return general
        return _one_key(keys[0], *decision(node.op, node.value, fold), general)
    raise TypeError(f"not a condition node: {type(node).__name__}")


def _one_key(key: str, test: Callable[[Any], bool], found: bool, general: Evaluator) -> Evaluator:
    """:func:`.semantics.comparison` on a one-key path with the value fetched inline (the common case)."""
    missed = not found

    def decide(data: Any) -> bool:
        if data.__class__ is not dict:
            return general(data)
        value = data.get(key)
        if value is None:
            return missed
        if value.__class__ is list:
            return found if any_value(test, value) else missed
        return found if test(value) else missed

    return decide


def path_values(path: ast.Path, fold: bool = False) -> Callable[[Any], Any]:
    """A function giving the values ``path`` yields in a document (value filters evaluated here)."""
    keys = key_path(path)
    if keys is not None:
        return values_at(keys)
    return lambda data: resolve(path, data, _keep_folded if fold else _keep)


def values_of(path: ast.Path, data: Any, fold: bool = False) -> list[Any]:
    """The values a path yields in ``data``."""
    return list(path_values(path, fold)(data))


def _keep(step: ast.Filter, item: Any) -> bool:
    return prepare(step.condition, False)(item)


def _keep_folded(step: ast.Filter, item: Any) -> bool:
    return prepare(step.condition, True)(item)
