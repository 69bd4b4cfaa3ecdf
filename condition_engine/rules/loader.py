"""Loading rule files: every problem of a pack reported at once, a broken file never stopping the rest."""
from __future__ import annotations

import contextlib
import datetime
import difflib
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .. import ast
from ..analysis.exclusions import exclusions, unmatched_names
from ..errors import ConditionError
from ..parser import parse
from ..render import to_text
from ..resources import data_path
from .correlations import correlation_from_source, is_correlation, resolve
from .exceptions import (
    ExceptionFile,
    ExceptionTargets,
    ExceptionTest,
    LoadedException,
    apply_exceptions,
    target_problems,
)
from .model import RuleFile, RuleTest
from .pack import LoadedRule, RulePack
from .panther import Untranslatable, skip_reason, translate
from .parallel import convert_in_parallel
from .problems import Problem, key_path
from .sigma_cached import cache_entry, cached_sigma, from_sigma
from .yaml_source import YamlError, YamlSource, read_yaml, scalar_position

ENVIRONMENT_VARIABLE = "CONDITION_ENGINE_RULES_PATH"
SUFFIXES = (".yml", ".yaml")


def bundled_rules_path() -> Path:
    """The folder of the bundled rule pack (``rules/`` in a checkout, shipped in the wheel)."""
    return data_path("rules")


def rule_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """The rule files under ``paths`` (files as given; directories searched recursively, sorted, hidden
    files and folders such as ``.github/`` left out), each once however often it is named."""
    found: list[Path] = []
    seen: set[str] = set()
    for path in map(Path, paths):
        files = sorted(_files_under(path)) if path.is_dir() else [path]
        for file in files:
            real = os.path.realpath(file)
            if real not in seen:
                seen.add(real)
                found.append(file)
    return found


def _files_under(folder: Path) -> Iterable[Path]:
    """The rule files under a folder, hidden files and folders left out (symlinked folders not followed)."""
    for directory, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        base = Path(directory)
        for name in files:
            if not name.startswith(".") and name.lower().endswith(SUFFIXES) \
                    and os.path.isfile(os.path.join(directory, name)):
                yield base / name


