"""Bylines: the story's authors, with their role.

Contract:
    Claims: bylines before the story's dateline (or, with no dateline, in the first units of the text):
    ``By A and B``, ``By NAME`` followed by a role line (``AP Business Writer``), ``By Xinhua writers
    A and B``, dpa's ``By Helen Maguire, dpa``, and the Chinese reporter brackets right after a dateline
    (``（记者 张三、李四）``); the Nordic agencies' name line before the dateline or, with none, opening
    the text (Ritzau's ``Peder Top Poulsen``, in a Danish, Norwegian or Swedish story only); CNA's
    closing ``(By A and B)`` before the teasers that follow the story.
    Reads: ``findings.dateline`` (bylines stand before it), the free spans and ``state.lexicon``
    (agencies).
    Writes: no findings.
    Never: cuts a name that merely starts with "By" (Byrne, Byron): "By" must be a word of its own.
"""

from __future__ import annotations

import regex

from wirecut.language import detect_language
from wirecut.lexicon import DEFAULT_LEXICON, Lexicon
from wirecut.patterns import lazy
from wirecut.spans import ParseState, Span
from wirecut.story import Byline
from wirecut.text import clean, trim, units

# "By" as a word of its own, then the rest of the unit; Focus Taiwan and many sites write "By:".
# dpa's "By dpa correspondents"; the CNN/Daily Mail corpus writes each line break of MailOnline's
# header as " . ": "By . NAME . ".
BY_RE = lazy(r"(?:\A|(?<=\s))(?:By|BY|Von|VON|Por|Par|Di|Door)(?::|\s+\.)?\s+(?=[\p{Lu}]|dpa\s)")

# A paper's name on the line after a byline, as the role: "By Hilda Moreno\nThe Bulletin", "By A\nThe
# Washington Post", "By A\nChicago Tribune" (syndicated copy names the paper that the writer works for).
OUTLET_LINE_RE = lazy(
    r"""
      The(?:\s[\p{Lu}][\p{L}.'’\-]+){1,4}                 # The Bulletin, The New York Times
    | (?:[\p{Lu}][\p{L}.'’\-]+\s){1,3}
      (?:News|Post|Times|Tribune|Journal|Herald|Bulletin|Gazette|Chronicle|Telegraph|Observer|Standard
         |Courier|Examiner|Inquirer|Register|Sentinel|Star|Globe|Daily|Weekly)  # Chicago Tribune, Bloomberg News
    """,
    regex.VERBOSE,
)

# Role words that follow names: AP's "AP Business Writer", "Associated Press Writer", "Staff Reporter".
ROLE_RE = lazy(
    r"""(?:
        (?:The\s)?(?:Associated\sPress|AP|Reuters|AFP|Xinhua|UPI|CNN|Kyodo|Yonhap|Bloomberg)
            (?:\s[\p{Lu}][\p{Ll}]+){0,3}\s(?:Writer|Writers|Correspondent|Correspondents|Reporter|Reporters|Editor|Staff)
      | (?:Staff|Special|Senior|Chief|Foreign|Political|Business|Sports|Medical|Science|Diplomatic|Legal|Economics)
            (?:\s[\p{Lu}][\p{Ll}]+){0,2}\s(?:Writer|Correspondent|Reporter|Editor)
      | (?:Xinhua|Reuters|AP|AFP|Kyodo|dpa|EFE|ANSA|UPI|Yonhap|Bernama)\s(?:writers?|correspondents?|reporters?|staff)  # "By dpa correspondents"
      | (?:For|for)\s(?:Daily\sMail|MailOnline|The\s[\p{Lu}][\p{L}]+)(?:\s[\p{Lu}][\p{L}]+){0,2}
      | (?:Daily\sMail|MailOnline|Mail\son\sSunday)\s(?:Reporter|Reporters|Foreign\sService|City\sStaff|Correspondent)
      | Mail\sForeign\sService                             # MailOnline's desks: "By . Daily Mail Reporter ."
      | (?:The\s)?Associated\sPress(?=\s*$)                 # AP's role line alone: "By MARY LEE\nAssociated Press"
    )""",
    regex.VERBOSE,
)

