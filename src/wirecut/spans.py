"""Spans into the untouched input, and the state that parsers claim them in.

Contract:
    Consumes: the decoded input text, never rewritten.
    Produces: ``Claim`` records, each a half-open ``[start, end)`` range of code points with the part it
    stands for and the name of the parser that made it.
    Guarantees: claims never overlap (``claim`` refuses an overlapping range), so the output's first
    invariant holds by construction; whatever no parser claims is reported as residue at the end.

The coverage of claimed characters is a ``bytearray`` mask, one byte per code point. Checking and
claiming are slices of it, so cost stays linear in the input even when a hostile text produces a
million small claims (``"1 2 3 >> " * n``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from wirecut.lexicon import DEFAULT_LEXICON, Lexicon

if TYPE_CHECKING:
    from wirecut.story import Dateline

#: The kinds of part a claim can stand for, as the ``wirecut/1`` object names them.
LABELS = ("headline", "dateline", "byline", "caption", "paragraph", "related", "note", "residue")


class Span(NamedTuple):
    """Half-open range ``[start, end)`` of code points into the input."""

    start: int
    end: int

    def slice(self, text: str) -> str:
        return text[self.start : self.end]

    def as_list(self) -> list[int]:
        return [self.start, self.end]


@dataclass(frozen=True, slots=True)
class Claim:
    """One part found in the input: its label, where it is, what it holds and who found it."""

    label: str
    span: Span
    part: Any
    parser: str


@dataclass(slots=True)
class Findings:
    """What a parser learned for the ones after it (typed, so every writer and reader is checked).

    Each field names its writer and its readers; a parser's contract docstring says the same.
    """

    #: The story's own dateline. Written by the dateline parser; read by the byline and body parsers.
    dateline: Dateline | None = None
    #: Where the story text starts, just past its dateline. Written by the dateline parser.
    dateline_end: int | None = None
    #: The first full date a caption gives, as (year, month, day). Written by the caption parser; read
    #: by ``wirecut.years`` (a dated caption gives its year to datelines without one).
    caption_date: tuple[int, int, int] | None = None
    #: The first page stamp's date. Written by the residue parser; read by ``wirecut.years``.
    page_date: dt.date | None = None
    #: The text is a photo gallery. Written by the caption parser; read by the body parser.
    gallery: bool = False
    #: The text is a digest of several datelined stories (None: not asked yet). Written and read by
    #: ``dateline.is_digest``, which the dateline and related parsers ask.
    digest: bool | None = None
    #: Where the one-line teasers inside the story start ("Read also ..." between two paragraphs).
    #: Written by the related parser; read by the body parser, which runs on past them.
    inline_teasers: set[int] = field(default_factory=set)
    #: What the page is (``wirecut.story.KINDS``). Written by the kind parser; read by ``assemble``.
    kind: str | None = None


@dataclass(slots=True)
class ParseState:
    """What the parsers share while one text is parsed.

    Parsers read ``text`` and claim spans of it; they never edit the text. ``lexicon`` is the
    configuration's (``state.lexicon.canonical_agency(...)``, patterns through ``lexicon.derived``);
    ``findings`` carries what an earlier parser learned for a later one; ``memo`` keeps what a parser
    computed once for this text and asks again (the dateline patterns' candidate starts), keyed by the
    function that computes it, so nothing of one text outlives its parse.
    """

    text: str
    reference_date: dt.date | None = None
    lexicon: Lexicon = field(default_factory=lambda: DEFAULT_LEXICON)
    claims: list[Claim] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    findings: Findings = field(default_factory=Findings)
    memo: dict[Any, Any] = field(default_factory=dict)
    mask: bytearray = field(init=False)
    lowered: str = field(init=False)
    starts: dict[int, Claim] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.mask = bytearray(len(self.text))
        # The text in lower case, made once for the parsers that look for their marks' words in it.
        self.lowered = self.text.lower()

    def is_free(self, start: int, end: int) -> bool:
        """True when no character of ``[start, end)`` is claimed yet."""
        if start >= end:
            return True
        return self.mask.find(1, start, end) == -1

    def claim(self, label: str, start: int, end: int, part: Any, parser: str) -> Claim | None:
        """Claim ``[start, end)`` for a part; None (and nothing claimed) when it overlaps a claim."""
        if start >= end or start < 0 or end > len(self.text) or not self.is_free(start, end):
            return None
        self.mask[start:end] = b"\x01" * (end - start)
        made = Claim(label, Span(start, end), part, parser)
        self.claims.append(made)
        self.starts[start] = made
        return made

    def claims_between(self, start: int, end: int) -> list[Claim]:
        """The claims that fill a claimed stretch ``[start, end)``, walked end to start (no scan of all)."""
        found = []
        pos = start
        while pos < end:
            claim = self.starts.get(pos)
            if claim is None:
                pos = self.mask.find(1, pos + 1, end)
                if pos == -1:
                    break
                continue
            found.append(claim)
            pos = claim.span.end
        return found

    def replace_part(self, index: int, part: Any) -> Claim:
        """Give ``claims[index]`` a new part over the same span (the year resolved after the parsers)."""
        claim = self.claims[index]
        made = Claim(claim.label, claim.span, part, claim.parser)
        self.claims[index] = made
        self.starts[claim.span.start] = made
        return made

    def release(self, claim: Claim) -> None:
        """Take a claim back (a teaser absorbs the page stamp between its title and summary)."""
        self.claims.remove(claim)
        self.starts.pop(claim.span.start, None)
        self.mask[claim.span.start : claim.span.end] = bytes(claim.span.end - claim.span.start)

    def release_many(self, claims: list[Claim]) -> None:
        """Take several claims back in one pass over the claim list (a page found to have no body)."""
        gone = {id(c) for c in claims}
        self.claims = [c for c in self.claims if id(c) not in gone]
        for claim in claims:
            self.starts.pop(claim.span.start, None)
            self.mask[claim.span.start : claim.span.end] = bytes(claim.span.end - claim.span.start)

    def free_runs(self, start: int = 0, end: int | None = None) -> Iterator[Span]:
        """The maximal unclaimed ranges inside ``[start, end)``, in order."""
        stop = len(self.text) if end is None else end
        pos = start
        mask = self.mask
        while pos < stop:
            begin = mask.find(0, pos, stop)
            if begin == -1:
                return
            finish = mask.find(1, begin, stop)
            if finish == -1:
                finish = stop
            yield Span(begin, finish)
            pos = finish

    def next_claim_start(self, pos: int) -> int:
        """Where the next claimed character at or after ``pos`` is (``len(text)`` when none is)."""
        found = self.mask.find(1, pos)
        return len(self.text) if found == -1 else found

    def prev_claim_end(self, pos: int, reach: int | None = None) -> int:
        """Just past the last claimed character before ``pos`` (0 when none is).

        With ``reach``, only the ``reach`` characters before ``pos`` are looked at, and their start is
        the answer when none of them is claimed: a parser that asks this for every match of a long
        hostile text stays linear.
        """
        low = 0 if reach is None else max(0, pos - reach)
        found = self.mask.rfind(1, low, pos)
        return low if found == -1 else found + 1

    def claims_of(self, label: str) -> list[Claim]:
        return sorted((c for c in self.claims if c.label == label), key=lambda c: c.span.start)
