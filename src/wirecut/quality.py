"""Text quality: mojibake, the text of one encoding decoded as another, found by ftfy and reported.

Contract:
    ``mojibake_warning(text)`` returns a warning naming where the first mojibake stands, what it
    reads and what ftfy reads it as (``RNLIâ€™s`` is ``RNLI’s``), or None. It never changes the
    text: every span indexes the input as it came, so the fix is the user's to make (``ftfy.fix_text``
    before parsing). Reads the text; ftfy is imported on the first text that is not ASCII, since
    mojibake is made of characters beyond it. ``report_mojibake(state)`` is the pipeline's finishing
    step that adds the warning to a parse, under the parsers' guard: a check that only reports must
    never cost the story (a broken environment without ftfy gets a warning, not a lost parse).

>>> print(mojibake_warning("The RNLIâ€™s volunteers launched at dawn."))  # doctest: +NORMALIZE_WHITESPACE
text looks like mojibake (another encoding decoded as this one) at 4: 'RNLIâ€™s', which ftfy reads
as 'RNLI’s'; the text is kept as it is
>>> mojibake_warning("Größe, café, Москва, 北京") is None
True
"""

from __future__ import annotations

from wirecut.patterns import lazy
from wirecut.spans import ParseState

# The word (or run of non-space characters) around a position, to show the user what was found.
_AROUND_RE = lazy(r"\S{0,30}$")
_AFTER_RE = lazy(r"\S{0,30}")


def mojibake_warning(text: str) -> str | None:
    """A warning when ``text`` looks like mojibake (ftfy's ``badness`` patterns), else None."""
    if text.isascii():
        return None
    import ftfy
    from ftfy.badness import BADNESS_RE

    found = BADNESS_RE.search(text)
    if found is None:
        return None
    before = _AROUND_RE.search(text, max(0, found.start() - 30), found.start())
    after = _AFTER_RE.match(text, found.end(), found.end() + 30)
    start = before.start() if before else found.start()
    end = after.end() if after else found.end()
    shown = text[start:end]
    return (
        f"text looks like mojibake (another encoding decoded as this one) at {start}: {shown!r},"
        f" which ftfy reads as {ftfy.fix_encoding(shown)!r}; the text is kept as it is"
    )


def report_mojibake(state: ParseState) -> None:
    """Finishing step: add the mojibake warning of the parsed text, if it has one."""
    warning = mojibake_warning(state.text)
    if warning:
        state.warnings.append(warning)
