"""Typed records that cross every boundary below the NLP stage.

Nothing below the NLP stage sees a spaCy object: the events component (``sitrep.nlp.events``) builds
``EventMention`` records once, at the end of the pipeline, and the store, exports, API and evaluation
work on these only.

The field names follow the event record contract of DESIGN.md; ``EventMention.to_record()`` produces
exactly that JSON shape.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

__all__ = [
    "ACTOR_TYPES",
    "STATUSES",
    "Actor",
    "Article",
    "Counts",
    "EventMention",
    "Evidence",
    "Place",
    "Source",
    "TimeSpan",
    "content_hash",
    "record_get",
]

#: ACLED actor types (the ``inter`` codes 1..8 in that order).
ACTOR_TYPES = (
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
)

#: Event statuses; only ``actual`` (and ``claimed``) events count as current.
STATUSES = ("actual", "historical", "planned", "hypothetical", "negated", "claimed")


def content_hash(*parts: str | None, length: int = 16) -> str:
    """A deterministic id from content: the same parts always give the same id."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update((part or "").encode("utf-8"))
        digest.update(b"\x1f")
    return digest.hexdigest()[:length]


def record_get(record: Mapping[str, Any], *path: str) -> Any:
    """A value inside an event record ("location", "lat"); None where any step is missing."""
    value: Any = record
    for key in path:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


@dataclass(frozen=True)
class Article:
    """One news article as read from a source, before any NLP."""

    text: str
    url: str | None = None
    publisher: str | None = None
    published: date | None = None
    title: str | None = None
    quoted_source: str | None = None
    source_path: str | None = None
    #: Character offset where the article body starts inside ``text`` (after a title line, say).
    body_start: int = 0
    #: Quoted passages marked up by the source (HTML blockquotes): (start, end) character offsets.
    quotes: tuple[tuple[int, int], ...] = ()

    def __post_init__(self) -> None:
        # One boundary for every source: NUL characters go before ids and offsets are computed
        # (PostgreSQL refuses them), and metadata is text whatever type a JSON or CSV file gave it.
        for name in ("text", "url", "publisher", "title", "quoted_source", "source_path"):
            value = getattr(self, name)
            if value is None:
                continue
            if not isinstance(value, str):
                value = str(value)
            if "\x00" in value:
                value = value.replace("\x00", "")
            object.__setattr__(self, name, value)

    @property
    def article_id(self) -> str:
        """Content identity: the same text is the same article wherever it came from."""
        return content_hash(" ".join(self.text.split()))

    def with_overrides(self, *, published: date | None = None, publisher: str | None = None) -> Article:
        changes: dict[str, Any] = {}
        if published is not None:
            changes["published"] = published
        if publisher is not None:
            changes["publisher"] = publisher
        return dataclasses.replace(self, **changes) if changes else self


@dataclass(frozen=True)
class TimeSpan:
    """When an event happened: a window [start, end] with a precision."""

    start: date
    end: date
    #: day | week | month | season | quarter | year (DESIGN.md lists four; issue 5 adds season, quarter)
    precision: str
    text: str | None = None
    #: "text" when read from the event's own sentence, "context" when from an earlier sentence of the
    #: story (the day it is telling), "reported" when the publication date stands in.
    basis: str = "text"

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "precision": self.precision,
            "text": self.text,
            "basis": self.basis,
        }


@dataclass(frozen=True)
class Place:
    """A resolved location."""

    name: str
    lat: float
    lon: float
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    precision: int = 1  # ACLED geo precision 1..3
    geonameid: int | None = None
    feature: str | None = None  # city | admin1 | admin2 | country | airport | region
    text: str | None = None
    start: int | None = None  # character offsets of ``text`` in the article
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
            "geonameid": self.geonameid,
            "feature": self.feature,
            "text": self.text,
        }


@dataclass(frozen=True)
class Actor:
    """An actor in ACLED's style: canonical name, ACLED actor type, country (ISO 3166-1 alpha-3)."""

    name: str
    type: str | None = None
    country: str | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "country": self.country, "text": self.text}


@dataclass(frozen=True)
class Counts:
    """A reported number of people (killed, injured, ...): best estimate with its range."""

    best: int | None = None
    low: int | None = None
    high: int | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"best": self.best, "low": self.low, "high": self.high, "text": self.text}


@dataclass(frozen=True)
class Source:
    article_id: str
    url: str | None = None
    publisher: str | None = None
    reported_by: str | None = None
    #: Who the article says made the claim ("AFRICOM said in a statement that ..."), when not the outlet.
    speaker: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Evidence:
    """The text span a field's value came from: character offsets into the article text."""

    article_id: str
    field: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class EventMention:
    """One event as reported in one article."""

    article_id: str
    event_type: str
    sub_event_type: str
    status: str
    date: TimeSpan | None
    actor1: Actor | None
    actor2: Actor | None
    location: Place | None
    fatalities: Counts
    sources: tuple[Source, ...]
    evidence: tuple[Evidence, ...]
    confidence: float
    #: Character offsets of the sentence the mention came from.
    sentence_start: int = 0
    sentence_end: int = 0
    trigger: str | None = None
    injured: Counts = field(default_factory=Counts)
    arrested: Counts = field(default_factory=Counts)
    abducted: Counts = field(default_factory=Counts)
    #: CASE 2021 label, which also names the five classes outside ACLED (NATURAL_DISASTER, ...).
    label: str | None = None
    plover: dict[str, Any] | None = None

    @property
    def mention_id(self) -> str:
        return content_hash(self.article_id, str(self.sentence_start), self.trigger, self.sub_event_type)

    @property
    def event_id(self) -> str:
        """Stable id of the mention's event before cross-document clustering."""
        return self.mention_id

    def to_record(self) -> dict[str, Any]:
        """The event record of DESIGN.md."""
        return {
            "event_id": self.event_id,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "label": self.label,
            "plover": self.plover,
            "status": self.status,
            "date": self.date.to_dict() if self.date else None,
            "actor1": self.actor1.to_dict() if self.actor1 else None,
            "actor2": self.actor2.to_dict() if self.actor2 else None,
            "location": self.location.to_dict() if self.location else None,
            "fatalities": self.fatalities.to_dict(),
            "injured": self.injured.to_dict(),
            "arrested": self.arrested.to_dict(),
            "abducted": self.abducted.to_dict(),
            "sources": [s.to_dict() for s in self.sources],
            "evidence": [e.to_dict() for e in self.evidence],
            "confidence": round(self.confidence, 3),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_record(), ensure_ascii=False)
