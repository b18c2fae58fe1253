"""Wire copy in the languages the agencies publish in: every dateline form and marker of issue #4.

The texts are written for these tests, in each agency's real form.
"""

from __future__ import annotations

import pytest

import wirecut

DATELINES = [
    # (text, location, date, date_iso, agency, language)
    (
        "新华社北京4月19日电（记者 甲乙、丙丁）中共中央总书记习近平19日在北京主持召开座谈会并发表重要讲话。",
        "北京",
        "4月19日",
        "--04-19",
        "Xinhua",
        "zh",
    ),
    (
        "中新社北京九月二十七日电 来自五十多个国家的记者二十七日在北京参加了活动并进行了采访。",
        "北京",
        "九月二十七日",
        "--09-27",
        "China News Service",
        "zh",
    ),
    (
        "人民网北京12月8日电（记者姜洁）国务院新闻办公室8日举行新闻发布会，介绍有关情况。",
        "北京",
        "12月8日",
        "--12-08",
        "人民网",
        "zh",
    ),
    (
        "本报上海3月5日电 记者王明报道：上海市今天召开会议，部署全年的重点工作和主要任务。",
        "上海",
        "3月5日",
        "--03-05",
        None,
        "zh",
    ),
    (
        "【ジュネーブ共同】世界気象機関は12日、昨年の世界の平均気温が観測史上2番目の高さだったと発表した。",
        "ジュネーブ",
        None,
        None,
        "Kyodo",
        "ja",
    ),
    (
        "МОСКВА, 16 февраля. /ТАСС/. Федеральная таможенная служба сообщила о росте импорта в январе.",
        "МОСКВА",
        "16 февраля",
        "--02-16",
        "TASS",
        "ru",
    ),
    (
        "САНКТ-ПЕТЕРБУРГ, 3 января. /ИТАР-ТАСС/. В городе открылась новая станция метро для жителей.",
        "САНКТ-ПЕТЕРБУРГ",
        "3 января",
        "--01-03",
        "TASS",
        "ru",
    ),
    (
        "Москва. 3 апреля. INTERFAX.RU - Правительство утвердило новые правила для банков и страховщиков.",
        "Москва",
        "3 апреля",
        "--04-03",
        "Interfax",
        "ru",
    ),
    (
        "МОСКВА, 4 мар — РИА Новости. Российские ученые создали новый катализатор для водородных топливных элементов.",
        "МОСКВА",
        "4 мар",
        "--03-04",
        "RIA Novosti",
        "ru",
    ),
    (
        "Berlin (dpa) - Die Bundesregierung hat am Montag neue Regeln für den Ausbau der Windkraft beschlossen.",
        "Berlin",
        None,
        None,
        "dpa",
        "de",
    ),
    (
        "Madrid, 11 may (EFE).- El Tribunal Supremo ha confirmado la condena de los acusados por el fraude.",
        "Madrid",
        "11 may",
        "--05-11",
        "EFE",
        "es",
    ),
    (
        "Nueva Delhi, 21 ene (EFE).- Una pareja de leones hirió a un joven que entró en el zoológico de la ciudad.",
        "Nueva Delhi",
        "21 ene",
        "--01-21",
        "EFE",
        "es",
    ),
    (
        "Strasbourg, 10 juil 2024 (AFP) - Les députés européens ont élu leur présidente pour un nouveau mandat.",
        "Strasbourg",
        "10 juil 2024",
        "2024-07-10",
        "AFP",
        "fr",
    ),
    (
        "(ANSA) - ROMA, 01 SET - Al via da lunedì la campagna di vaccinazione nelle farmacie della regione.",
        "ROMA",
        "01 SET",
        "--09-01",
        "ANSA",
        "it",
    ),
    (
        "MELAKA, 13 Jan (Bernama) -- Ikatan Relawan Rakyat Malaysia akan mengadakan program khas untuk penduduk.",
        "MELAKA",
        "13 Jan",
        "--01-13",
        "Bernama",
        "ms",
    ),
    (
        "Jakarta (ANTARA) - Pemerintah kota mengumumkan rencana baru untuk menurunkan angka stunting bagi anak-anak.",
        "Jakarta",
        None,
        None,
        "Antara",
        "id",
    ),
    (
        "DÜZCE (AA) - Hava sporları yarışmaları bu yıl da büyük bir ilgiyle takip edildi ve çok sayıda kişi katıldı.",
        "DÜZCE",
        None,
        None,
        "Anadolu",
        "tr",
    ),
    (
        "El Cairo, 27 nov (Prensa Latina) Después de tres intentos fallidos, el gobierno logró un acuerdo con los sindicatos.",
        "El Cairo",
        "27 nov",
        "--11-27",
        "Prensa Latina",
        "es",
    ),
    (
        "LISBOA, 18 jun (Xinhua) -- El número de turistas extranjeros creció un diez por ciento en mayo.",
        "LISBOA",
        "18 jun",
        "--06-18",
        "Xinhua",
        "es",
    ),
    (
        "BEIJING, 10 août (Xinhua) -- Un porte-parole du ministère a déclaré que les discussions se poursuivent.",
        "BEIJING",
        "10 août",
        "--08-10",
        "Xinhua",
        "fr",
    ),
    (
        "Genève (ats) Le Conseil fédéral a présenté mercredi son projet de loi sur la protection des données.",
        "Genève",
        None,
        None,
        "ATS",
        "fr",
    ),
]


