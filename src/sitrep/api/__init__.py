"""sitrep's web API and dashboard server (FastAPI).

    from sitrep.api import create_app
    app = create_app("sitrep.db", token="secret")

Endpoints: ``GET /events`` (JSON, GeoJSON, CSV; filters, cursor pages, sorting), ``GET /events/{id}``,
``GET /articles/{id}``, ``GET /actors``, ``GET /stats/timeseries``, ``GET /stats/facets``,
``GET /alerts``, ``GET /health``, ``POST /ingest`` (bearer token), the dashboard at ``/`` and the
OpenAPI document at ``/openapi.json``.
"""

from __future__ import annotations

from .app import DEFAULT_MAX_BODY, create_app
from .queries import EventQuery

__all__ = ["DEFAULT_MAX_BODY", "EventQuery", "create_app"]
