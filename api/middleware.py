"""ASGI middleware: body limit, request ids, access logs, metrics, unexpected errors."""

from __future__ import annotations

import json
import logging
import time
import uuid
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import BodyTooLargeError, error_body, internal_error_body
from api.metrics import Metrics

log = logging.getLogger("janjicheck.api.access")
error_log = logging.getLogger("janjicheck.api")


class BodyLimitMiddleware:
    """Refuse request bodies over ``limit`` bytes (413), by header or while streaming."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check ``Content-Length`` first, then count the bytes as they arrive."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _send_json(
                send,
                413,
                error_body(
                    "payload_too_large",
                    f"The request body is larger than the limit of {self.limit / 2**20:.0f} MiB.",
                    {"limit_bytes": self.limit},
                ),
            )
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLargeError(
                        f"The request body is larger than the limit of "
                        f"{self.limit / 1024 / 1024:.0f} MiB."
                    )
            return message

        await self.app(scope, counting_receive, send)


class ErrorBoundaryMiddleware:
    """Answer an unexpected exception with the 500 error schema instead of re-raising it.

    An exception that leaves the application makes the ASGI server close the connection
    after the 500, so a client that reuses it (HTTP keep-alive) gets a connection reset on
    its next request. Caught here, the 500 is an ordinary response and the connection stays
    usable. An exception after the response has started is re-raised: the server must then
    cut the half-sent response.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app; log an unexpected exception and answer it with a 500."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            if started:
                raise
            error_log.exception("unhandled error on %s %s", scope["method"], scope["path"])
            await _send_json(send, 500, internal_error_body())


class AccessMiddleware:
    """Give each request an id, log it as JSON and record its latency by route template."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Time the request and log method, route, status and duration."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = uuid.uuid4().hex[:16]
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            route = scope.get("route")
            template = getattr(route, "path", None) or "unmatched"
            self.metrics.request_seconds.labels(template, scope["method"], str(status)).observe(
                seconds
            )
            log.info(
                "request",
                extra={
                    "request_id": request_id,
                    "method": scope["method"],
                    "path": scope["path"],
                    "route": template,
                    "status": status,
                    "seconds": round(seconds, 4),
                },
            )


async def _send_json(send: Send, status: int, body: dict[str, Any]) -> None:
    payload = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})
