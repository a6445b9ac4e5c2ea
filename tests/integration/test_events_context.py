"""The story's context in event typing (EventsConfig.context_weight), on text parsed by the real model."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.extract import extract
from sitrep.nlp.pipeline import load_pipeline
from sitrep.records import Article

pytestmark = pytest.mark.model

# Our own two-sentence report: the first sentence names only casualties, the second says what happened.
RIOT = (
    "On 3 March, several people were injured in Bamako. "
    "Rioters burned tyres and threw stones at police, who fired tear gas."
)


def _types(context_weight: float) -> list[tuple[str | None, int]]:
    nlp = load_pipeline(events_config=(("context_weight", context_weight),))
    [(_article, mentions)] = list(extract([Article(text=RIOT)], nlp=nlp))
    return [(m.sub_event_type, m.sentence_start) for m in mentions]


def test_events_casualty_sentence_typed_by_its_story() -> None:
    alone = _types(0.0)
    in_story = _types(0.75)
    # Alone, "several people were injured" reads as an attack on civilians; in its story it is the riot.
    assert ("Attack", 0) in alone
    assert ("Attack", 0) not in in_story
    assert ("Violent demonstration", 0) in in_story


def test_events_context_weight_is_validated() -> None:
    with pytest.raises(ValueError, match="context_weight"):
        _types(1.5)


def test_events_non_lethal_development_with_deaths_is_the_violence() -> None:
    # Our own sentence: burning houses alone is property destruction; killing residents makes it an attack.
    text = "On 5 May, soldiers burned down houses in the village of Tin, killing two residents."
    nlp = load_pipeline(events_config=(("assume_event", True),))
    [(_article, [mention])] = list(extract([Article(text=text)], nlp=nlp))
    assert mention.fatalities.best == 2
    assert mention.event_type != "Strategic developments"
    assert mention.sub_event_type == "Attack"


def test_events_two_clauses_keep_their_own_types_in_context() -> None:
    # Our own sentence with two events: the story's context must not fold them into one type.
    text = "Troops clashed with rebels near Gao on Monday, and an IED killed two soldiers in Kidal."
    [(_article, mentions)] = list(extract([Article(text=text)], nlp=load_pipeline()))
    assert {m.sub_event_type for m in mentions} == {"Armed clash", "Remote explosive/landmine/IED"}


def test_events_protest_and_its_dispersal_are_one_event() -> None:
    # Our own report: ACLED codes the protest and the police response as one protest with intervention.
    text = (
        "On 3 May, hundreds of teachers protested in Kirkuk demanding their salaries. "
        "Police dispersed the protesters with tear gas and arrested twelve of them."
    )
    nlp = load_pipeline(events_config=(("assume_event", True),))
    [(_article, mentions)] = list(extract([Article(text=text)], nlp=nlp))
    assert [m.sub_event_type for m in mentions] == ["Protest with intervention"]
    # A protest in one town and arrests in another stay two events.
    other = "On 3 May, hundreds of teachers protested in Kirkuk. In Basra, police arrested three smugglers."
    [(_article, mentions)] = list(extract([Article(text=other)], nlp=nlp))
    assert [m.sub_event_type for m in mentions] == ["Peaceful protest", "Arrests"]


def test_events_toll_sentence_gives_its_figure_to_the_event_before_it() -> None:
    # Our own report: the second sentence has no event word of its own, only the toll.
    text = "On 4 May, herders clashed with farmers near Lafia over grazing land. Three reported fatalities."
    nlp = load_pipeline(events_config=(("assume_event", True),))
    [(_article, [mention])] = list(extract([Article(text=text)], nlp=nlp))
    assert mention.sub_event_type == "Armed clash"
    assert mention.fatalities.best == 3
    assert any(e.field == "fatalities" and e.text == "Three" for e in mention.evidence)
    # A figure the event already has is kept: the toll sentence is not added to it.
    text = "On 4 May, herders killed two farmers near Lafia. Three reported fatalities."
    [(_article, mentions)] = list(extract([Article(text=text)], nlp=nlp))
    assert [m.fatalities.best for m in mentions] == [2]



def test_events_the_attack_in_a_later_sentence_is_the_same_event() -> None:
    # Our own report: "in the attack" points back to the bombing and only gives its toll.
    text = (
        "On 4 May, militants detonated a roadside bomb targeting an army convoy near Gao. "
        "Six soldiers were killed in the attack."
    )
    nlp = load_pipeline(events_config=(("assume_event", True),))
    [(_article, mentions)] = list(extract([Article(text=text)], nlp=nlp))
    assert [(m.sub_event_type, m.fatalities.best) for m in mentions] == [("Remote explosive/landmine/IED", 6)]


def test_events_peaceful_protest_over_killings_has_no_fatalities() -> None:
    # Our own report: the two traders' deaths are the protest's cause, not its toll.
    text = "On 4 May, hundreds of traders marched peacefully in Kano over the killing of two colleagues."
    nlp = load_pipeline(events_config=(("assume_event", True),))
    [(_article, [mention])] = list(extract([Article(text=text)], nlp=nlp))
    assert mention.sub_event_type == "Peaceful protest"
    assert mention.fatalities.best is None


def test_events_casualty_clause_folds_into_the_event_before_it() -> None:
    # Our own sentence: two event clauses and, between them, the toll of the first.
    text = "On 28 May, militants attacked the village of Tin and killed nine people, and shops were torched."
    nlp = load_pipeline(events_config=(("assume_event", True),))
    [(_article, mentions)] = list(extract([Article(text=text)], nlp=nlp))
    attack = next(m for m in mentions if m.trigger == "attacked")
    assert attack.fatalities.best == 9


def test_events_riot_toll_in_a_later_sentence_is_the_same_event() -> None:
    # Our own report: the deaths of a street fight reported in the next sentence.
    text = (
        "On 2 June, rival traders fought in the streets of Aba over market stalls. "
        "Three people died in the fighting."
    )
    nlp = load_pipeline(events_config=(("assume_event", True),))
    [(_article, mentions)] = list(extract([Article(text=text)], nlp=nlp))
    assert len(mentions) == 1
    assert mentions[0].fatalities.best == 3


def test_events_assume_event_gives_a_known_report_its_likeliest_acled_type() -> None:
    # Our own sentence: read as news, a flood is a disaster, not political violence, so no event.
    text = "On 3 August, floods destroyed hundreds of houses in Tillaberi after days of heavy rain."
    [(_article, mentions)] = list(extract([Article(text=text)], nlp=load_pipeline()))
    assert mentions == []
    # A text known to report an event (an ACLED note) still gets one, of an ACLED type.
    nlp = load_pipeline(events_config=(("assume_event", True),))
    [(_article, [mention])] = list(extract([Article(text=text)], nlp=nlp))
    assert mention.event_type in {
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
        "Strategic developments",
    }  # fmt: skip
    assert mention.sub_event_type is not None


def test_events_sentence_without_a_date_takes_the_storys_day() -> None:
    # Our own report: the second sentence gives no date; the story's day dates it, not the publication.
    text = "On 5 May 2020, gunmen attacked a checkpoint in Gao. Soldiers clashed with the gunmen in Ansongo."
    nlp = load_pipeline()
    published = date(2020, 5, 20)
    [(_article, mentions)] = list(extract([Article(text=text, published=published)], nlp=nlp))
    clash = next(m for m in mentions if m.trigger == "clashed")
    assert (clash.date.start, clash.date.basis) == (date(2020, 5, 5), "context")
    assert any(e.field == "date" and e.text == "5 May 2020" for e in clash.evidence)
    # With no date in the story, the publication date stands in, and says so.
    text = "Gunmen attacked a checkpoint in Gao. Soldiers clashed with the gunmen near Ansongo."
    [(_article, mentions)] = list(extract([Article(text=text, published=published)], nlp=nlp))
    assert {(m.date.start, m.date.basis) for m in mentions} == {(published, "reported")}


def test_events_notes_reading_types_by_the_classifier_alone() -> None:
    from sitrep.nlp.events import NOTES_READING

    nlp = load_pipeline(events_config=NOTES_READING)
    config = nlp.get_pipe("sitrep_events_v1").config
    assert (config.assume_event, config.hint_weight, config.confident_score) == (True, 1.0, 0.0)
    # A text with no trigger still yields its event, as every note reports one.
    [(_article, mentions)] = list(extract([Article(text="Tense calm in Gao on 3 May.")], nlp=nlp))
    assert len(mentions) == 1


def test_events_a_sentence_with_its_own_place_or_time_is_no_toll_of_the_last_event() -> None:
    # Our own report: the second sentence names its own attack; the third a war's background toll.
    text = (
        "On 4 May, gunmen attacked a checkpoint near Gao. "
        "The attack on a mosque in Kandahar on Friday left 12 fatalities. "
        "The death toll of the war has risen to 400,000 since 2011."
    )
    nlp = load_pipeline(events_config=(("assume_event", True),))
    [(_article, mentions)] = list(extract([Article(text=text, published=date(2020, 5, 9))], nlp=nlp))
    first = next(m for m in mentions if m.sentence_start == 0)
    assert first.fatalities.best is None
    assert all(m.fatalities.best != 400000 for m in mentions)


def test_events_toll_reaches_back_two_sentences_at_most() -> None:
    # Our own report: the toll comes three sentences after the clash, with unrelated sentences between.
    text = (
        "On 2 June, herders clashed with farmers near Lafia. The governor visited the market. "
        "Schools stayed open. Traders sold grain. Three reported fatalities."
    )
    nlp = load_pipeline(events_config=(("assume_event", True),))
    [(_article, mentions)] = list(extract([Article(text=text)], nlp=nlp))
    assert [m.fatalities.best for m in mentions if m.sentence_start == 0] == [None]


def test_events_story_day_is_never_background_years_back() -> None:
    # Our own report: the founding date is background, not the day the attack is told on.
    text = "The group was founded on 12 June 2002. Gunmen attacked a checkpoint in Gao."
    published = date(2020, 5, 20)
    [(_article, mentions)] = list(extract([Article(text=text, published=published)], nlp=load_pipeline()))
    attack = next(m for m in mentions if m.trigger == "attacked")
    assert (attack.date.start, attack.date.basis) == (published, "reported")
