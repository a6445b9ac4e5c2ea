"""Opening a database: URL rules, engine options, and migrations run on open.

"sitrep.db", "data/x.db"       a SQLite file (created when missing), WAL journal
":memory:" or "sqlite://"       an in-memory SQLite database (one shared connection; for tests)
"sqlite:///path.db"             SQLite, SQLAlchemy form
"postgresql://user@host/db"     PostgreSQL through psycopg 3 ("postgres://" works too)
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from ..errors import StoreError

__all__ = ["DEFAULT_URL", "has_geography", "migrate", "normalise_url", "open_engine", "safe_url"]

#: The default database: ``sitrep.db`` in the working folder.
DEFAULT_URL = "sitrep.db"

_MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def normalise_url(url: str | None) -> str:
    """A SQLAlchemy URL for what a user typed (a file path, ``:memory:`` or a URL)."""
    url = (url or DEFAULT_URL).strip()
    if url in (":memory:", "sqlite://", "sqlite:///:memory:"):
        return "sqlite://"
    if url.startswith(("postgres://", "postgresql://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser()}"
    return url


def safe_url(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return make_url(normalise_url(url)).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
    # SQLite's own lower() folds ASCII only; PostgreSQL's folds every script. The same filters must
    # find "ÉTAT ISLAMIQUE" on both backends, so lower() is Python's here.
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)


def _unicode_lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def open_engine(url: str | None) -> Engine:
    """An engine for ``url``; raises StoreError with a fix when the URL is not usable."""
    full = normalise_url(url)
    try:
        parsed = make_url(full)
    except ArgumentError as exc:
        raise StoreError(
            f"not a database URL: {url!r}; use a file path or postgresql://user@host/db"
        ) from exc
    try:
        if parsed.get_backend_name() == "sqlite":
            if parsed.database in (None, "", ":memory:"):
                engine = create_engine(
                    "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
                )
            else:
                Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
                engine = create_engine(parsed)
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(parsed, pool_pre_ping=True)
    except (SQLAlchemyError, ImportError, OSError) as exc:
        raise StoreError(f"cannot open database {safe_url(full)}: {exc}") from exc
    return engine


def migrate(engine: Engine) -> None:
    """Bring the schema up to date (Alembic ``upgrade head``); a no-op when it already is."""
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except SQLAlchemyError as exc:
        message = str(exc).splitlines()[0]
        raise StoreError(
            f"cannot open database {engine.url.render_as_string(hide_password=True)}: {message}; "
            "check that the server is running and the user may create tables"
        ) from exc


def has_geography(engine: Engine) -> bool:
    """True when the events table has the PostGIS ``geog`` column (PostgreSQL with PostGIS)."""
    if engine.dialect.name != "postgresql":
        return False
    query = text(
        "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND table_name = 'events' AND column_name = 'geog'"
    )
    with engine.connect() as conn:
        return conn.execute(query).first() is not None
