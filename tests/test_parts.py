"""Captions, bylines, notes, residue, teasers, headlines and body; texts written for these tests."""

from __future__ import annotations

import pytest

import wirecut


def test_seed_parts(seed_text: str) -> None:
    story = wirecut.parse(seed_text)
    assert story.dateline is not None
    assert (story.dateline.location, story.dateline.date, story.dateline.date_iso, story.dateline.agency) == (
        "BEIJING",
        "April 19",
        "2016-04-19",
        "Xinhua",
    )
    [caption] = story.captions
    assert caption.credit == "Xinhua/Ma Zhancheng" and caption.photographers == ("Ma Zhancheng",)
    assert caption.dateline is not None and caption.dateline.date == "April 19, 2016"
    assert caption.text.startswith("Chinese President Xi Jinping, also head")
    assert [r.title for r in story.related] == [
        "China's Xi calls for better development of Internet",
        "Filthy, polluted cybersphere not in anyone's interests, Xi says",
    ]
    assert all(r.marker == "Full story" and r.dateline is not None for r in story.related)
    assert [(r.kind, r.text) for r in story.residue] == [("pagination", "1 2 3 >>")] * 2
    assert story.body.startswith("Chinese President Xi Jinping on Tuesday called")
    assert story.body.endswith("also attended the symposium.")
    assert "Related:" not in story.body and "Full story" not in story.body


CAPTION_CREDITS = [
    ("Workers fix a bridge in Hefei, May 2, 2024. (Xinhua/Zhou Mu)", "Xinhua/Zhou Mu", "Xinhua", ("Zhou Mu",)),
    (
        "A nurse checks a monitor, March 21, 2025. (Photo by Ama Kessy/Xinhua)",
        "Photo by Ama Kessy/Xinhua",
        "Xinhua",
        ("Ama Kessy",),
    ),
    ("This photo taken on Sept. 27, 2025 shows a field. [Photo/Xinhua]", "Photo/Xinhua", "Xinhua", ()),
    ("A man waves a flag in Kyiv on Monday. (AP Photo/Evan Marsh)", "AP Photo/Evan Marsh", "AP", ("Evan Marsh",)),
    ("Turbines stand off the coast, March 3, 2024. REUTERS/Jo Whit", "REUTERS/Jo Whit", "Reuters", ("Jo Whit",)),
    ("A chip is shown in an office on May 1, 2024. AFP PHOTO / KEN OYA", "AFP PHOTO / KEN OYA", "AFP", ("KEN OYA",)),
]


def test_caption_credit_forms() -> None:
    for caption_text, credit, agency, photographers in CAPTION_CREDITS:
        story = wirecut.parse(caption_text + "\n\nCAIRO, May 2 (Xinhua) -- The talks resumed on Tuesday.")
        assert [c.credit for c in story.captions] == [credit], caption_text
        assert story.captions[0].agency == agency
        assert story.captions[0].photographers == photographers
        assert story.body == "The talks resumed on Tuesday."


def test_credit_glued_to_the_next_dateline() -> None:
    text = "A nurse checks a monitor, March 21, 2025. (Photo by Ama Kessy/Xinhua)DAR ES SALAAM, March 23 (Xinhua) — The wing opened."
    story = wirecut.parse(text)
    assert story.dateline is not None and story.dateline.location == "DAR ES SALAAM"
    assert story.dateline.date_iso == "2025-03-23"
    assert story.body == "The wing opened."


def test_bylines_with_names_and_roles() -> None:
    story = wirecut.parse(
        "Trade talks stall\nBy JANE DOE and JOHN ROE\nAP Business Writer\nNEW YORK (AP) — Talks stalled."
    )
    [byline] = story.bylines
    assert byline.names == ("JANE DOE", "JOHN ROE") and byline.role == "AP Business Writer"
    assert story.dateline is not None and story.dateline.location == "NEW YORK"
    assert story.headline is not None and story.headline.text == "Trade talks stall"
    xinhua = wirecut.parse("By Xinhua writers Sun Li and Wu Qi\n\nHANGZHOU, May 1 (Xinhua) -- Rush hours are long.")
    assert xinhua.bylines[0].names == ("Sun Li", "Wu Qi") and xinhua.bylines[0].role == "Xinhua writers"


def test_a_name_that_starts_with_by_stays_whole() -> None:
    story = wirecut.parse("By Byrne Smith\n\nLONDON (Reuters) - Markets rose.")
    assert story.bylines[0].names == ("Byrne Smith",)
    assert wirecut.parse("Byrne Smith said markets rose on Monday in London.").bylines == ()


