"""The database schema as SQLAlchemy Core tables.

The Alembic migrations in ``migrations/versions`` create exactly these tables; a test checks that the
two agree. Ids are content hashes (``records.content_hash``), so the same input always gives the same
rows.

    articles        one row per article, near-duplicates point at their original (``duplicate_of``)
    actors          canonical actors (name, ACLED type, country)
    places          resolved places (coordinates, country, GeoNames id)
    events          clustered events: one row per real-world event, the fields filters need
    event_mentions  one row per event as reported in one article, linked to its event
    sources         who reported a mention (article, url, publisher, quoted outlet)
    evidence        the text spans each field of a mention came from
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

__all__ = [
    "ID",
    "actors",
    "articles",
    "event_mentions",
    "events",
    "evidence",
    "metadata",
    "places",
    "sources",
]

#: Width of id columns (``content_hash`` gives 16 hex digits; room to grow).
ID = String(40)

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("article_id", ID, primary_key=True),
    Column("seq", Integer, nullable=False, index=True),  # ingestion order
    Column("url", Text),
    Column("publisher", Text),
    Column("published", Date, index=True),
    Column("title", Text),
    Column("quoted_source", Text),
    Column("source_path", Text),
    Column("body_start", Integer, nullable=False, default=0),
    Column("quotes", Text),  # JSON list of [start, end] or NULL
    Column("text", Text, nullable=False),
    Column("duplicate_of", ID, ForeignKey("articles.article_id"), index=True),
    Column("similarity", Float),  # estimated Jaccard similarity to the original
    Column("minhash", LargeBinary),  # MinHash signature (uint64 little-endian)
    Column("n_mentions", Integer, nullable=False, default=0),
)

actors = Table(
    "actors",
    metadata,
    Column("actor_id", ID, primary_key=True),
    Column("name", Text, nullable=False, index=True),
    Column("type", Text),
    Column("country", String(8)),
)

places = Table(
    "places",
    metadata,
    Column("place_id", ID, primary_key=True),
    Column("name", Text, nullable=False),
    Column("country", String(8), index=True),
    Column("admin1", Text),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("precision", Integer, nullable=False),
    Column("geonameid", Integer, index=True),
    Column("feature", Text),
)

events = Table(
    "events",
    metadata,
    Column("event_id", ID, primary_key=True),
    Column("seq", Integer, nullable=False, index=True),
    Column("rep_mention_id", ID, nullable=False),  # the mention whose fields the event shows
    Column("event_type", Text, nullable=False),
    Column("sub_event_type", Text, nullable=False),
    Column("status", String(16), nullable=False, index=True),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("date_precision", String(16)),
    Column("date_basis", String(16)),
    Column("place_id", ID, ForeignKey("places.place_id")),
    Column("geonameid", Integer),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(8), index=True),
    Column("actor1_id", ID, ForeignKey("actors.actor_id"), index=True),
    Column("actor2_id", ID, ForeignKey("actors.actor_id"), index=True),
    Column("fatalities_best", Integer),
    Column("fatalities_low", Integer),
    Column("fatalities_high", Integer),
    Column("fatalities_text", Text),
    Column("confidence", Float, nullable=False),
    Column("n_mentions", Integer, nullable=False),
    Column("n_sources", Integer, nullable=False),
    Index("ix_events_type_date", "sub_event_type", "date_start"),
    Index("ix_events_date", "date_start", "date_end"),
    Index("ix_events_latlon", "lat", "lon"),
)

event_mentions = Table(
    "event_mentions",
    metadata,
    Column("mention_id", ID, primary_key=True),
    Column("event_id", ID, ForeignKey("events.event_id"), nullable=False, index=True),
    Column("article_id", ID, ForeignKey("articles.article_id"), nullable=False, index=True),
    Column("ord", Integer, nullable=False),  # position among the article's mentions
    Column("event_type", Text, nullable=False),
    Column("sub_event_type", Text, nullable=False),
    Column("label", Text),
    Column("status", String(16), nullable=False),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("date_precision", String(16)),
    Column("date_text", Text),
    Column("date_basis", String(16)),
    Column("actor1_id", ID, ForeignKey("actors.actor_id")),
    Column("actor1_text", Text),
    Column("actor1_start", Integer),
    Column("actor1_end", Integer),
    Column("actor2_id", ID, ForeignKey("actors.actor_id")),
    Column("actor2_text", Text),
    Column("actor2_start", Integer),
    Column("actor2_end", Integer),
    Column("place_id", ID, ForeignKey("places.place_id")),
    Column("location_text", Text),
    Column("location_start", Integer),
    Column("location_end", Integer),
    Column("fatalities", Text, nullable=False),  # JSON of records.Counts (with offsets)
    Column("injured", Text, nullable=False),
    Column("arrested", Text, nullable=False),
    Column("abducted", Text, nullable=False),
    Column("plover", Text),  # JSON or NULL
    Column("confidence", Float, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("trigger", Text),
)

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("mention_id", ID, ForeignKey("event_mentions.mention_id"), nullable=False, index=True),
    Column("ord", Integer, nullable=False),
    Column("article_id", ID, nullable=False, index=True),
    Column("url", Text),
    Column("publisher", Text),
    Column("reported_by", Text),
    Column("speaker", Text),
)

evidence = Table(
    "evidence",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("mention_id", ID, ForeignKey("event_mentions.mention_id"), nullable=False, index=True),
    Column("ord", Integer, nullable=False),
    Column("article_id", ID, nullable=False, index=True),
    Column("field", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)
