"""One Sigma detection item (field, modifiers, values) as a condition of our language."""
from __future__ import annotations

from typing import Any

from .. import ast


class SigmaSkipped(Exception):
    """A construct our language cannot express faithfully; the rule is skipped with this reason."""


class SigmaInvalid(ValueError):
    """A document that is not a valid Sigma rule."""


def _path(field: str) -> ast.Path:
    """Dotted Sigma field names are nested paths (a flat key with dots needs backticks instead)."""
    return ast.Path(steps=tuple(ast.Key(name=part) for part in field.split(".")))


def _glob_literal(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)


def string_predicate(path: ast.Path, value: Any, cased: bool) -> ast.Expr:
    """A SigmaString: exact, contains/startswith/endswith, or a glob — case-insensitive unless cased."""
    from sigma.types import SpecialChars

    if value.contains_placeholder():
        raise SigmaSkipped("a %placeholder% with no values")
    parts = value.s
    wild = [p for p in parts if isinstance(p, SpecialChars)]
    if parts == (SpecialChars.WILDCARD_MULTI,) or list(parts) == [SpecialChars.WILDCARD_MULTI]:
        return ast.Exists(path=path)
    plain = all(isinstance(p, str) for p in parts)
    text = "".join(p for p in parts if isinstance(p, str))
    if plain:
        return ast.Compare(path=path, op="eq" if cased else "ieq", value=ast.String(value=text))
    inner = list(parts)
    multi = SpecialChars.WILDCARD_MULTI
    if len(wild) <= 2 and all(p == multi for p in wild):
        starts, ends = inner[0] == multi, inner[-1] == multi
        middle = inner[1 if starts else 0: len(inner) - 1 if ends else len(inner)]
        if all(isinstance(p, str) for p in middle):
            word = "".join(middle)
            ops: tuple[ast.Operator, ast.Operator] | None = (
                ("contains", "icontains") if starts and ends else ("endswith", "iendswith") if starts
                else ("startswith", "istartswith") if ends else None)
            if ops is not None and len(wild) == int(starts) + int(ends):
                return ast.Compare(path=path, op=ops[0] if cased else ops[1], value=ast.String(value=word))
    pattern = "".join("*" if p == multi else "?" if p == SpecialChars.WILDCARD_SINGLE else _glob_literal(p)
                      for p in parts)
    return ast.Compare(path=path, op="glob" if cased else "iglob", value=ast.String(value=pattern))


def value_predicate(field: str, value: Any, modifiers: set[str]) -> ast.Expr:
    """One value of a detection item as a predicate."""
    from sigma import types as st

    path = _path(field)
    cased = "SigmaCaseSensitiveModifier" in modifiers or isinstance(value, getattr(st, "SigmaCasedString", ()))
    if isinstance(value, st.SigmaExpansion):
        return _any([value_predicate(field, v, modifiers) for v in value.values])
    if isinstance(value, st.SigmaString):
        return string_predicate(path, value, cased)
    if isinstance(value, st.SigmaNull):
        return ast.Compare(path=path, op="eq", value=ast.Null())
    if isinstance(value, st.SigmaBool):
        return ast.Compare(path=path, op="eq", value=ast.Boolean(value=value.boolean))
    if isinstance(value, st.SigmaNumber):
        return ast.Compare(path=path, op="eq", value=ast.Number(value=value.number))
    if isinstance(value, st.SigmaExists):
        exists = ast.Exists(path=path)
        return exists if value.exists else ast.Not(operand=exists)
    if isinstance(value, st.SigmaCIDRExpression):
        return ast.Compare(path=path, op="cidr", value=ast.String(value=value.cidr))
    if isinstance(value, st.SigmaCompareExpression):
        orders: dict[str, ast.Operator] = {"LT": "lt", "LTE": "le", "GT": "gt", "GTE": "ge"}
        op = orders.get(value.op.name)
        if op is None:
            raise SigmaSkipped(f"comparison {value.op.name}")
        return ast.Compare(path=path, op=op, value=ast.Number(value=value.number.number))
    if isinstance(value, st.SigmaRegularExpression):
        flags = {flag.name for flag in value.flags}
        pattern = str(value.regexp)
        prefix = "".join(f"(?{f})" for f, name in (("m", "MULTILINE"), ("s", "DOTALL")) if name in flags)
        op = "imatches" if "IGNORECASE" in flags else "matches"
        return ast.Compare(path=path, op=op, value=ast.String(value=prefix + pattern))
    if isinstance(value, st.SigmaFieldReference):
        return reference_predicate(path, value)
    raise SigmaSkipped(f"value type {type(value).__name__}")


def reference_predicate(path: ast.Path, value: Any) -> ast.Expr:
    """``fieldref``: the field compared with another field, ignoring case as Sigma compares strings (``ieq``,
    and ``istartswith``/``iendswith``/``icontains`` with those modifiers; pySigma refuses ``cased`` here).

    >>> from sigma.types import SigmaFieldReference
    >>> from condition_engine.render import to_text
    >>> to_text(reference_predicate(_path("User"), SigmaFieldReference("ParentUser")))
    'User ieq field(ParentUser)'
    """
    other = ast.FieldRef(path=_path(value.field))
    starts, ends = getattr(value, "starts_with", False), getattr(value, "ends_with", False)
    if not (starts or ends):
        return ast.Compare(path=path, op="ieq", value=other)
    op: ast.Operator = "icontains" if starts and ends else "istartswith" if starts else "iendswith"
    return ast.Compare(path=path, op=op, value=other)


def _any(parts: list[ast.Expr]) -> ast.Expr:
    return parts[0] if len(parts) == 1 else ast.Or(operands=tuple(parts))


def _all(parts: list[ast.Expr]) -> ast.Expr:
    return parts[0] if len(parts) == 1 else ast.And(operands=tuple(parts))


def item_condition(item: Any) -> ast.Expr:
    """A detection item: its values joined as the item links them (OR, or AND with |all); neq negates."""
    from sigma.conditions import ConditionAND

    if item.field is None:
        raise SigmaSkipped("keyword (field-less) search: conditions compare named fields (docs/sigma.md)")
    modifiers = {type(m).__name__ if not isinstance(m, type) else m.__name__ for m in item.modifiers}
    if any("Timestamp" in m or "Part" in m for m in modifiers):
        raise SigmaSkipped("time-part modifier")
    parts = [value_predicate(item.field, v, modifiers) for v in item.value]
    if not parts:
        raise SigmaSkipped("a detection item with no values")
    joined = _all(parts) if item.value_linking is ConditionAND else _any(parts)
    return ast.Not(operand=joined) if getattr(item, "negated", False) else joined


def detection_condition(detection: Any) -> ast.Expr:
    """A named selection: its items AND-ed (or OR-ed for a list of maps), recursively."""
    from sigma.conditions import ConditionAND
    from sigma.rule import SigmaDetection

    parts = [detection_condition(i) if isinstance(i, SigmaDetection) else item_condition(i)
             for i in detection.detection_items]
    return _all(parts) if detection.item_linking is ConditionAND else _any(parts)
