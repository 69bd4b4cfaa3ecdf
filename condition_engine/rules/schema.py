"""The JSON Schema of rule files, generated from the models, for editors that validate YAML.

``python -m condition_engine.rules.schema > docs/rule-file.schema.json`` regenerates the copy in docs/.
"""
from __future__ import annotations

import json

from .model import RuleFile


def rule_file_schema() -> dict:
    """The JSON Schema of a rule file.

    >>> rule_file_schema()["title"]
    'condition_engine rule file'
    """
    schema = RuleFile.model_json_schema()
    schema["title"] = "condition_engine rule file"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["description"] = ("A detection rule: Panther analysis metadata, embedded tests and a Condition "
                             "in the condition_engine language.")
    return schema


if __name__ == "__main__":
    print(json.dumps(rule_file_schema(), indent=2))
