"""Related: teasers for other stories.

Contract:
    Claims: one ``related`` part per teaser: its title, its dateline (when it has one), its summary
    and the marker that links it (``Full story``, ``Read More »``).
    Reads: the free spans; the page furniture already claimed (a listing's timestamps separate a
    teaser's title from its summary); ``state.lexicon`` (labels and markers, agencies, months);
    ``findings.digest`` through ``dateline.is_digest``.
    Writes: ``findings.inline_teasers`` (see below), nothing else. A teaser's dateline keeps
    ``--MM-DD`` when it has no year (``wirecut.years`` gives it the story's).
    Forms, each seen on real pages:
      * a label (``Related:``, ``See also:``, ``Read more:``) and after it teasers up to the end of the
        text, each closed by a marker or, without markers, one per dateline (Xinhua's story pages);
      * teasers closed by a marker with no label: the listing pages of Xinhua sites, where a title, a
        timestamp and a summary end with ``Full Story``;
      * listing lines with no marker: a title line, then a line that opens with a dateline and ends
        with an ellipsis (agency author pages);
      * a label with no colon that opens a unit, a title after it: a box's heading in flattened text,
        or a one-line teaser inside the story ("Read also Title", "Читайте также Title");
      * after a label, titles with at most one summary each, told apart by their shape
        (``parsers/teaser_units.py``): a title after a title is the next teaser;
      * a page with no story dateline, no label and no marker whose lines repeat a unit of a title,
        its meta lines (a byline, a stamp) and one summary paragraph: section, tag and author pages
        of news sites, which often print "By AGENCY -" under every title;
      * the listing's last teaser cut off by the end of the scrape: a title line after the teasers
        with nothing but the text's end after it.
    ``findings.inline_teasers`` holds the starts of one-line teasers that stand between the story's
    paragraphs, so that the body runs on past them.
    Never: claims text before the story's dateline as a teaser when the page has a story.
"""

from __future__ import annotations

import bisect
import itertools

import regex

from wirecut.lexicon import Lexicon
from wirecut.parsers import byline, furniture, kind, teaser_units
from wirecut.parsers.dateline import DatelineMatch, find_datelines, first_dateline, is_digest
from wirecut.patterns import lazy
from wirecut.spans import Claim, ParseState, Span
from wirecut.story import Related
from wirecut.text import UNIT_BREAK_RE, WHITE_SPACE, Guarded, clean, time_limit, trim, units

#: How much longer than its form a label may be where a scraper doubled its spaces ("See  also:").
_WHITE_SPACE_SLACK = 40


def _last_words(forms: tuple[str, ...] | list[str]) -> list[str]:
    """The last word of each form: a form's spaces match any run of white space, its last word does not."""
    return sorted({form.split()[-1] for form in forms if form.split()})


def _labels(lexicon: Lexicon) -> Guarded:
    return lexicon.derived(_build_labels)


def _build_labels(lexicon: Lexicon) -> Guarded:
    """Labels that open a block of teasers ("Related:", "See also:", "Lire aussi :"), from the lexicon.

    Every label ends with a colon, a rare mark in prose: the colon is the needle, and a match starts at
    most a label's length (with doubled spaces) before it. A label may be glued to the sentence before
    it ("... d'ici 2026.Lire aussi:"), as scrapers that drop the markup between paragraphs leave it.
    """
    pattern = regex.compile(
        rf"""(?:(?<=[.!?"”’)\]]\s{{0,3}})|(?<=\n|\A|\s\s))(?:{lexicon.alternation("related_label")})\s?[:：]""",
        regex.VERBOSE,
    )
    forms = lexicon.marker_forms("related_label")
    # A colon of the story's prose ("said:", "14:30") is no label's: only a colon right after a
    # label's last word (and at most one space) marks a window.
    last_words = tuple(word.lower() for word in _last_words(forms))

    def after_label(lowered: str, needle: str, at: int) -> bool:
        if at > 0 and lowered[at - 1] in WHITE_SPACE:
            at -= 1
        return lowered.endswith(last_words, 0, at)

    reach = (_WHITE_SPACE_SLACK + max(map(len, forms), default=0), 1)
    return Guarded(pattern, ":", "：", reach=reach, keep=after_label)


def _heading_labels(lexicon: Lexicon) -> Guarded:
    """A label standing as a line of its own with no colon: the heading of a page's teaser box
    ("Read more", "Related stories", "Mehr zum Thema"), the titles on the lines after it."""
    return lexicon.derived(_build_heading_labels)


def _build_heading_labels(lexicon: Lexicon) -> Guarded:
    pattern = regex.compile(
        rf"""(?:(?<=\n)|\A)[ \t]*(?:{lexicon.alternation("related_label")})[ \t]*(?=\n)""",
        regex.VERBOSE,
    )
    forms = lexicon.marker_forms("related_label")
    reach = _WHITE_SPACE_SLACK + max(map(len, forms), default=0)
    return Guarded(pattern, *_last_words(forms), reach=(reach, _WHITE_SPACE_SLACK))


def _named_headings(lexicon: Lexicon) -> Guarded:
    """The heading of a teaser box that names its section or site: "More from Economy", "Mehr aus Wirtschaft"."""
    return lexicon.derived(_build_named_headings)


def _build_named_headings(lexicon: Lexicon) -> Guarded:
    # The heading's words (related_heading in markers.json) open their line, and a name in capitals
    # follows them to the line's end. The first words anchor the scan where they open a line.
    pattern = regex.compile(
        rf"""(?:(?<=\n)|\A)[ \t]*{lexicon.alternation("related_heading")}[ \t]+[\p{{Lu}}\d][^\n.!?:]{{0,40}}(?=\n)""",
        regex.VERBOSE,
    )
    forms = lexicon.marker_forms("related_heading")
    first_words = sorted({form.split()[0].lower() for form in forms if form.split()})

    def opens_line(lowered: str, needle: str, at: int) -> bool:
        return not lowered[max(0, at - _WHITE_SPACE_SLACK) : at].strip(" \t").rpartition("\n")[2]

    return Guarded(pattern, *first_words, reach=(_WHITE_SPACE_SLACK, 100), keep=opens_line)


def _bare_labels(lexicon: Lexicon) -> Guarded:
    """A label with no colon at the start of a unit, where a title follows it on the same unit or the next.

    The heading of a teaser box in flattened text ("...  Mehr zum Thema  Title  ..."), and the inline
    one-line teaser inside a story ("Read also Title" of TASS, "Читайте также Title" of RIA and TASS,
    "相关新闻 Title" of Chinese pages): the label opens a unit, after a line break, a double space or a
    sentence's end.
    """
    return lexicon.derived(_build_bare_labels)


