"""Residue: page furniture that belongs to no story.

Contract:
    Claims: residue of kinds ``pagination``, ``share``, ``navigation``, ``advertisement``,
    ``timestamp`` and ``markup`` (a feed's truncation mark). Distinctive forms (``1 2 3 >>``, ``2017-10-17 20:28:16``, ``分享到微信朋友圈``) are
    claimed anywhere; bare words that could be prose (``Share``, ``Print``, ``Advertisement``) only when
    they stand alone as a unit (a line, or a piece between double spaces) or between two sentences.
    Reads: nothing but the text, the free spans and ``state.lexicon`` (share, advertisement and
    share-prompt forms; months). Runs before every story parser, so what it claims splits the text
    into the units that they read.
    Writes: ``findings.page_date``, the date of the first page stamp that gives a real calendar date
    (the year a dateline without one takes when no caption gives one, applied by ``wirecut.years``).
"""

from __future__ import annotations

import datetime as dt

import regex

from wirecut.dates import checked_date, iso_date, read_date
from wirecut.lexicon import Lexicon
from wirecut.parsers import furniture
from wirecut.patterns import lazy
from wirecut.spans import ParseState, Span
from wirecut.story import Residue
from wirecut.text import WHITE_SPACE, Guarded, clean, time_limit, trim, units

# Pagination, found anywhere: a run of page numbers with an arrow or a next/last word.
PAGINATION_RE = lazy(
    r"""
      (?:(?:<<|«|‹)\s*)?(?:(?:Prev(?:ious)?|First|上一页|首页)\s+)?   # "<< Prev", "First" (Xinhua listings)
      (?:\d{1,4}\s+){1,30}(?:(?:\.\.\.|…)\s+(?:\d{1,4}\s+){0,5})?\d{0,4}\s*   # "1 2 3", "588 589 ... 600"
      (?:>>|»|›|Next(?:\s*(?:page|>>|»|›))?|Last|下一页|尾页)            # ">>", "Next >>", "Last"
      (?:\s*(?:>>|»|›|Last))?
    | (?:<<|«)\s*(?:Prev(?:ious)?|上一页)(?:\s+\d{1,4}){0,30}           # a lone "<< Prev 1 2"
    | (?i:next\s+page|previous\s+page|下一页|上一页)                    # "Next page"
    | (?i:page\s+\d{1,4}\s+of\s+\d{1,4})                               # "Page 2 of 3"
    """,
    regex.VERBOSE,
)

# How far the first and fourth timestamp forms reach around the ":" of their clock time: no form
# runs more than 30 characters before it or 40 after it.
CLOCK_REACH = (40, 60)

