"""Datelines in every form the agencies write them; texts written for these tests."""

from __future__ import annotations

import pytest

import wirecut

CASES = [
    # (text, location, date, agency)
    ("BEIJING, March 31 (Xinhua) -- The ministry said on Monday it would act.", "BEIJING", "March 31", "Xinhua"),
    ("JOHANNESBURG, Nov. 14 (Xinhua) — Officials met on Tuesday.", "JOHANNESBURG", "Nov. 14", "Xinhua"),
    ("AUSTIN, Texas (AP) — Lawmakers met again on Monday.", "AUSTIN, Texas", None, "AP"),
    ("TOKYO, April 14 (Reuters) - Shares fell on Monday.", "TOKYO", "April 14", "Reuters"),
    ("PARIS, Jan 1 (AFP) - The minister spoke.", "PARIS", "Jan 1", "AFP"),
    ("June 3 (UPI) -- Weather in Florida turned on Monday.", None, "June 3", "UPI"),
    ("Mumbai, Dec 9 (PTI) The film opened on Friday.", "Mumbai", "Dec 9", "PTI"),
    ("New Delhi, July 26 (IANS) Hours after the vote, the party met.", "New Delhi", "July 26", "IANS"),
    ("Damascus [Syria], June 9 (ANI): A fresh strike hit the city.", "Damascus [Syria]", "June 9", "ANI"),
    ("YILAN, Taiwan (Kyodo) -- The speaker visited on Monday.", "YILAN, Taiwan", None, "Kyodo"),
    ("SEOUL, April 15 (Yonhap) -- South Korea said on Monday.", "SEOUL", "April 15", "Yonhap"),
    ("MOSCOW, January 21. /TASS/. The Kremlin said on Monday.", "MOSCOW", "January 21", "TASS"),
    ("Berlin (dpa) - Die Regierung hat am Montag entschieden.", "Berlin", None, "dpa"),
    ("Tegucigalpa, Jan 2 (EFE).- The government said on Monday.", "Tegucigalpa", "Jan 2", "EFE"),
    ("(ANSA) - ROMA, 16 APR - Il governo ha deciso lunedi.", "ROMA", "16 APR", "ANSA"),
    ("KUALA LUMPUR, Sept 29 (Bernama) -- The cabinet met on Friday.", "KUALA LUMPUR", "Sept 29", "Bernama"),
    ("Taipei, June 5 (CNA) Taiwan's index rose in May.", "Taipei", "June 5", "CNA"),
    ("Jakarta (ANTARA) - Pemerintah kota mengumumkan rencana baru.", "Jakarta", None, "Antara"),
    ("KUWAIT, Oct 5 (KUNA) -- The agency marked its anniversary.", "KUWAIT", "Oct 5", "KUNA"),
    ("ABU DHABI 5th January 2016 (WAM) -- The council met on Tuesday.", "ABU DHABI", "5th January 2016", "WAM"),
    ("Washington, Aug 24 (Prensa Latina) The president spoke on Monday.", "Washington", "Aug 24", "Prensa Latina"),
    ("WASHINGTON (CNN) -- The senate voted on Tuesday.", "WASHINGTON", None, "CNN"),
    ("SAN FRANCISCO, March 13 - The company said it would expand.", "SAN FRANCISCO", "March 13", None),
    ("ABU DHABI (AFP) Jun 07, 2005 The minister arrived on Tuesday.", "ABU DHABI", "Jun 07, 2005", "AFP"),
]


@pytest.mark.parametrize(("text", "location", "date", "agency"), CASES)
def test_dateline_forms(text: str, location: str | None, date: str | None, agency: str | None) -> None:
    story = wirecut.parse(text)
    assert story.dateline is not None, text
    assert (story.dateline.location, story.dateline.date, story.dateline.agency) == (location, date, agency)
    assert story.body and not story.body.startswith(("(", "-", "—", "/", ":"))


def test_dateline_separators_are_part_of_the_dateline() -> None:
    for sep in ("--", "—", "–", "-", "_", ".-", ":"):
        story = wirecut.parse(f"CAIRO, May 2 (Xinhua) {sep} The talks resumed on Tuesday.")
        assert story.dateline is not None and story.dateline.text.endswith(sep), sep
        assert story.body == "The talks resumed on Tuesday."


