"""Page furniture by its shape (issue 9, point 2): stamps, meta lines, trails, tag lines, buttons, cookie
banners, disclaimers and exhibits in any language, and the non-prose units before a story's title and
after its last sentence. Every text here is written for the test."""

from __future__ import annotations

import json

import pytest
from babel.dates import get_day_names
from tests.conftest import ROOT

import wirecut
from wirecut import language
from wirecut.lexicon import DEFAULT_LEXICON
from wirecut.parsers.furniture import features, is_prose, stamp_iso

FURNITURE_JSON = ROOT / "src" / "wirecut" / "lexicon" / "furniture.json"


def _residue(story: wirecut.Story) -> list[tuple[str, str]]:
    return [(r.kind, r.text) for r in story.residue]


def _body(story: wirecut.Story) -> str:
    return "\n\n".join(p.text for p in story.paragraphs)


# --- the language data -------------------------------------------------------------------------------


def test_every_detected_language_has_function_words_that_parse() -> None:
    data = json.loads(FURNITURE_JSON.read_text(encoding="utf-8"))
    detected = set(language._FUNCTION_WORDS) | {"ja", "ko", "zh", "ru", "ar"}
    lists = data["function_words"]
    assert detected <= set(lists), detected - set(lists)
    for lang, words in lists.items():
        assert len(words) >= 15, lang
        assert all(isinstance(w, str) and w == w.strip() and w.lower() == w for w in words), lang
        assert len(set(words)) == len(words), lang


def test_weekdays_equal_the_cldr() -> None:
    data = json.loads(FURNITURE_JSON.read_text(encoding="utf-8"))
    for lang, names in data["weekdays"].items():
        expected = sorted(
            {
                name.lower().rstrip(".")
                for width in ("wide", "abbreviated")
                for context in ("format", "stand-alone")
                for name in get_day_names(width, context, lang).values()
            }
        )
        assert names == expected, lang


def test_no_button_phrase_is_a_teaser_label() -> None:
    """A button phrase claimed as residue must never take a teaser's label from the related parser."""
    labels = {f.casefold() for kind in ("related_label", "read_more") for f in DEFAULT_LEXICON.marker_forms(kind)}
    for kind in ("ui_share", "ui_navigation", "ui_unknown", "ui_advertisement"):
        assert not {f.casefold() for f in DEFAULT_LEXICON.marker_forms(kind)} & labels, kind


# --- prose against furniture ---------------------------------------------------------------------------

PROSE = [
    ("en", "The ministry said on Monday it would send experts to assess the damage to the terraces."),
    ("fr", "Le ministre a annoncé mardi que les travaux de la nouvelle ligne commenceront en septembre."),
    ("de", "Die Regierung hat am Montag angekündigt, dass die Fähre im Herbst in den Betrieb geht."),
    ("es", "El gobierno anunció este lunes que la nueva línea de metro abrirá sus puertas en el verano."),
    ("ru", "Правительство в понедельник заявило, что новая линия метро откроется летом этого года."),
    ("zh", "新华社北京电，国家统计局今天发布的数据显示，今年前三个季度的经济运行总体平稳，就业形势稳定。"),
]

FURNITURE = [
    ("en", "Space Industry and Business News"),
    ("en", "Home / Africa / Economy"),
    ("de", "Startseite > Wirtschaft"),
    ("es", "Archivado en: India, Aviación"),
    ("ru", "Подписаться на канал"),
    ("zh", "首页>国内>要闻"),
]


@pytest.mark.parametrize(("lang", "text"), PROSE)
def test_sentences_of_every_language_are_prose(lang: str, text: str) -> None:
    assert is_prose(features(text, DEFAULT_LEXICON, lang))


@pytest.mark.parametrize(("lang", "text"), FURNITURE)
def test_short_labels_are_not_prose(lang: str, text: str) -> None:
    assert not is_prose(features(text, DEFAULT_LEXICON, lang))


# --- stamps ------------------------------------------------------------------------------------------

STAMPS = [
    ("Updated: Jan 10, 2024 16:05 IST", "2024-01-10"),
    ("Publié le 16.08.2023 à 11:42", "2023-08-16"),
    ("Aktualisiert am 3. März 2024, 08:15 Uhr", "2024-03-03"),
    ("Publicado el 5 de mayo de 2023 a las 10:30", "2023-05-05"),
    ("Pubblicato il 12 aprile 2022 alle 18:00", "2022-04-12"),
    ("16 февраля 2023, 14:05", "2023-02-16"),
    ("Mon, 02/23/2009 - 12:46", "2009-02-23"),
    ("Thursday, June 10, 2021", "2021-06-10"),
    ("13-MAR-1987 12:01:33.51", "1987-03-13"),
    ("2024/03/05 15:22", "2024-03-05"),
    ("发布时间：2023年09月27日 20:15", "2023-09-27"),
    ("Freitag, 2. Mai, 09:30", "--05-02"),
    ("2019-02-31 10:00", None),  # no such day: a stamp, but no iso
]


