"""Why a condition is true or false for a document: the tree with each node's result and values."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from . import ast
from .interpreter import as_node, values_of
from .references import compare_references
from .render import path_text, to_text
from .semantics import compare


@dataclass(frozen=True)
class Explanation:
    """One node's result; predicates carry the values their path yielded (and a comparison with
    ``field(path)`` the values of that path, in ``others``)."""

    node: ast.Expr
    result: bool
    values: tuple[Any, ...] | None = None
    children: tuple[Explanation, ...] = field(default_factory=tuple)
    others: tuple[Any, ...] | None = None

    def deciding(self) -> tuple[Explanation, ...]:
        """The children that decided this node's result (all of them for `not`)."""
        if isinstance(self.node, (ast.And, ast.Or)):
            return tuple(child for child in self.children if child.result == self.result)
        return self.children

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form: condition text, result, values and children."""
        out: dict[str, Any] = {"condition": to_text(self.node), "result": self.result}
        if self.values is not None:
            out["values"] = list(self.values)
        if self.others is not None:
            out["other_values"] = list(self.others)
        if self.children:
            out["children"] = [child.to_dict() for child in self.children]
        return out

    def __str__(self) -> str:
        return "\n".join(self._lines(""))

    def _lines(self, indent: str) -> list[str]:
        verdict = "true" if self.result else "false"
        if isinstance(self.node, (ast.And, ast.Or, ast.Not)):
            head = {ast.And: "and", ast.Or: "or", ast.Not: "not"}[type(self.node)]
            lines = [f"{indent}{head} → {verdict}"]
            for child in self.children:
                marker = "*" if child in self.deciding() else " "
                lines.extend(child._lines(indent + f"  {marker} ")[:1])
                lines.extend(child._lines(indent + "    ")[1:])
            return lines
        return [f"{indent}{to_text(self.node)} → {verdict} ({self._values_text()})"]

    def _values_text(self) -> str:
        node = self.node
        assert isinstance(node, (ast.Compare, ast.Exists))  # a predicate's explanation
        text = _shown(path_text(node.path), self.values)
        if self.others is not None:
            assert isinstance(node, ast.Compare) and isinstance(node.value, ast.FieldRef)  # others: field(path)'s
            text += ", " + _shown(path_text(node.value.path), self.others)
        return text


def _shown(path: str, values: tuple[Any, ...] | None) -> str:
    if not values:
        return f"{path} has no value"
    shown = [json.dumps(v, ensure_ascii=False, default=str) for v in values[:5]]
    more = f", … {len(values) - 5} more" if len(values) > 5 else ""
    if len(values) == 1:
        return f"{path} = {shown[0]}"
    return f"{path} = [{', '.join(shown)}{more}]"


def explain(condition: str | ast.Expr, data: Any, *, case_insensitive: bool = False) -> Explanation:
    """Evaluate with the reference interpreter and keep every node's result and values.

    >>> print(explain('KeyManager ne "CUSTOMER"', {"KeyManager": "CUSTOMER"}))
    KeyManager ne "CUSTOMER" → false (KeyManager = "CUSTOMER")
    """
    return _explain(as_node(condition), data, case_insensitive)


def _explain(node: ast.Expr, data: Any, fold: bool) -> Explanation:
    if isinstance(node, (ast.And, ast.Or)):
        children = tuple(_explain(child, data, fold) for child in node.operands)
        results = [child.result for child in children]
        return Explanation(node, all(results) if isinstance(node, ast.And) else any(results),
                           children=children)
    if isinstance(node, ast.Not):
        child = _explain(node.operand, data, fold)
        return Explanation(node, not child.result, children=(child,))
    values = values_of(node.path, data, fold)
    if isinstance(node, ast.Exists):
        return Explanation(node, bool(values), tuple(values))
    if node.value.kind == "field":
        others = values_of(node.value.path, data, fold)
        return Explanation(node, compare_references(node.op, values, others, fold), tuple(values),
                           others=tuple(others))
    return Explanation(node, compare(node.op, node.value, values, fold), tuple(values))
