"""Dateline: the story's opening ``PLACE, Date (AGENCY) --``.

Contract:
    Claims: one span, the story's own dateline, from the first character of the place (or of the agency
    tag when the agency comes first) through the separator that ends it.
    Reads: the claims already made (a caption's or a teaser's dateline is inside their spans, so it is
    never taken for the story's); ``state.lexicon`` (agencies, months, places).
    Writes: ``findings.dateline`` (the part) and ``findings.dateline_end`` (where the story text
    starts); ``findings.digest`` through ``is_digest``. A date without a year keeps ``--MM-DD``: the
    year is given after the parsers (``wirecut.years``).
    Never: claims a dateline inside a sentence (a match must start at a boundary: the start of a line, a
    double space, the end of a sentence or of a claimed part).

``find_datelines`` is shared with the caption and related parsers, which look for datelines of their own.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import regex

from wirecut.dates import NUMERIC_DATE, iso_date, read_date
from wirecut.lexicon import Lexicon
from wirecut.parsers.byline import BY_RE
from wirecut.parsers.title_shape import TITLE_JOINERS
from wirecut.patterns import lazy
from wirecut.spans import ParseState, Span
from wirecut.story import Dateline
from wirecut.text import WHITE_SPACE, clean, time_limit, units, windows

# An upper-case place word: BEIJING, ST., O'HARE, AL-QAIM, SAN'A.
_UPPER_WORD = r"[\p{Lu}][\p{Lu}\p{M}'’.\-]*+"
# A title-case place word: Mumbai, Nueva, Bandung, Düzce; or a short lower-case joiner inside a place
# name (Dar es Salaam, Rio de Janeiro, Kota Bandung has none).
_TITLE_WORD = r"[\p{Lu}][\p{Ll}\p{M}'’.\-]++"
_JOINER = r"(?:de|del|da|do|dos|la|las|los|el|es|al|am|an|upon|on|sur|di)"
# A place word in a script without capitals to tell a name by: Arabic and Persian (نيقوسيا, تهران),
# Devanagari (नई दिल्ली), Bengali, Hebrew. Only before a known agency's tag with a dash or a date,
# where the tag, not the case, says it is a dateline.
_UNCASED_LETTERS = r"\u0621-\u064A\u0671-\u06D3\u0900-\u0939\u0958-\u0961\u0980-\u09B9\u09DC-\u09E1\u05D0-\u05EA"
_UNCASED_WORD = rf"[{_UNCASED_LETTERS}][{_UNCASED_LETTERS}\p{{M}}]*+"
# A state, province or country after the place: "Texas", "Calif.", "N.Y.", "W.Va." (West Virginia, as
# Reuters and AP abbreviate it), "Italy", "Lebanon"; or ANI's bracketed country: "Damascus [Syria]".
_REGION = rf"(?:{_TITLE_WORD}(?:\s{_TITLE_WORD})?|[\p{{Lu}}]\.(?:[\p{{Lu}}]\.)+|[\p{{Lu}}]\.[\p{{Lu}}][\p{{Ll}}]{{1,2}}\.|{_UPPER_WORD})"

# The dash or mark that ends a dateline, each as an agency writes it.
_SEPARATOR = r"""
    (?:\s*(?:
        --+            # Xinhua, UPI, Kyodo, Yonhap, Bernama, CNN: "(Xinhua) --"
      | —|―|–          # AP and reposts of Xinhua: "(AP) —"
      | &\#8212;|&\#151;|&mdash;|&ndash;   # the same dashes left as character references
      | &\#[xX]0*(?:97|2014|2013);         # and as hexadecimal ones: "DALLAS (AP) &#x97;"
      | \.-            # EFE: "(EFE).-"
      | -              # Reuters, AFP, dpa, ANSA, Antara: "(Reuters) -"
      | _              # NYT wire: "WASHINGTON _"
      | :              # ANI: "(ANI):"
    ))"""

# Dates as the agencies write them in datelines.
# A month's name in a dateline: any word of letters, checked against the lexicon once matched (see
# ``_accept``). A generic word compiles in a millisecond where an alternation of every month name of
# fifteen languages took a tenth of a second, which every ``wirecut parse`` paid at start.
_MONTH = r"[\p{L}][\p{L}\p{M}]{1,11}"

# A year after the day: Gregorian, or the Hijri year that Saudi, Gulf and Iranian agencies write
# ("Ramadan 22, 1438").
_YEAR = r"(?:19\d\d|20\d\d|1[34]\d\d)(?!\d)"

# Dates as the agencies write them in datelines.
_DATE = rf"""
    (?:
        (?<![\p{{L}}\p{{M}}]){_MONTH}\.?\s+[0-3]?\d(?:st|nd|rd|th)?(?!\d)(?:,?\s+{_YEAR})?     # April 19 / Sept. 29, 2016
      | (?<!\d)[0-3]?\d(?:st|nd|rd|th|er)?\.?\s+{_MONTH}\.?(?:,?\s+{_YEAR})?  # 13 Jan / 5th January 2016 / 16 февраля
      | (?<!\d)[0-3]?\d\s+de\s+{_MONTH}(?:\s+de\s+(?:19|20)\d\d)?  # Spanish and Portuguese: 19 de junho
      | (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)      # NewsML's "MOSCOW, Monday (Reuters)"
      | {NUMERIC_DATE}     # in figures, day first: 25-11-2023, 25.11.2023
    )"""


@dataclass(frozen=True, slots=True)
class DatelineMatch:
    """A dateline found in the text, before it is made a part."""

    start: int
    end: int
    location: str | None
    date: str | None
    agency_written: str | None

    def to_part(self, state: ParseState) -> Dateline:
        """The dateline part; a date without a year is ``--MM-DD`` until ``wirecut.years`` gives it one."""
        text = state.text
        agency = state.lexicon.canonical_agency(self.agency_written) if self.agency_written else None
        iso = iso_date(read_date(self.date, state.lexicon), None) if self.date else None
        return Dateline(
            clean(text[self.start : self.end]), self.location, self.date, iso, agency, Span(self.start, self.end)
        )


_WEEKDAYS = frozenset(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])


@dataclass(frozen=True, slots=True)
class _Shape:
    """One dateline pattern and the anchor it cannot match without.

    ``anchor`` is a cheap pattern for a mark every match holds (a bracket, a dash, a slash); a match
    starts at most ``before`` characters before the mark and ends at most ``after`` past it. Only the
    windows around the marks are scanned for the pattern, which spares the engine the thousands of
    starts in a story's body where no dateline can be. With no anchor, the whole text is scanned.
    ``anchor`` may also be a function that finds the marks with ``str.find`` (the dashes: a scan for a
    class of characters tries every position of the text). ``needles`` are strings of which a text
    must hold one for the anchor to be looked for at all (a test with ``in`` is ten times cheaper than
    a scan for a class of characters). With ``after_agency``, only the marks right after a known
    agency's name count: SAPA's and Kyodo's bare agency ("June 2 SAPA --") stands before its dash. With
    ``spaced``, only the marks that white space follows: the shapes whose separator the story's text
    must follow after a space, where a hyphen inside a word ("opposition-led") or a clock's colon
    ("14:30") is no separator.
    """

    name: str
    pattern: regex.Pattern[str]
    anchor: regex.Pattern[str] | Callable[[str], list[tuple[int, int]]] | None
    needles: tuple[str, ...]
    before: int
    after: int
    after_agency: bool = False
    spaced: bool = False


# The dashes that end a dateline written as character references (see ``_SEPARATOR``).
_DASH_ENTITY_RE = lazy(r"&\#8212;|&\#151;|&\#[xX]0*(?:97|2014|2013);|&mdash;|&ndash;")


def _dash_marks(text: str) -> list[tuple[int, int]]:
    """Where the dashes and colons of ``_SEPARATOR`` are, in order: a run of hyphens is one mark.

    >>> _dash_marks("A -- b: c &#8212; d")
    [(2, 4), (6, 7), (10, 17)]
    """
    marks: list[tuple[int, int]] = []
    for dash in "-—―–_:":
        at = text.find(dash)
        while at != -1:
            end = at + 1
            if dash == "-":
                while end < len(text) and text[end] == "-":
                    end += 1
            marks.append((at, end))
            at = text.find(dash, end)
    if "&" in text:
        marks.extend(m.span() for m in _DASH_ENTITY_RE.finditer(text))
    marks.sort()
    return marks


def _after_agency(text: str, at: int, agencies: tuple[str, ...]) -> bool:
    """True when a known agency's name, with only white space or EFE's full stop between, ends at ``at``."""
    before = text[max(0, at - 80) : at].rstrip()
    return before.endswith(agencies) or (before.endswith(".") and before[:-1].rstrip().endswith(agencies))


def _agency_alternation(lexicon: Lexicon) -> str:
    forms = sorted(lexicon.agency_forms(), key=lambda f: (-len(f), f))
    return "|".join(regex.escape(f) for f in forms)


def _patterns(lexicon: Lexicon) -> list[_Shape]:
    """The dateline patterns of a lexicon, built once and kept on it."""
    return lexicon.derived(_build_patterns)


def _build_patterns(lexicon: Lexicon) -> list[_Shape]:
    date = _DATE
    agency = _agency_alternation(lexicon)
    # A place starts at the start of a word: the look-behind spares the engine every mid-word start. Its
    # words stand on one line: a title line above it is no part of it.
    place = rf"(?<![\p{{L}}\p{{M}}'’.\-])(?P<loc>{_UPPER_WORD}(?:[ \-]{_UPPER_WORD}){{0,3}}|{_TITLE_WORD}(?:[ \t\u00a0](?:{_JOINER}[ \t\u00a0])?{_TITLE_WORD}){{0,3}})"
    upper_place = rf"(?<![\p{{L}}\p{{M}}'’.\-])(?P<loc>{_UPPER_WORD}(?:[ \-]{_UPPER_WORD}){{0,3}})"
    # A page whose blocks were joined with no space glues the title's last word to the place
    # ("... sinkt weiterBerlin (AFP) -"): before an agency's tag, a title-case place may follow a word's
    # lower-case letters (checked in ``_accept``: a known agency and a dash, in the head of the text).
    uncased_place = rf"(?<![\p{{L}}\p{{M}}])(?P<loc>{_UNCASED_WORD}(?:[ \t\u00a0]{_UNCASED_WORD}){{0,2}})"
    tagged_place = rf"(?:{place}|(?<=\p{{Ll}}{{3}})(?P<loc>{_TITLE_WORD})(?P<glued>)|{uncased_place})"
    # After the place: ", Texas", ", N.Y.", ANI's "(Assam) [India]" or "[Syria]", or the country in
    # brackets before the date or the tag, as AFP's Arabic service writes it: "كييف (أوكرانيا), 25-11-2023",
    # "ديجون (فرنسا) (أ ف ب) -".
    region = rf"""(?:\s*,\s*(?P<region>{_REGION})
                 |(?:\s*\((?P<paren>[\p{{Lu}}][\p{{L}} ]{{1,25}})\))?\s*\[(?P<bracket>[^\]\n]{{2,30}})\]
                 |[ \t]\((?P<region>{_UNCASED_WORD}(?:[ \t]{_UNCASED_WORD}){{0,2}})\)(?=[ \t]*(?:[,،]|\()))"""
    # dpa names the partner whose story it carries before itself: "San Diego (tca/dpa) -".
    agency_tag = rf"\((?:[\p{{L}}]{{2,12}}/)?(?P<agency>{agency}|[\p{{Lu}}][\p{{L}}\-]+(?:\.[\p{{Lu}}]+)?(?:\s[\p{{Lu}}][\p{{L}}\-]+){{0,2}})\)"
    sources = [
        # PLACE[, Region][,] [Date] (AGENCY) [Date] [sep]: Xinhua, AP, Reuters, AFP, PTI, IANS, ANI, Kyodo,
        # Yonhap, Bernama, CNA, KUNA, WAM ("ABU DHABI 5th January 2016 (WAM) --"), CNN ("London (CNN) --"),
        # AFP's date after the agency ("ABU DHABI (AFP) Jun 07, 2005").
        (
            "tagged",
            rf"""{tagged_place}{region}?(?:[ \t\u00a0]*[,،]?[ \t\u00a0]+(?P<date>{date}))?(?:\s*[,،])?\s*(?:--|—)?{agency_tag}
             (?:\s+(?P<date2>{date}))?(?P<sep>{_SEPARATOR})?""",
        ),
        # PLACE, Date. /TASS/. : TASS and ITAR-TASS; with a correspondent, "/Корр. ТАСС Иван Петров/.".
        # RIA's old German service: "WASHINGTON, 6. Maerz. /RIA-"Nowosti"-Korrespondent Arkadi Orlow/."
        # The correspondent is the story's byline: the dateline ends where the name (or its title) starts.
        (
            "slashed",
            rf"""{place}{region}?(?:\s*,\s*(?P<date>{date}))?\.?\s*/(?:(?P<corr>Корр\.|Korr\.|Корреспондент)\s+)?
                (?:(?P<agency>{agency})(?P<tail>[-\s",][^/\n]{{0,60}})?/[.:]?
                  # A press-release wire outside the lexicon: "/PRNewswire/ --", "/CNW/ -".
                  |(?P<wire>[\p{{Lu}}][\p{{L}}\-]+)/(?P<sep>{_SEPARATOR})(?=\s))""",  # Ritzau: "København /ritzau/:"
        ),
        # Chinese agencies: "新华社北京4月19日电", "中新社北京九月二十七日电", "人民网北京12月8日电", "本报墨西哥城1月28日电".
        (
            "chinese",
            r"""(?P<agency>新华社|新華社|新华网|新華網|中新社|中新网|中新網|人民网|人民網|本报|本報|央视网|中国日报网|中国新闻网)
             (?P<loc>[\p{Han}·]{1,10}?)
             (?P<date>(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})月(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})日)
             (?:电|電|讯|訊)""",
        ),
        # Japanese agencies: Kyodo's "【ジュネーブ共同】", Jiji's "【ワシントン時事】".
        ("japanese", r"""【(?P<loc>[^【】\s]{1,20}?)(?P<agency>共同|時事|ＡＦＰ時事|ロイター)】"""),
        # PLACE[,] Date AGENCY -- with the agency bare: SAPA ("Johannesburg June 2 SAPA --") and Kyodo's
        # feed ("SAITAMA, Japan, Dec. 9 Kyodo -").
        ("bare", rf"""{place}{region}?[ \t]*,?[ \t]+(?P<date>{date}),?\s+(?P<agency>{agency})(?P<sep>{_SEPARATOR})"""),
        # PLACE, Date — AGENCY. : RIA Novosti ("МОСКВА, 4 мар — РИА Новости."), and Interfax's
        # "Москва. 3 апреля. INTERFAX.RU -".
        (
            "agency_after",
            rf"""{place}(?:\s*,\s*|\.\s+)(?P<date>{date})\.?\s*(?:—|–|-)?\s*(?P<agency>{agency})\.?(?P<sep>\s*(?:—|–|-(?=\s)))?""",
        ),
        # (AGENCY) - PLACE, Date - : ANSA puts the agency first.
        (
            "agency_first",
            rf"""\((?P<agency>{agency})\)\s*(?:-|–|—)\s*{place}(?:\s*,\s*(?P<date>{date}))?(?P<sep>{_SEPARATOR})""",
        ),
        # Date (AGENCY) -- with no place: UPI's current form ("June 3 (UPI) --").
        # A service outside the lexicon writes the same form: BusinessDesk's "Jan. 12 (BusinessDesk) -",
        # Reuters' data partners' "Jan 30 (Gracenote) -" (such an unknown tag needs the dash).
        (
            "date_only",
            rf"""(?P<date>{date})\s*\((?P<agency>{agency}|[\p{{Lu}}][\p{{L}}]+(?:\s[\p{{Lu}}][\p{{L}}]+)?)\)(?P<sep>{_SEPARATOR})?""",
        ),
        # PLACE, Date - with no agency: Reuters-21578 (1987) and other pre-web wire copy.
        # A title-case place ("Toronto, March 6 -") and a date with no comma ("DETROIT June 18 -", AP's
        # "NEW YORK Sept. 11, 2004 -") are checked in ``_accept``.
        (
            "undated_agency",
            # The dash may be glued to the story's first word where the copy was flattened: "March 19 -Qtr".
            rf"""{place}{region}?(?P<comma>\s*,\s*|[ \t\u00a0]+)(?P<date>{date})(?P<sep>{_SEPARATOR})(?=\s|(?<=\s-)[\p{{Lu}}])""",
        ),
        # PLACE, Date alone on its line, with no agency or dash: a feed's dateline element kept as a line
        # (Kyodo's NewsML: "BEIJING, July 23" above the story).
        ("lone_line", rf"""(?<=\n|\A)[ \t]*{upper_place}{region}?\s*,\s*(?P<date>{date})(?=[ \t]*\n)"""),
        # PLACE, AGENCY's correspondent: TT's "Bryssel, TT:s korrespondent", NTB's "Brussel, NTBs korrespondent".
        (
            "correspondent",
            rf"""{place}\s*,\s*(?P<agency>TT|NTB|STT)(?::s|s)?\s+(?:korrespondent|kirjeenvaihtaja)(?:er|en)?""",
        ),
        # The New York Times news service's dateline for a story from no one place: "(UNDATED) _", "UNDATED --".
        ("undated", r"""(?<![\p{L}(])\(?UNDATED\)?(?P<sep>\s*(?:--|—|\s_|\s-))(?=\s+[\p{Lu}"“])"""),
        # PLACE -- with neither date nor agency: NYT and Boston Globe wire ("FOXBOROUGH --", "WASHINGTON _").
        # Tehran Times and other Iranian and Gulf papers write a spaced en dash: "TEHRAN – The ...".
        # Malaysian sites that drop the date keep its comma: "KUALA LUMPUR, — The ...".
        (
            "place_only",
            rf"""{upper_place}{region}?(?:,(?=[ \t]))?(?P<sep>\s*(?:--|—|\s_|\s-|\s–))(?=\s+[\p{{Lu}}"“])""",
        ),
        # (AGENCY) -- or AGENCY - alone: CNN's "(CNN) --"; AG News's "(Reuters) Reuters - " and
        # "(SPACE.com) SPACE.com - ", where the bracketed source closes the title and the bare one opens the text.
        (
            "agency_only",
            rf"""(?:\((?P<agency>{agency})\)|\((?P<tag>[^()\n]{{2,30}})\)\s{{1,2}}(?P<agency_bare>(?P=tag))
             |(?<![\p{{L}}\p{{M}}])(?P<agency_bare2>{agency}))(?P<sep>{_SEPARATOR})(?=\s)""",
        ),
        # PLACE: at the start of the story's first paragraph, with neither date nor agency: India's sites
        # (NDTV, The Times of India, Hindustan Times: "New Delhi: The monsoon ...", "MUMBAI: ..."), and
        # with the date in brackets (Malaysia's The Edge: "KUALA LUMPUR (June 11): ..."). Only as the
        # story's dateline, at a line's start, before a paragraph of prose (checked in ``_accept``).
        (
            "colon_place",
            rf"""(?<=\n)[ \t]*{place}(?:[ \t]\((?P<date>{date})\))?(?P<sep>:)(?=[ \t]+["“]?[\p{{Lu}}])""",
        ),
        # (AGENCY) alone before the story, with no dash: Belga's "(Belga) Le Premier ministre ...", ANP's
        # "(ANP) De ...". Only a known agency, only where a unit starts (checked in ``_accept``).
        ("agency_lead", rf"""\((?P<agency>{agency})\)(?=[ \t\u00a0]+["“]?[\p{{Lu}}])"""),
    ]
    # The mark each pattern needs, and its reach: (anchor, before, after). The longest place, region and
    # date before a tag ("SAN FRANCISCO, Calif., Sept. 29, 2016 (") is far under 200 characters.
    bracket = regex.compile(r"\(")
    dashes = tuple("-—―–_:&")
    anchors: dict[str, tuple[Any, ...]] = {
        "tagged": (bracket, ("(",), 200, 160),
        "slashed": (regex.compile("/"), ("/",), 200, 120),
        "chinese": (regex.compile("[电電讯訊]"), tuple("电電讯訊"), 40, 1),
        "japanese": (regex.compile("【"), ("【",), 0, 40),
        # The bare agency stands right before its dash: only those dashes are marks.
        "bare": (_dash_marks, dashes, 250, 40, True),
        # RIA's and Interfax's dash is optional and a scan for every agency's name costs more than the
        # whole-text scan, so this one has no anchor.
        "agency_after": (None, (), 0, 0),
        "agency_first": (bracket, ("(",), 0, 300),
        "date_only": (bracket, ("(",), 60, 160),
        "undated_agency": (_dash_marks, dashes, 250, 40, False, True),
        # Anchored on the line break after it.
        "lone_line": (regex.compile("\n"), ("\n",), 200, 1),
        # Both are literal marks: a text without them is not scanned at all.
        "undated": (regex.compile("UNDATED"), ("UNDATED",), 1, 20),
        "correspondent": (regex.compile("orrespondent|irjeenvaihtaja"), ("orrespondent", "irjeenvaihtaja"), 160, 20),
        "place_only": (_dash_marks, dashes, 160, 40, False, True),
        "agency_only": (_dash_marks, dashes, 120, 40, False, True),
        "agency_lead": (bracket, ("(",), 0, 60),
        "colon_place": (regex.compile(":"), (":",), 80, 4),
    }
    return [_Shape(name, regex.compile(source, regex.VERBOSE), *anchors[name]) for name, source in sources]


# What may stand right before a dateline: the start of the text or a line, two spaces, the end of a
# sentence or a bracket, a dash that closes a caption's photo number ("(240413) -- "), dpa's byline end
# ("By Helen Maguire, dpa ="), or a claimed part.
_BOUNDARY_BEFORE_RE = lazy(r"""(?:\A|\n|\s\s|[.!?"”’)\]:|…=]\s*|\s--\s?|\u3000)\Z""", regex.VERBOSE)

# A strong boundary: where a scraper put an element break (a line, two spaces) or a part ends.
_STRONG_BEFORE_RE = lazy(r"(?:\A|\n|\s\s|\u3000)[ \t]*\Z")

#: How far into the text a dateline with neither date nor agency may stand ("FOXBOROUGH --").
_PLACE_ONLY_REACH = 400

#: How far past the start of the free text a dateline may stand whose tag is no known agency's: far
#: into a story, "Britain's Got Talent (ITV) April 30:" is a line of a list, not a dateline.
_UNKNOWN_TAG_REACH = 600


# Letters by case, for the checks on a place and the word before it.
_LOWER_RE = lazy(r"\p{Ll}")
_UNCASED_LETTER_RE = lazy(rf"[{_UNCASED_LETTERS}]")
_UPPER_RE = lazy(r"\p{Lu}")
_LETTER_RE = lazy(r"\p{L}")
_NOT_LETTER_RE = lazy(r"[^\p{L}]")

# A byline's names running into the place on the same line: "By A and PRIYA NANDAKUMAR AUSTIN".
_BYLINE_RUNS_ON_RE = lazy(r"\bBy\s[\p{L}.'’\- ,]*\Z")


def at_boundary(text: str, pos: int, floor: int = 0) -> bool:
    """True when a part may start at ``pos``: nothing but a boundary mark stands right before it."""
    if pos <= floor:
        return True
    window = text[max(floor, pos - 4) : pos]
    return bool(_BOUNDARY_BEFORE_RE.search(window)) or (pos - 4 < floor and not window.strip())


def _strong_boundary(text: str, pos: int, floor: int) -> bool:
    return pos <= floor or bool(_STRONG_BEFORE_RE.search(text[max(floor, pos - 6) : pos]))


def _previous_word(text: str, pos: int, floor: int) -> str:
    before = text[max(floor, pos - 40) : pos]
    if "\n" in before:
        before = before[before.rindex("\n") + 1 :]
    words = before.split()
    return words[-1] if words else ""


def _location_start(text: str, start: int, loc: str, floor: int, places: frozenset[str]) -> tuple[int, str]:
    """Where the place really starts when the match ran into the words before it.

    A flattened Reuters headline in capitals runs straight into the place ("... FINANCIAL UNIT CLEVELAND,
    Feb 26 -"). The place is then the longest tail of the run that is a known multi-word place, else
    its last word. A run that starts at an element break, or after a word in lower or title case
    ("AP Business Writer NEW YORK (AP)"), is kept whole.
    """
    words = loc.split()
    if len(words) == 1 or (_strong_boundary(text, start, floor) and (len(words) < 3 or not loc.isupper())):
        return start, loc
    if _strong_boundary(text, start, floor) and loc.upper() in places:
        return start, loc  # "RIO DE JANEIRO" at the start of a line; three capitals words else are a title's
    if len(words) <= _LINE_PLACE_MAX_WORDS and _opens_line(text, start, floor):
        # A dateline on a line of its own under its headline (Reuters' and AP's wire layout) starts at
        # the line: "    UPPER SADDLE RIVER, N.J., March 6 -", "SOUTH SAN FRANCISCO, Calif.".
        return start, loc
    previous = _previous_word(text, start, floor)
    if loc.isupper() and _LOWER_RE.search(previous) and not previous.endswith((":", ".")):
        return start, loc
    tail = _known_tail(loc, places)
    if tail is not None:
        return start + loc.rindex(tail), tail
    if not loc.isupper() and at_boundary(text, start, floor):
        return start, loc  # title-case words at a boundary are the place; after others only the last
    return _tail_place(start, loc, places)


#: Words of a place that opens its own line (the longest US ones: "UPPER SADDLE RIVER", "CITY OF COMMERCE").
_LINE_PLACE_MAX_WORDS = 4


def _opens_line(text: str, start: int, floor: int) -> bool:
    """Only indentation between the last line break (after ``floor``) and ``start``, and a line before it."""
    at = start - 1
    while at >= floor and text[at] in " \t\u00a0":
        at -= 1
    return at >= floor and text[at] == "\n"


def _known_tail(loc: str, known: frozenset[str]) -> str | None:
    """The longest tail of ``loc`` that is a known place of several words ("... UNIT NEW YORK"), or None.

    The words before it that stand before a place's name are the place's: "NORTH" + "PALM BEACH".
    """
    words = loc.split()
    for size in range(len(words), 1, -1):
        if " ".join(words[-size:]).upper() in known:
            return _with_chain_words(words, size)
    return None


def _tail_place(start: int, loc: str, places: frozenset[str]) -> tuple[int, str]:
    """The place at the end of a run of words: a known multi-word place, a two-word toponym, else the last word."""
    tail = _known_tail(loc, places) or _toponym_tail(loc) or loc.split()[-1]
    return start + loc.rindex(tail), tail


@lru_cache(maxsize=1)
def _toponym_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The first and last words that make a two-word place (``places.json``): PORT ARTHUR, CENTURY CITY;
    and the words that stand before another place's name (SOUTH ST. PAUL)."""
    data = json.loads(resources.files("wirecut.lexicon").joinpath("places.json").read_text("utf-8"))
    return (
        frozenset(data.get("first_words", [])),
        frozenset(data.get("last_words", [])),
        frozenset(data.get("chain_words", [])),
    )


def _with_chain_words(words: list[str], size: int) -> str:
    """The last ``size`` words, with the words before them that stand before a place's name ("SOUTH" + "ST. PAUL")."""
    chain = _toponym_words()[2]
    while size < min(len(words), _LINE_PLACE_MAX_WORDS) and words[-size - 1].upper() in chain:
        size += 1
    return " ".join(words[-size:])


def _toponym_tail(loc: str) -> str | None:
    """The last words of ``loc`` when they have the shape of a place's name ("... NET FORT WAYNE").

    Two words, and the words before them that stand before a place's name ("... UNIT SOUTH ST. PAUL"),
    up to the longest place of a dateline.
    """
    words = loc.split()
    if len(words) < 2:
        return None
    first_words, last_words, _chain = _toponym_words()
    if words[-2].upper() not in first_words and words[-1].upper() not in last_words:
        return None
    return _with_chain_words(words, 2)


def find_datelines(
    state: ParseState, start: int = 0, end: int | None = None, *, floor: int | None = None, anywhere: bool = False
) -> Iterator[DatelineMatch]:
    """Every dateline in ``state.text[start:end]`` that starts at a boundary, in order of position.

    ``anywhere`` drops the boundary rule, for a teaser whose title runs straight into its dateline.
    """
    yield from _scan(state, start, end, floor, anywhere, first=False)


def first_dateline(
    state: ParseState, start: int = 0, end: int | None = None, *, floor: int | None = None, anywhere: bool = False
) -> DatelineMatch | None:
    """The first dateline of ``text[start:end]``, as ``find_datelines`` would give it, found faster.

    Once one pattern has found a dateline, the others only look up to a little past it.
    """
    return next(_scan(state, start, end, floor, anywhere, first=True), None)


#: Texts up to this size keep each start's answer for the parse (see ``_scan``).
_MEMO_CHARS = 200_000

#: How far past the best start so far a pattern still looks for an earlier dateline (the longest
#: dateline, "SAN FRANCISCO, Calif., Sept. 29, 2016 (Reuters) --", is far shorter).
_DATELINE_SPAN = 200


def _scan(
    state: ParseState, start: int, end: int | None, floor: int | None, anywhere: bool, *, first: bool
) -> Iterator[DatelineMatch]:
    text = state.text
    stop = len(text) if end is None else end
    low = start if floor is None else floor
    found: list[DatelineMatch] = []
    best = stop
    # The parsers ask for datelines in overlapping ranges of one text (related, caption, the dateline
    # parser, the digest check), and a start's answer depends only on the start, the query's end,
    # floor and ``anywhere``: each is matched and checked once a parse. A text far larger than a story
    # keeps no answers (a million candidates of a hostile text would be a million entries).
    answers: dict[tuple[int, int, int, int, bool], DatelineMatch | None] | None = None
    if len(text) <= _MEMO_CHARS:
        answers = state.memo.setdefault(_scan, {})
    for index, (shape, starts) in enumerate(zip(_patterns(state.lexicon), _candidate_starts(state))):
        name, pattern = shape.name, shape.pattern
        if not starts:
            continue
        limit = min(stop, low + _PLACE_ONLY_REACH) if name == "place_only" else stop
        if first:
            limit = min(limit, best + _DATELINE_SPAN)
        accepted = 0
        pos = start
        # By index, not over a slice: a slice copies the rest of the starts for every query, and the
        # parsers query once per teaser (a text of many teasers then cost the square of their number).
        for index in range(bisect_left(starts, start), len(starts)):
            at = starts[index]
            if at >= limit:
                break
            if at < pos:
                continue
            key = (index, at, limit, low, anywhere)
            if answers is not None and key in answers:
                made = answers[key]
            else:
                # Matched again at this start with the query's end, so a dateline never runs past it.
                m = pattern.match(text, at, limit, timeout=time_limit(limit - at))
                made = _accept(state, m, name, low, anywhere) if m else None
                if answers is not None:
                    answers[key] = made
            if made:
                found.append(made)
                pos = made.end
                accepted += 1
                best = min(best, made.start)
                if first and accepted >= 2:
                    break  # a second one is kept for the source-and-place merge
    found.sort(key=lambda d: (d.start, -d.end))
    found = _merge_source_and_place(text, found)
    last_end = -1
    for item in found:
        if item.start >= last_end:
            last_end = item.end
            yield item


def _candidate_starts(state: ParseState) -> tuple[tuple[int, ...], ...]:
    """Where each pattern can match in the whole text: one scan a pattern, shared by every query.

    The parsers ask for datelines in many ranges of one text (the head, a caption, each teaser); the
    starts are found once a parse and kept in ``state.memo``, and each query tries only these positions. Only the starts are kept (a hostile text may hold a million
    candidates), and a query matches again at each start with its own end. A pattern is scanned only
    in the windows around its anchor's marks (see ``_Shape``), each character once.
    """
    known = state.memo.get(_candidate_starts)
    if known is None:
        known = state.memo[_candidate_starts] = candidate_starts(state.text, state.lexicon)
    return known


def candidate_starts(text: str, lexicon: Lexicon) -> tuple[tuple[int, ...], ...]:
    """Every start of each dateline pattern of ``lexicon`` in ``text`` (see ``_candidate_starts``)."""
    found: list[tuple[int, ...]] = []
    marks: dict[Any, list[tuple[int, int]]] = {None: [(0, len(text))]}
    agencies: tuple[str, ...] | None = None
    for shape in _patterns(lexicon):
        if shape.needles and not any(needle in text for needle in shape.needles):
            found.append(())
            continue
        anchor = shape.anchor
        if anchor is not None and anchor not in marks:
            if callable(anchor):
                marks[anchor] = anchor(text)
            else:
                marks[anchor] = [m.span() for m in anchor.finditer(text, timeout=time_limit(len(text)))]
        shape_marks = marks[anchor]
        if shape.after_agency:
            agencies = agencies or tuple(lexicon.agency_forms())
            shape_marks = [mark for mark in shape_marks if _after_agency(text, mark[0], agencies)]
        if shape.spaced:
            # A spaced dash glued to the story's capital is a separator too: flattened copy's "March 19 -Qtr".
            shape_marks = [
                mark
                for mark in shape_marks
                if text[mark[1] : mark[1] + 1] in WHITE_SPACE
                or (text[mark[0] - 1 : mark[0]] in WHITE_SPACE and text[mark[1] : mark[1] + 1].isupper())
            ]
        starts: list[int] = []
        for low, high in windows(shape_marks, shape.before, shape.after, len(text)):
            scan = shape.pattern.finditer(text, low, high, overlapped=True, timeout=time_limit(high - low))
            starts.extend(m.start() for m in scan)
        found.append(tuple(starts))
    return tuple(found)


def _merge_source_and_place(text: str, found: list[DatelineMatch]) -> list[DatelineMatch]:
    """Join a bare source to the dateline right after it: AG News's "Canadian Press - VANCOUVER (CP) -"."""
    merged: list[DatelineMatch] = []
    for item in found:
        if merged:
            head = merged[-1]
            if head.location is None and head.date is None and item.location and 0 <= item.start - head.end <= 2:
                if not text[head.end : item.start].strip():
                    merged[-1] = DatelineMatch(
                        head.start, item.end, item.location, item.date, item.agency_written or head.agency_written
                    )
                    continue
        merged.append(item)
    return merged


def _agency_first_at(text: str, pos: int, lexicon: Lexicon) -> bool:
    """True when ANSA's agency-first dateline, "(ANSA) - Rome, October 11 -", starts at ``pos``."""
    shape = next(s for s in _patterns(lexicon) if s.name == "agency_first")
    return shape.pattern.match(text, pos, min(len(text), pos + 300)) is not None


def _accept(state: ParseState, m: regex.Match[str], kind: str, floor: int, anywhere: bool) -> DatelineMatch | None:
    """Check a pattern's match against what a real dateline looks like; give the dateline or None."""
    text, lexicon = state.text, state.lexicon
    places = lexicon.multiword_places()
    groups = m.groupdict()
    loc = groups.get("loc")
    if kind in ("chinese", "japanese"):
        # Distinctive enough to stand anywhere, even glued to a headline with no space.
        agency = groups["agency"]
        return DatelineMatch(
            m.start(), m.end(), loc, groups.get("date"), None if agency in ("本报", "本報") else agency
        )
    if kind == "colon_place":
        return _colon_place(state, m, floor, anywhere)
    if kind == "agency_lead" and not _strong_boundary(text, m.start(), floor):
        return None  # "... the union (ANP) said": an aside, not the story's opening tag
    if kind == "agency_only" and groups.get("agency_bare2") and text[m.end() : m.end() + 1] in ("\n", "\r", ""):
        return None  # "Yonhap-" alone on its line: an author page's label, not a dateline before its story
    # AG News's "(Reuters) Reuters - ": the bracketed source closes the title; the dateline is the bare one.
    start = m.start("agency_bare") if groups.get("agency_bare") else m.start()
    agency = groups.get("agency") or groups.get("agency_bare") or groups.get("agency_bare2") or groups.get("wire")
    date = groups.get("date") or groups.get("date2")
    region_group = "region"
    if not date and groups.get("region") in _WEEKDAYS:
        # NewsML-G2's "KAZAN, Monday (Reuters) -": the word after the comma is the day, not a region.
        date, region_group = groups["region"], ""
    known_agency = bool(agency) and agency in lexicon.agency_forms()
    # ANSA's agency-first form and the slashed tags of TASS, RIA and Ritzau are distinctive enough to stand
    # anywhere: "... - Alfano (ANSA) - Rome, October 11 -", "Peder Poulsen Haag /ritzau/: ...".
    boundary_ok = (
        anywhere
        or kind in ("agency_first", "slashed", "correspondent")
        or bool(groups.get("agency_bare"))
        or at_boundary(text, start, floor)
    )
    # A flattened title runs straight into a known agency's dateline with a date or a dash after its
    # tag ("... condamnée Strasbourg, 10 juil 2024 (AFP) L'opératrice", "... aufgegriffen Athen (dpa) -"):
    # the tag makes it a dateline; the place is cut to its last word below.
    flattened_title = kind == "tagged" and known_agency and bool(date or groups.get("sep")) and m.start() - floor < 600
    if flattened_title and _agency_first_at(text, m.start("agency") - 1, lexicon):
        flattened_title = False  # ANSA's "... - Alfano (ANSA) - Rome, October 11 -": the tag opens the dateline
    # "Date (Service) -" after a flattened title is as distinctive: "... Primeira Liga Results Jan 3 (OPTA) -".
    flattened_title = flattened_title or (kind == "date_only" and bool(groups.get("sep")) and m.start() - floor < 300)
    # A known agency's bracketed tag and its dash after a flattened title with no place: "Oil prices rise
    # on supply fears (Reuters) - Oil prices rose ...". The story's first word follows in capitals.
    flattened_title = flattened_title or (
        kind == "agency_only"
        and known_agency
        and bool(groups.get("agency"))
        and m.start() - floor < 300
        and _UPPER_RE.match(text[m.end() : m.end() + 4].lstrip(' \t"“')) is not None
    )
    boundary_ok = boundary_ok or flattened_title
    if groups.get("glued") is not None and not (flattened_title and _glued_to_lower_word(text, m.start("loc"))):
        return None  # "... buys DoubleClick (Reuters) -": a name in camel case, not a title glued to a place
    if loc and kind == "tagged" and known_agency and groups.get("sep") and not date and not groups.get("region"):
        tag = _tag_without_place(text, m, floor, places)
        if tag is not None:
            return DatelineMatch(tag, m.end(), None, None, agency)
    if loc:
        loc_start = m.start("loc")
        same_line = text[max(floor, loc_start - 60) : loc_start].rsplit("\n", 1)[-1]
        # Only names (letters, initials, "and", commas) between "By" and the place: the byline runs on.
        byline_runs_on = bool(_BYLINE_RUNS_ON_RE.search(same_line))
        if loc.split()[0] in ("By", "BY", "Von", "Por", "Par") or byline_runs_on:
            # A byline runs into the place: "By A and PRIYA NANDAKUMAR AUSTIN, Texas (AP)". The names
            # are the byline's; only a known multi-word place or the last word is the place.
            if not loc.isupper():
                return None
            place_start, loc = _tail_place(loc_start, loc, places)
        elif kind in ("slashed", "correspondent") and not loc.isupper() and len(loc.split()) > 1:
            # A slashed tag stands anywhere, so the words before it may be a byline or a title: "Peder
            # Top Poulsen Haag /ritzau/:". The place is a known place of several words, else the last.
            place_start, loc = _tail_place(loc_start, loc, places)
        else:
            place_start, loc = _location_start(text, loc_start, loc, floor, places)
        if kind == "tagged" and not known_agency and not loc.isupper() and not at_boundary(text, place_start, floor):
            return None  # "... Primeira Liga Results Jan 3 (OPTA) -": a title's word, not a place
        if loc_start == m.start():
            start = place_start
            # A place cut out of a run of capitals (a flattened headline before it) has its boundary there.
            boundary_ok = boundary_ok or place_start != loc_start or at_boundary(text, start, floor)
            # A known place of several words stands on its own: "... daa/mt/msr Nueva Delhi, 21 ene (EFE).-".
            boundary_ok = boundary_ok or loc.upper() in places
            previous = _previous_word(text, start, floor)
            in_caps_run = bool(previous) and not _LOWER_RE.search(previous) and _UPPER_RE.search(previous)
            if kind == "place_only":
                letters = _NOT_LETTER_RE.sub("", loc)
                if len(letters) < 3 or (in_caps_run and not _strong_boundary(text, start, floor)):
                    return None  # "in U.S. - Media", "NORTH YEMEN -- USDA": a headline, not a dateline
            if not boundary_ok and loc.isupper() and (agency or date or kind == "place_only"):
                # Capitals after a word in lower or title case: "By Han Seo-jin SEOUL, Oct. 28 (Yonhap)".
                boundary_ok = bool(_LOWER_RE.search(previous)) or not _LETTER_RE.search(previous)
                # A flattened title in capitals runs into "PLACE, Date -" (Reuters-21578, 1987 wire copy):
                # in the head of the text, a place, a date and a dash make the dateline by themselves.
                boundary_ok = boundary_ok or bool(kind == "undated_agency" and in_caps_run and m.start() - floor < 300)
        if not _UPPER_RE.match(loc):
            # A place opens with a capital. Arabic, Devanagari and the other uncased scripts have none:
            # the tag must be known and closed by a dash or dated ("وقال الوزير (رويترز) إن": a source
            # named inside a sentence).
            if not (kind == "tagged" and known_agency and _UNCASED_LETTER_RE.match(loc)):
                return None
            if not (groups.get("sep") or date):
                return None
        if not agency and not loc.isupper():
            if not _title_case_undated(text, m, kind, place_start, floor):
                return None  # a title-case place with no agency is a sentence ("Prices rose, April 3 -")
            boundary_ok = True
        if loc in lexicon.agency_forms() and not groups.get("region"):
            return None  # "Reuters (Reuters)" is a headline's tag, not a place
        if not loc.isupper() and not date and not groups.get("sep") and kind == "tagged":
            following = text[m.end() : m.end() + 40].lstrip()
            if agency and (following.startswith(agency) or following[:1].islower() or not following):
                return None  # AG News's "Buyers (Reuters) Reuters -": a title's tag, not a dateline
        end_of_place = max(
            (m.end(g) for g in (region_group, "bracket") if g and groups.get(g)), default=place_start + len(loc)
        )
        if groups.get("bracket") or text[end_of_place : end_of_place + 1] == ")":
            end_of_place += 1  # the bracket that closes ANI's "[India]" or the Arabic "(أوكرانيا)"
        # BUSINESS WIRE glues its dash to the region: "CALGARY, Alberta--(BUSINESS WIRE)--".
        loc = clean(text[place_start:end_of_place]).rstrip("-")
        if loc.endswith(".") and "." not in loc[:-1] and len(loc) > 4 and not groups.get("region"):
            loc = loc[:-1]  # Interfax's "Москва. 3 апреля.": the full stop closes the place
    if not boundary_ok:
        return None
    if kind == "tagged" and not groups.get("sep"):
        # An unknown word in brackets with no dash is an aside, "(WHO) said"; known agencies such as
        # PTI, IANS, CNA and Prensa Latina write no separator, so they stand without one. So does a
        # service's one-word tag after a place in capitals that opens a sentence, when the story's
        # first word follows in capitals: "... nine people. NEW YORK (CNNMoney) Cities often ...".
        if (
            not known_agency
            and not _undashed_service_tag(text, m, loc, start, floor)
            and not _dated_tag_opening_line(text, m, date, start, floor)
        ):
            return None
        following = text[m.end() : m.end() + 2].lstrip()
        if following[:1].islower():
            return None
    if kind == "tagged" and not known_agency and not (loc and (groups["loc"].isupper() or date)):
        return None
    if kind in ("tagged", "date_only") and not known_agency and m.start() - floor > _UNKNOWN_TAG_REACH:
        return None  # "10. Britain's Got Talent (ITV) April 30: 11.87 million": a list in the story
    if kind == "date_only" and not known_agency and not groups.get("sep"):
        return None  # "March 3 (Local Time)": an aside
    if kind == "lone_line" and (m.start() - floor > _UNKNOWN_TAG_REACH or (loc or "").title() in _WEEKDAYS):
        return None  # "FRIDAY, March 3" in a list of events, or deep in a story: no dateline
    if date and read_date(date, lexicon) is None and date not in _WEEKDAYS and not _hijri_date(date):
        return None  # a word and a number that name no month: "Group 4", "Room 12"
    if date and date.endswith(".") and (len(date.split()[-1]) >= 7 or kind == "slashed"):
        date = date[:-1]  # TASS's "16 февраля. /ТАСС/.": the full stop closes the date, not an abbreviation
    end = m.end()
    if kind == "slashed" and not groups.get("wire"):
        end = _correspondent_start(text, m)
    return DatelineMatch(start, end, loc, date, agency)


#: How far into the text a colon dateline may open the story, and the fewest words of the prose after it.
_COLON_PLACE_REACH = 1500
_COLON_PLACE_PROSE_WORDS = 8
_COLON_PLACE_WORDS = 3
# A sentence's end in the rest of the line after a colon dateline: after a word in lower case or a
# number, not an abbreviation's stop ("U.S. unilateralism").
_LINE_SENTENCE_END_RE = lazy(r"(?<=\p{Ll}{2}|\d)[.!?][\"”’)]?(?=\s|$)")
# A line of prose before a colon dateline: eight words or more, closed by a sentence's end.
_PROSE_LINE_RE = lazy(r"^[^\n]*(?:\S+[ \t]+){7,}[^\n]*(?<=\p{Ll}{2}|\d)[.!?][\"”’)]?[ \t]*$", regex.MULTILINE)


def _colon_place(state: ParseState, m: regex.Match[str], floor: int, anywhere: bool) -> DatelineMatch | None:
    """India's "New Delhi: The monsoon ...": a place and a colon that open the story's first paragraph.

    A label opens a line with a colon as often ("Note:", "Updated:", "Watch:", "Tags:"): the words are
    no label of the lexicon (meta, stamp, teaser and UI labels in every language it lists), the place
    has at most three words, and the rest of the line is a paragraph of prose (a sentence of eight words
    or more). A teaser's or a caption's text is never asked for one (``anywhere``).
    """
    text = state.text
    loc = m.group("loc")
    if anywhere or m.start("loc") - floor > _COLON_PLACE_REACH or len(loc.split()) > _COLON_PLACE_WORDS:
        return None
    if loc.lower() in _label_words(state.lexicon) or loc.split()[0].lower() in _label_words(state.lexicon):
        return None
    line_end = text.find("\n", m.end())
    rest = text[m.end() : len(text) if line_end == -1 else line_end]
    if len(rest.split()) < _COLON_PLACE_PROSE_WORDS or not _LINE_SENTENCE_END_RE.search(rest):
        return None
    if len(_PROSE_LINE_RE.findall(text, floor, m.start())) > 1:
        return None  # the story began before it (a deck may stand over the lead): "BEWERTUNG: Diese ..."
    date = m.group("date")
    if date and read_date(date, state.lexicon) is None:
        return None  # "PARIS (Reuters):" or "(Update 2):": only a date stands in the brackets
    return DatelineMatch(m.start("loc"), m.end(), clean(loc), date, None)


def _label_words(lexicon: Lexicon) -> frozenset[str]:
    return lexicon.derived(_build_label_words)


def _build_label_words(lexicon: Lexicon) -> frozenset[str]:
    # Every label the lexicon knows, whole and by its first word ("Updated", "Tags", "Read more"), and the
    # words a page's own labels use before a colon in English, where most of its labels are written.
    kinds = ("meta_label", "stamp_label", "related_label", "related_heading", "read_more", "disclaimer_label")
    forms = {form.lower().rstrip(":： ") for kind in kinds for form in lexicon.marker_forms(kind)}
    forms |= {form.split()[0] for form in forms if form.split()}
    return frozenset(forms | _COLON_LABELS)


# Labels that open a line with a colon on news pages and name no place.
_COLON_LABELS = frozenset(
    [
        "note",
        "editor",
        "editors",
        "update",
        "updated",
        "correction",
        "clarification",
        "watch",
        "read",
        "listen",
        "photo",
        "photos",
        "video",
        "source",
        "sources",
        "also",
        "breaking",
        "live",
        "exclusive",
        "opinion",
        "analysis",
        "explainer",
        "warning",
        "disclaimer",
        "tags",
        "topics",
        "category",
        "filed",
        "posted",
        "published",
        "by",
        "from",
        "to",
        "subject",
        "summary",
        "highlights",
        "quote",
        "question",
        "answer",
        "q",
        "a",
        "interview",
        "commentary",
        "feature",
        "review",
        "factbox",
        "timeline",
        "profile",
        "report",
        "editorial",
        "column",
        "obituary",
        "podcast",
        "gallery",
        "poll",
        "quiz",
    ]
)


def _undashed_service_tag(text: str, m: regex.Match[str], loc: str | None, start: int, floor: int) -> bool:
    """A tag of one word after a place in capitals at a boundary, and a capital after it.

    The word is in mixed case, as services name themselves ("CNNMoney", "BusinessDesk"): a ticker in
    capitals after a company's name in a title ("PENNZOIL (PZL) ADVISED ...") is no service's tag.
    """
    agency = m.group("agency") or ""
    if not loc or not loc.isupper() or " " in agency or agency.isupper() or not at_boundary(text, start, floor):
        return False
    following = text[m.end() : m.end() + 3].lstrip(" \t")
    return _UPPER_RE.match(following) is not None


def _dated_tag_opening_line(text: str, m: regex.Match[str], date: str | None, start: int, floor: int) -> bool:
    """An agency outside the lexicon in the full form, with no dash: place, date and tag open a line.

    Agencies that write no separator (Prensa Latina's "Bayamo, Mar 7 (Prensa Latina) Farmers ...", PTI,
    IANS) are followed by ones nobody listed that write the same; a place, a date and a bracket at a
    line's start, with the story's capital after it, is that form, where an aside in brackets ("(WHO)
    said") stands inside a sentence.
    """
    if not date or not (start <= floor or _opens_line(text, start, floor)):
        return False
    following = text[m.end() : m.end() + 3].lstrip(" \t")
    return _UPPER_RE.match(following) is not None


def _tag_without_place(text: str, m: regex.Match[str], floor: int, places: frozenset[str]) -> int | None:
    """Where a known agency's tag opens the dateline when the word before it is no place, or None.

    A flattened page runs its title into the tag: "... seamounts off Chile  (CNN) —" keeps two spaces
    for the line break between them (a place and its tag are never set apart so), and a title in title
    case gives its last word a capital as a place has it ("Oil Prices Rise on Supply Fears (Reuters) -").
    A place in capitals ("LONDON (CNN) —") or one after a lower-case word ("sinkt weiter Athen (dpa) -",
    where the case changes as at a dateline) is kept, as is a place that opens its line.
    """
    loc_start, loc_end = m.start("loc"), m.end("loc")
    bracket = text.rfind("(", loc_end, m.start("agency") + 1)
    if bracket == -1 or _strong_boundary(text, loc_start, floor) or at_boundary(text, loc_start, floor):
        return None
    between = text[loc_end:bracket]
    if "\n" in between or "  " in between or "\u00a0\u00a0" in between:
        return bracket
    loc = m.group("loc")
    if loc.isupper():
        return None
    place_start, _ = _location_start(text, loc_start, loc, floor, places)
    if place_start == loc_start and len(loc.split()) > 1:
        return None  # title-case words kept whole (a known place, or a run at a boundary)
    if _title_case_before(text, place_start, floor):
        return bracket
    return None


def _title_case_before(text: str, pos: int, floor: int) -> bool:
    """The words before ``pos`` on its line are an English title in title case ("Rise on Supply Fears").

    Every word of the last four is capitalised (in mixed case) or a title's joiner, and the one right
    before is capitalised. A German title capitalises its nouns but keeps its own function words in lower
    case ("Attacke auf Reporter London (dpa) -"): "auf" is no English joiner, and the place stays.
    """
    before = text[max(floor, pos - 60) : pos].rsplit("\n", 1)[-1].split()[-4:]
    words = [w.strip("\"“”'‘’,:;") for w in before]
    if len(words) < 3 or not words[-1][:1].isupper() or _LOWER_RE.search(words[-1]) is None:
        return False
    return all((w[:1].isupper() and _LOWER_RE.search(w) is not None) or w in TITLE_JOINERS for w in words if w)


# The word a glued place follows: all lower case from a space or the text's start ("sinkt weiterBerlin").
_GLUED_WORD_RE = lazy(r"(?:\A|\s)\p{Ll}{3,}\Z")


def _glued_to_lower_word(text: str, loc_start: int) -> bool:
    """The letters before a glued place are a whole word in lower case, the last of a sentence-case title.

    A word in camel case ("DoubleClick", "PlayStation", "MasterCard") opens with a capital: its second
    capital opens no place.
    """
    return _GLUED_WORD_RE.search(text[max(0, loc_start - 40) : loc_start]) is not None


def _title_case_undated(text: str, m: regex.Match[str], kind: str, place_start: int, floor: int) -> bool:
    """True for a title-case place, a comma, a date and a dash with no agency, where it can be a dateline.

    Reuters-21578 writes "Toronto, March 6 -" and "Calgary, Alberta, April 8 -" as often as capitals. It
    is a dateline at the start of a unit, or right after a title in capitals that a flattened text runs
    into it ("... 3RD QTR LOSS Toronto, March 6 -": the change of case is the boundary); never inside a
    sentence, never without the comma, and only in the head of the text.
    """
    if kind != "undated_agency" or "," not in (m.group("comma") or "") or place_start - floor > _UNKNOWN_TAG_REACH:
        return False
    if text[m.end() : m.end() + 3].lstrip()[:1].islower():
        return False  # "Moreover, March 3 - the talks ...": a sentence goes on after the dash
    if _strong_boundary(text, place_start, floor):
        return True
    previous = _previous_word(text, place_start, floor)
    return bool(_UPPER_RE.search(previous)) and not _LOWER_RE.search(previous)


# The months of the Hijri calendar as Gulf, Saudi and Iranian agencies write them in English datelines
# ("Riyadh, Ramadan 22, 1438 --"). A Hijri date is kept as written; its date_iso is null, since the
# tabular calendar can be a day or two off the one the agency dates by.
_HIJRI_MONTHS = frozenset(
    [
        "muharram",
        "safar",
        "rabi",
        "rabia",
        "jumada",
        "jamada",
        "rajab",
        "shaban",
        "sha'ban",
        "ramadan",
        "ramazan",
        "shawwal",
        "dhul",
        "dhu",
        "zulqida",
        "zulhijja",
    ]
)


def _hijri_date(date: str) -> bool:
    words = [w.strip(".,").lower() for w in date.split()]
    return any(w in _HIJRI_MONTHS for w in words)


# A correspondent named inside the slashes, after the agency: RIA's "-Korrespondent Arkadi Orlow/.",
# TASS's "/Корр. ТАСС Иван Петров/." (the title before the agency), "/ТАСС, корреспондент Иван Петров/.".
_TAG_CORRESPONDENT_RE = lazy(r"(?:Korrespondent(?:in)?|[Кк]орреспондент|Korr\.)\s+(?=\p{Lu})")
_TAG_NAME_RE = lazy(r"[\p{Lu}][\p{L}\-]+(?:\s[\p{Lu}][\p{L}\-]+){1,2}\s*/")


def _correspondent_start(text: str, m: regex.Match[str]) -> int:
    """Where a correspondent's title or name starts inside a slashed tag, else the tag's end."""
    tail_start, tail_end = m.span("tail") if m.group("tail") else (m.end("agency"), m.end("agency"))
    titled = _TAG_CORRESPONDENT_RE.search(text, tail_start, tail_end)
    if titled:
        return titled.start()
    if m.group("corr"):
        name_at = tail_start + len(text[tail_start:tail_end]) - len(text[tail_start:tail_end].lstrip(' ,"-'))
        if _TAG_NAME_RE.match(text, name_at, m.end()):
            return name_at
    return m.end()


# A rule line between the items of a digest ("-----------------" in Yonhap's News Summary).
_RULE_LINE_RE = lazy(r"^[ \t]*(?:-{5,}|={5,}|\*{5,})[ \t]*$", regex.MULTILINE)


def is_digest(state: ParseState) -> bool:
    """A digest of several stories, each after a rule line with its own dateline: no one story's dateline.

    Asked by the related parser and by this one; the answer is kept in ``findings.digest``.
    """
    if state.findings.digest is None:
        state.findings.digest = _digest(state)
    return state.findings.digest


#: Dated paragraphs that make a page of briefs, and how far into the text they are looked for.
_BRIEFS_MIN = 3
_BRIEFS_REACH = 20_000


def _briefs(state: ParseState) -> bool:
    """A page of briefs: three paragraphs or more one after another, each opening with its own dateline.

    Agencies' news summaries ("KUNA main news", Xinhua's and Anadolu's daily briefs, a paper's world
    briefs) run short items, each a dateline and a sentence or two, with no title between them (a title
    over each makes a listing). Most of the paragraphs after the first such one open so.
    """
    text = state.text
    if "\n" not in text:
        return False
    pieces = units(text, 0, min(len(text), _BRIEFS_REACH))
    if len(pieces) < _BRIEFS_MIN:
        return False
    opened = []
    for a, b in pieces:
        found = first_dateline(state, a, b, floor=a)
        opened.append(found is not None and found.start == a)
    if sum(opened) < _BRIEFS_MIN:
        return False
    first = opened.index(True)
    closes = [_LINE_SENTENCE_END_RE.search(text, *piece) is not None for piece in pieces]
    after = [i for i in range(first, len(pieces)) if closes[i]]
    # Each brief follows the sentence that closed the one before; a title line before it makes a
    # listing's item (dts's and Xinhua's tag pages), and marks the page as no digest.
    if any(opened[i] and not closes[i - 1] for i in range(first + 1, len(pieces))):
        return False
    dated = [i for i in after if opened[i]]
    return len(dated) >= _BRIEFS_MIN and 3 * len(dated) >= 2 * len(after)


def _digest(state: ParseState) -> bool:
    text = state.text
    rules = list(_RULE_LINE_RE.finditer(text))
    if len(rules) < 2:
        return _briefs(state)
    items_with_dateline = 0
    for rule, following in zip(rules, [*rules[1:], None]):
        end = following.start() if following else min(len(text), rule.end() + 600)
        window_end = min(end, rule.end() + 400)
        if first_dateline(state, rule.end(), window_end, floor=rule.end()) is not None:
            items_with_dateline += 1
    return items_with_dateline >= 2


def parse(state: ParseState) -> None:
    """Claim the story's dateline: the first free dateline that text follows."""
    text = state.text
    if is_digest(state):
        return
    for run in list(state.free_runs()):
        for candidate in find_datelines(state, run.start, run.end, floor=run.start):
            if not text[candidate.end : candidate.end + 200].strip():
                continue
            part = candidate.to_part(state)
            if state.claim("dateline", candidate.start, candidate.end, part, "dateline"):
                state.findings.dateline = part
                state.findings.dateline_end = candidate.end
                return
    _place_line(state)


# A place alone on its line, as feeds send their dateline element with no agency or date: AAP's
# "Sydney", NTB's "Oslo", STT's "Kiova/Washington", ATS's "Landquart GR" (with the canton).
_PLACE_LINE_RE = lazy(
    r"""[\p{Lu}][\p{L}'’.\-]+(?:[ \-][\p{Lu}][\p{L}'’.\-]+){0,2}   # Sydney, Den Haag, Kuala Lumpur
        (?:\s?/\s?[\p{Lu}][\p{L}'’.\-]+(?:\s[\p{Lu}][\p{L}'’.\-]+)?)?   # Kiova/Washington
        (?:\s[A-Z]{2})?                                        # Landquart GR""",
    regex.VERBOSE,
)

# Sections and menus that stand alone on a line like a place: never a dateline.
_SECTION_NAMES = frozenset(
    [
        "Home",
        "World",
        "Business",
        "Sports",
        "Sport",
        "Politics",
        "News",
        "Opinion",
        "Culture",
        "Entertainment",
        "Technology",
        "Tech",
        "Science",
        "Health",
        "Travel",
        "Lifestyle",
        "Economy",
        "Markets",
        "Finance",
        "Video",
        "Photos",
        "Weather",
        "Local",
        "National",
        "International",
        "Nachrichten",
        "Politik",
        "Wirtschaft",
        "Kultur",
        "Inland",
        "Ausland",
        "Nyheter",
        "Innenriks",
        "Utenriks",
        "Sporten",
    ]
)

# A region's code after a place: ATS's canton in "Landquart GR".
_REGION_CODE_RE = lazy(r"\s[A-Z]{2}$")

# A site's domain inside a line: "Faktisk.no".
_DOMAIN_DOT_RE = lazy(r"\.\p{L}")


#: The words the prose after a place line has at least (in its next three units); the units before it at most.
_PROSE_WORDS = 15
_HEAD_UNITS = 4


def _place_line(state: ParseState) -> None:
    """With no other dateline: a place's line between the head (title, byline) and the story's prose."""
    text = state.text
    lexicon = state.lexicon
    if "\n" not in text:
        return
    pieces = [p for run in state.free_runs(0, min(len(text), 2000)) for p in units(text, run.start, run.end)]
    for index, (start, end) in enumerate(pieces[: _HEAD_UNITS + 1]):
        if index == 0 or index + 1 >= len(pieces):
            continue
        if not _PLACE_LINE_RE.fullmatch(text, start, end) or "\n" not in text[pieces[index - 1][1] : start]:
            continue
        line = text[start:end]
        if line.split()[0] in _SECTION_NAMES or BY_RE.match(line) or line in lexicon.agency_forms():
            continue  # a menu's or section's name, a byline, an agency credited alone (NTB): no dateline
        if "/" in line and (_DOMAIN_DOT_RE.search(line) or line.rsplit("/", 1)[1].strip() in lexicon.agency_forms()):
            continue  # a writer and an outlet: "Geir Moen / Faktisk.no", "Karin Berg/TT"
        words = line.split()
        if len(words) > 1 and "/" not in line and not _REGION_CODE_RE.search(line) and not line.isupper():
            if line.upper() not in lexicon.multiword_places():
                continue  # two capitalised words are a person's name as often as a place: "John Hale"
        if len(text[pieces[index - 1][0] : pieces[index - 1][1]].split()) < 2:
            continue  # after another short line: a menu
        following = " ".join(text[a:b] for a, b in pieces[index + 1 : index + 4])
        if "\n" not in text[end : pieces[index + 1][0]] or len(following.split()) < _PROSE_WORDS:
            continue
        location = clean(text[start:end])
        part = Dateline(location, location, None, None, None, Span(start, end))
        if state.claim("dateline", start, end, part, "dateline"):
            state.findings.dateline = part
            state.findings.dateline_end = end
        return