@pytest.mark.parametrize(("text", "iso"), STAMPS)
def test_stamps_in_any_notation_and_language(text: str, iso: str | None) -> None:
    assert stamp_iso(text, DEFAULT_LEXICON) == (True, iso)


@pytest.mark.parametrize(
    "text",
    ["BEIJING, April 19", "March 14", "FRIDAY, March 3", "Payable April 15, 1987 to holders", "Page 2 of 3"],
)
def test_dates_inside_other_words_are_no_stamps(text: str) -> None:
    assert stamp_iso(text, DEFAULT_LEXICON)[0] is False


def test_a_stamp_line_is_a_timestamp_with_its_iso() -> None:
    story = wirecut.parse(
        "Publié le 16.08.2023 à 11:42\n\nLe lac atteint une température record\n\n"
        "Genève (ats) La température du lac a atteint un record mardi, a indiqué le service cantonal.\n"
    )
    stamps = [r for r in story.residue if r.kind == "timestamp"]
    assert [(r.text, r.iso) for r in stamps] == [("Publié le 16.08.2023 à 11:42", "2023-08-16")]
    assert story.headline is not None and story.headline.text == "Le lac atteint une température record"


# --- meta lines, trails, tag lines ---------------------------------------------------------------------


def test_a_meta_line_splits_into_its_label_and_its_stamp() -> None:
    story = wirecut.parse(
        "Posted in World | March 14, 2022\n\nFloods cut the only road to the valley\n\n"
        "Heavy rain cut the only road into the valley on Sunday, and the army sent boats to the villages.\n"
    )
    assert ("navigation", "Posted in World |") in _residue(story)
    assert any(r.kind == "timestamp" and r.iso == "2022-03-14" for r in story.residue)
    assert story.headline is not None and story.headline.text == "Floods cut the only road to the valley"


def test_a_site_stamp_and_section_line_of_a_japanese_wire() -> None:
    story = wirecut.parse(
        "KYODO NEWS - Dec 9, 2018 - 21:37 | Sports, All\n\nLocal runner wins the city marathon\n\n"
        "SAITAMA, Japan, Dec. 9 Kyodo - A local runner won the city marathon on Sunday in a course record.\n"
    )
    residue = _residue(story)
    assert ("timestamp", "Dec 9, 2018 - 21:37") in residue and ("navigation", "| Sports, All") in residue
    assert "KYODO" not in _body(story)


def test_a_source_and_editor_line_is_left_to_the_notes() -> None:
    story = wirecut.parse(
        "Orchard growers bet on drip irrigation\n\nSource: Xinhua| 2019-04-03 18:12:40|Editor: Li Wei\n\n"
        "KUNMING, April 3 (Xinhua) -- Fruit growers in the hills are laying kilometers of pipe.\n"
    )
    assert any(n.text.startswith("Editor") for n in story.notes)


@pytest.mark.parametrize(
    "trail",
    ["Home / Africa / Economy", "Startseite > Wirtschaft", "Accueil » Monde » Afrique", "Politics · Business · Tech"],
)
def test_breadcrumbs_and_menus_are_navigation(trail: str) -> None:
    story = wirecut.parse(
        f"{trail}\n\nPort workers end a week-long strike\n\n"
        "ROTTERDAM, May 2 (Reuters) - Port workers ended a week-long strike on Tuesday after a pay deal.\n"
    )
    assert ("navigation", trail) in _residue(story)
    assert story.headline is not None and story.headline.text == "Port workers end a week-long strike"


def test_a_ticker_in_angle_brackets_is_no_breadcrumb() -> None:
    story = wirecut.parse(
        "ACME CORP <ACME> SEES HIGHER NET\n    CHICAGO, March 3 - Acme Corp said its net would rise.\n"
    )
    assert story.headline is not None and story.headline.text == "ACME CORP <ACME> SEES HIGHER NET"


