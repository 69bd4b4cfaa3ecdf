"""A panther-analysis checkout, loaded: what this engine can run, and why it skips the rest.

Panther analysis files hold more than rules with a ``Condition``: Python-backed rules and policies
(``Filename: x.py``), packs, data models, global helpers, saved and scheduled queries, lookup tables
and correlation rules.  Each such file is *skipped* with its kind and the reason (a W210 problem;
``scan --strict`` makes it fatal).  Simple Detections (``Detection:``, YAML match expressions) are
translated into conditions where their meaning maps onto this language, and skipped with the reason
where it does not (field-to-field comparisons, enrichment, list comprehensions, IP classes…).
"""
from __future__ import annotations

import json
from typing import Any

#: AnalysisType values this engine does not run, and what they are.
OTHER_KINDS = {
    "pack": "a pack (a list of detections to enable)",
    "datamodel": "a data model (field mappings for Python rules)",
    "global": "a global helper (Python code shared by rules)",
    "saved_query": "a saved query (SQL run by the data lake)",
    "scheduled_query": "a scheduled query (SQL run by the data lake)",
    "lookup_table": "a lookup table (enrichment data)",
    "correlation_rule": "a correlation rule (a sequence of other rules' alerts)",
    "derived": "a derived detection (Python code over a base detection)",
}

_SCALAR = {  # Panther condition -> (operator, negated)
    "Equals": ("eq", False), "DoesNotEqual": ("eq", True), "IEquals": ("ieq", False),
    "IDoesNotEqual": ("ieq", True), "GreaterThan": ("gt", False), "GreaterThanOrEquals": ("ge", False),
    "LessThan": ("lt", False), "LessThanOrEquals": ("le", False), "Contains": ("contains", False),
    "DoesNotContain": ("contains", True), "IContains": ("icontains", False), "IDoesNotContain": ("icontains", True),
    "StartsWith": ("startswith", False), "DoesNotStartWith": ("startswith", True),
    "IStartsWith": ("istartswith", False), "IDoesNotStartWith": ("istartswith", True),
    "EndsWith": ("endswith", False), "DoesNotEndWith": ("endswith", True), "IEndsWith": ("iendswith", False),
    "IDoesNotEndWith": ("iendswith", True), "IsIPAddressInCIDR": ("cidr", False),
    "IsIPAddressNotInCIDR": ("cidr", True),
}
_LISTS = {"IsIn": False, "IsNotIn": True}
_PRESENCE = {"Exists": "{p} exists", "DoesNotExist": "not {p} exists", "IsNull": "{p} eq null",
             "IsNotNull": "{p} ne null", "IsNullOrEmpty": '({p} eq null or {p} eq "")',
             "IsNotNullOrEmpty": '({p} ne null and {p} ne "")'}
_COMBINATORS = {"All": " and ", "Any": " or "}


class Untranslatable(ValueError):
    """A Simple Detection construct with no exact counterpart in the condition language."""


def skip_reason(data: dict[str, Any]) -> str | None:
    """Why a panther-analysis file is not run here (None when it is a rule this engine runs).

    >>> skip_reason({"AnalysisType": "rule", "RuleID": "X", "Filename": "x.py"})
    'a Python-backed rule (Filename: x.py): its logic is Python code, which this engine does not run'
    """
    kind = str(data.get("AnalysisType", ""))
    if kind in OTHER_KINDS:
        return OTHER_KINDS[kind]
    if kind in ("rule", "policy", "scheduled_rule") and "Condition" not in data and "Detection" not in data \
            and data.get("Filename"):
        return (f"a Python-backed {kind.replace('_', ' ')} (Filename: {data['Filename']}): its logic is Python "
                "code, which this engine does not run")
    return None


