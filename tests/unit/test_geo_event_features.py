"""Syntactic features of (trigger, toponym) pairs on hand-parsed Docs (no model)."""

import spacy
from spacy.tokens import Doc

from sitrep.geo.event_candidates import Candidate
from sitrep.geo.event_features import FeatureCues, pair_features, path_between
from sitrep.nlp import extensions  # noqa: F401


def _doc():
    # "A bomb exploded in the Kafr Souseh area of Damascus ."
    words = ["A", "bomb", "exploded", "in", "the", "Kafr", "Souseh", "area", "of", "Damascus", "."]
    heads = [1, 2, 2, 2, 7, 6, 7, 3, 7, 8, 2]
    deps = ["det", "nsubj", "ROOT", "prep", "det", "compound", "compound", "pobj", "prep", "pobj", "punct"]
    pos = ["DET", "NOUN", "VERB", "ADP", "DET", "PROPN", "PROPN", "NOUN", "ADP", "PROPN", "PUNCT"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)
    inner, outer = doc[5:7], doc[9:10]
    for span in (inner, outer):
        span._.sitrep_role = "literal"
    return doc, inner, outer


def test_geo_event_features_path_meets_at_the_common_head():
    doc, inner, _ = _doc()
    up_trigger, up_place = path_between(doc[2], inner.root)
    assert [t.i for t in up_trigger] == [2]
    assert [t.i for t in up_place] == [6, 7, 3, 2]


def test_geo_event_features_nesting_marks_the_finer_place():
    doc, inner, outer = _doc()
    a, b = Candidate(inner, inner, "toponym"), Candidate(outer, outer, "toponym")
    inner_feats = pair_features(a, doc[2], [b], FeatureCues())
    outer_feats = pair_features(b, doc[2], [a], FeatureCues())
    assert "contains_candidate_below" in inner_feats and "in_subtree=True" in inner_feats
    assert "container_of_candidate" in outer_feats
    assert not any(f.startswith("name=") for f in inner_feats)  # no feature names a place


def test_geo_event_features_context_words_come_from_the_vocabulary():
    doc, inner, outer = _doc()
    a, b = Candidate(inner, inner, "toponym"), Candidate(outer, outer, "toponym")
    plain = pair_features(a, doc[2], [b], FeatureCues())
    with_area = pair_features(a, doc[2], [b], FeatureCues(context_words=frozenset({"area"})))
    assert "dep=compound|headword=NOUN" in plain
    assert "dep=compound|headword=area" in with_area
    assert "src=toponym" in plain and "prep=in|attach_is_trigger=True" in pair_features(
        Candidate(doc[7:8], None, "propn"), doc[2], [], FeatureCues()
    )


def test_geo_event_features_trigger_word_pairs_with_attachment():
    doc, inner, outer = _doc()
    b = Candidate(outer, outer, "toponym")
    cues = FeatureCues(context_words=frozenset({"explode"}))
    doc[2].lemma_ = "explode"
    feats = pair_features(b, doc[2], [], cues)
    assert "tword=explode&prep=of" in feats
    assert "tword=explode&side=after" in feats and "tword=explode&in_subtree=True" in feats
    assert "tword=explode&src=toponym" in feats
    unknown = pair_features(b, doc[2], [], FeatureCues())
    assert "tword=VERB&prep=of" in unknown  # a word outside the vocabulary pairs as its class


def test_geo_event_features_speaking_clause_is_apart_from_the_trigger():
    # "Speaking in Berlin , the minister said Homs was shelled ."
    words = ["Speaking", "in", "Berlin", ",", "the", "minister", "said", "Homs", "was", "shelled", "."]
    heads = [6, 0, 1, 6, 5, 6, 6, 9, 9, 6, 6]
    deps = ["advcl", "prep", "pobj", "punct", "det", "nsubj", "ROOT"]
    deps += ["nsubjpass", "auxpass", "ccomp", "punct"]
    pos = ["VERB", "ADP", "PROPN", "PUNCT", "DET", "NOUN", "VERB", "PROPN", "AUX", "VERB", "PUNCT"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)
    berlin, homs = Candidate(doc[2:3], None, "propn"), Candidate(doc[7:8], None, "propn")
    far = pair_features(berlin, doc[9], [homs], FeatureCues())
    near = pair_features(homs, doc[9], [berlin], FeatureCues())
    assert "own_verb_rel=apart" in far and "verb_between=True" in far and "commas_between=<=1" in far
    assert "verb_between=False" in near and "commas_between=<=0" in near
    assert not any(f.startswith("own_verb_rel=") for f in near)  # Homs is the trigger's own argument
