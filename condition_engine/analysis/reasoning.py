"""Reasoning about two predicates on the same field, over the values they admit.

Both functions assume the field holds one value (not a list — with a list, ``a eq 1 and a eq 2``
can hold); lint findings built on them say so.  They use the value tests of ``semantics`` so that
the reasoning follows the same rules as evaluation.
"""
from __future__ import annotations

from .. import ast
from ..semantics import value_test
from .leaves import predicate_of
from .normal_forms import negate

_ORDERING = ("gt", "ge", "lt", "le")


def same_field(p: ast.Expr, q: ast.Expr) -> bool:
    """Whether two leaves test the same path."""
    return predicate_of(p).path == predicate_of(q).path


def _admits_value(leaf: ast.Expr) -> bool:
    """Whether a leaf can only be true when the field has a value."""
    if isinstance(leaf, ast.Exists):
        return True
    if isinstance(leaf, ast.Compare):
        if leaf.op in ("ne", "ine"):
            return isinstance(leaf.value, ast.Null)
        if leaf.op == "in":
            assert isinstance(leaf.value, ast.List)  # the operand of `in` (check_operand)
            return not any(isinstance(i, ast.Null) for i in leaf.value.items)
        return not isinstance(leaf.value, ast.Null)
    return False


def requires_value(leaf: ast.Expr) -> bool:
    """True when the leaf holds only for documents in which its field has a value.

    >>> from condition_engine import parse
    >>> requires_value(parse('a eq 1')), requires_value(parse('a ne 1'))
    (True, False)
    """
    return _admits_value(leaf)


def _point(leaf: ast.Expr) -> ast.String | ast.Number | ast.Boolean | None:
    """The single literal a leaf pins the value to (``eq x``, ``in [x]``), else None."""
    # eq and ieq take one value: a literal other than null, or field(…) (check_operand)
    if isinstance(leaf, ast.Compare) and leaf.op in ("eq", "ieq") and isinstance(
            leaf.value, (ast.String, ast.Number, ast.Boolean)):
        return leaf.value
    return None


def _passes(value: ast.String | ast.Number | ast.Boolean, leaf: ast.Expr) -> bool | None:
    """Whether the value of literal ``value`` satisfies ``leaf`` (None when unknown)."""
    raw = value.value
    if isinstance(leaf, ast.Exists):
        return True
    if isinstance(leaf, ast.Not):
        inner = _passes(value, leaf.operand)
        return None if inner is None else not inner
    assert isinstance(leaf, ast.Compare)  # a leaf: a predicate or a negated one
    if isinstance(leaf.value, ast.FieldRef):  # depends on the other field: unknown
        return None
    if leaf.op in ("ne", "ine"):
        if isinstance(leaf.value, ast.Null):
            return True
        return not value_test("eq" if leaf.op == "ne" else "ieq", leaf.value).function(raw)
    if leaf.op == "in":
        assert isinstance(leaf.value, ast.List)  # the operand of `in` (check_operand)
        return any(not isinstance(i, ast.Null) and value_test("eq", i).function(raw) for i in leaf.value.items)
    if isinstance(leaf.value, ast.Null):
        return False
    return value_test(leaf.op, leaf.value).function(raw)


def disjoint(p: ast.Expr, q: ast.Expr) -> bool:
    """True when two leaves on the same field cannot both hold for one value.

    >>> from condition_engine import parse
    >>> disjoint(parse('a eq 1'), parse('a eq 2')), disjoint(parse('a exists'), parse('a eq null'))
    (True, True)
    >>> disjoint(parse('a startswith "x"'), parse('a contains "y"'))
    False
    """
    if not same_field(p, q):
        return False
    if negate(p) == q:
        return True
    if _admits_value(p) and _is_no_value(q) or _admits_value(q) and _is_no_value(p):
        return True
    for a, b in ((p, q), (q, p)):
        point = _point(a)
        if point is not None and _passes(point, b) is False:
            return True
    x, y = _prefix(p), _prefix(q)
    if x is not None and y is not None:
        return not (x.startswith(y) or y.startswith(x))
    return _empty_range(p, q)


def implies(p: ast.Expr, q: ast.Expr) -> bool:
    """True when ``p`` holding means ``q`` holds (same field, one value).

    >>> from condition_engine import parse
    >>> implies(parse('a eq "Admin"'), parse('a startswith "Ad"')), implies(parse('a gt 5'), parse('a gt 1'))
    (True, True)
    """
    if not same_field(p, q):
        return False
    if p == q:
        return True
    if isinstance(q, ast.Exists) and _admits_value(p):
        return True
    point = _point(p)
    if point is not None:
        return _passes(point, q) is True
    x, y = _prefix(p), _prefix(q)
    if x is not None and y is not None:
        return x.startswith(y)
    p_bound, q_bound = _bound(p), _bound(q)
    if p_bound is not None and q_bound is not None and p_bound[0][0] == q_bound[0][0]:  # same direction
        (op, a), (_, b) = p_bound, q_bound  # gt/ge vs gt/ge, lt/le vs lt/le
        return a > b if op[0] == "g" else a < b
    return False


def _prefix(leaf: ast.Expr) -> str | None:
    """The string of a ``startswith "x"`` leaf, else None."""
    if isinstance(leaf, ast.Compare) and leaf.op == "startswith" and isinstance(leaf.value, ast.String):
        return leaf.value.value
    return None


def _is_no_value(leaf: ast.Expr) -> bool:
    return isinstance(leaf, ast.Compare) and leaf.op in ("eq", "ieq") and isinstance(leaf.value, ast.Null)


def _bound(leaf: ast.Expr) -> tuple[str, int | float] | None:
    """The operator and number of an ordering leaf (``gt 5``), else None."""
    if isinstance(leaf, ast.Compare) and leaf.op in _ORDERING and isinstance(leaf.value, ast.Number):
        return leaf.op, leaf.value.value
    return None


def _empty_range(p: ast.Expr, q: ast.Expr) -> bool:
    p_bound, q_bound = _bound(p), _bound(q)
    if p_bound is None or q_bound is None or p_bound[0][0] == q_bound[0][0]:
        return False
    (low_op, a), (high_op, b) = (p_bound, q_bound) if p_bound[0][0] == "g" else (q_bound, p_bound)
    if low_op == "ge" and high_op == "le":
        return a > b
    return a >= b
