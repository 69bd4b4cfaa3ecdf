"""AST to canonical condition text.

Canonical text puts parentheses only where precedence needs them, plus around an ``and`` group
inside an ``or`` (as rule authors write it), quotes field names in backticks only when they are
not plain identifiers or are words of the language, and writes literals as JSON.
"""
from __future__ import annotations

import json
import re

from . import ast

_IDENTIFIER = re.compile(r"[A-Za-z_$@][A-Za-z0-9_$@]*\Z")
#: Words of the language; a field of that name is written in backticks in canonical text.
RESERVED = frozenset(
    {"not", "and", "or", "in", "exists", "pr", "true", "false", "null", "co", "sw", "ew"}
    | set(ast.OPERATORS)
)


def to_text(node: ast.Expr) -> str:
    """The canonical text of a condition.

    >>> from condition_engine import parse
    >>> to_text(parse('NOT (a EQ 1 OR (b eq 2 AND c eq 3))'))
    'not (a eq 1 or (b eq 2 and c eq 3))'
    """
    if isinstance(node, ast.Or):
        return " or ".join(
            f"({to_text(o)})" if isinstance(o, ast.And) else to_text(o) for o in node.operands
        )
    if isinstance(node, ast.And):
        return " and ".join(
            f"({to_text(o)})" if isinstance(o, ast.Or) else to_text(o) for o in node.operands
        )
    if isinstance(node, ast.Not):
        inner = to_text(node.operand)
        if isinstance(node.operand, (ast.And, ast.Or)):
            inner = f"({inner})"
        return f"not {inner}"
    if isinstance(node, ast.Exists):
        path = path_text(node.path)
        return path if isinstance(node.path.steps[-1], ast.Filter) else f"{path} exists"
    if isinstance(node, ast.Compare):
        return f"{path_text(node.path)} {node.op} {value_text(node.value)}"
    raise TypeError(f"not a condition node: {type(node).__name__}")


def key_text(name: str) -> str:
    """A field name as written in a path: bare when it can be, else in backticks.

    >>> key_text("Origin"), key_text("x-amz-acl"), key_text("in")
    ('Origin', '`x-amz-acl`', '`in`')
    """
    if _IDENTIFIER.match(name) and name.lower() not in RESERVED:
        return name
    return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`"


def path_text(path: ast.Path) -> str:
    """A field path as written in a condition.

    >>> from condition_engine.ast import Path
    >>> path_text(Path.of("requestParameters.bucketName"))
    'requestParameters.bucketName'
    """
    parts: list[str] = []
    for step in path.steps:
        if isinstance(step, ast.Key):
            parts.append(("." if parts else "") + key_text(step.name))
        elif isinstance(step, ast.Index):
            parts.append(f"[{step.index}]")
        else:
            parts.append(f"[{to_text(step.condition)}]")
    return "".join(parts)


def value_text(value: ast.Value) -> str:
    """A literal as written in a condition (JSON), or ``field(path)``.

    >>> from condition_engine.ast import String
    >>> value_text(String(value='say "hi"'))
    '"say \\\\"hi\\\\""'
    """
    if isinstance(value, ast.FieldRef):
        return f"field({path_text(value.path)})"
    if isinstance(value, ast.List):
        return "[" + ", ".join(value_text(item) for item in value.items) + "]"
    if isinstance(value, ast.Null):
        return "null"
    if isinstance(value, ast.Boolean):
        return "true" if value.value else "false"
    if isinstance(value, ast.Number):
        return json.dumps(value.value)
    return json.dumps(value.value, ensure_ascii=False)
