"""``compare(old, new)``: what a change to a condition does, decided by z3 and shown by witnesses."""
from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from typing import Any

import z3

from ... import ast
from ...interpreter import as_node, evaluate
from ...render import to_text
from .encode import Encoder
from .regex import Unencodable
from .search import solve

VERDICTS = ("equivalent", "narrower", "broader", "incomparable", "unknown")
DEFAULT_BUDGET = 2.0


@dataclass(frozen=True)
class Comparison:
    """The verdict on ``new`` against ``old``; a witness is a record only that side matches."""

    verdict: str
    only_old: dict[str, Any] | None = None
    only_new: dict[str, Any] | None = None
    reason: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The comparison as a JSON-able dict.

        >>> Comparison("equivalent").as_json()["verdict"]
        'equivalent'
        """
        return asdict(self)


@dataclass(frozen=True)
class _Side:
    """One direction's answer: a confirmed record, a proof of none (record None, proven), or unknown."""

    record: dict[str, Any] | None
    proven: bool
    reason: str | None = None


def compare(old: str | ast.Expr, new: str | ast.Expr, *, budget: float = DEFAULT_BUDGET) -> Comparison:
    """Decide whether ``new`` matches the same records as ``old``, fewer (narrower), more (broader) or both.

    >>> compare('a eq "x"', 'a eq "x" and b ne "y"').verdict
    'narrower'
    """
    old_node, new_node = as_node(old), as_node(new)
    if to_text(old_node) == to_text(new_node):
        return Comparison("equivalent")
    try:
        encoder = Encoder(old_node, new_node, queries=(ast.And(operands=(old_node, ast.Not(operand=new_node))),
                                                       ast.And(operands=(new_node, ast.Not(operand=old_node)))))
        old_f, new_f = encoder.formula(old_node), encoder.formula(new_node)
    except Unencodable as error:
        return Comparison("unknown", reason=str(error))
    deadline = time.monotonic() + budget
    only_old = witness(encoder, z3.And(old_f, z3.Not(new_f)),
                       lambda r: evaluate(old_node, r) and not evaluate(new_node, r), deadline)
    only_new = witness(encoder, z3.And(new_f, z3.Not(old_f)),
                       lambda r: evaluate(new_node, r) and not evaluate(old_node, r), deadline)
    return _verdict(only_old, only_new)


def _verdict(only_old: _Side, only_new: _Side) -> Comparison:
    old, new = only_old.record, only_new.record
    if old is not None and new is not None:
        return Comparison("incomparable", only_old=old, only_new=new)
    reasons = [side.reason or "no reason given" for side in (only_old, only_new)
               if not side.proven and side.record is None]
    if reasons:
        return Comparison("unknown", reason="; ".join(dict.fromkeys(reasons)), only_old=old, only_new=new)
    if old is None and new is None:
        return Comparison("equivalent")
    return Comparison("narrower" if old is not None else "broader", only_old=old, only_new=new)


def witness(encoder: Encoder, formula: z3.BoolRef, confirm, deadline: float) -> _Side:
    """A record satisfying ``formula`` and confirmed by ``confirm`` (evaluate), a proof of none, or why not.

    An unsatisfiable formula is a proof.  A model that ``evaluate`` does not confirm (the encoding is
    weaker than the semantics in places) is retried with the model tightened: ASCII texts and numeric
    strings spelled as the literals' numbers, where the encoding is exact.
    """
    reason = None
    for tight in (False, True):
        answer = solve(encoder, [formula, *(encoder.tightened() if tight else [])], deadline)
        if answer.status == "sat":
            assert answer.texts is not None  # a sat answer has its texts
            record = encoder.record(answer.model, answer.texts)
            if confirm(record):
                return _Side(shrink(record, confirm), True)
            reason = f"the solver's candidate {json.dumps(record, ensure_ascii=False)} is not confirmed by evaluate"
        elif answer.status == "unknown":
            return _Side(None, False, answer.reason)
        elif not tight:
            return _Side(None, True)
    return _Side(None, False, reason)


def shrink(record: dict[str, Any], confirm) -> dict[str, Any]:
    """The record with values dropped while ``confirm`` still holds (a list of one becomes its value).

    >>> shrink({"a": ["x", 0], "b": 1}, lambda r: r.get("a") == "x")
    {'a': 'x'}
    """
    current = record
    for key in list(record):
        value = current[key]
        trials = [{k: v for k, v in current.items() if k != key}]
        if isinstance(value, list):
            trials += [{**current, key: item} for item in value]
        elif isinstance(value, dict) and value:
            trials.append({**current, key: shrink(value, lambda inner: confirm({**current, key: inner}))})
        for trial in trials:
            if confirm(trial):
                current = trial
                break
        value = current.get(key)
        if isinstance(value, list):  # objects inside a list (a filter's elements) shrink in place
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    def inside(inner, i=i):
                        return confirm({**current, key: [*current[key][:i], inner, *current[key][i + 1:]]})
                    current = {**current, key: [*current[key][:i], shrink(item, inside), *current[key][i + 1:]]}
    return current
