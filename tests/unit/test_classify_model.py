"""The trained classifier: prediction shape, label metadata, calibration sanity, clear error when missing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from sitrep.classify import LABELS, Prediction, get_classifier, label_info, load_classifier
from sitrep.classify.model import ARTIFACT_PATH
from sitrep.errors import ModelError

# Our own sentences, each plainly of one type.
PLAIN = [
    ("Fighter jets bombed rebel positions outside the city overnight.", "AIR_STRIKE"),
    ("A suicide bomber blew himself up at the gate of the police academy.", "SUIC_BOMB"),
    ("Thousands marched peacefully through the capital demanding higher wages.", "PEACE_PROTEST"),
    ("An earthquake of magnitude 6.8 flattened villages in the mountains.", "NATURAL_DISASTER"),
    ("The foreign ministers of both countries held talks on trade and border security.", "DIPLO"),
    ("Police seized a tonne of heroin from a drug trafficking gang at the port.", "ORG_CRIME"),
    ("Gunmen abducted five teachers from a school and took them into the forest.", "ABDUCT_DISSAP"),
    ("Army engineers defused a roadside bomb before it could explode.", "DISR_WEAP"),
]


@pytest.fixture(scope="module")
def classifier():  # type: ignore[no-untyped-def]
    if not ARTIFACT_PATH.is_file():
        pytest.skip("classifier artifact not built")
    return get_classifier()


def test_model_predict_shape(classifier) -> None:  # type: ignore[no-untyped-def]
    preds = classifier.predict([text for text, _ in PLAIN])
    assert len(preds) == len(PLAIN)
    for pred in preds:
        assert isinstance(pred, Prediction)
        assert set(pred.scores) == set(LABELS)
        assert abs(sum(pred.scores.values()) - 1.0) < 1e-6
        assert pred.score == pytest.approx(pred.scores[pred.label])
        assert pred.score == pytest.approx(max(pred.scores.values()))
        info = label_info(pred.label)
        assert (pred.event_type, pred.sub_event_type) == (info.event_type, info.sub_event_type)


def test_model_plain_sentences(classifier) -> None:  # type: ignore[no-untyped-def]
    preds = classifier.predict([text for text, _ in PLAIN])
    right = sum(p.label == gold for p, (_, gold) in zip(preds, PLAIN, strict=True))
    assert right >= len(PLAIN) - 1


def test_model_calibration_sanity(classifier) -> None:  # type: ignore[no-untyped-def]
    info = classifier.info
    # Recorded at training time on held-out examples: predictions scored >= 0.8 are right >= 80% of the time.
    assert info["validation_accuracy_scored_ge_0.8"] >= 0.8
    vague = classifier.predict(["Something happened somewhere yesterday."])[0]
    plain = classifier.predict([PLAIN[0][0]])[0]
    assert vague.score < plain.score
    assert vague.score < 0.8


def test_model_non_acled_label_has_no_types(classifier) -> None:  # type: ignore[no-untyped-def]
    pred = classifier.predict(["Floods after days of torrential rain swept away homes and bridges."])[0]
    assert pred.label == "NATURAL_DISASTER"
    assert pred.event_type is None and pred.sub_event_type is None


def test_model_empty_and_bad_input(classifier) -> None:  # type: ignore[no-untyped-def]
    assert classifier.predict([]) == []
    assert len(classifier.predict([""])) == 1
    with pytest.raises(TypeError):
        classifier.predict("a single string")


def test_model_cached(classifier) -> None:  # type: ignore[no-untyped-def]
    assert get_classifier() is classifier


def test_model_missing_artifact(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="train_classifier.py"):
        load_classifier(tmp_path / "absent.joblib")


def test_model_not_an_artifact(tmp_path: Path) -> None:
    path = tmp_path / "bad.joblib"
    path.write_bytes(b"not a pickle")
    with pytest.raises(ModelError):
        load_classifier(path)


def _tiny_corpus() -> list:
    from sitrep.classify.training import Example

    rows = {
        "AIR_STRIKE": ["warplanes bombed the {} base", "jets struck {} posts", "airstrikes hit {} camps"],
        "PEACE_PROTEST": ["people marched peacefully in {}", "{} residents rallied", "a sit-in in {}"],
        "ARREST": ["police arrested {} suspects", "officers detained {} men", "{} activists were arrested"],
    }
    for label in LABELS:  # every label needs examples; the others get a word of their own
        rows.setdefault(label, [label.lower().replace("_", "") + " happened near {}"])
    places = "north south east west river hill market border valley coast town camp".split()
    # One sentence each, as a note's lead would be: they count as real and as single sentences.
    return [Example(t.format(p), lab, "acled_lead") for lab, ts in rows.items() for t in ts for p in places]


def test_model_members_are_averaged_and_svm_margins_calibrated() -> None:
    from sitrep.classify.model import EventClassifier
    from sitrep.classify.training import TrainConfig, fit

    config = TrainConfig(min_df=1, min_countries=0, per_template=0, validation_share=0.25, model="lr,svm")
    artifact, report = fit(_tiny_corpus(), config, log=lambda _m: None)
    assert [m["kind"] for m in artifact["members"]] == ["lr", "svm"]
    assert 0 < report["margin_scales"]["svm"] and report["margin_scales"]["lr"] == 1.0
    both = EventClassifier(artifact)
    texts = ["jets struck market posts", "police arrested border suspects"]
    assert [p.label for p in both.predict(texts)] == ["AIR_STRIKE", "ARREST"]
    alone = [EventClassifier({**artifact, "members": [m]}).base_log_proba(texts) for m in artifact["members"]]
    mean = (alone[0] + alone[1]) / 2
    expected = mean - np.log(np.exp(mean).sum(axis=1, keepdims=True))
    assert np.allclose(both.base_log_proba(texts), expected, atol=1e-6)


def test_model_unknown_kind_is_refused() -> None:
    from sitrep.classify.training import TrainConfig, fit

    with pytest.raises(ValueError, match="unknown model kind"):
        fit(_tiny_corpus(), TrainConfig(min_df=1, min_countries=0, model="forest"), log=lambda _m: None)


def test_model_context_types_a_bare_casualty_sentence(classifier) -> None:  # type: ignore[no-untyped-def]
    bare = "Two people were killed and three wounded."
    alone = classifier.predict([bare])[0]
    air = "Government warplanes bombed a market in the rebel-held town on Sunday. " + bare
    riot = "Police fired tear gas at stone-throwing rioters who burned tyres in the capital. " + bare
    in_air = classifier.predict([bare], context=air, context_weight=0.5)[0]
    in_riot = classifier.predict([bare], context=riot, context_weight=0.5)[0]
    assert alone.label not in ("AIR_STRIKE", "VIOL_DEMONSTR")
    assert (in_air.label, in_riot.label) == ("AIR_STRIKE", "VIOL_DEMONSTR")
    assert abs(sum(in_air.scores.values()) - 1.0) < 1e-6


def test_model_context_weight_zero_is_the_snippet_alone(classifier) -> None:  # type: ignore[no-untyped-def]
    texts = [text for text, _ in PLAIN]
    plain = classifier.predict(texts)
    mixed = classifier.predict(texts, context="Floods swept away homes.", context_weight=0.0)
    assert [p.scores for p in plain] == [p.scores for p in mixed]
    with pytest.raises(ValueError, match="context_weight"):
        classifier.predict(texts, context="Floods swept away homes.", context_weight=1.5)


def test_model_context_weight_per_text(classifier) -> None:  # type: ignore[no-untyped-def]
    texts = [PLAIN[0][0], PLAIN[2][0]]
    story = "Floods after days of torrential rain swept away homes and bridges."
    alone = classifier.predict(texts)
    mixed = classifier.predict(texts, context=story, context_weight=[0.0, 0.9])
    assert mixed[0].scores == pytest.approx(alone[0].scores)
    assert mixed[1].scores["NATURAL_DISASTER"] > alone[1].scores["NATURAL_DISASTER"]
    with pytest.raises(ValueError, match="context_weight"):
        classifier.predict(texts, context=story, context_weight=[0.5, -0.1])


def test_model_runs_the_artifacts_tuned_layers(classifier, encoder) -> None:  # type: ignore[no-untyped-def]
    layers = classifier.embedding["layers"]
    tuned = classifier.encoder
    assert classifier.embedding["layers_tag"] in tuned.version and tuned.version != encoder.version
    assert len(tuned.layers) == len(encoder.layers) and len(layers) == 2
    assert tuned.layers[0] is encoder.layers[0]  # the frozen layers are the packaged model's own
    assert np.allclose(tuned.layers[-1][0], layers[-1][0].astype(np.float32))
    assert not np.allclose(tuned.layers[-1][0], encoder.layers[-1][0], atol=1e-4)
    # The head reads the tuned encoder's vectors: "Militants fired rockets at the base" is a shelling.
    vectors = tuned.encode(["Militants fired rockets at the army base overnight."])
    scores = classifier.embedding_log_proba(vectors)[0]
    assert classifier.labels[int(scores.argmax())] == "ART_MISS_ATTACK"


class _Counting:
    """Wraps an encoder, counting the texts it embeds."""

    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        self.inner, self.texts = inner, 0

    def encode(self, texts):  # type: ignore[no-untyped-def]
        self.texts += len(texts)
        return self.inner.encode(texts)


def test_model_embeds_only_the_texts_the_word_models_are_unsure_of(classifier, encoder) -> None:  # type: ignore[no-untyped-def]
    texts = [text for text, _label in PLAIN] + ["Witnesses said shots were heard near the market.", ""]
    fresh = load_classifier(ARTIFACT_PATH)
    expected = fresh.predict_proba(texts)
    words = fresh.predict_proba(texts, words_only=True)
    unsure = int((words.max(axis=1) < fresh.embedding["below"]).sum())
    counting = _Counting(fresh.encoder)
    fresh.encoder = counting
    assert np.allclose(fresh.predict_proba(texts), expected, atol=1e-6)
    assert counting.texts == unsure and 0 < unsure <= len(texts)
    assert not np.allclose(words, expected)  # the head changed the scores of those it read
