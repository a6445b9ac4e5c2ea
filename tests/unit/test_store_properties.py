"""Property: event mentions written to the store read back equal, on every backend."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.records import STATUSES, Actor, Article, Counts, EventMention, Evidence, Place, Source, TimeSpan
from sitrep.store import ClusterOptions, Store

text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)
opt_text = st.none() | text
small = st.integers(0, 10**6)
opt_int = st.none() | small


@st.composite
def spans(draw):
    start = draw(st.dates(date(1900, 1, 1), date(2100, 1, 1)))
    return TimeSpan(
        start,
        start + timedelta(days=draw(st.integers(0, 40))),
        draw(st.sampled_from(["day", "week", "month", "year"])),
        draw(opt_text),
        draw(st.sampled_from(["text", "reported"])),
    )


actors = st.builds(
    Actor,
    name=text,
    type=st.none() | st.sampled_from(["Rebel group", "Civilians"]),
    country=st.none() | st.sampled_from(["USA", "LBY"]),
    text=opt_text,
    start=opt_int,
    end=opt_int,
)
places = st.builds(
    Place,
    name=text,
    lat=st.floats(-90, 90),
    lon=st.floats(-180, 180),
    country=st.none() | st.sampled_from(["LY", "IQ"]),
    admin1=opt_text,
    precision=st.integers(1, 3),
    geonameid=st.none() | st.integers(1, 2**31 - 1),
    feature=st.none() | st.just("city"),
    text=opt_text,
    start=opt_int,
    end=opt_int,
)
counts = st.builds(Counts, best=opt_int, low=opt_int, high=opt_int, text=opt_text, start=opt_int, end=opt_int)


@st.composite
def mentions_of(draw, article: Article):
    aid = article.article_id
    n = draw(st.integers(1, 3))
    out = []
    for i in range(n):
        out.append(
            EventMention(
                article_id=aid,
                event_type=draw(text),
                sub_event_type=draw(text),
                status=draw(st.sampled_from(STATUSES)),
                date=draw(st.none() | spans()),
                actor1=draw(st.none() | actors),
                actor2=draw(st.none() | actors),
                location=draw(st.none() | places),
                fatalities=draw(counts),
                sources=tuple(
                    draw(
                        st.lists(
                            st.builds(Source, st.just(aid), opt_text, opt_text, opt_text, opt_text),
                            max_size=2,
                            unique=True,
                        )
                    )
                ),
                evidence=tuple(
                    draw(
                        st.lists(
                            st.builds(Evidence, st.just(aid), text, small, small, text),
                            max_size=3,
                            unique=True,
                        )
                    )
                ),
                confidence=draw(st.floats(0, 1)),
                sentence_start=i * 100,
                sentence_end=i * 100 + draw(small),
                trigger=draw(opt_text),
                injured=draw(counts),
                arrested=draw(counts),
                abducted=draw(counts),
                label=draw(opt_text),
                plover=draw(st.none() | st.fixed_dictionaries({"event": text, "mode": opt_text})),
            )
        )
    return out


@st.composite
def articles_with_mentions(draw):
    art = Article(
        text=f"{draw(text)} {uuid.uuid4().hex}",
        url=draw(opt_text),
        publisher=draw(opt_text),
        published=draw(st.none() | st.dates(date(1900, 1, 1), date(2100, 1, 1))),
        title=draw(opt_text),
        quotes=tuple(draw(st.lists(st.tuples(small, small), max_size=2))),
    )
    return art, draw(mentions_of(art))


def test_store_properties_mentions_roundtrip(store_url: str) -> None:
    with Store(store_url, cluster=ClusterOptions(enabled=False)) as store:

        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
        @given(articles_with_mentions())
        def check(pair: tuple[Article, list[EventMention]]) -> None:
            art, mentions = pair
            assert store.add_article(art, mentions)
            for mn in mentions:
                record = store.get_event(mn.event_id)
                assert record is not None
                [stored] = record.pop("mentions")
                for extra in ("n_mentions", "n_sources", "sentence"):
                    record.pop(extra)
                assert record == mn.to_record()
                assert {k: v for k, v in stored.items() if k != "mention_id"} == mn.to_record()
            stored_article = store.get_article(art.article_id)
            assert stored_article["text"] == art.text
            assert stored_article["quotes"] == [list(q) for q in art.quotes]
            assert stored_article["published"] == (art.published.isoformat() if art.published else None)

        check()
