"""Body: the story's own text, in paragraphs.

Contract:
    Claims: ``paragraph`` spans of the free text from the story's start (just after its dateline, or
    after its headline and bylines when it has no dateline) up to the first teaser after it, past the
    one-line teasers inside the story.
    Reads: ``findings.dateline`` (the story starts after it), ``findings.gallery`` (a gallery has no
    story text) and ``findings.inline_teasers`` (the body runs past them), the claims of every earlier
    parser.
    Writes: no findings.
    Paragraphs follow the input's breaks: blank lines; or line breaks between lines that are not a hard
    wrap. Wire copy wrapped at 60-80 columns (Reuters-21578, dpa's feed) is joined back, and an
    indented line opens a new paragraph, as the wire writes it.
    A paragraph runs on across the inline tags inside a line (``The <b>minister</b> said``, a link):
    the markup parser's claims of them are taken back, they lie inside the paragraph's span, and its
    text leaves them out, as it decodes character references; tags left outside every paragraph are
    claimed as markup again.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left

from wirecut.parsers.kind import word_count
from wirecut.parsers.markup import is_inline_tag
from wirecut.patterns import lazy
from wirecut.spans import Claim, ParseState, Span
from wirecut.story import Paragraph
from wirecut.text import clean, trim

_BLANK_LINE_RE = lazy(r"\n[ \t\u00a0\u3000]*\n\s*")
_LINE_RE = lazy(r"[^\n]+")


def story_bounds(state: ParseState) -> tuple[int, int]:
    """Where the story text may lie: from its start to the first teaser after it."""
    dateline = state.findings.dateline
    if dateline is not None:
        start = dateline.span.end
    else:
        heads = [c.span.end for c in state.claims if c.label in ("headline", "byline")]
        start = max(heads) if heads else 0
    inline = state.findings.inline_teasers  # one-line teasers between paragraphs: the story goes on
    teasers = [
        c.span.start
        for c in state.claims
        if c.label == "related" and c.span.start >= start and c.span.start not in inline
    ]
    return start, min(teasers) if teasers else len(state.text)


def parse(state: ParseState) -> None:
    """Claim the body's paragraphs."""
    text = state.text
    if state.findings.gallery and state.findings.dateline is None:
        return  # a photo gallery: its text is captions; what is left is page furniture
    start, end = story_bounds(state)
    runs = list(state.free_runs(start, end))
    if state.findings.dateline is None and end < len(text) and start == 0:
        # A listing page: a few words before its first teaser name the section; they are not a story.
        if sum(word_count(text[r.start : r.end]) for r in runs) < 12:  # CJK letters count as words too
            runs = []
    runs, inline_tags = _across_inline_tags(state, runs)
    if inline_tags:
        state.release_many(inline_tags)
    # (start, end, cleaned text) of each paragraph, its text made once
    found = [
        (a, b, cleaned)
        for run in runs
        for a, b in _paragraphs(text, run.start, run.end)
        if (cleaned := _text(text, a, b, inline_tags))
    ]
    if (
        len(found) >= 2
        and _is_page_furniture(text[found[-1][0] : found[-1][1]])
        and _SENTENCE_CLOSE_RE.search(text[found[-2][0] : found[-2][1]])
    ):
        # "Product Suggestions" after the story's last sentence: the page's, not the story's. After a
        # line with no sentence mark it is one more line of a list ("Payable March 31 / Record March nine").
        found.pop()
    for a, b, cleaned in found:
        state.claim("paragraph", a, b, Paragraph(cleaned, Span(a, b)), "body")
    for tag in inline_tags:  # a tag no paragraph took (it closed the last line): markup again
        if state.is_free(tag.span.start, tag.span.end):
            state.claim(tag.label, tag.span.start, tag.span.end, tag.part, tag.parser)