def load_rules(*paths: str | os.PathLike, bundled: bool = True, today: datetime.date | None = None,
               progress: Callable[[int, int], None] | None = None, workers: int | None = None) -> RulePack:
    """The bundled pack, plus rule files and directories given, plus CONDITION_ENGINE_RULES_PATH.

    Problems are collected on ``pack.problems``, never raised; each rule is compiled once.  Exception
    files among them (``AnalysisType: exception``) are applied to the rules they target unless expired
    on ``today`` (default: the current date) or disabled.  ``progress(files_done, files)`` is called after
    each file (the CLI draws a progress bar with it: thousands of Sigma rules take seconds).  Many Sigma files
    not in the Sigma cache are converted on ``workers`` processes (default: every core; 1: this one), with
    the same result (see :mod:`condition_engine.rules.parallel`).

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
    exceptions: list[LoadedException] = []
    correlations: list = []
    files = rule_files(sources)
    pooled = convert_in_parallel(files, workers, progress)  # then every file is loaded here, from the cache
    for done, file in enumerate(files, 1):
        for loaded in load_file(file, problems, filters, exceptions, correlations):
            first = seen.get(loaded.id)
            if first is not None:
                if _is_bundled(first, bundled) and first.model == loaded.model:  # the bundled rule itself (a
                    rules[rules.index(first)] = seen[loaded.id] = loaded  # checkout's rules/): kept as the file named
                elif first.path != loaded.path:
                    problems.append(_duplicate(loaded, first, bundled))
                continue
            seen[loaded.id] = loaded
            rules.append(loaded)
        if progress is not None and not pooled:  # the pool reported the files done
            progress(done, len(files))
    if filters:
        rules = _apply_filters(rules, filters, problems)
    today = today or datetime.date.today()
    if exceptions:
        rules = _apply_exceptions(rules, exceptions, problems, today)
    resolved = resolve(correlations, rules, problems) if correlations else []
    return RulePack(tuple(rules), tuple(problems), tuple(exceptions), today, tuple(resolved))


def _duplicate(loaded: LoadedRule, first: LoadedRule, bundled: bool) -> Problem:
    """E203: a rule ID defined twice, differently (with a hint when the first is the bundled rule)."""
    key = "PolicyID" if loaded.model.PolicyID else "RuleID"
    hint = ""
    if _is_bundled(first, bundled):
        hint = " (the bundled rule; --no-bundled leaves the bundled pack out)"
    return Problem(str(loaded.path), f"duplicate rule ID {loaded.id!r}: also defined in {first.path}{hint}",
                   *loaded.where((key,)), key="$." + key, code="E203")


def _is_bundled(rule: LoadedRule, bundled: bool) -> bool:
    return bundled and rule.path.is_relative_to(bundled_rules_path())


def _apply_exceptions(rules: list[LoadedRule], exceptions: list[LoadedException], problems: list[Problem],
                      today: datetime.date) -> list[LoadedRule]:
    """Exceptions applied to their rules; one with a problem (an unknown target, a duplicate ID) is never
    applied, to any rule."""
    seen: dict[str, LoadedException] = {}
    broken = set()
    for exception in exceptions:
        first = seen.setdefault(exception.id, exception)
        if first is not exception:
            problems.append(Problem(str(exception.path), f"duplicate exception ID {exception.id!r}: also defined "
                                    f"in {first.path}", *exception.where(("ExceptionID",)), "$.ExceptionID",
                                    code="E213"))
            broken.update({id(first), id(exception)})
        found = target_problems(exception, rules)
        problems.extend(found)
        if found:
            broken.add(id(exception))
    usable = [e for e in exceptions if id(e) not in broken]
    out = apply_exceptions(rules, usable, today)
    for rule, before in zip(out, rules):
        if rule is not before:  # an exception applied (the others were checked when loaded, conditions unbuilt)
            problems.extend(exclusion_name_problems(rule))
    return out


def _apply_filters(rules: list[LoadedRule], filters: list[tuple[Path, dict]],
                   problems: list[Problem]) -> list[LoadedRule]:
    """Sigma filter documents appended to the Sigma rules they name (see condition_engine.sigma.filters)."""
    from ..sigma.filters import apply_filter, filter_name, targets

    out = []
    for rule in rules:
        sigma = rule.model.Sigma
        chosen = [(path, data) for path, data in filters
                  if sigma is not None and targets(data, rule.id, rule.title, sigma.logsource)]
        if not chosen:  # its condition is not built
            out.append(rule)
            continue
        condition, names = rule.condition, rule.model.ExclusionNames
        for path, data in chosen:
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


def load_file(path: Path, problems: list[Problem], filters: list | None = None,
              exceptions: list | None = None, correlations: list | None = None) -> list[LoadedRule]:
    """The rules in one file (one per YAML document); its problems are appended to ``problems``, a Sigma
    filter document to ``filters``, an exception to ``exceptions`` and a correlation to ``correlations``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(str(path), f"cannot read the file: {error}", code="E200"))
        return []
    rules = []
    for document in yaml_documents(text):
        cached = cached_sigma(document, path, problems)
        if cached is not None:  # a Sigma rule loaded before: neither read, converted nor parsed again
            rules.extend(cached)
            continue
        try:
            source = read_yaml(document)
        except YamlError as error:
            problems.append(Problem(str(path), str(error), error.line, error.column, code=error.code))
            continue
        data = source.data
        if isinstance(data, dict) and isinstance(data.get("filter"), dict) and "logsource" in data \
                and "detection" not in data:
            if filters is not None:
                filters.append((path, data))
        elif isinstance(data, dict) and data.get("AnalysisType") == "exception":
            exception = exception_from_source(source, str(path), problems)
            if exception is not None and exceptions is not None:
                exceptions.append(exception)
        elif is_correlation(data):
            correlation = correlation_from_source(source, str(path), problems)
            if correlation is not None and correlations is not None:
                correlations.append(correlation)
        elif (rule := rule_from_source(source, str(path), problems)) is not None:
            rules.append(rule)
    return rules


_DOCUMENT_START = re.compile(r"^---[ \t]*$", re.MULTILINE)


def yaml_documents(text: str) -> list[str]:
    """The YAML documents of a file (Sigma writes a correlation and its rules in one file, ``---`` between
    them), each padded with the blank lines before it so that locations stay the file's.

    >>> yaml_documents("a: 1\\n---\\nb: 2\\n")
    ['a: 1\\n', '\\n\\nb: 2\\n']
    """
    if "---" not in text:  # one document (most files): no search
        return [text]
    starts = [m.start() for m in _DOCUMENT_START.finditer(text)]
    if not starts or (len(starts) == 1 and not text[:starts[0]].strip()):
        return [text]
    out, previous = [], 0
    for start in starts + [len(text)]:
        chunk = text[previous:start]
        if chunk.strip() and chunk.strip() != "---":
            lines_before = text.count("\n", 0, previous)
            out.append("\n" * lines_before + chunk.removeprefix("---"))
        previous = start
    return out or [text]


