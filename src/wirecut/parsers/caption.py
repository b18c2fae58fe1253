"""Captions: a photo's description with its credit.

Contract:
    Claims: one caption per photo credit, from the start of its description (its own dateline when it
    has one, as Xinhua's photo captions do) through the credit.
    Reads: the free spans (markup, page furniture and notes are already claimed and bound a caption);
    ``state.lexicon`` (agencies, months).
    Writes: ``findings.caption_date``, the first full date a caption gives (the year a dateline without
    one takes, per the contract, given by ``wirecut.years``); ``findings.gallery`` on a photo gallery.
    A caption's own dateline keeps ``--MM-DD`` when it has no year.
    Never: takes a credit's brackets for a caption when no description stands before it.

A caption starts at the nearest of: the start of its unit (a line, or a piece after a double space),
the end of the part before it, a sentence glued to it with no space ("...recovery.Tourists visit"),
or its own dateline.
"""

from __future__ import annotations

import regex

from wirecut.dates import read_date
from wirecut.lexicon import Lexicon
from wirecut.parsers.dateline import find_datelines, first_dateline
from wirecut.patterns import lazy
from wirecut.spans import ParseState, Span
from wirecut.story import Caption
from wirecut.text import UNIT_BREAK_RE, clean, time_limit, trim, units

# A photographer's name inside a credit: "Ma Zhancheng", "Evan Vucci", "Herman Emmanuel", "ZHANG LING".
_NAME = r"[\p{Lu}][\p{L}.'’\-]*(?:\s[\p{Lu}][\p{L}.'’\-]*){0,3}"

# The same, for a name that the words of Reuters' credit tail follow: "REUTERS/Ann Lee/File Photo Purchase ...".
_NAME_NOT_FILE = r"[\p{Lu}][\p{L}.'’\-]*(?:\s(?!(?:File|Purchase|Licensing)\b)[\p{Lu}][\p{L}.'’\-]*){0,3}"

