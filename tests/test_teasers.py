"""Teasers: found by their shape, kept apart from the story, with their own datelines (their cost on a
hostile repetition is measured with every parser's in tests/test_robustness.py)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import covered_everywhere, overlaps

import wirecut

# Pieces of teaser blocks, written for these tests: titles, datelines that open or close a teaser,
# summaries, stamps, markers and labels, in the forms of Xinhua, CNA, UPI and aggregator pages.
TEASER_PIECES = [
    "Port of Lumen opens new container berth",
    "Rail link to the northern valley wins approval",
    "BEIJING, May 3 (Xinhua) -- ",
    "TAIPEI, June 6 (CNA) ",
    "BEIRUT, Sept. 19 (UPI) -- ",
    "NAIROBI, (Xinhua) -- ",
    "Officials said the work would take two years. ",
    "Full story",
    "Read more »",
    "Related: ",
    "Read more:\n",
    "More from the agency\n",
    "2 hours ago ",
    "2024-06-06 10:15:00 ",
    "\n",
    "\n\n",
    "  ",
]

teaser_blocks = st.lists(st.sampled_from(TEASER_PIECES), min_size=1, max_size=24).map("".join)

# A story long enough that what follows it may be later stories and teasers.
STORY_HEAD = (
    "Lumen harbour expands\n\nLUMEN, May 2 (Xinhua) -- The harbour authority said on Tuesday it would grow. "
    "Two new berths will open next year, and the channel will be dredged to take larger ships, it said.\n\n"
)


def _check_teasers(story: wirecut.Story) -> None:
    assert not overlaps(story), "spans overlap"
    assert not covered_everywhere(story), "characters lost"
    assert not [w for w in story.warnings if "failed" in w], story.warnings
    for teaser in story.related:
        if teaser.dateline is not None:
            inside = teaser.span.start <= teaser.dateline.span.start and teaser.dateline.span.end <= teaser.span.end
            assert inside, (teaser.span, teaser.dateline.span, story.text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(teaser_blocks, st.booleans())
def test_a_teasers_dateline_lies_inside_its_teaser(block: str, after_story: bool) -> None:
    """Teaser blocks with datelines at their edges: each teaser's dateline is inside that teaser."""
    _check_teasers(wirecut.parse(STORY_HEAD + block if after_story else block))


STORY = "LUMEN, May 2 (Xinhua) -- The harbour authority said on Tuesday it would add two berths next year."


def test_titles_after_a_label_stay_one_teaser_each() -> None:
    """A box of bare titles after "Read more:": a title after a title is the next teaser, not a summary."""
    story = wirecut.parse(
        f"{STORY}\n\nRead more:\nPort of Lumen opens new container berth\nFerry fares to rise in May\n"
    )
    assert [(r.title, r.summary) for r in story.related] == [
        ("Port of Lumen opens new container berth", None),
        ("Ferry fares to rise in May", None),
    ]
    # flattened, with double spaces between the units (Reuters' pages)
    story = wirecut.parse(f"{STORY}  Read more: Port of Lumen opens new container berth  Ferry fares to rise in May")
    assert [r.title for r in story.related] == ["Port of Lumen opens new container berth", "Ferry fares to rise in May"]
    assert story.body.endswith("berths next year.")
    # a title, its summary, then the next title
    story = wirecut.parse(
        f"{STORY}\n\nSee also:\nPort of Lumen opens new berth\nThe berth takes the largest ships.\nFerry fares to rise\n"
    )
    assert [(r.title, r.summary) for r in story.related] == [
        ("Port of Lumen opens new berth", "The berth takes the largest ships."),
        ("Ferry fares to rise", None),
    ]


def test_a_markers_teaser_reaches_back_over_its_summary_and_stamp_to_its_title() -> None:
    """Title, stamp, summary, marker after a story: the title opens the teaser, not the summary."""
    story = wirecut.parse(
        "Hamburg (dpa) - Der Hafen hat im ersten Halbjahr mehr Container umgeschlagen, teilte er mit. "
        "Vor allem der Verkehr mit Asien legte zu, der Umschlag von Massengut ging dagegen zurück. "
        "Die Branche blicke mit Sorge auf die Konjunktur in China und auf steigende Energiekosten, hieß es.  "
        "Mehr zum Thema  Neuer Liegeplatz in Bremerhaven eröffnet  Die Stadt hat einen Liegeplatz in Betrieb "
        "genommen. weiterlesen  Baggerarbeiten an der Elbe gehen weiter  Die Arbeiten dauern bis zum Herbst. weiterlesen"
    )
    assert [(r.title, r.marker) for r in story.related] == [
        ("Neuer Liegeplatz in Bremerhaven eröffnet", "weiterlesen"),
        ("Baggerarbeiten an der Elbe gehen weiter", "weiterlesen"),
    ]
    story = wirecut.parse(
        f"{STORY}  Lumen rail link wins approval 2024-05-01 17:05:33 The link will open in 2026. Full Story"
        "Harbour fees to fall 2024-04-30 11:20:08 Ships will pay less from June. Full Story"
    )
    assert [(r.title, r.summary) for r in story.related] == [
        ("Lumen rail link wins approval", "The link will open in 2026."),
        ("Harbour fees to fall", "Ships will pay less from June."),
    ]
    assert story.body.endswith("berths next year.")


