"""Headline: the story's own title, when the scrape kept it.

Contract:
    Claims: at most one span, in the text before the story's first part (byline, caption or dateline),
    or at the head of a text that has none of them.
    Reads: the free spans and the claims made before it (the dateline's, bylines', captions').
    Writes: no findings.
    Never: takes a sentence of the story for a title (it must not end like a sentence, must be short,
    must not be all lower case); never takes a page title (that is residue, claimed before).

In flattened text with no dateline (AG News rows: "Giddy Phelps Touches Gold for First Time Michael
Phelps won the gold medal ...") the title is the run of capitalised words before the story's first
sentence; the sentence's own capitalised subject is given back to it.
"""

from __future__ import annotations

import regex

from wirecut.language import ALL_FUNCTION_WORDS, function_words
from wirecut.parsers import kind, title_shape
from wirecut.parsers.byline import BY_RE
from wirecut.patterns import lazy
from wirecut.spans import ParseState, Span
from wirecut.story import Headline
from wirecut.text import clean, trim, units

# Short words that stay lower case inside a title-case headline: title_shape's list, one for both.
_SMALL_WORDS = title_shape.TITLE_JOINERS

# A sentence end: a title may end with "?" or "!", and with "." only after an abbreviation (U.S.).
_SENTENCE_END_RE = lazy(r"(?<![\p{Lu}]\.[\p{Lu}]|\b[\p{Lu}])[.。]\s*$")

_MAX_WORDS = 30


# Units of a page's head that are metadata, not a title: FBIS's "Language: English", "Article Type:BFN",
# "[Text]"; Xinhua reposts' "Author: XINHUA"; MENAFN's syndication prefix; a section name in capitals
# ("GENERAL", Bernama); a lone label ending in a colon ("时间:").
_NOT_A_TITLE_RE = lazy(
    r"""\[[^\]]{0,40}\]
      | \(MENAFN[^)]*\)?.*
      | [\p{L} ]{1,20}\s?[:：]\s?[\p{L}\d]{0,12}
      | [\p{Lu}\d&\-]+
      | .*[:：]
      | https?://\S+
      | .*(?:19|20)\d\d-[01]\d-[0-3]\d.*                   # a line with a page stamp in it
      | \S*_\S*                                          # one token with an underscore: a template's "spot_img"
      | 第\s?\d{1,3}\s?版.*                                # a paper's page label: "第6版(国际)"
      | (?:正在阅读|当前位置|您的位置|现在位置)[:：].*          # "now reading:", "you are here:"
      | [\d\s]+
      | [•·▪►◦‣∙].*                                        # a list item: a menu's or a teaser list's, never the story's title
      | (?:[\p{L}][\p{L}\d \-]*/){1,8}                         # dpa's keywords: "Switzerland/migration/UN/"
    """,
    regex.VERBOSE,
)

# dpa's keywords, then its title on the same line, where the header is flattened: "American
# Football/NFL/ Chiefs-Rams 2.0? Would be a fun Super Bowl".
_KEYWORDS_BEFORE_TITLE_RE = lazy(r"(?:[\p{L}][\p{L}\d \-]*/){1,8}[ \t]+(?=[\p{Lu}\d])")


# What spammed Chinese pages put where a title would be: a keyword list ("国产自产视频一区二区三区,
# 777米奇影院影音先锋第四色,日本最新中文字幕在线中") or a site name twice ("彩神88-彩神88").
_REPEATED_NAME_RE = lazy(r"(?P<name>\S{2,20})\s?[-_|]\s?(?P=name)")


def _is_keyword_spam(raw: str) -> bool:
    pieces = [p for p in _COMMA_RE.split(raw) if p.strip()]
    if len(pieces) >= 3 and all(len(p.strip()) <= 16 for p in pieces) and _DIGIT_RE.search(raw):
        return True
    return bool(_REPEATED_NAME_RE.fullmatch(raw.strip()))


