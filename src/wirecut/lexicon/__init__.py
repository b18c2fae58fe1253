"""Lexicons as data: month names, agency names, places, markers and page furniture's words, from the JSON files
beside this module.

Contract:
    A ``Lexicon`` is a value: the data of the five files, read through methods (``month_number``,
    ``canonical_agency``, ``marker_forms``, ...). It is edited by methods that return a new lexicon
    (``with_agency``, ``with_months``, ``with_markers``), so two configurations never share an edit.
    Patterns built from a lexicon are made once and kept on it (``derived``); a copy starts without
    them and builds its own. It pickles with its data only: a worker process rebuilds the patterns.

``DEFAULT_LEXICON`` is the lexicon of ``wirecut.DEFAULT_CONFIG``. The module-level functions read it, and
``register_agency("Sputnik", ["Sputnik"])``, ``register_months`` and ``register_markers`` edit it in place
(the shape wirecut had before configurations were values); a ``wirecut.Config`` made by
``DEFAULT_CONFIG.register_agency(...)`` leaves it untouched.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from importlib import resources
from typing import Any, TypeVar

Derived = TypeVar("Derived")


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resources.files(__name__).joinpath(name).read_text("utf-8"))
    return data


class Lexicon:
    """Months, agencies, places and markers, with the patterns built from them kept beside the data.

    >>> mine = Lexicon.load().with_agency("Sputnik", ["Sputnik", "РИА Новости"])
    >>> mine.canonical_agency("РИА Новости"), Lexicon.load().canonical_agency("Sputnik")
    ('Sputnik', 'Sputnik')
    >>> mine.month_number("Sept."), "Sputnik" in Lexicon.load().agency_forms()
    (9, False)
    """

    __slots__ = ("_agencies", "_cache", "_lock", "_markers", "_months", "_places")

    def __init__(
        self,
        months: dict[str, dict[str, int]],
        agencies: dict[str, str],
        markers: dict[str, dict[str, list[str]]],
        places: frozenset[str],
    ) -> None:
        self._months = months
        self._agencies = agencies
        self._markers = markers
        self._places = places
        self._cache: dict[Callable[[Lexicon], Any], Any] = {}
        self._lock = threading.RLock()

    @classmethod
    def load(cls) -> Lexicon:
        """The lexicon of the data files shipped with wirecut."""
        months: dict[str, dict[str, int]] = {}
        data = _load("months.json")
        for section in ("cldr", "wire"):
            for lang, names in data[section].items():
                months.setdefault(lang, {}).update(names)
        agencies = {
            form: canonical for canonical, forms in _load("agencies.json")["agencies"].items() for form in forms
        }
        markers = {k: v for k, v in _load("markers.json").items() if not k.startswith("_")}
        # Page furniture's words (function words, weekdays, stamp and meta labels, UI phrases) are
        # marker kinds of their own, kept in their own file.
        markers.update({k: v for k, v in _load("furniture.json").items() if not k.startswith("_")})
        places = frozenset(p.upper() for p in _load("places.json")["multiword"])
        return cls(months, agencies, markers, places)

    def copy(self) -> Lexicon:
        """A lexicon with the same data and none of the patterns built from it."""
        return Lexicon(
            {lang: dict(names) for lang, names in self._months.items()},
            dict(self._agencies),
            {kind: {lang: list(forms) for lang, forms in by_lang.items()} for kind, by_lang in self._markers.items()},
            self._places,
        )

    # Pickling carries the data; the patterns and the lock stay behind (a worker builds its own).
    def __getstate__(self) -> tuple[Any, ...]:
        return (self._months, self._agencies, self._markers, self._places)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self._months, self._agencies, self._markers, self._places = state
        self._cache = {}
        self._lock = threading.RLock()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Lexicon):
            return NotImplemented
        return self.__getstate__() == other.__getstate__()

    __hash__ = None  # type: ignore[assignment]  # equal by data, which can change through the shims

    def __repr__(self) -> str:
        return f"Lexicon({len(self._months)} languages of months, {len(self._agencies)} agency forms)"

    def derived(self, build: Callable[[Lexicon], Derived]) -> Derived:
        """What ``build(self)`` gives, built on first use and kept on this lexicon (compiled patterns).

        ``build`` is the key: a parser passes the same module-level function each time.
        """
        try:
            return self._cache[build]
        except KeyError:
            pass
        with self._lock:  # two threads of one process build a pattern once
            if build not in self._cache:
                self._cache[build] = build(self)
            return self._cache[build]

    # Reading.
    def months(self) -> dict[str, dict[str, int]]:
        """Month names by language, lower case, without a trailing period: ``{"en": {"april": 4, ...}}``."""
        return self._months

    def month_number(self, name: str) -> int | None:
        """The month a written name stands for in any known language (``"Sept."`` is 9), or None."""
        return self.derived(_month_index).get(name.lower().rstrip("."))

    def agency_forms(self) -> dict[str, str]:
        """Written form to canonical name: ``{"新华社": "Xinhua", "ITAR-TASS": "TASS", ...}``."""
        return self._agencies

    def canonical_agency(self, written: str) -> str:
        """The contract's canonical name of an agency as written; an unknown agency keeps its form."""
        written = written.strip()
        return self._agencies.get(written) or self._agencies.get(written.strip("/ .")) or written

    def multiword_places(self) -> frozenset[str]:
        """Dateline places of several words, in capitals (``"NEW YORK"``, ``"DAR ES SALAAM"``)."""
        return self._places

    def marker_forms(self, kind: str) -> list[str]:
        """Every form of a kind of marker ("share", "advertisement", "related_label", ...), longest first."""
        return self.derived(_marker_forms).get(kind, [])

    def marker_languages(self, kind: str) -> dict[str, list[str]]:
        """The forms of a kind of marker by language."""
        return self._markers.get(kind, {})

    def alternation(self, kind: str) -> str:
        """A regex alternation of a marker kind's forms, case-insensitive, spaces matching any white space."""
        import regex

        parts = [regex.escape(form).replace("\\ ", r"\s+") for form in self.marker_forms(kind)]
        return "(?i:" + "|".join(parts) + ")"

    # Editing: each method gives a new lexicon and leaves this one as it is.
    def with_agency(self, canonical: str, forms: list[str]) -> Lexicon:
        """This lexicon and an agency: ``forms`` are how it is written, ``canonical`` the contract's name."""
        made = self.copy()
        made._add_agency(canonical, forms)
        return made

    def with_months(self, lang: str, names: dict[str, int]) -> Lexicon:
        """This lexicon and more month names for a language."""
        made = self.copy()
        made._add_months(lang, names)
        return made

    def with_markers(self, kind: str, lang: str, forms: list[str]) -> Lexicon:
        """This lexicon and more forms of a marker ("read_more", "share", ...) in a language."""
        made = self.copy()
        made._add_markers(kind, lang, forms)
        return made

    # In place, for the module-level shims over the default lexicon only: the patterns are dropped.
    def _add_agency(self, canonical: str, forms: list[str]) -> None:
        for form in forms:
            self._agencies[form] = canonical
        self._cache.clear()

    def _add_months(self, lang: str, names: dict[str, int]) -> None:
        self._months.setdefault(lang, {}).update({k.lower().rstrip("."): v for k, v in names.items()})
        self._cache.clear()

    def _add_markers(self, kind: str, lang: str, forms: list[str]) -> None:
        self._markers.setdefault(kind, {}).setdefault(lang, []).extend(forms)
        self._cache.clear()


