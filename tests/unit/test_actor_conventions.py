"""ACLED naming conventions applied when choosing actors (hand-built docs, no model)."""

from __future__ import annotations

import pytest
import spacy

from sitrep.nlp.actors import find_participants, get_resolver
from tests.helpers import parsed_doc


def _participants(text: str, trigger: str, event: tuple[str, str], country: str, second: str | None = None):
    """find_participants on the first sentence of ``text`` (a second one starts at word ``second``)."""
    doc = spacy.blank("en")(text)
    start = next((t.i for t in doc if t.text == second and t.i > 0), None)
    for tok in doc:
        tok.is_sent_start = tok.i in (0, start)
    return find_participants(
        next(iter(doc.sents)),
        next(t for t in doc if t.text == trigger),
        event_type=event[0],
        sub_event_type=event[1],
        country=country,
        context=doc[:],
    )


def test_actor_conventions_scoped_alias_applies_when_country_unknown():
    resolver = get_resolver()
    assert resolver.resolve("PMF fighters", country=None).type == "State forces"
    assert resolver.resolve("PMF fighters", country="IQ").type == "State forces"
    assert resolver.resolve("PMF fighters", country="NG").type == "Political militia"  # only "fighters"


def test_actor_conventions_unattributed_shelling_is_an_unidentified_armed_group():
    a1, _a2 = _participants(
        "Three mortar shells fell on the market.",
        "shells",
        ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        "IQ",
    )
    assert (a1.name, a1.type) == ("Unidentified Armed Group (Iraq)", "Political militia")


@pytest.mark.parametrize(
    ("text", "second", "country", "expected"),
    [
        (
            "Soldiers clashed with militants near the town. The Islamic State lost two fighters.",
            "The",
            "IQ",
            ("Islamic State", "Rebel group"),  # the one group the text names
        ),
        (
            "Soldiers clashed with militants near the town. Al Shabaab and the Islamic State were active.",
            "Al",
            "SO",
            ("Unidentified Armed Group (Somalia)", "Political militia"),  # two groups: which one is unsaid
        ),
    ],
)
def test_actor_conventions_described_militants_are_the_one_named_group(text, second, country, expected):
    a1, a2 = _participants(text, "clashed", ("Battles", "Armed clash"), country, second)
    assert a1.type == "State forces"
    assert (a2.name, a2.type) == expected
    assert a2.text == "militants"


def test_actor_conventions_militia_named_by_its_community_is_communal():
    resolver = get_resolver()
    found = resolver.resolve("Militiamen from Kalo", country="NG")
    assert (found.name, found.type) == ("Unidentified Communal Militia (Nigeria)", "Identity militia")
    assert resolver.resolve("militiamen", country="NG").type == "Political militia"


def test_actor_conventions_coordinated_sides_are_two_actors():
    # The KIA and Myanmar police clashed . (as parsed: "police" heads the phrase, "KIA" modifies it)
    doc = parsed_doc(
        ["The", "KIA", "and", "Myanmar", "police", "clashed", "."],
        [4, 4, 1, 1, 5, 5, 5],
        ["det", "nmod", "cc", "conj", "nsubj", "ROOT", "punct"],
        ["DET", "PROPN", "CCONJ", "PROPN", "NOUN", "VERB", "PUNCT"],
        lemmas=["the", "KIA", "and", "Myanmar", "police", "clash", "."],
    )
    a1, a2 = find_participants(
        doc[:], doc[5], event_type="Battles", sub_event_type="Armed clash", country="MM"
    )
    assert {(a1.name, a1.type), (a2.name, a2.type)} == {
        ("KIO/KIA: Kachin Independence Organization/Kachin Independence Army", "Rebel group"),
        ("Police Forces of Myanmar", "State forces"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("An IED exploded near a house .", ("Civilians (Iraq)", "Civilians")),  # a home stands for civilians
        ("An IED hit the vehicle of soldiers .", ("Military Forces of Iraq", "State forces")),  # named target
    ],
)
def test_actor_conventions_bombed_site_is_a_civilian_target_when_no_one_else_is(text, expected):
    _a1, a2 = _participants(
        text, "IED", ("Explosions/Remote violence", "Remote explosive/landmine/IED"), "IQ"
    )
    assert (a2.name, a2.type) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Unidentified armed personnel", ("Unidentified Armed Group (Somalia)", "Political militia")),
        ("unknown snipers", ("Unidentified Armed Group (Somalia)", "Political militia")),
        ("Somali police officers", ("Police Forces of Somalia", "State forces")),
    ],
)
def test_actor_conventions_unidentified_force_is_an_unidentified_armed_group(text, expected):
    actor = get_resolver().resolve(text, country="SO")
    assert (actor.name, actor.type) == expected


