"""Hostile rule files, conditions and documents: a located error and the exit code it defines, never a hang,
a blown memory or an internal error — and the other rules of the load still run (tests/cases/hostile/rules)."""
from __future__ import annotations

import importlib
import json
import resource
import subprocess
import sys

import pytest
from conftest import CASES, ROOT, case_id, load_cases

from condition_engine.cli import main

CLI = importlib.import_module("condition_engine.cli.main")  # the module (the package exports its main())
FOLDER = CASES / "hostile" / "rules"
CASE_LIST = load_cases("hostile/rules/cases.yaml")
#: A child process's limits: before the fixes these cases ran for hours or took 7-14 GB.
SECONDS, MEMORY = 60, 2 << 30


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _run(case: dict, capsys, monkeypatch) -> tuple[int, str, str]:
    if case.get("isolated"):
        done = subprocess.run([sys.executable, "-m", "condition_engine", *case["args"]], cwd=FOLDER,
                              capture_output=True, text=True, timeout=SECONDS, preexec_fn=_limit_memory,
                              env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
        return done.returncode, done.stdout, done.stderr
    monkeypatch.chdir(FOLDER)
    code = main(list(case["args"]))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("case", CASE_LIST, ids=[case_id(c) for c in CASE_LIST])
def test_hostile_input_gets_its_located_error_and_the_rest_runs(case, capsys, monkeypatch):
    code, out, err = _run(case, capsys, monkeypatch)
    assert code == case["exit"], err
    lines = err.splitlines()
    for expected in case["stderr"]:
        assert any(line.startswith(expected) for line in lines), f"{expected!r} not in:\n{err}"
    assert "internal error" not in err
    if "findings" in case:
        findings = [json.loads(line) for line in out.splitlines() if line.strip()]
        assert [f["rule_id"] for f in findings] == ["Plain.Rule"] * case["findings"]


@pytest.mark.parametrize("raised", ["KeyboardInterrupt", "InterruptException"])
def test_ctrl_c_anywhere_is_interrupted_exit_130(raised, capsys, monkeypatch):
    import duckdb

    from condition_engine.cli import commands

    error = KeyboardInterrupt() if raised == "KeyboardInterrupt" else duckdb.InterruptException("INTERRUPT")

    def interrupted(*_args, **_kwargs):
        raise error

    monkeypatch.setattr(commands, "parse", interrupted)
    assert main(["parse", "a eq 1"]) == 130
    assert capsys.readouterr().err == "interrupted\n"
    assert main(["--debug", "parse", "a eq 1"]) == 130
    err = capsys.readouterr().err
    assert err.startswith("Traceback") and err.endswith("interrupted\n")


def test_ctrl_c_while_the_arguments_are_read(capsys, monkeypatch):
    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(CLI.cli, "make_context", interrupted)
    assert main(["parse", "a eq 1"]) == 130
    assert capsys.readouterr().err.lstrip("\n") == "interrupted\n"  # click ends the ^C line first


@pytest.mark.parametrize("command", [["parse", "--json"], ["sql"], ["exclusions"]])
def test_a_byte_that_is_not_utf8_in_an_argument_is_a_located_error(command, capsys):
    # Python reads such a byte of argv or stdin as a lone surrogate (surrogateescape): no text can hold it
    assert main([*command, 'a eq 1 and not b eq "\udcff"']) == 2
    assert capsys.readouterr().err.startswith("<condition>:1:22: error[E101]: not Unicode text: a byte that is not "
                                              "UTF-8, or a lone surrogate\n")
