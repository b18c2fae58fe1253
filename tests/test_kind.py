"""The page's kind: story, digest, listing, gallery or none, decided from the structure found.

Every text here is written for these tests, in the forms real sites use: a section page of teasers,
a photo page of credited captions, a page of nothing but furniture, stories short and long.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

import wirecut
from wirecut.evaluate import Case, evaluate, load_cases, sample
from wirecut.ninjs import to_ninjs
from wirecut.parsers.kind import has_sentence, is_prose, word_count
from wirecut.story import KINDS

SECTION_PAGE = """World

Harbour authority approves new container berth
2024-05-02 10:15
The port will add a deep-water berth by 2026, its board said on Thursday.
Full story

Rail strike called off after late-night talks
2024-05-02 09:40
Unions and the operator agreed on a two-year wage deal.
Full story

Drought cuts wheat forecast for a second year
2024-05-01 18:05
The ministry now expects a harvest 12 percent below the five-year average.
Full story

1 2 3 Next >>
"""

PHOTO_PAGE = """Lanterns light up the old town

Visitors walk under red lanterns in the old town of Lijiang, southwest China's Yunnan Province, Feb. 9, 2024. (Xinhua/Chen Xinbo)

A child holds a rabbit-shaped lantern at a temple fair in Lijiang, southwest China's Yunnan Province, Feb. 9, 2024. (Xinhua/Chen Xinbo)

Performers dance on a square in the old town of Lijiang, southwest China's Yunnan Province, Feb. 9, 2024. (Xinhua/Chen Xinbo)
"""

FURNITURE_PAGE = "Home | World | Business | Sport\nShare  Tweet  Email  Print\nPage 2 of 3  << Prev 1 2 3 Next >>\n2019-05-03 10:22:11\n"

STORY = (
    "NAIROBI, May 3 (Xinhua) -- Kenya's central bank kept its benchmark rate unchanged on Tuesday, "
    "saying inflation was within its target range.\n\nAnalysts had expected a cut of a quarter point.\n\n"
    "Related:\nShilling steadies as tea exports climb\nThe currency gained against the dollar. Full story\n"
)

DIGEST = """Briefs

--------------------
LAGOS, June 3 (Reuters) - Nigeria's stock index rose 1.2 percent on Monday, led by bank shares.

--------------------
ACCRA, June 3 (Reuters) - Ghana's cedi weakened to a record low against the dollar on Monday.

