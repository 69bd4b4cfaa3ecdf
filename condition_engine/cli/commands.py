"""Subcommands that work on a single condition: parse."""
from __future__ import annotations

import json

import click

from ..parser import parse
from ..render import to_text
from .main import cli
from .options import read_condition


@cli.command("parse")
@click.argument("condition")
@click.option("--json", "as_json", is_flag=True, help="Print the AST as JSON instead of text.")
def parse_command(condition: str, as_json: bool) -> None:
    """Parse CONDITION and print its canonical text (or its AST with --json).

    CONDITION is the condition text, or @FILE to read it from a file, or - for stdin.

    \b
    Examples:
      condition-engine parse 'not (Origin ne "AWS_KMS" or KeyManager ne "CUSTOMER")'
      condition-engine parse --json 'Tags[Key eq "env"]'
    """
    text, source = read_condition(condition)
    node = parse(text, source=source)
    if as_json:
        click.echo(json.dumps(json.loads(node.model_dump_json()), indent=2))
    else:
        click.echo(to_text(node))