@pytest.mark.parametrize(
    "line",
    [
        "Archivado en: India, Aviación",
        "Tags: Kazakhstan, Russia, Energy",
        "Keywords #chip exports #semiconductor",
        "Schlagwörter: Bahn, Streik",
        "Теги: Москва, погода",
        "#Bitcoin #Crypto",
    ],
)
def test_tag_lines_after_the_story_are_navigation(line: str) -> None:
    story = wirecut.parse(
        "Madrid, 11 may (EFE).- Los embalses bajaron al 38 % de su capacidad tras un abril muy seco.\n\n" + line + "\n"
    )
    assert ("navigation", line) in _residue(story)
    assert line not in _body(story)


def test_a_tag_label_before_a_sentence_is_no_tag_line() -> None:
    story = wirecut.parse(
        "PARIS, May 2 (AFP) - The talks resumed.\n\nTopics: the minister said the talks would resume next week.\n"
    )
    assert "the minister said the talks would resume next week" in _body(story)


# --- buttons, banners, disclaimers, exhibits --------------------------------------------------------------


@pytest.mark.parametrize(
    ("button", "kind"),
    [
        ("Email This Article", "share"),
        ("Like this:", "share"),
        ("Loading...", "unknown"),
        ("Ad Feedback", "advertisement"),
        ("Subscription and demo access", "navigation"),
        ("Kommentare", "share"),
        ("Reklam", "advertisement"),
    ],
)
def test_button_phrases_are_claimed_as_a_whole_unit_anywhere(button: str, kind: str) -> None:
    story = wirecut.parse(
        "WASHINGTON (CNN) - A month-long expedition turned up what scientists believe are 30 new species.\n\n"
        f"{button}\n\n"
        "The findings will be shared with the authorities, who are considering new protected areas.\n"
    )
    assert (kind, button) in _residue(story)
    assert len(story.paragraphs) == 2


def test_a_button_word_inside_a_sentence_stays_prose() -> None:
    story = wirecut.parse("LONDON (Reuters) - Users can now email this article to a friend, the company said.\n")
    assert "email this article" in _body(story)


@pytest.mark.parametrize(
    "banner",
    [
        "Wir verwenden Cookies, um Ihnen die bestmögliche Nutzung unserer Website zu ermöglichen. Alle akzeptieren",
        "Nous utilisons des cookies pour améliorer votre expérience sur notre site. Tout accepter",
        "Utilizamos cookies propias y de terceros para mejorar nuestros servicios. Aceptar",
        "We use cookies to personalise content and ads. Accept all",
    ],
)
def test_cookie_banners_in_any_language(banner: str) -> None:
    story = wirecut.parse(
        f"{banner}\n\nHydrogen ferry starts trials on the fjord\n\n"
        "Kiel (dpa) - The first hydrogen-powered passenger ferry began trials on Monday, the operator said.\n"
    )
    assert ("unknown", banner) in _residue(story)
    assert story.headline is not None and story.headline.text == "Hydrogen ferry starts trials on the fjord"


def test_a_story_about_cookies_keeps_its_sentences() -> None:
    text = (
        "SAN FRANCISCO (Reuters) - Google said on Tuesday it would stop using third-party cookies in its browser.\n\n"
        "Advertisers have long relied on cookies to track users across websites, analysts said.\n"
    )
    story = wirecut.parse(text)
    assert "third-party cookies" in _body(story) and "relied on cookies" in _body(story)


def test_an_aggregators_disclaimer_is_residue() -> None:
    disclaimer = (
        "Legal Disclaimer: The aggregator provides the information as is without warranty of any kind. "
        "We accept no responsibility for the accuracy of the content."
    )
    story = wirecut.parse(
        "KUWAIT, Oct 5 (KUNA) -- The country added desalination capacity this year, officials said.\n\n"
        + disclaimer
        + "\n"
    )
    assert ("unknown", disclaimer) in _residue(story)
    assert "warranty" not in _body(story)


def test_sec_exhibit_tokens_are_residue() -> None:
    story = wirecut.parse(
        "EX-99.1 2 a123456_ex99-1.htm\n\nACME REPORTS RECORD QUARTER\n\n"
        "CHICAGO, March 3 /PRNewswire/ -- Acme Corp reported record revenue for its fourth quarter.\n"
    )
    assert ("unknown", "EX-99.1 2 a123456_ex99-1.htm") in _residue(story)


# --- position: before the title, after the last sentence --------------------------------------------------


