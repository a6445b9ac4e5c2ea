"""Actor types by ACLED's conventions: whose forces, rebels, the other side of a battle, armed targets."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from sitrep.nlp.actors import ActorResolver, find_participants, get_resolver
from tests.helpers import parsed_doc


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return get_resolver()


@pytest.mark.parametrize(
    ("text", "country", "name", "kind"),
    [
        ("Military forces of Armenia", "AZ", "Military Forces of Armenia", "External/Other forces"),
        ("the military forces of Azerbaijan", "AZ", "Military Forces of Azerbaijan", "State forces"),
        ("Military forces of Ruritania", "AZ", "Military Forces of Ruritania", "State forces"),
        ("anti-Houthi troops", "YE", "Military Forces of Yemen", "State forces"),
        ("NPA rebels", "PH", "NPA: New People's Army", "Rebel group"),
        ("rebel fighters", "CF", "Unidentified Rebel Group (Central African Republic)", "Rebel group"),
        ("grenade launchers", "UA", "Military Forces of Ukraine", "State forces"),
        ("an unknown party", "LY", "Unidentified Armed Group (Libya)", "Political militia"),
        ("cattle raiders", "SS", "Unidentified Communal Militia (South Sudan)", "Identity militia"),
        ("four SSPDF soldiers", "SS", "Military Forces of South Sudan", "State forces"),
    ],
)
def test_actor_types_resolve(resolver, text, country, name, kind):
    actor = resolver.resolve(text, country=country)
    assert (actor.name, actor.type) == (name, kind)


def test_actor_types_named_country_reads_names_not_places(resolver):
    assert resolver.named_country("airstrikes in Haftanin region of Dahuk, Northern Iraq.").iso2 == "IQ"
    assert resolver.named_country("clashes in Niger State") is None
    assert resolver.named_country("boats on Lake Chad") is None
    assert resolver.named_country("gunmen attacked a village") is None


def test_actor_types_countries_in_a_coordinated_phrase(resolver):
    found = resolver.countries_in("Military forces of India and Pakistan")
    assert [c.iso2 for c in found] == ["IN", "PK"]
    assert [c.iso2 for c in resolver.countries_in("Indian and Pakistani troops")] == ["IN", "PK"]


def test_actor_types_unresolved_place_falls_back_on_the_country_named():
    # Turkish forces struck targets in Dahuk , Northern Iraq .
    doc = parsed_doc(
        ["Turkish", "forces", "struck", "targets", "in", "Dahuk", ",", "Northern", "Iraq", "."],
        [1, 2, 2, 2, 2, 4, 5, 8, 5, 2],
        ["amod", "nsubj", "ROOT", "dobj", "prep", "pobj", "punct", "compound", "appos", "punct"],
        ["ADJ", "NOUN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT", "PROPN", "PROPN", "PUNCT"],
    )
    a1, _ = find_participants(
        doc[:],
        doc[2],
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        country=None,
    )
    assert (a1.name, a1.type) == ("Military Forces of Turkey", "External/Other forces")


def test_actor_types_battle_other_side_inside_actor1_phrase():
    doc = spacy.blank("en")("LNA and GNA forces clashed in Ayn Zarah.")
    a1, a2 = find_participants(
        doc[:], doc[4], event_type="Battles", sub_event_type="Armed clash", country="LY"
    )
    assert {a1.name, a2.name} == {
        "Military Forces of Libya Haftar Faction",
        "Military Forces of Libya Government of National Accord",
    }


def test_actor_types_armed_target_of_an_attack_typed_against_civilians():
    # A Taliban sniper killed an Afghan soldier .
    doc = parsed_doc(
        ["A", "Taliban", "sniper", "killed", "an", "Afghan", "soldier", "."],
        [2, 2, 3, 3, 6, 6, 3, 3],
        ["det", "compound", "nsubj", "ROOT", "det", "amod", "dobj", "punct"],
        ["DET", "PROPN", "NOUN", "VERB", "DET", "ADJ", "NOUN", "PUNCT"],
    )
    a1, a2 = find_participants(
        doc[:], doc[3], event_type="Violence against civilians", sub_event_type="Attack", country="AF"
    )
    assert (a1.name, a1.type) == ("Taliban", "Rebel group")
    assert (a2.name, a2.type) == ("Military Forces of Afghanistan", "State forces")


def test_actor_types_repelled_attack_names_the_attacker():
    # Afghan forces repelled a Taliban attack .
    doc = parsed_doc(
        ["Afghan", "forces", "repelled", "a", "Taliban", "attack", "."],
        [1, 2, 2, 5, 5, 2, 2],
        ["amod", "nsubj", "ROOT", "det", "compound", "dobj", "punct"],
        ["ADJ", "NOUN", "VERB", "DET", "PROPN", "NOUN", "PUNCT"],
    )
    a1, a2 = find_participants(
        doc[:], doc[5], event_type="Battles", sub_event_type="Armed clash", country="AF"
    )
    assert (a1.name, a2.name) == ("Taliban", "Military Forces of Afghanistan")


def test_actor_types_bomb_claimed_in_another_sentence():
    words = "An IED hit an army vehicle near Banh . The device was planted by JNIM militants .".split()
    doc = Doc(spacy.blank("en").vocab, words=words, sent_starts=[i in (0, 9) for i in range(len(words))])
    first = next(iter(doc.sents))
    a1, _ = find_participants(
        first,
        doc[2],
        event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED",
        country="BF",
        context=doc[:],
    )
    assert (a1.name, a1.type) == ("JNIM: Group for Support of Islam and Muslims", "Rebel group")