@pytest.mark.parametrize(("text", "location", "date", "date_iso", "agency", "language"), DATELINES)
def test_datelines_of_every_language(
    text: str, location: str, date: str | None, date_iso: str | None, agency: str | None, language: str
) -> None:
    story = wirecut.parse(text)
    assert story.dateline is not None, text
    got = (story.dateline.location, story.dateline.date, story.dateline.date_iso, story.dateline.agency)
    assert got == (location, date, date_iso, agency)
    assert story.language == language
    assert story.body and story.dateline.text not in story.body


def test_chinese_reporters_caption_and_notes() -> None:
    text = (
        "科研团队实现量子通信新突破\n\n5月18日，在杭州一家实验室，科研人员调试设备。新华社记者黄一鸣摄\n\n"
        "新华社杭州5月19日电（记者白晓雨、陈立群）记者19日从浙江省科技厅获悉，联合团队实现了新的突破。\n\n"
        "团队负责人表示，下一步将推动相关技术开展示范应用。（完）\n\n[责任编辑:zhangwei]\n\n分享到微信朋友圈\n\n【字体：大 中 小】"
    )
    story = wirecut.parse(text, reference_date="2024-05-20")
    assert story.headline is not None and story.headline.text == "科研团队实现量子通信新突破"
    assert story.dateline is not None and story.dateline.date_iso == "2024-05-19"
    assert [b.names for b in story.bylines] == [("白晓雨", "陈立群")]
    assert [(c.credit, c.photographers) for c in story.captions] == [("新华社记者黄一鸣摄", ("黄一鸣",))]
    assert {(n.kind, n.text) for n in story.notes} == {("signoff", "（完）"), ("editor", "[责任编辑:zhangwei]")}
    assert {r.kind for r in story.residue} >= {"share", "navigation"}
    assert story.body.startswith("记者19日从浙江省科技厅获悉") and "（完）" not in story.body


@pytest.mark.parametrize(
    ("head", "description"),
    [
        # A flattened page: the title, one space, then the caption and its credit glued to the dateline.
        ("港口冬季航线持续加密", "1月7日，货轮在宁波舟山港靠泊作业。"),
        # A date before the space opens the caption: it is no title.
        ("", "1月7日 货轮在宁波舟山港靠泊作业。"),
    ],
)
def test_chinese_caption_starts_after_a_title_one_space_before_it(head: str, description: str) -> None:
    text = (
        f"{head} {description}新华社记者林晓摄新华社宁波1月8日电（记者陈岚）宁波舟山港冬季航线持续加密。（完）".lstrip()
    )
    story = wirecut.parse(text)
    assert [c.text for c in story.captions] == [description]
    if head:
        assert story.headline is not None and story.headline.text == head