def test_notes_of_every_kind() -> None:
    text = (
        "LONDON, May 2 (Reuters) - Markets rose on Monday.\n\n"
        "Jill Lane in Paris contributed to this report.\n\n"
        "(Reporting by Kane Wu; Editing by Jo Wong)\n\n"
        "Editor: huaxia\n\n"
        "Source: Xinhua\n\n"
        "Copyright 2024 The Example Press. All rights reserved."
    )
    story = wirecut.parse(text)
    kinds = {n.kind: n for n in story.notes}
    assert set(kinds) == {"contributor", "reporting", "editor", "source", "copyright"}
    assert kinds["editor"].names == ("huaxia",)
    assert kinds["reporting"].names == ("Kane Wu", "Jo Wong")
    assert story.body == "Markets rose on Monday."


def test_signoffs_are_peeled_off_the_end() -> None:
    story = wirecut.parse("Mumbai, Dec 9 (PTI) The film opened on Friday to full houses. PTI SBN RT")
    assert [(n.kind, n.text) for n in story.notes] == [("signoff", "PTI SBN RT")]
    assert story.body == "The film opened on Friday to full houses."


def test_residue_kinds() -> None:
    text = "Share\nPrint\n\nCAIRO, May 2 (Xinhua) -- The talks resumed.\n\nAdvertisement\n\n2017-10-17 20:28:16\n\n<< Prev 1 2 3 Next >>"
    story = wirecut.parse(text)
    assert {(r.kind, r.text) for r in story.residue} == {
        ("share", "Share"),
        ("share", "Print"),
        ("advertisement", "Advertisement"),
        ("timestamp", "2017-10-17 20:28:16"),
        ("pagination", "<< Prev 1 2 3 Next >>"),
    }
    assert story.body == "The talks resumed."
    stamp = next(r for r in story.residue if r.kind == "timestamp")
    assert stamp.iso == "2017-10-17"


def test_listing_page_is_all_teasers() -> None:
    text = (
        "Section name\n\nFirst teaser title here\n\n2019-06-03 20:14:52\n\nThe first summary says a thing. Full Story\n\n"
        "Second teaser title here\n\n2019-06-03 18:41:07\n\nThe second summary says more. Full Story\n\nFirst 1 2 3 Last"
    )
    story = wirecut.parse(text)
    assert [r.title for r in story.related] == ["First teaser title here", "Second teaser title here"]
    assert story.body == "" and story.headline is None


def test_hard_wrapped_wire_lines_are_joined_into_paragraphs() -> None:
    text = (
        "    CLEVELAND, Feb 26 - Standard Widgets Co said it plans to form a venture to\n"
        "manage the money market borrowing and investment activities of both firms.\n"
        "    The venture will be called Widget Trading and will be operated by the\n"
        "company under the oversight of a joint management committee.\n Reuter\n"
    )
    story = wirecut.parse(text)
    assert len(story.paragraphs) == 2
    assert story.paragraphs[0].text.startswith("Standard Widgets Co said") and "\n" not in story.paragraphs[0].text
    assert [n.text for n in story.notes] == ["Reuter"]


def test_flattened_title_before_the_story() -> None:
    story = wirecut.parse("Giddy Swimmer Wins Gold for First Time Anna Berg won the final in a world record time.")
    assert story.headline is not None and story.headline.text == "Giddy Swimmer Wins Gold for First Time"
    assert story.body == "Anna Berg won the final in a world record time."


def test_page_title_is_residue_and_the_repeated_title_the_headline() -> None:
    text = "Farmers speed up harvest - Xinhua | English.news.cn\n\nFarmers speed up harvest\n\nZHENGZHOU, June 12 (Xinhua) -- Farmers harvested wheat."
    story = wirecut.parse(text)
    assert story.headline is not None and story.headline.text == "Farmers speed up harvest"
    assert story.residue[0].kind == "navigation"


def test_teaser_labels_and_markers_with_odd_spacing_and_case() -> None:
    """A label's or marker's spaces match any white space, and its case does not matter."""
    body = "CAIRO, May 2 (Xinhua) -- The talks resumed on Monday after a week of delays in the capital."
    for label in ("See  also:", "See\nalso:", "SEE ALSO:", "Related   stories:"):
        story = wirecut.parse(f"{body}\n\n{label} Talks stall again as envoys leave {'FULL  STORY'}")
        [teaser] = story.related
        assert teaser.title == "Talks stall again as envoys leave", label
        assert teaser.marker == "FULL STORY", label
        assert story.body.endswith("in the capital."), label
    story = wirecut.parse(
        f"{body}\n\nEnvoys meet again in Geneva on Friday [ FUILL  STORY ]\n\nMore talks planned Read\nMore »"
    )
    assert [r.marker for r in story.related] == ["[ FUILL STORY ]", "Read More »"]
    # a text in which lower-casing changes the length ("İ") takes the whole-text scan, with the same result
    story = wirecut.parse(f"İzmir {body}\n\nİlgili haberler: Görüşmeler yeniden başladı Full story")
    assert [r.marker for r in story.related] == ["Full story"]


