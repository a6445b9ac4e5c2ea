"""The trained actor-type arbiter (stage 5): margins, replacements, switching off, the shipped artifact."""

from __future__ import annotations

import json

import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from sitrep.nlp.actors import arbiter, get_resolver
from sitrep.records import Actor


@pytest.fixture(scope="module")
def toy() -> dict:
    """A model that learnt: 'soldier' sentences have State forces as actor2, 'rally' ones no actor2."""
    texts = ["a sniper killed a soldier", "gunmen shot a soldier", "a rally in town", "people held a rally"]
    vectorizer = TfidfVectorizer().fit(texts)
    matrix = vectorizer.transform(texts)
    one = LogisticRegression(C=100).fit(
        matrix, ["Rebel group", "Political militia", "Protesters", "Protesters"]
    )
    two = LogisticRegression(C=100).fit(matrix, ["State forces", "State forces", "None", "None"])
    return {"vectorizer": vectorizer, "actor1": one, "actor2": two, "margin1": 1.0, "margin2": 0.2}


def test_actor_arbiter_features_mark_the_rules_choice():
    civilians = Actor("Civilians (Mali)", "Civilians", "MLI", "a man", 0, 5)
    text = arbiter.features(
        "A man was shot.", "Violence against civilians", "Attack", None, civilians, "none", "civilians"
    )
    assert text.startswith("man was shot ")  # one-letter words left out
    assert "xevviolenceagainstcivilians" in text.split()
    assert "xatwocivilians" in text.split()
    assert "xaonenone" in text.split()


def test_actor_arbiter_features_mark_the_country_with_the_event_and_the_pair():
    army = Actor("Military Forces of the Philippines", "State forces", "PHL", "soldiers", 0, 8)
    npa = Actor("NPA: New People's Army", "Rebel group", "PHL", "NPA", 20, 23)
    args = ("Soldiers clashed with the NPA.", "Battles", "Armed clash", army, npa, "named", "named")
    marks = arbiter.features(*args, "PH").split()
    assert "xccph" in marks
    assert "xccphevbattles" in marks
    assert "xccphevbattlespstateforcesxrebelgroup" in marks
    assert not [m for m in arbiter.features(*args).split() if m.startswith("xcc")]


def test_actor_arbiter_unseen_country_reads_as_no_country(toy):
    judge = arbiter.TypeArbiter(toy)
    soldier = Actor("Military Forces of Mali", "State forces", "MLI", "a soldier", 0, 9)
    args = ("A sniper killed a soldier.", "Battles", "Armed clash", None, soldier, "none", "military")
    plain = judge._proba(judge.models["actor1"], arbiter.features(*args))
    unseen = judge._proba(judge.models["actor1"], arbiter.features(*args, "ML"))
    assert unseen.tolist() == pytest.approx(plain.tolist())
    assert judge.country_features is False  # an artifact without the flag never reads the country


def test_actor_arbiter_margin_one_never_overrules(toy):
    judge = arbiter.TypeArbiter(toy)
    assert judge.decide("actor1", "gunmen shot a soldier", "Civilians") is None
    assert judge.decide("actor2", "gunmen shot a soldier", "Civilians") == "State forces"
    assert judge.decide("actor2", "gunmen shot a soldier", "State forces") is None


def test_actor_arbiter_replaces_with_a_mention_of_the_type_or_drops_actor2(toy):
    judge = arbiter.TypeArbiter(toy)
    resolver = get_resolver()
    rebels = Actor("Al Shabaab", "Rebel group", None, "Al Shabaab", 0, 10)
    civilians = Actor("Civilians (Somalia)", "Civilians", "SOM", "a soldier", 20, 29)
    soldier = Actor("Military Forces of Somalia", "State forces", "SOM", "a soldier", 20, 29)
    a1, a2 = judge.arbitrate(
        "Al Shabaab killed a soldier",
        "Violence against civilians",
        "Attack",
        (rebels, civilians),
        [rebels, soldier],
        "SO",
        resolver,
    )
    assert (a1, a2) == (rebels, soldier)
    protesters = Actor("Protesters (Kenya)", "Protesters", "KEN", "people", 0, 6)
    police = Actor("Police Forces of Kenya", "State forces", "KEN", None, None, None)
    a1, a2 = judge.arbitrate(
        "people held a rally", "Protests", "Peaceful protest", (protesters, police), [], "KE", resolver
    )
    assert (a1, a2) == (protesters, None)


