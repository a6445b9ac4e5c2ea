"""choose_event_location on hand-parsed Docs (no model)."""

import spacy
from spacy.tokens import Doc

from sitrep.geo.event_location import choose_event_location, choose_event_locations
from sitrep.nlp import extensions  # noqa: F401
from sitrep.records import Place


def _doc(words, heads, deps, pos, lemmas, places, sent_starts=None):
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, sent_starts=sent_starts)
    spans = []
    for (i, j), (feature, role) in places.items():
        span = doc[i:j]
        span._.sitrep_place = Place(name=span.text, lat=0.0, lon=0.0, feature=feature)
        span._.sitrep_role = role
        spans.append(span)
    doc._.sitrep_toponyms = sorted(spans, key=lambda s: s.start)
    return doc


def test_geo_event_location_speaking_place_is_not_the_event_place():
    words = ["Speaking", "in", "Berlin", ",", "the", "minister", "said", "Homs", "was", "shelled", "."]
    heads = [6, 0, 1, 6, 5, 6, 6, 9, 9, 6, 6]
    deps = [
        "advcl",
        "prep",
        "pobj",
        "punct",
        "det",
        "nsubj",
        "ROOT",
        "nsubjpass",
        "auxpass",
        "ccomp",
        "punct",
    ]
    pos = ["VERB", "ADP", "PROPN", "PUNCT", "DET", "NOUN", "VERB", "PROPN", "AUX", "VERB", "PUNCT"]
    lemmas = ["speak", "in", "Berlin", ",", "the", "minister", "say", "Homs", "be", "shell", "."]
    doc = _doc(words, heads, deps, pos, lemmas, {(2, 3): ("city", "literal"), (7, 8): ("city", "literal")})
    assert choose_event_location(doc, doc[9]).text == "Homs"


def test_geo_event_location_skips_metonymic_subject():
    words = ["Washington", "condemned", "the", "strike", "in", "Mosul", "."]
    heads = [1, 1, 3, 1, 3, 4, 1]
    deps = ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"]
    pos = ["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"]
    lemmas = ["Washington", "condemn", "the", "strike", "in", "Mosul", "."]
    doc = _doc(words, heads, deps, pos, lemmas, {(0, 1): ("city", "metonymic"), (5, 6): ("city", "literal")})
    assert choose_event_location(doc, doc[3]).text == "Mosul"


