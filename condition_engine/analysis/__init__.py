"""Analyses of a condition: normal forms, the exclusions table, fields, lint findings."""
from .exclusions import ExclusionGroup, ExclusionRow, ExclusionTable, exclusions, requirements
from .fields import FieldUse, fields
from .lint import Finding, lint
from .normal_forms import negate, simplify, to_dnf, to_nnf

__all__ = [
    "ExclusionGroup", "ExclusionRow", "ExclusionTable", "FieldUse", "Finding", "exclusions", "fields",
    "lint", "negate", "requirements", "simplify", "to_dnf", "to_nnf",
]
