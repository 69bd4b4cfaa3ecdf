"""Sigma filter documents: meta-rules that tune the rules they name.

A filter (``filter: {rules: [...], <selections>, condition: not selection}``) applies to the rules
whose id or title it lists (``any`` for every rule) and whose logsource matches its own on every key
it gives.  As pySigma does, its condition is appended to the rule's with ``and``; its top-level
``not`` selections become exclusion groups named ``<filter name>.<selection>``.
"""
from __future__ import annotations

import re
from typing import Any

from .. import ast
from ..parser import parse
from ..render import to_text
from .convert import convert_sigma


def is_filter(data: Any) -> bool:
    """Whether a YAML document is a Sigma filter (it has ``filter`` and ``logsource``, no detection)."""
    return isinstance(data, dict) and isinstance(data.get("filter"), dict) and "logsource" in data \
        and "detection" not in data


def filter_name(data: dict[str, Any], fallback: str) -> str:
    """The filter's deterministic name: its ``name``, else its title or file name, slugged."""
    raw = str(data.get("name") or data.get("title") or fallback)
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", raw).strip("_")


def filter_condition(data: dict[str, Any]) -> tuple[ast.Expr, dict[str, str]]:
    """The filter's condition and its named exclusions (selection name → condition text)."""
    body = {k: v for k, v in data["filter"].items() if k != "rules"}
    pseudo = {"title": str(data.get("title") or "filter"), "logsource": data["logsource"], "detection": body}
    converted = convert_sigma(pseudo)
    return parse(converted["Condition"]), converted.get("ExclusionNames", {})


def targets(data: dict[str, Any], rule_id: str, title: str, logsource: dict[str, Any] | None) -> bool:
    """Whether the filter applies to a rule with this id, title and logsource."""
    wanted = data["filter"].get("rules") or []
    wanted = [wanted] if isinstance(wanted, str) else wanted
    named = "any" in wanted or rule_id in wanted or title in wanted
    own = logsource or {}
    return named and all(own.get(key) == value for key, value in (data.get("logsource") or {}).items())


def apply_filter(condition: ast.Expr, names: dict[str, str] | None, data: dict[str, Any],
                 name: str) -> tuple[ast.Expr, dict[str, str]]:
    """A rule's condition and exclusion names with a filter appended."""
    added, exclusions = filter_condition(data)
    combined = ast.And(operands=(condition, added))
    merged = dict(names or {})
    merged.update({f"{name}.{selection}": text for selection, text in exclusions.items()})
    return parse(to_text(combined)), merged
