"""A problem found while loading rule files: where it is and what is wrong."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import RuleFileError


@dataclass(frozen=True)
class Problem:
    """One problem in one rule file, with its location and JSON-path-like key path."""

    file: str
    message: str
    line: int = 1
    column: int = 1
    key: str = "$"
    code: str = "E201"

    def __str__(self) -> str:
        """``file:line:column: level[code]: key: message`` (no key for a problem of the whole file).

        >>> print(Problem("r.yml", "Sigma rule skipped: …", code="W204"))
        r.yml:1:1: warning[W204]: Sigma rule skipped: …
        """
        level = "warning" if self.code.startswith("W") else "error"
        return f"{self.file}:{self.line}:{self.column}: {level}[{self.code}]: {self._keyed}"

    @property
    def _keyed(self) -> str:
        return self.message if self.key == "$" else f"{self.key}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "column": self.column, "key": self.key,
                "code": self.code, "message": self.message}

    def to_error(self) -> RuleFileError:
        return RuleFileError(self._keyed, code=self.code, source=self.file,
                             line=self.line, column=self.column)


def key_path(loc: tuple[Any, ...]) -> str:
    """A pydantic location as ``$.Tests[1].ExpectedResult``."""
    out = "$"
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out
