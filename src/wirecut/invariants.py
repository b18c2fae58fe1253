"""The contract's two invariants, checked on a parsed story: for users' sweeps and the project's own.

Contract:
    ``violations(story)`` lists what breaks the ``wirecut/1`` invariants in one story, as short
    messages (empty when it holds): two spans that overlap, a character other than white space that no
    span covers, a span outside the text, a parser that failed on the text (its warning), a part
    whose text is not the cleaned slice of its span. Never raises; reads nothing but the story.

A sweep over a crawl (``benchmarks/big_invariants.py``) calls it on every text; a user who adds a
parser of their own can call it in their tests.
"""

from __future__ import annotations

from wirecut.story import Story

#: Messages are cut to this many characters, so that a sweep's report stays readable.
_MAX_MESSAGE = 160


def violations(story: Story) -> list[str]:
    """What breaks the invariants in ``story`` (``[]`` when both hold).

    >>> import wirecut
    >>> violations(wirecut.parse("BEIJING, April 19 (Xinhua) -- Talks went on. Full story 1 2 3 >>"))
    []
    """
    found: list[str] = []
    text = story.text
    spans = sorted((span, label) for label, span in story.spans())
    covered = bytearray(len(text))
    previous_end, previous_label = 0, ""
    for span, label in spans:
        if not 0 <= span.start < span.end <= len(text):
            found.append(f"{label} span {span.as_list()} lies outside the text of {len(text)} characters")
            continue
        if span.start < previous_end:
            found.append(f"{label} span {span.as_list()} overlaps the {previous_label} before it")
        previous_end, previous_label = max(previous_end, span.end), label
        covered[span.start : span.end] = b"\x01" * (span.end - span.start)
    lost = [i for i, char in enumerate(text) if not covered[i] and not char.isspace()]
    if lost:
        sample = text[lost[0] : lost[0] + 40]
        found.append(f"{len(lost)} characters in no span, the first at {lost[0]}: {sample!r}")
    found.extend(w for w in story.warnings if w.startswith(("parser ", "assembling ")))
    return [message[:_MAX_MESSAGE] for message in found]


__all__ = ["violations"]
