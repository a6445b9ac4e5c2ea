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
from .conftest import TOKEN, fake_fetch

_DIR = tempfile.TemporaryDirectory(prefix="sitrep-schema-")
STORE = build_store(str(Path(_DIR.name) / "schema.db"))
APP = create_app(STORE, token=TOKEN, extractor=fake_extract, fetcher=fake_fetch)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_api_schema_conformance(case: Any) -> None:
    # Semantic checks beyond the schema (bbox ranges, opaque cursors) rightly refuse some schema-valid
    # values, so the "positive data accepted" check is left out; every other check runs.
    # The token lets POST /ingest run for real (with the fake extractor and fetcher).
    case.call_and_validate(
        headers={"Authorization": f"Bearer {TOKEN}"},
        excluded_checks=[schemathesis.checks.positive_data_acceptance],
    )
