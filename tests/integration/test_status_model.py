"""Status from syntax, on sentences parsed by the real model."""

from __future__ import annotations

import pytest

from sitrep.nlp.status import StatusCues, reporting_speaker, syntactic_status

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp():
    from sitrep.nlp.pipeline import load_model

    return load_model()


@pytest.mark.parametrize(
    ("sentence", "trigger", "status"),
    [
        ("Gunmen killed three villagers in Zamfara.", "killed", "actual"),
        ("The army did not shell the town.", "shell", "negated"),
        ("The rebels will attack the base next week.", "attack", "planned"),
        ("The group vowed to attack the capital.", "attack", "planned"),
        ("Militants could attack the convoy.", "attack", "hypothetical"),
        ("The ministry denied bombing the hospital.", "bombing", "negated"),
    ],
)
def test_status_from_syntax(nlp, sentence, trigger, status):
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == trigger)
    assert syntactic_status(token, StatusCues.load()) == status


def test_status_reporting_speaker(nlp):
    doc = nlp("AFRICOM said in a statement that the strike killed 17 militants.")
    token = next(t for t in doc if t.text == "killed")
    assert reporting_speaker(token).text == "AFRICOM"