def test_an_inline_teaser_between_paragraphs_leaves_the_story_whole() -> None:
    """A label and a title between two paragraphs (TASS, RIA, Reuters): one teaser, the body runs on."""
    after = "The authority said the berths would take ships of up to 400 metres. Work starts in June. It said so."
    for line in ("Read also Lumen metro to test driverless trains", "READ MORE: Lumen metro to test driverless trains"):
        story = wirecut.parse(f"{STORY}  {line}  {after}")
        assert [r.title for r in story.related] == ["Lumen metro to test driverless trains"], line
        assert story.body.endswith("It said so.") and "driverless" not in story.body, line
    story = wirecut.parse(
        "МОСКВА, 16 февраля. /ТАСС/. Комплекс начал работу в Коломне.\n\n"
        "Читайте также В Твери откроют новый мост через Волгу\n\n"
        "По данным министерства, создано 300 рабочих мест. Остатки отправят на завод. Работы начнутся весной."
    )
    assert [r.title for r in story.related] == ["В Твери откроют новый мост через Волгу"]
    assert story.body.endswith("Работы начнутся весной.")


def test_a_heading_with_no_colon_over_dated_teasers_in_flattened_text() -> None:
    """Chinese pages flatten "相关新闻" and its teasers, each a title and a dateline, into one line."""
    story = wirecut.parse(
        "新华社广州6月2日电（记者 马力）科考船近日在南海北部发现一处新的冷泉区。她说，科考队将开展分析。 "
        "相关新闻 深海着陆器完成万米级海试 新华社三亚5月20日电 一型深海着陆器近日完成海试…… "
        "研究所发布年度科考计划 新华社广州3月8日电 研究所8日发布今年科考计划……"
    )
    assert [r.title for r in story.related] == ["深海着陆器完成万米级海试", "研究所发布年度科考计划"]
    assert all(r.dateline is not None and r.dateline.agency == "Xinhua" for r in story.related)
    assert story.body.endswith("科考队将开展分析。")


def test_a_label_glued_to_the_sentence_before_it() -> None:
    """Scrapers that drop the markup between paragraphs glue the label on: "... en 2026.Lire aussi: ..."."""
    story = wirecut.parse(
        "Paris (AFP) - Le nombre de cyclistes a doublé en cinq ans, selon la mairie.Lire aussi: "
        "À Lyon, les trottinettes bientôt limitées  Lire aussi: Bordeaux lance un réseau express vélo"
    )
    assert [r.title for r in story.related] == [
        "À Lyon, les trottinettes bientôt limitées",
        "Bordeaux lance un réseau express vélo",
    ]
    assert story.body.endswith("selon la mairie.")


def test_label_words_in_prose_make_no_teaser() -> None:
    """ "related" opening a hard-wrapped line, and a heading followed by prose, are the story's text."""
    text = (
        "    LUMEN, Feb 26 - The company said any decline would be due to expenses\n"
        "related to the acquisitions in the middle of the current\nquarter of seven licensees.\n"
    )
    story = wirecut.parse(text)
    assert story.related == () and story.body.endswith("seven licensees.")
    prose = "The council also approved a plan to widen the docks, which officials said would take two years."
    story = wirecut.parse(f"{STORY}  Read also  {prose}")
    assert story.related == () and story.body.endswith(prose)


