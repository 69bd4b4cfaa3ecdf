"""A shared plan for a large pack: one multi-pattern automaton per field picks the rules worth running.

Most detection rules need some field to hold some text: ``CommandLine icontains "-enc"``, ``Image
iendswith "\\\\whoami.exe"``.  For each rule, :func:`anchors` finds a set of (field, text) such that the
rule can only match a record in which one of those fields holds that text (casefolded: every string
test implies it).  Per record, one Aho-Corasick automaton per field (pyahocorasick) finds every
rule's texts in one pass over the value; only the rules whose text was found — and the rules without
anchors — run their compiled conditions.  The answer is the same as running every rule (a hypothesis
test compares them); only the work differs.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Callable

from .. import ast
from ..paths import get_keys
from ..semantics import _ISO_DATE, json_number

try:  # Python's own regular-expression parser (moved in 3.11)
    from re import _parser as _sre  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre  # type: ignore[no-redef]
_LITERAL = _sre.LITERAL

try:
    import ahocorasick
except ImportError:  # pragma: no cover - a platform without pyahocorasick wheels: every rule runs
    ahocorasick = None

#: Packs of a type smaller than this run every rule (the automata would not pay for themselves).
MIN_RULES = 12
#: Operators whose truth needs the field's string to contain the literal (casefolded).
_TEXT = {"contains", "icontains", "startswith", "istartswith", "endswith", "iendswith", "eq", "ieq"}

Anchor = tuple[tuple[str, ...], str]


def anchors(node: ast.Expr) -> frozenset[Anchor] | None:
    """(field keys, casefolded text) pairs one of which a record must hold for ``node`` to be true.

    >>> from condition_engine import parse
    >>> sorted(anchors(parse('(a icontains "X" or b eq "yy") and c exists')))
    [(('a',), 'x'), (('b',), 'yy')]
    >>> anchors(parse('not a eq "x"')) is None
    True
    """
    groups = requirements(node)
    return max(groups, key=_strength) if groups else None


def requirements(node: ast.Expr) -> list[frozenset[Anchor]]:
    """Groups of anchors that must *all* be met (each by one of its anchors) for ``node`` to be true.

    >>> from condition_engine import parse
    >>> [sorted(g) for g in requirements(parse('a icontains "x" and (b eq "y" or c eq "z")'))]
    [[(('a',), 'x')], [(('b',), 'y'), (('c',), 'z')]]
    """
    if isinstance(node, ast.And):
        return [group for operand in node.operands for group in requirements(operand)]
    if isinstance(node, ast.Or):
        best = [requirements(operand) for operand in node.operands]
        if any(not groups for groups in best):
            return []
        return [frozenset().union(*(max(groups, key=_strength) for groups in best))]
    if isinstance(node, ast.Compare) and node.op in ("matches", "imatches") and isinstance(node.value, ast.String):
        keys, run = _keys(node.path), _regex_text(node.value.value)
        return [frozenset({(keys, run)})] if keys is not None and run else []
    if isinstance(node, ast.Compare) and node.op in ("glob", "iglob") and isinstance(node.value, ast.String):
        keys, fragment = _keys(node.path), _glob_text(node.value.value)
        return [frozenset({(keys, fragment)})] if keys is not None and fragment else []
    if isinstance(node, ast.Compare) and node.op in _TEXT | {"in"}:
        keys = _keys(node.path)
        if keys is None:
            return []
        if node.op == "in":
            texts = [_text("eq", item) for item in node.value.items]
            return [] if not texts or any(t is None for t in texts) else [frozenset((keys, t) for t in texts)]
        text = _text(node.op, node.value)
        return [] if text is None else [frozenset({(keys, text)})]
    return []


def _text(op: str, literal: ast.Expr) -> str | None:
    """The casefolded text a value must contain for ``op literal`` to hold, if it must hold one."""
    if not isinstance(literal, ast.String) or not literal.value:
        return None
    value = literal.value
    if op in ("eq", "ieq") and (json_number(value) is not None or value.casefold() in ("true", "false")
                                or _ISO_DATE.match(value)):
        return None  # such an eq also holds for numbers, booleans or dates: no text is needed
    return value.casefold()


def _glob_text(pattern: str) -> str:
    """The longest run of plain characters in a glob (``*``, ``?`` and ``[...]`` are not plain), casefolded:
    every string the glob matches contains it.

    >>> _glob_text("*ipconfig*|*find*"), _glob_text("a[*]bcd?e")
    ('ipconfig', 'bcd')
    """
    runs = re.split(r"\*|\?|\[[^\]]*\]", pattern)
    return max(runs, key=len).casefold() if runs else ""


def _regex_text(pattern: str) -> str:
    """The longest run of ASCII literal characters at the top level of a regular expression (every match
    contains it, in any case), casefolded; empty when there is none.

    >>> _regex_text(r"cmd.{0,5}/c\\s+powershell"), _regex_text(r"a|b"), _regex_text(r"(?i)ipconfig\\s+/all")
    ('powershell', '', 'ipconfig')
    """
    try:
        parsed = _sre.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return ""
    best = run = ""
    for op, argument in parsed:
        if op is _LITERAL and argument < 128:
            run += chr(argument)
        else:
            best, run = max(best, run, key=len), ""
    return max(best, run, key=len).casefold()


def _keys(path: ast.Path) -> tuple[str, ...] | None:
    if all(isinstance(step, ast.Key) for step in path.steps):
        return tuple(step.name for step in path.steps)
    return None


def _selective(text: str) -> bool:
    """Whether a text is worth an automaton entry: two characters, or one outside ASCII (an emoji)."""
    return len(text) >= 2 or not text.isascii()


@lru_cache(maxsize=1 << 16)
def _strength(found: frozenset[Anchor]) -> tuple[int, int]:
    """Prefer anchors whose shortest text is longest (rarer), then fewer of them (a group is judged once:
    nested ``or``s of hundreds of texts would otherwise be measured again at every level)."""
    return min(len(text) for _, text in found), -len(found)


#: Anchor groups kept per rule (the strongest): each must be met before the rule runs.
MAX_GROUPS = 8


class PackPlan:
    """``plan(record)`` → the indices of the rules that hold, in order, running only the likely ones.

    A rule runs when each of its anchor groups (up to :data:`MAX_GROUPS`, the strongest) has a text found
    in its field; rules without anchors always run.  ``groups`` may give each condition's anchor groups
    (:func:`anchor_groups`) worked out before; ``functions`` is used as given, so an entry may be a stand-in
    that compiles its rule on the first call and puts the compiled function in its place.
    """

    def __init__(self, functions: list[Callable[[Any], bool]], conditions: list[ast.Expr],
                 groups: list[list[frozenset[Anchor]]] | None = None) -> None:
        self.functions = functions
        always: list[int] = []
        owners: dict[tuple[str, ...], dict[str, tuple[list[int], list[tuple[int, int]]]]] = {}
        self.full: dict[int, int] = {}
        for index, condition in enumerate(conditions):
            chosen = anchor_groups(condition) if groups is None else groups[index]
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


def anchor_groups(condition: ast.Expr) -> list[frozenset[Anchor]]:
    """The anchor groups a plan keeps for a condition: the strongest :data:`MAX_GROUPS` of its selective
    :func:`requirements` (empty: the rule always runs).

    >>> from condition_engine import parse
    >>> anchor_groups(parse('a icontains "xy" and b exists')), anchor_groups(parse('a icontains "x"'))
    ([frozenset({(('a',), 'xy')})], [])
    """
    return sorted((g for g in requirements(condition) if all(_selective(t) for _, t in g)),
                  key=_strength, reverse=True)[:MAX_GROUPS]


def _strings(value: list) -> list[str]:
    out = []
    for item in value:
        if item.__class__ is str:
            out.append(item)
        elif item.__class__ is list:
            out.extend(_strings(item))
    return out


def plan(functions: list[Callable[[Any], bool]], conditions: list[ast.Expr],
         groups: list[list[frozenset[Anchor]]] | None = None) -> Callable[[Any], list[int]] | None:
    """A PackPlan for a large pack, or None where it would not help (few rules, no pyahocorasick)."""
    if ahocorasick is None or len(conditions) < MIN_RULES:
        return None
    return PackPlan(functions, conditions, groups)
