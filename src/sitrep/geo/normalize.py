"""Name keys for gazetteer lookup: case-, diacritics- and punctuation-insensitive, and their hashes."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources

__all__ = ["is_latin", "name_hash", "name_key", "name_skeleton", "strip_article"]

#: Apostrophes, and the half rings that romanise Arabic 'ayn and hamza ("Al ʿAmārah").
_APOSTROPHES = str.maketrans(
    {"\u2019": "", "\u2018": "", "'": "", "`": "", "\u02bb": "", "\u02bc": "", "\u02be": "", "\u02bf": ""}
)
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_/.,()]+")
_SPECIAL = str.maketrans(
    {
        "ø": "o",
        "Ø": "o",
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ı": "i",
        "ħ": "h",
        "þ": "th",
    }
)


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """``"Al-Mawşil "`` -> ``"al mawsil"``; ``"Sana'a"`` -> ``"sanaa"``; ``"St. Louis"`` -> ``"st louis"``
    (cached: documents look up the same capitalised words again and again)."""
    text = unicodedata.normalize("NFKD", name.translate(_SPECIAL))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_APOSTROPHES).casefold()
    text = _SEPARATORS.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


_VOWELS = re.compile(r"[aeiouy]")
_DOUBLED = re.compile(r"(.)\1+")
_TRANSLITERATION = json.loads(
    (resources.files("sitrep.geo") / "data" / "transliteration.json").read_text(encoding="utf-8")
)
_ARTICLES = tuple(f"{a} " for a in _TRANSLITERATION["articles"])
_FOLDS = tuple((a, b) for a, b in _TRANSLITERATION["folds"])
_ENDINGS = tuple((a, b) for a, b in _TRANSLITERATION["word_endings"])


def name_skeleton(name: str, drop_article: bool = False) -> str:
    """The consonants of a name, for spellings that differ only in transliteration: ``"Shortepa"`` and
    ``"Shor Tepah"`` -> ``"shrtp"``; ``"Thi-Qar"`` and ``"Dhi Qar"`` -> ``"dkr"``; with
    ``drop_article``, ``"Al Amarah"`` -> ``"amr"`` as ``"Amara"`` (no spaces; the word endings and
    letter groups of ``data/transliteration.json`` folded, the first letter kept, later vowels and a
    final h dropped, doubled letters single)."""
    key = name_key(name)
    if drop_article:
        key = strip_article(key)
    key = "".join(_fold_ending(word) for word in key.split(" "))
    for old, new in _FOLDS:
        key = key.replace(old, new)
    if key.endswith("h") and len(key) > 2:
        key = key[:-1]
    if not key:
        return ""
    return _DOUBLED.sub(r"\1", key[0] + _VOWELS.sub("", key[1:]))


def _fold_ending(word: str) -> str:
    for ending, folded in _ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return word[: -len(ending)] + folded
    return word


def strip_article(key: str) -> str:
    """A name key without a leading article of ``data/transliteration.json`` ("al amarah" -> "amarah"),
    when at least 3 letters are left."""
    for article in _ARTICLES:
        if key.startswith(article) and len(key) - len(article) >= 3:
            return key[len(article) :]
    return key


def is_latin(name: str) -> bool:
    """True when the name folds to ASCII letters (drops Arabic, Cyrillic, CJK... alternate names)."""
    key = name_key(name)
    return bool(key) and key.isascii()


def name_hash(key: str) -> int:
    """A stable 64-bit hash of a name key (the same in every process and on every machine)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")