def test_chinese_page_furniture() -> None:
    text = "寒潮来袭 中东部将迎降温  来源：新华网  2025-03-02 09:14:55  【字体：大 中 小】  新华社北京3月2日电（记者周敏）中央气象台2日继续发布寒潮预警。 (完)  打印本页  关闭窗口"
    story = wirecut.parse(text)
    assert story.headline is not None and story.headline.text == "寒潮来袭 中东部将迎降温"
    assert {(n.kind, n.text) for n in story.notes} == {("source", "来源：新华网"), ("signoff", "(完)")}
    assert {r.text for r in story.residue} >= {"2025-03-02 09:14:55", "打印本页", "关闭窗口"}
    assert story.body == "中央气象台2日继续发布寒潮预警。"


def test_chinese_editor_brackets_and_cns_credit() -> None:
    text = "新展开幕\n\n中新社上海9月27日电 (记者 许婧雯)特展27日开幕。\n\n9月27日，观众参观展品。 中新社记者 殷立明 摄\n\n【编辑:田博群】"
    story = wirecut.parse(text)
    assert story.dateline is not None and story.dateline.agency == "China News Service"
    assert [c.credit for c in story.captions] == ["中新社记者 殷立明 摄"]
    assert [(n.kind, n.names) for n in story.notes] == [("editor", ("田博群",))]


def test_german_byline_caption_and_teaser_marker() -> None:
    text = (
        "Neue Regeln für Windkraft\n\nVon Anna Beispiel, dpa\n\n"
        "Berlin (dpa) - Die Bundesregierung hat am Montag neue Regeln beschlossen.\n\n"
        "Ein Windrad steht auf einem Feld bei Hamburg. Foto: Max Muster/dpa\n\n"
        "Die Länder sollen mehr Flächen ausweisen.\n\nMehr zum Thema: Streit um Abstandsregeln weiterlesen"
    )
    story = wirecut.parse(text)
    assert [b.names for b in story.bylines] == [("Anna Beispiel",)]
    assert [c.credit for c in story.captions] == ["Foto: Max Muster/dpa"]
    assert [r.title for r in story.related] == ["Streit um Abstandsregeln"]
    assert (
        story.body
        == "Die Bundesregierung hat am Montag neue Regeln beschlossen.\n\nDie Länder sollen mehr Flächen ausweisen."
    )


@pytest.mark.parametrize(
    ("label", "language"),
    [("Lire aussi", "fr"), ("Leer más", "es"), ("Leggi anche", "it"), ("Читайте также", "ru")],
)
def test_teaser_labels_in_other_languages(label: str, language: str) -> None:
    story = wirecut.parse(
        f"PARIS, 3 mai (AFP) - Le texte du jour suit son cours normal ici.\n\n{label} : Un autre titre de dépêche"
    )
    assert [r.title for r in story.related] == ["Un autre titre de dépêche"], language
    assert label not in story.body


@pytest.mark.parametrize("word", ["Condividi", "Compartir", "Partager", "Teilen", "Paylaş", "Поделиться"])
def test_share_buttons_in_other_languages(word: str) -> None:
    story = wirecut.parse(f"ROMA, 3 mag (ANSA) - Il testo della notizia finisce qui.  {word}")
    assert [(r.kind, r.text) for r in story.residue] == [("share", word)]
    assert word not in story.body


