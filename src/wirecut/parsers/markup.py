"""Markup: HTML and XML that a scraper left in the text.

Contract:
    Claims: residue of kind ``markup`` for tags, comments, declarations and processing instructions,
    anywhere in the text, and the code inside ``<script>`` and ``<style>``. A text that looks like an
    HTML page (a doctype, an ``<html>``, ``<head>`` or ``<body>`` tag, or three closing tags) is
    tokenised with the standard library's ``html.parser``, the tokenizer browsers' rules describe, so
    that every tag it finds is markup (``<aside>``, ``<time>``, ``<svg>``, ``</body></html>``); in
    other text a pattern finds the tags of HTML's, SVG's and RSS's vocabularies, CDATA wrappers, XML
    declarations, comments and template placeholders.
    Never: claims angle brackets that are not markup: the ticker symbols of Reuters-21578 headlines
    (``STANDARD OIL <SRD>``, ``DU PONT <DD>``, ``INTERSTATE BANCORP <I>``: a bare tag in capitals with
    no closing tag after it is a ticker, unless it is one of the block tags HTML leaves unclosed),
    ``<Noticia en desarrollo>``, ``<desk@agency.com>``, the text of a CDATA section (an RSS item's
    description), and the data between tags.
    Reads: only the text. The whole page is for ``trafilatura`` (see the README's recipe); this parser
    keeps what is left of the page out of the story.
"""

from __future__ import annotations

from bisect import bisect_right
from html.parser import HTMLParser

import regex

from wirecut.patterns import lazy
from wirecut.spans import ParseState, Span
from wirecut.story import Residue
from wirecut.text import clean, time_limit

# The elements of HTML (the WHATWG living standard and the older ones pages still carry), of SVG and
# MathML as pages inline them, and of RSS and Atom feeds that scrapers flatten into text.
_VOCABULARY = """
    a abbr acronym address area article aside audio b base bdi bdo big blink blockquote body br button
    canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em
    embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr
    html i iframe img input ins kbd label legend li link main map mark marquee menu meta meter nav nobr
    noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp script
    search section select slot small source span strike strong style sub summary sup table tbody td
    template textarea tfoot th thead time title tr track tt u ul var video wbr
    svg g path circle ellipse line polyline polygon rect defs use symbol lineargradient radialgradient
    stop clippath mask pattern filter text tspan desc foreignobject image math mi mn mo mrow msup
    rss channel item guid pubdate lastbuilddate description category language url width height generator
    comments enclosure author feed entry updated published summary content
"""
HTML_ELEMENTS = frozenset(_VOCABULARY.split())

# The phrasing elements of HTML that mark words inside a sentence (a link, a bold name, a date): a
# paragraph runs on across them, where a block tag (``<p>``, ``<div>``, ``<br>``, ``<li>``) ends it.
# ``<time>`` is left out: news pages wrap their publish stamp in it (``<time datetime=...>``), which is
# the page's, not the sentence's.
_INLINE_VOCABULARY = """
    a abbr b bdi bdo big cite code del dfn em font i ins kbd mark nobr q s samp small span strike strong
    sub sup tt u var
"""
INLINE_ELEMENTS = frozenset(_INLINE_VOCABULARY.split())

# The name of an opening or closing tag at the start of a markup claim's text ("<a href=...>", "</b>").
_INLINE_TAG_RE = lazy(r"</?(?P<name>[A-Za-z][A-Za-z0-9]{0,9})(?=[\s/>])")


def is_inline_tag(raw: str) -> bool:
    """True for one opening or closing tag of a phrasing element (``<b>``, ``</a>``, ``<span class=x>``).

    >>> is_inline_tag('<a href="/x">'), is_inline_tag("</strong>"), is_inline_tag("<p>")
    (True, True, False)
    """
    m = _INLINE_TAG_RE.match(raw)
    return m is not None and raw.endswith(">") and m.group("name").lower() in INLINE_ELEMENTS


