"""Findings to alerts: each alert rule's findings sorted by time, grouped by key, windowed.

Findings are gathered as a scan emits them (with their record's time and group values), then sorted by
(time, order of arrival) per alert rule, so the alerts of a given input do not depend on the order of its
lines — only the findings are held in memory, never the records.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from .model import AlertRule
from .times import TIME_FIELDS, BadTime, iso, time_of, value_at


#: One finding as alerting keeps it: (time, order of arrival, rule ID, file, line, value_count's value, the
#: values the alert title names). Tuples sort by time, then arrival (unique), and cost little to hold.
Event = tuple


@dataclass
class AlertStats:
    """What alerting saw: findings taken, findings without a time, bad times and group values."""

    findings: int = 0
    without_time: Counter = field(default_factory=Counter)  # by rule id
    bad: int = 0
    alerts: int = 0


class BadGroupValue(ValueError):
    """A GroupBy path whose value is a list or an object."""


class Alerter:
    """Collects findings (:meth:`observe`) and turns them into alerts (:meth:`alerts`).

    >>> rule = AlertRule("R", "Failed logins", "Medium", "threshold", ("R",), 600, ("user",), (("gte", 2),))
    >>> alerter = Alerter([rule])
    >>> for n, t in enumerate(["2026-01-05T10:00:00Z", "2026-01-05T10:04:00Z"], 1):
    ...     alerter.observe({"rule_id": "R", "file": "f", "line": n}, {"user": "ann", "eventTime": t})
    >>> [(a["group"], a["count"], a["first_time"]) for a in alerter.alerts()]
    [({'user': 'ann'}, 2, '2026-01-05T10:00:00Z')]
    """

    def __init__(self, rules: Iterable[AlertRule], time_fields: tuple[str, ...] = TIME_FIELDS,
                 on_bad: Callable[[str, dict[str, Any], Any], None] | None = None) -> None:
        self.rules = list(rules)
        self.time_fields = time_fields
        self.on_bad = on_bad
        self.by_source: dict[str, list[AlertRule]] = defaultdict(list)
        for rule in self.rules:
            for source in dict.fromkeys(rule.sources):
                self.by_source[source].append(rule)
        self.events: dict[str, dict[tuple, list[Event]]] = {rule.id: defaultdict(list) for rule in self.rules}
        self.stats = AlertStats()
        self._order = 0
        self._titles = {rule.id: rule.title_paths for rule in self.rules}

    @property
    def sources(self) -> set[str]:
        return set(self.by_source)

    def observe(self, finding: dict[str, Any], record: Any) -> None:
        """Take one finding and the record it was found in (findings of other rules are ignored)."""
        source = finding["rule_id"]
        rules = self.by_source.get(source)
        if not rules or finding.get("suppressed_by"):
            return
        self.stats.findings += 1
        try:
            moment, _ = time_of(record, self.time_fields)
            keys = [group_key(rule, record, source) for rule in rules]
        except (BadTime, BadGroupValue) as error:
            self.stats.bad += 1
            if self.on_bad is not None:
                self.on_bad(str(error), finding, record)
            return
        if moment is None:
            self.stats.without_time[source] += 1
            return
        self._order += 1
        file, line = finding["file"], finding["line"]
        for rule, key in zip(rules, keys):
            value = value_at(record, rule.field) if rule.field else None
            title = tuple(value_at(record, path) for path in self._titles[rule.id]) if rule.title_template else ()
            self.events[rule.id][key].append((moment, self._order, source, file, line, value, title))

    def alerts(self) -> list[dict[str, Any]]:
        """Every alert, ordered by first time, then rule, then group values."""
        out = []
        for rule in self.rules:
            for key, events in self.events[rule.id].items():
                events.sort()  # by time, then order of arrival
                for chosen in windows(rule, events):
                    out.append(alert(rule, key, chosen))
        out.sort(key=lambda a: (a["first_time"], a["rule_id"], json.dumps(a["group"], sort_keys=True, default=str)))
        self.stats.alerts = len(out)
        return out


def group_key(rule: AlertRule, record: Any, source: str) -> tuple:
    """The values of the rule's GroupBy paths (through aliases, for a finding of ``source``) in a record,
    None where missing; lists and objects are errors."""
    if not rule.group_by:
        return ()
    values = []
    for path in rule.group_by:
        value = value_at(record, rule.path_for(path, source) if rule.aliases else path)
        if value.__class__ is list or value.__class__ is dict:
            raise BadGroupValue(f"the GroupBy field {path!r} of {rule.id} holds "
                                f"{'a list' if isinstance(value, list) else 'an object'}, not one value")
        values.append(value)
    return tuple(values)


def windows(rule: AlertRule, events: list[Event]) -> Iterable[list[Event]]:
    """The groups of events that make alerts, for one key's events in time order."""
    if rule.at_window_end:
        yield from _closed_windows(rule, events)
        return
    pending: deque[Event] = deque()
    current: list[Event] | None = None
    for event in events:
        if current is not None and event[0] - current[0][0] < rule.window:
            current.append(event)  # later findings of the key join the alert until its window ends
            continue
        if current is not None:
            yield current
            current = None
        pending.append(event)
        while event[0] - pending[0][0] >= rule.window:
            pending.popleft()
        if _complete(rule, pending):
            current = list(pending)
            pending.clear()
    if current is not None:
        yield current


def _closed_windows(rule: AlertRule, events: list[Event]) -> Iterable[list[Event]]:
    """Windows that start at a key's first event not yet in one, judged when they end (lte, lt, eq)."""
    current: list[Event] = []
    for event in events:
        if current and event[0] - current[0][0] >= rule.window:
            if _complete(rule, current):
                yield current
            current = []
        current.append(event)
    if current and _complete(rule, current):
        yield current


def _complete(rule: AlertRule, events: Iterable[Event]) -> bool:
    events = list(events)
    if rule.kind in ("threshold", "event_count"):
        return rule.holds(len(events))
    if rule.kind == "value_count":
        return rule.holds(len({json.dumps(e[5], sort_keys=True) for e in events if e[5] is not None}))
    if rule.kind == "temporal":
        return set(rule.sources) <= {e[2] for e in events}
    step = 0  # temporal_ordered: the sources in order, every step (earliest match first is optimal)
    for event in events:
        if step < len(rule.sources) and event[2] == rule.sources[step]:
            step += 1
    return step == len(rule.sources)


def alert(rule: AlertRule, key: tuple, events: list[Event]) -> dict[str, Any]:
    """One alert as a JSON object."""
    return {"rule_id": rule.id, "title": rule.render_title(events[0][6]), "severity": rule.severity,
            "kind": rule.kind, "group": dict(zip(rule.group_by, key)), "first_time": iso(events[0][0]),
            "last_time": iso(events[-1][0]), "count": len(events),
            "findings": [{"rule_id": e[2], "file": e[3], "line": e[4]} for e in events]}