def test_full_width_spaces_and_punctuation() -> None:
    story = wirecut.parse("\u3000\u3000新华社北京４月１９日电\u3000会议在北京召开。")
    assert story.dateline is not None and story.dateline.date_iso == "--04-19"
    assert story.body == "会议在北京召开。"


def test_undetermined_language_for_thin_evidence() -> None:
    assert wirecut.parse("12 34 56").language == "und"
    assert wirecut.parse("").language == "und"


def test_correspondent_inside_the_slashes_is_the_byline() -> None:
    """TASS's "/Корр. ТАСС NAME/." and RIA's German "/RIA-"Nowosti"-Korrespondent NAME/."."""
    story = wirecut.parse("МОСКВА, 5 марта. /Корр. ТАСС Иван Петров/. Правительство приняло решение.")
    assert story.dateline is not None and (story.dateline.agency, story.dateline.date) == ("TASS", "5 марта")
    assert [b.names for b in story.bylines] == [("Иван Петров",)]
    assert story.body == "Правительство приняло решение."
    story = wirecut.parse(
        'WASHINGTON, 6. Maerz. /RIA-"Nowosti"-Korrespondent Karl Weber/. Das Amt schwieg am Dienstag.'
    )
    assert story.dateline is not None and story.dateline.location == "WASHINGTON"
    assert [(b.names, b.role) for b in story.bylines] == [(("Karl Weber",), "Korrespondent")]
    assert story.body == "Das Amt schwieg am Dienstag."
    story = wirecut.parse("МОСКВА, 5 марта. /ТАСС/. Правительство приняло решение.")
    assert story.bylines == () and story.dateline is not None and story.dateline.text == "МОСКВА, 5 марта. /ТАСС/."


def test_chinese_closing_credits_reporter_then_editors() -> None:
    story = wirecut.parse("新华社广州3月2日电 广州市2日启动招聘会。\n\n新京报记者 林海 校对 吴芳")
    assert [b.names for b in story.bylines] == [("林海",)]
    assert [(n.kind, n.names) for n in story.notes] == [("editor", ("吴芳",))]
    assert story.body == "广州市2日启动招聘会。"
    story = wirecut.parse("新华社北京3月2日电 会议召开。\n\n编辑 王强 校对 李梅")
    assert [(n.kind, n.names) for n in story.notes] == [("editor", ("王强", "李梅"))] and story.body == "会议召开。"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "København /ritzau/: En mand blev anholdt onsdag. Det oplyser politiet efter en afhøring. Han havde ikke noget med sagen at gøre.",
            "da",
        ),
        (
            "Oslo (NTB): Regjeringen har lagt fram et forslag. Det ble klart etter et møte. Hun vil ikke endre planen nå, og det er mye som gjenstår.",
            "nb",
        ),
        (
            "Stockholm (TT) Regeringen vill inte ändra planen för skatterna. Det sade ministern efter ett möte. Också oppositionen är kritisk och kräver att förslaget dras tillbaka.",
            "sv",
        ),
        (
            "Berlin (dpa) - Der Präsident Recep Tayyip Erdoğan traf am Montag die Kanzlerin. Die Gespräche dauerten zwei Stunden, sagte ein Sprecher.",
            "de",
        ),
    ],
)
def test_nordic_languages_and_shared_letters(text: str, language: str) -> None:
    assert wirecut.parse(text).language == language


def test_tt_correspondent_dateline_trailing_byline_and_chained_credit() -> None:
    text = (
        "Polen: EU skärper tonen\nBryssel, TT:s korrespondent\n\nFör första gången tar kommissionen i med storsläggan.\n\n"
        "– Vi har varit redo för en dialog, säger kommissionären.\n\nKarin Berg/TT\n\n"
        "Kommissionären väntas ge besked i morgon. Arkivfoto. Foto: Jan Holm/AP/TT\n"
    )
    for variant in (text, " ".join(text.split())):
        story = wirecut.parse(variant)
        assert story.dateline is not None and (story.dateline.location, story.dateline.agency) == ("Bryssel", "TT")
        assert [c.credit for c in story.captions] == ["Foto: Jan Holm/AP/TT"]
        assert story.body.startswith("För första gången") and "Foto" not in story.body
    story = wirecut.parse(text)
    assert [b.names for b in story.bylines] == [("Karin Berg",)]
    assert story.body.endswith("säger kommissionären.")