def test_actor_conventions_militia_named_by_proper_nouns_alone():
    resolver = get_resolver()
    assert resolver.resolve("Mungiki sect members", country="KE").name == "Mungiki Militia"
    assert resolver.resolve("they reclaim land", country="KE") is None  # the name only as written


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "2 Arbakis were killed in an attack by Taliban militants on a checkpoint .",
            ("Militia (Pro-Government)", "Political militia"),
        ),
        ("Taliban militants attacked a checkpoint .", ("Military Forces of Afghanistan", "State forces")),
    ],
)
def test_actor_conventions_checkpoint_stands_for_its_force_when_no_one_else_is_named(text, expected):
    trigger = "attack" if "attack " in text else "attacked"
    a1, a2 = _participants(text, trigger, ("Battles", "Armed clash"), "AF")
    assert (a1.name, (a2.name, a2.type)) == ("Taliban", expected)


def test_actor_conventions_lone_target_is_actor2():
    doc = parsed_doc(
        ["A", "group", "killed", "two", "police", "officers", "."],
        [1, 2, 2, 5, 5, 2, 2],
        ["det", "nsubj", "ROOT", "nummod", "compound", "dobj", "punct"],
        ["DET", "NOUN", "VERB", "NUM", "NOUN", "NOUN", "PUNCT"],
        lemmas=["a", "group", "kill", "two", "police", "officer", "."],
    )
    a1, a2 = find_participants(
        doc[:], doc[2], event_type="Battles", sub_event_type="Armed clash", country="NP"
    )
    assert (a1.type, a2.name) == ("Political militia", "Police Forces of Nepal")


def test_actor_conventions_side_clashed_with_is_no_lone_target():
    doc = parsed_doc(
        ["They", "clashed", "with", "soldiers", "."],
        [1, 1, 1, 2, 1],
        ["nsubj", "ROOT", "prep", "pobj", "punct"],
        ["PRON", "VERB", "ADP", "NOUN", "PUNCT"],
        lemmas=["they", "clash", "with", "soldier", "."],
    )
    a1, a2 = find_participants(
        doc[:], doc[1], event_type="Battles", sub_event_type="Armed clash", country="NP"
    )
    assert (a1.name, a2.type) == ("Military Forces of Nepal", "Political militia")


def test_actor_conventions_weapon_owner_is_not_what_it_hit():
    # a misparse puts the whole sentence under "airstrikes": its target still names no owner
    doc = parsed_doc(
        ["Turkish", "airstrikes", "killed", "or", "injured", "six", "PKK", "militants", "."],
        [1, 1, 1, 2, 2, 7, 7, 4, 1],
        ["amod", "ROOT", "acl", "cc", "conj", "nummod", "compound", "dobj", "punct"],
        ["ADJ", "NOUN", "VERB", "CCONJ", "VERB", "NUM", "PROPN", "NOUN", "PUNCT"],
        lemmas=["turkish", "airstrike", "kill", "or", "injure", "six", "PKK", "militant", "."],
    )
    a1, a2 = find_participants(
        doc[:],
        doc[2],
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        country="IQ",
    )
    assert (a1.name, a1.type) == ("Military Forces of Turkey", "External/Other forces")
    assert a2.name == "PKK: Kurdistan Workers Party"


