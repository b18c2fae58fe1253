"""Furniture: the page's own lines around a story, told by their shape in any language.

Contract:
    Claims: residue of kinds ``timestamp`` (with a validated ``iso``, or none), ``navigation``,
    ``share``, ``advertisement`` and ``unknown``, in two passes.
    ``claim_forms`` (called by the residue parser, before every story parser) claims whole units
    (lines, or pieces between double spaces) that are wholly one form, wherever they stand: a stamp
    in any notation and language (``Updated: Jan 10, 2024 16:05 IST``, ``Publié le 16.08.2023 à
    11:42``); a meta line of short pieces and stamps between separators (``Posted in World | March
    14, 2022``); a breadcrumb or a menu (``Home / Africa / Economy``, ``A · B · C``); a ``Label:
    value`` tag line (``Archivado en: India, Aviación``, ``Keywords #chip exports``); a UI phrase
    of the lexicon (``Email This Article``, ``Ad Feedback``); a cookie banner's sentence with its
    button; an aggregator's disclaimer; an SEC filing's exhibit token; a column of six or more link
    labels on lines of their own before the page's first prose or after its last (a side menu).
    ``parse`` (the rule ``furniture``, after the byline parser and before the headline parser)
    claims by position: the units before the story's title, and the short units after the story's
    last sentence, when they are not prose.
    Reads: the text, the free spans, the claims of the parsers before it (dateline, bylines,
    captions, teasers, notes), ``state.lexicon`` (``furniture.json``: function words, weekdays,
    stamp labels and joiners, meta labels, UI phrases, consent buttons, disclaimer labels; months).
    Writes: no findings.
    Never: claims prose. Prose is a unit dense in its language's function words that reads as a
    sentence (jusText's insight: a story's sentences are full of "the", "de", "и", "的"; a menu,
    a section's name or a button has few or none), and it stays for the story's parsers.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from typing import NamedTuple

import regex

from wirecut.lexicon import Lexicon
from wirecut.patterns import lazy
from wirecut.spans import ParseState, Span
from wirecut.story import Residue
from wirecut.text import clean, trim, units

# Scripts written without spaces between words: their density is counted in characters.
_UNSPACED = ("zh", "ja")
_CJK_RE = lazy(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_WORD_RE = lazy(r"[\p{L}\p{M}][\p{L}\p{M}'’\-]*")
_DIGIT_RE = lazy(r"\d")

# A unit that ends as a sentence ends: a stop, a question or exclamation mark, an ideographic stop,
# then any closing quotes or brackets.
_SENTENCE_END_RE = lazy(r"(?:[.!?。！？]|…)[\"”’»)\]]*$")


class Features(NamedTuple):
    """What a unit's shape says: its words, its function-word density, whether it reads as a sentence."""

    words: int
    density: float
    sentence: bool
    cjk: int


