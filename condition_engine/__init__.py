"""condition_engine: parse, evaluate, analyze and run detection conditions.

>>> import condition_engine as ce
>>> ce.to_text(ce.parse('not (Origin ne "AWS_KMS")'))
'not Origin ne "AWS_KMS"'
"""
from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"  # before the imports: scan.findings reads it

from . import ast
from .analysis import (
    ExclusionTable,
    Finding,
    exclusions,
    fields,
    lint,
    requirements,
    simplify,
    to_dnf,
    to_nnf,
)
from .compiler import CompiledCondition, compile
from .errors import ConditionError, ConditionSyntaxError, RuleFileError, UnsupportedError
from .explain import Explanation, explain
from .interpreter import evaluate
from .parser import parse
from .render import to_text
from .rules import LoadedRule, RulePack, load_rules
from .scan.run import ScanResult, scan_files

if TYPE_CHECKING:  # the solver needs the reason extra: imported when called
    from .analysis.solver.compare import Comparison
    from .analysis.solver.generate import GeneratedTest

def to_sql(condition: str | ast.Expr, dialect: str = "duckdb", layout: str = "json", column: str = "record", *,
           case_insensitive: bool = False) -> str:
    """A boolean SQL WHERE expression for a condition (needs ``pip install 'condition-engine[sql]'``).

    >>> "JSON_EXTRACT" in to_sql('KeyState eq "Enabled"')
    True
    """
    from .sql import to_sql as build

    return build(condition, dialect, layout, column, case_insensitive=case_insensitive)

def compare(old: str | ast.Expr, new: str | ast.Expr, *, budget: float = 2.0) -> Comparison:
    """What changing ``old`` to ``new`` does: a verdict and confirmed witnesses (``pip install 'condition-engine[reason]'``).

    >>> compare('a eq "x"', 'a eq "x" or a eq "y"').verdict
    'broader'
    """
    from .analysis.solver import compare as decide

    return decide(old, new, budget=budget)

def generate_tests(condition: str | ast.Expr, names: dict[str, str] | None = None, *,
                   budget: float = 10.0) -> list[GeneratedTest]:
    """Tests for a condition: a matching record, and per exclusion clause a record only it suppresses.

    >>> [t.expected for t in generate_tests('a eq "x" and not b eq "y"')]
    [True, False]
    """
    from .analysis.solver.generate import generate_tests as build

    return build(condition, names, budget=budget)

__all__ = [
    "compare",
    "generate_tests",
    "ConditionError",
    "ConditionSyntaxError",
    "RuleFileError",
    "UnsupportedError",
    "CompiledCondition",
    "ExclusionTable",
    "Finding",
    "LoadedRule",
    "RulePack",
    "ScanResult",
    "Explanation",
    "__version__",
    "compile",
    "evaluate",
    "exclusions",
    "fields",
    "lint",
    "load_rules",
    "requirements",
    "scan_files",
    "simplify",
    "to_dnf",
    "to_nnf",
    "to_sql",
    "explain",
    "parse",
    "to_text",
]
