"""Language of a text, from its script and its dateline conventions.

Contract:
    ``detect_language(text, dateline)`` returns a BCP 47 primary tag (``en``, ``zh``, ``ja``, ``ru``,
    ...) or ``und`` when the evidence is thin. It reads only the text; it costs one pass over at most
    the first 4,000 characters.
"""

from __future__ import annotations

from collections import Counter

import regex

from wirecut.patterns import lazy
from wirecut.story import Dateline

_SAMPLE = 4000

# The function words that Norwegian Bokmål and Danish write alike.
_DANO_NORWEGIAN = (
    "og",
    "i",
    "på",
    "er",
    "det",
    "som",
    "en",
    "til",
    "for",
    "med",
    "at",
    "ikke",
    "har",
    "var",
    "fra",
    "også",
)

# Function words that are frequent in one language and rare in the others; a text's language is the one
# whose words it uses most. Lists are short on purpose: they are a vote, not a dictionary.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "of",
            "and",
            "to",
            "in",
            "is",
            "that",
            "for",
            "on",
            "with",
            "was",
            "said",
            "as",
            "by",
            "at",
            "from",
            "it",
            "its",
            "are",
            "has",
            "have",
            # English's article is Portuguese's article and preposition too: it votes for both, so that
            # a short English sentence with several "a"s is not taken for Portuguese.
            "a",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "de",
            "del",
            "que",
            "y",
            "en",
            "por",
            "para",
            "una",
            "con",
            "se",
            "su",
            "al",
            "es",
            "como",
            "más",
            "fue",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "des",
            "du",
            "de",
            "et",
            "en",
            "un",
            "une",
            "est",
            "que",
            "pour",
            "dans",
            "sur",
            "au",
            "aux",
            "qui",
            "pas",
            "par",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "ist",
            "nicht",
            "den",
            "dem",
            "mit",
            "von",
            "zu",
            "im",
            "für",
            "auf",
            "ein",
            "eine",
            "sich",
            "des",
            "bei",
        ]
    ),
    "it": frozenset(
        [
            "il",
            "la",
            "di",
            "che",
            "e",
            "è",
            "per",
            "un",
            "una",
            "con",
            "del",
            "della",
            "nel",
            "sono",
            "gli",
            "le",
            "alla",
            "dei",
        ]
    ),
    "pt": frozenset(
        [
            "o",
            "a",
            "os",
            "as",
            "de",
            "do",
            "da",
            "que",
            "e",
            "em",
            "um",
            "uma",
            "para",
            "com",
            "não",
            "no",
            "na",
            "dos",
            "das",
            "foi",
        ]
    ),
    "nl": frozenset(
        ["de", "het", "een", "van", "en", "in", "is", "dat", "op", "te", "voor", "met", "zijn", "niet", "aan", "er"]
    ),
    "ms": frozenset(
        ["yang", "dan", "di", "ke", "dari", "untuk", "dengan", "ini", "itu", "pada", "akan", "oleh", "telah", "kerana"]
    ),
    "id": frozenset(
        [
            "yang",
            "dan",
            "di",
            "ke",
            "dari",
            "untuk",
            "dengan",
            "ini",
            "itu",
            "pada",
            "akan",
            "oleh",
            "telah",
            "karena",
            "bahwa",
        ]
    ),
    "tr": frozenset(["ve", "bir", "bu", "da", "de", "için", "ile", "olarak", "çok", "daha", "olan", "gibi"]),
    # Norwegian Bokmål and Danish share most function words; each has its own spelling of a few ("av"
    # and "af", "etter" and "efter", "ble" and "blev", "hadde" and "havde", "nå" and "nu").
    "nb": frozenset([*_DANO_NORWEGIAN, "av", "etter", "ble", "hadde", "nå", "meg", "hva", "mye"]),
    "da": frozenset([*_DANO_NORWEGIAN, "af", "efter", "blev", "havde", "nu", "mig", "hvad", "meget"]),
    # Swedish: Ritzau's and TT's neighbours write "och", "att", "är", "för", "inte".
    "sv": frozenset(
        [
            "och",
            "att",
            "är",
            "det",
            "som",
            "en",
            "på",
            "för",
            "med",
            "av",
            "inte",
            "har",
            "till",
            "den",
            "om",
            "också",
            "från",
            "vid",
            "när",
            "ska",
            "efter",
            "blev",
            "hade",
            "ett",
            "sig",
        ]
    ),
}
_WORD_RE = lazy(r"\p{L}+")

# Each function word with the languages that use it, so that a text's words are read once.
_LANGUAGES_OF_WORD: dict[str, tuple[str, ...]] = {}
for _lang, _vocab in _FUNCTION_WORDS.items():
    for _word in _vocab:
        _LANGUAGES_OF_WORD[_word] = (*_LANGUAGES_OF_WORD.get(_word, ()), _lang)

