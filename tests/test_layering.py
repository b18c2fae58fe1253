"""The library stays free of click and rich: only wirecut.cli may import them."""

from __future__ import annotations

import ast

from tests.conftest import ROOT

FORBIDDEN = {"click", "rich"}


def test_library_does_not_import_the_cli_stack() -> None:
    package = ROOT / "src" / "wirecut"
    offenders = []
    for path in package.rglob("*.py"):
        if "cli" in path.relative_to(package).parts or path.name == "__main__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name.split(".")[0] in FORBIDDEN for name in names) or any(
                name.startswith("wirecut.cli") for name in names
            ):
                offenders.append(f"{path.relative_to(ROOT)}: {names}")
    assert not offenders, offenders


def test_every_parser_module_states_its_contract() -> None:
    for path in (ROOT / "src" / "wirecut" / "parsers").glob("*.py"):
        if path.name == "__init__.py":
            continue
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        assert "Contract:" in doc and "Claims:" in doc, path.name
