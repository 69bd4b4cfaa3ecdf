"""Sigma rules as rule files: converted into conditions, with their selections' names kept."""
from .convert import SigmaInvalid, SigmaSkipped, convert_sigma, is_sigma

__all__ = ["SigmaInvalid", "SigmaSkipped", "convert_sigma", "is_sigma"]
