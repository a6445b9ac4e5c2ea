"""Shared fixtures: database URLs for both store backends, and a fake extractor that needs no model.

``store_url`` is parametrised: a SQLite file, and PostgreSQL when ``SITREP_TEST_PG_URL`` is set (each
test gets a schema of its own, dropped afterwards; those tests are marked ``postgres``).

``fake_extract`` has the signature of ``sitrep.extract.extract``: it finds a few trigger words and
place names so tests can fill a store without the spaCy model. ``slow_fake_extract`` waits
``SITREP_FAKE_DELAY`` seconds per article (for the kill-and-resume test, through ``SITREP_EXTRACTOR``).
"""

from __future__ import annotations

import os
import re
import time
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from sitrep.records import Article, Counts, EventMention, Evidence, Place, Source, TimeSpan

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database, once per backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "test.db")
        return
    base = os.environ.get("SITREP_TEST_PG_URL")
    if not base:
        pytest.skip("SITREP_TEST_PG_URL is not set (see scripts/ci_postgres.sh)")
    from sqlalchemy import create_engine, text

    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options=-csearch_path%3D{schema},public"
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


# -- a fake extractor -------------------------------------------------------------------------------
FAKE_TRIGGERS = {
    "air strike": ("Explosions/Remote violence", "Air/drone strike"),
    "airstrike": ("Explosions/Remote violence", "Air/drone strike"),
    "clashed": ("Battles", "Armed clash"),
    "roadside bomb": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "protest": ("Protests", "Peaceful protest"),
    "kidnapped": ("Violence against civilians", "Abduction/forced disappearance"),
    "arrested": ("Strategic developments", "Arrests"),
}
FAKE_PLACES = {
    "Sirte": (31.21, 16.59, "LY", 2210247),
    "Misrata": (32.38, 15.09, "LY", 2214846),
    "Mosul": (36.34, 43.13, "IQ", 99072),
    "Kabul": (34.53, 69.17, "AF", 1138958),
    "Maiduguri": (11.85, 13.16, "NG", 2331447),
}
_SENTENCE = re.compile(r"[^.!?]+[.!?]?")


def fake_mentions(article: Article) -> list[EventMention]:
    """One mention per sentence holding a trigger word; place from a short list, date = published."""
    out = []
    aid = article.article_id
    for sent in _SENTENCE.finditer(article.text):
        low = sent.group().lower()
        hit = next(((k, v) for k, v in FAKE_TRIGGERS.items() if k in low), None)
        if hit is None:
            continue
        trigger, (etype, sub) = hit
        t0 = sent.start() + low.index(trigger)
        evidence = [
            Evidence(aid, "sub_event_type", t0, t0 + len(trigger), article.text[t0 : t0 + len(trigger)])
        ]
        place = None
        for name, (lat, lon, cc, gid) in FAKE_PLACES.items():
            i = sent.group().find(name)
            if i >= 0:
                s0 = sent.start() + i
                place = Place(
                    name,
                    lat,
                    lon,
                    cc,
                    precision=1,
                    geonameid=gid,
                    feature="city",
                    text=name,
                    start=s0,
                    end=s0 + len(name),
                )
                evidence.append(Evidence(aid, "location", s0, s0 + len(name), name))
                break
        when = (
            TimeSpan(article.published, article.published, "day", None, "reported")
            if article.published
            else None
        )
        out.append(
            EventMention(
                article_id=aid,
                event_type=etype,
                sub_event_type=sub,
                status="actual",
                date=when,
                actor1=None,
                actor2=None,
                location=place,
                fatalities=Counts(),
                sources=(Source(aid, article.url, article.publisher, article.quoted_source),),
                evidence=tuple(evidence),
                confidence=0.5,
                sentence_start=sent.start(),
                sentence_end=sent.end(),
                trigger=trigger,
            )
        )
    return out


def fake_extract(articles: Iterable[Article]) -> Iterator[tuple[Article, list[EventMention]]]:
    for article in articles:
        yield article, fake_mentions(article)


def slow_fake_extract(articles: Iterable[Article]) -> Iterator[tuple[Article, list[EventMention]]]:
    delay = float(os.environ.get("SITREP_FAKE_DELAY", "0.2"))
    for article in articles:
        time.sleep(delay)
        yield article, fake_mentions(article)


@pytest.fixture
def fake_extractor():
    """The fake extractor function (see module docstring)."""
    return fake_extract


@pytest.fixture(scope="session")
def encoder():  # type: ignore[no-untyped-def]
    """The packaged MiniLM sentence encoder (``sitrep.classify.encoder``); skips when it is not installed."""
    from sitrep.classify.encoder import get_encoder

    found = get_encoder()
    if found is None:
        pytest.skip("sentence model package not installed (requirements/model.txt)")
    return found