# Page timestamps, found anywhere: forms that no sentence contains. Each is guarded by the marks it
# needs, so a text without a clock time or an "ago" costs no scan.
TIMESTAMP_PATTERNS = (
    # MailOnline's stamps as the CNN/Daily Mail corpus keeps them, with " . " for each line break:
    # "PUBLISHED: . 09:12 EST, 14 March 2013 . | . UPDATED: . 11:40 EST, 14 March 2013 ." and the older
    # "Last updated at 3:04 PM on 10th January 2012 ."
    Guarded(
        r"""(?:PUBLISHED|UPDATED)\s*:\s*\.?\s*[0-2]?\d:[0-5]\d\s+(?:EST|EDT|GMT|BST|UTC),\s+[0-3]?\d\s+\p{L}+\s+(?:19|20)\d\d
            (?:\s*\.\s*\|\s*\.\s*UPDATED\s*:\s*\.?\s*[0-2]?\d:[0-5]\d\s+(?:EST|EDT|GMT|BST|UTC),\s+[0-3]?\d\s+\p{L}+\s+(?:19|20)\d\d)?
            (?:\s+\.(?=\s|$))?
          | Last\s+updated\s+at\s+[0-2]?\d:[0-5]\d\s+[AP]M\s+on\s+[0-3]?\d(?:st|nd|rd|th)?\s+\p{L}+\s+(?:19|20)\d\d(?:\s+\.(?=\s|$))?""",
        "published:",
        "updated:",
        "last updated at",
        flags=regex.VERBOSE,
    ),
    # 2017-10-17 20:28:16 (Xinhua); 2023年09月27日 20:15 (CNS); 06/08/2019 10:07 PM (Bernama)
    Guarded(
        r"""(?<!\d)(?:19|20)\d\d-[01]\d-[0-3]\d[ T][0-2]\d:[0-5]\d(?::[0-5]\d)?(?!\d)
          | (?:19|20)\d\d年[01]?\d月[0-3]?\d日\s*[0-2]?\d:[0-5]\d(?::[0-5]\d)?
          | (?<!\d)[0-3]?\d/[01]?\d/(?:19|20)\d\d\s+[0-2]?\d:[0-5]\d(?:\s*[AP]M)?""",
        ":",
        flags=regex.VERBOSE,
        reach=CLOCK_REACH,
    ),
    # CNN's "Updated 1407 GMT (2207 HKT) November 6, 2021"
    Guarded(
        r"(?i:updated|published|posted)\s*:?\s*[0-2]\d[0-5]\d\s+GMT\s*\(\d{4}\s+HKT\)\s+\w+\s+\d{1,2},\s+\d{4}", "hkt"
    ),
    # Kyodo's transmission stamp KWS-21:37-09-12-18; Yonhap's "10:31 April 15, 2024"
    Guarded(
        r"""\b[A-Z]{2,4}-[0-2]\d:[0-5]\d-\d\d-\d\d-\d\d\b
          | (?<![\d:])[0-2]?\d:[0-5]\d\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+[0-3]?\d,\s+(?:19|20)\d\d""",
        ":",
        flags=regex.VERBOSE,
        reach=CLOCK_REACH,
    ),
    # AP ANPA's AP-WF-02-20-16 0337GMT; dpa's "101137 GMT Dez 18"
    Guarded(r"\bAP-[A-Z]{2}-\d\d-\d\d-\d\d\s+\d{4}GMT\b|(?<!\d)[0-2]\d[0-5]\d[0-5]\d\s+GMT\s+\p{L}{3}\s+\d\d\b", "gmt"),
)

# A stamp relative to the moment the page was read: "2 hours 28 min ago", "1 day ago" (UPI's teasers,
# aggregators). It names no date, so it carries no ``iso`` (its "ago" is not the month "ago").
RELATIVE_TIMESTAMP = Guarded(
    r"\b\d{1,2}\s+(?:hours?|hrs?|days?|mins?|minutes?)(?:\s+\d{1,2}\s+(?:mins?|minutes?))?\s+ago\b", " ago"
)

# The San Francisco Chronicle's (SFGate's) stamp before its dateline, as ebdata's dateline reader
# expects it: "(07-17) 13:09 PDT SAN JOSE -- ...", month and day in brackets, a clock time and a US zone.
MONTH_DAY_CLOCK_RE = lazy(
    r"""\((?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\)   # (07-17)
        [ \t]+[0-2]?\d:[0-5]\d                                    # 13:09
        [ \t]+(?:[PMCE][SD]T|GMT)\b                                # PDT, PST, MDT, MST, CDT, CST, EDT, EST, GMT
    """,
    regex.VERBOSE,
)
MONTH_DAY_CLOCK = Guarded(MONTH_DAY_CLOCK_RE, ":", reach=CLOCK_REACH)

# NewsAPI cuts its ``content`` and ``description`` fields and says how much is left:
# "... presence in European showrooms, analysts said on Monda… [+1269 chars]". The ellipsis glued to the
# cut word belongs to the mark, not to the story.
TRUNCATION = Guarded(r"(?:…|\.\.\.)?[ \t]?\[\+\d{1,7}[ \t]chars\]", "chars]")