# Chinese and Japanese letters; commas of either script; a digit.
_CJK_RE = lazy(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
_COMMA_RE = lazy(r"[,，]")
_DIGIT_RE = lazy(r"\d")
_FIRST_LETTER_RE = lazy(r"\p{L}")


def _looks_like_title(raw: str) -> bool:
    words = raw.split()
    if not words or len(raw) > 300:
        return False
    if _NOT_A_TITLE_RE.fullmatch(raw.strip()):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper())
    # A long line in sentence case is a blurb or a sentence, not a headline; a headline of two clauses
    # joined by a semicolon runs longer ("... as Abboud quits; retailer put up for sale").
    if len(words) > (22 if ";" in raw else 15) and capitalised <= len(words) / 2:
        return False
    cjk = _CJK_RE.search(raw)
    if not cjk and len(words) > _MAX_WORDS:
        return False
    if not cjk and len(words) == 1:
        return False  # one word is a section's name ("Business", "World"), not a story's title
    if cjk and len(raw) > 80:
        return False
    if cjk and _is_keyword_spam(raw):
        return False
    if cjk and len(_CJK_RE.findall(raw)) < 4:
        return False  # "彩神88": a site's name; a Chinese or Japanese story's title runs longer
    if _SENTENCE_END_RE.search(raw) and len(words) > 3:
        return False
    first_letter = _FIRST_LETTER_RE.search(raw, 0, 12)
    if first_letter is None or first_letter.group(0).islower():
        return False  # a title opens with a capital, after any number: "1994 Law Designed to ...", "$210 lobster"
    return True


def parse(state: ParseState) -> None:
    """Claim the headline."""
    text = state.text
    if any(c.label == "headline" for c in state.claims):
        return  # a wire format's own headline field (ANPA's) was read before
    _take_back_title_words(state)
    # The title stands before the story's dateline or byline, where the page may put its lead photo
    # and caption first (AP's and Reuters' pages: caption, title, byline, stamp, dateline); with
    # neither, before the first caption.
    story_marks = [c.span.start for c in state.claims if c.label in ("dateline", "byline")]
    captions = [c.span.start for c in state.claims if c.label == "caption"]
    firsts = story_marks or captions
    limit = min(firsts) if firsts else None
    if limit is not None:
        found = _title_in_head(text, list(state.free_runs(0, limit)))
        if found is not None:
            start, end = found
            state.claim("headline", start, end, Headline(clean(text[start:end]), Span(start, end)), "headline")
        return
    _headline_without_anchor(state)


# A ticker in angle brackets inside a capitals title, which the markup parser took for an HTML tag
# because its letters spell one: Reuters-21578's "NAVISTAR <NAV> DEBT UPGRADED", "PHILLIPS <P> RAISES".
_CAPS_TAG_RE = lazy(r"<[\p{Lu}][\p{Lu}\d.]{0,9}>")


def _letters_upper(raw: str) -> bool:
    """True when ``raw`` has letters and none of them is lower case (a capitals title or byline)."""
    return any(ch.isalpha() for ch in raw) and not any(ch.islower() for ch in raw)


def _take_back_title_words(state: ParseState) -> None:
    """Give back to the title what earlier parsers took out of the middle or the end of its line.

    In a title set in capitals the case change is the boundary between title and story, so a piece of
    the same line that is in capitals too belongs to the title: a "BY ..." that the byline parser read
    as a byline ("PHILADELPHIA PORT CLOSED BY TANKER CRASH", Reuters-21578 and every wire that sets its
    titles in capitals), and a ticker the markup parser read as a tag. A byline in a different case
    from the title before it ("Storm Hits Coast BY JOHN SMITH", "FLOODS By Jo Wen") stays a byline.
    """
    text = state.text
    anchors = sorted(
        (c for c in state.claims if c.label in ("dateline", "byline", "caption")), key=lambda c: c.span.start
    )
    limit = anchors[0].span.start if anchors else text.find("\n")
    if limit <= 0:
        return
    for claim in sorted(state.claims, key=lambda c: c.span.start):
        if claim.span.end > limit:
            break
        if claim.parser == "markup" and _CAPS_TAG_RE.fullmatch(claim.span.slice(text)):
            line_start = text.rfind("\n", 0, claim.span.start) + 1
            for piece in [c for c in state.claims if c.parser == "furniture" and line_start <= c.span.start]:
                # The company's name before its ticker, which the furniture parser took for a lone
                # capitals word once the ticker was read as a tag: "ACME <NAV> STAKE RAISED".
                if piece.span.end <= claim.span.start and _letters_upper(piece.span.slice(text)):
                    state.release(piece)
            if _capitals_before_on_line(text, claim.span.start, 1):
                state.release(claim)
    first = anchors[0] if anchors else None
    if first is not None and first.label == "byline":
        raw = first.span.slice(text)
        if "\n" not in raw.strip() and _letters_upper(raw) and _capitals_before_on_line(text, first.span.start, 2):
            state.release(first)


