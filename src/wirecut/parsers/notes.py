"""Notes: lines that travel with a story but are not its text.

Contract:
    Claims: notes of kinds ``editor``, ``reporting``, ``contributor``, ``signoff``, ``contact``,
    ``source``, ``copyright`` and ``ednote``, with the people they name.
    Reads: the text and its free spans; ``state.lexicon`` (rights forms, agencies, months). Forms that no sentence contains (``(Reporting by ...)``,
    ``[责任编辑:...]``, ``(完)``) are claimed anywhere; forms that could open a sentence (``Editor: X``,
    ``Source: X``, ``Reuter``) only where they stand as a unit, or at the very end of the text.
    Writes: no findings.
    Never: claims "contributed to this report" inside a longer sentence of the story.
"""

from __future__ import annotations

import regex

from wirecut.lexicon import DEFAULT_LEXICON, Lexicon
from wirecut.parsers.dateline import first_dateline
from wirecut.patterns import lazy
from wirecut.spans import ParseState, Span
from wirecut.story import Note
from wirecut.text import Guarded, clean, time_limit, trim, units

NYT_MARK_RE = lazy(
    r"""\(MORE\)                                # the take goes on in the next one
      | \((?:BEGIN|END)\ OPTIONAL\ TRIM\)        # a passage a desk may cut for space
      | \(PICTURES?\)                           # a photo moves with the story
    """,
    regex.VERBOSE,
)

# Notes whose form no sentence of a story shares, found anywhere in the text. Each is guarded by the
# words or characters it cannot match without, so most texts cost no scan of it.
ANYWHERE_RES: tuple[tuple[str, Guarded], ...] = (
    # Chinese portals name the sites they took a story from at its end: "(新华网、中国政府网)".
    (
        "source",
        Guarded(
            r"[(（][\p{Han}、]{1,20}(?:网|網|社|报|報)(?:、[\p{Han}]{1,20})*[)）](?=[ \t]*(?:\n|$))",
            "网",
            "網",
            "社",
            "报",
            "報",
        ),
    ),
    # China News Service sends a story's title after its dateline: "中新社北京九月二十七日電 題:訪華...".
    ("ednote", Guarded(r"(?<=[电電])[ \t\u3000]*[题題][:：][^\n]{2,80}", "题", "題")),
    # MENAFN's syndication line names the source agency: "(MENAFN- Kuwait News Agency (KUNA))".
    ("source", Guarded(r"\(MENAFN-\s?[^()\n]{1,80}(?:\([^()\n]{1,20}\))?\)", "(menafn")),
    # Reuters' contact block: "((Scott.Murdoch@thomsonreuters.com;))".
    ("contact", Guarded(r"\(\([^()]{0,200}@[^()]{0,200}\)\)", "((")),
    # Chinese editor lines: "[责任编辑:zhangwei]", "【编辑:田博群】", "（责任编辑：李娜）".
    ("editor", Guarded(r"[\[【（(]\s*(?:责任编辑|编辑|责编)\s*[:：][^\]】）)\n]{1,40}[\]】）)]", "编")),
    # Chinese sign-offs: "(完)", "（完）"; Kyodo's "==Kyodo"; "(END)".
    ("signoff", Guarded(r"[(（]\s*完\s*[)）]|==\s?Kyodo|\(END\)|\[END\]", "完", "kyodo", "(end)", "[end]")),
    # Wire editors' notes in brackets: "(Adds comments, detail)", "(ATTN: ADDS details in paras 4-5, photos)",
    # Yonhap's "(LEAD)" and "(2nd LD)".
    (
        "ednote",
        Guarded(
            r"\((?:ATTN|Adds|ADDS|Updates|UPDATES|Recasts|RECASTS|Corrects|CORRECTS|Changes|Rewrites|Refiles)\b[^()]{0,200}\)"
            r"|\((?:LEAD|\d(?:st|nd|rd|th)\s+LD|URGENT|EDITORS?:[^()]{0,200})\)"
            # dpa's and AP's version lines: "2ND LEAD", "3RD NET", "1ST WRITETHRU".
            r"|\b\d(?:ST|ND|RD|TH)\s(?:LEAD|NET|UPDATE|WRITETHRU|ADD)\b"
            # dpa's "REFILE" line (not Reuters' headline prefix "REFILE-UPDATE 1-...", which is the title's)
            r"|(?<![\p{L}\-])REFILE(?![\p{L}\-])"
        ),
    ),
    # ANP's notice that an item replaces an earlier one, letter-spaced: "N i e u w bericht, vervangt: TITLE",
    # up to the line's end or, flattened, to the dateline.
    (
        "ednote",
        Guarded(
            r"N\s?i\s?e\s?u\s?w\s+bericht,\s+vervangt:[^\n]{1,200}?(?=[ \t]*\n|\s+\p{Lu}[\p{Lu}\- ]+\s\(ANP\)|\s*$)",
            "vervangt:",
        ),
    ),
    # The New York Times news service's marks for editors, kept in the Gigaword corpus, always in
    # capitals: they tell a desk how to handle the copy and are never printed.
    ("ednote", Guarded(NYT_MARK_RE, "(more)", "optional trim", "(picture")),
)

