"""Domain errors and their HTTP form, mapped in this one place.

Every error response has the body ``{"error": {"code", "message", "details"}}``.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.rules.messages import RulesError


class ServiceError(Exception):
    """Base of the service's domain errors.

    Attributes:
        code: Stable machine-readable error code.
        message: Plain explanation for a person.
        details: Extra structured facts (optional).

    """

    status = 400

    def __init__(self, code: str, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details or {}


class InvalidInputError(ServiceError):
    """The request is well-formed but its content is not acceptable (400)."""

    status = 400


class UnauthenticatedError(ServiceError):
    """No valid API key was presented (401)."""

    status = 401


class ForbiddenError(ServiceError):
    """The caller's role may not do this (403)."""

    status = 403


class NotFoundError(ServiceError):
    """The resource does not exist or is outside the caller's scope (404)."""

    status = 404


class ConflictError(ServiceError):
    """The resource is in a state that does not allow this (409)."""

    status = 409


class PayloadTooLargeError(ServiceError):
    """An upload or request body is over the size limit (413)."""

    status = 413


class UnsupportedMediaError(ServiceError):
    """An upload is not a readable image (415)."""

    status = 415


class UnprocessableError(ServiceError):
    """The input cannot be processed, e.g. a truncated or oversized image (422)."""

    status = 422


class BusyError(ServiceError):
    """The inference queue is full; retry later (503 with ``Retry-After``)."""

    status = 503

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__("busy", message, {"retry_after_seconds": retry_after})
        self.retry_after = retry_after


class UnavailableError(ServiceError):
    """A dependency such as the model is not available (503)."""

    status = 503


class PdfUnavailableError(UnavailableError):
    """The PDF renderer (WeasyPrint and its system libraries) is missing (503)."""

    def __init__(self, reason: str) -> None:
        super().__init__(
            "pdf_unavailable", f"PDF rendering is not available on this server: {reason}"
        )


class BodyTooLargeError(Exception):
    """Raised while reading a request body that passes the request size limit."""


def error_body(code: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    """Return the one error schema's JSON body."""
    return {"error": {"code": code, "message": message, "details": details or {}}}


_HTTP_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
}


def internal_error_body() -> dict[str, Any]:
    """Return the 500 body for an unexpected error (answered by ``ErrorBoundaryMiddleware``)."""
    return error_body("internal_error", "Something went wrong on our side; nothing was saved.")


def install_handlers(app: FastAPI) -> None:
    """Register the handlers that turn every expected error into the error schema.

    A ``RulesError`` that no service turned into a ``ServiceError`` (the rules refused a value
    the request led to, e.g. a date past the calendar's end) answers 422 ``rules_error`` with
    its reason. Unexpected exceptions are answered by ``api.middleware.ErrorBoundaryMiddleware``.
    """

    @app.exception_handler(ServiceError)
    async def _service_error(_request: Request, exc: ServiceError) -> JSONResponse:
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, BusyError) else None
        return JSONResponse(
            error_body(exc.code, exc.message, exc.details), status_code=exc.status, headers=headers
        )

    @app.exception_handler(RulesError)
    async def _rules_error(_request: Request, exc: RulesError) -> JSONResponse:
        return JSONResponse(
            error_body("rules_error", f"The compliance rules cannot take this input: {exc}"),
            status_code=422,
        )

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {"location": [str(p) for p in e.get("loc", ())], "problem": str(e.get("msg", ""))}
            for e in exc.errors()
        ]
        return JSONResponse(
            error_body("invalid_request", "The request is not valid.", {"problems": problems}),
            status_code=422,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if isinstance(exc.__cause__, BodyTooLargeError):
            return JSONResponse(
                error_body("payload_too_large", str(exc.__cause__)), status_code=413
            )
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        return JSONResponse(
            error_body(code, str(exc.detail)),
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )
