"""Findings: one per (rule, record) match, and how they are written: JSON Lines, a table, SARIF."""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

import orjson

from .. import __version__
from ..rules.pack import LoadedRule
from .readers import location

#: Top-level fields that identify a record, copied into its findings when present.
IDENTIFYING_FIELDS = ("Arn", "arn", "ARN", "eventID", "uuid", "_document_id", "p_row_id", "id", "ResourceId",
                      "resourceId", "InstanceId", "GroupId", "KeyId", "DBInstanceIdentifier", "Name", "UserName")
_dumps, _NEWLINE = orjson.dumps, orjson.OPT_APPEND_NEWLINE
_SARIF_LEVEL = {"Info": "note", "Low": "note", "Medium": "warning", "High": "error", "Critical": "error"}


_ORDER = {name: index for index, name in enumerate(IDENTIFYING_FIELDS)}
_IDENTIFYING = frozenset(IDENTIFYING_FIELDS)
#: Values never copied into a finding: null, objects and lists (by exact class).
_NOT_IDENTIFYING = frozenset({type(None), dict, list})


def finding(rule: LoadedRule, record: Any, file: str, line: int, record_type: str | None) -> dict[str, Any]:
    """The finding for one match: rule, severity, title, where, and the record's identifying fields.

    >>> from condition_engine import load_rules
    >>> finding(load_rules().get("AWS.CMK.KeyRotation"), {"KeyId": "k", "Arn": "a", "Tags": []}, "f", 3, "T")
    {'rule_id': 'AWS.CMK.KeyRotation', 'severity': 'Low', 'title': 'AWS KMS CMK Key Rotation', 'file': 'f', 'line': 3, 'type': 'T', 'Arn': 'a', 'KeyId': 'k'}
    """
    return rule.identity | located(record, file, line, record_type)


def located(record: Any, file: str, line: int, record_type: str | None) -> dict[str, Any]:
    """What a finding says after its rule's identity: where the record is, its type, its identifying fields
    (those present, in :data:`IDENTIFYING_FIELDS` order, whose values are not null, objects or lists).

    >>> located({"KeyId": "k", "Arn": "a", "Tags": [], "Name": None}, "f", 3, None)
    {'file': 'f', 'line': 3, 'Arn': 'a', 'KeyId': 'k'}
    """
    out = {"file": file, "line": line} if record_type is None else {"file": file, "line": line, "type": record_type}
    if record.__class__ is dict:
        keys, names = _LAST  # consecutive records mostly share their keys: compared as sets, no tuple built
        if record.keys() != keys:
            layout = tuple(record)  # records of one source share a few key layouts: their names found once each
            known = _NAMES.get(layout)
            if known is None:
                known = _names(layout)
                if len(_NAMES) < _LAYOUTS:
                    _NAMES[layout] = known
            names = known
            _set_last(frozenset(layout), names)
        for name in names:
            value = record[name]
            if value.__class__ not in _NOT_IDENTIFYING:
                out[name] = value
    return out


def identity_bytes(rule: LoadedRule) -> bytes:
    """The start of every finding line of ``rule`` as :class:`JsonLinesWriter` writes it: its identity's JSON
    object without the closing brace, and a comma; the line's end is ``dumps(located(...))`` without its
    opening brace (both objects are never empty and share no key, so the two parts make the whole object).

    >>> from condition_engine import load_rules
    >>> identity_bytes(load_rules().get("AWS.CMK.KeyRotation"))[:34]
    b'{"rule_id":"AWS.CMK.KeyRotation","'
    """
    return _dumps(rule.identity)[:-1] + b","


#: The identifying names present in each key layout seen (bounded: past it, worked out each time).
_NAMES: dict[tuple[str, ...], tuple[str, ...]] = {}
_LAYOUTS = 4096


#: The key set of the last record a finding was made for, and its identifying names (one tuple: read and
#: replaced whole, so threads never see a key set with another's names).
_LAST: tuple[frozenset[str], tuple[str, ...]] = (frozenset({"\x00"}), ())


def _set_last(keys: frozenset[str], names: tuple[str, ...]) -> None:
    global _LAST
    _LAST = (keys, names)


def _names(layout: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(_IDENTIFYING.intersection(layout), key=_ORDER.__getitem__))


def counted(number: int, noun: str) -> str:
    """``1 finding``, ``2 findings``: a count and its noun, plural when it is not one.

    >>> counted(1, "finding"), counted(1_200, "record")
    ('1 finding', '1,200 records')
    """
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


