"""Store: writing articles and mentions, clustering, filters and the read API, on both backends."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from sitrep.records import Actor, Article, Counts, EventMention, Evidence, Place, Source, TimeSpan
from sitrep.store import ClusterOptions, EventFilter, Store

SIRTE = Place("Sirte", 31.21, 16.59, "LY", "Sirte", 1, 2210247, "city", "Sirte", 10, 15)
NEAR_SIRTE = Place("Qasr Abu Hadi", 31.08, 16.66, "LY", "Sirte", 1, None, "city", "south of Sirte", 10, 24)
MOSUL = Place("Mosul", 36.34, 43.13, "IQ", "Nineveh", 1, 99072, "city", "Mosul", 0, 5)
US = Actor("Military Forces of the United States", "External/Other forces", "USA", "American jets", 0, 13)
IS = Actor("Islamic State", "Rebel group", None, "Islamic State fighters", 30, 52)


def article(
    text: str, publisher: str = "Daily Example", published: date | None = date(2017, 9, 23)
) -> Article:
    return Article(
        text=text,
        url=f"https://news.example/{abs(hash(text)) % 10000}",
        publisher=publisher,
        published=published,
    )


def mention(
    art: Article,
    sub: str = "Air/drone strike",
    *,
    etype: str = "Explosions/Remote violence",
    place: Place | None = SIRTE,
    day: date | None = date(2017, 9, 22),
    status: str = "actual",
    sentence: int = 0,
    killed: int | None = None,
    conf: float = 0.8,
    basis: str = "text",
) -> EventMention:
    aid = art.article_id
    return EventMention(
        article_id=aid,
        event_type=etype,
        sub_event_type=sub,
        status=status,
        date=TimeSpan(day, day, "day", "on Friday", basis) if day else None,
        actor1=US,
        actor2=IS,
        location=place,
        fatalities=Counts(killed, killed, killed, f"{killed} killed" if killed is not None else None),
        sources=(Source(aid, art.url, art.publisher, "Wire Service"),),
        evidence=(
            Evidence(aid, "sub_event_type", sentence, sentence + 6, art.text[sentence : sentence + 6]),
        ),
        confidence=conf,
        sentence_start=sentence,
        sentence_end=sentence + 20,
        trigger="struck",
    )


@pytest.fixture
def store(store_url: str):
    with Store(store_url) as s:
        yield s


def test_store_roundtrip_single_mention_equals_record(store: Store) -> None:
    art = article("American jets struck Sirte on Friday, hitting Islamic State fighters.")
    mn = mention(art, killed=4)
    assert store.add_article(art, [mn]) is True
    [record] = store.events()
    extras = {k: record.pop(k) for k in ("n_mentions", "n_sources", "sentence")}
    assert record == mn.to_record()
    assert extras == {"n_mentions": 1, "n_sources": 1, "sentence": art.text[:20]}


def test_store_add_article_twice_changes_nothing(store: Store) -> None:
    art = article("American jets struck Sirte on Friday.")
    assert store.add_article(art, [mention(art)]) is True
    before = store.counts()
    assert store.add_article(art, [mention(art)]) is False
    assert store.has_article(art.article_id)
    assert store.counts() == before
    assert before["articles"] == 1 and before["events"] == 1 and before["mentions"] == 1


def test_store_clusters_reports_of_one_event(store: Store) -> None:
    a = article("American jets struck Sirte on Friday.", "Outlet A")
    b = article("U.S. warplanes bombed a camp south of Sirte.", "Outlet B", date(2017, 9, 24))
    store.add_article(a, [mention(a, killed=5, conf=0.6)])
    store.add_article(b, [mention(b, place=NEAR_SIRTE, day=date(2017, 9, 23), killed=3, conf=0.5)])
    [event] = store.events()
    assert event["n_sources"] == 2 and event["n_mentions"] == 2
    assert [s["publisher"] for s in event["sources"]] == ["Outlet A", "Outlet B"]
    assert {e["article_id"] for e in event["evidence"]} == {a.article_id, b.article_id}
    assert event["fatalities"]["best"] == 3  # the most conservative figure
    assert event["confidence"] == pytest.approx(0.8, abs=1e-3)  # 1 - 0.4 * 0.5
    assert event["event_id"] == mention(a).event_id


@pytest.mark.parametrize(
    "change",
    [
        {"sub": "Shelling/artillery/missile attack"},
        {"place": MOSUL},
        {"day": date(2017, 9, 25)},
        {"status": "historical"},
        {"place": None},
    ],
)
def test_store_keeps_different_events_apart(store: Store, change: dict) -> None:
    a = article("American jets struck Sirte on Friday.", "Outlet A")
    b = article("Another report from another outlet.", "Outlet B")
    store.add_article(a, [mention(a)])
    store.add_article(b, [mention(b, **change)])
    assert store.counts()["events"] == 2


def test_store_same_article_mentions_stay_separate_events(store: Store) -> None:
    a = article("Jets struck Sirte. Jets struck Sirte again later that day.")
    store.add_article(a, [mention(a, sentence=0), mention(a, sentence=19)])
    assert store.counts()["events"] == 2
    assert store.counts()["mentions"] == 2


#: About 38 km south of Sirte: beyond the 25 km of two precise places, within the 50 km of approximate ones.
FAR_SOUTH = Place("Wadi Sirte", 30.87, 16.59, "LY", "Sirte", 1, None, "city", "in the desert", 10, 24)


@pytest.mark.parametrize(("precision", "clustered"), [(1, False), (2, True)])
def test_store_approximate_places_cluster_from_further(store: Store, precision: int, clustered: bool) -> None:
    a = article("American jets struck Sirte on Friday.", "Outlet A")
    b = article("U.S. warplanes bombed a camp in the desert.", "Outlet B")
    place = dataclasses.replace(FAR_SOUTH, precision=precision)
    store.add_article(a, [mention(a)])
    store.add_article(b, [mention(b, place=place)])
    assert store.counts()["events"] == (1 if clustered else 2)


def test_store_clustering_can_be_disabled(store_url: str) -> None:
    with Store(store_url, cluster=ClusterOptions(enabled=False)) as s:
        a, b = article("Report one about Sirte."), article("Report two about Sirte.")
        s.add_article(a, [mention(a)])
        s.add_article(b, [mention(b)])
        assert s.counts()["events"] == 2


def test_store_duplicate_article_is_linked_without_events(store: Store) -> None:
    a = article("American jets struck Sirte on Friday.")
    copy = article("American jets struck Sirte on Friday, officials said.", "Syndicator")
    store.add_article(a, [mention(a)])
    assert store.add_article(copy, [mention(copy)], duplicate_of=a.article_id, similarity=0.9) is True
    counts = store.counts()
    assert (counts["articles"], counts["duplicates"], counts["events"], counts["mentions"]) == (2, 1, 1, 1)
    assert store.get_article(a.article_id)["duplicates"] == [copy.article_id]
    assert store.get_article(copy.article_id)["duplicate_of"] == a.article_id


def _fill(store: Store) -> tuple[Article, Article, Article]:
    a = article("American jets struck Sirte on Friday.", "Outlet A", date(2017, 9, 23))
    b = article("Protesters marched in Mosul on Monday.", "Outlet B", date(2017, 10, 3))
    c = article("Police arrested a leader in Mosul.", "Outlet C", None)
    store.add_article(a, [mention(a, killed=2)])
    store.add_article(
        b, [mention(b, "Peaceful protest", etype="Protests", place=MOSUL, day=date(2017, 10, 2))]
    )
    store.add_article(
        c, [mention(c, "Arrests", etype="Strategic developments", place=MOSUL, day=None, status="claimed")]
    )
    return a, b, c


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({}, ["Air/drone strike", "Peaceful protest", "Arrests"]),
        ({"country": "IQ"}, ["Peaceful protest", "Arrests"]),
        ({"country": "irq"}, ["Peaceful protest", "Arrests"]),
        ({"since": date(2017, 10, 1)}, ["Peaceful protest"]),
        ({"until": date(2017, 9, 30)}, ["Air/drone strike"]),
        ({"bbox": (10.0, 25.0, 20.0, 35.0)}, ["Air/drone strike"]),
        ({"type": "protests"}, ["Peaceful protest"]),
        ({"type": "Arrests,Air/drone strike"}, ["Air/drone strike", "Arrests"]),
        ({"status": "claimed"}, ["Arrests"]),
        ({"actor": "islamic"}, ["Air/drone strike", "Peaceful protest", "Arrests"]),
        ({"actor": "nobody"}, []),
        ({"text": "MARCHED"}, []),  # evidence holds only the first six characters
        ({"text": "protes"}, ["Peaceful protest"]),
        ({"text": "mosul"}, ["Peaceful protest", "Arrests"]),
        ({"limit": 1, "offset": 1}, ["Peaceful protest"]),
        ({"newest_first": True}, ["Peaceful protest", "Air/drone strike", "Arrests"]),
    ],
)
def test_store_events_filters(store: Store, criteria: dict, expected: list[str]) -> None:
    _fill(store)
    flt = EventFilter(**criteria)
    assert [e["sub_event_type"] for e in store.events(flt)] == expected
    assert store.count_events(flt) == (len(expected) if "limit" not in criteria else 3)


def test_store_read_api(store: Store) -> None:
    a, b, c = _fill(store)
    event_id = mention(a).event_id
    event = store.get_event(event_id)
    assert event["mentions"][0]["mention_id"] == event_id
    assert event["sources"][0]["article_id"] == a.article_id
    assert store.get_event("missing") is None
    art = store.get_article(a.article_id)
    assert art["text"] == a.text and art["published"] == "2017-09-23" and art["events"] == [event_id]
    assert art["spans"] == [
        {
            "field": "sub_event_type",
            "start": 0,
            "end": 6,
            "text": "Americ",
            "mention_id": event_id,
            "event_id": event_id,
        }
    ]
    assert [x["article_id"] for x in store.articles()] == [a.article_id, b.article_id, c.article_id]
    actors = store.actors()
    assert [(x["name"], x["n_events"]) for x in actors] == [
        ("Islamic State", 3),
        ("Military Forces of the United States", 3),
    ]
    assert store.actors(query="islam")[0]["type"] == "Rebel group"


def test_store_timeseries(store: Store) -> None:
    _fill(store)
    assert store.timeseries("day") == [
        {"period": "2017-09-22", "key": None, "events": 1, "fatalities": 2},
        {"period": "2017-10-02", "key": None, "events": 1, "fatalities": 0},
    ]
    weekly = store.timeseries("week", by="country")
    assert [(w["period"], w["key"]) for w in weekly] == [("2017-09-18", "LY"), ("2017-10-02", "IQ")]
    with pytest.raises(ValueError):
        store.timeseries("fortnight")


def test_store_reopen_runs_migrations_once(store_url: str) -> None:
    with Store(store_url) as s:
        a = article("American jets struck Sirte on Friday.")
        s.add_article(a, [mention(a)])
    with Store(store_url) as s:
        assert s.counts()["events"] == 1


def test_store_rejects_mention_of_another_article(store: Store) -> None:
    a, b = article("one"), article("two")
    with pytest.raises(ValueError):
        store.add_article(a, [mention(b)])
    assert store.counts()["articles"] == 0


def test_store_actor_filter_folds_case_beyond_ascii_on_both_backends(store: Store) -> None:
    import dataclasses

    art = article("Des combattants de l'État islamique ont attaqué Syrte vendredi.")
    etat = Actor("ÉTAT ISLAMIQUE", "Rebel group", None, "l'État islamique", 20, 36)
    store.add_article(art, [dataclasses.replace(mention(art), actor2=etat)])
    assert [e["actor2"]["name"] for e in store.events(actor="état")] == ["ÉTAT ISLAMIQUE"]
    assert store.events(actor="ÉTAT islamique")
    assert [a["name"] for a in store.actors("état")] == ["ÉTAT ISLAMIQUE"]
