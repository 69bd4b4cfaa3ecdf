"""Text operators as regular languages over z3 strings: every string test becomes one membership.

z3 answers memberships in milliseconds where ``Contains``/``PrefixOf`` mixed with regexes can time
out, so contains/startswith/endswith, ordering against a literal, globs, IPv4 networks and the
casefolded forms are all written here as regular expressions.  Constants are built from code points:
``z3.StringVal`` would read ``\\u`` escapes inside Windows paths.
"""
from __future__ import annotations

import ipaddress
from functools import lru_cache

import z3

#: The largest character z3 represents (its Unicode mode).
MAX_CHAR = 0x2FFFF


def member(text_: str, language: z3.ReRef) -> bool:
    """Whether a constant text is in a language (decided by z3; for examples and tests).

    >>> member("ab", word("ab"))
    True
    """
    solver = z3.Solver()
    solver.add(z3.InRe(text(text_), language))
    return solver.check() == z3.sat


def span(low: int, high: int) -> z3.ReRef:
    """The one-character strings from code point ``low`` to ``high``.

    >>> member("b", span(ord("a"), ord("c"))), member("d", span(ord("a"), ord("c")))
    (True, False)
    """
    return z3.Range(z3.Unit(z3.CharVal(low)), z3.Unit(z3.CharVal(high)))


ANY = span(0, MAX_CHAR)
ALL = z3.Star(ANY)
NOTHING = z3.Empty(z3.ReSort(z3.StringSort()))
ASCII = z3.Star(span(0, 0x7F))
_DIGIT = span(ord("0"), ord("9"))


def text(value: str) -> z3.SeqRef:
    """A z3 string constant built from code points (no escape reading).

    >>> z3.simplify(z3.Length(text("C:\\\\ucabe"))).as_long()
    8
    """
    if not value:
        return z3.Empty(z3.StringSort())
    units = [z3.Unit(z3.CharVal(ord(ch))) for ch in value]
    return units[0] if len(units) == 1 else z3.Concat(*units)


def word(value: str) -> z3.ReRef:
    """The language holding exactly ``value``.

    >>> isinstance(word("ab"), z3.ReRef)
    True
    """
    return z3.Re(text(value))


def chars(codes: set[int] | frozenset[int]) -> z3.ReRef:
    """The language of the one-character strings in ``codes``.

    >>> member("b", chars({ord("a"), ord("b")}))
    True
    """
    parts = [span(low, high) for low, high in _runs(sorted(codes))]
    return _union(parts)


def _runs(codes: list[int]) -> list[tuple[int, int]]:
    runs: list[list[int]] = []
    for code in codes:
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return [(low, high) for low, high in runs]


def _union(parts: list[z3.ReRef]) -> z3.ReRef:
    if not parts:
        return NOTHING
    return parts[0] if len(parts) == 1 else z3.Union(*parts)


def _concat(parts: list[z3.ReRef]) -> z3.ReRef:
    parts = [part for part in parts if part is not None]
    if not parts:
        return word("")
    return parts[0] if len(parts) == 1 else z3.Concat(*parts)


def json_number() -> z3.ReRef:
    """Strings ``semantics.json_number`` reads as a number (``-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?``).

    >>> member("-1.5e3", json_number()), member("01", json_number())
    (True, False)
    """
    digits = z3.Plus(_DIGIT)
    integer = z3.Union(word("0"), z3.Concat(span(ord("1"), ord("9")), z3.Star(_DIGIT)))
    fraction = z3.Option(z3.Concat(word("."), digits))
    exponent = z3.Option(z3.Concat(z3.Union(word("e"), word("E")), z3.Option(z3.Union(word("+"), word("-"))), digits))
    return z3.Concat(z3.Option(word("-")), integer, fraction, exponent)


def substring(needle: str, where: str) -> z3.ReRef:
    """``contains``/``startswith``/``endswith`` as a language.

    >>> member("xaby", substring("ab", "contains")), member("xab", substring("ab", "startswith"))
    (True, False)
    """
    body = word(needle)
    return {"contains": _concat([ALL, body, ALL]), "startswith": _concat([body, ALL]),
            "endswith": _concat([ALL, body])}[where]


def greater(literal: str, or_equal: bool) -> z3.ReRef:
    """Strings after ``literal`` by code point (``gt``; with ``or_equal`` also ``literal`` itself).

    >>> member("abc", greater("ab", False)), member("aa", greater("ab", True))
    (True, False)
    """
    parts = [z3.Concat(word(literal), z3.Plus(ANY))]
    for i, ch in enumerate(literal):
        if ord(ch) < MAX_CHAR:
            above = span(ord(ch) + 1, MAX_CHAR)
            parts.append(_concat([word(literal[:i]), above, ALL]))
    if or_equal:
        parts.append(word(literal))
    return _union(parts)


def ordering(op: str, literal: str) -> z3.ReRef:
    """``gt ge lt le`` against a string literal as a language.

    >>> member("2024-01-01", ordering("lt", "2024-06-01"))
    True
    """
    if op in ("gt", "ge"):
        return greater(literal, op == "ge")
    return z3.Complement(greater(literal, op == "lt"))