def _capitals_before_on_line(text: str, pos: int, words: int) -> bool:
    """True when the line holding ``pos`` has at least ``words`` words before it, all in capitals."""
    line_start = text.rfind("\n", 0, pos) + 1
    before = text[line_start:pos].split()
    return len(before) >= words and _letters_upper(" ".join(before))


# A flattened feed header: the wire keyword ("BC-Soccer-Emperor's-Cup", as ANPA feeds such as Kyodo's
# English service send it), then the title that Kyodo closes with "+".
_KEYWORD_THEN_TITLE_RE = lazy(
    r"""(?:AM|PM|BC|AP)-[\w'’.\-]+[ \t]+                     # the last keyword of the header
        (?P<title>(?:(?!(?:AM|PM|BC|AP)-)[^\n+]){10,300}?)   # the title, with no keyword inside
        [ \t]*\+$""",
    regex.VERBOSE,
)


# IPTC 7901 closes its header with " =" (ATS, SDA, dpa): the title is the line that ends so, right
# before the dateline, and the kicker line before it that ends with a colon ("Notes de frais GE:").
_HEADER_END_RE = lazy(r"[ \t]+=[ \t]*$")

# A slug that the kicker repeats, flattened onto the title's line: "Frais GE Frais GE: L'affaire ...".
_REPEATED_SLUG_RE = lazy(r"(?P<slug>(?:\S+\s+){0,5}?\S+)\s+(?=(?P=slug)[:：])")


def _header_title(text: str, pieces: list[tuple[int, int]]) -> tuple[int | None, int | None]:
    """The title of an IPTC 7901 header: the last unit before the dateline, closed by " ="."""
    start, end = pieces[-1]
    raw = text[start:end]
    closing = _HEADER_END_RE.search(raw)
    if closing is None or BY_RE.match(raw):
        return None, None
    end = start + closing.start()
    if len(pieces) > 1 and text[pieces[-2][0] : pieces[-2][1]].rstrip().endswith((":", "：")):
        start = pieces[-2][0]  # the kicker on the line before: "Notes de frais GE:"
    repeated = _REPEATED_SLUG_RE.match(text, start, end)
    if repeated:
        start = repeated.end()  # the slug before the kicker that repeats it, flattened
    if not _looks_like_title(" ".join(text[start:end].split()).replace(":", "", 1)):
        return None, None
    return start, end


# AFP's product line after the title, in brackets: "(Photo+Video)", "(Croquis d'audience+Photo+Video)".
_MEDIA_LINE_RE = lazy(
    r"""\s+\((?:[\p{L}'’ ]{1,30}\+)*(?:Photos?|PHOTOS?|Videos?|VIDEO|Vidéo|Foto|Graphic|Infographie|Croquis\sd'audience)
        (?:\+[\p{L}'’ ]{1,30})*\)$""",
    regex.VERBOSE,
)


# EFE's and AFP's desk initials, which their NITF sends as the byline, after a flattened title: "gr/bp".
_DESK_INITIALS_RE = lazy(r"\s+[a-z]{2,4}(?:/[a-z]{2,4}){1,3}$")


#: Words below which a title-like line over the story is more often the site's or section's label
#: ("English Edition", "World News", "Latest") than the story's title.
_LABEL_MAX_WORDS = 3


def _title_in_head(text: str, runs: list[Span]) -> tuple[int, int] | None:
    """The story's title in the free text before its first part: the first unit that looks like one.

    A label of a site's or section's (``English Edition``, ``World News``: three words or fewer) that
    a longer title-like unit follows gives way to it, as sites put their edition or section name over
    the story's title; a title of a few words with nothing longer after it is still the title.
    """
    short: tuple[int, int] | None = None
    for run in runs:
        pieces = units(text, run.start, run.end)
        if not pieces:
            continue
        start, end = _header_title(text, pieces)
        if start is not None and end is not None:
            return start, end
        for piece in pieces:  # _pick's choice among the run's units, one unit at a time
            start, end = _pick(text, [piece])
            if start is None or end is None:
                continue
            raw = text[start:end]
            if _CJK_RE.search(raw) or _letter_words(raw) > _LABEL_MAX_WORDS:
                return start, end
            if short is None:
                short = (start, end)
    return short


