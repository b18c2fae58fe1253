"""Output formats of the CLI: ``json``, ``jsonl``, ``text`` and ``ninjs`` (``../spec/output.md``).

Contract:
    ``render(story, fmt, pretty=False)`` returns the text of one story in a format, without a trailing
    newline. ``FORMATS`` lists the names the CLI accepts; a caller may add its own renderer to
    ``RENDERERS``. Uses orjson when it is installed (several times faster), the standard library else.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from wirecut.ninjs import to_ninjs
from wirecut.story import Story

try:  # orjson is optional: the speed extra
    import orjson

    def dumps(obj: Any, *, pretty: bool = False) -> str:
        """JSON text of ``obj``, UTF-8 kept as is."""
        option = orjson.OPT_INDENT_2 if pretty else 0
        return orjson.dumps(obj, option=option).decode("utf-8")

except ImportError:  # pragma: no cover - exercised where orjson is absent

    def dumps(obj: Any, *, pretty: bool = False) -> str:
        """JSON text of ``obj``, UTF-8 kept as is."""
        if pretty:
            return json.dumps(obj, ensure_ascii=False, indent=2)
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def as_text(story: Story) -> str:
    """The clean story: headline, a blank line, the body's paragraphs separated by blank lines."""
    pieces = []
    if story.headline:
        pieces.append(story.headline.text)
    pieces.extend(p.text for p in story.paragraphs)
    return "\n\n".join(pieces)


RENDERERS: dict[str, Callable[[Story, bool], str]] = {
    "json": lambda story, pretty: dumps(story.to_dict(), pretty=pretty),
    "jsonl": lambda story, pretty: dumps(story.to_dict()),
    "text": lambda story, pretty: as_text(story),
    "ninjs": lambda story, pretty: dumps(to_ninjs(story), pretty=pretty),
}

FORMATS = tuple(RENDERERS)


def render(story: Story, fmt: str, *, pretty: bool = False) -> str:
    """One story in format ``fmt``; raises KeyError for an unknown format."""
    return RENDERERS[fmt](story, pretty)
