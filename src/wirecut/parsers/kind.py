"""Kind: what the page is, decided from the structure the parsers before it found.

Contract:
    Reads: every claim made so far (paragraphs, captions, teasers, notes, bylines, residue), the story's
    dateline (``findings.dateline``), ``findings.digest`` and ``findings.gallery``.
    Writes: ``findings.kind``, one of ``story``, ``digest``, ``listing``, ``gallery``, ``none``; on a
    listing or a page of furniture, ``findings.dateline`` is unset.
    Claims: on a page that is not a story or a digest, the paragraphs the body parser took are given
    back and re-claimed as residue of kind ``unknown`` (the contract: only a story or a digest has a
    body). On a listing or a page of furniture, which have no story, the headline and the dateline are
    given back too: the dateline becomes ``unknown`` residue, the headline the listing's first teaser
    (a title of four words or more) or ``navigation`` residue (the page's label). Every character
    given back is claimed again, so both invariants still hold.

About a third of crawled pages are not one story. What tells them apart is structure, never words:

- ``digest``: several complete items each with its own dateline after a rule line (the dateline parser
  asks ``is_digest`` and leaves the story dateline unset).
- ``listing``: section, tag, search and archive pages, aggregator front pages and feed dumps repeat a
  unit of title [stamp] [summary] [marker]; when the teasers found hold more words than the story text
  and there are at least two of them, with no story dateline or no prose of a story between them, the
  page is a listing.
- ``gallery``: photo pages, where credited captions hold most of the text and no story follows a
  dateline (``findings.gallery`` from the caption parser), or captions outweigh the prose.
- ``none``: nothing a reader would call news: no sentence of prose in any paragraph, caption or teaser,
  and no headline of an alert (error pages, cookie walls, pages of links and metadata). An agency's
  alert (a headline and the desk's initials) is a story whose body has not come yet.
"""

from __future__ import annotations

from collections.abc import Iterable

from wirecut.parsers import teaser_units
from wirecut.parsers.dateline import first_dateline
from wirecut.patterns import lazy
from wirecut.spans import Claim, ParseState, Span
from wirecut.story import Related, Residue
from wirecut.text import clean, units

# A sentence closes: a full stop, question or exclamation mark (Latin, CJK, Arabic, Devanagari danda),
# possibly followed by a closing quote or bracket, and not inside a word or a number ("3.5", "U.S").
_SENTENCE_END_RE = lazy(r"[.!?…。！？؟।][\"”’»)\]」』]?(?!\w)")
# Scripts written without spaces between words: their length in characters stands for words.
_UNSPACED_RE = lazy(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]")

#: Words a unit needs to count as prose (a sentence of a story rather than a label or a link).
PROSE_MIN_WORDS = 8
#: Characters of an unspaced script that count as one word.
_CHARS_PER_WORD = 2


def word_count(text: str) -> int:
    """Words of a text, counting unspaced scripts (Chinese, Japanese, Thai) by characters.

    >>> word_count("Talks resumed in Cairo on Monday.")
    6
    >>> word_count("北京举行新闻发布会")
    4
    """
    if text.isascii():  # most copy: no unspaced script can be in it, and the scan below is the cost
        return len(text.split())
    unspaced = len(_UNSPACED_RE.findall(text))
    if not unspaced:
        return len(text.split())
    rest = _UNSPACED_RE.sub(" ", text)
    return len(rest.split()) + unspaced // _CHARS_PER_WORD


def is_prose(text: str) -> bool:
    """A sentence of running text: enough words and a sentence mark, in any language wirecut reads.

    >>> is_prose("Fruit growers in the hills are laying kilometres of drip pipe this spring.")
    True
    >>> is_prose("Home / World / Economy / Markets")
    False
    >>> is_prose("Cookie settings Accept all Reject all Manage preferences Privacy policy Terms of use")
    False
    """
    return word_count(text) >= PROSE_MIN_WORDS and _SENTENCE_END_RE.search(text) is not None


