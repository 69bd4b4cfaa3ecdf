"""The typed syntax tree: one frozen pydantic model per construct, joined in ``Expr``.

Nodes carry structure only — no evaluation, analysis or printing.  Source spans travel with the
nodes (and with their JSON) but never take part in equality or hashing, so trees from different
texts compare by meaning of structure alone.

>>> Compare(path=Path.of("Origin"), op="ne", value=String(value="AWS_KMS")).op
'ne'
"""
from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .operands import check_operand

#: Comparison operators in the order of docs/language.md's operator table.
OPERATORS: tuple[str, ...] = (
    "eq", "ne", "gt", "ge", "lt", "le", "contains", "startswith", "endswith", "matches", "glob",
    "cidr", "in", "ieq", "ine", "icontains", "istartswith", "iendswith", "imatches", "iglob",
)
#: Alternative spellings accepted by the parser (SCIM's co/sw/ew) and their canonical operator.
ALIASES: dict[str, str] = {"co": "contains", "sw": "startswith", "ew": "endswith"}

Operator = Literal[
    "eq", "ne", "gt", "ge", "lt", "le", "contains", "startswith", "endswith", "matches", "glob",
    "cidr", "in", "ieq", "ine", "icontains", "istartswith", "iendswith", "imatches", "iglob",
]


_DEFAULTS: dict[type, dict[str, Any]] = {}


def trusted(cls: type[BaseModel], **fields: Any) -> Any:
    """Build a node from parts that are already valid, skipping validation: the parser's hot path.

    The parser has checked what validation would (operands, flat and/or); this is what
    ``model_construct`` does, without its generic overhead.

    >>> trusted(Key, name="a") == Key(name="a")
    True
    """
    defaults = _DEFAULTS.get(cls)
    if defaults is None:
        defaults = _DEFAULTS[cls] = {name: info.default for name, info in cls.model_fields.items()
                                     if not info.is_required()}
    node: Any = _new(cls)
    _set(node, "__dict__", {**defaults, **fields})
    _set(node, "__pydantic_fields_set__", set(fields))
    _set(node, "__pydantic_extra__", None)
    _set(node, "__pydantic_private__", None)
    return node


_new, _set = object.__new__, object.__setattr__


class Span(BaseModel):
    """Where a node stands in its source text: 1-based line/column, 0-based [start, end) offsets."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    line: int
    column: int
    start: int
    end: int


def span(line: int, column: int, start: int, end: int) -> Span:
    """A :class:`Span` from valid positions, without validation (the parser makes one per node).

    >>> span(1, 1, 0, 3) == Span(line=1, column=1, start=0, end=3)
    True
    """
    node = _new(Span)
    _set(node, "__dict__", {"line": line, "column": column, "start": start, "end": end})
    _set(node, "__pydantic_fields_set__", {"line", "column", "start", "end"})
    _set(node, "__pydantic_extra__", None)
    _set(node, "__pydantic_private__", None)
    return node


class Node(BaseModel):
    """Base of every node: frozen, strict about keys, equal by structure (spans ignored)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    span: Span | None = Field(default=None, repr=False)

    def _key(self) -> tuple[Any, ...]:
        return (type(self),) + tuple(v for k, v in self.__dict__.items() if k != "span")

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if not isinstance(other, Node):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())


# ---- literals -------------------------------------------------------------------------------


class String(Node):
    """A JSON string literal."""

    kind: Literal["string"] = "string"
    value: str


class Number(Node):
    """A JSON number literal (int when written without fraction or exponent)."""

    kind: Literal["number"] = "number"
    value: int | float

    @field_validator("value")
    @classmethod
    def _finite(cls, value: int | float) -> int | float:
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError("number out of range")
        return value

    def _key(self) -> tuple[Any, ...]:  # 1 and 1.0 are different literals as written
        return (Number, type(self.value), self.value)


class Boolean(Node):
    """``true`` or ``false``."""

    kind: Literal["boolean"] = "boolean"
    value: bool


class Null(Node):
    """``null``."""

    kind: Literal["null"] = "null"


