"""`condition-engine parse` and the command line's error handling."""
from __future__ import annotations

import json
import subprocess
import sys

from condition_engine.cli import main

SEED = ('not (Origin ne "AWS_KMS" or KeyManager ne "CUSTOMER" or '
        '(KeyRotationEnabled eq "True" and KeyState eq "Enabled"))')


def test_parse_prints_canonical_text(capsys):
    assert main(["parse", SEED.replace(" ne ", " NE ")]) == 0
    assert capsys.readouterr().out.strip() == SEED


def test_parse_json_prints_the_ast(capsys):
    assert main(["parse", "--json", "a[0] exists"]) == 0
    tree = json.loads(capsys.readouterr().out)
    assert tree["kind"] == "exists"
    assert tree["path"]["steps"][1] == {"kind": "index", "index": 0, "span": tree["path"]["steps"][1]["span"]}


def test_parse_reads_a_file_and_stdin(tmp_path, capsys, monkeypatch):
    path = tmp_path / "c.txt"
    path.write_text("a EQ 1\n")
    assert main(["parse", f"@{path}"]) == 0
    assert capsys.readouterr().out.strip() == "a eq 1"
    import io
    monkeypatch.setattr(sys, "stdin", io.StringIO("b pr"))
    assert main(["parse", "-"]) == 0
    assert capsys.readouterr().out.strip() == "b exists"


def test_bad_condition_is_one_message_and_exit_2(capsys):
    assert main(["parse", "a eq"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("<condition>:1:5: error[E101]: unexpected end of condition")
    assert "Traceback" not in err


def test_unknown_option_exits_2(capsys):
    assert main(["parse", "--bogus", "a eq 1"]) == 2
    assert "No such option" in capsys.readouterr().err


def test_missing_file_exits_2(capsys):
    assert main(["parse", "@/no/such/file"]) == 2
    assert "cannot read /no/such/file" in capsys.readouterr().err


def test_console_script_and_module_both_run():
    for command in (["condition-engine"], [sys.executable, "-m", "condition_engine"]):
        if command == ["condition-engine"]:
            command = [str(__import__("pathlib").Path(sys.executable).parent / "condition-engine")]
        out = subprocess.run(command + ["parse", "x eq 1"], capture_output=True, text=True)
        assert (out.returncode, out.stdout.strip()) == (0, "x eq 1")
        bad = subprocess.run(command + ["parse", "x eq"], capture_output=True, text=True)
        assert bad.returncode == 2 and "Traceback" not in bad.stderr and "error[E101]" in bad.stderr
