"""The parsers: one part each, every one a function ``parse(state) -> None`` that claims spans.

Their order is data, in ``wirecut.pipeline.DEFAULT_RULES``.
"""
