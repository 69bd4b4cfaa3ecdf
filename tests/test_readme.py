"""Every command line of the README runs from a fresh clone, with the exit code the README gives it.

The ```sh blocks are read line by line.  The quick starts (``python3 -m venv .venv && pip install … && …``)
are checked step by step: the install is what tests/test_wheel.py does (a plain wheel, in a new virtual
environment, then the README's first commands), so here the command after it runs with this environment's
``condition-engine``, and the test-suite line is checked for extras that exist rather than run (it is
this suite).  Every other line runs as written, in order, in one scratch folder holding the repository's
``examples/`` and ``rules/`` (so ``report.json``, ``pages/`` and ``site/`` are written there) — a plain
``condition-engine …`` line through ``main`` in this process (each interpreter start costs about 2 s), a
shell line (a pipe) in a shell; a line exits 0 unless its comment says ``exits N``.
"""
from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from importlib.metadata import metadata
from pathlib import Path

from conftest import ROOT

from condition_engine.cli import main

BIN = Path(sys.executable).parent
VENV = ".venv/bin/"


def sh_lines() -> list[tuple[int, str]]:
    """(line number, command line) for each line of the README's ```sh blocks."""
    out, inside = [], False
    for number, line in enumerate((ROOT / "README.md").read_text(encoding="utf-8").splitlines(), 1):
        if line.strip().startswith("```"):
            inside = line.strip() == "```sh"
        elif inside and line.strip():
            out.append((number, line))
    return out


def expected_code(line: str) -> int:
    """The exit code a line's comment gives (``# … exits 1: …``), else 0."""
    comment = line.partition("  #")[2]
    found = re.search(r"\bexits (\d+)\b", comment)
    return int(found.group(1)) if found else 0


def run(command: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "COLUMNS": "80"}
    return subprocess.run(command, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_the_quick_starts_install_then_run(tmp_path):
    quick = [line for _, line in sh_lines() if line.startswith("python3 -m venv .venv")]
    assert len(quick) == 2
    extras = set(metadata("condition-engine").get_all("Provides-Extra"))
    for line in quick:
        venv, install, command = line.split(" && ")
        assert venv == "python3 -m venv .venv" and install.startswith(f"{VENV}pip install -q ")
        named = re.findall(r"\[([a-z,]+)\]", install)
        assert all(extra in extras for group in named for extra in group.split(","))
        if command.startswith(f"{VENV}python -m pytest"):
            continue  # the test suite: this one
        for name in ("examples", "rules"):
            (tmp_path / name).symlink_to(ROOT / name)
        done = run(command.removeprefix(VENV), tmp_path)
        assert done.returncode == 0, done.stderr
        assert "findings" in done.stdout and "Traceback" not in done.stderr


def test_every_command_line_runs_as_the_readme_says(tmp_path, monkeypatch, capsys):
    for name in ("examples", "rules"):
        (tmp_path / name).symlink_to(ROOT / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "80")
    failures = []
    lines = [(n, line) for n, line in sh_lines() if not line.startswith("python3 -m venv")]
    assert len(lines) >= 15 and all("condition-engine" in shlex.split(line, comments=True) for _, line in lines)
    for number, line in lines:
        words = shlex.split(line, comments=True)
        if words[0] == "condition-engine" and not set("|<>;&") & set(line.partition("  #")[0]):
            code, err = main(words[1:]), capsys.readouterr().err  # in this process: no interpreter start-up
        else:  # a shell line (a pipe): as written
            done = run(line, tmp_path)
            code, err = done.returncode, done.stderr
        if code != expected_code(line) or "Traceback" in err:
            failures.append(f"README.md:{number}: `{line.partition('  #')[0].strip()}` exited {code} "
                            f"(expected {expected_code(line)}):\n{err[-2000:]}")
    assert not failures, "\n".join(failures)
    assert (tmp_path / "report.json").exists() and (tmp_path / "site" / "index.html").exists()


def test_the_python_example_runs_and_prints_what_it_says(capsys):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    namespace: dict = {}
    for statement in block.split("\n"):
        if statement and not statement.startswith("#"):
            code, _, comment = statement.partition("  # ")
            try:
                value = eval(compile(code, "README.md", "eval"), namespace)
            except SyntaxError:  # a statement: import, assignment
                value = exec(code, namespace)
            if comment in ("True", "False"):
                assert value is (comment == "True"), statement
    printed = capsys.readouterr().out
    assert re.search(r'^# (.*)$', block, flags=re.M).group(1) == printed.strip()
