"""The read-only endpoints: events, one event, one article, actors, statistics and alerts."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from ..alerts import AlertOptions, find_alerts, load_records
from ..store import Store
from . import queries
from .errors import ApiError, ErrorResponse
from .formats import MEDIA_TYPES, choose_format, to_csv, to_geojson
from .queries import Day, EventQuery

__all__ = ["MAX_PAGE", "router"]

#: Largest page of events (and of actors, alerts) one request returns.
MAX_PAGE = 500

router = APIRouter()

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "Bad cursor or parameter"},
    422: {"model": ErrorResponse, "description": "Invalid parameter"},
    500: {"model": ErrorResponse, "description": "Server error"},
}
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    **_ERRORS,
    404: {"model": ErrorResponse, "description": "Not found"},
}

_NUM = r"\s*-?\d+(\.\d+)?\s*"
_BBOX = f"^{_NUM},{_NUM},{_NUM},{_NUM}$"


def get_store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


StoreDep = Annotated[Store, Depends(get_store)]


def _clean(value: str | None) -> str | None:
    """Filter text without NUL characters (no database stores them) and outer spaces; None when empty."""
    if value is None:
        return None
    value = value.replace("\x00", "").strip()
    return value or None


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        parts = tuple(float(p) for p in value.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4 or any(p != p for p in parts):
        raise ApiError(422, "bbox must be four numbers: min_lon,min_lat,max_lon,max_lat", "invalid_parameter")
    min_lon, min_lat, max_lon, max_lat = parts
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise ApiError(
            422,
            "bbox must satisfy -180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90",
            "invalid_parameter",
        )
    return min_lon, min_lat, max_lon, max_lat


def event_query(
    since: Annotated[
        Day | None, Query(description="Events whose date window ends on or after this day")
    ] = None,
    until: Annotated[
        Day | None, Query(description="Events whose date window starts on or before this day")
    ] = None,
    bbox: Annotated[
        str | None, Query(max_length=200, pattern=_BBOX, description="min_lon,min_lat,max_lon,max_lat")
    ] = None,
    country: Annotated[
        str | None, Query(max_length=300, description="ISO alpha-2 or alpha-3, comma-separated")
    ] = None,
    admin1: Annotated[
        str | None, Query(max_length=300, description="Province names, comma-separated")
    ] = None,
    actor: Annotated[str | None, Query(max_length=300, description="Part of an actor's name")] = None,
    event_type: Annotated[
        str | None, Query(max_length=300, description="ACLED event types, comma-separated")
    ] = None,
    sub_event_type: Annotated[
        str | None, Query(max_length=300, description="Sub-event types, comma-separated")
    ] = None,
    status: Annotated[
        str | None, Query(max_length=300, description="actual, historical, planned, ...")
    ] = None,
    q: Annotated[
        str | None, Query(max_length=300, description="Text in evidence, place or actor names")
    ] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
) -> EventQuery:
    """The event filters every listing and statistic accepts."""
    return EventQuery(
        since=since,
        until=until,
        bbox=_bbox(bbox),
        country=_clean(country),
        admin1=_clean(admin1),
        actor=_clean(actor),
        event_type=_clean(event_type),
        sub_event_type=_clean(sub_event_type),
        status=_clean(status),
        text=_clean(q),
        min_confidence=min_confidence,
    )


QueryDep = Annotated[EventQuery, Depends(event_query)]


def _next_link(request: Request, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "cursor"]
    return f"{request.url.path}?{urlencode(params + [('cursor', cursor)])}"


class EventPage(BaseModel):
    events: list[dict[str, Any]]
    count: int = Field(description="Events matching the filters, over all pages")
    limit: int
    sort: str
    next_cursor: str | None
    next: str | None = Field(description="Path and query of the next page, or null on the last page")


@router.get(
    "/events",
    response_model=EventPage,
    responses={
        **_ERRORS,
        200: {"content": {"application/geo+json": {}, "text/csv": {}}, "description": "A page of events"},
    },
    summary="List events (JSON, GeoJSON or CSV)",
)
def list_events(
    request: Request,
    store: StoreDep,
    query: QueryDep,
    sort: Annotated[Literal[queries.SORTS], Query()] = "date",  # type: ignore[valid-type]
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    cursor: Annotated[str | None, Query(max_length=1000)] = None,
    format: Annotated[Literal["json", "geojson", "csv"] | None, Query()] = None,
) -> Any:
    """Events matching the filters, one page at a time: follow ``next`` (or the ``Link`` header)."""
    fmt = choose_format(format, request.headers.get("accept"))
    records, next_cursor = queries.page_events(store, query, sort=sort, limit=limit, cursor=cursor)
    count = queries.count_events(store, query)
    link = _next_link(request, next_cursor)
    headers = {"X-Total-Count": str(count)}
    if link:
        headers["Link"] = f'<{link}>; rel="next"'
    if fmt == "csv":
        return Response(to_csv(records), media_type=MEDIA_TYPES["csv"], headers=headers)
    if fmt == "geojson":
        body = to_geojson(records, count=count, limit=limit, sort=sort, next_cursor=next_cursor, next=link)
        return JSONResponse(body, media_type=MEDIA_TYPES["geojson"], headers=headers)
    page = {
        "events": records,
        "count": count,
        "limit": limit,
        "sort": sort,
        "next_cursor": next_cursor,
        "next": link,
    }
    return JSONResponse(page, headers=headers)


@router.get(
    "/events/{event_id}", responses=_NOT_FOUND, summary="One event with every source and evidence span"
)
def get_event(store: StoreDep, event_id: Annotated[str, Path(max_length=100)]) -> dict[str, Any]:
    record = store.get_event(event_id)
    if record is None:
        raise ApiError(404, f"no event with id {event_id!r}; list events at /events")
    record["links"] = {
        "articles": [f"/articles/{a}" for a in dict.fromkeys(s["article_id"] for s in record["sources"])]
    }
    return record


@router.get(
    "/articles/{article_id}", responses=_NOT_FOUND, summary="An article's text and each event's spans"
)
def get_article(store: StoreDep, article_id: Annotated[str, Path(max_length=100)]) -> dict[str, Any]:
    record = store.get_article(article_id)
    if record is None:
        raise ApiError(404, f"no article with id {article_id!r}")
    return record


@router.get("/actors", responses=_ERRORS, summary="Actors with their number of events")
def list_actors(
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=300, description="Part of the name")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
) -> dict[str, Any]:
    return {"actors": store.actors(_clean(q), limit)}


@router.get("/stats/timeseries", responses=_ERRORS, summary="Event counts per day or week, by group")
def stats_timeseries(
    store: StoreDep,
    query: QueryDep,
    interval: Annotated[Literal["day", "week"], Query()] = "day",
    by: Annotated[Literal[queries.TIMESERIES_GROUPS] | None, Query()] = None,  # type: ignore[valid-type]
) -> dict[str, Any]:
    """Counts (and fatalities) of the events matching the filters, per period and group."""
    series = queries.timeseries(store, query, interval=interval, by=by)
    return {"interval": interval, "by": by, "series": series}


@router.get("/stats/facets", responses=_ERRORS, summary="Values each filter can take, with counts")
def stats_facets(store: StoreDep, query: QueryDep) -> dict[str, Any]:
    """Event types, sub-event types, statuses, countries and provinces of the matching events."""
    return queries.facets(store, query)


@router.get("/alerts", responses=_ERRORS, summary="First events in N months and weekly spikes")
def list_alerts(
    store: StoreDep,
    since: Annotated[Day | None, Query(description="Only alerts dated on or after this day")] = None,
    kind: Annotated[Literal["first_in_months", "spike"] | None, Query()] = None,
    country: Annotated[str | None, Query(max_length=100)] = None,
    min_gap_days: Annotated[int, Query(ge=1, le=36500)] = AlertOptions.min_gap_days,
    baseline_weeks: Annotated[int, Query(ge=1, le=520)] = AlertOptions.baseline_weeks,
    p_value: Annotated[float, Query(gt=0, lt=1)] = AlertOptions.p_value,
    min_count: Annotated[int, Query(ge=1, le=1_000_000)] = AlertOptions.min_count,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
) -> dict[str, Any]:
    """Alerts, newest first; the rules and their parameters are described in ``sitrep.alerts``."""
    options = AlertOptions(
        min_gap_days=min_gap_days,
        baseline_weeks=baseline_weeks,
        p_value=p_value,
        min_count=min_count,
        since=since,
        kinds=(kind,) if kind else AlertOptions.kinds,
    )
    alerts = find_alerts(load_records(store), options)
    wanted = _clean(country)
    if wanted:
        from ..store.query import to_alpha2

        codes = {to_alpha2(c) for c in wanted.split(",") if c.strip()}
        alerts = [a for a in alerts if a["key"].get("country") in codes]
    rules = {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(options).items()}
    rules["since"] = since.isoformat() if since else None
    return {"alerts": alerts[:limit], "count": len(alerts), "rules": rules}
