"""Lint findings: conditions that are valid but probably not what their author meant."""
from __future__ import annotations

import re
from itertools import combinations

from .. import ast
from ..interpreter import as_node
from ..render import path_text, to_text
from .exclusion_findings import static_findings
from .exclusions import exclusions
from .finding import Finding  # noqa: F401 - Finding re-exported
from .finding import and_leaves as _and_leaves
from .leaves import field_of, predicate_of
from .normal_forms import negate, to_nnf
from .reasoning import disjoint, implies, requires_value

try:  # the regular-expression parser moved in Python 3.11
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse


def lint(condition: str | ast.Expr, *, exact: bool = False) -> list[Finding]:
    """All lint findings for a condition, in source order; ``exact`` adds the solver's (CE301–CE304,
    needs ``pip install 'condition-engine[reason]'``).

    >>> [f.code for f in lint('a eq 1 and a eq 2')]
    ['CE001']
    """
    node = as_node(condition)
    findings: list[Finding] = []
    _walk(node, findings)
    _exclusion_findings(node, findings)
    findings.extend(static_findings(node))
    if exact:
        from .solver.exact_lint import exact_lint

        findings.extend(exact_lint(node))
    unique = list(dict.fromkeys(findings))
    return sorted(unique, key=lambda f: ((f.span.start if f.span else -1), f.code))


def _walk(node: ast.Expr, out: list[Finding]) -> None:
    if isinstance(node, (ast.And, ast.Or)):
        operands = node.operands
        for a, b in combinations(operands, 2):
            if a == b:
                out.append(Finding("CE003", "warning", f"duplicate predicate: {to_text(b)}", b.span))
        leaves = [o for o in operands if not isinstance(to_nnf(o), (ast.And, ast.Or))]
        for a, b in combinations(leaves, 2):
            if isinstance(node, ast.And) and disjoint(to_nnf(a), to_nnf(b)):
                certain = negate(a) == to_nnf(b) or {requires_value(to_nnf(a)), requires_value(to_nnf(b))} \
                    == {True, False} and "null" in to_text(a) + to_text(b)
                caveat = "" if certain else f" (unless {field_of(predicate_of(a))} is a list)"
                out.append(Finding("CE001", "error", f"contradiction: {to_text(a)} and {to_text(b)} "
                                                     f"cannot both hold{caveat}", b.span))
            if isinstance(node, ast.Or) and negate(a) == to_nnf(b):
                out.append(Finding("CE002", "warning",
                                   f"tautology: {to_text(a)} or {to_text(b)} is always true", b.span))
        for operand in operands:
            _walk(operand, out)
    elif isinstance(node, ast.Not):
        _walk(node.operand, out)
    else:
        _predicate_findings(node, out)
        for step in node.path.steps:
            if isinstance(step, ast.Filter):
                _walk(step.condition, out)


def _predicate_findings(node: ast.Expr, out: list[Finding]) -> None:
    if not isinstance(node, ast.Compare):
        return
    if isinstance(node.value, ast.FieldRef):
        if node.value.path == node.path:
            out.append(Finding("CE012", "warning", f"{to_text(node)} compares {path_text(node.path)} with "
                               "itself", node.span))
        return
    # the string operators take a string (check_operand)
    if node.op in ("matches", "imatches") and isinstance(node.value, ast.String) \
            and nested_quantifier(node.value.value):
        out.append(Finding("CE007", "warning",
                           f"regular expression {node.value.value!r} nests quantifiers and can backtrack "
                           "catastrophically on long values", node.value.span or node.span))
    if node.op in ("contains", "icontains", "startswith", "istartswith", "endswith", "iendswith") \
            and isinstance(node.value, ast.String) and node.value.value == "":
        out.append(Finding("CE008", "warning",
                           f"{to_text(node)} is true for every string value", node.span))
    if node.op in ("gt", "ge", "lt", "le") and isinstance(node.value, (ast.Null, ast.Boolean)):
        out.append(Finding("CE009", "warning",
                           f"{to_text(node)} is never true: ordering applies to numbers and strings", node.span))


def _exclusion_findings(node: ast.Expr, out: list[Finding]) -> None:
    table = exclusions(node)
    required = [to_nnf(r) for r in table.requirements]
    required_leaves = [leaf for r in required for leaf in _and_leaves(r)]
    for group in table.groups:
        if group.clauses is None:
            continue
        clauses = group.clauses
        if required_leaves and all(any(disjoint(r, p) for r in required_leaves for p in clause)
                                   for clause in clauses):
            out.append(Finding("CE004", "warning",
                               f"exclusion `not ({to_text(group.condition)})` can never apply: the "
                               "requirements rule it out", group.span))
        if any(clause and all(any(implies(r, p) for r in required_leaves) for p in clause)
               for clause in clauses):
            out.append(Finding("CE005", "error",
                               f"exclusion `not ({to_text(group.condition)})` suppresses everything the "
                               "requirements allow: the rule can never fire", group.span))
        for leaf in group.leaves():
            if _negative(leaf) and not any(requires_value(r) and predicate_of(r).path == predicate_of(leaf).path
                                           for r in required_leaves if not isinstance(r, ast.Not)):
                out.append(Finding("CE006", "info",
                                   f"exclusion clause `{to_text(leaf)}` is true when {field_of(leaf)} is "
                                   f"absent, so the rule stays silent on records without {field_of(leaf)}",
                                   leaf.span))


def _negative(leaf: ast.Expr) -> bool:
    if isinstance(leaf, ast.Not):
        return True
    return isinstance(leaf, ast.Compare) and leaf.op in ("ne", "ine") and not isinstance(leaf.value, ast.Null)


def nested_quantifier(pattern: str) -> bool:
    """True when a repeated group itself contains a repetition, like ``(a+)+`` or ``(\\w+\\s?)*``.

    >>> nested_quantifier("(a+)+$"), nested_quantifier("^a+b*$")
    (True, False)
    """
    try:
        parsed = _sre_parse.parse(pattern)
    except re.error:
        return False
    return _has_nested(parsed, inside_repeat=False)


_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}


def _has_nested(items, inside_repeat: bool) -> bool:
    for op, arg in items:
        name = str(op)
        if name in _REPEATS:
            low, high, body = arg
            unbounded = high is _sre_parse.MAXREPEAT or high > 1
            if unbounded and inside_repeat:
                return True
            if _has_nested(body, inside_repeat or unbounded):
                return True
        elif (name == "SUBPATTERN" and _has_nested(arg[-1], inside_repeat)
              or name == "BRANCH" and any(_has_nested(branch, inside_repeat) for branch in arg[1])):
            return True
    return False
