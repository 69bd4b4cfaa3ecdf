"""Hypothesis: the interpreter and the compiler agree, and the laws of docs/semantics.md hold."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from condition_engine import ast, compile, evaluate, parse, to_text
from strategies import conditions, documents, predicates


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
