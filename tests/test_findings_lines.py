"""A scan writing JSON Lines writes each finding line itself (no call per finding): the same bytes, counts and
per-rule order as the general path, which builds every finding with ``make`` and hands it to ``emit``."""
from __future__ import annotations

import io
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from condition_engine.rules import load_rules
from condition_engine.scan import ScanOptions, scan
from condition_engine.scan.findings import JsonLinesWriter, finding, lines_written_by

#: Several rules per type, an untyped rule seeing every record, one of two types, exclusions (``and not``),
#: and rules a record matches together.
RULES = {
    "a.yml": "RuleID: Demo.A\nSeverity: High\nLogTypes: [Demo.A]\nCondition: eventName eq \"x\"\n",
    "ab.yml": "RuleID: Demo.AB\nSeverity: Low\nLogTypes: [Demo.A, Demo.B]\nCondition: userName exists\n",
    "any.yml": "RuleID: Demo.Any\nSeverity: Info\nCondition: n gt 1\n",
    "excluded.yml": ("RuleID: Demo.Excluded\nSeverity: Medium\nResourceTypes: [Demo.A]\n"
                     "Condition: eventName in [\"x\", \"y\"] and not userName eq \"svc\" and not (n lt 0)\n"),
}
TYPES = st.one_of(st.sampled_from(["Demo.A", "Demo.B", "Other", ""]), st.integers(0, 2), st.none())
VALUES = st.one_of(st.text(max_size=4), st.integers(-2, 3), st.floats(allow_nan=False, allow_infinity=False),
                   st.booleans(), st.none(), st.lists(st.integers(0, 2), max_size=2),
                   st.dictionaries(st.sampled_from(["k"]), st.integers(0, 2), max_size=1))
FIELDS = {"p_log_type": TYPES, "ResourceType": TYPES, "eventName": st.sampled_from(["x", "y", "z"]),
          "userName": st.one_of(st.sampled_from(["svc", "bob"]), VALUES), "n": VALUES,
          "Arn": VALUES, "eventID": VALUES, "id": VALUES, "Name": VALUES, "KeyId": VALUES, "other": VALUES}
RECORD = st.one_of(
    st.fixed_dictionaries({}, optional=FIELDS).flatmap(lambda record: st.permutations(list(record.items()))
                                                       .map(dict)),  # any key order: identifying fields in ours
    st.lists(st.integers(-3, 3), max_size=2), st.text(max_size=3))  # not objects: findings without identifying fields


@pytest.fixture(scope="module")
def rules(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rules")
    for name, text in RULES.items():
        (folder / name).write_text("AnalysisType: rule\n" + text)
    return list(load_rules(folder, bundled=False))


def _both(inputs: list[str], rules, options: ScanOptions | None = None):
    """(bytes, per-rule counts in order, findings) of the scan writing lines itself, then of the general path."""
    out = []
    for fast in (True, False):
        stream = io.BytesIO()
        writer = JsonLinesWriter(stream)
        emit = writer.write if fast else (lambda item, writer=writer: writer.write(item))  # the general path
        assert (lines_written_by(emit, finding) is not None) is fast
        stats = scan(inputs, rules, emit, options)
        out.append((stream.getvalue(), list(stats.per_rule.items()), stats.findings))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(RECORD, max_size=25), array=st.lists(RECORD, max_size=4))
def test_findings_written_by_the_scan_are_the_general_paths_bytes(tmp_path, rules, lines, array):
    # JSON Lines (the scan's own loop) and a JSON array (the general path) in one scan: counts stay in order
    first, second = tmp_path / "records.jsonl", tmp_path / "array.json"
    first.write_bytes(b"".join(orjson.dumps(record) + b"\n" for record in lines))
    second.write_bytes(orjson.dumps(array))
    fast, general = _both([str(first), str(second)], rules)
    assert fast == general


def test_findings_written_by_the_scan_with_a_forced_type_and_windows_routing(tmp_path, rules):
    from condition_engine.scan.logsources import LogsourceMap

    path = Path(tmp_path / "events.jsonl")
    records = [{"eventName": "x", "userName": "bob", "n": 2, "Arn": "a"}, {"eventName": "y", "n": 5},
               {"Channel": "Security", "EventID": 4624, "n": 3, "eventName": "x"}, {"n": 0}]
    path.write_bytes(b"".join(orjson.dumps(record) + b"\n" for record in records))
    for options in (ScanOptions(record_type="Demo.A"), ScanOptions(logsources=LogsourceMap.load())):
        fast, general = _both([str(path)], rules, options)
        assert fast == general and fast[2] > 0


def test_a_writer_of_another_class_or_another_finding_takes_the_general_path():
    class Loud(JsonLinesWriter):
        def write(self, item):
            super().write({**item, "loud": True})

    stream = io.BytesIO()
    assert lines_written_by(Loud(stream).write, finding) is None
    assert lines_written_by(JsonLinesWriter(stream).write, lambda *args: finding(*args)) is None


def test_per_rule_counts_keep_the_order_of_first_findings_across_paths(tmp_path, rules):
    # Demo.Any's first finding is in the JSON Lines file (written by the scan), Demo.A's in the array after it
    lines, array = tmp_path / "first.jsonl", tmp_path / "then.json"
    lines.write_bytes(orjson.dumps({"n": 5}) + b"\n" + orjson.dumps({"n": 7}) + b"\n")
    array.write_bytes(orjson.dumps([{"p_log_type": "Demo.A", "eventName": "x"}]))
    fast, general = _both([str(lines), str(array)], rules)
    assert fast == general and [rule_id for rule_id, _ in fast[1]] == ["Demo.Any", "Demo.A", "Demo.Excluded"]
