"""One event, one article, actors, statistics, alerts, health, the dashboard files and the error shape."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.api import assets, create_app
from sitrep.store import Store

from .builders import EXPECTED
from .conftest import Client


def _strike(all_events: list[dict[str, Any]]) -> dict[str, Any]:
    return next(
        r
        for r in all_events
        if r["sub_event_type"] == "Air/drone strike" and r["date"]["start"] == "2017-09-22"
    )


def test_api_event_has_every_source_and_evidence(client: Client, all_events: list[dict[str, Any]]) -> None:
    strike = _strike(all_events)
    body = client.get(f"/events/{strike['event_id']}").json()
    assert {s["publisher"] for s in body["sources"]} == {"Prairie Notes (blog)", "Desert Wire"}
    assert {s["reported_by"] for s in body["sources"]} == {"Capital Times", None}
    assert len({e["article_id"] for e in body["evidence"]}) == 2
    assert {"sub_event_type", "location", "actor1", "actor2", "fatalities"} <= {
        e["field"] for e in body["evidence"]
    }
    assert len(body["mentions"]) == 2
    assert sorted(body["links"]["articles"]) == sorted(
        f"/articles/{s['article_id']}" for s in body["sources"]
    )


def test_api_article_spans_point_into_its_text(client: Client, all_events: list[dict[str, Any]]) -> None:
    strike = _strike(all_events)
    article_id = strike["sources"][0]["article_id"]
    body = client.get(f"/articles/{article_id}").json()
    assert body["article_id"] == article_id
    assert body["spans"]
    for span in body["spans"]:
        assert body["text"][span["start"] : span["end"]] == span["text"]
    assert strike["event_id"] in body["events"]
    assert strike["event_id"] in {s["event_id"] for s in body["spans"]}


@pytest.mark.parametrize("path", ["/events/nope", "/articles/nope"])
def test_api_unknown_ids_get_404_error_shape(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert "nope" in response.json()["error"]["message"]


def test_api_actors_counts_and_search(client: Client) -> None:
    actors = client.get("/actors").json()["actors"]
    counts = {a["name"]: a["n_events"] for a in actors}
    assert counts["Islamic State"] == 10
    assert counts["Military Forces of the United States"] == 2
    assert actors[0]["name"] == "Islamic State"
    found = client.get("/actors", params={"q": "iraq", "limit": 5}).json()["actors"]
    assert [a["name"] for a in found] == ["Military Forces of Iraq"]


def test_api_timeseries_by_type_per_week(client: Client) -> None:
    body = client.get("/stats/timeseries", params={"interval": "week", "by": "event_type"}).json()
    rows = {(r["period"], r["key"]): r for r in body["series"]}
    assert rows[("2017-09-18", "Battles")]["events"] == 6
    assert rows[("2017-09-18", "Explosions/Remote violence")] == {
        "period": "2017-09-18",
        "key": "Explosions/Remote violence",
        "events": 1,
        "fatalities": 17,
    }
    assert sum(r["events"] for r in body["series"]) == EXPECTED["events"] - 1  # one event is undated


def test_api_timeseries_by_actor_and_country(client: Client) -> None:
    by_actor = client.get("/stats/timeseries", params={"by": "actor", "country": "LY"}).json()["series"]
    day = {r["key"]: r["events"] for r in by_actor if r["period"] == "2017-09-22"}
    assert day == {"Islamic State": 1, "Military Forces of the United States": 1}
    by_country = client.get("/stats/timeseries", params={"by": "country"}).json()["series"]
    totals: dict[str, int] = {}
    for r in by_country:
        totals[r["key"]] = totals.get(r["key"], 0) + r["events"]
    assert totals.pop(None) == 1  # the dated roadside bomb has no place
    assert totals == EXPECTED["countries"]


def test_api_timeseries_rejects_unknown_group(client: Client) -> None:
    response = client.get("/stats/timeseries", params={"by": "weather"})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_parameter"


def test_api_facets_fill_the_filter_lists(client: Client) -> None:
    body = client.get("/stats/facets").json()
    assert body["total"] == EXPECTED["events"]
    assert {c["value"]: c["events"] for c in body["country"]} == EXPECTED["countries"]
    assert {"value": "Anbar", "country": "IQ", "events": 2} in body["admin1"]
    assert body["date_range"] == {"start": "2016-12-06", "end": "2017-09-29"}
    narrowed = client.get("/stats/facets", params={"country": "NG"}).json()
    assert narrowed["total"] == 1


def test_api_alerts_find_first_strike_and_spike(client: Client, all_events: list[dict[str, Any]]) -> None:
    body = client.get("/alerts").json()
    kinds = {a["kind"]: a for a in body["alerts"]}
    first = kinds["first_in_months"]
    assert first["event_id"] == _strike(all_events)["event_id"]
    assert first["gap_months"] == 8
    assert "Libya" in first["message"] and "Islamic State" in first["message"]
    spike = kinds["spike"]
    assert (spike["key"]["country"], spike["week"], spike["count"]) == ("IQ", "2017-09-18", 6)
    assert body["rules"]["p_value"] == 0.01
    only = client.get("/alerts", params={"kind": "spike", "country": "LBY"}).json()
    assert only["alerts"] == []
    later = client.get("/alerts", params={"since": "2017-10-01"}).json()
    assert later["count"] == 0


def test_api_health_reports_counts_and_assets(client: Client) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["counts"]["events"] == EXPECTED["events"]
    assert body["ingest_enabled"] is True
    assert set(body["assets"]["installed"]) == set(assets.VENDOR)


def test_api_dashboard_page_and_files_are_served(client: Client) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    for marker in ('id="map"', 'id="timeline"', 'id="events-table"', 'id="panel"', "/static/app.js"):
        assert marker in page.text
    for name in ("app.js", "map.js", "timeline.js", "panel.js", "common.js", "style.css"):
        assert client.get(f"/static/{name}").status_code == 200
    assert client.get("/static/missing.js").json()["error"]["status"] == 404


def test_api_vendor_files_served_or_explained(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    if assets.find_node_modules() is not None:
        response = client.get("/vendor/leaflet/leaflet.js")
        assert response.status_code == 200
        assert "leaflet" in response.text[:2000].lower()
    for path in (
        "/vendor/leaflet/../../package.json",
        "/vendor/leaflet/leaflet.txt",
        "/vendor/left-pad/index.js",
    ):
        assert client.get(path).status_code == 404
    monkeypatch.setattr(assets, "find_node_modules", lambda: None)
    missing = client.get("/vendor/leaflet/leaflet.js")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "asset_missing"
    assert "npm ci" in missing.json()["error"]["message"]
    assert client.get("/health").json()["assets"]["complete"] is False
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("GET", "/nowhere", 404, "not_found"),
        ("DELETE", "/events", 405, "method_not_allowed"),
        ("GET", "/ingest", 405, "method_not_allowed"),
        ("GET", "/actors?limit=-1", 422, "invalid_parameter"),
    ],
)
def test_api_errors_share_one_shape(client: Client, method: str, path: str, status: int, code: str) -> None:
    response = client.request(method, path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert list(body) == ["error"]
    assert {"status", "code", "message"} <= set(body["error"]) <= {"status", "code", "message", "details"}
    assert (body["error"]["status"], body["error"]["code"]) == (status, code)


def test_api_server_error_hides_the_traceback(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(store, token=None)

    def boom(event_id: str) -> None:
        raise RuntimeError("secret internals at /srv/app.py line 42")

    monkeypatch.setattr(store, "get_event", boom)
    response = Client(app).get("/events/anything")
    assert response.status_code == 500
    assert response.json() == {
        "error": {
            "status": 500,
            "code": "internal_error",
            "message": "internal error; the server log has the details",
        }
    }
    assert "secret" not in response.text and "Traceback" not in response.text


def test_api_openapi_documents_endpoints_and_error_shape(client: Client) -> None:
    doc = client.get("/openapi.json").json()
    for path in (
        "/events",
        "/events/{event_id}",
        "/articles/{article_id}",
        "/actors",
        "/stats/timeseries",
        "/alerts",
        "/ingest",
    ):
        assert path in doc["paths"]
    assert "ErrorResponse" in doc["components"]["schemas"]
    invalid = doc["paths"]["/events"]["get"]["responses"]["422"]
    assert invalid["content"]["application/json"]["schema"]["$ref"] == "#/components/schemas/ErrorResponse"
    params = {p["name"] for p in doc["paths"]["/events"]["get"]["parameters"]}
    assert {
        "since",
        "until",
        "bbox",
        "country",
        "admin1",
        "actor",
        "event_type",
        "sub_event_type",
        "status",
        "q",
        "min_confidence",
        "sort",
        "limit",
        "cursor",
        "format",
    } <= params
    assert "HTTPBearer" in doc["components"]["securitySchemes"]
