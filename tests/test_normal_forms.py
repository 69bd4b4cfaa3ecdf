"""Hypothesis: every normal-form function preserves meaning; and their shapes."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from strategies import conditions, documents

import condition_engine as ce
from condition_engine import ast
from condition_engine.analysis.normal_forms import negate


@given(conditions(), documents())
@settings(max_examples=300)
def test_nnf_preserves_meaning(condition, document):
    assert ce.evaluate(ce.to_nnf(condition), document) == ce.evaluate(condition, document)


@given(conditions(), documents())
@settings(max_examples=300)
def test_dnf_preserves_meaning(condition, document):
    assert ce.evaluate(ce.to_dnf(condition), document) == ce.evaluate(condition, document)


@given(conditions(), documents())
@settings(max_examples=300)
def test_simplify_preserves_meaning(condition, document):
    assert ce.evaluate(ce.simplify(condition), document) == ce.evaluate(condition, document)


@given(conditions(), documents())
@settings(max_examples=200)
def test_negate_is_the_complement(condition, document):
    assert ce.evaluate(negate(condition), document) == (not ce.evaluate(condition, document))


def _nots_only_on_leaves(node) -> bool:
    if isinstance(node, ast.Not):
        return isinstance(node.operand, ast.Compare) and node.operand.op not in ("eq", "ne", "ieq", "ine")
    if isinstance(node, (ast.And, ast.Or)):
        return all(_nots_only_on_leaves(o) for o in node.operands)
    return True


@given(conditions())
def test_nnf_shape(condition):
    assert _nots_only_on_leaves(ce.to_nnf(condition))


@given(conditions())
def test_dnf_shape(condition):
    node = ce.to_dnf(condition)
    groups = node.operands if isinstance(node, ast.Or) else (node,)
    for group in groups:
        leaves = group.operands if isinstance(group, ast.And) else (group,)
        assert all(not isinstance(leaf, (ast.And, ast.Or)) for leaf in leaves)


def test_dnf_size_limit_is_a_clear_error():
    wide = " and ".join(f"(a{i} eq 1 or b{i} eq 2)" for i in range(11))
    with pytest.raises(ce.ConditionError, match="more than 1024 clauses") as caught:
        ce.to_dnf(wide)
    assert caught.value.code == "E401"


def test_simplify_examples():
    assert ce.to_text(ce.simplify('a eq 1 and (a eq 1 or b eq 2)')) == "a eq 1"
    assert ce.to_text(ce.simplify('a eq 1 and x in []')) == "x in []"
    assert ce.to_text(ce.simplify('a eq 1 or not x gt true')) == "not x gt true"
    assert ce.to_text(ce.simplify('b eq 2 and not x in [] and b eq 2')) == "b eq 2"
