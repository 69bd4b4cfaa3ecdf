"""What every operator means: the one definition shared by the interpreter, the compiler and SQL.

docs/semantics.md is this module in tables.  A predicate is two-valued and total: it is true or
false for every document, never an exception.

The rules for one value against one literal are written here once, each as a small Python
expression over ``{v}`` (the value) and named constants.  The interpreter calls the expression
compiled as a function; the compiler pastes the same expression into its generated code, with the
constants bound as names — user text never becomes code.  Every test is false for ``None``,
lists and objects: fan-out over lists and "no value" are handled by the engines' shared structure
(:func:`compare`).
"""
from __future__ import annotations

import datetime
import fnmatch
import ipaddress
import math
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any

from . import ast

try:  # RE2 for `matches` (google-re2, a core dependency); Python's re where it is missing
    import re2 as _re2
except ImportError:  # pragma: no cover - a platform without google-re2 wheels
    _re2 = None

_JSON_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?\Z")
#: A literal that reads as an ISO-8601 date or date-time: a Python date value compares as its ISO text.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\Z")
_NAN = math.nan

#: The negated twin of each operator that has one; ``ne`` is exactly ``not eq``.
NEGATION = {"eq": "ne", "ne": "eq", "ieq": "ine", "ine": "ieq"}
#: Operators that compare case-insensitively by themselves.
FOLDING = {"ieq", "ine", "icontains", "istartswith", "iendswith", "imatches", "iglob"}
_ORDER = {"gt": ">", "ge": ">=", "lt": "<", "le": "<="}


def json_number(text: str) -> int | float | None:
    """The number a string holds when it is written as a JSON number, else None.

    >>> json_number("12"), json_number("-1.5e2"), json_number(" 1"), json_number("0x1")
    (12, -150.0, None, None)
    """
    if _JSON_NUMBER.match(text) is None:
        return None
    if "." in text or "e" in text or "E" in text:
        number = float(text)
        return number if math.isfinite(number) else None
    return int(text)


def number_or_nan(value: Any) -> int | float:
    """The number in a numeric string, or NaN (which no comparison satisfies)."""
    number = json_number(value)
    return _NAN if number is None else number


def in_network(value: str, network: ipaddress.IPv4Network | ipaddress.IPv6Network) -> bool:
    """True when ``value`` is an IP address inside ``network`` (same IP version).

    >>> in_network("10.1.2.3", ipaddress.ip_network("10.0.0.0/8")), in_network("x", ipaddress.ip_network("::/0"))
    (True, False)
    """
    address = _address(value)
    return address is not None and address.version == network.version and address in network


