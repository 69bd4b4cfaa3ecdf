"""``generate-tests``: a rule's tests from its condition (a matching record, one per exclusion clause)."""
from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import click

from ..errors import ConditionError
from .main import cli


def _solver():
    try:
        import z3  # noqa: F401
        from ruamel.yaml import YAML

        from ..analysis.solver.generate import generate_tests
    except ImportError as error:  # the `reason` extra is missing
        raise click.UsageError(f"generate-tests needs the solver: pip install 'condition-engine[reason]' ({error})") from None
    return generate_tests, YAML


def test_entries(rule: Any, generate) -> list[dict[str, Any]]:
    """The generated tests of a loaded rule as rule-file ``Tests:`` entries (policies invert the result)."""
    key = "Resource" if rule.model.is_policy else "Log"
    try:
        tests = generate(rule.condition, rule.model.ExclusionNames)
    except ValueError as error:
        raise ConditionError(f"{rule.path}: {rule.id}: {error}") from error
    return [{"Name": test.name, "ExpectedResult": test.expected != rule.model.is_policy, key: test.record}
            for test in tests]


@cli.command("generate-tests")
@click.argument("rule_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--write", is_flag=True, help="Add the tests to the rule file (comments and layout kept; "
                                             "tests whose name the file already has are left out).")
def generate_tests_command(rule_file: str, write: bool) -> None:
    """Print tests for the rule in RULE_FILE as its `Tests:` YAML: one record that matches, and for each
    exclusion clause a record only that clause suppresses (found by the solver, checked by evaluate).

    Exit code 0, 2 on an invalid rule file or a condition the solver cannot build tests for.

    \b
    Examples:
      condition-engine generate-tests rules/aws/kms/cmk_key_rotation.yml
      condition-engine generate-tests my_rule.yml --write
    """
    generate, yaml_class = _solver()
    from ..rules.loader import load_rules

    pack = load_rules(rule_file, bundled=False)
    if pack.problems:
        raise ConditionError("\n".join(str(problem) for problem in pack.problems))
    rules = list(pack)
    if len(rules) != 1:
        raise ConditionError(f"{rule_file}: generate-tests takes a file holding one rule ({len(rules)} found)")
    entries = test_entries(rules[0], generate)
    yaml = yaml_class()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    yaml.width = 1 << 16  # long lines stay as written
    if not write:
        out = io.StringIO()
        yaml.dump({"Tests": entries}, out)
        click.echo(out.getvalue(), nl=False)
        return
    path = Path(rule_file)
    document = yaml.load(path.read_text(encoding="utf-8"))
    tests = document.get("Tests")
    if tests is None:
        document["Tests"] = tests = []
    names = {test.get("Name") for test in tests}
    added = [entry for entry in entries if entry["Name"] not in names]
    tests.extend(added)
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(document, handle)
    click.echo(f"{rule_file}: {len(added)} test{'' if len(added) == 1 else 's'} added", err=True)