def test_geo_event_location_falls_back_to_previous_sentence():
    words = ["Clashes", "hit", "Sirte", ".", "Five", "died", "."]
    heads = [1, 1, 1, 1, 5, 5, 5]
    deps = ["nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "punct"]
    pos = ["NOUN", "VERB", "PROPN", "PUNCT", "NUM", "VERB", "PUNCT"]
    lemmas = ["clash", "hit", "Sirte", ".", "five", "die", "."]
    starts = [True, False, False, False, True, False, False]
    doc = _doc(words, heads, deps, pos, lemmas, {(2, 3): ("city", "literal")}, sent_starts=starts)
    assert choose_event_location(doc, doc[5]).text == "Sirte"


def test_geo_event_location_none_without_toponyms():
    doc = _doc(
        ["It", "exploded", "."],
        [1, 1, 1],
        ["nsubj", "ROOT", "punct"],
        ["PRON", "VERB", "PUNCT"],
        ["it", "explode", "."],
        {},
    )
    assert choose_event_location(doc, doc[1]) is None


def test_geo_event_location_coordinated_places_come_together():
    words = ["Protesters", "marched", "in", "Moscow", "and", "Kazan", "."]
    heads = [1, 1, 1, 2, 3, 3, 1]
    deps = ["nsubj", "ROOT", "prep", "pobj", "cc", "conj", "punct"]
    pos = ["NOUN", "VERB", "ADP", "PROPN", "CCONJ", "PROPN", "PUNCT"]
    lemmas = ["protester", "march", "in", "Moscow", "and", "Kazan", "."]
    places = {(3, 4): ("city", "literal"), (5, 6): ("city", "literal")}
    doc = _doc(words, heads, deps, pos, lemmas, places)
    assert [s.text for s in choose_event_locations(doc, doc[1])] == ["Moscow", "Kazan"]
    assert choose_event_location(doc, doc[1]).text == "Moscow"


def test_geo_event_location_demonym_is_no_location():
    words = ["Syrian", "troops", "advanced", "."]
    heads = [1, 2, 2, 2]
    deps = ["amod", "nsubj", "ROOT", "punct"]
    pos = ["ADJ", "NOUN", "VERB", "PUNCT"]
    lemmas = ["syrian", "troop", "advance", "."]
    doc = _doc(words, heads, deps, pos, lemmas, {(0, 1): ("country", "demonym")})
    assert choose_event_locations(doc, doc[2]) == []
    assert choose_event_location(doc, doc[2]) is None


def test_geo_event_location_prefers_the_place_inside_another():
    words = ["Jets", "struck", "targets", "in", "Avasin", "(", "Mergasur", ")", "region", "of", "Erbil", "."]
    heads = [1, 1, 1, 1, 8, 8, 4, 8, 3, 8, 9, 1]
    deps = ["nsubj", "ROOT", "dobj", "prep", "compound", "punct", "appos", "punct", "pobj", "prep", "pobj"]
    deps.append("punct")
    pos = ["NOUN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT", "PROPN", "PUNCT", "NOUN", "ADP", "PROPN", "PUNCT"]
    lemmas = ["jet", "strike", "target", "in", "Avasin", "(", "Mergasur", ")", "region", "of", "Erbil", "."]
    places = {(4, 5): ("city", "literal"), (10, 11): ("city", "literal")}
    doc = _doc(words, heads, deps, pos, lemmas, places)
    assert choose_event_location(doc, doc[1]).text == "Avasin"



def test_geo_event_location_tree_scorer_matches_the_fitted_trees():
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    from sitrep.geo.event_location import TreeScorer

    # "prep=in" names the place unless "own_verb=speech" comes with it: an interaction of two features.
    rng = np.random.default_rng(0)
    x = rng.integers(0, 2, size=(400, 3)).astype(np.float32)
    y = ((x[:, 0] == 1) & (x[:, 1] == 0)).astype(int)
    model = HistGradientBoostingClassifier(max_iter=30, random_state=0).fit(x, y)
    scorer = TreeScorer(["prep=in", "own_verb=speech", "bias"], TreeScorer.export(model))
    rows = [["prep=in"], ["prep=in", "own_verb=speech"], ["own_verb=speech"], ["never_seen", "prep=in"]]
    probs = scorer.probabilities(rows)
    assert np.allclose(probs, model.predict_proba(scorer.matrix(rows))[:, 1], atol=1e-6)
    assert probs[0] > 0.9 and probs[1] < 0.1 and probs[2] < 0.1
    assert probs[3] == probs[0]  # an unknown feature is left out, not an error
    assert scorer.probabilities([]) == []


def test_geo_event_location_tree_scorer_matches_lightgbm():
    import lightgbm
    import numpy as np

    from sitrep.geo.event_location import TreeScorer

    rng = np.random.default_rng(0)
    x = rng.integers(0, 2, size=(400, 3)).astype(np.float32)
    y = ((x[:, 0] == 1) & (x[:, 1] == 0)).astype(float)
    params = {"objective": "binary", "num_leaves": 4, "min_data_in_leaf": 5, "verbose": -1, "num_threads": 1}
    booster = lightgbm.train(params, lightgbm.Dataset(x, label=y), num_boost_round=20)
    scorer = TreeScorer(["prep=in", "own_verb=speech", "bias"], TreeScorer.export_lightgbm(booster))
    rows = [["prep=in"], ["prep=in", "own_verb=speech"], ["own_verb=speech"], []]
    probs = scorer.probabilities(rows)
    assert np.allclose(probs, booster.predict(scorer.matrix(rows)), atol=1e-6)
    assert probs[0] > 0.9 and probs[1] < 0.1 and probs[2] < 0.1


def test_geo_event_location_folds_keep_a_text_together():
    from sitrep.geo.train_event_location import assign_folds

    records = [{"text": f"sentence {n % 7}"} for n in range(40)]
    folds = assign_folds(records, 3, seed=0)
    by_text: dict[str, set[int]] = {}
    for rec, fold in zip(records, folds, strict=True):
        by_text.setdefault(rec["text"], set()).add(fold)
    assert all(len(f) == 1 for f in by_text.values())
    assert set(folds) == {0, 1, 2}
    assert folds == assign_folds(records, 3, seed=0)  # seeded: the same folds every run


def test_geo_event_location_thresholds_match_the_exhaustive_search():
    import random

    from sitrep.geo import train_event_location as T

    rng = random.Random(3)
    by_sentence, golds = {}, {}
    for k in range(60):
        cands, row = [], 100 * k
        for n in range(rng.randint(0, 4)):
            linked = {row + n + 1} if rng.random() < 0.3 else set()
            cands.append((row + n, rng.random(), {10 * k + n}, linked))
        by_sentence[k] = cands
        golds[k] = {10 * k + n for n in range(len(cands)) if rng.random() < 0.4}
    sentences = sorted(golds)
    best = (-1.0, None)
    for t in T.THRESHOLDS:
        for e in T.EXTRA_THRESHOLDS:
            for c in T.CONJ_THRESHOLDS:
                f1 = T._prf(*T._score(by_sentence, golds, sentences, (t, e, c)))["f1"]
                if f1 > best[0]:
                    best = (f1, (t, e, c))
    assert T._pick_thresholds(by_sentence, golds, sentences) == best[1]