# Chinese papers close a story with its editor's and proofreader's names after the reporter's, on
# one line: "新京报记者 林海 校对 吴芳", "编辑 王强 校对 李梅".
CHINESE_CREDITS = Guarded(
    # The credits close their line, or their piece of a flattened page, where two spaces stand for the
    # line break ("责任编辑：刘阳  打印 关闭").
    r"(?:(?<=[ \t\u3000])|(?<=\n)|^)(?:(?:责任编辑|编辑|责编|校对|审校|審校)[ \t]*[:：]?[ \t]*[\p{Han}·]{2,4}[ \t\u3000]*?)+"
    r"(?=[ \t\u3000]*(?:\n|$)|[ \t\u3000]{2})",
    "编辑",
    "校对",
    "责编",
    "审校",
    "審校",
    flags=regex.MULTILINE,
)

# dpa's notebook for editors, from "# Notebook" to the desk's sign-off, not for publication. It holds
# links, rules and contacts that the residue parser took first; the notebook takes them back.
NOTEBOOK_RE = lazy(
    r"""(?:^|(?<=[.!?"”’]\s{1,3}))\#\s+Notebook\b[\s\S]{0,5000}?
        (?=\n\s*dpa(?:\s+[a-z]{2,4}){1,6}\s*(?:\n|\Z)    # the sign-off on a line of its own
          | \s+dpa(?:\s+[a-z]{2,4}){1,6}\s+\d{6}\s+(?:GMT\s+)?\p{L}{3}\s   # flattened: the sign-off, then dpa's stamp
          | \s+dpa(?:\s+[a-z]{2,4}){1,6}\s*\Z               # flattened: the sign-off closes the text
          | \s*\Z)""",
    regex.MULTILINE | regex.VERBOSE,
)

# Notes that must stand as a unit (a line, or a piece between double spaces) to be taken.
UNIT_RES: tuple[tuple[str, regex.Pattern[str]], ...] = (
    # Xinhua and China Daily pages: "Editor: huaxia", "Editor: Chen Ying"; "责任编辑：李娜".
    (
        "editor",
        lazy(r"(?:(?i:editor|editors|edited\s+by)|责任编辑|编辑)\s*[:：]\s*(?P<names>[^|\n]{1,60}?)\s*\|?"),
    ),
    # Source lines: "Source: Xinhua", "来源：新华网", "Quelle: dpa".
    ("source", lazy(r"(?:Source|SOURCE|来源|稿源|Quelle|Fuente|Fonte)\s*[:：]\s*[^|\n]{1,60}?\s*\|?")),
    # Sign-offs: Reuters-21578's "Reuter", "REUTERS", AP's "___" is not one (it opens a contact line).
    # PA closes a story with "ends" on a line of its own; Ritzau with "/ritzau/".
    ("signoff", lazy(r"Reuter|REUTER|Reuters|-{1,3}\s?(?:END|End)\s?-{0,3}|\#\#\#|-30-|ends|ENDS|/ritzau/")),
    # Copyright lines: "Copyright 2024 The Associated Press. All rights reserved.", ANSA's
    # "ALL RIGHTS RESERVED © Copyright ANSA".
    (
        "copyright",
        lazy(r"(?:ALL\sRIGHTS\sRESERVED\s)?(?:©|\(c\)|\(C\)|Copyright|COPYRIGHT|版权所有)[^\n]{0,300}"),
    ),
    # Editors' notes that open a line: "Editor's note: ...", "EDITOR'S NOTE — ...", "2ND LEAD", "3RD NET".
    (
        "ednote",
        lazy(r"(?i:editor'?s'?\s+note)\s*[:—–-][^\n]{0,1500}|\d(?:ST|ND|RD|TH)\s+(?:LEAD|NET|UPDATE|WRITETHRU)"),
    ),
)

