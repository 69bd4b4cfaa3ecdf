"""A fast contextual lexer for the grammar's own terminals.

Lark's contextual lexer decides keyword-or-field by the parser state, which is what lets `order`,
`in` or `null` be field names; it does so with one scanner per state and costs more than the rest
of parsing.  This lexer takes every terminal's pattern from ``grammar/condition.lark`` (nothing is
restated here), scans with one master expression, and decides a word's kind the same way: the
keyword when the parser accepts that keyword here, else a field name.
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from lark import Token
from lark.exceptions import UnexpectedCharacters
from lark.common import LexerConf
from lark.lexer import Lexer

_SCANNED = ("STRING", "NUMBER", "QUOTED_FIELD", "URN_FIELD", "FIELD")
_PUNCTUATION = {"(": "LPAR", ")": "RPAR", "[": "LSQB", "]": "RSQB", ".": "DOT", ",": "COMMA"}
_KEYWORDS = ("NOT", "_AND", "_OR", "COMPARATOR", "IN", "UNARY", "TRUE", "FALSE", "NULL")


class ConditionLexer(Lexer):
    """Lark custom lexer (interface 2): tokens for the LALR parser, typed by parser state."""

    __future_interface__ = 2

    def __init__(self, conf: LexerConf) -> None:
        terminals = conf.terminals_by_name
        scanned = "|".join(f"(?P<{name}>{terminals[name].pattern.to_regexp()})" for name in _SCANNED)
        self._master = re.compile(scanned + r"|(?P<PUNCT>[()\[\].,])")
        self._space = re.compile("|".join(terminals[name].pattern.to_regexp() for name in conf.ignore))
        self._keyword_patterns = [
            (name, re.compile(terminals[name].pattern.to_regexp())) for name in _KEYWORDS
        ]
        self._index = re.compile(terminals["INDEX"].pattern.to_regexp())
        self._terminals_by_name = terminals
        self._keyword_of: dict[str, str | None] = {}

    def _keyword(self, word: str) -> str | None:
        lowered = word.lower()
        if lowered not in self._keyword_of:
            self._keyword_of[lowered] = next(
                (name for name, pattern in self._keyword_patterns if pattern.fullmatch(word)), None
            )
        return self._keyword_of[lowered]

    def lex(self, lexer_state: Any, parser_state: Any) -> Iterator[Token]:
        text = getattr(lexer_state.text, "text", lexer_state.text)
        states = parser_state.parse_conf.parse_table.states
        master, space = self._master.match, self._space.match
        pos, end, line, line_start = 0, len(text), 1, 0
        while True:
            gap = space(text, pos)
            if gap:
                newlines = text.count("\n", pos, gap.end())
                if newlines:
                    line += newlines
                    line_start = text.rfind("\n", pos, gap.end()) + 1
                pos = gap.end()
            if pos >= end:
                return
            accepts = states[parser_state.position]
            found = master(text, pos)
            if found is None:
                raise UnexpectedCharacters(
                    text, pos, line, pos - line_start + 1, allowed=set(accepts),
                    state=parser_state, terminals_by_name=self._terminals_by_name)
            kind, value = found.lastgroup, found.group()
            if kind == "PUNCT":
                kind = _PUNCTUATION[value]
            elif kind == "FIELD":
                keyword = self._keyword(value)
                if keyword is not None and (keyword in accepts or "FIELD" not in accepts):
                    kind = keyword
            elif kind == "NUMBER" and "INDEX" in accepts and self._index.fullmatch(value):
                kind = "INDEX"
            column = pos - line_start + 1
            token = Token(kind, value, pos, line, column, line, column + len(value), found.end())
            if kind == "QUOTED_FIELD" and "\n" in value:
                line += value.count("\n")
                line_start = pos + value.rfind("\n") + 1
            pos = found.end()
            lexer_state.last_token = token
            yield token