# A person's name as a byline writes it, in title case or capitals: "Sun Jinxia", "BERNARD CONDON",
# "Yoo Jee-ho", "Jonathan J. Cooper", "Frances d'Emilio".
NAME_RE = lazy(
    r"[\p{Lu}][\p{L}'’\-]*\.?(?:\s(?:(?:de|van|von|der|den|da|di|le|la|bin|binti|al|el|d')\s?)?[\p{Lu}][\p{L}'’\-]*\.?){0,4}"
)

# The joints between several names.
_JOINT_RE = lazy(r"\s*(?:,\s*and\s+|,\s*|\s+and\s+|\s+AND\s+|\s*&\s*|\s+und\s+|\s+y\s+|\s+et\s+|\s+e\s+)\s*")

# Agencies named after the names: dpa's "By Helen Maguire, dpa", PA's "By Ian Jones, Press Association".
_TRAILING_AGENCY_RE = lazy(r",\s*(?P<agency>[\p{L}][\p{L}\-]{1,20}(?:\s[\p{Lu}][\p{L}\-]{1,20}){0,2})\s*=?\s*$")

# A paper named after the names, as the writer's role: ", The San Diego Union-Tribune =".
_TRAILING_PAPER_RE = lazy(r",\s*(?P<paper>The(?:\s[\p{Lu}][\p{L}.'’\-]+){1,4})\s*=?\s*$")

# TT and NTB close a story with the reporter and the agency on the last line: "Wiktor Nummelin/TT".
TRAILING_AGENCY_BYLINE_RE = lazy(
    r"""(?:(?<=\n)|(?<=[.!?"”]\s))[ \t]*
        (?P<by>(?P<names>[\p{Lu}][\p{L}\-]+(?:\s[\p{Lu}][\p{L}\-]+){1,2}(?:\s(?:och|og|and)\s[\p{Lu}][\p{L}\-]+(?:\s[\p{Lu}][\p{L}\-]+){1,2})?)
        \s?/\s?(?:TT|NTB|STT))\s*\Z""",
    regex.VERBOSE,
)

# CNA closes a story with its reporters in brackets: "(By Lin Pei-hsuan and Matthew Kuo) Enditem/ls".
TRAILING_BY_RE = lazy(r"\((?P<by>By\s[^()\n]{3,120})\)")

# A byline that ends with its agency's name, for flattened text where nothing else marks its end.
_BOUNDED_NAMES = (
    r"(?:By|BY|Von|VON|Por|Par|Di|Door)\s+[\p{Lu}][\p{L}'’\-.]*(?:\s[\p{Lu}][\p{L}'’\-.]*){1,3}"
    r"(?:(?:,\s|\s(?:and|und|y|et|e)\s)[\p{Lu}][\p{L}'’\-.]*(?:\s[\p{Lu}][\p{L}'’\-.]*){1,3}){0,4}"
)
BOUNDED_BY_RE = lazy(_BOUNDED_NAMES + r",\s(?P<agency>[\p{L}]{2,12})\b\s?=?")
# The same with an agency of two words: PA's "By Ian Jones, Press Association The final ...".
BOUNDED_BY_TWO_WORDS_RE = lazy(_BOUNDED_NAMES + r",\s(?P<agency>[\p{L}]{2,12}\s[\p{Lu}][\p{L}]{2,14})\b\s?=?")

# Reporters named on a line of their own, with no photo mark after them (that would be a credit), or
# before the editors' names: "新京报记者 林海 校对 吴芳" (The Beijing News).
CLOSING_REPORTERS_RE = lazy(
    r"(?:(?<=\n)|^)[ \t\u3000]*(?:新华社|新華社|中新社|新京报|新京報)(?:记者|記者)\s?(?P<names>[\p{Han}·]{2,4}(?:[ \t、][\p{Han}·]{2,4}){0,4}?)[ \t]*"
    r"(?=\n|$|(?:责任编辑|编辑|责编|校对|审校|審校)[ \t:：])",  # the editors' names after it are a note
    regex.MULTILINE,
)

