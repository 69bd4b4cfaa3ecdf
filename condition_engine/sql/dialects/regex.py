"""Regular expressions written for Python's ``re``, checked against a dialect's engine.

A pattern is parsed with Python's own parser; a construct the engine lacks, or reads differently,
is refused with an UnsupportedError naming it and the dialect — never SQL that means something else.
"""
from __future__ import annotations

import re
from typing import Any

from ...errors import UnsupportedError

try:
    from re import _parser as _sre
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre

#: Python constructs RE2 (DuckDB, BigQuery) does not support.
RE2_MISSING = {"ASSERT": "lookaround", "ASSERT_NOT": "negative lookaround", "GROUPREF": "a backreference",
               "GROUPREF_EXISTS": "a conditional group", "ATOMIC_GROUP": "an atomic group",
               "POSSESSIVE_REPEAT": "a possessive quantifier"}
#: Besides those, what PostgreSQL's regular expressions read differently from Python's.
_POSTGRES_AT = {"AT_BOUNDARY": r"a word boundary (\b)", "AT_NON_BOUNDARY": r"a non-boundary (\B)"}
POSTGRES_MISSING: dict[str, str | dict[str, str]] = dict(RE2_MISSING, AT=_POSTGRES_AT)
#: Snowflake's POSIX-style expressions: no groups that do not capture, no lazy quantifiers either.
SNOWFLAKE_MISSING = dict(POSTGRES_MISSING, MIN_REPEAT="a lazy quantifier", SUBPATTERN="a group that does not capture")
SNOWFLAKE_MISSING["AT"] = dict(_POSTGRES_AT, AT_BEGINNING_STRING=r"\A", AT_END_STRING=r"\Z")


def _walk(items, found: list[tuple[str, Any]]) -> None:
    for op, arg in items:
        found.append((str(op), arg))
        for part in (arg if isinstance(arg, (list, tuple)) else [arg]):
            if isinstance(part, _sre.SubPattern):
                _walk(part, found)
            elif isinstance(part, (list, tuple)):
                for sub in part:
                    if isinstance(sub, _sre.SubPattern):
                        _walk(sub, found)


def check(pattern: str, dialect: str, missing: dict, engine: str) -> None:
    """Raise UnsupportedError when ``pattern`` uses a construct in ``missing``."""
    found: list[tuple[str, Any]] = []
    parsed = _sre.parse(pattern)
    _walk(parsed, found)
    for op, arg in found:
        what = missing.get(op)
        if isinstance(what, dict):
            what = what.get(str(arg))
        elif op == "SUBPATTERN" and arg[0] is not None:  # only groups that do not capture count
            what = None
        if what:
            raise UnsupportedError(f"regular expression {pattern!r} uses {what}, which {dialect}'s {engine} "
                                   f"regular expressions do not support")


def check_re2(pattern: str, dialect: str) -> None:
    """Refuse what RE2 lacks (DuckDB, BigQuery)."""
    check(pattern, dialect, RE2_MISSING, "RE2")


def leading_flags(pattern: str) -> tuple[str, str]:
    """(the inline flags a pattern starts with, the rest): ``"(?is)ab"`` gives ``("is", "ab")``."""
    match = re.match(r"\(\?([aiLmsux]+)\)", pattern)
    return (match.group(1), pattern[match.end():]) if match else ("", pattern)


def dot_without_newline(pattern: str) -> str:
    """``pattern`` with each ``.`` outside brackets written ``[^\\n]``: Python's ``.`` without DOTALL.

    >>> dot_without_newline(r"a.b[.]\\.")
    'a[^\\\\n]b[.]\\\\.'
    """
    out, i, end = [], 0, len(pattern)
    while i < end:
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if c == "[":  # copy the class whole: a "]" right after "[" or "[^" is a member
            j = i + 1
            if j < end and pattern[j] == "^":
                j += 1
            if j < end and pattern[j] == "]":
                j += 1
            while j < end and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            out.append(pattern[i:j + 1])
            i = j + 1
            continue
        out.append("[^\\n]" if c == "." else c)
        i += 1
    return "".join(out)
