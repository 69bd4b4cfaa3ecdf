"""Normal forms and simplification: pure functions from condition to condition.

Every function here preserves meaning under docs/semantics.md (hypothesis checks it):
``evaluate(f(c), d) == evaluate(c, d)`` for every condition and document.
"""
from __future__ import annotations

from itertools import product

from .. import ast
from ..errors import ConditionError
from ..interpreter import as_node
from ..negation import TWIN, negate, to_nnf  # noqa: F401 - re-exported

#: Largest number of clauses to_dnf builds before it refuses.
DNF_LIMIT = 1024


def dnf_clauses(condition: str | ast.Expr, limit: int = DNF_LIMIT) -> list[tuple[ast.Expr, ...]]:
    """The clauses of the disjunctive normal form: each a tuple of NNF leaves, AND-ed.

    >>> from condition_engine import parse
    >>> len(dnf_clauses(parse('(a eq 1 or b eq 2) and c eq 3')))
    2
    """
    def clauses(node: ast.Expr) -> list[tuple[ast.Expr, ...]]:
        if isinstance(node, ast.Or):
            out: list[tuple[ast.Expr, ...]] = []
            for operand in node.operands:
                out.extend(clauses(operand))
                _check(len(out))
            return out
        if isinstance(node, ast.And):
            out = [()]
            for operand in node.operands:
                parts = clauses(operand)
                _check(len(out) * len(parts))
                out = [left + right for left, right in product(out, parts)]
            return out
        return [(node,)]

    def _check(size: int) -> None:
        if size > limit:
            raise ConditionError(f"the disjunctive normal form would have more than {limit} clauses",
                                 code="E401")

    return [_dedupe(clause) for clause in clauses(to_nnf(condition))]


def _dedupe(items: tuple[ast.Expr, ...]) -> tuple[ast.Expr, ...]:
    return tuple(dict.fromkeys(items))


def to_dnf(condition: str | ast.Expr, limit: int = DNF_LIMIT) -> ast.Expr:
    """Disjunctive normal form: an ``or`` of ``and`` groups of NNF leaves.

    Raises ConditionError (E401) when it would have more than ``limit`` clauses.

    >>> from condition_engine import to_text
    >>> to_text(to_dnf('(a eq 1 or b eq 2) and c eq 3'))
    '(a eq 1 and c eq 3) or (b eq 2 and c eq 3)'
    """
    groups = [_join(ast.And, clause) for clause in dnf_clauses(condition, limit)]
    return _join(ast.Or, tuple(dict.fromkeys(groups)))


def _join(cls: type, operands: tuple[ast.Expr, ...]) -> ast.Expr:
    return operands[0] if len(operands) == 1 else cls(operands=operands)


def always(node: ast.Expr) -> bool | None:
    """True/False when a predicate has that value for every document, else None.

    >>> from condition_engine import parse
    >>> always(parse('a in []')), always(parse('a gt true')), always(parse('a eq 1'))
    (False, False, None)
    """
    if isinstance(node, ast.Not):
        inner = always(node.operand)
        return None if inner is None else not inner
    if isinstance(node, ast.Compare):
        if node.op == "in" and isinstance(node.value, ast.List) and not node.value.items:  # `in` takes a list
            return False
        if node.op in ("gt", "ge", "lt", "le") and isinstance(node.value, (ast.Null, ast.Boolean)):
            return False
    return None


def simplify(condition: str | ast.Expr) -> ast.Expr:
    """Flatten, drop duplicates, fold always-true/false predicates, apply absorption, drop ``not not``.

    >>> from condition_engine import to_text
    >>> to_text(simplify('a eq 1 or (a eq 1 and b eq 2) or not not a eq 1'))
    'a eq 1'
    """
    node = as_node(condition)
    if isinstance(node, ast.Not):
        inner = simplify(node.operand)
        if isinstance(inner, ast.Not):
            return inner.operand
        return ast.Not(operand=inner, span=node.span)
    if not isinstance(node, (ast.And, ast.Or)):
        return node
    cls, absorbing = type(node), isinstance(node, ast.And)
    operands = [simplify(o) for o in node.operands]
    # an always-false operand decides an `and`, an always-true one an `or`; the others drop out
    deciding = [o for o in operands if always(o) is (not absorbing)]
    if deciding:
        return deciding[0]
    operands = list(dict.fromkeys(o for o in operands if always(o) is None)) or operands[:1]
    # absorption: A and (A or B) == A; A or (A and B) == A
    dual = ast.Or if absorbing else ast.And
    kept = [o for o in operands
            if not (isinstance(o, dual) and any(other in o.operands for other in operands if other is not o))]
    kept = kept or operands
    return kept[0] if len(kept) == 1 else cls(operands=tuple(kept), span=node.span)