DPA_NOTEBOOK = (
    "# Notebook\n\n## Note to editors\n- Adds comment from the port authority\n\n## Internet links\n"
    "- [Port statement](http://example.org/port)\n\n* * * *\nThe following information is not intended for publication\n\n"
    "## Editorial contacts\n- Reporting by: Anna Lind in Hamburg\n- Editing by: Max Roth, <desk@example.org>\n"
)


def test_dpa_notebook_is_one_ednote_in_lines_and_flattened() -> None:
    """dpa's "# Notebook" for editors runs to the desk's sign-off, over the links and rules inside it."""
    story_text = "Hamburg (dpa) - The port reopened on Monday after a two-day strike by dock workers.\n\n"
    lines = story_text + DPA_NOTEBOOK + "\ndpa al mr\n\n\n101137 GMT Dez 18\n"
    flat = " ".join(lines.split())
    for text in (lines, flat):
        story = wirecut.parse(text)
        kinds = [(n.kind, n.text.split()[0]) for n in story.notes]
        assert ("ednote", "#") in kinds and ("signoff", "dpa") in kinds, text[-80:]
        notebook = next(n for n in story.notes if n.text.startswith("# Notebook"))
        assert notebook.text.endswith("<desk@example.org>")
        assert story.body == "The port reopened on Monday after a two-day strike by dock workers."
        assert [r.kind for r in story.residue] == ["timestamp"]


ANPA_LINES = (
    "z1234-----\n"
    "r s BC-FBN--Gulls-Herons 1stLd-Writethru   03-14 0412\n"
    "^BC-FBN--Gulls-Herons, 1st Ld-Writethru,380< \n"
    "^Late goal lifts Gulls past Herons 2-1< \n"
    "^AP Photo XYZ101, XYZ102< \n"
    "^Eds: Gulls 2, Herons 1. Updates. With AP Photos.< \n"
    "^Mara Quist scored in the 89th minute and the Gulls beat the Herons 2-1.< \n"
    "^By PAULA VENN= \n"
    "^AP Sports Writer= \n"
    "\t   PORTLAND, Maine (AP) _ Mara Quist scored in the 89th minute and the Gulls beat the Herons 2-1 on Saturday. \n"
    "\t   The Herons had led since the first half. \n"
    "\n\t   AP-WF-03-14-21 0412GMT<\n"
)


def test_anpa_header_fields_on_lines_and_flattened() -> None:
    """AP's ANPA 1312 fields: keyword and editors' fields are notes, then headline and byline with role."""
    for text in (ANPA_LINES, " ".join(ANPA_LINES.split())):
        story = wirecut.parse(text)
        assert story.headline is not None and story.headline.text == "Late goal lifts Gulls past Herons 2-1"
        [byline] = story.bylines
        assert (byline.names, byline.role) == (("PAULA VENN",), "AP Sports Writer")
        assert [n.text for n in story.notes if n.kind == "ednote"] == [
            "BC-FBN--Gulls-Herons, 1st Ld-Writethru,380",
            "AP Photo XYZ101, XYZ102",
            "Eds: Gulls 2, Herons 1. Updates. With AP Photos.",
        ]
        assert story.dateline is not None and story.dateline.location == "PORTLAND, Maine"
        assert story.body.startswith("Mara Quist scored") and story.body.endswith("since the first half.")
        assert {r.text for r in story.residue if r.kind == "markup"} <= {"^", "< ^", "=", "<"}
        assert "AP-WF-03-14-21 0412GMT" in [r.text for r in story.residue if r.kind == "timestamp"]
        for part in ("^", "<", "BC-FBN", "AP Photo", "By PAULA VENN"):
            assert part not in story.body


def test_carets_without_a_keyword_field_are_prose() -> None:
    story = wirecut.parse("CAIRO, May 2 (Xinhua) -- Prices rose 2^3 times <faster> than wages^ this year <said>.")
    assert story.body.startswith("Prices rose 2^3 times") and story.headline is None
    assert not [r for r in story.residue if r.kind == "markup"]


