"""Conditions as z3 formulas over a bounded document model (docs/analysis.md, "The encoding").

Each key path the conditions name holds up to K value slots (K = the number of distinct value tests
on that path, at least one): a slot is absent, a string, a number, a boolean or an opaque object.
That bound loses nothing: for any document, keeping one value that passes each test that some value
passes (and one value at all when the path exists) leaves every comparison's truth unchanged.  A path
that is a prefix of another exists when the longer one does (the object on the way is one of its
values), and any mix of values and objects can be built as a list, so paths are otherwise
independent.

Where a test is not exactly expressible (a numeric string's value against a number, ``imatches`` and
``iglob`` on non-ASCII text, IPv6 networks) the formula is weaker than the semantics — a free
boolean, constrained where it is known — so an unsatisfiable check is still a proof, and a model is
only a candidate: every witness is checked with ``evaluate`` before it is reported.
"""
from __future__ import annotations

import ipaddress
from fractions import Fraction
from typing import Any

import z3

from ... import ast
from ...semantics import FOLDING, NEGATION, json_number, uses_re2
from . import languages as lang
from .regex import Unencodable, glob_language, ignores_case, negates, search_language

ABSENT, STRING, NUMBER, BOOLEAN, OBJECT = range(5)
_ORDER = {"gt": lambda a, b: a > b, "ge": lambda a, b: a >= b, "lt": lambda a, b: a < b, "le": lambda a, b: a <= b}


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
    if head and isinstance(last, ast.Filter) and all(isinstance(step, ast.Key) for step in head):
        return tuple(step.name for step in head), last.condition
    return None


def _tests(node: Any, out: dict[tuple[str, ...], set[tuple[str, Any]]],
           filters: dict[tuple[str, ...], list[ast.Expr]]) -> None:
    """Collect, per path, the distinct value tests (positive operator, literal) the condition makes, and
    per filtered path its filters' conditions."""
    if isinstance(node, (ast.And, ast.Or)):
        for operand in node.operands:
            _tests(operand, out, filters)
    elif isinstance(node, ast.Not):
        _tests(node.operand, out, filters)
    elif isinstance(node, ast.Exists):
        target = filtered(node.path)
        if target is not None:
            filters.setdefault(target[0], []).append(target[1])
        else:
            out.setdefault(key_path(node.path), set())
    elif isinstance(node, ast.Compare):
        _literal_kinds(node)
        tests = out.setdefault(key_path(node.path), set())
        literals = node.value.items if node.value.kind == "list" else (node.value,)
        op = "eq" if node.op == "in" else NEGATION.get(node.op, node.op) if node.op in ("ne", "ine") else node.op
        for literal in literals:
            if literal.kind != "null":
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


def _separate(paths: list[tuple[str, ...]], filters: dict[tuple[str, ...], list[ast.Expr]]) -> None:
    """A filtered path is encoded as a list of elements only when nothing else reads it, or along it."""
    for keys in filters:
        for other in list(paths) + [k for k in filters if k != keys]:
            if other[:len(keys)] == keys or keys[:len(other)] == other:
                raise Unencodable(f"path {'.'.join(other)} and a value filter on {'.'.join(keys)}: "
                                  "a filtered path is encoded only when nothing else reads it")


_LITERALS = {"string", "number", "boolean", "null", "list"}


def _literal_kinds(node: ast.Compare) -> None:
    """Only literal operands are encoded (a comparison with another field, say, is not)."""
    kind = getattr(node.value, "kind", type(node.value).__name__)
    if kind not in _LITERALS:
        raise Unencodable(f"comparisons with a {kind} operand are not encoded")


