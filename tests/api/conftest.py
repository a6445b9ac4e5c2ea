"""Fixtures of the API tests: a store of hand-built records, the app over it, an in-process client.

The client sends requests through ``httpx.ASGITransport`` (no server, no network); each call runs in
its own event loop so tests stay plain functions.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from sitrep.api import create_app
from sitrep.store import Store

from ..conftest import fake_extract
from .builders import build_store

TOKEN = "test-token-0123456789"


class Client:
    """A synchronous face over ``httpx.AsyncClient`` + ``httpx.ASGITransport``."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
                return await client.request(method, url, **kwargs)

        return asyncio.run(send())

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The hand-built store, shared by a module's read-only tests."""
    s = build_store(str(tmp_path_factory.mktemp("api") / "api.db"))
    yield s
    s.close()


@pytest.fixture(scope="module")
def app(store: Store) -> Any:
    return create_app(store, token=TOKEN, extractor=fake_extract)


@pytest.fixture(scope="module")
def client(app: Any) -> Client:
    return Client(app)


@pytest.fixture
def fresh_store(tmp_path: Path) -> Iterator[Store]:
    """A store of its own, for tests that write."""
    s = build_store(str(tmp_path / "api.db"))
    yield s
    s.close()


@pytest.fixture
def writer(fresh_store: Store) -> Client:
    """A client of an app over ``fresh_store`` (ingestion enabled with ``TOKEN``)."""
    # The test site runs on loopback, which the default fetcher refuses: use the unrestricted one here.
    from sitrep.ingest.sources import fetch_url

    return Client(create_app(fresh_store, token=TOKEN, extractor=fake_extract, fetch=fetch_url))


@pytest.fixture(scope="module")
def all_events(client: Client) -> list[dict[str, Any]]:
    """Every event record, through the API, unfiltered."""
    body = client.get("/events", params={"limit": 500}).json()
    assert body["next"] is None
    return body["events"]
