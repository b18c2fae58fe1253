"""Make the pictures of docs/show-report-ninjs.md from the real commands.

    .venv/bin/python docs/make_pictures.py        (needs chromium; run from the repository root)

``show.png`` and ``show-light.png``: the output of ``wirecut show --color`` on the seed, kept as its
ANSI codes, drawn by rich as SVG (a dark and a light terminal theme) and photographed by headless
chromium. ``report.png``: ``wirecut report`` on the seed and the test fixtures, opened in headless
chromium on the AP-style fixture, which has every kind of part. ``ninjs-seed.json``: ``wirecut parse
--format ninjs`` of the seed.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from rich.console import Console
from rich.terminal_theme import DEFAULT_TERMINAL_THEME, MONOKAI, TerminalTheme
from rich.text import Text

ROOT = Path(__file__).resolve().parent.parent
IMG = ROOT / "docs" / "img"
SEED = "seeds/000_40fe124315517e90.txt"
WIRECUT = str(Path(sys.executable).parent / "wirecut")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def run(*args: str) -> str:
    return subprocess.run(args, cwd=ROOT, check=True, capture_output=True, text=True).stdout


def photograph(url: str, out: Path, width: int, height: int) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        sys.exit("make_pictures: chromium is needed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                browser,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                f"--window-size={width},{height}",
                f"--screenshot={out}",
                url,
            ],
            check=True,
            capture_output=True,
        )


def show_picture(name: str, theme: TerminalTheme, width: int = 110) -> None:
    ansi = run(WIRECUT, "show", "--color", "--trace", f"--width={width}", SEED)
    console = Console(record=True, width=width, force_terminal=True, color_system="truecolor", file=io.StringIO())
    console.print(Text.from_ansi(ansi), end="")
    with tempfile.TemporaryDirectory() as tmp:
        svg = Path(tmp) / "show.svg"
        console.save_svg(str(svg), title=f"wirecut show --trace {SEED}", theme=theme)
        size = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg.read_text(encoding="utf-8"))
        assert size is not None
        photograph(svg.as_uri(), IMG / name, int(float(size[1])) + 1, int(float(size[2])) + 1)


def report_picture() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        fixtures = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests" / "fixtures" / "review").glob("*.txt"))
        run(WIRECUT, "report", SEED, *fixtures, "-o", str(page), "--title", "wirecut report: the seed and the fixtures")
        number = 1 + fixtures.index("tests/fixtures/review/full_ap_style.txt")
        photograph(f"{page.as_uri()}#doc={number}", IMG / "report.png", 1400, 900)


if __name__ == "__main__":
    IMG.mkdir(parents=True, exist_ok=True)
    show_picture("show.png", MONOKAI)
    show_picture("show-light.png", DEFAULT_TERMINAL_THEME)
    report_picture()
    (ROOT / "docs" / "ninjs-seed.json").write_text(run(WIRECUT, "parse", "--format", "ninjs", "--pretty", SEED))
    print("make_pictures: wrote", ", ".join(p.name for p in sorted(IMG.glob("*.png"))), "and ninjs-seed.json")
