"""Candidate places around an event trigger on hand-built Docs (no model)."""

import spacy
from spacy.tokens import Doc, Span

from sitrep.geo.event_candidates import Boundaries, coordinated, ents_within, find_candidates, word_bounds
from sitrep.nlp import extensions  # noqa: F401

LABELS = frozenset({"GPE", "PERSON"})


def _doc(words, spaces, pos, ents=(), toponyms=()):
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces, pos=pos)
    doc.ents = [Span(doc, i, j, label=label) for i, j, label in ents]
    spans = []
    for i, j in toponyms:
        span = doc[i:j]
        span._.sitrep_role = "literal"
        spans.append(span)
    doc._.sitrep_toponyms = spans
    return doc


def test_geo_event_candidates_widen_to_the_written_word():
    # "Fighting in Mazar-e-Sharif ." with the tokenizer's hyphen split
    words = ["Fighting", "in", "Mazar", "-", "e", "-", "Sharif", "."]
    spaces = [True, True, False, False, False, False, False, False]
    pos = ["NOUN", "ADP", "PROPN", "PUNCT", "X", "PUNCT", "PROPN", "PUNCT"]
    doc = _doc(words, spaces, pos)
    assert word_bounds(doc, 6, 7, 0, len(doc)) == (2, 7)


def test_geo_event_candidates_take_toponyms_entities_and_proper_nouns():
    # "The Talbiseh district and Homs were shelled near Al Rastan ."
    words = ["The", "Talbiseh", "district", "and", "Homs", "were", "shelled", "near", "Al", "Rastan", "."]
    pos = ["DET", "PROPN", "NOUN", "CCONJ", "PROPN", "AUX", "VERB", "ADP", "PROPN", "PROPN", "PUNCT"]
    spaces = [True] * 9 + [False, False]
    doc = _doc(words, spaces, pos, ents=[(0, 3, "PERSON")], toponyms=[(4, 5)])
    doc[0].is_sent_start = True
    sent = doc[0 : len(doc)]
    bounds = Boundaries(drop_last=frozenset({"district"}))
    cands = find_candidates(doc, sent, LABELS, bounds)
    assert [(c.span.text, c.source) for c in cands] == [
        ("Talbiseh", "ent:PERSON"),
        ("Homs", "toponym"),
        ("Al Rastan", "propn"),
    ]
    assert cands[1].toponym is not None and cands[0].toponym is None
    assert [c.span.text for c in find_candidates(doc, sent, LABELS, bounds, proper_nouns=False)] == [
        "Talbiseh",
        "Homs",
    ]


def test_geo_event_candidates_boundary_words_match_as_written():
    # "Shelling in Anbar Province and Idlib province ." : only the lower-case generic word is dropped
    words = ["Shelling", "in", "Anbar", "Province", "and", "Idlib", "province", "."]
    pos = ["NOUN", "ADP", "PROPN", "PROPN", "CCONJ", "PROPN", "PROPN", "PUNCT"]
    doc = _doc(words, [True] * 6 + [False, False], pos)
    doc[0].is_sent_start = True
    bounds = Boundaries(drop_last=frozenset({"province"}))
    cands = find_candidates(doc, doc[0 : len(doc)], LABELS, bounds)
    assert [c.span.text for c in cands] == ["Anbar Province", "Idlib"]


def test_geo_event_candidates_commas_and_conjunctions_coordinate():
    # "Raids hit Gaya , Fa'a , and Zang ." : the three names are linked as one list
    words = ["Raids", "hit", "Gaya", ",", "Faa", ",", "and", "Zang", "."]
    pos = ["NOUN", "VERB", "PROPN", "PUNCT", "PROPN", "PUNCT", "CCONJ", "PROPN", "PUNCT"]
    doc = _doc(words, [True, True, False, True, False, True, True, False, False], pos)
    doc[0].is_sent_start = True
    cands = find_candidates(doc, doc[0 : len(doc)], LABELS)
    assert [c.span.text for c in cands] == ["Gaya", "Faa", "Zang"]
    assert coordinated(cands) == [{1}, {0, 2}, {1}]


def test_geo_event_candidates_ents_within_filter_the_docs_entities():
    words = [
        "Troops",
        "of",
        "the",
        "Syrian",
        "Arab",
        "Army",
        "entered",
        "Deir",
        "ez",
        "Zor",
        "city",
        "today",
        ".",
    ]
    doc = Doc(spacy.blank("en").vocab, words=words)
    doc.ents = [Span(doc, 2, 6, "ORG"), Span(doc, 7, 10, "GPE"), Span(doc, 11, 12, "DATE")]
    for start, end in [(0, len(doc)), (3, 12), (4, 9), (7, 10), (0, 0), (6, 7)]:
        span = doc[start:end]
        expected = [(e.start, e.end, e.label_) for e in doc.ents if e.start >= start and e.end <= end]
        assert ents_within(span) == expected
    assert ents_within(doc[3:12]) == [(7, 10, "GPE"), (11, 12, "DATE")]  # "the Syrian Arab Army" crosses in