def rule_from_source(source: YamlSource, file: str, problems: list[Problem]) -> LoadedRule | None:
    """Validate a parsed YAML document as a rule file and parse its condition."""
    data = source.data
    if not isinstance(data, dict):
        problems.append(Problem(file, "a rule file is a mapping of keys such as RuleID and Condition"))
        return None
    sigma = "detection" in data and "logsource" in data
    if not sigma and not ({"AnalysisType", "RuleID", "PolicyID", "Condition", "Detection"} & set(data)):
        problems.append(Problem(file, "skipped: not an analysis file (no AnalysisType, RuleID or Condition)",
                                code="W210"))
        return None
    skipped = skip_reason(data)
    if skipped:
        problems.append(Problem(file, f"skipped: {skipped}", *source.where(("AnalysisType",)), "$.AnalysisType",
                                code="W210"))
        return None
    if "Detection" in data and "Condition" not in data:  # a Panther Simple Detection
        data = _from_simple_detection(data, source, file, problems)
        if data is None:
            return None
    if sigma:  # a Sigma rule
        data = from_sigma(data, source, file, problems)
        if data is None:
            return None
        source = YamlSource(data, source.text, {(): (1, 1)}, {})
    try:
        model = RuleFile.model_validate(data)
    except ValidationError as error:
        problems.extend(_validation_problems(error, source, file))
        if isinstance(data.get("Condition"), str):  # its condition's problems too: every problem at once
            _parsed_condition(data["Condition"], source, file, problems)
        return None
    condition = _parsed_condition(model.Condition, source, file, problems)
    if condition is None:
        return None
    rule = LoadedRule(model=model, condition=condition, path=Path(file), source=source)
    found = exclusion_name_problems(rule)
    problems.extend(found)
    if sigma and not found:  # the next load takes it from the cache (see sigma_cached.cached_sigma)
        from ..sigma import cache
        with contextlib.suppress(TypeError):  # a value the cache cannot hold: converted and parsed each time
            cache.store(source.text, cache_entry(data, condition))
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


def _parsed_condition(text: str, source: YamlSource, file: str, problems: list[Problem]) -> ast.Expr | None:
    """The file's Condition parsed, or None with its problem located in the file."""
    try:
        return parse(text, source=f"{file} (condition)")
    except ConditionError as error:
        line, column = scalar_position(source, ("Condition",), error.offset or 0)
        message = f"invalid condition: {error.message}"
        if error.code == "E103":  # a pattern RE2 cannot run: this rule stays out of every scan, say which
            data = source.data if isinstance(source.data, dict) else {}
            name = data.get("RuleID") or data.get("PolicyID") or data.get("ExceptionID")
            message += f"; {name!r} is not loaded" if name else ""
        problems.append(Problem(file, message, line, column, "$.Condition", code=error.code))
        return None


def exception_from_source(source: YamlSource, file: str, problems: list[Problem]) -> LoadedException | None:
    """Validate a parsed YAML document as an exception file and parse its condition."""
    try:
        model = ExceptionFile.model_validate(source.data)
    except ValidationError as error:
        problems.extend(_validation_problems(error, source, file, _exception_keys))
        condition = source.data.get("Condition")
        if isinstance(condition, str):  # its condition's problems too, all at once
            _parsed_condition(condition, source, file, problems)
        return None
    condition = _parsed_condition(model.Condition, source, file, problems)
    if condition is None:
        return None
    return LoadedException(model=model, condition=condition, path=Path(file), source=source)


def _exception_keys(loc: tuple[Any, ...]) -> list[str]:
    if "Tests" in loc[:-1]:
        return list(ExceptionTest.model_fields)
    if "Targets" in loc[:-1]:
        return list(ExceptionTargets.model_fields)
    return list(ExceptionFile.model_fields)


def _from_simple_detection(data: dict, source: YamlSource, file: str, problems: list[Problem]) -> dict | None:
    """A Simple Detection's rule-file mapping with its Detection (and InlineFilters) as the Condition."""
    try:
        parts = [translate(data["Detection"])]
        if data.get("InlineFilters"):
            parts.append(translate(data["InlineFilters"]))
    except Untranslatable as error:
        line, column = source.where(("Detection",))
        problems.append(Problem(file, f"skipped: a Simple Detection using {error}, which has no exact counterpart "
                                "in the condition language", line, column, "$.Detection", code="W211"))
        return None
    condition = " and ".join(f"({p})" if len(parts) > 1 else p for p in parts)
    return {**{k: v for k, v in data.items() if k not in ("Detection", "InlineFilters")}, "Condition": condition}


def _validation_problems(error: ValidationError, source: YamlSource, file: str,
                         known_keys: Callable[[tuple[Any, ...]], list[str]] | None = None) -> list[Problem]:
    out = []
    for issue in error.errors():
        loc = tuple(part for part in issue["loc"] if not (isinstance(part, str) and "[" in part))
        message = issue["msg"]
        if issue["type"] == "extra_forbidden":
            names = (known_keys or _known_keys)(loc)
            close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
            close = close or [n for n in names if n.lower() == str(loc[-1]).lower()]
            message = f"unknown key {loc[-1]!r}" + (f"; did you mean {close[0]!r}?" if close else "")
        elif issue["type"] == "missing":
            message = f"missing key {loc[-1]!r}"
        elif message.startswith("Value error, "):
            message = message[len("Value error, "):]
        line, column = source.where(loc)
        out.append(Problem(file, message, line, column, key_path(loc)))
    return sorted(out, key=lambda p: (p.line, p.column))


def _known_keys(loc: tuple[Any, ...]) -> list[str]:
    model = RuleTest if "Tests" in loc[:-1] else RuleFile
    return list(model.model_fields)
