"""A finding about a condition: a stable code, a severity, a message and its location (lint, exclusions)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .. import ast


@dataclass(frozen=True)
class Finding:
    """One lint finding: a stable code, a severity, a message and where it points."""

    code: str
    severity: str
    message: str
    span: ast.Span | None = None

    DESCRIPTIONS: ClassVar[dict[str, str]] = {
        "CE001": "contradiction: the predicates cannot all hold",
        "CE002": "tautology: one of the predicates always holds",
        "CE003": "the same predicate appears twice",
        "CE004": "an exclusion that can never apply given the requirements",
        "CE005": "an exclusion that suppresses everything the requirements allow",
        "CE006": "a negated predicate in an exclusion on a field that may be absent",
        "CE007": "a regular expression with nested quantifiers (catastrophic backtracking)",
        "CE008": "an empty string test that every string passes",
        "CE009": "an ordering comparison against null or a boolean, which is never true",
        "CE010": "an exclusion group implied by another (redundant)",
        "CE011": "a field that appears in no test record of the rule or of rules for its types (needs a pack)",
        "CE012": "a field compared with itself (field(path) naming the compared path)",
        "CE301": "unsatisfiable: no record can match (proved by the solver; lint --exact)",
        "CE302": "a tautology: every record matches (proved by the solver; lint --exact)",
        "CE303": "an exclusion group shadowed by another: it suppresses nothing the other does not "
                 "(proved by the solver; lint --exact)",
        "CE304": "an exclusion clause the requirements rule out, which can never fire (proved by the solver; "
                 "lint --exact)",
        "CE101": "a stale exclusion: it suppressed nothing in the data scanned (needs a report)",
        "CE102": "a shadowed exclusion: another group suppressed every record it did (needs a report)",
        "CE103": "an over-broad exclusion: it suppressed more than N % of what the requirements matched "
                 "(needs a report)",
    }

    #: Findings that need more than the condition: a pack's test records, or a scan's report.
    NEEDS_DATA: ClassVar[frozenset[str]] = frozenset({"CE011", "CE101", "CE102", "CE103"})
    #: Findings the solver proves (``lint(exact=True)``, the reason extra).
    EXACT: ClassVar[frozenset[str]] = frozenset({"CE301", "CE302", "CE303", "CE304"})

    def to_dict(self) -> dict:
        span = None if self.span is None else self.span.model_dump()
        return {"code": self.code, "severity": self.severity, "message": self.message, "span": span}

    def __str__(self) -> str:
        where = f"{self.span.line}:{self.span.column}: " if self.span else ""
        return f"{where}{self.severity}[{self.code}]: {self.message}"


def and_leaves(node: ast.Expr) -> list[ast.Expr]:
    """The predicates of a top-level conjunction (none from an ``or``).

    >>> from condition_engine import parse, to_text
    >>> [to_text(p) for p in and_leaves(parse('a eq 1 and (b eq 2 or c eq 3)'))]
    ['a eq 1']
    """
    if isinstance(node, ast.And):
        return [leaf for o in node.operands for leaf in and_leaves(o)]
    if isinstance(node, ast.Or):
        return []
    return [node]