class Encoder:
    """The document model for a set of conditions, and their formulas over it."""

    def __init__(self, *conditions: ast.Expr, queries: tuple[ast.Expr, ...] | None = None,
                 name: str = "", parent: "Encoder | None" = None) -> None:
        tests: dict[tuple[str, ...], set[tuple[str, Any]]] = {}
        filters: dict[tuple[str, ...], list[ast.Expr]] = {}
        for condition in conditions:
            _tests(condition, tests, filters)
        self.paths = sorted(tests)
        _separate(self.paths, filters)
        bound = {path: max(1, len(found)) for path, found in tests.items()}
        elements = {keys: 2 * len(conds) for keys, conds in filters.items()}
        if queries is not None:  # only these formulas will be asked: the witnesses they need
            bound = {path: 1 for path in tests}
            elements = {keys: 1 for keys in filters}
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
        self.memberships: dict[str, list[tuple[z3.ReRef, z3.BoolRef]]] = parent.memberships if parent else {}
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
        self._numbers = sorted(numbers)
        for path in self.paths:
            for slot in self.slots[path]:
                self.constraints.append(z3.And(slot.tag >= ABSENT, slot.tag <= OBJECT))
                for number in numbers:
                    for spelling in _spellings(number):
                        self.constraints.append(z3.Implies(self._member(slot, lang.word(spelling), ("eq", spelling, False)),
                                                       slot.sn == _real(number)))

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
                for spelling in _spellings(near):
                    candidates.setdefault(spelling, json_number(spelling))
        out = []
        for slot in self.string_slots():
            out.append(self._member(slot, lang.ASCII, ("ascii",)))
            spelled = [z3.And(self._member(slot, lang.word(text), ("eq", text, False)), slot.sn == _real(value))
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
                    parts.append(z3.And(is_num, slot.n == _real(number)))
                return z3.Or(parts)
            return z3.Or(z3.And(is_num, slot.n == _real(value)), z3.And(is_str, numeric, slot.sn == _real(value)))
        if base in _ORDER:
            compare = _ORDER[base]
            if isinstance(value, bool):
                return z3.BoolVal(False)
            if isinstance(value, str):
                parts = [z3.And(is_str, self._member(slot, lang.ordering(base, value)))]
                number = json_number(value)
                if number is not None:
                    parts.append(z3.And(is_num, compare(slot.n, _real(number))))
                return z3.Or(parts)
            return z3.Or(z3.And(is_num, compare(slot.n, _real(value))),
                         z3.And(is_str, numeric, compare(slot.sn, _real(value))))
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
            if network.version == 4:
                return z3.And(is_str, self._member(slot, lang.ipv4_network(network)))
            free = z3.Bool(f"{slot.name}.cidr.{value}")
            return z3.And(is_str, free, z3.Not(self._member(slot, lang.ipv4_network(ipaddress.ip_network("0.0.0.0/0")))))
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
            values[path] = [value for slot in self.slots[path] for value in _slot_value(model, slot, texts)]
        for keys, elements in self.collections.items():
            values[keys] = [element.record(model, texts) for present, element in elements
                            if z3.is_true(model.eval(present, model_completion=True))]
        return _build((), values)


def _build(prefix: tuple[str, ...], values: dict[tuple[str, ...], list[Any]]) -> dict[str, Any]:
    children = sorted({path[len(prefix)] for path in values if len(path) > len(prefix) and path[:len(prefix)] == prefix})
    out: dict[str, Any] = {}
    for key in children:
        here = prefix + (key,)
        own = list(values.get(here, []))
        below = _build(here, values) if any(len(p) > len(here) and p[:len(here)] == here for p in values) else {}
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


def _slot_value(model: z3.ModelRef, slot: Slot, texts: dict[str, str]) -> list[Any]:
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


def _real(number: int | float) -> z3.ArithRef:
    fraction = Fraction(number)
    return z3.RealVal(f"{fraction.numerator}/{fraction.denominator}")


def _spellings(number: int | float) -> set[str]:
    spellings = {repr(number)}
    if isinstance(number, float) and number.is_integer():
        spellings.add(str(int(number)))
    if isinstance(number, int):
        spellings.add(f"{number}.0")
    return {s for s in spellings if json_number(s) is not None}
