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


# Flattened rows (a title and its story on one line, as AG News and RSS dumps leave them), written for
# these tests in the shapes such rows take: Title Case, sentence case, capitals, a title ending in "?".
FLAT_ROWS = [
    (
        "Rovers Relay Pictures Through Orbiter The European probe sent back 30 images on Monday, the agency said.",
        "Rovers Relay Pictures Through Orbiter",
    ),
    (
        "Harbour pilots strike over pay Pilots at the port of Tema walked out on Friday, halting ship traffic.",
        "Harbour pilots strike over pay",
    ),
    (
        "Chipmaker Delays Launch of Display Chip In another product delay, the company said it will not ship a chip.",
        "Chipmaker Delays Launch of Display Chip",
    ),
    (
        "Will Fares Rise Again? Airlines raised their fares twice this year and say a third rise may follow soon.",
        "Will Fares Rise Again?",
    ),
    (
        "Lakers Edge Suns in Overtime A late basket gave Los Angeles a 110-108 win over Phoenix on Sunday.",
        "Lakers Edge Suns in Overtime",
    ),
    (
        "SHIPYARD WINS NAVY ORDER The yard in Gdynia will build two patrol boats for the navy.",
        "SHIPYARD WINS NAVY ORDER",
    ),
]


@pytest.mark.parametrize(("text", "headline"), FLAT_ROWS)
def test_a_flattened_title_ends_where_its_shape_does(text: str, headline: str) -> None:
    story = wirecut.parse(text)
    assert story.headline is not None and story.headline.text == headline
    assert story.body == text[len(headline) :].strip()


def test_a_title_case_title_before_a_name_and_its_verb() -> None:
    text = "Lakers Edge Suns in Overtime Kobe Bryant scored 40 points as Los Angeles beat Phoenix on Sunday."
    story = wirecut.parse(text)
    assert story.headline is not None and story.headline.text == "Lakers Edge Suns in Overtime"


def test_a_story_that_opens_with_its_sentence_has_no_title() -> None:
    text = (
        "The ministry said on Tuesday that exports of rice rose by a fifth in the third quarter, helped by"
        " a weaker currency.\nTraders expect the rise to slow next year as stocks fall."
    )
    assert wirecut.parse(text).headline is None


@pytest.mark.parametrize(
    ("text", "headline", "location"),
    [
        # Flattened Reuters-style copy whose dateline's dash is glued to the story, or whose region is
        # West Virginia's "W.Va.": the title ends at the place, the dateline is found.
        (
            "ACME INDUSTRIES <ACM> 1ST QTR LOSS DOVER, Del., March 19 -Qtr ends Jan 31 Shr loss 38 cts. Reuter",
            "ACME INDUSTRIES <ACM> 1ST QTR LOSS",
            "DOVER, Del.",
        ),
        (
            "ZEBRA CORP SETS QUARTERLY WHEELING, W.Va., June 18 - Qtly div three cts vs three cts prior. Reuter",
            "ZEBRA CORP SETS QUARTERLY",
            "WHEELING, W.Va.",
        ),
    ],
)
def test_a_flattened_capitals_title_ends_at_its_dateline(text: str, headline: str, location: str) -> None:
    story = wirecut.parse(text)
    assert story.headline is not None and story.headline.text == headline
    assert story.dateline is not None and story.dateline.location == location
    assert story.body.startswith("Q")


def test_every_cut_is_scored_and_the_no_title_choice_too() -> None:
    from wirecut.parsers import title_shape

    words = ["Lakers", "Edge", "Suns", "in", "Overtime", "A", "late", "basket", "gave", "Los", "Angeles", "a", "win"]
    gaps = [""] + [" "] * (len(words) - 1)
    cut, margin = title_shape.best_cut(words, gaps) or (0, 0.0)
    assert (cut, margin > 0) == (5, True)
    features = title_shape.cut_features(words, gaps, 5)
    assert features["pair:CC"] == 1.0 and features["next_opener"] == 1.0 and features["title_case"] == 1.0
    assert title_shape.best_cut(["Alone"], [""]) is None


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        # The lead's first lower-case word is its subject's noun, not a verb: the title keeps its last word.
        (
            "Old Bridge Will Finally Close Itself Heavy traffic damaged the span, engineers said.",
            "Old Bridge Will Finally Close Itself",
        ),
        (
            "Farmers Brace for Another Dry Summer Early forecasts point to a third year of drought.",
            "Farmers Brace for Another Dry Summer",
        ),
    ],
)
def test_a_title_case_title_and_its_leads_subject(text: str, headline: str) -> None:
    story = wirecut.parse(text)
    assert story.headline is not None and story.headline.text == headline


