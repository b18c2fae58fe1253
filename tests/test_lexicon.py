"""The month tables are checked against the Unicode CLDR, so a typo cannot slip in."""

from __future__ import annotations

import json

from babel.dates import get_month_names
from tests.conftest import ROOT

import wirecut
from wirecut import lexicon


def test_cldr_months_equal_babel() -> None:
    data = json.loads((ROOT / "src" / "wirecut" / "lexicon" / "months.json").read_text(encoding="utf-8"))
    for lang, names in data["cldr"].items():
        expected: dict[str, int] = {}
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in get_month_names(width, context, lang).items():
                    expected.setdefault(name.lower().rstrip("."), number)
        assert names == expected, lang


def test_wire_abbreviations_name_real_months() -> None:
    data = json.loads((ROOT / "src" / "wirecut" / "lexicon" / "months.json").read_text(encoding="utf-8"))
    for names in data["wire"].values():
        assert all(1 <= n <= 12 for n in names.values())
    assert lexicon.month_number("Sept.") == 9 and lexicon.month_number("février") == 2


def test_a_user_can_teach_wirecut_an_agency() -> None:
    text = "HAVANA, May 2 (Sputnik) -- The talks resumed on Tuesday."
    lexicon.register_agency("Sputnik", ["Sputnik"])
    story = wirecut.parse(text)
    assert story.dateline is not None and story.dateline.agency == "Sputnik"
    assert lexicon.canonical_agency("ITAR-TASS") == "TASS" and lexicon.canonical_agency("新华社") == "Xinhua"
