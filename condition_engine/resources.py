"""Where the files shipped beside the code live: the grammar and the bundled rule pack.

In a built wheel they are copied into ``condition_engine/_data``; in a source checkout they are
read from the repository's ``grammar/`` and ``rules/`` folders.
"""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = {"condition.lark": "grammar/condition.lark", "rules": "rules"}


def data_path(name: str) -> Path:
    """Path of a shipped file or folder (``condition.lark``, ``rules``, ``attack.json``).

    >>> data_path("condition.lark").name
    'condition.lark'
    """
    packaged = _PACKAGE / "_data" / name
    if packaged.exists():
        return packaged
    if name in _CHECKOUT:
        return _PACKAGE.parent / _CHECKOUT[name]
    return _PACKAGE / name
