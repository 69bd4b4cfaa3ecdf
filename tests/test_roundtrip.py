"""Laws of the canonical printer, checked over generated ASTs rather than examples."""
from __future__ import annotations

from hypothesis import given, settings
from strategies import conditions, wild_conditions

from condition_engine import ast, parse, to_text


@given(wild_conditions())
@settings(max_examples=400)
def test_parse_of_to_text_is_the_same_tree(node):
    assert parse(to_text(node)) == node


@given(conditions())
@settings(max_examples=200)
def test_to_text_is_idempotent(node):
    text = to_text(node)
    assert to_text(parse(text)) == text


@given(wild_conditions())
@settings(max_examples=200)
def test_json_round_trip_is_lossless(node):
    from pydantic import TypeAdapter

    adapter = TypeAdapter(ast.Expr)
    assert adapter.validate_json(adapter.dump_json(node)) == node
