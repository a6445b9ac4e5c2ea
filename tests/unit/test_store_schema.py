"""The Alembic migrations build exactly the schema ``sitrep.store.models`` describes."""

from __future__ import annotations

import warnings

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from sitrep.store import Store
from sitrep.store.db import normalise_url
from sitrep.store.models import metadata


def test_store_schema_migrations_match_models(store_url: str) -> None:
    with Store(store_url) as store, store.engine.connect() as conn, warnings.catch_warnings():
        # SQLAlchemy does not know PostGIS's type; the column is checked by name below.
        warnings.filterwarnings("ignore", message="Did not recognize type 'geography'")
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    # The PostGIS column is added by migration 0002 on purpose and is not part of the models.
    # PostGIS's own table (spatial_ref_sys) is not sitrep's either.
    diff = [
        d
        for d in diff
        if not (d[0] in ("remove_column", "remove_index") and "geog" in str(d))
        and not (d[0] == "remove_table" and d[1].name not in metadata.tables)
    ]
    assert diff == []


def test_store_schema_url_forms() -> None:
    assert normalise_url(None) == "sqlite:///sitrep.db"
    assert normalise_url(":memory:") == "sqlite://"
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("data/x.db") == "sqlite:///data/x.db"


def test_store_schema_sqlite_uses_wal(tmp_path) -> None:
    with Store(str(tmp_path / "w.db")) as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
