"""Option pieces that several commands share (the sqlite-utils habit: one definition, many commands)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import click


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
