"""Actor resolution and actor1/actor2 choice, on hand-built docs (no model) and, marked, the real model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from sitrep.errors import InputError
from sitrep.nlp.actors import ActorResolver, find_participants, get_resolver
from sitrep.records import ACTOR_TYPES
from tests.helpers import parsed_doc


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return get_resolver()


@pytest.mark.parametrize(
    ("text", "country", "name", "kind", "iso3"),
    [
        ("ISIS", "IQ", "Islamic State", "Rebel group", None),
        ("ISIL fighters", "SY", "Islamic State", "Rebel group", None),
        ("Daesh", "LY", "Islamic State", "Rebel group", None),
        ("IS militants", "IQ", "Islamic State", "Rebel group", None),
        ("an Islamic State encampment", "LY", "Islamic State", "Rebel group", None),
        ("al-Shabaab militants", "SO", "Al Shabaab", "Rebel group", None),
        ("the Taliban", "AF", "Taliban", "Rebel group", "AFG"),
        (
            "Boko Haram insurgents",
            "NG",
            "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
            "Rebel group",
            None,
        ),
        (
            "American fighter jets",
            "LY",
            "Military Forces of the United States",
            "External/Other forces",
            "USA",
        ),
        ("AFRICOM", "SO", "Military Forces of the United States", "External/Other forces", "USA"),
        ("U.S. Africa Command", "SO", "Military Forces of the United States", "External/Other forces", "USA"),
        ("the U.S. military", "US", "Military Forces of the United States", "State forces", "USA"),
        ("unknown gunmen", "ML", "Unidentified Armed Group (Mali)", "Political militia", "MLI"),
        ("unidentified assailants", "NG", "Unidentified Armed Group (Nigeria)", "Political militia", "NGA"),
        ("police", "NG", "Police Forces of Nigeria", "State forces", "NGA"),
        ("troops", "PH", "Military Forces of the Philippines", "State forces", "PHL"),
        ("Nigerian soldiers", "NG", "Military Forces of Nigeria", "State forces", "NGA"),
        ("Turkish warplanes", "IQ", "Military Forces of Turkey", "External/Other forces", "TUR"),
        ("villagers", "NG", "Civilians (Nigeria)", "Civilians", "NGA"),
        ("a woman", "KE", "Civilians (Kenya)", "Civilians", "KEN"),
        ("farmers", "CD", "Civilians (Democratic Republic of Congo)", "Civilians", "COD"),
        ("demonstrators", "KE", "Protesters (Kenya)", "Protesters", "KEN"),
        ("an angry mob", "IN", "Rioters (India)", "Rioters", "IND"),
    ],
)
def test_actors_resolve_names_types_countries(resolver, text, country, name, kind, iso3):
    actor = resolver.resolve(text, country=country)
    assert actor is not None
    assert (actor.name, actor.type, actor.country) == (name, kind, iso3)
    assert actor.type in ACTOR_TYPES


def test_actors_resolve_state_forces_follow_inside_country(resolver):
    abroad = resolver.resolve("U.S. forces", country="US", inside_country=False)
    at_home = resolver.resolve("American warplanes", country="LY", inside_country=True)
    assert abroad.type == "External/Other forces"
    assert at_home.type == "State forces"


def test_actors_resolve_abbreviation_needs_capitals(resolver):
    assert resolver.resolve("this is a village", country="IQ").name == "Civilians (Iraq)"
    assert resolver.resolve("it is what it is") is None


def test_actors_resolve_nothing_for_empty_or_unrelated_text(resolver):
    assert resolver.resolve("") is None
    assert resolver.resolve("the weather was fine") is None


def test_actors_resolve_keeps_offsets(resolver):
    text = "Yesterday  unknown gunmen struck"
    actor = resolver.resolve("  unknown gunmen", country="ML", start=9)
    assert actor is not None
    assert text[actor.start : actor.end] == "unknown gunmen" == actor.text


def test_actors_load_extra_aliases_take_precedence(tmp_path: Path):
    extra = tmp_path / "mine.json"
    extra.write_text(
        json.dumps(
            {
                "named": [
                    {
                        "name": "Local Defence Unit",
                        "type": "Identity militia",
                        "country": "KEN",
                        "aliases": ["LDU", "home guards"],
                    },
                ]
            }
        ),
        encoding="utf-8",
    )
    resolver = ActorResolver.load(extra)
    actor = resolver.resolve("the home guards", country="KE")
    assert (actor.name, actor.type, actor.country) == ("Local Defence Unit", "Identity militia", "KEN")
    assert resolver.resolve("LDU", country="KE").name == "Local Defence Unit"
    assert resolver.resolve("ISIS").name == "Islamic State"


def test_actors_load_rejects_unknown_type(tmp_path: Path):
    extra = tmp_path / "bad.json"
    extra.write_text(
        json.dumps({"named": [{"name": "X", "type": "Bandits", "aliases": ["x"]}]}), encoding="utf-8"
    )
    with pytest.raises(InputError, match="bad.json: not an actor alias file .*Bandits"):
        ActorResolver.load(extra)


def test_actors_find_participants_subject_and_object_from_syntax():
    # Gunmen killed three villagers .
    doc = parsed_doc(
        ["Gunmen", "killed", "three", "villagers", "."],
        [1, 1, 3, 1, 1],
        ["nsubj", "ROOT", "nummod", "dobj", "punct"],
        ["NOUN", "VERB", "NUM", "NOUN", "PUNCT"],
    )
    a1, a2 = find_participants(
        doc[:], doc[1], event_type="Violence against civilians", sub_event_type="Attack", country="NG"
    )
    assert (a1.name, a1.type, a1.text) == (
        "Unidentified Armed Group (Nigeria)",
        "Political militia",
        "Gunmen",
    )
    assert (a2.name, a2.type, a2.text) == ("Civilians (Nigeria)", "Civilians", "three villagers")
    assert doc.text[a2.start : a2.end] == "three villagers"


def test_actors_find_participants_passive_agent_acts():
    # Soldiers were attacked by Taliban militants .
    doc = parsed_doc(
        ["Soldiers", "were", "attacked", "by", "Taliban", "militants", "."],
        [2, 2, 2, 2, 5, 3, 2],
        ["nsubjpass", "auxpass", "ROOT", "agent", "compound", "pobj", "punct"],
        ["NOUN", "AUX", "VERB", "ADP", "PROPN", "NOUN", "PUNCT"],
    )
    a1, a2 = find_participants(
        doc[:], doc[2], event_type="Battles", sub_event_type="Armed clash", country="AF"
    )
    assert (a1.name, a1.type) == ("Taliban", "Rebel group")
    assert (a2.name, a2.type) == ("Military Forces of Afghanistan", "State forces")


def test_actors_find_participants_word_order_without_parse():
    doc = spacy.blank("en")("Villagers were killed by unknown gunmen in Kidal.")
    trigger = doc[2]
    a1, a2 = find_participants(
        doc[:], trigger, event_type="Violence against civilians", sub_event_type="Attack", country="ML"
    )
    assert a1.name == "Unidentified Armed Group (Mali)"
    assert a1.text == "unknown gunmen"
    assert a2.name == "Civilians (Mali)"


@pytest.mark.parametrize(
    ("text", "trigger", "event_type", "sub_event_type", "types"),
    [
        ("Teachers protested over unpaid salaries.", 1, "Protests", "Peaceful protest", ("Protesters", None)),
        (
            "Police dispersed the protesters with tear gas.",
            1,
            "Protests",
            "Protest with intervention",
            ("Protesters", "State forces"),
        ),
        ("A mob lynched a suspected thief.", 2, "Riots", "Mob violence", ("Rioters", "Civilians")),
        ("Rioters burned tyres on the highway.", 1, "Riots", "Violent demonstration", ("Rioters", None)),
    ],
)
def test_actors_find_participants_event_type_conventions(text, trigger, event_type, sub_event_type, types):
    doc = spacy.blank("en")(text)
    a1, a2 = find_participants(
        doc[:], doc[trigger], event_type=event_type, sub_event_type=sub_event_type, country="KE"
    )
    assert (a1.type if a1 else None, a2.type if a2 else None) == types


def test_actors_find_participants_battle_counterpart_when_one_side_named():
    doc = spacy.blank("en")("Al Shabaab fighters attacked in Lower Shabelle.")
    a1, a2 = find_participants(
        doc[:], doc[3], event_type="Battles", sub_event_type="Armed clash", country="SO"
    )
    assert a1.name == "Al Shabaab"
    assert (a2.name, a2.type) == ("Military Forces of Somalia", "State forces")


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "trigger", "event_type", "sub_event_type", "country", "expected"),
    [
        (
            "American fighter jets struck an Islamic State camp south of Sirte on Friday.",
            "struck",
            "Explosions/Remote violence",
            "Air/drone strike",
            "LY",
            (
                ("Military Forces of the United States", "External/Other forces"),
                ("Islamic State", "Rebel group"),
            ),
        ),
        (
            "Three farmers were shot dead by suspected bandits near Gusau.",
            "shot",
            "Violence against civilians",
            "Attack",
            "NG",
            (
                ("Unidentified Armed Group (Nigeria)", "Political militia"),
                ("Civilians (Nigeria)", "Civilians"),
            ),
        ),
        (
            "Somali soldiers clashed with al-Shabaab fighters outside the town.",
            "clashed",
            "Battles",
            "Armed clash",
            "SO",
            (("Military Forces of Somalia", "State forces"), ("Al Shabaab", "Rebel group")),
        ),
        (
            "Turkish drones hit PKK positions in the mountains of Duhok.",
            "hit",
            "Explosions/Remote violence",
            "Air/drone strike",
            "IQ",
            (
                ("Military Forces of Turkey", "External/Other forces"),
                ("PKK: Kurdistan Workers Party", "Rebel group"),
            ),
        ),
    ],
)
def test_actors_find_participants_real_model(
    sentence, trigger, event_type, sub_event_type, country, expected
):
    from sitrep.nlp.pipeline import load_model

    doc = load_model()(sentence)
    token = next(t for t in doc if t.text == trigger)
    a1, a2 = find_participants(
        next(iter(doc.sents)), token, event_type=event_type, sub_event_type=sub_event_type, country=country
    )
    assert ((a1.name, a1.type), (a2.name, a2.type)) == expected
    assert sentence[a1.start : a1.end] == a1.text


def test_actors_resolve_scoped_alias_only_in_its_country(resolver):
    assert resolver.resolve("SNA troops", country="SO").name == "Military Forces of Somalia"
    assert resolver.resolve("SNA troops", country="SY").name != "Military Forces of Somalia"
    assert resolver.resolve("Arbakis", country="AF").type == "Political militia"


def test_actors_resolve_hyphenated_words_still_match(resolver):
    assert resolver.resolve("a Taliban-planted roadside bomb", country="AF").name == "Taliban"
    assert resolver.resolve("al-Shabaab", country="SO").name == "Al Shabaab"


def test_actors_find_participants_device_object_makes_subject_the_target():
    # An army vehicle struck an IED .
    words = ["An", "army", "vehicle", "struck", "an", "IED", "."]
    doc = parsed_doc(
        words,
        [2, 2, 3, 3, 5, 3, 3],
        ["det", "compound", "nsubj", "ROOT", "det", "dobj", "punct"],
        ["DET", "NOUN", "NOUN", "VERB", "DET", "PROPN", "PUNCT"],
    )
    a1, a2 = find_participants(
        doc[:],
        doc[5],
        event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED",
        country="BF",
    )
    assert (a1.name, a1.type) == ("Unidentified Armed Group (Burkina Faso)", "Political militia")
    assert (a2.name, a2.type) == ("Military Forces of Burkina Faso", "State forces")


def test_actors_find_participants_riot_between_rival_groups():
    doc = spacy.blank("en")("A fight broke out between two rival groups of youths in the market.")
    a1, a2 = find_participants(
        doc[:], doc[1], event_type="Riots", sub_event_type="Mob violence", country="NG"
    )
    assert (a1.type, a2.type) == ("Rioters", "Rioters")


def test_actors_find_participants_police_from_context_for_violent_demonstration():
    doc = spacy.blank("en")("Demonstrators burned tyres. Police fired tear gas at them.")
    doc[4].is_sent_start = True
    first = next(iter(doc.sents))
    a1, a2 = find_participants(
        first,
        doc[1],
        event_type="Riots",
        sub_event_type="Violent demonstration",
        country="KE",
        context=doc[:],
    )
    assert (a1.name, a2.name) == ("Rioters (Kenya)", "Police Forces of Kenya")


def test_actors_find_participants_seized_weapon_names_its_owner():
    doc = spacy.blank("en")("Soldiers defused an IED planted by Boko Haram.")
    a1, a2 = find_participants(
        doc[:],
        doc[1],
        event_type="Strategic developments",
        sub_event_type="Disrupted weapons use",
        country="NG",
    )
    assert a1.type == "State forces"
    assert a2.name.startswith("Boko Haram")
