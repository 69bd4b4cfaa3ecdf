"""Sigma rules: modifiers mapped faithfully, selections named in exclusions, load/scan/convert."""
from __future__ import annotations

import base64
import json

import pytest
from conftest import CASES, ROOT, load_cases

import condition_engine as ce
from condition_engine.cli import main

pytest.importorskip("sigma", reason="the sigma extra is installed by .ci/run")
from condition_engine.sigma import convert_sigma  # noqa: E402

SIGMA = CASES / "sigma"
WHOAMI = "0b8a9a1e-4e7b-4b8f-9a55-2f4d1d0c1a01"
ENCODED = "0b8a9a1e-4e7b-4b8f-9a55-2f4d1d0c1a02"


def _rule(detection: dict) -> dict:
    return {"title": "T", "id": "5d1c8a2f-7b6e-4c1e-9a43-1a2b3c4d5e6f", "logsource": {"product": "windows", "category": "process_creation"},
            "detection": {**detection, "condition": "sel"}}


@pytest.mark.parametrize("case", load_cases("sigma/modifiers.yaml"), ids=lambda c: c["condition"][:50])
def test_modifier_maps_to_operator(case):
    assert convert_sigma(_rule(case["detection"]))["Condition"] == case["condition"]


def test_windash_and_base64offset_expand_as_pysigma_does():
    condition = ce.parse(convert_sigma(_rule({"sel": {"CommandLine|windash|contains": " -enc "}}))["Condition"])
    assert ce.evaluate(condition, {"CommandLine": "powershell /enc x"})
    assert ce.evaluate(condition, {"CommandLine": "powershell –enc x"})
    assert not ce.evaluate(condition, {"CommandLine": "powershell -encx"})
    wide = ce.parse(convert_sigma(_rule({"sel": {"CommandLine|wide|base64offset|contains": "DownloadString"}}))
                    ["Condition"])
    for prefix in ("", "x", "xy"):
        encoded = base64.b64encode((prefix + "(New-Object Net.WebClient).DownloadString('http://a')")
                                   .encode("utf-16-le")).decode()
        assert ce.evaluate(wide, {"CommandLine": f"powershell -enc {encoded}"}), prefix


def test_loaded_sigma_rules_evaluate_on_events():
    pack = ce.load_rules(SIGMA / "rules", bundled=False)
    assert not pack.errors and len(pack) == 7
    events = [json.loads(line) for line in (SIGMA / "events.jsonl").read_text().splitlines()]
    assert [ce.evaluate(pack.get(WHOAMI).condition, e) for e in events] == [True, True, False, False, False,
                                                                            False, False, False]
    assert [ce.evaluate(pack.get(ENCODED).condition, e) for e in events] == [False] * 4 + [True, False, False,
                                                                                           False]
    rule = pack.get(WHOAMI)
    assert rule.model.LogTypes == ["Sigma.windows.process_creation"]
    assert rule.model.Severity == "Medium" and rule.model.Reports == {"MITRE ATT&CK": ["TA0007:T1033"]}
    assert rule.model.Sigma.falsepositives == ["Administrators"] and rule.model.Sigma.status == "test"


def test_v19_tactic_names_are_known():
    rule = ce.load_rules(SIGMA / "rules", bundled=False).get("0b8a9a1e-4e7b-4b8f-9a55-2f4d1d0c1a04")
    assert rule.model.Reports == {"MITRE ATT&CK": ["defense-impairment:T1562.001"]}
    from condition_engine.rules.pages import attack_table

    assert "| Defense Impairment | T1562.001 Disable or Modify Tools |" in attack_table(rule)


