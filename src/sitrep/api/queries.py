"""Reading the store for the API: the full filter set, keyset (cursor) pagination, sorting, statistics.

Built on ``sitrep.store`` (``apply_filter`` and ``event_records``) and its SQLAlchemy tables; it adds
what the API needs beyond ``Store.events``: filters on the province (``admin1``), on the event type and
the sub-event type separately, and on a minimum confidence; sorting by date, confidence or fatalities
either way; opaque cursors that resume a listing exactly where the previous page stopped; timeseries
grouped by actor; and the facet counts that fill the dashboard's filter lists.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from typing import Annotated, Any

from pydantic import BeforeValidator
from sqlalchemy import and_, exists, func, or_, select, union_all

from ..store import EventFilter, Store
from ..store import models as m
from ..store.query import apply_filter, event_records
from .errors import ApiError

__all__ = [
    "SORTS",
    "Day",
    "TIMESERIES_GROUPS",
    "EventQuery",
    "count_events",
    "decode_cursor",
    "facets",
    "page_events",
    "timeseries",
]

#: Sort keys: a column, "-" in front for descending. Ties are broken by ingestion order.
SORTS = ("date", "-date", "confidence", "-confidence", "fatalities", "-fatalities")
#: What ``timeseries`` can group by.
TIMESERIES_GROUPS = ("event_type", "sub_event_type", "country", "status", "actor")

_SORT_COLUMNS = {"date": "date_start", "confidence": "confidence", "fatalities": "fatalities_best"}


def _iso_day(value: Any) -> Any:
    """Only ``YYYY-MM-DD`` names a day in the API (pydantic alone would read ``0`` as 1970-01-01)."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise ValueError("use a date as YYYY-MM-DD")
    if isinstance(value, int | float):
        raise ValueError("use a date as YYYY-MM-DD")
    return value


#: A day as the API accepts it: an ISO ``YYYY-MM-DD`` string.
Day = Annotated[date, BeforeValidator(_iso_day)]


def _split(value: str | None) -> list[str]:
    return [v.strip().lower() for v in (value or "").split(",") if v.strip()]


@dataclass(frozen=True)
class EventQuery:
    """The API's event filters (all optional; every given one must hold)."""

    since: date | None = None
    until: date | None = None
    bbox: tuple[float, float, float, float] | None = None
    country: str | None = None
    admin1: str | None = None
    actor: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    status: str | None = None
    text: str | None = None
    min_confidence: float | None = None

    def store_filter(self) -> EventFilter:
        """The part of the query that ``sitrep.store.EventFilter`` expresses."""
        return EventFilter(
            since=self.since,
            until=self.until,
            country=self.country or None,
            bbox=self.bbox,
            actor=self.actor or None,
            status=self.status or None,
            text=self.text or None,
        )

    def fingerprint(self) -> str:
        """A short hash of the filters, carried in cursors so a cursor is only used with its own filters."""
        blob = json.dumps(asdict(self), sort_keys=True, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()[:12]

    def select(self, *columns: Any) -> Any:
        """``SELECT columns FROM events WHERE <all filters>`` (unordered, unpaged)."""
        ev = m.events
        query = apply_filter(select(*columns) if columns else select(ev), self.store_filter()).order_by(None)
        where = []
        if self.event_type:
            where.append(func.lower(ev.c.event_type).in_(_split(self.event_type)))
        if self.sub_event_type:
            where.append(func.lower(ev.c.sub_event_type).in_(_split(self.sub_event_type)))
        if self.admin1:
            pl = m.places
            where.append(
                exists().where(
                    pl.c.place_id == ev.c.place_id, func.lower(pl.c.admin1).in_(_split(self.admin1))
                )
            )
        if self.min_confidence is not None:
            where.append(ev.c.confidence >= self.min_confidence)
        return query.where(*where) if where else query


# -- cursors ------------------------------------------------------------------------------------------------
def _encode_cursor(payload: dict[str, Any]) -> str:
    raw = json.dumps(payload, separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, query: EventQuery, sort: str) -> dict[str, Any]:
    """The position a cursor stands for; ApiError 400 when it is malformed or made for other filters."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(raw)
        if not isinstance(payload, dict) or not isinstance(payload.get("q"), int):
            raise ValueError("not a cursor")
        if payload.get("n") not in (0, 1):
            raise ValueError("not a cursor")
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(
            400, "cursor is not valid; use the 'next' link of the previous page", "invalid_cursor"
        ) from exc
    if payload.get("f") != query.fingerprint() or payload.get("s") != sort:
        raise ApiError(
            400,
            "cursor was made for other filters or another sort; start again without a cursor",
            "invalid_cursor",
        )
    value = payload.get("v")
    try:
        if payload["n"] == 0 and sort.lstrip("-") == "date":
            payload["v"] = date.fromisoformat(str(value))
        elif payload["n"] == 0 and not isinstance(value, int | float):
            raise ValueError("bad value")
    except ValueError as exc:
        raise ApiError(
            400, "cursor is not valid; use the 'next' link of the previous page", "invalid_cursor"
        ) from exc
    return payload


def _after(position: dict[str, Any], column: Any, descending: bool) -> Any:
    seq = m.events.c.seq
    later_seq = seq < position["q"] if descending else seq > position["q"]
    if position["n"] == 1:
        return and_(column.is_(None), later_seq)
    value = position["v"]
    beyond = column < value if descending else column > value
    return or_(column.is_(None), beyond, and_(column == value, later_seq))


# -- listing ------------------------------------------------------------------------------------------------
def page_events(
    store: Store, query: EventQuery, *, sort: str = "date", limit: int = 100, cursor: str | None = None
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of event records and the cursor of the next page (None on the last page)."""
    if sort not in SORTS:
        raise ApiError(422, f"sort must be one of {', '.join(SORTS)}", "invalid_parameter")
    descending = sort.startswith("-")
    column = m.events.c[_SORT_COLUMNS[sort.lstrip("-")]]
    seq = m.events.c.seq
    stmt = query.select()
    if cursor:
        stmt = stmt.where(_after(decode_cursor(cursor, query, sort), column, descending))
    stmt = stmt.order_by(
        column.is_(None), column.desc() if descending else column, seq.desc() if descending else seq
    ).limit(limit + 1)
    with store.engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(stmt).mappings()]
        more = len(rows) > limit
        rows = rows[:limit]
        records = event_records(conn, rows)
    next_cursor = None
    if more and rows:
        last = rows[-1]
        value = last[column.name]
        next_cursor = _encode_cursor(
            {
                "s": sort,
                "f": query.fingerprint(),
                "q": last["seq"],
                "n": 1 if value is None else 0,
                "v": value.isoformat() if isinstance(value, date) else value,
            }
        )
    return records, next_cursor


