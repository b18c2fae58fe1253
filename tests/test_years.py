"""The year of every dateline is decided once, after the parsers, in the contract's order."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.conftest import covered_everywhere, overlaps

import wirecut
from wirecut import pipeline

REFERENCE = dt.date(2024, 1, 2)

# A story dateline without a year, a captioned photo with its own dateline, and two teasers.
STORY = "CAIRO, May 2 (Xinhua) -- Talks resumed on Tuesday between the two delegations.\n\n"
CAPTION = "CAIRO, May 1 (Xinhua) -- Delegates arrive in Cairo, Egypt, {date}. (Xinhua/Ahmed Gomaa)\n\n"
TEASERS = (
    "Related:\n"
    "Markets steady ahead of the talks CAIRO, April 30 (Xinhua) -- Shares rose. Full story\n"
    "Ports reopen after the storm ALEXANDRIA, Dec. 30 (Xinhua) -- Ships sailed. Full story\n"
)


def _years(story: wirecut.Story) -> tuple[str | None, list[str | None], list[str | None]]:
    return (
        story.dateline.date_iso if story.dateline else None,
        [c.dateline.date_iso for c in story.captions if c.dateline],
        [r.dateline.date_iso for r in story.related if r.dateline],
    )


def test_without_a_source_a_date_keeps_no_year() -> None:
    story = wirecut.parse(STORY + TEASERS)
    assert _years(story) == ("--05-02", [], ["--04-30", "--12-30"])


def test_the_reference_date_gives_every_dateline_its_closest_year() -> None:
    story = wirecut.parse(STORY + TEASERS, reference_date=REFERENCE)
    assert _years(story) == ("2024-05-02", [], ["2024-04-30", "2023-12-30"])


def test_a_page_stamp_comes_before_the_reference_date() -> None:
    story = wirecut.parse("2016-04-19 10:07:33\n" + STORY + TEASERS, reference_date=REFERENCE)
    assert _years(story) == ("2016-05-02", [], ["2016-04-30", "2015-12-30"])


def test_a_dated_caption_comes_before_a_page_stamp() -> None:
    text = "2019-03-01 10:07:33\n" + CAPTION.format(date="May 1, 2016") + STORY + TEASERS
    story = wirecut.parse(text, reference_date=REFERENCE)
    assert _years(story) == ("2016-05-02", ["2016-05-01"], ["2016-04-30", "2015-12-30"])


def test_a_date_with_its_own_year_keeps_it() -> None:
    text = CAPTION.format(date="May 1, 2016") + STORY.replace("May 2", "May 2, 2021") + TEASERS
    story = wirecut.parse(text, reference_date=REFERENCE)
    assert _years(story) == ("2021-05-02", ["2016-05-01"], ["2016-04-30", "2015-12-30"])


def test_the_seed_dates_its_teasers_in_the_year_of_its_story(seed_text: str) -> None:
    story = wirecut.parse(seed_text, reference_date="2024-01-02")
    assert story.dateline is not None and story.dateline.date_iso == "2016-04-19"
    assert [r.dateline.date_iso for r in story.related if r.dateline] == ["2016-04-19", "2016-04-19"]


def test_an_impossible_stamp_gives_no_year_and_no_traceback() -> None:
    text = "Posted 31/02/2019 10:07 PM\nCAIRO, May 2 (Xinhua) -- Talks resumed.\n"
    story = wirecut.parse(text, reference_date=REFERENCE)
    assert story.dateline is not None and story.dateline.date_iso == "2024-05-02"  # the stamp names no day


def test_february_29_near_no_leap_year_keeps_no_year() -> None:
    story = wirecut.parse("CAIRO, Feb. 29 (Xinhua) -- Talks resumed.", reference_date=dt.date(2022, 6, 1))
    assert story.dateline is not None and story.dateline.date_iso == "--02-29"


def test_a_finishing_step_that_breaks_costs_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(state: wirecut.ParseState) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "FINISHING_STEPS", (("years", broken),))
    story = wirecut.parse(STORY + TEASERS, reference_date=REFERENCE)
    assert "parser years failed on this text: RuntimeError: boom" in story.warnings
    assert story.dateline is not None and story.dateline.date_iso == "--05-02"  # the year was not given
    assert story.body.startswith("Talks resumed")


def test_a_story_that_cannot_be_assembled_keeps_every_character(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str, dateline: object = None) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "judge_language", broken)
    text = "  " + STORY + TEASERS
    story = wirecut.parse(text)
    assert any(w.startswith("assembling the story failed on this text: RuntimeError") for w in story.warnings)
    assert [(r.kind, r.span) for r in story.residue] == [("unknown", (2, len(text.rstrip())))]
    assert not covered_everywhere(story) and not overlaps(story)
    assert story.to_dict()["residue"][0]["text"].startswith("CAIRO, May 2")
    assert wirecut.parse("   ").residue == ()