def _pick(text: str, pieces: list[tuple[int, int]]) -> tuple[int | None, int | None]:
    """The unit that is the title: the first unit of the head that looks like one.

    A trailing Kyodo "+", dpa "=" or a row of stars stays outside the headline.
    """
    for start, end in pieces:
        raw = text[start:end]
        keyed = _KEYWORD_THEN_TITLE_RE.search(raw) if raw.endswith("+") else None
        if keyed:
            return start + keyed.start("title"), start + keyed.end("title")
        keywords = _KEYWORDS_BEFORE_TITLE_RE.match(raw) if "/" in raw else None
        if keywords:
            if _looks_like_title(raw[keywords.end() :].rstrip("+=* ")):
                return start + keywords.end(), start + len(raw.rstrip("+=* "))
            continue  # keywords and a version line ("... /UN/ REFILE"): no title
        stripped = raw.rstrip("+=* ")
        media = _MEDIA_LINE_RE.search(stripped) or _DESK_INITIALS_RE.search(stripped)
        if media and media.start() > 0:
            stripped = stripped[: media.start()]  # flattened, the product line or initials run on after the title
        if _looks_like_title(stripped):
            return start, start + len(stripped)
    return None, None


def _headline_without_anchor(state: ParseState) -> None:
    """A text with no dateline, byline or caption: a first line that is a title, or a title-case run."""
    text = state.text
    runs = [r for r in state.free_runs() if text[r.start : r.end].strip()]  # not the gaps between claims
    if not runs:
        return
    teasers = [c.span.start for c in state.claims if c.label == "related"]
    if teasers and kind.first_prose_start(text, runs, min(teasers)) is None:
        return  # a listing page: its first line names the section, not a story
    if _cdata_title(state):
        return
    pieces = units(text, runs[0].start, runs[0].end)
    if not pieces:
        return
    start, end = _title_before_lead(text, runs) or pieces[0]
    if (start, end) != pieces[0]:
        pieces = [p for r in runs for p in units(text, r.start, r.end) if p[0] >= start]
    following = pieces[1:] or [p for r in runs[1:] for p in units(text, r.start, r.end)]
    later = [p for r in runs for p in units(text, r.start, r.end) if p[0] >= end][:3]
    # A title is followed by its story: prose within the next few units, not a menu of short lines.
    prose_follows = any(kind.word_count(text[a:b]) >= 10 for a, b in later)  # CJK letters count as words too
    if following and prose_follows and _looks_like_title(text[start:end]) and _has_line_break_after(text, end):
        state.claim("headline", start, end, Headline(clean(text[start:end]), Span(start, end)), "headline")
        return
    splits = [c for c in (_sentence_case_split(text, start, end), _title_case_run(text, start, end)) if c is not None]
    cut = min(splits) if splits else None
    if cut is None and following and _looks_like_title(text[start:end]) and len(text[start:end].split()) <= 14:
        # A flattened title with no split inside, then two spaces, then the story.
        cut = end
    if not (cut == end and _has_line_break_after(text, end)) and not _source_tag_ahead(text, start, runs[0].end):
        # Where a flattened title ends is the scored choice of title_shape, which weighs every cut of the
        # line at once against "the line opens with its story". The rules above vote too: where they
        # see a title, a cut is taken unless the line reads far more like a story's opening; where they
        # see none, only a cut that beats the story reading. A title that fills its line keeps it: a
        # line break is a surer boundary than any shape.
        scored = _scored_cut(text, start, runs[0].end, end)
        if scored is not None:
            at, margin = scored
            if margin > (_DOUBT if cut is not None else 0.0) and _looks_like_title(text[start:at]):
                cut = at
            elif cut is not None and margin < _DOUBT:
                cut = None
    if cut is not None:
        a, b = trim(text, start, cut)
        state.claim("headline", a, b, Headline(clean(text[a:b]), Span(a, b)), "headline")


#: The units of a page's head a title is looked for in, before the story's first paragraph.
_HEAD_UNITS = 6


def _head_units(text: str, runs: list[Span]) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for run in runs:
        found.extend(units(text, run.start, run.end))
        if len(found) > _HEAD_UNITS:
            break
    return found[: _HEAD_UNITS + 1]


