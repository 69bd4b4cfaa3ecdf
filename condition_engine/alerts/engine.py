"""Findings to alerts: each alert rule's findings sorted by time, grouped by key, windowed.

Findings are gathered as a scan emits them (with their record's time and group values), then sorted by
(time, order of arrival) per alert rule, so the alerts of a given input do not depend on the order of its
lines — only the findings are held in memory, never the records.
"""
from __future__ import annotations

import gc
import itertools
import json
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from .model import AlertRule
from .readers import GROUP_MESSAGE, BadGroupValue, make_taker
from .times import TIME_FIELDS, BadTime, iso, time_of, value_at

#: One finding as alerting keeps it: (time, order of arrival, rule ID, file, line, value_count's value, then
#: the values the alert title names). Tuples sort by time, then arrival (unique), and cost little to hold.
Event = tuple


@dataclass
class AlertStats:
    """What alerting saw: findings taken, findings without a time, bad times and group values."""

    findings: int = 0
    without_time: Counter = field(default_factory=Counter)  # by rule id
    bad: int = 0
    alerts: int = 0


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
        self._takers, self._take = self._taking()

    def observe(self, finding: dict[str, Any], record: Any) -> None:
        """Take one finding and the record it was found in (findings of other rules are ignored)."""
        self._take(finding["rule_id"], finding, record, finding["file"], finding["line"])

    def wrap(self, make: Callable[..., Any], findings_only: bool = False) -> Callable[..., Any]:
        """A scan's ``make(rule, record, file, line, type)``, also taking each finding it makes: what a scan
        calls per finding, with everything it uses bound (``take``, inlined). ``findings_only``: every item
        ``make`` returns is a finding, none marked ``suppressed_by`` (the plain scan), so nothing is checked."""
        takers, bad, without_time = self._takers, self._bad, self.stats.without_time

        if findings_only:
            def made_finding(rule: Any, record: Any, file: str, line: int, record_type: str | None) -> Any:
                item = make(rule, record, file, line, record_type)
                taker = takers.get(item["rule_id"])
                if taker is not None:
                    try:
                        if not taker(record, file, line):
                            without_time[item["rule_id"]] += 1
                    except (BadTime, BadGroupValue) as error:
                        bad(error, item, record)
                return item
            return made_finding

        def made(rule: Any, record: Any, file: str, line: int, record_type: str | None) -> Any:
            item = make(rule, record, file, line, record_type)
            taker = takers.get(rule.id)
            if taker is not None and item.__class__ is dict and not item.get("suppressed_by"):
                try:
                    if not taker(record, file, line):
                        without_time[rule.id] += 1
                except (BadTime, BadGroupValue) as error:
                    bad(error, item, record)
            return item
        return made

    def _taking(self) -> tuple[dict[str, Callable[..., bool]], Callable[..., None]]:
        order = itertools.count(1)
        takers = {}
        for source, rules in self.by_source.items():  # one generated function per source rule
            plans = [(self.events[rule.id], rule.id, tuple((path, rule.path_for(path, source)) for path in rule.group_by),
                      rule.title_paths, rule.field) for rule in rules]
            takers[source] = make_taker(source, plans, self.time_fields, order, self._general(source, plans, order))
        without_time = self.stats.without_time

        def take(source: str, finding: dict[str, Any], record: Any, file: str, line: int) -> None:
            taker = takers.get(source)
            if taker is None or finding.get("suppressed_by"):
                return
            try:
                if not taker(record, file, line):
                    without_time[source] += 1
            except (BadTime, BadGroupValue) as error:
                self._bad(error, finding, record)
        return takers, take

    def _bad(self, error: Exception, finding: dict[str, Any], record: Any) -> None:
        self.stats.bad += 1
        if self.on_bad is not None:
            self.on_bad(str(error), finding, record)

    @contextmanager
    def holding(self) -> Iterator[None]:
        """While a scan runs: the findings held for alerting are many small tuples without cycles, which
        Python's cycle collector would otherwise walk again and again; it runs less often meanwhile."""
        threshold = gc.get_threshold()
        gc.set_threshold(max(threshold[0], 100_000), *threshold[1:])
        try:
            yield
        finally:
            gc.set_threshold(*threshold)

    def count_findings(self) -> int:
        """How many findings alerting took: filed under a key, without a time, or with a bad value."""
        filed = {e[1] for rule in self.rules for events in self.events[rule.id].values() for e in events}
        self.stats.findings = len(filed) + sum(self.stats.without_time.values()) + self.stats.bad
        return self.stats.findings

    def _general(self, source: str, plans: list[tuple], order: Any) -> Callable[[Any, str, int], bool]:
        """What files a finding whose record is not an object: the same reads, by :func:`value_at`."""
        fields = self.time_fields

        def general(record: Any, file: str, line: int) -> bool:
            moment, _ = time_of(record, fields)
            if moment is None:
                return False
            read = []
            for _, rule_id, groups, titles, counted in plans:
                key = tuple(value_at(record, path) for _, path in groups)
                for (name, _), value in zip(groups, key):
                    if value.__class__ is list or value.__class__ is dict:
                        raise BadGroupValue(GROUP_MESSAGE.format(rule_id, name, "a list" if value.__class__ is list
                                                                 else "an object"))
                read.append((key, tuple(value_at(record, path) for path in titles),
                             value_at(record, counted) if counted else None))
            number = next(order)
            for plan, (key, title, value) in zip(plans, read):
                plan[0][key].append((moment, number, source, file, line, value, *title))
            return True
        return general

    def alerts(self) -> list[dict[str, Any]]:
        """Every alert, ordered by first time, then rule, then group values."""
        self.count_findings()
        out = []
        for rule in self.rules:
            for key, events in self.events[rule.id].items():
                events.sort()  # by time, then order of arrival
                for chosen in windows(rule, events):
                    out.append(alert(rule, key, chosen))
        out.sort(key=lambda a: (a["first_time"], a["rule_id"], json.dumps(a["group"], sort_keys=True, default=str)))
        self.stats.alerts = len(out)
        return out


def windows(rule: AlertRule, events: list[Event]) -> Iterable[list[Event]]:
    """The groups of events that make alerts, for one key's events in time order."""
    if rule.at_window_end:
        yield from _closed_windows(rule, events)
        return
    pending: deque[Event] = deque()
    current: list[Event] | None = None
    window = rule.window
    # a count with lower bounds only (Threshold, gte/gt) is reached at a size: no need to judge the events
    size = rule.at_least if rule.kind in ("threshold", "event_count") else None
    for event in events:
        if current is not None:
            if event[0] - current[0][0] < window:
                current.append(event)  # later findings of the key join the alert until its window ends
                continue
            yield current
            current = None
        pending.append(event)
        while event[0] - pending[0][0] >= window:
            pending.popleft()
        if (len(pending) >= size) if size is not None else _complete(rule, pending):
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


def _complete(rule: AlertRule, events: Any) -> bool:
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
    return {"rule_id": rule.id, "title": rule.render_title(events[0][6:]), "severity": rule.severity,
            "kind": rule.kind, "group": dict(zip(rule.group_by, key)), "first_time": iso(events[0][0]),
            "last_time": iso(events[-1][0]), "count": len(events),
            "findings": [{"rule_id": e[2], "file": e[3], "line": e[4]} for e in events]}
