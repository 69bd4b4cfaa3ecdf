"""Rules a SQL engine cannot express, run by the Python engine over the same rows.

A rule whose condition has no faithful SQL (an IPv6 ``cidr``, …) does not abort a SQL scan: it is named in
a warning and evaluated by the Python engine over the same files, and its findings are merged with the SQL
engine's, record by record, in the Python engine's order — so the findings equal the Python engine's.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import UnsupportedError
from ..rules.pack import LoadedRule
from ..scan.engine import ScanOptions, ScanStats, scan
from .compiler import KeyLookups, to_sql_expression


def split_expressible(rules: list[LoadedRule], dialect: str = "duckdb", lookups: bool = True,
                      compile: Callable[[LoadedRule], Any] | None = None,
                      ) -> tuple[list[LoadedRule], list[LoadedRule], list[str]]:
    """(rules the dialect expresses, rules it does not, a warning naming each of those and why); ``compile``
    (optional) writes a rule's SQL otherwise (it raises UnsupportedError for a rule it cannot express).

    >>> from condition_engine import load_rules
    >>> expressed, python, notes = split_expressible(list(load_rules().filter(ids=["AWS.CMK.KeyRotation"])))
    >>> len(expressed), python, notes
    (1, [], [])
    """
    expressed, python, notes = [], [], []
    for rule in rules:
        try:
            if compile is not None:
                compile(rule)
            else:
                to_sql_expression(rule.condition, dialect, "json", "record", lookups=KeyLookups() if lookups else None)
        except UnsupportedError as error:
            python.append(rule)
            notes.append(f"{rule.path}: warning: rule {rule.id} ({rule.title}) runs in the Python engine over "
                         f"the same rows: {error.message}")
        else:
            expressed.append(rule)
    return expressed, python, notes


#: A finding the Python engine made, held until its record's turn: make's arguments.
Held = tuple[LoadedRule, Any, str, int, Any]


class PythonMatches:
    """The Python engine's matches of some rules over a batch of files, keyed (file number, line), handed
    out in order as the SQL engine's rows (in the same order) come by."""

    def __init__(self, rules: list[LoadedRule], options: ScanOptions, batch: list[str]) -> None:
        numbers = {name: number for number, name in enumerate(batch)}
        self.rules = rules
        self.held: dict[tuple[int, int], list[Held]] = {}
        if rules:
            def keep(*args: Any) -> Held:
                return args

            def hold(args: Held) -> None:
                self.held.setdefault((numbers[args[2]], args[3]), []).append(args)

            scan(batch, rules, hold, options, make=keep)
        self.order = sorted(self.held, reverse=True)  # the next key last

    def before(self, key: tuple[int, int] | None, stats: ScanStats, emit: Callable[[Any], None],
               make: Callable[..., Any]) -> None:
        """Emit the findings of records before ``key`` (all that are left: None) that no SQL row holds."""
        while self.order and (key is None or self.order[-1] < key):
            for args in self.held.pop(self.order.pop()):
                stats.per_rule[args[0].id] += 1
                emit(make(*args))

    def take(self, key: tuple[int, int]) -> set[str]:
        """The ids of the rules that matched the record at ``key`` (which a SQL row holds too)."""
        if self.order and self.order[-1] == key:
            self.order.pop()
            return {args[0].id for args in self.held.pop(key)}
        return set()

    def take_any(self, key: tuple[int, int]) -> set[str]:
        """The ids of the rules that matched the record at ``key``, taken in any order (see :meth:`rest`)."""
        return {args[0].id for args in self.held.pop(key, ())}

    def rest(self, stats: ScanStats, make: Callable[..., Any],
             skip: Callable[[tuple[int, int]], bool]) -> list[tuple[tuple[int, int], Any]]:
        """The findings not taken, with their keys, except those of records ``skip`` names (evaluated whole
        elsewhere); all are handed out after this."""
        found = []
        for key in sorted(self.held):
            if not skip(key):
                for args in self.held[key]:
                    stats.per_rule[args[0].id] += 1
                    found.append((key, make(*args)))
        self.held.clear()
        self.order.clear()
        return found