def _title_before_lead(text: str, runs: list[Span]) -> tuple[int, int] | None:
    """The title-like unit nearest before the story's first paragraph, where furniture opens the page.

    A page with no dateline or byline opens with what the furniture parsers left ("News|Economy", a
    site's name): the story's title is the last title-like unit before its lead (or before the deck
    over the lead, itself a sentence), not the page's first line. None where the first unit is the
    title, or no paragraph of prose comes within the page's head.
    """
    head = _head_units(text, runs)
    first = text[head[0][0] : head[0][1]] if head else ""
    # A first unit of three words or fewer may be a label over the title (an edition's or section's
    # name, a byline template the site left empty: "Erstellt von - Uhr"); a longer title after it wins.
    short_first = _letter_words(first) <= _LABEL_MAX_WORDS and not _CJK_RE.search(first)
    if not head or (_looks_like_title(first) and not _SEPARATOR_RE.search(first) and not short_first):
        return None  # the page opens with a title: it is the headline's to weigh, as it always was
    lead = next((i for i, (a, b) in enumerate(head) if kind.is_prose(text[a:b])), None)
    if not lead:
        return None
    titles = [
        (a, b)
        for index, (a, b) in enumerate(head[:lead])
        if _looks_like_title(text[a:b])
        and not _SEPARATOR_RE.search(text[a:b])
        and not _wraps_into(text, (a, b), head[index + 1])
    ]
    if short_first and _looks_like_title(first):
        # A whole line of its own: a sentence's piece after a double space is no title.
        titles = [
            (a, b)
            for a, b in titles
            if _letter_words(text[a:b]) > _LABEL_MAX_WORDS
            and _has_line_break_after(text, b)
            and text[max(0, a - 40) : a].rstrip(" \t\u00a0").endswith("\n")
        ]
    if not titles or titles[-1] == head[0]:
        return None
    return titles[-1]


def _letter_words(raw: str) -> int:
    """Words of a unit that hold a letter (a dash or a number standing alone is no word)."""
    return sum(1 for word in raw.split() if any(ch.isalpha() for ch in word))


#: The shortest line that a hard-wrapped paragraph breaks (wire copy and transcripts wrap at 60-80).
_WRAP_MIN_CHARS = 40


def _wraps_into(text: str, unit: tuple[int, int], following: tuple[int, int]) -> bool:
    """The unit is a hard-wrapped line of the paragraph that goes on in the next unit, not a title.

    "Dieser Tage, an einem Vormittag, halb elf im" / "Kanzleramt. Die Interviewer ...": a long line
    with no closing mark, the next line right under it, and the line stops where no title stops, on a
    function word of its language, or the next line goes on in lower case. A title over its deck
    ("... holds key rate as inflation eases" / "The bank says ...") ends on a word of its own.
    """
    a, b = unit
    raw = text[a:b].rstrip()
    gap = text[b : following[0]]
    if gap.count("\n") != 1 or len(raw) < _WRAP_MIN_CHARS or not raw[-1:].isalnum():
        return False
    last = raw.rsplit(None, 1)[-1].lower()
    return last in ALL_FUNCTION_WORDS or text[following[0] : following[0] + 1].islower()


# A menu's or a breadcrumb's separators inside a unit: no title holds them.
_SEPARATOR_RE = lazy(r"\S[|»›>]\S|\s[|»›>/]\s")


# Words that open a sentence far more often than they sit inside a title: where a flattened headline
# in sentence case meets its story ("... nets 36,000 cards In its report ...").
_SENTENCE_OPENERS = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "By",
        "With",
        "For",
        "From",
        "As",
        "After",
        "Before",
        "When",
        "While",
        "Just",
        "Another",
        "It",
        "He",
        "She",
        "They",
        "We",
        "This",
        "That",
        "These",
        "Those",
        "His",
        "Her",
        "Their",
        "Its",
        "Our",
        "Some",
        "Many",
        "Most",
        "Officials",
        "Police",
        "Shares",
        "Scientists",
        "Researchers",
    ]
)
_CDATA_TITLE_RE = lazy(r"<!\[CDATA\[(?P<title>[^\]\n]{3,300})\]\]>")


def _cdata_title(state: ParseState) -> bool:
    """A feed item's title in its CDATA wrapper (China Daily's Kindle feed) near the head of the text."""
    m = _CDATA_TITLE_RE.search(state.text, 0, min(len(state.text), 1000))
    if not m:
        return False
    a, b = trim(state.text, m.start("title"), m.end("title"))
    return state.claim("headline", a, b, Headline(clean(state.text[a:b]), Span(a, b)), "headline") is not None