def first_prose_start(text: str, runs: Iterable[Span], end: int | None = None) -> int | None:
    """Where the first unit of prose starts in the free ``runs`` (before ``end``), or None.

    The headline parser asks it to tell a listing's head from a story's, the related parser to know
    where a page with no dateline begins its story.
    """
    for run in runs:
        stop = run.end if end is None else min(run.end, end)
        if run.start >= stop:
            break
        for start, finish in units(text, run.start, stop):
            if is_prose(text[start:finish]):
                return start
    return None


def has_sentence(text: str) -> bool:
    """Story text, however short: a closed sentence of three words or more, or a long run of prose cut
    off before its full stop (mostly lower-case words, as a feed's truncated summary is).

    >>> has_sentence("The wing opened.")
    True
    >>> has_sentence("Latest News")
    False
    """
    count = word_count(text)
    if count >= 3 and _SENTENCE_END_RE.search(text) is not None:
        return True
    return count >= RUNNING_MIN_WORDS and _mostly_lower_case(text)


#: Words of running text that count as story text with no sentence mark (a feed's summary cut off
#: mid-word, "... growers told the counc… [+842 chars]").
RUNNING_MIN_WORDS = 15


def _mostly_lower_case(text: str) -> bool:
    """Half the words or more begin in lower case, as prose's do and a list of links' (Title Case) don't.

    A script without letter case (Chinese, Arabic, Thai) passes: its words tell nothing by case.
    """
    cased = [w for w in text.split() if w[:1].isalpha() and (w[:1].islower() or w[:1].isupper())]
    if not cased:
        return True
    return sum(1 for w in cased if w[:1].islower()) * 2 >= len(cased)


def _words(claims: list[Claim], text: str) -> int:
    return sum(word_count(text[c.span.start : c.span.end]) for c in claims)


def decide(state: ParseState) -> str:
    """The page's kind from the claims made so far (see the module docstring)."""
    text = state.text
    if not text.strip():
        return "none"
    if state.findings.digest:
        return "digest"
    by_label: dict[str, list[Claim]] = {}
    for claim in state.claims:
        by_label.setdefault(claim.label, []).append(claim)
    paragraphs = by_label.get("paragraph", [])
    captions = by_label.get("caption", [])
    teasers = by_label.get("related", [])
    has_dateline = state.findings.dateline is not None
    story_text = [p for p in paragraphs if has_sentence(text[p.span.start : p.span.end])]
    prose_words = _words([p for p in story_text if is_prose(text[p.span.start : p.span.end])], text)
    if len(teasers) >= 2 and len(teasers) >= len(captions) and not story_text:
        return "listing"  # a listing whose items carry a photo each: its captions are the items'
    if not has_dateline and captions:
        # Photo pages: the caption parser saw credited captions hold the text, or no story text is
        # left beside the captions, or they outweigh it twice over.
        if state.findings.gallery or not story_text:
            return "gallery"
        if len(captions) >= 2 and _words(captions, text) > 2 * _words(paragraphs, text):
            return "gallery"
    if len(teasers) >= 2 and not story_text:
        return "listing"
    if len(teasers) >= 3 and not has_dateline and _words(teasers, text) > 2 * prose_words:
        return "listing"
    if has_dateline and _story_is_one_more_item(state, paragraphs, teasers):
        return "listing"
    if not story_text and _furniture_only(state, by_label):
        return "none"
    return "story"


_CUT_MARKS = ("…", "...", "[…]", "[...]")

#: Teasers with datelines of their own that make a page of dated items (a wire's tag or archive page).
_DATED_ITEMS_MIN = 3


