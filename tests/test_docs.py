"""Every code sample of the README and of the docs this project writes runs (#11).

Each ```python block runs, the blocks of one document in order in one interpreter (so a later block
may use what an earlier one defined), unless a ``<!-- doc-test: skip REASON -->`` line stands just
before it, or a ``<!-- recipe: NAME -->`` line (a recipe that tests/test_datatrove.py runs on its
own). A ```bash block runs when a ``<!-- doc-test: run -->`` line stands just before it (the others
install, need a cluster or are a synopsis: ```console blocks are synopses). They run in a scratch
directory holding the repository's ``seeds/`` and ``examples/``, a ``crawl/`` of three stories, a
``stories.jsonl`` that ``wirecut batch`` made of the seeds and a ``stories/`` of two such shards,
with this interpreter's ``wirecut`` first on the PATH.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import ROOT

#: The documents whose samples run here: every document the project writes.
DOCUMENTS = ["README.md", "docs/gold.md", "docs/batch.md", "docs/show-report-ninjs.md"]

BLOCK_RE = re.compile(
    r"^(?:<!-- (?:doc-test: )?(?P<marker>[^\n]*?) -->\n)?```(?P<lang>python|bash)\n(?P<code>.*?)^```$", re.M | re.S
)

#: The texts of the scratch directory's crawl/: the project's own, one story each.
CRAWL = {
    "lima.txt": "LIMA, May 2 (EFE) -- The coast road reopened on Thursday after crews cleared the mud.\nShare\n",
    "oslo.txt": "OSLO, March 3 (NTB) - Snow closed the mountain pass for a second day.\n\nEditing by Kari Lund\n",
    "nairobi.txt": "NAIROBI, Jan 9 (Reuters) - Rains eased across the region, the weather office said.\n1 2 3 >>\n",
}

RUNNER = """
import json, sys
if __name__ == "__main__":  # spawned workers import this file again: they must not rerun the blocks
    namespace = {"__name__": "__main__"}
    for line, code in json.load(open(sys.argv[1], encoding="utf-8")):
        try:
            exec(compile(code, f"{sys.argv[2]}:{line}", "exec"), namespace)
        except BaseException:
            print(f"the python block at {sys.argv[2]}:{line} failed", file=sys.stderr)
            raise
"""


def blocks(document: str, lang: str) -> list[tuple[int, str | None, str]]:
    """``(line, marker, code)`` of each block of ``lang`` in a document."""
    text = (ROOT / document).read_text(encoding="utf-8")
    found = []
    for m in BLOCK_RE.finditer(text):
        if m.group("lang") == lang:
            found.append((text.count("\n", 0, m.start("code")) + 1, m.group("marker"), m.group("code")))
    return found


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("docs")
    for folder in ("seeds", "examples"):
        shutil.copytree(ROOT / folder, where / folder)
    (where / "crawl").mkdir()
    for name, text in CRAWL.items():
        (where / "crawl" / name).write_text(text, encoding="utf-8")
    env = _env()
    for inputs, output in (("seeds", "stories.jsonl"), ("seeds", "stories/a.jsonl"), ("crawl", "stories/b.jsonl")):
        subprocess.run(["wirecut", "batch", inputs, "--glob", "*.txt", "-o", output], cwd=where, env=env, check=True)
    return where


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.pop("FORCE_COLOR", None)
    return env


def test_the_documents_have_samples_and_every_marker_is_known() -> None:
    for document in DOCUMENTS:
        text = (ROOT / document).read_text(encoding="utf-8")
        for marker in re.findall(r"<!-- doc-test: ([^\n]*?) -->", text):
            assert marker == "run" or marker.startswith("skip "), f"{document}: unknown marker {marker!r}"
        for name in re.findall(r"<!-- recipe: ([^\n]*?) -->", text):
            assert f'_recipe("{name}")' in (ROOT / "tests" / "test_datatrove.py").read_text(encoding="utf-8")
    assert blocks("README.md", "python") and [b for b in blocks("README.md", "bash") if b[1] == "run"]


@pytest.mark.parametrize("document", [d for d in DOCUMENTS if blocks(d, "python")])
def test_every_python_sample_runs(document: str, scratch: Path) -> None:
    chosen = [
        (line, code)
        for line, marker, code in blocks(document, "python")
        if not (marker or "").startswith(("skip ", "recipe: "))
    ]
    script = scratch / "run_blocks.py"
    script.write_text(RUNNER, encoding="utf-8")
    listing = scratch / "blocks.json"
    listing.write_text(json.dumps(chosen), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), str(listing), document],
        cwd=scratch,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]


@pytest.mark.parametrize(
    ("document", "line", "code"),
    [
        pytest.param(document, line, code, id=f"{document}:{line}")
        for document in DOCUMENTS
        for line, marker, code in blocks(document, "bash")
        if marker == "run"
    ],
)
def test_every_marked_bash_sample_runs(document: str, line: int, code: str, scratch: Path) -> None:
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", code], cwd=scratch, env=_env(), capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, f"{document}:{line}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    assert done.stdout.strip(), f"{document}:{line} printed nothing"