@pytest.mark.parametrize(
    ("head", "title", "dateline"),
    [
        ("Space Industry and Business News", "UAE sets up centre to oversee satellite", "ABU DHABI (AFP) Jun 07, 2005"),
        ("Taiwan News", "Inspectors find excess preservatives at night markets", "TAIPEI (CNA) -"),
        ("Entertainment", "Film on monsoon romance to release in January", "Mumbai, Dec 9 (PTI)"),
        ("Wirtschaft Aktuell", "Nordlicht Bank streicht 600 Stellen in Deutschland", "Frankfurt (Reuters) -"),
        ("Новости Москвы", "Синоптик предупредила о морозах в Москве", "МОСКВА, 12 янв — РИА Новости."),
    ],
)
def test_a_section_or_site_name_over_the_title_is_residue(head: str, title: str, dateline: str) -> None:
    story = wirecut.parse(
        f"{head}\n\n{title}\n\n{dateline} The officials said the work would begin next month and end in spring.\n"
    )
    assert story.headline is not None and story.headline.text == title
    assert head in [r.text for r in story.residue]


def test_a_flattened_page_head_and_tail() -> None:
    story = wirecut.parse(
        "Space Industry and Business News  UAE sets up centre to oversee first satellite  by Staff Writers  "
        "ABU DHABI (AFP) Jun 07, 2005  The United Arab Emirates has set up a national centre to manage its first "
        "Earth observation satellite, the official news agency reported Tuesday.  Email This Article  "
        "Comment On This Article  Advertisement"
    )
    assert story.headline is not None and story.headline.text == "UAE sets up centre to oversee first satellite"
    residue = [r.text for r in story.residue]
    assert {"Space Industry and Business News", "Email This Article", "Comment On This Article"} <= set(residue)
    assert _body(story).endswith("reported Tuesday.")


def test_short_labels_after_the_last_sentence_are_residue() -> None:
    story = wirecut.parse(
        "Port workers end strike\n\nROTTERDAM, May 2 (Reuters) - Port workers ended a week-long strike on Tuesday.\n\n"
        "Facebook Page\nNews Desk Contacts\nOur Standards\n"
    )
    assert _body(story) == "Port workers ended a week-long strike on Tuesday."
    assert {"Facebook Page", "News Desk Contacts", "Our Standards"} <= {r.text for r in story.residue}


def test_a_table_after_the_story_stays_in_the_body() -> None:
    text = (
        "ACME CORP <ACME> 1ST QTR NET\n    CHICAGO, March 3 - Acme Corp said first quarter results were:\n"
        "    Shr 1.23 dlrs vs 1.11 dlrs\n    Net 12.3 mln vs 11.1 mln\n    Revs 140.2 mln vs 132.5 mln\n Reuter\n"
    )
    story = wirecut.parse(text)
    assert "Revs 140.2 mln vs 132.5 mln" in _body(story)


def test_a_wrapped_wire_paragraph_is_not_cut_into_furniture() -> None:
    text = (
        "ACME NETWORK <ACMN> OFFERING UNDERWAY\n    CONWAY, Ark., Feb 26 - Acme Network Inc said it was offering\n"
        "shares of stock though its underwriters.\n    The company said  it was receiving no proceeds from the\n"
        "offering.\n Reuter\n"
    )
    story = wirecut.parse(text)
    assert "it was receiving no proceeds from the" in _body(story)
    assert not story.residue


def test_a_title_printed_twice_keeps_its_first_print_for_the_headline() -> None:
    story = wirecut.parse(
        "Business\n\nIMF censures UK policy that sparked turmoil\n\nIMF censures UK policy that sparked turmoil 150 150 admin\n\n"
        "By Ann Lee\n\nLONDON (Reuters) - The International Monetary Fund urged Britain on Wednesday to reverse its plan.\n"
    )
    assert story.headline is not None and story.headline.text == "IMF censures UK policy that sparked turmoil"


def test_prose_before_the_title_is_never_furniture() -> None:
    lead = "The committee said on Monday that the vote would take place in the spring, after the elections."
    story = wirecut.parse(f"Vote set for spring\n\n{lead}\n\nVote delayed\n\nPhoto: A ballot box. (Xinhua/Li Wei)\n")
    assert lead not in [r.text for r in story.residue]


@pytest.mark.parametrize(
    "text",
    [
        "Brewers turn to beer alternatives\n\nBrewers are increasingly making money from drinks other than beer itself\n\n"
        "Beer is heavily taxed, driving the breweries to search for alternatives, analysts said on Monday.\n",
        "Nordkorea riegelt Grenzstadt ab\n\nDer Grenzübergang nach Kaesong, vom Süden aus gesehen\n\n"
        "In Nordkorea gibt es bislang offiziell keine Fälle, und die Regierung hat die Stadt abgesperrt.\n",
    ],
)
def test_a_title_over_its_deck_is_never_furniture(text: str) -> None:
    """With no dateline or byline to mark the story, the unit before the last title-like one may be the title."""
    story = wirecut.parse(text)
    assert not [r for r in story.residue if r.text == text.split("\n")[0]]


