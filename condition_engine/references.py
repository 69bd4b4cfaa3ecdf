"""Comparing a field with another field (``User eq field(ParentUser)``): the one definition every
engine follows (docs/semantics.md, "Field references").

Each value of the other path stands where a literal would, with the literal's own test from
:mod:`.semantics`: a string, number or boolean value ``y`` is read as the literal ``y`` (so ``"5"``
equals ``5`` and ``"True"`` equals ``true``, as with literals); objects never match.  The string
operators take string values only.  The comparison holds when some value of the path passes the test
for some value of the other path; ``ne``/``ine`` are exactly ``not eq``/``not ieq``.  So when either
path has no value, ``eq`` is false and ``ne`` true.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .semantics import FOLDING, NEGATION, value_test_of

#: The JSON scalars another field's value may be to take part (booleans included).
_SCALARS = (str, int, float, bool)
_TEXT = {"contains", "startswith", "endswith"}


def reference_test(op: str, other: Any, fold: bool = False) -> Callable[[Any], bool] | None:
    """The test a value passes for ``op`` against another field's value ``other`` (positive operators);
    None when no value can pass (``other`` is an object, or not a string for a string operator).

    >>> reference_test("eq", 5)("5"), reference_test("eq", "True")(True), reference_test("contains", 5)
    (True, True, None)
    """
    if other.__class__ not in _SCALARS:
        return None
    fold = fold or op in FOLDING
    base = op[1:] if op in FOLDING else op
    if base in _TEXT and other.__class__ is not str:
        return None
    return value_test_of(op, other, fold).function


def reference_comparison(op: str, fold: bool, values: Callable[[Any], Any],
                         others: Callable[[Any], Any]) -> Callable[[Any], bool]:
    """``path op field(other)`` as a function of a document, from the functions giving each path's values.

    >>> from condition_engine.paths import values_at
    >>> holds = reference_comparison("eq", False, values_at(("User",)), values_at(("Parent",)))
    >>> holds({"User": "a", "Parent": ["b", "a"]}), holds({"User": "a"})
    (True, False)
    """
    negated = op in ("ne", "ine")
    positive = NEGATION[op] if negated else op

    def decide(document: Any) -> bool:
        mine = values(document)
        if mine:
            for other in others(document):
                test = reference_test(positive, other, fold)
                if test is not None:
                    for value in mine:
                        if test(value):
                            return not negated
        return negated

    return decide


def compare_references(op: str, values: list[Any], others: list[Any], fold: bool = False) -> bool:
    """:func:`reference_comparison` for values already read.

    >>> compare_references("ne", ["a"], []), compare_references("lt", [1], ["2"])
    (True, True)
    """
    return reference_comparison(op, fold, lambda _: values, lambda _: others)(None)
