"""Option pieces that several commands share (the sqlite-utils habit: one definition, many commands)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from wirecut.story import Story


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
    from wirecut import parse_bytes, parse_file

    if name == "-":
        if sys.stdin is None or (sys.stdin.isatty() and not typed):
            raise click.UsageError(f"no input: give a FILE, or pipe text into 'wirecut {command} -'")
        return parse_bytes(sys.stdin.buffer.read(), source="-", reference_date=reference_date)
    return parse_file(name, reference_date=reference_date)