def test_flattened_capital_headline_runs_into_the_place() -> None:
    story = wirecut.parse(
        "ACME CORP TO BUY RIVAL LOS ANGELES, Feb 26 - Acme Corp said it agreed to buy a rival. Reuter"
    )
    assert story.dateline is not None and story.dateline.location == "LOS ANGELES"
    assert story.headline is not None and story.headline.text == "ACME CORP TO BUY RIVAL"
    assert [n.text for n in story.notes] == ["Reuter"]


def test_date_iso_takes_the_year_from_a_caption_then_the_reference_date() -> None:
    with_caption = "BEIJING, April 19, 2016 (Xinhua) -- A meeting in Beijing, April 19, 2016. (Xinhua/Li Wei) BEIJING, April 19 (Xinhua) -- The meeting opened on Tuesday."
    assert wirecut.parse(with_caption).dateline.date_iso == "2016-04-19"
    plain = "GAZA, Dec. 31 (Xinhua) -- Talks opened on Sunday."
    assert wirecut.parse(plain).dateline.date_iso == "--12-31"
    assert wirecut.parse(plain, reference_date="2024-01-02").dateline.date_iso == "2023-12-31"


def test_a_sentence_with_a_date_is_not_a_dateline() -> None:
    story = wirecut.parse("Prices rose, April 3 - and then fell again, traders said.")
    assert story.dateline is None


def test_aside_in_brackets_is_not_a_dateline() -> None:
    story = wirecut.parse("The World Health Organization (WHO) said cases rose.")
    assert story.dateline is None


def _every_start(text: str) -> tuple[tuple[int, ...], ...]:
    """Each pattern's starts found the slow way: one overlapped scan of the whole text."""
    from wirecut.lexicon import DEFAULT_LEXICON
    from wirecut.parsers.dateline import _patterns

    patterns = _patterns(DEFAULT_LEXICON)
    return tuple(tuple(m.start() for m in shape.pattern.finditer(text, overlapped=True)) for shape in patterns)


def test_anchored_windows_find_every_start_a_whole_text_scan_finds() -> None:
    """The anchors only spare work: each pattern's starts are those of a scan of the whole text."""
    from wirecut.lexicon import DEFAULT_LEXICON
    from wirecut.parsers.dateline import candidate_starts

    body = "Officials said on Monday they would meet again, and the talks went on late. " * 8
    texts = [text for text, *_ in CASES]
    texts.append(body.join(text for text, *_ in CASES))  # every form far apart in one text
    texts.append("".join(text for text, *_ in CASES))  # and close together
    for text in texts:
        assert candidate_starts(text, DEFAULT_LEXICON) == _every_start(text), text[:60]


def test_windows_merge_marks_within_reach() -> None:
    from wirecut.text import windows as _windows

    marks = [(10, 11), (20, 21), (40, 41), (200, 202)]
    assert list(_windows(marks, 5, 10, 1000)) == [(5, 31), (35, 51), (195, 212)]
    assert list(_windows([(0, 1), (995, 1000)], 20, 20, 1000)) == [(0, 21), (975, 1000)]
    assert list(_windows([], 5, 5, 100)) == []


def test_weekday_after_the_place_is_the_date() -> None:
    """NewsML-G2's "KAZAN, Monday (Reuters) -": the weekday is the date, not a region of the place."""
    dateline = wirecut.parse("KAZAN, Monday (Reuters) - Officials opened a new bridge on Monday.").dateline
    assert dateline is not None and (dateline.location, dateline.date) == ("KAZAN", "Monday")


def test_spaced_en_dash_and_hexadecimal_dash_references_end_a_dateline() -> None:
    story = wirecut.parse("TEHRAN – The head of the national library said on Saturday that a hall will open.")
    assert story.dateline is not None and story.dateline.text == "TEHRAN –"
    assert story.body.startswith("The head of the national library")
    for dash in ("&#x97;", "&#x2014;", "&#X2013;"):
        story = wirecut.parse(f"DALLAS (AP) {dash} City council members approved the budget on Tuesday.")
        assert story.dateline is not None and story.dateline.agency == "AP", dash
        assert story.body.startswith("City council members"), dash