# FBIS transcripts of SAPA and other broadcasts: "[Report by T. Mokoena]", "[Report bu E. van Wyk]".
BRACKETED_REPORT_RE = lazy(r"\[(?:Report|Article|Commentary|Interview)\s+b[yu]\s+(?P<names>[^\[\]\n]{2,80})\]")

# Chinese reporters in brackets right after a dateline: "（记者白晓雨、陈立群）", "(记者 许婧雯)".
CHINESE_REPORTERS_RE = lazy(
    r"""\s*(?:[（(]\s*(?:记者|記者|通讯员|通訊員|特约记者)\s*(?P<names>[^()（）\n]{1,60}?)\s*[)）]   # （记者白晓雨、陈立群）
         |(?:记者|記者)\s?(?P<names2>[\p{Han}·、\s]{2,20}?)\s?(?:报道|報道))                       # 本报...电记者张金江报道""",
    regex.VERBOSE,
)


# " . " standing for a line break in the CNN/Daily Mail corpus: "Sam Webb . and . Jill Reilly ."
_LINE_BREAK_DOT_RE = lazy(r"(?:(?<=\s)|^)\.(?=\s|$)")


# The joints between Chinese names: spaces, "、" and commas of either script.
_CHINESE_NAME_JOINT_RE = lazy(r"[、，,\s]+")

# A sentence's end, in Latin or Chinese script.
_SENTENCE_MARK_RE = lazy(r"[.!?。]")


def _split_names(raw: str) -> list[str]:
    names = []
    for piece in _JOINT_RE.split(raw.strip()):
        piece = piece.strip(" ,.;")
        if piece:
            names.append(piece)
    return names


def parse_by(
    text: str, start: int, end: int, *, strict: bool = False, lexicon: Lexicon = DEFAULT_LEXICON
) -> Byline | None:
    """Read ``By ...`` in ``text[start:end]`` into names and role.

    ``strict`` (for a "By" that does not open its unit) asks every name to have two words at least, so
    that "By contrast" or a headline's "BY MOODY'S" is not taken for a byline.
    """
    raw = text[start:end]
    m = BY_RE.match(raw)
    if not m:
        return None
    rest = _LINE_BREAK_DOT_RE.sub(" ", raw[m.end() :])
    role = None
    # "By Xinhua writers A and B": the role stands between "By" and the names.
    lead = ROLE_RE.match(rest)
    if lead:
        role = clean(lead.group(0))
        rest = rest[lead.end() :]
    else:
        found = ROLE_RE.search(rest)
        outlet = None if found else _outlet_after_break(rest)
        if found:
            role = clean(found.group(0))
            rest = rest[: found.start()]
        elif outlet is not None:
            role = clean(rest[outlet:])
            rest = rest[:outlet]
    agency = _TRAILING_AGENCY_RE.search(rest)
    if agency and agency.group("agency") in lexicon.agency_forms():
        rest = rest[: agency.start()]
    # The writer's paper or site after the names and before the role: Taiwan News' "By Chen Wei-ting,
    # Taiwan News, Staff Writer", "By A, Bloomberg News". The role, when there is one, stays the role.
    head, comma, last = rest.rstrip(" ,=").rpartition(",")
    if comma and head.strip() and OUTLET_LINE_RE.fullmatch(last.strip()):
        role = role or clean(last)
        rest = head
    paper = _TRAILING_PAPER_RE.search(rest) if role is None else None
    if paper:
        # dpa carries partners' stories: "By Tom Krasovic, The San Diego Union-Tribune =".
        role, rest = clean(paper.group("paper")), rest[: paper.start()]
    names_raw = rest.strip(" ,=")
    names = _split_names(names_raw)
    if not names and role and (not strict or raw.rstrip().endswith("=")):
        # "By Staff Reporter": the desk is credited, no person; dpa's flattened "By dpa correspondents =".
        return Byline(clean(raw), (), role, Span(start, end))
    if not names or any(not NAME_RE.fullmatch(n) for n in names) or len(names) > 8:
        return None
    if strict and any(len(n.split()) < 2 for n in names):
        return None
    return Byline(clean(raw), tuple(names), role, Span(start, end))