def _sentence_case_split(text: str, start: int, end: int) -> int | None:
    """Where a sentence-case title meets its story: a capitalised word after a lower-case one.

    Proper nouns inside a title ("... make sure Sox can rest easy") also follow lower-case words, so a
    word that usually opens a sentence is preferred; an acronym (HP, IBM) is never the split.
    """
    words = list(_WORD_RE.finditer(text, start, end))
    candidates: list[int] = []
    for index in range(2, min(len(words), _MAX_WORDS + 1)):
        before, word = words[index - 1].group(0), words[index].group(0)
        if word[:1] in "\\" or (word[:1] in '"“' and len(word) > 1 and word[1:2].isupper()):
            # AG News escapes its line breaks as "\\" and opens many stories with a quote.
            return words[index].start()
        bare = word.strip("\"“”'‘’()[],:;")
        if not bare or not bare[0].isupper() or bare.isupper():
            continue
        if before.lower() in _SMALL_WORDS:
            continue  # "Touches Gold for First Time": a title-case joiner, not a sentence's end
        if bare in _CALENDAR_WORDS and before[:1].islower():
            continue  # "reached a deal late Thursday": a day or month inside a sentence
        if before[:1].islower() or before[:1].isdigit() or before[-1:] in "?!":
            candidates.append(index)
    if not candidates:
        return None
    preferred = [i for i in candidates if words[i].group(0).strip("\"“”'‘’") in _SENTENCE_OPENERS]
    chosen = preferred[0] if preferred else candidates[0]
    if chosen < 3 and not preferred:
        return None
    return words[chosen].start()


# Days and months, capitalised inside any English sentence ("late Thursday", "in March").
_CALENDAR_WORDS = frozenset(
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan.",
        "Feb.",
        "Aug.",
        "Sept.",
        "Oct.",
        "Nov.",
        "Dec.",
    ]
)


# A word, and the white space before it (kept, since a doubled space is a scraper's trace of a break).
_SPACED_WORD_RE = lazy(r"(?P<gap>[ \t\u00a0]*)(?P<word>[^\s]+)")

# The words a flattened title and its story's opening are looked for in: a title has at most 40 words,
# and the story's first words after it are what tells the cut.
_LINE_WORDS = 60


def line_words(text: str, start: int, end: int) -> tuple[list[str], list[str], list[tuple[int, int]]]:
    """The first words of the line that starts at ``start`` (up to ``end``), the gaps before them and their spans."""
    stop = text.find("\n", start, end)
    stop = end if stop == -1 else stop
    words: list[str] = []
    gaps: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _SPACED_WORD_RE.finditer(text, start, stop):
        words.append(m.group("word"))
        gaps.append(m.group("gap"))
        spans.append(m.span("word"))
        if len(words) >= _LINE_WORDS:
            break
    return words, gaps, spans


# A source's name and a double dash between a flattened title and its story: AG News's "... Mars Express
# European Space Agency -- ESA's orbiter has ...". It is the story's dateline (an agency the lexicon does
# not know), which the dateline parser does not read yet; until it does, the hand rules keep such a line
# as they had it, the tag inside the title, so that the tag stays out of the body.
_SOURCE_TAG_RE = lazy(r"(?:[\p{Lu}][\p{L}.'’&]*[ \t]+){1,4}--[ \t]")


def _source_tag_ahead(text: str, start: int, end: int) -> bool:
    return _SOURCE_TAG_RE.search(text, start, min(end, start + 160)) is not None


# How far below "no title" a cut may score and still be taken where the rules see a title.
_DOUBT = -2.0


def _scored_cut(text: str, start: int, end: int, unit_end: int) -> tuple[int, float] | None:
    """Where the title that opens the line at ``start`` would end, and the margin of that cut over "no title"."""
    words, gaps, spans = line_words(text, start, end)
    best = title_shape.best_cut(words, gaps, hint=rule_hint(text, start, unit_end, spans))
    return None if best is None else (spans[best[0] - 1][1], best[1])


def rule_hint(text: str, start: int, unit_end: int, spans: list[tuple[int, int]]) -> int | None:
    """The number of words before the cut that the hand rules choose in ``text[start:unit_end]``, if any."""
    splits = [c for c in (_sentence_case_split(text, start, unit_end), _title_case_run(text, start, unit_end)) if c]
    if not splits:
        return None
    cut = min(splits)
    return sum(1 for a, _ in spans if a < cut) or None


