"""SQL for one JSON value against one literal: the value tests of semantics.py, in SQL.

Every function here returns a sqlglot expression that is TRUE or FALSE — never NULL — for a JSON
value ``v``.  It is the SQL twin of :mod:`condition_engine.semantics`; the differential tests run
both over generated conditions and documents and require the same answer.
"""
from __future__ import annotations

import ipaddress
import re
from typing import Any

from sqlglot import exp

from .. import ast
from ..errors import UnsupportedError
from ..semantics import FOLDING, json_number

JSON_NUMBER = r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?"
_IPV4_OCTET = r"(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
IPV4 = r"\.".join([_IPV4_OCTET] * 4)
NUMBER_TYPES = ("BIGINT", "UBIGINT", "DOUBLE", "HUGEINT")
_ORDER = {"gt": exp.GT, "ge": exp.GTE, "lt": exp.LT, "le": exp.LTE}


def fn(name: str, *args: exp.Expression) -> exp.Expression:
    """A function call by name."""
    return exp.Anonymous(this=name, expressions=list(args))


def lit(value: Any) -> exp.Expression:
    """A SQL literal for a Python string, number or boolean."""
    if isinstance(value, bool):
        return exp.Boolean(this=value)
    if isinstance(value, (int, float)):
        return exp.Literal.number(repr(float(value)) if isinstance(value, float) else str(value))
    return exp.Literal.string(value)


def json_type(v: exp.Expression) -> exp.Expression:
    return fn("json_type", v)


def text_of(v: exp.Expression) -> exp.Expression:
    """The scalar's text: a string's content, ``true``/``false``, a number's digits."""
    return fn("json_extract_string", v, exp.Literal.string("$"))


def is_type(v: exp.Expression, *names: str) -> exp.Expression:
    kind = json_type(v)
    if len(names) == 1:
        return exp.EQ(this=kind, expression=exp.Literal.string(names[0]))
    return exp.In(this=kind, expressions=[exp.Literal.string(n) for n in names])


def number_of(v: exp.Expression) -> exp.Expression:
    return exp.TryCast(this=text_of(v), to=exp.DataType.build("DOUBLE"))


def full_match(text: exp.Expression, pattern: str) -> exp.Expression:
    return fn("regexp_full_match", text, exp.Literal.string(pattern))


def _fold(text: exp.Expression, fold: bool) -> exp.Expression:
    return exp.Lower(this=text) if fold else text


def _numeric_string(v: exp.Expression) -> exp.Expression:
    return exp.and_(is_type(v, "VARCHAR"), full_match(text_of(v), JSON_NUMBER))


def equals(v: exp.Expression, value: Any, fold: bool) -> exp.Expression:
    """``eq`` for one value (see semantics._equals)."""
    if isinstance(value, bool):
        word = "true" if value else "false"
        return exp.or_(exp.and_(is_type(v, "BOOLEAN"), exp.EQ(this=text_of(v), expression=lit(word))),
                       exp.and_(is_type(v, "VARCHAR"), exp.EQ(this=exp.Lower(this=text_of(v)), expression=lit(word))))
    if isinstance(value, str):
        parts = [exp.and_(is_type(v, "VARCHAR"),
                          exp.EQ(this=_fold(text_of(v), fold), expression=lit(value.lower() if fold else value)))]
        if value.casefold() in ("true", "false"):
            parts.append(exp.and_(is_type(v, "BOOLEAN"),
                                  exp.EQ(this=text_of(v), expression=lit(value.casefold()))))
        number = json_number(value)
        if number is not None:
            parts.append(exp.and_(is_type(v, *NUMBER_TYPES), exp.EQ(this=number_of(v), expression=lit(number))))
        return exp.or_(*parts)
    return exp.or_(exp.and_(is_type(v, *NUMBER_TYPES), exp.EQ(this=number_of(v), expression=lit(value))),
                   exp.and_(_numeric_string(v), exp.EQ(this=number_of(v), expression=lit(value))))