# Copyright sentences in flattened text: "... Two players won.  Copyright 2024 The Associated Press. All
# rights reserved."
COPYRIGHT_RE = lazy(
    r"(?:(?<=[.!?\"”’]\s{1,3})|(?<=\n)|^)(?:ALL\sRIGHTS\sRESERVED\s)?(?:©|Copyright|COPYRIGHT)\s[^\n]{0,200}?(?:(?i:all\srights\sreserved)\.?(?:\s+This\smaterial\smay\snot\sbe[^.\n]{0,120}\.)?|(?=\n)|$)",
    regex.MULTILINE,
)


# A rights line in any language, from the lexicon: "RIPRODUZIONE RISERVATA © Copyright ANSA",
# "当社のコンテンツは著作権法によって保護されます".
def _reporting_forms(lexicon: Lexicon) -> tuple[str, ...]:
    """The credit words of the lexicon in lower case, the guard of both reporting scans."""
    return lexicon.derived(_lowered_reporting_forms)


def _lowered_reporting_forms(lexicon: Lexicon) -> tuple[str, ...]:
    return tuple(form.lower() for form in lexicon.marker_forms("reporting_credit"))


def _reporting_re(lexicon: Lexicon) -> regex.Pattern[str]:
    return lexicon.derived(_compiled_reporting)


def _compiled_reporting(lexicon: Lexicon) -> regex.Pattern[str]:
    # Reuters' trailer and its language services': "(Reporting by Kane Wu; Editing by Jacqueline Wong)",
    # "(Bericht von Lena Vogt, redigiert von Tobias Kern)", "(Reporte de Ana Ruiz; Editado por ...)". The
    # credit words (lexicon/markers.json, reporting_credit) open the bracket, in any case, and the bracket
    # closes a story or a paragraph: it follows a sentence's end, a line break or two spaces, never a word
    # inside a sentence ("Die Zahl der Anträge (Bericht von Juni) stieg").
    return regex.compile(
        rf"""(?:(?<=[.!?"”’)\]]\s{{0,3}})|(?<=\n[ \t]{{0,8}})|(?<=\S\s\s)|^)
            \((?:{lexicon.alternation("reporting_credit")})\s[^()]{{2,400}}\)""",
        regex.VERBOSE,
    )


def _credited_names_re(lexicon: Lexicon) -> regex.Pattern[str]:
    return lexicon.derived(_compiled_credited_names)


def _compiled_credited_names(lexicon: Lexicon) -> regex.Pattern[str]:
    # The people of a reporting credit follow its credit words, or a "by" inside it ("; editing by ...").
    words = lexicon.alternation("reporting_credit")
    return regex.compile(rf"(?:{words}|(?i:\bby))\s+([\p{{Lu}}][\p{{L}}.'’\-]+(?:\s+[\p{{Lu}}][\p{{L}}.'’\-]+){{0,3}})")


def _claim_reporting_credits(state: ParseState) -> None:
    """Claim the bracketed reporting credits: matched only at the brackets that a credit word opens."""
    text, lowered = state.text, state.lowered
    forms = _reporting_forms(state.lexicon)
    pattern = _reporting_re(state.lexicon)
    at = text.find("(")
    while at != -1:
        if lowered.startswith(forms, at + 1):
            low = max(0, at - 12)  # room for the look-behind: a sentence's end and spaces before it
            m = pattern.search(text, low, min(len(text), at + 420), timeout=1.0)
            if m is not None and m.start() == at:
                _claim(state, "reporting", m.start(), m.end(), m)
                at = text.find("(", m.end())
                continue
        at = text.find("(", at + 1)


def _reporting_unit_re(lexicon: Lexicon) -> regex.Pattern[str]:
    return lexicon.derived(_compiled_reporting_unit)


def _compiled_reporting_unit(lexicon: Lexicon) -> regex.Pattern[str]:
    # Reuters' pages print the credit as a paragraph of its own, with no brackets: "Reporting by Ann
    # Vale in London; Editing by Ian Hart". Names follow the credit words.
    words = lexicon.alternation("reporting_credit")
    return regex.compile(rf"(?:{words})\s+[\p{{Lu}}][^\n()]{{1,400}}?\.?")


#: The most words of a reporting credit standing as a unit of its own, and how far before the text's
#: end it may stand (after the story's last paragraph, before a page's teasers and buttons).
_REPORTING_UNIT_WORDS = 60
_REPORTING_UNIT_REACH = 3000