def test_a_credit_in_brackets_closing_the_story_is_not_furniture() -> None:
    story = wirecut.parse(
        "Port workers end strike\n\nROTTERDAM, May 2 (Reuters) - Port workers ended a week-long strike on Tuesday.\n\n"
        "(Reporting by Ann Lee)\n"
    )
    assert not [r for r in story.residue if "Ann Lee" in r.text]


def test_a_deck_that_runs_into_its_dateline_leaves_the_title_alone() -> None:
    story = wirecut.parse(
        "Acme tender results out Saturday\n\nCompany will report a preliminary count of its bid after 1 am "
        "NEW YORK (Reuters) - Acme Corp. said it would report preliminary results of its tender offer.\n"
    )
    assert not [r for r in story.residue if r.text == "Acme tender results out Saturday"]


SIDE_MENU = "\n".join(
    ["Reader Forum", "Letters to the Editor", "Country Profile", "State Organs", "Provinces of the Coast", "About Us"]
)


def test_a_column_of_link_labels_before_the_story_is_navigation() -> None:
    text = (
        SIDE_MENU + "\n\nKOPER, March 3 (Agencia Sur) -- The port on the Adriatic coast handled a record number of "
        "cars last year, its operator said on Tuesday.\n"
    )
    story = wirecut.parse(text)
    navigation = [r.text for r in story.residue if r.kind == "navigation"]
    assert navigation == SIDE_MENU.split("\n")
    assert story.headline is None and story.body.startswith("The port on the Adriatic")


def test_a_list_between_the_storys_paragraphs_stays_in_the_story() -> None:
    """A cup draw's fixtures are six short capitalised lines too, but the story's prose is on both sides."""
    fixtures = "\n".join(
        [
            "Harbour v Rovers",
            "City v Athletic",
            "United v Wanderers",
            "Albion v Town",
            "Rangers v County",
            "Villa v Park",
        ]
    )
    text = (
        "The draw for the fourth round of the cup was made on Sunday evening at the league's offices.\n"
        + fixtures
        + "\nThe ties will be played on the last weekend of the month, the league said in a statement.\n"
    )
    story = wirecut.parse(text)
    assert not [r for r in story.residue if r.kind == "navigation"]
    assert "City v Athletic" in story.body


def test_table_cells_between_double_spaces_are_no_menu() -> None:
    """A table's header cells are short capitalised labels too, but they share a line."""
    row = "Wheat   Corn   Oats   Barley   Sorghum   Rye   Millet\n"
    text = row * 2 + "Grain reserve levels were set on Friday by the department, it said in a statement.\n"
    story = wirecut.parse(text)
    assert not [r for r in story.residue if r.kind == "navigation"]


@pytest.mark.parametrize(
    ("story_end", "prompt"),
    [
        ("Ожидается потепление.", "Подписаться на РИА Новости в Telegram"),
        ("The talks resume on Friday.", "Follow us on Facebook, X and Instagram"),
        ("Die Gespräche gehen am Freitag weiter.", "Folgen Sie uns auf Instagram"),
    ],
)
def test_a_prompt_run_on_after_the_last_sentence_is_the_pages(story_end: str, prompt: str) -> None:
    text = f"MOSCOW, Jan 12 (Reuters) - Frost is expected this week. {story_end} {prompt}"
    story = wirecut.parse(text)
    assert prompt in [r.text for r in story.residue]
    assert story.body.endswith(story_end)


def test_a_sentence_that_names_a_platform_stays_in_the_story() -> None:
    text = "MOSCOW, Jan 12 (Reuters) - Frost is expected. The ministry asked people to follow us on Telegram."
    story = wirecut.parse(text)
    assert story.body.endswith("follow us on Telegram.")
    assert not story.residue


def test_a_stamp_label_after_a_byline_joins_its_stamp() -> None:
    text = "Port opens new berth\nBy Lin Hua | Updated: 2024-03-05 09:12\n\nNINGBO, March 5 (Xinhua) -- The port opened a berth."
    story = wirecut.parse(text)
    assert [(r.kind, r.text, r.iso) for r in story.residue] == [
        ("timestamp", "| Updated: 2024-03-05 09:12", "2024-03-05")
    ]
    assert [b.text for b in story.bylines] == ["By Lin Hua"]
