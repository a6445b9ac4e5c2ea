"""The FastAPI application: API, dashboard page and its files, ingestion behind a bearer token.

    from sitrep.api import create_app
    app = create_app("sitrep.db")              # or a Store; uvicorn.run(app) serves it

Read endpoints are open; ``POST /ingest`` needs ``Authorization: Bearer <SITREP_API_TOKEN>`` and is
refused (403) when the server has no token. Errors always have the shape of ``errors.ErrorResponse``.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Callable
from pathlib import Path as FsPath
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Path, Request, Security
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..errors import InputError, ModelError, SitrepError
from ..store import Store
from . import assets
from .errors import ApiError, ErrorResponse, GuardMiddleware, install_error_handlers
from .ingesting import Extractor, IngestRequest, run_ingest
from .routes import StoreDep, router

__all__ = ["DEFAULT_MAX_BODY", "create_app"]

#: Largest request body accepted, in bytes (``create_app(max_body=...)`` changes it).
DEFAULT_MAX_BODY = 2_000_000
DASHBOARD = FsPath(__file__).resolve().parent.parent / "dashboard"
_bearer = HTTPBearer(auto_error=False, description="The server's SITREP_API_TOKEN")


def require_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)]
) -> None:
    """401 without a bearer token, 403 with a wrong one or when the server has none configured."""
    expected: str | None = request.app.state.token
    if not expected:
        raise ApiError(
            403, "ingestion is disabled: start the server with SITREP_API_TOKEN set", "ingest_disabled"
        )
    if credentials is None:
        raise ApiError(
            401,
            "send the header 'Authorization: Bearer <token>' with the server's SITREP_API_TOKEN",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not hmac.compare_digest(credentials.credentials.encode(), expected.encode()):
        raise ApiError(403, "the bearer token is not the server's SITREP_API_TOKEN", "invalid_token")


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document, with validation errors described by the one error shape."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            responses = operation.get("responses", {})
            if "422" in responses:
                responses["422"] = {
                    "description": "Invalid parameter",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}
                    },
                }
    components = schema.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    app.openapi_schema = schema
    return schema


def create_app(
    store: Store | str | None = None,
    *,
    token: str | None = None,
    extractor: Extractor | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    fetch: Callable[[str], bytes] | None = None,
) -> FastAPI:
    """The sitrep web application over ``store`` (a ``Store`` or a database URL; default ``sitrep.db``).

    ``token`` defaults to ``$SITREP_API_TOKEN``; ``extractor`` to ``$SITREP_EXTRACTOR`` or the spaCy
    pipeline (loaded on the first ingest), as for ``sitrep ingest``. ``fetch`` reads the URLs given to
    ``POST /ingest``; by default only public addresses are fetched (never the server's own network).
    """
    app = FastAPI(
        title="sitrep",
        version=__version__,
        description="Conflict events from the news: who did what to whom, where, when, reported by whom.",
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.store = store if isinstance(store, Store) else Store(store)
    app.state.fetch = fetch
    app.state.token = token if token is not None else os.environ.get("SITREP_API_TOKEN") or None
    app.state.extractor = extractor
    install_error_handlers(app)
    app.include_router(router)
    _add_ingest(app)
    _add_pages(app)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    app.add_middleware(GuardMiddleware, max_body=max_body)
    return app


def _add_ingest(app: FastAPI) -> None:
    @app.post(
        "/ingest",
        dependencies=[Depends(require_token)],
        responses={
            code: {"model": ErrorResponse, "description": text}
            for code, text in (
                (400, "Nothing could be read"),
                (401, "No token"),
                (403, "Wrong token or ingestion disabled"),
                (413, "Body too large"),
                (422, "Invalid body"),
                (500, "Server error"),
                (503, "Extraction model unavailable"),
            )
        },
        summary="Ingest texts, HTML pages or URLs (needs the bearer token)",
    )
    def ingest(request: Request, body: IngestRequest) -> dict[str, Any]:
        """Run the ingestion of ``sitrep ingest`` on the articles in the body; returns each one's events."""
        if not (body.texts or body.html or body.urls):
            raise ApiError(422, "nothing to ingest: give texts, html or urls", "invalid_parameter")
        store: Store = request.app.state.store
        try:
            result = run_ingest(store, body, request.app.state.extractor, request.app.state.fetch)
        except ModelError as exc:
            raise ApiError(503, str(exc), "model_unavailable") from exc
        except InputError as exc:
            raise ApiError(400, str(exc), "unreadable_input") from exc
        except SitrepError as exc:
            raise ApiError(500, str(exc), "ingest_failed") from exc
        if result["read"] == 0 and result["errors"]:
            details = result["errors"]
            raise ApiError(400, "none of the items could be read", "unreadable_input", details=details)
        return result


def _add_pages(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    def dashboard() -> HTMLResponse:
        return HTMLResponse((DASHBOARD / "index.html").read_text(encoding="utf-8"))

    @app.get("/health", summary="Server health, stored counts and the dashboard's installed files")
    def health(store: StoreDep) -> dict[str, Any]:
        status = assets.vendor_status()
        return {
            "status": "ok",
            "version": __version__,
            "counts": store.counts(),
            "ingest_enabled": bool(app.state.token),
            "assets": {"installed": status, "complete": all(status.values()), "install": assets.INSTALL_HINT},
        }

    @app.get("/vendor/{package}/{file_path:path}", include_in_schema=False)
    def vendor(package: Annotated[str, Path()], file_path: Annotated[str, Path()]) -> FileResponse:
        path = assets.vendor_file(package, file_path)
        if path is None:
            raise ApiError(
                404, f"{package}/{file_path} is not installed; {assets.INSTALL_HINT}", "asset_missing"
            )
        return FileResponse(path, headers={"Cache-Control": "public, max-age=3600"})

    app.mount("/static", StaticFiles(directory=DASHBOARD), name="static")
