"""The event database: ``Store`` (SQLite or PostgreSQL), its filters and clustering options.

from sitrep.store import Store, EventFilter
with Store("sitrep.db") as store:
    store.add_article(article, mentions)
    records = store.events(EventFilter(country="LY", since=date(2017, 9, 1)))
"""

from __future__ import annotations

from .cluster import ClusterOptions
from .db import DEFAULT_URL
from .library import Store
from .query import EventFilter

__all__ = ["DEFAULT_URL", "ClusterOptions", "EventFilter", "Store"]
