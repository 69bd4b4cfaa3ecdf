"""Routing records to the rules that apply to them, and running those rules in one call.

A record's type is read from the first present of the type fields (Panther-style data:
``p_log_type`` for logs, ``ResourceType`` for resources) or set for a whole input with ``--type``.
Rules with ResourceTypes/LogTypes see only records of those types; rules without types see all.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..compiler import compile_pack
from ..rules.pack import LoadedRule
from .plan import MIN_RULES, PackPlan, ahocorasick

DEFAULT_TYPE_FIELDS = ("p_log_type", "ResourceType")


Route = tuple[Callable[[Any], Any], list[LoadedRule]]


class Router:
    """For each record type, one compiled function running every rule that applies to it.

    ``dispatch`` maps a type to ``(function, rules)`` — the function returns the indices into
    ``rules`` of the rules whose condition holds — and ``default`` serves records of any other
    type (or none); either is None when no rule applies.

    Nothing is compiled for a type until its first record: a type's entry starts as a stand-in that
    builds the type's function, takes its place in ``dispatch`` and answers.  In a large pack's plan a
    rule is compiled when it is first a candidate, so rules whose texts never occur cost nothing.
    """

    def __init__(self, rules: list[LoadedRule], type_fields: tuple[str, ...] = DEFAULT_TYPE_FIELDS) -> None:
        self.rules = rules
        self.type_fields = type_fields
        untyped = [rule for rule in rules if not rule.types]
        by_type: dict[str, list[LoadedRule]] = {}
        for rule in rules:
            for kind in rule.types:
                by_type.setdefault(kind, []).append(rule)
        self.default = self._compile(untyped)
        self.dispatch: dict[str, Route | None] = {}
        for kind in sorted(by_type):
            self.dispatch[kind] = self._deferred(self.dispatch, kind, untyped + by_type[kind])
        self._several: dict[tuple[str, ...], Route | None] = {}

    def _deferred(self, table: dict[Any, Route | None], key: Any, chosen: list[LoadedRule]) -> Route | None:
        """A route whose function is built on its first call, which then puts the built route in ``table``."""
        if not chosen:
            return None

        def first_call(record: Any) -> Any:
            route = table[key] = self._compile(chosen)
            assert route is not None  # chosen is not empty
            return route[0](record)

        return first_call, chosen

    def _compile(self, chosen: list[LoadedRule]) -> Route | None:
        if not chosen:
            return None
        if len(chosen) >= MIN_RULES and ahocorasick is not None:
            # a large pack: automata pick the rules worth running (same answers), each compiled when first needed;
            # its anchor groups come from the Sigma cache when a rule's condition is not built yet
            functions: list[Callable[[Any], bool]] = []
            functions.extend(_compiled_on_first_call(rule, functions, index) for index, rule in enumerate(chosen))
            return PackPlan(functions, groups=[rule.anchor_groups for rule in chosen]), chosen
        return compile_pack([rule.condition for rule in chosen], [rule.matches for rule in chosen]), chosen

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
            found = self._several[types] = self._deferred(
                self._several, types, [rule for rule in self.rules if not rule.types or wanted & set(rule.types)])
        return found

    def route(self, record_type: str | None) -> tuple[Callable[[Any], list[int]], list[LoadedRule]] | None:
        """The (function, rules) for records of this type, or None when no rule applies."""
        if record_type is None:
            return self.default
        return self.dispatch.get(record_type, self.default)


def _compiled_on_first_call(rule: LoadedRule, functions: list, index: int) -> Callable[[Any], bool]:
    """A stand-in for ``functions[index]``: compiles ``rule.matches`` when first called and takes its place."""
    def first_call(record: Any) -> bool:
        function = functions[index] = rule.matches
        return function(record)

    return first_call