def _month_index(lexicon: Lexicon) -> dict[str, int]:
    index: dict[str, int] = {}
    months = lexicon.months()
    # English first so that an ambiguous abbreviation reads as English wire copy reads it.
    for lang in ["en", *sorted(set(months) - {"en"})]:
        for name, number in months[lang].items():
            index.setdefault(name, number)
    return index


def _marker_forms(lexicon: Lexicon) -> dict[str, list[str]]:
    return {
        kind: sorted({form for forms in by_lang.values() for form in forms}, key=lambda f: (-len(f), f))
        for kind, by_lang in lexicon._markers.items()
    }


#: The lexicon of ``wirecut.DEFAULT_CONFIG``, which the module-level functions below read and edit.
DEFAULT_LEXICON = Lexicon.load()


def months() -> dict[str, dict[str, int]]:
    """Month names by language in the default lexicon."""
    return DEFAULT_LEXICON.months()


def month_number(name: str) -> int | None:
    """The month a written name stands for in the default lexicon (``"Sept."`` is 9), or None."""
    return DEFAULT_LEXICON.month_number(name)


def agency_forms() -> dict[str, str]:
    """Written form to canonical name in the default lexicon."""
    return DEFAULT_LEXICON.agency_forms()


def canonical_agency(written: str) -> str:
    """The contract's canonical name of an agency as written, by the default lexicon."""
    return DEFAULT_LEXICON.canonical_agency(written)


def multiword_places() -> frozenset[str]:
    """Dateline places of several words in the default lexicon."""
    return DEFAULT_LEXICON.multiword_places()


def marker_forms(kind: str) -> list[str]:
    """Every form of a kind of marker in the default lexicon, longest first."""
    return DEFAULT_LEXICON.marker_forms(kind)


def marker_languages(kind: str) -> dict[str, list[str]]:
    """The forms of a kind of marker by language in the default lexicon."""
    return DEFAULT_LEXICON.marker_languages(kind)


def alternation(kind: str) -> str:
    """A regex alternation of a marker kind's forms in the default lexicon."""
    return DEFAULT_LEXICON.alternation(kind)


def register_agency(canonical: str, forms: list[str]) -> None:
    """Teach the default configuration an agency (``DEFAULT_CONFIG.register_agency`` leaves it alone)."""
    DEFAULT_LEXICON._add_agency(canonical, forms)


def register_months(lang: str, names: dict[str, int]) -> None:
    """Add month names for a language to the default configuration."""
    DEFAULT_LEXICON._add_months(lang, names)


def register_markers(kind: str, lang: str, forms: list[str]) -> None:
    """Teach the default configuration more forms of a marker."""
    DEFAULT_LEXICON._add_markers(kind, lang, forms)


__all__ = [
    "DEFAULT_LEXICON",
    "Lexicon",
    "agency_forms",
    "alternation",
    "canonical_agency",
    "marker_forms",
    "marker_languages",
    "month_number",
    "months",
    "multiword_places",
    "register_agency",
    "register_markers",
    "register_months",
]
