"""A datatrove pipeline step: wire copy cleaned to its story, the structure kept, non-stories dropped.

Contract:
    ``WirecutCleaner`` is a datatrove filter step (``BaseFilter``). For each ``Document`` it parses
    ``doc.text`` (``source`` is ``doc.id``; the reference date is ``doc.metadata[date_key]`` when
    given), and then either drops the document, with the reason ``kind_<kind>`` in datatrove's stats
    (and in ``metadata["filter_reason"]`` for the ``exclusion_writer``), when its ``kind`` is not in
    ``keep_kinds`` or its story is empty; or keeps it with ``doc.text`` replaced by the clean story
    (headline, a blank line, the paragraphs: ``text="headline+body"``; or the body alone:
    ``text="body"``) and the whole ``wirecut/1`` record, every key present
    (``tabular.complete``), in ``doc.metadata[metadata_key]``. The spans in it index the text as it
    was: ``keep_input_text=True`` keeps that text in the record as ``input_text``.
    Reads: datatrove (the ``datatrove`` extra), imported with this module.
    Never: raises for a document's text (``wirecut.parse`` never does); a bad date in the metadata
    is a warning in the record, as in ``wirecut batch --date-field``.

LLM pretraining pipelines (FineWeb's and its descendants) read scraped news as it comes: captions,
share buttons, teasers for other stories and sign-offs inside the text, and pages that are no story
at all (section fronts, galleries). This step removes all of that and says what it removed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

try:
    from datatrove.pipeline.filters.base_filter import BaseFilter
except ImportError as exc:  # pragma: no cover - exercised where datatrove is absent
    raise ImportError(f"wirecut.datatrove needs datatrove: pip install 'wirecut[datatrove]' ({exc})") from None

import wirecut
from wirecut.batch.records import reference_date
from wirecut.tabular import INPUT_TEXT_KEY, complete

#: What a kept document's text becomes.
TEXT_FORMS = ("headline+body", "body")


class WirecutCleaner(BaseFilter):
    """Clean each Document's text to its story, keep the parts in its metadata, drop what is no story.

    >>> from datatrove.data import Document
    >>> step = WirecutCleaner()
    >>> [doc] = step.run([Document(text="PARIS, May 2 (AFP) - Rain fell. Share", id="d1")])
    >>> doc.text, doc.metadata["wirecut"]["dateline"]["location"]
    ('Rain fell.', 'PARIS')
    """

    name = "✂️ wirecut"
    type = "🧹 - CLEAN"

    def __init__(
        self,
        *,
        keep_kinds: Iterable[str] = ("story", "digest"),
        text: str = "headline+body",
        metadata_key: str = "wirecut",
        date_key: str | None = None,
        keep_input_text: bool = False,
        config: wirecut.Config | None = None,
        exclusion_writer: Any = None,
    ) -> None:
        if text not in TEXT_FORMS:
            raise ValueError(f"text must be one of {', '.join(TEXT_FORMS)}, not {text!r}")
        super().__init__(exclusion_writer)
        self.keep_kinds = frozenset(keep_kinds)
        self.text = text
        self.metadata_key = metadata_key
        self.date_key = date_key
        self.keep_input_text = keep_input_text
        self.config = config

    def filter(self, doc: Any) -> bool | tuple[bool, str]:
        date, warnings = None, []
        if self.date_key is not None and doc.metadata.get(self.date_key) not in (None, ""):
            value = doc.metadata[self.date_key]
            try:
                date = reference_date(value)
            except (ValueError, OverflowError):
                warnings.append(f"date field {self.date_key!r} holds {value!r}, which is not a date")
        story = wirecut.parse(doc.text, source=doc.id, reference_date=date, config=self.config)
        kind = story.kind
        self.stat_update(f"kind_{kind}")
        record = complete(story.to_dict())
        record["warnings"] = [*record["warnings"], *warnings]
        if self.keep_input_text:
            record[INPUT_TEXT_KEY] = story.text
        doc.metadata[self.metadata_key] = record
        if kind not in self.keep_kinds:
            return False, f"kind_{kind}"
        if not story.paragraphs:
            return False, "no_body"
        if self.text == "headline+body" and story.headline is not None:
            doc.text = f"{story.headline.text}\n\n{story.body}"
        else:
            doc.text = story.body
        return True
