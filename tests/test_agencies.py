"""Whole stories in each agency's house style, written for these tests: every part lands where it belongs."""

from __future__ import annotations

import pytest

import wirecut

STORIES = {
    "AP": (
        "Senate passes budget bill after long night\nBy MARY LEE and TOM ORTIZ\nAssociated Press\n"
        "WASHINGTON (AP) — The Senate passed a sweeping budget bill early Saturday.\nThe measure now goes to the House.\n"
        "___\nAssociated Press writer Ann Ford in New York contributed to this report."
    ),
    "Reuters": (
        "Oil rises as supply worries mount\nBy Jane Doe\n\nLONDON, March 3 (Reuters) - Oil prices rose on Monday.\n\n"
        "Brent crude futures were up 1.2% at $84.10 a barrel.\n\n(Reporting by Jane Doe; Editing by Mark Potter)"
    ),
    "AFP": (
        "Farmers block roads across France  Farmers drive tractors near Lyon on January 26, 2024. AFP PHOTO / JEAN DUPONT  "
        "PARIS (AFP) - French farmers blocked roads on Friday. The government promised talks."
    ),
    "Yonhap": (
        "(LEAD) S. Korea's exports jump 15 pct in May\n(ATTN: UPDATES with details in paras 3-5)\nBy Kim Soo-yeon\n"
        "SEOUL, June 1 (Yonhap) -- South Korea's exports rose 15 percent in May.\nksy@yna.co.kr\n(END)"
    ),
    "PTI": "Mumbai, Jan 5 (PTI) The Sensex rose 300 points on Friday. Traders said inflows helped. PTI AB CD",
    "UPI": (
        "Storm knocks out power to thousands\n\nCrews restore power lines in Ohio on Sunday. Photo by Ann Lee/UPI\n\n"
        "Nov. 28 (UPI) -- A storm knocked out power to 50,000 homes on Sunday."
    ),
    "CNA": "Taipei, Oct. 5 (CNA) Taiwan's exports rose 12 percent in September. (By Lin Pei and Matt Kuo) Enditem/ls",
}

EXPECTED = {
    # agency: (headline, location, bylines, credits, notes, body's last words)
    "AP": (
        "Senate passes budget bill after long night",
        "WASHINGTON",
        [("MARY LEE", "TOM ORTIZ")],
        [],
        ["contributor"],
        "goes to the House.",
    ),
    "Reuters": ("Oil rises as supply worries mount", "LONDON", [("Jane Doe",)], [], ["reporting"], "a barrel."),
    "AFP": ("Farmers block roads across France", "PARIS", [], ["AFP PHOTO / JEAN DUPONT"], [], "promised talks."),
    "Yonhap": (
        "S. Korea's exports jump 15 pct in May",
        "SEOUL",
        [("Kim Soo-yeon",)],
        [],
        ["ednote", "ednote", "contact", "signoff"],
        "in May.",
    ),
    "PTI": (None, "Mumbai", [], [], ["signoff"], "inflows helped."),
    "UPI": ("Storm knocks out power to thousands", None, [], ["Photo by Ann Lee/UPI"], [], "on Sunday."),
    "CNA": (None, "Taipei", [("Lin Pei", "Matt Kuo")], [], ["signoff"], "in September."),
}


@pytest.mark.parametrize("agency", sorted(STORIES))
def test_house_styles(agency: str) -> None:
    story = wirecut.parse(STORIES[agency])
    headline, location, bylines, credits, notes, last_words = EXPECTED[agency]
    assert (story.headline.text if story.headline else None) == headline
    assert story.dateline is not None and story.dateline.agency == agency and story.dateline.location == location
    assert [b.names for b in story.bylines] == bylines
    assert [c.credit for c in story.captions] == credits
    assert sorted(n.kind for n in story.notes) == sorted(notes)
    assert story.body.endswith(last_words)
