"""The errors wirecut raises: each carries one line that a user can act on."""

from __future__ import annotations


class WirecutError(Exception):
    """Base of wirecut's errors."""


class InputError(WirecutError):
    """An input that cannot be read as text: missing, a directory, unreadable, binary, too large."""


class ConfigError(WirecutError, ValueError):
    """A configuration that cannot be used: a malformed rule, or a rule that cannot reach worker processes."""