def test_anp_replacement_notice_is_an_editors_note() -> None:
    text = "Bonden staken bij PostNL (2)\n\nN i e u w bericht, vervangt: Bonden dreigen PostNL\n\nUTRECHT (ANP) - De bond kondigt acties aan."
    for variant in (text, " ".join(text.split())):
        story = wirecut.parse(variant)
        assert [(n.kind, n.text) for n in story.notes] == [
            ("ednote", "N i e u w bericht, vervangt: Bonden dreigen PostNL")
        ]
        assert story.headline is not None and story.headline.text == "Bonden staken bij PostNL (2)"
        assert story.body == "De bond kondigt acties aan."


def test_nordic_writer_on_a_line_of_his_own_and_a_place_on_one_line() -> None:
    danish = "Hollandske forskere har lavet forsøg på både mennesker og dyr, siger de til bureauet."
    for text in (f"Peder Top Poulsen\nHaag /ritzau/: {danish}", f"Peder Top Poulsen Haag /ritzau/: {danish}"):
        story = wirecut.parse(text)
        assert [b.names for b in story.bylines] == [("Peder Top Poulsen",)] and story.headline is None
        assert story.dateline is not None and story.dateline.location == "Haag"
    # an English title in capitals over English copy stays the title, and a place keeps to its line
    story = wirecut.parse("Storm Hits Oslo\nOslo (NTB): The storm hit the city on Monday and the roads were closed.")
    assert story.headline is not None and story.headline.text == "Storm Hits Oslo" and not story.bylines
    assert story.dateline is not None and story.dateline.location == "Oslo"


# Languages outside wirecut's tables (#11): their own letters are evidence against the table's guess.
# The texts are written for these tests, in the shape of each country's agency copy.
OUTSIDE_THE_TABLES = [
    # Ukrainian: і ї є are no Russian letters (Ukrinform's dateline form)
    (
        "КИЇВ, 3 травня /Укрінформ/. Президент України заявив, що Україна отримає нову допомогу від"
        " партнерів у найближчі тижні, повідомляє інформаційне агентство.",
        "uk",
        "'ru' does not write",
    ),
    # Persian: پ چ ژ گ and the Persian ی, ک are no Arabic letters (IRNA's form)
    (
        "تهران، ۱۲ آبان (ایرنا) - رئیس جمهوری ایران روز چهارشنبه گفت که کشورش برای گفتگو با همسایگان"
        " آماده است و این پیام را به وزیران خارجه رساند.",
        "fa",
        "'ar' does not write",
    ),
    # Vietnamese: ơ ư đ and the tone-marked vowels are no Portuguese letters (VNA's form)
    (
        "HÀ NỘI, ngày 3 tháng 5 (TTXVN) - Thủ tướng Chính phủ đã chủ trì cuộc họp với các bộ, ngành để bàn"
        " về tình hình kinh tế và xã hội của đất nước trong năm nay.",
        "vi",
        "does not write",
    ),
    # Polish: ą ę ł ś ż are written by no language of the tables (PAP's form)
    (
        "WARSZAWA (PAP) - Rząd przyjął w poniedziałek projekt ustawy o zmianie przepisów dotyczących"
        " podatków. Minister finansów powiedział, że nowe przepisy wejdą w życie od stycznia.",
        "pl",
        "no language of wirecut's tables writes",
    ),
]


@pytest.fixture
def no_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    """wirecut without py3langid: its own tables alone answer."""
    monkeypatch.setattr(wirecut.language, "_fallback_identifier", lambda: None)