def _build_bare_labels(lexicon: Lexicon) -> Guarded:
    pattern = regex.compile(
        rf"""(?:\A|(?<=\n|[ \t\u00a0\u3000]{{2}})|(?<=[.!?。！？…"”’][ \t\u00a0\u3000]?))
             (?=\p{{Lu}}|\p{{Lo}})  # a heading's capital: "related" at a hard-wrapped line's start is prose
             (?:{lexicon.alternation("related_label")})
             (?![ \t]*[:：])(?=[ \t\u00a0\u3000\n]|\Z)""",
        regex.VERBOSE,
    )
    forms = lexicon.marker_forms("related_label")
    reach = _WHITE_SPACE_SLACK + max(map(len, forms), default=0)
    return Guarded(pattern, *_last_words(forms), reach=(reach, _WHITE_SPACE_SLACK))


#: The longest title of a teaser box, in words; a longer unit is the story going on.
_BOX_TITLE_WORDS = 25


def _markers(lexicon: Lexicon) -> Guarded:
    return lexicon.derived(_build_markers)


def _build_markers(lexicon: Lexicon) -> Guarded:
    """Markers that close a teaser and link to its story, whatever their case and spacing.

    "Full story", "FULL STORY", Focus Taiwan's misspelt "[FUILL  STORY]", "Read More »", and the
    lexicon's forms in other languages ("weiterlesen", "Lire la suite"). Each holds "story", "more" or
    the last word of a form of the lexicon, and starts at most a form's length (with doubled spaces)
    before it.
    """
    pattern = regex.compile(
        rf"""\[\s*(?i:fu[il]{{1,3}}\s+story)\s*\]
          | (?i:fu[il]{{1,3}}\s+story)
          | (?i:read\s+more)\s*(?:»|>>|›)
          # A scrape that joined the link to the next item's title with no space: "...the campaign had
          # Read moreBoys found safe" (WordPress themes' "Read more" buttons over a listing).
          | (?<=\n[ \t]*|\A)(?i:read\s+more|continue\s+reading)(?=\p{{Lu}}\p{{Ll}})
          | (?i:more)\s*(?:>>|»)
          | {lexicon.alternation("read_more")}
          # Two or three words after the ellipsis that cut a summary, closing its paragraph: the link in
          # any language ("… Leer más", "… Lire la suite", "... Читать далее"); one word there is a
          # source, and a line's end alone may be a hard wrap's.
          | (?<=…|\.\.\.)[ \t]+\p{{Lu}}\p{{Ll}}+(?:[ \t]\p{{Ll}}+){{1,2}}(?=[ \t]*(?:\n[ \t]*(?:\n|\Z)|\Z))""",
        regex.VERBOSE,
    )
    forms = lexicon.marker_forms("read_more")
    before = _WHITE_SPACE_SLACK + max(map(len, forms), default=0)
    return Guarded(pattern, "story", "more", "…", "...", *_last_words(forms), reach=(before, 40))


# The ellipsis that closes a listing's cut summary.
_ELLIPSIS_RE = lazy(r"(?:…|\.\.\.)\s*$")


def _teaser(state: ParseState, start: int, end: int, marker: regex.Match[str] | None, label_end: int | None) -> None:
    """Make one teaser part of ``[start, end)`` and claim it."""
    text = state.text
    body_end = marker.start() if marker else end
    head_from = label_end if label_end is not None else start
    dateline_match: DatelineMatch | None = first_dateline(state, head_from, body_end, floor=head_from, anywhere=True)
    title: str | None
    summary: str | None
    if dateline_match is not None:
        head_units = _leading_label_dropped(text, _free_units(state, head_from, dateline_match.start), 1)
        if "\n" in text[head_from : dateline_match.start].strip() and head_units:
            # Focus Taiwan's blocks: the title line, then source, date, byline and photo lines.
            title = clean(text[head_units[0][0] : head_units[0][1]]) or None
        else:
            title = _title_before_dateline(text, head_units) or clean(text[head_from : dateline_match.start]) or None
        summary = clean(text[dateline_match.end : body_end]) or None
        dateline = dateline_match.to_part(state)
    else:
        dateline = None
        pieces = _leading_label_dropped(text, _free_units(state, head_from, body_end), 2)
        if pieces:
            title = clean(text[pieces[0][0] : pieces[0][1]])
            summary = clean(" ".join(text[a:b] for a, b in pieces[1:])) or None
        else:
            title, summary = None, None
    part = Related(title, dateline, summary, clean(marker.group(0)) if marker else None, Span(start, end))
    _claim_around(state, start, end, part)


def _leading_label_dropped(text: str, pieces: list[tuple[int, int]], keep: int) -> list[tuple[int, int]]:
    """A teaser's units without the page's or box's label over the first item's title.

    A title after a title is no summary: a unit of three words or fewer ("Latest stories", "Latest
    Posts") over a title of four or more is the label, which stays inside the first teaser's span.
    ``keep`` units at least are left (the title, and the summary where there is no dateline).
    """
    while (
        len(pieces) > keep
        and len(text[pieces[0][0] : pieces[0][1]].split()) <= _BOX_HEADING_WORDS
        and len(text[pieces[1][0] : pieces[1][1]].split()) > _BOX_HEADING_WORDS
        and teaser_units.is_title(text[pieces[1][0] : pieces[1][1]])
    ):
        pieces = pieces[1:]
    return pieces


# The separators of a teaser's meta pieces after its title: "Title / Focus Taiwan / Date: 06/06/2024 / By: ...".
_META_PIECE_SEPARATOR_RE = lazy(r"[ \t]+[/|·][ \t]+")
# A piece that is a label and its value ("Date: 06/06/2024", "By: Lin Pei-jun") or a byline.
_META_PIECE_RE = lazy(r"[\p{L}]{2,20}[ \t]?[:：].*|(?i:by)\s.*")


def _title_before_dateline(text: str, head_units: list[tuple[int, int]]) -> str | None:
    """A teaser's title in the words before its dateline, when a flattened page keeps its pieces apart.

    The title is the last unit before the dateline that is not a label and value (a heading such as
    "More from Focus Taiwan" stands before it, two spaces apart), and of that unit the first piece,
    where the site runs its meta pieces on after the title: "Taiwan Railway to add 40 trains / Focus
    Taiwan / Date: 06/06/2024 / By: Lin Pei-jun /". None where the words are one piece.
    """
    if not head_units:
        return None
    candidates = [
        (a, b) for a, b in head_units if not _META_PIECE_RE.fullmatch(text[a:b].strip(" /|")) and text[a:b].strip(" /|")
    ]
    if not candidates:
        return None
    a, b = candidates[-1]
    pieces = [p for p in _META_PIECE_SEPARATOR_RE.split(text[a:b].strip(" /|")) if p.strip()]
    if len(head_units) == 1 and len(pieces) == 1:
        return None
    if len(pieces) > 1 and not all(_META_PIECE_RE.fullmatch(p) or len(p.split()) <= 4 for p in pieces[1:]):
        return clean(text[a:b]) or None  # the separator is the title's own ("Trade / Economy ...")
    return clean(pieces[0]) or None


