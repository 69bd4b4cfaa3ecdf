"""A first run without surprises: what `scan` and `test` say when rules load slowly, not at all, or from a
checkout; the table on an 80-column terminal; hidden files; the summary's names and counts."""
from __future__ import annotations

import io
import json
import shutil

import pytest
from conftest import CASES, ROOT

from condition_engine.cli import main
from condition_engine.rules import load_rules
from condition_engine.scan.findings import TableWriter

SIGMA = ROOT / "examples" / "sigma"


def _rule(folder, name: str = "r.yml", rule_id: str = "Demo.Rule") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"AnalysisType: rule\nRuleID: {rule_id}\nSeverity: High\nCondition: a eq 1\n"
                               "Tests:\n  - Name: t\n    ExpectedResult: true\n    Log: {\"a\": 1}\n")


def test_test_with_no_rule_loaded_says_so_and_exits_5(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["test", str(tmp_path / "empty"), "--no-bundled"]) == 5
    captured = capsys.readouterr()
    assert captured.err == (f"error: no rules loaded from {tmp_path / 'empty'} (rule files end in .yml or .yaml; "
                            "hidden files and folders are left out)\n")
    assert "0 passed" not in captured.out
    assert main(["test", "--filter", "No.Such.*"]) == 5
    assert capsys.readouterr().err == "error: no rules loaded: no rule matches --filter, --tag or --severity\n"


def test_an_upper_case_suffix_loads_and_its_tests_run(tmp_path, capsys):
    _rule(tmp_path, "RULE.YML")
    assert main(["test", str(tmp_path), "--no-bundled"]) == 0
    assert capsys.readouterr().out.endswith("1 passed, 0 failed\n")


def test_scan_with_no_rule_loaded_warns(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["scan", str(ROOT / "examples" / "kms_keys.jsonl"), "--rules", str(tmp_path / "empty"),
                 "--no-bundled"]) == 0
    err = capsys.readouterr().err
    assert err.startswith(f"warning: no rules loaded from {tmp_path / 'empty'} (")
    assert "loaded 0 rules in " in err and ": 0 findings, 0 lines not JSON" in err