# Block tags that HTML leaves unclosed and old pages write in capitals ("<P>", "<BR>", "<LI>"): bare
# and in capitals they are still markup, where any other bare capital tag with no closing tag is a
# ticker (Reuters-21578: "<DD>" is Du Pont, "<I>" Interstate Bancorp, "<EM>" a fund).
_UNCLOSED_BLOCKS = frozenset({"BR", "HR", "P", "LI", "TD", "TR", "TH"})

MARKUP_RE = lazy(
    r"""
      <!\[CDATA\[ | \]\]>                      # CDATA wrappers of RSS and Kindle feeds (China Daily)
    | <\?xml[^>\n]{0,200}\?>                    # an XML declaration at the head of a feed
    | <!--[^>]{0,500}?-->                       # an HTML comment
    | <!doctype[^<>]{0,200}>                    # a page's doctype
    | \{\*[^{}\n]{0,40}\*\}                        # a template's placeholder left in the page: "{* *}"
    | </?(?P<name>[A-Za-z][\w.:-]{0,40})           # a tag: its name, checked against the vocabularies
      (?:\s[^<>]{0,500})?/?>                    # with attributes, or self-closed ("<br/>")
    """,
    regex.VERBOSE | regex.IGNORECASE,
)

# A bare tag in capitals, which is a stock ticker unless it is closed or is an unclosed block tag.
_BARE_CAPITALS_RE = lazy(r"<(?P<name>[A-Z][A-Z0-9]{0,9})>")

# What makes a text an HTML page rather than text with a stray tag: a document's own tags, or
# closing tags (tickers and "<Noticia en desarrollo>" are never closed).
_PAGE_RE = lazy(r"<!doctype\s+html|<(?:html|head|body)[\s>]|</[A-Za-z][\w.:-]{0,40}\s*>", regex.IGNORECASE)
_PAGE_CLOSING_TAGS = 3

#: How far after a tag its closing tag must stand for the tag to be markup rather than a ticker.
_CLOSING_REACH = 2000


def _is_markup_name(name: str) -> bool:
    """A name of the vocabularies, a namespaced one (``dc:creator``) or a custom element's (``my-card``).

    >>> _is_markup_name("my-card"), _is_markup_name("Rapid-American"), _is_markup_name("ASIDE")
    (True, False, True)
    """
    lowered = name.lower()
    # A custom element's name is lower case by the HTML standard: "<Rapid-American Corp>", a
    # Reuters-21578 company tag, is text.
    return lowered in HTML_ELEMENTS or ":" in lowered or ("-" in name and name == lowered)


def _is_ticker(text: str, start: int, end: int) -> bool:
    """True for "<DD>" and the like with no "</DD>" after them: a ticker, which is text, not markup."""
    bare = _BARE_CAPITALS_RE.fullmatch(text, start, end)
    if bare is None or bare.group("name") in _UNCLOSED_BLOCKS:
        return False
    closing = f"</{bare.group('name')}>"
    return closing not in text[end : end + _CLOSING_REACH].upper()


def looks_like_page(text: str) -> bool:
    """True when ``text`` is (part of) an HTML page: a doctype, a document tag or three closing tags."""
    for closing, m in enumerate(_PAGE_RE.finditer(text, timeout=time_limit(len(text))), start=1):
        if not m.group(0).startswith("</"):
            return True
        if closing >= _PAGE_CLOSING_TAGS:
            return True
    return False


