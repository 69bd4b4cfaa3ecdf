"""Hypothesis strategies: condition ASTs and JSON documents that exercise the semantics' corners."""
from __future__ import annotations

from hypothesis import strategies as st

from condition_engine import ast
from condition_engine.operands import FIELD_OPERATORS

#: Keys that documents and conditions share, so generated paths usually hit something.
KEYS = ["a", "b", "Key", "Value", "not", "in", "Tags"]
#: Keys for syntax round trips: identifiers, language words and names that need backticks.
WILD_KEYS = st.one_of(
    st.sampled_from(KEYS + ["eq", "and", "or", "null", "true", "notes", "order", "android", "x-y", "a b",
                            "`", "\\", "urn:x:y", "é", "_", "$t", "@ts", "1a", ""]),
    st.text(min_size=1, max_size=6),
)
STRINGS = st.one_of(
    st.sampled_from(["", "x", "X", "True", "true", "FALSE", "1", "1.0", "-2", "abc", "ABC", "Straße",
                     "STRASSE", "10.1.2.3", "192.168.0.1", "2001:db8::1", "2024-01-01T00:00:00Z", "*",
                     "a*c", "?", "é", "É"]),
    st.text(max_size=5),
)
NUMBERS = st.one_of(st.integers(-3, 3), st.sampled_from([0.5, -1.5, 1.0, 2.0, 1e3]))
PATTERNS = {
    "matches": ["^a", "b$", "x|y", "[0-9]+", "", "É", "(?i)abc"],
    "glob": ["*", "a*", "*c", "?", "a?c", "[*]", "*.exe", ""],
    "cidr": ["10.0.0.0/8", "192.168.0.0/16", "2001:db8::/32", "0.0.0.0/0", "10.1.2.3/32"],
}
PATTERNS["imatches"] = PATTERNS["matches"]
PATTERNS["iglob"] = PATTERNS["glob"]


def scalars() -> st.SearchStrategy[ast.Node]:
    return st.one_of(
        STRINGS.map(lambda v: ast.String(value=v)),
        NUMBERS.map(lambda v: ast.Number(value=v)),
        st.booleans().map(lambda v: ast.Boolean(value=v)),
        st.just(ast.Null()),
    )


def _compare(path: ast.Path, op: str, draw, keys=st.sampled_from(KEYS), depth: int = 1,
             keys_only: bool = False) -> ast.Compare:
    if op in FIELD_OPERATORS and draw(st.integers(0, 3)) == 0:  # one in four: another field
        value = ast.FieldRef(path=draw(paths(keys=keys, depth=depth, keys_only=keys_only)))
    elif op == "in":
        value = ast.List(items=tuple(draw(st.lists(scalars(), max_size=3))))
    elif op in PATTERNS:
        value = ast.String(value=draw(st.sampled_from(PATTERNS[op])))
    elif op in ("contains", "startswith", "endswith", "icontains", "istartswith", "iendswith"):
        value = ast.String(value=draw(STRINGS))
    else:
        value = draw(scalars())
    return ast.Compare(path=path, op=op, value=value)


@st.composite
def paths(draw, keys=st.sampled_from(KEYS), depth: int = 1, keys_only: bool = False) -> ast.Path:
    steps: list[ast.Node] = [ast.Key(name=draw(keys))]
    for _ in range(draw(st.integers(0, 2))):
        kinds = ["key", "key", "index", "filter"] if depth > 0 else ["key", "index"]
        kind = draw(st.sampled_from(["key"] if keys_only else kinds))
        if kind == "key":
            steps.append(ast.Key(name=draw(keys)))
        elif kind == "index":
            steps.append(ast.Index(index=draw(st.integers(-2, 2))))
        else:
            steps.append(ast.Filter(condition=draw(conditions(keys=keys, depth=depth - 1))))
    return ast.Path(steps=tuple(steps))


@st.composite
def predicates(draw, keys=st.sampled_from(KEYS), depth: int = 1, keys_only: bool = False) -> ast.Node:
    path = draw(paths(keys=keys, depth=depth, keys_only=keys_only))
    op = draw(st.sampled_from(list(ast.OPERATORS) + ["exists", "exists"]))
    if op == "exists":
        return ast.Exists(path=path)
    return _compare(path, op, draw, keys, depth, keys_only)


def conditions(keys=st.sampled_from(KEYS), depth: int = 1, keys_only: bool = False) -> st.SearchStrategy[ast.Node]:
    """Random condition ASTs over ``keys``; ``depth`` bounds value-filter nesting; ``keys_only``: paths of
    keys alone (no index or filter steps)."""
    return st.recursive(
        predicates(keys=keys, depth=depth, keys_only=keys_only),
        lambda children: st.one_of(
            children.map(lambda c: ast.Not(operand=c)),
            st.lists(children, min_size=2, max_size=3).map(lambda cs: ast.And(operands=tuple(cs))),
            st.lists(children, min_size=2, max_size=3).map(lambda cs: ast.Or(operands=tuple(cs))),
        ),
        max_leaves=6,
    )


def wild_conditions() -> st.SearchStrategy[ast.Node]:
    """Conditions whose field names include language words and characters needing backticks."""
    return conditions(keys=WILD_KEYS)


JSON_SCALARS = st.one_of(STRINGS, NUMBERS, st.booleans(), st.none())


def documents() -> st.SearchStrategy[object]:
    """JSON documents over KEYS: missing keys, nulls, empty and nested lists, mixed types, unicode."""
    return st.recursive(
        JSON_SCALARS,
        lambda children: st.one_of(
            st.lists(children, max_size=3),
            st.dictionaries(st.sampled_from(KEYS), children, max_size=4),
        ),
        max_leaves=10,
    ) | st.dictionaries(st.sampled_from(KEYS), JSON_SCALARS, max_size=4)
