"""The Jinja environment: every template autoescapes, whatever its file name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.responses import HTMLResponse

from goodword.web.security import FIELD, HEADER, csrf_token

HERE = Path(__file__).parent
_env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
templates = Jinja2Templates(env=_env)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


_env.filters["percent"] = _percent
_env.globals["csrf_field"] = FIELD
_env.globals["csrf_header"] = HEADER


def render(
    request: Request, name: str, context: dict[str, Any], *, status_code: int = 200
) -> HTMLResponse:
    """A page or fragment, with the CSRF token its forms carry."""
    return templates.TemplateResponse(
        request,
        name,
        {**context, "csrf": csrf_token(request)},
        status_code=status_code,
    )