--------------------
NAIROBI, June 3 (Reuters) - Kenya's shilling was flat in early trade on Monday.
"""


def _spans_cover_everything(story: wirecut.Story) -> None:
    spans = sorted(story.spans(), key=lambda item: item[1].start)
    for (_, left), (_, right) in zip(spans, spans[1:]):
        assert left.end <= right.start
    covered = bytearray(len(story.text))
    for _, span in spans:
        covered[span.start : span.end] = b"\x01" * (span.end - span.start)
    assert all(covered[i] or story.text[i].isspace() for i in range(len(story.text)))


def test_a_story_is_a_story_with_its_teasers_after_it() -> None:
    story = wirecut.parse(STORY)
    assert story.kind == "story"
    assert story.body.startswith("Kenya's central bank")
    assert [r.title for r in story.related] == ["Shilling steadies as tea exports climb"]


def test_a_one_sentence_story_keeps_its_body() -> None:
    story = wirecut.parse("The wing opened.")
    assert story.kind == "story" and story.body == "The wing opened."


def test_a_section_page_is_a_listing_with_no_body() -> None:
    story = wirecut.parse(SECTION_PAGE)
    assert story.kind == "listing"
    assert story.body == "" and story.paragraphs == ()
    assert [r.title for r in story.related] == [
        "Harbour authority approves new container berth",
        "Rail strike called off after late-night talks",
        "Drought cuts wheat forecast for a second year",
    ]
    _spans_cover_everything(story)


def test_a_photo_page_is_a_gallery_of_captions() -> None:
    story = wirecut.parse(PHOTO_PAGE)
    assert story.kind == "gallery"
    assert story.body == ""
    assert len(story.captions) == 3
    assert {c.credit for c in story.captions} == {"Xinhua/Chen Xinbo"}
    _spans_cover_everything(story)


def test_a_page_of_furniture_is_none_and_keeps_every_character() -> None:
    story = wirecut.parse(FURNITURE_PAGE)
    assert story.kind == "none"
    assert story.body == ""
    _spans_cover_everything(story)


def test_empty_and_blank_texts_are_none() -> None:
    assert wirecut.parse("").kind == "none"
    assert wirecut.parse("  \n\t ").kind == "none"


def test_a_digest_of_datelined_items_is_a_digest_with_a_body() -> None:
    story = wirecut.parse(DIGEST)
    assert story.kind == "digest"
    assert "Ghana's cedi" in story.body


def test_the_kind_is_in_the_output_after_the_language_and_validates() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(wirecut.__file__).parent / "output.schema.json").read_text(encoding="utf-8"))
    for text in (STORY, SECTION_PAGE, PHOTO_PAGE, FURNITURE_PAGE, DIGEST, ""):
        record = wirecut.parse(text).to_dict()
        assert list(record)[:4] == ["schema", "source", "language", "kind"]
        assert record["kind"] in KINDS
        jsonschema.validate(record, schema)
        if record["kind"] not in ("story", "digest"):
            assert record["body"] == {"text": "", "paragraphs": []}


def test_prose_and_sentences_in_several_scripts() -> None:
    assert is_prose("Die Regierung in Berlin hat am Dienstag einen neuen Haushalt vorgelegt.")
    assert is_prose("Le gouvernement a présenté mardi un nouveau budget pour l'année prochaine.")
    assert not is_prose("Startseite > Politik > Ausland")
    assert has_sentence("国务院总理主持召开常务会议。")
    assert not has_sentence("首页 | 新闻 | 国际")
    assert word_count("東京の株式市場は続伸した") >= 6


def test_ninjs_maps_the_kind() -> None:
    assert to_ninjs(wirecut.parse(STORY))["type"] == "text"
    listing = to_ninjs(wirecut.parse(SECTION_PAGE))
    assert listing["type"] == "composite" and listing["profile"] == "wirecut-listing"
    assert to_ninjs(wirecut.parse(PHOTO_PAGE))["profile"] == "wirecut-gallery"


def _cases() -> list[dict[str, object]]:
    return [
        {"id": "listing", "text": SECTION_PAGE, "expect": {"kind": "listing", "body": ""}},
        {"id": "gallery", "text": PHOTO_PAGE, "expect": {"kind": "gallery"}},
        {"id": "none", "text": FURNITURE_PAGE, "expect": {"kind": "none"}},
        {"id": "story", "text": STORY, "expect": {"kind": "story"}},
        {"id": "wrong", "text": STORY, "expect": {"kind": "listing"}},
    ]


def test_eval_scores_kind_reads_gzip_and_gives_the_same_figures_on_two_workers(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl.gz"
    with gzip.open(gold, "wt", encoding="utf-8") as handle:
        for row in _cases():
            handle.write(json.dumps(row) + "\n")
    cases = list(load_cases([gold]))
    assert [c.kind for c in cases] == ["listing", "gallery", "none", "story", "listing"]
    one = evaluate(cases, group_by="kind")
    two = evaluate(cases, group_by="kind", workers=2)
    assert one["all"].means["kind"] == pytest.approx(0.8)
    assert {g: e.means for g, e in one.items()} == {g: e.means for g, e in two.items()}
    assert one["listing"].means["kind"] == pytest.approx(0.5)
    assert [f["id"] for f in one["all"].failures if f["field"] == "kind"] == ["wrong"]


def test_sample_is_repeatable_and_keeps_file_order() -> None:
    cases = [Case(id=str(i), text="x", expect={}) for i in range(100)]
    first = sample(cases, 10, seed=3)
    assert [c.id for c in first] == [c.id for c in sample(cases, 10, seed=3)]
    assert [c.id for c in first] != [c.id for c in sample(cases, 10, seed=4)]
    assert [int(c.id) for c in first] == sorted(int(c.id) for c in first)


def test_eval_cli_by_kind_sample_and_jobs(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(row) + "\n" for row in _cases()), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "wirecut", "eval", str(gold), "--by", "kind", "-j", "2", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    scores = json.loads(run.stdout)
    assert scores["all"]["fields"]["kind"] == {"score": 0.8, "cases": 5}
    assert scores["gallery"]["fields"]["kind"]["score"] == 1.0
    sampled = subprocess.run(
        [sys.executable, "-m", "wirecut", "eval", str(gold), "--sample", "2", "--seed", "1", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(sampled.stdout)["all"]["cases"] == 2


TAG_PAGE = """Tag: harbours