def _outlet_after_break(rest: str) -> int | None:
    """Where a paper's name starts on the line after the names ("Hilda Moreno\nThe Bulletin"), or None."""
    if "\n" not in rest:
        return None
    at = rest.rindex("\n")
    line = rest[at:].strip()
    if not OUTLET_LINE_RE.fullmatch(line):
        return None
    return at


def parse(state: ParseState) -> None:
    """Claim the story's bylines."""
    text = state.text
    lexicon = state.lexicon
    dateline = state.findings.dateline
    limit = dateline.span.start if dateline else min(len(text), 600)
    taken = 0
    for run in list(state.free_runs(0, limit)):
        unit_list = units(text, run.start, run.end)
        for index, (start, end) in enumerate(unit_list):
            m = BY_RE.search(text, start, end)
            if not m:
                if index > 0 and _claim_slashed_byline(state, start, end):
                    taken += 1
                continue
            by_end = end
            # A role on the unit after the names: "By BERNARD CONDON\nAP Business Writer".
            if index + 1 < len(unit_list):
                nxt = unit_list[index + 1]
                if ROLE_RE.fullmatch(text, nxt[0], nxt[1]) or OUTLET_LINE_RE.fullmatch(text, nxt[0], nxt[1]):
                    by_end = nxt[1]
            byline = parse_by(text, m.start(), by_end, strict=m.start() != start, lexicon=lexicon)
            if byline is None:
                # Flattened text runs on after the byline: "Von Christian Hollmann, dpa Für Lucien ...".
                for bounded_re in (BOUNDED_BY_TWO_WORDS_RE, BOUNDED_BY_RE):
                    bounded = bounded_re.match(text, m.start(), by_end)
                    if bounded and bounded.group("agency") in lexicon.agency_forms():
                        by_end = bounded.end()
                        byline = parse_by(text, m.start(), by_end, strict=True, lexicon=lexicon)
                        break
            if byline and state.claim("byline", m.start(), by_end, byline, "byline"):
                taken += 1
        if taken:
            break
    if not taken:
        taken += _name_and_role_lines(state, limit)
    if dateline is not None:
        _chinese_reporters(state, dateline.span.end)
        _tag_correspondent(state, dateline.span.end)
        if not taken and dateline.agency in _NORDIC_AGENCIES:
            _nordic_name_line(state, dateline.span.start, dateline.span.end)
    elif not taken:
        # The agencies' feeds often carry no dateline at all: the name line then opens the text.
        first = next((r for r in state.free_runs() if text[r.start : r.end].strip()), None)
        if first is not None:
            pieces = units(text, first.start, first.end)
            if len(pieces) >= 2:
                _nordic_name_line(state, pieces[1][0], pieces[1][0], name_start=pieces[0])
    if dateline is None and not state.claims_of("byline"):
        _agency_byline(state)
    # China News Service closes a story with its reporters: "中新社記者 王辛莉 張蔚然".
    for m in CLOSING_REPORTERS_RE.finditer(text):
        names = tuple(n for n in _CHINESE_NAME_JOINT_RE.split(m.group("names")) if n)
        state.claim(
            "byline", m.start(), m.end(), Byline(clean(m.group(0)), names, None, Span(m.start(), m.end())), "byline"
        )
    # The last free text may end before a caption or a stamp that closes the page.
    for run in list(state.free_runs(max(0, len(text) - 800)))[-2:]:
        trailing = TRAILING_AGENCY_BYLINE_RE.search(text, max(run.start, run.end - 120), run.end)
        if trailing:
            names = tuple(_split_names(trailing.group("names")))
            start, end = trailing.span("by")
            byline = Byline(clean(text[start:end]), names, None, Span(start, end))
            state.claim("byline", start, end, byline, "byline")
    # The story ends where its teasers begin ("More from Focus Taiwan" after CNA's "(By ...) Enditem").
    story_end = len(text)
    after = dateline.span.end if dateline is not None else 0
    teasers = [c.span.start for c in state.claims if c.label == "related" and c.span.start >= after]
    if teasers:
        story_end = min(teasers)
    for m in TRAILING_BY_RE.finditer(text, max(0, story_end - 400), story_end):
        inner = parse_by(text, m.start("by"), m.end("by"), strict=True, lexicon=state.lexicon)
        if inner is not None:
            byline = Byline(clean(m.group(0)), inner.names, inner.role, Span(m.start(), m.end()))
            state.claim("byline", m.start(), m.end(), byline, "byline")
    for m in BRACKETED_REPORT_RE.finditer(text, 0, limit):
        names = tuple(_split_names(m.group("names")))
        if names and all(NAME_RE.fullmatch(n) for n in names):
            state.claim(
                "byline", m.start(), m.end(), Byline(clean(m.group(0)), names, None, Span(m.start(), m.end())), "byline"
            )


