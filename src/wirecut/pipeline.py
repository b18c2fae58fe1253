"""The ordered table of parsers, and how a caller edits it.

Contract:
    The rules are ``(name, parser)`` pairs run in order over one ``ParseState``; each parser claims
    spans of the untouched input and may leave findings (``state.findings``) for later ones. After
    them, the finishing steps (the year of every dateline) run, and ``assemble`` folds the claims
    into a ``Story``; each under the same guard. ``wirecut.Config`` holds the rules with the lexicon
    and is how a caller edits them: ``DEFAULT_CONFIG.before("dateline", "mine", my_parser)``. The
    mutable ``Pipeline`` table stays for callers of ``parse(text, pipeline=...)``.

The order matters and says why: markup and page furniture first, since they bound everything else;
notes and captions next, since their forms are distinctive and a caption's dateline must not be taken
for the story's; teasers before the story dateline (a listing page is all teasers); then the story's
own parts; then what the page is (``kind``), which needs all of them; leftovers last, so that no
character is lost.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from wirecut.errors import ConfigError
from wirecut.language import judge_language
from wirecut.lexicon import DEFAULT_LEXICON, Lexicon
from wirecut.parsers import (
    anpa,
    body,
    byline,
    caption,
    dateline,
    furniture,
    headline,
    kind,
    leftover,
    markup,
    notes,
    related,
    residue,
)
from wirecut.parsers.dateline import find_datelines
from wirecut.quality import report_mojibake
from wirecut.spans import LABELS, Claim, ParseState, Span
from wirecut.story import Byline, Caption, Dateline, Headline, Note, Paragraph, Related, Residue, Story
from wirecut.years import resolve_years

Parser = Callable[[ParseState], None]

DEFAULT_RULES: tuple[tuple[str, Parser], ...] = (
    ("markup", markup.parse),
    ("anpa", anpa.parse),
    ("residue", residue.parse),
    ("notes", notes.parse),
    ("caption", caption.parse),
    ("related", related.parse),
    ("dateline", dateline.parse),
    ("byline", byline.parse),
    ("furniture", furniture.parse),
    ("headline", headline.parse),
    ("body", body.parse),
    ("kind", kind.parse),
    ("leftover", leftover.parse),
)


def check_rules(rules: Iterable[tuple[str, Parser]]) -> None:
    """Refuse a table with a rule that is no ``(name, callable)`` pair or two rules of one name."""
    seen: set[str] = set()
    for rule in rules:
        if not (isinstance(rule, tuple) and len(rule) == 2 and isinstance(rule[0], str) and callable(rule[1])):
            raise ConfigError(f"a rule is a (name, parser) pair with a callable parser, not {rule!r}")
        if rule[0] in seen:
            raise ConfigError(f"two rules are named {rule[0]!r}: each rule of the table needs its own name")
        seen.add(rule[0])


#: The record each label's part must be, as ``assemble`` folds it into the Story.
PART_TYPES: dict[str, type] = {
    "headline": Headline,
    "dateline": Dateline,
    "byline": Byline,
    "caption": Caption,
    "paragraph": Paragraph,
    "related": Related,
    "note": Note,
    "residue": Residue,
}


@lru_cache(maxsize=1)
def contract_kinds() -> dict[str, frozenset[str]]:
    """The kinds that the shipped ``wirecut/1`` schema allows a note, a residue and a story (its ``enum``)."""
    schema = json.loads(resources.files("wirecut").joinpath("output.schema.json").read_text("utf-8"))

    def resolved(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:  # "#/$defs/residue" and the like
            target: Any = schema
            for key in node["$ref"].lstrip("#/").split("/"):
                target = target[key]
            node = target
        return node

    kinds = {}
    for label, key in (("note", "notes"), ("residue", "residue")):
        items = resolved(resolved(schema["properties"][key])["items"])
        kinds[label] = frozenset(resolved(items["properties"]["kind"])["enum"])
    kinds["story"] = frozenset(resolved(schema["properties"]["kind"])["enum"])  # what the page is
    return kinds


def check_claims(name: str, claims: Iterable[Claim]) -> None:
    """Refuse the claims of rule ``name`` whose label, part or kind the ``wirecut/1`` contract has not.

    Such a claim would hold characters that ``to_dict`` never shows: lost without a word.
    """
    kinds = contract_kinds()
    for claim in claims:
        expected = PART_TYPES.get(claim.label)
        if expected is None:
            raise ConfigError(
                f"rule {name!r} claimed a part labelled {claim.label!r}; the labels are {', '.join(LABELS)}"
            )
        if not isinstance(claim.part, expected):
            raise ConfigError(
                f"rule {name!r} claimed a {claim.label!r} whose part is a {type(claim.part).__name__},"
                f" not a wirecut.{expected.__name__}"
            )
        allowed = kinds.get(claim.label)
        kind = getattr(claim.part, "kind", None)  # a Note's or a Residue's
        if allowed is not None and kind not in allowed:
            raise ConfigError(
                f"rule {name!r} claimed a {claim.label} of kind {kind!r}; the kinds are {', '.join(sorted(allowed))}"
            )


def check_kind(name: str, kind: str | None) -> None:
    """Refuse a page kind (``findings.kind``) that rule ``name`` set and the contract has not."""
    allowed = contract_kinds()["story"]
    if kind is not None and kind not in allowed:
        raise ConfigError(f"rule {name!r} set the page's kind to {kind!r}; the kinds are {', '.join(sorted(allowed))}")


@dataclass
class Pipeline:
    """An editable, ordered table of parsers; ``ConfigError`` for a rule of a name it already has."""

    rules: list[tuple[str, Parser]] = field(default_factory=lambda: list(DEFAULT_RULES))

    def __post_init__(self) -> None:
        self.rules = list(self.rules)
        check_rules(self.rules)

    def names(self) -> list[str]:
        """The rules' names, in the order they run."""
        return [name for name, _ in self.rules]

    def copy(self) -> Pipeline:
        """A table of the same rules that can be edited apart from this one."""
        return Pipeline(list(self.rules))

    def _index(self, name: str) -> int:
        for index, (rule_name, _) in enumerate(self.rules):
            if rule_name == name:
                return index
        raise KeyError(f"no parser named {name!r}; the pipeline has {', '.join(self.names())}")

    def insert_before(self, anchor: str, name: str, parser: Parser) -> Pipeline:
        """Run ``parser`` as ``name`` just before the rule ``anchor`` (``KeyError`` if there is none)."""
        check_rules([*self.rules, (name, parser)])
        self.rules.insert(self._index(anchor), (name, parser))
        return self

    def insert_after(self, anchor: str, name: str, parser: Parser) -> Pipeline:
        """Run ``parser`` as ``name`` just after the rule ``anchor`` (``KeyError`` if there is none)."""
        check_rules([*self.rules, (name, parser)])
        self.rules.insert(self._index(anchor) + 1, (name, parser))
        return self

    def replace(self, name: str, parser: Parser) -> Pipeline:
        """Make ``parser`` the rule ``name``."""
        self.rules[self._index(name)] = (name, parser)
        return self

    def remove(self, name: str) -> Pipeline:
        """Drop the rule ``name`` (the leftover parser still runs last: nothing is lost)."""
        del self.rules[self._index(name)]
        return self

    def run(
        self,
        text: str,
        *,
        source: str | None = None,
        reference_date: dt.date | None = None,
        warnings: Iterable[str] = (),
    ) -> Story:
        """Parse ``text`` with these rules and the default lexicon (``wirecut.Config`` holds both)."""
        check_rules(self.rules)  # the list is the caller's to edit: checked again before it runs
        return run_rules(
            tuple(self.rules), DEFAULT_LEXICON, text, source=source, reference_date=reference_date, warnings=warnings
        )


