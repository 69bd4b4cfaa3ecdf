"""Sigma correlation rules: read through pySigma, their rule references resolved against the pack.

A correlation names base rules (by Sigma ``name`` or ``id``) and says how their findings make alerts:
``event_count``, ``value_count``, ``temporal`` or ``temporal_ordered`` per ``group-by`` key within
``timespan``.  It becomes an :class:`~condition_engine.alerts.model.AlertRule`, the model Panther's
``Threshold``/``GroupBy`` keys also become, so one engine raises both.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..alerts.model import COMPARISONS, AlertRule
from .problems import Problem
from .yaml_source import YamlSource

#: Sigma levels as rule severities.
LEVELS = {"informational": "Info", "low": "Low", "medium": "Medium", "high": "High", "critical": "Critical"}


@dataclass(frozen=True)
class LoadedCorrelation:
    """One correlation rule as written: its references still names or ids of Sigma rules."""

    id: str
    title: str
    severity: str
    kind: str
    references: tuple[str, ...]
    group_by: tuple[str, ...]
    window: float
    conditions: tuple[tuple[str, int], ...]
    field: str | None
    aliases: dict[str, dict[str, str]]
    generate: bool
    path: Path
    source: YamlSource | None = None
    sources: tuple[str, ...] = ()  # the rule IDs the references resolved to, in order
    tests: tuple[tuple[str, int, tuple[Any, ...]], ...] = ()  # (name, expected alerts, records with times)

    def __repr__(self) -> str:
        return f"<LoadedCorrelation {self.id} {self.kind} of {list(self.references)}>"

    def where(self, key: tuple[Any, ...]) -> tuple[int, int]:
        return self.source.where(key) if self.source else (1, 1)

    def alert_rule(self) -> AlertRule:
        """The alert rule over the resolved sources (aliases keyed by rule ID)."""
        by_reference = dict(zip(self.references, self.sources))
        aliases = tuple((alias, tuple((by_reference.get(ref, ref), path) for ref, path in fields.items()))
                        for alias, fields in self.aliases.items())
        return AlertRule(self.id, self.title, self.severity, self.kind, self.sources, self.window, self.group_by,
                         self.conditions, self.field, generate=self.generate, aliases=aliases)


def is_correlation(data: Any) -> bool:
    """Whether a YAML document is a Sigma correlation rule."""
    return isinstance(data, dict) and isinstance(data.get("correlation"), dict)


def correlation_from_source(source: YamlSource, file: str, problems: list[Problem]) -> LoadedCorrelation | None:
    """A correlation rule, validated by pySigma; a problem (located) when it is not valid."""
    data = source.data
    try:
        from sigma.correlations import SigmaCorrelationRule
        from sigma.exceptions import SigmaError
    except ImportError:
        problems.append(Problem(file, "a Sigma rule needs pySigma: pip install 'condition-engine[sigma]'",
                                code="E205"))
        return None
    body = data["correlation"]
    condition = body.get("condition")
    comparisons = {k: v for k, v in condition.items() if k in COMPARISONS} if isinstance(condition, dict) else {}
    checked = data
    if len(comparisons) > 1:  # a range (gte and lte): pySigma takes one comparison; each is checked alike
        first = next(iter(comparisons))
        checked = {**data, "correlation": {**body, "condition": {
            k: v for k, v in condition.items() if k not in COMPARISONS or k == first}}}
    try:
        rule = SigmaCorrelationRule.from_dict(checked)
    except SigmaError as error:
        key = _key_of(str(error))
        line, column = source.where(key) if key else (1, 1)
        problems.append(Problem(file, f"invalid Sigma correlation: {error}", line, column,
                                "$." + ".".join(map(str, key)) if key else "$", code="E215"))
        return None
    kind = rule.type.name.lower()
    window = float(rule.timespan.seconds)  # pySigma rejects a timespan of zero or less
    conditions = tuple((k, v) for k, v in comparisons.items()) or (("gte", 1),)
    field = condition.get("field") if isinstance(condition, dict) else None
    aliases = {str(alias): {str(ref): str(path) for ref, path in (fields or {}).items()}
               for alias, fields in (body.get("aliases") or {}).items()}
    tests = _tests(data.get("tests"), source, file, problems)
    if tests is None:
        return None
    return LoadedCorrelation(
        tests=tests, id=str(rule.id or rule.name or rule.title), title=rule.title,
        severity=LEVELS.get(rule.level.name.lower() if rule.level else "", "Info"), kind=kind,
        references=tuple(ref.reference for ref in (rule.rules or [])), group_by=tuple(rule.group_by or ()),
        window=window, conditions=conditions, field=field if isinstance(field, str) else None,
        aliases=aliases, generate=bool(rule.generate), path=Path(file), source=source)


def _tests(given: Any, source: YamlSource, file: str, problems: list[Problem]
           ) -> tuple[tuple[str, int, tuple[Any, ...]], ...] | None:
    """A correlation's ``tests`` (an extension: each a ``name``, ``expected_alerts`` and ``logs``, records
    with their times, that the base rules and the correlation run over); None after a problem."""
    if given is None:
        return ()
    out = []
    for number, test in enumerate(given if isinstance(given, list) else [given]):
        ok = (isinstance(given, list) and isinstance(test, dict) and isinstance(test.get("name"), str)
              and type(test.get("expected_alerts")) is int and test["expected_alerts"] >= 0
              and isinstance(test.get("logs"), list) and all(isinstance(r, dict) for r in test["logs"])
              and not set(test) - {"name", "expected_alerts", "logs"})
        if not ok:
            key, text = (("tests", number), f"$.tests[{number}]") if isinstance(given, list) else (("tests",), "$.tests")
            problems.append(Problem(file, "a correlation test has a name, expected_alerts (a count) and logs "
                                    "(a list of records with their times), and nothing else", *source.where(key),
                                    text, code="E217"))
            return None
        out.append((test["name"], test["expected_alerts"], tuple(test["logs"])))
    return tuple(out)


def _key_of(message: str) -> tuple[str, ...] | None:
    """The key a pySigma correlation error is about, from its wording."""
    lowered = message.lower()
    for word, key in (("timespan", ("correlation", "timespan")), ("condition", ("correlation", "condition")),
                      ("group", ("correlation", "group-by")), ("type", ("correlation", "type")),
                      ("rule", ("correlation", "rules"))):
        if word in lowered:
            return key
    return None


def resolve(correlations: list[LoadedCorrelation], rules: list[Any], problems: list[Problem]) -> list[LoadedCorrelation]:
    """Each correlation with its references resolved to rule IDs (a Sigma rule's ``name`` or ``id``, or
    any rule's ID); a correlation naming a rule that is not loaded is a problem and is left out."""
    from dataclasses import replace

    names: dict[str, str] = {}
    for rule in rules:
        names[rule.id] = rule.id
        meta = rule.model.Sigma
        if meta is not None:
            for ref in (meta.name, meta.id):
                if ref:
                    names.setdefault(ref, rule.id)
    out = []
    for correlation in correlations:
        missing = [(n, ref) for n, ref in enumerate(correlation.references) if ref not in names]
        for number, ref in missing:
            problems.append(Problem(str(correlation.path), f"correlation {correlation.id} names the rule {ref!r}, "
                                    "which is not loaded (give the file or directory of its base rules)",
                                    *correlation.where(("correlation", "rules", number)),
                                    f"$.correlation.rules[{number}]", code="E216"))
        if not missing:
            out.append(replace(correlation, sources=tuple(names[ref] for ref in correlation.references)))
    return out
