"""The fast path: a condition compiled to one Python function, specialised on its literals.

The generated code is what a person would write by hand — ``d.get("Origin") == "AWS_KMS"`` —
with each value test taken verbatim from :mod:`.semantics` and lists fanned out only when a value
is a list.  User text never becomes code: field names and literals are bound as constants
(``k0``, ``t0_S``) in the function's namespace; only the shape of the code comes from the tree.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator, Protocol, runtime_checkable

from . import ast
from .interpreter import as_node
from .paths import get_keys, key_path, resolve
from .semantics import HELPERS, any_value, has_value, value_test


@runtime_checkable
class CompiledCondition(Protocol):
    """A compiled condition: a plain Python function ``fn(document) -> bool`` with attributes.

    ``condition`` (the AST), ``source`` (the generated code), ``case_insensitive``,
    ``matches(document)`` (the same function) and ``filter(documents)``.

    >>> fn = compile('KeyState eq "Enabled"')
    >>> fn({"KeyState": "Enabled"}), fn({}), isinstance(fn, CompiledCondition)
    (True, False, True)
    """

    condition: ast.Expr
    source: str
    case_insensitive: bool

    def __call__(self, document: Any) -> bool: ...

    def matches(self, document: Any) -> bool: ...

    def filter(self, documents: Iterable[Any]) -> Iterator[Any]: ...


def compile(condition: str | ast.Expr, *, case_insensitive: bool = False) -> CompiledCondition:  # noqa: A001
    """Compile a condition (text or node) into a fast callable.

    >>> compile('not (Origin ne "AWS_KMS")')({"Origin": "AWS_KMS"})
    True
    """
    node = as_node(condition)
    general = _Generator(case_insensitive, dict_root=False).function(node, "general")
    fast = _Generator(case_insensitive, dict_root=True)
    fast.namespace["general"] = general
    source, function = fast.build(node, "condition")
    # A plain function is the fastest thing Python can call; the attributes make it self-describing.
    function.condition, function.source, function.case_insensitive = node, source, case_insensitive
    function.matches = function
    function.filter = lambda documents: (document for document in documents if function(document))
    return function


class _Generator:
    """Writes the source of one function ``name(d) -> bool`` for a condition tree."""

    def __init__(self, fold: bool, dict_root: bool) -> None:
        self.fold = fold
        self.dict_root = dict_root
        self.namespace: dict[str, Any] = dict(HELPERS)
        self.namespace.update(any_value=any_value, has_value=has_value, get_keys=get_keys,
                              resolve=resolve)
        self.count = 0

    def function(self, node: ast.Expr, name: str) -> Callable[[Any], bool]:
        return self.build(node, name)[1]

    def build(self, node: ast.Expr, name: str) -> tuple[str, Callable[[Any], bool]]:
        body = self.expr(node)
        if self.dict_root:  # zero-cost in the common case; a non-mapping document takes the general path
            body = f"{body}\n        except AttributeError:\n            return general(d)"
            prefix = "try:\n            return "
        else:
            prefix = "return "
        # Constants and helpers become closure variables of a maker function: fast to load, and
        # values only — never text that is compiled.
        names = sorted(self.namespace)
        source = (f"def make({', '.join(names)}):\n"
                  f"    def {name}(d):\n        {prefix}{body}\n"
                  f"    return {name}\n")
        scope: dict[str, Any] = {}
        exec(source, scope)  # noqa: S102 - shape only; every user value is a bound constant
        return source, scope["make"](**self.namespace)

    def constant(self, value: Any, stem: str = "k") -> str:
        name = f"{stem}{self.count}"
        self.count += 1
        self.namespace[name] = value
        return name

    def expr(self, node: ast.Expr) -> str:
        if isinstance(node, ast.And):
            return "(" + " and ".join(self.expr(o) for o in node.operands) + ")"
        if isinstance(node, ast.Or):
            return "(" + " or ".join(self.expr(o) for o in node.operands) + ")"
        if isinstance(node, ast.Not):
            return f"(not {self.expr(node.operand)})"
        if isinstance(node, ast.Exists):
            return self.exists(node.path)
        return self.compare(node.path, node.op, node.value)

    def value(self, path: ast.Path) -> str:
        """Source for the raw value at ``path``: a value, a list to fan out, or None."""
        keys = key_path(path)
        if keys is not None and len(keys) == 1 and self.dict_root:
            return f"d.get({self.constant(keys[0])})"
        if keys is not None:
            return f"get_keys(d, {self.constant(keys)})"
        filters = {step: self._filter(step) for step in path.steps if isinstance(step, ast.Filter)}
        keep = self.constant(lambda step, item: filters[step](item), "keep")
        return f"resolve({self.constant(path, 'p')}, d, {keep})"

    def _filter(self, step: ast.Filter) -> Callable[[Any], bool]:
        return compile(step.condition, case_insensitive=self.fold)

    def exists(self, path: ast.Path) -> str:
        var = f"x{self.count}"
        self.count += 1
        return (f"(({var} := {self.value(path)}) is not None and "
                f"({var}.__class__ is not list or has_value({var})))")

    def compare(self, path: ast.Path, op: str, literal: ast.Value) -> str:
        if op in ("ne", "ine"):
            return f"(not {self.compare(path, 'eq' if op == 'ne' else 'ieq', literal)})"
        if op == "in":
            if not literal.items:
                return "False"
            return "(" + " or ".join(self.compare(path, "eq", item) for item in literal.items) + ")"
        if isinstance(literal, ast.Null):
            return f"(not {self.exists(path)})" if op in ("eq", "ieq") else "False"
        test = value_test(op, literal, self.fold)
        index = self.count
        self.count += 1
        prefix = f"t{index}_"
        for name, value in test.constants.items():
            self.namespace[prefix + name] = value
        function = self.constant(test.function, "f")
        var = f"x{index}"
        if "{v}" not in test.template:  # e.g. ordering against a boolean: never true
            return "False"
        # The first {v} a test mentions is the first it evaluates: bind the path's value there.
        first, *rest = test.expression("\0", prefix).split("\0")
        bound = first + f"({var} := {self.value(path)})" + var.join(rest)
        return f"(({bound}) or ({var}.__class__ is list and any_value({function}, {var})))"
