"""The bounded document model the solver's formulas range over (docs/analysis.md, "The encoding").

Each key path the conditions name holds up to K value slots (K = the number of distinct value tests
on that path, at least one): a slot is absent, a string, a number, a boolean or an opaque object.
That bound loses nothing: for any document, keeping one value that passes each test that some value
passes (and one value at all when the path exists) leaves every comparison's truth unchanged.  A path
that is a prefix of another exists when the longer one does (the object on the way is one of its
values), and any mix of values and objects can be built as a list, so paths are otherwise
independent.  This module finds the paths, their tests and the slots they need, and reads a z3 model
back as a document; :mod:`.encode` writes the conditions as formulas over the slots.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any

import z3

from ... import ast
from ...semantics import NEGATION, json_number
from .regex import Unencodable

ABSENT, STRING, NUMBER, BOOLEAN, OBJECT = range(5)


class Slot:
    """One value a path yields: a tag and a z3 variable for each kind."""

    def __init__(self, name: str) -> None:
        self.tag = z3.Int(f"{name}.tag")
        self.s = z3.String(f"{name}.s")
        self.n = z3.Real(f"{name}.n")
        self.b = z3.Bool(f"{name}.b")
        self.sn = z3.Real(f"{name}.sn")  # the number a numeric string holds (linked where known)
        self.name = name

    def kind(self, tag: int) -> z3.BoolRef:
        return self.tag == tag


def key_path(path: ast.Path) -> tuple[str, ...]:
    """The keys of a keys-only path; other steps are not encoded."""
    keys = []
    for step in path.steps:
        if not isinstance(step, ast.Key):
            raise Unencodable(f"path {_dotted(path)}: value filters and index steps are not encoded")
        keys.append(step.name)
    return tuple(keys)


def _dotted(path: ast.Path) -> str:
    from ...render import path_text
    return path_text(path)


#: The first key of the pseudo-path that counts the elements a value filter needs (in :func:`needs`).
ELEMENTS = "\x00[]"


def filtered(path: ast.Path) -> tuple[tuple[str, ...], ast.Expr] | None:
    """For a path of keys ending in one value filter (``Tags[Key eq "x"]``): the keys and the filter's condition.

    >>> keys, _ = filtered(__import__("condition_engine").parse('Tags[Key eq "x"]').path); keys
    ('Tags',)
    """
    *head, last = path.steps
    names = tuple(step.name for step in head if isinstance(step, ast.Key))
    if head and isinstance(last, ast.Filter) and len(names) == len(head):
        return names, last.condition
    return None


def value_tests(node: Any, out: dict[tuple[str, ...], set[tuple[str, str, Any]]],
                filters: dict[tuple[str, ...], list[ast.Expr]]) -> None:
    """Collect, per path, the distinct value tests (positive operator, literal) the condition makes, and
    per filtered path its filters' conditions.

    >>> out = {}; value_tests(__import__("condition_engine").parse('a ne 1 or not a in [1, "x"]'), out, {})
    >>> {path: sorted(tests) for path, tests in out.items()}  # a set's order varies with the hash seed
    {('a',): [('eq', 'number', 1), ('eq', 'string', 'x')]}
    """
    if isinstance(node, (ast.And, ast.Or)):
        for operand in node.operands:
            value_tests(operand, out, filters)
    elif isinstance(node, ast.Not):
        value_tests(node.operand, out, filters)
    elif isinstance(node, ast.Exists):
        target = filtered(node.path)
        if target is not None:
            filters.setdefault(target[0], []).append(target[1])
        else:
            out.setdefault(key_path(node.path), set())
    elif isinstance(node, ast.Compare):
        literal_kinds(node)
        tests = out.setdefault(key_path(node.path), set())
        literals = node.value.items if node.value.kind == "list" else (node.value,)
        op = "eq" if node.op == "in" else NEGATION.get(node.op, node.op) if node.op in ("ne", "ine") else node.op
        for literal in literals:
            if literal.kind != "null":
                assert literal.kind != "field"  # refused by _literal_kinds
                tests.add((op, literal.kind, literal.value))
    else:
        raise Unencodable(f"{getattr(node, 'kind', type(node).__name__)} conditions are not encoded")


def needs(node: Any, positive: bool, paths: list[tuple[str, ...]]) -> dict[tuple[str, ...], int]:
    """Per path, how many values a document needs to satisfy ``node`` (``positive``) or its negation.

    In negation normal form a satisfied formula is kept true by a set of literals — one operand of each
    ``or``, every operand of each ``and``; an "any value passes" literal needs one witness value, and
    a "no value passes" literal stays true when values are dropped.  So a document keeping one value
    per such literal in the largest of those sets satisfies the formula still: this many slots lose
    nothing.

    >>> needs(__import__("condition_engine").parse('a eq 1 and (a eq 2 or a eq 3) and not a eq 4'), True, [("a",)])
    {('a',): 2}
    """
    if isinstance(node, ast.Not):
        return needs(node.operand, not positive, paths)
    if isinstance(node, (ast.And, ast.Or)):
        parts = [needs(operand, positive, paths) for operand in node.operands]
        add = isinstance(node, ast.And) == positive
        out: dict[tuple[str, ...], int] = {}
        for part in parts:
            for path, count in part.items():
                out[path] = out.get(path, 0) + count if add else max(out.get(path, 0), count)
        return out
    target = filtered(node.path) if isinstance(node, ast.Exists) else None
    if target is not None:  # "some element passes": one witness element
        return {(ELEMENTS,) + target[0]: 1} if positive else {}
    path = key_path(node.path)
    if isinstance(node, ast.Exists):
        witness = positive
    else:
        negated = node.op in ("ne", "ine")
        literals = node.value.items if node.value.kind == "list" else (node.value,)
        if all(literal.kind == "null" for literal in literals) and node.value.kind != "list":
            witness = negated == positive if node.op in ("eq", "ieq", "ne", "ine") else False  # ne null: exists
        else:
            witness = positive != negated
    if not witness:
        return {}
    # an existence may be met by a value further down the path: one more slot there too
    return {other: 1 for other in paths if other[:len(path)] == path}


def separate(paths: list[tuple[str, ...]], filters: dict[tuple[str, ...], list[ast.Expr]]) -> None:
    """A filtered path is encoded as a list of elements only when nothing else reads it, or along it.

    >>> separate([("a", "b")], {("c",): []})  # unrelated paths: nothing raised
    """
    for keys in filters:
        for other in list(paths) + [k for k in filters if k != keys]:
            if other[:len(keys)] == keys or keys[:len(other)] == other:
                raise Unencodable(f"path {'.'.join(other)} and a value filter on {'.'.join(keys)}: "
                                  "a filtered path is encoded only when nothing else reads it")


_LITERALS = {"string", "number", "boolean", "null", "list"}


def literal_kinds(node: ast.Compare) -> None:
    """Only literal operands are encoded (a comparison with another field, say, is not).

    >>> literal_kinds(__import__("condition_engine").parse("a eq field(b)"))
    Traceback (most recent call last):
    ...
    condition_engine.analysis.solver.regex.Unencodable: comparisons with a field operand are not encoded
    """
    kind = getattr(node.value, "kind", type(node.value).__name__)
    if kind not in _LITERALS:
        raise Unencodable(f"comparisons with a {kind} operand are not encoded")


def build_document(prefix: tuple[str, ...], values: dict[tuple[str, ...], list[Any]]) -> dict[str, Any]:
    """The document below ``prefix`` holding each path's values (and the objects on the way to longer paths).

    >>> build_document((), {("a",): [1], ("a", "b"): ["x"], ("c",): []})
    {'a': [1, {'b': 'x'}]}
    """
    children = sorted({path[len(prefix)] for path in values if len(path) > len(prefix) and path[:len(prefix)] == prefix})
    out: dict[str, Any] = {}
    for key in children:
        here = prefix + (key,)
        own = list(values.get(here, []))
        below = build_document(here, values) if any(len(p) > len(here) and p[:len(here)] == here for p in values) else {}
        if below:
            own.append(below)
        if own:
            out[key] = own[0] if len(own) == 1 else own
    return out


def text_of(model: z3.ModelRef, string: z3.SeqRef) -> str:
    """A model's string, read code point by code point (z3 prints non-ASCII characters escaped)."""
    length = model.eval(z3.Length(string), model_completion=True).as_long()
    return "".join(chr(model.eval(z3.StrToCode(z3.SubString(string, i, 1)), model_completion=True).as_long())
                   for i in range(length))


