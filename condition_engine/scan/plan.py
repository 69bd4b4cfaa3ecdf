"""A shared plan for a large pack: one multi-pattern automaton per field picks the rules worth running.

Most detection rules need some field to hold some text: ``CommandLine icontains "-enc"``, ``Image
iendswith "\\\\whoami.exe"``.  For each rule, its anchor groups (:mod:`condition_engine.analysis.anchors`)
are sets of (field, text) such that the rule can only match a record in which, for each group, one of
those fields holds that text (casefolded: every string test implies it).  Per record, one Aho-Corasick
automaton per field (pyahocorasick) finds every rule's texts in one pass over the value; only the rules
whose groups were all met — and the rules without anchors — run their compiled conditions.  The answer is
the same as running every rule (a hypothesis test compares them); only the work differs.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .. import ast
from ..analysis.anchors import MAX_GROUPS, Anchor, anchor_groups, anchors, requirements
from ..paths import get_keys

try:
    import ahocorasick
except ImportError:  # pragma: no cover - a platform without pyahocorasick wheels: every rule runs
    ahocorasick = None

#: Packs of a type smaller than this run every rule (the automata would not pay for themselves).
MIN_RULES = 12


class PackPlan:
    """``plan(record)`` → the indices of the rules that hold, in order, running only the likely ones.

    A rule runs when each of its anchor groups (up to :data:`MAX_GROUPS`, the strongest) has a text found
    in its field; rules without anchors always run.  ``groups`` may give each rule's anchor groups
    (:func:`anchor_groups`) worked out before, in place of ``conditions`` (a pack loaded from the Sigma cache
    has them without building its conditions); ``functions`` is used as given, so an entry may be a stand-in
    that compiles its rule on the first call and puts the compiled function in its place.

    >>> from condition_engine import compile, parse
    >>> conditions = [parse(f'a icontains "x{n}"') for n in range(3)]
    >>> PackPlan([compile(c) for c in conditions], conditions)({"a": "X1"})
    [1]
    """

    def __init__(self, functions: list[Callable[[Any], bool]], conditions: Sequence[ast.Expr] = (),
                 groups: Sequence[list[frozenset[Anchor]]] | None = None) -> None:
        self.functions = functions
        always: list[int] = []
        owners: dict[tuple[str, ...], dict[str, tuple[list[int], list[tuple[int, int]]]]] = {}
        self.full: dict[int, int] = {}
        if groups is None:
            groups = [anchor_groups(condition) for condition in conditions]
        for index, chosen in enumerate(groups):
            if not chosen:
                always.append(index)
                continue
            self.full[index] = (1 << len(chosen)) - 1
            for number, group in enumerate(chosen):
                for keys, text in group:
                    single, several = owners.setdefault(keys, {}).setdefault(text, ([], []))
                    if len(chosen) == 1:  # one group: any of its texts makes the rule a candidate
                        single.append(index)
                    else:
                        several.append((index, 1 << number))
        self.always = frozenset(always)
        self.fields = []  # (keys, the automaton's iter) of every field with anchor texts
        for keys, texts in owners.items():
            automaton = ahocorasick.Automaton()
            for text, (single, several) in texts.items():
                automaton.add_word(text, (frozenset(single), tuple(several)))
            automaton.make_automaton()
            self.fields.append((keys, automaton.iter))
        # a record names few of the fields a pack reads: one-key fields are found from the record's own keys
        self.top = {keys[0]: find for keys, find in self.fields if len(keys) == 1}
        self.nested = [(keys, find) for keys, find in self.fields if len(keys) > 1]

    def __call__(self, record: Any) -> list[int]:
        functions = self.functions
        if record.__class__ is not dict:
            return [index for index in range(len(functions)) if functions[index](record)]
        top = self.top
        if len(record) < len(top):
            found = [(find, record[key]) for key, find in ((k, top.get(k)) for k in record) if find is not None]
        else:
            found = [(find, record.get(key)) for key, find in top.items()]
        if self.nested:
            found += [(find, get_keys(record, keys)) for keys, find in self.nested]
        candidates = set(self.always)
        add = candidates.update
        met: dict[int, int] | None = None
        for find, value in found:
            if value.__class__ is str:
                texts: Any = (value,)
            elif value.__class__ is list:
                texts = _strings(value)
            else:
                continue
            for text in texts:
                for _, (single, several) in find(text.casefold()):
                    add(single)
                    if several:
                        if met is None:
                            met = {}
                        for index, bit in several:
                            met[index] = met.get(index, 0) | bit
        if met:
            full = self.full
            add(index for index, bits in met.items() if bits == full[index])
        return [index for index in sorted(candidates) if functions[index](record)]


def _strings(value: list) -> list[str]:
    out = []
    for item in value:
        if item.__class__ is str:
            out.append(item)
        elif item.__class__ is list:
            out.extend(_strings(item))
    return out


def plan(functions: list[Callable[[Any], bool]], conditions: Sequence[ast.Expr],
         groups: Sequence[list[frozenset[Anchor]]] | None = None) -> Callable[[Any], list[int]] | None:
    """A PackPlan for a large pack, or None where it would not help (few rules, no pyahocorasick).

    >>> plan([], []) is None
    True
    """
    if ahocorasick is None or len(functions) < MIN_RULES:
        return None
    return PackPlan(functions, conditions, groups)


__all__ = ["MAX_GROUPS", "MIN_RULES", "Anchor", "PackPlan", "anchor_groups", "anchors", "plan", "requirements"]
