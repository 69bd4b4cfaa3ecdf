"""Loading rule files: every problem of a pack reported at once, a broken file never stopping the rest."""
from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Any, Iterable

from pydantic import ValidationError

from ..analysis.exclusions import exclusions, unmatched_names
from ..errors import ConditionError
from ..parser import parse
from ..render import to_text
from ..resources import data_path
from .model import RuleFile, RuleTest
from .pack import LoadedRule, RulePack
from .problems import Problem, key_path
from .yaml_source import YamlError, YamlSource, read_yaml, scalar_position

ENVIRONMENT_VARIABLE = "CONDITION_ENGINE_RULES_PATH"
SUFFIXES = (".yml", ".yaml")


def bundled_rules_path() -> Path:
    """The folder of the bundled rule pack (``rules/`` in a checkout, shipped in the wheel)."""
    return data_path("rules")


def rule_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """The rule files under ``paths`` (files as given; directories searched recursively, sorted),
    each once however often it is named."""
    found: list[Path] = []
    seen: set[Path] = set()
    for path in map(Path, paths):
        files = sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file()) \
            if path.is_dir() else [path]
        for file in files:
            if file.resolve() not in seen:
                seen.add(file.resolve())
                found.append(file)
    return found


def load_rules(*paths: str | os.PathLike, bundled: bool = True) -> RulePack:
    """The bundled pack, plus rule files and directories given, plus CONDITION_ENGINE_RULES_PATH.

    Problems are collected on ``pack.problems``, never raised; each rule is compiled once.

    >>> pack = load_rules()
    >>> pack.get("AWS.CMK.KeyRotation").title
    'AWS KMS CMK Key Rotation'
    """
    sources: list[str | os.PathLike] = [bundled_rules_path()] if bundled else []
    sources.extend(paths)
    sources.extend(p for p in os.environ.get(ENVIRONMENT_VARIABLE, "").split(os.pathsep) if p)
    rules: list[LoadedRule] = []
    problems: list[Problem] = []
    seen: dict[str, LoadedRule] = {}
    filters: list[tuple[Path, dict]] = []
    for file in rule_files(sources):
        for loaded in load_file(file, problems, filters):
            first = seen.get(loaded.id)
            if first is not None:
                if first.path != loaded.path:
                    problems.append(Problem(str(loaded.path), f"duplicate rule ID {loaded.id!r}: also "
                                            f"defined in {first.path}", *loaded.where(("PolicyID",) if
                                            loaded.model.PolicyID else ("RuleID",)), key="$." +
                                            ("PolicyID" if loaded.model.PolicyID else "RuleID"), code="E203"))
                continue
            seen[loaded.id] = loaded
            rules.append(loaded)
    if filters:
        rules = _apply_filters(rules, filters, problems)
    return RulePack(tuple(rules), tuple(problems))


def _apply_filters(rules: list[LoadedRule], filters: list[tuple[Path, dict]],
                   problems: list[Problem]) -> list[LoadedRule]:
    """Sigma filter documents appended to the Sigma rules they name (see condition_engine.sigma.filters)."""
    from ..sigma.filters import apply_filter, filter_name, targets

    out = []
    for rule in rules:
        sigma = rule.model.Sigma
        condition, names = rule.condition, rule.model.ExclusionNames
        for path, data in filters:
            if sigma is None or not targets(data, rule.id, rule.title, sigma.logsource):
                continue
            try:
                condition, names = apply_filter(condition, names, data, filter_name(data, path.stem))
            except Exception as error:  # noqa: BLE001 - reported with the filter's file, never fatal
                problems.append(Problem(str(path), f"Sigma filter not applied: {error}", code="E208"))
        if condition is not rule.condition:
            model = rule.model.model_copy(update={"Condition": to_text(condition), "ExclusionNames": names})
            rule = LoadedRule(model=model, condition=condition, path=rule.path, source=rule.source)
            problems.extend(exclusion_name_problems(rule))
        out.append(rule)
    return out


