"""``Store``: the event database behind a small library object.

store = Store("sitrep.db")                      # or ":memory:", or "postgresql://user@host/db"
store.add_article(article, mentions)            # one transaction; False when already stored
store.events(EventFilter(country="LY"))         # event records, DESIGN.md shape
"""

from __future__ import annotations

import json
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from ..errors import StoreError
from ..records import Article, EventMention
from . import models as m
from .cluster import ClusterOptions, find_event, summarise
from .db import has_geography, migrate, normalise_url, open_engine, safe_url
from .query import EventFilter, apply_filter, event_records
from .rows import actor_row, article_row, mention_row, place_row

__all__ = ["Store"]

log = logging.getLogger(__name__)

#: Fields ``timeseries`` can group by.
GROUP_FIELDS = ("event_type", "sub_event_type", "country", "status")


class Store:
    """The sitrep event database (SQLite by default, PostgreSQL with ``postgresql://`` URLs).

    Opening runs the migrations (safe to re-run). Every write is one transaction per article, so an
    interrupted ingest loses nothing it committed and re-running it skips what is stored.
    """

    def __init__(self, url: str | None = None, *, cluster: ClusterOptions | None = None) -> None:
        self.url = normalise_url(url)
        self.cluster = cluster or ClusterOptions()
        self.engine = open_engine(url)
        migrate(self.engine)
        try:
            self.geography = has_geography(self.engine)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read the schema of {safe_url(self.url)}: {exc}") from exc

    # -- lifecycle ----------------------------------------------------------------------------------
    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({safe_url(self.url)!r})"

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    # -- writing ------------------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        """True when an article with this content id is stored (original or duplicate)."""
        with self.engine.connect() as conn:
            q = select(m.articles.c.article_id).where(m.articles.c.article_id == article_id)
            return conn.execute(q).first() is not None

    def add_article(
        self,
        article: Article,
        mentions: Iterable[EventMention] = (),
        *,
        duplicate_of: str | None = None,
        similarity: float | None = None,
        signature: bytes | None = None,
    ) -> bool:
        """Store an article and its event mentions in one transaction.

        Each mention joins the stored event it reports (see ``sitrep.store.cluster``) or starts a new
        one. A near-duplicate (``duplicate_of`` set) is stored without mentions. Returns False, changing
        nothing, when the article is already stored.
        """
        aid = article.article_id
        mentions = [] if duplicate_of else list(mentions)
        for mention in mentions:
            if mention.article_id != aid:
                raise ValueError(
                    f"mention {mention.mention_id} belongs to article {mention.article_id}, not {aid}"
                )
        try:
            with self.engine.begin() as conn:
                if conn.execute(
                    select(m.articles.c.article_id).where(m.articles.c.article_id == aid)
                ).first():
                    return False
                seq = (conn.execute(select(func.max(m.articles.c.seq))).scalar() or 0) + 1
                row = article_row(article, seq)
                row.update(duplicate_of=duplicate_of, similarity=similarity, minhash=signature)
                conn.execute(insert(m.articles), [row])
                stored = self._add_mentions(conn, mentions)
                if stored:
                    conn.execute(
                        update(m.articles).where(m.articles.c.article_id == aid).values(n_mentions=stored)
                    )
        except IntegrityError:
            if self.has_article(aid):  # another writer stored it first
                return False
            raise
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot store article {aid} in {safe_url(self.url)}: {exc}") from exc
        return True

    def _insert_missing(self, conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        dialect = postgresql if self.dialect == "postgresql" else sqlite
        conn.execute(dialect.insert(table).on_conflict_do_nothing(), rows)

    def _add_mentions(self, conn: Connection, mentions: Sequence[EventMention]) -> int:
        seen: set[str] = set()
        ordered = []
        for mention in mentions:
            if mention.mention_id not in seen:
                seen.add(mention.mention_id)
                ordered.append(mention)
        actors = {
            r["actor_id"]: r for mn in ordered for a in (mn.actor1, mn.actor2) if a for r in [actor_row(a)]
        }
        places = {r["place_id"]: r for mn in ordered if mn.location for r in [place_row(mn.location)]}
        self._insert_missing(conn, m.actors, list(actors.values()))
        self._insert_missing(conn, m.places, list(places.values()))
        for ord_, mention in enumerate(ordered):
            event_id = find_event(conn, mention, self.cluster, geography=self.geography)
            row = mention_row(mention, event_id or mention.mention_id, ord_)
            if event_id is None:
                seq = (conn.execute(select(func.max(m.events.c.seq))).scalar() or 0) + 1
                first = dict(row, article_seq=0)
                conn.execute(insert(m.events), [summarise(mention.mention_id, seq, [first], places)])
            conn.execute(insert(m.event_mentions), [row])
            if mention.sources:
                conn.execute(
                    insert(m.sources),
                    [
                        dict(s.to_dict(), mention_id=mention.mention_id, ord=i)
                        for i, s in enumerate(mention.sources)
                    ],
                )
            if mention.evidence:
                conn.execute(
                    insert(m.evidence),
                    [
                        dict(
                            e.to_dict(), mention_id=mention.mention_id, ord=i, text=e.text.replace("\x00", "")
                        )
                        for i, e in enumerate(mention.evidence)
                    ],
                )
            if event_id is not None:
                self._resummarise(conn, event_id)
        return len(ordered)

    def _resummarise(self, conn: Connection, event_id: str) -> None:
        em, art, ev = m.event_mentions, m.articles, m.events
        rows = [
            dict(r)
            for r in conn.execute(
                select(em, art.c.seq.label("article_seq"))
                .join(art, art.c.article_id == em.c.article_id)
                .where(em.c.event_id == event_id)
            ).mappings()
        ]
        place_ids = {r["place_id"] for r in rows if r["place_id"]}
        places = {
            p["place_id"]: dict(p)
            for p in conn.execute(select(m.places).where(m.places.c.place_id.in_(place_ids))).mappings()
        }
        seq = conn.execute(select(ev.c.seq).where(ev.c.event_id == event_id)).scalar_one()
        values = summarise(event_id, seq, rows, places)
        conn.execute(update(ev).where(ev.c.event_id == event_id).values(**values))

    # -- reading ------------------------------------------------------------------------------------
    def events(self, filters: EventFilter | None = None, **criteria: Any) -> list[dict[str, Any]]:
        """Event records (DESIGN.md shape) matching ``filters`` (or the same fields as keywords)."""
        flt = replace(filters or EventFilter(), **criteria)
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(apply_filter(select(m.events), flt)).mappings()]
            return event_records(conn, rows)

    def iter_events(self, filters: EventFilter | None = None, batch: int = 500) -> Iterator[dict[str, Any]]:
        """Like ``events`` but in batches, for exports of large databases."""
        flt = filters or EventFilter()
        offset, remaining = flt.offset, flt.limit
        while remaining is None or remaining > 0:
            size = batch if remaining is None else min(batch, remaining)
            chunk = self.events(replace(flt, offset=offset, limit=size))
            yield from chunk
            if len(chunk) < size:
                return
            offset += size
            remaining = None if remaining is None else remaining - size

    def count_events(self, filters: EventFilter | None = None) -> int:
        """How many events match ``filters`` (ignoring its limit and offset)."""
        flt = replace(filters or EventFilter(), limit=None, offset=0)
        sub = apply_filter(select(m.events.c.event_id), flt).order_by(None).subquery()
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(sub)).scalar_one()

    def get_event(self, event_id: str) -> dict[str, Any] | None:
        """One event record with all its sources and evidence, plus ``mentions`` (one per article)."""
        with self.engine.connect() as conn:
            row = conn.execute(select(m.events).where(m.events.c.event_id == event_id)).mappings().first()
            if row is None:
                return None
            return event_records(conn, [dict(row)], with_mentions=True)[0]

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        """An article with its text, metadata, near-duplicates, events and evidence spans."""
        art, em, evd = m.articles, m.event_mentions, m.evidence
        with self.engine.connect() as conn:
            row = conn.execute(select(art).where(art.c.article_id == article_id)).mappings().first()
            if row is None:
                return None
            record = {k: v for k, v in row.items() if k not in ("minhash", "seq")}
            record["quotes"] = json.loads(row["quotes"]) if row["quotes"] else []
            record["published"] = row["published"].isoformat() if row["published"] else None
            record["duplicates"] = list(
                conn.execute(
                    select(art.c.article_id).where(art.c.duplicate_of == article_id).order_by(art.c.seq)
                ).scalars()
            )
            spans = conn.execute(
                select(evd.c.field, evd.c.start, evd.c.end, evd.c.text, evd.c.mention_id, em.c.event_id)
                .join(em, em.c.mention_id == evd.c.mention_id)
                .where(evd.c.article_id == article_id)
                .order_by(evd.c.start, evd.c.end, evd.c.id)
            )
            record["spans"] = [s._asdict() for s in spans]
            record["events"] = list(
                dict.fromkeys(
                    conn.execute(
                        select(em.c.event_id).where(em.c.article_id == article_id).order_by(em.c.ord)
                    ).scalars()
                )
            )
            return record

    def articles(self, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Article metadata (no text) in ingestion order."""
        art = m.articles
        cols = [c for c in art.c if c.name not in ("text", "minhash", "quotes")]
        with self.engine.connect() as conn:
            q = select(*cols).order_by(art.c.seq).offset(offset)
            if limit is not None:
                q = q.limit(limit)
            return [
                dict(r, published=r["published"].isoformat() if r["published"] else None)
                for r in conn.execute(q).mappings()
            ]

    def actors(self, query: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Actors with the number of events naming them (as actor1 or actor2), most frequent first."""
        ev, ac = m.events, m.actors
        n1 = select(ev.c.actor1_id.label("aid")).where(ev.c.actor1_id.is_not(None))
        n2 = select(ev.c.actor2_id.label("aid")).where(ev.c.actor2_id.is_not(None))
        both = n1.union_all(n2).subquery()
        counts = select(both.c.aid, func.count().label("n")).group_by(both.c.aid).subquery()
        q = (
            select(
                ac.c.actor_id,
                ac.c.name,
                ac.c.type,
                ac.c.country,
                func.coalesce(counts.c.n, 0).label("n_events"),
            )
            .outerjoin(counts, counts.c.aid == ac.c.actor_id)
            .order_by(func.coalesce(counts.c.n, 0).desc(), ac.c.name, ac.c.actor_id)
        )
        if query:
            q = q.where(func.lower(ac.c.name).contains(query.lower(), autoescape=True))
        if limit is not None:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(q).mappings()]

    def timeseries(
        self, interval: str = "day", by: str | None = None, filters: EventFilter | None = None
    ) -> list[dict[str, Any]]:
        """Event counts and fatalities per day or week (ISO Monday), optionally per type/country/status.

        Returns ``[{"period": "2017-09-18", "key": "Battles" | None, "events": 3, "fatalities": 7}, ...]``
        sorted by period then key; events without a date are left out.
        """
        if interval not in ("day", "week"):
            raise ValueError(f"interval must be 'day' or 'week', not {interval!r}")
        if by is not None and by not in GROUP_FIELDS:
            raise ValueError(f"by must be one of {', '.join(GROUP_FIELDS)}, not {by!r}")
        ev = m.events
        cols = [ev.c.date_start, ev.c.fatalities_best] + ([ev.c[by]] if by else [])
        flt = replace(filters or EventFilter(), limit=None, offset=0)
        n_events: Counter[tuple[str, Any]] = Counter()
        deaths: dict[tuple[str, Any], int] = defaultdict(int)
        with self.engine.connect() as conn:
            for row in conn.execute(apply_filter(select(*cols), flt)):
                if row.date_start is None:
                    continue
                day: date = row.date_start
                if interval == "week":
                    day = day - timedelta(days=day.weekday())
                key = (day.isoformat(), row[2] if by else None)
                n_events[key] += 1
                deaths[key] += row.fatalities_best or 0
        return [
            {"period": p, "key": k, "events": n_events[(p, k)], "fatalities": deaths[(p, k)]}
            for p, k in sorted(n_events, key=lambda x: (x[0], "" if x[1] is None else str(x[1])))
        ]

    def counts(self) -> dict[str, int]:
        """Row counts: articles (with duplicates), duplicates, mentions, events, actors, places, ..."""
        tables = {
            "articles": m.articles,
            "mentions": m.event_mentions,
            "events": m.events,
            "actors": m.actors,
            "places": m.places,
            "sources": m.sources,
            "evidence": m.evidence,
        }
        with self.engine.connect() as conn:
            out = {
                name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for name, t in tables.items()
            }
            out["duplicates"] = conn.execute(
                select(func.count()).select_from(m.articles).where(m.articles.c.duplicate_of.is_not(None))
            ).scalar_one()
        return out

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """(article_id, MinHash signature) of every stored original article, in ingestion order."""
        art = m.articles
        q = (
            select(art.c.article_id, art.c.minhash)
            .where(art.c.duplicate_of.is_(None), art.c.minhash.is_not(None))
            .order_by(art.c.seq)
        )
        with self.engine.connect() as conn:
            for row in conn.execute(q):
                yield row.article_id, bytes(row.minhash)