def count_events(store: Store, query: EventQuery) -> int:
    sub = query.select(m.events.c.event_id).subquery()
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(sub)).scalar_one())


# -- statistics ---------------------------------------------------------------------------------------------
def timeseries(
    store: Store, query: EventQuery, *, interval: str = "day", by: str | None = None
) -> list[dict[str, Any]]:
    """Event counts and fatalities per day or ISO week (Monday), optionally per group.

    ``by="actor"`` counts an event once for each of its actors (actor 1 and actor 2). Rows are
    ``{"period", "key", "events", "fatalities"}`` sorted by period then key; undated events are left out.
    """
    ev = m.events
    if by == "actor":
        ac = m.actors
        filtered = query.select(
            ev.c.event_id, ev.c.date_start, ev.c.fatalities_best, ev.c.actor1_id, ev.c.actor2_id
        )
        sub = filtered.subquery()
        pairs = union_all(
            select(sub.c.date_start, sub.c.fatalities_best, sub.c.actor1_id.label("aid")).where(
                sub.c.actor1_id.is_not(None)
            ),
            select(sub.c.date_start, sub.c.fatalities_best, sub.c.actor2_id.label("aid")).where(
                sub.c.actor2_id.is_not(None),
                or_(sub.c.actor1_id.is_(None), sub.c.actor2_id != sub.c.actor1_id),
            ),
        ).subquery()
        stmt = select(pairs.c.date_start, pairs.c.fatalities_best, ac.c.name).join(
            ac, ac.c.actor_id == pairs.c.aid
        )
    elif by:
        stmt = query.select(ev.c.date_start, ev.c.fatalities_best, ev.c[by])
    else:
        stmt = query.select(ev.c.date_start, ev.c.fatalities_best)
    n_events: Counter[tuple[str, Any]] = Counter()
    deaths: dict[tuple[str, Any], int] = defaultdict(int)
    with store.engine.connect() as conn:
        for row in conn.execute(stmt):
            if row[0] is None:
                continue
            day: date = row[0]
            if interval == "week":
                day = day - timedelta(days=day.weekday())
            key = (day.isoformat(), row[2] if by else None)
            n_events[key] += 1
            deaths[key] += row[1] or 0
    return [
        {"period": p, "key": k, "events": n_events[(p, k)], "fatalities": deaths[(p, k)]}
        for p, k in sorted(n_events, key=lambda x: (x[0], "" if x[1] is None else str(x[1])))
    ]


def facets(store: Store, query: EventQuery | None = None) -> dict[str, Any]:
    """Counts of the values each filter can take, the date range and the total, for ``query``'s events."""
    query = query or EventQuery()
    ev, pl = m.events, m.places
    sub = query.select(
        ev.c.event_id,
        ev.c.event_type,
        ev.c.sub_event_type,
        ev.c.status,
        ev.c.country,
        ev.c.place_id,
        ev.c.date_start,
        ev.c.date_end,
    ).subquery()
    out: dict[str, Any] = {}
    with store.engine.connect() as conn:
        for name in ("event_type", "sub_event_type", "status", "country"):
            col = sub.c[name]
            rows = conn.execute(
                select(col, func.count())
                .where(col.is_not(None))
                .group_by(col)
                .order_by(func.count().desc(), col)
            )
            out[name] = [{"value": v, "events": n} for v, n in rows]
        rows = conn.execute(
            select(pl.c.country, pl.c.admin1, func.count())
            .select_from(sub.join(pl, pl.c.place_id == sub.c.place_id))
            .where(pl.c.admin1.is_not(None))
            .group_by(pl.c.country, pl.c.admin1)
            .order_by(func.count().desc(), pl.c.admin1)
        )
        out["admin1"] = [{"value": a, "country": c, "events": n} for c, a, n in rows]
        first, last, total = conn.execute(
            select(func.min(sub.c.date_start), func.max(sub.c.date_end), func.count())
        ).one()
    out["date_range"] = {
        "start": first.isoformat() if first else None,
        "end": last.isoformat() if last else None,
    }
    out["total"] = int(total)
    return out


def without_dates(query: EventQuery) -> EventQuery:
    """The same query over all dates (the timeline shows the whole range while a brush narrows the map)."""
    return replace(query, since=None, until=None)
