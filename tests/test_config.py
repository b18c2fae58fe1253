"""Configuration as a value: edits give new configs, a config pickles, and what it knows stays its own."""

from __future__ import annotations

import copy
import pickle
from collections.abc import Iterator

import pytest
from tests.custom_rules import claim_slugs, newsroom_config, newsroom_texts

import wirecut
from wirecut import DEFAULT_CONFIG, Config, ConfigError, lexicon
from wirecut.config import loaded
from wirecut.lexicon import DEFAULT_LEXICON, Lexicon
from wirecut.parsers.dateline import _patterns
from wirecut.spans import ParseState

SPUTNIK = "HAVANA, May 2 (Sputnik) -- The talks resumed on Tuesday."


@pytest.fixture
def default_lexicon_restored() -> Iterator[None]:
    """The shims edit the default lexicon in place: put its data back after the test."""
    saved = copy.deepcopy(DEFAULT_LEXICON.__getstate__())
    yield
    DEFAULT_LEXICON.__setstate__(saved)


def test_an_edit_gives_a_new_config_and_leaves_the_old_one() -> None:
    mine = DEFAULT_CONFIG.register_agency("Sputnik", ["Sputnik"]).before("dateline", "slug", claim_slugs)
    assert mine.names().index("slug") == mine.names().index("dateline") - 1
    assert "slug" not in DEFAULT_CONFIG.names() and "Sputnik" not in DEFAULT_CONFIG.lexicon.agency_forms()
    assert mine.lexicon.canonical_agency("Sputnik") == "Sputnik"
    with pytest.raises(AttributeError):
        mine.rules = ()  # type: ignore[misc]
    assert mine.after("markup", "slug2", claim_slugs).names()[1] == "slug2"
    assert "caption" not in mine.remove("caption").names() and "caption" in mine.names()
    swapped = mine.at("caption", claim_slugs)
    assert dict(swapped.rules)["caption"] is claim_slugs and len(swapped.rules) == len(mine.rules)
    assert mine.replace(lexicon=DEFAULT_LEXICON).lexicon is DEFAULT_LEXICON
    assert Config() == DEFAULT_CONFIG.copy() and Config().lexicon is not DEFAULT_LEXICON
    with pytest.raises(KeyError, match="no rule named 'nowhere'"):
        mine.before("nowhere", "x", claim_slugs)
    with pytest.raises(ConfigError, match="same name"):
        mine.before("markup", "caption", claim_slugs)


def test_parse_reads_the_lexicon_of_its_config_only() -> None:
    mine = DEFAULT_CONFIG.register_agency("Sputnik", ["SPK"])
    text = SPUTNIK.replace("(Sputnik)", "(SPK)")
    story = wirecut.parse(text, config=mine)
    assert story.dateline is not None and story.dateline.agency == "Sputnik"
    plain = wirecut.parse(text)  # outside the default lexicon the tag is kept as written
    assert plain.dateline is not None and plain.dateline.agency == "SPK"
    assert _patterns(mine.lexicon) is not _patterns(DEFAULT_LEXICON)  # each lexicon compiles its own


def test_months_and_markers_of_a_config_reach_its_parsers() -> None:
    # A month name of a language wirecut has no table for, and a "read more" marker of a site.
    mine = DEFAULT_CONFIG.register_months("xx", {"Zorbal": 4}).register_markers("read_more", "xx", ["Zum Artikel"])
    text = "GDANSK, Zorbal 19, 2016 (PAP) -- Officials met.\n\nPorts reopen after the storm Zum Artikel\n"
    story = wirecut.parse(text, config=mine)
    assert story.dateline is not None and story.dateline.date_iso == "2016-04-19"
    assert [r.marker for r in story.related] == ["Zum Artikel"]
    plain = wirecut.parse(text)
    assert plain.dateline is None or plain.dateline.date_iso != "2016-04-19"
    assert not plain.related


def test_a_config_pickles_its_data_and_rebuilds_its_patterns() -> None:
    mine = newsroom_config()
    _patterns(mine.lexicon)  # compiled and kept on the lexicon
    back = pickle.loads(pickle.dumps(mine))
    assert back == mine and back.lexicon._cache == {}  # the data travel, the compiled patterns do not
    for text in newsroom_texts(3):
        assert back.run(text).to_dict() == wirecut.parse(text, config=mine).to_dict()
    assert loaded(mine.pickled()) == mine
    with pytest.raises(ConfigError, match="not a pickled wirecut"):
        loaded(pickle.dumps("text"))


def test_a_rule_that_cannot_reach_a_worker_is_refused_with_its_name() -> None:
    def nested(state: ParseState) -> None:
        return None

    for rule in (nested, lambda state: None):
        with pytest.raises(ConfigError, match=r"rule 'mine' cannot be sent to worker processes.*module-level"):
            DEFAULT_CONFIG.after("markup", "mine", rule).pickled()
    assert wirecut.parse(SPUTNIK, config=DEFAULT_CONFIG.after("markup", "mine", nested)).body  # in-process it runs


def test_the_pipeline_argument_still_replaces_the_table() -> None:
    pipeline = wirecut.DEFAULT.copy().insert_before("dateline", "slug", claim_slugs)
    mine = DEFAULT_CONFIG.register_agency("Zenit Wire", ["ZW"])
    story = wirecut.parse(newsroom_texts(1)[0], config=mine, pipeline=pipeline)
    assert [n.text for n in story.notes] == ["SLUG-0"]
    assert story.dateline is not None and story.dateline.agency == "Zenit Wire"
    with pytest.raises(TypeError, match=r"wirecut\.Config"):
        wirecut.parse("x", config=pipeline)  # type: ignore[arg-type]


def test_the_module_level_functions_edit_the_default_config(default_lexicon_restored: None) -> None:
    before = pickle.dumps(DEFAULT_CONFIG)
    lexicon.register_agency("Sputnik", ["Sputnik"])
    assert wirecut.parse(SPUTNIK).dateline.agency == "Sputnik"  # type: ignore[union-attr]
    assert DEFAULT_CONFIG.lexicon.canonical_agency("Sputnik") == "Sputnik"
    assert pickle.dumps(DEFAULT_CONFIG) != before  # and a worker given the default config gets it too
    lexicon.register_months("xx", {"Zorbal": 4})
    assert lexicon.month_number("zorbal") == 4
    # A config made before keeps what it had: it shares the edit only through the default lexicon.
    assert Lexicon.load().month_number("zorbal") is None


def test_a_lexicon_edit_gives_a_new_lexicon() -> None:
    base = Lexicon.load()
    added = base.with_agency("Zenit Wire", ["ZW"])
    assert added.canonical_agency("ZW") == "Zenit Wire" and base.canonical_agency("ZW") == "ZW"
    assert added != base and base == Lexicon.load()
    assert "Teilen!" in added.with_markers("share", "xx", ["Teilen!"]).marker_forms("share")
    assert "Teilen!" not in added.marker_forms("share")
