"""Words for the parser's errors: what was expected, and what the user probably meant."""
from __future__ import annotations

import difflib

from .ast import ALIASES, OPERATORS

#: Operator spellings from other languages, mapped to ours.
SYNONYMS: dict[str, str] = {
    "=": "eq", "==": "eq", "===": "eq", "equals": "eq", "equal": "eq", "is": "eq",
    "!=": "ne", "<>": "ne", "!==": "ne", "not_equals": "ne", "neq": "ne",
    ">": "gt", ">=": "ge", "<": "lt", "<=": "le", "gte": "ge", "lte": "le",
    "=~": "matches", "~": "matches", "regex": "matches", "re": "matches", "match": "matches",
    "like": "glob", "wildcard": "glob", "has": "contains", "includes": "contains",
    "starts_with": "startswith", "begins_with": "startswith", "beginswith": "startswith",
    "ends_with": "endswith", "present": "exists", "exist": "exists", "notnull": "exists",
}
KNOWN_WORDS = tuple(OPERATORS) + tuple(ALIASES) + ("exists", "pr")

_CATEGORIES: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"FIELD", "QUOTED_FIELD", "URN_FIELD"}), "a field name"),
    (frozenset({"LPAR"}), "'('"),
    (frozenset({"NOT"}), "'not'"),
    (frozenset({"COMPARATOR", "UNARY", "IN"}), "an operator such as eq, ne, contains or exists"),
    (frozenset({"STRING", "NUMBER", "TRUE", "FALSE", "NULL"}),
     "a value (a string, a number, true, false or null)"),
    (frozenset({"FIELD_REF"}), "field(...)"),
    (frozenset({"INDEX"}), "an index"),
    (frozenset({"_AND", "_OR", "AND", "OR"}), "'and', 'or'"),
    (frozenset({"RPAR"}), "')'"),
    (frozenset({"RSQB"}), "']'"),
    (frozenset({"COMMA"}), "','"),
    (frozenset({"$END"}), "the end of the condition"),
)


def expected_words(expected: set[str]) -> str:
    """Describe a set of Lark terminal names in words, most important first.

    >>> expected_words({"FIELD", "LPAR", "NOT"})
    "a field name, '(' or 'not'"
    """
    if expected & {"COMPARATOR", "UNARY", "IN"}:
        return "an operator such as eq, ne, contains or exists"
    if "IN" in expected and "LSQB" in expected:
        return "a list such as [\"a\", \"b\"]"
    words = [text for names, text in _CATEGORIES if expected & names]
    if not words and "LSQB" in expected:
        words = ['a list such as ["a", "b"]']
    if not words:
        return "something else"
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " or " + words[-1]


def suggest_operator(word: str) -> str | None:
    """The operator a mistyped or foreign operator word most likely meant.

    >>> suggest_operator("equals"), suggest_operator("startsWit"), suggest_operator("zzz")
    ('eq', 'startswith', None)
    """
    lowered = word.lower()
    if lowered in SYNONYMS:
        return SYNONYMS[lowered]
    close = difflib.get_close_matches(lowered, KNOWN_WORDS, n=1, cutoff=0.75)
    return close[0] if close else None
