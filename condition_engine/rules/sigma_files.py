"""Converting files of Sigma rules into our rule files (``condition-engine convert sigma``)."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .loader import rule_files
from .problems import Problem
from .yaml_source import YamlError, read_yaml


@dataclass
class ConversionSummary:
    """What a conversion did: files written, rules skipped (with reasons), errors."""

    converted: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)

    def skipped_by_reason(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for file, reason in self.skipped:
            out[reason].append(file)
        return dict(out)


def _dump(data: dict) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def convert_files(paths: list[str], out: Path) -> ConversionSummary:
    """Convert every Sigma rule under ``paths`` into ``out`` (deterministic: same input, same bytes)."""
    from ..sigma import SigmaInvalid, SigmaSkipped, convert_sigma, is_sigma

    summary = ConversionSummary()
    out.mkdir(parents=True, exist_ok=True)
    for path in rule_files(paths):
        try:
            source = read_yaml(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            summary.errors.append(Problem(str(path), f"cannot read the file: {error}", code="E200"))
            continue
        except YamlError as error:
            summary.errors.append(Problem(str(path), str(error), error.line, error.column, code=error.code))
            continue
        if not is_sigma(source.data):
            summary.errors.append(Problem(str(path), "not a Sigma rule (no detection and logsource)", code="E206"))
            continue
        try:
            converted = convert_sigma(source.data)
        except SigmaSkipped as skipped:
            summary.skipped.append((str(path), str(skipped)))
            continue
        except SigmaInvalid as invalid:
            summary.errors.append(Problem(str(path), str(invalid), code="E207"))
            continue
        name = re.sub(r"[^A-Za-z0-9._-]+", "_", path.stem) + ".yml"
        target = out / name
        target.write_text(_dump(converted), encoding="utf-8")
        summary.converted.append(target)
    return summary
