"""The rule file format: Panther-style analysis YAML plus ``Condition``, as pydantic models.

Real Panther files carry values such as ``CIS: [2.8]`` (numbers where text is meant) and YAML 1.1
booleans; they are accepted as Panther's own tooling accepts them.
"""
from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

SEVERITIES = ("Info", "Low", "Medium", "High", "Critical")


def _text(value: Any) -> Any:
    """Numbers where text is meant (``CIS: [2.8]``) become their text."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return str(value)
    return value


def _severity(value: Any) -> Any:
    if isinstance(value, str):
        for name in SEVERITIES:
            if value.lower() == name.lower():
                return name
    return value


def _text_list(value: Any) -> Any:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return [value]
    return value


Text = Annotated[str, BeforeValidator(_text)]
TextList = Annotated[list[Text], BeforeValidator(_text_list)]
Severity = Annotated[Literal["Info", "Low", "Medium", "High", "Critical"], BeforeValidator(_severity)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class RuleTest(_Model):
    """One embedded unit test: a document and the expected result — or, for a rule that alerts
    (Threshold, GroupBy…), records with times (``Logs``) and the number of alerts they make."""

    __test__: ClassVar[bool] = False  # not a pytest test class
    Name: Text
    ExpectedResult: bool | None = Field(default=None, strict=True)
    Resource: Any | None = None
    Log: Any | None = None
    LogType: Text | None = None
    ResourceType: Text | None = None
    Mocks: list[Any] | None = None
    Logs: list[Any] | None = None
    ExpectedAlerts: int | None = Field(default=None, strict=True, ge=0)

    @model_validator(mode="after")
    def _one_document(self) -> RuleTest:
        if self.Logs is not None:
            if self.ExpectedAlerts is None:
                raise ValueError("a test with Logs needs ExpectedAlerts (the number of alerts they make)")
            if self.Resource is not None or self.Log is not None or self.ExpectedResult is not None:
                raise ValueError("a test has either Logs and ExpectedAlerts, or a Resource/Log and ExpectedResult")
            return self
        if self.Resource is None and self.Log is None:
            raise ValueError("a test needs a Resource (policies) or a Log (rules)")
        if self.ExpectedResult is None:
            raise ValueError("a test needs ExpectedResult (or Logs and ExpectedAlerts)")
        if self.ExpectedAlerts is not None:
            raise ValueError("ExpectedAlerts goes with Logs (a list of records with times)")
        return self

    @property
    def alerting(self) -> bool:
        """Whether the test counts alerts over ``Logs`` rather than judging one document."""
        return self.Logs is not None

    @property
    def document(self) -> Any:
        """The test's document: its Resource or its Log (None for a test of Logs)."""
        return self.Resource if self.Resource is not None else self.Log

    @property
    def records(self) -> list[Any]:
        """Every record the test holds."""
        return list(self.Logs) if self.Logs is not None else [self.document]


class SigmaMeta(_Model):
    """What a rule converted from Sigma keeps of its origin."""

    id: Text | None = None
    name: Text | None = None  # what correlation rules may name it by
    status: Text | None = None
    author: Text | None = None
    date: Text | None = None
    modified: Text | None = None
    falsepositives: list[Text] | None = None
    logsource: dict[str, Text] | None = None
    related: list[dict[str, Text]] | None = None


class RuleFile(_Model):
    """A rule file: Panther analysis metadata, embedded tests and the condition."""

    AnalysisType: Literal["policy", "rule", "scheduled_rule", "correlation_rule"]
    Condition: Text
    PolicyID: Text | None = None
    RuleID: Text | None = None
    DisplayName: Text | None = None
    Enabled: bool = True
    ResourceTypes: TextList | None = None
    LogTypes: TextList | None = None
    Tags: TextList | None = None
    Reports: dict[Text, TextList] | None = None
    Severity: Severity = "Info"
    Description: Text | None = None
    Runbook: Text | None = None
    Reference: Text | None = None
    Tests: list[RuleTest] = Field(default_factory=list)
    Filename: Text | None = None
    DedupPeriodMinutes: int | None = None
    Threshold: int | None = None
    SummaryAttributes: TextList | None = None
    CreateAlert: bool | None = None
    InlineFilters: Any | None = None
    Status: Text | None = None
    OutputIds: TextList | None = None
    Suppressions: TextList | None = None
    ScheduledQueries: TextList | None = None
    DynamicSeverities: Any | None = None
    AlertTitle: Text | None = None
    AlertContext: Any | None = None
    GroupBy: Any | None = None
    OnlyUseBaseRiskScore: bool | None = None
    ExclusionNames: dict[Text, Text] | None = None
    Sigma: SigmaMeta | None = None

    @model_validator(mode="after")
    def _has_id(self) -> RuleFile:
        if not (self.PolicyID or self.RuleID):
            raise ValueError("a rule needs a PolicyID (policies) or a RuleID (rules)")
        return self

    @property
    def id(self) -> str:
        """The rule's ID (PolicyID or RuleID)."""
        return self.PolicyID or self.RuleID or ""

    @property
    def types(self) -> tuple[str, ...]:
        """The resource or log types the rule applies to (empty: every record)."""
        return tuple(self.ResourceTypes or self.LogTypes or ())

    @property
    def is_policy(self) -> bool:
        return self.AnalysisType == "policy"


def field_names() -> list[str]:
    """Every key a rule file may have (for did-you-mean suggestions)."""
    return list(RuleFile.model_fields)


def test_field_names() -> list[str]:
    return list(RuleTest.model_fields)