def load_file(path: Path, problems: list[Problem], filters: list | None = None) -> list[LoadedRule]:
    """The rules in one file (zero or one); its problems are appended to ``problems``, and a Sigma
    filter document to ``filters``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(str(path), f"cannot read the file: {error}", code="E200"))
        return []
    try:
        source = read_yaml(text)
    except YamlError as error:
        problems.append(Problem(str(path), str(error), error.line, error.column, code="E202"))
        return []
    data = source.data
    if isinstance(data, dict) and isinstance(data.get("filter"), dict) and "logsource" in data \
            and "detection" not in data:
        if filters is not None:
            filters.append((path, data))
        return []
    return [rule] if (rule := rule_from_source(source, str(path), problems)) is not None else []


def rule_from_source(source: YamlSource, file: str, problems: list[Problem]) -> LoadedRule | None:
    """Validate a parsed YAML document as a rule file and parse its condition."""
    data = source.data
    if not isinstance(data, dict):
        problems.append(Problem(file, "a rule file is a mapping of keys such as RuleID and Condition"))
        return None
    if "detection" in data and "logsource" in data:  # a Sigma rule
        data = _from_sigma(data, source.text, file, problems)
        if data is None:
            return None
        source = YamlSource(data, source.text, {(): (1, 1)}, {})
    try:
        model = RuleFile.model_validate(data)
    except ValidationError as error:
        problems.extend(_validation_problems(error, source, file))
        return None
    try:
        condition = parse(model.Condition, source=f"{file} (condition)")
    except ConditionError as error:
        offset = error.offset or 0
        line, column = scalar_position(source, ("Condition",), offset)
        problems.append(Problem(file, f"invalid condition: {error.message}", line, column,
                                "$.Condition", code=error.code))
        return None
    rule = LoadedRule(model=model, condition=condition, path=Path(file), source=source)
    problems.extend(exclusion_name_problems(rule))
    return rule


def exclusion_name_problems(rule: LoadedRule) -> list[Problem]:
    """An error for each ``ExclusionNames`` entry that names no exclusion group of the condition."""
    out = []
    for name in unmatched_names(rule.condition, rule.model.ExclusionNames):
        groups = "; ".join(f"{g.id} `{to_text(g.condition)}`" for g in exclusions(rule.condition).groups)
        line, column = rule.where(("ExclusionNames", name))
        out.append(Problem(str(rule.path), f"ExclusionNames entry {name!r} matches no exclusion group "
                           f"(a top-level `not (...)` conjunct); the groups are: {groups or 'none'}",
                           line, column, f"$.ExclusionNames.{name}", code="E209"))
    return out


def _from_sigma(data: dict, text: str, file: str, problems: list[Problem]) -> dict | None:
    from ..sigma import cache

    cached = cache.lookup(text)
    if cached is not None:
        if "skipped" in cached:
            problems.append(Problem(file, f"Sigma rule skipped: {cached['skipped']}", code="W204"))
            return None
        return cached["rule"]
    try:
        from ..sigma import SigmaInvalid, SigmaSkipped, convert_sigma
        converted = convert_sigma(data)
    except ImportError:
        problems.append(Problem(file, "a Sigma rule needs pySigma: pip install 'condition-engine[sigma]'",
                                code="E205"))
        return None
    except SigmaSkipped as skipped:
        cache.store(text, {"skipped": str(skipped)})
        problems.append(Problem(file, f"Sigma rule skipped: {skipped}", code="W204"))
        return None
    except SigmaInvalid as invalid:
        problems.append(Problem(file, str(invalid), code="E207"))
        return None
    cache.store(text, {"rule": converted})
    return converted


def _validation_problems(error: ValidationError, source: YamlSource, file: str) -> list[Problem]:
    out = []
    for issue in error.errors():
        loc = tuple(part for part in issue["loc"] if not (isinstance(part, str) and "[" in part))
        message = issue["msg"]
        if issue["type"] == "extra_forbidden":
            names = _known_keys(loc)
            close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
            close = close or [n for n in names if n.lower() == str(loc[-1]).lower()]
            message = f"unknown key {loc[-1]!r}" + (f"; did you mean {close[0]!r}?" if close else "")
        elif issue["type"] == "missing":
            message = f"missing key {loc[-1]!r}"
        elif message.startswith("Value error, "):
            message = message[len("Value error, "):]
        line, column = source.where(loc)
        out.append(Problem(file, message, line, column, key_path(loc)))
    return out


def _known_keys(loc: tuple[Any, ...]) -> list[str]:
    model = RuleTest if "Tests" in loc[:-1] else RuleFile
    return list(model.model_fields)
