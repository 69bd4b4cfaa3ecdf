"""Anchors: the (field, text) pairs a record must hold for a condition to be true.

Most detection rules need some field to hold some text: ``CommandLine icontains "-enc"``, ``Image
iendswith "\\\\whoami.exe"``.  :func:`requirements` finds the groups of (field keys, casefolded text) that must
each be met (by one of its pairs) for a condition to hold; :func:`anchor_groups` keeps the strongest, as a
large pack's plan (``scan.plan``) uses them.  They depend on the condition alone, so the Sigma cache keeps
them beside the rule: a scan from a warm cache need not build a condition to plan it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import ast
from ..semantics import _ISO_DATE, json_number

try:  # Python's own regular-expression parser (moved in 3.11)
    from re import _parser as _sre
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre
_LITERAL = _sre.LITERAL

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
            items = node.value.items if isinstance(node.value, ast.List) else ()
            texts = [text for item in items if (text := _text("eq", item)) is not None]
            return [frozenset((keys, text) for text in texts)] if texts and len(texts) == len(items) else []
        text = _text(node.op, node.value)
        return [] if text is None else [frozenset({(keys, text)})]
    return []


def _text(op: str, literal: object) -> str | None:
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
    """The keys of a keys-only path; None for a path with an index or a value filter."""
    keys = tuple(step.name for step in path.steps if isinstance(step, ast.Key))
    return keys if len(keys) == len(path.steps) else None


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


def anchor_groups(condition: ast.Expr) -> list[frozenset[Anchor]]:
    """The anchor groups a plan keeps for a condition: the strongest :data:`MAX_GROUPS` of its selective
    :func:`requirements` (empty: the rule always runs).

    >>> from condition_engine import parse
    >>> anchor_groups(parse('a icontains "xy" and b exists')), anchor_groups(parse('a icontains "x"'))
    ([frozenset({(('a',), 'xy')})], [])
    """
    return sorted((g for g in requirements(condition) if all(_selective(t) for _, t in g)),
                  key=_strength, reverse=True)[:MAX_GROUPS]
