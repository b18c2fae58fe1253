"""Bad input gets a clear error or a warning, never a traceback; cost grows linearly."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from tests.conftest import covered_everywhere

import wirecut


def test_binary_input_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\x00\x10JFIF\x00\x01")
    with pytest.raises(wirecut.InputError, match="binary"):
        wirecut.parse_file(path)


def test_undecodable_bytes_are_replaced_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(b"CAIRO, May 2 (Xinhua) -- Talks resumed." + b" \xff\xfe\xfa")
    story = wirecut.parse_file(path)
    assert story.dateline is not None
    assert story.warnings


def test_other_encodings_are_detected(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(
        "MADRID, 11 may (EFE).- El Tribunal Supremo decidió el lunes que la reforma sigue en pie, según fuentes.".encode(
            "cp1252"
        )
    )
    story = wirecut.parse_file(path)
    assert "decidió" in story.body and story.warnings


def test_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(b"\xef\xbb\xbfCAIRO, May 2 (Xinhua) -- Talks resumed.\r\n\r\nThey went on.\r\n")
    story = wirecut.parse_file(path)
    assert story.text.startswith("CAIRO") and len(story.paragraphs) == 2 and not story.warnings


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(wirecut.InputError, match="no such file"):
        wirecut.parse_file(tmp_path / "absent.txt")
    with pytest.raises(wirecut.InputError, match="directory"):
        wirecut.parse_file(tmp_path)


def test_empty_and_blank_input() -> None:
    for text in ("", "   \n\n\t "):
        story = wirecut.parse(text)
        assert story.body == "" and story.dateline is None and story.to_dict()["body"] == {"text": "", "paragraphs": []}


def test_parse_refuses_bytes_with_a_clear_message() -> None:
    with pytest.raises(TypeError, match="parse_file"):
        wirecut.parse(b"bytes")  # type: ignore[arg-type]


def test_a_large_single_line_parses() -> None:
    text = "CAIRO, May 2 (Xinhua) -- " + "The talks went on for another day. " * 150_000  # about 5 MB
    story = wirecut.parse(text)
    assert story.dateline is not None and len(story.paragraphs) == 1
    assert not covered_everywhere(story)


@pytest.mark.parametrize("unit", ["BEIJING, ", "1 2 3 >> ", "(Xinhua/"])
def test_cost_grows_linearly_on_adversarial_repetition(unit: str) -> None:
    """10 MB of a hostile repetition costs at most 15 times what 1 MB costs (measured in one run)."""
    small = unit * (1_000_000 // len(unit))
    large = unit * (10_000_000 // len(unit))
    began = time.perf_counter()
    wirecut.parse(small)
    small_seconds = time.perf_counter() - began
    began = time.perf_counter()
    story = wirecut.parse(large)
    large_seconds = time.perf_counter() - began
    assert not [w for w in story.warnings if "gave up" in w or "failed" in w]
    assert large_seconds <= 15 * small_seconds, (small_seconds, large_seconds)


def test_a_huge_single_line_parses_with_a_warning(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """50 MB on one line is parsed as one text, and the story says it is no news story's size.

    The threshold is lowered for the test so that it runs in a second; the cost of size itself is
    measured by the linearity test above.
    """
    monkeypatch.setattr(wirecut, "HUGE_TEXT_CHARS", 100_000)
    path = tmp_path / "dump.txt"
    path.write_text("CAIRO, May 2 (Xinhua) -- " + "The talks went on. " * 10_000, encoding="utf-8")
    story = wirecut.parse_file(path)
    assert story.dateline is not None and any("far larger than a news story" in w for w in story.warnings)
    assert not covered_everywhere(story)


HOSTILE_UNITS = [
    "Full story ",
    "Title line here\nBEIJING (Xinhua) -- Body text.\n",
    "A photo. (Xinhua/Li Wei) ",
    "Lira slides 1 day ago BEIRUT, Sept. 19 (UPI) -- Text. ",
    "Read more: A title  ",
    "Photo shows x. (Kyodo) ",
    "April 19 (UPI) -- ",
    "Item title\nWIRE - 2 hours ago\nText of the item. ",
    "Related\n",
    "# Notebook\n",
    "^BC-X--Y< ",
    "By . Ann Lee . PUBLISHED: . 09:12 EST, 14 March 2013 . ",
    "MOSCOW, 5 March. /Корр. ТАСС Иван Петров/. ",
    "Sydney\n",
    "Frais GE: La ville revoit ses frais =\n",
]


@pytest.mark.parametrize("unit", HOSTILE_UNITS)
def test_every_part_stays_linear_on_its_own_hostile_repetition(unit: str) -> None:
    """Each parser's trigger repeated: ten times the text costs at most fifteen times the time."""

    def best_of_three(text: str) -> float:
        times = []
        for _ in range(3):  # the best of three: these machines are noisy
            began = time.perf_counter()
            story = wirecut.parse(text)
            times.append(time.perf_counter() - began)
        assert not [w for w in story.warnings if "gave up" in w or "failed" in w]
        return min(times)

    small = best_of_three(unit * (20_000 // len(unit)))
    large = best_of_three(unit * (200_000 // len(unit)))
    assert large <= 15 * small, (small, large)