def _free_units(state: ParseState, start: int, end: int) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for run in state.free_runs(start, end):
        found.extend(units(state.text, run.start, run.end))
    return found


def _claim_around(state: ParseState, start: int, end: int, part: Related) -> None:
    """Claim a teaser; page stamps inside it (a listing's dates) become part of the teaser."""
    if state.claim("related", start, end, part, "related"):
        return
    # The claims inside, found by walking the stretch (a scan of every claim for every teaser of a long
    # listing would cost the square of their number).
    inside = [c for c in state.claims_between(start, end) if c.span.start >= start and c.span.end <= end]
    if inside and all(c.label == "residue" and c.part.kind == "timestamp" for c in inside):
        for c in inside:
            state.release(c)
        state.claim("related", start, end, part, "related")


def parse(state: ParseState) -> None:
    """Claim the teasers of the text."""
    text = state.text
    story_start = _story_dateline_position(state)
    lowered = state.lowered
    labels = [
        m
        for m in _labels(state.lexicon).finditer(text, lowered)
        if state.is_free(m.start(), m.end()) and (story_start is None or m.start() > story_start)
    ]
    markers = [m for m in _markers(state.lexicon).finditer(text, lowered) if state.is_free(m.start(), m.end())]
    repeated = _repeated_link_lines(state, markers)
    if repeated:
        markers = sorted([*markers, *repeated], key=lambda m: m.start())
    if len(labels) > 1 and all(text[a.start() : a.end()] == text[labels[0].start() : labels[0].end()] for a in labels):
        # Reuters' "Read more: A  Read more: B": each label opens one teaser.
        marker_starts = [m.start() for m in markers]  # in order: the first marker after a label is a bisection
        for current, following in zip(labels, [*labels[1:], None]):
            end = following.start() if following else _block_end(state, current.end())
            end = trim(text, current.start(), end)[1]
            first = bisect.bisect_right(marker_starts, current.end())
            inner = markers[first] if first < len(markers) and markers[first].end() <= end else None
            _teaser(state, current.start(), end, inner, current.end())
        markers = [m for m in markers if m.start() < labels[0].start()]
    elif labels:
        label = labels[0]
        _after_label(state, label, [m for m in markers if m.start() > label.end()])
        markers = [m for m in markers if m.start() < label.start()]
    if markers:
        _marked_teasers(state, markers, story_start)
    if not labels and "\n" in text:
        # A box's heading comes after the story's start: its dateline, or on a page with none its first
        # paragraph of prose (a menu over the title may say "Trending" too).
        box_floor = story_start if story_start is not None else kind.first_prose_start(state.text, state.free_runs())
        headings = [
            *_heading_labels(state.lexicon).finditer(text, lowered),
            *_named_headings(state.lexicon).finditer(text, lowered),
        ]
        for heading in sorted(headings, key=lambda h: h.start()):
            if box_floor is not None and heading.start() > box_floor and state.is_free(heading.start(), heading.end()):
                _box_under_heading(state, heading)
    _bare_label_teasers(state, story_start)
    _listing_lines(state, story_start)
    _ago_teasers(state, story_start)
    _aggregator_items(state, story_start)
    _later_stories(state, story_start)
    _unit_listing(state, story_start)
    _cut_off_teaser(state, story_start)
    _trailing_title_box(state, story_start)


def _story_dateline_position(state: ParseState) -> int | None:
    """Where the first free dateline is that opens the story (teasers come after it)."""
    for run in state.free_runs():
        found = first_dateline(state, run.start, run.end, floor=run.start)
        if found is not None:
            return found.start
    return None


#: How far a block of teasers may run after its label or dateline.
_BLOCK_REACH = 20_000


def _block_end(state: ParseState, start: int) -> int:
    """The end of the free text from ``start`` up to the first note or residue after it."""
    end = start
    for run in state.free_runs(start, min(len(state.text), start + _BLOCK_REACH)):
        if run.start > end and not _only_teaser_claims(state, end, run.start):
            break
        end = run.end
    return trim(state.text, start, end)[1]


def _only_teaser_claims(state: ParseState, start: int, end: int) -> bool:
    return all(c.label == "residue" and c.part.kind == "timestamp" for c in state.claims_between(start, end))


def _after_label(state: ParseState, label: regex.Match[str], markers: list[regex.Match[str]]) -> None:
    text = state.text
    end = _block_end(state, label.end())
    start = label.start()
    markers = [m for m in markers if m.end() <= end]
    if markers:
        pos = start
        label_end: int | None = label.end()
        for marker in markers:
            _teaser(state, pos, marker.end(), marker, label_end)
            label_end = None
            pos = trim(text, marker.end(), end)[0]
        return
    datelines = list(find_datelines(state, label.end(), end, floor=label.end()))
    if not datelines and _titles_after_label(state, label.start(), label.end(), end):
        return
    if len(datelines) <= 1:
        _teaser(state, start, end, None, label.end())
        return
    _dated_run(state, start, label.end(), datelines, end)


def _dated_run(state: ParseState, start: int, label_end: int | None, datelines: list[DatelineMatch], end: int) -> None:
    """Several teasers with datelines and no markers: each runs to the title of the next. The title is
    the text after the last sentence end before the next dateline."""
    text = state.text
    pos = start
    for current, following in zip(datelines, datelines[1:]):
        cut = _title_start(text, current.end, following.start)
        _teaser(state, pos, cut, None, label_end)
        pos, label_end = cut, None
    _teaser(state, pos, end, None, None)


def _bare_label_teasers(state: ParseState, story_start: int | None) -> None:
    """Teasers after a label with no colon that opens a unit, when a title follows it.

    Inside a story the label and its title make a one-line teaser, and the story goes on after it;
    after the story the label heads a box of titles (with summaries, or with datelines).
    """
    text = state.text
    if story_start is None:
        return
    for label in _bare_labels(state.lexicon).finditer(text, state.lowered)[:_MAX_TEASERS]:
        if label.start() <= story_start or not state.is_free(label.start(), label.end()):
            continue
        end = _block_end(state, label.end())
        head = units(text, label.end(), min(end, label.end() + _LINE_REACH))
        first = teaser_units.leading_piece(text[head[0][0] : head[0][1]]) if head else ""
        if not teaser_units.is_title(first) or first[0].islower():
            continue
        datelines = list(find_datelines(state, label.end(), end, floor=label.end()))
        if len(datelines) >= 2:
            _dated_run(state, label.start(), label.end(), datelines, end)
        elif not datelines:
            _titles_after_label(state, label.start(), label.end(), end)


