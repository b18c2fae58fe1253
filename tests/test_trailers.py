"""Trailers, editors' marks, page stamps and language votes; every text is written for these tests."""

from __future__ import annotations

import pytest

import wirecut
from wirecut.story import Story


def _notes(story: Story, kind: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(n.text, n.names) for n in story.notes if n.kind == kind]


@pytest.mark.parametrize(
    ("trailer", "names"),
    [
        # AP: one writer, with the bureau the writer filed from.
        ("Associated Press writer Tomas Brandt in Oslo contributed to this report.", ("Tomas Brandt",)),
        # AP: two writers, each with a bureau, a city written with its country.
        (
            "Associated Press writers Ines Varga in Lyon, France, and Odile Rey in Geneva contributed to this report.",
            ("Ines Varga", "Odile Rey"),
        ),
        ("Associated Press writers Pia Holm and Karl Wendt contributed to this report.", ("Pia Holm", "Karl Wendt")),
        # CNN: the outlet's possessive before the list.
        ("CNN's Dora Quist and Felix Amani contributed to this report.", ("Dora Quist", "Felix Amani")),
        (
            "CNN's Dora Quist, Sam Okoro and Felix Amani contributed to this report.",
            ("Dora Quist", "Sam Okoro", "Felix Amani"),
        ),
        # The agency alone names no person.
        ("The Associated Press contributed to this report.", ()),
    ],
)
def test_contributor_notes_name_their_people(trailer: str, names: tuple[str, ...]) -> None:
    story = wirecut.parse(f"TALLINN, Estonia (AP) — Tram drivers began a strike on Monday.\n\n{trailer}")
    assert _notes(story, "contributor") == [(trailer, names)]
    assert "contributed" not in story.body


def test_contact_note_names_its_person() -> None:
    text = (
        "DENVER (AP) — Nurses marched to the capitol on Friday.\n\n___\n\n"
        "Hallie Brook can be reached at http://twitter.com/halliebrook ."
    )
    [(note_text, names)] = _notes(wirecut.parse(text), "contact")
    assert note_text.startswith("Hallie Brook can be reached") and names == ("Hallie Brook",)


@pytest.mark.parametrize("mark", ["(MORE)", "(BEGIN OPTIONAL TRIM)", "(END OPTIONAL TRIM)", "(PICTURE)"])
def test_nyt_wire_marks_are_editors_notes(mark: str) -> None:
    text = f"ALBANY, N.Y. _ The state senate passed a water bill on Tuesday.\n{mark}\nThe vote was 40-22."
    story = wirecut.parse(text)
    assert (mark, ()) in _notes(story, "ednote")
    assert mark not in story.body and "The vote was 40-22." in story.body


def test_nyt_marks_in_flattened_text() -> None:
    story = wirecut.parse("ALBANY, N.Y. _ The state senate passed a water bill on Tuesday. (PICTURE)")
    assert _notes(story, "ednote") == [("(PICTURE)", ())]
    assert story.body == "The state senate passed a water bill on Tuesday."


def test_lower_case_more_in_a_sentence_is_story_text() -> None:
    story = wirecut.parse("ALBANY, N.Y. _ Three (or more) bills passed on Tuesday, and (more) will follow.")
    assert not story.notes and "(more)" in story.body


@pytest.mark.parametrize("initials", ["lm/cv", "jrs/ma/ptq"])
def test_efe_desk_initials_close_an_efe_story(initials: str) -> None:
    story = wirecut.parse(f"Quito, Mar 4 (EFE).- The central bank cut its rate on Tuesday.\n\n{initials}")
    assert story.dateline is not None and story.dateline.agency == "EFE"
    assert _notes(story, "signoff") == [(initials, ())]
    assert not story.residue and initials not in story.body


def test_efe_desk_initials_after_the_efe_signoff() -> None:
    story = wirecut.parse("Lima, 3 abr (EFE).- El Congreso aprobó la reforma.\nEFE\nhv/rs/tq")
    assert _notes(story, "signoff") == [("EFE hv/rs/tq", ())]
    assert story.body == "El Congreso aprobó la reforma."


def test_initials_are_not_a_signoff_outside_an_efe_story() -> None:
    story = wirecut.parse("OSLO (AP) — The fjord ferry resumed service.\n\nlm/cv")
    assert not story.notes and story.body.endswith("lm/cv")


def test_nasdaq_disclaimer_is_a_rights_note() -> None:
    disclaimer = (
        "The views and opinions expressed herein are the views and opinions of the author and do not "
        "necessarily reflect those of Nasdaq, Inc."
    )
    text = (
        "SINGAPORE, June 9 (Reuters) - A shipping firm bought two tankers.\n"
        "(Reporting by Lena Goh; Editing by Amir Sato)\n"
        f"((Lena.Goh@thomsonreuters.com;))\n{disclaimer}"
    )
    story = wirecut.parse(text)
    assert (disclaimer, ()) in _notes(story, "copyright")
    assert story.body == "A shipping firm bought two tankers."