def _story_is_one_more_item(state: ParseState, paragraphs: list[Claim], teasers: list[Claim]) -> bool:
    """The story found is one more item of a listing of dated items, cut off as they are.

    Tag, archive and search pages of a wire's site (WordPress excerpts, the agencies' own "latest"
    pages) repeat title, dateline and the first words of the story, cut at a set length. The first item
    then looks like a story (a dateline and some text after it), but its text is no longer than an
    item's and stops mid-sentence where the page cut it; a story with dated teasers after it goes on
    longer than any of them and ends on a closed sentence.
    """
    dated = [c for c in teasers if getattr(c.part, "dateline", None) is not None]
    if len(dated) < _DATED_ITEMS_MIN or not paragraphs:
        return False
    text = state.text
    last = text[paragraphs[-1].span.start : paragraphs[-1].span.end].rstrip()
    # Cut mid-sentence, or where the site marks the cut ("…", "...", WordPress's "[…]").
    cut_off = last.endswith(_CUT_MARKS) or _SENTENCE_END_RE.search(last[-3:]) is None
    longest_item = max(word_count(text[c.span.start : c.span.end]) for c in dated)
    story_words = _words(paragraphs, text)
    if not cut_off:
        # A listing that keeps each item's whole lead (a wire's own pages): the "story" is one more
        # lead, no longer than the items after it, where a story runs on past the teasers it carries.
        return story_words <= longest_item
    return story_words <= 2 * longest_item


#: Words of a headline that make an alert (AFP's and Reuters' one-line urgents), not a furniture label.
_ALERT_MIN_WORDS = 4
_ALERT_PARAGRAPH_WORDS = 6
#: At most this many words outside the residue on a page that is nothing but furniture.
_FURNITURE_MAX_WORDS = 40


def _furniture_only(state: ParseState, by_label: dict[str, list[Claim]]) -> bool:
    """No part of a story: no byline, no story dateline, no teaser or caption, few words and no prose."""
    if state.findings.dateline is not None or by_label.get("byline") or by_label.get("related"):
        return False
    # A headline and nothing else is an agency's alert or flash: news, with no body yet. Where the
    # headline parser left it, a title-shaped paragraph of a headline's length stands for it (a
    # furniture label, "Follow us on Facebook", is shorter).
    text = state.text
    if any(word_count(text[c.span.start : c.span.end]) >= _ALERT_MIN_WORDS for c in by_label.get("headline", [])):
        return False
    for claim in by_label.get("paragraph", []):
        raw = text[claim.span.start : claim.span.end]
        if word_count(raw) >= _ALERT_PARAGRAPH_WORDS and teaser_units.is_title(raw):
            return False
    if by_label.get("caption"):
        return False
    kept = [c for label, claims in by_label.items() if label not in ("residue", "note") for c in claims]
    if any(has_sentence(text[c.span.start : c.span.end]) for c in kept):
        return False
    return _words(kept, text) <= _FURNITURE_MAX_WORDS


#: Words of a listing page's title-shaped line before its first teaser that make it the first item's
#: title; a shorter one ("Message Board", "Latest News") is the page's own label.
_LISTING_TITLE_MIN_WORDS = 4


def parse(state: ParseState) -> None:
    """Decide the page's kind; a page that is no story gives back what only a story has.

    A page that has no body gives its paragraphs back as residue. A listing or a page of furniture has
    no story, so neither has the story's title nor its dateline (the contract's ``headline`` is "the
    story's own title"): the headline the headline parser chose is a listing's first item (a title of
    a headline's length) or the page's label, and the dateline is the one of an item whose summary
    the page cut off.
    """
    kind = decide(state)
    state.findings.kind = kind
    if kind in ("story", "digest"):
        return
    paragraphs = [c for c in state.claims if c.label == "paragraph"]
    story_only = paragraphs
    if kind in ("listing", "none"):
        story_only = [c for c in state.claims if c.label in ("paragraph", "headline", "dateline")]
    if story_only:
        _give_back(state, kind, story_only)
    elif kind == "listing":
        _undated_items(state)


