"""The library stays free of click and rich: only wirecut.cli may import them."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from tests.conftest import ROOT

FORBIDDEN = {"click", "rich"}

# The layers of wirecut, bottom up: what each module (or package) may import from wirecut, and which
# packages outside the standard library. A module matches its longest entry ("wirecut.parsers" covers
# every parser); an allowed "wirecut.x" covers its submodules, "wirecut" means the package's own
# __init__ only. A new import across layers, or a new module outside the table, fails here: move the
# code, or change the table in the same commit and say why.
LAYERS: dict[str, tuple[set[str], set[str]]] = {
    # module: (wirecut modules it may import, other packages it may import)
    "wirecut.errors": (set(), set()),
    "wirecut.patterns": (set(), {"regex"}),
    "wirecut.lexicon": ({"wirecut.errors", "wirecut.patterns"}, {"regex"}),
    "wirecut.story": ({"wirecut.spans", "wirecut.errors"}, set()),
    "wirecut.spans": ({"wirecut.lexicon", "wirecut.story", "wirecut.errors"}, set()),
    "wirecut.text": ({"wirecut.patterns"}, {"regex"}),
    "wirecut.dates": ({"wirecut.lexicon", "wirecut.patterns"}, {"regex"}),
    # py3langid only behind the langid extra, when the tables answer und
    "wirecut.language": ({"wirecut.lexicon", "wirecut.patterns", "wirecut.story"}, {"regex", "py3langid"}),
    # mojibake is found by ftfy, and only reported
    # a finishing step of the pipeline, as wirecut.years is: it reads the parse state
    "wirecut.quality": ({"wirecut.patterns", "wirecut.spans"}, {"ftfy"}),
    "wirecut.years": ({"wirecut.dates", "wirecut.spans", "wirecut.story"}, set()),
    # Parsers read the parse state and the lexicon; never the pipeline, a config, batch, formats or the CLI.
    "wirecut.parsers": (
        {
            "wirecut.parsers",
            "wirecut.dates",
            "wirecut.language",
            "wirecut.lexicon",
            "wirecut.patterns",
            "wirecut.spans",
            "wirecut.story",
            "wirecut.text",
            "wirecut.errors",
        },
        {"regex"},
    ),
    "wirecut.pipeline": (
        {
            "wirecut.parsers",
            "wirecut.language",
            "wirecut.lexicon",
            "wirecut.spans",
            "wirecut.story",
            "wirecut.years",
            "wirecut.errors",
            "wirecut.quality",
        },
        set(),
    ),
    "wirecut.config": ({"wirecut.errors", "wirecut.lexicon", "wirecut.pipeline", "wirecut.story"}, set()),
    # the language tables verify a single-byte decoding before charset-normalizer guesses one
    "wirecut.decode": ({"wirecut.errors", "wirecut.language"}, {"charset_normalizer"}),
    "wirecut.ninjs": ({"wirecut.patterns", "wirecut.story"}, set()),
    "wirecut.formats": ({"wirecut.ninjs", "wirecut.story"}, {"orjson"}),
    "wirecut.review": ({"wirecut.spans", "wirecut.story"}, set()),
    "wirecut.invariants": ({"wirecut.story"}, set()),
    "wirecut": (
        {
            "wirecut.batch",
            "wirecut.config",
            "wirecut.decode",
            "wirecut.errors",
            "wirecut.lexicon",
            "wirecut.pipeline",
            "wirecut.spans",
            "wirecut.story",
        },
        set(),
    ),
    "wirecut.evaluate": ({"wirecut", "wirecut.errors", "wirecut.patterns", "wirecut.story"}, set()),
    # Batch is a client of the library's public calls, its config, decoding, formats and tables; the
    # optional extras (parquet, fsspec and zstandard streams) load only where they are used.
    "wirecut.batch": (
        {
            "wirecut",
            "wirecut.batch",
            "wirecut.config",
            "wirecut.decode",
            "wirecut.errors",
            "wirecut.formats",
            "wirecut.patterns",
            "wirecut.story",
            "wirecut.tabular",
        },
        # compression: the standard library's compression.zstd from Python 3.14
        {"orjson", "pyarrow", "fsspec", "zstandard", "compression"},
    ),
    "wirecut.tabular": ({"wirecut.formats", "wirecut.story"}, {"pyarrow", "datasets"}),
    "wirecut.datatrove": ({"wirecut", "wirecut.batch", "wirecut.tabular"}, {"datatrove"}),
    # report reads its inputs through batch's reader (JSON Lines, gzip, bounded lines).
    "wirecut.report": (
        {"wirecut", "wirecut.batch", "wirecut.errors", "wirecut.formats", "wirecut.review", "wirecut.story"},
        set(),
    ),
    "wirecut.dask": ({"wirecut", "wirecut.batch", "wirecut.config", "wirecut.errors"}, {"dask", "distributed"}),
    # Only the CLI may import click and rich; it may use every layer below it.
    "wirecut.cli": ({"wirecut.*"}, {"click", "rich", "fsspec"}),
    "wirecut.__main__": ({"wirecut.cli"}, set()),
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT / "src").with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _covers(entry: str, module: str) -> bool:
    if entry == "wirecut.*":
        return module.startswith("wirecut")
    return module == entry or (entry != "wirecut" and module.startswith(entry + "."))


def _layer_of(module: str) -> str | None:
    entries = [entry for entry in LAYERS if _covers(entry, module)]
    return max(entries, key=len) if entries else None


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import (wirecut imports by absolute name)"
            if node.module and node.module != "__future__":
                names.add(node.module)
    return names


def test_every_module_imports_only_what_its_layer_allows() -> None:
    offenders = []
    for path in sorted((ROOT / "src" / "wirecut").rglob("*.py")):
        module = _module_name(path)
        layer = _layer_of(module)
        if layer is None:
            offenders.append(f"{module}: in no layer of LAYERS (add it to the table)")
            continue
        internal, external = LAYERS[layer]
        for name in sorted(_imports(path)):
            top = name.split(".")[0]
            if top == "wirecut":
                if not any(_covers(entry, name) for entry in internal) and not _covers(layer, name):
                    offenders.append(f"{module} imports {name} (layer {layer!r} allows {sorted(internal)})")
            elif top not in sys.stdlib_module_names and top not in external:
                offenders.append(f"{module} imports {name} (layer {layer!r} allows {sorted(external) or 'none'})")
    assert not offenders, "\n".join(offenders)


def test_the_layer_table_names_only_modules_that_exist() -> None:
    modules = {_module_name(p) for p in (ROOT / "src" / "wirecut").rglob("*.py")}
    for entry, (internal, _) in LAYERS.items():
        for name in {entry, *internal} - {"wirecut.*"}:
            assert any(_covers(name, m) for m in modules), f"LAYERS names {name}, which is no module of wirecut"


def test_every_parser_module_states_its_contract() -> None:
    for path in (ROOT / "src" / "wirecut" / "parsers").glob("*.py"):
        if path.name == "__init__.py":
            continue
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        assert "Contract:" in doc and "Claims:" in doc, path.name
