"""The fast path: a condition compiled to one Python function, specialised on its literals.

The generated code is what a person would write by hand — ``d.get("Origin") == "AWS_KMS"`` —
with each value test taken verbatim from :mod:`.semantics` and lists fanned out only when a value
is a list.  User text never becomes code: the source holds placeholder literals of our own
(``'\x00k2'``), and after compiling, each placeholder in the code object's constants is replaced by
the value it stands for (a field name, a literal, a compiled pattern, a helper).  The function then
loads them as fast as literals, and only the shape of the code came from the tree.
"""
from __future__ import annotations

import builtins
import types
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any, Protocol, runtime_checkable

from . import ast
from .cache import MAXSIZE, as_node
from .interpreter import path_values
from .paths import get_keys, key_path, resolve
from .references import reference_comparison
from .semantics import HELPERS, MERGEABLE, ValueTest, any_of, any_value, has_value, value_test


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
    if isinstance(condition, str):
        return compiled_text(condition, bool(case_insensitive))
    return _compile(condition, case_insensitive)


@lru_cache(maxsize=MAXSIZE)
def compiled_text(text: str, case_insensitive: bool = False) -> CompiledCondition:
    """The compiled function of condition text, compiled once and reused (a bounded cache, as ``re``).

    >>> compile('a eq 1') is compile('a eq 1')
    True
    """
    return _compile(as_node(text), case_insensitive)


def _compile(node: ast.Expr, case_insensitive: bool) -> CompiledCondition:
    source, built = _Generator(case_insensitive, general=_general(node, case_insensitive)).build(node, "condition")
    # A plain function is the fastest thing Python can call; the attributes make it self-describing.
    function: Any = built
    function.condition, function.source, function.case_insensitive = node, source, case_insensitive
    function.matches = function
    function.filter = lambda documents: (document for document in documents if function(document))
    return function


def compile_pack(conditions: list[ast.Expr],
                 compiled: list[Callable[[Any], bool]] | None = None) -> Callable[[Any], list[int]]:
    """Compile several conditions into one function returning the indices of those that hold.

    One call per document evaluates every condition with the same generated code as
    :func:`compile` — the way a rule pack runs over a record.  ``compiled`` may give the conditions'
    compiled functions, used for documents that are not objects.

    >>> from condition_engine import parse
    >>> compile_pack([parse("a eq 1"), parse("b exists"), parse("a gt 0")])({"a": 1})
    [0, 2]
    >>> compile_pack([parse("a eq 1")])({"a": 1}), compile_pack([parse("a eq 1")])({"a": 2})
    ((0,), ())
    """
    functions: Sequence[Callable[[Any], bool]] = compiled if compiled is not None else [compile(condition) for condition in conditions]

    def general(d: Any) -> list[int]:
        return [index for index, function in enumerate(functions) if function(d)]

    if not conditions:
        return lambda d: []
    return _Generator(False, general=general).build_pack(conditions, "pack")[1]


def _general(node: ast.Expr, fold: bool) -> Callable[[Any], bool]:
    """The condition for documents that are not objects (every path through :mod:`.paths`), built on
    its first call: most scans never meet such a document, and building it doubled the compile time."""
    built: list[Callable[[Any], bool]] = []

    def general(d: Any) -> bool:
        if not built:
            built.append(_Generator(fold).build(node, "general")[1])
        return built[0](d)

    return general


