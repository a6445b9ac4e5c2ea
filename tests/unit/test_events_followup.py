"""Which event nouns point back to an event already reported (no model: parses built by hand)."""

from __future__ import annotations

import pytest

from sitrep.nlp.events import _points_back
from tests.helpers import parsed_doc


@pytest.mark.parametrize(
    ("det", "modifier", "expected"),
    [
        ("the", None, True),
        ("this", None, True),
        ("another", None, False),  # a new event
        ("an", None, False),
        ("the", "second", False),  # "the second attack" is another one
        ("the", "latest", False),
        ("the", "deadly", True),
    ],
)
def test_events_followup_points_back(det, modifier, expected):
    words = ["Six", "died", "in", det, *([modifier] if modifier else []), "attack", "."]
    noun = len(words) - 2
    heads = [1, 1, 1, noun, *([noun] if modifier else []), 2, 1]
    deps = ["nsubj", "ROOT", "prep", "det", *(["amod"] if modifier else []), "pobj", "punct"]
    pos = ["NUM", "VERB", "ADP", "DET", *(["ADJ"] if modifier else []), "NOUN", "PUNCT"]
    tags = ["CD", "VBD", "IN", "DT", *(["JJ"] if modifier else []), "NN", "."]
    doc = parsed_doc(words, heads, deps, pos, tags)
    assert _points_back(doc[noun]) is expected


def test_events_followup_date_from_the_sentence_beats_the_story_and_the_publication():
    from datetime import date

    from sitrep.nlp.events import _date_specific
    from sitrep.records import TimeSpan

    own = TimeSpan(date(2020, 5, 1), date(2020, 5, 31), "month", "in May", basis="text")
    story = TimeSpan(date(2020, 5, 5), date(2020, 5, 5), "day", "5 May", basis="context")
    published = TimeSpan(date(2020, 5, 20), date(2020, 5, 20), "day", None, basis="reported")
    assert _date_specific(story, own) is own  # read from the event's sentence, even if coarser
    assert _date_specific(published, story) is story
    assert _date_specific(story, published) is story
    assert _date_specific(None, published) is published


def test_events_followup_dead_under_a_protest_cause_are_its_cause():
    from sitrep.nlp.events import _names_a_cause
    from sitrep.records import Counts

    # "Traders marched over the killing of two colleagues": the two are the march's cause.
    words = ["Traders", "marched", "over", "the", "killing", "of", "two", "colleagues", "."]
    doc = parsed_doc(
        words,
        [1, 1, 1, 4, 2, 4, 7, 5, 1],
        ["nsubj", "ROOT", "prep", "det", "pobj", "prep", "nummod", "pobj", "punct"],
        ["NOUN", "VERB", "ADP", "DET", "NOUN", "ADP", "NUM", "NOUN", "PUNCT"],
        ["NNS", "VBD", "IN", "DT", "NN", "IN", "CD", "NNS", "."],
    )
    two = doc[6]
    assert _names_a_cause(doc, Counts(2, 2, 2, "two", two.idx, two.idx + 3))
    # "Police shot two marchers": the two are the protest's own dead.
    words = ["Police", "shot", "two", "marchers", "."]
    doc = parsed_doc(
        words,
        [1, 1, 3, 1, 1],
        ["nsubj", "ROOT", "nummod", "dobj", "punct"],
        ["NOUN", "VERB", "NUM", "NOUN", "PUNCT"],
        ["NNS", "VBD", "CD", "NNS", "."],
    )
    two = doc[2]
    assert not _names_a_cause(doc, Counts(2, 2, 2, "two", two.idx, two.idx + 3))
