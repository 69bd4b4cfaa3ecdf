"""`condition-engine diff`: conditions, rule files, directories, git revisions, backtests, formats, exit codes."""
from __future__ import annotations

import json
import subprocess

import pytest
from conftest import ROOT

from condition_engine.cli import main

SEED = (ROOT / "rules" / "aws" / "kms" / "cmk_key_rotation.yml").read_text()
WIDER_EXCLUSION = SEED.replace(' or (KeyRotationEnabled eq "True" and KeyState eq "Enabled"))',
                               ' or KeyRotationEnabled eq "True")')
OTHER = 'AnalysisType: rule\nRuleID: Demo.Other\nLogTypes: [Demo.Log]\nCondition: a eq "x"\n'


@pytest.fixture
def versions(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir(), new.mkdir()
    (old / "kms.yml").write_text(SEED)
    (new / "kms.yml").write_text(WIDER_EXCLUSION)
    (old / "other.yml").write_text(OTHER)
    (new / "added.yml").write_text(OTHER.replace("Demo.Other", "Demo.Added"))
    for folder in (old, new):  # the same bytes on both sides: loaded once, unchanged
        (folder / "same.yml").write_text(OTHER.replace("Demo.Other", "Demo.Same"))
    return old, new


def _json(capsys, *args) -> dict:
    code = main(["diff", *args, "--format", "json"])
    return {"code": code, **json.loads(capsys.readouterr().out)}


def test_conditions(capsys):
    out = _json(capsys, 'a eq "x"', 'a eq "x" or a eq "y"')
    rule = out["rules"][0]
    assert out["code"] == 0 and rule["verdict"] == "broader" and rule["only_new"] == {"a": "y"}


def test_directories_added_removed_changed_with_backtest(versions, capsys):
    old, new = versions
    out = _json(capsys, str(old), str(new), "--data", str(ROOT / "examples" / "kms_keys.jsonl"))
    rules = {r["rule"]: r for r in out["rules"]}
    assert out["summary"] == {"changed": 1, "added": 1, "removed": 1, "unchanged": 1}
    kms = rules["AWS.CMK.KeyRotation"]
    assert kms["verdict"] == "narrower" and kms["only_new"] is None
    assert kms["exclusions"] == [{"change": "widened", "group": "E1",
                                  "old": 'KeyRotationEnabled eq "True" and KeyState eq "Enabled"',
                                  "new": 'KeyRotationEnabled eq "True"'}]
    assert kms["backtest"]["gained"] == 0 and kms["backtest"]["lost"] == 2
    assert all(at.endswith(("kms_keys.jsonl:8", "kms_keys.jsonl:24")) for at in kms["backtest"]["lost_at"])
    assert rules["Demo.Added"]["status"] == "added" and rules["Demo.Other"]["status"] == "removed"


@pytest.mark.parametrize("fail_on, code", [("broader", 1), ("narrower", 1), ("any", 1)])
def test_fail_on(versions, fail_on, code):
    old, new = versions
    assert main(["diff", str(old), str(new), "--fail-on", fail_on]) == code


def test_fail_on_passes_an_equivalent_rewrite(tmp_path):
    (tmp_path / "a.yml").write_text(OTHER)
    (tmp_path / "b.yml").write_text(OTHER.replace('a eq "x"', 'a in ["x"]'))
    assert main(["diff", str(tmp_path / "a.yml"), str(tmp_path / "b.yml"), "--fail-on", "any"]) == 0


def test_markdown_and_table(versions, capsys):
    old, new = versions
    main(["diff", str(old / "kms.yml"), str(new / "kms.yml"), "--format", "markdown"])
    out = capsys.readouterr().out
    assert out.startswith("### Rule changes: 1 changed, 0 added, 0 removed, 0 unchanged")
    assert "| `AWS.CMK.KeyRotation` | changed | **narrower** | E1 widened:" in out
    assert "- only the old version matches: `{" in out
    main(["diff", str(old / "kms.yml"), str(old / "kms.yml")])
    assert capsys.readouterr().out == "0 changed, 0 added, 0 removed, 1 unchanged\n"


def test_git_revisions(tmp_path, capsys, monkeypatch):
    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "kms.yml").write_text(SEED)
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "one")
    (tmp_path / "rules" / "kms.yml").write_text(WIDER_EXCLUSION)
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "two")
    monkeypatch.chdir(tmp_path)
    out = _json(capsys, "--git", "HEAD~1..HEAD", "rules")
    assert out["summary"]["changed"] == 1 and out["rules"][0]["verdict"] == "narrower"


@pytest.mark.parametrize("args, message", [
    (["--git", "HEAD"], "--git takes REV1..REV2, not 'HEAD'"),
    (['a eq "x"'], "give OLD and NEW"),
    (["a eq", "b exists"], "<OLD>:1:5: error[E101]"),
    (['a eq "x"', 'a eq "y"', "--data", str(ROOT / "examples" / "kms_keys.jsonl")],
     "--data backtests rule files"),
])
def test_errors(args, message, capsys):
    assert main(["diff", *args]) == 2
    assert message in capsys.readouterr().err


def test_unknown_git_revision(tmp_path, capsys, monkeypatch):
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    monkeypatch.chdir(tmp_path)
    assert main(["diff", "--git", "a..b"]) == 2
    assert "git ls-tree" in capsys.readouterr().err


@pytest.mark.parametrize("args, command", [
    (["diff", "a eq 1", "a eq 2"], "diff"),
    (["generate-tests", str(ROOT / "rules" / "aws" / "kms" / "cmk_key_rotation.yml")], "generate-tests"),
    (["lint", "--exact", "a exists"], "--exact"),
])
def test_without_the_solver_one_clear_message(args, command, monkeypatch, capsys):
    monkeypatch.setitem(__import__("sys").modules, "z3", None)  # `import z3` fails as when the extra is missing
    assert main(args) == 2
    assert f"{command} needs the solver: pip install 'condition-engine[reason]'" in capsys.readouterr().err
