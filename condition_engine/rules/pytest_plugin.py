"""A pytest plugin: rule files' embedded tests collected as pytest items.

Registered through the ``pytest11`` entry point, so ``pytest path/to/rules`` runs a rule pack's
tests inside an existing pytest setup.  Only YAML files that are rule files (a mapping with
``AnalysisType`` and ``Condition``) are collected; any other YAML is left alone.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .loader import rule_from_source
from .problems import Problem
from .testing import TestResult, run_rule
from .yaml_source import YamlError, read_yaml


def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    if file_path.suffix not in (".yml", ".yaml"):
        return None
    try:
        head = file_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if "Condition" not in head or "AnalysisType" not in head:
        return None
    return RuleFileCollector.from_parent(parent, path=file_path)


class RuleFileCollector(pytest.File):
    """One rule file: an item per embedded test (or one failing item for a broken file)."""

    def collect(self) -> Iterator[pytest.Item]:
        problems: list[Problem] = []
        try:
            source = read_yaml(self.path.read_text(encoding="utf-8"))
        except YamlError as error:
            yield BrokenRuleItem.from_parent(self, name="load", problems=[
                Problem(str(self.path), str(error), error.line, error.column, code=error.code)])
            return
        if not isinstance(source.data, dict) or "AnalysisType" not in source.data:
            return
        rule = rule_from_source(source, str(self.path), problems)
        if rule is None:
            yield BrokenRuleItem.from_parent(self, name="load", problems=problems)
            return
        report = run_rule(rule)
        for result in report.results:
            yield RuleTestItem.from_parent(self, name=f"{rule.id}::{result.name}", result=result)


class RuleTestItem(pytest.Item):
    """One embedded rule test; its result was computed when the file was collected."""

    def __init__(self, *, result: TestResult, **kwargs) -> None:
        super().__init__(**kwargs)
        self.result = result

    def runtest(self) -> None:
        if not self.result.passed:
            raise RuleTestFailure(self.result)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, RuleTestFailure):
            result = excinfo.value.result
            return (f"{result.rule_id} :: {result.name}: the condition was {str(result.matched).lower()}, "
                    f"expected {str(not result.matched).lower()}\n{result.explanation}")
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self):
        return self.path, None, self.name


class BrokenRuleItem(pytest.Item):
    """A rule file that could not be loaded: fails with its problems."""

    def __init__(self, *, problems: list[Problem], **kwargs) -> None:
        super().__init__(**kwargs)
        self.problems = problems

    def runtest(self) -> None:
        raise RuleFileBroken("\n".join(str(p) for p in self.problems))

    def repr_failure(self, excinfo, style=None):
        return str(excinfo.value)

    def reportinfo(self):
        return self.path, None, self.name


class RuleTestFailure(Exception):
    def __init__(self, result: TestResult) -> None:
        super().__init__(result.name)
        self.result = result


class RuleFileBroken(Exception):
    pass
