"""What makes alerts of findings: one :class:`AlertRule` per rule with alerting keys or per correlation.

Kinds:

- ``threshold`` — Panther's ``Threshold``, ``DedupPeriodMinutes``, ``GroupBy``: an alert once ``Threshold``
  findings of a key fall within the period; later findings of the key join it until the period ends;
- ``event_count`` / ``value_count`` — Sigma: the number of findings (of distinct values of ``field``) of
  the named rules per key within ``timespan`` compared with the condition;
- ``temporal`` — every named rule has a finding of the key within ``timespan``;
- ``temporal_ordered`` — the named rules' findings occur in the order given, every step, within ``timespan``.
"""
from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

KINDS = ("threshold", "event_count", "value_count", "temporal", "temporal_ordered")
#: Comparisons of a count with its condition's value (Sigma's gte, gt, lte, lt, eq).
COMPARISONS: dict[str, Callable[[int, int], bool]] = {
    "gte": operator.ge, "gt": operator.gt, "lte": operator.le, "lt": operator.lt, "eq": operator.eq}
#: Conditions that can only be judged once a window has ended (a count can still grow before).
AT_WINDOW_END = ("lte", "lt", "eq")
_TEMPLATE = re.compile(r"\{([^{}]+)\}")


@dataclass(frozen=True)
class AlertRule:
    """How findings of ``sources`` (rule IDs) become alerts: grouped by ``group_by`` paths within
    ``window`` seconds, raised when ``conditions`` (``(comparison, number)`` pairs) hold."""

    id: str
    title: str
    severity: str
    kind: str
    sources: tuple[str, ...]
    window: float
    group_by: tuple[str, ...] = ()
    conditions: tuple[tuple[str, int], ...] = (("gte", 1),)
    field: str | None = None
    title_template: str | None = None
    generate: bool = True  # whether the sources' own findings are still written
    aliases: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()  # group-by alias → (rule ID, its path)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown alert kind {self.kind!r}; the kinds are {', '.join(KINDS)}")
        if self.window <= 0:
            raise ValueError(f"the time window must be positive, not {self.window:g} seconds")
        for comparison, _ in self.conditions:
            if comparison not in COMPARISONS:
                raise ValueError(f"unknown condition {comparison!r}; use {', '.join(COMPARISONS)}")

    def path_for(self, group_path: str, rule_id: str) -> str:
        """The path a group-by name reads in a finding of ``rule_id``: its alias's field for that rule."""
        for alias, fields in self.aliases:
            if alias == group_path:
                return next((path for source, path in fields if source == rule_id), group_path)
        return group_path

    @property
    def lower_bound(self) -> int:
        """The smallest count that meets the lower bounds (``gte N``, ``gt N``); 0 when there are none.

        >>> AlertRule("R", "T", "Low", "event_count", ("R",), 60, conditions=(("gt", 4),)).lower_bound
        5
        """
        bound = 0
        for comparison, number in self.conditions:
            if comparison in ("gte", "gt"):
                bound = max(bound, number if comparison == "gte" else number + 1)
        return bound

    @property
    def at_least(self) -> int:
        """The number of findings that meets the lower bounds: a window holds at least one."""
        return max(self.lower_bound, 1)

    @property
    def at_window_end(self) -> bool:
        """Whether alerts are judged when a window ends (a count bounded above) rather than when reached."""
        return self.kind in ("event_count", "value_count") and any(c in AT_WINDOW_END for c, _ in self.conditions)

    def holds(self, count: int) -> bool:
        """Whether a count meets every condition (a range is two: gte and lte)."""
        return all(COMPARISONS[comparison](count, number) for comparison, number in self.conditions)

    @property
    def title_paths(self) -> tuple[str, ...]:
        """The record paths the title template names, in order.

        >>> AlertRule("R", "T", "Low", "threshold", ("R",), 60, title_template="{a} from {b.c}").title_paths
        ('a', 'b.c')
        """
        return tuple(m.group(1).strip() for m in _TEMPLATE.finditer(self.title_template or ""))

    def render_title(self, values: tuple[Any, ...]) -> str:
        """The alert title: the template with each ``{path}`` replaced by its value (``<missing>``).

        >>> AlertRule("R", "Login", "Low", "threshold", ("R",), 60, title_template="Login by {actor.name}").render_title((None,))
        'Login by <missing>'
        """
        if not self.title_template:
            return self.title
        given = iter(values)

        def value(match: re.Match) -> str:
            found = next(given)
            return "<missing>" if found is None else str(found)
        return _TEMPLATE.sub(value, self.title_template)


class AlertKeyError(ValueError):
    """A rule's alerting key with a value that cannot work; ``key`` names it."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def from_rule(rule: Any) -> AlertRule | None:
    """The alert rule of a rule file with ``Threshold``, ``DedupPeriodMinutes``, ``GroupBy`` or
    ``AlertTitle`` (Panther's defaults: 1, 60 minutes, the rule alone); None for a rule without them."""
    model = rule.model
    if model.Threshold is None and model.DedupPeriodMinutes is None and model.GroupBy is None \
            and model.AlertTitle is None:
        return None
    if model.Threshold is not None and model.Threshold < 1:
        raise AlertKeyError("Threshold", f"Threshold must be at least 1, not {model.Threshold}")
    if model.DedupPeriodMinutes is not None and model.DedupPeriodMinutes <= 0:
        raise AlertKeyError("DedupPeriodMinutes",
                            f"DedupPeriodMinutes must be positive, not {model.DedupPeriodMinutes}")
    group_by = model.GroupBy if isinstance(model.GroupBy, list) else [model.GroupBy] if model.GroupBy else []
    if any(not isinstance(path, str) for path in group_by):
        raise AlertKeyError("GroupBy", "GroupBy is a list of field paths (text)")
    return AlertRule(rule.id, rule.title, rule.severity, "threshold", (rule.id,),
                     60.0 * (model.DedupPeriodMinutes if model.DedupPeriodMinutes is not None else 60),
                     tuple(str(path) for path in group_by), (("gte", model.Threshold or 1),),
                     title_template=model.AlertTitle)
