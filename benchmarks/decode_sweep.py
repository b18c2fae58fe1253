"""How often legacy-encoded text decodes back to itself: wirecut's decoding against charset-normalizer's.

Usage::

    .venv/bin/python benchmarks/decode_sweep.py ../shared/corpus/big/unlabeled/wmt21_news.jsonl.gz

Reads JSON Lines (gzip or not) with ``text`` and ``lang`` fields. Each text of a language below is
encoded in the single-byte encoding its sites on Windows use, cut to a short (300 characters) and a
long (3,000) prefix, and decoded twice: by ``wirecut.decode.decode`` and by charset-normalizer alone
over the same candidate encodings (what wirecut did before it verified a decoding by its language).
Prints, per language and length, the texts tried and how many came back exactly.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
from collections.abc import Iterator
from pathlib import Path

from charset_normalizer import from_bytes

from wirecut.decode import NEWS_ENCODINGS, decode

#: The legacy encoding each language's text is written in for the sweep.
LEGACY_ENCODING = {
    "de": "cp1252",
    "fr": "cp1252",
    "es": "cp1252",
    "pt": "cp1252",
    "is": "cp1252",
    "tr": "cp1254",
    "ru": "cp1251",
    "ar": "cp1256",
}
LENGTHS = (300, 3000)


def statistical(data: bytes) -> str | None:
    """charset-normalizer's best decoding over wirecut's candidate encodings."""
    best = from_bytes(data, cp_isolation=list(NEWS_ENCODINGS)).best()
    if best is None:
        return None
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def records(path: Path) -> Iterator[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()
    tried: collections.Counter[tuple[str, int]] = collections.Counter()
    kept: collections.Counter[tuple[str, int, str]] = collections.Counter()
    for path in args.files:
        for record in records(path):
            lang = record.get("lang", "")
            encoding = LEGACY_ENCODING.get(lang)
            if encoding is None:
                continue
            for length in LENGTHS:
                text = record["text"][:length]
                try:
                    data = text.encode(encoding)
                except UnicodeEncodeError:
                    continue  # a letter the legacy encoding has not: no site could have written it so
                if data.isascii():
                    continue  # every decoding agrees on ASCII
                tried[lang, length] += 1
                kept[lang, length, "wirecut"] += decode(data)[0] == text
                kept[lang, length, "statistical"] += statistical(data) == text
    print(f"{'lang':<5} {'chars':>6} {'texts':>6} {'wirecut':>8} {'charset-normalizer':>19}")
    for lang, length in sorted(tried):
        n = tried[lang, length]
        print(
            f"{lang:<5} {length:>6} {n:>6} {kept[lang, length, 'wirecut'] / n:>8.3f}"
            f" {kept[lang, length, 'statistical'] / n:>19.3f}"
        )


if __name__ == "__main__":
    main()
