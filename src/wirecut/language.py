"""Language of a text, from its script, its letters, its function words and its dateline's agency.

Contract:
    ``judge_language(text, dateline)`` returns a ``Verdict``: a BCP 47 primary tag (``en``, ``zh``,
    ``ja``, ``ru``, ...) or ``und``, and the doubt to report as a warning. ``und`` answers thin evidence
    and a language outside wirecut's tables: a text whose letters its guessed language does not write
    (Ukrainian's і ї є ґ are not Russian's, Persian's پ چ ژ گ ی not Arabic's, Vietnamese's ơ ư ạ ế
    not Portuguese's) is not given that guess, and the verdict says why. Only then, and only when
    py3langid is installed (``pip install 'wirecut[langid]'``), py3langid is asked. ``detect_language``
    is the tag of the tables alone. Reads the text and ``lexicon/alphabets.json``; costs one pass over
    at most the first 4,000 characters.

>>> judge_language("Президент України заявив, що Україна отримає нову допомогу від партнерів у "
...                "найближчі тижні, повідомляє інформаційне агентство.", fallback=False).tag
'und'
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

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

#: Every language's function words together: what the headline parser asks of a title's last word.
ALL_FUNCTION_WORDS: frozenset[str] = frozenset(word for words in _FUNCTION_WORDS.values() for word in words)


def function_words(lang: str) -> frozenset[str]:
    """The function words wirecut counts for a language (empty for one it does not list)."""
    return _FUNCTION_WORDS.get(lang, frozenset())


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


class Verdict(NamedTuple):
    """A text's language tag and, when wirecut doubts it, the warning that says why."""

    tag: str
    doubt: str | None = None


def detect_language(text: str, dateline: Dateline | None = None) -> str:
    """The primary language tag of ``text`` by wirecut's own tables (``und`` when they do not know it)."""
    return judge_language(text, dateline, fallback=False).tag


def judge_language(text: str, dateline: Dateline | None = None, *, fallback: bool = True) -> Verdict:
    """The language of ``text`` with its doubt; py3langid answers a ``und`` when ``fallback`` and installed."""
    sample = text[:_SAMPLE]
    verdict = _by_tables(sample, dateline)
    if verdict.tag != "und" or not fallback:
        return verdict
    identify = _fallback_identifier()
    if identify is None:
        return verdict
    guess = identify(sample)
    return verdict if guess is None else Verdict(guess)


def _by_tables(sample: str, dateline: Dateline | None) -> Verdict:
    scripts, rare = _script_counts(sample)
    if rare and _COMBINING_RE.search(rare):
        # Decomposed accents (a Vietnamese page in NFD) are read as the letters they make; only the
        # language is read from the composed sample, spans still index the input.
        sample = unicodedata.normalize("NFC", sample)
        scripts, rare = _script_counts(sample)
    total = sum(scripts.values())
    if not total:
        return Verdict("und")
    if scripts["kana"] >= 0.05 * total:
        return Verdict("ja")
    if scripts["hangul"] >= 0.2 * total:
        return Verdict("ko")
    if scripts["han"] >= 0.2 * total:
        return Verdict("zh")
    if scripts["cyrillic"] >= 0.3 * total:
        return _checked("ru", scripts, rare, sample)
    if scripts["arabic"] >= 0.3 * total:
        return _checked("ar", scripts, rare, sample)
    # Lower-casing the whole sample is safe only in ASCII, where it changes no word's letters or length.
    words = _WORD_RE.findall(sample.lower()) if not rare else [w.lower() for w in _WORD_RE.findall(sample)]
    if len(words) < 3:
        return _unknown(scripts, rare, sample)
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
        return _checked(best, scripts, rare, sample)
    if votes[best] < max(2, 0.08 * len(words)):
        return _unknown(scripts, rare, sample)
    return _checked(best, scripts, rare, sample)


# Combining accents, which a decomposed (NFD) text writes after its base letters.
_COMBINING_RE = lazy(r"[\u0300-\u036f]")

#: How much of a text must be written with letters outside its guessed language's alphabet for it to
#: be another language. In a cased script the evidence is the lower-case words that hold such letters:
#: names are capitalised, so a story naming "Erdoğan", "Zürich", "Núñez" and "Nguyễn" (EFE's and AP's
#: English copy from Latin America and Asia) gives none, while Vietnamese (a mark on most words),
#: Polish, Czech, Hungarian, Romanian or Ukrainian give one word in five or more. A script without
#: case (Arabic's) counts letters: Persian's ی and ک alone are one letter in ten.
_FOREIGN_WORDS_MIN = 3
_FOREIGN_WORDS_SHARE = 0.05
_FOREIGN_LETTERS_MIN = 5
_FOREIGN_LETTERS_SHARE = 0.03
_CASED_SCRIPTS = frozenset({"latin", "cyrillic"})
# A word that starts with a lower-case letter, its combining marks included.
_LOWER_WORD_RE = lazy(r"(?<![\p{L}\p{M}])\p{Ll}[\p{L}\p{M}]*")

#: A long text in a language with required letters has some: 300 Russian letters without one "ы"
#: or "э" would be rarer than one in a thousand.
_REQUIRED_REACH = 300


