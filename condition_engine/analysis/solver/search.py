"""The solver loop: booleans first, each slot's text checked as one language.

The formula the solver sees has a boolean for each "text in language" membership.  When it finds a
model, each string slot's memberships (true or false in that model) become one language — the
intersection of the languages and of the complements — whose emptiness z3 decides in milliseconds
(the same memberships asked one by one, mixed with the boolean structure, can take seconds).  A slot
whose language is empty gives a clause that rules out a small core of those memberships, and the
loop goes on.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import z3

from ...semantics import json_number
from .encode import STRING, Encoder, text_of
from .languages import ALL, special_folding

_TEXT_TESTS = {"eq", "contains", "startswith", "endswith"}
_SEPARATORS = ("", " ", "~", "#", "\x1f")


@dataclass(frozen=True)
class Answer:
    """``sat`` with the model and each string slot's text, ``unsat``, or ``unknown`` with the reason."""

    status: str
    model: z3.ModelRef | None = None
    texts: dict[str, str] | None = None
    reason: str | None = None


def _remaining(deadline: float) -> int:
    return max(1, int((deadline - time.monotonic()) * 1000))


def _language(literals: list[tuple]) -> z3.ReRef:
    parts = [language if value else z3.Complement(language) for language, _, value in literals]
    if not parts:
        return ALL
    return parts[0] if len(parts) == 1 else z3.Intersect(*parts)


def _text(literals: list[tuple], deadline: float, limit: float | None = None) -> tuple[str, str | None]:
    """("sat", text), ("unsat", None) or ("unknown", None) for a text in every literal's language
    (``limit``: at most this many seconds)."""
    decided = decide_in_python(literals)
    if decided is not None:
        return decided
    solver = z3.Solver()
    solver.set("timeout", min(_remaining(deadline), int(limit * 1000)) if limit else _remaining(deadline))
    text = z3.String("text")
    solver.add(z3.InRe(text, _language(literals)))
    answer = solver.check()
    if answer == z3.sat:
        return "sat", text_of(solver.model(), text)
    return ("unsat" if answer == z3.unsat else "unknown"), None


def _core(literals: list[tuple], deadline: float) -> list[int]:
    """Indexes of a subset of the literals whose languages still do not meet (deletion-based)."""
    keep = list(range(len(literals)))
    for index in list(keep):
        if time.monotonic() > deadline:
            break
        trial = [i for i in keep if i != index]
        if _text([literals[i] for i in trial], deadline, limit=0.2)[0] == "unsat":
            keep = trial
    return keep


def solve(encoder: Encoder, formulas: list[z3.BoolRef], deadline: float) -> Answer:
    """A model of ``formulas`` (with the encoder's constraints) whose texts exist, a proof of none, or why not.

    >>> from condition_engine import parse
    >>> node = parse('a contains "x" and not a contains "xy"')
    >>> encoder = Encoder(node)
    >>> solve(encoder, [encoder.formula(node)], time.monotonic() + 2).status
    'sat'
    """
    solver = z3.Solver()
    solver.add(*encoder.constraints, *formulas)
    slots = encoder.string_slots()
    while True:
        if time.monotonic() >= deadline:
            return Answer("unknown", reason="time budget exceeded")
        solver.set("timeout", _remaining(deadline))
        answer = solver.check()
        if answer == z3.unsat:
            return Answer("unsat")
        if answer == z3.unknown:
            why = solver.reason_unknown()
            return Answer("unknown", reason="time budget exceeded" if "timeout" in why or "cancel" in why
                          else f"solver: {why}")
        model = solver.model()
        texts: dict[str, str] = {}
        blocked = False
        for slot in slots:
            if model.eval(slot.tag, model_completion=True).as_long() != STRING:
                continue  # its text is in no document (every use of a text is under the string tag)
            members = encoder.memberships.get(slot.name, [])
            literals = [(language, about, z3.is_true(model.eval(flag, model_completion=True)))
                        for language, flag, about in members]
            status, text = _text(literals, deadline)
            if status == "sat":
                assert text is not None  # a sat text is found
                texts[slot.name] = text
                continue
            if status == "unknown":
                return Answer("unknown", reason="time budget exceeded")
            core = _core(literals, deadline)
            solver.add(z3.Or([z3.Not(members[i][1]) if literals[i][2] else members[i][1] for i in core] or [False]))
            blocked = True
        if not blocked:
            return Answer("sat", model, texts)



