"""The catalog website without a browser: what the catalog holds, the files written, bad input."""
from __future__ import annotations

import datetime
import json

from conftest import ROOT

from condition_engine.cli import main
from condition_engine.rules.loader import load_rules
from condition_engine.site.catalog import Catalog, page_paths

EXCEPTIONS = ROOT / "examples" / "exceptions"


def catalog(**options) -> Catalog:
    return Catalog.from_pack(load_rules(EXCEPTIONS, today=datetime.date(2027, 3, 15)), **options)


def test_the_seed_rule_entry_keeps_its_own_groups_apart_from_exceptions():
    entry = catalog().entry("AWS.CMK.KeyRotation")
    assert [(r.field, r.kind, r.values_text(), entry.row_label(r)) for r in entry.rows] == [
        ("KeyRotationEnabled", "eq", "True", "E1.3"), ("KeyState", "eq", "Enabled", "E1.3"),
        ("KeyManager", "ne", "CUSTOMER", "E1"), ("Origin", "ne", "AWS_KMS", "E1")]
    assert [(g.label, g.kind) for g in entry.groups] == [("E1", "exclusion"), ("EXC-2026-021", "exception")]
    [exception] = entry.exceptions
    assert (exception.owner, exception.status, exception.days_left) == ("platform-storage@example.com", "expiring", 16)
    assert [(t.name, t.expected, t.passed) for t in entry.tests][-1] == ("Key Not Eligible for Rotation", True, True)


def test_the_inventory_lists_groups_and_each_exception_once_per_target():
    rows = catalog().inventory()
    exceptions = [(r["group"], r["rule"].rule.id, r["status"]) for r in rows if r["kind"] == "exception"]
    assert sorted(exceptions) == [("EXC-2026-014", "Okta.FailedLoginOutsideAllowedCountries", "expired"),
                                  ("EXC-2026-021", "AWS.CMK.KeyRotation", "expiring")]
    groups = [r for r in rows if r["kind"] == "exclusion"]
    assert len(groups) == sum(len([g for g in e.groups if g.kind == "exclusion"]) for e in catalog().entries) > 10


def test_the_matrix_runs_in_kill_chain_order_and_counts_rules():
    columns = catalog().matrix
    names = [name for _, name, _ in columns]
    assert names[:3] == ["Reconnaissance", "Resource Development", "Initial Access"]
    credential = {tactic: techniques for tactic, _, techniques in columns}["TA0006"]
    [(technique, name, entries)] = [t for t in credential if t[0] == "T1552"]
    assert (name, [e.rule.id for e in entries]) == ("Unsecured Credentials",
                                                    ["AWS.CMK.KeyRotation", "AWS.IAM.User.StaleAccessKey"])


def test_stable_page_paths():
    paths = page_paths(["AWS.CMK.KeyRotation", "a/b c"])
    assert paths["AWS.CMK.KeyRotation"] == "rules/AWS.CMK.KeyRotation.html"
    assert paths["a/b c"].startswith("rules/a_b_c~") and paths == page_paths(["a/b c", "AWS.CMK.KeyRotation"])


def test_the_site_command_writes_every_page_and_the_exports(tmp_path, capsys):
    assert main(["site", "--out", str(tmp_path / "site")]) == 0
    site = tmp_path / "site"
    assert capsys.readouterr().out == f"wrote 44 files to {site}: open {site / 'index.html'}\n"
    assert len(list((site / "rules").glob("*.html"))) == 37
    layer = json.loads((site / "attack-navigator-layer.json").read_text())
    assert layer["domain"] == "enterprise-attack" and layer["techniques"]
    csv_lines = (site / "attack-coverage.csv").read_text().splitlines()
    assert csv_lines[0] == "tactic,technique,technique_name,rules,rule_ids"
    assert "Credential Access,T1552,Unsecured Credentials,2,AWS.CMK.KeyRotation AWS.IAM.User.StaleAccessKey" in csv_lines
    html = (site / "index.html").read_text()
    assert "http://" not in html.replace('href="http', "") and "https://" not in html  # nothing fetched from elsewhere


def test_a_rule_file_with_a_problem_is_reported_and_the_rest_written(tmp_path, capsys):
    broken = tmp_path / "broken.yml"
    broken.write_text("AnalysisType: rule\nRuleID: Broken\nCondition: 'a eq'\n")
    assert main(["site", str(broken), "--out", str(tmp_path / "site")]) == 2
    captured = capsys.readouterr()
    assert f"{broken}:3:" in captured.err and "error[" in captured.err and "Traceback" not in captured.err
    assert len(list((tmp_path / "site" / "rules").glob("*.html"))) == 37


def test_a_report_that_is_not_one_is_one_error(tmp_path, capsys):
    report = tmp_path / "report.json"
    report.write_text('{"findings": []}')
    assert main(["site", "--report", str(report), "--out", str(tmp_path / "site")]) == 2
    assert capsys.readouterr().err == (f"{report}:1:1: error[E503]: not an exclusion report "
                                       "(write one with scan --exclusion-report FILE)\n")


def test_clauses_are_counted_on_the_rule_page_and_in_the_inventory(tmp_path):
    from condition_engine.scan.run import scan_files

    pack = load_rules(EXCEPTIONS, today=datetime.date(2027, 3, 15))
    report = scan_files(str(ROOT / "examples" / "kms_keys.jsonl"), [r for r in pack if r.enabled],
                        exclusion_report=True).report
    reported = {rule["rule_id"]: rule for rule in report["rules"]}
    site = Catalog.from_pack(pack, reported)
    (group,) = [g for g in site.entry("AWS.CMK.KeyRotation").groups if g.kind == "exclusion"]
    counted = reported["AWS.CMK.KeyRotation"]["groups"][0]["clauses"]
    assert [(c.label, c.condition, c.suppressed, c.only_this_clause) for c in group.clauses] == \
        [(c["label"], c["condition"], c["suppressed"], c["only_this_clause"]) for c in counted]
    assert [c.label for c in group.clauses] == ["E1.1", "E1.2", "E1.3"] and group.clauses[2].suppressed > 0
    rows = [r for r in site.inventory()
            if r["kind"] == "exclusion clause" and r["rule"].rule.id == "AWS.CMK.KeyRotation"]
    assert [(r["group"], r["suppressed"]) for r in rows] == [(c.label, c.suppressed) for c in group.clauses]
    assert main(["site", "--out", str(tmp_path / "site")]) == 0
    page = (tmp_path / "site" / page_paths(["AWS.CMK.KeyRotation"])["AWS.CMK.KeyRotation"]).read_text()
    assert '<tr class="clause"><td>E1.2</td><td>clause</td><td><code>KeyManager ne &#34;CUSTOMER&#34;</code>' in page
