"""scan --alerts: the bundled Okta brute-force rule, the example Sigma correlation, and bad input."""
from __future__ import annotations

import json
import shutil

import pytest
from conftest import ROOT

from condition_engine.cli import main

EXAMPLES = ROOT / "examples"
SIGMA = EXAMPLES / "sigma"


def alerts_of(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_the_okta_brute_force_rule_alerts_once_per_burst(tmp_path, capsys):
    out = tmp_path / "alerts.jsonl"
    assert main(["scan", str(EXAMPLES / "okta_sign_ins.jsonl"), "--alerts", str(out)]) == 0
    alerts = alerts_of(out)
    assert [(a["title"], a["first_time"], a["last_time"], a["count"]) for a in alerts] == [
        ("Okta brute force against mallory@example.com from 198.51.100.66", "2026-11-02T09:00:00Z",
         "2026-11-02T09:06:00Z", 7),
        ("Okta brute force against mallory@example.com from 198.51.100.91", "2026-11-02T11:00:00Z",
         "2026-11-02T11:09:00Z", 5)]
    assert alerts[0]["group"] == {"actor.alternateId": "mallory@example.com"}
    assert [f["line"] for f in alerts[0]["findings"]] == [1, 2, 3, 5, 4, 6, 7]  # by time: line 4 is minute 4
    captured = capsys.readouterr()
    assert "alerts: 2 from 18 findings of 1 alerting rules" in captured.err
    assert len(captured.out.splitlines()) == 18  # a Panther rule's findings are still written


def test_the_sigma_correlation_alerts_on_the_ordered_sequence_only(tmp_path, capsys):
    pytest.importorskip("sigma", reason="the sigma extra is installed by .ci/run")
    out = tmp_path / "alerts.jsonl"
    assert main(["scan", str(SIGMA), "--rules", str(SIGMA), "--no-bundled", "--alerts", str(out)]) == 0
    [alert] = alerts_of(out)
    assert (alert["title"], alert["kind"], alert["group"]) == (
        "Discovery Then LSASS Dump On One Host", "temporal_ordered", {"Computer": "WS-042.corp.example.com"})
    assert [f["line"] for f in alert["findings"]] == [1, 2, 5]
    assert capsys.readouterr().out == ""  # generate: false (Sigma's default): the base rules' findings are not written


def test_temporal_without_order_also_alerts_on_the_shuffled_sequences(tmp_path, capsys):
    pytest.importorskip("sigma", reason="the sigma extra is installed by .ci/run")
    rules = tmp_path / "rules.yml"
    text = (SIGMA / "recon_then_credential_dump.yml").read_text()
    rules.write_text(text.replace("type: temporal_ordered", "type: temporal").replace(
        "timespan: 15m\n", "timespan: 15m\n  generate: true\n", 1))
    out = tmp_path / "alerts.jsonl"
    assert main(["scan", str(SIGMA), "--rules", str(rules), "--no-bundled", "--alerts", str(out)]) == 0
    hosts = [a["group"]["Computer"].split(".")[0] for a in alerts_of(out)]
    assert hosts == ["WS-042", "WS-017", "WS-063"]  # WS-099 took 30 minutes
    assert len(capsys.readouterr().out.splitlines()) == 13  # generate: true keeps the base findings


def test_duckdb_raises_the_same_alerts(tmp_path):
    pytest.importorskip("duckdb", reason="the sql extra is installed by .ci/run")
    python, duckdb = tmp_path / "python.jsonl", tmp_path / "duckdb.jsonl"
    assert main(["scan", str(EXAMPLES), "--alerts", str(python), "--quiet", "--out", str(tmp_path / "f")]) == 0
    assert main(["scan", str(EXAMPLES), "--alerts", str(duckdb), "--quiet", "--out", str(tmp_path / "g"),
                 "--engine", "duckdb"]) == 0
    assert python.read_text() == duckdb.read_text() and len(alerts_of(python)) == 2


def write_rule(tmp_path, extra: str, condition: str = 'action eq "login"'):
    rule = tmp_path / "rule.yml"
    rule.write_text(f"AnalysisType: rule\nRuleID: Logins\nLogTypes: [App.Log]\nSeverity: Low\n{extra}"
                    f"Condition: '{condition}'\n")
    return rule


def test_unreadable_times_are_rejects_and_missing_times_are_counted(tmp_path, capsys):
    rule = write_rule(tmp_path, "Threshold: 2\nGroupBy: [user]\n")
    data = tmp_path / "log.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in [
        {"p_log_type": "App.Log", "action": "login", "user": "ann", "eventTime": "2026-11-02T09:00:00Z"},
        {"p_log_type": "App.Log", "action": "login", "user": "ann", "eventTime": "last tuesday"},
        {"p_log_type": "App.Log", "action": "login", "user": "ann"},
        {"p_log_type": "App.Log", "action": "login", "user": ["ann", "bob"], "eventTime": "2026-11-02T09:01:00Z"},
        {"p_log_type": "App.Log", "action": "login", "user": "ann", "eventTime": "2026-11-02T09:02:00Z"}]) + "\n")
    rejects, out = tmp_path / "rejects.jsonl", tmp_path / "alerts.jsonl"
    assert main(["scan", str(data), "--rules", str(rule), "--no-bundled", "--alerts", str(out),
                 "--rejects", str(rejects)]) == 0
    err = capsys.readouterr().err
    assert f"{data}:2: error[E505]: not alerted: 'last tuesday' is not an ISO-8601 time or an epoch number" in err
    assert (f"{data}:4: error[E505]: not alerted: the GroupBy field 'user' of Logins holds a list, not one value"
            in err)
    assert ("warning: 1 findings of Logins have no time (fields tried: p_event_time, eventTime, published, "
            "@timestamp, Event.System.TimeCreated.#attributes.SystemTime, TimeCreated_SystemTime, UtcTime); "
            "they are in no alert — give --time-field PATH") in err
    assert [json.loads(line)["user"] for line in rejects.read_text().splitlines()] == ["ann", ["ann", "bob"]]
    [alert] = alerts_of(out)
    assert [f["line"] for f in alert["findings"]] == [1, 5]


