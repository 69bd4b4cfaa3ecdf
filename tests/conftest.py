"""Shared fixtures and the loader for data-driven case files."""
from __future__ import annotations

from pathlib import Path

import yaml

CASES = Path(__file__).parent / "cases"


def load_cases(name: str) -> list[dict]:
    """The cases of tests/cases/NAME (a YAML list)."""
    with open(CASES / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def case_id(case: dict) -> str:
    """A short, -k friendly id for a case."""
    text = case.get("condition") or case.get("name") or "case"
    return str(text).replace("\n", " ")[:60]