# A unit that is wholly a timestamp: a date standing alone as a line, with an optional label.
TIMESTAMP_UNIT_RE = lazy(
    r"""
    (?:(?i:date|published|posted|updated|time|时间|发布时间|日期)\s*[:：]?\s*)?
    (?:
        (?:19|20)\d\d-[01]\d-[0-3]\d                                     # date 2020-07-14
      | (?:\p{Lu}\p{Ll}+,?\s+)?
        \p{Lu}\p{Ll}+\.?\s+[0-3]?\d,\s*(?:19|20)\d\d                     # Thursday, April 30, 2009 / Freitag, Mai 2, 2025
      | [0-3]?\d[./][01]?\d[./](?:19|20)\d\d                             # ITAR-TASS's 16.01.2003
      | [0-3]?\d\s+\p{Lu}\p{Ll}+\s+(?:19|20)\d\d                        # 25 October 2013
      | [0-2]?\d:[0-5]\d\s+\p{Lu}\p{Ll}+\.?\s+[0-3]?\d,\s*(?:19|20)\d\d    # Yonhap's "10:31 April 15, 2024"
    )
    (?:\s+[0-2]?\d:[0-5]\d(?::[0-5]\d)?(?:\s*(?:[AP]M|GMT|UTC|EST|EDT|BJT))?)?
    """,
    regex.VERBOSE,
)


# Share, print and social buttons: a unit that is nothing else (the words of every language are in
# lexicon/markers.json; brackets around them are Chinese and older English pages' habit).
def _share_unit_source(lexicon: Lexicon) -> str:
    return rf"[\[【]?\s*(?:{lexicon.alternation('share')})\s*:?\s*[\]】]?"


# Share prompts found anywhere: the WeChat prompts of Chinese pages.
SHARE_RE = lazy(
    r"""分享到微信朋友圈                                                    # "share to WeChat Moments"
      | 打开微信[^\n。]{0,40}分享至朋友圈。?                                # "open WeChat, tap Discover..."
      | 打印本页 | 关闭窗口                                                 # "print this page", "close window"
    """,
    regex.VERBOSE,
)

# Social prompts in a sentence of their own: "Follow us on X and Facebook", "Follow us on Google News".
FOLLOW_RE = lazy(
    r"(?:(?<=[.!?\"”’]\s{1,3})|(?<=\n)|^)(?i:follow\sus\son|like\sus\son|share\son)\s[^\n.!?]{1,60}", regex.MULTILINE
)

# Page furniture of particular sites, each a real form, each guarded by the marks it needs.
FURNITURE_PATTERNS = (
    # FBIS's transcript headers: "Language: English", "Article Type:BFN", "[Text]", "[Excerpts]"
    Guarded(
        r"(?:(?<=\n)|^)[ \t]*Language:[ \t]+\p{L}+(?=[ \t]*\n)|Article\sType:\s?[A-Z]{2,5}\b",
        "language:",
        "article type",
        flags=regex.MULTILINE,
    ),
    Guarded(r"\[(?:Text|Excerpts?|Excerpt|Editorial\sReport|Passage\somitted|Words\sindistinct)\]", "["),
    # Forum gates: "Please, Log in or Register to view URLs content!"
    Guarded(r"(?i:please,?\s+)?(?i:log\s?in\s+or\s+register)[^\n!.]{0,60}[!.]?", "register"),
    # China Daily's "Note: Browsers with 1024*768 or higher resolution are suggested for this site."
    Guarded(r"(?:Note:\s*)?Browsers?\swith\s\d{3,4}\s?[*x×]\s?\d{3,4}[^\n.]{0,80}\.", "browser"),
    # AP's rule before a contact line; rule lines between a digest's items
    Guarded(
        r"_{3,}|(?:(?<=\n)|^)[ \t]*(?:-{5,}|={5,}|\*{5,}|(?:\*[ \t]){3,}\*)(?=[ \t]*(?:\n|$))",
        "___",
        "-----",
        "=====",
        "*****",
        "* * *",
        flags=regex.MULTILINE,
    ),
    # Image file names left by a scraper: "a717dc456d387cd762160cab8781bf69.jpeg"
    Guarded(r"\b[\w\-]{6,80}\.(?:jpe?g|png|gif|webp)\b", ".jp", ".png", ".gif", ".webp"),
    # dpa's transmission header "eca00075 3 i 510 dpa 1003" and keyword path "/politics/Britain/"
    Guarded(r"(?:(?<=\n)|^)[a-z]{3}\d{4,5}\s+\d\s+[a-z]\s+\d{3,4}\s+dpa\s+\d{4}", " dpa ", flags=regex.MULTILINE),
    Guarded(r"(?<!\S)/(?:[\p{L}\-]+/){2,}(?!\S)", "/"),
    # EFE's desk initials "daa/mt/msr"
    Guarded(r"(?<![\p{L}/])[a-z]{2,4}/[a-z]{2,4}/[a-z]{2,4}(?:/[a-z]{2,4})?(?![\p{L}/])", "/"),
)

