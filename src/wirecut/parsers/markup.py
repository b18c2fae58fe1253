"""Markup: HTML and XML that a scraper left in the text.

Contract:
    Claims: residue of kind ``markup`` for tags of HTML's own vocabulary (``<br/>``, ``</p>``,
    ``<a href=...>``), CDATA wrappers and XML declarations, anywhere in the text.
    Never: claims angle brackets that are not HTML, such as the ticker symbols of Reuters-21578
    headlines (``STANDARD OIL <SRD>``, ``INTERSTATE BANCORP <I>``: a capital "<I>" or "<B>" with no
    closing tag after it is a ticker), which are text.
"""

from __future__ import annotations

import regex

from wirecut.patterns import lazy
from wirecut.spans import ParseState, Span
from wirecut.story import Residue
from wirecut.text import clean, time_limit

MARKUP_RE = lazy(
    r"""
      <!\[CDATA\[ | \]\]>                      # CDATA wrappers of RSS and Kindle feeds (China Daily)
    | <\?xml[^>\n]{0,200}\?>                    # an XML declaration at the head of a feed
    | <!--[^>]{0,500}?-->                       # an HTML comment
    | \{\*[^{}\n]{0,40}\*\}                        # a template's placeholder left in the page: "{* *}"
    | </?(?i:br|p|div|span|a|b|i|u|em|strong|img|li|ul|ol|table|tr|td|th|tbody|thead|h[1-6]|font|center
          |script|style|iframe|figure|figcaption|section|article|header|footer|nav|hr|blockquote|small|sup|sub
          |meta|link|title|description|channel|item|guid|pubDate|lastBuildDate|rss|atom:link|dc:creator
          |category|content:encoded|language|sy:\w+|image|url|width|height|generator|comments|wfw:\w+|slash:\w+)
      (?:\s[^<>]{0,500})?/?>                    # the tag names of HTML and of RSS feeds, with attributes
    """,
    regex.VERBOSE,
)


# A bare tag in capitals that is also a stock ticker: Reuters-21578's "Interstate Bancorp <I>" and
# "Bank of Boston <B>" name companies with the letters of HTML's <I>, <B>, <U> and <A>.
# Only inline tags, which HTML closes; a block's <P> or a <BR> often stands unclosed.
_TICKER_LIKE_RE = lazy(r"<(?P<name>[IBUSA])>")

#: How far after a tag its closing tag must stand for the tag to be markup rather than a ticker.
_CLOSING_REACH = 2000


def _is_ticker(text: str, m: regex.Match[str]) -> bool:
    """True for "<I>" and the like with no "</I>" after them: a ticker, which is text, not markup."""
    bare = _TICKER_LIKE_RE.fullmatch(m.group(0))
    if bare is None:
        return False
    closing = f"</{bare.group('name')}>"
    return closing not in text[m.end() : m.end() + _CLOSING_REACH].upper()


def parse(state: ParseState) -> None:
    """Claim every markup tag as residue."""
    text = state.text
    if "<" not in text and "]]>" not in text and "{*" not in text:
        return
    for m in MARKUP_RE.finditer(text, timeout=time_limit(len(text))):
        if _is_ticker(text, m):
            continue
        part = Residue("markup", clean(m.group(0)), Span(m.start(), m.end()))
        state.claim("residue", m.start(), m.end(), part, "markup")
