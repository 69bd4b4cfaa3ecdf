"""SQL for one JSON value against one literal: the value tests of semantics.py, in SQL.

Every function here returns a sqlglot expression that is TRUE or FALSE — never NULL — for a JSON
value ``v``.  It is the SQL twin of :mod:`condition_engine.semantics`; the differential tests run
both over generated conditions and documents and require the same answer.
"""
from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from typing import Any

from sqlglot import exp

from .. import ast
from ..errors import UnsupportedError
from ..semantics import FOLDING, json_number

JSON_NUMBER = r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?"
_IPV4_OCTET = r"(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
IPV4 = r"\.".join([_IPV4_OCTET] * 4)
_ORDER = {"gt": exp.GT, "ge": exp.GTE, "lt": exp.LT, "le": exp.LTE}


def lit(value: Any) -> exp.Expr:
    """A SQL literal for a Python string, number or boolean."""
    if isinstance(value, bool):
        return exp.Boolean(this=value)
    if isinstance(value, (int, float)):
        return exp.Literal.number(repr(float(value)) if isinstance(value, float) else str(value))
    return exp.Literal.string(value)


def _fold(text: exp.Expr, fold: bool) -> exp.Expr:
    return exp.Lower(this=text) if fold else text


def _numeric_string(d: Any, v: exp.Expr) -> exp.Expr:
    return exp.and_(d.is_kind(v, "STRING"), d.regex_full(d.text(v), JSON_NUMBER))


def _number(d: Any, v: exp.Expr) -> exp.Expr:
    return d.to_double(d.text(v))


_LARGEST = 1.7976931348623157e308


def _string_compare(d: Any, v: exp.Expr, compare: type, value: Any) -> exp.Expr:
    """A string holding a number, compared as that number: false when it is not a finite one (as in Python,
    where "1e400" is inf and so no number), and never NULL."""
    number = _number(d, v)
    finite = exp.Between(this=number, low=lit(-_LARGEST), high=lit(_LARGEST))
    test = exp.and_(finite, compare(this=number.copy(), expression=lit(value)))
    return exp.and_(_numeric_string(d, v), exp.Coalesce(this=test, expressions=[exp.false()]))


def equals(d: Any, v: exp.Expr, value: Any, fold: bool) -> exp.Expr:
    """``eq`` for one value (see semantics._equals)."""
    if isinstance(value, bool):
        word = "true" if value else "false"
        return exp.or_(exp.and_(d.is_kind(v, "BOOLEAN"), exp.EQ(this=d.text(v), expression=lit(word))),
                       exp.and_(d.is_kind(v, "STRING"), exp.EQ(this=exp.Lower(this=d.text(v)), expression=lit(word))))
    if isinstance(value, str):
        parts = [exp.and_(d.is_kind(v, "STRING"),
                          exp.EQ(this=_fold(d.text(v), fold), expression=lit(value.lower() if fold else value)))]
        if value.casefold() in ("true", "false"):
            parts.append(exp.and_(d.is_kind(v, "BOOLEAN"), exp.EQ(this=d.text(v), expression=lit(value.casefold()))))
        number = json_number(value)
        if number is not None:
            parts.append(exp.and_(d.is_kind(v, "NUMBER"), exp.EQ(this=_number(d, v), expression=lit(number))))
        return exp.or_(*parts)
    return exp.or_(exp.and_(d.is_kind(v, "NUMBER"), exp.EQ(this=_number(d, v), expression=lit(value))),
                   _string_compare(d, v, exp.EQ, value))


def ordering(d: Any, v: exp.Expr, op: str, value: Any, fold: bool) -> exp.Expr:
    """``gt``/``ge``/``lt``/``le`` for one value (see semantics._ordering)."""
    compare = _ORDER[op]
    if isinstance(value, bool) or value is None:
        return exp.false()
    if isinstance(value, str):
        parts = [exp.and_(d.is_kind(v, "STRING"), compare(this=_fold(d.text(v), fold),
                                                           expression=lit(value.lower() if fold else value)))]
        number = json_number(value)
        if number is not None:
            parts.append(exp.and_(d.is_kind(v, "NUMBER"), compare(this=_number(d, v), expression=lit(number))))
        return exp.or_(*parts)
    return exp.or_(exp.and_(d.is_kind(v, "NUMBER"), compare(this=_number(d, v), expression=lit(value))),
                   _string_compare(d, v, compare, value))


def glob_regex(pattern: str, end: str = "$", escape: Callable[[str], str] = re.escape) -> str:
    """A glob as a regular expression (RE2, Java and PostgreSQL alike) matching the whole string.

    >>> glob_regex("a*b?[!c]")
    '(?s)^a.*b.[^c]$'
    """
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        i += 1
        if c == "*":
            out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "[":
            j = i
            if j < len(pattern) and pattern[j] == "!":
                j += 1
            if j < len(pattern) and pattern[j] == "]":
                j += 1
            while j < len(pattern) and pattern[j] != "]":
                j += 1
            if j >= len(pattern):
                out.append(r"\[")
            else:
                body = pattern[i:j].replace("\\", r"\\")
                i = j + 1
                if body.startswith("!"):
                    body = "^" + body[1:]
                elif body.startswith("^"):
                    body = "\\" + body
                out.append(f"[{body}]")
        else:
            out.append(escape(c))
    return "(?s)^" + "".join(out) + end


def text_test(d: Any, v: exp.Expr, op: str, value: str, fold: bool) -> exp.Expr:
    """contains/startswith/endswith/matches/glob/cidr (and their i-forms) for one value."""
    base = op[1:] if op in FOLDING else op
    fold = fold or op in FOLDING
    text = d.text(v)
    string = d.is_kind(v, "STRING")
    if base == "matches":
        d.check_regex(value)
        return exp.and_(string, d.regex_search(text, value, fold))
    if base == "glob":
        return exp.and_(string, d.regex_full(text, d.glob_pattern(value), fold))
    if base == "cidr":
        network = ipaddress.ip_network(value, strict=False)
        if network.version != 4:
            raise UnsupportedError(f"cidr with the IPv6 network {value!r} cannot be expressed in {d.name}")
        number: exp.Expr | None = None
        for index, weight in zip(range(1, 5), (16777216, 65536, 256, 1)):
            octet = exp.Mul(this=d.octet(text, index), expression=exp.Literal.number(weight))
            number = octet if number is None else exp.Add(this=number, expression=octet)
        low, high = int(network.network_address), int(network.broadcast_address)
        return exp.and_(string, d.regex_full(text, IPV4),
                        exp.Between(this=number, low=exp.Literal.number(low), high=exp.Literal.number(high)))
    needle = lit(value.lower() if fold else value)
    subject = _fold(text, fold)
    call = {"contains": d.contains, "startswith": d.starts_with, "endswith": d.ends_with}[base]
    return exp.and_(string, call(subject, needle))


def value_condition(d: Any, v: exp.Expr, op: str, literal: ast.Value, fold: bool) -> exp.Expr:
    """The SQL test one JSON value must pass for ``op literal`` (positive operators only)."""
    assert not isinstance(literal, (ast.List, ast.FieldRef))  # `in` and field(…) are compared apart
    value = None if isinstance(literal, ast.Null) else literal.value
    fold = fold or op in FOLDING
    if op in ("eq", "ieq"):
        return equals(d, v, value, fold)
    if op in _ORDER:
        return ordering(d, v, op, value, fold)
    assert isinstance(value, str)  # the string operators take a string (check_operand)
    return text_test(d, v, op, value, fold)
