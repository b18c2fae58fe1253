"""Title shape: where a flattened title ends and its story begins, as a scored choice between cuts.

Contract:
    Claims: nothing; ``parsers/headline.py`` asks it where a flattened title ends.
    Consumes: the words of one line (``str`` tokens split on white space, with the gap before each).
    Produces: ``best_cut(words, gaps)``: the number of leading words that are the title and the cut's
        score, or None when the line is too short to hold a title and a story.
    Reads: the weights in ``wirecut/title_shape.json`` (fitted by ``benchmarks/fit_title_shape.py``)
        and the function words of every language wirecut reads (``wirecut.language``).
    Never: claims or reads a parse state; never raises on any words.

A scraper that joins a title and its story on one line (AG News's ``TITLE DESCRIPTION`` rows, Reuters'
flattened ``TITLE PLACE, Date -``, RSS items pasted as text) leaves no mark at the boundary but the
change of shape: a Title-Case or capitals title ("Rovers Relay Images Through Orbiter") runs into a
sentence in mixed case ("European Space Agency -- The probe ..."), a sentence-case title ("Producer sues
for film profits") into a sentence that opens with a capital after a lower-case word. Each possible cut
is described by the shapes on both sides of it (case of the words around it, the title's share of
capitalised and of function words, punctuation at the cut, the story's words that repeat the title's)
and a linear score picks the best; the weights are data, fitted on part of a gold corpus and checked on
the rest.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from importlib import resources

from wirecut.language import _FUNCTION_WORDS

#: The most words a title is given; a longer run of words is a story, not its title.
MAX_TITLE_WORDS = 40

# Short words that stay lower case inside an English title-case headline (Chicago style), beside the
# function words of every language, which play that part in theirs.
TITLE_JOINERS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "onto",
        "or",
        "over",
        "per",
        "the",
        "to",
        "up",
        "upon",
        "via",
        "vs",
        "vs.",
        "with",
        "off",
        "out",
        "than",
        "amid",
        "after",
        "under",
        "near",
    ]
)

# What a sentence opens with far more often than a title goes on with: articles, pronouns and the
# prepositions of a lead's first phrase ("In its report ...", "The company said ...").
_OPENERS = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "by",
        "with",
        "for",
        "from",
        "as",
        "after",
        "before",
        "when",
        "while",
        "just",
        "another",
        "it",
        "he",
        "she",
        "they",
        "we",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "their",
        "its",
        "our",
        "some",
        "many",
        "most",
    ]
)

# Days and months, capitalised inside any English sentence ("late Thursday", "in March").
_CALENDAR = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan.",
        "feb.",
        "aug.",
        "sept.",
        "oct.",
        "nov.",
        "dec.",
    ]
)

_STRIP = "\"“”'‘’()[]{},:;.!?«»„"


@cache
def _small_words() -> frozenset[str]:
    # The language detector's vote lists: the words that make prose prose in each language it reads.
    return TITLE_JOINERS.union(*_FUNCTION_WORDS.values())


def shape(word: str) -> str:
    """The case shape of one word: ``U`` capitals, ``C`` capitalised, ``l`` lower case, ``d`` digits, ``p`` other.

    >>> [shape(w) for w in ["NASA", "Mars", "rovers", "2004", "--", "#39;s", "A"]]
    ['U', 'C', 'l', 'd', 'p', 'p', 'C']
    """
    bare = word.strip(_STRIP)
    if not bare or bare[0] in "#&\\":
        return "p"  # an escape left by the scraper ("#39;s", "&amp;", AG News's "\\")
    first = next((ch for ch in bare if ch.isalnum()), "")
    if not first:
        return "p"
    if first.isdigit():
        return "d"
    if first.islower():
        return "l"
    if not first.isupper():
        return "C"  # a script without case (Chinese, Arabic) reads like a capitalised word
    letters = [ch for ch in bare if ch.isalpha()]
    if len(letters) >= 2 and not any(ch.islower() for ch in letters):
        return "U"
    return "C"


class _Word:
    """One word and what the features ask of it, worked out once per line."""

    __slots__ = ("bare", "first", "last", "lower", "shape", "small")

    def __init__(self, word: str) -> None:
        self.shape = shape(word)
        self.bare = word.strip(_STRIP)
        self.lower = self.bare.lower()
        self.small = self.lower in _small_words()
        self.first = word[:1]
        self.last = word[-1:]


def _bucket(n: int) -> str:
    for top, name in ((1, "1"), (2, "2"), (3, "3"), (4, "4"), (6, "5-6"), (9, "7-9"), (12, "10-12"), (16, "13-16")):
        if n <= top:
            return name
    return "17+"


def cut_features(words: Sequence[str], gaps: Sequence[str], cut: int, hint: int | None = None) -> dict[str, float]:
    """The features of cutting ``words`` after ``cut`` words (``gaps[i]`` is the space before ``words[i]``)."""
    return _features(_prepare(words), gaps, cut, hint)


def _prepare(words: Sequence[str]) -> list[_Word]:
    return [_Word(w) for w in words]


def _features(ws: list[_Word], gaps: Sequence[str], cut: int, hint: int | None = None) -> dict[str, float]:
    title, rest = ws[:cut], ws[cut:]
    prev, nxt = title[-1], rest[0]
    after = rest[1] if len(rest) > 1 else None
    before = title[-2] if len(title) > 1 else None
    f: dict[str, float] = {"len:" + _bucket(cut): 1.0}
    f["pair:" + prev.shape + nxt.shape] = 1.0
    f["next2:" + nxt.shape + (after.shape if after else "$")] = 1.0
    f["prev2:" + (before.shape if before else "^") + prev.shape] = 1.0
    f["pair4:" + (before.shape if before else "^") + prev.shape + nxt.shape + (after.shape if after else "$")] = 1.0
    if prev.small:
        f["prev_small_" + ("l" if prev.shape == "l" else "C")] = 1.0
    if nxt.small:
        f["next_small_" + ("l" if nxt.shape == "l" else "C")] = 1.0
    if nxt.lower in _OPENERS and nxt.shape == "C":
        f["next_opener"] = 1.0
    if prev.last in ".,:;?!-)\"'”’":
        f["prev_end:" + prev.last] = 1.0
    if nxt.first in "\"“'‘(\\-#&<":
        f["next_start:" + nxt.first] = 1.0
    if nxt.lower in _CALENDAR:
        f["next_calendar"] = 1.0
    content = [w for w in title if not w.small and w.shape in "UCl"]
    if content:
        capitalised = sum(1 for w in content if w.shape in "UC") / len(content)
        f["title_cap_share"] = capitalised
        if capitalised == 1.0 and len(content) >= 2:
            f["title_case"] = 1.0
    f["title_small_share"] = sum(1 for w in title if w.small) / len(title)
    lettered = [w for w in title if w.shape in "UCl"]
    upper_title = bool(lettered) and all(w.shape == "U" or (w.small and w.shape != "l") for w in lettered)
    window = rest[:4]
    window_lower = sum(1 for w in window if w.shape == "l" and not w.small)
    f["rest_lower_share"] = window_lower / len(window)
    if upper_title and len(lettered) >= 2:
        f["upper_title"] = 1.0
        if any(w.shape in "Cl" for w in window):
            f["upper_then_mixed"] = 1.0
        if nxt.shape == "U":
            f["upper_then_upper"] = 1.0
    elif nxt.shape == "U":
        f["mixed_then_upper"] = 1.0
    if f.get("title_case") and window_lower:
        f["title_case_then_lower"] = 1.0
    if any(w.shape == "l" and not w.small for w in title):
        f["title_has_lower"] = 1.0
    seen = {w.lower for w in title if not w.small and len(w.lower) > 2}
    if nxt.lower in seen:
        f["next_repeats"] = 1.0
    if any(w.lower in seen for w in rest[:4]):
        f["rest_repeats"] = 1.0
    # The story restating its title's subject ("Acme Posts Loss Acme Corp said ..."), and the name that
    # opens the story's first sentence: capitalised words, then its verb in lower case.
    if nxt.lower == ws[0].lower and cut > 1:
        f["next_is_title_first"] = 1.0
    if prev.lower == ws[0].lower and cut > 1:
        f["prev_is_title_first"] = 1.0
    if any(nxt.lower == w.lower for w in title[-3:]):
        f["next_echoes_end"] = 1.0
    if nxt.shape in "UC":
        run = 0
        for w in rest[:4]:
            if w.shape not in "UC" or w.small:
                break
            run += 1
        verb = rest[run] if run < len(rest) else None
        if verb is None:
            follows = "$"
        elif verb.shape == "l":
            follows = "joiner" if verb.lower in TITLE_JOINERS else "verb"
        else:
            follows = verb.shape
        f[f"name_then:{min(run, 3)}{follows}"] = 1.0
    # A dateline ahead: a place in capitals and its comma ("MORRISTOWN, N.J.,", "NEW YORK,"), then a
    # month and a day, where the dateline parser found none (a dash glued to the story: "19 -Qtr").
    if nxt.shape == "U" and (nxt.last == "," or (after is not None and after.shape == "U" and after.last == ",")):
        f["next_place_comma"] = 1.0
    if any(w.lower in _CALENDAR and rest[j + 1].shape == "d" for j, w in enumerate(rest[:6]) if j + 1 < len(rest)):
        f["date_ahead"] = 1.0
    # A source or place tag and its dash right after the cut, all in capitals: "European Space Agency --",
    # "WASHINGTON --", "KABUL (AFP) -": the story's dateline, which the title runs into.
    dash = next((j for j, w in enumerate(rest[:5]) if w.bare in ("", "-", "--", "—", "–")), None)
    if dash and all(w.shape in "UCp" for w in rest[:dash]):
        f["tag_then_dash"] = 1.0
    if hint is not None and cut == hint:
        f["rule_cut"] = 1.0  # the hand rules' choice: a name before the story's verb, a sentence opener
    gap = gaps[cut] if cut < len(gaps) else " "
    if len(gap) > 1:
        f["wide_gap"] = 1.0
    if any(w.bare in ("-", "--", "—", "–") for w in rest[:6]):
        f["dash_ahead"] = 1.0
    return f


def none_features(words: Sequence[str]) -> dict[str, float]:
    """The features of the choice that the line holds no title: it opens with the story's sentence."""
    return _none_features(_prepare(words))