def _across_inline_tags(state: ParseState, runs: list[Span]) -> tuple[list[Span], list[Claim]]:
    """The free runs joined across the inline tags between them inside a line, and those tags' claims."""
    text = state.text
    joined: list[Span] = runs[:1]
    tags: list[Claim] = []
    for run in runs[1:]:
        last = joined[-1]
        between = state.claims_between(last.end, run.start)
        if (
            between
            and text[last.end - 1] != "\n"
            and text[run.start] != "\n"
            and all(c.label == "residue" and c.part.kind == "markup" and is_inline_tag(c.part.text) for c in between)
        ):
            joined[-1] = Span(last.start, run.end)
            tags.extend(between)
        else:
            joined.append(run)
    return joined, tags


def _text(text: str, start: int, end: int, inline_tags: list[Claim]) -> str:
    """The cleaned text of ``[start, end)``, without the inline tags inside it (listed in text order)."""
    if not inline_tags:
        return clean(text[start:end])
    # found by bisection: a long page of short tagged paragraphs stays linear
    first = bisect_left(inline_tags, start, key=lambda c: c.span.start)
    pieces = []
    pos = start
    for tag in itertools.islice(inline_tags, first, None):
        if tag.span.start >= end:
            break
        if tag.span.end <= end:
            pieces.append(text[pos : tag.span.start])
            pos = tag.span.end
    pieces.append(text[pos:end])
    return clean("".join(pieces))


_SENTENCE_CLOSE_RE = lazy(r"[.!?…\"”’)\]。！？]\s*$")


# Any mark that closes a sentence or a phrase, at a line's end.
_CLOSING_MARK_RE = lazy(r"[.!?:;,\"”’)\]。！？]\s*$")


def _is_page_furniture(raw: str) -> bool:
    """A closing line of one to three words with no sentence mark: a site's link, not a story's end."""
    words = raw.split()
    return 1 <= len(words) <= 3 and not _CLOSING_MARK_RE.search(raw) and raw[:1].isupper()


# Where a scraper glued two paragraphs with no space ("...data shows.The total value", "...imports.\"It"),
# or joined them with a comma as a list is joined ("...interests.,Less than 20 percent").
# (A straight quote between the stop and a capital opens the next paragraph: the split comes before it.)
_GLUED_PARAGRAPH_RE = lazy(r"(?<=\p{Ll}{2}[.!?][\"”’]?|\d[.!?][\"”’]?)(?P<joint>,?)(?=[\"“]?\p{Lu}\p{Ll})")


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    pos = start
    for m in _BLANK_LINE_RE.finditer(text, start, end):
        found.extend(_split_lines(text, pos, m.start()))
        pos = m.end()
    found.extend(_split_lines(text, pos, end))
    glued: list[tuple[int, int]] = []
    for a, b in found:
        piece_start = a
        for m in _GLUED_PARAGRAPH_RE.finditer(text, a, b):
            if not text[piece_start : m.start()].strip(' "“”’'):
                continue  # right after a split, before its quote: one split, not a paragraph of a quote
            glued.append((piece_start, m.start()))
            piece_start = m.end()
        glued.append((piece_start, b))
    return [p for p in (trim(text, a, b) for a, b in glued) if p[0] < p[1]]


def _split_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """One block between blank lines: a wrapped paragraph (or several, by indent), or one per line."""
    lines = [m.span() for m in _LINE_RE.finditer(text, start, end) if text[m.start() : m.end()].strip()]
    if len(lines) <= 1:
        return [(start, end)]
    lengths = [len(text[a:b].rstrip()) for a, b in lines[:-1]]
    wrapped = sum(1 for n in lengths if 45 <= n <= 90) >= 0.6 * len(lengths)
    if not wrapped:
        return lines
    paragraphs: list[tuple[int, int]] = []
    para_start = lines[0][0]
    for (a, _b), (_prev_a, prev_b) in zip(lines[1:], lines[:-1]):
        indented = text[a : a + 2] in ("  ", "\t ") or text[a] == "\t"
        if indented:
            paragraphs.append((para_start, prev_b))
            para_start = a
    paragraphs.append((para_start, lines[-1][1]))
    return paragraphs