Latest News

Port of Lumen opens its second container berth
By Coastal News Service -
The berth can take the largest ships now sailing, the port authority said on Monday.

Ferry operators add night sailings for the summer
By Coastal News Service -
Two operators will run late crossings from June, doubling the evening timetable.

Dredging of the northern channel to finish early
"""

SECTIONED_STORY = """Harbour plan

The city council approved the harbour plan on Monday after a debate of six hours.

Costs

The plan will cost 40 million euros over five years, the council said.
Most of it is for dredging and new quays.

What comes next

Work starts in the autumn.
"""


def test_a_tag_page_of_titles_bylines_and_summaries_is_a_listing_with_its_cut_off_last_item() -> None:
    story = wirecut.parse(TAG_PAGE)
    assert story.kind == "listing"
    assert [r.title for r in story.related] == [
        "Port of Lumen opens its second container berth",
        "Ferry operators add night sailings for the summer",
        "Dredging of the northern channel to finish early",
    ]
    assert (
        story.related[0].summary
        == "The berth can take the largest ships now sailing, the port authority said on Monday."
    )
    _spans_cover_everything(story)


def test_a_story_with_subheads_is_no_listing() -> None:
    story = wirecut.parse(SECTIONED_STORY)
    assert story.kind == "story"
    assert story.related == ()
    assert "40 million euros" in story.body


def test_an_alert_of_a_headline_and_desk_initials_is_a_story_not_none() -> None:
    story = wirecut.parse("Central bank raises its main rate by half a point\n\nab/cd/ef")
    assert story.kind == "story"


# A wire's tag page of dated items, each cut at the same length: the first item looks like a story
# (a dateline and some text) but stops mid-word as the others do.
DATED_ITEMS_PAGE = """Tag: harbours

Harbour authority approves new container berth
VALPARAISO, May 2 (Agencia Sur) -- The port will add a deep-water berth by 2026, its board said on Thursday, in a plan that …

Rail strike called off after late-night talks
ROSARIO, May 2 (Agencia Sur) -- Unions and the operator agreed on a two-year wage deal after talks that ran past mid

Drought cuts wheat forecast for a second year
CORDOBA, May 1 (Agencia Sur) -- The ministry now expects a harvest 12 percent below the five-year average, a second …

