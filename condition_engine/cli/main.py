"""The command group, the shared error handling and exit codes.

Exit codes: 0 success (or a match), 1 no match / failing tests / findings at --fail-on,
2 usage errors and bad input (conditions, rule files, JSON), 3 an internal error (a bug),
130 interrupted (Ctrl-C), 141 the reader of the output went away (``… | head``): quietly, as Unix tools do
on SIGPIPE.  ``--debug`` adds the traceback to the message and never changes the exit code.
"""
from __future__ import annotations

import contextlib
import sys
import traceback
from typing import Any

import click

from .. import __version__
from ..errors import ConditionError

EXIT_OK, EXIT_FALSE, EXIT_INPUT, EXIT_BUG, EXIT_INTERRUPTED, EXIT_PIPE = 0, 1, 2, 3, 130, 141


class _Group(click.Group):
    """Turns every error a user can cause into one message and exit code 2 (no traceback)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ConditionError as error:
            _traceback(ctx)
            click.echo(str(error), err=True)
            ctx.exit(EXIT_INPUT)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except BrokenPipeError:
            _stdout_gone()
            ctx.exit(EXIT_PIPE)
        except KeyboardInterrupt:
            _traceback(ctx)
            _interrupted()
            ctx.exit(EXIT_INTERRUPTED)
        except OSError as error:
            _traceback(ctx)
            click.echo(f"error: {error.strerror or error}: {error.filename or ''}".rstrip(": "), err=True)
            ctx.exit(EXIT_INPUT)
        except Exception as error:  # noqa: BLE001 - the last line of defence for users
            _traceback(ctx)
            if _is_interrupt(error):  # an engine's own exception for Ctrl-C (DuckDB's InterruptException)
                _interrupted()
                ctx.exit(EXIT_INTERRUPTED)
            click.echo(f"internal error: {type(error).__name__}: {error} (rerun with --debug for "
                       "the traceback, and please report it)", err=True)
            ctx.exit(EXIT_BUG)


def _is_interrupt(error: BaseException) -> bool:
    """Whether ``error`` is Ctrl-C as an engine reports it (DuckDB raises its own InterruptException)."""
    duckdb = sys.modules.get("duckdb")
    interrupt = getattr(duckdb, "InterruptException", None) if duckdb else None
    return isinstance(error, KeyboardInterrupt) or (interrupt is not None and isinstance(error, interrupt))


def _interrupted() -> None:
    with contextlib.suppress(OSError, ValueError):  # stderr gone too: the exit code says it
        click.echo("interrupted", err=True)


def _traceback(ctx: click.Context) -> None:
    """With ``--debug``, the current exception's traceback on stderr (the exit code stays the same)."""
    if _debug(ctx):
        traceback.print_exc(file=sys.stderr)


def _stdout_gone() -> None:
    """Point stdout at /dev/null, so that the flush at exit does not fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real stdout (captured): nothing to redirect
        pass


def _debug(ctx: click.Context) -> bool:
    root = ctx.find_root()
    return bool(root.params.get("debug"))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="condition-engine")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def cli(debug: bool) -> None:
    """Parse, evaluate, analyze and run detection conditions and rule packs.

    \b
    Examples:
      condition-engine scan examples/                      # the bundled rules over example data
      condition-engine test my-rules/ --no-bundled         # run a rule pack's embedded tests
      condition-engine exclusions 'a eq 1 and not b eq 2'  # what a condition suppresses
      condition-engine parse --json 'KeyState eq "Enabled"'
    """


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code instead of exiting.

    >>> main(["--version"])  # doctest: +ELLIPSIS
    condition-engine, version ...
    0
    """
    try:
        code = cli.main(args=argv, prog_name="condition-engine", standalone_mode=False)
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as error:
        error.show()
        return EXIT_INPUT
    except click.exceptions.Abort as abort:
        if isinstance(abort.__cause__ or abort.__context__, KeyboardInterrupt):  # click turns Ctrl-C into Abort
            _interrupted()
            return EXIT_INTERRUPTED
        click.echo("aborted", err=True)
        return EXIT_INPUT
    except KeyboardInterrupt:  # Ctrl-C outside a command (while click reads the arguments)
        _interrupted()
        return EXIT_INTERRUPTED
    return code if isinstance(code, int) else EXIT_OK


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


from . import commands, diff_command, exception_commands, generate_command, rule_commands, scan_command, site_command  # noqa: E402,F401  - registers the subcommands
