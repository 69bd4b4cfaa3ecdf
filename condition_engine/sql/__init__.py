"""Conditions compiled to SQL with the semantics of docs/semantics.md, and engines that run them."""
from .compiler import DIALECTS, LAYOUTS, to_sql, to_sql_expression

__all__ = ["DIALECTS", "LAYOUTS", "to_sql", "to_sql_expression"]
