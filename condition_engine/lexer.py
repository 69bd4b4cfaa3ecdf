"""A fast contextual lexer for the grammar's own terminals.

Lark's contextual lexer decides keyword-or-field by the parser state, which is what lets `order`,
`in` or `null` be field names; it does so with one scanner per state and costs more than the rest
of parsing.  This lexer takes every terminal's pattern from ``grammar/condition.lark`` (nothing is
restated here), scans with one master expression, and decides a word's kind the same way: the
keyword when the parser accepts that keyword here, else a field name.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from lark import Token
from lark.common import LexerConf
from lark.exceptions import UnexpectedCharacters
from lark.lexer import Lexer

_SCANNED = ("STRING", "NUMBER", "QUOTED_FIELD", "URN_FIELD", "FIELD")
_PUNCTUATION = {"(": "LPAR", ")": "RPAR", "[": "LSQB", "]": "RSQB", ".": "DOT", ",": "COMMA"}
_UNSEEN = "<unseen>"  # a word not looked up yet (compared by identity; no keyword is named so)
_WORDS_KEPT = 4096
_KEYWORDS = ("NOT", "_AND", "_OR", "COMPARATOR", "IN", "UNARY", "TRUE", "FALSE", "NULL", "FIELD_REF")


class ConditionLexer(Lexer):
    """Lark custom lexer (interface 2): tokens for the LALR parser, typed by parser state."""

    __future_interface__ = 2

    def __init__(self, conf: LexerConf) -> None:
        terminals = conf.terminals_by_name
        scanned = "|".join(f"(?P<{name}>{terminals[name].pattern.to_regexp()})" for name in _SCANNED)
        space = "|".join(terminals[name].pattern.to_regexp() for name in conf.ignore)
        self._space = re.compile(space)
        self._master = re.compile(f"(?:{space})?(?:{scanned}|(?P<PUNCT>[()\\[\\].,]))")
        self._keyword_patterns = [
            (name, re.compile(terminals[name].pattern.to_regexp())) for name in _KEYWORDS
        ]
        self._index = re.compile(terminals["INDEX"].pattern.to_regexp())
        self._terminals_by_name = terminals
        self._words: dict[str, str | None] = {}  # each word as written: its keyword or None

    def _keyword(self, word: str) -> str | None:
        return next((name for name, pattern in self._keyword_patterns if pattern.fullmatch(word)), None)

    def lex(self, lexer_state: Any, parser_state: Any) -> Iterator[Token]:
        """Lark's entry point: tokens typed by the state of Lark's own parser."""
        states = parser_state.parse_conf.parse_table.states
        for token in self.tokens(getattr(lexer_state.text, "text", lexer_state.text),
                                 lambda: states[parser_state.position], parser_state):
            lexer_state.last_token = token
            yield token

    def tokens(self, text: str, accepts_now: Callable[[], Any], state: Any = None) -> Iterator[Token]:
        """The tokens of ``text``; ``accepts_now()`` gives the terminals the parser accepts next."""
        master, keyword_of = self._master.match, self._words
        pos, end, line, line_start = 0, len(text), 1, 0
        multiline = "\n" in text
        while True:
            found = master(text, pos)  # leading whitespace, then one token
            if found is None:
                gap = self._space.match(text, pos)
                start = gap.end() if gap else pos
                if multiline:
                    line, line_start = _lines(text, pos, start, line, line_start)
                if start >= end:
                    return
                raise UnexpectedCharacters(
                    text, start, line, start - line_start + 1, allowed=set(accepts_now()),
                    state=state, terminals_by_name=self._terminals_by_name)
            kind = found.lastgroup
            assert kind is not None  # every alternative of the master pattern is a named group
            start, pos = found.span(kind)
            value = text[start:pos]
            if multiline:
                line, line_start = _lines(text, found.start(), start, line, line_start)
            if kind == "PUNCT":
                kind = _PUNCTUATION[value]
            elif kind == "FIELD":  # a keyword where the parser accepts it (or accepts no field)
                keyword = keyword_of.get(value, _UNSEEN)
                if keyword is _UNSEEN:
                    if len(keyword_of) > _WORDS_KEPT:
                        keyword_of.clear()
                    keyword = keyword_of[value] = self._keyword(value)
                if keyword is not None:
                    accepts = accepts_now()
                    if keyword in accepts or "FIELD" not in accepts:
                        kind = keyword
            elif kind == "NUMBER" and "INDEX" in accepts_now() and self._index.fullmatch(value):
                kind = "INDEX"
            token = _token(kind, value, start, line, start - line_start + 1, pos)
            if multiline and kind == "QUOTED_FIELD":
                line, line_start = _lines(text, start, pos, line, line_start)
            yield token


def _lines(text: str, start: int, end: int, line: int, line_start: int) -> tuple[int, int]:
    """Line number and offset of the line's start after ``text[start:end]``."""
    newlines = text.count("\n", start, end)
    if newlines:
        return line + newlines, text.rfind("\n", start, end) + 1
    return line, line_start


def _token(kind: str, value: str, start: int, line: int, column: int, end: int) -> Token:
    """A one-line lark Token, built directly (Token() checks deprecated arguments on every call)."""
    token = _str_new(Token, value)
    token.type, token.value, token.start_pos, token.end_pos = kind, value, start, end
    token.line = token.end_line = line
    token.column, token.end_column = column, column + len(value)
    return token


_str_new = str.__new__