def ordering(v: exp.Expression, op: str, value: Any, fold: bool) -> exp.Expression:
    """``gt``/``ge``/``lt``/``le`` for one value (see semantics._ordering)."""
    compare = _ORDER[op]
    if isinstance(value, bool) or value is None:
        return exp.false()
    if isinstance(value, str):
        parts = [exp.and_(is_type(v, "VARCHAR"), compare(this=_fold(text_of(v), fold),
                                                          expression=lit(value.lower() if fold else value)))]
        number = json_number(value)
        if number is not None:
            parts.append(exp.and_(is_type(v, *NUMBER_TYPES), compare(this=number_of(v), expression=lit(number))))
        return exp.or_(*parts)
    return exp.or_(exp.and_(is_type(v, *NUMBER_TYPES), compare(this=number_of(v), expression=lit(value))),
                   exp.and_(_numeric_string(v), compare(this=number_of(v), expression=lit(value))))


def glob_regex(pattern: str) -> str:
    """A glob as an RE2-compatible regular expression matching the whole string.

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
            out.append(re.escape(c))
    return "(?s)^" + "".join(out) + "$"


def _re2_compatible(pattern: str, dialect: str) -> None:
    try:
        from re import _parser as sre_parse  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover
        import sre_parse  # type: ignore[no-redef]
    unsupported = {"ASSERT": "lookaround", "ASSERT_NOT": "negative lookaround", "GROUPREF": "a backreference",
                   "GROUPREF_EXISTS": "a conditional group", "ATOMIC_GROUP": "an atomic group",
                   "POSSESSIVE_REPEAT": "a possessive quantifier"}

    def walk(items):
        for op, arg in items:
            if str(op) in unsupported:
                raise UnsupportedError(f"regular expression {pattern!r} uses {unsupported[str(op)]}, which "
                                       f"{dialect}'s RE2 engine does not support")
            for part in (arg if isinstance(arg, (list, tuple)) else [arg]):
                if isinstance(part, sre_parse.SubPattern):
                    walk(part)
                elif isinstance(part, (list, tuple)):
                    for sub in part:
                        if isinstance(sub, sre_parse.SubPattern):
                            walk(sub)

    walk(sre_parse.parse(pattern))


def text_test(v: exp.Expression, op: str, value: str, fold: bool, dialect: str) -> exp.Expression:
    """contains/startswith/endswith/matches/glob/cidr (and their i-forms) for one value."""
    base = op[1:] if op in FOLDING else op
    fold = fold or op in FOLDING
    text = text_of(v)
    string = is_type(v, "VARCHAR")
    if base == "matches":
        _re2_compatible(value, dialect)
        args = [text, exp.Literal.string(value)] + ([exp.Literal.string("i")] if fold else [])
        return exp.and_(string, fn("regexp_matches", *args))
    if base == "glob":
        pattern = glob_regex(value)
        args = [text, exp.Literal.string(pattern)] + ([exp.Literal.string("i")] if fold else [])
        return exp.and_(string, fn("regexp_full_match", *args))
    if base == "cidr":
        network = ipaddress.ip_network(value, strict=False)
        if network.version != 4:
            raise UnsupportedError(f"cidr with the IPv6 network {value!r} cannot be expressed in {dialect}")
        parts = fn("string_split", text, exp.Literal.string("."))
        number = None
        for index, weight in zip(range(1, 5), (16777216, 65536, 256, 1)):
            octet = exp.Mul(this=exp.TryCast(this=exp.Bracket(this=parts, expressions=[exp.Literal.number(index)]),
                                             to=exp.DataType.build("BIGINT")), expression=exp.Literal.number(weight))
            number = octet if number is None else exp.Add(this=number, expression=octet)
        low, high = int(network.network_address), int(network.broadcast_address)
        return exp.and_(string, full_match(text, IPV4),
                        exp.Between(this=number, low=exp.Literal.number(low), high=exp.Literal.number(high)))
    needle = lit(value.lower() if fold else value)
    subject = _fold(text, fold)
    call = {"contains": "contains", "startswith": "starts_with", "endswith": "ends_with"}[base]
    return exp.and_(string, fn(call, subject, needle))


def value_condition(v: exp.Expression, op: str, literal: ast.Value, fold: bool, dialect: str) -> exp.Expression:
    """The SQL test one JSON value must pass for ``op literal`` (positive operators only)."""
    value = None if isinstance(literal, ast.Null) else literal.value
    fold = fold or op in FOLDING
    if op in ("eq", "ieq"):
        return equals(v, value, fold)
    if op in _ORDER:
        return ordering(v, op, value, fold)
    return text_test(v, op, value, fold, dialect)
