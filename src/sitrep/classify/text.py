"""Tokenisation for the classifier's word features: lower-case word tokens with light suffix stripping.

ACLED notes and news tell the same event in different tenses and numbers ("clashed", "clashes",
"clashing"); stripping common English suffixes lets the model share weight between them. Module-level
functions, so that a pickled vectorizer refers to them by name.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["stem", "tokenize"]

_TOKEN = re.compile(r"[^\W\d_][\w']*")
_KEEP = frozenset({"news", "isis", "process", "less", "series", "species", "always", "famous"})


def stem(word: str) -> str:
    """A crude stem: one inflection off, then a final "e" ("shelled" -> "shell", "strikes" -> "strik")."""
    if len(word) <= 4 or word in _KEEP or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith(("ies", "ied")) and len(word) > 5:
        word = word[:-3] + "y"
    elif word.endswith("ing") and len(word) > 6:
        word = word[:-3]
    elif word.endswith("ed") and len(word) > 5:
        word = word[:-2]
    elif word.endswith(("ches", "shes", "xes", "sses", "zes")):
        word = word[:-2]
    elif word.endswith("s"):
        word = word[:-1]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def tokenize(text: str) -> list[str]:
    """Stemmed lower-case word tokens (accents folded; digits, punctuation and hyphens split off)."""
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    tokens = (t.strip("'") for t in _TOKEN.findall(folded))
    return [stem(t[:-2] if t.endswith("'s") else t) for t in tokens if t]
