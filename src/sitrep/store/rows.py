"""Conversions between typed records (``sitrep.records``) and database rows.

Writing splits an ``EventMention`` into a mention row plus actor, place, source and evidence rows;
reading puts them back together into an ``EventMention`` equal to the one written.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from typing import Any

from ..records import Actor, Article, Counts, EventMention, Evidence, Place, Source, TimeSpan, content_hash

__all__ = [
    "actor_id",
    "actor_row",
    "article_row",
    "counts_from_json",
    "counts_json",
    "mention_from_rows",
    "mention_row",
    "place_id",
    "place_row",
]


def clean(text: str | None) -> str | None:
    """Text a database can hold: PostgreSQL refuses NUL characters, so both backends drop them."""
    return text.replace("\x00", "") if text and "\x00" in text else text


def actor_id(actor: Actor) -> str:
    return content_hash("actor", actor.name, actor.type, actor.country)


def actor_row(actor: Actor) -> dict[str, Any]:
    return {
        "actor_id": actor_id(actor),
        "name": clean(actor.name),
        "type": actor.type,
        "country": actor.country,
    }


def place_id(place: Place) -> str:
    return content_hash(
        "place",
        place.name,
        place.country,
        place.admin1,
        repr(place.lat),
        repr(place.lon),
        str(place.precision),
        str(place.geonameid),
        place.feature,
    )


def place_row(place: Place) -> dict[str, Any]:
    return {
        "place_id": place_id(place),
        "name": clean(place.name),
        "country": place.country,
        "admin1": clean(place.admin1),
        "lat": place.lat,
        "lon": place.lon,
        "precision": place.precision,
        "geonameid": place.geonameid,
        "feature": place.feature,
    }


def article_row(article: Article, seq: int) -> dict[str, Any]:
    return {
        "article_id": article.article_id,
        "seq": seq,
        "url": clean(article.url),
        "publisher": clean(article.publisher),
        "published": article.published,
        "title": clean(article.title),
        "quoted_source": clean(article.quoted_source),
        "source_path": clean(article.source_path),
        "body_start": article.body_start,
        "quotes": json.dumps([list(q) for q in article.quotes]) if article.quotes else None,
        "text": clean(article.text) or "",
        "n_mentions": 0,
    }


def counts_json(counts: Counts) -> str:
    return json.dumps(dataclasses.asdict(counts), ensure_ascii=False)


def counts_from_json(value: str | None) -> Counts:
    return Counts(**json.loads(value)) if value else Counts()


def mention_row(mention: EventMention, event_id: str, ord_: int) -> dict[str, Any]:
    """The ``event_mentions`` row of a mention (actors and places by id)."""
    when, a1, a2, loc = mention.date, mention.actor1, mention.actor2, mention.location
    return {
        "mention_id": mention.mention_id,
        "event_id": event_id,
        "article_id": mention.article_id,
        "ord": ord_,
        "event_type": mention.event_type,
        "sub_event_type": mention.sub_event_type,
        "label": mention.label,
        "status": mention.status,
        "date_start": when.start if when else None,
        "date_end": when.end if when else None,
        "date_precision": when.precision if when else None,
        "date_text": clean(when.text) if when else None,
        "date_basis": when.basis if when else None,
        "actor1_id": actor_id(a1) if a1 else None,
        "actor1_text": clean(a1.text) if a1 else None,
        "actor1_start": a1.start if a1 else None,
        "actor1_end": a1.end if a1 else None,
        "actor2_id": actor_id(a2) if a2 else None,
        "actor2_text": clean(a2.text) if a2 else None,
        "actor2_start": a2.start if a2 else None,
        "actor2_end": a2.end if a2 else None,
        "place_id": place_id(loc) if loc else None,
        "location_text": clean(loc.text) if loc else None,
        "location_start": loc.start if loc else None,
        "location_end": loc.end if loc else None,
        "fatalities": counts_json(mention.fatalities),
        "injured": counts_json(mention.injured),
        "arrested": counts_json(mention.arrested),
        "abducted": counts_json(mention.abducted),
        "plover": json.dumps(mention.plover, ensure_ascii=False) if mention.plover is not None else None,
        "confidence": mention.confidence,
        "sentence_start": mention.sentence_start,
        "sentence_end": mention.sentence_end,
        "trigger": clean(mention.trigger),
    }


def _actor(row: Mapping[str, Any], key: str, actors: Mapping[str, Mapping[str, Any]]) -> Actor | None:
    ident = row[f"{key}_id"]
    if ident is None or ident not in actors:
        return None
    a = actors[ident]
    return Actor(
        name=a["name"],
        type=a["type"],
        country=a["country"],
        text=row[f"{key}_text"],
        start=row[f"{key}_start"],
        end=row[f"{key}_end"],
    )


def _place(row: Mapping[str, Any], places: Mapping[str, Mapping[str, Any]]) -> Place | None:
    ident = row["place_id"]
    if ident is None or ident not in places:
        return None
    p = places[ident]
    return Place(
        name=p["name"],
        lat=p["lat"],
        lon=p["lon"],
        country=p["country"],
        admin1=p["admin1"],
        precision=p["precision"],
        geonameid=p["geonameid"],
        feature=p["feature"],
        text=row["location_text"],
        start=row["location_start"],
        end=row["location_end"],
    )


def mention_from_rows(
    row: Mapping[str, Any],
    actors: Mapping[str, Mapping[str, Any]],
    places: Mapping[str, Mapping[str, Any]],
    sources: list[Mapping[str, Any]],
    evidence: list[Mapping[str, Any]],
) -> EventMention:
    """Rebuild the ``EventMention`` stored in ``row`` (sources and evidence in their stored order)."""
    when = None
    if row["date_start"] is not None:
        when = TimeSpan(
            start=row["date_start"],
            end=row["date_end"],
            precision=row["date_precision"],
            text=row["date_text"],
            basis=row["date_basis"] or "text",
        )
    return EventMention(
        article_id=row["article_id"],
        event_type=row["event_type"],
        sub_event_type=row["sub_event_type"],
        status=row["status"],
        date=when,
        actor1=_actor(row, "actor1", actors),
        actor2=_actor(row, "actor2", actors),
        location=_place(row, places),
        fatalities=counts_from_json(row["fatalities"]),
        sources=tuple(
            Source(
                article_id=s["article_id"],
                url=s["url"],
                publisher=s["publisher"],
                reported_by=s["reported_by"],
                speaker=s["speaker"],
            )
            for s in sources
        ),
        evidence=tuple(
            Evidence(
                article_id=e["article_id"], field=e["field"], start=e["start"], end=e["end"], text=e["text"]
            )
            for e in evidence
        ),
        confidence=row["confidence"],
        sentence_start=row["sentence_start"],
        sentence_end=row["sentence_end"],
        trigger=row["trigger"],
        injured=counts_from_json(row["injured"]),
        arrested=counts_from_json(row["arrested"]),
        abducted=counts_from_json(row["abducted"]),
        label=row["label"],
        plover=json.loads(row["plover"]) if row["plover"] is not None else None,
    )
