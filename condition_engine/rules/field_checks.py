"""Field names checked against the records a pack's tests hold: a misspelt field never matches.

A rule's condition reads fields; its own tests and the tests of rules for the same log or resource
types show which fields such records have.  A field that appears in none of them is probably a typo
(``eventNmae``) and gets finding CE011 with the closest known field.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Any

from .. import ast
from ..analysis.lint import Finding
from ..interpreter import as_node
from .pack import LoadedRule


def record_paths(value: Any, prefix: str = "") -> Iterator[str]:
    """Every dotted key path in a record; lists are transparent.

    >>> sorted(record_paths({"a": {"b": 1}, "Tags": [{"Key": "x"}]}))
    ['Tags', 'Tags.Key', 'a', 'a.b']
    """
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            yield path
            yield from record_paths(item, path)
    elif isinstance(value, list):
        for item in value:
            yield from record_paths(item, prefix)


def known_fields(rules: Iterable[LoadedRule]) -> set[str]:
    """The key paths of every test record of ``rules``; a path that holds an object somewhere is also
    listed with a trailing ``.`` (so that ``a.typo`` is flagged where ``a`` is an object).

    >>> sorted(known_fields([]))
    []
    """
    return fields_of_records(record for rule in rules for test in rule.model.Tests for record in test.records)


def fields_of_records(records: Iterable[Any]) -> set[str]:
    """The key paths of records, and ``path.`` for each path that holds an object (see :func:`known_fields`).

    >>> sorted(fields_of_records([{"a": {"b": 1}}]))
    ['a', 'a.', 'a.b']
    """
    out: set[str] = set()
    for record in records:
        out.update(record_paths(record))
        out.update(f"{path}." for path in _containers(record))
    return out


def _containers(value: Any, prefix: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(item, dict) or (isinstance(item, list) and any(isinstance(i, dict) for i in item)):
                yield path
            yield from _containers(item, path)
    elif isinstance(value, list):
        for item in value:
            yield from _containers(item, prefix)


def neighbours(rule: LoadedRule, pack: Iterable[LoadedRule]) -> list[LoadedRule]:
    """The rule and the rules of the pack that share one of its types (every rule, for an untyped one)."""
    types = set(rule.types)
    return [other for other in pack if other is rule or not types or set(other.types) & types]


def condition_paths(condition: ast.Expr, prefix: str = "") -> Iterator[tuple[str, ast.Span | None]]:
    """(dotted key path, span) for each field a condition reads; value filters read relative to their list.

    >>> [p for p, _ in condition_paths(as_node('a.b eq 1 and Tags[Key eq "x"] and c[0] exists'))]
    ['a.b', 'Tags', 'Tags.Key', 'c']
    """
    if isinstance(condition, (ast.And, ast.Or)):
        for operand in condition.operands:
            yield from condition_paths(operand, prefix)
        return
    if isinstance(condition, ast.Not):
        yield from condition_paths(condition.operand, prefix)
        return
    keys: list[str] = []
    nested: list[tuple[str, ast.Expr]] = []
    for step in condition.path.steps:
        if isinstance(step, ast.Key):
            keys.append(step.name)
        elif isinstance(step, ast.Filter):
            nested.append((".".join(keys), step.condition))
    yield prefix + ".".join(keys), condition.path.span or condition.span
    for outer, inner in nested:
        yield from condition_paths(inner, f"{prefix}{outer}.")


RULE_SCOPE = "this rule or of rules for its types"


def unknown_fields(condition: str | ast.Expr, known: set[str], scope: str = RULE_SCOPE,
                   only_likely_typos: bool = False) -> list[Finding]:
    """CE011 for each field of the condition that no known record has (nothing when nothing is known;
    with ``only_likely_typos``, only those close to a known field).

    >>> [str(f) for f in unknown_fields('eventNmae eq "ConsoleLogin"', {"eventName", "userName"})]
    ["1:1: warning[CE011]: field 'eventNmae' appears in no test record of this rule or of rules for its types; did you mean 'eventName'?"]
    """
    if not known:
        return []
    out, seen = [], set()
    known_names = sorted(k for k in known if not k.endswith("."))
    for path, span in condition_paths(as_node(condition)):
        if not path or path in known or path in seen or _under_a_leaf(path, known):
            continue
        seen.add(path)
        close = difflib.get_close_matches(path, known_names, n=1, cutoff=0.75)
        if only_likely_typos and not close:
            continue
        hint = f"; did you mean {close[0]!r}?" if close else ""
        out.append(Finding("CE011", "warning", f"field {path!r} appears in no test record of {scope}{hint}", span))
    return out


def _under_a_leaf(path: str, known: set[str]) -> bool:
    """Whether test records have a prefix of the path only as a leaf (null or text where this rule's records
    may nest): nothing tells whether the rest is misspelt."""
    parts = path.split(".")
    for end in range(len(parts) - 1, 0, -1):
        prefix = ".".join(parts[:end])
        if prefix in known:
            return prefix + "." not in known
    return False
