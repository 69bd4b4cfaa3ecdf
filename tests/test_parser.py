"""The parser against tests/cases/parse_valid.yaml and parse_invalid.yaml, and its invariants."""
from __future__ import annotations

import pytest
from conftest import case_id, load_cases
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import wild_conditions

from condition_engine import ConditionError, ConditionSyntaxError, ast, parse, to_text

SEED = ('not (Origin ne "AWS_KMS" or KeyManager ne "CUSTOMER" or '
        '(KeyRotationEnabled eq "True" and KeyState eq "Enabled"))')
VALID = load_cases("parse_valid.yaml")
INVALID = load_cases("parse_invalid.yaml")


@pytest.mark.parametrize("case", VALID, ids=case_id)
def test_valid_condition_has_its_canonical_text(case):
    node = parse(case["condition"])
    canonical = case.get("canonical", case["condition"])
    assert to_text(node) == canonical
    assert parse(canonical) == node
    assert to_text(parse(canonical)) == canonical


@pytest.mark.parametrize("case", INVALID, ids=case_id)
def test_invalid_condition_points_at_the_mistake(case):
    with pytest.raises(ConditionSyntaxError) as caught:
        parse(case["condition"])
    error = caught.value
    assert (error.line, error.column) == (case["line"], case["column"]), str(error)
    assert case["message"] in error.message
    assert isinstance(error, ConditionError) and isinstance(error, ValueError)


def test_seed_parses_to_the_expected_tree():
    def cmp(field, op, value):
        return ast.Compare(path=ast.Path.of(field), op=op, value=ast.String(value=value))

    expected = ast.Not(operand=ast.Or(operands=(
        cmp("Origin", "ne", "AWS_KMS"),
        cmp("KeyManager", "ne", "CUSTOMER"),
        ast.And(operands=(cmp("KeyRotationEnabled", "eq", "True"), cmp("KeyState", "eq", "Enabled"))),
    )))
    node = parse(SEED)
    assert node == expected
    assert to_text(node) == SEED


def test_precedence_of_not_over_and():
    node = parse("not State.Code gt 16 and A eq 1")
    assert isinstance(node, ast.And)
    assert isinstance(node.operands[0], ast.Not)


def test_spans_point_into_the_source_and_do_not_affect_equality():
    node = parse('x eq 1 and  KeyState eq "Enabled"')
    second = node.operands[1]
    assert (second.span.line, second.span.column, second.span.start) == (1, 13, 12)
    assert 'x eq 1 and  KeyState eq "Enabled"'[second.span.start:second.span.end] == 'KeyState eq "Enabled"'
    assert parse('x eq 1 and KeyState eq "Enabled"') == node
    assert hash(parse('x eq 1 and KeyState eq "Enabled"')) == hash(node)


def test_json_dump_is_lossless():
    node = parse(SEED)
    again = ast.Not.model_validate_json(node.model_dump_json())
    assert again == node
    assert again.operand.operands[2].span == node.operand.operands[2].span


def test_error_text_shows_the_line_with_a_caret():
    with pytest.raises(ConditionSyntaxError) as caught:
        parse('not (Origin ne "AWS_KMS" and')
    assert str(caught.value) == (
        "<condition>:1:29: error[E101]: unexpected end of condition; expected a field name, '(' or "
        "'not' (unclosed parenthesis opened at 1:5)\n"
        '  | not (Origin ne "AWS_KMS" and\n'
        "  |                             ^"
    )


def test_error_names_the_source():
    with pytest.raises(ConditionSyntaxError) as caught:
        parse("a eq", source="rules/x.yml")
    assert str(caught.value).startswith("rules/x.yml:1:5: error[E101]:")
    assert caught.value.to_dict()["column"] == 5


def test_deep_nesting_is_a_clear_error_not_a_crash():
    assert parse("(" * 10_000 + "a eq 1" + ")" * 10_000) == parse("a eq 1")
    with pytest.raises(ConditionError, match="nests too deeply"):
        parse("not " * 10_000 + "a eq 1")
    with pytest.raises(ConditionError, match="nests too deeply"):
        parse("a[" * 5_000 + "b eq 1" + "]" * 5_000)


def test_a_megabyte_condition_parses():
    text = " and ".join(f'f{i} eq "v{i}"' for i in range(50_000))
    assert len(text) > 1_000_000
    node = parse(text)
    assert len(node.operands) == 50_000


def test_non_text_is_refused():
    with pytest.raises(ConditionError, match="a condition is text"):
        parse(42)


@given(st.text(max_size=40))
@settings(max_examples=300)
def test_arbitrary_text_raises_only_condition_errors(text):
    try:
        parse(text)
    except ConditionSyntaxError as error:
        lines = text.splitlines() or [""]
        assert 1 <= error.line <= len(lines) + 1
        assert error.column >= 1
    except ConditionError:
        pass


SAMPLE_WORDS = st.sampled_from(
    ["a", "not", "and", "or", "eq", "in", "[", "]", "(", ")", '"x"', "1", "-2.5", "exists", ".", "`q`",
     "Tags[Key eq \"e\"]", "true", "null", ",", "matches", '"("', "cidr", '"1.2.3.4/8"', "pr"]
)


@given(st.lists(SAMPLE_WORDS, max_size=12))
@settings(max_examples=300)
def test_token_soup_raises_only_condition_errors(words):
    text = " ".join(words)
    try:
        node = parse(text)
    except ConditionError:
        return
    assert parse(to_text(node)) == node


def _either_loop(text):
    """(tree with spans, or the exception class) from the fast loop and from Lark's own loop."""
    from condition_engine.lalr import Rejected
    from condition_engine.parser import _lark, _tables

    outcomes = []
    for run in (_tables().parse, _lark().parse):
        try:
            outcomes.append(run(text).model_dump())
        except Rejected:
            outcomes.append("rejected")
        except Exception as error:  # noqa: BLE001 - Lark's errors and the transformer's, by class
            outcomes.append("rejected" if error.__class__.__module__.startswith("lark") else type(error))
    return outcomes


@given(st.lists(SAMPLE_WORDS, max_size=12), st.sampled_from([" ", "\n ", "  \n"]))
@settings(max_examples=300)
def test_fast_loop_agrees_with_larks_own_loop_on_token_soup(words, separator):
    fast, lark = _either_loop(separator.join(words))
    assert fast == lark


@given(wild_conditions())
@settings(max_examples=200)
def test_fast_loop_agrees_with_larks_own_loop_on_conditions(node):
    fast, lark = _either_loop(to_text(node))
    assert fast == lark and fast != "rejected"


def test_without_the_fast_loop_lark_parses_alike(monkeypatch):
    """Should a lark release keep its tables elsewhere, parse() falls back to Lark's own loop."""
    from condition_engine import parser as parser_module

    expected = parse('not (a eq 1 or b.c in ["x", "y"]) and Tags[Key eq "env"]')
    monkeypatch.setattr(parser_module, "_tables", lambda: None)
    assert parse('not (a eq 1 or b.c in ["x", "y"]) and Tags[Key eq "env"]') == expected
    with pytest.raises(ConditionSyntaxError, match="unknown operator 'equals'"):
        parse("a equals 1")