# A web address that stands where an element starts (after markup, at a line's start), not in a sentence.
URL_RE = lazy(r"https?://[^\s<>\"]{3,500}")

# Wire transmission lines (ANPA 1312, as AP and Kyodo feeds send them): the header "a0105KYODOkoko-",
# the budget slug "d s BC-Soccer-Emperor's-Cup   09-12 0344" and the slug alone "BC-Soccer-Emperor's-Cup".
WIRE_SLUG_UNIT_RE = lazy(
    r"""[a-z]\d{4}[A-Z]{3,}[\w]*-?
      | (?:[a-z]\s[a-z]\s+)?BC-[\w'’\-]+(?:,?\s+[\w'’\-]+){0,3}?(?:\s+\d\d-\d\d(?:\s+\d{4})?)?""",
    regex.VERBOSE,
)

# A unit that is only a site's name or a counter's: "Top.Mail.Ru", "chinadaily.com.cn".
DOMAIN_UNIT_RE = lazy(r"(?i:(?:[\w\-]+\.)+(?:ru|com|cn|net|org|de|fr|it|es|jp|kr|in|uk)(?:\.[a-z]{2})?)")


def _unit_patterns(lexicon: Lexicon) -> tuple[tuple[regex.Pattern[str], str], ...]:
    """The whole-unit patterns of a lexicon, built once and kept on it."""
    return lexicon.derived(_build_unit_patterns)


def _build_unit_patterns(lexicon: Lexicon) -> tuple[tuple[regex.Pattern[str], str], ...]:
    return (
        (regex.compile(_share_unit_source(lexicon)), "share"),
        # "Follow us on Facebook", "Подписывайтесь на РИА Новости в Telegram".
        (regex.compile(rf"(?:{lexicon.alternation('share_prompt')})\s[^\n.!?]{{1,60}}"), "share"),
        # An advertisement label alone ("  Advertisement  << Prev 1 2 Next >>  ").
        (regex.compile(lexicon.alternation("advertisement")), "advertisement"),
        (TIMESTAMP_UNIT_RE, "timestamp"),
        (NAVIGATION_UNIT_RE, "navigation"),
        (DOMAIN_UNIT_RE, "unknown"),
        (WIRE_SLUG_UNIT_RE, "unknown"),
    )


# Cookie banners: a sentence about cookies, and the button after it.
COOKIE_RE = lazy(
    r"(?:(?<=[.!?\"”’]\s{1,3})|(?<=\n)|^)We\suse\scookies[^\n]{0,300}?(?:cookies\.|(?=\n)|$)", regex.MULTILINE
)