Copper exports climb on new smelter output
ANTOFAGASTA, April 30 (Agencia Sur) -- Shipments of refined copper rose for a third month as the new smelter reached
"""


def test_a_page_of_dated_items_cut_off_alike_is_a_listing_with_no_story_title_or_dateline() -> None:
    story = wirecut.parse(DATED_ITEMS_PAGE)
    assert story.kind == "listing"
    assert story.headline is None and story.dateline is None and story.body == ""
    titles = [teaser.title for teaser in story.related]
    # The first item's title, which the headline parser took for the story's, is the listing's first item.
    assert titles[0] == "Harbour authority approves new container berth"
    assert "Copper exports climb on new smelter output" in titles
    _spans_cover_everything(story)


def test_a_story_with_dated_teasers_after_it_stays_a_story() -> None:
    """The same items after a story that goes on longer than any of them and ends on a full stop."""
    lead = (
        "Harbour authority approves new container berth\n"
        "VALPARAISO, May 2 (Agencia Sur) -- The port will add a deep-water berth by 2026, its board said.\n"
        + "The berth will take ships of up to 14,000 containers, twice the size the port handles today, "
        "and the work will be paid for by the port's own bonds rather than by the state. " * 3 + "\nRelated\n"
    )
    story = wirecut.parse(lead + DATED_ITEMS_PAGE.split("\n", 3)[3])
    assert story.kind == "story"
    assert story.headline is not None and story.headline.text == "Harbour authority approves new container berth"
    assert story.dateline is not None and story.dateline.location == "VALPARAISO"


WHOLE_LEADS_PAGE = """\
Growers sow drought-hardy maize in the south
Mendoza, May 3 (Agencia Sur) Growers in the province began sowing two drought-hardy maize lines, the farm board said today.
Book fair opens its doors to 30 countries
Cordoba, May 2 (Agencia Sur) The city opened its book fair today to publishers from 30 countries, and it runs until Sunday.
Salta, 2 may (Agencia Sur) Provincial lawmakers debated today a bill on water rights, amid protests by two farm unions.
Central bank holds its rate for a fifth meeting
Rosario, 2 may (Agencia Sur) The central bank kept its benchmark rate unchanged today for the fifth meeting in a row.
"""


def test_a_page_of_whole_leads_under_their_titles_is_a_listing_with_each_item() -> None:
    """A wire's own listing keeps each item's whole first sentence; an item may have lost its title."""
    story = wirecut.parse(WHOLE_LEADS_PAGE)
    assert story.kind == "listing"
    assert story.headline is None and story.dateline is None and story.body == ""
    assert [teaser.title for teaser in story.related] == [
        "Growers sow drought-hardy maize in the south",
        "Book fair opens its doors to 30 countries",
        None,
        "Central bank holds its rate for a fifth meeting",
    ]
    assert [t.dateline.location if t.dateline else None for t in story.related] == [
        "Mendoza",
        "Cordoba",
        "Salta",
        "Rosario",
    ]
    _spans_cover_everything(story)


def test_a_story_of_two_paragraphs_before_shorter_dated_items_stays_a_story() -> None:
    lead = (
        "Harbour authority approves new container berth\n"
        "VALPARAISO, May 2 (Agencia Sur) -- The port will add a deep-water berth by 2026, its board said on Tuesday.\n"
        "The berth will take ships of up to 14,000 containers, twice the size the port handles today.\n"
    )
    story = wirecut.parse(lead + WHOLE_LEADS_PAGE.split("\n", 2)[2])
    assert story.kind == "story"
    assert story.dateline is not None and story.dateline.location == "VALPARAISO"
    assert "twice the size the port handles today" in story.body and "Growers" not in story.body
    assert len(story.related) == 3


def test_a_page_label_over_a_listing_is_navigation_not_a_headline() -> None:
    story = wirecut.parse("Latest News\n\n" + SECTION_PAGE)
    assert story.kind == "listing" and story.headline is None
    _spans_cover_everything(story)


def test_a_bulleted_line_is_never_the_headline() -> None:
    text = "• Updated\n• 0\n\nMANAGUA, Nicaragua (AP) — The talks resumed on Friday after a week of delays.\n"
    story = wirecut.parse(text)
    assert story.headline is None
    assert story.dateline is not None and story.dateline.location == "MANAGUA, Nicaragua"


def test_paragraphs_closed_by_a_bracketed_source_are_a_gallery() -> None:
    # An older photo page: each photo's caption closes with its source in brackets, no photographer.
    text = (
        "Photo Snapshots\n\n"
        "Two dancers perform at a street festival in Hangzhou, east China, May 10, 2004. More than 60 troupes "
        "took part in the festival. [Xinhua]\n\n"
        "A keeper feeds a young panda at the zoo in Chengdu, southwest China, June 2, 2004. The cub was born "
        "in the spring. [Reuters]\n\n"
        "Fishermen mend their nets at a harbour in Qingdao, May 30, 2004. The fishing season opens next month. "
        "[chinadaily.com.cn]"
    )
    story = wirecut.parse(text)
    assert story.kind == "gallery"
    assert [c.credit for c in story.captions] == ["Xinhua", "Reuters", "chinadaily.com.cn"]
    assert [c.agency for c in story.captions][:2] == ["Xinhua", "Reuters"]
    assert story.captions[0].text.endswith("took part in the festival.")


def test_one_bracketed_source_closing_a_story_is_no_caption() -> None:
    text = (
        "BEIJING, May 10 (Xinhua) -- The ministry said on Monday that exports rose. Imports fell slightly "
        "in the same period. [Xinhua]"
    )
    story = wirecut.parse(text)
    assert story.kind == "story" and not story.captions


# A wire site's tag page: title, a line that opens with the item's dateline, the story's first words
# cut off; the first items look like a story with its title and dateline.
DATED_TITLES_PAGE = (
    "Tag: harbours\n"
    "Port of Lumen opens its new deep water berth\n"
    "The berth takes the largest container ships and opened on Monday after two years of work on the\n"
    "Ferry line adds night sailings between the islands\n"
    "KEELUNG, April 13 (Xinhua) — The ferry company said on Thursday that it would add night sailings in May.\n"
    "Passengers welcomed the news, and the compa\n"
    "Harbour tolls cut for the fishing fleet this summer\n"
    "HUALIEN, April 12 (Xinhua) — The port cut its tolls for fishing boats on Wednesday to help the fleet.\n"
    "The cut runs until the end of Aug\n"
    "Rail link to the container port wins its approval\n"
    "NINGBO, April 10 (Xinhua) — The city approved a rail link to the container port on Monday after a long review.\n"
    "Work starts in June and the line w\n"
    "Lighthouse keepers return to the northern cape\n"
    "KEELUNG, April 9 (Xinhua) — Two keepers returned to the cape's lighthouse on Sunday after a decade away.\n"
    "The station was automated in 20\n"
)


def test_the_first_items_of_a_tag_page_are_items_not_a_story() -> None:
    story = wirecut.parse(DATED_TITLES_PAGE)
    assert story.kind == "listing" and story.headline is None and story.dateline is None
    assert [r.title for r in story.related] == [
        "Port of Lumen opens its new deep water berth",
        "Ferry line adds night sailings between the islands",
        "Harbour tolls cut for the fishing fleet this summer",
        "Rail link to the container port wins its approval",
        "Lighthouse keepers return to the northern cape",
    ]
    assert [r.dateline.location if r.dateline else None for r in story.related][:2] == [None, "KEELUNG"]
    assert story.related[1].summary is not None and story.related[1].summary.endswith("and the compa")
    assert [(r.kind, r.text) for r in story.residue] == [("unknown", "Tag: harbours")]


# A section page: menu, the section's name, then title, a stamp relative to the reading, a summary.
SECTION_LISTING = (
    "Home\n"
    "World\n"
    "Business\n"
    "Business\n"
    "Markets slip as investors weigh rate outlook\n"
    "2 hours ago\n"
    "Stocks fell on Wednesday as investors weighed comments from central bank officials on the path of interest rates.\n"
    "Airline raises fares on busy summer routes\n"
    "5 hours ago\n"
    "The carrier said higher fuel costs and strong demand had pushed up prices on its most popular routes.\n"
    "Carmaker recalls 40,000 vehicles over brake fault\n"
    "Yesterday\n"
    "The company said no injuries had been reported and owners would be contacted by mail.\n"
    "Retail sales rise for a third month in a row\n"
    "March 13, 2024\n"
    "Sales rose 0.6 percent in February, beating forecasts, official data showed.\n"
    "Load more\n"
)


def test_a_day_relative_to_the_reading_is_a_listings_stamp_not_a_title() -> None:
    story = wirecut.parse(SECTION_LISTING)
    assert story.kind == "listing"
    assert [r.title for r in story.related] == [
        "Markets slip as investors weigh rate outlook",
        "Airline raises fares on busy summer routes",
        "Carmaker recalls 40,000 vehicles over brake fault",
        "Retail sales rise for a third month in a row",
    ]


@pytest.mark.parametrize("stamp", ["Yesterday", "Heute, 10:32 Uhr", "Ayer", "昨天 09:15"])
def test_relative_days_of_every_language_are_stamps_on_their_own_line(stamp: str) -> None:
    story = wirecut.parse(
        f"Port opens new berth\n{stamp}\nThe port opened its second berth on Monday after two years of work."
    )
    assert (stamp, None) in [(r.text, r.iso) for r in story.residue if r.kind == "timestamp"]


def test_a_tables_today_column_is_no_stamp() -> None:
    text = "CHICAGO, March 3 - Cash prices were:\n    LOCATION         TODAY      PREVIOUS\n    W COAST          12.50      12.25\n"
    story = wirecut.parse(text)
    assert not [r for r in story.residue if r.kind == "timestamp"]


BRIEFS_PAGE = """\
Main news for Tuesday