@pytest.mark.parametrize(("text", "language", "why"), OUTSIDE_THE_TABLES)
def test_a_language_outside_the_tables_is_und_with_a_doubt(
    text: str, language: str, why: str, no_fallback: None
) -> None:
    story = wirecut.parse(text)
    assert story.language == "und"
    [doubt] = [w for w in story.warnings if w.startswith("language:")]
    assert why in doubt and "und" in doubt
    assert story.text == text


@pytest.mark.parametrize(("text", "language", "why"), OUTSIDE_THE_TABLES)
def test_py3langid_names_what_the_tables_leave_und(text: str, language: str, why: str) -> None:
    pytest.importorskip("py3langid")  # the test extra installs it: this runs in CI
    story = wirecut.parse(text)
    assert story.language == language
    assert not [w for w in story.warnings if w.startswith("language:")]


def test_py3langid_is_asked_only_when_the_tables_say_und(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def identify(sample: str) -> str | None:
        asked.append(sample)
        return "xx"

    monkeypatch.setattr(wirecut.language, "_fallback_identifier", lambda: identify)
    assert wirecut.parse("PARIS, May 2 (AFP) - The minister said that the talks were over.").language == "en"
    assert wirecut.parse("МОСКВА, 16 февраля. /ТАСС/. Федеральная служба сообщила о росте.").language == "ru"
    assert not asked
    assert wirecut.parse(OUTSIDE_THE_TABLES[0][0]).language == "xx"
    assert asked == [OUTSIDE_THE_TABLES[0][0]]


def test_py3langid_is_not_trusted_on_a_few_words() -> None:
    pytest.importorskip("py3langid")
    assert wirecut.language.judge_language("Oil rose.").tag == "und"


def test_names_in_other_alphabets_leave_an_english_story_english(no_fallback: None) -> None:
    text = (
        "TEGUCIGALPA (EFE) - Honduran President Xiomara Castro said on Monday that José Ramón Hernández and"
        " María Núñez would lead the inquiry into the Güinope attacks, and met Turkey's Recep Tayyip Erdoğan,"
        " Vietnam's Nguyễn Phú Trọng and the mayor of São Paulo in Zürich."
    )
    story = wirecut.parse(text)
    assert story.language == "en" and not story.warnings


def test_cyrillic_without_russian_letters_is_not_russian(no_fallback: None) -> None:
    # Bulgarian writes no ы and no э (BTA's copy): a long text without them is not Russian
    sentence = (
        "Правителството одобри в сряда проектобюджета за следващата година, съобщи финансовият министър."
        " Мерките ще влязат в сила от началото на годината и ще засегнат всички граждани на страната. "
    )
    text = "СОФИЯ, 3 май /БТА/. " + sentence * 3
    story = wirecut.parse(text)
    assert story.language == "und"
    assert any("which 'ru' always writes" in w for w in story.warnings)
    russian = (
        "МОСКВА, 3 мая /ТАСС/. "
        + "Министры обсудили в среду новые меры поддержки экономики и бюджет на следующий год. " * 5
    )
    assert wirecut.parse(russian).language == "ru"


def test_decomposed_vietnamese_is_read_as_composed(no_fallback: None) -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", OUTSIDE_THE_TABLES[2][0])
    story = wirecut.parse(text)
    assert story.language == "und" and story.text == text
    assert any(w.startswith("language:") for w in story.warnings)


# Mojibake (#11): reported, never repaired, so that every span still indexes the input.
def test_mojibake_is_a_warning_and_the_text_is_untouched() -> None:
    text = "FALMOUTH, England (AP) -- The RNLIâ€™s volunteers launched at dawn to reach the stranded yacht."
    story = wirecut.parse(text)
    [warning] = [w for w in story.warnings if "mojibake" in w]
    assert "'RNLIâ€™s'" in warning and "'RNLI’s'" in warning
    assert story.text == text and "RNLIâ€™s" in story.body
    for paragraph in story.paragraphs:
        assert paragraph.span.slice(text) == paragraph.text


@pytest.mark.parametrize(
    "text",
    [
        "ZÜRICH (dpa) - Die Größe der Straße überraschte die Anwohner, sagte ein Sprecher am Montag.",
        "MOSCOW, 16 февраля. /ТАСС/. Федеральная таможенная служба сообщила о росте импорта.",
        "新华社北京4月19日电 中共中央总书记习近平19日在北京主持召开座谈会。",
        "PARIS (AFP) - « Nous sommes prêts », a déclaré le ministre — sans préciser la date… 20 €.",
    ],
)
def test_well_decoded_text_has_no_mojibake_warning(text: str) -> None:
    assert not [w for w in wirecut.parse(text).warnings if "mojibake" in w]


def test_the_mojibake_check_failing_costs_a_warning_never_the_story(monkeypatch: pytest.MonkeyPatch) -> None:
    """An environment without ftfy (a dependency) must not lose every non-ASCII text's parts."""
    import wirecut.quality

    def broken(text: str) -> str | None:
        raise ModuleNotFoundError("No module named 'ftfy'")

    monkeypatch.setattr(wirecut.quality, "mojibake_warning", broken)
    story = wirecut.parse("BEIJING, April 19 (Xinhua) -- Xi said “yes” on Tuesday to the delegates.")
    assert story.dateline is not None and story.body.startswith("Xi said")
    assert [w for w in story.warnings if w.startswith("parser mojibake failed")]


# A Japanese news page: section menu, title, stamp, two paragraphs, a box of related articles.
JAPANESE_PAGE = (
    "ニュース\n"
    "経済\n"
    "日銀、金融政策の現状維持を決定\n"
    "2024年3月14日 12時05分\n"
    "日本銀行は14日、金融政策決定会合で現状の金融緩和策を維持することを決めた。\n"
    "市場では、春の賃上げの動向を見極めたいとの見方が出ている。\n"
    "関連記事\n"
    "円相場、一時1ドル150円台に\n"
    "東証、午前の取引は小幅高\n"
)

# A Chinese portal's page: breadcrumb, title, stamp and source, dateline, byline, editors, related box,
# share bar.
CHINESE_PORTAL_PAGE = (
    "首页 > 财经频道 > 正文\n"
    "全国铁路五一假期发送旅客创新高\n"
    "2024年05月06日 15:21  来源：人民网\n"
    "人民网北京5月6日电（记者王强）记者6日从国铁集团获悉，五一假期全国铁路累计发送旅客1.5亿人次，创历史新高。\n"
    "据介绍，假期期间日均发送旅客3000万人次，同比增长8.2%。\n"
    "（责任编辑：李娜、张伟）\n"
    "相关新闻\n"
    "铁路部门加开夜间列车\n"
    "高铁客流持续高位运行\n"
    "分享到：\n"
)


def test_a_japanese_page_with_a_related_box_keeps_its_title_and_story() -> None:
    # Word counts of CJK text count its letters: the story is no listing's head of a few "words".
    story = wirecut.parse(JAPANESE_PAGE)
    assert story.kind == "story"
    assert story.headline is not None and story.headline.text == "日銀、金融政策の現状維持を決定"
    assert story.body.startswith("日本銀行は14日")
    assert [r.title for r in story.related] == ["円相場、一時1ドル150円台に", "東証、午前の取引は小幅高"]
    assert ("timestamp", "2024-03-14") in [(r.kind, r.iso) for r in story.residue]


def test_a_related_box_ends_at_the_share_bar() -> None:
    story = wirecut.parse(CHINESE_PORTAL_PAGE)
    assert [r.title for r in story.related] == ["铁路部门加开夜间列车", "高铁客流持续高位运行"]
    assert "分享到：" in [r.text for r in story.residue]
