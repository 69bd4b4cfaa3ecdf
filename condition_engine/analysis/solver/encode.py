"""Conditions as z3 formulas over a bounded document model (docs/analysis.md, "The encoding").

The model — each key path's value slots, and how many a set of conditions needs — is
:mod:`.document`'s; here each condition becomes a formula over those slots.

Where a test is not exactly expressible (a numeric string's value against a number, ``imatches`` and
``iglob`` on non-ASCII text, IPv6 networks) the formula is weaker than the semantics — a free
boolean, constrained where it is known — so an unsatisfiable check is still a proof, and a model is
only a candidate: every witness is checked with ``evaluate`` before it is reported.
"""
from __future__ import annotations

import ipaddress
from typing import Any

import z3

from ... import ast
from ...semantics import FOLDING, NEGATION, json_number, uses_re2
from . import languages as lang
from .document import (
    ABSENT,
    BOOLEAN,
    ELEMENTS,
    NUMBER,
    OBJECT,
    STRING,
    Slot,
    build_document,
    filtered,
    key_path,
    needs,
    real,
    separate,
    slot_value,
    spellings,
    text_of,
    value_tests,
)
from .regex import Unencodable, glob_language, ignores_case, negates, search_language

_ORDER = {"gt": lambda a, b: a > b, "ge": lambda a, b: a >= b, "lt": lambda a, b: a < b, "le": lambda a, b: a <= b}


