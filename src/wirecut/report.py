"""The review report: one self-contained HTML page that shows a batch of parsed stories.

Contract:
    Consumes: parsed ``Story`` records and inputs that failed (``ReportInput``: a source with a story
    or an error message).
    Produces: ``build_report(inputs, title=...) -> str``, one HTML document with its CSS and JS
    inline: no network, no server, no build step (it opens from ``file://`` and works offline). The
    page carries every document as data in one JSON block and draws only what is on screen: a page
    of the document list and the one document opened, so 5,000 documents stay quick.
    Shows: a summary (documents, failures, warnings, parts found), filters by part, by warning and by
    status, a text search, and for the opened document its text with each part highlighted in the
    colours of ``wirecut show`` beside the parts' structured fields and its warnings.
    Reads: nothing but its arguments; stdlib only.

Security, because scraped text is hostile (``</script>``, ``<img onerror=...>``): input never becomes
markup. The data block is JSON with ``<``, ``>`` and ``&`` written as ``\\u003c`` escapes, so no input
can end the block; the page's script builds every node with ``textContent``, never ``innerHTML``; and
a Content-Security-Policy allows only the page's own script (by its hash) and no network at all, so
even a mistake could neither run injected script nor reach out.

Offsets: wirecut's spans count code points, JavaScript strings count UTF-16 units. The page is given
UTF-16 offsets (they differ only after a character beyond U+FFFF, such as an emoji).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
import os
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wirecut.errors import InputError
from wirecut.review import LABEL_ORDER, PALETTE, describe, marks
from wirecut.story import Story

#: Files a directory is searched for: texts, and JSON Lines of ``{"id", "text"}`` objects as ``batch`` reads.
TEXT_SUFFIXES = (".txt",)
JSON_SUFFIXES = (".jsonl", ".json")

_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
#: A count in a warning ("3 bytes"), but not a number inside a name ("UTF-8").
_NUMBER_RE = re.compile(r"(?<![\w.-])\d+(?:[.,]\d+)*(?![\w-])")
#: Characters that could end the data block or be read as markup, as JSON escapes.
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_ESCAPE_RE = re.compile("[<>&\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class ReportInput:
    """One document of the report: its source and either the parsed story or why it failed."""

    source: str
    story: Story | None = None
    error: str | None = None


def _reference(value: object, fallback: dt.date | None) -> dt.date | None:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return fallback
    return fallback


def _json_inputs(path: Path, reference_date: dt.date | None) -> Iterator[ReportInput]:
    """Documents of a JSON Lines (or JSON) file: objects with ``text`` and optionally ``id``/``source``."""
    from wirecut import parse

    try:
        raw = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        yield ReportInput(str(path), error=f"{path}: cannot be read ({exc.strerror or exc})")
        return
    if path.suffix == ".json":
        try:
            loaded = json.loads(raw)
        except ValueError as exc:
            yield ReportInput(str(path), error=f"{path}: not JSON ({exc})")
            return
        rows: list[tuple[int, Any]] = list(enumerate(loaded if isinstance(loaded, list) else [loaded], 1))
    else:
        rows = []
        for number, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            try:
                rows.append((number, json.loads(line)))
            except ValueError:
                rows.append((number, None))
    for number, row in rows:
        fallback_name = f"{path}:{number}"
        if not isinstance(row, dict):
            yield ReportInput(fallback_name, error=f"{fallback_name}: not a JSON object")
            continue
        ident = row.get("id") if isinstance(row.get("id"), str) else row.get("source")
        name = ident if isinstance(ident, str) and ident else fallback_name
        text = row.get("text")
        if not isinstance(text, str):
            why = (
                "a wirecut/1 object does not carry its input text: report the texts it came from"
                if row.get("schema") == "wirecut/1"
                else 'no "text" string in the object'
            )
            yield ReportInput(name, error=f"{fallback_name}: {why}")
            continue
        yield ReportInput(
            name, parse(text, source=name, reference_date=_reference(row.get("reference_date"), reference_date))
        )


def _walk(directory: Path) -> Iterator[Path]:
    """The text and JSON files under ``directory``, sorted, hidden ones and symlink loops left out."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.endswith(TEXT_SUFFIXES + JSON_SUFFIXES):
                yield Path(root) / name


