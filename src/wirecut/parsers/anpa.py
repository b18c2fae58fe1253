"""ANPA: the header fields of the ANPA 1312 wire format, each between a caret and a closing mark.

AP's newsroom feed (and Kyodo's and other North American wires' after it) sends a story as ANPA 1312:
a transmission line, a keyword line, then header fields such as ``^Deng has 30 points ...<`` and
``^By CHARLES ODUM=``, then the story's tab-indented lines. Newsroom systems such as Superdesk read the
first field as the keyword, the second as the headline and the one before a role field as the byline;
scraped feed archives keep the framing, on its lines or flattened onto one.

Contract:
    Claims: in a text that carries ANPA framing (a keyword field such as
    ``^BC-BKN--Heat-Hawks, 1st Ld-Writethru,416<``, and the fields after it),
      * the keyword field and the editors' fields (``^Eds: ...<``, ``^EDITOR'S NOTE _ ...<``,
        ``^AP Photo NY123<``) as ``ednote`` notes;
      * the first other field after the keyword as the headline;
      * ``^By NAME=``, with the role field after it (``^AP Sports Writer=``), as a byline;
      * the carets and closing marks themselves, and the ``<`` that closes the last line of the
        text, as ``markup`` residue.
    Leaves: any other field (AP's abstract, a repeat of the lead) to the parsers after it.
    Never: reads carets in a text with no keyword field: a caret in prose is not framing.
"""

from __future__ import annotations

import regex

from wirecut.parsers.byline import ROLE_RE, parse_by
from wirecut.patterns import lazy
from wirecut.spans import ParseState, Span
from wirecut.story import Byline, Headline, Note, Residue
from wirecut.text import clean, time_limit

# One header field: a caret, the field's text, and its closing mark, "<" (a field) or "=" (a line
# that the next one continues, as a byline before its role).
FIELD_RE = lazy(
    r"""
    \^(?P<field>[^\^<=\n]{1,500}?)[ \t]*(?P<close>[<=])   # ^Deng has 30 points ...<  /  ^By CHARLES ODUM=
    """,
    regex.VERBOSE,
)

# The keyword field: AP's category and slug, then its version and word count.
KEYWORD_RE = lazy(
    r"""
    (?:AM|PM|BC|AP)-[\w'’.\-]+   # BC-BKN--Heat-Hawks, AM-Britain-Brexit, PM-Obit-Smith
    """,
    regex.VERBOSE,
)

# Fields for editors, not for publication.
EDITORS_FIELD_RE = lazy(
    r"""
      \(?(?i:eds?)\s*:                # ^Eds: Heat 115, Hawks 111. Updates.<  /  ^(Eds: Minor edits.)<
    | EDITOR'?S\s+NOTE                # ^EDITOR'S NOTE _ This story contains ...<
    | AP\s+(?:Photos?|Video|Graphic)  # ^AP Photo GATK105, GATK106<
    | With\s+(?:AP\s+)?Photos?\b      # ^With AP Photos<
    """,
    regex.VERBOSE,
)

# The "<" that closes the text's last line: ANPA's end-of-text mark after the transmission stamp.
_LAST_CLOSE_RE = lazy(r"<\s*\Z")


def parse(state: ParseState) -> None:
    """Claim the header fields of an ANPA story."""
    text = state.text
    if "^" not in text:
        return
    fields = list(FIELD_RE.finditer(text, timeout=time_limit(len(text))))
    keyword_at = next((i for i, f in enumerate(fields) if KEYWORD_RE.match(f.group("field"))), None)
    if keyword_at is None:
        return  # carets with no keyword field are no ANPA framing
    marks = [mark for field in fields[:keyword_at] for mark in _framing(field, field)]
    headline_taken = False
    index = keyword_at
    while index < len(fields):
        field = fields[index]
        start, end = field.span("field")
        content = field.group("field")
        last = index
        if index == keyword_at or EDITORS_FIELD_RE.match(content):
            state.claim("note", start, end, Note("ednote", clean(content), (), Span(start, end)), "anpa")
        elif content.startswith(("By ", "BY ")):
            last = _claim_byline(state, fields, index)
        elif not headline_taken:
            state.claim("headline", start, end, Headline(clean(content), Span(start, end)), "anpa")
            headline_taken = True
        marks.extend(_framing(field, fields[last]))
        index = last + 1
    closing = _LAST_CLOSE_RE.search(text, max(0, len(text) - 40))
    if closing:
        marks.append((closing.start(), closing.start() + 1))
    for start, end in _merged(sorted(marks), text):
        state.claim("residue", start, end, Residue("markup", clean(text[start:end]), Span(start, end)), "anpa")


def _claim_byline(state: ParseState, fields: list[regex.Match[str]], index: int) -> int:
    """Claim ``^By NAME=`` and the role field that continues it; give the index of the last field taken."""
    text = state.text
    field = fields[index]
    byline = parse_by(field.group("field"), 0, len(field.group("field")))
    if byline is None:
        return index
    start, end = field.span("field")
    role, last = byline.role, index
    following = fields[index + 1] if index + 1 < len(fields) else None
    continued = (
        field.group("close") == "=" and following is not None and not text[field.end() : following.start()].strip()
    )
    if continued and following is not None and role is None and ROLE_RE.fullmatch(following.group("field").strip()):
        # The role line that continues the byline: "^By GERRY SHIH=" then "^Associated Press=".
        role = clean(following.group("field"))
        end, last = following.end("field"), index + 1
    state.claim("byline", start, end, Byline(clean(text[start:end]), byline.names, role, Span(start, end)), "anpa")
    return last


def _framing(first: regex.Match[str], last: regex.Match[str]) -> list[tuple[int, int]]:
    """The caret that opens ``first`` and the mark that closes ``last`` (the same field, or a byline's two)."""
    return [(first.start(), first.start() + 1), (last.start("close"), last.end("close"))]


def _merged(marks: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Marks with only white space between them, merged into one stretch ("<\n^" is one piece of framing)."""
    merged: list[tuple[int, int]] = []
    for start, end in marks:
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
