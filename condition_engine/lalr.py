"""The LALR loop over the tables Lark built from ``grammar/condition.lark``: the parser's fast path.

Lark's own loop is general (interactive parsing, error recovery) and on every step compares its
grammar's name tokens with plain strings and its rules with state numbers.  This loop runs the same
tables and the same tree-building callbacks with each step reduced to dictionary lookups: a shift
pushes a state, a reduction calls Lark's callback for the rule.  On input the tables reject it
gives up (:class:`Rejected`), and the parser runs Lark's own loop for its exact error.
"""
from __future__ import annotations

from typing import Any

from lark import Lark
from lark.exceptions import UnexpectedCharacters
from lark.parsers.lalr_analysis import Shift

from .lexer import ConditionLexer

#: A step: the next state (shift), or (number of children, callback, name of the rule reduced).
Step = Any


class Rejected(Exception):
    """The tables have no step for this input; Lark's own parser will say why."""


class Tables:
    """A Lark LALR parser's tables, read once into plain dictionaries."""

    def __init__(self, lark: Lark) -> None:
        parser = lark.parser.parser.parser  # lark's LALR _Parser: parse table and callbacks
        table, callbacks = parser.parse_table, parser.callbacks
        self.lexer: ConditionLexer = lark.parser.lexer
        self.start, self.end = table.start_states["start"], table.end_states["start"]
        self.steps: dict[int, dict[str, Step]] = {}
        for state, actions in table.states.items():
            self.steps[state] = {
                str(name): arg if action is Shift else
                (len(arg.expansion), callbacks[arg], str(arg.origin.name))
                for name, (action, arg) in actions.items()
            }

    def parse(self, text: str) -> Any:
        """What Lark's ``parse`` returns for ``text``; :class:`Rejected` where Lark would raise."""
        steps, stack = self.steps, [self.start]
        values: list[Any] = []

        def accepts_now() -> dict[str, Step]:
            return steps[stack[-1]]

        try:
            for token in self.lexer.tokens(text, accepts_now):
                self._feed(token.type, token, stack, values)
            return self._feed("$END", None, stack, values)
        except (KeyError, UnexpectedCharacters):  # no step for this token, or no token here
            raise Rejected from None

    def _feed(self, kind: str, token: Any, stack: list[int], values: list[Any]) -> Any:
        steps, end = self.steps, self.end
        while True:
            step = steps[stack[-1]][kind]
            if step.__class__ is int:  # shift
                stack.append(step)
                values.append(token)
                return None
            size, callback, name = step  # reduce, then go to the state after the rule's name
            if size:
                children = values[-size:]
                del stack[-size:]
                del values[-size:]
            else:
                children = []
            values.append(callback(children))
            stack.append(steps[stack[-1]][name])
            if token is None and stack[-1] == end:
                return values[-1]