@lru_cache(maxsize=1 << 16)
def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The IP address a text holds (None when it is not one); logs repeat a few addresses, parsed once."""
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def iso_text(value: datetime.date) -> str:
    """A Python date or date-time as the ISO-8601 text JSON would carry (``isoformat``).

    >>> iso_text(datetime.datetime(2024, 5, 1, 12, 0, tzinfo=datetime.timezone.utc))
    '2024-05-01T12:00:00+00:00'
    """
    return value.isoformat()


#: Names every test expression may use, besides its own constants.
HELPERS: dict[str, Any] = {
    "NUM": (int, float), "num": number_or_nan, "in_network": in_network, "isinstance": isinstance,
    "str": str, "DATES": (datetime.datetime, datetime.date), "iso": iso_text, "any": any, "map": map,
}


@dataclass(frozen=True)
class ValueTest:
    """One value against one literal: a Python expression over ``{v}`` and named constants.

    ``function`` is the same expression compiled as ``lambda v: ...``; the compiler pastes the
    expression itself into its generated code.
    """

    template: str
    constants: dict[str, Any] = field(default_factory=dict)
    function: Callable[[Any], bool] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.template == "{v} == {S}":  # plain equality: the C function, no Python frame per value
            object.__setattr__(self, "function", partial(operator.eq, self.constants["S"]))
            return
        object.__setattr__(self, "function", _maker(self.template, tuple(self.constants))(**self.constants))

    def expression(self, var: str, names: dict[str, str]) -> str:
        """The test as source for the value in ``var``, each constant written as ``names[NAME]``."""
        return self.template.format(v=var, **names)


@lru_cache(maxsize=1024)
def _maker(template: str, names: tuple[str, ...]) -> Callable[..., Callable[[Any], bool]]:
    """``lambda <names>: lambda v: <template>``, evaluated once per template: a pack's thousands of
    literals share a few dozen templates, and each test is the maker called with its constants."""
    source = f"lambda {', '.join(names)}: lambda v: " + template.format(v="v", **{n: n for n in names})
    return eval(source, dict(HELPERS))  # noqa: S307 - our own template; constants are bound as arguments


def _either(*parts: str) -> str:
    return " or ".join(f"({part})" for part in parts)


def _equals(literal: Any, fold: bool) -> ValueTest:
    if isinstance(literal, bool):  # a boolean equals itself and the string "true"/"false" in any case
        return ValueTest("{v} is {B} or (isinstance({v}, str) and {v}.casefold() == {T})",
                         {"B": literal, "T": "true" if literal else "false"})
    if isinstance(literal, str):
        parts = ["isinstance({v}, str) and {v}.casefold() == {S}" if fold else "{v} == {S}"]
        constants: dict[str, Any] = {"S": literal.casefold() if fold else literal}
        if literal.casefold() in ("true", "false"):
            parts.append("{v} is {B}")
            constants["B"] = literal.casefold() == "true"
        number = json_number(literal)
        if number is not None:
            parts.append("{v}.__class__ in NUM and {v} == {N}")
            constants["N"] = number
        if _ISO_DATE.match(literal):  # a Python date value (as boto3 returns) compares as its ISO text
            parts.append("{v}.__class__ in DATES and iso({v})" + (".casefold()" if fold else "") + " == {S}")
        return ValueTest(_either(*parts), constants)
    # a number equals numbers (never booleans) and strings that hold that number
    return ValueTest("({v}.__class__ in NUM and {v} == {N}) or ({v}.__class__ is str and num({v}) == {N})",
                     {"N": literal})


def _ordering(op: str, literal: Any, fold: bool) -> ValueTest:
    sign = _ORDER[op]
    if isinstance(literal, bool) or literal is None:
        return ValueTest("False")
    if isinstance(literal, str):
        parts = [f"isinstance({{v}}, str) and {{v}}{'.casefold()' if fold else ''} {sign} {{S}}"]
        constants: dict[str, Any] = {"S": literal.casefold() if fold else literal}
        number = json_number(literal)
        if number is not None:
            parts.append(f"{{v}}.__class__ in NUM and {{v}} {sign} {{N}}")
            constants["N"] = number
        if _ISO_DATE.match(literal):
            parts.append(f"{{v}}.__class__ in DATES and iso({{v}}){'.casefold()' if fold else ''} {sign} {{S}}")
        return ValueTest(_either(*parts), constants)
    return ValueTest(f"({{v}}.__class__ in NUM and {{v}} {sign} {{N}}) or "
                     f"({{v}}.__class__ is str and num({{v}}) {sign} {{N}})", {"N": literal})


def _text(op: str, literal: str, fold: bool) -> ValueTest:
    base = op[1:] if op in FOLDING else op
    if base == "matches":
        return ValueTest("isinstance({v}, str) and {R}({v}) is not None", {"R": searcher(regex(literal, fold))})
    if base == "glob":  # fnmatch's translation: no nested quantifiers, so Python's re is linear here
        compiled = re.compile(fnmatch.translate(literal), re.IGNORECASE if fold else 0)
        return ValueTest("isinstance({v}, str) and {R}({v}) is not None", {"R": compiled.match})
    if base == "cidr":
        return ValueTest("isinstance({v}, str) and in_network({v}, {NET})",
                         {"NET": ipaddress.ip_network(literal, strict=False)})
    subject = "{v}.casefold()" if fold else "{v}"
    needle = literal.casefold() if fold else literal
    template = {
        "contains": "{S} in " + subject,
        "startswith": subject + ".startswith({S})",
        "endswith": subject + ".endswith({S})",
    }[base]
    return ValueTest("isinstance({v}, str) and " + template, {"S": needle})


@lru_cache(maxsize=4096)
def regex(pattern: str, fold: bool = False) -> Any:
    """The compiled ``matches`` pattern, in RE2: linear time, so no pattern or value can stall a scan.

    The parser admits only patterns RE2 runs (``operands.check_pattern``: no backreferences, lookaround,
    ``\\Z`` or verbose mode). RE2 reads ``\\w``, ``\\d``, ``\\s`` and ``\\b`` as ASCII, and ``$`` only at the
    very end — as DuckDB and BigQuery (also RE2) do.

    >>> regex("(a+)+$").search("a" * 50 + "b") is None, type(regex("a+")).__module__
    (True, 're2')
    """
    if _re2 is not None:
        options = _re2.Options()
        options.log_errors = False
        options.case_sensitive = not fold
        return _re2.compile(pattern, options)
    return re.compile(pattern, re.IGNORECASE if fold else 0)  # pragma: no cover - no google-re2 wheel here


def searcher(compiled: Any) -> Callable[[str], Any]:
    """``compiled.search`` as a test: None when the text has no match, something else when it has one.

    For RE2 this asks the matcher itself whether there is a match; google-re2's ``search`` also builds
    the match object through a generator, which costs more than the search on short texts.

    >>> searcher(regex("b+c"))("abbc") is not None, searcher(regex("b+c"))("ac")
    (True, None)
    """
    matcher = getattr(compiled, "_regexp", None)
    if matcher is None or not hasattr(_re2, "_Anchor") or not hasattr(_re2, "_NULL_SPAN"):
        return compiled.search  # Python's re, or a google-re2 without these internals: its own search
    match, anchor, none = matcher.Match, _re2._Anchor.UNANCHORED, _re2._NULL_SPAN

    def search(text: str) -> Any:
        data = text.encode()
        return None if match(anchor, data, 0, len(data))[0] == none else True

    return search


def uses_re2(pattern: str) -> bool:
    """Whether ``matches`` runs this pattern in RE2 (always, where google-re2 is installed)."""
    return _re2 is not None and not isinstance(regex(pattern), re.Pattern)


def value_test(op: str, literal: ast.Value, case_insensitive: bool = False) -> ValueTest:
    """The test one non-null value must pass for ``op literal`` (positive operators only).

    >>> value_test("eq", ast.String(value="True")).function(True)
    True
    """
    if literal.kind == "list" or literal.kind == "field":
        raise TypeError(f"a value test is of one literal value, not of a {literal.kind}")
    return value_test_of(op, None if literal.kind == "null" else literal.value, case_insensitive)


def value_test_of(op: str, value: Any, case_insensitive: bool = False) -> ValueTest:
    """:func:`value_test` for a plain Python value (another field's value, ``field(…)``), tested alike.

    >>> value_test_of("eq", 5).function("5")
    True
    """
    return _value_test(op, value.__class__, value, case_insensitive or op in FOLDING)


@lru_cache(maxsize=8192)
def _value_test(op: str, kind: type, value: Any, fold: bool) -> ValueTest:
    if op in ("eq", "ieq"):
        return _equals(value, fold)
    if op in _ORDER:
        return _ordering(op, value, fold)
    return _text(op, value, fold)


#: The operators whose alternatives on one path merge into one test (:func:`any_of`).
MERGEABLE = {"eq", "ieq", "contains", "icontains", "startswith", "istartswith", "endswith", "iendswith"}


def any_of(op: str, literals: list[ast.Value], case_insensitive: bool = False) -> ValueTest | None:
    r"""One test a value passes exactly when it passes ``op``'s test for some literal: what ``p op a or
    p op b or …`` asks of each value, in one call (one casefold, ``str.endswith`` of a tuple, a set
    lookup).  None when the literals do not merge (not all plain strings, or another operator).

    >>> test = any_of("iendswith", [ast.String(value="\\CMD.exe"), ast.String(value="\\w.exe")])
    >>> test.function("C:\\Windows\\cmd.EXE"), test.function("cmd.exe"), test.function(5)
    (True, False, False)
    >>> any_of("eq", [ast.String(value="a"), ast.String(value="5")]) is None  # "5" also equals 5
    True
    """
    fold = case_insensitive or op in FOLDING
    base = op[1:] if op in FOLDING else op
    if base not in MERGEABLE or not literals:
        return None
    texts = [literal.value for literal in literals if literal.kind == "string"]
    if len(texts) != len(literals):
        return None
    needles = tuple(dict.fromkeys(text.casefold() if fold else text for text in texts))
    subject = "{v}.casefold()" if fold else "{v}"
    if base == "eq":
        if any(_equals(text, fold).template != _equals("", fold).template for text in texts):
            return None  # a literal that also equals numbers, booleans or dates keeps its own test
        return ValueTest("isinstance({v}, str) and " + subject + " in {S}", {"S": frozenset(needles)})
    if base == "contains":
        return ValueTest("isinstance({v}, str) and any(map(" + subject + ".__contains__, {S}))", {"S": needles})
    return ValueTest("isinstance({v}, str) and " + subject + f".{base}({{S}})", {"S": needles})


def flatten(values: list[Any]) -> list[Any]:
    """The values a path yields: lists fan out (recursively) and nulls are no value.

    >>> flatten([1, [2, [None, 3]], None])
    [1, 2, 3]
    """
    out: list[Any] = []
    for value in values:
        if isinstance(value, list):
            out.extend(flatten(value))
        elif value is not None:
            out.append(value)
    return out


def any_value(test: Callable[[Any], bool], value: Any) -> bool:
    """True when some value in the (possibly nested) list ``value`` passes ``test``."""
    for item in value:
        if item.__class__ is list or isinstance(item, list):
            if any_value(test, item):
                return True
        elif test(item):
            return True
    return False


def has_value(value: Any) -> bool:
    """True when a raw value is some value: not None, not an empty (or all-null) list."""
    if value is None:
        return False
    if isinstance(value, list):
        return any(has_value(item) for item in value)
    return True


Comparison = Callable[[Any], bool]


def comparison(op: str, literal: ast.Value, case_insensitive: bool = False,
               values_of: Callable[[Any], Any] | None = None) -> Comparison:
    """``op literal`` as a function of the values a path yielded: the structure every engine follows.

    ``ne`` is exactly ``not eq``; ``eq null`` is "no value"; ``in`` is ``eq`` against any member;
    otherwise the comparison holds when any value passes the value test.  With ``values_of`` (a
    function from a document to its path's values) the result is a function of the document.

    >>> comparison("ne", ast.String(value="AWS_KMS"))([])
    True
    """
    of = values_of if values_of is not None else (lambda values: values)
    negated = op in ("ne", "ine")
    positive = NEGATION[op] if negated else op
    if positive == "in":
        assert literal.kind == "list"  # the operand of `in` (check_operand)
        members = [comparison("eq", item, case_insensitive, of) for item in literal.items]
        return lambda subject: any(member(subject) for member in members)
    if literal.kind == "null":
        if positive not in ("eq", "ieq"):
            return lambda subject: False
        if negated:  # ne null: some value
            return lambda subject: bool(of(subject))
        return lambda subject: not of(subject)
    test, found = decision(op, literal, case_insensitive)

    def decide(subject: Any) -> bool:
        for value in of(subject):
            if test(value):
                return found
        return not found

    return decide


def decision(op: str, literal: ast.Value, case_insensitive: bool = False) -> tuple[Callable[[Any], bool], bool]:
    """For a comparison against one non-null literal: the value test, and the answer when a value passes.

    The comparison is ``found`` when any value passes the test and ``not found`` otherwise: ``eq``
    holds when a value passes, ``ne`` when none does.

    >>> test, found = decision("ne", ast.String(value="x")); test("x"), found
    (True, False)
    """
    negated = op in ("ne", "ine")
    return value_test(NEGATION[op] if negated else op, literal, case_insensitive).function, not negated


def compare(op: str, literal: ast.Value, values: list[Any], case_insensitive: bool = False) -> bool:
    """:func:`comparison` applied once.

    >>> compare("eq", ast.Null(), [])
    True
    """
    return comparison(op, literal, case_insensitive)(values)