def _function_words(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    by_lang = lexicon.marker_languages("function_words")
    built = {lang: frozenset(w.lower() for w in forms) for lang, forms in by_lang.items()}
    # Any language's words count where the language is not told: a page mixes its site's language with
    # the story's, and furniture has few function words in any of them. Scripts without spaces between
    # words (Chinese, Japanese) are counted in characters, Korean by its particles at a word's end.
    built["und"] = frozenset(w for lang, forms in built.items() if lang not in (*_UNSPACED, "ko") for w in forms)
    built["cjk"] = frozenset(w for lang in _UNSPACED for w in built.get(lang, ()))
    return built


_HANGUL_RE = lazy(r"\p{Hangul}")


def features(raw: str, lexicon: Lexicon, lang: str = "und") -> Features:
    """The shape of one unit, its density counted in ``lang``'s function words or, by default, any language's.

    >>> from wirecut.lexicon import DEFAULT_LEXICON as L
    >>> features("Home / Africa / Economy", L).density
    0.0
    >>> features("The ministry said it would send experts to the valley.", L).sentence
    True
    """
    table = lexicon.derived(_function_words)
    cjk = len(_CJK_RE.findall(raw)) if not raw.isascii() else 0
    sentence = bool(_SENTENCE_END_RE.search(raw))
    if lang == "und" and cjk and _HANGUL_RE.search(raw):
        lang = "ko"
    if lang in _UNSPACED or (lang != "ko" and cjk and cjk * 2 >= len(raw.replace(" ", ""))):
        words = table.get(lang) if lang in _UNSPACED else table["cjk"]
        hits = sum(raw.count(w) * len(w) for w in words or ())
        return Features(len(raw.split()), hits / max(1, cjk), sentence, cjk)
    # ASCII is lowered before the scan, once: it changes no word's letters or length there (Greek's
    # final sigma, for one, depends on what follows the word).
    found = _WORD_RE.findall(raw.lower()) if raw.isascii() else [w.lower() for w in _WORD_RE.findall(raw)]
    words = table.get(lang) or table["und"]
    if lang == "ko":
        hits = sum(1 for w in found if any(w.endswith(p) for p in words))
    else:
        hits = sum(1 for w in found if w in words)
    return Features(len(found), hits / max(1, len(found)), sentence, cjk)


def is_prose(shape: Features) -> bool:
    """A unit of the story's prose: dense in function words, and a sentence or long.

    The thresholds are low on purpose: prose must never be taken for furniture, and a page's
    furniture has next to no function words (a menu, a section's name, a button).
    """
    if shape.cjk >= 20:
        return shape.density >= 0.04 and (shape.sentence or shape.cjk >= 40)
    if shape.words >= 15:
        return shape.density >= 0.15
    return shape.words >= 6 and shape.sentence and shape.density >= 0.15


# ---------------------------------------------------------------------------------------------------
# Stamps: a unit whose every token is a number, a month or weekday of any language, a clock time, a
# time zone, a joiner ("at", "à", "um") or a separator, with an optional label before it.

_STAMP_TOKEN_RE = lazy(
    r"""
      (?P<cjkdate>(?:\d{4}年)?[01]?\d月[0-3]?\d日)                              # 2023年09月27日 (CNS, Xinhua)
    | (?P<numdate>\d{1,4}[./\-]\d{1,2}[./\-]\d{2,4})(?!\d)                    # 16.08.2023, 2022-11-15, 02/23/2009
    | (?P<clock>[0-2]?\d(?::|h|\.(?=[0-5]\d(?!\d)))[0-5]\d(?::[0-5]\d(?:[.,]\d{1,3})?)?(?!\d)  # 16:05, 11h42, 12:01:33.51
        |[0-2]?\d[時时点][0-5]?\d分)                                              # 12時05分 (Japanese, Chinese pages)
    | (?P<number>\d{1,4})(?:st|nd|rd|th|er|e|º|\.)?(?!\d)                     # 14, 2022, 9th, "2." (German day)
    | (?P<word>[\p{L}\p{M}]+\.?)                                              # a month, weekday, joiner or zone
    | (?P<mark>[,;|/()\[\]·•\-–—:：])                                         # separators
    | (?P<space>\s+)
    | (?P<other>.)
    """,
    regex.VERBOSE,
)

# Zones that do not end in "T" as most do (IST, GMT, EDT, HKT, NZT).
_ZONES = frozenset(["utc", "z", "wib", "wita", "wit", "myt", "bjt", "gmt"])


def _stamp_words(lexicon: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    weekdays = frozenset(w.lower() for forms in lexicon.marker_languages("weekdays").values() for w in forms)
    joiners = frozenset(
        w.lower().rstrip(".") for forms in lexicon.marker_languages("stamp_joiner").values() for w in forms
    )
    return weekdays, joiners


def _stamp_label_re(lexicon: Lexicon) -> regex.Pattern[str]:
    return lexicon.derived(_build_stamp_label_re)


def _build_stamp_label_re(lexicon: Lexicon) -> regex.Pattern[str]:
    # "Updated:", "Publié le", "Last updated on", "发布时间：": a label, its colon, then the stamp.
    return regex.compile(rf"(?:{lexicon.alternation('stamp_label')})(?:\s+(?i:on|at|le|el|am|il|em))?\s*[:：]?\s*")


def stamp_iso(raw: str, lexicon: Lexicon) -> tuple[bool, str | None]:
    """Whether ``raw`` is wholly a date-and-time stamp, and the ISO date it names (None if no real day).

    >>> from wirecut.lexicon import DEFAULT_LEXICON as L
    >>> stamp_iso("Updated: Jan 10, 2024 16:05 IST", L)
    (True, '2024-01-10')
    >>> stamp_iso("Publié le 16.08.2023 à 11:42", L)
    (True, '2023-08-16')
    >>> stamp_iso("15:40, December 31, 2023", L), stamp_iso("Mon, 02/23/2009 - 12:46", L)
    ((True, '2023-12-31'), (True, '2009-02-23'))
    >>> stamp_iso("BEIJING, April 19", L), stamp_iso("FRIDAY, March 3", L), stamp_iso("2019-02-31 10:00", L)
    ((False, None), (False, None), (True, None))
    """
    label = _stamp_label_re(lexicon).match(raw)
    pos = label.end() if label else 0
    weekdays, joiners = lexicon.derived(_stamp_words)
    month = day = year = None
    numeric: str | None = None
    clock = False
    numbers: list[int] = []
    for m in _STAMP_TOKEN_RE.finditer(raw, pos):
        kind = m.lastgroup
        token = m.group(0)
        if kind in ("space", "mark"):
            continue
        if kind == "other":
            return False, None
        if kind == "cjkdate" or kind == "numdate":
            if numeric is not None:
                return False, None
            numeric = token
        elif kind == "clock":
            if clock:
                return False, None
            clock = True
        elif kind == "number":
            numbers.append(int(m.group("number")))
            if len(numbers) > 2:
                return False, None
        else:
            word = token.lower().rstrip(".")
            found = lexicon.month_number(word)
            if found and month is None:
                month = found
            elif (
                word in weekdays
                or word in joiners
                or word in _ZONES
                or (token.isupper() and 2 <= len(token) <= 5 and token[-1] == "T")
            ):
                continue
            else:
                return False, None
    if numeric is not None:
        if numbers or month is not None:
            return False, None
        return True, _iso_of_numeric(numeric)
    if month is None:
        return False, None
    for n in numbers:
        if 1900 <= n <= 2099 and year is None:
            year = n
        elif 1 <= n <= 31 and day is None:
            day = n
        else:
            return False, None
    if day is None or not (year or clock):
        return False, None  # "FRIDAY, March 3" heads a list of events in a story: no page stamp
    return True, _checked_iso(year, month, day)


_CJK_NUMERIC_RE = lazy(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")
_YEAR_FIRST_RE = lazy(r"(\d{4})[./\-](\d{1,2})[./\-](\d{1,2})")
_YEAR_LAST_RE = lazy(r"(\d{1,2})[./\-](\d{1,2})[./\-](\d{2,4})")


def _iso_of_numeric(written: str) -> str | None:
    """The ISO date of a numeric date: year first, or day first unless the second number is no month."""
    m = _CJK_NUMERIC_RE.fullmatch(written)
    if m:
        return _checked_iso(int(m.group(1)) if m.group(1) else None, int(m.group(2)), int(m.group(3)))
    m = _YEAR_FIRST_RE.fullmatch(written)
    if m:
        return _checked_iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _YEAR_LAST_RE.fullmatch(written)
    if not m or len(m.group(3)) == 3:
        return None
    day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if month > 12 >= day:  # "02/23/2009": the United States' order
        day, month = month, day
    return _checked_iso(year if year >= 100 else 2000 + year, month, day)


def _checked_iso(year: int | None, month: int, day: int) -> str | None:
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: Feb 29 with no year stays valid
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


# ---------------------------------------------------------------------------------------------------
# Meta lines, breadcrumbs and menus: pieces between separators.

# The separators between a meta line's pieces: "|", "·", "•", and a dash between spaces.
_META_SEPARATOR_RE = lazy(r"[ \t]+(?:\||·|•|-|–|—)[ \t]+|[ \t]*[|·•][ \t]*")

_BY_RE = lazy(r"(?i:by|von|par|por|di|av|af)\s")

# A breadcrumb's separators: an arrow or a guillemet (two pieces make a trail), or a slash between
# spaces (three do: "Home / Africa / Economy").
# A menu's separators: a bar or a middle dot, never a dash (dashes join a sentence's clauses).
_MENU_SEPARATOR_RE = lazy(r"[ \t]*[|·•][ \t]*")
_DASH_ONLY_RE = lazy(r"[ \t]+[\-–—][ \t]+")

_CLOCK_ONLY_RE = lazy(r"[0-2]?\d[:h][0-5]\d(?::[0-5]\d)?")

_CRUMB_ARROW_RE = lazy(r"[ \t]+>[ \t]+|[ \t]*(?:»|›|→)[ \t]*")
_CRUMB_SLASH_RE = lazy(r"[ \t]+/[ \t]+")


def _is_label_piece(piece: str, most_words: int = 4) -> bool:
    """A piece of a trail or a meta line: a few words, a letter first, no sentence, no clause."""
    words = piece.split()
    return (
        0 < len(words) <= most_words
        and _WORD_RE.match(piece) is not None
        and not _SENTENCE_END_RE.search(piece)
        and len(piece) <= 60
    )


def _split(raw: str, separator: regex.Pattern[str]) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    pos = 0
    for m in separator.finditer(raw):
        pieces.append(trim(raw, pos, m.start()))
        pos = m.end()
    pieces.append(trim(raw, pos, len(raw)))
    return pieces


def _is_trail(raw: str) -> bool:
    """A breadcrumb or a menu: "Startseite > Wirtschaft", "Home / Africa / Economy", "A · B · C".

    >>> _is_trail("Home / Africa / Economy"), _is_trail("Startseite > Wirtschaft"), _is_trail("24 / 7")
    (True, True, False)
    """
    for separator, least in ((_CRUMB_ARROW_RE, 2), (_CRUMB_SLASH_RE, 3), (_MENU_SEPARATOR_RE, 3)):
        pieces = _split(raw, separator)
        if len(pieces) >= least and all(_is_label_piece(raw[a:b]) for a, b in pieces):
            return True
    return False


# ---------------------------------------------------------------------------------------------------
# Label lines: tags and sections after a label of the lexicon, hashtag chips.

_HASHTAGS_RE = lazy(r"(?:#[\p{L}\p{N}][\p{L}\p{N}_\-]*(?:[ \t]+[\p{L}\p{N}][\p{L}\p{N}_\-]*){0,3}[ \t]*){1,30}")
_LIST_SEPARATOR_RE = lazy(r"[ \t]*[,;，、/|][ \t]*")


def _meta_label_re(lexicon: Lexicon) -> regex.Pattern[str]:
    return lexicon.derived(_build_meta_label_re)


def _build_meta_label_re(lexicon: Lexicon) -> regex.Pattern[str]:
    return regex.compile(rf"(?:{lexicon.alternation('meta_label')})(?:[ \t]*[:：])?[ \t]*")


def _is_tag_line(raw: str, lexicon: Lexicon) -> bool:
    """``Archivado en: India, Aviación``, ``Tags: Kazakhstan, Russia``, ``Keywords #chip exports``.

    >>> from wirecut.lexicon import DEFAULT_LEXICON as L
    >>> _is_tag_line("Archivado en: India, Aviación", L), _is_tag_line("#Bitcoin #Crypto", L)
    (True, True)
    >>> _is_tag_line("Tags: the minister said the talks would resume next week.", L)
    False
    """
    label = _meta_label_re(lexicon).match(raw)
    value = raw[label.end() :] if label else raw
    if not value.strip():
        return label is not None and label.group(0).rstrip().endswith((":", "："))
    if _HASHTAGS_RE.fullmatch(value):
        return True
    if label is None or len(value) > 200:
        return False
    pieces = _split(value, _LIST_SEPARATOR_RE)
    return all(_is_label_piece(value[a:b]) for a, b in pieces)


# ---------------------------------------------------------------------------------------------------
# Whole-unit phrases of the lexicon: buttons and prompts.

_UI_KINDS = (
    ("ui_advertisement", "advertisement"),
    ("ui_share", "share"),
    ("ui_navigation", "navigation"),
    ("ui_unknown", "unknown"),
)


def _fills_its_line(text: str, unit: _Unit) -> bool:
    line_start = text.rfind("\n", 0, unit.start) + 1
    line_end = text.find("\n", unit.end)
    return (
        not text[line_start : unit.start].strip()
        and not text[unit.end : len(text) if line_end == -1 else line_end].strip()
    )


def _relative_day_re(lexicon: Lexicon) -> regex.Pattern[str]:
    return lexicon.derived(_build_relative_day_re)


def _build_relative_day_re(lexicon: Lexicon) -> regex.Pattern[str]:
    # A listing's day relative to its reading, alone or with a clock time: "Yesterday", "Today 14:05",
    # "Heute, 10:32 Uhr", "昨天 09:15".
    clock = r"[0-2]?\d[:.h][0-5]\d(?:\s?(?:[AaPp]\.?[Mm]\.?|Uhr|h))?"
    return regex.compile(
        rf"(?:{lexicon.alternation('relative_day')})(?:,?[ \t]*(?:at[ \t]+|um[ \t]+|à[ \t]+)?{clock})?"
    )


def _ui_patterns(lexicon: Lexicon) -> tuple[tuple[regex.Pattern[str], str], ...]:
    return lexicon.derived(_build_ui_patterns)


def _build_ui_patterns(lexicon: Lexicon) -> tuple[tuple[regex.Pattern[str], str], ...]:
    # A phrase alone as a unit, with a colon, an ellipsis or an arrow after it ("Like this:"); one
    # pattern of every kind, each kind a named group, so that a unit costs one match.
    groups = "|".join(f"(?P<{kind}>{lexicon.alternation(kind)})" for kind, _ in _UI_KINDS)
    return ((regex.compile(rf"(?:{groups})[ \t]*(?:[:：]|\.\.\.|…|»|›|>)?"), ""),)


def ui_kind(raw: str, lexicon: Lexicon) -> str | None:
    """The residue kind of a unit that is wholly a UI phrase ("Email This Article"), or None."""
    pattern = _ui_patterns(lexicon)[0][0]
    m = pattern.fullmatch(raw)
    if m is None:
        return None
    return dict(_UI_KINDS)[m.lastgroup] if m.lastgroup else None


# ---------------------------------------------------------------------------------------------------
# Cookie banners, disclaimers, SEC exhibits.

# Sentences of a unit: each runs to a stop followed by space, or to the unit's end.
_SENTENCE_RE = lazy(r"[^.!?。！？]*(?:[.!?。！？]+[\"”’»)]*|$)")


def _consent_re(lexicon: Lexicon) -> regex.Pattern[str]:
    return lexicon.derived(_build_consent_re)


def _build_consent_re(lexicon: Lexicon) -> regex.Pattern[str]:
    # One to three buttons in a row: "Accept all  Reject all", "Alle akzeptieren".
    one = lexicon.alternation("consent")
    return regex.compile(rf"{one}(?:[ \t]*[|/·]?[ \t]*{one}){{0,2}}")


def _disclaimer_re(lexicon: Lexicon) -> regex.Pattern[str]:
    return lexicon.derived(_build_disclaimer_re)


def _build_disclaimer_re(lexicon: Lexicon) -> regex.Pattern[str]:
    return regex.compile(rf"(?:{lexicon.alternation('disclaimer_label')})[ \t]*[:：]")


# An SEC filing's exhibit header as EDGAR's text dumps keep it: type, sequence, file name
# ("EX-99.1 2 v200568_ex99-1.htm"), or the type alone at a unit's start.
SEC_EXHIBIT_RE = lazy(
    r"""(?<![\w\-])EX-\d{1,3}(?:\.\d{1,3})?(?![\w.])
        (?:[ \t]+\d{1,3}(?!\S))?
        (?:[ \t]+[\w\-]{1,80}\.(?:htm|html|txt)(?!\w))?""",
    regex.VERBOSE,
)


class _Unit(NamedTuple):
    start: int
    end: int


def _claim(state: ParseState, kind: str, start: int, end: int, iso: str | None = None, *, exact: bool = False) -> None:
    """Claim residue, trimmed, or ``exact`` (a meta line's label keeps the space up to its stamp)."""
    if not exact:
        start, end = trim(state.text, start, end)
    if start < end:
        raw = state.text[start:end]
        state.claim("residue", start, end, Residue(kind, clean(raw), Span(start, end), iso), "furniture")


def _claim_meta_line(state: ParseState, unit: _Unit) -> bool:
    """A line of short pieces and at least one stamp between separators ("Posted in World | March 14, 2022")."""
    text = state.text
    raw = text[unit.start : unit.end]
    if not _META_SEPARATOR_RE.search(raw):
        return False
    pieces = [(a, b) for a, b in _split(raw, _META_SEPARATOR_RE) if a < b]
    stamps = [stamp_iso(raw[a:b], state.lexicon) for a, b in pieces]
    if not any(is_stamp for is_stamp, _ in stamps):
        return False
    # A clock time beside a date is the date's time ("Dec 9, 2018 - 21:37").
    for index, (a, b) in enumerate(pieces):
        beside = [stamps[j][0] for j in (index - 1, index + 1) if 0 <= j < len(pieces)]
        if _CLOCK_ONLY_RE.fullmatch(raw, a, b) and any(beside):
            stamps[index] = (True, None)
    # Between dashes only, a label is a site's name in capitals or two words ("KYODO NEWS - Dec 9, 2018");
    # a title before its date ("Grenada In Crisis - Friday 10, September 2004") is the headline's.
    dashes = not _MENU_SEPARATOR_RE.search(raw)
    for (a, b), (is_stamp, _) in zip(pieces, stamps):
        piece = raw[a:b]
        if is_stamp:
            continue
        if not _is_label_piece(piece) or ":" in piece or _BY_RE.match(piece):
            return False  # "Source: Xinhua | ... | Editor: ...", "By Ann Lee | ...": notes' and bylines'
        if dashes and not (piece.isupper() or len(piece.split()) <= 2):
            return False
    # Stamps side by side are one stamp ("Dec 9, 2018 - 21:37"); each other piece is the page's label,
    # which takes the separator between it and a stamp, so that no gap of white space is left inside
    # the line ("Posted in World |", "| Sports, All").
    groups: list[tuple[int, int, bool, str | None]] = []
    for (a, b), (is_stamp, iso) in zip(pieces, stamps):
        if groups and is_stamp and groups[-1][2] and (groups[-1][3] is None or iso is None):
            groups[-1] = (groups[-1][0], b, True, groups[-1][3] or iso)
        else:
            groups.append((a, b, is_stamp, iso))
    for index, (a, b, is_stamp, iso) in enumerate(groups):
        if is_stamp:
            _claim(state, "timestamp", unit.start + a, unit.start + b, iso)
            continue
        start = groups[index - 1][1] if index > 0 and groups[index - 1][2] else a
        end = groups[index + 1][0] if index + 1 < len(groups) and groups[index + 1][2] else b
        _claim(state, "navigation", unit.start + start, unit.start + end, exact=True)
    return True


def _claim_cookie_banner(state: ParseState, unit: _Unit, following: _Unit | None) -> bool:
    """A sentence about cookies with its consent button after it, in the same unit or the next one."""
    text = state.text
    lowered = state.lowered[unit.start : unit.end]
    if not any(word.lower() in lowered for word in state.lexicon.marker_forms("cookie")):
        return False
    consent = _consent_re(state.lexicon)
    sentences = [m.span() for m in _SENTENCE_RE.finditer(text, unit.start, unit.end) if m.end() > m.start()]
    cookie_sentences = [
        (a, b)
        for a, b in sentences
        if any(w.lower() in state.lowered[a:b] for w in state.lexicon.marker_forms("cookie"))
        and len(text[a:b].split()) >= 4
    ]
    if not cookie_sentences:
        return False
    last = cookie_sentences[-1][1]
    rest = trim(text, last, unit.end)
    button_here = rest[0] < rest[1] and consent.fullmatch(text, rest[0], rest[1]) is not None
    button_next = following is not None and consent.fullmatch(text, following.start, following.end) is not None
    if not (button_here or button_next):
        return False
    first = cookie_sentences[0][0]
    # The banner and its button in one unit are one residue: "We use cookies ... Accept All Cookies".
    _claim(state, "unknown", first, rest[1] if button_here else last)
    if button_next and following is not None:
        _claim(state, "unknown", following.start, following.end)
    return True


def _first_words(lexicon: Lexicon) -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """What a unit must hold for a form to be worth trying: a meta label's first word, the words of a
    cookie banner and of a disclaimer's label (lower case)."""
    labels = frozenset(f.split()[0].lower() for f in lexicon.marker_forms("meta_label"))
    cookies = tuple(f.lower() for f in lexicon.marker_forms("cookie"))
    disclaimers = tuple(f.lower() for f in lexicon.marker_forms("disclaimer_label"))
    return labels, cookies, disclaimers


# The marks a trail or a menu is built of; a unit without any is none.
_TRAIL_MARKS = frozenset("/>»›→|·•")
_FIRST_WORD_RE = lazy(r"[^\s:：]+")


def claim_forms(state: ParseState) -> None:
    """Claim the units that are wholly one furniture form (the residue parser's first step)."""
    text = state.text
    lowered = state.lowered
    lexicon = state.lexicon
    labels, cookies, disclaimers = lexicon.derived(_first_words)
    # Whole-text checks first: most texts hold no cookie banner and no disclaimer.
    cookie_page = any(word in lowered for word in cookies)
    disclaimer_page = any(word in lowered for word in disclaimers)
    found = [_Unit(a, b) for run in list(state.free_runs()) for a, b in units(text, run.start, run.end)]
    for index, unit in enumerate(found):
        if not state.is_free(unit.start, unit.end):
            continue
        raw = text[unit.start : unit.end]
        following = found[index + 1] if index + 1 < len(found) else None
        if cookie_page and _claim_cookie_banner(state, unit, following):
            continue
        if disclaimer_page and len(raw) <= 2000 and _disclaimer_re(lexicon).match(raw):
            _claim(state, "unknown", unit.start, unit.end)
            continue
        if len(raw) > 300:
            continue
        digit = _DIGIT_RE.search(raw) is not None
        if digit:
            is_stamp, iso = stamp_iso(raw, lexicon)
            if is_stamp and not raw.endswith("."):  # "January 19, 1984." closes a list or a table's line
                _claim(state, "timestamp", unit.start, unit.end, iso)
                continue
        if len(raw) <= 60:
            kind = ui_kind(raw, lexicon)
            if kind is not None:
                _claim(state, kind, unit.start, unit.end)
                continue
            if _relative_day_re(lexicon).fullmatch(raw) and not raw.isupper() and _fills_its_line(text, unit):
                # "Yesterday", "Heute, 10:32 Uhr": a stamp with no date, on a line of its own (a table's
                # "TODAY   PREVIOUS" columns are the table's)
                _claim(state, "timestamp", unit.start, unit.end)
                continue
        marks = not _TRAIL_MARKS.isdisjoint(raw)
        if digit and (marks or " - " in raw or " – " in raw or " — " in raw) and _claim_meta_line(state, unit):
            continue
        first = _FIRST_WORD_RE.match(raw)
        labelled = "#" in raw or (first is not None and first.group(0).lower() in labels)
        if (marks and _is_trail(raw)) or (labelled and _is_tag_line(raw, lexicon)):
            _claim(state, "navigation", unit.start, unit.end)
            continue
    _claim_menu_blocks(state, found)
    if "ex-" in state.lowered:
        for m in SEC_EXHIBIT_RE.finditer(text):
            at_unit_start = (
                m.start() == 0 or text[m.start() - 1] == "\n" or text[max(0, m.start() - 2) : m.start()] == "  "
            )
            if m.group(0).endswith(("htm", "html", "txt")) or at_unit_start:
                _claim(state, "unknown", m.start(), m.end())


#: Short labels in a row that make a site's column of links (sections, services, mirrors, "About Us"):
#: a story's own lists hold sentences, numbers or fewer items.
_MENU_BLOCK_MIN = 6
_MENU_ITEM_MAX_WORDS = 5
_MENU_ITEM_MAX_CHARS = 40
# A label closes on no sentence mark, colon or comma, and holds no digit (a table's row, a score).
_NOT_A_MENU_ITEM_RE = lazy(r"[\d.!?。！？:：,，;；]")


def _is_menu_item(raw: str) -> bool:
    """A link's label: a few words that open on a capital and read as no sentence, figure or list."""
    return (
        len(raw) <= _MENU_ITEM_MAX_CHARS
        and len(raw.split()) <= _MENU_ITEM_MAX_WORDS
        and raw[:1].isupper()
        and _NOT_A_MENU_ITEM_RE.search(raw) is None
    )


def _line_start(text: str, pos: int) -> bool:
    """Only spaces between ``pos`` and the line break before it (walked back over the run of them only,
    so that a long flattened line is not rescanned for each of its pieces)."""
    at = pos - 1
    while at >= 0 and text[at] in " \t\u00a0\r":
        at -= 1
    return at < 0 or text[at] == "\n"


def _line_end(text: str, pos: int) -> bool:
    """Only spaces between ``pos`` and the next line break."""
    at = pos
    while at < len(text) and text[at] in " \t\u00a0\r":
        at += 1
    return at == len(text) or text[at] == "\n"


def _claim_menu_blocks(state: ParseState, found: list[_Unit]) -> None:
    """Claim runs of ``_MENU_BLOCK_MIN`` or more free lines in a row that are each a link's label,
    before the page's first unit of prose or after its last.

    Portals and wire sites render their side menus and link columns as one short line per link
    ("Message Board / Voice of Readers / China At a Glance / ... / About Us"); no separator marks
    them, only the run of labels and where it stands. A story's headline is one such line, never six;
    a list inside the story, between its paragraphs (a cup draw's fixtures, a party's candidates),
    is the story's.
    """
    text = state.text
    lexicon = state.lexicon
    prose = [i for i, u in enumerate(found) if len(text[u.start : u.end]) > _MENU_ITEM_MAX_CHARS]
    prose = [i for i in prose if is_prose(features(text[found[i].start : found[i].end], lexicon))]
    first_prose = prose[0] if prose else len(found)
    last_prose = prose[-1] if prose else -1
    block: list[int] = []

    def close() -> None:
        inside_story = block and first_prose < block[0] and block[-1] < last_prose
        if len(block) >= _MENU_BLOCK_MIN and not inside_story:
            for index in block:
                _claim(state, "navigation", found[index].start, found[index].end)
        block.clear()

    for index, unit in enumerate(found):
        raw = text[unit.start : unit.end]
        # A unit between double spaces is a table's cell or a flattened line's piece, not a link.
        whole_line = _is_menu_item(raw) and _line_start(text, unit.start) and _line_end(text, unit.end)
        if not whole_line or not state.is_free(unit.start, unit.end):
            close()
            continue
        if block and not state.is_free(found[block[-1]].end, unit.start):
            close()  # something claimed between them: two blocks, not one
        block.append(index)
    close()


# ---------------------------------------------------------------------------------------------------
# Position: before the title, after the last sentence.

# A unit that only a story's parser may take: a kicker before an IPTC title ("Notes de frais GE:").
_KICKER_RE = lazy(r".*[:：]$")


_CLOCK_RE = lazy(r"(?<!\d)[0-2]?\d:[0-5]\d(?!\d)")
_YEAR_RE = lazy(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_BULLET_RE = lazy(r"[*•·\-–—]\s")


def _is_title_like(raw: str, shape: Features, repeated: bool) -> bool:
    """A unit that may be the story's title: a few words (or CJK letters), not a name the page repeats."""
    if repeated and shape.words <= 4:
        return False
    if _CLOCK_RE.search(raw) and _YEAR_RE.search(raw):
        return False  # a page's stamp with its source: "Xinhua) 15:40, December 31, 2023"
    if _BULLET_RE.match(raw):
        return False  # "* Spot gold may edge up": a story's summary bullets, not its title
    if shape.cjk:
        return shape.cjk >= 4 and len(raw) <= 120
    if not 2 <= shape.words <= 30:
        return False
    if raw.endswith((":", "：")) or (raw.endswith(".") and shape.words > 3):
        return False  # a label ("College hockey:") or a sentence ("The News sports editor.")
    if raw.isupper() and shape.words <= 2:
        return False  # "KYODO NEWS": a site's name in capitals
    first = _WORD_RE.search(raw)
    return first is not None and (first.group(0)[0].isupper() or not first.group(0)[0].islower())


# A label and its value ("来源:新华网"), or a row of bracketed buttons ("【打印】【关闭】"): no title.
_LABELLED_RE = lazy(r"[^\s:：]{1,20}[:：]|(?:[【\[][^】\]\n]{1,20}[】\]]\s*)+$")


def _is_strong_title(raw: str, shape: Features) -> bool:
    if _LABELLED_RE.match(raw):
        return False
    if shape.cjk:
        return shape.cjk >= 8
    return sum(1 for w in _WORD_RE.findall(raw) if len(w) >= 2) >= 3  # "Font size: A A A" is no title


#: The longest unit that is looked up as a UI phrase.
_UI_UNIT_CHARS = 60


def _kind_of(raw: str, lexicon: Lexicon) -> str:
    found = ui_kind(raw, lexicon)
    if found:
        return found
    return "navigation" if len(raw.split()) <= 4 else "unknown"


def parse(state: ParseState) -> None:
    """Claim the non-prose units before the story's title and after its last sentence."""
    if any(c.label == "headline" for c in state.claims):
        return  # a wire format's own header (ANPA) placed its headline: its head is its own
    text = state.text
    lexicon = state.lexicon
    anchors = [c.span.start for c in state.claims if c.label in ("dateline", "byline", "caption")]
    anchor = min(anchors) if anchors else None
    found = [_Unit(a, b) for run in list(state.free_runs()) for a, b in units(text, run.start, run.end)]
    # A button or a link label that a claim made after the residue parser's left on a line of its own
    # ("... REUTERS/File Photo Purchase Licensing Rights": the caption took the line's start).
    for unit in found:
        if unit.end - unit.start <= _UI_UNIT_CHARS:
            ui = ui_kind(text[unit.start : unit.end], lexicon)
            if ui is not None:
                _claim(state, ui, unit.start, unit.end)
    found = [u for u in found if state.is_free(u.start, u.end)]
    free = _blocks(text, found, [c.span.start for c in state.claims if c.label == "note"])
    if not free:
        return
    shapes = _Shapes(text, free, lexicon)
    head_end = anchor if anchor is not None else len(text)
    first_prose = None
    for i, unit in enumerate(free):
        if unit.start >= head_end:
            break
        if is_prose(shapes[i]):
            first_prose = i
            break
    if anchor is None and first_prose is None:
        return  # no dateline, byline, caption or sentence: nothing tells where a story would be
    limit = free[first_prose].start if first_prose is not None else head_end
    head = [i for i, u in enumerate(free[: _MOST_HEAD_UNITS + 1]) if u.end <= min(limit, head_end)]
    if len(head) > _MOST_HEAD_UNITS:
        head = []  # a long run of non-prose before the story is a table or a list, not a page's head
    _claim_head(state, free, shapes, head, anchor)
    _claim_tail(state, free, shapes, max(head_end if anchor is not None else limit, limit))
    _claim_prompt_after_last_sentence(state, free[-1])


class _Shapes:
    """The features of the units, computed for those that are asked about (the head and the tail)."""

    __slots__ = ("_done", "_free", "_lexicon", "_text")

    def __init__(self, text: str, free: list[_Unit], lexicon: Lexicon) -> None:
        self._text, self._free, self._lexicon = text, free, lexicon
        self._done: dict[int, Features] = {}

    def __getitem__(self, index: int) -> Features:
        found = self._done.get(index)
        if found is None:
            unit = self._free[index]
            found = self._done[index] = features(self._text[unit.start : unit.end], self._lexicon)
        return found


def _repeated(text: str, unit: _Unit) -> bool:
    """The unit's words stand elsewhere on the page as they are written here (a site's name twice)."""
    return text.count(text[unit.start : unit.end]) > 1


def _claim_head(state: ParseState, free: list[_Unit], shapes: _Shapes, head: list[int], anchor: int | None) -> None:
    text = state.text
    lexicon = state.lexicon
    candidates = [
        i for i in head if _is_title_like(text[free[i].start : free[i].end], shapes[i], _repeated(text, free[i]))
    ]
    if not candidates:
        return  # no title: what stands before the story may hold one that only the headline parser reads
    # A title has some length; "All News", "Video Player" over it are the page's. The last such unit
    # before the story is its title, or the last title-like one when none is long enough.
    strong = [i for i in candidates if _is_strong_title(text[free[i].start : free[i].end], shapes[i])]
    title = (strong or candidates)[-1]
    title_key = _key(text, free[title])
    # A title the page prints twice, whole and in pieces ("... turmoil" then "... turmoil 150 150 admin").
    before = [
        i for i in head if i < title and _key(text, free[i]) not in title_key and title_key not in _key(text, free[i])
    ]
    kicker = free[before[-1]] if before else None
    if (
        kicker
        and _KICKER_RE.fullmatch(text[kicker.start : kicker.end])
        and not text[kicker.end : free[title].start].strip()
    ):
        before.pop()  # the kicker of an IPTC title: the headline parser joins it to the title
    # Right before the story's dateline or byline, the title has nothing of the story between it and
    # them, and what stands before it is the page's. Where no dateline or byline marks the story, the
    # unit before the last title-like one may be the title over a deck ("Japan turns to beer
    # alternatives" over "Japanese brewers are increasingly making money ..."): only what is too
    # short for a title, a name the page repeats or a name in capitals is the page's then.
    after_title = text[free[title].end : free[title].end + 2]
    marked = (
        anchor is not None
        # The title stands alone: a deck runs on into its dateline on one line ("... after 1 am ET.
        # NEW YORK (Reuters) -"), a title ends its line or its piece.
        and ("\n" in after_title or after_title == "  ")
        and any(c.label in ("dateline", "byline") and c.span.start == anchor for c in state.claims)
        and not any(free[i].start >= free[title].end and free[i].end <= anchor for i in range(len(free)))
    )
    for i in before:
        unit = free[i]
        raw = text[unit.start : unit.end]
        weak = not shapes[i].sentence and (
            not _is_title_like(raw, shapes[i], False)
            or not _is_strong_title(raw, shapes[i])
            or _repeated(text, unit)
            or (raw.isupper() and shapes[i].words <= 5)
            or raw.endswith((":", "："))  # a prompt before its buttons: "Reciba nuestras notificaciones de:"
        )
        if not (marked or weak):
            continue
        _claim(state, _kind_of(text[unit.start : unit.end], lexicon), unit.start, unit.end)


# What joins two units into one block of prose: the next one opens in lower case ("said  it was"), or a
# long line without a closing mark runs on to the next line (a wire's hard wrap at 60-80 columns).
_OPENS_LOWER_RE = lazy(r"[\p{Ll}]")
_OPENS_UPPER_RE = lazy(r"[\p{Lu}\p{Lo}]")
_LINE_END_RE = lazy(r"[.!?:;。！？：]$")


def _blocks(text: str, found: list[_Unit], note_starts: list[int]) -> list[_Unit]:
    """The units joined where a line or a double space only wraps a paragraph, never across a blank line.

    Nor across a note: a sign-off or an editor's line ends the story's paragraph ("...提升。（完）【纠错】").
    """
    blocks: list[_Unit] = []
    notes = sorted(note_starts)
    for unit in found:
        if blocks:
            last = blocks[-1]
            gap = text[last.end : unit.start]
            at = bisect_left(notes, last.end)
            if (
                gap.count("\n") <= 1
                and not (at < len(notes) and notes[at] < unit.start)
                and (
                    _OPENS_LOWER_RE.match(text, unit.start)
                    or ("\n" not in gap and not _OPENS_UPPER_RE.match(text, unit.start))
                    or (
                        "\n" in gap
                        and unit.start - last.start > 0
                        and len(text[last.start : last.end].rsplit("\n", 1)[-1]) >= 40
                        and not _LINE_END_RE.search(text, last.start, last.end)
                    )
                )
            ):
                blocks[-1] = _Unit(last.start, unit.end)
                continue
        blocks.append(unit)
    return blocks


# A page's head over the title: a site's name, a section, a stamp, a menu (most already claimed by form).
_MOST_HEAD_UNITS = 5


def _key(text: str, unit: _Unit) -> str:
    return clean(text[unit.start : unit.end]).casefold()


def _is_title_case(raw: str) -> bool:
    """Every word of four letters or more opens with a capital, and there is one: "News Desk Contacts",
    "Sports, All" ("lm/cv", a desk's initials, is left to the notes and the story)."""
    long_words = [w for w in _WORD_RE.findall(raw) if len(w) >= 4]
    return bool(long_words) and all(w[0].isupper() for w in long_words)


# A sentence's last mark, not an ellipsis ("Loading..." closes no sentence).
_CLOSED_RE = lazy(r"(?<!\.)[.!?。！？][\"”’»)\]]*$")


# A name or a credit in brackets: two words or more ("(Reporting by Ann Lee)"), or CJK letters ("（宮本圭一郎）");
# a one-word mark in brackets ("(end)") is a wire's end code.
_CREDIT_RE = lazy(r"[(（\[【](?:[^)）\]】\s]+\s+[^)）\]】]+|[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]{2,})[)）\]】]")


# The end of a sentence inside a unit, and the space after it.
_SENTENCE_BREAK_RE = lazy(r"[.!?。！？][\"”’»)\]]*[ \t\u00a0]+")
# What a page's prompt to its reader may be: a prompt's words and its object ("Follow us on Facebook",
# "Подписаться на РИА Новости в Telegram"), with no sentence end of its own.
_PROMPT_WORDS = 10


def _prompt_re(lexicon: Lexicon) -> regex.Pattern[str]:
    return lexicon.derived(_build_prompt_re)


def _build_prompt_re(lexicon: Lexicon) -> regex.Pattern[str]:
    return regex.compile(rf"(?:{lexicon.alternation('share_prompt')})\s[^\n.!?。！？]{{1,80}}")


def _claim_prompt_after_last_sentence(state: ParseState, last: _Unit) -> None:
    """Claim a reader prompt that a flattened page runs on after the story's last sentence.

    "... следующей недели. Подписаться на РИА Новости в Telegram": the page's prompt stands on the
    story's line with one space before it. It is taken only as the text's last words, after a sentence
    end, when it is wholly a UI phrase or a prompt of the lexicon (``share_prompt``).
    """
    text = state.text
    if not state.is_free(last.start, last.end):
        return
    low = max(last.start, last.end - 200)
    ends = list(_SENTENCE_BREAK_RE.finditer(text, low, last.end))
    if not ends:
        return
    start, end = ends[-1].end(), last.end
    fragment = text[start:end]
    if len(fragment.split()) > _PROMPT_WORDS or _CLOSED_RE.search(fragment):
        return
    kind = ui_kind(fragment, state.lexicon)
    if kind is None and _prompt_re(state.lexicon).fullmatch(fragment):
        kind = "share"
    if kind is not None:
        _claim(state, kind, start, end)


#: The most words of one tag in a list of tags under its label.
_TAG_WORDS = 5


def _claim_tag_list(state: ParseState, free: list[_Unit], shapes: _Shapes, tail: list[int]) -> None:
    """A tag label alone on its line after the story ("Related topics", "Tags", "Themen") and the tags
    under it, one a line, short and with no sentence's end: all the page's navigation."""
    text = state.text
    label = _meta_label_re(state.lexicon)
    for position, i in enumerate(tail):
        if not label.fullmatch(text[free[i].start : free[i].end]):
            continue
        tags = []
        for j in tail[position + 1 :]:
            shape = shapes[j]
            if shape.sentence or shape.words > _TAG_WORDS or shape.cjk > 12:
                break
            tags.append(j)
        if not tags:
            return
        for j in (i, *tags):
            _claim(state, "navigation", free[j].start, free[j].end)
        return


def _claim_tail(state: ParseState, free: list[_Unit], shapes: _Shapes, story_start: int) -> None:
    """Claim the short non-sentences after the story's last prose unit: buttons, site names, link lists.

    A unit with a digit stays: a story's table ends it as often as not (Reuters' "Shr 1.23 dlrs vs 1.11").
    """
    text = state.text
    lexicon = state.lexicon
    last = None
    for i in range(len(free) - 1, -1, -1):
        if free[i].start < story_start:
            break
        raw = text[free[i].start : free[i].end]
        if is_prose(shapes[i]) or (_CLOSED_RE.search(raw) and ui_kind(raw, lexicon) is None):
            last = i
            break
    if last is None:
        return
    tail = list(range(last + 1, len(free)))
    _claim_tag_list(state, free, shapes, tail)
    tail = [i for i in tail if state.is_free(free[i].start, free[i].end)]
    if any(_DIGIT_RE.search(text, free[i].start, free[i].end) for i in tail):
        return  # a table closes the story (Reuters' "Shr 1.23 dlrs vs 1.11" and its headers): its own lines
    for i in tail:
        unit, shape = free[i], shapes[i]
        raw = text[unit.start : unit.end]
        if shape.words > 8 or shape.cjk > 16 or _DIGIT_RE.search(raw):
            continue
        if shape.sentence and not (shape.words <= 3 and raw.endswith(("...", "…"))):
            continue
        if shape.words >= 4 and shape.density >= 0.3:
            continue  # a fragment of prose cut short ("By setting up the Centr"), not a button
        if not shape.cjk and not _is_title_case(raw) and ui_kind(raw, lexicon) is None:
            continue  # a wire table's last line ("Results in U.S. funds", "Revs not given")
        if not state.is_free(unit.start, unit.end):
            continue
        if ui_kind(raw, lexicon) is None and _CREDIT_RE.fullmatch(raw):
            continue  # a credit in brackets closing the story ("（宮本圭一郎）") is the notes' or the story's;
            # a button in the same brackets ("【纠错】") is the page's
        _claim(state, _kind_of(raw, lexicon), unit.start, unit.end)
