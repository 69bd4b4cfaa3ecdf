"""Fuzzing the three doors of untrusted input: condition text, rule files and scanned files.

Each must give a result or the project's own error with a location — never another exception — and
answer within a second (a per-example deadline: the inputs are small, so only a hang or a blow-up
reaches it).
"""
from __future__ import annotations

import datetime
import json

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import condition_engine as ce
from condition_engine.scan import ScanOptions, scan

FUZZ = settings(max_examples=150, deadline=datetime.timedelta(seconds=1),
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

WORDS = ["not", "and", "or", "(", ")", "[", "]", ".", ",", "eq", "ne", "in", "not in", "exists", "matches",
         "cidr", "contains", "a", "b.c", "`x y`", '"s"', "'q'", "1", "-2.5e3", "true", "null", '"(a+)+$"',
         '"10.0.0.0/8"', "urn:x:y:User:userName", "Tags[Key eq \"x\"]", "[0]", "\n", "\\", '"', "`"]
SOUP = st.lists(st.sampled_from(WORDS), max_size=25).map(" ".join)


def _condition_result(text: str) -> None:
    try:
        ce.parse(text)
    except ce.ConditionError as error:
        assert error.line is not None and error.column is not None, str(error)
        assert str(error).startswith("<condition>:")


@given(st.one_of(st.text(max_size=60), SOUP))
@FUZZ
def test_parser_answers_every_text(text):
    _condition_result(text)


RULE_KEYS = ["AnalysisType", "RuleID", "PolicyID", "Condition", "Severity", "Tests", "LogTypes", "ExclusionNames",
             "Detection", "Filename", "ExceptionID", "Targets", "Owner", "Reason", "Expires", "detection",
             "logsource", "Enabled", "Reports"]
VALUES = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20), SOUP,
                                st.sampled_from(["rule", "policy", "exception", "pack", "High", "2026-01-01"])),
                      lambda inner: st.one_of(st.lists(inner, max_size=3),
                                              st.dictionaries(st.sampled_from(RULE_KEYS + ["Name", "Log"]), inner,
                                                              max_size=4)),
                      max_leaves=12)


@given(st.one_of(st.binary(max_size=300),
                 st.dictionaries(st.sampled_from(RULE_KEYS), VALUES, max_size=8).map(
                     lambda d: yaml.safe_dump(d, allow_unicode=True).encode())))
@FUZZ
def test_rule_loader_answers_every_file(tmp_path_factory, content):
    folder = tmp_path_factory.mktemp("rules")
    (folder / "fuzz.yml").write_bytes(content)
    pack = ce.load_rules(folder, bundled=False)  # never raises: problems are collected
    for problem in pack.problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.file.endswith("fuzz.yml"), str(problem)


RECORDS = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                                 st.text(max_size=10)),
                       lambda inner: st.one_of(st.lists(inner, max_size=3),
                                               st.dictionaries(st.sampled_from(["a", "b", "p_log_type"]), inner,
                                                               max_size=3)),
                       max_leaves=8)
LINES = st.lists(st.one_of(st.binary(max_size=40), RECORDS.map(lambda r: json.dumps(r).encode())), max_size=12)


@given(st.one_of(st.binary(max_size=400), LINES.map(b"\n".join)))
@FUZZ
def test_scan_reader_answers_every_file(tmp_path_factory, content):
    folder = tmp_path_factory.mktemp("scan")
    data = folder / "input.jsonl"
    data.write_bytes(content)
    rule = ce.LoadedRule(model=ce.rules.RuleFile(AnalysisType="rule", RuleID="F", Condition="a exists"),
                         condition=ce.parse("a exists"), path=folder / "f.yml")
    found, rejects = [], []
    try:
        stats = scan([str(data)], [rule], found.append, ScanOptions(), rejects.append)
    except ce.ConditionError as error:  # a file that starts as gzip and is not: named, with its code
        assert error.source == str(data) and error.code == "E502", str(error)
        return
    assert stats.findings == len(found) and stats.rejects == len(rejects)
    for reject in rejects:
        assert reject.line >= 1 and str(reject).startswith(f"{data}:{reject.line}: error[E501]: invalid JSON: ")