class _Generator:
    """Writes and builds one function ``name(d) -> bool`` for a condition tree.

    With ``general`` given, one-key paths read ``d.get(key)`` and a document without ``.get``
    falls back to ``general``; without it, every path goes through :mod:`.paths`.
    """

    def __init__(self, fold: bool, general: Callable[[Any], Any] | None = None) -> None:
        self.fold = fold
        self.general = general
        self.constants: dict[str, Any] = {}
        self.count = 0
        self.any_value = self.constant(any_value, "any")
        self.has_value = self.constant(has_value, "has")

    def build(self, node: ast.Expr, name: str) -> tuple[str, Callable[[Any], bool]]:
        body = f"return {self.expr(node)}"
        if self.general is not None:  # try is free until a document has no .get()
            body = (f"try:\n        {body}\n    except AttributeError:\n"
                    f"        return {self.constant(self.general, 'general')}(d)")
        source = f"def {name}(d):\n    {body}\n"
        return source, self._function(source, name)

    def build_pack(self, nodes: list[ast.Expr], name: str) -> tuple[str, Callable[[Any], list[int]]]:
        if len(nodes) == 1:  # one rule (a type with one rule is common): shared answers, nothing allocated
            body = f"        return {self.constant((0,), 'hit')} if {self.expr(nodes[0])} else ()\n"
        else:
            body = "        hits = []\n" + "".join(f"        if {self.expr(node)}:\n            hits.append({index})\n"
                                                for index, node in enumerate(nodes)) + "        return hits\n"
        source = (f"def {name}(d):\n    try:\n{body}"
                  f"    except AttributeError:\n        return {self.constant(self.general, 'general')}(d)\n")
        return source, self._function(source, name)

    def _function(self, source: str, name: str) -> Callable[[Any], Any]:
        with warnings.catch_warnings():  # "'str' object is not callable": a placeholder, replaced below
            warnings.simplefilter("ignore", SyntaxWarning)
            module = builtins.compile(source, f"<condition {name}>", "exec")
        code = next(c for c in module.co_consts if isinstance(c, types.CodeType))
        consts = tuple(self.constants[c] if isinstance(c, str) and c in self.constants else c
                       for c in code.co_consts)
        return types.FunctionType(code.replace(co_consts=consts), dict(HELPERS), name)

    def constant(self, value: Any, stem: str = "k") -> str:
        """A placeholder literal standing for ``value`` in the generated source."""
        placeholder = f"\x00{stem}{self.count}"
        self.count += 1
        self.constants[placeholder] = value
        return repr(placeholder)

    def expr(self, node: ast.Expr) -> str:
        if isinstance(node, ast.And):
            return "(" + " and ".join(self.expr(o) for o in node.operands) + ")"
        if isinstance(node, ast.Or):
            return "(" + " or ".join(self.alternatives(node.operands)) + ")"
        if isinstance(node, ast.Not):
            return f"(not {self.expr(node.operand)})"
        if isinstance(node, ast.Exists):
            return self.exists(node.path)
        return self.compare(node.path, node.op, node.value)

    def alternatives(self, operands: tuple[ast.Expr, ...]) -> list[str]:
        """Source for an ``or``'s operands, those testing one path with one string operator merged into
        one test (:func:`semantics.any_of`): ``Image iendswith "a" or Image iendswith "b"`` casefolds
        ``Image`` once and asks ``endswith(("a", "b"))``.  A merged test stands where its first operand did."""
        groups: dict[tuple[Any, str], list[ast.Value]] = {}
        order: list[ast.Expr | tuple[Any, str]] = []
        for operand in operands:
            key = _merge_key(operand)
            if key is None:
                order.append(operand)
                continue
            if key not in groups:
                groups[key] = []
                order.append(key)
            assert isinstance(operand, ast.Compare)  # what _merge_key merges
            if operand.op == "in":
                assert isinstance(operand.value, ast.List)  # the operand of `in` (check_operand)
                groups[key].extend(operand.value.items)
            else:
                groups[key].append(operand.value)
        out = []
        for item in order:
            if not isinstance(item, tuple):
                out.append(self.expr(item))
                continue
            (path, op), literals = item, groups[item]
            test = any_of(op, literals, self.fold) if len(literals) > 1 else None
            if test is None:
                out.extend(self.compare(path, op, literal) for literal in literals)
            else:
                out.append(self.test(path, test))
        return out

    def value(self, path: ast.Path) -> str:
        """Source for the raw value at ``path``: a value, a list to fan out, or None."""
        keys = key_path(path)
        if keys is not None and len(keys) == 1 and self.general is not None:
            return f"d.get({self.constant(keys[0])})"
        if keys is not None:
            return f"{self.constant(get_keys, 'get')}(d, {self.constant(keys)})"
        filters = {step: compile(step.condition, case_insensitive=self.fold)
                   for step in path.steps if isinstance(step, ast.Filter)}
        keep = self.constant(lambda step, item: filters[step](item), "keep")
        return f"{self.constant(resolve, 'resolve')}({self.constant(path, 'p')}, d, {keep})"

    def exists(self, path: ast.Path) -> str:
        var = f"x{self.count}"
        self.count += 1
        return (f"(({var} := {self.value(path)}) is not None and "
                f"({var}.__class__ is not list or {self.has_value}({var})))")

    def compare(self, path: ast.Path, op: str, literal: ast.Value) -> str:
        if literal.kind == "field":  # the shared structure, called with each path's values
            return self.reference(path, op, literal.path)
        if op in ("ne", "ine"):
            return f"(not {self.compare(path, 'eq' if op == 'ne' else 'ieq', literal)})"
        if op == "in":
            assert literal.kind == "list"  # the operand of `in` (check_operand)
            if not literal.items:
                return "False"
            return "(" + " or ".join(self.compare(path, "eq", item) for item in literal.items) + ")"
        if isinstance(literal, ast.Null):
            return f"(not {self.exists(path)})" if op in ("eq", "ieq") else "False"
        return self.test(path, value_test(op, literal, self.fold))

    def reference(self, path: ast.Path, op: str, other: ast.Path) -> str:
        """Source for ``path op field(other)``: :func:`.references.reference_comparison` over both paths."""
        values, others = (path_values(p, self.fold) for p in (path, other))
        return f"{self.constant(reference_comparison(op, self.fold, values, others), 'ref')}(d)"

    def test(self, path: ast.Path, test: ValueTest) -> str:
        """Source for "some value at ``path`` passes ``test``" (a list's items each tried)."""
        if "{v}" not in test.template:  # e.g. ordering against a boolean: never true
            return "False"
        var = f"x{self.count}"
        names = {name: self.constant(value, "t" + name) for name, value in test.constants.items()}
        function = self.constant(test.function, "f")
        # The first {v} a test mentions is the first it evaluates: bind the path's value there.
        first, *rest = test.expression("\1", names).split("\1")
        bound = first + f"({var} := {self.value(path)})" + var.join(rest)
        return f"(({bound}) or ({var}.__class__ is list and {self.any_value}({function}, {var})))"


def _merge_key(node: ast.Expr) -> tuple[ast.Path, str] | None:
    """(path, operator) of a comparison an ``or`` may merge with others of the same key (``in`` as ``eq``)."""
    if type(node) is not ast.Compare or key_path(node.path) is None:
        return None
    if node.op == "in":
        assert node.value.kind == "list"  # the operand of `in` (check_operand)
        return (node.path, "eq") if node.value.items else None
    return (node.path, node.op) if node.op in MERGEABLE and node.value.kind == "string" else None