def _claim_reporting_units(state: ParseState) -> None:
    """Claim a reporting credit that stands as a unit of its own near the end of the text."""
    text = state.text
    lowered = state.lowered
    forms = _reporting_forms(state.lexicon)
    low = max(len(text) // 2, len(text) - _REPORTING_UNIT_REACH)
    if not any(form in lowered[low:] for form in forms):
        return  # no credit word near the end: spare the units
    pattern = _reporting_unit_re(state.lexicon)
    for run in list(state.free_runs(low)):
        for start, end in units(text, run.start, run.end):
            if not lowered.startswith(forms, start):
                continue  # the unit opens with no credit word: spare the match
            piece = text[start:end]
            if len(piece.split()) <= _REPORTING_UNIT_WORDS and pattern.fullmatch(piece, timeout=1.0):
                _claim(state, "reporting", start, end)


def _rights_re(lexicon: Lexicon) -> regex.Pattern[str]:
    return lexicon.derived(_compiled_rights)


def _compiled_rights(lexicon: Lexicon) -> regex.Pattern[str]:
    alternation = lexicon.alternation("rights")
    # A rights line ends at a line break or two spaces, where flattened page furniture begins.
    return regex.compile(
        rf"(?:(?<=[.!?\"”’。]\s{{0,3}})|(?<=\n)|^)(?=\S)(?:(?!\s\s)[^\n.!?。]){{0,60}}?{alternation}(?:(?!\s\s)[^\n]){{0,200}}",
        regex.MULTILINE,
    )


# Rights sentences that close a page: AP's "This material may not be published, broadcast, rewritten or
# redistributed.", China Daily's "The content (...) published in this site belongs to China Daily
# Information Co (CDIC). Without written authorization from CDIC, such content shall not be republished".
RIGHTS_SENTENCE_RE = lazy(
    r"""(?:(?<=[.!?"”’]\s{1,3})|(?<=\n)|^)
        \(?[\p{Lu}][^\n]{0,300}?
        (?:may\snot\sbe\s(?:re)?published|shall\snot\sbe\s(?:re)?published|without\s(?:the\s)?(?:written|prior)\s(?:authori[sz]ation|permission|consent)
          |published\sin\sthis\ssite\sbelongs\sto|all\srights\sreserved
          # The syndication note of India's news sites under agency copy: "(Except for the headline, this
          # story has not been edited by NDTV staff and is published from a syndicated feed.)"
          |published\sfrom\sa\ssyndicated\sfeed|auto-generated\sfrom\sa\ssyndicated\sfeed
          # Nasdaq's syndication disclaimer under the Reuters and partner stories it reprints: "The views
          # and opinions expressed herein are the views and opinions of the author and do not ..."
          |views\sand\sopinions\sexpressed\sherein)
        [^\n]{0,300}?[.!?]\)?(?=\s|$)""",
    regex.VERBOSE | regex.MULTILINE | regex.IGNORECASE,
)

# Trailers at the end of a story that a careful editor cuts, as whole sentences.
# (A line may be indented, as AP's ANPA feed indents every line of the story with a tab.)
CONTRIBUTOR_RE = lazy(
    r"""(?:(?<=[.!?"”’]\s{1,3})|(?<=\n[ \t]{0,8})|^)
        [\p{Lu}][^.!?\n]{0,300}?\s(?:contributed|contributes)\s(?:reporting\s)?to\s(?:this|the)\s(?:report|story)\.""",
    regex.VERBOSE | regex.MULTILINE,
)

# AP's contact trailer: "Bernard Condon can be reached at http://... . His work can be found at ... ."
CONTACT_RE = lazy(
    r"""(?:(?<=[.!?"”’_]\s{1,3})|(?<=\n[ \t]{0,8})|^)
        [\p{Lu}][\p{L}.'’\- ]{1,60}\scan\sbe\s(?:reached|contacted|followed)\s(?:at|on|via)\s[^\n]{1,300}?\.(?=\s|$)
        (?:\s+(?:His|Her|Their)\swork\scan\sbe\sfound\sat\s[^\n]{1,300}?\.(?=\s|$))?""",
    regex.VERBOSE | regex.MULTILINE,
)

# The people of a contributor or contact note stand before its verb, as a list: "Ann Lee and Bo Park",
# AP's and CNN's "Ann Lee, Bo Park and Cy Roe".
_PEOPLE_BEFORE_RE = lazy(r"^(?P<people>.*?)\s(?:contributed|contributes|can\sbe)\s")
_LIST_SEPARATOR_RE = lazy(r"\s*[,;]\s*(?:and\s+)?|\s+and\s+")

# What stands around a person's name in such a list, cut away before the name is taken.
_PERSON_LEAD_RE = lazy(
    r"""^(?:
        (?:The\s+)?[\p{Lu}][\p{L}.&\-]*(?:\s+[\p{Lu}][\p{L}.&\-]*){0,3}['’]s?\s+(?=\p{Lu})  # CNN's "CNN's Ann Lee"
      | (?:[\p{L}.&'’\-]+\s+){0,5}?                                 # AP's "Associated Press writers Ann Lee",
        (?i:writers?|reporters?|correspondents?|journalists?|photographers?|researchers?|producers?)
        \s+(?=\p{Lu})                                                # "AP Business Writer Bo Park"
    )""",
    regex.VERBOSE,
)
_PERSON_TAIL_RE = lazy(
    r"""\s+(?:
        (?:in|from|at)\s+\p{Lu}.*     # where the person filed from: AP's "Jonas Pereira in Madrid"
      | also                          # "Bo Park also contributed"
    )$""",
    regex.VERBOSE,
)
# A person's name as a list gives it: capitalised words, with the particles of many languages between.
_PERSON_RE = lazy(
    r"[\p{Lu}][\p{L}.'’\-]*(?:\s+(?:[\p{Lu}][\p{L}.'’\-]*|de|da|del|dos|van|von|der|den|bin|binti|al|el|la|le))*"
    r"(?<=[\p{L}.])"
)


def _people(raw: str, lexicon: Lexicon = DEFAULT_LEXICON) -> tuple[str, ...]:
    """The people a contributor or contact note names before its verb.

    >>> _people("Associated Press writers Ann Lee in Paris and Bo Park contributed to this report.")
    ('Ann Lee', 'Bo Park')
    """
    m = _PEOPLE_BEFORE_RE.match(raw)
    if not m:
        return ()
    agencies = lexicon.agency_forms()
    found: list[str] = []
    after_place = False
    for item in _LIST_SEPARATOR_RE.split(m.group("people")):
        if after_place and " " not in item:
            after_place = False
            continue  # the rest of a place written with its country: "in Madrid, Spain,"
        item = _PERSON_LEAD_RE.sub("", item.strip(), count=1)
        tail = _PERSON_TAIL_RE.search(item)
        after_place = bool(tail and not tail.group(0).strip().startswith("also"))
        if tail:
            item = item[: tail.start()]
        if _PERSON_RE.fullmatch(item) and item not in agencies and item.removeprefix("The ") not in agencies:
            found.append(item)
    return tuple(found)


# Editors' names in a note: joined by commas, slashes, "、" or "and"; the credit words and brackets
# around them ("[责任编辑:李娜]", "编辑 王强 校对 李梅").
_EDITOR_JOINT_RE = lazy(r"\s*(?:,|/|、| and )\s*")
_EDITOR_WORDS_RE = lazy(r"[\[【（(\]】）)]|责任编辑|编辑|责编|校对|审校|審校|[:：]")
_NAMES_SPLIT_RE = lazy(r"[\s、,]+")


def _names(kind: str, raw: str, m: regex.Match[str] | None, lexicon: Lexicon) -> tuple[str, ...]:
    if kind == "editor":
        named = m.groupdict().get("names") if m is not None else None
        if named:
            return tuple(n.strip() for n in _EDITOR_JOINT_RE.split(named.strip(" |")) if n.strip())
        inner = _EDITOR_WORDS_RE.sub(" ", raw)
        return tuple(n for n in _NAMES_SPLIT_RE.split(inner) if n)
    if kind == "reporting":
        return tuple(_credited_names_re(lexicon).findall(raw))
    if kind in ("contributor", "contact"):
        return _people(raw, lexicon)
    return ()


def _claim(state: ParseState, kind: str, start: int, end: int, m: regex.Match[str] | None = None) -> None:
    raw = state.text[start:end]
    trimmed = raw.rstrip(" |")
    end = start + len(trimmed)
    note = Note(kind, clean(trimmed), _names(kind, trimmed, m, state.lexicon), Span(start, end))
    state.claim("note", start, end, note, "notes")


def _claim_over_residue(state: ParseState, m: regex.Match[str]) -> None:
    """Claim a block note, taking back the residue claimed inside it; not when another part is there."""
    start, end = m.start(), m.end() - (len(m.group(0)) - len(m.group(0).rstrip()))
    inside = state.claims_between(start, end)
    if any(c.label != "residue" or c.span.start < start or c.span.end > end for c in inside):
        return
    if not state.is_free(start, end) and not inside:
        return  # a claim that straddles the block's start
    for claim in inside:
        state.release(claim)
    _claim(state, "ednote", start, end, m)


def parse(state: ParseState) -> None:
    """Claim the notes of the text."""
    text = state.text
    lowered = state.lowered
    # An item has one notebook, at its end: only the last "# Notebook" is tried, so that a text of many
    # costs one bounded match, not one a heading.
    notebook_at = text.rfind("# Notebook")
    notebook = NOTEBOOK_RE.match(text, notebook_at, timeout=time_limit(len(text))) if notebook_at != -1 else None
    if notebook:
        _claim_over_residue(state, notebook)
    for m in CHINESE_CREDITS.finditer(text, lowered):
        start, end = trim(text, m.start(), m.end())
        _claim(state, "editor", start, end, m)
    for kind, guarded in ANYWHERE_RES:
        for m in guarded.finditer(text, lowered):
            _claim(state, kind, m.start(), m.end(), m)
    _claim_reporting_credits(state)
    rights_forms = [f.lower() for f in state.lexicon.marker_forms("rights")]
    for pattern, kind, needles in (
        (CONTRIBUTOR_RE, "contributor", ("contribut",)),
        (CONTACT_RE, "contact", ("can be ",)),
        (COPYRIGHT_RE, "copyright", ("©", "copyright")),
        (
            RIGHTS_SENTENCE_RE,
            "copyright",
            (
                "published",
                "authori",
                "permission",
                "consent",
                "belongs to",
                "rights reserved",
                "expressed herein",
                "syndicated feed",
            ),
        ),
        (_rights_re(state.lexicon), "copyright", rights_forms),
    ):
        if not any(n in lowered for n in needles):
            continue  # the sentence cannot be there: spare the scan
        # found before the loop: a scan's time limit would count the loop's work (see text.time_limit)
        for m in list(pattern.finditer(text, timeout=time_limit(len(text)))):
            # A trailer sits near the end of the text; far before it, the same words are a quote.
            if m.start() >= len(text) * 0.5 or len(text) - m.start() <= 1500:
                _claim(state, kind, m.start(), m.end(), m)
    for run in list(state.free_runs()):
        for start, end in units(text, run.start, run.end):
            # A header's pieces are joined by bars: "Source: Xinhua| 2024-06-12 16:05:21|Editor: huaxia".
            while start < end and text[start] in "| \t":
                start += 1
            piece = text[start:end]
            for kind, pattern in UNIT_RES:
                whole = pattern.fullmatch(piece, timeout=1.0)
                if whole:
                    _claim(state, kind, start, end, whole)
                    break
    _claim_reporting_units(state)
    _claim_trailing_signoff(state)
    initials = _efe_initials(state)
    _claim_trailers(state)
    _claim_unit_signoffs(state)
    if initials and state.is_free(*initials):
        _claim(state, "signoff", *initials)


# Sign-offs and contact lines that close a story, tried from the end of the text backwards; each must
# follow a sentence end or a line break. The first two kinds (the agencies' own marks) are also taken
# where teasers or page furniture follow the story, and the fourth (a bare agency name) where it fills
# its own line there (see _claim_unit_signoffs).
TRAILER_RES: tuple[tuple[str, regex.Pattern[str]], ...] = (
    # IANS "--IANS", Bernama "-- BERNAMA", PTI "PTI SBN RT" (desk initials), ANI "(ANI)", KUNA, WAM.
    (
        "signoff",
        lazy(
            r"(?:--|—)\s?(?:IANS|BERNAMA|Bernama|KUNA|WAM|SPA|Xinhua|AFP|AP)\b|PTI(?:\s+[A-Z]{2,4}){0,4}"
            # ANI, IANS and BusinessDesk close with their name in brackets: "(ANI)", "(BusinessDesk)";
            # ANSA with a period after it: "... nei cortili. (ANSA)."
            r"|\((?:ANI|IANS|PTI|KUNA|WAM|BusinessDesk|ANSA)\)\.?"
            # KUNA closes with "(end)" and the desk's initials, dotted: "(end) ah.gb", "(end) mt.hb.bs".
            r"|\(end\)(?:\s+[a-z]{1,4}(?:\.[a-z]{1,4}){1,3})?"
        ),
    ),
    # dpa's desk initials: "dpa hm sw"; CNA's "Enditem/ls"; Yonhap's "(END)"; Kyodo's "==Kyodo".
    ("signoff", lazy(r"dpa(?:\s+[a-z]{1,4}\d?){1,6}|Enditem(?:/\w+)?|\(END\)|==\s?Kyodo")),  # "dpa tt xx n1"
    # PA's "ends" and Ritzau's "/ritzau/" after the last sentence of a flattened story.
    ("signoff", lazy(r"ends|ENDS|/ritzau/")),
    # EFE, ANSA and Lusa close a story with their bare name: "... ejemplares. EFE".
    ("signoff", lazy(r"(?:EFE|ANSA|Lusa|APA|AFP)(?:\s+[a-z]{2,4}(?:/[a-z]{2,4}){0,4})?")),
    # ATS and SDA close a story with the desk's initials in brackets: "(SDA/mf ba)", "(ats/mf)".
    ("signoff", lazy(r"\((?:SDA|ATS|sda|ats|SDA-ATS)\\?/[a-z]{1,4}(?:[ /][a-z]{1,4}){0,4}\)")),
    # A reporter's address alone: Yonhap's "seojin@yna.co.kr".
    ("contact", lazy(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")),
)
_TRAILER_BEFORE_RE = lazy(r"(?:[.!?\"”’)\]]|\n|\A|\s\s)\s*\Z")


def _after_boundary(state: ParseState, pos: int) -> bool:
    """A trailer stands after a sentence end, a line break, two spaces or a part claimed before it."""
    text = state.text
    if _TRAILER_BEFORE_RE.search(text[max(0, pos - 4) : pos]):
        return True
    low = max(0, pos - 40)
    before = low + len(text[low:pos].rstrip())
    return low < before < pos and not state.is_free(before - 1, before)


def _claim_trailers(state: ParseState) -> None:
    """Peel sign-offs and contact lines off the end of the story, last first."""
    text = state.text
    for _ in range(8):
        runs = [r for r in state.free_runs(max(0, len(text) - 600)) if text[r.start : r.end].strip()]
        if not runs:
            return
        run = runs[-1]
        end = run.start + len(text[run.start : run.end].rstrip())
        taken = False
        for kind, pattern in TRAILER_RES:
            for m in pattern.finditer(text, max(run.start, end - 80), end):
                if m.end() != end or not _after_boundary(state, m.start()):
                    continue
                _claim(state, kind, m.start(), m.end(), m)
                taken = True
                break
            if taken:
                break
        if not taken:
            return


# What follows a sign-off that closes its story while teasers or furniture come after it: a line break,
# two spaces (a flattened line break) or the text's end.
_UNIT_END_RE = lazy(r"[ \t]*(?:\n|\Z)|[ \t\u00a0]{2}")


def _claim_unit_signoffs(state: ParseState) -> None:
    """Claim the agencies' sign-off marks that end the story where more of the page follows it.

    "... nelle ore di punta. (ANSA).  Leggi anche: ..." and CNA's "(By ...) Enditem/AW" before "More from
    Focus Taiwan": the mark ends a unit (a line, or a piece before two spaces) in the second half of the
    text, after a sentence end. The marks no sentence uses (bracketed agency names, "Enditem",
    "(END)", desk initials after "dpa") are taken there; a bare agency name with its desks' initials
    ("EFE\nab/cd") only where it fills its own line after a sentence's line. A mark the residue parser
    took as navigation ("Enditem/AW" has a link list's slash) is taken back.
    """
    text = state.text
    half = len(text) // 2
    tail = text[half:]
    for index, (_, pattern) in enumerate(TRAILER_RES[:4]):
        if index == 2:
            continue  # "ends" is a word of any sentence: only at the text's end
        if not any(needle in tail for needle in _UNIT_SIGNOFF_NEEDLES[index]):
            continue  # the mark cannot be there: spare the scan
        for m in list(pattern.finditer(text, half)):
            start, end = m.span()
            if not _UNIT_END_RE.match(text, end) or not _after_boundary(state, start):
                continue
            if index == 3 and not _whole_line_after_sentence(text, start, end):
                continue  # a bare "EFE" or "AFP" closes the story only as a line of its own
            inside = state.claims_between(start, end)
            if any(c.label != "residue" or c.span.start != start or c.span.end != end for c in inside):
                continue
            for claim in inside:
                state.release(claim)
            _claim(state, "signoff", start, end, m)


# What each of the first four trailer patterns cannot match without.
_UNIT_SIGNOFF_NEEDLES: tuple[tuple[str, ...], ...] = (
    ("--", "—", "PTI", "(ANI)", "(IANS)", "(KUNA)", "(WAM)", "(BusinessDesk)", "(ANSA)", "(end)"),
    ("dpa", "Enditem", "(END)", "=="),
    (),
    ("EFE", "ANSA", "Lusa", "APA", "AFP"),
)

_LINE_AFTER_SENTENCE_RE = lazy(r"[.!?\"”’»)]\s*\n[ \t]*\Z")


def _whole_line_after_sentence(text: str, start: int, end: int) -> bool:
    """The mark fills its line, and the line before closes a sentence ("... cautelosa.\nEFE\nab/cd\n")."""
    line_end = text.find("\n", end)
    if text[end : len(text) if line_end == -1 else line_end].strip():
        return False
    return _LINE_AFTER_SENTENCE_RE.search(text, max(0, start - 8), start) is not None


# EFE's desk initials, the writer's and the editor's ("gr/bp", "daa/mt/msr"), on the last line of a
# story: its NITF sends them as the byline, its pages and feeds print them after the text or after
# the bare "EFE" sign-off.
EFE_INITIALS_RE = lazy(
    r"""(?:(?<=\n)|^)[ \t]*
        (?P<initials>[a-z]{2,4}(?:/[a-z]{2,4}){1,2})   # two or three desks' initials joined by "/"
        \s*\Z""",
    regex.VERBOSE | regex.MULTILINE,
)
# The "EFE" sign-off that the initials may follow: "... ejemplares.\nEFE\ngr/bp".
_EFE_SIGNOFF_BEFORE_RE = lazy(r"(?<![\p{L}\-])EFE\s*\Z")


def _efe_initials(state: ParseState) -> tuple[int, int] | None:
    """Where EFE's desk initials close the text, when they do; claimed now unless a sign-off takes them.

    Initials alone could be anything's, so they are taken only after an EFE sign-off or in a story with
    an EFE dateline. The residue parser takes three-desk initials anywhere (they part EFE's listings);
    at the end of an EFE story they are its sign-off, so the note takes them back.
    """
    text = state.text
    tail = max(0, len(text) - 40)
    if "/" not in text[tail:]:
        return None
    m = EFE_INITIALS_RE.search(text, tail)
    if not m:
        return None
    start, end = m.span("initials")
    before = _EFE_SIGNOFF_BEFORE_RE.search(text, max(0, start - 20), start)
    after_signoff = before is not None and _after_boundary(state, before.start())
    if not after_signoff and not _efe_dateline(state):
        return None
    inside = state.claims_between(start, end) if not state.is_free(start, end) else []
    if any(c.label != "residue" or c.span.start < start or c.span.end > end for c in inside):
        return None
    for claim in inside:
        state.release(claim)
    if not after_signoff:
        _claim(state, "signoff", start, end)
    # After "EFE", the sign-off's own pattern takes "EFE gr/bp" as one note; the caller claims what is left.
    return start, end


def _efe_dateline(state: ParseState) -> bool:
    """True when the text's first dateline names EFE: "Managua, Jan 2 (EFE).- ..."."""
    if "EFE" not in state.text:
        return False
    found = first_dateline(state)
    return (
        found is not None
        and found.agency_written is not None
        and (state.lexicon.canonical_agency(found.agency_written) == "EFE")
    )


# Reuters-21578 bodies end with " Reuter" and an end-of-text mark, often glued to the last sentence.
# The sign-off may follow a table line with no full stop ("Record March nine Reuter"), in any case, and
# the end-of-text mark may be left as a character reference (&#3;).
_TRAILING_SIGNOFF_RE = lazy(r"(?<=\s)(?i:reuter)\s*(?:\x03|&\#3;)?\s*\Z")


def _claim_trailing_signoff(state: ParseState) -> None:
    text = state.text
    tail_start = max(0, len(text) - 40)
    m = _TRAILING_SIGNOFF_RE.search(text, tail_start)
    if m:
        stripped = m.group(0).rstrip()
        end = m.start() + len(stripped)
        word_end = m.start() + 6
        note = Note("signoff", text[m.start() : word_end], (), Span(m.start(), end))
        state.claim("note", m.start(), end, note, "notes")
