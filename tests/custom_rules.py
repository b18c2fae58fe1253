"""A user's configuration, as the worker tests send it: its rule is a module-level function, so it pickles."""

from __future__ import annotations

import regex

from wirecut import DEFAULT_CONFIG, Config
from wirecut.spans import ParseState, Span
from wirecut.story import Note

# A newsroom's own transmission slug on a line of its own: "SLUG-42".
SLUG_RE = regex.compile(r"^SLUG-\d+(?=[ \t]*$)", regex.MULTILINE)


def claim_slugs(state: ParseState) -> None:
    """Claim each slug line as an editors' note (as "2ND LEAD" is one), before the story parsers see it."""
    for m in SLUG_RE.finditer(state.text):
        note = Note("ednote", m.group(0), (), Span(m.start(), m.end()))
        state.claim("note", m.start(), m.end(), note, "slug")


def newsroom_config() -> Config:
    """The default config, an agency it does not know and the slug rule."""
    return DEFAULT_CONFIG.register_agency("Zenit Wire", ["ZW", "Zenit"]).before("residue", "slug", claim_slugs)


def newsroom_texts(count: int = 6) -> list[str]:
    """Texts that the newsroom config parses differently from the default one."""
    places = ["KRAKOW", "GDANSK", "POZNAN"]
    return [
        f"SLUG-{n}\n{places[n % 3]}, May {n + 1} (ZW) -- Officials met on Tuesday to talk about item {n}.\n"
        for n in range(count)
    ]