# A byline line that a site runs on with its read time and stamp, as newspaper4k and other extractors
# leave it: "By NAME | 2 Minute Read | Published 9:41 AM EDT Sun October 3, 2021".
BYLINE_META_RE = lazy(
    r"""(?:By|BY)\s[^|\n]{2,80}?\s
        (?P<meta>\|\s(?:\d{1,2}\s(?i:minutes?|min)\s(?i:read)|(?i:published|updated|posted)\b).*)""",
    regex.VERBOSE,
)

# Navigation a unit can be: site menus, font-size switches, "back to top". A menu's items and a
# breadcrumb's steps never hold their own separator, so a run of separators ("> > > ...", "»»»...")
# has one way to match, not one for every split of the run (which cost seconds a line).
NAVIGATION_UNIT_RE = lazy(
    r"""
      (?!By\s|BY\s)[^|\n]{1,60}(?:\s\|\s[^|\n]{1,60}){2,}  # a menu: "Help | Sitemap | Archive | Advanced Search"
    | .{3,200}?\s?(?:-|–|\|)\s?(?:Xinhua|China\ Daily|chinadaily\.com\.cn|People's\ Daily)(?:\s?\|\s?[\w.]+)?  # page titles
    | 【字[体體][:：][^】]{0,20}】?                           # Chinese font-size switch
    | \d{1,2}版[:：].{1,12}                                 # a paper's page labels: "01版:要 闻"
    | [^>›»\n]{1,20}(?:[>›»]{1,3}[^>›»\n]{1,20}){2,9}      # breadcrumbs: "首页>文化频道>要闻>正文", "Home » News"
    | 本[页頁]位置[:：].{0,60}                                 # "本頁位置: 首頁新聞中心"
    | (?:正在阅读|当前位置|您的位置|现在位置)[:：].{0,60}          # "正在阅读:..." (now reading)
    | (?i:start|home|startseite|inicio|accueil)(?:\s+\S+){0,3}   # "Start Blog Seite 198", a site's first menu items
    | (?i:Seite|Página|Pagina|Страница)\s+\d{1,4}|第\d{1,4}页     # "Seite 198", "第2页"
    | Foto(?:/Quelle)?:\s.{1,120}                            # dts's photo lines: "Foto/Quelle: dts"
    | (?:(?i:go\s+to\s+contents|go\s+to\s+navigation|back\s+to\s+top|skip\s+to\s+(?:main\s+)?content|home|menu|search|close|关闭窗口|返回顶部)\s*){1,4}
    | _{3,}                                              # AP's rule before a contact line
    | (?i:accept|accept\s+all|reject\s+all|i\s+agree)       # a cookie banner's buttons
    """,
    regex.VERBOSE,
)

# Advertisement labels, alone as a unit or between two sentences of flattened text.
ADVERTISEMENT_RE = lazy(
    r"(?:(?<=[.!?\"”’]\s{1,3})|^)(?:ADVERTISEMENT|Advertisement|Sponsored\s+content|广告)(?=\s+[\p{Lu}\"“\d<]|\s*$)",
    regex.MULTILINE,
)


def _claim(state: ParseState, kind: str, start: int, end: int, *, dated: bool = True) -> None:
    """Claim residue; a timestamp gets the ``iso`` of its date, unless it is not ``dated`` ("1 day ago")."""
    text = state.text
    raw = text[start:end]
    iso = None
    if kind == "timestamp" and dated:
        written = read_date(raw, state.lexicon)
        iso = iso_date(written, None) if written else _iso_of_numeric(raw)
    state.claim("residue", start, end, Residue(kind, clean(raw), Span(start, end), iso), "residue")


def _claim_label_and_stamp(state: ParseState, start: int, end: int) -> None:
    """Claim a stamp's label as a timestamp, with the stamp claimed right after it if there is one."""
    text = state.text
    after = end + len(text[end : end + 8]) - len(text[end : end + 8].lstrip(" \t"))
    stamp = next(
        (c for c in state.claims_between(after, after + 1) if c.label == "residue" and c.span.start == after), None
    )
    if stamp is None or stamp.part.kind != "timestamp" or "\n" in text[end:after]:
        _claim(state, "timestamp", start, end)
        return
    state.release(stamp)
    raw = text[start : stamp.span.end]
    residue = Residue("timestamp", clean(raw), Span(start, stamp.span.end), stamp.part.iso)
    state.claim("residue", start, stamp.span.end, residue, "residue")


