"""Event listings as JSON, GeoJSON or CSV, chosen by the ``format`` parameter or the Accept header."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

from ..records import record_get
from .errors import ApiError

__all__ = ["CSV_COLUMNS", "FORMATS", "MEDIA_TYPES", "choose_format", "to_csv", "to_feature", "to_geojson"]

FORMATS = ("json", "geojson", "csv")
MEDIA_TYPES = {
    "json": "application/json",
    "geojson": "application/geo+json",
    "csv": "text/csv; charset=utf-8",
}
_ACCEPT = {
    "application/json": "json",
    "application/geo+json": "geojson",
    "application/vnd.geo+json": "geojson",
    "text/csv": "csv",
}

#: One row per event, in ACLED's spirit (event_date, latitude, longitude, geo_precision, ...).
CSV_COLUMNS = (
    "event_id",
    "event_date",
    "date_end",
    "date_precision",
    "event_type",
    "sub_event_type",
    "status",
    "actor1",
    "actor1_type",
    "actor1_country",
    "actor2",
    "actor2_type",
    "actor2_country",
    "location",
    "admin1",
    "country",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "confidence",
    "n_sources",
    "publishers",
    "urls",
)


def choose_format(format_param: str | None, accept: str | None) -> str:
    """``json`` | ``geojson`` | ``csv``: the parameter wins, then the first known Accept type, then JSON."""
    if format_param:
        fmt = format_param.lower()
        if fmt not in FORMATS:
            raise ApiError(422, f"format must be one of {', '.join(FORMATS)}", "invalid_parameter")
        return fmt
    if not accept:
        return "json"
    ranked = []
    for i, part in enumerate(accept.split(",")):
        media, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranked.append((-q, i, media.strip().lower()))
    for _q, _i, media in sorted(ranked):
        if media in _ACCEPT:
            return _ACCEPT[media]
    return "json"


def to_feature(record: Mapping[str, Any]) -> dict[str, Any]:
    """A GeoJSON Feature: the event record as properties, a Point when it has coordinates."""
    lat, lon = record_get(record, "location", "lat"), record_get(record, "location", "lon")
    geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
    properties = {k: v for k, v in record.items() if k != "evidence"}
    return {"type": "Feature", "id": record.get("event_id"), "geometry": geometry, "properties": properties}


def to_geojson(records: Iterable[Mapping[str, Any]], **members: Any) -> dict[str, Any]:
    """A FeatureCollection; ``members`` (count, next, ...) are added as foreign members."""
    return {"type": "FeatureCollection", "features": [to_feature(r) for r in records], **members}


def _row(record: Mapping[str, Any]) -> dict[str, Any]:
    sources = record.get("sources") or []
    return {
        "event_id": record.get("event_id"),
        "event_date": record_get(record, "date", "start"),
        "date_end": record_get(record, "date", "end"),
        "date_precision": record_get(record, "date", "precision"),
        "event_type": record.get("event_type"),
        "sub_event_type": record.get("sub_event_type"),
        "status": record.get("status"),
        "actor1": record_get(record, "actor1", "name"),
        "actor1_type": record_get(record, "actor1", "type"),
        "actor1_country": record_get(record, "actor1", "country"),
        "actor2": record_get(record, "actor2", "name"),
        "actor2_type": record_get(record, "actor2", "type"),
        "actor2_country": record_get(record, "actor2", "country"),
        "location": record_get(record, "location", "name"),
        "admin1": record_get(record, "location", "admin1"),
        "country": record_get(record, "location", "country"),
        "latitude": record_get(record, "location", "lat"),
        "longitude": record_get(record, "location", "lon"),
        "geo_precision": record_get(record, "location", "precision"),
        "fatalities": record_get(record, "fatalities", "best"),
        "confidence": record.get("confidence"),
        "n_sources": record.get("n_sources", len(sources)),
        "publishers": "; ".join(
            dict.fromkeys(s.get("publisher") or "" for s in sources if s.get("publisher"))
        ),
        "urls": " ".join(dict.fromkeys(s.get("url") or "" for s in sources if s.get("url"))),
    }


def _safe_cell(value: Any) -> Any:
    """Keep spreadsheet programs from reading a cell as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(records: Iterable[Mapping[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({k: _safe_cell(v) for k, v in _row(record).items()})
    return out.getvalue()
