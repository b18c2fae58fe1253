"""Reading bytes into the text that spans index.

Contract:
    ``decode(data)`` returns the text and the warnings to put in the Story: UTF-8 with or without a
    byte-order mark is read as is; UTF-16 with a byte-order mark too; anything else is detected with
    charset-normalizer, with a warning that says which encoding was assumed; bytes that no encoding
    explains are replaced, with a warning that counts them. Binary data (NUL bytes in text that is not
    UTF-16) raises ``InputError``: parsing it would only produce noise. Line ends are left as they are
    (CRLF is white space to every parser).
"""

from __future__ import annotations

import codecs

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