class JsonLinesWriter:
    """One JSON object per line, as findings arrive."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self._write = stream.write

    def write(self, item: dict[str, Any]) -> None:
        self._write(_dumps(item, option=_NEWLINE))  # orjson ends the line itself: no copy to add it

    def close(self, rules: list[LoadedRule]) -> None:
        self.stream.flush()


#: From this many columns the table shows both a rule's ID and its title.
WIDE_TABLE = 120
#: From this many columns the table shows a record's identifying field (an ARN, an event ID).
WITH_RECORD = 100


@dataclass
class TableWriter:
    """A table as wide as the terminal (``COLUMNS`` when piped; 80 when neither says), written when the scan
    ends.  Long values wrap inside their cell, never cut: a location keeps its line or ``#EventRecordID``."""

    stream: IO[bytes]
    items: list[dict[str, Any]] = field(default_factory=list)
    width: int | None = None  # None: the terminal's

    def write(self, item: dict[str, Any]) -> None:
        self.items.append(item)

    def close(self, rules: list[LoadedRule]) -> None:
        import io

        from rich import box
        from rich.console import Console
        from rich.table import Table

        text = io.StringIO()
        console = Console(file=text, color_system=None, width=self.width)  # rich reads COLUMNS, or the terminal
        wide = console.width >= WIDE_TABLE
        sigma = {rule.id for rule in rules if rule.model.Sigma is not None}  # IDs that are UUIDs
        rows = []
        for item in self.items:
            ident = next((str(item[k]) for k in IDENTIFYING_FIELDS if k in item), "")
            name = item["title"] if item["rule_id"] in sigma and not wide else item["rule_id"]
            rows.append((item["severity"], name, item["title"], location(item["file"], item["line"]), ident))
        table = Table(title=counted(len(self.items), "finding"), box=box.SIMPLE_HEAD, pad_edge=False)
        # Widths worked out here, so the table is never wider than the console.  Where a finding is comes
        # first (whole while it fits: a path and its line or #EventRecordID), then the rule, then the title
        # and the record's identifier, which only wider consoles show; what does not fit wraps inside its
        # cell, folded (IDs, paths and ARNs have no spaces), and is never cut.
        names = [n for n in ("rule", "title", "where", "record")
                 if (n != "title" or wide) and (n != "record" or console.width >= WITH_RECORD)]
        longest = {name: max([len(name)] + [len(row[index]) for row in rows])
                   for index, name in enumerate(("severity", "rule", "title", "where", "record"))}
        left = console.width - 2 - 3 * len(names) - longest["severity"]  # the edges, the gaps, the severity
        widths = {}
        for number, name in enumerate(sorted(names, key=("where", "rule", "title", "record").index)):
            others = len(names) - number - 1  # each keeps 12 columns
            widths[name] = max(8, min(longest[name], left - 12 * others))
            left -= widths[name]
        table.add_column("severity", no_wrap=True)
        for name in names:
            table.add_column(name, overflow="fold", width=widths[name])
        for severity, name, title, where, ident in rows:
            cells = {"rule": name, "title": title, "where": where, "record": ident}
            table.add_row(severity, *(cells[name] for name in names))
        console.print(table, crop=False)  # never cut: a line too long would show, and tests would see it
        self.stream.write(text.getvalue().encode())
        self.stream.flush()


@dataclass
class SarifWriter:
    """SARIF 2.1.0, which code-scanning dashboards ingest; written when the scan ends."""

    stream: IO[bytes]
    items: list[dict[str, Any]] = field(default_factory=list)

    def write(self, item: dict[str, Any]) -> None:
        self.items.append(item)

    def close(self, rules: list[LoadedRule]) -> None:
        self.stream.write(json.dumps(sarif(self.items, rules), indent=2).encode() + b"\n")
        self.stream.flush()


def sarif(items: list[dict[str, Any]], rules: list[LoadedRule]) -> dict[str, Any]:
    """A SARIF log of findings."""
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "condition-engine", "version": __version__,
                "rules": [{
                    "id": rule.id, "name": rule.title,
                    "shortDescription": {"text": rule.title},
                    "fullDescription": {"text": (rule.model.Description or rule.title).strip()},
                    "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
                    "properties": {"tags": list(rule.tags), "severity": rule.severity},
                } for rule in rules],
            }},
            "results": [{
                "ruleId": item["rule_id"],
                "level": _SARIF_LEVEL[item["severity"]],
                "message": {"text": f"{item['title']}"},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": item["file"]},
                                                    "region": {"startLine": item["line"]}}}],
                "properties": {k: v for k, v in item.items() if k not in ("rule_id", "title", "file", "line")},
            } for item in items],
        }],
    }


WRITERS = {"jsonl": JsonLinesWriter, "table": TableWriter, "sarif": SarifWriter}


def lines_written_by(emit: Callable[..., Any], make: Callable[..., Any]) -> Callable[[bytes], Any] | None:
    """The ``write`` of the stream ``emit`` writes findings to, when ``emit`` is a :class:`JsonLinesWriter`'s
    own ``write`` and ``make`` builds plain findings: the scan then writes the same lines itself (None otherwise).

    >>> import io
    >>> lines_written_by(JsonLinesWriter(io.BytesIO()).write, finding) is not None, lines_written_by(print, finding)
    (True, None)
    """
    writer = getattr(emit, "__self__", None)
    if make is not finding or getattr(emit, "__func__", None) is not JsonLinesWriter.write \
            or writer.__class__ is not JsonLinesWriter:
        return None
    return writer.stream.write


class RouteLines:
    """A route's rules as the scan writes their findings: each rule's line start (its identity, serialized
    once) and its count, a list of ints added to the per-rule counts when the scan ends."""

    def __init__(self, rules: list[LoadedRule], per_rule: Counter) -> None:
        self.rules, self.per_rule = rules, per_rule
        self.starts = [identity_bytes(rule) for rule in rules]
        self.counts = [0] * len(rules)

    def first(self, index: int) -> None:
        """A rule's first finding here: its place in the per-rule counts taken now, as the other paths do."""
        self.per_rule.setdefault(self.rules[index].id, 0)

    def count(self) -> None:
        """Add the counts to the per-rule counts."""
        for rule, number in zip(self.rules, self.counts):
            if number:
                self.per_rule[rule.id] += number