def _claim_month_day_clock(state: ParseState, m: regex.Match[str]) -> None:
    """Claim SFGate's "(07-17) 13:09 PDT", whose date has no year: its ``iso`` is "--07-17"."""
    iso = iso_date(checked_date(None, int(m.group("month")), int(m.group("day"))), None)
    residue = Residue("timestamp", clean(m.group(0)), Span(m.start(), m.end()), iso)
    state.claim("residue", m.start(), m.end(), residue, "residue")


_NUMERIC_DATE_RE = lazy(r"((?:19|20)\d\d)[-年/.]([01]?\d)[-月/.]([0-3]?\d)")
# Day first, as Bernama and most of the world write it ("06/08/2019" is 6 August); month first only
# when the second number cannot be a month.
_DAY_FIRST_RE = lazy(r"(?<!\d)([0-3]?\d)[/.]([0-3]?\d)[/.]((?:19|20)\d\d)(?!\d)")


def _iso_of_numeric(raw: str) -> str | None:
    m = _NUMERIC_DATE_RE.search(raw)
    if m:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = _DAY_FIRST_RE.search(raw)
        if not m:
            return None
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if month > 12 >= day:
            day, month = month, day
    return iso_date(checked_date(year, month, day), None)  # "2019-02-31" names no day: no iso


def parse(state: ParseState) -> None:
    """Claim pagination, page stamps, share buttons, navigation and advertisements."""
    text = state.text
    lowered = state.lowered
    # Whole units of one furniture form first (a stamp, a meta line, a trail, a tag line, a button),
    # so that the patterns below do not cut a meta line into pieces that no longer show its shape.
    furniture.claim_forms(state)
    guarded: list[tuple[Guarded, str]] = [
        (PAGINATION, "pagination"),
        *((g, "timestamp") for g in TIMESTAMP_PATTERNS),
        (SHARE, "share"),
        (ADVERTISEMENT, "advertisement"),
        (FOLLOW, "share"),
        (CLICK_HERE, "navigation"),
        (COOKIE, "unknown"),
        *((g, "unknown") for g in FURNITURE_PATTERNS),
        (TRUNCATION, "markup"),
    ]
    for pattern, kind in guarded:
        for m in pattern.finditer(text, lowered):
            _claim(state, kind, m.start(), m.end())
    for m in RELATIVE_TIMESTAMP.finditer(text, lowered):
        _claim(state, "timestamp", m.start(), m.end(), dated=False)
    for m in MONTH_DAY_CLOCK.finditer(text, lowered):
        _claim_month_day_clock(state, m)
    _claim_feed_head_and_tail(state)
    _claim_tags(state)
    _claim_trailing_share(state)
    _claim_standalone_urls(state)
    for run in list(state.free_runs()):
        for start, end in units(text, run.start, run.end):
            if end - start > 300:
                continue
            piece = text[start:end]
            meta = BYLINE_META_RE.match(piece)
            if meta:
                # The byline is the byline parser's; the read time and the stamp after it are furniture.
                # A stamp already claimed right after the label ("| Updated: 2023-10-12 16:48") is the
                # label's own: the two are one stamp.
                _claim_label_and_stamp(state, start + meta.start("meta"), end)
                continue
            for unit_re, kind in _unit_patterns(state.lexicon):
                if unit_re.fullmatch(piece, timeout=1.0):
                    _claim(state, kind, start, end)
                    break
    if state.findings.page_date is None:
        state.findings.page_date = _first_page_date(state)


