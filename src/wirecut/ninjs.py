"""A parsed story as IPTC ninjs 2.1 (News in JSON), the form newsroom and archive systems read.

Contract:
    Consumes: a ``Story``.
    Produces: ``to_ninjs(story)``, a dict that validates against the official ninjs 2.1 JSON Schema
    (``tests/schemas/ninjs-schema_2.1.json``). Keys follow ``../spec/output.md``, "Formats of the CLI":

    ======================  =====================================================================
    wirecut                 ninjs 2.1
    ======================  =====================================================================
    (the whole text)        ``uri`` ``urn:wirecut:story:<hash of the input>``
    kind                    ``type``: ``"composite"`` for a listing or a gallery (a package of other
                            items, its associations), ``"text"`` for a story, digest or none; and
                            ``profile`` ``wirecut-<kind>``, so a reader can route by kind
    headline                ``headlines[{role: "main", value}]``
    bylines                 ``by``: the bylines as written, joined by ``"; "``
    dateline.location       ``located``
    dateline.agency         ``infosources[{name}]``
    dateline.date_iso       ``contentcreated`` as ``YYYY-MM-DDT00:00:00Z``, only when the year is known
    language                ``language`` (``und`` stays ``und``)
    body                    ``bodies[{role: "main", contenttype: "text/plain", value, charcount, wordcount}]``
    captions                ``associations[{name: "picture1", uri, type: "picture", by: credit,
                            descriptions[{role: "caption", value}]}]``
    related                 ``associations[{name: "related1", uri, type: "text", headlines,
                            descriptions[{role: "summary", value}]}]``
    notes of kind ednote    ``ednote`` (ninjs: "intended to be read by internal staff")
    notes of kind copyright ``copyrightnotice``
    ======================  =====================================================================

    A key whose value wirecut does not have is left out (ninjs has no null values). Residue, the raw
    dateline text and the other notes have no ninjs slot; they stay in the ``wirecut/1`` output.
    Reads: nothing but the story. Never raises on any story.

Why a synthetic ``urn:wirecut:`` uri: ninjs requires ``uri`` on the item and on every association, and
scraped text carries no identifier. A hash of the content is stable across runs and machines, so the
same text (or the same photo caption in two stories) always gets the same uri.

Why midnight UTC: ``contentcreated`` is a date-time, and a dateline gives only a day. The time is
unknown; ``T00:00:00Z`` is the conventional stand-in and readers should treat it as a date.
"""

from __future__ import annotations

import hashlib
from typing import Any

from wirecut.patterns import lazy
from wirecut.story import Dateline, Story