def test_newsapi_truncation_mark_is_markup_residue() -> None:
    text = "Solar farms in the valley have doubled their output since spring, growers told the counc… [+842 chars]"
    story = wirecut.parse(text)
    assert [(r.kind, r.text) for r in story.residue] == [("markup", "… [+842 chars]")]
    assert story.body.endswith("told the counc")


def test_relative_timestamp_has_no_iso() -> None:
    text = "Band adds six tour dates 3 days ago NASHVILLE, May 2 (UPI) -- A folk band has added six dates."
    [stamp] = [r for r in wirecut.parse(text).residue if r.kind == "timestamp"]
    assert stamp.text == "3 days ago" and stamp.iso is None
    assert "iso" not in stamp.to_dict()


@pytest.mark.parametrize("zone", ["PDT", "PST", "EDT", "EST", "CDT", "CST", "MDT", "MST", "GMT"])
def test_sfgate_stamp_before_the_dateline_is_a_timestamp(zone: str) -> None:
    story = wirecut.parse(f"(11-03) 08:45 {zone} FRESNO -- A water main broke under a busy avenue.")
    assert [(r.kind, r.text, r.iso) for r in story.residue] == [("timestamp", f"(11-03) 08:45 {zone}", "--11-03")]
    assert story.headline is None
    assert story.dateline is not None and story.dateline.location == "FRESNO"


def test_english_with_many_articles_is_english() -> None:
    assert wirecut.parse("A boy found a wallet on a bench near a lake.").language == "en"


def test_short_turkish_text_with_german_letters_is_turkish() -> None:
    assert wirecut.parse("Köyde düzenlenen güreş şöleni büyük ilgi gördü.").language == "tr"


def test_german_text_naming_a_turkish_person_stays_german() -> None:
    text = "Die Ministerin traf am Montag den türkischen Außenminister Çağlar, um über die Lage zu sprechen."
    assert wirecut.parse(text).language == "de"


def test_sign_offs_of_pa_ritzau_businessdesk_and_dpa_desks() -> None:
    cases = [
        ("LONDON - The show drew 12 million viewers.\n\nends\n", "ends"),
        ("LONDON - The show drew 12 million viewers. ends", "ends"),
        ("København /ritzau/: Manden er løsladt.\n\n/ritzau/\n", "/ritzau/"),
        ("Jan. 12 (BusinessDesk) - The receivers appointed a chief.\n\n(BusinessDesk)\n", "(BusinessDesk)"),
        ("Athen (dpa) - Die Küstenwache griff 20 Migranten auf.\n\ndpa tt xx n1\n", "dpa tt xx n1"),
    ]
    for text, signoff in cases:
        story = wirecut.parse(text)
        assert ("signoff", signoff) in [(n.kind, n.text) for n in story.notes], text
        assert signoff not in story.body, text


def test_iptc_7901_start_and_end_codes_are_residue() -> None:
    text = "ZCZC FMG000\nYY TDR\nRACING FIELDS FOR THURSDAY\n\nRace 1 starts at noon.\n\nNNNN\n"
    story = wirecut.parse(text)
    assert [r.text for r in story.residue] == ["ZCZC FMG000 YY TDR", "NNNN"]
    assert "ZCZC" not in story.body and "NNNN" not in story.body


def test_agency_of_several_words_after_the_byline_names() -> None:
    story = wirecut.parse("SHOW TOPS RATINGS\n\nBy Ian Jones, Press Association\n\nThe final drew 12 million viewers.")
    assert [b.names for b in story.bylines] == [("Ian Jones",)]


def test_a_contributor_line_after_a_doubled_space_of_a_flattened_page() -> None:
    # Flattened pages keep two spaces where a line broke; the trailer opens after them.
    text = (
        "Harbour cranes idle as dockers strike  (CNN) — Dockers at the port walked out on Monday. "
        "Talks are set for Friday.  CNN's Maren Holt contributed to this report."
    )
    story = wirecut.parse(text)
    assert _notes(story, "contributor") == [("CNN's Maren Holt contributed to this report.", ("Maren Holt",))]
    assert story.body.endswith("Talks are set for Friday.")