# Photo credits, each as an agency or site writes it.
CREDIT_RE = lazy(
    rf"""
      \((?P<credit>(?P<ag1>Xinhua|XINHUA|Xinhua\sPhoto|ANTARA|Antara|Kyodo|Yonhap|Bernama|IANS|PTI|ANI|CNA|Sputnik|Anadolu
                          |DPA|EPA)
          /(?P<ph1>[^()/\n]{{2,80}}))\)                                   # (Xinhua/Ma Zhancheng), (DPA/Zuma Press)
    | \((?P<credit15>(?P<ph15>{_NAME})/(?P<ag15>TT|NTB|Scanpix|Ritzau|Lehtikuva|ANP|Belga|dpa|EPA))\)  # Nordic and Benelux agencies: (Karl Lund/TT)
    | \((?P<credit2>Photo\sby\s(?P<ph2>[^()/\n]{{2,60}})/(?P<ag2>[^()\n]{{2,40}}))\)   # (Photo by Herman Emmanuel/Xinhua)
    | \((?P<credit3>(?P<ag3>AP|AFP|Reuters|EPA|UPI|dpa|EFE|ANSA)\s(?:Photo|PHOTO|Foto|Photo\sIllustration)
          /(?P<ph3>[^()\n]{{2,80}}))\)                                    # (AP Photo/Evan Vucci)
    | \[(?P<credit4>Photo(?:\sby\s(?P<ph4>[^\[\]/\n]{{1,60}}))?/(?P<ag4>[^\[\]\n]{{0,40}}))\]   # [Photo/Xinhua], [Photo by Zou Hong/chinadaily.com.cn]
    | \((?P<credit5>(?:Photo|Foto|Picture)\s?[:：]\s?(?P<ag5>[^()\n]{{2,60}}))\)       # (Photo: Xinhua)
    | (?P<credit6>(?:[\p{{Lu}}][\p{{L}}]+(?:\s[\p{{Lu}}][\p{{L}}]+){{0,3}}\svia\s)?   # a partner's photo: "China Daily via REUTERS"
        (?P<ag6>REUTERS)(?=/|(?<=via\sREUTERS))                            # bare only after "via"
        (?:/(?!File\b)(?P<ph6>{_NAME_NOT_FILE}))?(?:/File\sPhoto|/File)?)  # REUTERS/Kim Kyung-Hoon/File Photo
    | (?P<credit7>(?P<ag7>AFP)\sPHOTO\s?/\s?(?P<ph7>[\p{{Lu}}][\p{{Lu}}.'’\- ]{{1,60}}[\p{{Lu}}]))  # AFP PHOTO / NAME
    | (?P<credit8>(?:Foto|Photo)\s?[:：]\s?(?P<ph8>{_NAME})/(?P<ag8>dpa|AFP|AP|Reuters|EPA|TT|NTB|Scanpix)
          (?:/(?:TT|NTB|Scanpix|Ritzau))?)                                 # Foto: NAME/dpa, TT's "Foto: NAME/AP/TT"
    | (?P<credit9>(?P<ag9>新华社|新華社|中新社|人民网|人民網|新华网|新華網|本报|本報)(?:记者|記者|通讯员|通訊員|发|發|發\(fā\))
          \s{{0,2}}(?P<ph9>[\p{{Han}}·]{{2,12}}?(?:\s?[、，]\s?[\p{{Han}}·]{{2,8}})*)\s{{0,2}}(?:摄|攝))  # 新华社记者鞠鹏摄, 新華社記者 高潔 攝
    | (?<=[。.!?\s])(?P<credit16>(?P<ph16>[\p{{Han}}·]{{2,4}})\s?(?:摄|攝))(?=[ \t]*(?:[(（][^()（）\n]{{1,30}}[)）])?[ \t]*(?:\n|$))  # "...提问。翟子赫 摄"
    | [(（](?P<credit13>(?P<ag13>共同|時事))[)）](?=[ \t]*(?:\n|$))                           # Kyodo: "...担当者=12日、ジュネーブ(共同)"
    | [（(](?P<credit14>[^（）()\n]{{0,12}}=(?P<ag14>新華社|新华社|共同)(?:記者|记者)?/(?P<ph14>[^（）()\n]{{1,12}}))[）)]  # "（新県=新華社記者/鞠鵬）"
    | (?P<credit10>Photo\scourtesy(?:\sof)?\s(?:the\s)?(?P<ag10>{_NAME}))(?=[ \t]*(?:\n|[ \t]{{2}}|$))  # Photo courtesy (of the) Delta Airlines, at its unit's end
    | (?P<credit11>Photo\sby\s(?P<ph11>{_NAME})/(?P<ag11>UPI|AP|AFP|Xinhua|Reuters))(?=[ \t]*(?:\n|[ \t]{{2}}|$))  # UPI: "Photo by Renata Solis/UPI", on its line or before a double space
    | (?<=[.!?][ \t])(?P<credit17>(?P<ag17>EFE|ANSA|EPA|Lusa|Europa\sPress|Télam|Agencia\sUno)/(?P<ph17>{_NAME}))(?=[ \t]*(?:\n|[ \t]{{2}}|$))  # EFE, ANSA, Lusa: "... este miércoles. EFE/Marina Solís" after the caption's sentence
    | \((?P<credit12>(?P<ag12>Kyodo|Yonhap|Xinhua|AP|AFP|Reuters|Bernama))\)                        # Kyodo: "Photo shows ... (Kyodo)"
    | (?<=[.!?"”’][ \t]{{0,3}})\[(?P<credit18>(?P<ag18>\p{{L}}[\p{{L}}\-]{{1,24}}(?:\.\p{{L}}{{2,10}}){{0,3}}))\](?=[ \t]*(?:\n|[ \t]{{2}}|$))  # China Daily's photo pages: "... December 8, 2003. [Reuters]", taken where two or more close their paragraphs
    """,
    regex.VERBOSE,
)

# A sentence glued to the next element with no space, as scrapers join HTML blocks: "recovery.Tourists".
_GLUE_RE = lazy(r"(?<=\p{Ll}{2}|\d)[.!?](?=\p{Lu}\p{Ll})")

# A caption that only an agency's name in brackets closes must say it is a photo (Kyodo, Yonhap).
_PHOTO_WORDS_RE = lazy(r"(?i:(?:file\s|this\s|a\s)?photo(?:\sshows|\staken|\sprovided)|photo\s?:)")

# Where a caption sentence opens inside a paragraph: Kyodo's "Photo shows ...", "File photo taken ...".
_PHOTO_SENTENCE_RE = lazy(
    r"(?:(?<=[.!?\"”’]\s{1,3})|^)(?:File\s|This\s|A\s)?[Pp]hoto\s(?:shows|taken|provided)\b", regex.MULTILINE
)

# A line that a caption's description continues from: it does not end a sentence.
_OPEN_LINE_END_RE = lazy(r"[^.!?\"”’)\]。]\s*\n[ \t]*\Z")

#: How far before its credit a caption of flattened text may start, and how many sentences it may
#: hold, with no break to tell.
_FLAT_CAPTION_REACH = 500
_FLAT_CAPTION_SENTENCES = 2

