"""Negation normal form: ``not`` pushed down to predicates (De Morgan), shared by the interpreter
(which prepares conditions in this form) and the analyses.  Exact under docs/semantics.md."""
from __future__ import annotations

from . import ast
from .parser import parse

#: Operators whose negation is another operator (``not a eq 1`` is exactly ``a ne 1``).
TWIN: dict[str, ast.Operator] = {"eq": "ne", "ne": "eq", "ieq": "ine", "ine": "ieq"}


def negate(node: ast.Expr) -> ast.Expr:
    """The exact complement of a condition, with ``not`` pushed inward (De Morgan).

    >>> from condition_engine import parse, to_text
    >>> to_text(negate(parse('a eq 1 and b exists')))
    'a ne 1 or b eq null'
    """
    if isinstance(node, ast.Not):
        return to_nnf(node.operand)
    if isinstance(node, ast.And):
        return ast.Or(operands=tuple(negate(o) for o in node.operands))
    if isinstance(node, ast.Or):
        return ast.And(operands=tuple(negate(o) for o in node.operands))
    if isinstance(node, ast.Exists):
        return ast.Compare(path=node.path, op="eq", value=ast.Null(), span=node.span)
    if node.op in TWIN:
        return ast.Compare(path=node.path, op=TWIN[node.op], value=node.value, span=node.span)
    return ast.Not(operand=node, span=node.span)


def to_nnf(condition: str | ast.Expr) -> ast.Expr:
    """Negation normal form: ``not`` only directly on predicates that have no negated twin.

    >>> from condition_engine import to_text
    >>> to_text(to_nnf('not (Origin ne "AWS_KMS" or not a contains "x")'))
    'Origin eq "AWS_KMS" and a contains "x"'
    """
    node = parse(condition) if isinstance(condition, str) else condition
    if isinstance(node, ast.Not):
        return negate(node.operand)
    if isinstance(node, ast.And):
        return ast.And(operands=tuple(to_nnf(o) for o in node.operands), span=node.span)
    if isinstance(node, ast.Or):
        return ast.Or(operands=tuple(to_nnf(o) for o in node.operands), span=node.span)
    return node
