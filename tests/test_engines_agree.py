"""Hypothesis: the interpreter and the compiler agree, and the laws of docs/semantics.md hold."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import conditions, documents, predicates

from condition_engine import ast, compile, evaluate, parse, to_text


@given(conditions(), documents(), st.booleans())
@settings(max_examples=600)
def test_interpreter_equals_compiler(condition, document, fold):
    assert evaluate(condition, document, case_insensitive=fold) == \
        compile(condition, case_insensitive=fold)(document)


@given(conditions(), documents())
@settings(max_examples=200)
def test_evaluation_survives_the_canonical_text(condition, document):
    assert evaluate(parse(to_text(condition)), document) == evaluate(condition, document)


@given(conditions(), documents())
def test_double_negation(a, document):
    assert evaluate(ast.Not(operand=ast.Not(operand=a)), document) == evaluate(a, document)


@given(conditions(), conditions(), documents())
def test_de_morgan(a, b, document):
    left = ast.Not(operand=ast.And(operands=(a, b)))
    right = ast.Or(operands=(ast.Not(operand=a), ast.Not(operand=b)))
    assert evaluate(left, document) == evaluate(right, document)
    left = ast.Not(operand=ast.Or(operands=(a, b)))
    right = ast.And(operands=(ast.Not(operand=a), ast.Not(operand=b)))
    assert evaluate(left, document) == evaluate(right, document)


@given(conditions(), conditions(), documents())
def test_and_or_commute(a, b, document):
    assert evaluate(ast.And(operands=(a, b)), document) == evaluate(ast.And(operands=(b, a)), document)
    assert evaluate(ast.Or(operands=(a, b)), document) == evaluate(ast.Or(operands=(b, a)), document)


@given(predicates(), documents(), st.booleans())
def test_ne_is_not_eq(predicate, document, fold):
    if not isinstance(predicate, ast.Compare) or predicate.op == "in":
        return
    for positive, negative in (("eq", "ne"), ("ieq", "ine")):
        value = predicate.value
        eq = ast.Compare(path=predicate.path, op=positive, value=value)
        ne = ast.Compare(path=predicate.path, op=negative, value=value)
        for engine in (lambda c, d: evaluate(c, d, case_insensitive=fold),
                       lambda c, d: compile(c, case_insensitive=fold)(d)):
            assert engine(ne, document) == (not engine(eq, document))


@given(predicates(), documents())
def test_eq_null_is_not_exists(predicate, document):
    path = predicate.path
    eq_null = ast.Compare(path=path, op="eq", value=ast.Null())
    ne_null = ast.Compare(path=path, op="ne", value=ast.Null())
    exists = ast.Exists(path=path)
    for engine in (evaluate, lambda c, d: compile(c)(d)):
        assert engine(eq_null, document) == (not engine(exists, document))
        assert engine(ne_null, document) == engine(exists, document)


@given(conditions(), documents())
@settings(max_examples=200)
def test_evaluation_never_raises(condition, document):
    assert evaluate(condition, document) in (True, False)
    assert compile(condition)(document) in (True, False)


_MERGE_WORDS = ["cmd.exe", "CMD.EXE", "\\cmd.exe", "Straße", "STRASSE", "ß", "İ", "i̇", "", "5", "5.0", "true",
                "False", "2024-01-01", "-enc", "x"]


@st.composite
def _alternatives(draw) -> ast.Expr:
    """An ``or`` of comparisons on one or two paths with the operators the compiler merges (and ``in``)."""
    operands = []
    ops = st.sampled_from(["eq", "ieq", "contains", "icontains", "startswith", "istartswith", "endswith",
                           "iendswith", "in", "ne", "matches"])
    keys = st.sampled_from([("a",), ("b",), ("a", "b")])
    main_op, main_keys = draw(ops), draw(keys)  # most operands share one path and operator: they merge
    for _ in range(draw(st.integers(2, 6))):
        shared = draw(st.integers(0, 3)) > 0
        path = ast.Path(steps=tuple(ast.Key(name=k) for k in (main_keys if shared else draw(keys))))
        op = main_op if shared else draw(ops)
        if op == "in":
            items = draw(st.lists(st.sampled_from(_MERGE_WORDS), max_size=3))
            operands.append(ast.Compare(path=path, op="in", value=ast.List(items=tuple(ast.String(value=w) for w in items))))
        elif op == "matches":
            operands.append(ast.Compare(path=path, op=op, value=ast.String(value="^c")))
        else:
            words = st.sampled_from(_MERGE_WORDS).map(lambda w: ast.String(value=w))
            literal = draw(st.one_of(words, st.integers(0, 5).map(lambda n: ast.Number(value=n)), st.just(ast.Null()))
                           if op in ("eq", "ieq", "ne") else words)
            operands.append(ast.Compare(path=path, op=op, value=literal))
    return ast.Or(operands=tuple(operands))


_MERGE_VALUE = st.one_of(st.sampled_from(_MERGE_WORDS), st.sampled_from(_MERGE_WORDS).map(lambda w: w + "!"),
                         st.sampled_from(_MERGE_WORDS).map(lambda w: "!" + w), st.text(max_size=3),
                         st.integers(0, 5), st.floats(0, 5), st.booleans(), st.none())
_MERGE_VALUES = st.one_of(_MERGE_VALUE, st.lists(_MERGE_VALUE, max_size=3),
                          st.fixed_dictionaries({"b": st.one_of(_MERGE_VALUE, st.lists(_MERGE_VALUE, max_size=2))}))


@given(_alternatives(), st.fixed_dictionaries({}, optional={"a": _MERGE_VALUES, "b": _MERGE_VALUES}), st.booleans())
@settings(max_examples=2000)
def test_merged_alternatives_equal_the_interpreter(condition, document, fold):
    """The compiler merges ``p op a or p op b`` into one test; the interpreter tests each literal."""
    assert compile(condition, case_insensitive=fold)(document) == evaluate(condition, document, case_insensitive=fold)
