"""``--format ninjs``: every output validates against the official IPTC ninjs 2.1 schema.

The schema (``tests/schemas/ninjs-schema_2.1.json``, CC BY 4.0, see the licence note beside it) is
checked with the Draft 2020-12 validator and a format checker for the two formats ninjs 2.1 uses on
what wirecut writes, ``uri`` and ``date-time``: jsonschema checks those only when optional packages are
installed, so the checks are written here to hold on every machine.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.parse
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wirecut
from wirecut.cli import main
from wirecut.formats import FORMATS, render
from wirecut.ninjs import content_created, count_words, to_ninjs

TESTS = Path(__file__).parent
ROOT = TESTS.parent
SEED = ROOT / "seeds" / "000_40fe124315517e90.txt"
FIXTURES = TESTS / "fixtures" / "review"
SCHEMA = json.loads((TESTS / "schemas" / "ninjs-schema_2.1.json").read_text(encoding="utf-8"))

_format_checker = jsonschema.FormatChecker()
# RFC 3339 date-time, as JSON Schema's "date-time" format means it.
_DATE_TIME_RE = re.compile(r"\A\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})\Z")


@_format_checker.checks("uri")
def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urllib.parse.urlsplit(value)
    return bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9+.\-]*", parts.scheme)) and not re.search(r"[\s<>\"{}|\\^`]", value)


@_format_checker.checks("date-time")
def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE_TIME_RE.match(value):
        return False
    dt.datetime.fromisoformat(value.replace("Z", "+00:00"))  # raises on 2021-02-30
    return True


VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=_format_checker)


def assert_valid_ninjs(item: dict[str, Any]) -> None:
    errors = sorted(VALIDATOR.iter_errors(item), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_the_schema_copy_is_the_official_2_1_schema() -> None:
    assert SCHEMA["$id"] == "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json#"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert (
        (TESTS / "schemas" / "ninjs-schema_2.1.LICENSE.md")
        .read_text(encoding="utf-8")
        .count("Creative Commons Attribution 4.0")
    )


def test_the_validator_rejects_what_ninjs_forbids() -> None:
    # Without these the tests below could pass on a validator that checks nothing.
    assert list(VALIDATOR.iter_errors({"type": "text"}))  # no uri
    assert list(VALIDATOR.iter_errors({"uri": "not a uri"}))
    assert list(VALIDATOR.iter_errors({"uri": "urn:x:y", "contentcreated": "2016-04-19"}))
    assert list(VALIDATOR.iter_errors({"uri": "urn:x:y", "dateline": "BEIJING"}))
    assert list(VALIDATOR.iter_errors({"uri": "urn:x:y", "associations": [{"uri": "urn:x:z"}]}))  # no name


def test_the_seed_maps_as_output_md_says() -> None:
    story = wirecut.parse_file(SEED)
    item = to_ninjs(story)
    assert_valid_ninjs(item)
    assert item["uri"].startswith("urn:wirecut:story:")
    assert item["type"] == "text"
    assert item["language"] == "en"
    assert item["located"] == "BEIJING"
    assert item["infosources"] == [{"name": "Xinhua"}]
    assert item["contentcreated"] == "2016-04-19T00:00:00Z"
    (body,) = item["bodies"]
    assert body["role"] == "main" and body["contenttype"] == "text/plain"
    assert body["value"] == story.body
    assert body["charcount"] == len(story.body)
    assert body["wordcount"] == len(story.body.split())  # plain English: words are space-separated
    picture, *teasers = item["associations"]
    assert picture["type"] == "picture" and picture["name"] == "picture1"
    assert picture["by"] == "Xinhua/Ma Zhancheng"
    assert picture["descriptions"] == [{"role": "caption", "value": story.captions[0].text}]
    assert [t["name"] for t in teasers] == ["related1", "related2"]
    for teaser, related in zip(teasers, story.related, strict=True):
        assert teaser["type"] == "text"
        assert teaser["headlines"] == [{"role": "main", "value": related.title}]
        assert teaser["descriptions"] == [{"role": "summary", "value": related.summary}]
        # A teaser's "April 19" takes the year of the caption's dated dateline, as the story's does.
        assert teaser["contentcreated"] == "2016-04-19T00:00:00Z"
    assert len({a["uri"] for a in item["associations"]} | {item["uri"]}) == 4
    assert "headlines" not in item and "by" not in item  # the seed has neither


def test_headline_byline_and_notes() -> None:
    story = wirecut.parse_file(FIXTURES / "full_ap_style.txt")
    item = to_ninjs(story)
    assert_valid_ninjs(item)
    assert item["headlines"] == [{"role": "main", "value": "Harbor city opens its first floating library"}]
    assert item["by"] == story.bylines[0].text
    assert item["located"] == "PORTMERE, Maine"
    assert item["infosources"] == [{"name": "AP"}]
    assert item["copyrightnotice"].startswith("Copyright 2021")
    assert [a["type"] for a in item["associations"]] == ["picture", "text"]
    assert item["associations"][0]["by"] == "AP Photo/Lena Ortiz"


def test_an_editors_note_is_the_ednote() -> None:
    item = to_ninjs(wirecut.parse_file(FIXTURES / "reuters_style.txt"))
    assert_valid_ninjs(item)
    assert item["ednote"] == "(Adds detail in paragraph 2)"
    assert "infosources" not in item  # "SALVADOR, Feb 26 -" names no agency


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.txt")))
def test_every_fixture_validates(name: str) -> None:
    assert_valid_ninjs(to_ninjs(wirecut.parse_file(FIXTURES / name)))


@pytest.mark.parametrize("text", ["", "   \n\n ", "1 2 3 >>", "<br/>"])
def test_empty_and_furniture_only_stories_validate(text: str) -> None:
    item = to_ninjs(wirecut.parse(text))
    assert_valid_ninjs(item)
    assert "bodies" not in item and "associations" not in item


def test_the_uri_is_stable_and_depends_on_the_text() -> None:
    first, again = to_ninjs(wirecut.parse("A story.")), to_ninjs(wirecut.parse("A story.", source="elsewhere"))
    assert first["uri"] == again["uri"]
    assert first["uri"] != to_ninjs(wirecut.parse("Another story."))["uri"]


def test_contentcreated_only_when_the_year_is_known() -> None:
    assert content_created("2016-04-19") == "2016-04-19T00:00:00Z"
    assert content_created("--04-19") is None
    assert "contentcreated" not in to_ninjs(wirecut.parse("SALVADOR, Feb 26 - Rain fell."))
    dated = to_ninjs(wirecut.parse("SALVADOR, Feb 26 - Rain fell.", reference_date="1987-03-01"))
    assert dated["contentcreated"] == "1987-02-26T00:00:00Z"


def test_word_counts_in_unspaced_scripts() -> None:
    assert count_words("习近平主持召开座谈会") == 10
    assert count_words("") == 0
    assert count_words("  -- ,  ") == 0


def test_ninjs_is_a_registered_format_and_the_cli_writes_it() -> None:
    assert "ninjs" in FORMATS
    story = wirecut.parse_file(SEED)
    assert json.loads(render(story, "ninjs")) == to_ninjs(story)
    done = CliRunner().invoke(main, ["parse", "--format", "ninjs", str(SEED)])
    assert done.exit_code == 0, done.output
    assert_valid_ninjs(json.loads(done.output))


# Wire-like pieces so generated texts reach the dateline, caption, related and notes parsers, not only
# the body: hypothesis's own text alone would almost never form a dateline.
_PIECES = st.sampled_from(
    [
        "BEIJING, April 19 (Xinhua) -- ",
        "WASHINGTON (AP) — ",
        "By Jane Doe\n",
        "(AP Photo/Evan Vucci)",
        "(Xinhua/Ma Zhancheng)",
        "Related: ",
        " Full story ",
        "Editor: huaxia\n",
        "1 2 3 >> ",
        "\n\n",
        "<br/>",
        "(Adds detail)\n",
        "Copyright 2020 Reuters.\n",
        "新华社北京4月19日电 ",
    ]
)
_TEXTS = st.lists(st.one_of(_PIECES, st.text(max_size=40)), max_size=12).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_generated_texts_always_give_valid_ninjs(text: str) -> None:
    item = to_ninjs(wirecut.parse(text))
    assert_valid_ninjs(item)
    json.dumps(item, ensure_ascii=False)
