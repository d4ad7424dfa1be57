"""One translation of errors for the web: one JSON shape for the API, a fragment for HTMX.

Every API error reads `{"error": {"status", "type", "message", "hint"}}`, whatever raised it:
a core `GoodwordError`, a request FastAPI could not validate, an unknown route, or a bug.
"""

from __future__ import annotations

import logging
import re

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from goodword.errors import GoodwordError

log = logging.getLogger("goodword.web")


class ErrorBody(BaseModel):
    status: int
    type: str
    message: str
    hint: str | None = None


class ErrorResponse(BaseModel):
    """What every API error answers."""

    error: ErrorBody


_REASONS = {
    400: "Bad request.",
    403: "Forbidden.",
    404: "Nothing here.",
    405: "That method is not allowed here.",
    422: "The request is not valid.",
}


def error_type(name: str) -> str:
    """`NotFound` → `not_found`: the stable, snake_case name scripts match on."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def install(app: FastAPI) -> None:
    """Routes every error through `respond`, so none escapes in another shape."""
    app.add_exception_handler(GoodwordError, _core)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(Exception, _bug)


def respond(request: Request, body: ErrorBody) -> Response:
    """JSON for the API, a fragment for HTMX (swapped into the page's error slot), a page else."""
    headers = {"Cache-Control": "no-store"}
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return JSONResponse(
            ErrorResponse(error=body).model_dump(), status_code=body.status, headers=headers
        )
    from goodword.web.templating import render  # the API alone never needs Jinja

    if request.headers.get("HX-Request") == "true":
        headers |= {"HX-Retarget": "#errors", "HX-Reswap": "innerHTML"}
        name = "_error.html"
    else:
        name = "error.html"
    page = render(request, name, {"error": body}, status_code=body.status)
    page.headers.update(headers)
    return page


def body_of(exc: GoodwordError) -> ErrorBody:
    """A core error as the API reports it (pages that answer with it inline use it too)."""
    kind = error_type(type(exc).__name__)
    return ErrorBody(status=exc.http_status, type=kind, message=exc.message, hint=exc.hint)


async def _core(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, GoodwordError)
    return respond(request, body_of(exc))


async def _invalid(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = []
    for item in exc.errors()[:5]:
        where = ".".join(str(part) for part in item.get("loc", ()) if part != "body")
        problems.append(f"{where}: {item.get('msg', 'invalid')}")
    return respond(
        request,
        ErrorBody(status=422, type="invalid_input", message="; ".join(problems) or _REASONS[422]),
    )


async def _http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = exc.detail if isinstance(exc.detail, str) and exc.detail else None
    kinds = {403: "forbidden", 404: "not_found", 405: "method_not_allowed"}
    fallback = "internal_error" if exc.status_code >= 500 else "bad_request"
    return respond(
        request,
        ErrorBody(
            status=exc.status_code,
            type=kinds.get(exc.status_code, fallback),
            message=message or _REASONS.get(exc.status_code, "Request failed."),
        ),
    )


async def _bug(request: Request, exc: Exception) -> Response:
    log.exception("Unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return respond(
        request,
        ErrorBody(
            status=500,
            type="internal_error",
            message="Something went wrong inside goodword; nothing was changed.",
            hint="Run `goodword serve` in a terminal to see the traceback.",
        ),
    )
