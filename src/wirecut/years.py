"""The year of every dateline, decided once, after the parsers.

Contract:
    Reads: ``findings.caption_date`` (a caption's full date), ``findings.page_date`` (a page stamp's),
    ``state.reference_date`` (the caller's), and the dateline, caption and related claims.
    Writes: every dateline whose date has no year (``date_iso`` of ``--MM-DD``: the story's, each
    caption's, each teaser's) gets the year of the first source in the contract's order, the one
    that puts the date closest to that source's date: a dated caption, else a page stamp, else the
    reference date. A dateline with its own year keeps it; with no source, ``--MM-DD`` stays.
    Never: gives a year that makes no real date (Feb 29 near no leap year stays ``--02-29``).

The parsers build datelines without a year so that this order is applied in one place, the same for
every dateline of a text: a listing's teasers are dated in the year of the story beside them.

>>> import datetime as dt
>>> from wirecut.story import Dateline
>>> from wirecut.spans import Span
>>> teaser = Dateline("BEIJING, Dec. 31 (Xinhua) --", "BEIJING", "Dec. 31", "--12-31", "Xinhua", Span(0, 27))
>>> with_year(teaser, dt.date(2024, 1, 2)).date_iso
'2023-12-31'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from wirecut.dates import iso_date
from wirecut.spans import ParseState
from wirecut.story import Caption, Dateline, Related


def year_source(state: ParseState) -> dt.date | None:
    """The date a dateline without a year takes its year from, in the contract's order, or None."""
    found = state.findings
    if found.caption_date is not None:
        return dt.date(*found.caption_date)
    if found.page_date is not None:
        return found.page_date
    return state.reference_date


def with_year(dateline: Dateline, near: dt.date | None) -> Dateline:
    """``dateline`` with the year closest to ``near`` when its date has none (else as it is)."""
    iso = dateline.date_iso
    if near is None or iso is None or not iso.startswith("--"):
        return dateline
    month, day = int(iso[2:4]), int(iso[5:7])
    full = iso_date((None, month, day), near)
    if full is None:
        return dateline
    try:
        dt.date.fromisoformat(full)
    except ValueError:
        return dateline
    return replace(dateline, date_iso=full)


def resolve_years(state: ParseState) -> None:
    """Give every dateline of the parse without a year its year (see the module's contract)."""
    near = year_source(state)
    if near is None:
        return
    for index, claim in enumerate(state.claims):
        part = claim.part
        if claim.label == "dateline" and isinstance(part, Dateline):
            made = with_year(part, near)
            if made is not part:
                state.replace_part(index, made)
                if state.findings.dateline is part:
                    state.findings.dateline = made
        elif claim.label in ("caption", "related") and isinstance(part, (Caption, Related)) and part.dateline:
            dated = with_year(part.dateline, near)
            if dated is not part.dateline:
                state.replace_part(index, replace(part, dateline=dated))
