"""Cross-document event clustering: which stored event a new mention reports, and the event's summary.

A mention joins an existing event when all of these hold (thresholds in ``ClusterOptions``):

1. same ACLED sub-event type, and compatible status (``actual`` and ``claimed`` go together, any other
   status only with itself);
2. the event has no mention from the same article yet (one article reporting two strikes means two);
3. dates overlap or are at most ``day_gap`` days apart;
4. same GeoNames id, or coordinates at most ``distance_km`` apart (great-circle), or ``approximate_km``
   when either place is approximate (precision 2 or 3: "between X and Y", a district): two reports of one
   roadside bomb may place it "near Baidoa" and "between Baidoa and Bur Hakaba".

Among several candidates the nearest wins (then the closest in time, then the oldest). Mentions
without a date or a place start an event of their own.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, and_, exists, or_, select, text

from ..geo.distance import haversine_km
from ..records import EventMention
from . import models as m
from .rows import counts_from_json

__all__ = ["ClusterOptions", "find_event", "haversine_km", "summarise"]

_KM_PER_DEGREE = 111.32


@dataclass(frozen=True)
class ClusterOptions:
    """Thresholds for merging mentions of the same event from different articles."""

    #: False keeps every mention an event of its own (for tests and per-article exports).
    enabled: bool = True
    distance_km: float = 25.0
    #: The distance allowed when either place is approximate (precision 2 or 3).
    approximate_km: float = 50.0
    day_gap: int = 1
    #: Statuses that may share an event; any status not listed only matches itself.
    compatible_statuses: tuple[tuple[str, ...], ...] = (("actual", "claimed"),)

    def statuses_like(self, status: str) -> tuple[str, ...]:
        for group in self.compatible_statuses:
            if status in group:
                return group
        return (status,)


def find_event(
    conn: Connection, mention: EventMention, options: ClusterOptions, *, geography: bool = False
) -> str | None:
    """The id of the stored event ``mention`` reports, or None when it is a new event."""
    when, place = mention.date, mention.location
    if not options.enabled or when is None or place is None:
        return None
    ev = m.events
    lo, hi = when.start - timedelta(days=options.day_gap), when.end + timedelta(days=options.day_gap)
    same_article = exists().where(
        and_(
            m.event_mentions.c.event_id == ev.c.event_id, m.event_mentions.c.article_id == mention.article_id
        )
    )
    widest = max(options.distance_km, options.approximate_km)
    dlat = widest / _KM_PER_DEGREE
    cos_lat = max(math.cos(math.radians(place.lat)), 0.01)
    dlon = min(180.0, widest / (_KM_PER_DEGREE * cos_lat))
    if geography:
        # PostGIS prefilter (a little wider than the threshold; the exact test is below, in Python,
        # so both backends decide the same way).
        near = text(
            "ST_DWithin(events.geog, ST_SetSRID(ST_MakePoint(:plon, :plat), 4326)::geography, :radius)"
        ).bindparams(plon=place.lon, plat=place.lat, radius=widest * 1000 * 1.01)
    else:
        near = and_(
            ev.c.lat.between(place.lat - dlat, place.lat + dlat),
            ev.c.lon.between(place.lon - dlon, place.lon + dlon),
        )
    where = [
        ev.c.sub_event_type == mention.sub_event_type,
        ev.c.status.in_(options.statuses_like(mention.status)),
        ev.c.date_start <= hi,
        ev.c.date_end >= lo,
        ~same_article,
    ]
    if place.geonameid is not None:
        where.append(or_(ev.c.geonameid == place.geonameid, near))
    else:
        where.append(near)
    query = select(
        ev.c.event_id,
        ev.c.seq,
        ev.c.lat,
        ev.c.lon,
        ev.c.geonameid,
        ev.c.date_start,
        ev.c.date_end,
        m.places.c.precision,
    ).select_from(ev.outerjoin(m.places, m.places.c.place_id == ev.c.place_id))
    best: tuple[float, int, int, str] | None = None
    for row in conn.execute(query.where(*where)):
        same_place = place.geonameid is not None and row.geonameid == place.geonameid
        dist = 0.0 if same_place else haversine_km(place.lat, place.lon, row.lat, row.lon)
        approximate = place.precision >= 2 or (row.precision or 1) >= 2
        if dist > (options.approximate_km if approximate else options.distance_km):
            continue
        gap = max((row.date_start - when.end).days, (when.start - row.date_end).days, 0)
        key = (dist, gap, row.seq, row.event_id)
        if best is None or key < best:
            best = key
    return best[3] if best else None


def _rep_key(row: Mapping[str, Any]) -> tuple[int, float, int, int]:
    """Sort key of the representative mention: dated from the text, most confident, earliest."""
    return (0 if row["date_basis"] == "text" else 1, -row["confidence"], row["article_seq"], row["ord"])


def summarise(
    event_id: str, seq: int, rows: Sequence[Mapping[str, Any]], places: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """The ``events`` row for the mention rows of one event (each with its article's ``article_seq``)."""
    rep = min(rows, key=_rep_key)
    place = places.get(rep["place_id"]) if rep["place_id"] else None
    fatal = [(counts_from_json(r["fatalities"]), r) for r in rows]
    if len(rows) == 1:
        f = fatal[0][0]
        best, low, high, ftext = f.best, f.low, f.high, f.text
        confidence = rep["confidence"]
    else:
        # ACLED's convention: the most conservative figure reported.
        known = [(c.best, c.text) for c, _ in fatal if c.best is not None]
        best, ftext = min(known, key=lambda x: x[0]) if known else (None, None)
        lows = [c.low for c, _ in fatal if c.low is not None]
        highs = [c.high for c, _ in fatal if c.high is not None]
        low, high = (min(lows) if lows else None), (max(highs) if highs else None)
        miss = 1.0
        for r in rows:
            miss *= 1.0 - min(max(r["confidence"], 0.0), 1.0)
        confidence = 1.0 - miss
    return {
        "event_id": event_id,
        "seq": seq,
        "rep_mention_id": rep["mention_id"],
        "event_type": rep["event_type"],
        "sub_event_type": rep["sub_event_type"],
        "status": rep["status"],
        "date_start": rep["date_start"],
        "date_end": rep["date_end"],
        "date_precision": rep["date_precision"],
        "date_basis": rep["date_basis"],
        "place_id": rep["place_id"],
        "geonameid": place["geonameid"] if place else None,
        "lat": place["lat"] if place else None,
        "lon": place["lon"] if place else None,
        "country": place["country"] if place else None,
        "actor1_id": rep["actor1_id"],
        "actor2_id": rep["actor2_id"],
        "fatalities_best": best,
        "fatalities_low": low,
        "fatalities_high": high,
        "fatalities_text": ftext,
        "confidence": confidence,
        "n_mentions": len(rows),
        "n_sources": len({r["article_id"] for r in rows}),
    }
