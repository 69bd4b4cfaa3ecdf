"""Condition text parsed once: a bounded cache keyed by the text, as ``re`` and ``jmespath`` keep.

Every public function that takes a condition as text (``evaluate``, ``explain``, ``compile``,
``exclusions``, ``to_sql``, …) reads it through :func:`as_node`, so a loop that passes the same text
again and again parses it once; the prepared (interpreter) and compiled forms are kept per node and per
text next to them.  Nodes are immutable, so sharing one between callers is safe.
"""
from __future__ import annotations

from functools import lru_cache

from . import ast
from .parser import parse

#: How many distinct condition texts are kept (least recently used dropped first), like ``re._MAXCACHE``.
MAXSIZE = 512


@lru_cache(maxsize=MAXSIZE)
def parsed(text: str) -> ast.Expr:
    """The AST of condition text, parsed on first use and reused after (a syntax error is never kept).

    >>> parsed('a eq 1') is parsed('a eq 1')
    True
    """
    return parse(text)


def as_node(condition: str | ast.Expr) -> ast.Expr:
    """A parsed condition from text (through the cache) or an existing node (as it is).

    >>> as_node('KeyState eq "Enabled"').op
    'eq'
    """
    return parsed(condition) if isinstance(condition, str) else condition

