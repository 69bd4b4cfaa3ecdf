"""Sigma rule → our rule file: metadata mapped, the condition tree walked keeping selection names.

Needs pySigma (``pip install 'condition-engine[sigma]'``).  Selections keep their names: each
top-level ``not`` becomes one exclusion group per filter it names (``not 1 of filter_*`` is ``not
filter_a and not filter_b``), named after that filter (``ExclusionNames``); a group that cannot be
split (``not (filter_a and filter_b)``) is named after every filter in it.  What cannot be expressed — keyword searches, placeholders without values,
correlation rules, time-part modifiers — is skipped with its reason.
"""
from __future__ import annotations

import fnmatch
import re
from typing import Any

from .. import ast
from ..parser import MAX_DEPTH
from ..render import to_text
from ..rules.attack import tactic_id, tactic_name, technique_tactics
from .values import SigmaInvalid, SigmaSkipped, _all, _any, detection_condition

LEVELS = {"informational": "Info", "low": "Low", "medium": "Medium", "high": "High", "critical": "Critical"}
_TECHNIQUE = re.compile(r"attack\.(t\d{4}(?:\.\d{3})?)$", re.I)


def is_sigma(data: Any) -> bool:
    """Whether a YAML document is a Sigma rule (it has ``detection`` and ``logsource``)."""
    return isinstance(data, dict) and "detection" in data and "logsource" in data


def log_type(logsource: dict[str, Any]) -> str:
    """``Sigma.`` and the logsource parts present, in the order product, category, service."""
    parts = [str(logsource[k]) for k in ("product", "category", "service") if logsource.get(k)]
    return ".".join(["Sigma"] + parts)


_TOO_DEEP = f"invalid Sigma rule: the condition nests too deeply (more than {MAX_DEPTH} levels)"


def _check_nesting(condition: Any) -> None:
    """Raise SigmaInvalid when a condition's parentheses nest deeper than the condition language allows.

    >>> _check_nesting("not (" * 101 + "sel" + ")" * 101)
    Traceback (most recent call last):
    ...
    condition_engine.sigma.values.SigmaInvalid: invalid Sigma rule: the condition nests too deeply (more than 100 levels)
    """
    for text in condition if isinstance(condition, list) else [condition]:
        depth = 0
        for char in text if isinstance(text, str) else "":
            depth += 1 if char == "(" else -1 if char == ")" else 0
            if depth > MAX_DEPTH:
                raise SigmaInvalid(_TOO_DEEP)


def _condition(node: Any, detections: dict[str, ast.Expr]) -> ast.Expr:
    from sigma.conditions import ConditionAND, ConditionIdentifier, ConditionNOT, ConditionOR, ConditionSelector

    if isinstance(node, ConditionIdentifier):
        if node.identifier not in detections:
            raise SigmaInvalid(f"condition names unknown detection {node.identifier!r}")
        return detections[node.identifier]
    if isinstance(node, ConditionSelector):
        names = sorted(detections) if node.pattern == "them" else \
            [n for n in sorted(detections) if fnmatch.fnmatchcase(n, node.pattern)]
        if not names:
            raise SigmaInvalid(f"pattern {node.pattern!r} matches no detection")
        parts = [detections[n] for n in names]
        return _all(parts) if node.cond_class is ConditionAND else _any(parts)
    if isinstance(node, ConditionNOT):
        return ast.Not(operand=_condition(node.args[0], detections))
    parts = [_condition(arg, detections) for arg in node.args]
    return _all(parts) if isinstance(node, ConditionAND) else _any(parts) if isinstance(node, ConditionOR) else \
        _fail(node)


def _fail(node: Any):
    raise SigmaSkipped(f"condition construct {type(node).__name__}")


def _top_conjuncts(tree: Any) -> list[Any]:
    from sigma.conditions import ConditionAND

    if isinstance(tree, ConditionAND):
        return [part for arg in tree.args for part in _top_conjuncts(arg)]
    return [tree]


def _filters(node: Any, detections: dict[str, ast.Expr]) -> list[tuple[str, ast.Expr]]:
    """``not (f1 or 1 of g_*)`` is ``not f1 and not g_a and not g_b``: one (name, condition) per filter.

    What cannot be split (``all of f_*``, ``f1 and f2``) stays one group, named after every filter in it.
    """
    from sigma.conditions import ConditionAND, ConditionIdentifier, ConditionOR, ConditionSelector

    if isinstance(node, ConditionIdentifier):
        return [(node.identifier, _condition(node, detections))]
    if isinstance(node, ConditionSelector) and node.cond_class is not ConditionAND:
        names = sorted(detections) if node.pattern == "them" else \
            [n for n in sorted(detections) if fnmatch.fnmatchcase(n, node.pattern)]
        return [(name, detections[name]) for name in names] if names else [("", _condition(node, detections))]
    if isinstance(node, ConditionOR):
        return [part for arg in node.args for part in _filters(arg, detections)]
    return [(_sigma_text(node, detections), _condition(node, detections))]


def _sigma_text(node: Any, detections: dict[str, ast.Expr]) -> str:
    """A Sigma sub-condition as text with every selection named (``f1 and (f2 or f3)``)."""
    from sigma.conditions import ConditionAND, ConditionIdentifier, ConditionNOT, ConditionSelector

    if isinstance(node, ConditionIdentifier):
        return node.identifier
    if isinstance(node, ConditionSelector):
        names = sorted(detections) if node.pattern == "them" else \
            [n for n in sorted(detections) if fnmatch.fnmatchcase(n, node.pattern)]
        word = " and " if node.cond_class is ConditionAND else " or "
        return names[0] if len(names) == 1 else "(" + word.join(names) + ")"
    if isinstance(node, ConditionNOT):
        return "not " + _sigma_text(node.args[0], detections)
    word = " and " if isinstance(node, ConditionAND) else " or "
    return "(" + word.join(_sigma_text(arg, detections) for arg in node.args) + ")"