def _has_line_break_after(text: str, end: int) -> bool:
    return "\n" in text[end : end + 4]


_WORD_RE = lazy(r"\S+")


def _title_case_run(text: str, start: int, end: int) -> int | None:
    """Where a title-case title ends and its story's first sentence begins, or None."""
    words = list(_WORD_RE.finditer(text, start, end))
    if len(words) < 4:
        return None
    for index, word in enumerate(words):
        token = word.group(0)
        bare = token.strip("\"“”'‘’()[],:;")
        if not bare:
            continue
        if bare[:1].islower() and bare.lower() not in _SMALL_WORDS:
            # The first lower-case word that is no title joiner: the sentence began a little before.
            subject = _subject_start(words, index)
            if subject < 3 or words[subject - 1].group(0).lower() in _SMALL_WORDS:
                return None  # "Officials in the | port city announced": no title ends with a joiner
            return words[subject].start()
        if index > _MAX_WORDS:
            return None
    return None


def _subject_start(words: list[regex.Match[str]], verb: int) -> int:
    """Index of the first word of the sentence whose first lower-case word is ``words[verb]``.

    The subject is the capitalised words right before it, one or two ("Michael Phelps won"), or a
    determiner and what follows ("The company said").
    """
    index = verb - 1
    while index > 0 and words[index].group(0).lower() in _SMALL_WORDS:
        index -= 1
    if index <= 0:
        return verb
    for back in range(index, max(0, index - 3), -1):
        if words[back].group(0) in _SENTENCE_OPENERS:
            return back  # "Indians Mount Charge The Cleveland Indians pulled ..."
    first = words[index - 1].group(0) if index >= 1 else ""
    if first in ("The", "A", "An", "His", "Her", "Its", "Their"):
        return index - 1
    if (
        index >= 1
        and words[index - 1].group(0)[:1].isupper()
        and not words[index - 1].group(0).endswith((":", ","))
        and _reads_as_verb(words[verb].group(0), words[verb + 1].group(0) if verb + 1 < len(words) else "")
    ):
        # Two capitalised words before the verb: a person's name ("Michael Phelps won"). Where the first
        # lower-case word is no verb, it is the subject's own noun ("... Heal Themselves New technology
        # applies"): the capitalised word right before it opens the subject.
        return index - 1
    return index


# Verbs that follow a lead's subject in English news, beyond the regular "-s" and "-ed" forms: the
# auxiliaries and the irregular past tenses of agency leads ("Michael Phelps won", "Troy Brown caught").
_LEAD_VERBS = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "should",
        "did",
        "does",
        "do",
        "won",
        "lost",
        "took",
        "made",
        "said",
        "told",
        "left",
        "came",
        "went",
        "gave",
        "got",
        "hit",
        "led",
        "beat",
        "fell",
        "rose",
        "met",
        "set",
        "put",
        "ran",
        "saw",
        "sent",
        "held",
        "kept",
        "paid",
        "sold",
        "struck",
        "became",
        "began",
        "brought",
        "bought",
        "caught",
        "drew",
        "drove",
        "found",
        "flew",
        "grew",
        "knew",
        "overcame",
        "rode",
        "shot",
        "spent",
        "stood",
        "swept",
        "threw",
        "wore",
        "wrote",
    ]
)


def _reads_as_verb(word: str, following: str) -> bool:
    """The word may be a lead's verb: one of ``_LEAD_VERBS``, or a regular present or past form.

    A word in "-s" before another lower-case content word is a plural noun and that word its verb
    ("Early forecasts point to ...", "New cranes allow ..."); before a function word ("says he", "wins
    the") it is the verb.
    """
    bare = word.strip("\"“”'‘’()[],:;.").lower()
    if bare in _LEAD_VERBS or (len(bare) > 3 and bare.endswith("ed")):
        return True
    if len(bare) <= 3 or not bare.endswith("s") or bare.endswith("ss"):
        return False
    after = following.strip("\"“”'‘’()[],:;.")
    return not (after[:1].islower() and after not in _ENGLISH_FUNCTION_WORDS and not after.endswith("ly"))


_ENGLISH_FUNCTION_WORDS = function_words("en") | _SMALL_WORDS
