"""Dateline: the story's opening ``PLACE, Date (AGENCY) --``.

Contract:
    Claims: one span, the story's own dateline, from the first character of the place (or of the agency
    tag when the agency comes first) through the separator that ends it.
    Reads: the claims already made (a caption's or a teaser's dateline is inside their spans, so it is
    never taken for the story's); ``facts["year_hint"]`` (a year from a caption or page stamp).
    Writes: ``facts["dateline_end"]``, where the story text starts.
    Never: claims a dateline inside a sentence (a match must start at a boundary: the start of a line, a
    double space, the end of a sentence or of a claimed part).

``find_datelines`` is shared with the caption and related parsers, which look for datelines of their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from wirecut import lexicon
from wirecut.dates import iso_date, read_date
from wirecut.spans import ParseState, Span
from wirecut.story import Dateline
from wirecut.text import clean

# An upper-case place word: BEIJING, ST., O'HARE, AL-QAIM, SAN'A.
_UPPER_WORD = r"[\p{Lu}][\p{Lu}\p{M}'’.\-]*"
# A title-case place word: Mumbai, Nueva, Bandung, Düzce; or a short lower-case joiner inside a place
# name (Dar es Salaam, Rio de Janeiro, Kota Bandung has none).
_TITLE_WORD = r"[\p{Lu}][\p{Ll}\p{M}'’.\-]+"
_JOINER = r"(?:de|del|da|do|dos|la|las|los|el|es|al|am|an|upon|on|sur|di)"
# A state, province or country after the place: "Texas", "Calif.", "N.Y.", "Italy", "Lebanon";
# or ANI's bracketed country: "Damascus [Syria]".
_REGION = rf"(?:{_TITLE_WORD}(?:\s{_TITLE_WORD})?|[\p{{Lu}}]\.(?:[\p{{Lu}}]\.)+|{_UPPER_WORD})"

# The dash or mark that ends a dateline, each as an agency writes it.
_SEPARATOR = r"""
    (?:\s*(?:
        --+            # Xinhua, UPI, Kyodo, Yonhap, Bernama, CNN: "(Xinhua) --"
      | —|―|–          # AP and reposts of Xinhua: "(AP) —"
      | &\#8212;|&\#151;|&mdash;|&ndash;   # the same dashes left as character references
      | \.-            # EFE: "(EFE).-"
      | -              # Reuters, AFP, dpa, ANSA, Antara: "(Reuters) -"
      | _              # NYT wire: "WASHINGTON _"
      | :              # ANI: "(ANI):"
    ))"""

# Dates as the agencies write them in datelines.
_DATE = r"""
    (?:
        (?i:{months})\.?\s+[0-3]?\d(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?     # April 19 / Sept. 29, 2016
      | [0-3]?\d(?:st|nd|rd|th|er)?\.?\s+(?i:{months})\.?(?:,?\s+(?:19|20)\d\d)?  # 13 Jan / 5th January 2016 / 16 февраля
      | (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)      # NewsML's "MOSCOW, Monday (Reuters)"
    )"""


@dataclass(frozen=True, slots=True)
class DatelineMatch:
    """A dateline found in the text, before it is made a part."""

    start: int
    end: int
    location: str | None
    date: str | None
    agency_written: str | None

    def to_part(self, text: str, near: dt.date | None) -> Dateline:
        agency = lexicon.canonical_agency(self.agency_written) if self.agency_written else None
        iso = iso_date(read_date(self.date), near) if self.date else None
        return Dateline(clean(text[self.start : self.end]), self.location, self.date, iso, agency, Span(self.start, self.end))


def _agency_alternation() -> str:
    forms = sorted(lexicon.agency_forms(), key=lambda f: (-len(f), f))
    return "|".join(regex.escape(f) for f in forms)


def _month_alternation() -> str:
    return "|".join(regex.escape(m) for m in lexicon.month_names())


@lru_cache(maxsize=1)
def _patterns() -> list[regex.Pattern[str]]:
    """The dateline patterns, built from the lexicons (rebuilt when a lexicon changes)."""
    date = _DATE.format(months=_month_alternation())
    agency = _agency_alternation()
    place = rf"(?P<loc>{_UPPER_WORD}(?:[ \-]{_UPPER_WORD}){{0,3}}|{_TITLE_WORD}(?:\s(?:{_JOINER}\s)?{_TITLE_WORD}){{0,3}})"
    region = rf"(?:\s*,\s*(?P<region>{_REGION})|\s*\[(?P<bracket>[^\]\n]{{2,30}})\])"
    agency_tag = rf"\((?P<agency>{agency}|[\p{{Lu}}][\p{{L}}\-]+(?:\s[\p{{Lu}}][\p{{L}}\-]+){{0,2}})\)"
    sources = [
        # PLACE[, Region][,] [Date] (AGENCY) [Date] [sep]: Xinhua, AP, Reuters, AFP, PTI, IANS, ANI, Kyodo,
        # Yonhap, Bernama, CNA, KUNA, WAM ("ABU DHABI 5th January 2016 (WAM) --"), CNN ("London (CNN) --"),
        # AFP's date after the agency ("ABU DHABI (AFP) Jun 07, 2005").
        rf"""{place}{region}?(?:\s*,?\s+(?P<date>{date}))?\s*{agency_tag}
             (?:\s+(?P<date2>{date}))?(?P<sep>{_SEPARATOR})?""",
        # PLACE, Date. /TASS/. : TASS and ITAR-TASS.
        rf"""{place}{region}?(?:\s*,\s*(?P<date>{date}))?\.?\s*/(?P<agency>{agency})/\.?""",
        # (AGENCY) - PLACE, Date - : ANSA puts the agency first.
        rf"""\((?P<agency>{agency})\)\s*(?:-|–|—)\s*{place}(?:\s*,\s*(?P<date>{date}))?(?P<sep>{_SEPARATOR})""",
        # Date (AGENCY) -- with no place: UPI's current form ("June 3 (UPI) --").
        rf"""(?P<date>{date})\s*\((?P<agency>{agency})\)(?P<sep>{_SEPARATOR})?""",
        # PLACE, Date - with no agency: Reuters-21578 (1987) and other pre-web wire copy.
        rf"""(?P<loc>{_UPPER_WORD}(?:[ \-]{_UPPER_WORD}){{0,3}}){region}?\s*,\s*(?P<date>{date})(?P<sep>{_SEPARATOR})(?=\s)""",
        # (AGENCY) -- or AGENCY - alone: CNN's "(CNN) --", AG News's "Reuters - ".
        rf"""(?:\((?P<agency>{agency})\)|(?P<agency_bare>{agency}))(?P<sep>{_SEPARATOR})(?=\s)""",
    ]
    return [regex.compile(s, regex.VERBOSE) for s in sources]


lexicon.on_change(_patterns.cache_clear)

# What may stand right before a dateline: the start of the text or a line, two spaces, the end of a
# sentence or a bracket, a dash that closes a caption's photo number ("(240413) -- "), or a claimed part.
_BOUNDARY_BEFORE_RE = regex.compile(r"""(?:\A|\n|\s\s|[.!?"”’)\]>:|…]\s*|\s--\s?|\u3000)\Z""", regex.VERBOSE)


def at_boundary(text: str, pos: int, floor: int = 0) -> bool:
    """True when a part may start at ``pos``: nothing but a boundary mark stands right before it."""
    if pos <= floor:
        return True
    window = text[max(floor, pos - 4) : pos]
    return bool(_BOUNDARY_BEFORE_RE.search(window)) or pos - 4 < floor and not window.strip()


def _location_start(text: str, start: int, loc: str, floor: int) -> tuple[int, str]:
    """Where the place really starts when the match ran into the words before it.

    A flattened Reuters headline in capitals runs straight into the place ("... FINANCIAL UNIT CLEVELAND,
    Feb 26 -"). The place is then the longest tail of the run that is a known multi-word place, else
    its last word; a run that starts at a boundary is kept whole.
    """
    words = loc.split()
    if len(words) == 1 or at_boundary(text, start, floor):
        return start, loc
    known = lexicon.multiword_places()
    for size in range(len(words) - 1, 1, -1):
        tail = " ".join(words[-size:])
        if tail.upper() in known:
            return start + loc.rindex(tail), tail
    previous = text[max(floor, start - 30) : start].split()
    if previous and not previous[-1].isupper() and loc.isupper():
        # "AP Business Writer NEW YORK (AP)": capitals after a title-case word are all the place.
        return start, loc
    last = words[-1]
    return start + loc.rindex(last), last


def find_datelines(
    text: str, start: int = 0, end: int | None = None, *, floor: int | None = None, anywhere: bool = False
) -> Iterator[DatelineMatch]:
    """Every dateline in ``text[start:end]`` that starts at a boundary, in order of position.

    ``anywhere`` drops the boundary rule, for a teaser whose title runs straight into its dateline.
    """
    stop = len(text) if end is None else end
    low = start if floor is None else floor
    found: list[DatelineMatch] = []
    for pattern in _patterns():
        pos = start
        while pos < stop:
            m = pattern.search(text, pos, stop, timeout=2.0)
            if not m:
                break
            made = _accept(text, m, low, anywhere)
            if made:
                found.append(made)
                pos = made.end
            else:
                pos = m.start() + 1
    found.sort(key=lambda d: (d.start, -d.end))
    last_end = -1
    for item in found:
        if item.start >= last_end:
            last_end = item.end
            yield item


def _accept(text: str, m: regex.Match[str], floor: int, anywhere: bool = False) -> DatelineMatch | None:
    groups = m.groupdict()
    loc = groups.get("loc")
    start = m.start()
    agency = groups.get("agency") or groups.get("agency_bare")
    date = groups.get("date") or groups.get("date2")
    trimmed = False
    if loc:
        start, loc = _location_start(text, m.start("loc"), loc, floor)
        # A place cut out of a run of capitals (a flattened headline before it) has its boundary there.
        trimmed = start != m.start("loc")
        if not regex.match(r"[\p{Lu}]", loc):
            return None
        # A title-case place with no agency is a sentence ("Prices rose, April 3 -"): never a dateline.
        if not agency and not loc.isupper():
            return None
        # A known agency's name is not a place: "Reuters (Reuters)" is a headline's tag.
        if loc in lexicon.agency_forms() and groups.get("region") is None:
            return None
        if groups.get("region"):
            loc = clean(text[start : m.end("region")])
        elif groups.get("bracket"):
            loc = clean(text[start : m.end("bracket") + 1])
    if not anywhere and not trimmed and not at_boundary(text, start, floor):
        return None
    if groups.get("agency") and not groups.get("sep") and "agency" in groups:
        # An unknown word in brackets with no dash is an aside, "(WHO) said"; known agencies such as
        # PTI, IANS, CNA and Prensa Latina write no separator, so they stand without one.
        if groups["agency"] not in lexicon.agency_forms():
            return None
        following = text[m.end() : m.end() + 2].lstrip()
        if following[:1].islower():
            return None
    if not loc and not date and not groups.get("sep") and "/" not in m.group(0):
        return None
    if date and read_date(date) is None and not date.istitle():
        return None
    if agency and agency not in lexicon.agency_forms() and not loc:
        return None
    return DatelineMatch(start, m.end(), loc, date, agency)


def parse(state: ParseState) -> None:
    """Claim the story's dateline: the first free dateline that text follows."""
    text = state.text
    for run in list(state.free_runs()):
        for candidate in find_datelines(text, run.start, run.end, floor=run.start):
            if not text[candidate.end : candidate.end + 200].strip():
                continue
            part = candidate.to_part(text, None)
            if state.claim("dateline", candidate.start, candidate.end, part, "dateline"):
                state.facts["dateline"] = part
                state.facts["dateline_end"] = candidate.end
                return
