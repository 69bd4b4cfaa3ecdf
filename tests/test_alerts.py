"""Alerts from findings: the cases of tests/cases/alerts.yaml, then properties and the command line."""
from __future__ import annotations

import datetime

import pytest
from conftest import load_cases

from condition_engine.alerts import Alerter, AlertRule
from condition_engine.alerts.times import BadTime, iso, parse_time

START = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.timezone.utc)


def at(minute: float) -> str:
    return iso((START + datetime.timedelta(minutes=minute)).timestamp())


def alert_rule(spec: dict) -> AlertRule:
    return AlertRule("X", "Alert", "Medium", spec["kind"], tuple(spec["sources"]), 60.0 * spec["window"],
                     tuple(spec.get("group_by", ())), tuple(map(tuple, spec.get("conditions", [["gte", 1]]))),
                     spec.get("field"), aliases=tuple((alias, tuple(fields.items()))
                                                      for alias, fields in spec.get("aliases", {}).items()))


def run(rule: AlertRule, findings: list, alerter_class=Alerter) -> list[dict]:
    alerter = alerter_class([rule])
    for number, (minute, source, fields) in enumerate(findings, 1):
        alerter.observe({"rule_id": source, "file": "f.jsonl", "line": number}, {**fields, "eventTime": at(minute)})
    return alerter.alerts()


def sql_alerter():
    pytest.importorskip("duckdb", reason="the sql extra is installed by .ci/run")
    from condition_engine.sql.alerting import SqlAlerter

    return SqlAlerter


@pytest.mark.parametrize("engine", ["python", "duckdb"])
@pytest.mark.parametrize("case", load_cases("alerts.yaml"), ids=lambda c: c["name"][:60])
def test_alert_case(case, engine):
    rule = alert_rule(case["rule"])
    alerts = run(rule, case["findings"], sql_alerter() if engine == "duckdb" else Alerter)
    got = [[list(a["group"].values()), a["first_time"], a["last_time"], a["count"]] for a in alerts]
    assert got == [[group, at(first), at(last), count] for group, first, last, count in case["alerts"]]


@pytest.mark.parametrize("text, seconds", [
    ("2026-11-02T09:00:00Z", 1793610000.0), ("2026-11-02T09:00:00.123456789Z", 1793610000.123456),
    ("2026-11-02 09:00:00.000", 1793610000.0), ("2026-11-02T10:00:00+01:00", 1793610000.0),
    ("2026-11-02T09:00:00.4167183Z UTC".replace("Z UTC", " UTC"), 1793610000.416718),
    (1793610000, 1793610000.0), (1793610000000, 1793610000.0), (1793610000.5, 1793610000.5)])
def test_times(text, seconds):
    assert parse_time(text) == pytest.approx(seconds)


@pytest.mark.parametrize("value, message", [
    ("yesterday", "'yesterday' is not an ISO-8601 time or an epoch number"),
    (True, "True is not a time"), ({"t": 1}, "dict value is not a time")])
def test_bad_times(value, message):
    with pytest.raises(BadTime, match=message):
        parse_time(value)


@pytest.mark.parametrize("options, message", [
    ({"window": 0}, "the time window must be positive, not 0 seconds"),
    ({"window": -60}, "the time window must be positive, not -60 seconds"),
    ({"kind": "sometimes"}, "unknown alert kind 'sometimes'"),
    ({"conditions": (("about", 3),)}, "unknown condition 'about'")])
def test_bad_alert_rules(options, message):
    values = {"id": "X", "title": "T", "severity": "Low", "kind": "threshold", "sources": ("X",), "window": 60.0,
              **options}
    with pytest.raises(ValueError, match=message):
        AlertRule(**values)


# --- properties: every alert is sound, and a key whose findings meet the rule within a window alerts ---

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

FINDING = st.tuples(st.integers(0, 90), st.sampled_from("ABC"), st.sampled_from(["h", "g"]))


def _ordered_within(events, sources, window) -> bool:
    """Brute force: some events, in time order, are the sources in order and span less than the window."""
    def extend(start_index, step, first_time):
        if step == len(sources):
            return True
        for k in range(start_index, len(events)):
            minute, source = events[k]
            if first_time is not None and minute - first_time >= window:
                break
            if source == sources[step] and extend(k + 1, step + 1, minute if first_time is None else first_time):
                return True
        return False
    return extend(0, 0, None)


@given(st.lists(FINDING, max_size=40, unique_by=lambda f: f[0]), st.integers(1, 20), st.integers(1, 6),
       st.sampled_from(["threshold", "temporal_ordered"]), st.randoms(use_true_random=False))