def test_the_summary_times_loading_apart_names_sigma_rules_and_counts_in_the_singular(tmp_path, capsys):
    data = tmp_path / "one.jsonl"
    data.write_text(SIGMA.joinpath("sysmon_process_creation.jsonl").read_text().splitlines()[0] + "\n")
    assert main(["scan", str(data), "--rules", str(SIGMA), "--no-bundled"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("loaded 3 rules in ") and err[0].endswith("s")
    assert err[1].startswith("scanned 1 record from 1 input in ") and err[1].endswith(
        "records/s): 1 finding, 0 lines not JSON")
    assert err[2] == "         1  Whoami Run By A User (6f1d7a52-3c0b-4e7e-9b55-8a6e2c4d0f11)"


def test_windows_events_no_rule_reads_are_counted_by_channel(tmp_path, capsys):
    events = [{"EventID": 98, "Channel": "Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational"}] * 3 \
        + [{"EventID": 1, "Channel": "Application"}, {"no": "channel"}]
    data = tmp_path / "events.jsonl"
    data.write_text("".join(json.dumps(e) + "\n" for e in events))
    assert main(["scan", str(data), "--rules", str(SIGMA), "--no-bundled"]) == 0
    assert ("         5  records no rule saw, by type: Channel Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/"
            "Operational: 3, Sigma.windows.application: 1, (no type): 1") in capsys.readouterr().err


def test_hidden_files_and_folders_of_a_directory_are_not_events(tmp_path, capsys):
    shutil.copy(ROOT / "examples" / "kms_keys.jsonl", tmp_path / "keys.jsonl")
    (tmp_path / ".vscode").mkdir()
    (tmp_path / ".vscode" / "settings.json").write_text('{"editor.tabSize": 2}')
    (tmp_path / ".hidden.jsonl").write_text('{"a": 1}\n')
    assert main(["scan", str(tmp_path), "--filter", "AWS.CMK.KeyRotation", "--quiet"]) == 0
    assert main(["scan", str(tmp_path), "--filter", "AWS.CMK.KeyRotation"]) == 0
    assert "scanned 40 records from 1 input in " in capsys.readouterr().err
    assert main(["scan", str(tmp_path), "--filter", "AWS.CMK.KeyRotation", "--include-hidden"]) == 0
    assert "scanned 42 records from 3 inputs in " in capsys.readouterr().err
    assert main(["scan", str(tmp_path / ".hidden.jsonl"), "--filter", "AWS.CMK.KeyRotation"]) == 0
    assert "scanned 1 record from 1 input in " in capsys.readouterr().err  # named: read


def _table(items, width: int, rules=()) -> str:
    sink = io.BytesIO()
    writer = TableWriter(sink, width=width)
    for item in items:
        writer.write(item)
    writer.close(list(rules))
    return sink.getvalue().decode()


ITEMS = [{"rule_id": "6f1d7a52-3c0b-4e7e-9b55-8a6e2c4d0f11", "severity": "Low", "title": "Whoami Run By A User",
          "file": "logs/Security.evtx", "line": 4625},
         {"rule_id": "AWS.CloudTrail.ConsoleLoginWithoutMFA", "severity": "High",
          "title": "AWS Console Login Without MFA", "file": "examples/cloudtrail.jsonl.gz", "line": 144,
          "eventID": "78d408e3-5643-4a1c-9e3b-d6d079b6c1bd"}]


@pytest.mark.parametrize("width", [80, 100, 160])
def test_the_table_fits_the_terminal_and_keeps_locations_whole(width):
    sigma = [r for r in load_rules(SIGMA, bundled=False) if r.id == ITEMS[0]["rule_id"]]
    table = _table(ITEMS, width, sigma)
    lines = table.splitlines()
    assert max(len(line) for line in lines) <= width
    assert "logs/Security.evtx#4625" in table and "examples/cloudtrail.jsonl.gz:144" in table
    assert lines[0].strip() == "2 findings"
    assert ("Whoami Run By A User" in table) and (("6f1d7a52-3c0b-4e7e-9b55-8a6e2c4d0f11" in table) == (width >= 120))
    if width < 100:  # the record's identifier needs 100 columns
        assert "78d408e3" not in table
        return
    folded = "".join(line.split()[-1] for line in lines if line.strip() and "─" not in line and "record" not in line
                     and "findings" not in line)
    assert "78d408e3-5643-4a1c-9e3b-d6d079b6c1bd" in folded  # the identifier wraps, never cut


def test_the_table_follows_columns_when_piped(monkeypatch):
    monkeypatch.setenv("COLUMNS", "70")
    assert max(len(line) for line in _table(ITEMS, None).splitlines()) <= 70
    assert _table(ITEMS[1:], None).splitlines()[0].strip() == "1 finding"


def test_a_sigma_rule_skipped_has_no_stray_key_in_its_warning(capsys):
    assert main(["test", str(CASES / "sigma" / "skipped" / "keywords.yml"), "--no-bundled"]) == 5
    err = capsys.readouterr().err
    assert "keywords.yml:1:1: warning[W204]: Sigma rule skipped: keyword (field-less) search" in err and "$:" not in err


def test_loading_shows_progress_only_on_a_terminal(monkeypatch):
    from condition_engine.cli import scan_command

    with scan_command._loading(quiet=False) as progress:
        assert progress is None  # stderr is not a terminal here
    monkeypatch.setattr(scan_command.sys.stderr, "isatty", lambda: True, raising=False)
    loading = scan_command._loading(quiet=False)
    with loading as progress:
        load_rules(SIGMA, bundled=False, progress=progress)
        task = loading.bar.tasks[0]
        assert (task.completed, task.total) == (1, 1)
    with scan_command._loading(quiet=True) as progress:
        assert progress is None