def test_flattened_title_runs_into_a_known_agency_dateline() -> None:
    story = wirecut.parse(
        "Procès: la cour rend son verdict Lyon, 10 juil 2024 (AFP) La cour a rendu son verdict mercredi."
    )
    assert story.dateline is not None and (story.dateline.location, story.dateline.agency) == ("Lyon", "AFP")
    assert story.headline is not None and story.headline.text == "Procès: la cour rend son verdict"
    story = wirecut.parse("Mehr Touristen auf den Inseln gezählt Athen (dpa) - Die Zahl der Besucher stieg im Mai.")
    assert story.dateline is not None and story.dateline.location == "Athen"
    assert story.body == "Die Zahl der Besucher stieg im Mai."
    # ANSA's agency-first dateline after a title that ends with a name keeps its place and date
    story = wirecut.parse(
        "Reform plan unacceptable - Rossi (ANSA) - Rome, October 11 - The minister spoke on Wednesday."
    )
    assert story.dateline is not None and (story.dateline.location, story.dateline.date) == ("Rome", "October 11")


def test_ritzau_slashed_dateline_and_services_outside_the_lexicon() -> None:
    story = wirecut.parse("København /ritzau/: En mand er blevet løsladt onsdag.")
    assert story.dateline is not None and (story.dateline.location, story.dateline.agency) == ("København", "Ritzau")
    assert story.body == "En mand er blevet løsladt onsdag."
    story = wirecut.parse("Karen Lund Holm Haag /ritzau/: Forskere har lavet forsøg.")
    assert story.dateline is not None and story.dateline.location == "Haag"
    story = wirecut.parse("Receivers appoint acting chief\n\nJan. 12 (BusinessDesk) - The receivers appointed a chief.")
    assert story.dateline is not None and (story.dateline.date, story.dateline.agency) == ("Jan. 12", "BusinessDesk")
    assert story.body == "The receivers appointed a chief."
    story = wirecut.parse("Prices rose sharply on March 3 (Local Time) as markets opened in the capital.")
    assert story.dateline is None


def test_dateline_line_with_no_agency_or_dash() -> None:
    story = wirecut.parse("Former premier dies aged 90\n\nBEIJING, July 23\n\nThe former premier died on Monday.")
    assert story.dateline is not None and (story.dateline.location, story.dateline.date) == ("BEIJING", "July 23")
    assert story.body == "The former premier died on Monday."


def test_a_list_line_deep_in_a_story_is_no_dateline() -> None:
    items = "\n\n".join(f"{n}. Show number {n} (ITV) April {n}: {n}.5 million" for n in range(1, 11))
    intro = "The most watched shows of the year were announced on Monday by the ratings board. " * 8
    story = wirecut.parse(f"TOP TEN SHOWS OF THE YEAR\n\n{intro}\n\n{items}")
    assert story.dateline is None
    assert story.body.startswith("The most watched shows") and "10. Show number 10" in story.body


def test_nyt_undated_dateline_names_no_place() -> None:
    for text in ("(UNDATED) _ Home prices rose for a sixth month.", "UNDATED -- Home prices rose for a sixth month."):
        story = wirecut.parse(text)
        assert story.dateline is not None and story.dateline.location is None, text
        assert story.body == "Home prices rose for a sixth month."


def test_a_weekday_line_of_a_list_is_no_lone_dateline() -> None:
    story = wirecut.parse(
        "Events this week\n\nFRIDAY, March 3\n\nThe market opens at noon with stalls from the region."
    )
    assert story.dateline is None and story.body.startswith("FRIDAY, March 3")


# Datelines by their grammar: PLACE[, REGION][,] [DATE][,] (AGENCY)|AGENCY|/AGENCY/ SEPARATOR, where the
# agency may be one the lexicon has never heard of (it keeps its written form).
GRAMMAR_CASES = [
    # press-release wires, unknown to the lexicon
    (
        "Acme names new chief\nNEW YORK, Sept. 22, 2023 /PRNewswire/ -- Acme Corp. named a new chief.",
        ("NEW YORK", "Sept. 22, 2023", "2023-09-22", "PRNewswire"),
    ),
    (
        "Maple Energy sells unit\nCALGARY, Alberta--(BUSINESS WIRE)--Maple Energy Inc. sold its pipeline unit.",
        ("CALGARY, Alberta", None, None, "BUSINESS WIRE"),
    ),
    (
        "Nov 12, 2020 (GLOBE NEWSWIRE) -- Harbor Labs Inc. reported higher revenue.",
        (None, "Nov 12, 2020", "2020-11-12", "GLOBE NEWSWIRE"),
    ),
    # a comma after the date and a bare agency; a comma and no date; no comma before the date
    ("Tehran, Jan 23, IRNA -- The minister met his counterpart.", ("Tehran", "Jan 23", "--01-23", "IRNA")),
    ("NAIROBI, (Xinhua) -- Kenya will open three border posts.", ("NAIROBI", None, None, "Xinhua")),
    ("PARIS Aug 19 (AFP) - The government unveiled its budget.", ("PARIS", "Aug 19", "--08-19", "AFP")),
    ("DETROIT June 18 - Qtly div 12 cts vs 12 cts prior.", ("DETROIT", "June 18", "--06-18", None)),
    # a Hijri date: kept as written, no ISO date
    ("Riyadh, Ramadan 22, 1438 -- The cabinet approved the port plan.", ("Riyadh", "Ramadan 22, 1438", None, None)),
    # an unknown service's tag with a dot, after a flattened title
    (
        "Chiquita slips on higher costs CHICAGO (CBS.MW) -- Higher costs cut into profit.",
        ("CHICAGO", None, None, "CBS.MW"),
    ),
]


