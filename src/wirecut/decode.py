"""Reading bytes into the text that spans index.

Contract:
    ``decode(data)`` returns the text and the warnings to put in the Story: UTF-8 with or without a
    byte-order mark is read as is; UTF-32 and UTF-16 with a byte-order mark too. Anything else is first
    tried in the Latin single-byte encodings whose languages wirecut's tables know (cp1252 for Western
    Europe, then cp1254 for Turkish): the first whose letters are all letters of the language its words
    say it is wins. What none of them explains is detected with charset-normalizer. Either way a warning
    says which encoding was assumed; bytes that no encoding explains are replaced, with a warning that
    counts them. Binary data (NUL bytes in text that is not
    UTF-16) raises ``InputError``: parsing it would only produce noise. Line ends are left as they are
    (CRLF is white space to every parser).
"""

from __future__ import annotations

import codecs
import re

from wirecut.errors import InputError

# The encodings that news sites and wire archives actually use; limiting detection to them keeps a short
# Spanish story from being read as HP Roman-8.
NEWS_ENCODINGS = (
    "cp1252",
    "iso8859_15",
    "iso8859_1",
    "cp1250",
    "iso8859_2",
    "cp1251",
    "koi8_r",
    "cp1254",
    "iso8859_9",
    "cp1256",
    "cp1253",
    "cp874",
    "gb18030",
    "big5",
    "shift_jis",
    "euc_jp",
    "euc_kr",
    "utf_16",
)


def decode(data: bytes) -> tuple[str, list[str]]:
    """Decode ``data``; return the text and warnings."""
    warnings: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        try:
            return data.decode("utf-8"), warnings
        except UnicodeDecodeError:
            pass
    # UTF-32's little-endian mark begins with UTF-16's, so it is tried first.
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        try:
            return data.decode("utf-32"), warnings
        except UnicodeDecodeError:
            pass
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), warnings
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:65536]:
        raise InputError("binary input: the data holds NUL bytes, so it is not text")
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError:
        pass
    verified = _by_language(data)
    if verified is not None:
        warnings.append(f"input was not UTF-8: decoded as {verified[0]}")
        return verified[1], warnings
    from charset_normalizer import from_bytes  # only for the rare input that is not UTF-8

    best = from_bytes(data[:1_000_000], cp_isolation=list(NEWS_ENCODINGS)).best()
    if best is not None and best.encoding and best.encoding not in ("utf_8", "utf-8"):
        try:
            text = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            text = None
        if text is not None:
            warnings.append(f"input was not UTF-8: decoded as {best.encoding}")
            return text, warnings
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    warnings.append(f"input was not valid UTF-8: {bad} undecodable sequences replaced")
    return text, warnings


# Latin single-byte encodings whose languages wirecut's language tables know, most used first. Statistical
# detection on a short text often takes Western European cp1252 for Central European cp1250 (both
# decode every byte; "señor" became "seńor"): the language check below settles it instead. Central
# European text, whose languages the tables do not know, goes on to charset-normalizer.
VERIFIABLE_ENCODINGS = (
    "cp1252",  # Western Europe and the Americas: Windows sites, old wire archives; Latin-1 is its subset
    "cp1254",  # Turkish: cp1252 with ğ ı ş İ Ş Ğ where cp1252 has ð ý þ Ý Þ Ð
)
# Not cp1251 nor cp1256: the tables name any Cyrillic text Russian and any Arabic-script text Arabic, so a
# Cyrillic reading of Arabic bytes would pass; charset-normalizer tells those apart on its own
# (benchmarks/decode_sweep.py: every Russian and Arabic text of big/unlabeled, short and long).


# A symbol inside a word is the other sign of a wrong single-byte guess: Polish "ł ż ą" read as cp1252
# are "³ ¿ ¹" between letters. Real text puts only these between letters.
_WORD_JOINERS = "\u2019\u2018\u00b7\u00ad\u2010\u2011"  # apostrophes, Catalan middle dot, hyphens
_BEYOND_ASCII_INSIDE_WORD_RE = re.compile(r"(?<=[^\W\d_])[^\x00-\x7f](?=[^\W\d_])")
# Spanish and Portuguese ordinals (1ª, 2º): letters to Unicode, but no language's alphabet lists them.
_ORDINAL_INDICATORS = frozenset("ªº")


# In every language a Latin single-byte encoding serves, most letters are ASCII (some 2 % beyond it in
# German, 5 % in Spanish and Portuguese, 10-15 % in Turkish). Another script read as cp1252 is almost
# all letters beyond ASCII (Arabic bytes become "ÇáÓÈÊ"), whatever the language tables then guess.
_MIN_ASCII_LETTER_SHARE = 0.7


def _mostly_ascii_letters(text: str) -> bool:
    sample = text[:20_000]
    letters = sum(1 for char in sample if char.isalpha())
    ascii_letters = sum(1 for char in sample if char.isascii() and char.isalpha())
    return letters > 0 and ascii_letters >= _MIN_ASCII_LETTER_SHARE * letters


def _has_symbol_inside_a_word(text: str) -> bool:
    return any(
        not char.isalpha() and char not in _WORD_JOINERS
        for char in {match.group() for match in _BEYOND_ASCII_INSIDE_WORD_RE.finditer(text)}
    )


def _by_language(data: bytes) -> tuple[str, str] | None:
    """The first of ``VERIFIABLE_ENCODINGS`` whose text reads as a language of the tables, and the text.

    A decoding is accepted when the language tables name the text's language without doubt and every
    letter beyond ASCII in it is one that a language of the same script writes: a wrong single-byte
    guess shows as letters no language of the tables uses (ð þ ý for Turkish, ń ř for Spanish), as
    symbols inside words, as letters mostly beyond ASCII (another script read as Latin), or as no
    language at all.
    """
    from wirecut.language import judge_language, script_letters  # only for input that is not UTF-8

    for encoding in VERIFIABLE_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _mostly_ascii_letters(text):
            continue
        verdict = judge_language(text, fallback=False)
        if verdict.tag == "und" or verdict.doubt:
            continue
        letters = script_letters(verdict.tag)
        if letters is None or _has_symbol_inside_a_word(text):
            continue
        beyond_ascii = {char for char in set(text) if ord(char) > 127 and char.isalpha()} - _ORDINAL_INDICATORS
        if beyond_ascii <= letters:
            return encoding, text
    return None
