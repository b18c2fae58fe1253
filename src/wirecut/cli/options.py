"""Option pieces that several commands share (the sqlite-utils habit: one definition, many commands).

The command line's conventions live here, so that every command keeps them alike: an input file that
is missing or cannot be read is ``wirecut: error: PATH: reason`` on one line and exit 3
(``InputPath``, ``UnreadableInput``); a reader that closes the pipe (``| head -1``) ends the command
quietly with exit 0 (``closed_pipe``); colour follows ``--color``, ``NO_COLOR``, ``FORCE_COLOR`` and
the terminal, in that order (``colour_wanted``); ``--format`` takes any letter case.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from collections.abc import Callable, Mapping
from typing import IO, TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from wirecut.cli import ExitCode

if TYPE_CHECKING:
    from wirecut.story import Story


class UnreadableInput(click.ClickException):
    """An input named on the command line is missing or cannot be read: one line, exit 3 in every command."""

    exit_code = ExitCode.BAD_INPUT

    def __init__(self, path: str, reason: str) -> None:
        from wirecut.batch.names import printable

        super().__init__(f"{printable(path)}: {reason}")

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"wirecut: error: {self.format_message()}", err=True)


def input_problem(path: str, *, dir_okay: bool = True) -> str | None:
    """Why ``path`` cannot be read as an input (the words ``parse_file`` uses), or None when it can."""
    if not os.path.lexists(path):
        return "no such file"
    if not os.path.exists(path):
        return "broken symbolic link"
    if os.path.isdir(path):
        return None if dir_okay else "is a directory"
    if not os.access(path, os.R_OK):
        return "permission denied"
    return None


class InputPath(click.Path):
    """A FILE or INPUT argument: a missing or unreadable path is an ``UnreadableInput`` (exit 3)."""

    def __init__(self, *, dir_okay: bool = True, allow_dash: bool = False) -> None:
        # click's own checks (and their "Error: Invalid value" usage message) are off: ours say it all.
        super().__init__(exists=False, dir_okay=True, readable=False, allow_dash=allow_dash)
        self.directories = dir_okay

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        path = super().convert(value, param, ctx)
        if self.allow_dash and path == "-":
            return path
        problem = input_problem(os.fsdecode(path), dir_okay=self.directories)
        if problem:
            raise UnreadableInput(os.fsdecode(path), problem)
        return path


def closed_pipe() -> NoReturn:
    """The reader of standard output has gone (``| head -1``): it has what it wanted, so exit 0 quietly.

    Standard output is pointed at /dev/null first, so that flushing it at exit raises nothing more.
    """
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(ExitCode.OK)


def output_failed(exc: OSError | None) -> NoReturn:
    """Standard output cannot be written (a full disk, a closed descriptor): one line, exit 2.

    Exit 2 is batch's for an output that cannot be written; nothing is lost, the input is untouched.
    Standard output is pointed at /dev/null first, so that flushing it at exit raises nothing more.
    """
    reason = f"{exc.strerror or exc}" if exc is not None else "it is closed"
    sys.stderr.write(f"wirecut: error: cannot write standard output: {reason}\n")
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(ExitCode.USAGE)


def colour_wanted(flag: bool | None, *, is_terminal: bool, environ: Mapping[str, str]) -> bool:
    """``--color``/``--no-color`` when given; else no colour under ``NO_COLOR``; else colour under
    ``FORCE_COLOR`` (a CI log or ``less -R`` that is no terminal but shows colour); else on a terminal.

    (no-color.org and force-color.org: any non-empty value counts; NO_COLOR wins, as in rich.)

    >>> colour_wanted(None, is_terminal=False, environ={"FORCE_COLOR": "1"})
    True
    """
    if flag is not None:
        return flag
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    return is_terminal


def reference_date_callback(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """``--reference-date``: an ISO date, or a usage error that says what is expected."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO date such as 2024-01-02") from None


F = TypeVar("F", bound=Callable[..., Any])


def reference_date_option(func: F) -> F:
    """The ``--reference-date`` option of every command that parses."""
    return click.option(
        "--reference-date",
        callback=reference_date_callback,
        metavar="YYYY-MM-DD",
        help="Date the texts were published near: gives a year to datelines without one.",
    )(func)


def parse_input(name: str, command: str, reference_date: dt.date | None, *, typed: bool = False) -> Story:
    """Parse a FILE argument, or standard input for "-"; raises ``InputError`` for input that is not text.

    A "-" with a terminal for standard input is a usage error (the user forgot to pipe something in),
    unless ``typed``: the user asked for "-" by name and will type the text.
    """
    from wirecut import parse_bytes, parse_file, read_limited

    if name == "-":
        if sys.stdin is None or (sys.stdin.isatty() and not typed):
            raise click.UsageError(f"no input: give a FILE, or pipe text into 'wirecut {command} -'")
        return parse_bytes(read_limited(sys.stdin.buffer, "standard input"), source="-", reference_date=reference_date)
    return parse_file(name, reference_date=reference_date)