@pytest.mark.parametrize(("text", "want"), GRAMMAR_CASES)
def test_dateline_grammar_for_unknown_agencies(text: str, want: tuple[str | None, ...]) -> None:
    dl = wirecut.parse(text).dateline
    assert dl is not None, text
    assert (dl.location, dl.date, dl.date_iso, dl.agency) == want


@pytest.mark.parametrize(
    ("text", "headline", "location"),
    [
        # the change of case from a capitals title to a title-case place is the boundary
        (
            "HARBOR WIDGETS INC <HWI> 4TH QTR NET Toronto, March 6 - Shr 12 cts vs 10 cts.",
            "HARBOR WIDGETS INC <HWI> 4TH QTR NET",
            "Toronto",
        ),
        # a two-word place by the shape of its name: a first word such as NORTH, a last word such as CITY
        (
            "ACME CORP SETS DIVIDEND NORTH STONINGTON, Conn., March 23 - Qtly div 11 cts.",
            "ACME CORP SETS DIVIDEND",
            "NORTH STONINGTON, Conn.",
        ),
        (
            "ACME CORP SETS DIVIDEND CENTURY CITY, Calif., March 23 - Qtly div 11 cts.",
            "ACME CORP SETS DIVIDEND",
            "CENTURY CITY, Calif.",
        ),
        # a place's generic last word (LAKE, BROOK, MOUNT) and a saint written without its period
        (
            "ACME CORP SETS DIVIDEND CEDAR BROOK, N.J., March 23 - Qtly div 11 cts.",
            "ACME CORP SETS DIVIDEND",
            "CEDAR BROOK, N.J.",
        ),
        ("ACME CORP 1ST QTR NET ST LOUIS, March 23 - Shr 12 cts vs 10 cts.", "ACME CORP 1ST QTR NET", "ST LOUIS"),
        # words that stand before another place's name: a compass point before a saint or a known place
        (
            "ACME CORP SETS DIVIDEND SOUTH ST. PAUL, Minn., March 23 - Qtly div 11 cts.",
            "ACME CORP SETS DIVIDEND",
            "SOUTH ST. PAUL, Minn.",
        ),
        (
            "ACME CORP 1ST QTR NET NORTH PALM BEACH, Fla., March 23 - Shr 12 cts vs 10 cts.",
            "ACME CORP 1ST QTR NET",
            "NORTH PALM BEACH, Fla.",
        ),
        # a word that ends titles stays the title's, even where it could open a place's name
        ("ACME SHARES CLOSE LOWER NEW YORK, March 23 - Acme shares fell.", "ACME SHARES CLOSE LOWER", "NEW YORK"),
        # a ticker ends the title: a place in capitals after it starts the dateline
        (
            "ACME SETS PAYOUT <ACM> MINNEAPOLIS, MINN., March 19 - Acme Corp raised its dividend.",
            "ACME SETS PAYOUT <ACM>",
            "MINNEAPOLIS, MINN.",
        ),
        # at the start of a flattened text, three capitals words and a place are a title and a place
        ("HARBOR LAUNCHES EUROBOND LONDON, March 16 - Harbor is issuing bonds.", "HARBOR LAUNCHES EUROBOND", "LONDON"),
        # a title-case place on its own line under the title
        (
            "HARBOR WIDGETS YEAR NET\n    Calgary, Alberta, April 8 -\n    Shr 10 cts vs 32 cts",
            "HARBOR WIDGETS YEAR NET",
            "Calgary, Alberta",
        ),
    ],
)
def test_flattened_capitals_title_and_undated_dateline(text: str, headline: str, location: str) -> None:
    story = wirecut.parse(text)
    assert story.dateline is not None and story.dateline.location == location, text
    assert story.headline is not None and story.headline.text == headline


