"""Routing records to the rules that apply to them, and running those rules in one call.

A record's type is read from the first present of the type fields (Panther-style data:
``p_log_type`` for logs, ``ResourceType`` for resources) or set for a whole input with ``--type``.
Rules with ResourceTypes/LogTypes see only records of those types; rules without types see all.
"""
from __future__ import annotations

from typing import Any, Callable

from ..compiler import compile_pack
from ..rules.pack import LoadedRule
from .plan import plan

DEFAULT_TYPE_FIELDS = ("p_log_type", "ResourceType")


class Router:
    """For each record type, one compiled function running every rule that applies to it.

    ``dispatch`` maps a type to ``(function, rules)`` — the function returns the indices into
    ``rules`` of the rules whose condition holds — and ``default`` serves records of any other
    type (or none); either is None when no rule applies.
    """

    def __init__(self, rules: list[LoadedRule], type_fields: tuple[str, ...] = DEFAULT_TYPE_FIELDS) -> None:
        self.rules = rules
        self.type_fields = type_fields
        untyped = [rule for rule in rules if not rule.types]
        types = sorted({t for rule in rules for t in rule.types})
        self.default = self._compile(untyped)
        self.dispatch: dict[str, tuple[Callable[[Any], list[int]], list[LoadedRule]] | None] = {
            t: self._compile(untyped + [rule for rule in rules if t in rule.types]) for t in types
        }
        self._several: dict[tuple[str, ...], tuple[Callable[[Any], list[int]], list[LoadedRule]] | None] = {}

    @staticmethod
    def _compile(chosen: list[LoadedRule]) -> tuple[Callable[[Any], list[int]], list[LoadedRule]] | None:
        if not chosen:
            return None
        functions, conditions = [rule.matches for rule in chosen], [rule.condition for rule in chosen]
        # a large pack: automata pick the rules worth running (same answers); else one generated function
        return (plan(functions, conditions) or compile_pack(conditions, functions)), chosen

    def type_of(self, record: Any) -> str | None:
        """The record's type, from the first type field present.

        >>> Router([]).type_of({"p_log_type": "AWS.CloudTrail"})
        'AWS.CloudTrail'
        """
        if isinstance(record, dict):
            for name in self.type_fields:
                value = record.get(name)
                if isinstance(value, str):
                    return value
        return None

    def route_types(self, types: tuple[str, ...]) -> tuple[Callable[[Any], list[int]], list[LoadedRule]] | None:
        """The (function, rules) for a record of several types at once (a Windows event that is both
        ``Sigma.windows.sysmon`` and ``Sigma.windows.registry_set``): each rule once, compiled once per set.

        >>> Router([]).route_types(("A", "B")) is None
        True
        """
        found = self._several.get(types)
        if found is None and types not in self._several:
            wanted = set(types)
            found = self._several[types] = self._compile(
                [rule for rule in self.rules if not rule.types or wanted & set(rule.types)])
        return found

    def route(self, record_type: str | None) -> tuple[Callable[[Any], list[int]], list[LoadedRule]] | None:
        """The (function, rules) for records of this type, or None when no rule applies."""
        if record_type is None:
            return self.default
        return self.dispatch.get(record_type, self.default)