MANAMA - The cabinet approved a plan to widen the coastal road, the transport minister said.

MANAMA - The central bank held its policy rate unchanged for the third month running.

CAIRO - Talks on a ceasefire resumed in the Egyptian capital with envoys from both sides.

GENEVA - The UN rights office called for an inquiry into the shelling of a market. (end)
"""


def test_a_page_of_briefs_each_opening_with_its_dateline_is_a_digest() -> None:
    story = wirecut.parse(BRIEFS_PAGE)
    assert story.kind == "digest"
    assert story.dateline is None
    assert [p.text.split(" - ")[0] for p in story.paragraphs] == ["MANAMA", "MANAMA", "CAIRO", "GENEVA"]


def test_briefs_under_titles_are_a_listing_and_one_dated_story_is_a_story() -> None:
    titled = BRIEFS_PAGE.replace("\n\nMANAMA - The central", "\n\nBank holds its rate\nMANAMA - The central")
    titled = titled.replace("\n\nCAIRO", "\n\nCeasefire talks resume\nCAIRO").replace(
        "\n\nGENEVA", "\n\nInquiry sought\nGENEVA"
    )
    assert wirecut.parse(titled).kind != "digest"
    one = (
        "Road plan approved\n\nMANAMA - The cabinet approved a plan to widen the coastal road.\n\nWork starts in May.\n"
    )
    story = wirecut.parse(one)
    assert story.kind == "story" and story.dateline is not None


def test_an_item_without_a_dateline_between_dated_items_of_a_listing_is_an_item() -> None:
    page = (
        "Wire stories, page 12\n"
        "Mayor defends budget as council backs second vote\n"
        "SPRINGFIELD — The mayor told the council on Wednesday that the budget would hold, defending the cuts "
        "that drew protests last month. It was his first meeting with the council amid...\n"
        "Health chief says flu season has peaked\n"
        "The state's health chief said on Wednesday that the flu season had peaked, but warned that hospitals "
        "would stay busy for weeks as cases ease, he said in an...\n"
        "Review finds delays in city permits\n"
        "SHELBYVILLE — The city's permit office has kept builders waiting for months, according to a review "
        "released on Wednesday by the state auditor. The report said the office will...\n"
    )
    story = wirecut.parse(page)
    assert story.kind == "listing"
    assert [teaser.title for teaser in story.related] == [
        "Mayor defends budget as council backs second vote",
        "Health chief says flu season has peaked",
        "Review finds delays in city permits",
    ]
    assert story.related[1].dateline is None
    _spans_cover_everything(story)


def test_a_listing_whose_items_carry_a_photo_each_is_a_listing_with_its_captions() -> None:
    page = (
        "National News.\n\n"
        "A man walks past a closed shop in the old town, Feb. 16, 2023. (AP Photo/Ann Lee, File)\n\n"
        "Most adults think rents rise faster than pay, new poll finds\n\n"
        "A new poll finds that most adults think rents are rising faster than pay, while fewer blame the "
        "cost of building.\n\nRead More »\n"
        "A farmer walks through a dry field on Saturday, Sept. 6, 2025. (AP Photo/Bo Chen)\n\n"
        "Drought spreads to a third of the farm belt, officials say\n\n"
        "Officials say the drought now covers a third of the farm belt, the widest spread in a decade.\n\n"
        "Read More »\n"
    )
    story = wirecut.parse(page)
    assert story.kind == "listing"
    assert [teaser.title for teaser in story.related] == [
        "Most adults think rents rise faster than pay, new poll finds",
        "Drought spreads to a third of the farm belt, officials say",
    ]
    # The link line over the second photo is the first item's marker, not the caption's start.
    assert story.captions[1].text.startswith("A farmer walks")
    _spans_cover_everything(story)