def test_exclusions_are_named_after_the_filters(capsys):
    assert main(["exclusions", str(SIGMA / "rules" / "defender_filter.yml"), "--no-bundled"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "| Field | Kind | Excluded values |"
    assert out[-2:] == [
        'filter_main_system (E1): suppresses when `User icontains "AUTHORI" or User icontains "AUTORI"` holds',
        'filter_optional_edge_update (E2): suppresses when `Image iendswith "\\\\MicrosoftEdgeUpdate.exe"` holds']
    assert main(["exclusions", str(SIGMA / "rules" / "defender_filter.yml"), "--no-bundled", "--group-column"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "| Field | Kind | Excluded values | Group |"
    assert "| User | icontains | AUTHORI, AUTORI | filter_main_system |" in out
    assert "| Image | iendswith | \\MicrosoftEdgeUpdate.exe | filter_optional_edge_update |" in out


def test_not_1_of_filters_is_one_clause_per_filter_named_after_it():
    (rule,) = ce.load_rules(SIGMA / "rules" / "defender_filter.yml", bundled=False)
    assert [(c.id, c.label) for c in rule.exclusions.clauses()] == [
        ("E1", "filter_main_system"), ("E2", "filter_optional_edge_update")]


@pytest.mark.parametrize("condition, names", [
    ("sel and not 1 of filter_*", ["filter_a", "filter_b", "filter_c"]),
    ("sel and not (filter_a or 1 of filter_b*)", ["filter_a", "filter_b"]),
    ("sel and not (filter_a and filter_b) and not filter_c", ["filter_a and filter_b", "filter_c"]),
    ("sel and not all of filter_*", ["filter_a and filter_b and filter_c"]),
])
def test_each_filter_is_its_own_named_group(condition, names):
    detection = {"sel": {"a": 1}, "filter_a": {"b": 1}, "filter_b": {"c": 1}, "filter_c": {"d": 1},
                 "condition": condition}
    converted = convert_sigma({**_rule({}), "detection": detection})
    table = ce.exclusions(converted["Condition"], converted["ExclusionNames"])
    assert [g.name for g in table.groups] == names


def test_unexpressible_rules_are_skipped_with_their_reason():
    pack = ce.load_rules(SIGMA / "skipped", bundled=False)
    assert not pack.rules and not pack.errors
    assert [p.message for p in pack.problems] == [
        "Sigma rule skipped: keyword (field-less) search: conditions compare named fields (docs/sigma.md)"]
    from condition_engine.sigma import SigmaInvalid

    with pytest.raises(SigmaInvalid, match="matches no detection"):
        convert_sigma({**_rule({"sel": {"a": 1}}), "detection": {"sel": {"a": 1}, "condition": "1 of x*"}})


def test_scan_with_sigma_rules(capsys):
    assert main(["scan", str(SIGMA / "events.jsonl"), "--rules", str(SIGMA / "rules"), "--no-bundled",
                 "--type", "Sigma.windows.process_creation", "--quiet"]) == 0
    found = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(f["rule_id"][-2:], f["line"]) for f in found] == [("01", 1), ("01", 2), ("02", 5)]


def test_convert_command_is_deterministic(tmp_path, capsys):
    first, second = tmp_path / "a", tmp_path / "b"
    assert main(["convert", "sigma", str(SIGMA / "rules"), str(SIGMA / "skipped"), "--out", str(first)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("converted 7, skipped 1, errors 0")
    assert "skipped (keyword (field-less) search: conditions compare named fields (docs/sigma.md)): 1" in out
    assert main(["convert", "sigma", str(SIGMA / "rules"), "--out", str(second)]) == 0
    for path in first.iterdir():
        assert path.read_bytes() == (second / path.name).read_bytes()
    assert len(ce.load_rules(first, bundled=False)) == 7
    assert main(["convert", "sigma", str(CASES / "rule_files" / "lenient.yml"), "--out", str(tmp_path / "c")]) == 2


def test_converted_rules_are_cached_by_content(tmp_path, monkeypatch):
    monkeypatch.setenv("CONDITION_ENGINE_CACHE", str(tmp_path / "cache"))
    first = ce.load_rules(SIGMA / "rules", SIGMA / "skipped", bundled=False)
    entries = list((tmp_path / "cache" / "sigma").glob("*.marshal"))
    assert len(entries) == 8
    import condition_engine.sigma as sigma
    from condition_engine.rules import loader

    monkeypatch.setattr(sigma, "convert_sigma", lambda data: pytest.fail("converted again"))
    monkeypatch.setattr(loader, "parse", lambda *args, **kwargs: pytest.fail("parsed again"))
    second = ce.load_rules(SIGMA / "rules", SIGMA / "skipped", bundled=False)
    assert [r.id for r in second] == [r.id for r in first]
    assert [r.model for r in second] == [r.model for r in first]
    assert [(r.path, r.source.text, r.source.data) for r in second] == [(r.path, r.source.text, r.source.data)
                                                                         for r in first]
    # the same trees, spans and fields set included, read only when first needed
    assert all(type(r.__dict__["condition"]).__name__ == "Deferred" for r in second)
    assert [r.condition.model_dump() for r in second] == [r.condition.model_dump() for r in first]
    assert [r.condition.model_dump(exclude_unset=True) for r in second] == \
        [r.condition.model_dump(exclude_unset=True) for r in first]
    assert [r.condition == f.condition for r, f in zip(second, first)] == [True] * len(first)
    assert second.problems == first.problems and len(second.problems) == 1


def test_filter_documents_apply_to_the_rules_they_name():
    pack = ce.load_rules(SIGMA / "rules", SIGMA / "filters", bundled=False)
    assert not pack.errors
    rule = pack.get(WHOAMI)
    assert ce.to_text(rule.condition).endswith('and not ComputerName istartswith "ADMIN-"')
    assert rule.model.ExclusionNames["filter_admin_workstations.selection"] == 'ComputerName istartswith "ADMIN-"'
    event = {"Image": "C:\\whoami.exe", "ParentImage": "C:\\cmd.exe", "User": "x"}
    assert ce.evaluate(rule.condition, event)
    assert not ce.evaluate(rule.condition, {**event, "ComputerName": "admin-07"})
    names = [g.name for g in rule.exclusions.groups]
    assert "filter_admin_workstations.selection" in names
    assert "host" not in ce.to_text(pack.get(ENCODED).condition)  # other logsource: not applied


@pytest.mark.parametrize("name, where", [
    ("unknown_detection.yml", "9:3: error[E207]: $.detection.condition: condition names unknown detection 'filter'"),
    ("empty_pattern.yml", "9:3: error[E207]: $.detection.condition: pattern 'filter_*' matches no detection"),
    ("bad_modifier.yml", "8:5: error[E207]: $.detection.selection.Image|endswit: invalid Sigma rule: Unknown "
                         "modifier 'endswit'"),
])
def test_sigma_problems_point_into_the_file(name, where):
    path = SIGMA / "invalid" / name
    pack = ce.load_rules(path, bundled=False)
    assert [str(p) for p in pack.problems] == [f"{path}:{where}"]


SIGMAHQ = ROOT.parent / "shared" / "sigma" / "rules"


@pytest.mark.skipif(not SIGMAHQ.is_dir(), reason="SigmaHQ's rules are read from the shared folder beside the project")
def test_sigmahq_rules_with_fieldref_load_and_compare_the_two_fields():
    paths = [p for p in SIGMAHQ.rglob("*.yml") if "|fieldref" in p.read_text(encoding="utf-8")]
    pack = ce.load_rules(*paths, bundled=False)
    assert len(paths) >= 3 and len(pack) == len(paths) and not pack.problems and not pack.errors
    spawn = pack.get("d2b7a134-9c3e-4f8a-b56d-e0c1f8a29b47")  # notepad & co. started for another user
    event = {"Image": "C:\\Windows\\notepad.exe", "User": "CORP\\alice", "ParentUser": "CORP\\bob"}
    assert spawn.matches(event)
    assert not spawn.matches({**event, "ParentUser": "corp\\ALICE"})  # the same user, in another case
    assert not spawn.matches({**event, "ParentUser": None})
    logon = pack.get("e3c6d245-7b8f-4e2a-c17f-a9d0e5b38f62")  # explicit credentials on localhost
    event = {"EventID": 4648, "TargetServerName": "localhost", "SubjectUserName": "alice",
             "TargetUserName": "bob", "ProcessName": "C:\\Tools\\run.exe"}
    assert logon.matches(event) and not logon.matches({**event, "TargetUserName": "Alice"})


@pytest.mark.skipif(not SIGMAHQ.is_dir(), reason="SigmaHQ's rules are read from the shared folder beside the project")
def test_sigmahq_windows_fieldref_rules_agree_with_the_sqlite_backend():
    pytest.importorskip("sigma.backends.sqlite", reason="pysigma-backend-sqlite is installed by .ci/run")
    from sqlite_oracle import database, rule_queries, selected

    paths = [p for p in (SIGMAHQ / "windows").rglob("*.yml") if "|fieldref" in p.read_text(encoding="utf-8")]
    base = {"EventID": 4648, "Image": "C:\\Windows\\System32\\notepad.exe", "User": "CORP\\alice",
            "ParentUser": "CORP\\bob", "TargetFilename": "C:\\Temp\\x.exe", "TargetServerName": "localhost",
            "TargetInfo": "localhost", "IpAddress": "127.0.0.1", "SubjectUserName": "alice",
            "TargetUserName": "bob", "ProcessName": "C:\\Tools\\run.exe"}
    events = [base, {**base, "ParentUser": "corp\\ALICE"}, {**base, "ParentUser": "CORP\\alice"},
              {**base, "ParentUser": "-"}, {**base, "TargetUserName": "ALICE"},
              {**base, "TargetFilename": "c:\\windows\\system32\\NOTEPAD.exe"},
              {**base, "TargetFilename": "C:\\Windows\\System32\\notepad.exe.bak"},
              {**base, "SubjectUserName": "ws1$", "TargetUserName": "ws1$"}]
    queries = rule_queries(paths)
    con = database(events)
    pack = ce.load_rules(*paths, bundled=False)
    assert len(queries) == len(paths) == len(pack) >= 3
    for rule in pack:
        ours = {number for number, event in enumerate(events) if rule.matches(event)}
        assert ours == selected(con, queries[rule.id]), rule.id
        assert ours and len(ours) < len(events), rule.id