def _split_condition(tree: Any, detections: dict[str, ast.Expr]) -> tuple[ast.Expr, dict[str, str]]:
    """The rule's condition with each top-level ``not`` split per filter, and the filters' names."""
    from sigma.conditions import ConditionNOT

    parts: list[ast.Expr] = []
    names: dict[str, str] = {}
    for conjunct in _top_conjuncts(tree):
        if not isinstance(conjunct, ConditionNOT):
            parts.append(_condition(conjunct, detections))
            continue
        for name, inner in _filters(conjunct.args[0], detections):
            text = to_text(inner)
            if names.get(name) == text:  # the same filter twice
                continue
            parts.append(ast.Not(operand=inner))
            if name and name.strip("()") not in names:
                names[name.strip("()")] = text
    return _all(parts), names


def convert_sigma(data: dict[str, Any]) -> dict[str, Any]:
    """A Sigma rule (parsed YAML) as our rule-file mapping; raises SigmaSkipped with the reason.

    >>> rule = convert_sigma({"title": "T", "id": "5d1c8a2f-7b6e-4c1e-9a43-1a2b3c4d5e6f", "logsource": {"product": "linux"},
    ...     "detection": {"sel": {"a|contains": "b"}, "condition": "sel"}})
    >>> rule["Condition"], rule["LogTypes"]
    ('a icontains "b"', ['Sigma.linux'])
    """
    from sigma.exceptions import SigmaError
    from sigma.rule import SigmaRule

    if "correlation" in data:
        raise SigmaSkipped("correlation rule")
    _check_nesting((data.get("detection") or {}).get("condition") if isinstance(data.get("detection"), dict) else None)
    try:
        rule = SigmaRule.from_dict(data)
        detections = {name: detection_condition(d) for name, d in rule.detection.detections.items()}
        conditions = rule.detection.parsed_condition
        if len(conditions) != 1:
            raise SigmaSkipped("more than one condition")
        tree = conditions[0].parse(postprocess=False)
        condition, names = _split_condition(tree, detections)
    except SigmaError as error:
        raise SigmaInvalid(f"invalid Sigma rule: {error}") from None
    except RecursionError:  # `not not not …` without parentheses: deep in pySigma's parser or ours
        raise SigmaInvalid(_TOO_DEEP) from None
    out: dict[str, Any] = {"AnalysisType": "rule", "RuleID": str(rule.id or _slug(rule.title)),
                           "DisplayName": rule.title, "Enabled": True,
                           "LogTypes": [log_type(data.get("logsource") or {})],
                           "Severity": LEVELS.get(rule.level.name.lower() if rule.level else "", "Info")}
    if rule.description:
        out["Description"] = rule.description
    tags = [str(t) for t in (data.get("tags") or [])]
    attack, other = _attack(tags)
    if other:
        out["Tags"] = other
    if attack:
        out["Reports"] = {"MITRE ATT&CK": attack}
    if rule.references:
        out["Reference"] = "\n".join(rule.references)
    out["Condition"] = to_text(condition)
    if names:
        out["ExclusionNames"] = names
    meta = {k: data[k] for k in ("id", "name", "status", "author", "date", "modified", "falsepositives", "logsource",
                                 "related") if data.get(k) is not None}
    out["Sigma"] = _plain(meta)
    return out


def _attack(tags: list[str]) -> tuple[list[str], list[str]]:
    """ATT&CK reports (``TACTIC:TECHNIQUE``) from Sigma tags, each technique under the rule's tactics it
    belongs to; and the other tags.

    >>> _attack(["attack.discovery", "attack.reconnaissance", "attack.t1018", "attack.t1595", "car.2016-04-002"])
    (['TA0007:T1018', 'TA0043:T1595'], ['car.2016-04-002'])
    >>> _attack(["attack.execution", "attack.stealth", "attack.t1027", "attack.t1059.001"])[0]
    ['stealth:T1027', 'TA0002:T1059.001']
    """
    techniques, tactics, other = [], [], []
    for tag in tags:
        match = _TECHNIQUE.match(tag)
        if match:
            techniques.append(match.group(1).upper())
        elif tag.lower().startswith("attack.") and tactic_name(tag[7:].replace("_", "-")):
            tactics.append(tag[7:].replace("_", "-"))
        else:
            other.append(tag)
    reports = []
    for technique in techniques:  # each technique under the rule's tactics it belongs to in ATT&CK
        belongs = technique_tactics(technique)
        own = [tactic for tactic in tactics if tactic in belongs  # v19's split of Defense Evasion included
               or (tactic in ("stealth", "defense-impairment") and "defense-evasion" in belongs)]
        for tactic in own or tactics or [""]:  # else (unknown, or a tactic newer than the data) under them all
            tactic_key = tactic_id(tactic) or tactic
            entry = f"{tactic_key}:{technique}" if tactic_key else technique
            if entry not in reports:
                reports.append(entry)
    return reports, other


def _slug(title: str) -> str:
    return "Sigma." + re.sub(r"[^A-Za-z0-9]+", "_", title).strip("_")


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value if not isinstance(value, (int, float)) or isinstance(value, bool) else str(value)
    return str(value)


__all__ = ["SigmaInvalid", "SigmaSkipped", "convert_sigma", "is_sigma", "log_type"]