@pytest.mark.parametrize(
    ("dateline", "credit", "names"),
    [
        # Reuters' English desk, and its German, Spanish, French and Portuguese services.
        ("LONDON (Reuters) -", "(Reporting by Ann Vale; Editing by Tom Reed)", ("Ann Vale", "Tom Reed")),
        ("Berlin (Reuters) -", "(Bericht von Jana Kurz, redigiert von Olaf Brand)", ("Jana Kurz", "Olaf Brand")),
        ("MADRID (Reuters) -", "(Reporte de Inés Soto; Editado en español por Raúl Vega)", ("Inés Soto", "Raúl Vega")),
        ("PARIS (Reuters) -", "(Reportage Luc Morel, édité par Anne Roux)", ("Luc Morel", "Anne Roux")),
        ("SAO PAULO (Reuters) -", "(Reportagem de Ana Lima; Edição de Rui Costa)", ("Ana Lima", "Rui Costa")),
    ],
)
def test_reporting_credits_of_every_language_service(dateline: str, credit: str, names: tuple[str, ...]) -> None:
    story = wirecut.parse(f"{dateline} Die Bank baut Stellen ab. Los sindicatos protestan.\n{credit}")
    assert _notes(story, "reporting") == [(credit, names)]
    assert credit[1:8] not in story.body


def test_a_bracket_in_a_sentence_is_no_reporting_credit() -> None:
    text = "Berlin (Reuters) - Die Zahl der Anträge (Bericht von Juni) stieg. Die Regierung wartet ab."
    story = wirecut.parse(text)
    assert _notes(story, "reporting") == []
    assert "(Bericht von Juni) stieg." in story.body


@pytest.mark.parametrize(
    ("story_end", "signoff", "after"),
    [
        # ANSA closes with its name in brackets and a period, and the page's teasers follow.
        ("treni ogni tre minuti.", "(ANSA).", "Leggi anche: Nuove linee per la metro"),
        # CNA's "Enditem/xx" before the site's "More from" teasers (its slash is no link list).
        ("the ministry said.", "Enditem/KL", "More from Focus Taiwan"),
        # Yonhap's (END) before the page's buttons.
        ("the ministry said.", "(END)", "Share Print"),
        # KUNA's "(end)" and its desk's dotted initials.
        ("the ministry said.", "(end) rk.mh", "Legal Disclaimer: The site provides this as is."),
    ],
)
def test_an_agency_signoff_ends_the_story_before_the_rest_of_the_page(story_end: str, signoff: str, after: str) -> None:
    for join in ("\n", "  "):
        text = f"ROMA, 3 MAG (ANSA) - Il servizio riprende domani e {story_end} {signoff}{join}{after}"
        story = wirecut.parse(text)
        assert signoff in [n.text for n in story.notes if n.kind == "signoff"], (join, story.notes)
        assert signoff not in story.body


def test_an_agency_name_in_brackets_inside_a_sentence_stays_in_the_story() -> None:
    text = "ROMA, 3 MAG - Il ministro ha parlato con (ANSA) e altri media. Poi è partito per Milano."
    story = wirecut.parse(text)
    assert "(ANSA)" in story.body
    assert not [n for n in story.notes if n.kind == "signoff"]


def test_chinese_editor_credit_before_the_page_buttons_of_a_flattened_page() -> None:
    text = "港口吞吐量增长  新华社上海3月2日电 上海港前两个月吞吐量同比增长。（完）【纠错】 责任编辑：王丽  打印 关闭"
    story = wirecut.parse(text)
    assert [(n.kind, n.text, n.names) for n in story.notes if n.kind == "editor"] == [
        ("editor", "责任编辑：王丽", ("王丽",))
    ]
    assert "【纠错】" in [r.text for r in story.residue]
    assert story.body == "上海港前两个月吞吐量同比增长。"


def test_the_syndication_note_of_a_news_site_is_a_note() -> None:
    note = (
        "(Except for the headline, this story has not been edited by the site's staff and is published "
        "from a syndicated feed.)"
    )
    story = wirecut.parse(
        f"Monsoon nears Kerala\nNew Delhi: The monsoon is likely to reach Kerala by June 1, officials said.\n{note}"
    )
    assert [(n.kind, n.text) for n in story.notes] == [("copyright", note)]
    assert "syndicated" not in story.body


def test_a_bare_agency_signoff_on_its_own_line_before_the_pages_tags() -> None:
    text = (
        "Santiago de Chile, 14 mar (EFE).- El banco mantuvo su tasa de interés.\n"
        "La inflación siguió bajando, señaló el consejo.\nEFE\nab/cd\nEtiquetas\nChile\nEconomía"
    )
    story = wirecut.parse(text)
    assert [n.text for n in story.notes if n.kind == "signoff"] == ["EFE ab/cd"]  # the cleaned text
    assert story.body.endswith("señaló el consejo.")


def test_a_bare_agency_name_inside_a_line_is_no_signoff_before_the_page() -> None:
    text = "Santiago de Chile, 14 mar (EFE).- El banco mantuvo su tasa.\nSegún EFE la inflación bajó.\nEtiquetas\nChile"
    story = wirecut.parse(text)
    assert not [n for n in story.notes if n.kind == "signoff"]