DEFAULT = Pipeline()

# The parsers wirecut ships, whose claims the tests hold to the contract: not checked on every text.
_SHIPPED_PARSERS = frozenset(parser for _, parser in DEFAULT_RULES)

#: The steps after the parsers, in order, each under the same guard as a parser: the leftover parser
#: (when the table does not end with it), then the year of every dateline (``wirecut.years``), then
#: the mojibake warning (``wirecut.quality``).
FINISHING_STEPS: tuple[tuple[str, Parser], ...] = (("years", resolve_years), ("mojibake", report_mojibake))


def run_rules(
    rules: Sequence[tuple[str, Parser]],
    lexicon: Lexicon,
    text: str,
    *,
    source: str | None = None,
    reference_date: dt.date | None = None,
    warnings: Iterable[str] = (),
) -> Story:
    """Run ``rules`` over one text with ``lexicon``, then the finishing steps, and fold it into a Story.

    A bug in any of them (a parser, a finishing step, ``assemble``) costs a warning, never the text:
    a failed step is skipped, and a story that cannot be assembled is given back as the whole text
    in one residue of kind ``unknown``. A rule that is not one of the shipped parsers has its claims
    checked (``check_claims``): a label, part or kind outside the contract raises ``ConfigError``,
    since its characters would vanish from ``to_dict``. The cyclic collector is left as the caller has it (a batch
    worker pauses it; a process-wide switch is no business of a library that threads may call).
    """
    state = ParseState(text, reference_date=reference_date, lexicon=lexicon)
    state.warnings.extend(warnings)
    for name, parser in rules:
        before = len(state.claims)
        _run_guarded(state, name, parser)
        if parser not in _SHIPPED_PARSERS:  # the shipped parsers' claims are checked by the test suite
            check_claims(name, state.claims[min(before, len(state.claims)) :])
            check_kind(name, state.findings.kind)
    if not rules or rules[-1][1] is not leftover.parse:
        _run_guarded(state, "leftover", leftover.parse)
    for name, step in FINISHING_STEPS:
        _run_guarded(state, name, step)
    try:
        return assemble(state, source)
    except Exception as exc:  # the parts found cannot be folded: keep every character, say why
        state.warnings.append(f"assembling the story failed on this text: {type(exc).__name__}: {exc}")
        return unassembled(state, source)