# Letters of each script that decides a language on its own.
_SCRIPT_RES = {
    "han": lazy(r"\p{Han}"),
    "kana": lazy(r"[\p{Hiragana}\p{Katakana}]"),
    "hangul": lazy(r"\p{Hangul}"),
    "cyrillic": lazy(r"\p{Cyrillic}"),
    "arabic": lazy(r"\p{Arabic}"),
    "latin": lazy(r"\p{Latin}"),
}


# Runs of characters outside ASCII: every letter of a script other than Latin, and every letter hint.
_NON_ASCII_RE = lazy(r"[^\x00-\x7f]+")

# The ASCII bytes that are not letters, deleted to count the ASCII letters (all of them Latin).
_ASCII_NON_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())


def _script_counts(sample: str) -> tuple[Counter[str], str]:
    """The letters of each script in ``sample``, and its characters outside ASCII joined.

    Only the characters outside ASCII are scanned by script; most wire copy has few, and the ASCII
    letters are counted by a byte translation, a hundred times cheaper than a scan.
    """
    ascii_letters = len(sample.encode("ascii", "ignore").translate(None, _ASCII_NON_LETTERS))
    rare = "" if sample.isascii() else "".join(_NON_ASCII_RE.findall(sample))
    scripts = Counter({name: len(pattern.findall(rare)) for name, pattern in _SCRIPT_RES.items()} if rare else {})
    scripts["latin"] += ascii_letters
    return scripts, rare


def detect_language(text: str, dateline: Dateline | None = None) -> str:
    """The primary language tag of ``text``."""
    sample = text[:_SAMPLE]
    scripts, rare = _script_counts(sample)
    total = sum(scripts.values())
    if not total:
        return "und"
    if scripts["kana"] >= 0.05 * total:
        return "ja"
    if scripts["hangul"] >= 0.2 * total:
        return "ko"
    if scripts["han"] >= 0.2 * total:
        return "zh"
    if scripts["cyrillic"] >= 0.3 * total:
        return "ru"
    if scripts["arabic"] >= 0.3 * total:
        return "ar"
    # Lower-casing the whole sample is safe only in ASCII, where it changes no word's letters or length.
    words = _WORD_RE.findall(sample.lower()) if not rare else [w.lower() for w in _WORD_RE.findall(sample)]
    if len(words) < 3:
        return "und"
    votes = dict.fromkeys(_FUNCTION_WORDS, 0)
    for word in words:
        for lang in _LANGUAGES_OF_WORD.get(word, ()):
            votes[lang] += 1
    if rare:
        _vote_letters(votes, rare)
    best = max(votes, key=lambda k: votes[k])
    hinted = _AGENCY_LANGUAGE.get(dateline.agency) if dateline and dateline.agency else None
    if hinted and votes.get(hinted, 0) >= 0.6 * votes[best]:
        # Malay and Indonesian share most function words; the agency tells them apart (Bernama, Antara).
        best = hinted
    if hinted == best and votes[best] >= 1:
        return best
    if votes[best] < max(2, 0.08 * len(words)):
        return "und"
    return best


# Letters that some of the languages above use and the others rarely do, with the languages that
# share each, in the order they vote (the letters of one language, then of two, then of three). A
# shared letter votes for the one of its languages that the votes so far put ahead. So ö and ü count
# for Turkish once "ı ğ ş" show a Turkish text, and for German in a German story naming "Erdoğan";
# ä and ö count for Swedish in Swedish copy; å, ø and æ for Danish or Norwegian as their words decide.
_LETTER_HINTS: tuple[tuple[regex.Pattern[str], tuple[str, ...]], ...] = (
    (lazy(r"[ığşİ]"), ("tr",)),
    (lazy(r"ß"), ("de",)),
    (lazy(r"[ñ¿¡]"), ("es",)),
    (lazy(r"[ãõ]"), ("pt",)),
    (lazy(r"ä"), ("de", "sv")),
    (lazy(r"ü"), ("de", "tr")),
    (lazy(r"[øæ]"), ("nb", "da")),
    (lazy(r"ö"), ("de", "sv", "tr")),
    (lazy(r"å"), ("nb", "da", "sv")),
)


def _vote_letters(votes: dict[str, int], rare: str) -> None:
    """Add two votes a letter hint: single-language hints first, then each shared one to its leader."""
    for letters, languages in _LETTER_HINTS:
        count = len(letters.findall(rare))
        if count:
            leader = max(languages, key=lambda lang: votes[lang])  # the first of a tie
            votes[leader] += 2 * count


# The language an agency's own dateline implies, used only to break a near tie.
_AGENCY_LANGUAGE = {
    "Antara": "id",
    "Bernama": "ms",
    "EFE": "es",
    "Prensa Latina": "es",
    "ANSA": "it",
    "Anadolu": "tr",
    "dts": "de",
    "NTB": "nb",
    "Ritzau": "da",
}
