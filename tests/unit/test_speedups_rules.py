"""Single-token attribute-ruler rules matched with arrays give the matcher's matches."""

from __future__ import annotations

import pytest
import spacy
from spacy.matcher import Matcher
from spacy.tokens import Doc

from sitrep.nlp.speedups import SingleTokenRules

WORDS = ["There", "is", "n't", "a", "man", " ", "that", "y'", "all", "saw", "THAT", "day", "."]
TAGS = ["EX", "VBZ", "RB", "DT", "NN", "_SP", "WDT", "PRP", "DT", "VBD", "DT", "NN", "."]
HEADS = [1, 1, 1, 4, 1, 4, 9, 8, 9, 4, 11, 9, 1]
DEPS = [
    "expl",
    "ROOT",
    "neg",
    "det",
    "attr",
    "dep",
    "dobj",
    "det",
    "nsubj",
    "relcl",
    "det",
    "npadvmod",
    "punct",
]

RULES = [
    [[{"LOWER": "that", "TAG": "DT"}]],
    [[{"LOWER": {"IN": ["a", "an", "the"]}}]],
    [[{"TAG": {"NOT_IN": ["DT", "NN", "."]}, "DEP": {"IN": ["expl", "neg", "nsubj"]}}]],
    [[{"LOWER": {"REGEX": "^n'?t$"}}], [{"LOWER": "man"}]],  # two patterns: one match per token
    [[{"IS_SPACE": True}]],
    [[{"IS_SPACE": False, "DEP": "det", "LOWER": {"REGEX": "^th"}}]],
]


@pytest.fixture
def doc() -> Doc:
    nlp = spacy.blank("en")
    return Doc(nlp.vocab, words=WORDS, spaces=[False] * len(WORDS), tags=TAGS, heads=HEADS, deps=DEPS)


def test_speedups_single_token_rules_match_as_the_matcher(doc: Doc) -> None:
    rules, matcher = SingleTokenRules(doc.vocab), Matcher(doc.vocab, validate=False)
    for i, patterns in enumerate(RULES):
        key = doc.vocab.strings.add(str(i))
        assert rules.add(i, key, patterns)
        matcher.add(key, patterns)
    expected = sorted((int(doc.vocab.strings[k]), k, s, e) for k, s, e in matcher(doc, as_spans=False))
    got = sorted(rules(doc))
    assert got == expected
    # Spot checks that the rules above hit what they say, so an empty result cannot pass.
    by_rule = {i: [s for r, _k, s, _e in got if r == i] for i in range(len(RULES))}
    assert by_rule == {0: [10], 1: [3], 2: [0, 2], 3: [2, 4], 4: [5], 5: [10]}


def test_speedups_single_token_rules_leave_other_rules_to_the_matcher(doc: Doc) -> None:
    rules = SingleTokenRules(doc.vocab)
    assert not rules.add(0, 1, [[{"LOWER": "gon"}, {"LOWER": "na"}]])  # two tokens
    assert not rules.add(1, 2, [[{"LEMMA": "be"}]])  # an attribute the arrays do not hold
    assert not rules.add(2, 3, [[{"LOWER": {"FUZZY": "that"}}]])  # an operator they do not apply
    assert rules.rules == [] and rules(doc) == []
