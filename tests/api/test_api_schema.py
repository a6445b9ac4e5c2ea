"""A property-based run of schemathesis against /openapi.json, in process: no server errors, responses
that match the documented schemas and status codes. Bounded (few examples per operation)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings

from sitrep.api import create_app

from ..conftest import fake_extract
from .builders import build_store
from .conftest import TOKEN

assert TOKEN  # the app has ingestion enabled; requests simply carry no token

_DIR = tempfile.TemporaryDirectory(prefix="sitrep-schema-")
STORE = build_store(str(Path(_DIR.name) / "schema.db"))
APP = create_app(STORE, token=TOKEN, extractor=fake_extract)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_api_schema_conformance(case: Any) -> None:
    # Semantic checks beyond the schema (bbox ranges, opaque cursors) rightly refuse some schema-valid
    # values, so the "positive data accepted" check is left out; every other check runs.
    # No token: POST /ingest answers 401 here, so no generated URL is ever fetched (the ingestion
    # itself is tested in test_api_ingest against a loopback server).
    excluded = [schemathesis.checks.positive_data_acceptance]
    if case.operation.path == "/ingest":
        # A huge invalid body is refused with 413 (the size limit), a status outside this check's list.
        excluded.append(schemathesis.checks.negative_data_rejection)
    case.call_and_validate(excluded_checks=excluded)
