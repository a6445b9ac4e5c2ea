"""One JSON error shape for every 4xx and 5xx answer, and the ASGI guard that enforces it.

    {"error": {"status": 404, "code": "not_found", "message": "no event with id 'abc'"}}

``ApiError`` is raised by the routes; validation errors, unknown routes and wrong methods are turned into
the same shape by the handlers that ``install_error_handlers`` adds. ``GuardMiddleware`` sits outside
everything: it refuses request bodies over the size limit (413) and turns any unexpected exception into a
500 in the same shape, logged on the server and never shown to the client as a stack trace.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = [
    "ApiError",
    "ErrorBody",
    "ErrorResponse",
    "GuardMiddleware",
    "error_payload",
    "install_error_handlers",
]

log = logging.getLogger(__name__)

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_parameter",
    500: "internal_error",
    503: "unavailable",
}


class ErrorBody(BaseModel):
    status: int
    code: str
    message: str
    details: list[dict[str, Any]] | None = None


class ErrorResponse(BaseModel):
    """The shape of every error answer."""

    error: ErrorBody


class ApiError(Exception):
    """An error answer: HTTP status, a short machine code and a one-line message naming the fix."""

    def __init__(
        self,
        status: int,
        message: str,
        code: str | None = None,
        *,
        headers: dict[str, str] | None = None,
        details: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or _CODES.get(status, "error")
        self.message = message
        self.headers = headers
        self.details = details


def error_payload(status: int, message: str, code: str | None = None, details: Any = None) -> dict[str, Any]:
    body: dict[str, Any] = {"status": status, "code": code or _CODES.get(status, "error"), "message": message}
    if details:
        body["details"] = details
    return {"error": body}


def _json_error(status: int, message: str, code: str | None = None, **kwargs: Any) -> JSONResponse:
    details = kwargs.pop("details", None)
    return JSONResponse(error_payload(status, message, code, details), status_code=status, **kwargs)


def _describe(errors: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    details = []
    for err in errors:
        loc = [str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body", "header")]
        details.append({"field": ".".join(loc) or None, "problem": str(err.get("msg", "invalid"))})
    first = details[0] if details else {"field": None, "problem": "invalid request"}
    where = f"{first['field']}: " if first["field"] else ""
    return f"{where}{first['problem']}", details


def install_error_handlers(app: FastAPI) -> None:
    """Give validation errors, unknown routes and ``ApiError`` the one error shape."""

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return _json_error(exc.status, exc.message, exc.code, headers=exc.headers, details=exc.details)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        message, details = _describe(list(exc.errors()))
        return _json_error(422, message, "invalid_parameter", details=details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        status = exc.status_code
        message = exc.detail if isinstance(exc.detail, str) else _CODES.get(status, "error")
        if status == 404 and message == "Not Found":
            message = "no such path; the API is described at /openapi.json and /docs"
        elif status == 405:
            message = "method not allowed on this path; see /openapi.json"
        return _json_error(status, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, _exc: Exception) -> JSONResponse:
        # Starlette re-raises after sending this; GuardMiddleware logs the exception and swallows it.
        return _json_error(500, "internal error; the server log has the details")


class GuardMiddleware:
    """Refuse bodies over ``max_body`` bytes and turn unexpected exceptions into a JSON 500."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        length = _content_length(scope)
        if length is not None and length > self.max_body:
            await _send_error(send, 413, f"request body over {self.max_body} bytes; send less per request")
            return
        received = 0

        async def receive_limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise _BodyTooLarge
            return message

        try:
            await self.app(scope, receive_limited, send_tracking)
        except _BodyTooLarge:
            if not started:
                await _send_error(
                    send, 413, f"request body over {self.max_body} bytes; send less per request"
                )
        except Exception:  # the last line of defence: log it, answer 500, never show the traceback
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if not started:
                await _send_error(send, 500, "internal error; the server log has the details")


class _BodyTooLarge(Exception):
    pass


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _send_error(send: Send, status: int, message: str) -> None:
    body = json.dumps(error_payload(status, message)).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