class Encoder:
    """The document model for a set of conditions, and their formulas over it."""

    def __init__(self, *conditions: ast.Expr, queries: tuple[ast.Expr, ...] | None = None,
                 name: str = "", parent: Encoder | None = None) -> None:
        tests: dict[tuple[str, ...], set[tuple[str, str, Any]]] = {}
        filters: dict[tuple[str, ...], list[ast.Expr]] = {}
        for condition in conditions:
            value_tests(condition, tests, filters)
        self.paths = sorted(tests)
        separate(self.paths, filters)
        bound = {path: max(1, len(found)) for path, found in tests.items()}
        elements = {keys: 2 * len(conds) for keys, conds in filters.items()}
        if queries is not None:  # only these formulas will be asked: the witnesses they need
            bound = dict.fromkeys(tests, 1)
            elements = dict.fromkeys(filters, 1)
            for query in queries:
                for path, count in needs(query, True, self.paths).items():
                    if path[0] == ELEMENTS:
                        elements[path[1:]] = max(elements[path[1:]], count)
                    else:
                        bound[path] = max(bound[path], count)
        self.slots = {path: [Slot(f"{name}{'.'.join(path)}#{i}") for i in range(bound[path])] for path in self.paths}
        self._atoms: dict[tuple, z3.BoolRef] = {}
        #: Per slot name: (language, boolean) for each membership its text is asked — the solver sees
        #: only the booleans; :mod:`.search` checks each slot's memberships together, as one language.
        #: An element's encoder (a value filter's) shares them, and the constraints, with its parent.
        self.memberships: dict[str, list[tuple[z3.ReRef, z3.BoolRef, tuple | None]]] = (
            parent.memberships if parent else {})
        self._members: dict[tuple[str, int], z3.BoolRef] = parent._members if parent else {}
        self.constraints: list[z3.BoolRef] = parent.constraints if parent else []
        numbers = {value for found in tests.values() for op, kind, value in found if kind == "number"}
        numbers |= {json_number(value) for found in tests.values() for op, kind, value in found
                    if kind == "string" and json_number(value) is not None}
        self._numeric = lang.json_number()
        #: Per filtered path: each element's presence and its own encoder (the element as a document).
        self.collections: dict[tuple[str, ...], list[tuple[z3.BoolRef, Encoder]]] = {}
        for keys, conds in filters.items():
            both = tuple(conds) + tuple(ast.Not(operand=cond) for cond in conds)  # sizes the element's slots
            self.collections[keys] = [
                (z3.Bool(f"{name}{'.'.join(keys)}[{i}]"),
                 Encoder(*conds, queries=(ast.And(operands=both),), name=f"{name}{'.'.join(keys)}[{i}].", parent=self))
                for i in range(elements[keys])]
            numbers |= {n for _, element in self.collections[keys] for n in element._numbers}
        self._numbers: list[int | float] = sorted(numbers)
        for path in self.paths:
            for slot in self.slots[path]:
                self.constraints.append(z3.And(slot.tag >= ABSENT, slot.tag <= OBJECT))
                for number in numbers:
                    for spelling in spellings(number):
                        self.constraints.append(z3.Implies(self._member(slot, lang.word(spelling), ("eq", spelling, False)),
                                                       slot.sn == real(number)))

    def _member(self, slot: Slot, language: z3.ReRef, about: tuple | None = None) -> z3.BoolRef:
        """A boolean standing for "the slot's text is in ``language``" (one per slot and language);
        ``about`` says what the language is where :mod:`.search` can decide it in Python."""
        key = (slot.name, language.get_id())
        if key not in self._members:
            self._members[key] = flag = z3.Bool(f"{slot.name}.in.{len(self._members)}")
            self.memberships.setdefault(slot.name, []).append((language, flag, about))
        return self._members[key]

    def _numeric_text(self, slot: Slot) -> z3.BoolRef:
        return self._member(slot, self._numeric, ("number",))

    def string_slots(self) -> list[Slot]:
        """Every slot, in order."""
        own = [slot for path in self.paths for slot in self.slots[path]]
        return own + [slot for elements in self.collections.values() for _, element in elements
                      for slot in element.string_slots()]

    def tightened(self) -> list[z3.BoolRef]:
        """Constraints under which the model is exact: ASCII texts, numeric strings spelled as known numbers.

        Used only to look for a witness again (never for a proof).
        """
        candidates: dict[str, int | float] = {}
        for number in self._numbers:
            for near in (number, number - 1, number + 1, number + 0.5):
                for spelling in spellings(near):
                    value = json_number(spelling)
                    assert value is not None  # spellings() keeps the spellings that are JSON numbers
                    candidates.setdefault(spelling, value)
        out = []
        for slot in self.string_slots():
            out.append(self._member(slot, lang.ASCII, ("ascii",)))
            spelled = [z3.And(self._member(slot, lang.word(text), ("eq", text, False)), slot.sn == real(value))
                       for text, value in candidates.items()]
            out.append(z3.Implies(self._numeric_text(slot), z3.Or(spelled or [False])))
        return out

    def exists(self, path: tuple[str, ...]) -> z3.BoolRef:
        own = [slot.tag != ABSENT for slot in self.slots[path]]
        longer = [slot.tag != ABSENT for other in self.paths if len(other) > len(path) and other[:len(path)] == path
                  for slot in self.slots[other]]
        return z3.Or(own + longer)

    def formula(self, node: Any) -> z3.BoolRef:
        """The condition as a formula over the model."""
        if isinstance(node, ast.And):
            return z3.And([self.formula(operand) for operand in node.operands])
        if isinstance(node, ast.Or):
            return z3.Or([self.formula(operand) for operand in node.operands])
        if isinstance(node, ast.Not):
            return z3.Not(self.formula(node.operand))
        if isinstance(node, ast.Exists):
            target = filtered(node.path)
            if target is not None:  # some element present for which the filter's condition holds
                keys, condition = target
                return z3.Or([z3.And(present, element.formula(condition))
                              for present, element in self.collections[keys]])
            return self.exists(key_path(node.path))
        if isinstance(node, ast.Compare):
            return self._compare(node)
        raise Unencodable(f"{getattr(node, 'kind', type(node).__name__)} conditions are not encoded")

    def _compare(self, node: ast.Compare) -> z3.BoolRef:
        path = key_path(node.path)
        negated = node.op in ("ne", "ine")
        op = NEGATION[node.op] if negated else node.op
        if op == "in":
            assert isinstance(node.value, ast.List)  # the operand of `in` (check_operand)
            result = z3.Or([self._one(path, "eq", item) for item in node.value.items] or [False])
        else:
            result = self._one(path, op, node.value)
        return z3.Not(result) if negated else result

    def _one(self, path: tuple[str, ...], op: str, literal: Any) -> z3.BoolRef:
        if literal.kind == "null":
            return z3.Not(self.exists(path)) if op in ("eq", "ieq") else z3.BoolVal(False)
        return z3.Or([self._atom(slot, op, literal) for slot in self.slots[path]])

    def _atom(self, slot: Slot, op: str, literal: Any) -> z3.BoolRef:
        key = (slot.name, op, literal.kind, literal.value)
        if key not in self._atoms:
            self._atoms[key] = self._value_test(slot, op, literal.value)
        return self._atoms[key]

    def _value_test(self, slot: Slot, op: str, value: Any) -> z3.BoolRef:
        is_str, is_num, is_bool = slot.kind(STRING), slot.kind(NUMBER), slot.kind(BOOLEAN)
        numeric = self._numeric_text(slot) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
        fold = op in FOLDING
        base = op[1:] if fold else op
        if base == "eq":
            if isinstance(value, bool):
                return z3.Or(z3.And(is_bool, slot.b == value),
                             z3.And(is_str, self._member(slot, lang.folded("true" if value else "false", "eq"),
                                                                   ("eq", "true" if value else "false", True))))
            if isinstance(value, str):
                text = self._member(slot, lang.folded(value, "eq") if fold else lang.word(value), ("eq", value, fold))
                parts = [z3.And(is_str, text)]
                if value.casefold() in ("true", "false"):
                    parts.append(z3.And(is_bool, slot.b == (value.casefold() == "true")))
                number = json_number(value)
                if number is not None:
                    parts.append(z3.And(is_num, slot.n == real(number)))
                return z3.Or(parts)
            return z3.Or(z3.And(is_num, slot.n == real(value)), z3.And(is_str, numeric, slot.sn == real(value)))
        if base in _ORDER:
            compare = _ORDER[base]
            if isinstance(value, bool):
                return z3.BoolVal(False)
            if isinstance(value, str):
                parts = [z3.And(is_str, self._member(slot, lang.ordering(base, value)))]
                number = json_number(value)
                if number is not None:
                    parts.append(z3.And(is_num, compare(slot.n, real(number))))
                return z3.Or(parts)
            return z3.Or(z3.And(is_num, compare(slot.n, real(value))),
                         z3.And(is_str, numeric, compare(slot.sn, real(value))))
        if base in ("contains", "startswith", "endswith"):
            language = lang.folded(value, base) if fold else lang.substring(value, base)
            return z3.And(is_str, self._member(slot, language, (base, value, fold)))
        if base == "matches":
            if not uses_re2(value):
                raise Unencodable(f"pattern {value!r} runs in Python's re, not RE2")
            fold = fold or ignores_case(value)
            language = search_language(value, fold, True)
            lower = search_language(value, False, True) if negates(value) else language
            return self._guarded(slot, language, lower, fold)
        if base == "glob":
            language = glob_language(value, fold)
            return self._guarded(slot, language, glob_language(value) if negates(value, glob=True) else language, fold)
        if base == "cidr":
            network = ipaddress.ip_network(value, strict=False)
            if isinstance(network, ipaddress.IPv4Network):
                return z3.And(is_str, self._member(slot, lang.ipv4_network(network)))
            free = z3.Bool(f"{slot.name}.cidr.{value}")
            return z3.And(is_str, free, z3.Not(self._member(slot, lang.ipv4_network(ipaddress.IPv4Network("0.0.0.0/0")))))
        raise Unencodable(f"operator {op}")

    def _guarded(self, slot: Slot, language: z3.ReRef, plain: z3.ReRef, fold: bool) -> z3.BoolRef:
        """Membership; under folding exact for texts without special case pairs: another matches when it is
        in ``plain`` (the case-sensitive pattern's language, or the folded one for a pattern without
        negations), and otherwise maybe (a free boolean)."""
        member = self._member(slot, language)
        if not fold:
            return z3.And(slot.kind(STRING), member)
        free = z3.Bool(f"{slot.name}.fold.{language.get_id()}")  # one per language: equal patterns agree
        other = z3.Or(self._member(slot, plain), free)
        plain_text = self._member(slot, lang.plain_folding(), ("plain",))
        return z3.And(slot.kind(STRING), z3.If(plain_text, member, other))

    # ---- models back to documents ----------------------------------------------------------

    def record(self, model: z3.ModelRef, texts: dict[str, str]) -> dict[str, Any]:
        """The document a model describes (JSON-able), with each string slot's text from ``texts``."""
        values: dict[tuple[str, ...], list[Any]] = {}
        for path in self.paths:
            values[path] = [value for slot in self.slots[path] for value in slot_value(model, slot, texts)]
        for keys, elements in self.collections.items():
            values[keys] = [element.record(model, texts) for present, element in elements
                            if z3.is_true(model.eval(present, model_completion=True))]
        return build_document((), values)


__all__ = ["ABSENT", "BOOLEAN", "NUMBER", "OBJECT", "STRING", "Encoder", "Slot", "filtered", "key_path", "needs",
           "text_of"]