def collect(paths: Iterable[str | os.PathLike[str]], *, reference_date: dt.date | None = None) -> Iterator[ReportInput]:
    """Parse every input: text files, directories of them, and JSON Lines of ``{"id", "text"}`` rows.

    An input that cannot be read becomes a failed document with the reason, never an exception: the
    report is where a reviewer sees what failed.
    """
    from wirecut import parse_file

    for given in paths:
        path = Path(given)
        files = _walk(path) if path.is_dir() else iter([path])
        for file in files:
            if file.suffix in JSON_SUFFIXES:
                yield from _json_inputs(file, reference_date)
                continue
            try:
                yield ReportInput(str(file), parse_file(file, reference_date=reference_date))
            except InputError as exc:
                yield ReportInput(str(file), error=str(exc))


def warning_kind(warning: str) -> str:
    """A warning with its numbers taken out, so the filter groups "3 bytes" with "7 bytes".

    >>> warning_kind("input was not valid UTF-8: 3 bytes replaced")
    'input was not valid UTF-8: N bytes replaced'
    """
    return _NUMBER_RE.sub("N", warning)


class _Utf16Offsets:
    """Maps code point offsets of one text to UTF-16 offsets (equal unless the text has astral characters)."""

    def __init__(self, text: str) -> None:
        self.astral = [m.start() for m in _ASTRAL_RE.finditer(text)]

    def __call__(self, offset: int) -> int:
        return offset + bisect_left(self.astral, offset) if self.astral else offset


def document_record(number: int, item: ReportInput) -> dict[str, Any]:
    """The page's data for one document: short keys, because 5,000 of them go into one file.

    ``t`` text, ``s`` source, ``l`` language, ``w`` warnings, ``k`` warning kinds, ``e`` error,
    ``p`` parts as ``[label, start, end, order, parser, [[field, value], ...]]`` in text order,
    ``n`` nested datelines as ``[start, end]``, ``c`` counts per label.
    """
    story = item.story
    if story is None:
        return {"i": number, "s": item.source, "e": item.error or "failed", "t": "", "p": [], "n": [], "c": {}}
    # A lone surrogate (from a surrogateescape decode) cannot be written as UTF-8; U+FFFD has the same
    # length in code points and in UTF-16, so every offset stays right.
    text = _SURROGATE_RE.sub("\ufffd", story.text)
    to16 = _Utf16Offsets(text)
    orders = {(m.span.start, m.span.end): m for m in marks(story) if not m.nested}
    parts = []
    for row in describe(story):
        mark = orders.get((row.span.start, row.span.end))
        parts.append(
            [
                row.label if row.label in PALETTE else "residue",
                to16(row.span.start),
                to16(row.span.end),
                mark.order if mark else 0,
                mark.parser if mark else "",
                [list(field) for field in row.fields],
            ]
        )
    nested = [[to16(m.span.start), to16(m.span.end)] for m in marks(story) if m.nested]
    counts = Counter(part[0] for part in parts)
    return {
        "i": number,
        "s": item.source,
        "t": text,
        "l": story.language,
        "w": list(story.warnings),
        "k": sorted({warning_kind(w) for w in story.warnings}),
        "e": item.error,
        "p": parts,
        "n": nested,
        "c": {label: counts[label] for label in LABEL_ORDER if counts[label]},
    }


