"""GET /events: every filter, cursor pages, sorting, JSON / GeoJSON / CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import pytest

from .builders import EXPECTED
from .conftest import Client


def _loc(record: dict[str, Any], key: str) -> Any:
    return (record.get("location") or {}).get(key)


def _names(record: dict[str, Any]) -> list[str]:
    return [a["name"].lower() for a in (record.get("actor1"), record.get("actor2")) if a]


def _start(record: dict[str, Any]) -> str | None:
    return (record.get("date") or {}).get("start")


def _end(record: dict[str, Any]) -> str | None:
    return (record.get("date") or {}).get("end")


FILTERS: list[tuple[dict[str, Any], Callable[[dict[str, Any]], bool], int]] = [
    ({"since": "2017-09-01"}, lambda r: bool(_end(r)) and _end(r) >= "2017-09-01", 10),
    ({"until": "2017-06-30"}, lambda r: bool(_start(r)) and _start(r) <= "2017-06-30", 3),
    (
        {"since": "2017-09-18", "until": "2017-09-20"},
        lambda r: bool(_start(r)) and "2017-09-18" <= _start(r) <= "2017-09-20",
        3,
    ),
    ({"bbox": "9,19,26,34"}, lambda r: _loc(r, "country") == "LY", 5),
    ({"country": "IQ"}, lambda r: _loc(r, "country") == "IQ", 6),
    ({"country": "IRQ"}, lambda r: _loc(r, "country") == "IQ", 6),
    ({"country": "LY,NG"}, lambda r: _loc(r, "country") in ("LY", "NG"), 6),
    ({"admin1": "Anbar"}, lambda r: _loc(r, "admin1") == "Anbar", 2),
    ({"admin1": "anbar,salah ad din"}, lambda r: _loc(r, "admin1") in ("Anbar", "Salah ad Din"), 4),
    ({"actor": "united states"}, lambda r: "military forces of the united states" in _names(r), 2),
    ({"event_type": "Battles"}, lambda r: r["event_type"] == "Battles", 7),
    ({"sub_event_type": "armed clash"}, lambda r: r["sub_event_type"] == "Armed clash", 6),
    ({"status": "historical"}, lambda r: r["status"] == "historical", 1),
    ({"status": "hypothetical,historical"}, lambda r: r["status"] in ("hypothetical", "historical"), 2),
    ({"q": "Maiduguri"}, lambda r: _loc(r, "name") == "Maiduguri", 1),
    ({"min_confidence": 0.8}, lambda r: r["confidence"] >= 0.8, 3),
    (
        {"country": "LY", "event_type": "Explosions/Remote violence"},
        lambda r: _loc(r, "country") == "LY" and r["event_type"] == "Explosions/Remote violence",
        2,
    ),
]


def test_api_events_lists_every_event(client: Client, all_events: list[dict[str, Any]]) -> None:
    response = client.get("/events")
    body = response.json()
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert body["count"] == EXPECTED["events"] == len(all_events)
    assert response.headers["x-total-count"] == str(EXPECTED["events"])
    dated = [_start(r) for r in body["events"] if _start(r)]
    assert dated == sorted(dated)
    assert _start(body["events"][-1]) is None  # undated events come last
    assert {
        "event_id",
        "event_type",
        "sub_event_type",
        "status",
        "date",
        "actor1",
        "actor2",
        "location",
        "fatalities",
        "sources",
        "evidence",
        "confidence",
    } <= set(body["events"][0])


@pytest.mark.parametrize(("params", "predicate", "expected"), FILTERS, ids=[str(f[0]) for f in FILTERS])
def test_api_events_filter_matches_predicate(
    client: Client,
    all_events: list[dict[str, Any]],
    params: dict[str, Any],
    predicate: Callable[[dict[str, Any]], bool],
    expected: int,
) -> None:
    body = client.get("/events", params=params).json()
    want = {r["event_id"] for r in all_events if predicate(r)}
    assert {r["event_id"] for r in body["events"]} == want
    assert body["count"] == len(want) == expected


@pytest.mark.parametrize("sort", ["date", "-date", "confidence", "-confidence", "fatalities", "-fatalities"])
def test_api_events_cursor_pages_cover_everything_once(client: Client, sort: str) -> None:
    whole = [
        r["event_id"] for r in client.get("/events", params={"sort": sort, "limit": 500}).json()["events"]
    ]
    seen: list[str] = []
    url: str | None = f"/events?sort={sort}&limit=4"
    pages = 0
    while url:
        body = client.get(url).json()
        assert len(body["events"]) <= 4
        seen += [r["event_id"] for r in body["events"]]
        url = body["next"]
        pages += 1
    assert seen == whole
    assert pages == 4  # 14 events, 4 a page


def test_api_events_sort_orders_by_key(client: Client) -> None:
    conf = [r["confidence"] for r in client.get("/events", params={"sort": "-confidence"}).json()["events"]]
    assert conf == sorted(conf, reverse=True)
    deaths = [
        r["fatalities"]["best"]
        for r in client.get("/events", params={"sort": "-fatalities"}).json()["events"]
    ]
    assert deaths[0] == 17
    newest = client.get("/events", params={"sort": "-date"}).json()["events"]
    assert _start(newest[0]) == "2017-09-29"


def test_api_events_cursor_with_other_filters_is_refused(client: Client) -> None:
    cursor = client.get("/events", params={"limit": 2}).json()["next_cursor"]
    response = client.get("/events", params={"limit": 2, "country": "IQ", "cursor": cursor})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_cursor"
    garbage = client.get("/events", params={"cursor": "not-a-cursor"})
    assert garbage.status_code == 400
    assert garbage.json()["error"]["code"] == "invalid_cursor"


def test_api_events_link_header_points_to_next_page(client: Client) -> None:
    response = client.get("/events", params={"limit": 5, "format": "csv"})
    link = response.headers["link"]
    assert link.startswith("</events?") and 'rel="next"' in link
    follow = client.get(link[1 : link.index(">")])
    assert follow.status_code == 200
    assert len(list(csv.DictReader(io.StringIO(follow.text)))) == 5


def test_api_events_geojson_has_points_and_null_geometry(client: Client) -> None:
    response = client.get("/events", params={"format": "geojson", "limit": 500})
    body = response.json()
    assert response.headers["content-type"].startswith("application/geo+json")
    assert body["type"] == "FeatureCollection"
    assert len(body["features"]) == EXPECTED["events"]
    points = [f for f in body["features"] if f["geometry"]]
    assert len(points) == EXPECTED["with_location"]
    sirte = next(f for f in points if f["properties"]["location"]["name"] == "Sirte")
    assert sirte["geometry"] == {"type": "Point", "coordinates": [16.59, 31.21]}
    assert all(f["id"] == f["properties"]["event_id"] for f in body["features"])


def test_api_events_csv_has_one_row_per_event(client: Client) -> None:
    response = client.get("/events", params={"format": "csv", "country": "LY"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == EXPECTED["countries"]["LY"]
    strike = next(r for r in rows if r["event_date"] == "2017-09-22")
    assert strike["sub_event_type"] == "Air/drone strike"
    assert strike["fatalities"] == "17"
    assert strike["latitude"] == "31.21"
    assert set(strike["publishers"].split("; ")) == {"Prairie Notes (blog)", "Desert Wire"}


@pytest.mark.parametrize(
    ("accept", "kind"),
    [
        ("text/csv", "text/csv"),
        ("application/geo+json", "application/geo+json"),
        ("text/html, application/json;q=0.9", "application/json"),
        ("*/*", "application/json"),
        ("text/csv;q=0.2, application/geo+json;q=0.8", "application/geo+json"),
    ],
)
def test_api_events_accept_header_picks_format(client: Client, accept: str, kind: str) -> None:
    response = client.get("/events", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(kind)


def test_api_events_format_parameter_beats_accept(client: Client) -> None:
    response = client.get("/events", params={"format": "json"}, headers={"Accept": "text/csv"})
    assert response.headers["content-type"].startswith("application/json")


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 501},
        {"format": "xml"},
        {"sort": "name"},
        {"bbox": "1,2,3"},
        {"bbox": "10,40,0,30"},
        {"bbox": "a,b,c,d"},
        {"since": "yesterday"},
        {"min_confidence": 1.5},
    ],
)
def test_api_events_bad_parameters_get_error_shape(client: Client, params: dict[str, Any]) -> None:
    response = client.get("/events", params=params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["status"] == 422
    assert error["code"] == "invalid_parameter"
    assert error["message"]