#: Characters of scripts written without spaces between words: each one counts as a word, as CJK word
#: counts in newsrooms do (a Xinhua Chinese story has no spaces to count).
_UNSPACED_CHAR_RE = lazy(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
#: A word of a spaced script: a run of letters, digits and the marks and joiners inside words
#: (``don't``, ``COVID-19``, ``U.S.``).
_SPACED_WORD_RE = lazy(r"[\p{L}\p{N}\p{M}](?:[\p{L}\p{N}\p{M}'’.\-]*[\p{L}\p{N}\p{M}])?")
_FULL_DATE_RE = lazy(r"\A\d{4}-\d{2}-\d{2}\Z")


def count_words(text: str) -> int:
    """Words in ``text``: spaced-script words, plus one per Han or kana character.

    >>> count_words("Xi Jinping on Tuesday called for U.S.-style rules.")
    8
    >>> count_words("新华社北京4月19日电")
    10
    """
    unspaced = len(_UNSPACED_CHAR_RE.findall(text))
    spaced = len(_SPACED_WORD_RE.findall(_UNSPACED_CHAR_RE.sub(" ", text)))
    return unspaced + spaced


def synthetic_uri(kind: str, *content: str | None) -> str:
    """A stable ``urn:wirecut:<kind>:<hash>`` for content that has no identifier of its own.

    >>> synthetic_uri("text", "BEIJING, April 19 (Xinhua) -- Hello.")
    'urn:wirecut:text:95cdbfac28693a1f2088aed8'
    """
    digest = hashlib.sha256()
    for piece in content:
        # A separator that text cannot contain keeps ("ab", "c") and ("a", "bc") apart.
        digest.update(b"\x00" if piece is None else b"\x01" + piece.encode("utf-8", "surrogatepass"))
    return f"urn:wirecut:{kind}:{digest.hexdigest()[:24]}"


def content_created(date_iso: str | None) -> str | None:
    """The ninjs date-time for a wirecut ``date_iso``, or None when the year is not known.

    >>> content_created("2016-04-19"), content_created("--04-19"), content_created(None)
    ('2016-04-19T00:00:00Z', None, None)
    """
    if date_iso is None or not _FULL_DATE_RE.match(date_iso):
        return None
    return f"{date_iso}T00:00:00Z"


def _place_and_time(dateline: Dateline | None, item: dict[str, Any]) -> None:
    """Add ``located``, ``contentcreated`` and ``infosources`` from a dateline to a ninjs object."""
    if dateline is None:
        return
    if dateline.location:
        item["located"] = dateline.location
    created = content_created(dateline.date_iso)
    if created:
        item["contentcreated"] = created
    if dateline.agency:
        item["infosources"] = [{"name": dateline.agency}]


def _body(story: Story) -> dict[str, Any]:
    text = story.body
    return {
        "role": "main",
        "contenttype": "text/plain",
        "value": text,
        "charcount": len(text),
        "wordcount": count_words(text),
    }


def _associations(story: Story) -> list[dict[str, Any]]:
    associations: list[dict[str, Any]] = []
    for number, caption in enumerate(story.captions, 1):
        picture: dict[str, Any] = {
            "name": f"picture{number}",
            "uri": synthetic_uri("picture", caption.text, caption.credit),
            "type": "picture",
        }
        if caption.credit:
            picture["by"] = caption.credit
        if caption.text:
            picture["descriptions"] = [{"role": "caption", "value": caption.text}]
        _place_and_time(caption.dateline, picture)
        if caption.agency and "infosources" not in picture:
            picture["infosources"] = [{"name": caption.agency}]
        associations.append(picture)
    for number, teaser in enumerate(story.related, 1):
        text_item: dict[str, Any] = {
            "name": f"related{number}",
            "uri": synthetic_uri("teaser", teaser.title, teaser.summary),
            "type": "text",
        }
        if teaser.title:
            text_item["headlines"] = [{"role": "main", "value": teaser.title}]
        if teaser.summary:
            text_item["descriptions"] = [{"role": "summary", "value": teaser.summary}]
        _place_and_time(teaser.dateline, text_item)
        associations.append(text_item)
    return associations


def to_ninjs(story: Story) -> dict[str, Any]:
    """The story as a ninjs 2.1 object (see the module's contract for the mapping).

    >>> from wirecut import parse
    >>> item = to_ninjs(parse("BEIJING, April 19 (Xinhua) -- Xi spoke on Tuesday."))
    >>> item["located"], item["infosources"], item["bodies"][0]["wordcount"]
    ('BEIJING', [{'name': 'Xinhua'}], 4)
    """
    item: dict[str, Any] = {
        "uri": synthetic_uri("story", story.text),
        "type": "composite" if story.kind in ("listing", "gallery") else "text",
        "profile": f"wirecut-{story.kind}",
        "language": story.language,
    }
    if story.headline and story.headline.text:
        item["headlines"] = [{"role": "main", "value": story.headline.text}]
    bylines = [byline.text for byline in story.bylines if byline.text]
    if bylines:
        item["by"] = "; ".join(bylines)
    _place_and_time(story.dateline, item)
    if story.paragraphs:
        item["bodies"] = [_body(story)]
    ednotes = [note.text for note in story.notes if note.kind == "ednote" and note.text]
    if ednotes:
        item["ednote"] = "\n".join(ednotes)
    copyright_notes = [note.text for note in story.notes if note.kind == "copyright" and note.text]
    if copyright_notes:
        item["copyrightnotice"] = "\n".join(copyright_notes)
    associations = _associations(story)
    if associations:
        item["associations"] = associations
    return item
