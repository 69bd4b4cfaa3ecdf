"""Which fields a condition reads, and with which operators."""
from __future__ import annotations

from dataclasses import dataclass

from .. import ast
from ..interpreter import as_node
from ..render import path_text


@dataclass(frozen=True)
class FieldUse:
    """A field path and the operators applied to it (``exists`` for existence tests)."""

    path: str
    operators: tuple[str, ...]


def fields(condition: str | ast.Expr) -> tuple[FieldUse, ...]:
    """Every field path a condition references, in order of appearance, with its operators.

    Fields inside a value filter are reported relative to the filtered path: ``Tags[].Key``.

    >>> [(f.path, f.operators) for f in fields('a eq 1 and not a exists and Tags[Key eq "x"]')]
    [('a', ('eq', 'exists')), ('Tags[Key eq "x"]', ('exists',)), ('Tags[].Key', ('eq',))]
    """
    uses: dict[str, list[str]] = {}
    _collect(as_node(condition), "", uses)
    return tuple(FieldUse(path, tuple(ops)) for path, ops in uses.items())


def _collect(node: ast.Expr, prefix: str, uses: dict[str, list[str]]) -> None:
    if isinstance(node, (ast.And, ast.Or)):
        for operand in node.operands:
            _collect(operand, prefix, uses)
        return
    if isinstance(node, ast.Not):
        _collect(node.operand, prefix, uses)
        return
    op = "exists" if isinstance(node, ast.Exists) else node.op
    ops = uses.setdefault(prefix + path_text(node.path), [])
    if op not in ops:
        ops.append(op)
    for index, step in enumerate(node.path.steps):
        if isinstance(step, ast.Filter):
            outer = path_text(ast.Path(steps=node.path.steps[:index]))
            _collect(step.condition, f"{prefix}{outer}[].", uses)
