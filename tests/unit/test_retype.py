"""Retyping by the parties: ACLED's codebook rules applied once actors are known."""

from __future__ import annotations

import json

import pytest

from sitrep.nlp.retype import (
    escalation,
    lethal_labels,
    load_rules,
    never_lethal_labels,
    non_lethal_labels,
    retype,
)
from sitrep.records import Actor


def _actor(kind: str) -> Actor:
    return Actor(f"Someone ({kind})", kind, "MLI", "someone", 0, 7)


@pytest.mark.parametrize("kind", ["State forces", "Rebel group", "Political militia", "Identity militia"])
def test_retype_attack_on_an_armed_actor_is_an_armed_clash(kind: str) -> None:
    assert retype("ATTACK", _actor("Political militia"), _actor(kind)) == "ARMED_CLASH"


def test_retype_keeps_attacks_on_civilians_and_unknown_targets() -> None:
    assert retype("ATTACK", _actor("Political militia"), _actor("Civilians")) == "ATTACK"
    assert retype("ATTACK", _actor("Political militia"), None) == "ATTACK"


def test_retype_leaves_other_labels_alone() -> None:
    assert retype("ABDUCT_DISSAP", _actor("Rebel group"), _actor("State forces")) == "ABDUCT_DISSAP"
    assert retype("AIR_STRIKE", _actor("State forces"), _actor("Rebel group")) == "AIR_STRIKE"


def test_retype_rules_come_from_data(tmp_path) -> None:
    path = tmp_path / "rules.json"
    rule = {"label": "ARREST", "role": "actor1", "types": ["Rioters"], "becomes": "MOB_VIOL"}
    path.write_text(json.dumps({"rules": [rule]}))
    rules = load_rules(path)
    assert retype("ARREST", _actor("Rioters"), None, rules) == "MOB_VIOL"
    assert retype("ATTACK", _actor("Rioters"), _actor("State forces"), rules) == "ATTACK"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"rules": [{"label": "A", "role": "actor3", "types": [], "becomes": "B"}]}))
    with pytest.raises(ValueError, match="either a role"):
        load_rules(bad)
    both = tmp_path / "both.json"
    rule = {"label": "A", "role": "actor1", "types": ["Rioters"], "casualties": True, "becomes": "B"}
    both.write_text(json.dumps({"rules": [rule]}))
    with pytest.raises(ValueError, match="either a role"):
        load_rules(both)


def test_retype_abduction_with_casualties_is_an_attack() -> None:
    gunmen, villagers = _actor("Political militia"), _actor("Civilians")
    assert retype("ABDUCT_DISSAP", gunmen, villagers, casualties=True) == "ATTACK"
    assert retype("ABDUCT_DISSAP", gunmen, villagers, casualties=False) == "ABDUCT_DISSAP"
    # The casualties rule is about abductions only: a protest with casualties keeps its label.
    assert retype("PEACE_PROTEST", None, None, casualties=True) == "PEACE_PROTEST"


def test_retype_non_lethal_labels_are_data() -> None:
    labels = non_lethal_labels()
    assert {"ARREST", "AGREEMENT", "PROPERTY_DISTRUCT"} <= labels
    # ACLED codes some disrupted weapons and "other" developments with fatalities: not in the list.
    assert not labels & {"DISR_WEAP", "OTHER", "ATTACK", "ARMED_CLASH"}


def test_retype_rules_chain() -> None:
    # An abduction of soldiers in which people die is an attack, and an attack on soldiers a clash.
    gunmen, soldiers = _actor("Political militia"), _actor("State forces")
    assert retype("ABDUCT_DISSAP", gunmen, soldiers, casualties=True) == "ARMED_CLASH"


def test_retype_role_rule_needs_types(tmp_path) -> None:
    path = tmp_path / "rules.json"
    path.write_text(json.dumps({"rules": [{"label": "ATTACK", "role": "actor2", "becomes": "ARMED_CLASH"}]}))
    with pytest.raises(ValueError, match="either a role"):
        load_rules(path)


def test_retype_lethal_labels_exclude_the_non_lethal() -> None:
    assert lethal_labels() and not lethal_labels() & non_lethal_labels()
    assert {"ARMED_CLASH", "ATTACK"} <= lethal_labels()
    assert "PEACE_PROTEST" not in lethal_labels()


def test_events_label_choice_stays_among_the_labels_in_play() -> None:
    from types import SimpleNamespace

    from sitrep.nlp.events import EventExtractor, EventsConfig

    extractor = EventExtractor.__new__(EventExtractor)  # the label choice needs only the settings
    extractor.config = EventsConfig()
    arrested = SimpleNamespace(hints=("ARREST",))
    label, _score = extractor._choose_label({"ATTACK": 0.2, "ARMED_CLASH": 0.1}, [arrested])
    assert label == "ATTACK"


def test_retype_escalations_name_the_event_by_the_response() -> None:
    assert escalation("PEACE_PROTEST", "ARREST") == "PROTEST_WITH_INTER"
    assert escalation("PEACE_PROTEST", "FORCE_AGAINST_PROTEST") == "FORCE_AGAINST_PROTEST"
    assert escalation("PROTEST_WITH_INTER", "ARREST") == "PROTEST_WITH_INTER"
    # Only protests escalate, and only by a response to them.
    assert escalation("ARMED_CLASH", "ARREST") is None
    assert escalation("PEACE_PROTEST", "ATTACK") is None


def test_retype_never_lethal_labels_are_protests_without_force():
    labels = never_lethal_labels()
    assert {"PEACE_PROTEST", "PROTEST_WITH_INTER"} <= labels
    # Protests met with lethal force and riots do kill: they keep their figures.
    assert not labels & {"FORCE_AGAINST_PROTEST", "VIOL_DEMONSTR", "MOB_VIOL"}
