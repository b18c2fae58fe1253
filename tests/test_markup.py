"""HTML left in the text (#11): a page is tokenised with html.parser and every tag is markup residue.

The pages and texts are written for these tests.
"""

from __future__ import annotations

import pytest
from tests.conftest import covered_everywhere, overlaps

import wirecut
from wirecut.parsers.markup import looks_like_page

PAGE = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Rain in Paris</title>'
    "<style>p { color: red } a > b { x: 1 }</style></head>\n<body><nav><a href='/'>Home</a></nav>"
    '<aside class="share">Share</aside><time datetime="2024-05-02">May 2, 2024</time>'
    '<svg viewBox="0 0 10 10"><path d="M0 0L10 10"/></svg>'
    "<article><p>PARIS, May 2 (AFP) - Heavy rain flooded streets in the French capital on Thursday.</p>\n"
    "<p>Officials said the river would peak on Friday.</p></article>"
    '<script>var tags = "<p>" + "</p>"; if (a < b) { go(); }</script><!-- ad slot -->'
    "<custom-widget data-id=4></custom-widget></body></html>"
)


def _markup(story: wirecut.Story) -> list[str]:
    return [r.text for r in story.residue if r.kind == "markup"]


def test_every_tag_of_a_page_is_markup_residue() -> None:
    story = wirecut.parse(PAGE)
    markup = _markup(story)
    for tag in (
        '<aside class="share">',
        "</aside>",
        '<time datetime="2024-05-02">',
        "</time>",
        '<svg viewBox="0 0 10 10">',
        '<path d="M0 0L10 10"/>',
        "</svg>",
        "</body>",
        "</html>",
        "<!DOCTYPE html>",
        "<!-- ad slot -->",
        "<custom-widget data-id=4>",
        "</custom-widget>",
    ):
        assert tag in markup
    # the code of a script and a style is the page's, and its "<p>" is no tag
    assert 'var tags = "<p>" + "</p>"; if (a < b) { go(); }' in markup
    assert "p { color: red } a > b { x: 1 }" in markup
    assert story.dateline is not None and story.dateline.agency == "AFP"
    assert story.body.startswith("Heavy rain flooded streets")
    assert "<" not in story.body and ">" not in story.body
    assert not covered_everywhere(story) and not overlaps(story)
    for residue in story.residue:
        assert residue.span.slice(PAGE).startswith(residue.text[:1])


def test_spans_index_the_page_across_lines() -> None:
    text = "<html><body>\n\n<p>ROME (ANSA) - Text\none.</p>\n<time>\n2024</time>\n</body></html>"
    story = wirecut.parse(text)
    for residue in story.residue:
        if residue.kind == "markup":
            assert " ".join(residue.span.slice(text).split()) == residue.text


def test_a_page_keeps_its_tickers_and_the_text_of_its_cdata() -> None:
    text = (
        "<rss><channel><item><title>STANDARD OIL &lt;SRD&gt; UNIT</title><description><![CDATA[NEW YORK"
        " (Reuters) - Du Pont <DD> said it would sell the unit.]]></description></item></channel></rss>"
    )
    story = wirecut.parse(text)
    markup = _markup(story)
    assert "<DD>" not in markup and "<![CDATA[" in markup and "]]>" in markup
    assert "Du Pont <DD> said it would sell the unit." in story.body


@pytest.mark.parametrize(
    ("text", "page"),
    [
        ("<html><body>x</body></html>", True),
        ("<!doctype html><p>x", True),
        ("a</p> b</div> c</span>", True),
        ("STANDARD OIL <SRD> TO BUY <DD> UNIT", False),
        ("Line<br/>two<br/>three</p>", False),
    ],
)
def test_what_looks_like_a_page(text: str, page: bool) -> None:
    assert looks_like_page(text) is page


def test_html5_tags_in_text_that_is_no_page_are_markup() -> None:
    text = "BERLIN (dpa) - <time>09:12</time> Die Regierung hat am Montag entschieden.<aside>Teilen</aside>"
    markup = _markup(wirecut.parse(text))
    assert {"<time>", "</time>", "<aside>", "</aside>"} <= set(markup)


@pytest.mark.parametrize(
    "text",
    [
        "STANDARD OIL <SRD> TO BUY <DD> UNIT FROM <EM> FUND",
        "CARACAS (EFE) - <Noticia en desarrollo> El gobierno anunció medidas.",
        "Contact the desk <desk@agency.example> for details.",
    ],
)
def test_angle_brackets_that_are_no_markup_stay_text(text: str) -> None:
    assert not _markup(wirecut.parse(text))


def test_old_capital_html_block_tags_are_markup() -> None:
    assert _markup(wirecut.parse("Line one<BR>Line two<P>Line three")) == ["<BR>", "<P>"]


@pytest.mark.parametrize(
    "text",
    [
        "<html><body><p>unclosed <div class='x",
        "<html><body><![CDATA[x]]></body></html><!-- unclosed",
        "</p></p></p><</p>< p>&#;&#xZZ;&amp</html>",
        "<html>" + "<b>" * 2000 + "text" + "</b>" * 2000,
    ],
)
def test_broken_pages_lose_nothing(text: str) -> None:
    story = wirecut.parse(text)
    assert not covered_everywhere(story) and not overlaps(story)
    assert not [w for w in story.warnings if "failed" in w]


INLINE_PAGE = (
    "<html><body><article><p>LIMA, May 2 (EFE) -- The <b>mayor</b> said on <i class=day>"
    'Thursday</i> that <a href="/roads">the coast road</a> would reopen.</p>\n'
    "<p>Crews <em>cleared</em> the mud overnight.<br>\n<strong>Related</strong></p></article></body></html>"
)


def test_a_paragraph_runs_on_across_its_inline_tags() -> None:
    story = wirecut.parse(INLINE_PAGE)
    assert [p.text for p in story.paragraphs] == [
        "The mayor said on Thursday that the coast road would reopen.",
        "Crews cleared the mud overnight.",
    ]
    # the tags inside a paragraph lie in its span; the block tags around it are markup residue
    first = story.paragraphs[0].span.slice(INLINE_PAGE)
    assert "<b>" in first and "</a>" in first
    markup = _markup(story)
    assert "<b>" not in markup and "<p>" in markup and "<br>" in markup and "</article>" in markup
    # a tag that opens a line is no part of a sentence: "<strong>Related</strong>" keeps its tags apart
    assert "<strong>" in markup and "</strong>" in markup
    assert not covered_everywhere(story) and not overlaps(story)


def test_inline_tags_that_open_or_close_a_line_stay_markup() -> None:
    text = "<b>Posted in World</b>\nThe mayor said the road would reopen on Friday after the storm."
    story = wirecut.parse(text)
    assert "<b>" in _markup(story) and "</b>" in _markup(story)
    assert "<" not in story.body
    assert not covered_everywhere(story) and not overlaps(story)