def test_flattened_teasers_keep_their_title_apart_from_the_heading_and_meta_pieces() -> None:
    # A site's "More from" box flattened onto one line: heading, then per teaser its title, the site,
    # the date and the byline between slashes, the teaser's dateline and summary, and the marker.
    text = (
        "TAIPEI, May 3 (CNA) The cabinet approved the plan on Friday. Enditem/KL  More from Island Wire  "
        "Ferry line to add night sailings / Island Wire / Date: 05/02/2024 / By: Wu Mei / "
        "Keelung, May 2 (CNA) The ferry company said it would add sailings. [FULL STORY]  "
        "Harbour tolls cut for fishing boats / Island Wire / Date: 05/01/2024 / By: Lin Tao / "
        "Hualien, May 1 (CNA) The port cut its tolls. [FULL STORY]"
    )
    story = wirecut.parse(text)
    assert [r.title for r in story.related] == [
        "Ferry line to add night sailings",
        "Harbour tolls cut for fishing boats",
    ]
    assert [r.dateline.location for r in story.related if r.dateline] == ["Keelung", "Hualien"]


def test_a_teaser_title_with_its_own_slash_stays_whole() -> None:
    text = (
        "BEIJING, May 3 (Xinhua) -- The plan was approved. Related: Trade / Economy outlook brightens for "
        "exporters in the region BEIJING, May 2 (Xinhua) -- Exporters expect more orders. Full story"
    )
    story = wirecut.parse(text)
    assert [r.title for r in story.related] == ["Trade / Economy outlook brightens for exporters in the region"]


# A desk's plan of the day: the story, then later stories each with a kicker in capitals, its title,
# its byline line and its dateline line.
DESK_PLAN = (
    "ANKARA (AA) – These are the main topics the English desk plans to cover on Sunday, March 15 (coverage may change with breaking stories):\n"
    "TURKEY\n"
    "ANKARA – Following the latest truce talks along the southern border.\n"
    "ISTANBUL – Following the port strike as talks resume.\n"
    "SPORTS\n"
    "ISTANBUL – Local club to host its rival in the league derby.\n"
    "SPECIAL REPORT\n"
    "Editor of a daily paper talks to the agency\n"
    "By Ayse Demir\n"
    "DHAKA, Bangladesh (AA) – The agency recently interviewed a newspaper editor about a case against him and 31 others.\n"
    "SPECIAL REPORT\n"
    "Tourism can grow further, trade envoy says\n"
    "By Mehmet Kaya\n"
    "ISTANBUL (AA) – The country has strong potential to grow tourism from its beaches to its lakes, a trade envoy said.\n"
)


def test_later_stories_keep_their_title_over_the_byline_and_leave_the_kicker() -> None:
    story = wirecut.parse(DESK_PLAN)
    assert [(r.title, r.dateline.location if r.dateline else None) for r in story.related] == [
        ("Editor of a daily paper talks to the agency", "DHAKA, Bangladesh"),
        ("Tourism can grow further, trade envoy says", "ISTANBUL"),
    ]
    assert story.related[0].summary is not None and story.related[0].summary.endswith("31 others.")
    assert [r.text for r in story.residue] == ["SPECIAL REPORT", "SPECIAL REPORT"]
    assert story.dateline is not None and story.dateline.text == "ANKARA (AA) –"


# A wire's own article page: menus, the title, byline and stamp, the story, the credit as a paragraph
# of its own, the standards line, and a box of teasers each with its kicker and its time.
WIRE_SITE_PAGE = (
    "Skip to main content\n"
    "Exclusive news, data and analytics for financial market professionals\n"
    "Reuters home\n"
    "World\n"
    "Business\n"
    "Markets\n"
    "Sustainability\n"
    "Legal\n"
    "Breakingviews\n"
    "Technology\n"
    "Investigations\n"
    "Sign In\n"
    "Register\n"
    "Markets\n"
    "Oil rises as Middle East tensions offset demand worries\n"
    "By Anna Vale and Tom Reed\n"
    "March 14, 202411:32 AM GMTUpdated 2 hours ago\n"
    "LONDON, March 14 (Reuters) - Oil prices rose on Thursday as tensions in the Middle East offset worries about weaker demand in China.\n"
    "Brent crude futures rose 62 cents, or 0.8%, to $82.65 a barrel by 1130 GMT.\n"
    '"The market is caught between supply risks and soft demand," said one analyst.\n'
    "Reporting by Anna Vale in London and Tom Reed in Singapore; Editing by Ian Hart\n"
    "Our Standards: The Thomson Reuters Trust Principles.\n"
    "Read Next\n"
    "Markets\n"
    "Gold steadies near record as traders await U.S. data\n"
    "3:01 PM GMT\n"
    "Business\n"
    "Airline shares slide on fuel cost warnings\n"
    "2:45 PM GMT\n"
)


