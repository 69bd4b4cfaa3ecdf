"""Which operand each operator takes, checked when a condition is built (parser and AST alike)."""
from __future__ import annotations

import ipaddress
import re
from typing import Any

#: Operators that apply to strings only, and so take a string operand.
STRING_OPERATORS = frozenset({
    "contains", "startswith", "endswith", "matches", "glob", "cidr",
    "icontains", "istartswith", "iendswith", "imatches", "iglob",
})


class OperandError(ValueError):
    """The literal cannot be the operand of this operator."""


def check_operand(op: str, value: Any) -> None:
    """Raise OperandError when ``value`` (an AST literal) cannot follow ``op``.

    >>> check_operand("matches", type("S", (), {"kind": "string", "value": "a+"})())
    """
    kind = value.kind
    if op == "in":
        if kind != "list":
            raise OperandError("'in' takes a list such as [\"a\", \"b\"]")
        return
    if kind == "list":
        raise OperandError(f"'{op}' takes a single value; use 'in' to compare with a list")
    if op in STRING_OPERATORS and kind != "string":
        raise OperandError(f"'{op}' takes a string")
    if op in ("matches", "imatches"):
        try:
            re.compile(value.value)
        except re.error as error:
            raise OperandError(f"invalid regular expression: {error}") from None
    elif op == "cidr":
        try:
            ipaddress.ip_network(value.value, strict=False)
        except ValueError as error:
            raise OperandError(f"invalid network: {error}") from None
