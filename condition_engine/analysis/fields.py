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

    Fields inside a value filter are reported relative to the filtered path: ``Tags[].Key``.  The field
    of ``field(path)`` is reported with ``OP field`` (``User eq field(Parent)``: Parent, ``eq field``).

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
    paths: list[tuple[ast.Path, str]] = [(node.path, op)]
    if isinstance(node, ast.Compare) and isinstance(node.value, ast.FieldRef):
        paths.append((node.value.path, f"{op} field"))  # the other field, read as the operand
    for path, use in paths:
        ops = uses.setdefault(prefix + path_text(path), [])
        if use not in ops:
            ops.append(use)
        for index, step in enumerate(path.steps):
            if isinstance(step, ast.Filter):
                outer = path_text(ast.Path(steps=path.steps[:index]))
                _collect(step.condition, f"{prefix}{outer}[].", uses)
