"""The contract's two invariants, for any text: spans never overlap, nothing but white space is lost."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import ROOT, SHARED, covered_everywhere, overlaps

import wirecut

SCHEMA = json.loads((ROOT / "src" / "wirecut" / "output.schema.json").read_text(encoding="utf-8"))

# Pieces of wire copy to mutate and shuffle: each real form, written for these tests.
WIRE_PIECES = [
    "BEIJING, April 19 (Xinhua) -- ",
    "BEIJING, April 19, 2016 (Xinhua) -- ",
    "(Xinhua/Li Wei) ",
    "[Photo/Xinhua]",
    "(AP Photo/Evan Marsh)",
    "REUTERS/Jo Whit ",
    "By JANE DOE and JOHN ROE ",
    "AP Business Writer ",
    "Related: ",
    "Full story ",
    "1 2 3 >> ",
    "Editor: huaxia ",
    "(Reporting by Kane Wu; Editing by Jo Wong)",
    "MOSCOW, January 21. /TASS/. ",
    "(ANSA) - ROMA, 16 APR - ",
    "新华社北京4月19日电（记者 甲、乙）",
    "（完）",
    "<br/>",
    "2017-10-17 20:28:16 ",
    "The minister said on Tuesday that talks would go on. ",
    "Prices rose 3 percent. ",
    "\n\n",
    "\n",
    "  ",
    "\u3000",
    "&amp; ",
    "\x03",
    " Reuter",
]

wire_texts = st.lists(st.sampled_from(WIRE_PIECES) | st.text(max_size=12), max_size=30).map("".join)


def check_invariants(story: wirecut.Story) -> None:
    assert not overlaps(story), "spans overlap"
    assert not covered_everywhere(story), "characters lost"
    assert not [w for w in story.warnings if "failed" in w], story.warnings
    for _label, span in story.spans():
        assert 0 <= span.start < span.end <= len(story.text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text(text: str) -> None:
    check_invariants(wirecut.parse(text))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(wire_texts)
def test_mutated_wire_text(text: str) -> None:
    story = wirecut.parse(text)
    check_invariants(story)
    jsonschema.validate(story.to_dict(), SCHEMA)


def test_seed_validates_against_the_schema(seed_text: str) -> None:
    story = wirecut.parse(seed_text)
    check_invariants(story)
    jsonschema.validate(story.to_dict(), SCHEMA)


def test_text_fields_are_clean_slices(seed_text: str) -> None:
    story = wirecut.parse(seed_text)
    for paragraph in story.paragraphs:
        raw = story.text[paragraph.span.start : paragraph.span.end]
        assert paragraph.text == " ".join(raw.split())


@pytest.mark.skipif(
    not (SHARED / "spec" / "output.schema.json").exists(), reason="../shared is not beside the checkout"
)
def test_shipped_schema_equals_the_contract() -> None:
    contract = json.loads((SHARED / "spec" / "output.schema.json").read_text(encoding="utf-8"))
    assert contract == SCHEMA


@pytest.mark.skipif(not (SHARED / "corpus" / "dev").exists(), reason="../shared is not beside the checkout")
def test_real_output_validates_against_the_schema() -> None:
    for path in sorted((SHARED / "corpus" / "dev").glob("*.jsonl")):
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            story = wirecut.parse(json.loads(line)["text"])
            check_invariants(story)
            jsonschema.validate(story.to_dict(), SCHEMA)


def test_clean_collapses_white_space_and_drops_control_characters_on_every_code_point() -> None:
    """``clean`` agrees with the contract's definition, written as patterns, on every code point."""
    import sys

    import regex

    from wirecut.text import clean

    control = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
    white_space = regex.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")

    def reference(raw: str) -> str:
        return white_space.sub(" ", control.sub("", raw)).strip()

    characters = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    for start in range(0, len(characters), 4096):
        chunk = characters[start : start + 4096]
        raw = "a" + "a".join(f"{c} {c}{c}\n" for c in chunk)
        assert clean(raw) == reference(raw), f"code points from U+{ord(chunk[0]):04X}"
