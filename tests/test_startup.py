"""Start-up: importing wirecut compiles no pattern, and a parse compiles only what it uses."""

from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap

from wirecut.patterns import LazyPattern, lazy

# Counts regex.compile calls made while the named modules are imported, in a fresh interpreter.
_COUNT_COMPILES = """
import regex, sys
calls = []
original = regex.compile
regex.compile = lambda *args, **kwargs: calls.append(args[0]) or original(*args, **kwargs)
import importlib
for name in sys.argv[1:]:
    importlib.import_module(name)
print(len(calls))
"""


def _compiles_on_import(*modules: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", _COUNT_COMPILES, *modules],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.strip())


def test_importing_the_library_and_every_command_compiles_no_pattern() -> None:
    commands = ["parse_cmd", "batch_cmd", "eval_cmd", "show_cmd", "report_cmd"]
    modules = ["wirecut", "wirecut.pipeline", "wirecut.batch", *(f"wirecut.cli.{name}" for name in commands)]
    assert _compiles_on_import(*modules) == 0


def test_a_lazy_pattern_compiles_on_first_use_and_then_is_the_compiled_pattern() -> None:
    pattern = lazy(r"(?i)\bxinhua\b")
    stand_in = pattern
    assert isinstance(stand_in, LazyPattern)
    assert not stand_in.compiled
    assert pattern.pattern == r"(?i)\bxinhua\b"  # the source is known without compiling
    assert not stand_in.compiled
    assert pattern.search("BEIJING (XINHUA) --") is not None
    assert stand_in.compiled
    # the second lookup finds the compiled pattern's own bound method, stored on the stand-in
    assert "search" in vars(stand_in)
    assert [m.span() for m in pattern.finditer("Xinhua and xinhua")] == [(0, 6), (11, 17)]


def test_a_lazy_pattern_pickles_as_its_source_and_flags() -> None:
    import regex

    pattern = lazy(r"a b", regex.VERBOSE)
    pattern.fullmatch("ab")
    copy = pickle.loads(pickle.dumps(pattern))
    assert isinstance(copy, LazyPattern)
    assert not copy.compiled
    assert copy.fullmatch("ab") is not None
    assert copy.fullmatch("a b") is None


def test_a_parse_compiles_only_some_of_the_patterns() -> None:
    script = textwrap.dedent(
        """
        import wirecut, wirecut.patterns as p, gc
        wirecut.parse("BEIJING, April 19 (Xinhua) -- Chinese President Xi Jinping spoke on Tuesday.")
        lazies = [o for o in gc.get_objects() if isinstance(o, p.LazyPattern)]
        print(sum(o.compiled for o in lazies), len(lazies))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    used, defined = map(int, done.stdout.split())
    assert defined > 100
    assert 0 < used < defined * 0.75


# Runs the wirecut command with the arguments given, in a fresh interpreter, and prints the top-level
# packages it imported, one a line.
_IMPORTED_BY_COMMAND = """
import sys
from wirecut.cli import main
try:
    main(sys.argv[1:], prog_name="wirecut")
except SystemExit:
    pass
sys.stdout.flush()
print("\\n".join(sorted({name.split(".")[0] for name in sys.modules})), file=sys.stderr)
"""


def _packages_imported_by(*arguments: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", _IMPORTED_BY_COMMAND, *arguments], capture_output=True, text=True, check=True
    )
    return set(done.stderr.split())


def test_version_and_help_import_neither_regex_nor_rich_nor_the_parsers() -> None:
    # ``wirecut --version`` and ``--help`` print a line or a page: the patterns' engine, the terminal
    # renderer and the parsers are no part of that, and importing them was most of their start-up.
    for arguments in (["--version"], ["--help"], ["parse", "--help"]):
        imported = _packages_imported_by(*arguments)
        assert "click" in imported and "wirecut" in imported  # the command did run
        assert not imported & {"regex", "rich", "charset_normalizer"}, (arguments, imported)


def test_the_library_s_names_load_when_asked_for() -> None:
    script = "import sys, wirecut; print('regex' in sys.modules); from wirecut import Story, parse_many; print(Story.__name__, parse_many.__name__)"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "Story", "parse_many"]