class _Alphabets(NamedTuple):
    script_of: dict[str, str]  # language -> script
    letters: dict[str, frozenset[str]]  # language -> the letters beyond ASCII it writes, both cases
    required: dict[str, frozenset[str]]  # language -> letters a long text of it always has
    known: dict[str, frozenset[str]]  # script -> every letter a language of the tables writes in it


@lru_cache(maxsize=1)
def _alphabets() -> _Alphabets:
    """``lexicon/alphabets.json``, read once: shipped data that nothing edits."""
    data = json.loads(resources.files("wirecut.lexicon").joinpath("alphabets.json").read_text("utf-8"))

    def both_cases(letters: str) -> frozenset[str]:
        return frozenset(letters) | frozenset(c.upper() for c in letters if len(c.upper()) == 1)

    script_of = {lang: script for script, langs in data["scripts"].items() for lang in langs}
    letters = {lang: both_cases(chars) for lang, chars in data["letters"].items()}
    known: dict[str, frozenset[str]] = {}
    for lang, script in script_of.items():
        known[script] = known.get(script, frozenset()) | letters[lang]
    required = {lang: both_cases(chars) for lang, chars in data["required"].items()}
    return _Alphabets(script_of, letters, required, known)


def script_letters(lang: str) -> frozenset[str] | None:
    """Every letter beyond ASCII that a language of the tables writes in ``lang``'s script, or None.

    Decoding reads it to tell a right single-byte guess from a wrong one.
    """
    alphabets = _alphabets()
    script = alphabets.script_of.get(lang)
    return None if script is None else alphabets.known[script]


def _foreign_letters(script: str, alphabet: frozenset[str], rare: str) -> Counter[str]:
    """The letters of ``script`` in ``rare`` that ``alphabet`` does not hold, with their counts."""
    pattern = _SCRIPT_RES[script]
    found: Counter[str] = Counter()
    for char, count in Counter(rare).items():
        if char not in alphabet and char.isalpha() and pattern.fullmatch(char):
            found[char] = count
    return found


def _foreign_evidence(script: str, found: Counter[str], letters: int, sample: str) -> str | None:
    """What says the text is not in the language whose alphabet left ``found`` over, or None."""
    if not found:
        return None
    listed = " ".join(char for char, _ in found.most_common(6))
    if script in _CASED_SCRIPTS:
        lower = _LOWER_WORD_RE.findall(sample)
        foreign = sum(1 for word in lower if any(char in found for char in word))
        if foreign >= _FOREIGN_WORDS_MIN and foreign >= _FOREIGN_WORDS_SHARE * len(lower):
            return f"{foreign} of {len(lower)} lower-case words have letters ({listed})"
        return None
    count = sum(found.values())
    if count >= _FOREIGN_LETTERS_MIN and count >= _FOREIGN_LETTERS_SHARE * letters:
        return f"{count} of {letters} letters ({listed}) are ones"
    return None


def _checked(lang: str, scripts: Counter[str], rare: str, sample: str) -> Verdict:
    """``lang``, unless the text's letters say it is another language of the same script."""
    alphabets = _alphabets()
    script = alphabets.script_of.get(lang)
    if script is None:
        return Verdict(lang)
    letters = scripts[script]
    evidence = _foreign_evidence(script, _foreign_letters(script, alphabets.letters[lang], rare), letters, sample)
    if evidence:
        return Verdict(
            "und",
            f"language: {evidence} that '{lang}' does not write: the text is in a language wirecut's"
            " tables do not know, reported as und",
        )
    required = alphabets.required.get(lang)
    if required and letters >= _REQUIRED_REACH and not any(char in required for char in rare):
        return Verdict(
            "und",
            f"language: {letters} letters without one of {' '.join(sorted(required))}, which '{lang}' always"
            " writes: the text is in a language wirecut's tables do not know, reported as und",
        )
    return Verdict(lang)


def _unknown(scripts: Counter[str], rare: str, sample: str) -> Verdict:
    """``und``, with a doubt when the letters are of a language outside the tables (not just few words)."""
    if rare:
        for script, alphabet in _alphabets().known.items():
            evidence = _foreign_evidence(script, _foreign_letters(script, alphabet, rare), scripts[script], sample)
            if evidence:
                return Verdict(
                    "und", f"language: {evidence} that no language of wirecut's tables writes, reported as und"
                )
    return Verdict("und")


#: The least share of py3langid's normalised probability that wirecut takes, and the least letters.
_FALLBACK_CONFIDENCE = 0.9
_FALLBACK_MIN_LETTERS = 40
#: py3langid's tags that BCP 47 writes otherwise for wirecut: Norwegian is written Bokmål in wire copy.
_FALLBACK_TAGS = {"no": "nb"}


@lru_cache(maxsize=1)
def _fallback_identifier() -> Callable[[str], str | None] | None:
    """py3langid's classifier when it is installed (``wirecut[langid]``), else None.

    Its model is loaded once per process (some 1.3 s), on the first text the tables leave ``und``.
    """
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError:
        return None
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)

    def identify(sample: str) -> str | None:
        if sum(1 for char in sample if char.isalpha()) < _FALLBACK_MIN_LETTERS:
            return None
        tag, probability = identifier.classify(sample)
        if probability < _FALLBACK_CONFIDENCE:
            return None
        return _FALLBACK_TAGS.get(str(tag), str(tag))

    return identify


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