# The correspondent that a TASS or RIA dateline names inside its slashes, right after the dateline's
# span: "Korrespondent Arkadi Orlow/.", "Иван Петров/.".
TAG_CORRESPONDENT_RE = lazy(
    r"""[-\s"]*(?P<by>(?:(?P<title>Korrespondent(?:in)?|[Кк]орреспондент|Korr\.)\s+)?
        (?P<names>[\p{Lu}][\p{L}\-]+(?:\s[\p{Lu}][\p{L}\-]+){1,2}(?:\s(?:und|и|and)\s[\p{Lu}][\p{L}\-]+(?:\s[\p{Lu}][\p{L}\-]+){1,2})?)
        \s*/\.?)""",
    regex.VERBOSE,
)


# A line with the writer and the outlet joined by a slash, after the title: NTB's "Geir Molnes /
# Faktisk.no", TT's "Karin Berg/TT". The outlet is an agency or a site's domain.
SLASHED_BYLINE_RE = lazy(
    r"""(?P<names>[\p{Lu}][\p{L}\-]+(?:\s[\p{Lu}][\p{L}\-]+){1,2}(?:\s(?:og|och|and|&)\s[\p{Lu}][\p{L}\-]+(?:\s[\p{Lu}][\p{L}\-]+){1,2})?)
        \s?/\s?(?P<outlet>[\p{L}][\w\-]*(?:\.[a-z]{2,4})?)""",
    regex.VERBOSE,
)


def _claim_slashed_byline(state: ParseState, start: int, end: int) -> bool:
    text = state.text
    m = SLASHED_BYLINE_RE.fullmatch(text, start, end)
    if not m:
        return False
    outlet = m.group("outlet")
    if outlet not in state.lexicon.agency_forms() and "." not in outlet:
        return False
    names = tuple(_split_names(m.group("names")))
    byline = Byline(clean(text[start:end]), names, outlet, Span(start, end))
    return state.claim("byline", start, end, byline, "byline") is not None


# Nordic agencies set the writer's name on a line of its own before the dateline, with no "By":
# Ritzau's "Peder Top Poulsen\nHaag /ritzau/: ...". Their titles are in sentence case, so a line of
# two to four capitalised words there is a name, not a title.
_NORDIC_AGENCIES = frozenset(["Ritzau", "NTB", "TT", "STT"])
_NAME_LINE_RE = lazy(r"[\p{Lu}][\p{Ll}\-]+(?:\s[\p{Lu}][\p{Ll}\-]+){1,3}")


# A writer's role on the line under the name, with no "By": the BBC's and many sites' "Business reporter,
# BBC News", "Political correspondent", "Senior editor, Reuters".
_ROLE_LINE_RE = lazy(
    r"""(?:[\p{Lu}][\p{L}\-]*\s){0,3}
        (?i:reporter|correspondent|editor|writer|journalist|analyst|columnist|producer)
        (?:,\s?[\p{Lu}][^\n,]{1,40})?""",
    regex.VERBOSE,
)


