"""Options and helpers shared by the subcommands: conditions, rule selection, problems."""
from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..rules import load_rules
from ..rules.model import SEVERITIES
from ..rules.pack import RulePack

SEVERITY_CHOICE = click.Choice(SEVERITIES, case_sensitive=False)
#: Problems that stop every command: two rules (E203) or two exceptions (E213) with one ID.
DUPLICATE_CODES = ("E203", "E213")


def read_condition(argument: str) -> tuple[str, str]:
    """The condition text of an argument (text, ``@FILE`` or ``-``) and its source name."""
    if argument == "-":
        return sys.stdin.read(), "<stdin>"
    if argument.startswith("@"):
        path = argument[1:]
        try:
            return utf8_text(Path(path).read_bytes(), path, "E101"), path
        except OSError as error:
            raise click.BadParameter(f"cannot read {path}: {error.strerror}") from None
    return argument, "<condition>"


def utf8_text(data: bytes, source: str, code: str) -> str:
    """``data`` decoded as UTF-8, or a ConditionError located at the first byte that is not.

    >>> utf8_text(b"a eq 1", "f", "E101")
    'a eq 1'
    """
    from ..errors import ConditionError

    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[:error.start].decode("utf-8")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        text = before + data[error.start:].decode("utf-8", "replace")
        raise ConditionError(f"not UTF-8 text: byte 0x{data[error.start]:02x} at byte offset {error.start}",
                             code=code, source=source, text=text, line=line, column=column,
                             offset=len(before)) from None


def rule_selection(command: Callable) -> Callable:
    """Add the rule-pack options shared by scan, test, docs, exclusions and lint."""
    options = [
        click.option("--rules", "rule_paths", multiple=True, type=click.Path(exists=True),
                     help="Additional rule file or directory (repeatable)."),
        click.option("--no-bundled", is_flag=True, help="Leave the bundled rule pack out."),
        click.option("--filter", "filters", multiple=True, metavar="ID_OR_TAG",
                     help="Only rules whose ID matches this glob or that carry this tag (repeatable)."),
        click.option("--tag", "tags", multiple=True, help="Only rules with this tag (repeatable)."),
        click.option("--severity", type=SEVERITY_CHOICE, default=None,
                     help="Only rules of at least this severity."),
        click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
                     help="The date exception expiry is checked against (default: the current date)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def select_rules(rule_paths: tuple[str, ...] = (), no_bundled: bool = False, filters: tuple[str, ...] = (),
                 tags: tuple[str, ...] = (), severity: str | None = None, today: Any = None,
                 extra_paths: tuple[str, ...] = (), progress: Callable[[int, int], None] | None = None) -> RulePack:
    """Load and filter a rule pack as the shared options say (``progress``: see ``load_rules``)."""
    pack = load_rules(*extra_paths, *rule_paths, bundled=not no_bundled, today=today.date() if today else None,
                      progress=progress)
    duplicates = [p for p in pack.problems if p.code in DUPLICATE_CODES]
    if duplicates:  # which of two rules (or exceptions) runs would be an accident: stop, naming both files
        report_problems(pack)
        click.echo(f"error: {len(duplicates)} duplicate ID{'s' if len(duplicates) > 1 else ''}; every ID must be "
                   "unique across the rules loaded", err=True)
        raise click.exceptions.Exit(2)
    if filters:
        by_id = pack.filter(ids=filters)
        by_tag = pack.filter(tags=filters)
        chosen = {id(r) for r in by_id} | {id(r) for r in by_tag}
        pack = pack.with_rules(r for r in pack if id(r) in chosen)
    if tags:
        pack = pack.filter(tags=tags)
    if severity:
        minimum = SEVERITIES.index(_canonical_severity(severity))
        pack = pack.filter(severities=SEVERITIES[minimum:])
    return pack


def _canonical_severity(value: str) -> str:
    return next(s for s in SEVERITIES if s.lower() == value.lower())


def parse_days(value: str) -> int:
    """``30d`` (or ``30``) as a number of days; a click error otherwise."""
    text = value.strip().lower().removesuffix("d")
    if not text.isdigit():
        raise click.BadParameter(f"{value!r} is not a number of days such as 30d", param_hint="--expiring-within")
    return int(text)


def report_problems(pack: RulePack) -> None:
    """Print each rule-file problem on stderr, one line each."""
    for problem in pack.problems:
        click.echo(str(problem), err=True)


def read_json_document(path: str) -> tuple[Any, str]:
    """One JSON document from a file or ``-``; a clear ConditionError on bad JSON."""
    from ..errors import ConditionError

    if path == "-":
        text, source = sys.stdin.read(), "<stdin>"
    else:
        try:
            text, source = utf8_text(Path(path).read_bytes(), path, "E501"), path
        except OSError as error:
            raise click.BadParameter(f"cannot read {path}: {error.strerror}") from None
    try:
        return json.loads(text), source
    except json.JSONDecodeError as error:
        raise ConditionError(f"invalid JSON: {error.msg}", code="E501", source=source, text=text,
                             line=error.lineno, column=error.colno, offset=error.pos) from None
    except RecursionError:
        offset = _too_deep(text)
        line = text.count("\n", 0, offset) + 1
        raise ConditionError("invalid JSON: nested too deeply to read", code="E501", source=source, text=text,
                             line=line, column=offset - (text.rfind("\n", 0, offset) + 1) + 1,
                             offset=offset) from None


def _too_deep(text: str, limit: int = 256) -> int:
    """The offset of the first bracket nested ``limit`` deep in JSON ``text`` (strings skipped), else 0."""
    depth, index, end = 0, 0, len(text)
    while index < end:
        char = text[index]
        if char == '"':
            index += 1
            while index < end and text[index] != '"':
                index += 2 if text[index] == "\\" else 1
        elif char in "[{":
            depth += 1
            if depth >= limit:
                return index
        elif char in "]}":
            depth -= 1
        index += 1
    return 0
