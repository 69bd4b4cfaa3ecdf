"""A cache of converted Sigma rules, keyed by file content, so repeated scans do not re-convert.

Entries live in ``$CONDITION_ENGINE_CACHE`` (default ``~/.cache/condition-engine``) under
``sigma/``; a key is the SHA-256 of the rule's text and of the pySigma and condition_engine
versions.  ``CONDITION_ENGINE_CACHE=off`` disables it.  A cache that cannot be written is ignored.
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from .. import __version__


def _directory() -> Path | None:
    setting = os.environ.get("CONDITION_ENGINE_CACHE", "")
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    base = Path(setting) if setting else Path.home() / ".cache" / "condition-engine"
    return base / "sigma"


@lru_cache(maxsize=1)
def _pysigma_version() -> str:
    try:
        return metadata.version("pysigma")
    except metadata.PackageNotFoundError:
        return "none"


#: Bumped when what a conversion holds changes between releases (2: the Sigma rule's name is kept; 3: each
#: ATT&CK technique under the rule's tactics it belongs to).
FORMAT = 3


def _key(text: str) -> str:
    return hashlib.sha256(f"{__version__}\0{FORMAT}\0{_pysigma_version()}\0{text}".encode()).hexdigest()


def lookup(text: str) -> dict[str, Any] | None:
    """The cached conversion of a rule's text (``{"rule": ...}`` or ``{"skipped": reason}``), or None."""
    directory = _directory()
    if directory is None:
        return None
    try:
        return json.loads((directory / f"{_key(text)}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def store(text: str, entry: dict[str, Any]) -> None:
    """Remember a conversion (best effort)."""
    directory = _directory()
    if directory is None:
        return
    try:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{_key(text)}.json"
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(entry), encoding="utf-8")
        temporary.replace(path)
    except OSError:
        pass
