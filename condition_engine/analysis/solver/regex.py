"""``matches`` and ``glob`` patterns as z3 regular languages, read with Python's own regex parser.

The subset RE2 runs: literals, ``.``, classes, ``\\d \\w \\s`` (ASCII, as RE2 reads them), groups,
alternation, quantifiers, and ``^``/``$`` at the pattern's ends.  Anything else (backreferences,
lookaround, word boundaries, anchors inside, inline flags other than ``s``) raises
:class:`Unencodable` — the comparison then answers ``unknown`` rather than guess.  A case-insensitive
pattern is encoded for ASCII texts only (the caller guards the membership).
"""
from __future__ import annotations

import fnmatch

try:
    from re import _constants as sre  # Python 3.11+
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as sre
    import sre_parse

import z3

from .languages import ALL, ANY, MAX_CHAR, NOTHING, span, word


class Unencodable(ValueError):
    """A construct the solver encoding does not cover; the message says which."""


_CATEGORIES = {
    sre.CATEGORY_DIGIT: [(48, 57)],
    sre.CATEGORY_SPACE: [(9, 10), (12, 13), (32, 32)],
    sre.CATEGORY_WORD: [(48, 57), (65, 90), (95, 95), (97, 122)],
}
_NEGATED = {sre.CATEGORY_NOT_DIGIT: sre.CATEGORY_DIGIT, sre.CATEGORY_NOT_SPACE: sre.CATEGORY_SPACE,
            sre.CATEGORY_NOT_WORD: sre.CATEGORY_WORD}


def ignores_case(pattern: str) -> bool:
    """Whether a pattern turns on ``(?i)`` for the whole of it.

    >>> ignores_case("(?i)abc"), ignores_case("abc")
    (True, False)
    """
    try:
        return bool(sre_parse.parse(pattern).state.flags & sre.SRE_FLAG_IGNORECASE)
    except Exception:  # noqa: BLE001 - already validated by the parser
        return False


def search_language(pattern: str, fold: bool = False, whole_flags: bool = False) -> z3.ReRef:
    """The texts in which ``pattern`` finds a match (``matches``: a search, anchors honoured);
    ``whole_flags``: a leading ``(?i)`` is read as ``fold`` says (the caller asked :func:`ignores_case`).

    >>> isinstance(search_language("^a+b"), z3.ReRef)
    True
    """
    try:
        parsed = sre_parse.parse(pattern)
    except Exception as error:  # noqa: BLE001 - already validated by the parser; defensive
        raise Unencodable(f"pattern {pattern!r}: {error}") from error
    flags = parsed.state.flags & ~(sre.SRE_FLAG_IGNORECASE if whole_flags else 0)
    if flags & (sre.SRE_FLAG_IGNORECASE | sre.SRE_FLAG_MULTILINE | sre.SRE_FLAG_VERBOSE):
        raise Unencodable(f"pattern {pattern!r}: inline flags")
    items = list(parsed)
    head = tail = True
    if items and items[0] == (sre.AT, sre.AT_BEGINNING) or items and items[0] == (sre.AT, sre.AT_BEGINNING_STRING):
        items, head = items[1:], False
    if items and items[-1] in ((sre.AT, sre.AT_END), (sre.AT, sre.AT_END_STRING)):
        items, tail = items[:-1], False
    dotall = bool(parsed.state.flags & sre.SRE_FLAG_DOTALL)
    body = _sequence(items, fold, dotall)
    return z3.Concat(*([ALL] if head else []), body, *([ALL] if tail else [])) if head or tail else body


def glob_language(pattern: str, fold: bool = False) -> z3.ReRef:
    """The texts a ``glob`` pattern matches whole, as ``fnmatch`` reads it.

    Each run between stars goes through ``fnmatch.translate`` (no stars, so no lookahead in its
    output); the stars become "any text".

    >>> from .languages import member
    >>> member("cmd.exe", glob_language("*.exe")), member("cmd.exe", glob_language("?.exe"))
    (True, False)
    """
    parts: list[z3.ReRef] = []
    for chunk in _glob_chunks(pattern):
        if chunk is None:
            parts.append(ALL)
            continue
        items = list(sre_parse.parse(fnmatch.translate(chunk)))
        if items and items[-1] == (sre.AT, sre.AT_END_STRING):
            items = items[:-1]
        parts.append(_sequence(items, fold, True))
    if not parts:
        return word("")
    return parts[0] if len(parts) == 1 else z3.Concat(*parts)


def _glob_chunks(pattern: str) -> list[str | None]:
    """The pattern cut at its stars (None) outside brackets, as fnmatch finds brackets."""
    chunks: list[str | None] = []
    current, i, n = "", 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "*":
            if current:
                chunks.append(current)
            current = ""
            if not chunks or chunks[-1] is not None:
                chunks.append(None)
            i += 1
            continue
        if ch == "[":
            j = i + 1
            if j < n and pattern[j] == "!":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                j += 1
            if j < n:
                current += pattern[i:j + 1]
                i = j + 1
                continue
        current += ch
        i += 1
    if current:
        chunks.append(current)
    return chunks