def _first_page_date(state: ParseState) -> dt.date | None:
    """The date of the first page stamp that names a real day with its year ("2019-02-31" names none)."""
    for claim in state.claims:
        iso = claim.part.iso if claim.label == "residue" and claim.part.kind == "timestamp" else None
        if iso and not iso.startswith("-"):
            try:
                return dt.date.fromisoformat(iso)
            except ValueError:
                continue
    return None


# IPTC 7901's transmission header, the first line of a dpa, ATS or SDA item: service and number,
# priority, category, word count, source, time ("ecp0007 4 s 850  dpa-tns 0908", "bsf037 4 su 174 gef 1388").
IPTC_HEADER_RE = lazy(
    r"[ \t]*[a-z]{2,4}\d{3,5}[ \t]+\d[ \t]+[a-z]{1,3}[ \t]+\d{1,4}[ \t]+[a-z][a-z\-]{1,8}[ \t]+\d{4}(?=\s)"
)

# IPTC 7901's closing stamp, day, hour and minute, then month and year, with or without "GMT":
# dpa's "211259 Nov 18", ATS's "211005 jan 19" (the form with GMT is among the timestamps above).
IPTC_TAIL_STAMP_RE = lazy(r"(?<![\d\p{L}])[0-3]\d[0-2]\d[0-5]\d[ \t]+\p{L}{3}[ \t]+\d\d\s*\Z")


# IPTC 7901's start-of-message and end-of-message codes around an item: "ZCZC FMG000", with the
# priority and category line after it ("YY TDR"), ... "NNNN".
IPTC_START_RE = lazy(
    r"[ \t]*ZCZC(?:[ \t]+[A-Z0-9]{2,12})*(?:\s*\n[ \t]*[A-Z]{1,5}(?:[ \t]+[A-Z]{1,5}){0,2})?(?=[ \t]*\n)"
)
IPTC_END_RE = lazy(r"(?<!\S)NNNN\s*\Z")
_LEADING_SPACE_RE = lazy(r"\s*")


def _after_space(text: str, pos: int) -> int:
    space = _LEADING_SPACE_RE.match(text, pos)  # always matches (perhaps nothing)
    return space.end() if space else pos


def _claim_feed_head_and_tail(state: ParseState) -> None:
    text = state.text
    start = _after_space(text, 0)
    for head_re in (IPTC_START_RE, IPTC_HEADER_RE):
        head = head_re.match(text, start)
        if head:
            _claim(state, "unknown", *trim(text, head.start(), head.end()))
            start = _after_space(text, head.end())
    end_code = IPTC_END_RE.search(text, max(0, len(text) - 20))
    if end_code:
        _claim(state, "unknown", *trim(text, end_code.start(), end_code.end()))
    tail = IPTC_TAIL_STAMP_RE.search(text, max(0, len(text) - 40))
    if tail:
        _claim(state, "timestamp", *trim(text, tail.start(), tail.end()))


# A tag list closing a page: TASS's "Tags Kazakhstan Russia".
_TAGS_RE = lazy(
    r"(?:(?<=[.!?\"”’]\s{1,3})|(?<=\n)|^)(?P<label>Tags|TAGS|Topics)\s?:?(?P<tags>(?:\s+[\p{Lu}][\p{L}.\-]*){1,12})\s*\Z"
)


# One tag of the list: a capitalised word.
_TAG_WORD_RE = lazy(r"[\p{Lu}][\p{L}.\-]*")


def _claim_tags(state: ParseState) -> None:
    text = state.text
    m = _TAGS_RE.search(text, max(0, len(text) - 300))
    if not m:
        return
    _claim(state, "navigation", m.start("label"), m.end("label"))
    for tag in _TAG_WORD_RE.finditer(text[m.start("tags") : m.end("tags")]):
        _claim(state, "navigation", m.start("tags") + tag.start(), m.start("tags") + tag.end())