def _titles_after_label(state: ParseState, label_start: int, label_end: int, end: int) -> bool:
    """Teasers after a label with no marker and no dateline, told apart by their shape.

    Each is a title and at most one summary; a title after a title is the next teaser, as in the
    "Read more:" boxes of Reuters and Xinhua pages that list bare titles. When the story goes on after
    them (the units run into prose), the last title keeps no summary: that text is the story's. False
    when the units after the label make no teaser (the caller then takes the block as one).
    """
    text = state.text
    pieces = _free_units(state, label_end, end)
    groups = teaser_units.group_teasers([text[a:b] for a, b in pieces])
    if not groups:
        return False
    story_goes_on = sum(map(len, groups)) < len(pieces)
    if story_goes_on:
        groups[-1] = groups[-1][:1]
    if story_goes_on and len(groups) == 1:
        # One title between the story's paragraphs: an inline teaser ("Read also ...", "READ MORE: ..."),
        # which the story's body runs past.
        state.findings.inline_teasers.add(label_start)
    for index, group in enumerate(groups):
        first, last = pieces[group[0]], pieces[group[-1]]
        summary = clean(" ".join(text[a:b] for a, b in (pieces[i] for i in group[1:]))) or None
        span_start = label_start if index == 0 else first[0]
        part = Related(clean(text[first[0] : first[1]]), None, summary, None, Span(span_start, last[1]))
        _claim_around(state, span_start, last[1], part)
    return True


def _box_under_heading(state: ParseState, heading: regex.Match[str]) -> None:
    """The teasers of a box whose heading stands alone on its line: one a title line, up to the story's
    text going on (a unit longer than a title) or the end of the free text.

    A one-word line over a title is its kicker (Reuters' "Markets" over each teaser) and a stamp line
    under it its time ("3:01 PM GMT", "2 hours ago"): both lie inside the teaser's span, neither is a
    teaser of its own.
    """
    text = state.text
    end = _block_end(state, heading.end())
    items: list[list[int]] = []  # [span start, title start, title end, span end]
    kicker: int | None = None
    for start, stop in _free_units(state, heading.end(), end):
        raw = text[start:stop]
        if len(raw.split()) > _BOX_TITLE_WORDS or raw.rstrip().endswith((".", "。")):
            break
        if furniture.ui_kind(raw.strip(), state.lexicon) is not None or _share_label_re(state.lexicon).fullmatch(
            raw.strip()
        ):
            break  # the page's buttons after the box ("分享到：", "Share this")
        if items and _BOX_STAMP_RE.fullmatch(raw.strip()):
            items[-1][3] = stop
            continue
        if len(raw.split()) == 1 and not _HAN_RE.search(raw) and kicker is None:
            kicker = start
            continue
        items.append([kicker if kicker is not None else start, start, stop, stop])
        kicker = None
    if not items:
        return
    items[0][0] = heading.start()
    for first, title_start, title_end, last in items:
        part = Related(clean(text[title_start:title_end]), None, None, None, Span(first, last))
        _claim_around(state, first, last, part)


def _share_label_re(lexicon: Lexicon) -> regex.Pattern[str]:
    return lexicon.derived(_build_share_label_re)


def _build_share_label_re(lexicon: Lexicon) -> regex.Pattern[str]:
    # A share bar's label: one of the lexicon's share words and a colon ("分享到：", "Share:").
    return regex.compile(rf"(?:{lexicon.alternation('share')})[ \t]*[:：]?")


# A teaser's time under its title in a box: a clock time with its zone, or "2 hours ago", or a date.
_BOX_STAMP_RE = lazy(
    r"""(?:[0-2]?\d[:.][0-5]\d\s?(?:[AaPp]\.?[Mm]\.?)?(?:\s?[A-Z]{2,4})?
         |\d{1,3}\s(?i:min(?:ute)?s?|hours?|hrs?|days?|weeks?)\sago
         |(?:\p{Lu}\p{Ll}{2,8}\.?\s\d{1,2},\s(?:19|20)\d\d|\d{1,2}\s\p{Lu}\p{Ll}{2,8}\s(?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)
           (?:\s[0-2]?\d:[0-5]\d(?:\s?[AaPp][Mm])?)?)""",
    regex.VERBOSE,
)


# A Chinese letter; a sentence's end at a line's end.
_HAN_RE = lazy(r"\p{Han}")
_SENTENCE_CLOSE_RE = lazy(r"[.!?。！？]\s*$")

_SENTENCE_END_RE = lazy(r"[.!?…\"”](?=\s)")


def _title_start(text: str, lower: int, dateline_start: int) -> int:
    ends = [m.end() for m in _SENTENCE_END_RE.finditer(text, lower, dateline_start)]
    cut = ends[-1] if ends else lower
    return trim(text, cut, dateline_start)[0]


def _marked_teasers(state: ParseState, markers: list[regex.Match[str]], story_start: int | None) -> None:
    """Teasers that a marker closes with no label before them (listing pages)."""
    text = state.text
    previous_end = None
    # A listing page: no story dateline before the first marker, or several markers with the first one
    # close after that dateline (the dateline is the first teaser's own, as on Focus Taiwan's pages).
    listing = (
        story_start is None
        or story_start > markers[0].start()
        or (
            len(markers) >= 2
            and markers[0].start() - story_start < _TEASER_SUMMARY_REACH
            # what the dateline opens is one summary, not a story and a box (dpa's "Mehr zum Thema")
            and len(units(text, story_start, markers[0].start())) == 1
            and teaser_units.is_summary(text[story_start : markers[0].start()])
        )
    )
    for marker in markers:
        if previous_end is None:
            start = _teaser_start(state, marker.start(), listing=listing)
        else:
            start = trim(text, previous_end, marker.start())[0]
            if not state.is_free(start, marker.start()):
                captions = [c for c in state.claims_between(start, marker.start()) if c.label == "caption"]
                if listing and captions:
                    # An item's photo and caption between two teasers: the teaser starts after it.
                    start = trim(text, captions[-1].span.end, marker.start())[0]
                elif not listing:
                    start = _teaser_start(state, marker.start(), lowest=previous_end)
        _teaser_listing(state, start, marker)
        previous_end = marker.end()
    if listing and previous_end is not None:
        _cut_last_teaser(state, previous_end)