def test_kyodo_flattened_header_keyword_then_title() -> None:
    """Kyodo's feed header flattened: the keyword, then the title that Kyodo closes with "+"."""
    text = (
        "a0001KYODOkoko- d s BC-Judo-Worlds 07-11 0210 BC-Judo-Worlds Judo: Sato wins second world title in Doha+ "
        "DOHA, Qatar, July 11 Kyodo - Kaito Sato won his second world title on Sunday. ==Kyodo KWS-02:10-07-11-21"
    )
    story = wirecut.parse(text)
    assert story.headline is not None and story.headline.text == "Judo: Sato wins second world title in Doha"
    assert story.body == "Kaito Sato won his second world title on Sunday."


def test_byline_forms_colon_desk_and_paper() -> None:
    story = wirecut.parse(
        "By: Chao Ming and Kevin Lai\n\nTaipei, Oct. 5 (CNA) The legislature passed a housing bill on Monday."
    )
    assert [b.names for b in story.bylines] == [("Chao Ming", "Kevin Lai")] and story.headline is None
    story = wirecut.parse(
        "By Staff Reporter\n\nThe county board approved the new library on Monday evening after a debate."
    )
    assert [(b.names, b.role) for b in story.bylines] == [((), "Staff Reporter")] and story.headline is None
    for paper in ("The Bulletin", "The Washington Post", "Chicago Tribune"):
        story = wirecut.parse(
            f"By Hilda Moreno\n{paper}\n\nThe county will add two fire stations next year, officials said."
        )
        assert [(b.names, b.role) for b in story.bylines] == [(("Hilda Moreno",), paper)], paper
        assert story.body.startswith("The county will add"), paper


def test_a_single_sentence_with_no_dateline_is_no_title_and_story() -> None:
    for text in (
        "Officials in the port city announced a new ferry route on Monday.",
        "Senate leaders reached a deal late Thursday on a stopgap spending bill.",
    ):
        story = wirecut.parse(text)
        assert story.headline is None and story.body == text


def test_credits_of_european_agencies_and_sources_that_are_no_person() -> None:
    story = wirecut.parse(
        "Protesters march through central Berlin on Saturday. (DPA/Zuma Press)\n\nBERLIN (AP) — Thousands marched."
    )
    assert [(c.credit, c.agency, c.photographers) for c in story.captions] == [("DPA/Zuma Press", "dpa", ())]
    story = wirecut.parse("Skiers ride a lift on Saturday. (Karl Lund/TT)\n\nSTOCKHOLM (TT) — The resort opened early.")
    assert [(c.credit, c.photographers) for c in story.captions] == [("Karl Lund/TT", ("Karl Lund",))]
    assert story.headline is None and story.body == "The resort opened early."


def test_teaser_box_under_a_heading_with_no_colon() -> None:
    """A teaser box's heading alone on its line ("Read more", "Mehr zum Thema"): one teaser a title line."""
    story = wirecut.parse(
        "SEATTLE (AP) — The ferry system added two night sailings.\n\nRead more\n"
        "Port plans new cruise terminal\nFerry fares to rise in May"
    )
    assert [r.title for r in story.related] == ["Port plans new cruise terminal", "Ferry fares to rise in May"]
    assert story.body == "The ferry system added two night sailings."
    story = wirecut.parse("Leipzig (dpa) - Die Stadt eröffnet ein Freibad.\n\nMehr zum Thema\nNeue Radwege geplant")
    assert [r.title for r in story.related] == ["Neue Radwege geplant"]
    # a heading followed by the story going on is no teaser box
    prose = "The council also approved a plan to widen the docks, which officials said would take two years."
    story = wirecut.parse(f"SEATTLE (AP) — The ferry system added two sailings.\n\nRelated\n\n{prose}")
    assert story.related == () and story.body.endswith(prose)


def test_anpa_alert_with_a_keyword_field_only_and_fields_after_an_agency_byline() -> None:
    alert = "W0001asian\nb a BC-US--NewsAlert     06-29 0358\n^BC-US--NewsAlert,17<\n\t   OSLO (AP) _ The port reopened.\n\n\t   AP-WF-06-29-17 2350GMT<\n"
    story = wirecut.parse(alert)
    assert [n.text for n in story.notes] == ["BC-US--NewsAlert,17"] and story.body == "The port reopened."
    table = (
        "^BC-BBO--Gulls Standings< \n^Gulls Standings= \n^(Eds: Adds late games.)< \n^By The Associated Press= \n"
        "^NORTH LEAGUE= \nGulls;23;13\nHerons;19;21\n"
    )
    story = wirecut.parse(table)
    assert story.headline is not None and story.headline.text == "Gulls Standings"
    assert [(b.names, b.role, b.text) for b in story.bylines] == [
        ((), "The Associated Press", "By The Associated Press")
    ]
    assert "(Eds: Adds late games.)" in [n.text for n in story.notes]


