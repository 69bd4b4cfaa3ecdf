"""Which operand each operator takes, checked when a condition is built (parser and AST alike)."""
from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from typing import Any

try:  # RE2 decides which patterns `matches` accepts (google-re2, a core dependency)
    import re2 as _re2
except ImportError:  # pragma: no cover - a platform without google-re2 wheels
    _re2 = None

#: Operators that apply to strings only, and so take a string operand.
STRING_OPERATORS = frozenset({
    "contains", "startswith", "endswith", "matches", "glob", "cidr",
    "icontains", "istartswith", "iendswith", "imatches", "iglob",
})

#: Operators that take ``field(path)`` as operand: equality, ordering and the plain string tests.
#: Patterns and networks (matches, glob, cidr) are checked when a condition is parsed, so they stay
#: literals; ``in`` takes a list literal (``eq field(p)`` already tries every value of ``p``).
FIELD_OPERATORS = frozenset({
    "eq", "ne", "ieq", "ine", "gt", "ge", "lt", "le",
    "contains", "startswith", "endswith", "icontains", "istartswith", "iendswith",
})


class OperandError(ValueError):
    """The literal cannot be the operand of this operator (``code``: its error code, E101 unless said)."""

    def __init__(self, message: str, code: str = "E101") -> None:
        super().__init__(message)
        self.code = code


def check_operand(op: str, value: Any) -> None:
    """Raise OperandError when ``value`` (an AST literal) cannot follow ``op``.

    >>> check_operand("matches", type("S", (), {"kind": "string", "value": "a+"})())
    """
    kind = value.kind
    if kind == "field":
        if op not in FIELD_OPERATORS:
            raise OperandError(f"'{op}' takes a literal, not field(...); field(...) follows "
                               "eq, ne, ieq, ine, gt, ge, lt, le and the contains/startswith/endswith operators")
        return
    if op == "in":
        if kind != "list":
            raise OperandError("'in' takes a list such as [\"a\", \"b\"]")
        return
    if kind == "list":
        raise OperandError(f"'{op}' takes a single value; use 'in' to compare with a list")
    if op in STRING_OPERATORS and kind != "string":
        raise OperandError(f"'{op}' takes a string")
    if op in ("matches", "imatches"):
        check_pattern(value.value)
    elif op == "cidr":
        try:
            ipaddress.ip_network(value.value, strict=False)
        except ValueError as error:
            raise OperandError(f"invalid network: {error}") from None


def check_pattern(pattern: str) -> None:
    """Raise OperandError unless ``pattern`` is a regular expression RE2 runs (in time linear in the value).

    Backreferences, lookaround, ``\\Z``, atomic groups, possessive quantifiers and verbose mode need a
    backtracking engine, which one crafted value can keep busy for hours: they are refused (E103).

    >>> check_pattern("^(a+)+$")
    >>> check_pattern("a(?=b)")
    Traceback (most recent call last):
    ...
    condition_engine.operands.OperandError: regular expression 'a(?=b)' is not one RE2 runs (invalid perl operator: (?=); scans run patterns in linear time only: write it without lookaround, backreferences, \\Z (use \\z), atomic groups, possessive quantifiers or (?x)
    """
    problem = _pattern_problem(pattern)
    if problem is not None:
        raise OperandError(*problem)


@lru_cache(maxsize=4096)
def _pattern_problem(pattern: str) -> tuple[str, str] | None:
    """(message, code) of what is wrong with ``pattern``, or None: nodes are built often, patterns are few."""
    try:
        re.compile(pattern)
    except re.error as error:
        return f"invalid regular expression: {error}", "E101"
    if _re2 is None:  # pragma: no cover - without google-re2, Python's re runs every pattern
        return None
    options = _re2.Options()
    options.log_errors = False
    try:
        _re2.compile(pattern, options)
    except _re2.error as error:
        reason = error.args[0].decode("utf-8", "replace") if error.args and isinstance(error.args[0], bytes) \
            else str(error)
        return (f"regular expression {pattern!r} is not one RE2 runs ({reason}); scans run patterns in linear "
                "time only: write it without lookaround, backreferences, \\Z (use \\z), atomic groups, possessive "
                "quantifiers or (?x)", "E103")
    return None
