"""The JSON Schema of rule files, generated from the models, for editors that validate YAML.

``python -m condition_engine.rules.schema`` regenerates the copies in docs/ (rule-file.schema.json and
exception-file.schema.json).
"""
from __future__ import annotations

import json

from pydantic import BaseModel

from .exceptions import ExceptionFile
from .model import RuleFile


def _schema(model: type[BaseModel], title: str, description: str) -> dict:
    schema = model.model_json_schema()
    schema["title"] = title
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["description"] = description
    return schema


def rule_file_schema() -> dict:
    """The JSON Schema of a rule file.

    >>> rule_file_schema()["title"]
    'condition_engine rule file'
    """
    return _schema(RuleFile, "condition_engine rule file", "A detection rule: Panther analysis metadata, embedded "
                   "tests and a Condition in the condition_engine language.")


def exception_file_schema() -> dict:
    """The JSON Schema of an exception file.

    >>> exception_file_schema()["title"]
    'condition_engine exception file'
    """
    return _schema(ExceptionFile, "condition_engine exception file", "An exception: a condition suppressed in the "
                   "rules it targets, with owner, reason, ticket and expiry (docs/exceptions.md).")


SCHEMAS = {"rule-file.schema.json": rule_file_schema, "exception-file.schema.json": exception_file_schema}


if __name__ == "__main__":
    from pathlib import Path

    docs = Path(__file__).resolve().parents[2] / "docs"
    for name, build in SCHEMAS.items():
        (docs / name).write_text(json.dumps(build(), indent=2) + "\n", encoding="utf-8")