def test_actor_arbiter_generic_actor_when_the_sentence_names_none(toy):
    judge = arbiter.TypeArbiter(toy)
    rebels = Actor("Al Shabaab", "Rebel group", None, "Al Shabaab", 0, 10)
    _, a2 = judge.arbitrate(
        "a sniper killed a soldier", "Battles", "Armed clash", (rebels, None), [], "SO", get_resolver()
    )
    assert (a2.name, a2.type, a2.text) == ("Military Forces of Somalia", "State forces", None)


def test_actor_arbiter_disabled_leaves_the_rules_answer():
    with arbiter.disabled():
        assert arbiter.get_arbiter() is None


def test_actor_arbiter_artifact_trained_on_development_files_only():
    report_path = arbiter.ARTIFACT_PATH.with_suffix(".json")
    if not arbiter.ARTIFACT_PATH.exists():
        pytest.skip("no actor-type artifact built")
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert "global_2020_05.csv" not in report["files"]
    assert arbiter.ARTIFACT_PATH.stat().st_size < 5_000_000
    assert 0.0 <= report["actor1"]["chosen"] <= 1.0


def test_actor_arbiter_direct_probabilities_equal_scikit_learn(toy):
    judge = arbiter.TypeArbiter(toy)
    texts = ["a sniper killed a soldier at a rally", "gunmen in town", "nothing here", "soldier soldier"]
    for role in ("actor1", "actor2"):  # actor1 has three classes, actor2 two (the binary case)
        model = toy[role]
        expected = model.predict_proba(toy["vectorizer"].transform(texts))
        for text, row in zip(texts, expected, strict=True):
            assert judge._proba(model, text) == pytest.approx(row, abs=1e-12)


def test_actor_arbiter_recording_keeps_the_input_of_the_moment_and_the_rules_answer():
    import spacy

    from sitrep.nlp.actors import find_participants

    doc = spacy.blank("en")("Gunmen killed two soldiers in Gao .")
    kwargs = {"event_type": "Violence against civilians", "sub_event_type": "Attack", "country": "ML"}
    with arbiter.disabled():
        rules = find_participants(doc[:], doc[1], **kwargs)
    with arbiter.recording() as recorder:
        assert arbiter.get_arbiter() is recorder
        recorded = find_participants(doc[:], doc[1], **kwargs)
    assert arbiter.get_arbiter() is not recorder
    assert recorded == rules
    assert len(recorder.calls) == 1
    call = recorder.calls[0]
    # the label the arbiter reads at run time: before retype turns an attack on soldiers into a battle
    assert (call["event_type"], call["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert call["iso2"] == "ML"
    assert (call["type1"], call["type2"]) == (
        rules[0].type if rules[0] else None,
        rules[1].type if rules[1] else arbiter.NO_ACTOR,
    )
    assert call["sentence"] == "Gunmen killed two soldiers in Gao ."


def _training_script() -> dict:
    """The globals of scripts/train_actor_types.py (run as a module, not as the main program)."""
    import runpy
    from pathlib import Path

    return runpy.run_path(str(Path(__file__).resolve().parents[2] / "scripts" / "train_actor_types.py"))


def test_actor_arbiter_margin_is_chosen_by_the_worst_group():
    pick = _training_script()["pick_margin"]
    # 0.2 gains most on average but costs the second group; 0.5 costs nobody
    gains = {0.2: [0.03, -0.01, 0.02], 0.5: [0.01, 0.0, 0.005], 1.0: [0.0, 0.0, 0.0]}
    assert pick(gains) == 0.5
    # no margin without a losing group: the rules alone (never overrule)
    assert pick({0.2: [0.03, -0.01], 0.5: [0.02, -0.002], 1.0: [0.0, 0.0]}) == 1.0
    # same worst group: the better mean, then the larger margin
    assert pick({0.3: [0.0, 0.004], 0.6: [0.0, 0.002], 1.0: [0.0, 0.0]}) == 0.3
    assert pick({0.6: [0.0, 0.0], 0.8: [0.0, 0.0], 1.0: [0.0, 0.0]}) == 1.0


def test_actor_arbiter_validation_groups_hold_out_countries_and_whole_files():
    script = _training_script()
    files = script["FILES"]
    examples = [("t", "g1", "g2", None, None, f"C{i % 7}", files[i % 2]) for i in range(40)]
    groups = script["validation_groups"](examples, 3)
    assert sorted(groups) == sorted(["countries1", "countries2", "countries3", files[0], files[1]])
    countries = [groups[f"countries{k}"] for k in (1, 2, 3)]
    assert sorted(i for group in countries for i in group) == list(range(40))  # each example once
    for group in countries:  # a country is in one group only
        others = set().union(*(g for g in countries if g is not group))
        assert not {examples[i][5] for i in group} & {examples[i][5] for i in others}
    assert groups[files[0]] == {i for i in range(40) if i % 2 == 0}
