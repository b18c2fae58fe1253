"""Configuration as a value: the parser table and the lexicon that one parse runs with.

Contract:
    A ``Config`` is frozen: its ``rules`` (the ``(name, parser)`` table, in order) and its ``lexicon``
    (months, agencies, places, markers, with the patterns built from them kept on it). Every edit
    gives a new config and leaves the old one as it was: ``before``/``after``/``at``/``remove`` edit
    the table by name, ``register_agency``/``register_months``/``register_markers`` the lexicon,
    ``replace(rules=..., lexicon=...)`` either field. ``wirecut.parse(text, config=c)`` parses with
    it, and so do ``parse_many``, ``run_batch`` and ``wirecut.dask.parse_bag``: a config pickles, and
    each worker process receives it whole.
    Pickling: the lexicon's data travel, its compiled patterns do not (a worker builds its own once);
    the parsers travel by reference, so a custom rule must be a module-level function of a module the
    workers can import (no lambda, no function defined inside another). ``pickled()`` says so with a
    ``ConfigError`` when a config is handed to workers, before any text is parsed.

``DEFAULT_CONFIG`` is the shipped table with ``wirecut.lexicon.DEFAULT_LEXICON``, which the
module-level ``lexicon.register_*`` functions edit in place (the shape wirecut had before).

>>> mine = DEFAULT_CONFIG.register_agency("Sputnik", ["Sputnik"])
>>> mine.run("HAVANA, May 2 (Sputnik) -- Talks resumed.").dateline.agency
'Sputnik'
>>> "Sputnik" in DEFAULT_CONFIG.lexicon.agency_forms()
False
"""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field
from dataclasses import replace as _replace
from functools import lru_cache
from typing import Any

from wirecut.errors import ConfigError
from wirecut.lexicon import DEFAULT_LEXICON, Lexicon
from wirecut.pipeline import DEFAULT_RULES, Parser, run_rules
from wirecut.story import Story


@dataclass(frozen=True)
class Config:
    """The rules and the lexicon of a parse; edited by methods that return a new config.

    ``Config()`` is the shipped table with a fresh copy of the shipped lexicon. Custom rules must be
    module-level functions for the config to reach worker processes (see the module's contract).
    """

    rules: tuple[tuple[str, Parser], ...] = DEFAULT_RULES
    lexicon: Lexicon = field(default_factory=Lexicon.load)

    def __post_init__(self) -> None:
        rules = tuple((name, parser) for name, parser in self.rules)
        names = [name for name, _ in rules]
        for name, parser in rules:
            if not isinstance(name, str) or not callable(parser):
                raise ConfigError(f"a rule is a (name, parser) pair with a callable parser, not ({name!r}, {parser!r})")
        if len(set(names)) != len(names):
            raise ConfigError(f"two rules have the same name: {', '.join(names)}")
        if not isinstance(self.lexicon, Lexicon):
            raise ConfigError(f"lexicon must be a wirecut.lexicon.Lexicon, not {type(self.lexicon).__name__}")
        object.__setattr__(self, "rules", rules)

    def __repr__(self) -> str:
        return f"Config(rules=[{', '.join(self.names())}], lexicon={self.lexicon!r})"

    # The table.
    def names(self) -> list[str]:
        """The rules' names, in the order they run."""
        return [name for name, _ in self.rules]

    def _index(self, name: str) -> int:
        for index, (rule_name, _) in enumerate(self.rules):
            if rule_name == name:
                return index
        raise KeyError(f"no rule named {name!r}; the config has {', '.join(self.names())}")

    def before(self, anchor: str, name: str, parser: Parser) -> Config:
        """A config with ``parser`` run just before the rule named ``anchor``."""
        at = self._index(anchor)
        return self.replace(rules=(*self.rules[:at], (name, parser), *self.rules[at:]))

    def after(self, anchor: str, name: str, parser: Parser) -> Config:
        """A config with ``parser`` run just after the rule named ``anchor``."""
        at = self._index(anchor) + 1
        return self.replace(rules=(*self.rules[:at], (name, parser), *self.rules[at:]))

    def at(self, name: str, parser: Parser) -> Config:
        """A config whose rule ``name`` is ``parser`` instead (markdown-it's ``Ruler.at``)."""
        at = self._index(name)
        return self.replace(rules=(*self.rules[:at], (name, parser), *self.rules[at + 1 :]))

    def remove(self, name: str) -> Config:
        """A config without the rule ``name`` (the leftover parser still runs last: nothing is lost)."""
        at = self._index(name)
        return self.replace(rules=(*self.rules[:at], *self.rules[at + 1 :]))

    # The lexicon.
    def register_agency(self, canonical: str, forms: list[str]) -> Config:
        """A config that knows an agency: ``forms`` are how it is written, ``canonical`` its name."""
        return self.replace(lexicon=self.lexicon.with_agency(canonical, forms))

    def register_months(self, lang: str, names: dict[str, int]) -> Config:
        """A config that knows more month names of a language."""
        return self.replace(lexicon=self.lexicon.with_months(lang, names))

    def register_markers(self, kind: str, lang: str, forms: list[str]) -> Config:
        """A config that knows more forms of a marker ("read_more", "share", "related_label", ...)."""
        return self.replace(lexicon=self.lexicon.with_markers(kind, lang, forms))

    # Values.
    def copy(self) -> Config:
        """An equal config with a lexicon of its own (its patterns built anew on first use)."""
        return Config(self.rules, self.lexicon.copy())

    def replace(self, **changes: Any) -> Config:
        """A config with some fields changed: ``config.replace(lexicon=other)``."""
        return _replace(self, **changes)

    def run(
        self,
        text: str,
        *,
        source: str | None = None,
        reference_date: dt.date | None = None,
        warnings: Iterable[str] = (),
    ) -> Story:
        """Parse one ``str`` with this config (``wirecut.parse`` checks its arguments, then calls this)."""
        return run_rules(
            self.rules, self.lexicon, text, source=source, reference_date=reference_date, warnings=warnings
        )

    def pickled(self) -> bytes:
        """This config as bytes for a worker process; ``ConfigError`` when a rule cannot travel.

        >>> def mine(state): pass
        >>> DEFAULT_CONFIG.after("markup", "mine", mine).pickled()  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        wirecut.errors.ConfigError: rule 'mine' cannot be sent to worker processes ...
        """
        for name, parser in self.rules:
            try:
                pickle.dumps(parser)
            except (pickle.PicklingError, AttributeError, TypeError) as exc:
                raise ConfigError(
                    f"rule {name!r} cannot be sent to worker processes ({exc}): a custom rule must be a"
                    " module-level function of an importable module, not a lambda or a nested function"
                ) from None
        return pickle.dumps(self)


@lru_cache(maxsize=4)
def loaded(data: bytes) -> Config:
    """The config that ``Config.pickled`` gave, in a worker process.

    A worker is sent the same bytes with every chunk of a job; it unpickles them once and keeps the
    config, whose lexicon then keeps the patterns it compiled (some 50 ms of work) for the next chunk.
    """
    config = pickle.loads(data)
    if not isinstance(config, Config):
        raise ConfigError(f"not a pickled wirecut.Config but a {type(config).__name__}")
    return config


#: The shipped table with the default lexicon (which ``wirecut.lexicon.register_*`` edit in place).
DEFAULT_CONFIG = Config(DEFAULT_RULES, DEFAULT_LEXICON)

__all__ = ["DEFAULT_CONFIG", "Config", "ConfigError", "loaded"]
