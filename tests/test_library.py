"""The library's traps (#11): file names passed as texts, claims the contract cannot show, the API's docs."""

from __future__ import annotations

import collections.abc
import inspect
import pydoc
import typing
from pathlib import Path

import pytest

import wirecut
from wirecut.spans import ParseState, Span
from wirecut.story import Note, Residue

STORY = "CAIRO, May 2 (Xinhua) -- The talks resumed."


def _write(tmp_path: Path, count: int) -> list[str]:
    names = []
    for index in range(count):
        path = tmp_path / f"story{index}.txt"
        path.write_text(f"ROME, May {index + 1} (ANSA) -- Story number {index}.", encoding="utf-8")
        names.append(str(path))
    return names


def test_parse_files_reads_the_files_of_a_glob(tmp_path: Path) -> None:
    names = _write(tmp_path, 3)
    stories = list(wirecut.parse_files(sorted(str(p) for p in tmp_path.glob("*.txt")), workers=1))
    assert [s.source for s in stories] == names
    assert [s.body for s in stories] == [f"Story number {i}." for i in range(3)]
    assert [s.dateline.date for s in stories if s.dateline] == ["May 1", "May 2", "May 3"]


def test_parse_files_parses_with_the_config_given(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("HAVANA, May 2 (Sputnik) -- Talks resumed.", encoding="utf-8")
    mine = wirecut.DEFAULT_CONFIG.register_agency("Sputnik", ["Sputnik"])
    [story] = wirecut.parse_files([str(tmp_path / "a.txt")], workers=1, config=mine)
    assert story.dateline is not None and story.dateline.agency == "Sputnik"


def test_parse_files_raises_input_error_for_a_missing_file_or_skips_it(tmp_path: Path) -> None:
    names = [*_write(tmp_path, 1), str(tmp_path / "missing.txt")]
    with pytest.raises(wirecut.InputError, match=r"missing\.txt: no such file"):
        list(wirecut.parse_files(names, workers=1))
    assert len(list(wirecut.parse_files(names, workers=1, on_error="skip"))) == 1


@pytest.mark.parametrize("call", [wirecut.parse_many, wirecut.parse_files])
def test_one_str_is_refused_with_the_function_to_use(call: typing.Any, tmp_path: Path) -> None:
    [name] = _write(tmp_path, 1)
    with pytest.raises(TypeError, match=r"parse_file\(\)"):
        call(name)  # raised at the call, before any worker starts


def test_file_names_given_to_parse_many_are_parsed_as_texts_with_a_warning(tmp_path: Path) -> None:
    names = _write(tmp_path, 2)
    stories = list(wirecut.parse_many([*names, STORY], workers=1))
    for name, story in zip(names, stories):
        assert story.text == name
        assert any("is the name of an existing file" in w and "parse_files()" in w for w in story.warnings)
    assert not stories[2].warnings  # a text is a text


def test_parse_files_refuses_what_is_no_file_name(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="not int"):
        list(wirecut.parse_files([*_write(tmp_path, 1), 42], workers=1))


def test_the_many_functions_are_typed_to_yield_stories() -> None:
    names = {name: getattr(wirecut, name) for name in wirecut.__all__}  # the lazy names, as TYPE_CHECKING has them
    for call in (wirecut.parse_many, wirecut.parse_files):
        hints = typing.get_type_hints(call, localns=names)
        assert hints["return"] == collections.abc.Iterator[wirecut.Story]


# Claims the contract cannot show: their characters would vanish from to_dict().
def _claims(label: str, part: object) -> typing.Callable[[ParseState], None]:
    def rule(state: ParseState) -> None:
        state.claim(label, 0, 5, part, "mine")

    return rule


@pytest.mark.parametrize(
    ("label", "part", "message"),
    [
        ("slug", Residue("unknown", "CAIRO", Span(0, 5)), "labelled 'slug'; the labels are headline, dateline"),
        ("residue", Residue("slug", "CAIRO", Span(0, 5)), "residue of kind 'slug'; the kinds are advertisement"),
        ("note", Note("slug", "CAIRO", (), Span(0, 5)), "note of kind 'slug'; the kinds are contact"),
        ("residue", {"kind": "unknown"}, "whose part is a dict, not a wirecut.Residue"),
    ],
)
def test_a_claim_outside_the_contract_is_refused(label: str, part: object, message: str) -> None:
    rule = _claims(label, part)
    with pytest.raises(wirecut.ConfigError, match=f"rule 'mine' claimed a .*{message[:20]}") as raised:
        wirecut.parse(STORY, config=wirecut.DEFAULT_CONFIG.before("markup", "mine", rule))
    assert message in str(raised.value)
    with pytest.raises(wirecut.ConfigError, match="rule 'mine'"):
        wirecut.parse(STORY, pipeline=wirecut.DEFAULT.copy().insert_before("markup", "mine", rule))


def test_a_claim_in_the_contract_is_kept() -> None:
    rule = _claims("residue", Residue("unknown", "CAIRO", Span(0, 5)))
    story = wirecut.parse(STORY, config=wirecut.DEFAULT_CONFIG.before("markup", "mine", rule))
    assert story.to_dict()["residue"][0]["text"] == "CAIRO"


def test_a_page_kind_outside_the_contract_is_refused() -> None:
    def mine(state: ParseState) -> None:
        state.findings.kind = "blog"

    with pytest.raises(wirecut.ConfigError, match="rule 'mine' set the page's kind to 'blog'; the kinds are digest"):
        wirecut.parse(STORY, config=wirecut.DEFAULT_CONFIG.after("related", "mine", mine))

    def listing(state: ParseState) -> None:
        state.findings.kind = "listing"

    assert wirecut.parse(STORY, config=wirecut.DEFAULT_CONFIG.after("kind", "mine", listing)).kind == "listing"


def test_the_contract_kinds_are_the_schemas() -> None:
    kinds = wirecut.pipeline.contract_kinds()
    assert {"pagination", "markup", "unknown"} <= kinds["residue"]
    assert {"editor", "signoff", "copyright"} <= kinds["note"]
    assert kinds["story"] == frozenset(wirecut.story.KINDS)


def test_duplicate_rule_names_are_refused() -> None:
    rule = _claims("residue", Residue("unknown", "CAIRO", Span(0, 5)))
    with pytest.raises(wirecut.ConfigError, match="two rules are named 'dateline'"):
        wirecut.DEFAULT.copy().insert_before("markup", "dateline", rule)
    with pytest.raises(wirecut.ConfigError, match="two rules are named 'dateline'"):
        wirecut.DEFAULT.copy().insert_after("markup", "dateline", rule)
    with pytest.raises(wirecut.ConfigError, match="two rules are named 'x'"):
        wirecut.Pipeline([("x", rule), ("x", rule)])
    pipeline = wirecut.DEFAULT.copy()
    pipeline.rules.append(("body", rule))  # the list is the caller's: checked again before it runs
    with pytest.raises(wirecut.ConfigError, match="two rules"):
        wirecut.parse(STORY, pipeline=pipeline)
    with pytest.raises(wirecut.ConfigError, match="two rules are named 'body'"):
        pipeline.run(STORY)
    with pytest.raises(wirecut.ConfigError, match="same name"):
        wirecut.DEFAULT_CONFIG.before("markup", "body", rule)


# The public API documents itself.
def test_every_public_name_has_a_docstring_of_its_own() -> None:
    missing = []
    for name in wirecut.__all__:
        value = getattr(wirecut, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            doc = inspect.getdoc(value) or ""
            if not doc or doc.startswith(f"{name}("):  # a dataclass's generated signature is no docstring
                missing.append(name)
    assert not missing


def test_help_lists_the_whole_public_api() -> None:
    text = pydoc.render_doc(wirecut, renderer=pydoc.plaintext)
    for name in wirecut.__all__:
        assert (name if name != "__version__" else "VERSION") in text, name
    module_doc = wirecut.__doc__ or ""
    for name in wirecut.__all__:
        if name != "__version__":
            assert name in module_doc, f"{name} is not in wirecut's module docstring"