DPA_HEADER = (
    "eca0009 3 i 380  dpa 0045\n\nNorway/fisheries/EU/\n1ST LEAD\nNorway and EU agree on cod quotas for next year\n"
    "By dpa correspondents =\n\nOslo (dpa) - Norway and the European Union agreed on cod quotas on Friday.\n"
)
DPA_PARTNER = (
    "ecp0001 4 s 850  dpa-tns 0908\n\nIce Hockey/NHL/\nGulls 2.0? A rematch would be fun, but do not count on it\n"
    "By Hanna Lee, The Harbor Daily-Courier =\n\nPortland (tca/dpa) - History says this was no final preview.\n"
)


def test_dpa_header_keywords_byline_and_partner_tag_on_lines_and_flattened() -> None:
    """dpa's English service: keywords ending in "/", version lines, title, "By ... =", then the dateline."""
    for text in (DPA_HEADER, " ".join(DPA_HEADER.split())):
        story = wirecut.parse(text)
        assert story.headline is not None and story.headline.text == "Norway and EU agree on cod quotas for next year"
        assert [(b.names, b.role) for b in story.bylines] == [((), "dpa correspondents")]
        assert story.body == "Norway and the European Union agreed on cod quotas on Friday."
    for text in (DPA_PARTNER, " ".join(DPA_PARTNER.split())):
        story = wirecut.parse(text)
        assert story.headline is not None and story.headline.text.startswith("Gulls 2.0? A rematch")
        assert [(b.names, b.role) for b in story.bylines] == [(("Hanna Lee",), "The Harbor Daily-Courier")]
        assert story.dateline is not None and (story.dateline.location, story.dateline.agency) == ("Portland", "dpa")
        assert story.body == "History says this was no final preview."


def test_iptc_7901_title_closed_by_equals_with_its_kicker() -> None:
    """ATS and SDA close the header's title with " =", after a kicker line ending with a colon."""
    text = (
        "Frais GE\n\nFrais GE: \nLa ville revoit ses notes de frais =\n\n"
        "Genève (ats) Le conseil municipal a adopté lundi de nouvelles règles.\n"
    )
    story = wirecut.parse(text)
    assert story.headline is not None and story.headline.text == "Frais GE: La ville revoit ses notes de frais"
    assert story.body == "Le conseil municipal a adopté lundi de nouvelles règles."
    story = wirecut.parse(
        "Frais GE Frais GE: La ville revoit ses notes de frais = Genève (ats) Le conseil a adopté lundi."
    )
    assert story.headline is not None and story.headline.text == "Frais GE: La ville revoit ses notes de frais"


def test_afp_product_line_after_the_title_is_not_the_title() -> None:
    title = "France: deux anciens policiers devant la justice pour trafic"
    for sep in ("\n", " "):
        text = (
            f"{title}{sep}(Croquis d'audience+Photo+Video){sep}Paris, 21 jan 2019 (AFP) - Le procès s'est ouvert lundi."
        )
        story = wirecut.parse(text)
        assert story.headline is not None and story.headline.text == title
        assert story.body == "Le procès s'est ouvert lundi."


def test_short_closing_lines_of_a_list_stay_in_the_body() -> None:
    """Only after a story's last sentence is a short closing line page furniture."""
    text = "ACME CORP <ACM> QTLY DIVIDEND\n    DAYTON, Ohio, March 2 -\n    Qtly div 12 cts vs 12 cts prior\n    Payable April 30\n    Record April ten\n\n Reuter\n"
    story = wirecut.parse(text)
    assert story.body.endswith("Record April ten") and not story.residue
    story = wirecut.parse("DAYTON, Ohio (AP) — The plant will reopen in May.\n\nProduct Suggestions")
    assert story.body == "The plant will reopen in May." and [r.text for r in story.residue] == ["Product Suggestions"]


def test_a_title_may_open_with_a_number() -> None:
    story = wirecut.parse("2024 Law Protects Harbor Jobs (AP) AP - A new law protects the jobs of harbor pilots.")
    assert story.headline is not None and story.headline.text == "2024 Law Protects Harbor Jobs (AP)"
    assert story.body == "A new law protects the jobs of harbor pilots."


