"""Cue lexicons: every label has cues that compile, and codebook cues fire where they should."""

from __future__ import annotations

import pytest

from sitrep.classify.cues import CueMatcher, load_cue_spec
from sitrep.classify.labels import LABELS


@pytest.fixture(scope="module")
def matcher() -> CueMatcher:
    return CueMatcher(LABELS, load_cue_spec())


def test_cues_cover_every_label() -> None:
    spec = load_cue_spec()
    assert set(spec) == set(LABELS)
    assert all(entry["patterns"] for entry in spec.values())


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("A suicide bomber struck a checkpoint.", "SUIC_BOMB"),
        ("Residents smelled chlorine after the barrels fell.", "CHEM_WEAP"),
        ("The rebels set up a base in the hills.", "HQ_ESTABLISHED"),
        ("A man hurled a grenade at the bar.", "GRENADE"),
        ("Engineers defused a bomb under the bridge.", "DISR_WEAP"),
        ("A magnitude 6 earthquake shook the coast.", "NATURAL_DISASTER"),
        ("The ferry capsized in the storm.", "MAN_MADE_DISASTER"),
        ("Police broke up a cocaine smuggling ring.", "ORG_CRIME"),
        ("The foreign minister met his counterpart.", "DIPLO"),
        ("The group claimed responsibility for the blast.", "ATTRIB"),
        ("Warplanes pounded the town.", "AIR_STRIKE"),
        ("An angry MOB lynched a suspect.", "MOB_VIOL"),
    ],
)
def test_cues_fire(matcher: CueMatcher, text: str, label: str) -> None:
    assert label in matcher.matches(text)


def test_cues_word_boundaries(matcher: CueMatcher) -> None:
    assert "SEX_VIOL" not in matcher.matches("Grapes were harvested early.")


def test_cues_transform_shape(matcher: CueMatcher) -> None:
    x = matcher.transform(["A suicide bomber struck.", "Nothing happened."])
    assert x.shape == (2, len(LABELS))
    assert x[0, LABELS.index("SUIC_BOMB")] == 1
    assert x[1].sum() == 0


def test_cues_pickle_round_trip(matcher: CueMatcher) -> None:
    import pickle

    again = pickle.loads(pickle.dumps(matcher))
    assert again.matches("Jets bombed the camp.") == matcher.matches("Jets bombed the camp.")
    assert (again.weights == matcher.weights).all()


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Troops fired mortars and grenade launchers at the village.", "ART_MISS_ATTACK"),
        ("Police threw stun grenades to scatter the crowd.", "PROTEST_WITH_INTER"),
    ],
)
def test_cues_launched_and_stun_grenades_are_not_grenade_attacks(
    matcher: CueMatcher, text: str, label: str
) -> None:
    found = matcher.matches(text)
    assert "GRENADE" not in found
    assert label in found