def test_a_wire_sites_page_with_its_credit_paragraph_and_a_box_of_kicked_teasers() -> None:
    story = wirecut.parse(WIRE_SITE_PAGE)
    assert (
        story.headline is not None and story.headline.text == "Oil rises as Middle East tensions offset demand worries"
    )
    assert story.dateline is not None and story.dateline.agency == "Reuters"
    assert [r.title for r in story.related] == [
        "Gold steadies near record as traders await U.S. data",
        "Airline shares slide on fuel cost warnings",
    ]
    reporting = [n for n in story.notes if n.kind == "reporting"]
    assert [n.text for n in reporting] == [
        "Reporting by Anna Vale in London and Tom Reed in Singapore; Editing by Ian Hart"
    ]
    assert reporting[0].names[0] == "Anna Vale" and "Ian Hart" in reporting[0].names
    assert "Our Standards: The Thomson Reuters Trust Principles." in [r.text for r in story.residue]
    assert story.body.endswith("said one analyst.")


def test_a_sentence_that_opens_with_reporting_words_stays_in_the_story() -> None:
    text = "LONDON (Reuters) - Prices rose on Monday.\nReporting by the agency showed that exports fell in May, officials said."
    story = wirecut.parse(text)
    assert not [n for n in story.notes if n.kind == "reporting"]


_STORY_THEN = (
    "Rail link opens in the north\n\nIPOH, June 25 (Bernama) -- A new rail link opened today, cutting the journey "
    "by an hour.\n\nThe minister said the line would carry 2,000 passengers a day in its first year.\n\n"
)


@pytest.mark.parametrize(
    "box",
    [
        "Related posts\nFloods hit three districts in the north\nPort upgrade to finish next year, says board\n",
        "Más noticias\nInundaciones afectan a tres distritos del norte\nEl puerto terminará su ampliación el próximo año\n",
        "Popular now\nFloods hit three districts in the north\nPort upgrade to finish next year, says board\n",
        # No heading at all: three titles or more.
        "Floods hit three districts in the north\nPort upgrade to finish next year, says board\n"
        "Rice farmers turn to drones for spraying\n",
    ],
)
def test_a_box_of_titles_after_the_last_sentence_is_teasers_whatever_its_heading(box: str) -> None:
    story = wirecut.parse(_STORY_THEN + box)
    titles = [teaser.title for teaser in story.related]
    assert titles == [line for line in box.splitlines() if len(line.split()) > 3]
    assert len(story.paragraphs) == 2
    assert "passengers a day" in story.body


@pytest.mark.parametrize(
    "tail",
    [
        # A subhead and the story going on under it.
        "Fares to stay low\nThe operator said fares would be frozen until the end of next year at least.\n",
        # A company's results table under its last sentence.
        "RESULTS OF THE OPERATOR\nShr 1.37 dlrs vs 1.19 dlrs\nNet 101.8 mln vs 92.3 mln\nRevs 1.75 billion vs 1.72 billion\n",
        # Two titles and no heading: too few to tell from the story's last lines.
        "Floods hit three districts in the north\nPort upgrade to finish next year, says board\n",
    ],
)
def test_lines_after_the_last_sentence_that_are_no_box_stay_out_of_related(tail: str) -> None:
    story = wirecut.parse(_STORY_THEN + tail)
    assert story.related == ()


_READ_MORE_LISTING = """\
Latest Posts
Parents end fundraiser after donations pour in
IPOH, — The parents of a baby girl in hospital have ended their public fundraiser after donors covered the cost. The
Read moreBoys found safe after leaving their school
IPOH, — City police said the four boys reported missing from a school here were found safe on Monday. The police
Read moreState to build 3,000 affordable homes
KOTA KINABALU, — The state government will build 3,000 affordable homes next year, the chief minister said.
"""


def test_a_listing_whose_read_more_links_are_glued_to_the_next_title() -> None:
    story = wirecut.parse(_READ_MORE_LISTING)
    assert story.kind == "listing"
    assert [teaser.title for teaser in story.related] == [
        "Parents end fundraiser after donations pour in",
        "Boys found safe after leaving their school",
        "State to build 3,000 affordable homes",
    ]
    assert [t.dateline.location if t.dateline else None for t in story.related] == ["IPOH", "IPOH", "KOTA KINABALU"]
    assert story.related[0].marker == "Read more"
    assert covered_everywhere(story) == []


