"""Sigma documents among rule files: from the cache when loaded before, else converted (and cached)."""
from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from typing import Any

from .. import ast
from ..analysis.anchors import anchor_groups
from .model import RuleFile
from .pack import Deferred, LoadedRule
from .problems import Problem
from .yaml_source import YamlSource


def cached_sigma(text: str, path: Path, problems: list[Problem]) -> list[LoadedRule] | None:
    """The rule of a Sigma document that loaded without a problem before (or nothing, with its skip warning),
    from the cache, its condition built on first use; None when the cache does not know it.

    >>> cached_sigma("RuleID: R\\nCondition: a exists\\n", Path("r.yml"), []) is None  # not Sigma
    True
    """
    if "detection" not in text or "logsource" not in text:  # not Sigma: never cached
        return None
    from ..sigma import cache

    entry = cache.lookup(text)
    if entry is not None and "skipped" in entry:
        problems.append(Problem(str(path), f"Sigma rule skipped: {entry['skipped']}", code="W204"))
        return []
    if entry is None or "tree" not in entry:
        return None
    data = entry["rule"]
    model = RuleFile.model_validate(data)
    tree = entry["tree"]  # parsed when first needed: rules whose texts a scan never meets cost no tree
    groups = entry.get("groups")  # what a plan reads, without the tree
    deferred = Deferred(lambda: cache.load_tree(tree), None if groups is None else partial(cache.load_groups, groups))
    return [LoadedRule(model=model, condition=deferred, path=path,  # type: ignore[arg-type]
                       source=YamlSource(data, text, {(): (1, 1)}, {}))]


def _sigma_where(source: YamlSource, message: str) -> tuple[tuple[Any, ...], tuple[int, int]]:
    """Where a Sigma rule's problem is: the detection it names, else its condition (or detection)."""
    for word in re.findall(r"'([^']+)'", message):  # a detection or field named in the message
        for path in source.locations:
            if len(path) > 1 and path[0] == "detection" and path[-1] != "condition" and isinstance(path[-1], str) \
                    and (path[-1] == word or word in path[-1].split("|")[1:]):
                return tuple(path), source.where(path)
    key = ("detection", "condition") if "condition" in message or "pattern" in message else ("detection",)
    return key, source.where(key)


def from_sigma(data: dict, source: YamlSource, file: str, problems: list[Problem]) -> dict | None:
    """A Sigma rule's rule-file mapping, from the cache or converted (and cached); None with its problem.

    >>> from condition_engine.rules.yaml_source import read_yaml
    >>> problems = []
    >>> source = read_yaml("logsource: {product: x}\\ndetection: {sel: {a: 1}, condition: other}\\n")
    >>> from_sigma(source.data, source, "r.yml", problems), problems[0].code, problems[0].line
    (None, 'E207', 2)
    """
    from ..sigma import cache

    text = source.text
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
        key, (line, column) = _sigma_where(source, str(invalid))
        problems.append(Problem(file, str(invalid), line, column, "$." + ".".join(key), code="E207"))
        return None
    cache.store(text, {"rule": converted})
    return converted


def cache_entry(data: dict[str, Any], condition: ast.Expr) -> dict[str, Any]:
    """The cache entry of a Sigma rule that loaded without a problem: its conversion, its parsed condition
    and the condition's anchor groups (the next load neither converts nor parses; a scan plans without
    building the condition).  TypeError: a value the cache cannot hold.

    >>> from condition_engine import parse
    >>> entry = cache_entry({"RuleID": "R"}, parse('a icontains "xy"'))
    >>> from condition_engine.sigma.cache import load_groups
    >>> sorted(entry), load_groups(entry["groups"])
    (['groups', 'rule', 'tree'], [frozenset({(('a',), 'xy')})])
    """
    from ..sigma import cache

    return {"rule": data, "tree": cache.dump_tree(condition), "groups": cache.dump_groups(anchor_groups(condition))}
