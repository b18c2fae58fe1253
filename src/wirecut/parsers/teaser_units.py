"""The shape of a teaser's pieces: a title, a stamp, a summary, a marker.

Contract:
    Claims: nothing. Pure functions of a segment's text (one unit of a page: a line, or a piece
    between double spaces); they read nothing but their argument. ``parsers/related.py`` uses them to tell a
    teaser's title from its summary and one teaser from the next, whatever the box's heading says.
    Forms, each seen on real pages (Xinhua and CNA listings, Reuters and AFP "Read more" boxes, dpa's
    "Mehr zum Thema", TASS's "Read also", Chinese "相关新闻" lists):
      * a title: no sentence end, short (at most ``TITLE_WORDS`` words, ``TITLE_HAN`` Han letters),
        not two sentences run together, not a number or a mark alone;
      * a summary: a sentence or two, or a deck cut off with an ellipsis;
      * a teaser unit: a title, then at most one summary; a title followed by a title is two teasers.
"""

from __future__ import annotations

from wirecut.patterns import lazy

#: The longest teaser title, in words (Xinhua's interview titles run to about 20).
TITLE_WORDS = 22

#: The longest title in Han letters, where words are not separated by spaces.
TITLE_HAN = 40

#: The longest summary, in words and in Han letters: a deck of a sentence or two. A longer unit, or
#: one of more sentences, is a story's paragraph.
SUMMARY_WORDS = 60
SUMMARY_HAN = 150
SUMMARY_SENTENCES = 2

# What closes a sentence: the Latin marks and the full-width ones of Chinese and Japanese, and an
# ellipsis (a listing's cut summary), optionally inside a closing quote or bracket.
_SENTENCE_END_RE = lazy(r"""(?:[.!。！？]|…|\.\.\.)[\"'”’)\]」』]*\s*$""")

# Two sentences run together inside a segment: a sentence end after a word of three lower-case letters
# or more (so "U.S." and "St." are no end), then a space and a capital. Titles are one clause.
_INNER_SENTENCE_RE = lazy(r"\p{Ll}{3,}[.!?][\"”’]?\s+\p{Lu}|[。！？](?=.)")

# A letter of any script: a segment without one ("-", "|", "12") is a mark or a count, not a title.
_LETTER_RE = lazy(r"\p{L}")

# Han letters, counted for the length of a Chinese or Japanese title.
_HAN_RE = lazy(r"\p{Han}")


def is_title(segment: str) -> bool:
    """True when ``segment`` has the shape of a teaser's (or a story's) title.

    >>> is_title("Kaohsiung port container volume up 11% in May")
    True
    >>> is_title("Container throughput rose 11 percent in May, the port company said.")
    False
    >>> is_title("成都平原油菜花进入盛花期")
    True
    """
    text = segment.strip()
    if not text or not _LETTER_RE.search(text) or _SENTENCE_END_RE.search(text):
        return False
    if _INNER_SENTENCE_RE.search(text):
        return False
    han = len(_HAN_RE.findall(text))
    if han:
        return han <= TITLE_HAN
    return 1 <= len(text.split()) <= TITLE_WORDS


# A single space between two Han letters: Chinese text has no spaces between words, so a flattened
# page's space there is where one element of the page ended (a title, a dateline, a summary).
_HAN_GAP_RE = lazy(r"(?<=[\p{Han}…，、：])[ \u3000](?=[\p{Han}\p{N}])")


def leading_piece(segment: str) -> str:
    """The first element of a unit: all of it, or in Chinese text up to a space between two letters.

    >>> leading_piece("深海着陆器完成万米级海试 新华社三亚5月20日电 着陆器完成海试……")
    '深海着陆器完成万米级海试'
    >>> leading_piece("Port of Lumen opens new berth")
    'Port of Lumen opens new berth'
    """
    gap = _HAN_GAP_RE.search(segment)
    return segment[: gap.start()] if gap else segment


def is_summary(segment: str) -> bool:
    """True when ``segment`` reads as a teaser's summary: a sentence, or a deck cut with an ellipsis.

    >>> is_summary("The railway will add 40 trains for the holiday, it said.")
    True
    >>> is_summary("Bordeaux lance un réseau express vélo de 250 km")
    False
    >>> is_summary("It rained. The river rose. Roads closed. Schools shut.")
    False
    """
    text = segment.strip()
    if not text or not _LETTER_RE.search(text) or is_title(text):
        return False
    han = len(_HAN_RE.findall(text))
    if han:
        return han <= SUMMARY_HAN
    return len(text.split()) <= SUMMARY_WORDS and len(_INNER_SENTENCE_RE.findall(text)) < SUMMARY_SENTENCES


def group_teasers(segments: list[str]) -> list[list[int]]:
    """The teasers a run of segments makes, as lists of segment indexes: a title and its summary.

    A title opens a teaser and at most one summary follows it; a title right after a title opens the
    next teaser (two teasers stay two). A summary with no title before it, or a second summary, ends
    the run, as does a paragraph (longer than a summary): the text after it is no teaser box (the
    story going on). Marks alone ("-", "»") join the teaser before them.

    >>> group_teasers(["Port opens new berth", "Rail link wins approval"])
    [[0], [1]]
    >>> group_teasers(["Port opens new berth", "The berth takes the largest ships.", "Rail link wins approval"])
    [[0, 1], [2]]
    >>> group_teasers(["Port opens new berth", "It said so.", "It said more."])
    [[0, 1]]
    """
    groups: list[list[int]] = []
    for index, segment in enumerate(segments):
        if not _LETTER_RE.search(segment):
            if groups:
                groups[-1].append(index)
            continue
        if is_title(segment):
            groups.append([index])
        elif groups and is_summary(segment) and all(not is_summary(segments[i]) for i in groups[-1][1:]):
            groups[-1].append(index)
        else:
            break
    return groups
