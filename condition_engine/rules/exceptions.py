"""Exceptions as code: narrow, owned, expiring suppressions kept beside the rules they tune.

An exception file (``AnalysisType: exception``) names the rules it targets and a condition; each
targeted rule becomes ``<rule's condition> and not (<exception's condition>)``, the new group named
after the ``ExceptionID`` — so the exception shows in ``exclusions``, in scan's exclusion report,
on the rule's page and in SQL like any exclusion.  An exception past its ``Expires`` date (compared
with ``today``) or with ``Enabled: false`` is not applied.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, Field, model_validator

from .. import ast
from ..parser import parse
from ..render import to_text
from .model import SEVERITIES, Text, TextList, _Model
from .model import Severity as SeverityLevel
from .pack import LoadedRule
from .problems import Problem
from .yaml_source import YamlSource


def _severities(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class ExceptionTargets(_Model):
    """Which rules an exception applies to: every key given must match (within a key, any value)."""

    RuleIDs: TextList | None = None
    Tags: TextList | None = None
    LogTypes: TextList | None = None
    ResourceTypes: TextList | None = None
    Severity: Annotated[list[SeverityLevel], BeforeValidator(_severities)] | None = None
    All: bool | None = None

    @model_validator(mode="after")
    def _some_target(self) -> ExceptionTargets:
        keys = [k for k in ("RuleIDs", "Tags", "LogTypes", "ResourceTypes", "Severity") if getattr(self, k)]
        if self.All and keys:
            raise ValueError(f"All: true targets every rule; leave out {', '.join(keys)} or All")
        if not self.All and not keys:
            raise ValueError("Targets needs RuleIDs, Tags, LogTypes, ResourceTypes, Severity, or All: true")
        return self

    def selects(self, rule: LoadedRule) -> bool:
        """Whether the rule is targeted."""
        if self.All:
            return True
        checks = [
            self.RuleIDs is None or rule.id in self.RuleIDs,
            self.Tags is None or bool({t.lower() for t in self.Tags} & {t.lower() for t in rule.tags}),
            self.LogTypes is None or bool(set(self.LogTypes) & set(rule.model.LogTypes or ())),
            self.ResourceTypes is None or bool(set(self.ResourceTypes) & set(rule.model.ResourceTypes or ())),
            self.Severity is None or rule.severity in self.Severity,
        ]
        return all(checks)


class ExceptionTest(_Model):
    """A record the exception must suppress (``Suppressed: true``) or must not."""

    __test__: ClassVar[bool] = False  # not a pytest test class
    Name: Text
    Suppressed: bool = Field(strict=True)
    Log: Any | None = None
    Resource: Any | None = None

    @model_validator(mode="after")
    def _one_document(self) -> ExceptionTest:
        if self.Resource is None and self.Log is None:
            raise ValueError("a test needs a Log or a Resource")
        return self

    @property
    def document(self) -> Any:
        return self.Resource if self.Resource is not None else self.Log


class ExceptionFile(_Model):
    """An exception file: what to suppress, where, who owns it, why, and until when."""

    AnalysisType: Literal["exception"]
    ExceptionID: Text
    Condition: Text
    Targets: ExceptionTargets
    Owner: Text
    Reason: Text
    Description: Text | None = None
    Ticket: Text | None = None
    Created: datetime.date | None = None
    Expires: datetime.date | None = None
    Enabled: bool = True
    Tests: list[ExceptionTest] = Field(default_factory=list)

    @model_validator(mode="after")
    def _dates(self) -> ExceptionFile:
        if self.Created and self.Expires and self.Expires < self.Created:
            raise ValueError(f"Expires ({self.Expires}) is before Created ({self.Created})")
        return self


@dataclass(eq=False)
class LoadedException:
    """One exception: its file model, parsed condition, where it came from, and the rules it targets."""

    model: ExceptionFile
    condition: ast.Expr
    path: Path
    source: YamlSource | None = None
    targets: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.model.ExceptionID

    def __repr__(self) -> str:
        return f"<LoadedException {self.id} targets={list(self.targets)} expires={self.model.Expires}>"

    def where(self, key: tuple[Any, ...]) -> tuple[int, int]:
        return self.source.where(key) if self.source else (1, 1)

    def days_left(self, today: datetime.date) -> int | None:
        """Days until it expires (negative once expired), None when it never does."""
        return None if self.model.Expires is None else (self.model.Expires - today).days

    def status(self, today: datetime.date) -> str:
        """``active``, ``expired`` or ``disabled``."""
        if not self.model.Enabled:
            return "disabled"
        left = self.days_left(today)
        return "expired" if left is not None and left < 0 else "active"


def target_problems(exception: LoadedException, rules: list[LoadedRule]) -> list[Problem]:
    """An error for each ``Targets.RuleIDs`` entry naming no loaded rule."""
    known = {rule.id for rule in rules}
    out = []
    for index, rule_id in enumerate(exception.model.Targets.RuleIDs or ()):
        if rule_id not in known:
            line, column = exception.where(("Targets", "RuleIDs", index))
            out.append(Problem(str(exception.path), f"exception {exception.id!r} targets unknown rule {rule_id!r}",
                               line, column, f"$.Targets.RuleIDs[{index}]", code="E212"))
    return out


def apply_exceptions(rules: list[LoadedRule], exceptions: list[LoadedException],
                     today: datetime.date) -> list[LoadedRule]:
    """The rules with every active exception that targets them appended as a named exclusion group."""
    for exception in exceptions:
        exception.targets = tuple(rule.id for rule in rules if exception.model.Targets.selects(rule))
    out = []
    for rule in rules:
        applied = [e for e in exceptions if rule.id in e.targets and e.status(today) == "active"]
        if not applied:
            out.append(rule)
            continue
        combined = ast.And(operands=(rule.condition, *(ast.Not(operand=e.condition) for e in applied)))
        condition = parse(to_text(combined))  # spans in the combined text
        names = dict(rule.model.ExclusionNames or {})
        names.update({e.id: to_text(e.condition) for e in applied})
        model = rule.model.model_copy(update={"Condition": to_text(condition), "ExclusionNames": names})
        out.append(LoadedRule(model=model, condition=condition, path=rule.path, source=rule.source,
                              exceptions=rule.exceptions + tuple(applied)))
    return out


__all__ = ["ExceptionFile", "ExceptionTargets", "ExceptionTest", "LoadedException", "SEVERITIES",
           "apply_exceptions", "target_problems"]