ATS_ITEM = (
    "\nbsf001 4 su 174 gef 1388\n\nFrais GE\n\nFrais GE: \nLa ville revoit ses notes de frais = \n\n"
    "Genève (ats) Le conseil municipal a adopté lundi de nouvelles règles. \n\n"
    "Les élus voteront en mars. \n\n(SDA/mf ba) \n\n211005 jan 19"
)


def test_ats_item_header_code_title_desk_initials_and_stamp() -> None:
    for text in (ATS_ITEM, " ".join(ATS_ITEM.split())):
        story = wirecut.parse(text)
        assert story.headline is not None and story.headline.text == "Frais GE: La ville revoit ses notes de frais"
        assert [(n.kind, n.text) for n in story.notes] == [("signoff", "(SDA/mf ba)")]
        assert ("timestamp", "211005 jan 19") in [(r.kind, r.text) for r in story.residue]
        assert ("unknown", "bsf001 4 su 174 gef 1388") in [(r.kind, r.text) for r in story.residue]
        assert (
            story.body.replace("\n\n", " ")
            == "Le conseil municipal a adopté lundi de nouvelles règles. Les élus voteront en mars."
        )


def test_dpa_refile_line_and_closing_stamp_without_gmt() -> None:
    text = (
        "eca0004 3 i 380  dpa 0045\n\nNorway/fisheries/\nREFILE\n1ST LEAD\nNorway and EU agree on cod quotas\n"
        "By dpa correspondents =\n\nOslo (dpa) - The deal was struck on Friday.\n\n"
        + DPA_NOTEBOOK
        + "\ndpa al rmo\n\n211259 Nov 18\n"
    )
    for variant in (text, " ".join(text.split())):
        story = wirecut.parse(variant)
        assert [n.text for n in story.notes][:2] == ["REFILE", "1ST LEAD"]
        assert ("signoff", "dpa al rmo") in [(n.kind, n.text) for n in story.notes]
        assert ("timestamp", "211259 Nov 18") in [(r.kind, r.text) for r in story.residue]
        assert story.body == "The deal was struck on Friday."
    story = wirecut.parse("REFILE-UPDATE 1-Oil rises on supply worries\n\nLONDON (Reuters) - Oil rose on Monday.")
    assert story.headline is not None and story.headline.text.startswith("REFILE-UPDATE 1-Oil")


def test_mailonline_header_as_the_cnn_daily_mail_corpus_keeps_it() -> None:
    """ " . " stands for each line break: "By . NAME . PUBLISHED: . 09:12 EST, 14 March 2013 . | . UPDATED: ..."."""
    stamps = "PUBLISHED: . 09:12 EST, 14 March 2013 . | . UPDATED: . 11:40 EST, 14 March 2013 ."
    cases = [
        (f"By . Sara Lind . {stamps} A school in Leeds will close for a week.", ("Sara Lind",), None),
        (f"By . Daily Mail Reporter . {stamps} The mayor resigned on Monday.", (), "Daily Mail Reporter"),
        (
            "By . Sam Webb and Jill Reid . Last updated at 3:04 PM on 10th January 2012 . The prince flew.",
            ("Sam Webb", "Jill Reid"),
            None,
        ),
    ]
    for text, names, role in cases:
        story = wirecut.parse(text)
        assert [(b.names, b.role) for b in story.bylines] == [(names, role)], text
        assert [r.kind for r in story.residue] == ["timestamp"], text
        assert story.headline is None and not story.body.startswith(("By", "PUBLISHED", "Last")), text


def test_byline_run_on_with_read_time_and_stamp() -> None:
    story = wirecut.parse(
        "By Hanna Brecht | 2 Minute Read | Published 9:41 AM EDT Sun October 3, 2021\n\nA bakery won a prize."
    )
    assert [b.names for b in story.bylines] == [("Hanna Brecht",)]
    assert [r.kind for r in story.residue] == ["timestamp"] and story.body == "A bakery won a prize."
    story = wirecut.parse("Help | Sitemap | Archive | Advanced Search\n\nCAIRO (AP) — The talks resumed.")
    assert [r.kind for r in story.residue] == ["navigation"]


def test_indented_contributor_line_of_an_anpa_story() -> None:
    text = "\t   OSLO (AP) _ The port reopened.\n \n\t   ___\n \n\t   AP writers Ola Berg in Bergen and Kari Lund in Oslo contributed to this report.\n"
    story = wirecut.parse(text)
    assert [(n.kind, n.names) for n in story.notes] == [("contributor", ("Ola Berg", "Kari Lund"))]
    assert story.body == "The port reopened."