def _name_and_role_lines(state: ParseState, limit: int) -> int:
    """Claim a name on its line and a writer's role on the next one, before ``limit``; 1 if claimed."""
    text = state.text
    found = [u for run in list(state.free_runs(0, limit)) for u in units(text, run.start, run.end)]
    for (a, b), (c, d) in zip(found, found[1:]):
        if text[b:c].count("\n") != 1 or not _NAME_LINE_RE.fullmatch(text, a, b):
            continue
        if not _ROLE_LINE_RE.fullmatch(text, c, d):
            continue
        name = clean(text[a:b])
        if name in state.lexicon.agency_forms():
            continue
        byline = Byline(clean(text[a:d]), (name,), clean(text[c:d]), Span(a, d))
        if state.claim("byline", a, d, byline, "byline"):
            return 1
    return 0


def _nordic_name_line(
    state: ParseState, story_start: int, story_end: int, name_start: tuple[int, int] | None = None
) -> None:
    """Claim the name line just before ``story_start`` (a dateline's start, or the text's second unit).

    ``name_start`` gives the unit to test when the caller has it (the text's first unit, where there is
    no dateline); the story's language is read after ``story_end``.
    """
    text = state.text
    story_language = detect_language(text[story_end : story_end + 2000])
    if story_language not in ("da", "nb", "sv"):
        return  # the sentence-case convention is the Nordic languages'; an English title may be in capitals
    if name_start is None:
        runs = [r for r in state.free_runs(max(0, story_start - 200), story_start) if text[r.start : r.end].strip()]
        if not runs or runs[-1].end != story_start:
            return
        pieces = units(text, runs[-1].start, runs[-1].end)
        if not pieces:
            return
        name_start = pieces[-1]
    start, end = name_start
    if not _NAME_LINE_RE.fullmatch(text, start, end):
        return
    names = (clean(text[start:end]),)
    state.claim("byline", start, end, Byline(names[0], names, None, Span(start, end)), "byline")


def _tag_correspondent(state: ParseState, pos: int) -> None:
    text = state.text
    m = TAG_CORRESPONDENT_RE.match(text, pos)
    if not m or not state.is_free(m.start("by"), m.end("by")):
        return
    names = tuple(_split_names(m.group("names")))
    start, end = m.span("by")
    byline = Byline(clean(text[start:end]), names, m.group("title"), Span(start, end))
    state.claim("byline", start, end, byline, "byline")


def _chinese_reporters(state: ParseState, pos: int) -> None:
    text = state.text
    m = CHINESE_REPORTERS_RE.match(text, pos)
    if not m:
        return
    start, end = trim(text, m.start(), m.end())
    names = tuple(n for n in _CHINESE_NAME_JOINT_RE.split(m.group("names") or m.group("names2")) if n)
    state.claim("byline", start, end, Byline(clean(text[start:end]), names, None, Span(start, end)), "byline")


#: How far into a text with no dateline an agency's bare name may stand as its byline.
_AGENCY_BYLINE_REACH = 200


def _agency_byline(state: ParseState) -> None:
    """An agency credited by name alone between title and story: NTB's "Google har kjøpt ... NTB IT-giganten ...".

    It is a byline with no person's name, the agency as its role (ninjs's ``by``). Only in a text with
    no dateline, near its head, after words with no sentence end and before a capitalised word.
    """
    text = state.text
    for run in state.free_runs(0, min(len(text), _AGENCY_BYLINE_REACH)):
        for m in _AGENCY_TOKEN_RE.finditer(text, run.start, run.end):
            name = m.group(0)
            if name not in state.lexicon.agency_forms() or len(name) < 2:
                continue
            before = text[run.start : m.start()]
            after = text[m.end() : m.end() + 2].lstrip()
            if len(before.split()) < 3 or _SENTENCE_MARK_RE.search(before) or not after[:1].isupper():
                continue
            byline = Byline(name, (), name, Span(m.start(), m.end()))
            if state.claim("byline", m.start(), m.end(), byline, "byline"):
                return


# A word in capitals standing alone, as an agency's name does ("NTB", "AFP", "ANP").
_AGENCY_TOKEN_RE = lazy(r"(?<=\s)[\p{Lu}]{2,6}(?=\s)")
