"""Typed failures and their RFC 7807 ProblemDetails rendering.

Every expected failure is a ``MatbankError`` subclass with a stable ``code`` and an
HTTP status. The wire shape follows ASP.NET Core's ProblemDetails (``type``, ``title``,
``status``, ``detail``, ``instance``, plus ``traceId`` and, for validation failures,
``errors``) because that is what Madaster clients were generated against.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse

log = logging.getLogger("matbank.errors")

_RFC_TYPES = {
    400: "https://tools.ietf.org/html/rfc9110#section-15.5.1",
    401: "https://tools.ietf.org/html/rfc9110#section-15.5.2",
    403: "https://tools.ietf.org/html/rfc9110#section-15.5.4",
    404: "https://tools.ietf.org/html/rfc9110#section-15.5.5",
    405: "https://tools.ietf.org/html/rfc9110#section-15.5.6",
    409: "https://tools.ietf.org/html/rfc9110#section-15.5.10",
    412: "https://tools.ietf.org/html/rfc9110#section-15.5.13",
    413: "https://tools.ietf.org/html/rfc9110#section-15.5.14",
    415: "https://tools.ietf.org/html/rfc9110#section-15.5.16",
    429: "https://tools.ietf.org/html/rfc6585#section-4",
    500: "https://tools.ietf.org/html/rfc9110#section-15.6.1",
    503: "https://tools.ietf.org/html/rfc9110#section-15.6.4",
}


class MatbankError(Exception):
    """An expected failure with a stable machine code and an HTTP status."""

    status: int = 400
    code: str = "invalid_request"
    title: str = "The request is invalid."

    def __init__(self, detail: str, *, title: str | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        if title is not None:
            self.title = title
        self.extra = extra


class InvalidRequest(MatbankError):
    status, code, title = 400, "invalid_request", "The request is invalid."


class Unauthorized(MatbankError):
    status, code, title = 401, "unauthorized", "A valid API key is required."


class Forbidden(MatbankError):
    status, code, title = 403, "forbidden", "The API key does not allow this action."


class NotFound(MatbankError):
    status, code, title = 404, "not_found", "The resource was not found."


class Conflict(MatbankError):
    status, code, title = 409, "conflict", "The request conflicts with the stored state."


class PreconditionFailed(MatbankError):
    status, code, title = 412, "precondition_failed", "A precondition for this action failed."


class PayloadTooLarge(MatbankError):
    status, code, title = 413, "payload_too_large", "The request body is too large."


class ServiceUnavailable(MatbankError):
    status, code, title = 503, "service_unavailable", "The service is temporarily unavailable."


def problem(
    status: int,
    title: str,
    detail: str | None,
    *,
    request: Request | None = None,
    code: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    """Render one ProblemDetails response."""
    body: dict[str, Any] = {
        "type": _RFC_TYPES.get(status, "about:blank"),
        "title": title,
        "status": status,
    }
    if detail:
        body["detail"] = detail
    if request is not None:
        body["instance"] = request.url.path
    if code:
        body["code"] = code
    body["traceId"] = uuid.uuid4().hex
    body.update(extra)
    return JSONResponse(body, status_code=status, headers=headers)


def _location(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body",)]
    return ".".join(parts) if parts else "body"


def validation_problem(request: Request, exc: RequestValidationError) -> JSONResponse:
    """Payload validation failures become 400 ValidationProblemDetails, as ASP.NET does."""
    errors: dict[str, list[str]] = {}
    for err in exc.errors():
        errors.setdefault(_location(tuple(err.get("loc", ()))), []).append(_message(err))
    first_field, first_messages = next(iter(errors.items()), ("body", ["invalid"]))
    detail = f"{first_field}: {first_messages[0]}"
    if len(errors) > 1:
        detail += f" (and {len(errors) - 1} more field(s))"
    return problem(
        400,
        "One or more validation errors occurred.",
        detail,
        request=request,
        code="validation_failed",
        errors=errors,
    )


def _message(err: dict[str, Any]) -> str:
    kind = err.get("type", "")
    if kind == "missing":
        return "This field is required."
    if kind == "json_invalid":
        return f"The body is not valid JSON ({err.get('ctx', {}).get('error', 'parse error')})."
    return str(err.get("msg", "Invalid value."))


def install_error_handlers(app: FastAPI) -> None:
    """Map every failure to ProblemDetails; nothing reaches the client as a bare 500 page."""

    @app.exception_handler(MatbankError)
    async def _matbank_error(request: Request, exc: MatbankError) -> JSONResponse:
        headers = exc.extra.pop("headers", None)
        return problem(
            exc.status,
            exc.title,
            exc.detail,
            request=request,
            code=exc.code,
            headers=headers,
            **exc.extra,
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        return validation_problem(request, exc)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _http_problem(request, exc)

    @app.exception_handler(OperationalError)
    async def _db_down(request: Request, exc: OperationalError) -> JSONResponse:
        log.warning("database unavailable: %s", exc.orig)
        return problem(
            503,
            ServiceUnavailable.title,
            "The database could not be reached or is busy; retry shortly.",
            request=request,
            code="database_unavailable",
            headers={"Retry-After": "2"},
        )

    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, exc: IntegrityError) -> JSONResponse:
        log.info("integrity conflict: %s", exc.orig)
        return problem(
            409,
            Conflict.title,
            "The change conflicts with stored data "
            "(a duplicate or a reference to something missing).",
            request=request,
            code="integrity_conflict",
        )

    @app.exception_handler(DataError)
    async def _data(request: Request, exc: DataError) -> JSONResponse:
        return problem(
            400,
            InvalidRequest.title,
            "A value is out of the range the database can store.",
            request=request,
            code="value_out_of_range",
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return problem(
            500,
            "An unexpected error occurred.",
            "The error was logged.",
            request=request,
            code="internal_error",
        )


def _http_problem(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    if exc.status_code == 404:
        detail = f"No resource at {request.method} {request.url.path}."
        return problem(404, NotFound.title, detail, request=request, code="no_route")
    if exc.status_code == 405:
        detail = f"{request.method} is not allowed on {request.url.path}."
        return problem(
            405,
            "Method not allowed.",
            detail,
            request=request,
            code="method_not_allowed",
            headers=dict(exc.headers or {}),
        )
    detail = exc.detail if isinstance(exc.detail, str) else None
    return problem(
        exc.status_code,
        detail or "Request failed.",
        detail,
        request=request,
        headers=dict(exc.headers or {}),
    )