def test_aggregator_page_later_items_are_teasers() -> None:
    """An aggregator lists items as: title line, "SOURCE - 2 hours ago", text; later items are teasers."""
    first = "OSLO - The harbour reopened on Friday after a storm closed it for two days. " * 4
    text = (
        "Harbour reopens after storm\n\nNORDIC WIRE - 2 hours 10 min ago\n" + first.strip() + "\n\n"
        "Ferry fares to rise in May\n\nNORDIC WIRE - 3 hours 5 min ago\n\nThe ferry company said fares would rise.\n"
    )
    story = wirecut.parse(text)
    assert story.headline is not None and story.headline.text == "Harbour reopens after storm"
    assert [(r.title, r.summary) for r in story.related] == [
        ("Ferry fares to rise in May", "The ferry company said fares would rise.")
    ]
    assert story.body.startswith("The harbour reopened") and story.body.endswith("closed it for two days.")
    assert "Ferry" not in story.body and "NORDIC WIRE" not in story.body


def test_headline_of_two_clauses_joined_by_a_semicolon() -> None:
    title = "Receivers install acting chief executive as founder quits the board; retailer put up for sale"
    story = wirecut.parse(f"{title}\n\nBy Jon Hill\n\nJan. 12 (BusinessDesk) - The receivers appointed a chief.")
    assert story.headline is not None and story.headline.text == title


def test_place_alone_on_its_line_between_head_and_story() -> None:
    """Feeds keep their dateline element as a line: AAP's "Sydney", STT's "Kiova/Washington"."""
    prose = "The state government announced on Monday that it would expand the fire service across the region."
    for place in ("Sydney", "Kiova/Washington", "Landquart GR"):
        story = wirecut.parse(f"Fire service to grow\nBy John Hale\n{place}\n\n{prose}")
        assert story.dateline is not None and story.dateline.location == place, place
        assert [b.names for b in story.bylines] == [("John Hale",)] and story.body == prose
    for not_a_place in ("Business", "NTB", "By John Hale", "John Hale"):
        story = wirecut.parse(f"Fire service to grow\n{not_a_place}\n\n{prose}")
        assert story.dateline is None, not_a_place


def test_writer_and_outlet_joined_by_a_slash_after_the_title() -> None:
    prose = "Nei, dette dokumentet beskriver ikke planen, og det har aldri gjort det, sier forskeren til NTB."
    story = wirecut.parse(f"Faktisk.no: Dokumentet beskriver ikke planen\nGeir Moen / Faktisk.no\nOslo\n\n{prose}")
    assert [(b.names, b.role) for b in story.bylines] == [(("Geir Moen",), "Faktisk.no")]
    assert story.dateline is not None and story.dateline.location == "Oslo" and story.body == prose


def test_flattened_byline_bounded_by_an_agency_of_two_words_and_initials_after_a_title() -> None:
    story = wirecut.parse(
        "SHOW TOPS RATINGS By Ian Jones, Press Association The final drew 12 million viewers on Sunday."
    )
    assert [b.names for b in story.bylines] == [("Ian Jones",)]
    assert story.body == "The final drew 12 million viewers on Sunday."
    story = wirecut.parse("Honduran president names new cabinet gr/bp Tegucigalpa, Jan 2 (EFE).- The president spoke.")
    assert story.headline is not None and story.headline.text == "Honduran president names new cabinet"


def test_a_ticker_in_capitals_is_text_and_a_glued_quote_opens_one_paragraph() -> None:
    story = wirecut.parse(
        "LOS ANGELES, Feb 26 - With the Interstate Bancorp <I> bid gone, the bank said it would wait."
    )
    assert story.body == "With the Interstate Bancorp <I> bid gone, the bank said it would wait." and not story.residue
    story = wirecut.parse("WASHINGTON (AP) — The <I>bill</I> passed.")
    # closed, it is markup: an inline tag inside the paragraph, which its text leaves out
    assert story.body == "The bill passed." and not story.residue
    assert story.paragraphs[0].span.slice(story.text) == "The <I>bill</I> passed."
    story = wirecut.parse(
        'BEIJING, Jan. 13 (Xinhua) -- Imports rose 4 percent in the year to December.It is not easy, he said. Trade rose again this year, according to the officials."It will grow."'
    )
    assert [p.text for p in story.paragraphs] == [
        "Imports rose 4 percent in the year to December.",
        "It is not easy, he said. Trade rose again this year, according to the officials.",
        '"It will grow."',
    ]


