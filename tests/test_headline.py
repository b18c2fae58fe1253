"""Headlines: the story's title, found by its shape and its place before the story; texts written for these tests."""

from __future__ import annotations

import pytest

import wirecut


@pytest.mark.parametrize(
    ("text", "headline", "location"),
    [
        # A capitals title with "BY" inside it, on its own line and flattened onto the dateline.
        (
            "HARBOUR SHUT BY BARGE COLLISION\n    GDANSK, May 4 - The harbour was shut after a barge hit a pier.\n Reuter\n",
            "HARBOUR SHUT BY BARGE COLLISION",
            "GDANSK",
        ),
        (
            "HARBOUR SHUT BY BARGE COLLISION GDANSK, May 4 - The harbour was shut after a barge hit a pier. Reuter",
            "HARBOUR SHUT BY BARGE COLLISION",
            "GDANSK",
        ),
        # A ticker whose letters spell an HTML tag, inside and at the end of a capitals title.
        (
            "ACME <NAV> STAKE RAISED BY FUND\n    BOSTON, June 9 - A fund raised its stake in Acme Navigation.\n Reuter\n",
            "ACME <NAV> STAKE RAISED BY FUND",
            "BOSTON",
        ),
        (
            "ZENITH WINS SUIT AGAINST PEAK <P>\n    DENVER, June 9 - Zenith Corp said it won its suit.\n Reuter\n",
            "ZENITH WINS SUIT AGAINST PEAK <P>",
            "DENVER",
        ),
    ],
)
def test_capitals_title_keeps_what_looks_like_a_byline_or_a_tag(text: str, headline: str, location: str) -> None:
    story = wirecut.parse(text)
    assert story.headline is not None and story.headline.text == headline
    assert story.dateline is not None and story.dateline.location == location
    assert not story.bylines and not story.residue


def test_a_byline_in_another_case_than_the_title_stays_a_byline() -> None:
    story = wirecut.parse("Storm Hits Coast BY JANE ROE\n\nNORFOLK, Va. (AP) -- A storm hit the coast on Monday.")
    assert [b.names for b in story.bylines] == [("JANE ROE",)]
    assert story.headline is not None and story.headline.text == "Storm Hits Coast"
