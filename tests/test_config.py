"""Configuration as a value: edits give new configs, a config pickles, and what it knows stays its own."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from tests.custom_rules import claim_slugs, newsroom_config, newsroom_texts

import wirecut
from wirecut import DEFAULT_CONFIG, Config, ConfigError, lexicon, tabular
from wirecut.config import loaded
from wirecut.lexicon import DEFAULT_LEXICON, Lexicon
from wirecut.parsers.dateline import _patterns
from wirecut.spans import ParseState

SPUTNIK = "HAVANA, May 2 (Sputnik) -- The talks resumed on Tuesday."


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


def test_the_module_level_functions_edit_the_default_config() -> None:
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


# --- A config reaches every worker: the same answer in a pool, a batch and on Dask ------------------


def _expected(texts: list[str], sources: list[str | None] | None = None) -> list[dict[str, object]]:
    config = newsroom_config()
    sources = sources or [None] * len(texts)
    return [wirecut.parse(t, source=s, config=config).to_dict() for t, s in zip(texts, sources)]


def test_the_newsroom_config_parses_otherwise_than_the_default() -> None:
    # The premise of the worker tests below: without the config the agency and the slug are not found.
    text = newsroom_texts(1)[0]
    mine, plain = wirecut.parse(text, config=newsroom_config()), wirecut.parse(text)
    assert mine.dateline is not None and mine.dateline.agency == "Zenit Wire"
    assert [n.text for n in mine.notes] == ["SLUG-0"]
    assert plain.to_dict() != mine.to_dict()


def test_parse_many_on_two_workers_parses_with_the_config() -> None:
    texts = newsroom_texts(6)
    stories = list(wirecut.parse_many(texts, workers=2, chunk_size=2, config=newsroom_config()))
    assert [s.to_dict() for s in stories] == _expected(texts)
    one = list(wirecut.parse_many(texts, workers=1, config=newsroom_config()))
    assert [s.to_dict() for s in one] == _expected(texts)


def test_parse_many_sends_the_default_config_as_the_shims_left_it() -> None:
    # A spawned worker imports a fresh default lexicon: what register_agency added must travel with the job.
    lexicon.register_agency("Sputnik", ["SPK"])  # a form that names the agency otherwise than it is written
    text = SPUTNIK.replace("(Sputnik)", "(SPK)")
    stories = list(wirecut.parse_many([text, text], workers=2, chunk_size=1))
    assert [s.dateline.agency for s in stories] == ["Sputnik", "Sputnik"]  # type: ignore[union-attr]


def test_parse_many_refuses_a_config_that_cannot_travel_before_it_parses() -> None:
    def nested(state: ParseState) -> None:
        return None

    with pytest.raises(ConfigError, match="rule 'mine'"):
        wirecut.parse_many(["x"], workers=2, config=DEFAULT_CONFIG.after("markup", "mine", nested))  # at the call
    # In this process any rule runs, as it does in parse().
    here = DEFAULT_CONFIG.after("markup", "mine", nested)
    assert [s.to_dict() for s in wirecut.parse_many([SPUTNIK], workers=1, config=here)] == [
        wirecut.parse(SPUTNIK, config=here).to_dict()
    ]
    with pytest.raises(TypeError, match=r"wirecut\.Config"):
        next(iter(wirecut.parse_many(["x"], workers=1, config=wirecut.DEFAULT)))  # type: ignore[arg-type]


def test_run_batch_workers_parse_with_the_config(tmp_path: Path) -> None:
    from wirecut.batch import BatchJob, LocalEngine, run_batch

    texts = newsroom_texts(6)
    names = []
    for n, text in enumerate(texts):
        (tmp_path / f"s{n}.txt").write_text(text, encoding="utf-8")
        names.append(str(tmp_path / f"s{n}.txt"))
    out = tmp_path / "all.jsonl"
    with LocalEngine(2) as engine:
        done = run_batch(BatchJob(names, str(out), chunk_size=2), engine=engine, config=newsroom_config())
    assert (done.documents, done.failures) == (6, 0)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    # a batch record is the story's to_dict() with every key present (tabular.batch_record)
    assert lines == [
        tabular.batch_record(wirecut.parse(t, source=s, config=newsroom_config()), None) for t, s in zip(texts, names)
    ]
    with pytest.raises(TypeError, match=r"wirecut\.Config"):
        run_batch(BatchJob(names, str(tmp_path / "b.jsonl")), config="newsroom")  # type: ignore[arg-type]


# --- tests/conftest.py puts the default configuration back after every test -------------------------


def test_a_test_may_edit_the_default_configuration() -> None:
    lexicon.register_agency("Zenit Wire", ["ZW"])
    wirecut.DEFAULT.insert_before("residue", "slug", claim_slugs)
    assert wirecut.parse(newsroom_texts(1)[0]).dateline.agency == "Zenit Wire"  # type: ignore[union-attr]


def test_the_next_test_sees_the_shipped_configuration_again() -> None:
    # Runs after the one above (pytest keeps a file's order): its edits must be gone.
    assert DEFAULT_LEXICON.canonical_agency("ZW") == "ZW"
    assert "slug" not in wirecut.DEFAULT.names() and wirecut.DEFAULT.names() == DEFAULT_CONFIG.names()
    assert Lexicon.load() == DEFAULT_LEXICON


def test_a_worker_that_cannot_rebuild_the_config_says_so() -> None:
    from wirecut.batch import TextItem, WorkerSettings, process_chunk

    with pytest.raises(ConfigError, match="cannot be rebuilt in a worker process"):
        process_chunk([TextItem(SPUTNIK, None, None, None)], WorkerSettings("stories", "json", config=b"\x80junk"))
