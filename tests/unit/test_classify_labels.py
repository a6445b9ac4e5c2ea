"""The CASE 2021 label table and its ACLED names."""

from __future__ import annotations

import pytest

from sitrep.classify.labels import (
    ACLED_LABELS,
    LABELS,
    NON_ACLED_LABELS,
    event_type_for,
    label_for,
    old_type_label,
    sub_event_type_for,
)


def test_labels_counts() -> None:
    assert len(LABELS) == 30
    assert len(ACLED_LABELS) == 25
    assert set(NON_ACLED_LABELS) == {"NATURAL_DISASTER", "MAN_MADE_DISASTER", "ORG_CRIME", "DIPLO", "ATTRIB"}


@pytest.mark.parametrize(
    ("sub_event_type", "label", "event_type"),
    [
        ("Air/drone strike", "AIR_STRIKE", "Explosions/Remote violence"),
        ("Shelling/artillery/missile attack", "ART_MISS_ATTACK", "Explosions/Remote violence"),
        ("Headquarters or base established", "HQ_ESTABLISHED", "Strategic developments"),
        ("Excessive force against protesters", "FORCE_AGAINST_PROTEST", "Protests"),
        ("Non-state actor overtakes territory", "NON_STATE_ACTOR_OVERTAKES_TER", "Battles"),
        ("Looting/property destruction", "PROPERTY_DISTRUCT", "Strategic developments"),
        ("Mob violence", "MOB_VIOL", "Riots"),
        ("Abduction/forced disappearance", "ABDUCT_DISSAP", "Violence against civilians"),
    ],
)
def test_labels_round_trip(sub_event_type: str, label: str, event_type: str) -> None:
    assert label_for(sub_event_type) == label
    assert sub_event_type_for(label) == sub_event_type
    assert event_type_for(label) == event_type


def test_labels_round_trip_all() -> None:
    for label in ACLED_LABELS:
        assert label_for(sub_event_type_for(label) or "") == label


def test_labels_ignore_case_and_spacing() -> None:
    assert label_for("  air/DRONE   strike ") == "AIR_STRIKE"


def test_labels_non_acled_have_no_types() -> None:
    assert sub_event_type_for("DIPLO") is None
    assert event_type_for("NATURAL_DISASTER") is None


def test_labels_unknown_raise() -> None:
    with pytest.raises(KeyError):
        label_for("Dance party")
    with pytest.raises(KeyError):
        sub_event_type_for("NOT_A_LABEL")


def test_labels_old_taxonomy() -> None:
    assert old_type_label("Battle-Government regains territory") == "GOV_REGAINS_TERIT"
    assert old_type_label("Riots/Protests") is None