def test_click_here_links_are_navigation() -> None:
    text = "World RSS CLICK HERE! Files (report.pdf) CLICK HERE!\n\nCAIRO (AP) — The talks resumed on Monday."
    story = wirecut.parse(text)
    assert [(r.kind, r.text) for r in story.residue] == [
        ("navigation", "World RSS CLICK HERE!"),
        ("navigation", "Files (report.pdf) CLICK HERE!"),
    ]
    assert story.body == "The talks resumed on Monday."


@pytest.mark.parametrize(
    ("text", "credit", "agency", "photographers"),
    [
        # EFE's and Lusa's credit after the caption's sentence, on the caption's own line.
        (
            "Vista del puerto de Vigo, este martes. EFE/Ana Ruiz\n\nVIGO, 3 jun (EFE).- El puerto abrió.",
            "EFE/Ana Ruiz",
            "EFE",
            ("Ana Ruiz",),
        ),
        # UPI's "Photo by NAME/UPI" in a flattened page, before a double space and the dateline.
        (
            "A ranger counts zebras near Nanyuki. Photo by Joy Wambui/UPI  NAIROBI, Kenya, May 3 (UPI) -- Counts rose.",
            "Photo by Joy Wambui/UPI",
            "UPI",
            ("Joy Wambui",),
        ),
        # "Photo courtesy of the ..." with the article, as UPI's odd-news pages write it.
        (
            "The winner holds her ticket at the store. Photo courtesy of the Ohio Lottery\n\nMay 3 (UPI) -- She won.",
            "Photo courtesy of the Ohio Lottery",
            "",
            (),
        ),
    ],
)
def test_trailing_credits_after_the_caption_sentence(
    text: str, credit: str, agency: str, photographers: tuple[str, ...]
) -> None:
    story = wirecut.parse(text)
    assert [c.credit for c in story.captions] == [credit]
    if agency:  # "" where the credit names no agency of the lexicon's
        assert story.captions[0].agency == agency
    assert story.captions[0].photographers == photographers
    assert credit not in story.body


# A public broadcaster's article page: title, stamp, buttons, the writer's name and role on two
# lines, the lead photo's labelled credit and caption, the story, a list of topics.
BROADCASTER_PAGE = (
    "Port strike ends after pay deal agreed\n"
    "2 hours ago\n"
    "Share\n"
    "Save\n"
    "Jane Doe\n"
    "Business reporter, BBC News\n"
    "Image source, Getty Images\n"
    "Image caption,\n"
    "Dockworkers had been on strike for two weeks\n"
    "Dockworkers at the country's busiest port have returned to work after a pay deal was agreed.\n"
    "The union said members had voted to accept an offer of a 7% rise over two years.\n"
    "Related topics\n"
    "Trade unions\n"
    "Shipping\n"
)

# A newspaper's page: section, title, deck, writer and place, stamp, button, story, topics under their heading.
NEWSPAPER_PAGE = (
    "Strikes\n"
    "Dockworkers end strike after union accepts pay offer\n"
    "Deal ends two-week walkout that left ships waiting offshore\n"
    "Jane Doe in Felixstowe\n"
    "Thu 14 Mar 2024 12.05 GMT\n"
    "Share\n"
    "Dockworkers at Felixstowe have ended their strike after the union accepted a revised pay offer from the port's operator.\n"
    "The walkout had left dozens of ships waiting offshore.\n"
    "Explore more on these topics\n"
    "Strikes\n"
    "Shipping\n"
    "Trade unions\n"
)


def test_a_name_and_role_byline_a_labelled_photo_and_a_topic_list() -> None:
    story = wirecut.parse(BROADCASTER_PAGE)
    assert story.headline is not None and story.headline.text == "Port strike ends after pay deal agreed"
    assert [(b.names, b.role) for b in story.bylines] == [(("Jane Doe",), "Business reporter, BBC News")]
    assert [(c.text, c.credit) for c in story.captions] == [
        ("Dockworkers had been on strike for two weeks", "Getty Images")
    ]
    assert story.body.startswith("Dockworkers at the country's busiest port")
    assert story.body.endswith("over two years.")
    assert {"Related topics", "Trade unions", "Shipping"} <= {r.text for r in story.residue}


def test_topics_under_their_heading_after_the_story_are_navigation() -> None:
    story = wirecut.parse(NEWSPAPER_PAGE)
    assert story.body.endswith("waiting offshore.")
    assert {"Explore more on these topics", "Strikes", "Shipping", "Trade unions"} <= {r.text for r in story.residue}


def test_a_role_line_needs_a_name_line_over_it() -> None:
    text = "Port strike ends\nThe union said on Monday that the strike would end.\nBusiness reporter, BBC News\nMore text follows here."
    story = wirecut.parse(text)
    assert not story.bylines