def test_a_time_field_can_be_named(tmp_path):
    rule = write_rule(tmp_path, "Threshold: 2\n")
    data = tmp_path / "log.jsonl"
    data.write_text('{"p_log_type": "App.Log", "action": "login", "ts": 1793610000}\n'
                    '{"p_log_type": "App.Log", "action": "login", "ts": 1793610060000}\n')
    out = tmp_path / "alerts.jsonl"
    assert main(["scan", str(data), "--rules", str(rule), "--no-bundled", "--alerts", str(out), "--quiet",
                 "--time-field", "ts", "--out", str(tmp_path / "f")]) == 0
    [alert] = alerts_of(out)
    assert (alert["first_time"], alert["last_time"]) == ("2026-11-02T09:00:00Z", "2026-11-02T09:01:00Z")


@pytest.mark.parametrize("extra, message", [
    ("DedupPeriodMinutes: 0\n", "5:1: error[E214]: Logins: DedupPeriodMinutes must be positive, not 0"),
    ("Threshold: 0\n", "5:1: error[E214]: Logins: Threshold must be at least 1, not 0"),
    ("GroupBy: [[user]]\n", "5:1: error[E214]: Logins: GroupBy is a list of field paths (text)")])
def test_alerting_keys_that_cannot_work(tmp_path, capsys, extra, message):
    rule = write_rule(tmp_path, extra)
    data = tmp_path / "log.jsonl"
    data.write_text('{"p_log_type": "App.Log", "action": "login"}\n')
    assert main(["scan", str(data), "--rules", str(rule), "--no-bundled", "--alerts", str(tmp_path / "a")]) == 2
    assert capsys.readouterr().err.startswith(f"{rule}:{message}")


def correlation(tmp_path, body: str):
    shutil.copy(SIGMA / "recon_then_credential_dump.yml", tmp_path / "base.yml")
    path = tmp_path / "bad.yml"
    path.write_text("title: Bad\nid: 0a0a0a0a-1111-4222-8333-444444444444\nlevel: low\ncorrelation:\n" + body)
    return path