def translate(detection: Any) -> str:
    """A Simple Detection's ``Detection`` (a list of match expressions, all of which must hold) as
    condition text; raises Untranslatable naming what has no counterpart.

    >>> translate([{"Key": "eventName", "Condition": "Equals", "Value": "ConsoleLogin"},
    ...            {"Any": [{"DeepKey": ["userIdentity", "type"], "Condition": "IsIn", "Values": ["Root"]},
    ...                     {"KeyPath": "errorCode", "Condition": "Exists"}]}])
    'eventName eq "ConsoleLogin" and (userIdentity.type in ["Root"] or errorCode exists)'
    """
    expressions = detection if isinstance(detection, list) else [detection]
    return _join([_expression(e) for e in expressions], " and ")


def _join(parts: list[str], word: str) -> str:
    if not parts:
        raise Untranslatable("an empty list of match expressions")
    return parts[0] if len(parts) == 1 else word.join(f"({p})" if _compound(p) else p for p in parts)


def _compound(text: str) -> bool:
    """Whether a part needs parentheses as an operand (an and/or not already inside `not (...)`)."""
    simple = text.startswith("not (") and text.endswith(")") and text.count("(") == 1
    return not simple and (" and " in text or " or " in text)


def _expression(item: Any) -> str:
    if not isinstance(item, dict):
        raise Untranslatable(f"a match expression that is not a mapping: {item!r}")
    for name, word in _COMBINATORS.items():
        if name in item:
            return _join([_expression(e) for e in _items(item[name], name)], word)
    if "None" in item:
        return "not (" + _join([_expression(e) for e in _items(item["None"], "None")], " or ") + ")"
    if "OnlyOne" in item:
        raise Untranslatable("OnlyOne (exactly one of several expressions)")
    for key in ("Enrichment", "Expressions", "Multikey", "Multikeys"):
        if key in item:
            raise Untranslatable(f"{key} match expressions")
    condition = item.get("Condition")
    if "Values" in item and isinstance(item["Values"], list) and any(isinstance(v, dict) for v in item["Values"]):
        raise Untranslatable("a comparison between fields (Values that name keys)")
    path = _path(item)
    if condition in _PRESENCE:
        return _PRESENCE[condition].format(p=path)
    if condition in _LISTS:
        values = item.get("Values")
        if not isinstance(values, list) or any(isinstance(v, dict) for v in values):
            raise Untranslatable(f"{condition} without a list of literal Values (a comparison of fields)")
        text = f"{path} in {json.dumps(values, ensure_ascii=False)}"
        return f"not {text}" if _LISTS[condition] else text
    if condition in _SCALAR:
        if "Value" not in item or isinstance(item["Value"], (dict, list)):
            raise Untranslatable(f"{condition} without a literal Value (a comparison of fields)")
        op, negated = _SCALAR[condition]
        text = f"{path} {op} {json.dumps(item['Value'], ensure_ascii=False)}"
        return f"not {text}" if negated else text
    raise Untranslatable(f"the condition {condition!r}" if condition else "a match expression without Condition")


def _items(value: Any, name: str) -> list[Any]:
    if not isinstance(value, list):
        raise Untranslatable(f"{name} that is not a list")
    return value


def _path(item: dict[str, Any]) -> str:
    if "Key" in item:
        keys = [str(item["Key"])]
    elif "DeepKey" in item and isinstance(item["DeepKey"], list):
        keys = [str(k) for k in item["DeepKey"]]
    elif "KeyPath" in item:
        text = str(item["KeyPath"])
        if any(c in text for c in "[]*$@?"):
            raise Untranslatable(f"the KeyPath {text!r} (JSONPath beyond plain keys)")
        keys = text.split(".")
    else:
        raise Untranslatable("a match expression without Key, DeepKey or KeyPath")
    return ".".join(k if k.isidentifier() and k.lower() not in _KEYWORDS else "`" + k.replace("\\", "\\\\")
                    .replace("`", "\\`") + "`" for k in keys)


_KEYWORDS = {"not", "and", "or", "in", "true", "false", "null", "exists", "pr", "eq", "ne"}