# A site's article page with no dateline and no byline: a section trail, the title, a deck, a prompt
# and a stamp, the story, and a box of teasers under a heading that names the section.
SECTION_PAGE = (
    "News|Economy\n"
    "Kenya's central bank holds key rate as inflation eases\n"
    "The bank says price pressures are easing but warns of risks from global oil prices.\n"
    "Listen to this article\n"
    "Published On 12 Mar 2024\n"
    "Kenya's central bank kept its benchmark lending rate unchanged on Tuesday, saying inflation had eased for a third straight month.\n"
    "The Monetary Policy Committee held the rate at 13 percent, in line with analysts' forecasts.\n"
    "Governor Kamau Thugge told reporters the bank would act if prices rose again.\n"
    "Source: Al Jazeera and news agencies\n"
    "Advertisement\n"
    "More from Economy\n"
    "Ghana's cedi slides to record low against the dollar\n"
    "Nigeria raises fuel prices again as subsidy ends\n"
)


def test_the_title_after_a_section_trail_is_the_headline_and_the_box_after_the_story_is_teasers() -> None:
    story = wirecut.parse(SECTION_PAGE)
    assert (
        story.headline is not None and story.headline.text == "Kenya's central bank holds key rate as inflation eases"
    )
    assert [r.title for r in story.related] == [
        "Ghana's cedi slides to record low against the dollar",
        "Nigeria raises fuel prices again as subsidy ends",
    ]
    assert "News|Economy" not in story.body and "More from" not in story.body
    assert story.body.endswith("if prices rose again.")


@pytest.mark.parametrize("heading", ["More from Business", "Mehr aus Wirtschaft", "Más de Economía", "More on Kenya"])
def test_a_heading_that_names_its_section_opens_a_teaser_box(heading: str) -> None:
    text = (
        "Port of Lumen opens new berth\n\nThe port opened its second berth on Monday after two years of work.\n"
        f"The berth takes the largest ships.\n\n{heading}\nRail link to the port wins approval\nFerry line adds night sailings\n"
    )
    story = wirecut.parse(text)
    assert [r.title for r in story.related] == ["Rail link to the port wins approval", "Ferry line adds night sailings"]
    assert story.headline is not None and story.headline.text == "Port of Lumen opens new berth"


def test_a_heading_in_a_page_menu_over_the_title_opens_no_box() -> None:
    text = "More from Business\nPort of Lumen opens new berth\n\nThe port opened its second berth on Monday after two years of work."
    story = wirecut.parse(text)
    assert story.related == ()


def test_a_hard_wrapped_line_of_the_lead_is_no_title() -> None:
    # A press release's head (site prompts, the issuer, the title, the dateline) over a lead hard-wrapped
    # at 70 columns: the lead's first line runs on into the next and is no title.
    text = (
        "Alle Storys\nFolgen\nKeine Meldung mehr verpassen.\nStadtwerke Nord\n"
        "Stadtwerke Nord: Neue Tarife ab dem ersten Juli\nKiel (ots)\n"
        "Die Stadtwerke Nord senken zum ersten Juli die Preise fuer Strom und\n"
        "Gas. Das teilte das Unternehmen am Montag in Kiel mit, nachdem die Preise gesunken waren.\n"
    )
    story = wirecut.parse(text)
    assert story.dateline is not None and (story.dateline.location, story.dateline.agency) == ("Kiel", "ots")
    assert story.headline is None or "senken" not in story.headline.text
    assert story.body.startswith("Die Stadtwerke Nord senken")