#: No page carries more teasers than this; a text with more is hostile, and the rest stays body or residue.
_MAX_TEASERS = 300

#: How far back a teaser may start before its marker (title, stamp, summary); bounds the work a
#: hostile text of a thousand markers can cause.
_TEASER_REACH = 3000

#: How long a teaser's summary runs before its marker, at most, on listing pages.
_TEASER_SUMMARY_REACH = 600


def _cut_last_teaser(state: ParseState, after: int) -> None:
    """A listing cut off mid-teaser (scraped excerpts end mid-word): title, stamp and summary, no marker."""
    text = state.text
    runs = [r for r in state.free_runs(after) if text[r.start : r.end].strip()]
    stamps = [c for c in state.claims_of("residue") if c.span.start >= after and c.part.kind == "timestamp"]
    if len(runs) < 2 or not stamps or any(c.span.start >= after and c.label not in ("residue",) for c in state.claims):
        return
    title = trim(text, runs[0].start, runs[0].end)
    if "\n" in text[title[0] : title[1]] or title[1] > stamps[0].span.start:
        return
    end = trim(text, title[0], len(text))[1]
    part = Related(
        clean(text[title[0] : title[1]]),
        None,
        clean(" ".join(text[r.start : r.end] for r in runs[1:])) or None,
        None,
        Span(title[0], end),
    )
    _claim_around(state, title[0], end, part)


def _teaser_start(state: ParseState, pos: int, *, listing: bool = False, lowest: int = 0) -> int:
    """The start of a teaser that a marker closes, never before ``lowest``.

    On a listing page (no story before the teaser) the first teaser reaches back over the page stamps
    inside it to the part before it; elsewhere it starts at its own unit, or, when that unit is a
    summary, at the title before it (over the teaser's stamp between them, as on Xinhua's pages).
    """
    text = state.text
    floor = state.prev_claim_end(pos, reach=_TEASER_REACH)
    if listing:
        while floor > 0:
            before = [c for c in state.claims if c.span.end == floor]
            if not before or not all(c.label == "residue" and c.part.kind == "timestamp" for c in before):
                break
            floor = state.prev_claim_end(before[0].span.start, reach=_TEASER_REACH)
        return trim(text, floor, pos)[0]
    floor = max(floor, lowest)
    breaks = [m.end() for m in UNIT_BREAK_RE.finditer(text, floor, pos)]
    own = breaks[-1] if breaks else trim(text, floor, pos)[0]
    if not teaser_units.is_summary(text[own:pos]):
        return own
    title_end = own
    if own == trim(text, floor, pos)[0] and floor > lowest:
        # Nothing free between the summary and the claim before it: over a stamp to the title.
        stamp = _claim_ending_at(state, floor)
        if stamp is None or stamp.label != "residue" or stamp.part.kind != "timestamp":
            return own
        title_end = stamp.span.start
    title_floor = max(lowest, state.prev_claim_end(title_end, reach=_TEASER_REACH))
    title_units = units(text, title_floor, title_end)
    if title_units and teaser_units.is_title(text[title_units[-1][0] : title_units[-1][1]]):
        return title_units[-1][0]
    return own


def _claim_ending_at(state: ParseState, end: int) -> Claim | None:
    """The claim that ends at ``end``, looked for within a stamp's reach (a few hundred characters)."""
    reach = max(0, end - 300)
    free = state.mask.rfind(0, reach, end)
    low = reach if free == -1 else free + 1
    inside = state.claims_between(low, end) if low < end else []
    return inside[-1] if inside and inside[-1].span.end == end else None


def _teaser_listing(state: ParseState, start: int, marker: regex.Match[str]) -> None:
    """A listing teaser: title, page stamp, summary, marker (Xinhua); or a block with a dateline (CNA)."""
    text = state.text
    head = first_dateline(state, start, marker.start(), floor=start, anywhere=True)
    stamps = []
    if not state.is_free(start, marker.start()):  # only then can a stamp be inside: spare the scan
        stamps = [
            c
            for c in state.claims_of("residue")
            if start <= c.span.start < marker.start() and c.part.kind == "timestamp"
        ]
    if head is None and stamps:
        # The title is the unit right before the stamp; a section name before it stays outside.
        title_units = _free_units(state, start, stamps[0].span.start)
        if title_units:
            first, last = title_units[-1]
            summary = clean(text[stamps[-1].span.end : marker.start()]) or None
            part = Related(clean(text[first:last]), None, summary, clean(marker.group(0)), Span(first, marker.end()))
            _claim_around(state, first, marker.end(), part)
            return
    _teaser(state, start, marker.end(), marker, None)


def _listing_lines(state: ParseState, story_start: int | None) -> None:
    """Author and section pages: title lines, each followed by a dateline line cut with an ellipsis."""
    text = state.text
    if "\n" not in text:
        return
    lines = [u for run in list(state.free_runs()) for u in units(text, run.start, run.end)]
    pairs: list[tuple[tuple[int, int], tuple[int, int]]] = []
    text_end = len(text.rstrip())  # once, not for every line: a text of many lines stays linear
    for title, summary in zip(lines, lines[1:]):
        head = first_dateline(state, summary[0], summary[1], floor=summary[0])
        # The last summary of a scraped excerpt may be cut off before its ellipsis.
        cut_off = summary[1] == text_end and len(pairs) >= 2
        # The dateline opens the line, or follows a deck of a sentence or two (Xinhua's "Hello Africa").
        if head is None or not (cut_off or _ELLIPSIS_RE.search(text[summary[0] : summary[1]])):
            continue
        if head.start != summary[0] and head.start - summary[0] > 400:
            continue
        if "\n" not in text[title[1] : summary[0]]:
            continue
        pairs.append((title, summary))
    if len(pairs) < 2:
        return
    for title, summary in pairs:
        _teaser(state, title[0], summary[1], None, None)


# A teaser's age, glued between its title and its dateline: UPI's "... new low 1 day ago BEIRUT, ...".
_AGO_RE = lazy(r"\b\d{1,2}\s+(?:hours?|days?|weeks?|minutes?|mins?)\s+ago\b")


def _dated_teaser(state: ParseState, title: str | None, head: DatelineMatch, start: int, end: int) -> Related:
    """A teaser with its own dateline and no marker: the title, the dateline, and the text after it."""
    text = state.text
    summary = clean(text[head.end : end]) or None
    return Related(title, head.to_part(state), summary, None, Span(start, end))


