"""Trigger lexicon: phrases by lemma, context requirements, metaphors."""

from __future__ import annotations

from sitrep.nlp.triggers import TriggerLexicon
from tests.helpers import parsed_doc


def _sent(words, lemmas, pos, heads=None, deps=None):
    return parsed_doc(words, heads, deps, pos, lemmas=lemmas)[:]


def test_triggers_multiword_beats_single_word():
    sent = _sent(
        ["A", "suicide", "bomber", "struck", "."],
        ["a", "suicide", "bomber", "strike", "."],
        ["DET", "NOUN", "NOUN", "VERB", "PUNCT"],
    )
    found = TriggerLexicon.load().find(sent)
    assert [(t.text, t.hints) for t in found][0] == ("suicide bomber", ("Suicide bomb",))


def test_triggers_context_required_for_ambiguous_lemma():
    lexicon = TriggerLexicon.load()
    plain = _sent(
        ["Prices", "move", "up", "."], ["price", "move", "up", "."], ["NOUN", "VERB", "ADP", "PUNCT"]
    )
    troops = _sent(
        ["Troops", "move", "north", "."], ["troop", "move", "north", "."], ["NOUN", "VERB", "ADV", "PUNCT"]
    )
    assert lexicon.find(plain) == []
    assert [t.text for t in lexicon.find(troops)] == ["move"]


def test_triggers_metaphorical_object_is_not_an_event():
    sent = _sent(
        ["They", "fight", "corruption", "."],
        ["they", "fight", "corruption", "."],
        ["PRON", "VERB", "NOUN", "PUNCT"],
        heads=[1, 1, 1, 1],
        deps=["nsubj", "ROOT", "dobj", "punct"],
    )
    assert TriggerLexicon.load().find(sent) == []


def test_triggers_every_hint_is_a_known_type():
    from sitrep.classify.labels import LABELS, label_for

    lexicon = TriggerLexicon.load()
    for hints in lexicon.phrases.values():
        for hint in hints:
            assert hint in LABELS or label_for(hint) in LABELS


def test_triggers_market_subject_without_object_is_a_figure_of_speech():
    lexicon = TriggerLexicon.load()
    prices = _sent(
        ["Prices", "shot", "up", "."],
        ["price", "shoot", "up", "."],
        ["NOUN", "VERB", "ADP", "PUNCT"],
        heads=[1, 1, 1, 1],
        deps=["nsubj", "ROOT", "prt", "punct"],
    )
    gunmen = _sent(
        ["Gunmen", "shot", "up", "a", "bar", "."],
        ["gunman", "shoot", "up", "a", "bar", "."],
        ["NOUN", "VERB", "ADP", "DET", "NOUN", "PUNCT"],
        heads=[1, 1, 1, 4, 1, 1],
        deps=["nsubj", "ROOT", "prt", "det", "dobj", "punct"],
    )
    assert lexicon.find(prices) == []
    assert [t.text for t in lexicon.find(gunmen)] == ["shot"]
