"""Patterns compiled when first used, not when their module is imported.

wirecut holds a few hundred named patterns, and a one-shot ``wirecut parse`` or ``wirecut --version``
needs few or none of them: compiling them all at import cost more than the parse itself. ``lazy``
gives an object that stands in for the compiled pattern and compiles it on the first call of any of
its methods; from then on each method is the compiled pattern's own bound method, stored on the
stand-in, so a call costs what a call on the compiled pattern costs.

>>> YEAR_RE = lazy(r"(?:19|20)\\d\\d")
>>> YEAR_RE.compiled
False
>>> YEAR_RE.search("filed in 2024").group(0)
'2024'
>>> YEAR_RE.compiled
True
"""

from __future__ import annotations

from typing import Any, cast

import regex


class LazyPattern:
    """The source and flags of a pattern, compiled into ``regex`` the first time a method is asked for.

    ``pattern`` (the source) is known without compiling, so patterns built from other patterns' sources
    stay lazy too. Pickles as its source and flags: a worker process compiles its own copy when needed.
    """

    def __init__(self, source: str, flags: int = 0) -> None:
        self.pattern = source
        self._flags = flags
        self._regex: regex.Pattern[str] | None = None

    @property
    def compiled(self) -> bool:
        """True once the pattern has been compiled (for tests and the start-up benchmark)."""
        return self._regex is not None

    def _compile(self) -> regex.Pattern[str]:
        if self._regex is None:
            self._regex = regex.compile(self.pattern, self._flags)
        return self._regex

    def __getattr__(self, name: str) -> Any:
        # Only reached for names not already on the stand-in: the first ``search``, ``finditer``,
        # ``flags``... compiles the pattern and stores the compiled pattern's attribute here, so the
        # next lookup finds it at once. Dunder lookups (pickle, copy) must not compile.
        if name.startswith("__"):
            raise AttributeError(name)
        value = getattr(self._compile(), name)
        setattr(self, name, value)
        return value

    def __reduce__(self) -> tuple[type[LazyPattern], tuple[str, int]]:
        return LazyPattern, (self.pattern, self._flags)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}, flags={self._flags})"


def lazy(source: str, flags: int = 0) -> regex.Pattern[str]:
    """A pattern that compiles ``source`` with ``flags`` when first used; typed as the compiled pattern.

    Use it for every pattern defined at module level: importing a module then compiles nothing.
    """
    return cast("regex.Pattern[str]", LazyPattern(source, flags))
