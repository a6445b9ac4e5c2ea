"""The toponym component on hand-built Docs (no model needed)."""

import pytest
import spacy
from spacy.tokens import Doc

from sitrep.geo.component import ToponymResolver, make_toponyms  # noqa: F401  (registers the factory)
from sitrep.geo.recognize import RecognizeConfig
from sitrep.geo.resolve import ResolveConfig, haversine_km


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def _doc(nlp, words, ents, spaces=None):
    return Doc(nlp.vocab, words=words, spaces=spaces, ents=ents)


def test_geo_component_relative_phrase_is_one_span_at_the_offset_point(nlp):
    words = ["Jets", "struck", "a", "camp", "roughly", "150", "miles", "south", "of", "Sirte", "."]
    ents = ["O"] * 9 + ["B-GPE", "O"]
    doc = _doc(nlp, words, ents, spaces=[True] * 9 + [False, False])
    component = nlp.add_pipe("sitrep_toponyms_v1", name="topo_rel")
    doc = component(doc)
    (span,) = doc._.sitrep_toponyms
    assert span.text == "roughly 150 miles south of Sirte"
    place = span._.sitrep_place
    assert place.country == "LY" and place.precision == 2
    assert haversine_km(place.lat, place.lon, 29.04, 16.59) < 40
    assert (place.start, place.end) == (span.start_char, span.end_char)


def test_geo_component_metonymy_and_demonym_roles(nlp):
    words = ["Washington", "said", "Libyan", "forces", "entered", "Sirte", "."]
    heads = [1, 1, 3, 4, 1, 4, 1]
    deps = ["nsubj", "ROOT", "amod", "nsubj", "ccomp", "dobj", "punct"]
    pos = ["PROPN", "VERB", "ADJ", "NOUN", "VERB", "PROPN", "PUNCT"]
    lemmas = ["Washington", "say", "libyan", "force", "enter", "Sirte", "."]
    doc = Doc(
        nlp.vocab,
        words=words,
        heads=heads,
        deps=deps,
        pos=pos,
        lemmas=lemmas,
        ents=["B-GPE", "O", "B-NORP", "O", "O", "B-GPE", "O"],
    )
    resolver = ToponymResolver(RecognizeConfig(), ResolveConfig())
    doc = resolver(doc)
    roles = {s.text: s._.sitrep_role for s in doc._.sitrep_toponyms}
    assert roles == {"Washington": "metonymic", "Libyan": "demonym", "Sirte": "literal"}
    places = {s.text: s._.sitrep_place for s in doc._.sitrep_toponyms}
    assert places["Libyan"].country == "LY" and places["Libyan"].feature == "country"
    assert places["Sirte"].feature == "city" and places["Sirte"].precision == 1


def test_geo_component_person_named_like_a_country_is_not_a_place(nlp):
    words = ["Michael", "Jordan", "scored", ".", "Jordan", "smiled", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "O", "O"]
    doc = ToponymResolver(RecognizeConfig(), ResolveConfig())(_doc(nlp, words, ents))
    assert doc._.sitrep_toponyms == []


def test_geo_component_gazetteer_match_needs_capital_letter_and_cue(nlp):
    words = ["Rebels", "fled", "to", "Sirte", "and", "the", "mobile", "units", "left", "."]
    doc = ToponymResolver(RecognizeConfig(), ResolveConfig())(_doc(nlp, words, ["O"] * len(words)))
    assert [s.text for s in doc._.sitrep_toponyms] == ["Sirte"]


def test_geo_component_unknown_names_in_strong_place_frames(nlp):
    words = ["Gunmen", "raided", "the", "village", "of", "Zqarwit", "near", "Qorvel", "District", "."]
    doc = _doc(nlp, words, ["O"] * len(words))
    component = nlp.add_pipe("sitrep_toponyms_v1", name="topo_frames")
    doc = component(doc)
    assert [s.text for s in doc._.sitrep_toponyms] == ["Zqarwit", "Qorvel District"]


def test_geo_component_mislabelled_person_after_a_preposition_is_a_place(nlp):
    words = ["Shells", "fell", "in", "Aleppo", "and", "Jordan", "Peterson", "spoke", "."]
    ents = ["O", "O", "O", "B-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O"]
    doc = _doc(nlp, words, ents)
    component = nlp.add_pipe("sitrep_toponyms_v1", name="topo_person")
    doc = component(doc)
    assert [s.text for s in doc._.sitrep_toponyms] == ["Aleppo"]


def test_geo_component_person_ending_in_an_area_abbreviation_is_a_place(nlp):
    words = ["Gunmen", "attacked", "Jagbanda", "in", "Zqarwit", "LGA", "."]
    ents = ["O", "O", "B-GPE", "O", "B-PERSON", "I-PERSON", "O"]
    doc = ToponymResolver(RecognizeConfig(), ResolveConfig())(_doc(nlp, words, ents))
    assert [s.text for s in doc._.sitrep_toponyms] == ["Jagbanda", "Zqarwit LGA"]


def test_geo_component_recognize_doc_reads_the_doc_text_and_spans(nlp):
    # Tokens without a following space, a newline token and a double space: the text read from the tokens
    # is doc.text, and every mention's offsets and text are those of its tokens in it.
    from sitrep.geo.gazetteer import get_gazetteer
    from sitrep.geo.lexicon import get_lexicon
    from sitrep.geo.recognize import find_mentions, recognize_doc

    words = ["Fighting", "in", "Sirte", "\n", "and", " ", "Misrata", "(", "Libya", ")", "spread", "to",
             "Benghazi"]
    spaces = [True, True, False, False, True, False, True, False, False, True, True, True, False]
    ents = ["O", "O", "B-GPE", "O", "O", "O", "B-GPE", "O", "B-GPE", "O", "O", "O", "O"]
    doc = _doc(nlp, words, ents, spaces=spaces)
    mentions, text = recognize_doc(doc, get_gazetteer(), get_lexicon())
    assert text == doc.text
    assert [(m.start, m.end, m.text) for m in mentions] == [
        (doc[i].idx, doc[i].idx + len(doc[i]), doc[i].text) for i in (2, 6, 8, 12)
    ]
    assert find_mentions(doc, get_gazetteer(), get_lexicon()) == mentions