def _ago_teasers(state: ParseState, story_start: int | None) -> None:
    """Teasers after the story whose age stands between title and dateline, with no label or marker."""
    text = state.text
    if story_start is None:
        return
    stamps = [
        c
        for c in state.claims_of("residue")
        if c.part.kind == "timestamp" and c.span.start > story_start and _AGO_RE.fullmatch(c.part.text)
    ]
    for stamp in stamps[:_MAX_TEASERS]:
        after = trim(text, stamp.span.end, len(text))[0]
        head = first_dateline(state, after, min(len(text), after + 120), floor=after)
        if head is None or head.start != after:
            continue
        title_start = _title_start(text, state.prev_claim_end(stamp.span.start, reach=400), stamp.span.start)
        end = _block_end(state, head.end)
        if title_start >= stamp.span.start or not state.is_free(title_start, stamp.span.start):
            continue
        part = _dated_teaser(state, clean(text[title_start : stamp.span.start]), head, title_start, end)
        state.release(stamp)
        if not state.claim("related", title_start, end, part, "related"):
            state.claim(stamp.label, stamp.span.start, stamp.span.end, stamp.part, stamp.parser)


#: How much story text must stand before another story's title and dateline for it to count as one.
_LATER_STORY_GAP = 200

# What may stand before an aggregator's age stamp on its line: the source and a dash ("CHINA DAILY -",
# "Reuters -"), as news aggregators list their items: a title line, "SOURCE - 2 hours ago", the text.
_SOURCE_BEFORE_AGE_RE = lazy(r"[ \t]*(?:[\p{Lu}][\p{L}.&'’ ]{1,40}[ \t][-–—|][ \t]*)?")


#: The longest line of an aggregator's item head (its title, its source and age).
_LINE_REACH = 300


def _aggregator_items(state: ParseState, story_start: int | None) -> None:
    """Later items of an aggregator's page: a title line, then a line with the source and the item's age.

    The first item is the story; each later one is a teaser up to the next part, never the story's body.
    """
    text = state.text
    if story_start is None or "\n" not in text:
        return
    for stamp in state.claims_of("residue"):
        if stamp.part.kind != "timestamp" or stamp.span.start < story_start + _LATER_STORY_GAP:
            continue
        if not stamp.part.text.endswith("ago") or stamp.part.iso:
            continue
        # (Line ends looked for within a line's reach, so that many stamps cost no scan each of the text.)
        newline = text.rfind("\n", max(0, stamp.span.start - _LINE_REACH), stamp.span.start)
        line_end = text.find("\n", stamp.span.end, stamp.span.end + _LINE_REACH)
        if newline == -1 or line_end == -1:
            continue
        line_start = newline + 1
        if text[stamp.span.end : line_end].strip() or not _SOURCE_BEFORE_AGE_RE.fullmatch(
            text, line_start, stamp.span.start
        ):
            continue
        title_end = trim(text, max(0, line_start - _LINE_REACH), line_start)[1]
        title_start = text.rfind("\n", max(0, title_end - _LINE_REACH), title_end) + 1
        if title_start == 0 and title_end > _LINE_REACH:
            continue
        title = text[title_start:title_end].strip()
        if not title or len(title.split()) > 20 or _SENTENCE_CLOSE_RE.search(title):
            continue
        if not state.is_free(title_start, title_end):
            continue
        end = _block_end(state, line_end)
        summary_start = trim(text, line_end, end)[0]
        part = Related(clean(title), None, clean(text[summary_start:end]) or None, None, Span(title_start, end))
        _claim_around(state, title_start, end, part)


def _later_stories(state: ParseState, story_start: int | None) -> None:
    """Further stories after the first on a listing or paper page: a title line, then a dateline line.

    dts's listing pages and the People's Daily archive run several stories one after another; each after
    the first is a teaser of its own (its title, dateline and text), never the first story's body.
    """
    text = state.text
    if story_start is None or is_digest(state):
        return  # a digest's items are its body, not teasers
    heads: list[tuple[int, DatelineMatch]] = []
    for run in list(state.free_runs(_story_text_floor(state, story_start))):
        for found in find_datelines(state, run.start, run.end, floor=run.start):
            newline = text.rfind("\n", max(0, found.start - 400), found.start)
            if newline == -1:
                continue  # no line starts within reach: flattened text, where no later story is seen
            line_start = newline + 1
            if text[line_start : found.start].strip() and state.is_free(line_start, found.start):
                continue  # not at the start of its line
            title_at = _title_line_before(state, line_start)
            if title_at is None and _untitled_item(state, found, line_start):
                title_at = line_start
            # A "title" that starts before the last story's dateline ends is that dateline's line: two
            # dateline lines in a row are one story's, never a teaser whose dateline lies in the next.
            if title_at is not None and (not heads or title_at >= heads[-1][1].end):
                heads.append((title_at, found))
    heads = heads[:_MAX_TEASERS]
    for (title_start, head), following in zip(heads, [*heads[1:], None]):
        end = following[0] if following else _block_end(state, head.end)
        end = trim(text, title_start, end)[1]
        end = _before_kicker(text, head.end, end)
        if not state.is_free(title_start, end) and not _only_furniture(state, title_start, end):
            continue
        title_units = _free_units(state, title_start, head.start)
        title = clean(text[title_units[0][0] : title_units[0][1]]) if title_units else None
        part = _dated_teaser(state, title, head, title_start, end)
        if not state.is_free(title_start, end):
            for claim in [c for c in state.claims if title_start <= c.span.start and c.span.end <= end]:
                state.release(claim)
        state.claim("related", title_start, end, part, "related")


def _untitled_item(state: ParseState, found: DatelineMatch, line_start: int) -> bool:
    """A later item with no title: a line opening with a full dateline, an agency's, after a sentence.

    An agency's dateline (a place, a date and its tag) opens a story once; on a wire's own listing
    pages (Prensa Latina's, KUNA's, a WordPress feed of them) an item may lose its title line, and
    the dateline then opens the line right after the last sentence of the item before.
    """
    if not (found.agency_written and found.location and found.start == line_start):
        return False
    text = state.text
    before = trim(text, max(0, line_start - _LINE_REACH), line_start)[1]
    return before > 0 and text[before - 1] in '.!?。！？"”’'


def _story_text_floor(state: ParseState, story_start: int) -> int:
    """Where a later story may start: past the first story's first line when that line holds a sentence.

    Some story text must stand between a story's dateline and the next story's title. A listing of a
    wire's items cuts each to a line or two (Prensa Latina's, Bernama's and WordPress tag pages), so a
    closed sentence on the dateline's own line is enough; otherwise ``_LATER_STORY_GAP`` characters.
    """
    text = state.text
    line_end = text.find("\n", story_start, story_start + _LATER_STORY_GAP)
    if line_end != -1 and kind.has_sentence(text[story_start:line_end]):
        return line_end
    return story_start + _LATER_STORY_GAP


