"""The rule catalog website: a static HTML site of a rule pack (``condition-engine site``)."""
from .build import build_site

__all__ = ["build_site"]
