"""Bytes to text: the encodings news archives hold, told apart by the language the text is in."""

from __future__ import annotations

import codecs

import pytest

from wirecut.decode import decode

# Short Western European stories as a site on Windows or an old archive writes them. Each one has a
# letter that cp1250 (Central European) maps to another letter, which is how the wrong guess showed:
# "señor" read as "seńor", "Bjørn" as "Bjřrn", "né" stays but "è" becomes "č".
WESTERN = [
    ("es", "MADRID, 3 jun (EFE).- El señor alcalde dijo que la obra empezará en otoño.", "señor"),
    ("es", "La compañía aseguró que no habrá despidos este año en la planta.", "compañía"),
    ("fr", "PARIS, 3 juin (AFP) - Le ministre a déclaré qu'il était prêt à négocier.", "prêt"),
    ("fr", "La grève a été suivie par près de la moitié des enseignants, selon le syndicat.", "près"),
    ("de", "BERLIN, 3. Juni (dpa) - Der Bürgermeister sagte, die Straße bleibe gesperrt.", "Straße"),
    ("pt", "LISBOA, 3 jun (Lusa) - O ministro disse que a decisão não será adiada.", "decisão"),
    ("pt", "A votação foi adiada para a próxima sessão da câmara, segundo o presidente.", "câmara"),
    ("it", "ROMA, 3 giu (ANSA) - Il sindaco ha detto che la città è pronta e così il governo.", "città"),
    ("nb", "OSLO (NTB): Bjørn Hansen sier at kommunen må spare på skolene i år.", "Bjørn"),
    ("da", "KØBENHAVN (Ritzau) - Regeringen vil øge støtten til de ældre, siger ministeren.", "ældre"),
    ("sv", "STOCKHOLM (TT) Regeringen säger att skatten på bensin sänks från årsskiftet.", "årsskiftet"),
    ("nl", "AMSTERDAM (ANP) - De ministers zijn het eens geworden over de financiële steun.", "financiële"),
]


@pytest.mark.parametrize(("lang", "text", "word"), WESTERN, ids=[f"{lang}-{i}" for i, (lang, *_) in enumerate(WESTERN)])
@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_western_european_text_in_a_legacy_encoding_keeps_its_letters(
    lang: str, text: str, word: str, encoding: str
) -> None:
    decoded, warnings = decode(text.encode(encoding))
    assert decoded == text and word in decoded
    assert len(warnings) == 1 and "not UTF-8" in warnings[0]


def test_typographic_quotes_and_dashes_of_cp1252_are_read() -> None:
    text = "LONDON, June 3 – The minister said the “plan” was ready… at a cost of €40 million."
    decoded, _ = decode(text.encode("cp1252"))
    assert decoded == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        # Central European, Turkish and Cyrillic text must not be taken for cp1252 just because cp1252
        # can decode every byte of it: the letters it would give are not the language's.
        ("PRAHA (ČTK) - Ministr řekl, že vláda příští týden schválí rozpočet na školství.", "cp1250"),
        ("WARSZAWA (PAP) - Minister powiedział, że rząd przyjmie ustawę w przyszłym tygodniu.", "cp1250"),
        ("ANKARA (AA) - Bakan, hükümetin gelecek hafta bütçeyi görüşeceğini söyledi.", "cp1254"),
        ("МОСКВА, 3 июня (ТАСС) - Министр заявил, что правительство одобрит бюджет на следующей неделе.", "cp1251"),
        # Arabic read as cp1252 is all letters beyond ASCII ("ÇáÓÈÊ"), which the tables may still guess a
        # Latin language for: no Western text is written so.
        ("القاهرة (أ ف ب) - قال الوزير إن الحكومة ستوافق على الميزانية في الأسبوع المقبل بعد نقاش طويل.", "cp1256"),
    ],
)
def test_other_legacy_encodings_are_still_told_apart(text: str, encoding: str) -> None:
    decoded, warnings = decode(text.encode(encoding))
    assert decoded == text and warnings


@pytest.mark.parametrize("bom_encoding", ["utf-32-le", "utf-32-be"])
def test_utf32_with_a_byte_order_mark_is_read_as_utf32(bom_encoding: str) -> None:
    text = "CAIRO, May 2 (Xinhua) -- Talks resumed in the capital."
    bom = codecs.BOM_UTF32_LE if bom_encoding.endswith("le") else codecs.BOM_UTF32_BE
    decoded, warnings = decode(bom + text.encode(bom_encoding))
    assert decoded == text and not warnings


def test_utf16_with_a_byte_order_mark_is_still_utf16() -> None:
    text = "CAIRO, May 2 (Xinhua) -- Talks resumed."
    decoded, warnings = decode(text.encode("utf-16"))
    assert decoded == text and not warnings