def test_alerts_are_sound_complete_and_independent_of_line_order(findings, window, threshold, kind, rng):
    sources = ["A"] if kind == "threshold" else ["A", "B", "C"][:max(2, threshold % 4)]
    rule = alert_rule({"kind": kind, "sources": sources, "window": window, "group_by": ["host"],
                       "conditions": [["gte", threshold]]})
    rows = [(m, s, {"host": h}) for m, s, h in findings if s in sources]
    alerts = run(rule, rows)
    shuffled = rows[:]
    rng.shuffle(shuffled)
    key = lambda a: (a["first_time"], a["group"]["host"], a["count"])  # noqa: E731 - lines differ by position
    assert sorted(map(key, run(rule, shuffled))) == sorted(map(key, alerts))  # distinct times: order is irrelevant
    seen = set()
    for found in alerts:
        lines = [f["line"] for f in found["findings"]]
        assert not seen & set(lines) and found["count"] == len(lines)  # a finding is in one alert at most
        seen.update(lines)
        minutes = sorted(rows[n - 1][0] for n in lines)
        assert minutes[-1] - minutes[0] < window
        if kind == "threshold":
            assert len(lines) >= threshold
        else:
            assert _ordered_within(sorted((rows[n - 1][0], rows[n - 1][1]) for n in lines), sources, window)
    for host in ("h", "g"):
        events = sorted((m, s) for m, s, fields in rows if fields["host"] == host)
        if kind == "threshold":
            meets = any(sum(1 for m, _ in events if 0 <= m - start < window) >= threshold for start, _ in events)
        else:
            meets = _ordered_within(events, sources, window)
        assert meets == any(a["group"]["host"] == host for a in alerts)  # alerted exactly when met


KINDS = st.sampled_from(["threshold", "event_count", "value_count", "temporal", "temporal_ordered"])
CONDITIONS = st.lists(st.tuples(st.sampled_from(["gte", "gt", "lte", "lt", "eq"]), st.integers(0, 5)),
                      min_size=1, max_size=2)


@given(st.lists(st.tuples(st.integers(0, 60), st.sampled_from("ABC"), st.sampled_from(["h", "g", None]),
                          st.sampled_from(["u1", "u2", "u3", None])), max_size=30),
       KINDS, st.integers(1, 15), CONDITIONS, st.lists(st.sampled_from("ABC"), min_size=1, max_size=4))
def test_duckdb_alerts_equal_the_python_engine(findings, kind, window, conditions, sources):
    """Differential: the SQL windows and the Python ones make the same alerts of the same findings."""
    SqlAlerter = sql_alerter()
    if kind == "threshold":
        conditions = [("gte", max(1, conditions[0][1]))]
    if kind in ("temporal", "temporal_ordered"):
        conditions = [("gte", 1)]
    spec = {"kind": kind, "sources": sources, "window": window, "group_by": ["host"], "conditions": conditions,
            "field": "user" if kind == "value_count" else None}
    rule = alert_rule(spec)
    rows = [(m, s, {k: v for k, v in (("host", h), ("user", u)) if v is not None}) for m, s, h, u in findings]
    assert run(rule, rows, SqlAlerter) == run(rule, rows)


# --- the generated readers read paths exactly as value_at does ---

from condition_engine.alerts.readers import BadGroupValue, make_taker  # noqa: E402
from condition_engine.alerts.times import value_at  # noqa: E402

NAMES = st.sampled_from(["a", "b", "a.b"])
VALUES = st.recursive(st.one_of(st.none(), st.integers(0, 3), st.sampled_from(["x", "y"])),
                      lambda inner: st.one_of(st.lists(inner, max_size=2), st.dictionaries(NAMES, inner, max_size=3)),
                      max_leaves=8)
PATHS = st.lists(st.sampled_from(["a", "b"]), min_size=1, max_size=3).map(".".join)


@given(st.dictionaries(NAMES, VALUES, max_size=3), PATHS, PATHS, st.one_of(st.none(), PATHS))
def test_generated_readers_agree_with_value_at(record, group, title, field):
    from collections import defaultdict
    from itertools import count

    expected_group = value_at(record, group)
    events = defaultdict(list)
    take = make_taker("R", [(events, "R", (("g", group),), (title, group), field)], ("t",), count(1), None)
    if isinstance(expected_group, (list, dict)):
        with pytest.raises(BadGroupValue):
            take({**record, "t": 60}, "f", 1)
        return
    assert take({**record, "t": 60}, "f", 1) is True
    [(key, [event])] = events.items()
    assert key == (expected_group,) and event[5:] == (value_at(record, field) if field else None,
                                                     value_at(record, title), expected_group)


def test_a_record_that_is_not_an_object_is_reported_not_filed():
    """A list record fans its paths out: its time is a list of times, not a time (E505 in a scan)."""
    problems = []
    alerter = Alerter([alert_rule({"kind": "threshold", "sources": ["R"], "window": 10, "group_by": ["user"]})],
                      on_bad=lambda message, finding, record: problems.append(message))
    alerter.observe({"rule_id": "R", "file": "f", "line": 1}, [{"user": "ann", "eventTime": at(0)}])
    assert problems == ["list value is not a time"] and alerter.alerts() == []