@pytest.mark.parametrize(
    "text",
    [
        "Moreover, March 3 - the talks resumed after a pause.",
        "Prices rose, April 3 - a record for the month.",
        "Officials said Toronto, March 6 - was the date of the vote.",
    ],
)
def test_a_title_case_word_comma_and_date_in_a_sentence_is_no_dateline(text: str) -> None:
    assert wirecut.parse(text).dateline is None


def test_a_capitals_headline_with_a_dash_is_no_place_only_dateline() -> None:
    story = wirecut.parse("TRADE TALKS CRUCIAL - ANALYSTS\nNEW YORK, April 1 - The dollar fell on Wednesday.")
    assert story.dateline is not None and story.dateline.location == "NEW YORK"
    assert story.headline is not None and story.headline.text == "TRADE TALKS CRUCIAL - ANALYSTS"


def test_a_correspondent_after_a_comma_inside_ria_slashes() -> None:
    story = wirecut.parse("МОСКВА, 5 марта /РИА Новости, Иван Петров/. Правительство приняло решение.")
    assert story.dateline is not None and story.dateline.agency == "RIA Novosti"
    assert story.body.endswith("Правительство приняло решение.")


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("    UPPER SADDLE RIVER, N.J., March 6 - The company said sales rose.", "UPPER SADDLE RIVER, N.J."),
        ("    SOUTH SAN FRANCISCO, Calif., March 9 - The company said it sold a stake.", "SOUTH SAN FRANCISCO, Calif."),
        ("CITY OF INDUSTRY, Calif., May 2 - The company said it would close a plant.", "CITY OF INDUSTRY, Calif."),
    ],
)
def test_a_dateline_on_its_own_line_keeps_every_word_of_its_place(line: str, place: str) -> None:
    """Under its headline line, a dateline's place starts at the line, however many capitals words it has."""
    story = wirecut.parse("ACME HOLDINGS INC <ACME> 1ST QTR NET\n" + line + "\n")
    assert story.dateline is not None and story.dateline.location == place
    assert story.headline is not None and story.headline.text == "ACME HOLDINGS INC <ACME> 1ST QTR NET"


@pytest.mark.parametrize(
    ("text", "headline", "dateline", "location"),
    [
        # Blocks joined with no space: a sentence-case title glued to its dateline's place.
        (
            "Zahl der Anträge auf Kurzarbeit steigt weiterHamburg (AFP) - Die Zahl der Anträge stieg im Mai.",
            "Zahl der Anträge auf Kurzarbeit steigt weiter",
            "Hamburg (AFP) -",
            "Hamburg",
        ),
        # Two spaces stand for the line break between a title's last word and the tag: no place.
        (
            "Divers map wrecks in the bay off Malta  (CNN) — Divers have mapped 12 wrecks. More dives follow.",
            "Divers map wrecks in the bay off Malta",
            "(CNN) —",
            None,
        ),
        # A title in title case runs into the tag: its last word is no place.
        (
            "Copper Climbs on Strong Chinese Demand (Reuters) - Copper rose on Tuesday. Stocks fell.",
            "Copper Climbs on Strong Chinese Demand",
            "(Reuters) -",
            None,
        ),
        # A sentence-case title and the tag, one space between them.
        (
            "Copper climbs on strong demand from smelters (Reuters) - Copper rose on Tuesday. Stocks fell.",
            "Copper climbs on strong demand from smelters",
            "(Reuters) -",
            None,
        ),
        # A German title capitalises its nouns: the place after it stays the place.
        (
            "Ärger um Tickets vor dem Spiel gegen Rivalen Madrid (dpa) - Die Fans warten seit Tagen.",
            "Ärger um Tickets vor dem Spiel gegen Rivalen",
            "Madrid (dpa) -",
            "Madrid",
        ),
        # A known place of two words after a title-case title stays whole.
        (
            "Stocks Slip in Early Trade in New York (Reuters) - Stocks fell on Monday. Traders sold.",
            "Stocks Slip in Early Trade in",
            "New York (Reuters) -",
            "New York",
        ),
    ],
)
def test_a_flattened_title_runs_into_its_tag(text: str, headline: str, dateline: str, location: str | None) -> None:
    story = wirecut.parse(text)
    assert story.dateline is not None and (story.dateline.text, story.dateline.location) == (dateline, location)
    assert story.headline is not None and story.headline.text == headline