@pytest.mark.parametrize("body, message", [
    ("  type: event_count\n  rules: [whoami_recon]\n  timespan: 0m\n  condition: {gte: 2}\n",
     ":7:3: error[E215]: $.correlation.timespan: invalid Sigma correlation: Timespan '0m' must be greater than zero."),
    ("  type: event_count\n  rules: [whoami_recon, no_such_rule]\n  timespan: 5m\n  condition: {gte: 2}\n",
     ":6:25: error[E216]: $.correlation.rules[1]: correlation 0a0a0a0a-1111-4222-8333-444444444444 names the rule "
     "'no_such_rule', which is not loaded (give the file or directory of its base rules)"),
    ("  type: event_count\n  rules: [whoami_recon]\n  timespan: 5m\n  condition: {gte: 2, about: 3}\n",
     ":8:3: error[E215]: $.correlation.condition: invalid Sigma correlation: Sigma correlation condition "
     "contains invalid items: about")])
def test_bad_correlations_are_located(tmp_path, capsys, body, message):
    pytest.importorskip("sigma", reason="the sigma extra is installed by .ci/run")
    path = correlation(tmp_path, body)
    assert main(["lint", "--rules", str(tmp_path), "--no-bundled"]) == 2
    err = capsys.readouterr().err
    assert f"{path}{message}" in err, err


def test_a_failing_alert_test_says_how_many_alerts_were_made(tmp_path, capsys):
    rule = tmp_path / "rule.yml"
    rule.write_text((ROOT / "rules" / "okta" / "brute_force_by_actor.yml").read_text().replace(
        "ExpectedAlerts: 1", "ExpectedAlerts: 2"))
    assert main(["test", str(rule), "--no-bundled"]) == 1
    assert (f"FAIL Okta.BruteForceByActor :: Five failures within ten minutes make one alert ({rule}): "
            "ExpectedAlerts: 2, but the records made 1 alert") in capsys.readouterr().out


@pytest.mark.parametrize("test, message", [
    ('Logs: [{"a": 1}]', "$.Tests[0]: a test with Logs needs ExpectedAlerts (the number of alerts they make)"),
    ('Logs: [{"a": 1}]\n    ExpectedAlerts: 1\n    ExpectedResult: true',
     "$.Tests[0]: a test has either Logs and ExpectedAlerts, or a Resource/Log and ExpectedResult"),
    ('Log: {"a": 1}\n    ExpectedAlerts: 1', "$.Tests[0]: a test needs ExpectedResult (or Logs and ExpectedAlerts)")])
def test_alert_tests_that_are_not_well_formed(tmp_path, capsys, test, message):
    rule = tmp_path / "rule.yml"
    rule.write_text(f"AnalysisType: rule\nRuleID: X\nLogTypes: [A]\nCondition: a eq 1\nTests:\n  - Name: t\n    {test}\n")
    assert main(["test", str(rule), "--no-bundled"]) == 2
    assert f"{rule}:6:5: error[E201]: {message}" in capsys.readouterr().err


def example_with(tmp_path, old: str, new: str):
    """The example correlation file with its first ``old`` line replaced."""
    rules = tmp_path / "rules.yml"
    rules.write_text((SIGMA / "recon_then_credential_dump.yml").read_text().replace(old, new, 1))
    return rules


def test_correlation_tests_run_the_base_rules_and_count_alerts(tmp_path, capsys):
    pytest.importorskip("sigma", reason="the sigma extra is installed by .ci/run")
    assert main(["test", str(SIGMA), "--no-bundled"]) == 0
    assert "correlations: 1, 3/3 correlation tests passed" in capsys.readouterr().out
    rules = example_with(tmp_path, "    expected_alerts: 0\n", "    expected_alerts: 2\n")
    assert main(["test", str(rules), "--no-bundled"]) == 1
    assert (f"FAIL 6f1d7a52-3c0b-4e7e-9b55-8a6e2c4d0f10 :: the dump before the discovery does not alert ({rules}): "
            "ExpectedAlerts: 2, but the records made 0 alerts") in capsys.readouterr().out


def test_a_malformed_correlation_test_is_located(tmp_path, capsys):
    pytest.importorskip("sigma", reason="the sigma extra is installed by .ci/run")
    rules = example_with(tmp_path, "    expected_alerts: 1\n", "    expected_alerts: one\n")
    assert main(["test", str(rules), "--no-bundled"]) == 2
    assert (f"{rules}:24:5: error[E217]: $.tests[0]: a correlation test has a name, expected_alerts (a count) "
            "and logs (a list of records with their times), and nothing else") in capsys.readouterr().err