def _run_guarded(state: ParseState, name: str, parser: Parser) -> None:
    try:
        parser(state)
    except TimeoutError:
        state.warnings.append(f"parser {name} gave up on this text (pattern time limit)")
    except Exception as exc:  # a parser's bug must not cost the user the whole text
        state.warnings.append(f"parser {name} failed on this text: {type(exc).__name__}: {exc}")


def assemble(state: ParseState, source: str | None) -> Story:
    """Fold the claims of a finished state into a Story."""
    by_label: dict[str, list[Any]] = {}
    for claim in sorted(state.claims, key=lambda c: c.span.start):
        by_label.setdefault(claim.label, []).append(claim.part)
    headline_parts = by_label.get("headline", [])
    dateline_parts = by_label.get("dateline", [])
    story_dateline = dateline_parts[0] if dateline_parts else None
    # The language's doubt is a warning beside the parsers' (the encoding's is a finishing step's).
    language = judge_language(state.text, story_dateline)
    doubts = [language.doubt] if language.doubt else []
    return Story(
        text=state.text,
        source=source,
        language=language.tag,
        kind=state.findings.kind or ("story" if state.text.strip() else "none"),
        headline=headline_parts[0] if headline_parts else None,
        dateline=story_dateline,
        bylines=tuple(by_label.get("byline", [])),
        captions=tuple(by_label.get("caption", [])),
        paragraphs=tuple(by_label.get("paragraph", [])),
        related=tuple(by_label.get("related", [])),
        notes=tuple(by_label.get("note", [])),
        residue=tuple(by_label.get("residue", [])),
        warnings=(*state.warnings, *doubts),
        trace=tuple(state.claims),
    )


def unassembled(state: ParseState, source: str | None) -> Story:
    """The story of a text whose parts could not be assembled: all of it one residue of kind ``unknown``."""
    text = state.text
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    if start >= end:
        return Story(text=text, source=source, kind="none", warnings=tuple(state.warnings))
    residue = Residue("unknown", " ".join(text[start:end].split()), Span(start, end))
    claim = Claim("residue", residue.span, residue, "leftover")
    return Story(text=text, source=source, residue=(residue,), warnings=tuple(state.warnings), trace=(claim,))


__all__ = [
    "DEFAULT",
    "DEFAULT_RULES",
    "FINISHING_STEPS",
    "Parser",
    "Pipeline",
    "assemble",
    "check_claims",
    "check_kind",
    "check_rules",
    "contract_kinds",
    "find_datelines",
    "run_rules",
    "unassembled",
]