@pytest.mark.parametrize(
    "text",
    [
        # A brand in camel case before a tag is no title glued to a place.
        "Google buys DoubleClick (Reuters) - Google said it would buy the firm.",
        "Sony readies PlayStation (Reuters) - Sony said it would ship in May.",
    ],
)
def test_a_camel_case_name_before_a_tag_gives_no_glued_place(text: str) -> None:
    story = wirecut.parse(text)
    assert story.dateline is not None and story.dateline.location is None
    assert story.dateline.text == "(Reuters) -"


def test_a_tag_and_dash_after_a_flattened_title_need_a_capital_after_them() -> None:
    # A lower-case word after the dash: the tag sits inside running text, not at a story's opening.
    story = wirecut.parse("Copper climbs on strong demand (Reuters) - and more as traders said. Stocks fell.")
    assert story.dateline is None


def test_a_services_one_word_tag_without_a_dash_after_a_place_in_capitals() -> None:
    text = "A teaser sentence stands first. NEW YORK (CNNMoney) Cities often struggle with housing. Rents rose."
    story = wirecut.parse(text)
    assert story.dateline is not None and (story.dateline.location, story.dateline.agency) == ("NEW YORK", "CNNMoney")
    assert story.body.startswith("Cities often struggle")


def test_a_ticker_in_capitals_after_a_company_is_no_services_tag() -> None:
    story = wirecut.parse("ACME (ACM) ADVISED OF FILING HOUSTON, June 29 - Acme Co said it was advised of a filing.")
    assert story.dateline is not None and story.dateline.location == "HOUSTON"
    assert story.headline is not None and story.headline.text == "ACME (ACM) ADVISED OF FILING"


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("New Delhi: The southwest monsoon is likely to reach Kerala by June 1, the weather office said.", "New Delhi"),
        ("MUMBAI: Shares rose for a third day on Tuesday as banks gained on strong quarterly results.", "MUMBAI"),
    ],
)
def test_a_place_and_a_colon_open_the_story_on_indian_sites(line: str, place: str) -> None:
    text = f"Monsoon Likely To Hit Kerala By June 1\nThe weather office said conditions were favourable.\n{line}\nMore follows."
    story = wirecut.parse(text)
    assert story.dateline is not None and (story.dateline.location, story.dateline.agency) == (place, None)
    assert story.body.startswith(line.split(": ", 1)[1])


@pytest.mark.parametrize(
    "line",
    [
        "Note: The figures do not include the last quarter of the year, the ministry said.",  # a label
        "Interview: EU-China cooperation vital as U.S. unilateralism writ large: EU expert",  # a kicker, no sentence
        "BEWERTUNG: Diese Aussage ist umstritten, sagen frühere Schiedsrichter seit Jahren.",  # inside the story
    ],
)
def test_a_label_and_a_colon_is_no_dateline(line: str) -> None:
    text = (
        "Harbour dues rise again\nThe port raised its dues on Monday for the second time this year.\n"
        "Shippers said they would pass the cost on to their customers in the spring.\n" + line
    )
    story = wirecut.parse(text)
    assert story.dateline is None


def test_a_title_with_a_kicker_and_a_colon_at_the_texts_start_is_no_dateline() -> None:
    story = wirecut.parse("Report: Consumers tuning in to plasma TVs in record numbers, a research firm says.")
    assert story.dateline is None


@pytest.mark.parametrize(
    ("text", "location", "agency"),
    [
        ("Mendoza, May 3 (Agencia Sur) Growers in the province began sowing maize.", "Mendoza", "Agencia Sur"),
        ("Market report\nTARTU, 4 May (Baltic Wire) Dairy prices rose for a third week.", "TARTU", "Baltic Wire"),
    ],
)
def test_an_unlisted_agency_with_no_dash_opens_its_line_with_place_and_date(
    text: str, location: str, agency: str
) -> None:
    story = wirecut.parse(text)
    assert story.dateline is not None
    assert (story.dateline.location, story.dateline.agency) == (location, agency)