# Wire sites' article pages that open with the lead photo's caption: caption, title, byline, stamp,
# dateline (an AP page and a Reuters page).
PHOTO_FIRST_PAGES = [
    (
        "FILE - A container ship is unloaded at the Port of Oakland in Oakland, Calif., on Jan. 12, 2024. (AP Photo/Jeff Chiu, File)\n"
        "Port strike ends after union reaches deal\n"
        "By JANE DOE\n"
        "Updated 9:41 PM EDT, March 14, 2024\n"
        "OAKLAND, Calif. (AP) — Dockworkers at the Port of Oakland returned to work on Thursday after their union reached a tentative deal with terminal operators.\n"
        "The agreement still needs to be ratified by members, the union said.\n"
    ),
    (
        "A worker walks past containers at a port in Qingdao, Shandong province, China, March 7, 2024. China Daily via REUTERS/File Photo Purchase Licensing Rights\n"
        "China's exports beat forecasts as demand picks up\n"
        "By Ann Vale\n"
        "March 14, 2024 3:05 AM GMT\n"
        "BEIJING, March 14 (Reuters) - China's exports grew faster than expected in the first two months of the year, customs data showed on Thursday.\n"
        "Exports rose 7.1% year-on-year, beating a forecast of 3% in a Reuters poll.\n"
    ),
]


@pytest.mark.parametrize(
    ("page", "title", "credit"),
    [
        (PHOTO_FIRST_PAGES[0], "Port strike ends after union reaches deal", "AP Photo/Jeff Chiu, File"),
        (
            PHOTO_FIRST_PAGES[1],
            "China's exports beat forecasts as demand picks up",
            "China Daily via REUTERS/File Photo",
        ),
    ],
)
def test_the_title_under_a_lead_photos_caption_is_the_headline(page: str, title: str, credit: str) -> None:
    story = wirecut.parse(page)
    assert story.headline is not None and story.headline.text == title
    assert [c.credit for c in story.captions] == [credit]
    assert "Purchase Licensing Rights" not in story.body and title not in story.body


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        # An edition's name over the title, then the dateline (a wire's English site).
        (
            "Thursday, May 4, 2023\nEnglish Edition\n\nGrowers sow drought-hardy maize in the south\n"
            "Mendoza, May 3 (Xinhua) -- Growers in the province began sowing two drought-hardy maize lines.\n",
            "Growers sow drought-hardy maize in the south",
        ),
        # A section's name over the title, with a byline after it.
        (
            "World News\nPort strike ends after pay deal is signed\nBy Ann Lee\n"
            "ROTTERDAM, May 3 (Reuters) - Dock workers ended a week-long strike on Wednesday.\n",
            "Port strike ends after pay deal is signed",
        ),
        # A short title with nothing longer after it is still the title.
        ("Dam Opens\nLIMA, May 3 (AP) - A new dam opened on Wednesday in the Andes.\n", "Dam Opens"),
    ],
)
def test_a_sites_short_label_over_the_title_gives_way_to_it(text: str, headline: str) -> None:
    story = wirecut.parse(text)
    assert story.headline is not None
    assert story.headline.text == headline
    assert story.dateline is not None


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        # A byline template the site left empty, over the title and its deck.
        (
            "Erstellt von - Uhr\n\nExplosion in Wohnblock: Ursache weiter unklar\n\n"
            "Nach der Explosion in einem Mehrfamilienhaus ist die Ursache weiter unklar. Die Polizei ermittelt.\n",
            "Explosion in Wohnblock: Ursache weiter unklar",
        ),
        # A site's push-alert label over the title, no dateline.
        (
            "Alertas Radio Sur\n\nEn vivo: reunión de ministros en Quito para decidir sobre el comercio regional\n\n"
            "Los ministros de diez países se reúnen este lunes en Quito para decidir sobre las nuevas tarifas.\n",
            "En vivo: reunión de ministros en Quito para decidir sobre el comercio regional",
        ),
        # A short title whose first sentence a double space splits keeps the title.
        (
            "Studio Chief Quits\n\nThe studio that made the  hit films said yesterday that its chief would step down.",
            "Studio Chief Quits",
        ),
    ],
)
def test_a_short_label_opening_a_page_with_no_dateline_gives_way_to_the_title_line(text: str, headline: str) -> None:
    story = wirecut.parse(text)
    assert story.headline is not None
    assert story.headline.text == headline
