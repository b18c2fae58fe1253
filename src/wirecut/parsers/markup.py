"""Markup: HTML and XML that a scraper left in the text.

Contract:
    Claims: residue of kind ``markup`` for tags of HTML's own vocabulary (``<br/>``, ``</p>``,
    ``<a href=...>``), CDATA wrappers and XML declarations, anywhere in the text.
    Never: claims angle brackets that are not HTML, such as the ticker symbols of Reuters-21578
    headlines (``STANDARD OIL <SRD>``), which are text.
"""

from __future__ import annotations

import regex

from wirecut.spans import ParseState, Span
from wirecut.story import Residue
from wirecut.text import clean, time_limit

MARKUP_RE = regex.compile(
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


def parse(state: ParseState) -> None:
    """Claim every markup tag as residue."""
    text = state.text
    if "<" not in text and "]]>" not in text and "{*" not in text:
        return
    for m in MARKUP_RE.finditer(text, timeout=time_limit(len(text))):
        part = Residue("markup", clean(m.group(0)), Span(m.start(), m.end()))
        state.claim("residue", m.start(), m.end(), part, "markup")
