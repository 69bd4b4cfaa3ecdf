"""The two sides of ``diff``: conditions, rule files, directories, or a path at two git revisions."""
from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import ast
from ..errors import ConditionError
from ..parser import parse
from ..rules.loader import SUFFIXES, load_rules, rule_files

#: Lines that make a file change other files' rules (Sigma filters, exception files): no sharing then.
_ACTS_ON_OTHERS = re.compile(rb"^(filter:|AnalysisType:\s*exception)", re.M)


@dataclass
class Side:
    """One version: each rule's condition, exclusion names and loaded rule (None for a bare condition)."""

    label: str
    rules: dict[str, tuple[ast.Expr, dict[str, str] | None, Any]] = field(default_factory=dict)
    keep: Any = None  # a temporary folder the loaded rules live in (git revisions)
    problems: list[str] = field(default_factory=list)  # rule files that did not load (reported, left out)


def from_argument(text: str, name: str) -> Side:
    """A rule file or directory when ``text`` names one, else a condition (``name`` is where errors point).

    >>> list(from_argument('a eq "x"', "<OLD>").rules)
    ['condition']
    """
    if Path(text).exists():
        return from_paths(text, [Path(text)])
    return Side(text, {"condition": (parse(text, source=name), None, None)})


def from_pair(old: str, new: str) -> tuple[Side, Side]:
    """Both sides from arguments; two directories share the files that are byte for byte the same (loaded
    once: their rules are unchanged), unless a differing file acts on other files' rules."""
    old_dir, new_dir = Path(old), Path(new)
    if not (old_dir.is_dir() and new_dir.is_dir()):
        return from_argument(old, "<OLD>"), from_argument(new, "<NEW>")
    before = {path.relative_to(old_dir): path for path in rule_files([old_dir])}
    after = {path.relative_to(new_dir): path for path in rule_files([new_dir])}
    same = {rel for rel in before.keys() & after.keys() if before[rel].read_bytes() == after[rel].read_bytes()}
    differing = [before[rel] for rel in before.keys() - same] + [after[rel] for rel in after.keys() - same]
    if any(_ACTS_ON_OTHERS.search(path.read_bytes()) for path in differing) or not same:
        return from_paths(old, [old_dir]), from_paths(new, [new_dir])
    old_side = from_paths(old, [old_dir])
    new_side = from_paths(new, [after[rel] for rel in sorted(after.keys() - same)])
    shared = {old_dir / rel for rel in same}
    for rule_id, entry in old_side.rules.items():
        rule = entry[2]
        if rule is not None and rule.path in shared and rule_id not in new_side.rules:
            new_side.rules[rule_id] = entry
    return old_side, new_side


def from_paths(label: str, paths: list[Path], keep: Any = None) -> Side:
    pack = load_rules(*paths, bundled=False) if paths else None
    side = Side(label, keep=keep, problems=[str(problem) for problem in pack.problems] if pack else [])
    if pack is None:
        return side
    for rule in pack:
        side.rules[rule.id] = (rule.condition, rule.model.ExclusionNames, rule)
    return side


def _git(*args: str) -> bytes:
    done = subprocess.run(["git", *args], capture_output=True)
    if done.returncode != 0:
        raise ConditionError(f"git {' '.join(args)}: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def from_git(revision: str, path: str) -> Side:
    """The rule files under ``path`` at ``revision``, read with git itself (``ls-tree``, ``show``)."""
    names = [name for name in _git("ls-tree", "-r", "--name-only", "--full-name", revision, "--", path)
             .decode().splitlines() if name.endswith(SUFFIXES)]
    folder = tempfile.TemporaryDirectory(prefix="ce-diff-")
    top = Path(_git("rev-parse", "--show-toplevel").decode().strip())
    for name in names:
        target = Path(folder.name, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_git("-C", str(top), "show", f"{revision}:{name}"))
    return from_paths(revision, [Path(folder.name)] if names else [], keep=folder)


def git_range(spec: str) -> tuple[str, str]:
    """``REV1..REV2`` split in two (a clear error otherwise).

    >>> git_range("main..HEAD")
    ('main', 'HEAD')
    """
    old, sep, new = spec.partition("..")
    if not sep or not old or not new or new.startswith("."):
        raise ConditionError(f"--git takes REV1..REV2, not {spec!r}")
    return old, new
