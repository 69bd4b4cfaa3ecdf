"""condition_engine: parse, evaluate, analyze and run detection conditions.

>>> import condition_engine as ce
>>> ce.to_text(ce.parse('not (Origin ne "AWS_KMS")'))
'not Origin ne "AWS_KMS"'
"""
from __future__ import annotations

__version__ = "0.1.0"  # before the imports: scan.findings reads it

from . import ast
from .errors import ConditionError, ConditionSyntaxError, RuleFileError, UnsupportedError
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
from .explain import Explanation, explain
from .interpreter import evaluate
from .parser import parse
from .render import to_text
from .rules import LoadedRule, RulePack, load_rules
from .scan.run import ScanResult, scan_files

def to_sql(condition: str | ast.Expr, dialect: str = "duckdb", layout: str = "json", column: str = "record", *,
           case_insensitive: bool = False) -> str:
    """A boolean SQL WHERE expression for a condition (needs ``pip install 'condition-engine[sql]'``).

    >>> "JSON_EXTRACT" in to_sql('KeyState eq "Enabled"')
    True
    """
    from .sql import to_sql as build

    return build(condition, dialect, layout, column, case_insensitive=case_insensitive)

__all__ = [
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