# A sentence's end, after which a caption of flattened text may start.
_SENTENCE_END_RE = lazy(r"""[.!?。！？]["”’]?\s+(?=["“]?[\p{Lu}\p{Han}\d])""")

# How far back a caption may reach for its own dateline over line breaks (Xinhua photo pages).
_CAPTION_REACH = 900

# A Xinhua photo number before a caption's dateline: "(240413) -- ".
_PHOTO_NUMBER_RE = lazy(r"\(\d{6}\)\s*--\s*$")

_AGENCY_BY_CREDIT = {"Xinhua Photo": "Xinhua", "chinadaily.com.cn": "China Daily", "中新社": "China News Service"}


#: How many paragraphs a bracketed source must close for them to be credited photos.
_BRACKETED_SOURCES = 2

# The joints between photographers' names: "A, B and C", "甲、乙".
_NAME_JOINT_RE = lazy(r"\s*(?:,|、|，|\band\b|&)\s*")

# A caption's full date, from which a story without one takes its year, each form in its turn.
_DATED_RES = (
    lazy(r"\p{Lu}\p{Ll}+\.?\s+\d{1,2},\s+(?:19|20)\d\d"),  # April 19, 2016
    lazy(r"\d{1,2}\.?\s+\p{L}+\.?\s+(?:19|20)\d\d"),  # 10 août 2024, 10. August 2024
    lazy(r"(?:19|20)\d\d年\d{1,2}月\d{1,2}日"),  # 2024年5月18日
)

# The last word of a credit's name part that makes it a source, not a person: "DPA/Zuma Press",
# "Xinhua/Pool", "AP Photo/Handout", "Getty Images".
_NOT_A_PERSON_RE = lazy(r"(?:^|\s)(?:Press|Images|Wire|Pool|Handout|File|Photos?)$")


def _split_names(raw: str | None) -> tuple[str, ...]:
    if not raw:
        return ()
    parts = _NAME_JOINT_RE.split(raw.strip())
    return tuple(p.strip() for p in parts if p.strip() and not _NOT_A_PERSON_RE.search(p.strip()))


#: "This paper" in a Chinese paper's own credits and datelines (人民日报's "本报记者"): it names no agency.
_THIS_PAPER = ("本报", "本報")


def _credit_fields(state: ParseState, m: regex.Match[str]) -> tuple[str, str | None, tuple[str, ...]]:
    g = m.groupdict()
    credit = next(g[k] for k in g if k.startswith("credit") and g[k])
    agency_written = next((g[k] for k in g if k.startswith("ag") and g[k]), None)
    photographer = next((g[k] for k in g if k.startswith("ph") and g[k]), None)
    if g.get("ag9") in _THIS_PAPER:
        agency_written = None  # "本报记者...摄": the paper's own photographer, no agency named
    agency = None
    if agency_written:
        agency_written = agency_written.strip()
        agency = _AGENCY_BY_CREDIT.get(agency_written) or state.lexicon.canonical_agency(agency_written)
    return credit.strip(), agency, _split_names(photographer)


#: The shortest line a hard-wrapped caption breaks; a shorter line before it is a unit of its own
#: (a listing's "Read More »" link over the next item's photo).
_WRAPPED_LINE_MIN = 40


def _caption_start(state: ParseState, credit_start: int) -> int:
    """Where the description before a credit begins."""
    text = state.text
    floor = state.prev_claim_end(credit_start, reach=_CAPTION_REACH * 2)
    breaks = [m for m in UNIT_BREAK_RE.finditer(text, floor, credit_start)]
    start = floor
    # Back over line breaks while the line before does not end a sentence (a hard-wrapped caption).
    for m in reversed(breaks):
        if (
            "\n" in m.group(0)
            and "\n\n" not in m.group(0).replace(" ", "")
            and _OPEN_LINE_END_RE.search(text, max(floor, m.start() - 3), m.end())
            and m.start() - (text.rfind("\n", floor, m.start()) + 1) >= _WRAPPED_LINE_MIN
        ):
            continue
        start = m.end()
        break
    # Back to the caption's own dateline when one opens a line shortly before (Xinhua photo pages).
    reach = max(floor, credit_start - _CAPTION_REACH)
    for m in reversed(breaks):
        if m.end() < reach or m.end() >= start:
            continue
        head = _PHOTO_NUMBER_HEAD_RE.match(text, m.end())
        at = head.end() if head else m.end()
        own = first_dateline(state, at, credit_start, floor=at)
        if own is not None and own.start == at and "\n\n" not in text[m.end() : credit_start]:
            start = m.end()
            break
    glued = [g.end() for g in _GLUE_RE.finditer(text, start, credit_start)]
    if glued:
        start = glued[-1]
    if not breaks:
        # Flattened text with nothing to mark where the caption starts: a caption is a few sentences
        # (at most two, within 500 characters of its credit), not the story before it.
        low = max(start, credit_start - _FLAT_CAPTION_REACH)
        ends = [m.end() for m in _SENTENCE_END_RE.finditer(text, low, credit_start) if m.end() < credit_start - 2]
        if credit_start - start > _FLAT_CAPTION_REACH and ends:
            start = ends[0]
        if len(ends) >= _FLAT_CAPTION_SENTENCES:
            start = max(start, ends[-_FLAT_CAPTION_SENTENCES])
    return _after_cjk_title(text, start, credit_start)


