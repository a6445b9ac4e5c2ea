"""The geography heuristics as data: demonyms, stop-list, location cues, subdivision abbreviations."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from .normalize import name_key

__all__ = ["Lexicon", "get_lexicon"]

_DATA = resources.files("sitrep.geo") / "data"


def _rows(name: str) -> list[list[str]]:
    text = (_DATA / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _plurals(word: str) -> list[str]:
    if (
        word.endswith(("ese", "ish", "Swiss", "French", "Dutch"))
        or word[-1:] in ("s", "i")
        and word != "Iraqi"
    ):
        return [word]
    return [word, word + "s"]


@dataclass(frozen=True, eq=False)
class Lexicon:
    demonyms: dict[str, str]  # name key of "Syrians" -> "SY" (or a region name)
    stoplist: frozenset[str]  # name keys
    cues: dict[str, Any]
    admin1_abbreviations: dict[str, str]  # "La." -> "US.LA", "WA" -> "US.WA|AU.08" (exact case)
    generic_words: frozenset[str]  # "street", "university": never a place on their own
    #: "street", "square": a name ending so is a street named after a place, not in it ("Frenchmen Street")
    thoroughfare_words: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    demonyms: dict[str, str] = {}
    for word, target in _rows("demonyms.tsv"):
        for form in _plurals(word):
            demonyms.setdefault(name_key(form), target.strip())
    stop = frozenset(name_key(line[0]) for line in _rows("stoplist.txt"))
    cues = json.loads((_DATA / "cues.json").read_text(encoding="utf-8"))
    # compared with name keys, which split "north-eastern" at its hyphen
    cues["direction_prefixes"] = frozenset(name_key(w) for w in cues.get("direction_prefixes", ()))
    abbrev = {a: code.strip() for a, code in _rows("admin1_abbreviations.tsv")}
    generic = frozenset(name_key(w) for w in cues["generic_words"])
    return Lexicon(
        demonyms=demonyms,
        stoplist=stop,
        cues=cues,
        admin1_abbreviations=abbrev,
        generic_words=generic,
        thoroughfare_words=frozenset(name_key(w) for w in cues.get("thoroughfare_words", [])),
    )
