"""``wirecut show``: colours on a terminal, plain ``[part: ...]`` marks elsewhere, a table, a trace."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import wirecut
from wirecut.cli import main
from wirecut.cli.render import marked_text, printable
from wirecut.cli.show_cmd import colour_wanted
from wirecut.review import PALETTE, describe, marks, segments

TESTS = Path(__file__).parent
SEED = TESTS.parent / "seeds" / "000_40fe124315517e90.txt"
FIXTURES = TESTS / "fixtures" / "review"
ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")


def show(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> tuple[int, str]:
    done = CliRunner().invoke(main, ["show", *args], input=stdin, env=env)
    return done.exit_code, done.output


def test_the_seed_in_plain_marks_when_piped() -> None:
    code, out = show(str(SEED))
    assert code == 0
    assert not ANSI_RE.search(out)  # not a terminal: no escape codes at all
    assert "[dateline: BEIJING, April 19 (Xinhua) --]" in out
    # the caption's own dateline nests inside the caption's marks
    assert "[caption: [dateline: BEIJING, April 19, 2016 (Xinhua) --] Chinese President" in out
    assert "[residue: 1 2 3 >>]" in out
    assert "parts, marked [part: ...]:" in out  # the legend says how to read the marks
    for field in ("credit: Xinhua/Ma Zhancheng", "kind: pagination", "date_iso: 2016-04-19", "marker: Full story"):
        assert field in out


def test_colour_when_asked_each_part_in_its_colour() -> None:
    code, out = show("--color", str(FIXTURES / "full_ap_style.txt"))
    assert code == 0
    assert "[dateline:" not in out
    for label in ("headline", "dateline", "byline", "caption", "related", "note", "residue"):
        colour = PALETTE[label][1]
        assert colour is not None
        red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        assert f"38;2;{red};{green};{blue}m" in out, label  # truecolor foreground, never a background
    assert "48;2;" not in out  # background-free: readable on dark and light terminals alike
    assert ANSI_RE.sub("", out).count("Harbor city opens its first floating library") >= 1


def test_no_color_and_pipes_turn_colour_off() -> None:
    assert colour_wanted(None, is_terminal=True, environ={}) is True
    assert colour_wanted(None, is_terminal=True, environ={"NO_COLOR": "1"}) is False
    assert colour_wanted(None, is_terminal=False, environ={}) is False
    assert colour_wanted(True, is_terminal=False, environ={"NO_COLOR": "1"}) is True
    assert colour_wanted(False, is_terminal=True, environ={}) is False


def test_trace_lists_the_claims_in_the_order_they_were_made() -> None:
    story = wirecut.parse_file(SEED)
    code, out = show("--trace", str(SEED))
    assert code == 0
    assert "claims in the order the parsers made them" in out
    rows = re.findall(r"^\| +(\d+) \| (\w+) +\| (\w+) +\|", out, flags=re.MULTILINE)
    assert [(int(n), parser) for n, parser, _ in rows] == [(i, c.parser) for i, c in enumerate(story.trace, 1)]
    # and each mark in the text carries its claim number
    first = story.trace[0]
    assert f"[1 {PALETTE[first.label][0]}: {first.span.slice(story.text)}" in out


def test_standard_input() -> None:
    code, out = show("-", stdin=b"WASHINGTON (AP) -- The Senate voted on Tuesday.")
    assert code == 0
    assert "[dateline: WASHINGTON (AP) --]" in out and out.startswith("-")


def test_errors_are_one_line_with_an_exit_code(tmp_path: Path) -> None:
    code, out = show(str(tmp_path / "missing.txt"))
    assert code == 3 and out == f"wirecut: error: {tmp_path / 'missing.txt'}: no such file\n"
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4)
    code, out = show(str(binary))
    assert code == 3 and out.startswith("wirecut: error:") and "Traceback" not in out


def test_hostile_text_is_shown_not_obeyed(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text("[bold red]not markup[/] \x1b[2J\x1b]0;owned\x07 WASHINGTON (AP) -- Text.", encoding="utf-8")
    for flag in ("--color", "--no-color"):
        code, out = show(flag, str(hostile))
        assert code == 0
        assert "[bold red]not markup[/]" in ANSI_RE.sub("", out)  # rich markup in input stays literal
        assert "\x1b[2J" not in out and "\x1b]0;" not in out and "\x07" not in out


def test_the_table_lists_every_part_with_its_fields() -> None:
    story = wirecut.parse_file(FIXTURES / "full_ap_style.txt")
    rows = describe(story)
    assert [r.span.start for r in rows] == sorted(r.span.start for r in rows)
    fields = {name: value for row in rows if row.label != "note" for name, value in row.fields}
    assert fields["names"] == "Dana Whitfield, Omar Reyes"
    notes = [dict(row.fields) for row in rows if row.label == "note"]
    assert {"kind": "contributor", "names": "Sam Hill"}.items() <= next(
        n for n in notes if n["kind"] == "contributor"
    ).items()
    assert fields["credit"] == "AP Photo/Lena Ortiz"
    assert fields["location"] == "PORTMERE, Maine"
    _, out = show(str(FIXTURES / "full_ap_style.txt"))
    assert "kind: copyright" in out and "kind: share" in out and "names: Dana Whitfield, Omar Reyes" in out


def test_warnings_are_in_the_table(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("MADRID, 3 ene (EFE) -- El Gobierno espa\xf1ol aprob\xf3 el plan.\n".encode("latin-1"))
    story = wirecut.parse_file(latin1)
    _, out = show(str(latin1))
    for warning in story.warnings:
        assert warning[:30] in out.replace("\n", " ")


_MARK_RE = re.compile(r"\[(?:\d+ )?(?:headline|dateline|byline|caption|body|related|note|residue): |\]")


@settings(max_examples=120, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["BEIJING, April 19 (Xinhua) -- ", "(Xinhua/Ma Zhancheng)", "By Jane Doe\n", "1 2 3 >> "]),
            st.sampled_from(["Related: A title ", " Full story ", "Editor: huaxia\n", "\n\n", "<br/>"]),
            st.text(alphabet=st.characters(blacklist_characters="[]", blacklist_categories=["Cs"]), max_size=30),
        ),
        max_size=10,
    ).map("".join),
    st.booleans(),
)
def test_plain_marks_only_add_marks(text: str, trace: bool) -> None:
    """Taking the marks out gives back the (printable) input: show hides and invents nothing."""
    story = wirecut.parse(text)
    plain = marked_text(story, colour=False, trace=trace)
    assert isinstance(plain, str)
    assert _MARK_RE.sub("", plain) == printable(text)
    coloured = marked_text(story, colour=True, trace=False)
    assert not isinstance(coloured, str)
    assert coloured.plain == printable(text)
    # every part is marked, and marks nest or are disjoint
    covered = {(s, e) for s, e, ms in segments(text, marks(story)) if ms}
    assert sum(e - s for s, e in covered) == sum(len(span.slice(text)) for _, span in story.spans())


def test_the_library_side_imports_neither_click_nor_rich() -> None:
    """review, report and ninjs are library modules: usable without the CLI's dependencies."""
    import ast

    source = TESTS.parent / "src" / "wirecut"
    for name in ("review.py", "report.py", "ninjs.py"):
        tree = ast.parse((source / name).read_text(encoding="utf-8"))
        imported = {
            alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
        }
        imported |= {
            node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
        }
        assert not imported & {"click", "rich"}, name
