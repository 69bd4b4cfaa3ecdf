"""SQL for one JSON value against another field's value: the tests of :mod:`condition_engine.references`.

``pair(d, x, y, op, fold)`` is TRUE or FALSE — never NULL — for two JSON values: TRUE when ``x``
passes ``op``'s test for the literal ``y`` would be (a string, number or boolean ``y``; objects
never match), as :func:`condition_engine.references.reference_test` decides in Python.
"""
from __future__ import annotations

from typing import Any

from sqlglot import exp

from ..semantics import FOLDING
from .values import _LARGEST, JSON_NUMBER, lit

_ORDER = {"eq": exp.EQ, "gt": exp.GT, "ge": exp.GTE, "lt": exp.LT, "le": exp.LTE}


def _text(d: Any, v: exp.Expr, fold: bool) -> exp.Expr:
    return exp.Lower(this=d.text(v)) if fold else d.text(v)


def _numbers(d: Any, x: exp.Expr, y: exp.Expr, compare: type) -> exp.Expr:
    """Both values as numbers (JSON numbers, or strings holding a finite JSON number) compared, where one
    is a JSON number: never both strings, which compare as text."""
    def number(v: exp.Expr) -> exp.Expr:
        return d.to_double(d.text(v))

    def numeric_string(v: exp.Expr) -> exp.Expr:
        value = number(v)
        finite = exp.Between(this=value, low=lit(-_LARGEST), high=lit(_LARGEST))
        return exp.and_(d.is_kind(v, "STRING"), d.regex_full(d.text(v), JSON_NUMBER),
                        exp.Coalesce(this=finite, expressions=[exp.false()]))

    either = exp.or_(exp.and_(d.is_kind(x, "NUMBER"), exp.or_(d.is_kind(y, "NUMBER"), numeric_string(y))),
                     exp.and_(numeric_string(x), d.is_kind(y, "NUMBER")))
    test = compare(this=number(x), expression=number(y))
    return exp.and_(exp.Paren(this=either), exp.Coalesce(this=test, expressions=[exp.false()]))


def pair(d: Any, x: exp.Expr, y: exp.Expr, op: str, fold: bool) -> exp.Expr:
    """Whether the JSON value ``x`` passes ``op`` (a positive operator) against the JSON value ``y``."""
    fold = fold or op in FOLDING
    base = op[1:] if op in FOLDING else op
    strings = exp.and_(d.is_kind(x, "STRING"), d.is_kind(y, "STRING"))
    if base in ("contains", "startswith", "endswith"):
        call = {"contains": d.contains, "startswith": d.starts_with, "endswith": d.ends_with}[base]
        return exp.and_(strings, call(_text(d, x, fold), _text(d, y, fold)))
    compare = _ORDER[base]
    parts = [exp.and_(strings, compare(this=_text(d, x, fold), expression=_text(d, y, fold))),
             _numbers(d, x, y, compare)]
    if base == "eq":  # a boolean equals itself and the strings "true"/"false" in any case
        parts += [exp.and_(d.is_kind(x, "BOOLEAN"), d.is_kind(y, "BOOLEAN"),
                           exp.EQ(this=d.text(x), expression=d.text(y))),
                  exp.and_(d.is_kind(x, "STRING"), d.is_kind(y, "BOOLEAN"),
                           exp.EQ(this=exp.Lower(this=d.text(x)), expression=d.text(y))),
                  exp.and_(d.is_kind(x, "BOOLEAN"), d.is_kind(y, "STRING"),
                           exp.EQ(this=d.text(x), expression=exp.Lower(this=d.text(y))))]
    return exp.or_(*parts)
