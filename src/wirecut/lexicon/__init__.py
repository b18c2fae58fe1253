"""Lexicons as data: month names and agency names, loaded once from the JSON files beside this module.

Users extend them without forking: ``register_agency("Sputnik", ["Sputnik"])`` or
``register_months("xx", {"name": 1})`` before parsing; both rebuild the patterns that read them.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resources.files(__name__).joinpath(name).read_text("utf-8"))
    return data


_MONTHS: dict[str, dict[str, int]] = {}
_AGENCIES: dict[str, str] = {}


def _init() -> None:
    months = _load("months.json")
    for section in ("cldr", "wire"):
        for lang, names in months[section].items():
            _MONTHS.setdefault(lang, {}).update(names)
    for canonical, forms in _load("agencies.json")["agencies"].items():
        for form in forms:
            _AGENCIES[form] = canonical


_init()


def months() -> dict[str, dict[str, int]]:
    """Month names by language, lower case, without a trailing period: ``{"en": {"april": 4, ...}}``."""
    return _MONTHS


def month_number(name: str) -> int | None:
    """The month a written name stands for in any known language (``"Sept."`` is 9), or None."""
    return _month_index().get(name.lower().rstrip("."))


@lru_cache(maxsize=1)
def _month_index() -> dict[str, int]:
    index: dict[str, int] = {}
    # English first so that an ambiguous abbreviation reads as English wire copy reads it.
    for lang in ["en", *sorted(set(_MONTHS) - {"en"})]:
        for name, number in _MONTHS[lang].items():
            index.setdefault(name, number)
    return index


def agency_forms() -> dict[str, str]:
    """Written form to canonical name: ``{"新华社": "Xinhua", "ITAR-TASS": "TASS", ...}``."""
    return _AGENCIES


def canonical_agency(written: str) -> str:
    """The contract's canonical name of an agency as written; an unknown agency keeps its form."""
    written = written.strip()
    return _AGENCIES.get(written) or _AGENCIES.get(written.strip("/ .")) or written


def register_agency(canonical: str, forms: list[str]) -> None:
    """Teach wirecut an agency; patterns that read the agency list are rebuilt on next use."""
    for form in forms:
        _AGENCIES[form] = canonical
    _changed()


def register_months(lang: str, names: dict[str, int]) -> None:
    """Add month names for a language; patterns that read month names are rebuilt on next use."""
    _MONTHS.setdefault(lang, {}).update({k.lower().rstrip("."): v for k, v in names.items()})
    _month_index.cache_clear()
    _changed()


_listeners: list[Any] = []


def on_change(callback: Any) -> None:
    """Call ``callback()`` whenever a lexicon changes (parsers use it to drop compiled patterns)."""
    _listeners.append(callback)


def _changed() -> None:
    for callback in _listeners:
        callback()


@lru_cache(maxsize=1)
def multiword_places() -> frozenset[str]:
    """Dateline places of several words, in capitals (``"NEW YORK"``, ``"DAR ES SALAAM"``)."""
    return frozenset(p.upper() for p in _load("places.json")["multiword"])


_MARKERS: dict[str, dict[str, list[str]]] = {k: v for k, v in _load("markers.json").items() if not k.startswith("_")}


@lru_cache(maxsize=64)
def marker_forms(kind: str) -> list[str]:
    """Every form of a kind of marker ("share", "advertisement", "related_label", ...), longest first."""
    forms = {form for by_lang in [_MARKERS.get(kind, {})] for forms in by_lang.values() for form in forms}
    return sorted(forms, key=lambda f: (-len(f), f))


def marker_languages(kind: str) -> dict[str, list[str]]:
    """The forms of a kind of marker by language."""
    return _MARKERS.get(kind, {})


def register_markers(kind: str, lang: str, forms: list[str]) -> None:
    """Teach wirecut more forms of a marker; patterns that read them are rebuilt on next use."""
    _MARKERS.setdefault(kind, {}).setdefault(lang, []).extend(forms)
    _changed()


@lru_cache(maxsize=64)
def alternation(kind: str) -> str:
    """A regex alternation of a marker kind's forms, case-insensitive, spaces matching any white space."""
    import regex

    parts = [regex.escape(form).replace("\\ ", r"\s+") for form in marker_forms(kind)]
    return "(?i:" + "|".join(parts) + ")"


on_change(alternation.cache_clear)
on_change(marker_forms.cache_clear)
