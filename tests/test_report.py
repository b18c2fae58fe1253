"""``wirecut report``: the page is self-contained, escapes hostile text, scales to 5,000 documents, and
works in a real browser.

The browser tests drive Debian's chromium through chromedriver's WebDriver HTTP API with a small
stdlib client (no selenium, no downloaded browser). Without chromium they are skipped with a
message, except in CI (``CI=true``), where a missing browser fails: ``.ci/run`` installs it.
"""

from __future__ import annotations

import base64
import bz2
import contextlib
import dataclasses
import html.parser
import json
import os
import shutil
import socket
import struct
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import wirecut
from wirecut.cli import main
from wirecut.report import ReportInput, build_report, document_record, quality_flags, script_json

TESTS = Path(__file__).parent
SEED = TESTS.parent / "seeds" / "000_40fe124315517e90.txt"
FIXTURES = TESTS / "fixtures" / "review"
HOSTILE_MARKERS = ("<img src=x onerror", "<script>window.__pwned", "<svg onload")


def fixture_inputs() -> list[ReportInput]:
    paths = [SEED, *sorted(FIXTURES.glob("*.txt"))]
    return [ReportInput(str(p.relative_to(TESTS.parent)), wirecut.parse_file(p)) for p in paths]


class _Elements(html.parser.HTMLParser):
    """Every element of a page with its attributes, and the text of each script element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def elements(page: str) -> _Elements:
    parsed = _Elements()
    parsed.feed(page)
    return parsed


# --- the page as a file -----------------------------------------------------------------------


def test_hostile_text_cannot_inject_markup() -> None:
    hostile = (FIXTURES / "hostile.txt").read_text(encoding="utf-8")
    nasty_source = '"><img src=x onerror=alert(1)></title></script>'
    page = build_report([ReportInput(nasty_source, wirecut.parse(hostile, source=nasty_source))], title="<b>t</b>")
    for marker in (*HOSTILE_MARKERS, "</title></script>", "<b>t</b>"):
        assert marker not in page
    parsed = elements(page)
    # The page's own elements only: three scripts (two JSON blocks and the app), no img/svg, no handlers.
    assert [attrs.get("type") for tag, attrs in parsed.tags if tag == "script"] == [
        "application/json",
        "application/json",
        None,
    ]
    assert not [tag for tag, _ in parsed.tags if tag in ("img", "svg", "iframe", "object", "embed", "b")]
    assert not [name for _, attrs in parsed.tags for name in attrs if name.startswith("on")]
    # ... and the text is all there, exactly, as data.
    records = json.loads(parsed.scripts[1])
    assert records[0]["t"] == hostile and records[0]["s"] == nasty_source


def test_the_page_needs_no_network() -> None:
    page = build_report(fixture_inputs())
    parsed = elements(page)
    assert not [tag for tag, attrs in parsed.tags if tag == "link" or "src" in attrs or "href" in attrs]
    app, css = parsed.scripts[2], page.split("<style>")[1].split("</style>")[0]
    for reference in ("http:", "https:", "fetch(", "XMLHttpRequest", "import(", "WebSocket"):
        assert reference not in app, reference
    assert "url(" not in css and "@import" not in css
    (csp,) = [a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp is not None and "default-src 'none'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1]


def test_script_json_cannot_close_its_element() -> None:
    for text in ("</script>", "</SCRIPT >", "<!--", "]]>", "\u2028", "&lt;"):
        out = script_json({"t": text})
        assert "<" not in out and ">" not in out and "&" not in out and "\u2028" not in out
        assert json.loads(out) == {"t": text}


def test_offsets_are_utf16_for_the_browser() -> None:
    text = "📰 NEW YORK, May 2 (UPI) -- Emoji 😀 everywhere 𝐁. Next paragraph.\n\nRelated: x"
    story = wirecut.parse(text)
    record = document_record(0, ReportInput("emoji", story))
    as_utf16 = text.encode("utf-16-le")
    for label, start, end, *_ in record["p"]:
        shown = as_utf16[2 * start : 2 * end].decode("utf-16-le")
        assert any(span.slice(text) == shown for lab, span in story.spans() if lab == label), (label, shown)


def test_summary_counts_documents_parts_and_failures() -> None:
    inputs = [*fixture_inputs(), ReportInput("gone.txt", error="gone.txt: no such file")]
    page = build_report(inputs)
    meta = json.loads(elements(page).scripts[0])["summary"]
    assert meta["documents"] == len(inputs) and meta["failures"] == 1
    stories = [i.story for i in inputs if i.story]
    assert meta["parts"]["dateline"][0] == sum(1 for s in stories if s.dateline)
    assert meta["parts"]["residue"][0] == sum(len(s.residue) for s in stories)


def five_thousand() -> list[ReportInput]:
    """5,000 documents made from the fixtures under new names (the parser's speed is not tested here)."""
    base = fixture_inputs()
    made = []
    for number in range(5000):
        item = base[number % len(base)]
        assert item.story is not None
        source = f"batch/{number:05d}-{Path(item.source).name}"
        made.append(ReportInput(source, dataclasses.replace(item.story, source=source)))
    return made


def test_five_thousand_documents_are_written_quickly() -> None:
    inputs = five_thousand()
    started = time.perf_counter()
    page = build_report(inputs)
    elapsed = time.perf_counter() - started
    assert elapsed < 10, f"{elapsed:.1f}s to build a 5,000-document report"
    assert len(page) < 40_000_000
    assert json.loads(elements(page).scripts[0])["summary"]["documents"] == 5000


# --- the command ------------------------------------------------------------------------------


def batch_record(text: str, source: str, **changes: Any) -> dict[str, Any]:
    """A record as ``wirecut batch --with-text`` writes it: the contract's object and its input text."""
    record = wirecut.parse(text, source=source).to_dict()
    record.update(changes)
    record["input_text"] = text
    return record


def write_jsonl(path: Path, rows: list[Any]) -> Path:
    # json.dumps escapes U+2028 by default; ensure_ascii=False writes it raw, as orjson and batch do.
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def page_records(page: str) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = json.loads(elements(page).scripts[1])
    return records


def test_report_command_reads_files_directories_and_jsonl(tmp_path: Path) -> None:
    lines = write_jsonl(
        tmp_path / "rows.jsonl", [{"id": "row-1", "text": "WASHINGTON (AP) -- The Senate voted."}, {"id": "row-2"}]
    )
    with (tmp_path / "rows.jsonl").open("a", encoding="utf-8") as more:
        more.write("not json\n")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02\xff\xfe" * 200)
    out = tmp_path / "report.html"
    done = CliRunner().invoke(main, ["report", str(FIXTURES), str(lines), str(binary), "-o", str(out)])
    assert done.exit_code == 1, done.output  # written, but some inputs failed
    assert "Traceback" not in done.output and "documents" in done.output
    by_source = {r["s"]: r for r in page_records(out.read_text(encoding="utf-8"))}
    # A dump's records are named as batch names them: the file and the record's id.
    assert by_source[f"{lines}#row-1"]["e"] is None and by_source[f"{lines}#row-1"]["c"]["dateline"] == 1
    assert "'text' is missing" in by_source[f"{lines}:2"]["e"]
    assert "malformed JSON" in by_source[f"{lines}:3"]["e"]
    assert by_source[str(binary)]["e"]
    assert sum(1 for r in by_source.values() if r["s"].startswith(str(FIXTURES))) == len(list(FIXTURES.glob("*.txt")))


def test_report_reviews_batch_output_without_parsing_again(tmp_path: Path) -> None:
    ap = (FIXTURES / "full_ap_style.txt").read_text(encoding="utf-8")
    # A line separator inside a text: a reader that splits lines like str.splitlines would cut the record.
    reuters = "LONDON, March 3 (Reuters) - Shares rose.\u2028Bonds fell.\n\nOil was flat."
    record = batch_record(reuters, "in.jsonl#r1")
    # What batch wrote is what the page shows: a record that says "fr" stays "fr", although a parse says "en".
    record["language"] = "fr"
    without = wirecut.parse("ROME (ANSA) - Rain.", source="in.jsonl#r3").to_dict()
    out_jsonl = write_jsonl(tmp_path / "out.jsonl", [batch_record(ap, "in.jsonl#ap"), record, without])
    out = tmp_path / "report.html"
    done = CliRunner().invoke(main, ["report", str(out_jsonl), "-o", str(out), "-j", "1"])
    assert done.exit_code == 1, done.output  # the record without its text failed
    records = {r["s"]: r for r in page_records(out.read_text(encoding="utf-8"))}
    assert list(records) == ["in.jsonl#ap", "in.jsonl#r1", f"{out_jsonl}:3"]
    assert records["in.jsonl#r1"]["t"] == reuters and records["in.jsonl#r1"]["l"] == "fr"
    assert records["in.jsonl#ap"]["t"] == ap and records["in.jsonl#ap"]["h"] == wirecut.parse(ap).headline.text
    # The parts, with their fields, are those of a report of the text itself (claim order aside).
    parsed = document_record(0, ReportInput("in.jsonl#ap", wirecut.parse(ap)))
    assert [p[:3] + p[5:] for p in records["in.jsonl#ap"]["p"]] == [p[:3] + p[5:] for p in parsed["p"]]
    assert records["in.jsonl#ap"]["n"] == parsed["n"] and records["in.jsonl#ap"]["n"]
    assert "--with-text" in records[f"{out_jsonl}:3"]["e"]


def test_report_reads_a_mirrored_directory_of_batch_outputs(tmp_path: Path) -> None:
    mirrored = tmp_path / "clean" / "wire"
    mirrored.mkdir(parents=True)
    (tmp_path / "clean" / ".wirecut").mkdir()  # a batch's own state is not a document
    (tmp_path / "clean" / ".wirecut" / "state.json").write_text("{}", encoding="utf-8")
    text = (FIXTURES / "xinhua_style.txt").read_text(encoding="utf-8")
    (mirrored / "a.txt.json").write_text(json.dumps(batch_record(text, "crawl/wire/a.txt")), encoding="utf-8")
    no_text = wirecut.parse(text, source="crawl/wire/b.txt").to_dict()
    (mirrored / "b.txt.json").write_text(json.dumps(no_text), encoding="utf-8")
    out = tmp_path / "report.html"
    done = CliRunner().invoke(main, ["report", str(tmp_path / "clean"), "-o", str(out)])
    assert done.exit_code == 1, done.output
    records = page_records(out.read_text(encoding="utf-8"))
    assert [r["s"] for r in records] == ["crawl/wire/a.txt", str(mirrored / "b.txt.json")]
    assert records[0]["t"] == text and records[0]["c"]["dateline"] == 1
    assert "--with-text" in records[1]["e"]


def test_report_parses_a_dump_by_its_text_field_on_several_workers(tmp_path: Path) -> None:
    texts = [
        f"PARIS, May {1 + n % 28} (AFP) - Item number {n} was reported on a quiet day.\n\nA second paragraph."
        for n in range(150)
    ]
    rows: list[dict[str, Any]] = [{"url": f"u{n}", "body": text} for n, text in enumerate(texts)]
    rows[7]["reference_date"] = "2020-06-01"  # a row's own date gives its year
    dump = write_jsonl(tmp_path / "dump.jsonl", rows)
    pages = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"j{jobs}.html"
        args = ["report", str(dump), "--text-field", "body", "--id-field", "url", "-j", jobs, "-o", str(out)]
        done = CliRunner().invoke(main, args)
        assert done.exit_code == 0, done.output
        pages[jobs] = page_records(out.read_text(encoding="utf-8"))
    assert pages["1"] == pages["2"]
    records = pages["2"]
    assert [r["s"] for r in records] == [f"{dump}#u{n}" for n in range(150)]
    assert [r["t"] for r in records] == texts
    dates = [dict(f)["date_iso"] for r in records for label, *_, f in r["p"] if label == "dateline"]
    assert dates[7] == "2020-05-08" and dates[8] == "--05-09"


# --- quality flags ------------------------------------------------------------------------------


def flags_of(text: str, **changes: Any) -> list[str]:
    record = wirecut.parse(text).to_dict()
    record.update(changes)
    return [flag for flag, _ in quality_flags(record, text)]


def test_a_well_parsed_story_has_no_flag() -> None:
    text = (FIXTURES / "reuters_style.txt").read_text(encoding="utf-8")
    assert flags_of(text) == []
    assert flags_of("PARIS, 3 mai (AFP) - Le gouvernement a annoncé mardi une réforme des retraites.") == []


def test_no_body_flags_stories_but_not_listings() -> None:
    text = "Markets\n\nShare\nPrint\n\nSubscribe to our newsletter for the latest updates every morning"
    empty = {"text": "", "paragraphs": []}
    # Nothing but furniture: the page is kind none, and a page with no news is not missing its body.
    assert wirecut.parse(text).kind == "none" and "no-body" not in flags_of(text)
    assert "no-body" in flags_of(text, body=empty, kind=None)  # a record from before the contract had kind
    assert "no-body" in flags_of(text, body=empty, kind="story")
    assert "no-body" not in flags_of(text, body=empty, kind="listing")


def test_unknown_text_flags_a_large_unknown_share() -> None:
    text = "Senate passes the budget\n\nThe Senate passed the budget on Tuesday by a wide margin of votes."
    story = wirecut.parse(text).to_dict()
    start = text.index("The Senate")
    half = [{"kind": "unknown", "text": "x", "span": [start, len(text)]}]
    assert "unknown-text" in flags_of(text, residue=half)
    small = [{"kind": "unknown", "text": "x", "span": [start, start + 5]}]
    assert "unknown-text" not in flags_of(text, residue=small)
    assert story["residue"] == [] and "unknown-text" not in flags_of(text)


def test_many_warnings_and_the_parsers_own_doubt() -> None:
    text = (FIXTURES / "reuters_style.txt").read_text(encoding="utf-8")
    assert "many-warnings" in flags_of(text, warnings=["a", "b", "c"])
    assert "many-warnings" not in flags_of(text, warnings=["a", "b"])
    assert "doubtful-language" in flags_of(text, warnings=["language: uk or ru, kept ru"])
    assert "mojibake" in flags_of(text, warnings=["mojibake: text looks double-encoded"])


def test_doubtful_language_unknown_or_against_the_letters() -> None:
    latin = "The council met on Tuesday and agreed to build a new bridge across the river by next spring."
    assert "doubtful-language" in flags_of(latin, language="und")
    assert "doubtful-language" in flags_of(latin, language="ru")
    assert "doubtful-language" not in flags_of(latin, language="de")  # a Latin-script tag: not for this check
    cyrillic = "Правительство в четверг одобрило новый бюджет страны на следующий год после долгих споров."
    assert "doubtful-language" in flags_of(cyrillic, language="en")
    assert "doubtful-language" not in flags_of(cyrillic, language="ru")
    assert "doubtful-language" not in flags_of("Ja.", language="und")  # too short to know


def test_mojibake_is_flagged_and_clean_accents_are_not() -> None:
    assert "mojibake" in flags_of("LONDON (Reuters) - The RNLI\u00e2\u20ac\u2122s crew was called out twice.")
    assert "mojibake" in flags_of("PARIS (AFP) - Le pr\u00c3\u00a9sident a parl\u00c3\u00a9 mardi soir.")
    assert "mojibake" in flags_of("LONDON (Reuters) - Tickets cost \u00c2\u00a35 each on the day.")
    for clean in (
        "SÃO PAULO (Reuters) - Ações subiram. Não houve mudança.",
        "PARIS (AFP) - Le président a parlé mardi soir à l'Élysée — « non », a-t-il dit.",
        "BERLIN (dpa) - Die Bürger äußerten sich über die Straße.",
    ):
        assert "mojibake" not in flags_of(clean), clean


def test_flags_are_warnings_and_filters_and_exports(tmp_path: Path) -> None:
    good = (FIXTURES / "reuters_style.txt").read_text(encoding="utf-8")
    broken = "BRUSSELS (Reuters) - The EU\u00e2\u20ac\u2122s ministers met on Monday to talk about trade."
    furniture = "Home | World | Business\n\nShare Print Email\n\nCookie settings"
    listing = batch_record(furniture, "in#list", kind="listing", body={"text": "", "paragraphs": []})
    empty = batch_record(furniture, "in#empty", kind="story", body={"text": "", "paragraphs": []})
    rows = [
        batch_record(good, "in#good", kind="story"),
        batch_record(broken, "in#broken", kind="story"),
        listing,
        empty,
    ]
    out_jsonl = write_jsonl(tmp_path / "out.jsonl", rows)
    out = tmp_path / "all.html"
    assert CliRunner().invoke(main, ["report", str(out_jsonl), "-o", str(out)]).exit_code == 0
    page = out.read_text(encoding="utf-8")
    records = {r["s"]: r for r in page_records(page)}
    assert records["in#good"]["f"] == [] and records["in#broken"]["f"] == ["mojibake"]
    assert any(w.startswith("quality: mojibake") for w in records["in#broken"]["w"])
    assert "no-body" in records["in#empty"]["f"] and "no-body" not in records["in#list"]["f"]
    meta = json.loads(elements(page).scripts[0])["summary"]
    assert dict((f, n) for f, n, _ in meta["flags"])["mojibake"] == 1
    assert dict(meta["kinds"]) == {"story": 3, "listing": 1}

    chosen, export = tmp_path / "chosen.html", tmp_path / "todo.jsonl"
    args = ["report", str(out_jsonl), "-o", str(chosen), "--flag", "mojibake", "--flag", "NO-BODY"]
    done = CliRunner().invoke(main, [*args, "--kind", "story", "--export", str(export)])
    assert done.exit_code == 0, done.output
    kept = page_records(chosen.read_text(encoding="utf-8"))
    assert [r["s"] for r in kept] == ["in#broken", "in#empty"] and [r["i"] for r in kept] == [0, 1]
    lines = [json.loads(line) for line in export.read_text(encoding="utf-8").splitlines()]
    assert [(x["id"], x["text"], x["flags"]) for x in lines] == [
        ("in#broken", broken, ["mojibake"]),
        ("in#empty", furniture, records["in#empty"]["f"]),
    ]
    # The export is an input: report (and batch) read it again as a dump of texts.
    again = tmp_path / "again.html"
    assert CliRunner().invoke(main, ["report", str(export), "-o", str(again)]).exit_code == 0
    assert [r["t"] for r in page_records(again.read_text(encoding="utf-8"))] == [broken, furniture]
    ok = CliRunner().invoke(main, ["report", str(out_jsonl), "-o", str(chosen), "--flag", "ok"])
    unflagged = [source for source, record in records.items() if not record["f"]]
    assert ok.exit_code == 0 and [r["s"] for r in page_records(chosen.read_text(encoding="utf-8"))] == unflagged
    assert "in#good" in unflagged


def test_report_command_ok_and_usage_errors(tmp_path: Path) -> None:
    out = tmp_path / "seed.html"
    done = CliRunner().invoke(main, ["report", str(SEED), "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert CliRunner().invoke(main, ["report", str(SEED)]).exit_code == 2  # no -o
    assert CliRunner().invoke(main, ["report", str(tmp_path / "missing"), "-o", str(out)]).exit_code == 3
    unwritable = CliRunner().invoke(main, ["report", str(SEED), "-o", str(tmp_path / "no" / "dir.html")])
    assert unwritable.exit_code == 2 and "cannot write" in unwritable.output


# --- in a real browser ------------------------------------------------------------------------


def _find_browser() -> tuple[str, str] | None:
    browser = next((shutil.which(n) for n in ("chromium", "chromium-browser") if shutil.which(n)), None)
    driver = shutil.which("chromedriver") or next(
        (p for p in ("/usr/lib/chromium/chromedriver", "/usr/bin/chromedriver") if os.access(p, os.X_OK)), None
    )
    return (browser, driver) if browser and driver else None


class WebDriver:
    """Just enough of the W3C WebDriver protocol, over chromedriver's HTTP port, for these tests."""

    ELEMENT = "element-6066-11e4-a52e-4f735466cecf"

    def __init__(self, browser: str, driver: str, profile: str) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process = subprocess.Popen(
            [driver, f"--port={self.port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                if self._call("GET", "/status")["ready"]:
                    break
            except (urllib.error.URLError, ConnectionError):
                pass
            if time.monotonic() > deadline:
                self.process.kill()
                raise RuntimeError("chromedriver did not start")
            time.sleep(0.1)
        args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            f"--user-data-dir={profile}",
            "--window-size=1280,860",
        ]
        capabilities = {"browserName": "chrome", "goog:chromeOptions": {"binary": browser, "args": args}}
        self.session = self._call("POST", "/session", {"capabilities": {"alwaysMatch": capabilities}})["sessionId"]

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.loads(response.read())["value"]
        except urllib.error.HTTPError as exc:
            raise AssertionError(f"webdriver {method} {path}: {exc.read()[:500]!r}") from None

    def command(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        return self._call(method, f"/session/{self.session}{path}", body)

    def open(self, url: str) -> None:
        self.command("POST", "/url", {"url": url})
        self.wait_for("return document.documentElement.dataset.ready === '1'")

    def js(self, script: str, *args: Any) -> Any:
        return self.command("POST", "/execute/sync", {"script": script, "args": list(args)})

    def wait_for(self, condition: str, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while not self.js(condition):
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for: {condition}")
            time.sleep(0.05)

    def click(self, css: str) -> None:
        found = self.command("POST", "/element", {"using": "css selector", "value": css})
        self.command("POST", f"/element/{found[self.ELEMENT]}/click", {})

    def select(self, css: str, value: str) -> None:
        """Choose an option of a <select> the way a user does: click the select, then the option."""
        self.click(css)
        self.click(f'{css} option[value="{value}"]')

    def screenshot(self) -> bytes:
        return base64.b64decode(self.command("GET", "/screenshot"))

    def quit(self) -> None:
        with contextlib.suppress(Exception):
            self.command("DELETE", "")
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    found = _find_browser()
    if found is None:
        message = "no chromium and chromedriver here (apt-get install chromium chromium-driver)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the browser test: {message}")
        pytest.skip(message)
    with tempfile.TemporaryDirectory(prefix="wirecut-chromium-") as profile:
        driver = WebDriver(*found, profile)
        try:
            yield driver
        finally:
            driver.quit()


def png_pixels(png: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the unfiltered RGB(A) rows of an 8-bit PNG (what chromium writes), stdlib only."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, chunks, header = 8, [], b""
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind, data = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = data
        elif kind == b"IDAT":
            chunks.append(data)
        pos += 12 + length
    width, height, depth, colour_type = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour_type in (2, 6), (depth, colour_type)
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        if kind == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous, strict=True))
        elif kind == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b, c = previous[i], previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, [bytes(r[i] for i in range(len(r)) if i % channels < 3) for r in rows[::4]]


def colours_in(png: bytes) -> set[tuple[int, int, int]]:
    """The distinct RGB colours on every fourth row of the screenshot."""
    _, _, rows = png_pixels(png)
    return {(row[i], row[i + 1], row[i + 2]) for row in rows for i in range(0, len(row), 3)}


def near(colours: set[tuple[int, int, int]], hex_colour: str, distance: int = 24) -> bool:
    target = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return any(all(abs(c - t) <= distance for c, t in zip(colour, target, strict=True)) for colour in colours)


def test_in_chromium_filter_open_and_screenshot(browser: WebDriver, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    inputs = [*fixture_inputs(), ReportInput("gone.txt", error="gone.txt: no such file")]
    page.write_text(build_report(inputs), encoding="utf-8")
    browser.open(page.as_uri())
    documents = len(list(FIXTURES.glob("*.txt"))) + 2
    assert browser.js("return document.querySelectorAll('#list li').length") == documents
    # Filter by part: only the AP fixture has a byline.
    browser.select("#f-part", "has:byline")
    assert browser.js("return [...document.querySelectorAll('#list .src')].map(e => e.textContent)") == [
        "tests/fixtures/review/full_ap_style.txt"
    ]
    browser.click("#list li button")
    browser.wait_for("return document.querySelector('#doc h2').textContent.endsWith('full_ap_style.txt')")
    labels = browser.js("return [...document.querySelectorAll('#doc-text .part')].map(e => e.className)")
    for label in ("headline", "byline", "caption", "dateline", "related", "note", "residue"):
        assert any(f"p-{label}" in c for c in labels), label
    assert browser.js("return document.querySelector('#doc-text').textContent") == (
        FIXTURES / "full_ap_style.txt"
    ).read_text(encoding="utf-8")
    assert "AP Photo/Lena Ortiz" in browser.js("return document.querySelector('#doc-fields').textContent")
    shot = browser.screenshot()
    colours = colours_in(shot)
    assert len(colours) > 20, "the screenshot is blank"
    assert near(colours, "#e8590c") and near(colours, "#1c7ed6"), "dateline and caption colours are not drawn"
    # Filter by status: the failure, with its reason.
    browser.select("#f-part", "")
    browser.select("#f-status", "failed")
    assert browser.js("return document.querySelectorAll('#list li').length") == 1
    browser.click("#list li button")
    assert browser.js("return document.querySelector('#doc .error').textContent") == "gone.txt: no such file"


def test_in_chromium_hostile_text_stays_text(browser: WebDriver, tmp_path: Path) -> None:
    hostile = (FIXTURES / "hostile.txt").read_text(encoding="utf-8")
    page = tmp_path / "hostile.html"
    nasty = ReportInput("<img src=x onerror=window.__pwned=3>", wirecut.parse(hostile))
    page.write_text(build_report([nasty]), encoding="utf-8")
    browser.open(page.as_uri() + "#doc=0")
    assert browser.js("return document.querySelector('#doc-text').textContent") == hostile
    assert browser.js("return document.querySelector('#doc h2').textContent") == "<img src=x onerror=window.__pwned=3>"
    assert browser.js("return typeof window.__pwned") == "undefined"
    assert browser.js("return document.querySelectorAll('img, svg, #doc script').length") == 0


def test_in_chromium_five_thousand_documents(browser: WebDriver, tmp_path: Path) -> None:
    page = tmp_path / "big.html"
    page.write_text(build_report(five_thousand()), encoding="utf-8")
    started = time.perf_counter()
    browser.open(page.as_uri())
    loaded = time.perf_counter() - started
    assert loaded < 15, f"{loaded:.1f}s to load 5,000 documents"
    assert browser.js("return document.querySelector('#count').textContent") == "5,000 of 5,000 documents"
    assert browser.js("return document.querySelectorAll('#list li').length") == 100  # one page is drawn
    browser.click("#next")
    assert browser.js("return document.querySelector('#page').textContent") == "page 2 of 50"
    browser.click("#list li:last-child button")
    browser.wait_for("return document.querySelector('#doc h2').textContent.startsWith('batch/00199-')")
    browser.js("var s = document.querySelector('#f-search'); s.value = '00042-'; s.dispatchEvent(new Event('input'));")
    browser.wait_for("return document.querySelectorAll('#list li').length === 1")


def test_in_chromium_the_list_shows_headline_kind_language_and_flags(browser: WebDriver, tmp_path: Path) -> None:
    good = (FIXTURES / "full_ap_style.txt").read_text(encoding="utf-8")
    broken = "BRUSSELS (Reuters) - The EU\u00e2\u20ac\u2122s ministers met on Monday to talk about trade."
    inputs = [
        ReportInput("in#good", record=batch_record(good, "in#good", kind="story"), text=good),
        ReportInput("in#broken", record=batch_record(broken, "in#broken", kind="digest"), text=broken),
    ]
    page = tmp_path / "flags.html"
    page.write_text(build_report(inputs), encoding="utf-8")
    browser.open(page.as_uri())
    rows = browser.js(
        "return [...document.querySelectorAll('#list li')].map(li => [li.querySelector('.hl').textContent,"
        " [...li.querySelectorAll('.tag')].map(t => t.textContent)])"
    )
    assert rows == [
        [wirecut.parse(good).headline.text, ["story", "en"]],
        ["(no headline)", ["digest", "en", "mojibake"]],
    ]
    browser.select("#f-flag", "mojibake")
    assert browser.js("return [...document.querySelectorAll('#list .src')].map(e => e.textContent)") == ["in#broken"]
    browser.select("#f-flag", "")
    browser.select("#f-kind", "story")
    assert browser.js("return [...document.querySelectorAll('#list .src')].map(e => e.textContent)") == ["in#good"]
    browser.click("#list li button")
    warnings = browser.js("return [...document.querySelectorAll('#doc .warnings li')].map(e => e.textContent)")
    assert warnings == []
    browser.select("#f-kind", "")
    browser.click("#sum-flag-mojibake")
    browser.click("#list li button")
    warnings = browser.js("return [...document.querySelectorAll('#doc .warnings li')].map(e => e.textContent)")
    # the parser's own warning (ftfy's reading) and the report's quality flag
    assert len(warnings) == 2 and warnings[0].startswith("text looks like mojibake")
    assert warnings[1].startswith("quality: mojibake")


def test_report_reviews_a_real_batch_made_with_text(tmp_path: Path) -> None:
    """The whole path a reviewer takes: ``wirecut batch --with-text``, then ``wirecut report`` of its output."""
    lines, folder = tmp_path / "out.jsonl", tmp_path / "clean"
    for target in (str(lines), f"{folder}/"):
        made = CliRunner().invoke(main, ["batch", str(FIXTURES), "--with-text", "-o", target, "-q", "-j", "1"])
        assert made.exit_code == 0, made.output
    fixtures = sorted(FIXTURES.glob("*.txt"))
    packed = tmp_path / "packed" / "out.jsonl.bz2"  # a batch's output kept compressed, in a directory
    packed.parent.mkdir()
    packed.write_bytes(bz2.compress(lines.read_bytes()))
    for output in (lines, folder, packed.parent):
        page = tmp_path / f"{output.name}.html"
        done = CliRunner().invoke(main, ["report", str(output), "-o", str(page)])
        assert done.exit_code == 0, done.output
        records = page_records(page.read_text(encoding="utf-8"))
        assert [r["t"] for r in records] == [p.read_text(encoding="utf-8") for p in fixtures]
        for record, path in zip(records, fixtures, strict=True):
            parsed = document_record(0, ReportInput(str(path), wirecut.parse_file(path)))
            assert [p[:3] + p[5:] for p in record["p"]] == [p[:3] + p[5:] for p in parsed["p"]], path
            assert (record["K"], record["l"], record["h"], record["f"]) == (
                parsed["K"],
                parsed["l"],
                parsed["h"],
                parsed["f"],
            )