def negates(pattern: str, glob: bool = False) -> bool:
    """Whether a pattern holds a negated class or character (``[^a]``, ``\\D``; a glob's ``[!a]``):
    without one, a text in the ASCII-folded language matches the pattern ignoring case, whatever else it holds.

    >>> negates("[^a]b"), negates("a.c"), negates("[!a]*", glob=True)
    (True, False, True)
    """
    if glob:
        return "[!" in pattern
    try:
        return _negates(list(sre_parse.parse(pattern)))
    except Exception:  # noqa: BLE001 - already validated by the parser
        return True


def _negates(items: list) -> bool:
    for op, av in items:
        if op is sre.NOT_LITERAL:
            return True
        if op is sre.IN and any(o is sre.NEGATE or (o is sre.CATEGORY and a in _NEGATED) for o, a in av):
            return True
        if op is sre.BRANCH and any(_negates(list(branch)) for branch in av[1]):
            return True
        if op is sre.SUBPATTERN and _negates(list(av[3])):
            return True
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and _negates(list(av[2])):
            return True
    return False


def _sequence(items: list, fold: bool, dotall: bool) -> z3.ReRef:
    parts = [_item(op, av, fold, dotall) for op, av in items]
    if not parts:
        return word("")
    return parts[0] if len(parts) == 1 else z3.Concat(*parts)


def _item(op, av, fold: bool, dotall: bool) -> z3.ReRef:
    if op is sre.LITERAL:
        return _ranges([(av, av)], fold)
    if op is sre.NOT_LITERAL:
        return _ranges(_complement(_closed([(av, av)], fold)), False)
    if op is sre.ANY:
        return ANY if dotall else _ranges([(0, 9), (11, MAX_CHAR)], False)
    if op is sre.IN:
        return _ranges(_class(av, fold), False)
    if op is sre.BRANCH:
        options = [_sequence(list(branch), fold, dotall) for branch in av[1]]
        return options[0] if len(options) == 1 else z3.Union(*options)
    if op is sre.SUBPATTERN:
        group, add, remove, sub = av
        if add & ~sre.SRE_FLAG_DOTALL or remove:
            raise Unencodable("inline flags in a group")
        return _sequence(list(sub), fold, dotall or bool(add & sre.SRE_FLAG_DOTALL))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        low, high, sub = av
        inner = _sequence(list(sub), fold, dotall)
        if high is sre.MAXREPEAT:
            return z3.Concat(z3.Loop(inner, low, low), z3.Star(inner)) if low else z3.Star(inner)
        if high > 1000:
            raise Unencodable("a repetition count above 1000")
        return z3.Loop(inner, low, high) if high else word("")
    if op is sre.ATOMIC_GROUP if hasattr(sre, "ATOMIC_GROUP") else False:
        raise Unencodable("atomic groups")
    raise Unencodable(f"regex construct {str(op).lower()}")


def _class(items, fold: bool) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    negate = False
    for op, av in items:
        if op is sre.NEGATE:
            negate = True
        elif op is sre.LITERAL:
            ranges.append((av, av))
        elif op is sre.RANGE:
            ranges.append(av)
        elif op is sre.CATEGORY:
            if av in _CATEGORIES:
                ranges.extend(_CATEGORIES[av])
            elif av in _NEGATED:
                ranges.extend(_complement(_CATEGORIES[_NEGATED[av]]))
            else:
                raise Unencodable(f"class {av}")
        else:
            raise Unencodable(f"class item {op}")
    ranges = _closed(ranges, fold)
    return _complement(ranges) if negate else ranges


def _closed(ranges: list[tuple[int, int]], fold: bool) -> list[tuple[int, int]]:
    """With ``fold``: add the other ASCII case of every ASCII letter (texts are ASCII under folding)."""
    if not fold:
        return ranges
    if any(high > 0x7F for _, high in ranges if _ <= 0x7F) or any(low > 0x7F for low, _ in ranges):
        raise Unencodable("case-insensitive pattern with non-ASCII characters")
    extra: list[tuple[int, int]] = []
    for low, high in ranges:
        for code in range(low, high + 1):
            ch = chr(code)
            if ch.isalpha():
                extra.extend((ord(c), ord(c)) for c in (ch.lower(), ch.upper()))
    return ranges + extra


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, overlapping and adjacent ranges joined: equal sets give equal languages (one z3 term)."""
    out: list[list[int]] = []
    for low, high in sorted(ranges):
        if out and low <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], high)
        else:
            out.append([low, high])
    return [(low, high) for low, high in out]


def _complement(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out, next_low = [], 0
    for low, high in sorted(ranges):
        if low > next_low:
            out.append((next_low, low - 1))
        next_low = max(next_low, high + 1)
    if next_low <= MAX_CHAR:
        out.append((next_low, MAX_CHAR))
    return out


def _ranges(ranges: list[tuple[int, int]], fold: bool) -> z3.ReRef:
    ranges = _merged(_closed(ranges, fold))
    parts = [span(low, min(high, MAX_CHAR)) for low, high in ranges if low <= MAX_CHAR]
    if not parts:
        return NOTHING
    return parts[0] if len(parts) == 1 else z3.Union(*parts)