def passes(about: tuple, text: str) -> bool:
    """Whether ``text`` is in the language ``about`` describes (the engines' own string tests).

    >>> passes(("contains", "st", False), "ﬅ"), passes(("contains", "st", True), "ﬅ")
    (False, True)
    """
    kind = about[0]
    if kind == "ascii":
        return text.isascii()
    if kind == "number":
        return json_number(text) is not None
    if kind == "plain":
        return not any(ch in special_folding() for ch in text)
    needle, fold = about[1], about[2]
    subject, needle = (text.casefold(), needle.casefold()) if fold else (text, needle)
    if kind == "eq":
        return subject == needle
    if kind == "contains":
        return needle in subject
    if kind == "startswith":
        return subject.startswith(needle)
    if kind == "endswith":
        return subject.endswith(needle)
    raise ValueError(kind)


def decide_in_python(literals: list[tuple]) -> tuple[str, str | None] | None:
    """Decide a slot's literals without z3 where they are plain text tests: a candidate text checked with
    :func:`passes`, or a positive literal whose text holds a negative one (no text can pass both).
    None when undecided (z3 decides then).

    >>> decide_in_python([(None, ("contains", "ab", False), True), (None, ("contains", "b", True), False)])
    ('unsat', None)
    """
    if any(about is None for _, about, _ in literals):
        return None
    positives = [about for _, about, value in literals if value]
    negatives = [about for _, about, value in literals if not value]
    for candidate in _candidates(positives, negatives):
        if all(passes(about, candidate) == value for _, about, value in literals):
            return "sat", candidate
    texts = [about for _, about, _ in literals if about[0] in _TEXT_TESTS]
    for positive in positives:  # a text holding this needle (verbatim, or folded when ignoring case)...
        if positive[0] not in _TEXT_TESTS:
            continue
        if positive[0] == "eq" and (not positive[2] or all(about[2] for about in texts)):
            # ...is this needle (or folds as it does): every text test is decided on the needle
            if any(passes(about, positive[1]) != value for _, about, value in literals if about[0] in _TEXT_TESTS):
                return "unsat", None
            continue
        for other in positives:  # two starts (or ends) neither of which extends the other
            if other[0] == positive[0] in ("startswith", "endswith") and other[2] == positive[2] \
                    and not passes(other, positive[1]) and not passes(positive, other[1]):
                return "unsat", None
        for negative in negatives:  # ...contains it, so it contains what the needle contains
            if positive[2] and not (len(negative) > 2 and negative[2]):
                continue  # a folded needle stands for texts of any case: only a folded negative is decided
            if negative[0] == "contains" and passes(negative, positive[1]):
                return "unsat", None
            if negative[0] == positive[0] and negative[0] in ("startswith", "endswith") and passes(negative, positive[1]):
                return "unsat", None
    return None


def _candidates(positives: list[tuple], negatives: list[tuple]):
    """Texts worth trying: an equality's needle, else the needles joined by a separator."""
    for about in positives:
        if about[0] == "eq":
            yield about[1]
            return
    if any(about[0] not in _TEXT_TESTS for about in positives):
        return
    start = max((a[1] for a in positives if a[0] == "startswith"), key=len, default="")
    end = max((a[1] for a in positives if a[0] == "endswith"), key=len, default="")
    middle = [a[1] for a in positives if a[0] == "contains"]
    for separator in _SEPARATORS:
        yield separator.join([start, *middle, end]) if middle or (start and end) else start + separator + end
    yield start + end