#: The most words of a kicker line in capitals over a teaser's title ("SPECIAL REPORT", "ANALYSIS").
_KICKER_WORDS = 4


def _before_kicker(text: str, start: int, end: int) -> int:
    """The end of a teaser before the next one's kicker: a short line in capitals that closes its text."""
    found = units(text, start, end)
    if len(found) < 2:
        return end
    a, b = found[-1]
    raw = text[a:b]
    if raw.isupper() and len(raw.split()) <= _KICKER_WORDS and "\n" in text[found[-2][1] : a]:
        return trim(text, start, a)[1]
    return end


def _only_furniture(state: ParseState, start: int, end: int) -> bool:
    """True when all that is claimed in ``[start, end)`` is markup, page stamps or page labels."""
    inside = [c for c in state.claims if start <= c.span.start < end]
    return all(c.label == "residue" for c in inside)


def _title_line_before(state: ParseState, line_start: int) -> int | None:
    """Where the title line right before a dateline line starts, when the line before is a title."""
    text = state.text
    units_before = _free_units(state, max(0, line_start - 400), line_start)
    # Over a comment counter between title and dateline ("... an Merz\n\n0\n\nBerlin (dts ..."), and over
    # the item's byline line (Anadolu's and AP's "Title\nBy Ann Lee\nDHAKA, Bangladesh (AA) –").
    while units_before and text[units_before[-1][0] : units_before[-1][1]].strip().isdigit():
        units_before.pop()
    if len(units_before) > 1 and byline.BY_RE.match(text, units_before[-1][0]):
        units_before.pop()
    if not units_before:
        return None
    start, end = units_before[-1]
    raw = text[start:end]
    words = raw.split()
    cjk = _HAN_RE.search(raw)
    if _SENTENCE_CLOSE_RE.search(raw) or (not cjk and not 2 <= len(words) <= 20) or (cjk and len(raw) > 60):
        return None
    if "\n" not in text[end:line_start] and "<" not in text[end:line_start]:
        return None
    return start


#: Units a page must repeat to be taken for a listing when no marker or label says so. Two units
#: that each carry a meta line (a byline, a stamp) are enough; otherwise three.
_LISTING_UNITS = 3
#: The longest summary paragraph of a listing's unit, in words: a deck of a few sentences.
_LISTING_SUMMARY_WORDS = 120
#: The longest meta line (``By Xinhua -``, ``2024-05-02 10:15``, ``Posted by admin``), in words.
_META_WORDS = 6


def _line_shape(state: ParseState, start: int, end: int) -> str:
    """``meta``, ``title``, ``summary`` or ``other``: the part a line plays in a listing's unit."""
    raw = state.text[start:end]
    words = raw.split()
    if not any(ch.isalpha() for ch in raw) or (
        len(words) <= _META_WORDS and (byline.BY_RE.match(raw) is not None or sum(ch.isdigit() for ch in raw) >= 4)
    ):
        return "meta"
    if teaser_units.is_title(raw):
        return "title"
    if len(words) <= _LISTING_SUMMARY_WORDS and (_SENTENCE_CLOSE_RE.search(raw) or _ELLIPSIS_RE.search(raw)):
        return "summary"
    if len(words) <= _LISTING_SUMMARY_WORDS and _SENTENCE_END_RE.search(raw) and kind.has_sentence(raw):
        return "summary"  # a summary the page cut at a set length, mid-word ("... from a year earlier, pr")
    return "other"


#: The most digits of a meta line after a unit's summary: a date and a time ("2024-05-02 10:15").
_TRAILING_META_DIGITS = 12


def _trailing_meta(text: str, start: int, end: int) -> bool:
    """A meta line that closes a listing's unit: a stamp or a separator, never the page's pagination."""
    return sum(ch.isdigit() for ch in text[start:end]) <= _TRAILING_META_DIGITS


def _unit_listing(state: ParseState, story_start: int | None) -> None:
    """Section, tag and author pages whose teasers have no marker: title, [meta lines], summary, repeated.

    Only on a page with no story dateline and with lines. A title right after a title is a heading
    ("Latest News"), not a teaser. A title followed by two paragraphs or more is a story's subhead:
    the page is a story with sections, and nothing is claimed.
    """
    text = state.text
    if story_start is not None or "\n" not in text or is_digest(state):
        return
    lines = _free_units(state, 0, len(text))
    if _hard_wrapped(text, lines):
        return  # wire copy wrapped at 60-80 columns: its lines are one paragraph's, not titles
    shapes = [_line_shape(state, a, b) for a, b in lines]
    # title start, title end, the summary's span, the unit's end, meta seen
    found: list[tuple[int, int, tuple[int, int], int, bool]] = []
    index = 0
    while index < len(lines):
        if shapes[index] != "title":
            index += 1
            continue
        after = index + 1
        while after < len(lines) and shapes[after] == "meta":
            after += 1
        if after < len(lines) and shapes[after] == "summary":
            if after + 1 < len(lines) and shapes[after + 1] in ("summary", "other"):
                return  # a subhead and its section's paragraphs: a story, not a listing
            # The unit's meta lines may follow its summary (Korea Herald's "Section Aug. 16, 2021" and "-").
            last = after
            while last + 1 < len(lines) and shapes[last + 1] == "meta" and _trailing_meta(text, *lines[last + 1]):
                last += 1
            found.append(
                (lines[index][0], lines[index][1], lines[after], lines[last][1], after > index + 1 or last > after)
            )
            index = last + 1
            continue
        index += 1
    with_meta = all(unit[4] for unit in found)
    if len(found) < _LISTING_UNITS and not (len(found) >= 2 and with_meta):
        return
    for title_start, title_end, (summary_start, summary_end), end, _meta in found[:_MAX_TEASERS]:
        summary = clean(text[summary_start:summary_end]) or None
        part = Related(clean(text[title_start:title_end]), None, summary, None, Span(title_start, end))
        _claim_around(state, title_start, end, part)


def _hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """Most lines 45 to 90 characters long and no blank line between them: a wire's hard wrap."""
    joined = [(a, b) for (a, b), (c, _d) in zip(lines, lines[1:]) if text.count("\n", b, c) == 1]
    wrapped = [(a, b) for a, b in joined if 45 <= b - a <= 90]
    return len(lines) >= 4 and len(wrapped) >= 0.5 * len(lines)


