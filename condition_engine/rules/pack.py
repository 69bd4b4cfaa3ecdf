"""A loaded rule pack: rules parsed and compiled once, and the problems met while loading."""
from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import ast
from ..analysis import ExclusionTable, exclusions
from ..analysis.anchors import Anchor, anchor_groups
from ..compiler import compile as compile_condition
from ..errors import RuleFileError
from .model import SEVERITIES, RuleFile
from .problems import Problem
from .yaml_source import YamlSource

if TYPE_CHECKING:
    from .testing import TestRun


@dataclass(eq=False)
class LoadedRule:
    """One rule: its file model, parsed condition, compiled function and where it came from."""

    model: RuleFile
    condition: ast.Expr
    path: Path
    source: YamlSource | None = None
    exceptions: tuple[Any, ...] = ()  # the LoadedExceptions applied to it (rules.exceptions)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id} ({self.severity}) from {self.path}>"

    @cached_property
    def id(self) -> str:  # read for every finding: worked out once
        return self.model.id

    @property
    def title(self) -> str:
        return self.model.DisplayName or self.model.id

    @property
    def severity(self) -> str:
        return self.model.Severity

    @property
    def enabled(self) -> bool:
        return self.model.Enabled

    @property
    def types(self) -> tuple[str, ...]:
        return self.model.types

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(self.model.Tags or ())

    @cached_property
    def identity(self) -> dict[str, Any]:
        """What every finding of the rule starts with: rule_id, severity, title (built once)."""
        return {"rule_id": self.id, "severity": self.severity, "title": self.title}

    @cached_property
    def matches(self) -> Callable[[Any], bool]:
        """The compiled condition (compiled once, on first use)."""
        return compile_condition(self.condition)

    @cached_property
    def exclusions(self) -> ExclusionTable:
        return exclusions(self.condition, self.model.ExclusionNames)

    @cached_property
    def anchor_groups(self) -> list[frozenset[Anchor]]:
        """The condition's anchor groups (:func:`~condition_engine.analysis.anchors.anchor_groups`), from the
        Sigma cache when the condition is not built yet (a large pack's plan reads them).

        >>> from condition_engine import load_rules
        >>> load_rules().get("AWS.EC2.Instance.IMDSv2").anchor_groups
        [frozenset({(('State', 'Name'), 'running')})]
        """
        deferred = self.__dict__["condition"]
        if type(deferred) is Deferred and deferred.groups is not None:
            return deferred.groups()
        return anchor_groups(self.condition)

    def where(self, key: tuple[Any, ...]) -> tuple[int, int]:
        return self.source.where(key) if self.source else (1, 1)


class Deferred:
    """A rule's condition built on first use: ``load()`` gives the tree (the Sigma cache's compact form);
    ``groups()``, when given, its anchor groups, read without building it."""

    __slots__ = ("groups", "load")

    def __init__(self, load: Callable[[], ast.Expr],
                 groups: Callable[[], list[frozenset[Anchor]]] | None = None) -> None:
        self.load = load
        self.groups = groups


class _Condition:
    """``LoadedRule.condition``: a :class:`Deferred` given for it is loaded once, when first read."""

    def __get__(self, rule: LoadedRule | None, owner: type) -> Any:
        if rule is None:
            return self
        value = rule.__dict__["condition"]
        if type(value) is Deferred:
            value = rule.__dict__["condition"] = value.load()
        return value

    def __set__(self, rule: LoadedRule, value: Any) -> None:
        rule.__dict__["condition"] = value


LoadedRule.condition = _Condition()  # type: ignore[assignment]  # after @dataclass, which reads the field


def severity_rank(severity: str) -> int:
    """Info=0 … Critical=4."""
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class RulePack:
    """Rules and the problems found loading them; filter it, look rules up, run its tests."""

    rules: tuple[LoadedRule, ...]
    problems: tuple[Problem, ...] = field(default=())
    exceptions: tuple[Any, ...] = field(default=())  # every LoadedException loaded, applied or not
    today: Any = None  # the date exceptions were checked against
    correlations: tuple[Any, ...] = field(default=())  # Sigma correlation rules (rules.correlations), resolved

    def __repr__(self) -> str:
        return (f"<RulePack {len(self.rules)} rules, {len(self.exceptions)} exceptions, "
                f"{len(self.correlations)} correlations, {len(self.problems)} problems>")

    def with_rules(self, rules: Iterable[LoadedRule]) -> RulePack:
        """The same pack (problems, exceptions, correlations) holding other rules."""
        return RulePack(tuple(rules), self.problems, self.exceptions, self.today, self.correlations)

    def __iter__(self) -> Iterator[LoadedRule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, rule_id: str) -> LoadedRule:
        """The rule with this ID (KeyError when absent)."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def filter(self, *, ids: Iterable[str] = (), tags: Iterable[str] = (), severities: Iterable[str] = (),
               types: Iterable[str] = (), enabled: bool | None = None) -> RulePack:
        """The rules meeting every criterion given: an ID glob, a tag, a severity, a type (any of each list).

        >>> from condition_engine import load_rules
        >>> [r.id for r in load_rules().filter(ids=["AWS.CMK.*"])]
        ['AWS.CMK.KeyRotation']
        >>> len(load_rules().filter(tags=["okta"], severities=["High", "Critical"]))
        1
        """
        ids, tags, severities, types = list(ids), [t.lower() for t in tags], list(severities), list(types)
        chosen = []
        for rule in self.rules:
            if ids and not any(fnmatch.fnmatchcase(rule.id, pattern) for pattern in ids):
                continue
            if tags and not any(tag.lower() in tags for tag in rule.tags):
                continue
            if severities and rule.severity not in severities:
                continue
            if types and rule.types and not set(rule.types) & set(types):
                continue
            if enabled is not None and rule.enabled != enabled:
                continue
            chosen.append(rule)
        return self.with_rules(chosen)

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that are errors (not Sigma rules skipped for a construct they use: W204)."""
        return tuple(p for p in self.problems if not p.code.startswith("W"))

    def raise_for_problems(self) -> None:
        """Raise the first error as a RuleFileError when there are any."""
        if self.errors:
            raise self.errors[0].to_error()

    def run_tests(self, *, skip_disabled: bool = False) -> TestRun:
        """Run every rule's embedded tests; see :func:`condition_engine.rules.testing.run_tests`."""
        from .testing import run_tests

        return run_tests(self, skip_disabled=skip_disabled)


__all__ = ["LoadedRule", "RuleFileError", "RulePack", "severity_rank"]