# Chinese and Japanese prose has no spaces: a space between two of its characters is a flattened line
# break, and a title before it ("吉林雾凇冰雪游持续升温 1月7日，游客在……。新华社记者林卓远摄") is no part of the
# caption after it.
_CJK_GAP_RE = lazy(r"[\p{Han}\p{Hiragana}\p{Katakana}][ \t\u3000\u00a0]+(?=[\p{Han}\p{Hiragana}\p{Katakana}0-9０-９])")
_CJK_SENTENCE_END_RE = lazy(r"[。！？]")
_CJK_TITLE_MAX = 60
_CJK_TITLE_MIN = 6
_CJK_LETTERS_RE = lazy(r"[\p{Han}\p{Hiragana}\p{Katakana}]")


def _after_cjk_title(text: str, start: int, credit_start: int) -> int:
    """Where the caption starts when a CJK title without a sentence end stands before it, one space apart."""
    gap = _CJK_GAP_RE.search(text, start, min(credit_start, start + _CJK_TITLE_MAX + 4))
    if gap is None or _CJK_SENTENCE_END_RE.search(text, start, gap.end()):
        return start
    if len(_CJK_LETTERS_RE.findall(text, start, gap.end())) < _CJK_TITLE_MIN:
        return start  # "1月7日 游客在……": a date before the space opens the caption, it is no title
    if not _CJK_SENTENCE_END_RE.search(text, gap.end(), credit_start):
        return start  # the words after the space are no sentence: the caption is the whole run
    return gap.end()


_PHOTO_NUMBER_HEAD_RE = lazy(r"\(\d{6}\)\s*--\s*")


def _cut_at_dateline(state: ParseState, m: regex.Match[str]) -> int:
    """Where a credit that ends in a name really ends: before a dateline that the name ran into."""
    text = state.text
    for group in ("ph6", "ph7"):
        if m.group(group):
            name_start, name_end = m.start(group), m.end(group)
            for found in find_datelines(
                state, name_start, min(len(text), name_end + 200), floor=m.start(), anywhere=True
            ):
                if name_start < found.start < name_end:
                    return trim(text, name_start, found.start)[1]
    return m.end()


def parse(state: ParseState) -> None:
    """Claim every credited photo caption."""
    text = state.text
    # The matches are found before the loop: a scan's time limit runs from its first match to its last,
    # so the work done between matches would count against it on a long text.
    found = list(CREDIT_RE.finditer(text, timeout=time_limit(len(text))))
    # A source in brackets that closes a paragraph ("[Reuters]") credits a photo on a page of photos,
    # where the paragraphs closed so are two or more; one alone closes a story as often.
    bracketed = sum(1 for m in found if m.group("credit18"))
    for m in found:
        if not state.is_free(m.start(), m.end()):
            continue
        if m.group("credit18") and bracketed < _BRACKETED_SOURCES:
            continue
        credit, agency, photographers = _credit_fields(state, m)
        credit_end = _cut_at_dateline(state, m)
        if credit_end != m.end():
            credit = clean(text[m.start() : credit_end])
            photographers = _split_names(credit.split("/", 1)[-1])
        start = _caption_start(state, m.start())
        if m.group("credit12"):
            # "Photo shows ... (Kyodo)" inside a paragraph: the caption is the sentence that says so.
            said = list(_PHOTO_SENTENCE_RE.finditer(text, max(start, m.start() - 500), m.start()))
            if not said:
                continue
            start = said[-1].start()
        start, _ = trim(text, start, m.start())
        dateline = None
        head = _PHOTO_NUMBER_HEAD_RE.match(text, start)
        described_from = head.end() if head else start
        own = first_dateline(state, described_from, m.start(), floor=described_from)
        if own is not None and text[described_from : own.start].strip() == "":
            dateline = own.to_part(state)
            described_from = own.end
        # A Chinese caption stands before its credit with no brackets ("...设备。新华社记者黄一鸣摄").
        description = clean(text[described_from : m.start()])
        if not description:
            continue
        if m.group("credit12") and not _PHOTO_WORDS_RE.match(description):
            continue
        if m.group("credit13") and "=" not in description:
            continue  # Kyodo's caption always says where and when after "=": "担当者=12日、ジュネーブ(共同)"
        number = _PHOTO_NUMBER_RE.search(text, max(0, start - 12), start)
        if number and state.is_free(number.start(), start):
            start = number.start()
        caption = Caption(description, credit, agency, photographers, dateline, Span(start, credit_end))
        if state.claim("caption", start, credit_end, caption, "caption"):
            _note_year(state, caption)
    _labelled_captions(state)
    _gallery_captions(state)