def _give_back(state: ParseState, kind: str, story_only: list[Claim]) -> None:
    """Release what only a story has and claim it again as the listing's items or as residue."""
    state.release_many(story_only)
    text = state.text
    if kind == "listing":
        state.findings.dateline = None
        _claim_items(state, story_only)
        _undated_items(state)
    for claim in story_only:
        start, end = claim.span.start, claim.span.end
        if not state.is_free(start, end):
            continue  # an item of the listing holds it now
        raw = text[start:end]
        if claim.label == "dateline":
            state.findings.dateline = None
            state.claim("residue", start, end, Residue("unknown", clean(raw), claim.span), "kind")
        elif claim.label == "headline":
            if kind == "listing" and word_count(raw) >= _LISTING_TITLE_MIN_WORDS and teaser_units.is_title(raw):
                state.claim("related", start, end, Related(clean(raw), None, None, None, claim.span), "kind")
            else:
                state.claim("residue", start, end, Residue("navigation", clean(raw), claim.span), "kind")
        else:
            residue = Residue("unknown", claim.part.text, claim.span)
            state.claim("residue", start, end, residue, "kind")


def _cut_as_listed(raw: str) -> bool:
    """A listing's summary cut off where the page marks the cut: a unit of prose ending in an ellipsis."""
    return word_count(raw) >= PROSE_MIN_WORDS and raw.rstrip().endswith(_CUT_MARKS)


def _undated_items(state: ParseState) -> None:
    """On a listing, the items left between the teasers found: a title line and its summary cut off.

    A newspaper's page of wire stories drops the dateline of some items (those from no one place) and
    keeps their title and cut summary; between dated items they are items too.
    """
    text = state.text
    for run in list(state.free_runs()):
        pieces = units(text, run.start, run.end)
        for (a, b), (c, d) in zip(pieces, pieces[1:]):
            title = text[a:b]
            if not (word_count(title) >= _LISTING_TITLE_MIN_WORDS and teaser_units.is_title(title)):
                continue
            if _cut_as_listed(text[c:d]) and state.is_free(a, d):
                state.claim("related", a, d, Related(clean(title), None, clean(text[c:d]), None, Span(a, d)), "kind")


def _claim_items(state: ParseState, released: list[Claim]) -> None:
    """Read the listing's items in what the story's parts held: title, dateline, the cut summary.

    A wire site's tag or archive page repeats a title line, a line that opens with the item's dateline
    and the first words of the story cut off; its first items were read as the story. An item opens at
    a title line (four words or more) right before a dated line, or at the headline's line, and runs to
    the next item's title.
    """
    text = state.text
    low = min(c.span.start for c in released)
    high = max(c.span.end for c in released)
    pieces = [(a, b) for run in list(state.free_runs(low, high)) for a, b in units(text, run.start, run.end)]
    datelines = {}
    for a, b in pieces:
        found = first_dateline(state, a, b, floor=a)
        if found is not None and found.start == a:
            datelines[a] = found
    headline_starts = {c.span.start for c in released if c.label == "headline"}
    starts: list[int] = []
    for index, (a, b) in enumerate(pieces):
        title_like = word_count(text[a:b]) >= _LISTING_TITLE_MIN_WORDS and teaser_units.is_title(text[a:b])
        dated_next = index + 1 < len(pieces) and pieces[index + 1][0] in datelines
        # An item whose dateline the page dropped: its title, then its summary cut where the others are.
        cut_next = index + 1 < len(pieces) and _cut_as_listed(text[pieces[index + 1][0] : pieces[index + 1][1]])
        if title_like and (dated_next or cut_next or a in headline_starts):
            starts.append(index)
    for order, first in enumerate(starts):
        last = (starts[order + 1] if order + 1 < len(starts) else len(pieces)) - 1
        start, end = pieces[first][0], pieces[last][1]
        title = clean(text[pieces[first][0] : pieces[first][1]])
        rest_from = pieces[first + 1][0] if first + 1 <= last else end
        dated = datelines.get(rest_from)
        dateline = dated.to_part(state) if dated is not None else None
        summary = clean(text[dated.end if dated is not None else rest_from : end]) or None
        state.claim("related", start, end, Related(title, dateline, summary, None, Span(start, end)), "kind")