def test_actor_conventions_lone_target_of_an_explosion_is_actor2():
    doc = parsed_doc(
        ["Somali", "soldiers", "were", "targeted", "."],
        [1, 3, 3, 3, 3],
        ["amod", "nsubjpass", "auxpass", "ROOT", "punct"],
        ["ADJ", "NOUN", "AUX", "VERB", "PUNCT"],
        lemmas=["somali", "soldier", "be", "target", "."],
    )
    a1, a2 = find_participants(
        doc[:],
        doc[3],
        event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED",
        country="SO",
    )
    assert (a1.type, a2.name) == ("Political militia", "Military Forces of Somalia")


def _rules_only(*args):
    """:func:`_participants` with the trained arbiter off: the rules' own answer."""
    from sitrep.nlp.actors.arbiter import disabled

    with disabled():
        return _participants(*args)


def test_actor_conventions_capitals_only_alias_matches_its_possessive():
    found = get_resolver().resolve("The KIA's 26th Battalion", country="MM")
    assert (found.name, found.type) == (
        "KIO/KIA: Kachin Independence Organization/Kachin Independence Army",
        "Rebel group",
    )


@pytest.mark.parametrize(
    ("country", "expected"),
    [
        ("MM", ("State forces", "Rebel group")),  # that country's battles put the state first
        ("PH", ("Rebel group", "State forces")),  # those put it second
        ("IQ", ("Rebel group", "State forces")),  # no settled order: the sentence's stands
    ],
)
def test_actor_conventions_battle_sides_follow_the_country_order(country, expected):
    a1, a2 = _rules_only(
        "The Arakan Army clashed with soldiers near the river.",
        "clashed",
        ("Battles", "Armed clash"),
        country,
    )
    assert (a1.type, a2.type) == expected


def test_actor_conventions_battle_attacker_stays_first_whatever_the_country():
    a1, a2 = _rules_only(
        "The Arakan Army attacked soldiers near the river.", "attacked", ("Battles", "Armed clash"), "MM"
    )
    assert (a1.type, a2.type) == ("Rebel group", "State forces")


def test_actor_conventions_battle_order_table_only_keeps_settled_countries():
    from sitrep.nlp.actors.mentions import battle_order

    order, neutral = battle_order()
    assert "clashed" in neutral and "attacked" not in neutral
    assert order.get("MM") is True and order.get("PH") is False
    assert "IQ" not in order and "CD" not in order


def test_actor_conventions_ethnic_clashes_are_between_communal_militias():
    battle = ("Battles", "Armed clash")
    a1, a2 = _rules_only("Three died in inter-community clashes near Isiolo.", "clashes", battle, "KE")
    assert (a1.name, a1.type) == ("Unidentified Communal Militia (Kenya)", "Identity militia")
    assert (a2.name, a2.type) == ("Unidentified Communal Militia (Kenya)", "Identity militia")


def test_actor_conventions_intervention_without_a_named_force_has_no_actor2():
    a1, a2 = _rules_only(
        "Teachers protested over unpaid salaries.",
        "protested",
        ("Protests", "Protest with intervention"),
        "KE",
    )
    assert a1.type == "Protesters" and a2 is None


def test_actor_conventions_described_militiamen_are_the_one_named_militia():
    a1, a2 = _rules_only(
        "Soldiers clashed with militiamen near the town. The Fulani militia lost two men.",
        "clashed",
        ("Battles", "Armed clash"),
        "NG",
        "The",
    )
    assert a1.type == "State forces"
    assert (a2.name, a2.type, a2.text) == (
        "Fulani Ethnic Militia (Nigeria)",
        "Identity militia",
        "militiamen",
    )


def test_actor_conventions_grievance_names_no_actor():
    from sitrep.nlp.actors.mentions import sentence_mentions

    doc = parsed_doc(
        ["Traders", "protested", "police", "brutality", "."],
        [1, 1, 3, 1, 1],
        ["nsubj", "ROOT", "compound", "dobj", "punct"],
        ["NOUN", "VERB", "NOUN", "NOUN", "PUNCT"],
    )
    found = sentence_mentions(doc[:], "KE")
    assert [m.actor.type for m in found] == ["Civilians"]