def summary(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Totals for the top of the page: documents, failures, warnings, and parts found."""
    parts: Counter[str] = Counter()
    documents_with: Counter[str] = Counter()
    warning_kinds: Counter[str] = Counter()
    for record in records:
        for label, count in record["c"].items():
            parts[label] += count
            documents_with[label] += 1
        warning_kinds.update(record.get("k", ()))
    return {
        "documents": len(records),
        "failures": sum(1 for r in records if r["e"]),
        "with_warnings": sum(1 for r in records if r.get("w")),
        "parts": {label: [parts[label], documents_with[label]] for label in LABEL_ORDER},
        "warning_kinds": sorted(warning_kinds.items(), key=lambda kv: (-kv[1], kv[0])),
    }


def script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: nothing in it can close the element.

    >>> script_json({"t": "</script><img onerror=x>"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cimg onerror=x\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return _JSON_ESCAPE_RE.sub(lambda m: _JSON_ESCAPES[m.group()], text)


def _csp_hash(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def _palette_css() -> str:
    rules = []
    for label, (_name, colour) in PALETTE.items():
        if colour is None:
            rules.append(f".p-{label}{{}}\n.sw-{label}{{background:currentColor;opacity:.35}}")
            continue
        red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        weight = "400;font-style:italic" if label == "residue" else "600"
        rules.append(
            f".p-{label}{{color:{colour};font-weight:{weight};background:rgba({red},{green},{blue},.13)}}\n"
            f".sw-{label}{{background:{colour}}}"
        )
    return "\n".join(rules)


def build_report(inputs: Iterable[ReportInput], *, title: str = "wirecut report") -> str:
    """The whole HTML page for ``inputs``, in their order."""
    records = [document_record(number, item) for number, item in enumerate(inputs)]
    meta = {
        "title": title,
        "summary": summary(records),
        "labels": [[label, PALETTE[label][0]] for label in LABEL_ORDER],
    }
    script = _SCRIPT
    csp = (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        f"script-src '{_csp_hash(script)}'; base-uri 'none'; form-action 'none'"
    )
    values = {
        "CSP": html.escape(csp),
        "TITLE": html.escape(title),
        "CSS": _CSS + _palette_css(),
        "META": script_json(meta),
        "DATA": script_json(records),
        "SCRIPT": script,
    }
    # One pass, so a title or a warning that happens to contain "%DATA%" is never expanded.
    return _PLACEHOLDER_RE.sub(lambda m: values[m.group(1)], _PAGE)


_PLACEHOLDER_RE = re.compile(r"%(CSP|TITLE|CSS|META|DATA|SCRIPT)%")

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="%CSP%">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="wirecut report">
<title>%TITLE%</title>
<style>
%CSS%
</style>
</head>
<body>
<header>
  <h1 id="title">%TITLE%</h1>
  <div id="summary" aria-label="summary"></div>
</header>
<div id="layout">
  <nav id="side" aria-label="documents">
    <div id="filters">
      <label>part <select id="f-part"></select></label>
      <label>warning <select id="f-warning"></select></label>
      <label>status <select id="f-status">
        <option value="">all</option><option value="ok">parsed</option><option value="failed">failed</option>
      </select></label>
      <label>search <input id="f-search" type="search" placeholder="source or text"></label>
    </div>
    <div id="count"></div>
    <ol id="list"></ol>
    <div id="pager">
      <button id="prev" type="button">&larr; prev</button>
      <span id="page"></span>
      <button id="next" type="button">next &rarr;</button>
    </div>
  </nav>
  <main id="doc" aria-live="polite"><p class="hint">Select a document.</p></main>
</div>
<noscript>This report needs JavaScript to draw its documents.</noscript>
<script type="application/json" id="wirecut-meta">%META%</script>
<script type="application/json" id="wirecut-data">%DATA%</script>
<script>%SCRIPT%</script>
</body>
</html>
"""

_CSS = """
:root{color-scheme:light dark;--bg:#fff;--fg:#1d2125;--muted:#5c6670;--line:#d5dae0;--panel:#f4f6f8;--sel:#e3ecfa}
@media (prefers-color-scheme:dark){:root{--bg:#17191c;--fg:#e4e7eb;--muted:#9aa4ae;--line:#353a40;
--panel:#202328;--sel:#28344a}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif}
header{padding:10px 16px;border-bottom:1px solid var(--line);background:var(--panel)}
h1{font-size:18px;margin:0 0 6px}
#summary{display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center}
.stat b{font-size:16px}
.chip{border:1px solid var(--line);background:var(--bg);color:var(--fg);border-radius:12px;padding:1px 9px;
cursor:pointer;font:inherit}
.chip:hover,.chip.on{border-color:var(--fg)}
.sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:-1px}
#layout{display:flex;height:calc(100vh - 76px);min-height:420px}
#side{width:330px;flex:none;border-right:1px solid var(--line);display:flex;flex-direction:column}
#filters{padding:8px;display:grid;grid-template-columns:1fr 1fr;gap:6px;border-bottom:1px solid var(--line)}
#filters label{display:flex;flex-direction:column;font-size:12px;color:var(--muted)}
#filters select,#filters input{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--line);
border-radius:4px;padding:2px 4px;min-width:0}
#count{padding:4px 8px;color:var(--muted);font-size:12px}
#list{list-style:none;margin:0;padding:0;overflow:auto;flex:1}
#list li button{display:block;width:100%;text-align:left;border:0;border-bottom:1px solid var(--line);
background:none;color:var(--fg);font:inherit;padding:5px 8px;cursor:pointer}
#list li button:hover{background:var(--panel)}
#list li button.current{background:var(--sel)}
.src{display:block;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.badges{font-size:11px;color:var(--muted)}
.badges .sw{width:8px;height:8px;margin:0 2px 0 0}
.warn{color:#c92a2a;font-weight:600}
@media (prefers-color-scheme:dark){.warn{color:#ff8787}}
#pager{display:flex;gap:8px;align-items:center;justify-content:space-between;padding:6px 8px;
border-top:1px solid var(--line)}
#pager button{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:4px}
main{flex:1;overflow:auto;padding:12px 18px}
.hint{color:var(--muted)}
#doc h2{font-size:16px;margin:0 0 4px;word-break:break-all}
.meta{color:var(--muted);font-size:12px;margin-bottom:8px}
.columns{display:flex;gap:18px;align-items:flex-start}
.text{flex:3;min-width:0;white-space:pre-wrap;word-wrap:break-word;font:14px/1.6 ui-monospace,Menlo,Consolas,monospace;
border:1px solid var(--line);border-radius:6px;padding:10px 12px;background:var(--panel)}
.fields{flex:2;min-width:260px;border-collapse:collapse;font-size:13px}
.fields td{border-bottom:1px solid var(--line);padding:4px 6px;vertical-align:top}
.fields td:first-child{white-space:nowrap}
.fields tr{cursor:pointer}
.fields tr:hover{background:var(--panel)}
.fields .k{color:var(--muted)}
.fields dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:0 8px}
.fields dt{color:var(--muted)}.fields dd{margin:0;word-break:break-word}
.part{border-radius:2px}
.nested{text-decoration:underline;text-underline-offset:3px}
.flash{outline:2px solid currentColor;outline-offset:1px}
.warnings{margin:0 0 8px;padding-left:18px}
.legend{display:flex;flex-wrap:wrap;gap:4px 12px;font-size:12px;margin-bottom:8px}
.error{color:#c92a2a;font-weight:600}
"""

# The page's script. It reads the two JSON blocks once and draws with textContent only.
_SCRIPT = r"""
(function () {
  "use strict";
  var meta = JSON.parse(document.getElementById("wirecut-meta").textContent);
  var docs = JSON.parse(document.getElementById("wirecut-data").textContent);
  var PAGE = 100;
  var names = {};
  meta.labels.forEach(function (l) { names[l[0]] = l[1]; });
  var state = {part: "", warning: "", status: "", search: "", page: 0, current: -1, shown: docs};
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function swatch(label) { return el("span", "sw sw-" + label); }
  function safeLabel(label) { return names.hasOwnProperty(label) ? label : "residue"; }

  function drawSummary() {
    var s = meta.summary, box = $("summary");
    function stat(n, what, onclick) {
      var b = el("button", "chip stat");
      b.type = "button";
      b.appendChild(el("b", null, n.toLocaleString()));
      b.appendChild(document.createTextNode(" " + what));
      if (onclick) { b.addEventListener("click", onclick); }
      box.appendChild(b);
      return b;
    }
    stat(s.documents, "documents", function () { setFilters("", "", ""); });
    stat(s.failures, "failures", function () { setFilters("", "", "failed"); }).id = "sum-failures";
    stat(s.with_warnings, "with warnings", function () { setFilters("", "*", ""); }).id = "sum-warnings";
    meta.labels.forEach(function (l) {
      var counts = s.parts[l[0]];
      var b = el("button", "chip");
      b.type = "button";
      b.id = "chip-" + l[0];
      b.title = counts[0] + " " + l[1] + " parts in " + counts[1] + " documents; click: documents with one";
      b.appendChild(swatch(l[0]));
      b.appendChild(document.createTextNode(l[1] + " " + counts[0].toLocaleString() + " in " +
        counts[1].toLocaleString()));
      b.addEventListener("click", function () { setFilters("has:" + l[0], state.warning, state.status); });
      box.appendChild(b);
    });
  }

  function drawFilterOptions() {
    var part = $("f-part");
    part.appendChild(new Option("any", ""));
    meta.labels.forEach(function (l) {
      part.appendChild(new Option("has " + l[1], "has:" + l[0]));
      part.appendChild(new Option("lacks " + l[1], "lacks:" + l[0]));
    });
    var warning = $("f-warning");
    warning.appendChild(new Option("any", ""));
    warning.appendChild(new Option("none", "-"));
    warning.appendChild(new Option("some warning", "*"));
    meta.summary.warning_kinds.forEach(function (kv) {
      warning.appendChild(new Option(kv[0] + " (" + kv[1] + ")", "k:" + kv[0]));
    });
  }

  function matches(d) {
    if (state.status === "failed" && !d.e) { return false; }
    if (state.status === "ok" && d.e) { return false; }
    if (state.part) {
      var p = state.part.split(":"), has = (d.c[p[1]] || 0) > 0;
      if ((p[0] === "has") !== has) { return false; }
    }
    if (state.warning) {
      var kinds = d.k || [];
      if (state.warning === "-" && kinds.length) { return false; }
      if (state.warning === "*" && !kinds.length) { return false; }
      if (state.warning.slice(0, 2) === "k:" && kinds.indexOf(state.warning.slice(2)) < 0) { return false; }
    }
    if (state.search) {
      var q = state.search;
      if (d.s.toLowerCase().indexOf(q) < 0 && d.t.toLowerCase().indexOf(q) < 0) { return false; }
    }
    return true;
  }

  function setFilters(part, warning, status) {
    state.part = part; state.warning = warning; state.status = status;
    $("f-part").value = part; $("f-warning").value = warning; $("f-status").value = status;
    applyFilters();
  }

  function applyFilters() {
    state.shown = docs.filter(matches);
    state.page = 0;
    meta.labels.forEach(function (l) {
      $("chip-" + l[0]).classList.toggle("on", state.part === "has:" + l[0]);
    });
    drawList();
  }

  function drawList() {
    var list = $("list"), shown = state.shown;
    var pages = Math.max(1, Math.ceil(shown.length / PAGE));
    state.page = Math.min(state.page, pages - 1);
    list.textContent = "";
    var frag = document.createDocumentFragment();
    shown.slice(state.page * PAGE, (state.page + 1) * PAGE).forEach(function (d) {
      var li = el("li"), b = el("button");
      b.type = "button";
      b.dataset.doc = d.i;
      if (d.i === state.current) { b.classList.add("current"); }
      b.appendChild(el("span", "src", d.s));
      var badges = el("span", "badges");
      if (d.e) {
        badges.appendChild(el("span", "warn", "failed"));
      } else {
        Object.keys(d.c).forEach(function (label) {
          badges.appendChild(swatch(safeLabel(label)));
          badges.appendChild(document.createTextNode(d.c[label] + " "));
        });
        if (d.w.length) { badges.appendChild(el("span", "warn", " \u26a0 " + d.w.length)); }
      }
      b.appendChild(badges);
      b.addEventListener("click", function () { openDoc(d.i); });
      li.appendChild(b);
      frag.appendChild(li);
    });
    list.appendChild(frag);
    $("count").textContent = shown.length.toLocaleString() + " of " + docs.length.toLocaleString() +
      " documents";
    $("page").textContent = "page " + (state.page + 1) + " of " + pages;
    $("prev").disabled = state.page === 0;
    $("next").disabled = state.page >= pages - 1;
  }

  // Marks nest or are disjoint (claims never overlap; a nested dateline lies inside its parent),
  // so one pass with a stack of open elements draws them.
  function drawText(d, box) {
    var marks = d.p.map(function (p, k) {
      return {s: p[1], e: p[2], label: safeLabel(p[0]), nested: false, k: k};
    }).concat(d.n.map(function (n) {
      return {s: n[0], e: n[1], label: "dateline", nested: true, k: -1};
    }));
    marks.sort(function (a, b) { return a.s - b.s || b.e - a.e; });
    var text = d.t, pos = 0, stack = [{node: box, e: text.length}];
    function top() { return stack[stack.length - 1]; }
    function flush(to) {
      if (to > pos) { top().node.appendChild(document.createTextNode(text.slice(pos, to))); pos = to; }
    }
    marks.forEach(function (m) {
      while (stack.length > 1 && top().e <= m.s) { flush(top().e); stack.pop(); }
      flush(m.s);
      var span = el("span", "part p-" + m.label + (m.nested ? " nested" : ""));
      span.title = names[m.label] + (m.nested ? " (inside its part)" : "");
      if (m.k >= 0) { span.id = "mark-" + m.k; }
      top().node.appendChild(span);
      stack.push({node: span, e: m.e});
    });
    while (stack.length > 1) { flush(top().e); stack.pop(); }
    flush(text.length);
  }

  function drawFields(d, table) {
    d.p.forEach(function (p, k) {
      var tr = el("tr"), label = safeLabel(p[0]);
      var name = el("td");
      name.appendChild(swatch(label));
      name.appendChild(document.createTextNode(names[label]));
      tr.appendChild(name);
      tr.appendChild(el("td", "k", p[1] + "\u2013" + p[2] + (p[4] ? " \u00b7 #" + p[3] + " " + p[4] : "")));
      var fields = el("td"), dl = el("dl");
      p[5].forEach(function (f) { dl.appendChild(el("dt", null, f[0])); dl.appendChild(el("dd", null, f[1])); });
      fields.appendChild(dl);
      tr.appendChild(fields);
      tr.addEventListener("click", function () {
        var mark = document.getElementById("mark-" + k);
        if (!mark) { return; }
        mark.scrollIntoView({block: "center"});
        mark.classList.add("flash");
        setTimeout(function () { mark.classList.remove("flash"); }, 1200);
      });
      table.appendChild(tr);
    });
  }

  function openDoc(i) {
    var d = docs[i];
    if (!d) { return; }
    state.current = i;
    var main = $("doc");
    main.textContent = "";
    main.appendChild(el("h2", null, d.s));
    if (d.e) {
      main.appendChild(el("p", "error", d.e));
    } else {
      main.appendChild(el("div", "meta", "language " + d.l + " \u00b7 " + d.t.length.toLocaleString() +
        " characters \u00b7 " + d.p.length + " parts \u00b7 document " + (i + 1) + " of " + docs.length));
      if (d.w.length) {
        var ul = el("ul", "warnings");
        d.w.forEach(function (w) { ul.appendChild(el("li", "warn", w)); });
        main.appendChild(ul);
      }
      var legend = el("div", "legend");
      meta.labels.forEach(function (l) {
        var item = el("span");
        item.appendChild(swatch(l[0]));
        item.appendChild(document.createTextNode(l[1] + " " + (d.c[l[0]] || 0)));
        legend.appendChild(item);
      });
      main.appendChild(legend);
      var columns = el("div", "columns"), text = el("div", "text");
      text.id = "doc-text";
      drawText(d, text);
      var table = el("table", "fields");
      table.id = "doc-fields";
      drawFields(d, table);
      columns.appendChild(text);
      columns.appendChild(table);
      main.appendChild(columns);
    }
    Array.prototype.forEach.call(document.querySelectorAll("#list button"), function (b) {
      b.classList.toggle("current", Number(b.dataset.doc) === i);
    });
    if (location.hash !== "#doc=" + i) { history.replaceState(null, "", "#doc=" + i); }
    main.scrollTop = 0;
  }

  function fromHash() {
    var m = /^#doc=(\d+)$/.exec(location.hash);
    if (m) { openDoc(Number(m[1])); }
  }

  drawSummary();
  drawFilterOptions();
  $("f-part").addEventListener("change", function (e) { state.part = e.target.value; applyFilters(); });
  $("f-warning").addEventListener("change", function (e) { state.warning = e.target.value; applyFilters(); });
  $("f-status").addEventListener("change", function (e) { state.status = e.target.value; applyFilters(); });
  var timer = null;
  $("f-search").addEventListener("input", function (e) {
    clearTimeout(timer);
    timer = setTimeout(function () { state.search = e.target.value.trim().toLowerCase(); applyFilters(); }, 150);
  });
  $("prev").addEventListener("click", function () { state.page -= 1; drawList(); });
  $("next").addEventListener("click", function () { state.page += 1; drawList(); });
  window.addEventListener("hashchange", fromHash);
  applyFilters();
  if (/^#doc=\d+$/.test(location.hash)) { fromHash(); } else if (docs.length) { openDoc(0); }
  document.documentElement.dataset.ready = "1";
})();
"""