@pytest.mark.parametrize(
    "text",
    [
        "The envoy met officials in Geneva, May 3 (World Health) and flew home.",
        "Talks ended.\nGeneva (World Health) said nothing new on Monday.",
    ],
)
def test_an_unlisted_tag_with_no_dash_inside_a_sentence_or_without_a_date_is_no_dateline(text: str) -> None:
    assert wirecut.parse(text).dateline is None


@pytest.mark.parametrize(
    ("text", "location", "date"),
    [
        # The Edge's form: the date in brackets and a colon.
        (
            "Sales rise\n\nKUALA LUMPUR (June 11): Property sales in the capital rose 12% in the first quarter.",
            "KUALA LUMPUR",
            "June 11",
        ),
        # A site that drops the date keeps its comma before the dash.
        ("Boys found\nIPOH, — City police said the four boys reported missing were found safe.", "IPOH", None),
    ],
)
def test_malaysian_sites_datelines(text: str, location: str, date: str | None) -> None:
    story = wirecut.parse(text)
    assert story.dateline is not None
    assert (story.dateline.location, story.dateline.date) == (location, date)


def test_a_bracketed_word_that_is_no_date_before_a_colon_is_no_dateline() -> None:
    story = wirecut.parse(
        "Markets\n\nPARIS (Update 2): Shares in the carmaker fell 4% on Monday after a profit warning."
    )
    assert story.dateline is None


def test_a_bare_agency_and_dash_alone_on_its_line_is_no_dateline() -> None:
    story = wirecut.parse("Articles by Yonhap\nYonhap-\nTwo new swine fever cases reported in the east\n")
    assert story.dateline is None


@pytest.mark.parametrize(
    ("text", "location", "date_iso", "agency"),
    [
        ("نيقوسيا, 25-11-2023 (أ ف ب) - أعلنت السلطات اليوم عن خطة جديدة.", "نيقوسيا", "2023-11-25", "AFP"),
        ("ديجون (فرنسا) (أ ف ب) - قتل رجل في منزله برصاص طائش.", "ديجون (فرنسا)", None, "AFP"),
        ("بيروت (رويترز) - قال مسؤولون إن المحادثات ستستأنف يوم الاثنين.", "بيروت", None, "Reuters"),
        ("دبي، 5 يناير (وام) - أعلنت الهيئة اليوم عن إطلاق مبادرة جديدة.", "دبي", "--01-05", "WAM"),
        ("عمان، 3 أيار (د ب أ) - افتتح المعرض اليوم بمشاركة واسعة.", "عمان", "--05-03", "dpa"),
        ("تل أبيب, 25-11-2023 (أ ف ب) - أعلن الجيش عن إطلاق سراح رهائن.", "تل أبيب", "2023-11-25", "AFP"),
        # PTI's Hindi service writes no dash, as PTI does in English.
        ("नई दिल्ली, 25 नवंबर (भाषा) सरकार ने आज एक नई योजना की घोषणा की।", "नई दिल्ली", "--11-25", "PTI"),
    ],
)
def test_uncased_scripts_datelines_with_a_known_agencys_tag(
    text: str, location: str, date_iso: str | None, agency: str
) -> None:
    story = wirecut.parse(text)
    assert story.dateline is not None
    assert (story.dateline.location, story.dateline.date_iso, story.dateline.agency) == (location, date_iso, agency)


@pytest.mark.parametrize(
    "text",
    [
        "وقال الوزير (رويترز) إن المحادثات ستستأنف الأسبوع المقبل.",  # a source named inside a sentence
        "وقالت الشركة (المجموعة) - في بيان - إن الأرباح ارتفعت.",  # no agency in the brackets
    ],
)
def test_arabic_words_before_brackets_are_no_dateline_without_a_known_tag_and_a_dash(text: str) -> None:
    assert wirecut.parse(text).dateline is None


def test_a_date_in_figures_day_first_in_a_dateline() -> None:
    story = wirecut.parse("BERLIN, 25.11.2023 (dpa) - Die Regierung hat am Samstag einen Plan beschlossen.")
    assert story.dateline is not None and story.dateline.date_iso == "2023-11-25"
    assert wirecut.parse("BERLIN, 31.02.2023 (dpa) - Die Regierung hat beschlossen.").dateline.date_iso is None