def slot_value(model: z3.ModelRef, slot: Slot, texts: dict[str, str]) -> list[Any]:
    """The value a model gives a slot (none when absent), a string slot's text taken from ``texts``.

    >>> solver = z3.Solver(); slot = Slot("a#0"); solver.add(slot.tag == NUMBER, slot.n == real(2.5))
    >>> solver.check(), slot_value(solver.model(), slot, {})
    (sat, [2.5])
    """
    tag = model.eval(slot.tag, model_completion=True).as_long()
    if tag == STRING:
        return [texts.get(slot.name, "")]
    if tag == NUMBER:
        number = model.eval(slot.n, model_completion=True)
        fraction = Fraction(number.numerator_as_long(), number.denominator_as_long())
        return [int(fraction) if fraction.denominator == 1 else float(fraction)]
    if tag == BOOLEAN:
        return [z3.is_true(model.eval(slot.b, model_completion=True))]
    if tag == OBJECT:
        return [{}]
    return []


def real(number: float) -> z3.ArithRef:
    """A number as an exact z3 real.

    >>> real(0.25), real(3)
    (1/4, 3)
    """
    fraction = Fraction(number)
    return z3.RealVal(f"{fraction.numerator}/{fraction.denominator}")


def spellings(number: float) -> set[str]:
    """The texts a numeric string holding ``number`` is known by.

    >>> sorted(spellings(2)), sorted(spellings(2.0)), sorted(spellings(0.5))
    (['2', '2.0'], ['2', '2.0'], ['0.5'])
    """
    out = {repr(number)}
    if isinstance(number, float) and number.is_integer():
        out.add(str(int(number)))
    if isinstance(number, int):
        out.add(f"{number}.0")
    return {s for s in out if json_number(s) is not None}
