"""Alembic environment: runs on the connection the Store hands over (``config.attributes``)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from sitrep.store.models import metadata

#: Any constant; serialises concurrent migrations on PostgreSQL.
_PG_LOCK_KEY = 7_415_012_017


def run_migrations_online() -> None:
    connection = context.config.attributes["connection"]
    is_pg = connection.dialect.name == "postgresql"
    if is_pg:
        connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():  # pragma: no cover - the Store always migrates online
    raise SystemExit("sitrep migrations run online only: open the database with sitrep.store.Store(url)")
run_migrations_online()