def _labelled_caption_re(lexicon: Lexicon) -> regex.Pattern[str]:
    return lexicon.derived(_build_labelled_caption_re)


def _build_labelled_caption_re(lexicon: Lexicon) -> regex.Pattern[str]:
    # The credit's label and the credit on one line, then the caption's label and the caption on the
    # same or the next line: "Image source, Getty Images / Image caption, / Dockworkers had ...".
    return regex.compile(
        rf"""(?:(?<=\n)|\A)[ \t]*(?:{lexicon.alternation("photo_source_label")})[ \t]*[,:][ \t]*(?P<credit>[^\n]{{2,80}}?)[ \t]*\n
            [ \t]*(?:{lexicon.alternation("photo_caption_label")})[ \t]*[,:]\s*(?P<text>[^\n]{{2,400}}?)[ \t]*(?=\n|\Z)""",
        regex.VERBOSE,
    )


def _labelled_captions(state: ParseState) -> None:
    """Photos whose page labels the credit and the caption, credit first (the BBC's "Image source,")."""
    text = state.text
    lowered = state.lowered
    labels = [form.lower() for form in state.lexicon.marker_forms("photo_caption_label")]
    if not any(label in lowered for label in labels):
        return
    for m in list(_labelled_caption_re(state.lexicon).finditer(text, timeout=time_limit(len(text)))):
        start, end = trim(text, m.start(), m.end())
        if not state.is_free(start, end):
            continue
        credit = m.group("credit").strip()
        written = credit.split("/")[0].strip()
        agency = state.lexicon.canonical_agency(written) if written in state.lexicon.agency_forms() else None
        caption = Caption(clean(m.group("text")), credit, agency, (), None, Span(start, end))
        state.claim("caption", start, end, caption, "caption")


#: Share of a text's letters that credited captions must hold for it to be a photo gallery.
_GALLERY_SHARE = 0.3
_GALLERY_MIN_WORDS = 8


def _gallery_captions(state: ParseState) -> None:
    """On a photo gallery (Xinhua's photo pages, forum reposts of them), uncredited paragraphs are captions.

    A gallery is a text where two credited captions or more hold 30 % of its letters at least (a story
    with two photos holds far less). Its other
    paragraphs of a sentence or more are captions whose credit the page dropped (or that the scrape cut
    off); shorter lines are left for the residue parsers. ``findings.gallery`` tells the body parser
    that there is no story text.
    """
    text = state.text
    captions = state.claims_of("caption")
    if len(captions) < 2:
        return
    letters = sum(1 for ch in text if ch.isalpha())
    in_captions = sum(1 for c in captions for ch in text[c.span.start : c.span.end] if ch.isalpha())
    if not letters or in_captions < _GALLERY_SHARE * letters:
        return
    state.findings.gallery = True
    first = captions[0].span.start
    for run in list(state.free_runs(first)):
        for start, end in units(text, run.start, run.end):
            if "\n" in text[start:end] or len(text[start:end].split()) < _GALLERY_MIN_WORDS:
                continue
            description = clean(text[start:end])
            state.claim("caption", start, end, Caption(description, None, None, (), None, Span(start, end)), "caption")


def _note_year(state: ParseState, caption: Caption) -> None:
    """Remember the first full date that a caption gives, for a story dateline without a year."""
    if state.findings.caption_date is not None:
        return
    source = caption.dateline.date if caption.dateline and caption.dateline.date else None
    candidates = [source] if source else []
    # "April 19, 2016" (English), "10 août 2024" / "10. August 2024" (French, German), "2024年5月18日".
    for dated in _DATED_RES:
        candidates += dated.findall(caption.text)
    for written in candidates:
        parts = read_date(written, state.lexicon)
        if parts and parts[0]:
            state.findings.caption_date = (parts[0], parts[1], parts[2])
            return