class _Tokens(HTMLParser):
    """The spans of a page's markup, as ``html.parser`` tokenises it (``getpos`` gives each start).

    Each token starts where the one before it ends, so a token's end is the next one's start (the
    end of a start tag is exact: ``get_starttag_text``).
    """

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0, *(m.end() for m in _NEWLINE_RE.finditer(text))]
        self.starts: list[int] = []  # every token's start, in order
        self.markup: list[tuple[int, int | None]] = []  # (start, exact end or None: up to the next token)
        self.closed: set[str] = set()

    def _at(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _token(self, *, markup: bool, end: int | None = None) -> None:
        start = self._at()
        if not self.starts or start > self.starts[-1]:
            self.starts.append(start)
        if markup and not self.text.startswith("<![", start):  # CDATA: its text is the story's
            self.markup.append((start, end))

    def handle_starttag(self, tag: str, attrs: object) -> None:
        # Every tag of a page is markup but a ticker in capitals; a name of no vocabulary is markup
        # only when the page closes it too (checked in ``spans``, once the page is read).
        end = self._at() + len(self.get_starttag_text() or "")
        self._token(markup=not _is_ticker(self.text, self._at(), end), end=end)

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.closed.add(tag.lower())
        self._token(markup=True)

    def handle_data(self, data: str) -> None:
        # The code of a script or a style is the page's, not the story's.
        self._token(markup=self.cdata_elem in ("script", "style"))

    def handle_comment(self, data: str) -> None:
        self._token(markup=True)

    def handle_decl(self, decl: str) -> None:
        self._token(markup=True)

    def handle_pi(self, data: str) -> None:
        self._token(markup=True)

    def unknown_decl(self, data: str) -> None:
        self._token(markup=True)

    def handle_entityref(self, name: str) -> None:
        self._token(markup=False)

    def handle_charref(self, name: str) -> None:
        self._token(markup=False)

    def spans(self) -> list[Span]:
        """The markup's spans, each ending at its last ">" (a script's code, at its last non-space)."""
        found = []
        text = self.text
        for start, exact in self.markup:
            if exact is None:
                index = bisect_right(self.starts, start)
                stop = self.starts[index] if index < len(self.starts) else len(text)
                if text.startswith("<", start):
                    end = text.rfind(">", start, stop) + 1
                    if end <= start:
                        continue
                else:
                    end = start + len(text[start:stop].rstrip())
                    start += len(text[start:end]) - len(text[start:end].lstrip())
                    if end <= start:
                        continue
            else:
                end = exact
                name = _TAG_NAME_RE.match(text, start + 1, end)
                if name and not _is_markup_name(name.group(0)) and name.group(0).lower() not in self.closed:
                    continue  # "<Noticia en desarrollo>" inside a page: a name nothing closes
            found.append(Span(start, end))
        return found


_TAG_NAME_RE = lazy(r"[A-Za-z][\w.:-]*")
# html.parser counts lines by "\n" alone (its ``getpos``), and so does the offset table.
_NEWLINE_RE = lazy(r"\n")


def _page_spans(text: str) -> list[Span] | None:
    """The markup of a page by ``html.parser``; None when the tokenizer gives up (the pattern is used)."""
    tokens = _Tokens(text)
    try:
        tokens.feed(text)
        tokens.close()
    except Exception:  # html.parser is lenient by design; any refusal leaves the page to the pattern
        return None
    return tokens.spans()


def _claim(state: ParseState, start: int, end: int) -> None:
    part = Residue("markup", clean(state.text[start:end]), Span(start, end))
    state.claim("residue", start, end, part, "markup")


def parse(state: ParseState) -> None:
    """Claim every markup tag as residue."""
    text = state.text
    if "<" not in text and "]]>" not in text and "{*" not in text:
        return
    if "<" in text and looks_like_page(text):
        for span in _page_spans(text) or ():
            _claim(state, span.start, span.end)
    # The pattern then finds what the tokenizer leaves (CDATA wrappers, placeholders) or, in text that
    # is no page, every tag of the vocabularies.
    # found before the loop: a scan's time limit would count the loop's work (see text.time_limit)
    for m in list(MARKUP_RE.finditer(text, timeout=time_limit(len(text)))):
        name = m.group("name")
        if name is not None and (not _is_markup_name(name) or _is_ticker(text, m.start(), m.end())):
            continue
        _claim(state, m.start(), m.end())
