"""Text to AST.

The LALR parser is built once, on first use, from ``grammar/condition.lark``; an inline transformer
turns each reduction straight into an AST node, so no intermediate parse tree is built.  Text runs
through Lark's tables in :mod:`.lalr`; text they reject runs through Lark's own parser, whose error
this module turns into a message.
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from typing import Any

from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken
from pydantic import ValidationError

from . import ast
from .ast import trusted
from .errors import ConditionError, ConditionSyntaxError
from .lalr import Rejected, Tables
from .lexer import ConditionLexer
from .messages import expected_words, suggest_operator
from .operands import OperandError, check_operand
from .resources import data_path

#: Deepest nesting of not/and/or/filters accepted; deeper trees are refused with a clear error.
MAX_DEPTH = 100
_WORD = re.compile(r"[^\s()\[\]\"`,]+")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _span(first: Any, last: Any) -> ast.Span:
    # lark types a token's positions as optional; every token of this lexer carries them
    if first.__class__ is Token:
        start, line, column = first.start_pos, first.line, first.column
    else:
        first = first.span
        start, line, column = first.start, first.line, first.column
    end = last.end_pos if last.__class__ is Token else last.span.end
    assert start is not None and line is not None and column is not None and end is not None
    return ast.span(line, column, start, end)


def _scalar(token: Token) -> Any:
    span = _span(token, token)
    kind = token.type
    if kind == "STRING":
        text = token.value  # the grammar admits no raw control characters: no escape, no decoding
        if "\\" not in text:
            return trusted(ast.String, value=text[1:-1], span=span)
        value = json.loads(text)
        if _SURROGATE.search(value):  # "\ud800" alone: no character, so no text can hold or print it
            raise _BadOperand("a lone surrogate escape (\\ud800-\\udfff without its pair) is not a character",
                              token)
        return trusted(ast.String, value=value, span=span)
    if kind == "NUMBER":
        text = token.value
        number = int(text) if re.fullmatch(r"-?\d+", text) else float(text)
        if isinstance(number, float) and math.isinf(number):
            raise _BadOperand(f"number out of range: {text}", token)
        return trusted(ast.Number, value=number, span=span)
    if kind == "NULL":
        return trusted(ast.Null, span=span)
    return trusted(ast.Boolean, value=(kind == "TRUE"), span=span)


class _ToAst(Transformer):
    """Reductions to nodes. Each method is a constructor; nothing is evaluated here."""

    def disjunction(self, children: list[Any]) -> ast.Or:
        return trusted(ast.Or, operands=_flat(ast.Or, children), span=_span(children[0], children[-1]))

    def conjunction(self, children: list[Any]) -> ast.And:
        return trusted(ast.And, operands=_flat(ast.And, children), span=_span(children[0], children[-1]))

    def negation(self, children: list[Any]) -> ast.Not:
        return trusted(ast.Not, operand=children[1], span=_span(children[0], children[1]))

    def group(self, children: list[Any]) -> Any:
        return children[1]

    def comparison(self, children: list[Any]) -> ast.Compare:
        path, op_token, literal = children
        op = op_token.value.lower()
        op = ast.ALIASES.get(op, op)
        return _compare(path, op, _scalar(literal), literal)

    def reference_comparison(self, children: list[Any]) -> ast.Compare:
        path, op_token, reference = children
        op = op_token.value.lower()
        return _compare(path, ast.ALIASES.get(op, op), reference, op_token)

    def reference(self, children: list[Any]) -> ast.FieldRef:
        return trusted(ast.FieldRef, path=children[2], span=_span(children[0], children[3]))

    def membership(self, children: list[Any]) -> ast.Compare:
        path, _, values = children
        return _compare(path, "in", values, values)

    def existence(self, children: list[Any]) -> ast.Exists:
        path, unary = children
        return trusted(ast.Exists, path=path, span=_span(path, unary))

    # `path not OP value`: the predicate without `not`, negated (one rule for every operator)
    def negated_comparison(self, children: list[Any]) -> ast.Not:
        return _negated(self.comparison([children[0]] + children[2:]))

    def negated_reference_comparison(self, children: list[Any]) -> ast.Not:
        return _negated(self.reference_comparison([children[0]] + children[2:]))

    def negated_membership(self, children: list[Any]) -> ast.Not:
        return _negated(self.membership([children[0]] + children[2:]))

    def negated_existence(self, children: list[Any]) -> ast.Not:
        return _negated(self.existence([children[0], children[2]]))

    def filtered(self, children: list[Any]) -> ast.Exists:
        (path,) = children
        if not isinstance(path.steps[-1], ast.Filter):
            raise _BarePath(path)
        return trusted(ast.Exists, path=path, span=path.span)

    def path(self, children: list[Any]) -> ast.Path:
        steps = _keys(children[0])
        if len(children) == 1 and len(steps) == 1:  # one key: the path spans what the key does
            return trusted(ast.Path, steps=steps, span=steps[0].span)
        all_steps: list[ast.Key | ast.Index | ast.Filter] = list(steps)
        for child in children[1:]:
            all_steps.extend(child if isinstance(child, tuple) else (child,))
        return trusted(ast.Path, steps=tuple(all_steps), span=_span(all_steps[0], all_steps[-1]))

    def key_step(self, children: list[Any]) -> tuple[ast.Key, ...]:
        return _keys(children[1])

    def index_step(self, children: list[Any]) -> ast.Index:
        return trusted(ast.Index, index=int(children[1].value), span=_span(children[0], children[2]))

    def filter_step(self, children: list[Any]) -> ast.Filter:
        return trusted(ast.Filter, condition=children[1], span=_span(children[0], children[2]))

    def list(self, children: list[Any]) -> ast.List:
        items = tuple(_scalar(c) for c in children[1:-1] if c is not None and c.type != "COMMA")
        return trusted(ast.List, items=items, span=_span(children[0], children[-1]))


def _negated(predicate: Any) -> ast.Not:
    return trusted(ast.Not, operand=predicate, span=predicate.span)


def _flat(cls: type[ast.And] | type[ast.Or], children: list[Any]) -> tuple[Any, ...]:
    flat: list[Any] = []
    for child in children:
        flat.extend(child.operands if child.__class__ is cls else (child,))
    return tuple(flat)


def _keys(token: Token) -> tuple[ast.Key, ...]:
    text, span = token.value, _span(token, token)
    if token.type == "QUOTED_FIELD":
        text = re.sub(r"\\([`\\])", r"\1", text[1:-1])
    elif token.type == "URN_FIELD":  # SCIM: the schema URN is an object holding the attribute
        urn, _, attribute = text.rpartition(":")
        return trusted(ast.Key, name=urn, span=span), trusted(ast.Key, name=attribute, span=span)
    return (trusted(ast.Key, name=text, span=span),)


class _BarePath(Exception):
    def __init__(self, path: ast.Path) -> None:
        self.path = path


class _BadOperand(Exception):
    def __init__(self, message: str, at: Any, code: str = "E101") -> None:
        self.message, self.at, self.code = message, at, code


def _compare(path: ast.Path, op: str, value: Any, at: Any) -> ast.Compare:
    try:
        check_operand(op, value)
    except OperandError as error:
        raise _BadOperand(str(error), at, error.code) from None
    end = value if value.__class__ is ast.FieldRef else at
    return trusted(ast.Compare, path=path, op=op, value=value, span=_span(path, end))


@lru_cache(maxsize=1)
def _tables() -> Tables | None:
    """The fast loop's tables, or None where this lark keeps them elsewhere (then Lark's own loop runs)."""
    try:
        return Tables(_lark())
    except (AttributeError, KeyError, TypeError):
        return None


def _parse(text: str) -> Any:
    tables = _tables()
    if tables is not None:
        try:
            return tables.parse(text)
        except Rejected:
            pass
    return _lark().parse(text)  # on rejected text, raises Lark's own, exact error


@lru_cache(maxsize=1)
def _lark() -> Lark:
    return Lark(
        data_path("condition.lark").read_text(encoding="utf-8"),
        parser="lalr",
        lexer=ConditionLexer,
        transformer=_ToAst(),
        maybe_placeholders=True,
    )


def parse(text: str, source: str = "<condition>") -> ast.Expr:
    """Parse condition text into its AST; raise ConditionSyntaxError pointing at the mistake.

    >>> parse('KeyState eq "Enabled"').op
    'eq'
    """
    if not isinstance(text, str):
        raise ConditionError(f"a condition is text, not {type(text).__name__}", source=source)
    surrogate = _SURROGATE.search(text)
    if surrogate:  # a byte that was not UTF-8 (read with surrogateescape), or a lone surrogate: no text holds it
        raise _at(text, source, surrogate.start(), surrogate.end(), "not Unicode text: a byte that is not UTF-8, or a lone "
                  "surrogate")
    try:
        tree = _parse(text)
    except UnexpectedInput as error:
        raise _syntax_error(error, text, source) from None
    except _BarePath as bare:
        path_span = bare.path.span
        assert path_span is not None  # the parser gives every node its span
        raise _at(text, source, path_span.end, path_span.end,
                  f"expected {expected_words({'COMPARATOR'})} after "
                  f"'{text[path_span.start:path_span.end]}'") from None
    except _BadOperand as bad:
        start, end = (bad.at.start_pos, bad.at.end_pos) if isinstance(bad.at, Token) else (
            bad.at.span.start, bad.at.span.end)
        assert start is not None and end is not None  # the parser gives every token and node its position
        raise _at(text, source, start, end, bad.message, code=bad.code) from None
    except ValidationError as error:  # a node refused its parts: a bug rather than user input
        raise ConditionError(f"invalid condition: {error.errors()[0]['msg']}", source=source) from None
    if len(text) > 2 * MAX_DEPTH:  # each level of nesting takes at least two characters
        _check_depth(tree, text, source)
    return tree


def _check_depth(tree: Any, text: str, source: str) -> None:
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            start = node.span.start if node.span else 0
            raise _at(text, source, start, start + 1,
                      f"condition nests too deeply (more than {MAX_DEPTH} levels of not/and/or/filters)",
                      code="E102")
        if isinstance(node, (ast.And, ast.Or)):
            stack.extend((child, depth + 1) for child in node.operands)
        elif isinstance(node, ast.Not):
            stack.append((node.operand, depth + 1))
        elif isinstance(node, (ast.Compare, ast.Exists)):
            paths = [node.path]
            if isinstance(node, ast.Compare) and isinstance(node.value, ast.FieldRef):
                paths.append(node.value.path)
            stack.extend((s.condition, depth + 1) for p in paths for s in p.steps if isinstance(s, ast.Filter))


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _at(text: str, source: str, start: int, end: int, message: str, code: str = "E101"):
    line, column = _position(text, start)
    return ConditionSyntaxError(message, code=code, source=source, text=text, line=line,
                                column=column, offset=start, end=max(end, start + 1))


def _double_quoted(text: str, offset: int) -> str:
    """The single-quoted string at ``offset``, written in double quotes."""
    end = text.find("'", offset + 1)
    inner = text[offset + 1:end] if end > offset else text[offset + 1:]
    return json.dumps(inner)


def _open_brackets(error: UnexpectedInput) -> list[Token]:
    stack = getattr(getattr(error, "state", None), "value_stack", None) or []
    return [item for item in stack if isinstance(item, Token) and item.type in ("LPAR", "LSQB")]


def _expected(error: UnexpectedInput) -> set[str]:
    interactive = getattr(error, "interactive_parser", None)
    if interactive is not None:  # exact: simulates the reductions LALR merged away
        return set(interactive.accepts())
    return set(getattr(error, "expected", None) or getattr(error, "allowed", None) or ())


def _syntax_error(error: UnexpectedInput, text: str, source: str) -> ConditionSyntaxError:
    expected = _expected(error)
    offset: int | None
    if isinstance(error, UnexpectedToken):
        if error.token.type == "$END":
            offset = len(text)
            message = f"unexpected end of condition; expected {expected_words(expected)}"
            opened = _open_brackets(error)
            if opened:
                last = opened[-1]
                what = "parenthesis" if last.type == "LPAR" else "bracket"
                message += f" (unclosed {what} opened at {last.line}:{last.column})"
            return _at(text, source, offset, offset, message)
        offset = error.token.start_pos
        assert offset is not None  # lark types positions as optional; this lexer's tokens carry them
        found = error.token.value
    else:
        assert isinstance(error, UnexpectedCharacters)
        offset = error.pos_in_stream
        assert offset is not None  # set by lark's lexer errors and by this lexer's
        match = _WORD.match(text, offset)
        found = match.group(0) if match else text[offset]
    if found.startswith('"') and not re.match(r'"(?:[^"\\\n]|\\.)*"', text[offset:]):
        return _at(text, source, offset, offset + 1, "unterminated string; a string ends with '\"'")
    if found.startswith("'"):
        return _at(text, source, offset, offset + len(found), f"unexpected {found!r}: strings are written in double "
                   f"quotes, as in JSON ({_double_quoted(text, offset)})")
    if found.startswith("`") and not re.match(r"`(?:[^`\\\\]|\\\\.)*`", text[offset:]):
        return _at(text, source, offset, offset + 1,
                   "unterminated field name; a name in backticks ends with '`'")
    if found in (")", "]") and not expected & {"RPAR", "RSQB"} and not _open_brackets(error):
        return _at(text, source, offset, offset + 1,
                   f"unmatched '{found}'; expected {expected_words(expected)}")
    message = f"unexpected '{found}'; expected {expected_words(expected)}"
    if "FIELD_REF" in expected and re.fullmatch(r"[A-Za-z_$@][A-Za-z0-9_$@.]*", found):
        message += f" (a string is written \"{found}\"; the field {found} is written field({found}))"
    if expected & {"COMPARATOR", "UNARY", "IN"}:
        hint = suggest_operator(found)
        message = f"unknown operator '{found}'; expected {expected_words(expected)}"
        if hint:
            message += f"; did you mean '{hint}'?"
    return _at(text, source, offset, offset + len(found), message)


__all__ = ["MAX_DEPTH", "parse"]
