"""Initial schema: articles, actors, places, events, event mentions, sources, evidence.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.String(length=40)


def upgrade() -> None:
    op.create_table(
        "actors",
        sa.Column("actor_id", ID, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.Text(), nullable=True),
        sa.Column("country", sa.String(length=8), nullable=True),
        sa.PrimaryKeyConstraint("actor_id"),
    )
    op.create_index("ix_actors_name", "actors", ["name"])
    op.create_table(
        "articles",
        sa.Column("article_id", ID, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("publisher", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("quoted_source", sa.Text(), nullable=True),
        sa.Column("source_path", sa.Text(), nullable=True),
        sa.Column("body_start", sa.Integer(), nullable=False),
        sa.Column("quotes", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("duplicate_of", ID, nullable=True),
        sa.Column("similarity", sa.Float(), nullable=True),
        sa.Column("minhash", sa.LargeBinary(), nullable=True),
        sa.Column("n_mentions", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["duplicate_of"], ["articles.article_id"]),
        sa.PrimaryKeyConstraint("article_id"),
    )
    op.create_index("ix_articles_duplicate_of", "articles", ["duplicate_of"])
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_index("ix_articles_seq", "articles", ["seq"])
    op.create_table(
        "places",
        sa.Column("place_id", ID, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("country", sa.String(length=8), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("precision", sa.Integer(), nullable=False),
        sa.Column("geonameid", sa.Integer(), nullable=True),
        sa.Column("feature", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("place_id"),
    )
    op.create_index("ix_places_country", "places", ["country"])
    op.create_index("ix_places_geonameid", "places", ["geonameid"])
    op.create_table(
        "events",
        sa.Column("event_id", ID, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("rep_mention_id", ID, nullable=False),
        sa.Column("event_type", sa.Text(), nullable=False),
        sa.Column("sub_event_type", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=16), nullable=True),
        sa.Column("date_basis", sa.String(length=16), nullable=True),
        sa.Column("place_id", ID, nullable=True),
        sa.Column("geonameid", sa.Integer(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("country", sa.String(length=8), nullable=True),
        sa.Column("actor1_id", ID, nullable=True),
        sa.Column("actor2_id", ID, nullable=True),
        sa.Column("fatalities_best", sa.Integer(), nullable=True),
        sa.Column("fatalities_low", sa.Integer(), nullable=True),
        sa.Column("fatalities_high", sa.Integer(), nullable=True),
        sa.Column("fatalities_text", sa.Text(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("n_mentions", sa.Integer(), nullable=False),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["actor1_id"], ["actors.actor_id"]),
        sa.ForeignKeyConstraint(["actor2_id"], ["actors.actor_id"]),
        sa.ForeignKeyConstraint(["place_id"], ["places.place_id"]),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_index("ix_events_actor1_id", "events", ["actor1_id"])
    op.create_index("ix_events_actor2_id", "events", ["actor2_id"])
    op.create_index("ix_events_country", "events", ["country"])
    op.create_index("ix_events_date", "events", ["date_start", "date_end"])
    op.create_index("ix_events_latlon", "events", ["lat", "lon"])
    op.create_index("ix_events_seq", "events", ["seq"])
    op.create_index("ix_events_status", "events", ["status"])
    op.create_index("ix_events_type_date", "events", ["sub_event_type", "date_start"])
    op.create_table(
        "event_mentions",
        sa.Column("mention_id", ID, nullable=False),
        sa.Column("event_id", ID, nullable=False),
        sa.Column("article_id", ID, nullable=False),
        sa.Column("ord", sa.Integer(), nullable=False),
        sa.Column("event_type", sa.Text(), nullable=False),
        sa.Column("sub_event_type", sa.Text(), nullable=False),
        sa.Column("label", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=16), nullable=True),
        sa.Column("date_text", sa.Text(), nullable=True),
        sa.Column("date_basis", sa.String(length=16), nullable=True),
        sa.Column("actor1_id", ID, nullable=True),
        sa.Column("actor1_text", sa.Text(), nullable=True),
        sa.Column("actor1_start", sa.Integer(), nullable=True),
        sa.Column("actor1_end", sa.Integer(), nullable=True),
        sa.Column("actor2_id", ID, nullable=True),
        sa.Column("actor2_text", sa.Text(), nullable=True),
        sa.Column("actor2_start", sa.Integer(), nullable=True),
        sa.Column("actor2_end", sa.Integer(), nullable=True),
        sa.Column("place_id", ID, nullable=True),
        sa.Column("location_text", sa.Text(), nullable=True),
        sa.Column("location_start", sa.Integer(), nullable=True),
        sa.Column("location_end", sa.Integer(), nullable=True),
        sa.Column("fatalities", sa.Text(), nullable=False),
        sa.Column("injured", sa.Text(), nullable=False),
        sa.Column("arrested", sa.Text(), nullable=False),
        sa.Column("abducted", sa.Text(), nullable=False),
        sa.Column("plover", sa.Text(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=False),
        sa.Column("sentence_end", sa.Integer(), nullable=False),
        sa.Column("trigger", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["actor1_id"], ["actors.actor_id"]),
        sa.ForeignKeyConstraint(["actor2_id"], ["actors.actor_id"]),
        sa.ForeignKeyConstraint(["article_id"], ["articles.article_id"]),
        sa.ForeignKeyConstraint(["event_id"], ["events.event_id"]),
        sa.ForeignKeyConstraint(["place_id"], ["places.place_id"]),
        sa.PrimaryKeyConstraint("mention_id"),
    )
    op.create_index("ix_event_mentions_article_id", "event_mentions", ["article_id"])
    op.create_index("ix_event_mentions_event_id", "event_mentions", ["event_id"])
    for name, extra in (
        (
            "evidence",
            [
                sa.Column("field", sa.Text(), nullable=False),
                sa.Column("start", sa.Integer(), nullable=False),
                sa.Column("end", sa.Integer(), nullable=False),
                sa.Column("text", sa.Text(), nullable=False),
            ],
        ),
        (
            "sources",
            [
                sa.Column("url", sa.Text(), nullable=True),
                sa.Column("publisher", sa.Text(), nullable=True),
                sa.Column("reported_by", sa.Text(), nullable=True),
                sa.Column("speaker", sa.Text(), nullable=True),
            ],
        ),
    ):
        op.create_table(
            name,
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("mention_id", ID, nullable=False),
            sa.Column("ord", sa.Integer(), nullable=False),
            sa.Column("article_id", ID, nullable=False),
            *extra,
            sa.ForeignKeyConstraint(["mention_id"], ["event_mentions.mention_id"]),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index(f"ix_{name}_article_id", name, ["article_id"])
        op.create_index(f"ix_{name}_mention_id", name, ["mention_id"])


def downgrade() -> None:
    for table in ("sources", "evidence", "event_mentions", "events", "places", "articles", "actors"):
        op.drop_table(table)
