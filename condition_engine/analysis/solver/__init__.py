"""Deciding whole conditions with the z3 SMT solver (the ``reason`` extra): compare, generated tests, exact lint.

``encode`` holds the document model, ``languages`` and ``regex`` the text operators as regular
languages, ``compare`` the verdicts and their confirmed witnesses.
"""
from __future__ import annotations

from .compare import Comparison, compare

__all__ = ["Comparison", "compare"]
