"""The shared plan for large packs gives exactly the answers of running every rule alone."""
from __future__ import annotations

import json
import sys

from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sql_support import strings
from strategies import conditions

import condition_engine as ce
from condition_engine import ast
from condition_engine.scan.logsources import LogsourceMap
from condition_engine.scan.plan import MIN_RULES, PackPlan, anchors, plan, requirements

WORDS = ["cmd", "CMD.exe", "powershell", "-enc", "\\whoami.exe", "Straße", "🦆", "x", "", "1", "true", "2024-01-01"]
KEYS = st.sampled_from(["Image", "CommandLine", "User"])
VALUES = st.one_of(st.sampled_from(WORDS), st.text(max_size=6), st.integers(0, 2), st.booleans(), st.none())
TEXTS = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map("".join)


@st.composite
def text_predicates(draw) -> ast.Expr:
    """Predicates the plan anchors on (string tests), and some it cannot (regex, existence, numbers)."""
    path = ast.Path(steps=(ast.Key(name=draw(KEYS)),))
    op = draw(st.sampled_from(["contains", "icontains", "startswith", "iendswith", "eq", "ieq", "in", "glob",
                               "iglob", "matches", "exists", "gt"]))
    if op == "exists":
        return ast.Exists(path=path)
    if op == "in":
        return ast.Compare(path=path, op="in", value=ast.List(items=tuple(
            ast.String(value=w) for w in draw(st.lists(st.sampled_from(WORDS), max_size=3)))))
    if op == "gt":
        return ast.Compare(path=path, op="gt", value=ast.Number(value=draw(st.integers(0, 2))))
    if op == "matches":
        return ast.Compare(path=path, op="matches", value=ast.String(value=draw(st.sampled_from(["^c", "e$", "x|y"]))))
    text = draw(TEXTS)
    if op in ("glob", "iglob"):
        text = draw(st.sampled_from(["*", "?", ""])) + text + draw(st.sampled_from(["*", "?", "[*]", ""]))
    return ast.Compare(path=path, op=op, value=ast.String(value=text))


def _rule_conditions():
    leaf = text_predicates()
    tree = st.recursive(leaf, lambda c: st.one_of(
        c.map(lambda x: ast.Not(operand=x)),
        st.lists(c, min_size=2, max_size=3).map(lambda xs: ast.And(operands=tuple(xs))),
        st.lists(c, min_size=2, max_size=3).map(lambda xs: ast.Or(operands=tuple(xs)))), max_leaves=6)
    return st.one_of(tree, conditions())


RECORDS = st.one_of(st.dictionaries(st.sampled_from(["Image", "CommandLine", "User", "other"]),
                                    st.one_of(VALUES, st.lists(VALUES, max_size=3)), max_size=4),
                    st.lists(VALUES, max_size=2), VALUES)


@given(st.lists(_rule_conditions(), min_size=MIN_RULES, max_size=MIN_RULES + 8), st.lists(RECORDS, max_size=12))
@settings(max_examples=150, suppress_health_check=list(HealthCheck))
def test_the_plan_equals_every_rule_alone(conditions_, records):
    functions = [ce.compile(c) for c in conditions_]
    planned = PackPlan(functions, conditions_)
    for record in records:
        assert planned(record) == [i for i, f in enumerate(functions) if f(record)], record


@given(_rule_conditions(), RECORDS)
@settings(max_examples=300, suppress_health_check=list(HealthCheck))
def test_a_rule_holds_only_where_each_anchor_group_is_met(condition, record):
    """The law the plan rests on: every requirement group has a text found in its field."""
    if not isinstance(record, dict) or not ce.evaluate(condition, record):
        return
    for group in requirements(condition):
        assert any(text in value.casefold() for keys, text in group for value in strings(record.get(keys[0]))
                   if isinstance(value, str)), (group, record)


def test_small_packs_and_anchors():
    assert plan([], []) is None
    assert anchors(ce.parse('a exists')) is None
    assert sorted(anchors(ce.parse('Image iendswith "\\\\W.exe" and CommandLine contains "-enc"'))) in (
        [(("Image",), "\\w.exe")], [(("CommandLine",), "-enc")])
    assert anchors(ce.parse('a eq "5"')) is None  # "5" also equals the number 5: no text needed


def test_sigmahq_windows_pack_over_generated_events_agrees_with_each_rule_alone(tmp_path, sigmahq_windows_rules):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from windows_events import events

    rules = sigmahq_windows_rules
    assert len(rules) > 2000
    data = tmp_path / "events.jsonl"
    generated = list(events(3000, seed=11))
    data.write_text("".join(json.dumps(e) + "\n" for e in generated))
    result = ce.scan_files(str(data), rules)
    mapper = LogsourceMap.load()
    expected = set()
    for number, event in enumerate(generated, 1):
        types = set(mapper.types_of(event))
        for rule in rules:
            if types & set(rule.types) and rule.matches(event):
                expected.add((rule.id, number))
    assert {(f["rule_id"], f["line"]) for f in result.findings} == expected
    assert len(expected) > 100
