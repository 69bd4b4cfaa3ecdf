"""The real output shown in docs/: every ```console block is run, and must print what it shows.

A block holds commands (``$ condition-engine …``), each followed by the output it prints (stdout and
stderr as a terminal shows them, interleaved); ``…`` in an expected line stands for any text (timings, paths).  The commands of
one block run in turn in one scratch folder where ``examples/`` and ``rules/`` are the repository's.
"""
from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

BIN = Path(sys.executable).parent


def blocks() -> list[tuple[str, int, list[tuple[str, list[str]]]]]:
    """(document, line, [(command, expected lines)]) for each console block in docs/ and README.md."""
    out = []
    for doc in sorted((ROOT / "docs").glob("*.md")) + [ROOT / "README.md"]:
        lines = doc.read_text(encoding="utf-8").splitlines()
        inside, steps, start = False, [], 0
        for number, line in enumerate(lines, 1):
            if line.strip() == "```console":
                inside, steps, start = True, [], number
            elif inside and line.strip() == "```":
                inside = False
                out.append((doc.name, start, steps))
            elif inside and line.startswith("$ "):
                steps.append((line[2:], []))
            elif inside and steps:
                steps[-1][1].append(line)
    return out


def _matches(expected: list[str], actual: list[str]) -> bool:
    if len(expected) != len(actual):
        return False
    return all(re.fullmatch(".*?".join(map(re.escape, e.rstrip().split("…"))), a.rstrip())
               for e, a in zip(expected, actual))


@pytest.mark.parametrize("doc, line, steps", blocks(), ids=lambda v: v if isinstance(v, (str, int)) else "")
def test_console_block_prints_what_it_shows(doc, line, steps, tmp_path):
    for name in ("examples", "rules", "tests"):
        (tmp_path / name).symlink_to(ROOT / name)
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "COLUMNS": "160",
           "PYTHONUNBUFFERED": "1"}
    for command, expected in steps:
        assert "condition-engine" in shlex.split(command), f"{doc}:{line}: a block shows condition-engine commands"
        done = subprocess.run(command, shell=True, cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, timeout=300)
        actual = done.stdout.rstrip("\n").splitlines()
        assert _matches(list(expected), actual), \
            f"{doc}:{line}: `{command}` printed:\n" + "\n".join(actual)


def test_the_docs_have_console_blocks():
    found = {doc for doc, _, _ in blocks()}
    assert {"analysis.md", "cli.md"} <= found