# ---- casefolding ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _fold_table() -> dict[str, frozenset[int]]:
    """For each casefolded text: the characters that fold to it (every character z3 represents)."""
    table: dict[str, set[int]] = {}
    for code in range(MAX_CHAR + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        table.setdefault(chr(code).casefold(), set()).add(code)
    return {key: frozenset(value) for key, value in table.items()}


@lru_cache(maxsize=1)
def special_folding() -> frozenset[str]:
    """Non-ASCII characters that change case into ASCII (the Kelvin sign, long s, dotted/dotless i)."""
    return frozenset(chr(code) for code in range(0x80, MAX_CHAR + 1) if not 0xD800 <= code <= 0xDFFF
                     and any(len(x) == 1 and x.isascii()
                             for x in (chr(code).lower(), chr(code).upper(), chr(code).casefold())))


@lru_cache(maxsize=1)
def plain_folding() -> z3.ReRef:
    """Texts without a :func:`special_folding` character: on them, ignoring case in a pattern of ASCII
    characters is ASCII case folding."""
    special = {ord(ch) for ch in special_folding()}
    return z3.Star(_union([span(low, high) for low, high in _runs(sorted(set(range(MAX_CHAR + 1)) - special))]))


def _folding_to(piece: str) -> frozenset[int]:
    return _fold_table().get(piece, frozenset())


@lru_cache(maxsize=1)
def _multi() -> list[tuple[str, frozenset[int]]]:
    """Characters whose fold is longer than one character (ß → ss, ﬅ → st), by fold."""
    return [(key, codes) for key, codes in _fold_table().items() if len(key) > 1]


def _exact(folded: str, start: int, stop: int) -> z3.ReRef:
    """Strings whose casefold is exactly ``folded[start:stop]`` (casefold maps each character alone)."""
    memo: dict[int, z3.ReRef] = {stop: word("")}
    for i in range(stop - 1, start - 1, -1):
        options = []
        for j in range(i + 1, min(i + 3, stop) + 1):
            codes = _folding_to(folded[i:j])
            if codes and j in memo and memo[j] is not None:
                options.append(_concat([chars(codes), memo[j]]))
        memo[i] = _union(options) if options else None
    return memo[start] if memo[start] is not None else NOTHING


@lru_cache(maxsize=4096)
def folded(needle: str, where: str) -> z3.ReRef:
    """Strings whose casefold equals/contains/starts/ends with ``needle.casefold()``: ``ieq`` and friends.

    Exact: a character whose fold spans the edge of the needle (``ß`` for ``"sx"`` in ``"ßx"``) is
    taken into account.

    >>> isinstance(folded("ss", "eq"), z3.ReRef)
    True
    """
    target = needle.casefold()
    n = len(target)
    middle = _exact(target, 0, n)
    if where == "eq":
        return middle
    heads, tails = [], []
    wrap_start, wrap_end, wrap_any = [], [], []
    for key, codes in _multi():
        for k in range(1, n):  # a character whose fold ends with target[:k], after something else
            if key.endswith(target[:k]) and len(key) > k:
                heads.append((k, codes))
        for k in range(1, n):  # a character whose fold starts with target[k:], then something else
            if key.startswith(target[k:]) and len(key) > n - k:
                tails.append((k, codes))
        if n and target in key:
            wrap_any.append(chars(codes))
            if key.startswith(target):
                wrap_start.append(chars(codes))
            if key.endswith(target):
                wrap_end.append(chars(codes))
    head_runs = [_concat([chars(codes), _exact(target, k, n)]) for k, codes in heads]
    tail_runs = [_concat([_exact(target, 0, k), chars(codes)]) for k, codes in tails]
    if where == "startswith":
        return _concat([_union([middle] + tail_runs + wrap_start), ALL])
    if where == "endswith":
        return _concat([ALL, _union([middle] + head_runs + wrap_end)])
    both = [_concat([chars(c1), _exact(target, k1, k2), chars(c2)])
            for k1, c1 in heads for k2, c2 in tails if k2 >= k1]
    return _concat([ALL, _union([middle] + head_runs + tail_runs + both + wrap_any), ALL])


def _tail(target: str, k: int) -> z3.ReRef:
    return _exact(target, k, len(target))


# ---- networks ---------------------------------------------------------------------------------


def _octets(low: int, high: int) -> z3.ReRef:
    """Decimal numbers from ``low`` to ``high`` without leading zeros, grouped by all but the last digit."""
    groups: dict[str, list[int]] = {}
    for number in range(low, high + 1):
        text_ = str(number)
        groups.setdefault(text_[:-1], []).append(int(text_[-1]))
    parts = []
    for head, digits in groups.items():
        last = span(ord("0") + min(digits), ord("0") + max(digits))  # contiguous: a range of numbers
        parts.append(_concat([word(head) if head else None, last]))
    return _union(parts)


def ipv4_network(network: ipaddress.IPv4Network) -> z3.ReRef:
    """Dotted IPv4 addresses (as ``ipaddress`` reads them: no leading zeros) inside ``network``.

    >>> net = ipaddress.ip_network("10.1.0.0/16")
    >>> member("10.1.200.3", ipv4_network(net)), member("10.01.200.3", ipv4_network(net))
    (True, False)
    """
    first, last = int(network.network_address), int(network.broadcast_address)
    parts = []
    for shift in (24, 16, 8, 0):
        low, high = (first >> shift) & 0xFF, (last >> shift) & 0xFF
        parts.append(_octets(low, high))
    dot = word(".")
    return z3.Concat(parts[0], dot, parts[1], dot, parts[2], dot, parts[3])