def _none_features(ws: list[_Word]) -> dict[str, float]:
    f: dict[str, float] = {"none": 1.0, "none_first:" + ws[0].shape: 1.0}
    if ws[0].lower in _OPENERS:
        f["none_first_opener"] = 1.0  # "The company said ...", "On the Internet, ..."
    if len(ws) > 1 and ws[1].shape == "l" and not ws[1].small:
        f["none_second_lower"] = 1.0  # "Legislators continued ...": a sentence's subject and verb
    ends = next((i for i, w in enumerate(ws) if w.last in ".!?" and len(w.bare) > 3), None)
    f["none_sentence_end:" + ("none" if ends is None else _bucket(ends + 1))] = 1.0
    return f


@cache
def _weights() -> dict[str, float]:
    data = json.loads(resources.files("wirecut").joinpath("title_shape.json").read_text("utf-8"))
    weights: dict[str, float] = data["weights"]
    return weights


def score(features: dict[str, float], weights: dict[str, float] | None = None) -> float:
    table = _weights() if weights is None else weights
    return sum(table.get(name, 0.0) * value for name, value in features.items())


def candidates(words: Sequence[str]) -> range:
    """The cuts worth scoring: at least one word on each side, at most ``MAX_TITLE_WORDS`` in the title."""
    return range(1, min(len(words) - 1, MAX_TITLE_WORDS) + 1)


def best_cut(
    words: Sequence[str], gaps: Sequence[str], weights: dict[str, float] | None = None, hint: int | None = None
) -> tuple[int, float] | None:
    """The cut with the best score and its margin over "no title here", or None for fewer than two words.

    A positive margin says the line opens with a title; a negative one that it opens with its story.
    ``hint`` is the cut that the headline parser's hand rules chose, if any: one vote among the features.

    >>> cut, margin = best_cut("Rovers Relay Images Through Orbiter The probe sent 30 pictures.".split(), [" "] * 10)
    >>> cut, margin > 0
    (5, True)
    >>> best_cut("The company said on Tuesday that its profit rose in the third quarter.".split(), [" "] * 13)[1] < 0
    True
    """
    if len(words) < 2:
        return None
    ws = _prepare(words)
    best: tuple[int, float] | None = None
    for cut in candidates(words):
        value = score(_features(ws, gaps, cut, hint), weights)
        if best is None or value > best[1]:
            best = (cut, value)
    if best is None:
        return None
    return best[0], best[1] - score(_none_features(ws), weights)