def _claim_standalone_urls(state: ParseState) -> None:
    """Claim addresses that stand alone: at a line's start or right after markup (a feed's link)."""
    text = state.text
    if "://" not in text:
        return
    # found before the loop: a scan's time limit would count the loop's work (see text.time_limit)
    for m in list(URL_RE.finditer(text, timeout=time_limit(len(text)))):
        # What stands right before the address, on its line: nothing, or a claimed part (markup).
        before_end = (
            len(text[: m.start()].rstrip(" \t"))
            if m.start() < 200
            else m.start()
            - (len(text[m.start() - 200 : m.start()]) - len(text[m.start() - 200 : m.start()].rstrip(" \t")))
        )
        at_line_start = before_end == 0 or text[before_end - 1] == "\n"
        after_claim = before_end > 0 and not state.is_free(before_end - 1, before_end)
        if not (at_line_start or after_claim):
            continue
        end = m.start() + len(m.group(0).rstrip(".,;)"))
        _claim(state, "unknown", m.start(), end)


def _trailing_share_re(lexicon: Lexicon) -> regex.Pattern[str]:
    return lexicon.derived(_build_trailing_share_re)


def _build_trailing_share_re(lexicon: Lexicon) -> regex.Pattern[str]:
    """A share button glued to the story's last sentence: "... cumbre de países amazónicos. Compartir"."""
    return regex.compile(rf"(?<=[.!?\"”’]\s{{1,3}})(?:{lexicon.alternation('share')})\s*\Z")


def _claim_trailing_share(state: ParseState) -> None:
    text = state.text
    m = _trailing_share_re(state.lexicon).search(text, max(0, len(text) - 60))
    if m:
        end = m.start() + len(m.group(0).rstrip())
        _claim(state, "share", m.start(), end)


# The marks that end a run of page numbers ("1 2 3 >>", "588 589 ... 600 Next") and the word that
# follows "next" in "Next page".
_AFTER_PAGE_NUMBERS = frozenset([">>", "»", "›", "next", "last"])
_PAGE_WORD_RE = lazy(r"\s+page")


def _pagination_mark(lowered: str, needle: str, at: int) -> bool:
    """Whether a mark can be a pagination's: "next" and "last" are common words of a story's prose.

    A mark that ends the run of page numbers stands after a number or an ellipsis; "next" also opens
    "next page". The other marks ("prev", "页", "page ") are kept wherever they are.
    """
    if needle not in _AFTER_PAGE_NUMBERS:
        return True
    mark = at
    while at > 0 and lowered[at - 1] in WHITE_SPACE:
        at -= 1
    if at > 0 and (lowered[at - 1].isdigit() or lowered[at - 1] in ".…"):
        return True
    return needle == "next" and _PAGE_WORD_RE.match(lowered, mark + 4) is not None


# The whole-text patterns with the marks they need.
# Every pagination form ends with, or holds, one of these marks; the run of page numbers before it is
# at most 30 numbers and an ellipsis, so the scan looks 300 characters before a mark.
PAGINATION = Guarded(
    PAGINATION_RE,
    ">>",
    "»",
    "›",
    "next",
    "last",
    "页",
    "prev",
    "page of",
    "page ",
    reach=(300, 60),
    keep=_pagination_mark,
)
SHARE = Guarded(SHARE_RE, "分享", "打印", "关闭")
ADVERTISEMENT = Guarded(ADVERTISEMENT_RE, "advertisement", "sponsored", "广告")
FOLLOW = Guarded(FOLLOW_RE, "follow us", "like us", "share on")

# Links that a page lists as "NAME CLICK HERE!", often several on a line: "World RSS CLICK HERE! Political
# RSS CLICK HERE!". Each is a navigation item.
CLICK_HERE = Guarded(
    r"(?:(?<=!\s{1,3})|(?<=\n)|^)[^\n!?]{1,80}?\s(?:CLICK\s+HERE|Click\s+[Hh]ere)(?:!|\s*>>|(?=\s*(?:\n|$)))",
    "click here",
    flags=regex.MULTILINE,
)
COOKIE = Guarded(COOKIE_RE, "cookies")
