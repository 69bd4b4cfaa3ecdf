"""Scanning files of events and resources with a rule pack."""
from .engine import ScanOptions, ScanStats, scan
from .readers import Reject

__all__ = ["Reject", "ScanOptions", "ScanStats", "scan"]
