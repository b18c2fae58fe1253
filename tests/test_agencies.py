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


def test_cnas_closing_reporters_are_the_byline_with_teasers_after_the_story() -> None:
    """CNA's "(By A and B) Enditem/xx" ends the story, however long the teasers that follow it."""
    filler = "The port handled more ships than in any month before, its operator said in a statement. "
    teasers = "".join(
        f"Related: Keelung port adds berth number {n} for container ships. Full story\n" for n in range(1, 6)
    )
    text = (
        "Taipei, June 6 (CNA) Taiwan's exports rose 12 percent in May, the finance ministry said on Friday. "
        + filler * 3
        + "(By Hsu Tzu-ling and Aidan Ross)\nEnditem/AW\n\n"
        + teasers
    )
    story = wirecut.parse(text)
    assert len(story.related) == 5
    assert [b.names for b in story.bylines] == [("Hsu Tzu-ling", "Aidan Ross")]
    assert "Hsu Tzu-ling" not in story.body


def test_a_nordic_writers_name_line_opens_a_feed_item_with_no_dateline() -> None:
    text = (
        "Karin Holm Vestergaard\n"
        "Forskere ved universitetet har i flere år undersøgt, hvordan byens luft påvirker børns helbred.\n"
        "Det fortæller de til avisen, og resultaterne bliver offentliggjort i næste uge.\n"
    )
    story = wirecut.parse(text)
    assert [b.names for b in story.bylines] == [("Karin Holm Vestergaard",)]
    assert story.headline is None and story.body.startswith("Forskere ved universitetet")


def test_an_english_title_case_first_line_stays_a_headline() -> None:
    """The name-line convention is the Nordic languages' (sentence-case titles); English titles are Title Case."""
    text = "Harbour Works Resume\nThe harbour authority said on Friday that work on the new berth had resumed.\n"
    story = wirecut.parse(text)
    assert story.bylines == () and story.headline is not None and story.headline.text == "Harbour Works Resume"


def test_the_writers_site_between_the_name_and_the_role_is_not_a_name() -> None:
    text = (
        "Night market stalls fined\n"
        "By Chen Wei-ting, Taiwan News, Staff Writer\n"
        "TAIPEI (Taiwan News) — Health inspectors found excess preservatives at 11 stalls on Tuesday.\n"
    )
    story = wirecut.parse(text)
    assert [b.names for b in story.bylines] == [("Chen Wei-ting",)]