Scalar = Annotated[String | Number | Boolean | Null, Field(discriminator="kind")]


class List(Node):
    """A list of scalar literals, the operand of ``in``."""

    kind: Literal["list"] = "list"
    items: tuple[Scalar, ...]


# ---- paths ----------------------------------------------------------------------------------


class Key(Node):
    """A path step into an object's key."""

    kind: Literal["key"] = "key"
    name: str


class Index(Node):
    """A path step to a list element (negative counts from the end)."""

    kind: Literal["index"] = "index"
    index: int


class Filter(Node):
    """A SCIM value filter step: keep the elements for which ``condition`` holds."""

    kind: Literal["filter"] = "filter"
    condition: Expr


Step = Annotated[Key | Index | Filter, Field(discriminator="kind")]


class Path(Node):
    """A field path: a key followed by key, index and filter steps."""

    kind: Literal["path"] = "path"
    steps: tuple[Step, ...]

    @field_validator("steps")
    @classmethod
    def _starts_with_key(cls, steps: tuple[Any, ...]) -> tuple[Any, ...]:
        if not steps or not isinstance(steps[0], Key):
            raise ValueError("a path starts with a key")
        return steps

    @classmethod
    def of(cls, dotted: str) -> Path:
        """Build a path of plain keys from dotted text.

        >>> Path.of("a.b").steps[1].name
        'b'
        """
        return cls(steps=tuple(Key(name=part) for part in dotted.split(".")))


class FieldRef(Node):
    """``field(path)``: the operand is the values another path yields in the same document."""

    kind: Literal["field"] = "field"
    path: Path


Value = Annotated[String | Number | Boolean | Null | List | FieldRef, Field(discriminator="kind")]

# ---- predicates and boolean structure -------------------------------------------------------


class Compare(Node):
    """``path OP value``; ``op`` is the canonical operator name (aliases resolved); ``value`` is a
    literal or a :class:`FieldRef`."""

    kind: Literal["compare"] = "compare"
    path: Path
    op: Operator
    value: Value

    @model_validator(mode="after")
    def _operand_fits(self) -> Compare:
        check_operand(self.op, self.value)
        return self


class Exists(Node):
    """``path exists``: the path yields at least one value."""

    kind: Literal["exists"] = "exists"
    path: Path


class Not(Node):
    """``not operand``."""

    kind: Literal["not"] = "not"
    operand: Expr


def _flatten(cls: type[And] | type[Or], operands: tuple[Any, ...]) -> tuple[Any, ...]:
    flat: list[Any] = []
    for operand in operands:
        flat.extend(operand.operands if isinstance(operand, cls) else (operand,))
    if len(flat) < 2:
        raise ValueError(f"'{cls.__name__.lower()}' needs at least two operands")
    return tuple(flat)


class And(Node):
    """n-ary conjunction; nested ``And`` operands are flattened on construction."""

    kind: Literal["and"] = "and"
    operands: tuple[Expr, ...]

    @field_validator("operands")
    @classmethod
    def _flat(cls, operands: tuple[Any, ...]) -> tuple[Any, ...]:
        return _flatten(And, operands)


class Or(Node):
    """n-ary disjunction; nested ``Or`` operands are flattened on construction."""

    kind: Literal["or"] = "or"
    operands: tuple[Expr, ...]

    @field_validator("operands")
    @classmethod
    def _flat(cls, operands: tuple[Any, ...]) -> tuple[Any, ...]:
        return _flatten(Or, operands)


Expr = Annotated[Compare | Exists | Not | And | Or, Field(discriminator="kind")]
Predicate = Compare | Exists

for _model in (Filter, FieldRef, Compare, Not, And, Or):
    _model.model_rebuild()

__all__ = [
    "ALIASES", "OPERATORS", "And", "Boolean", "Compare", "Exists", "Expr", "FieldRef", "Filter", "Index",
    "Key",
    "List", "Node", "Not", "Null", "Number", "Operator", "Or", "Path", "Predicate", "Scalar",
    "Span", "Step", "String", "Value",
]
