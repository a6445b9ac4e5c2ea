"""Tokenisation for the word features: inflections of one word share a stem."""

from __future__ import annotations

import pytest

from sitrep.classify.text import stem, tokenize


@pytest.mark.parametrize(
    "words",
    [
        ("clashed", "clashes", "clash", "clashing"),
        ("strike", "strikes", "striking"),
        ("rally", "rallies", "rallied"),
        ("shelled", "shelling", "shells"),
        ("abducted", "abducting", "abducts"),
    ],
)
def test_text_stem_groups_inflections(words: tuple[str, ...]) -> None:
    assert len({stem(w) for w in words}) == 1


def test_text_stem_keeps_short_and_special_words() -> None:
    assert stem("gas") == "gas"
    assert stem("isis") == "isis"
    assert stem("process") == "process"


def test_text_tokenize_splits_and_folds() -> None:
    assert tokenize("Air-strikes hit Aléppo's 3 districts.") == ["air", "strik", "hit", "aleppo", "district"]
