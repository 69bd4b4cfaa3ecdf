"""Helpers shared by the subcommands: reading condition arguments."""
from __future__ import annotations

import sys

import click


def read_condition(argument: str) -> tuple[str, str]:
    """The condition text of an argument (text, ``@FILE`` or ``-``) and its source name."""
    if argument == "-":
        return sys.stdin.read(), "<stdin>"
    if argument.startswith("@"):
        path = argument[1:]
        try:
            with open(path, encoding="utf-8") as handle:
                return handle.read(), path
        except OSError as error:
            raise click.BadParameter(f"cannot read {path}: {error.strerror}") from None
    return argument, "<condition>"