def _cut_off_teaser(state: ParseState, story_start: int | None) -> None:
    """A listing's last teaser cut off by the end of the scrape: a title line, then only the text's end.

    Asked only when the page has two teasers or more and no story dateline; the title must follow
    the last teaser, and what comes after it (a stamp cut mid-way) must reach the end of the text.
    """
    text = state.text
    teasers = state.claims_of("related")
    if story_start is not None or len(teasers) < 2:
        return
    rest = _free_units(state, teasers[-1].span.end, len(text))
    if not rest or rest[-1][1] != len(text.rstrip()) or len(rest) > 2:
        return
    title_start, title_end = rest[0]
    raw = text[title_start:title_end]
    if not teaser_units.is_title(raw) or len(raw.split()) < 4:
        return
    if len(rest) == 2 and _line_shape(state, *rest[1]) != "meta":
        return
    end = rest[-1][1]
    part = Related(clean(raw), None, None, None, Span(title_start, end))
    _claim_around(state, title_start, end, part)


#: The most words of a teaser box's heading that no lexicon lists ("Related posts", "More stories").
_BOX_HEADING_WORDS = 3
#: The fewest words of each title in such a box, and the fewest titles with and without a heading.
_BOX_TITLE_MIN_WORDS = 4
_HEADED_BOX_TITLES = 2
_UNHEADED_BOX_TITLES = 3
# A word of letters (two or more), as a title's words are; a table's row ("Shr 1.20 vs 1.10") has few.
_LETTER_WORD_RE = lazy(r"\p{L}{2,}")
_DIGIT_RE = lazy(r"\d")


def _box_title(state: ParseState, raw: str) -> bool:
    """A unit of a trailing box that is a title: a title's shape, mostly words of letters, no UI label."""
    words = raw.split()
    if len(words) < _BOX_TITLE_MIN_WORDS or not teaser_units.is_title(raw) or not raw[:1].isupper():
        return False
    if sum(1 for w in words if _LETTER_WORD_RE.match(w)) * 3 < len(words) * 2:
        return False
    if sum(1 for w in words if _DIGIT_RE.search(w)) > 1:
        return False  # a table's row ("Sales 734.50 billion vs 996.15 billion"), not a title
    return furniture.ui_kind(raw.strip(), state.lexicon) is None


def _trailing_title_box(state: ParseState, story_start: int | None) -> None:
    """A box of teasers after the story's last sentence whose heading no lexicon lists, or that has none.

    Sites close a story with a run of title lines ("Related posts", "More stories", "Popular now",
    "Más noticias", a site's own name, or no heading at all), each a link to another story. After the
    last unit of prose in the free text, a short heading line (three words or fewer) and two titles or
    more, or three titles with no heading, that run to the end of the free text are that box. A subhead
    is followed by the story's prose, a table's rows are mostly numbers: neither is taken.
    """
    text = state.text
    floor = story_start if story_start is not None else kind.first_prose_start(state.text, state.free_runs())
    if floor is None or "\n" not in text:
        return
    for run in list(state.free_runs(floor)):
        pieces = units(text, run.start, run.end)
        prose = [i for i, (a, b) in enumerate(pieces) if kind.has_sentence(text[a:b])]
        if not prose:
            continue
        tail = pieces[prose[-1] + 1 :]
        if not tail or "\n" not in text[pieces[prose[-1]][1] : tail[0][0]] or _hard_wrapped(text, pieces):
            continue  # on a hard-wrapped wire, a line under the last full stop is the sentence going on
        heading = None
        first, *rest = tail
        first_raw = text[first[0] : first[1]]
        if len(first_raw.split()) <= _BOX_HEADING_WORDS and not _box_title(state, first_raw):
            if not first_raw[:1].isupper() or _SENTENCE_CLOSE_RE.search(first_raw):
                continue
            heading, tail = first, rest
        if len(tail) < (_HEADED_BOX_TITLES if heading else _UNHEADED_BOX_TITLES):
            continue
        if not all(_box_title(state, text[a:b]) for a, b in tail):
            continue
        for index, (a, b) in enumerate(tail):
            span_start = heading[0] if heading and index == 0 else a
            part = Related(clean(text[a:b]), None, None, None, Span(span_start, b))
            _claim_around(state, span_start, b, part)


#: The most words of a link's line under a cut summary ("Continue Reading", "Ler mais", "Подробнее").
_LINK_LINE_WORDS = 4
#: Times a link line must close a cut summary for its words to be taken for a marker.
_LINK_LINE_REPEATS = 2
#: Units looked at for repeated link lines (a listing's head and first items are enough to see them).
_LINK_LINE_UNITS = 3000


def _cut_summary(raw: str) -> bool:
    """A unit cut off at a set length: eight words or more, ending mid-sentence or on an ellipsis."""
    words = kind.word_count(raw)
    if words < kind.PROSE_MIN_WORDS:
        return False
    if _ELLIPSIS_RE.search(raw):
        return True
    # Cut mid-sentence, and running text longer than a title (a long title has no full stop either).
    if _SENTENCE_CLOSE_RE.search(raw.rstrip('"”’»)')):
        return False
    return words >= kind.RUNNING_MIN_WORDS and kind.has_sentence(raw)


def _repeated_link_lines(state: ParseState, known: list[regex.Match[str]]) -> list[regex.Match[str]]:
    """Markers that no lexicon lists, found by repetition: one short line under each cut summary.

    A listing links each item with the same words on a line of their own ("Continue Reading", "Ler
    mais", "Подробнее", "続きを読む"), right under a summary the page cut at a set length. The same short
    line closing two cut summaries or more is that link, in any language; its every line is a marker.
    A line that repeats under whole paragraphs ("Advertisement") is no link.
    """
    text = state.text
    if "\n" not in text:
        return []
    seen_markers = {m.start() for m in known}
    closing: dict[str, int] = {}
    pairs = (pair for run in state.free_runs() for pair in itertools.pairwise(units(text, run.start, run.end)))
    for (a, b), (c, d) in itertools.islice(pairs, _LINK_LINE_UNITS):
        raw = text[c:d]
        if c in seen_markers or len(raw) > 40 or len(raw.split()) > _LINK_LINE_WORDS:
            continue
        if not _LETTER_WORD_RE.search(raw) or _SENTENCE_CLOSE_RE.search(raw) or "\n" not in text[b:c]:
            continue
        if byline.BY_RE.match(raw):
            continue  # an item's byline under its title ("By Xinhua -")
        if _cut_summary(text[a:b]):
            closing[raw] = closing.get(raw, 0) + 1
    links = [raw for raw, times in closing.items() if times >= _LINK_LINE_REPEATS]
    if not links:
        return []
    alternatives = "|".join(regex.escape(raw) for raw in sorted(links, key=len, reverse=True))
    pattern = regex.compile(rf"(?m)(?<=^[ \t]*)(?:{alternatives})(?=[ \t]*$)")
    return [
        m
        for m in pattern.finditer(text, timeout=time_limit(len(text)))
        if m.start() not in seen_markers and state.is_free(m.start(), m.end())
    ]