def test_a_pages_label_over_the_first_marked_teaser_is_no_title() -> None:
    page = (
        "Latest stories\nGovernment expels diplomats over spy cell\n\n"
        "The government on Thursday ordered the expulsion of 15 diplomats after a court ruling.\n\nFull Story\n"
        "Oil output cuts exceed target, minister says\n\n"
        "The oil minister said on Thursday that producers had cut more than they agreed.\n\nFull Story\n"
    )
    story = wirecut.parse(page)
    assert [teaser.title for teaser in story.related] == [
        "Government expels diplomats over spy cell",
        "Oil output cuts exceed target, minister says",
    ]
    assert story.related[0].summary is not None and story.related[0].summary.startswith("The government")


_CUT_LISTING = """\
Cortado el tráfico de trenes en la estación norte por un fallo eléctrico

Valencia (EFE).- La circulación de trenes en la estación norte está interrumpida desde las 14:00 horas por un fallo eléctrico, según el gestor de la red, que añade que su personal trabaja para … Leer más

La restauración del puente viejo recibe un premio europeo

Valencia (EFE).- La Comisión Europea ha otorgado su premio de patrimonio al proyecto de restauración del puente viejo, valorando la participación ciudadana en el desarrollo del … Leer más

Cancelado el concierto del festival de verano

Valencia (EFE).- El concierto programado para este jueves en el festival de verano ha sido cancelado por la enfermedad del cantante, según ha informado la … Leer más
"""


def test_a_link_after_the_ellipsis_that_cut_each_summary_marks_a_listing_in_any_language() -> None:
    story = wirecut.parse(_CUT_LISTING)
    assert story.kind == "listing"
    assert [teaser.marker for teaser in story.related] == ["Leer más"] * 3
    assert story.related[1].title == "La restauración del puente viejo recibe un premio europeo"


def test_words_after_an_ellipsis_at_a_hard_wrapped_lines_end_are_no_marker() -> None:
    text = (
        'LONDON, March 3 - The minister told parliament that "shortly ... Britain would\n'
        'act on the report," and that the talks would resume next week in Geneva.\n'
    )
    assert wirecut.parse(text).related == ()


_AUTHOR_PAGE = """\
Articles by Yonhap
Yonhap-
Two new swine fever cases reported in the east
The agricultural ministry on Monday reported two more cases of swine fever after it confirmed the first cases at a farm in about three months. The authorities began culling about 1,700 pigs at the farm, pr
Social Affairs Aug. 16, 2021
-
President sends condolences to quake-hit island
The president sent a condolence letter to the island's leader on Monday over the damage from a strong earthquake, his office said. In the message, he expressed his sympathy for the people and hope for an early recov
Foreign Affairs Aug. 16, 2021
-
"""


def test_an_author_page_of_cut_summaries_with_their_stamps_after_them_is_a_listing() -> None:
    story = wirecut.parse(_AUTHOR_PAGE)
    assert story.kind == "listing" and story.dateline is None
    assert [teaser.title for teaser in story.related] == [
        "Two new swine fever cases reported in the east",
        "President sends condolences to quake-hit island",
    ]
    # The stamp line under each summary lies in its teaser.
    assert "Social Affairs" in story.text[story.related[0].span.start : story.related[0].span.end]


def _cut_items(link: str) -> str:
    items = [
        (
            "Photographer who captured five decades of history dies",
            "His pictures of presidents and protests ran in papers around the world for forty years, and he was known for",
        ),
        (
            "City to leave the regional water board",
            "The city council voted on Tuesday to leave the regional water board because it believes that its membership costs more than",
        ),
        (
            "Labour office proposes sixty rule changes",
            "The labour office is aiming to rewrite or repeal more than sixty workplace rules, ranging from minimum wage rules to",
        ),
    ]
    return "Politics News\n\n" + "".join(f"{title}\n\n{summary}\n\n{link}\n\n" for title, summary in items)


@pytest.mark.parametrize("link", ["Continue Reading", "Ler mais", "Подробнее", "Zum Artikel"])
def test_the_same_short_line_under_each_cut_summary_is_a_link_in_any_language(link: str) -> None:
    story = wirecut.parse(_cut_items(link))
    assert story.kind == "listing"
    assert [teaser.marker for teaser in story.related] == [link] * 3
    assert story.related[2].title == "Labour office proposes sixty rule changes"


def test_a_line_repeated_under_whole_paragraphs_is_no_link() -> None:
    text = (
        "Port strike ends\n\nROTTERDAM, May 3 (Reuters) - Dock workers ended a week-long strike on Wednesday.\n\n"
        "Advertisement\n\nThe union said its members would return to work on Thursday morning.\n\n"
        "Advertisement\n\nThe port authority said ships would be cleared by the weekend.\n"
    )
    story = wirecut.parse(text)
    assert story.related == ()
    assert story.kind == "story"
