"""PostgreSQL with PostGIS: a geography point on events, with a GiST index.

Does nothing on SQLite or when the PostGIS extension is not enabled in the database (the store then
filters on the plain lat/lon columns). The column is generated from lat/lon, so the store never writes it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _has_postgis() -> bool:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return False
    return bind.execute(sa.text("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")).first() is not None


def upgrade() -> None:
    if not _has_postgis():
        return
    op.execute(
        "ALTER TABLE events ADD COLUMN geog geography(Point, 4326) GENERATED ALWAYS AS "
        "(CASE WHEN lat IS NULL OR lon IS NULL THEN NULL "
        "ELSE ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography END) STORED"
    )
    op.execute("CREATE INDEX ix_events_geog ON events USING GIST (geog)")


def downgrade() -> None:
    if _has_postgis():
        op.execute("DROP INDEX IF EXISTS ix_events_geog")
        op.execute("ALTER TABLE events DROP COLUMN IF EXISTS geog")
