"""What keeps a local server local: the Host and Origin checks and the CSRF token.

A page in the browser on another site can make the browser send requests to 127.0.0.1, and a
DNS name rebound to 127.0.0.1 can even read the answers. So a request must name the served
host (Host) and, when a browser says where it comes from (Origin), come from the app itself;
and every unsafe method must carry the token only the app's own pages know (the `csrf_token`
form field or the `X-CSRF-Token` header), matched against the cookie it was issued with.
Off-the-shelf middlewares each missed a case (a form field, an empty or multipart body), so
the check is written out here.
"""

from __future__ import annotations

import hmac
import json
import re
import secrets
from collections.abc import Iterable

from fastapi import Request
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from goodword.errors import PermissionDenied

COOKIE = "goodword_csrf"
HEADER = "X-CSRF-Token"
FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")  # what secrets.token_urlsafe(32) gives


class LocalOnly:
    """Refuses a foreign Host or Origin, and gives each browser its CSRF token (a cookie)."""

    def __init__(self, app: ASGIApp, *, allowed_hosts: Iterable[str] | None) -> None:
        self.app = app
        # None: any Host (a server bound to every address cannot know its names).
        self.allowed = None if allowed_hosts is None else {h.lower() for h in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "").lower()
        if (refusal := self._refusal(host, headers.get("origin"))) is not None:
            await _refuse(send, refusal)
            return
        token = cookie_parser(headers.get("cookie", "")).get(COOKIE, "")
        # Only a token this app could have issued is kept; anything else is replaced.
        fresh = not _TOKEN_SHAPE.fullmatch(token)
        if fresh:
            token = secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf_token"] = token

        async def send_with_cookie(message: Message) -> None:
            if fresh and message["type"] == "http.response.start":
                value = f"{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax"
                message["headers"] = [*message["headers"], (b"set-cookie", value.encode())]
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    def _refusal(self, host: str, origin: str | None) -> str | None:
        if not host or (self.allowed is not None and host not in self.allowed):
            return f"Requests for host '{host}' are refused; open the address goodword printed."
        if origin is not None and origin.lower() not in (f"http://{host}", f"https://{host}"):
            return f"Requests from '{origin}' are refused: only goodword's own pages may call it."
        return None


async def _refuse(send: Send, message: str) -> None:
    body = {"error": {"status": 403, "type": "forbidden", "message": message, "hint": None}}
    await send(
        {
            "type": "http.response.start",
            "status": 403,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": json.dumps(body).encode()})


async def check_csrf(request: Request) -> None:
    """Raises: PermissionDenied when an unsafe request lacks the token its cookie holds."""
    if request.method in SAFE_METHODS:
        return
    given = request.headers.get(HEADER)
    if given is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        field = (await request.form()).get(FIELD)
        given = field if isinstance(field, str) else None
    # The token the cookie brought, once LocalOnly checked its shape (a fresh one otherwise,
    # which no request can know yet).
    expected = csrf_token(request)
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise PermissionDenied(
            "The request carries no valid security token (CSRF).",
            hint="Reload the page and try again; programs get one from GET /api/v1/session.",
        )


def csrf_token(request: Request) -> str:
    """The token this browser's pages put in their forms."""
    return str(request.state.csrf_token)
