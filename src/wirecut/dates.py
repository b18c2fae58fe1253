"""Reading written dates and giving them an ISO form.

Contract:
    ``read_date("Sept. 29")`` gives ``(None, 9, 29)``; ``read_date("April 19, 2016")`` gives
    ``(2016, 4, 19)``; ``read_date("4月19日")`` gives ``(None, 4, 19)``. ``iso_date`` applies the
    contract's rule for a year taken from elsewhere: the year that puts the date closest to the date it
    was taken from (a ``Dec. 31`` dateline beside a 2024-01-02 stamp is 2023-12-31).
"""

from __future__ import annotations

import datetime as dt

import regex

from wirecut.lexicon import DEFAULT_LEXICON, Lexicon
from wirecut.patterns import lazy

# A four-digit year in a written date, 1900-2099 (wire archives start with Reuters-21578's 1987).
YEAR_RE = lazy(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")

# Day numbers with an English ordinal suffix, as WAM writes them ("5th January 2016").
DAY_RE = lazy(r"(?<!\d)([0-3]?\d)(?:st|nd|rd|th|er|º|\.)?(?!\d)")

# Chinese and Japanese dates: 4月19日, 2016年4月19日, with Arabic, full-width or Chinese numerals.
CJK_DATE_RE = lazy(
    r"""(?:(?P<year>[0-9０-９]{4}|[〇零一二三四五六七八九]{4})年)?
        (?P<month>[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})月
        (?P<day>[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})日""",
    regex.VERBOSE,
)

# Latin and Cyrillic month names, in the order the alternation must try them.
WORD_RE = lazy(r"[\p{L}][\p{L}\p{M}]*\.?")  # with the vowel signs of Devanagari and Bengali ("नवंबर")

# A date in figures, day first, as AFP's Arabic service and European sites write it in datelines:
# "25-11-2023", "25.11.2023". (A slash is left out: American pages put the month first with it.) No
# groups: the dateline patterns take it in as it is.
NUMERIC_DATE = r"(?<!\d)(?:[0-3]?\d-[01]?\d-|[0-3]?\d\.[01]?\d\.)(?:19|20)\d\d(?!\d)"
_NUMERIC_DATE_RE = lazy(NUMERIC_DATE)
_NUMERIC_DATE_JOINT_RE = lazy(r"[-.]")

_CHINESE_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(written: str) -> int | None:
    """Value of a small number in Arabic, full-width or Chinese numerals.

    >>> chinese_number("二十七"), chinese_number("十二"), chinese_number("２０")
    (27, 12, 20)
    """
    written = written.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if written.isdigit():
        return int(written)
    if len(written) == 4 and "十" not in written:  # a year written digit by digit: 二〇一六
        digits = [_CHINESE_DIGITS.get(c) for c in written]
        if None in digits:
            return None
        return int("".join(str(d) for d in digits))
    if "十" in written:
        tens_part, _, units_part = written.partition("十")
        tens = _CHINESE_DIGITS.get(tens_part) if tens_part else 1
        units = _CHINESE_DIGITS.get(units_part) if units_part else 0
        if tens is None or units is None:
            return None
        return tens * 10 + units
    if len(written) == 1:
        return _CHINESE_DIGITS.get(written)
    return None


def read_date(written: str, lexicon: Lexicon = DEFAULT_LEXICON) -> tuple[int | None, int, int] | None:
    """Year (or None), month and day of a written date, or None when it names no valid day.

    Month names are read with ``lexicon`` (a parser passes ``state.lexicon``).

    >>> read_date("Sept. 29"), read_date("5th January 2016"), read_date("16 февраля")
    ((None, 9, 29), (2016, 1, 5), (None, 2, 16))
    >>> read_date("25-11-2023"), read_date("31.02.2023")
    ((2023, 11, 25), None)
    """
    cjk = CJK_DATE_RE.search(written)
    if cjk:
        month = chinese_number(cjk.group("month"))
        day = chinese_number(cjk.group("day"))
        year = chinese_number(cjk.group("year")) if cjk.group("year") else None
        return _checked(year, month, day)
    if _NUMERIC_DATE_RE.fullmatch(written.strip()):
        day, month, year = (int(part) for part in _NUMERIC_DATE_JOINT_RE.split(written.strip()))
        return _checked(year, month, day)
    month = None
    for word in WORD_RE.findall(written):
        month = lexicon.month_number(word)
        if month:
            break
    if month is None:
        return None
    without_years = YEAR_RE.sub(" ", written)
    day_match = DAY_RE.search(without_years)
    if not day_match:
        return None
    year_match = YEAR_RE.search(written)
    year = int(year_match.group(1)) if year_match else None
    return _checked(year, month, int(day_match.group(1)))


def checked_date(year: int | None, month: int | None, day: int | None) -> tuple[int | None, int, int] | None:
    """``(year, month, day)`` when they name a real day (any year's, without one), else None.

    Every date wirecut reads goes through here before it gets an ISO form: "31/02/2019" names no day.

    >>> checked_date(2019, 2, 31), checked_date(None, 2, 29), checked_date(2019, 2, 29), checked_date(2016, 2, 29)
    (None, (None, 2, 29), None, (2016, 2, 29))
    """
    if month is None or day is None or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year, so Feb 29 stays valid without a year
    except ValueError:
        return None
    return year, month, day


_checked = checked_date


def closest_year(month: int, day: int, near: dt.date) -> int:
    """The year that puts month/day closest to ``near``.

    >>> closest_year(12, 31, dt.date(2024, 1, 2))
    2023
    """
    best_year, best_gap = near.year, None
    for year in (near.year - 1, near.year, near.year + 1):
        try:
            gap = abs((dt.date(year, month, day) - near).days)
        except ValueError:  # Feb 29 in a year that has none
            continue
        if best_gap is None or gap < best_gap:
            best_year, best_gap = year, gap
    return best_year


def iso_date(parts: tuple[int | None, int, int] | None, near: dt.date | None) -> str | None:
    """``YYYY-MM-DD`` when a year is known or can be taken from ``near``, else ``--MM-DD``."""
    if parts is None:
        return None
    if checked_date(*parts) is None:
        return None
    year, month, day = parts
    if year is None and near is not None:
        year = closest_year(month, day, near)
        if checked_date(year, month, day) is None:  # Feb 29 in three years without one: no year given
            year = None
    if year is None:
        return f"--{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"
