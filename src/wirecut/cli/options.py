"""Option pieces that several commands share (the sqlite-utils habit: one definition, many commands)."""

from __future__ import annotations

import datetime as dt

import click


def reference_date_callback(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """``--reference-date``: an ISO date, or a usage error that says what is expected."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO date such as 2024-01-02") from None
