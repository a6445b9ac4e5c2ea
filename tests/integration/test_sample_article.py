"""Acceptance on the sample blog post, as text with metadata and as an HTML page."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.evaluate.common import haversine_km
from sitrep.ingest.html import article_from_html
from sitrep.ingest.readers import read_path
from tests.helpers import sample_blog_html, shared_file

pytestmark = pytest.mark.model

STRIKE_POINT = (29.04, 16.59)  # about 150 miles south of Sirte


@pytest.fixture(scope="module")
def nlp():
    from sitrep.nlp.pipeline import load_pipeline

    return load_pipeline()


def _mentions(nlp, article):
    from sitrep.extract import extract

    ((_a, mentions),) = list(extract([article], nlp=nlp))
    return mentions


def _check_strike_and_history(mentions, article):
    strikes = [m for m in mentions if m.sub_event_type == "Air/drone strike" and m.status == "actual"]
    assert len(strikes) == 1, [m.to_record() for m in mentions]
    strike = strikes[0]
    assert strike.event_type == "Explosions/Remote violence"
    assert strike.actor1 is not None and strike.actor1.country == "USA"
    assert "United States" in strike.actor1.name
    assert strike.actor2 is not None and strike.actor2.name == "Islamic State"
    assert strike.location is not None
    assert haversine_km(strike.location.lat, strike.location.lon, *STRIKE_POINT) <= 40
    assert (
        strike.date is not None and strike.date.start == date(2017, 9, 22) and strike.date.precision == "day"
    )
    assert strike.sources[0].reported_by == "Washington Times"
    for evidence in strike.evidence:
        assert article.text[evidence.start : evidence.end] == evidence.text
    history = [m for m in mentions if m.date and m.date.start.year == 2015]
    assert history and all(m.status == "historical" for m in history)
    return strike


def _commentary_start(text: str) -> int:
    return text.index("This is an ongoing fallout")


def test_sample_text_finds_the_air_strike_and_history(nlp):
    (article,) = read_path(shared_file("samples/prairie-pundit-2017-10-12.txt"))
    assert article.published == date(2017, 10, 12) and article.quoted_source == "Washington Times"
    mentions = _mentions(nlp, article)
    _check_strike_and_history(mentions, article)
    tail = _commentary_start(article.text)
    assert all(m.sentence_start < tail for m in mentions), "commentary, comments or sidebar yielded events"


def test_sample_html_page_gives_the_same_events(nlp):
    article = article_from_html(sample_blog_html(), "blog.html")
    mentions = _mentions(nlp, article)
    strike = _check_strike_and_history(mentions, article)
    assert strike.sources[0].url == "http://blog.example.org/2017/10/refuge.html"
    tail = _commentary_start(article.text)
    assert all(m.sentence_start < tail for m in mentions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen killed three villagers in Zamfara on Monday. Police arrested two suspects in Gusau.",
         ["Arrests", "Attack"]),
        ("A car bomb in Mogadishu killed at least 10 people and wounded 20 others on Wednesday.",
         ["Remote explosive/landmine/IED"]),
        ("The weather in Nairobi was pleasant and markets were busy.", []),
        ("I think the government should talk more with its neighbours.", []),
        ("The bill was killed in the Senate on Tuesday.", []),
    ],
)  # fmt: skip
def test_events_detection_counts_events_per_sentence(nlp, text, expected):
    from sitrep.records import Article

    mentions = _mentions(nlp, Article(text=text, published=date(2021, 6, 9)))
    assert sorted(m.sub_event_type for m in mentions) == expected  # each event once, no duplicates


def test_events_reported_speech_keeps_the_speaker(nlp):
    from sitrep.records import Article

    text = "AFRICOM said in a statement that an airstrike killed 17 militants near Sirte on Friday."
    (mention,) = _mentions(nlp, Article(text=text, published=date(2017, 9, 25), publisher="Wire"))
    assert mention.sources[0].speaker == "AFRICOM"
    assert mention.fatalities.best == 17
    assert mention.date is not None and mention.date.start == date(2017, 9, 22)


def test_events_negated_event_is_not_current(nlp):
    from sitrep.records import Article

    text = "The army denied that its jets bombed the market in Idlib on Sunday."
    mentions = _mentions(nlp, Article(text=text, published=date(2019, 5, 7)))
    assert mentions and all(m.status != "actual" for m in mentions)


def test_events_planned_event_dated_ahead(nlp):
    from sitrep.records import Article

    # Published on a Wednesday: "on Friday" of a planned protest is two days later, not five days back.
    text = "Opposition groups will protest against the new tax in Nairobi on Friday, organisers said."
    mentions = _mentions(nlp, Article(text=text, published=date(2023, 7, 5)))
    (mention,) = [m for m in mentions if m.event_type == "Protests"]
    assert mention.status == "planned"
    assert mention.date is not None and mention.date.start == date(2023, 7, 7)


def test_events_sample_dates_inside_expected_windows(nlp):
    (article,) = read_path(shared_file("samples/prairie-pundit-2017-10-12.txt"))
    mentions = _mentions(nlp, article)
    texts = {m.date.text: m.date for m in mentions if m.date and m.date.text}
    september = texts.get("mid-September")
    assert september is not None and date(2017, 9, 1) <= september.start <= september.end <= date(2017, 9, 30)
    late_2015 = texts.get("late 2015")
    assert late_2015 is not None and late_2015.end == date(2015, 12, 31) and late_2015.start.year == 2015
