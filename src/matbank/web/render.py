"""Rendering pages: the Jinja2 environment, its filters and the headers every page carries."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.routing import APIRoute
from fastapi.templating import Jinja2Templates

from matbank.errors import MatbankError
from matbank.users.schemas import LEVEL_LABELS, LIFESPAN_LABELS
from matbank.web.context import PasswordChangeRequired, SignInRequired

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "–"


def _day(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value else "never"


def _number(value: Any, digits: int = 1) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}".replace(",", "\u202f")


def _name(names: dict[str, Any] | None) -> str:
    if not names:
        return "(no name)"
    return str(names.get("en") or next(iter(names.values())))


TEMPLATES.env.filters.update(
    when=_when,
    day=_day,
    number=_number,
    name=_name,
    level=lambda v: LEVEL_LABELS.get(str(v), str(v)),
    lifespan=lambda v: LIFESPAN_LABELS.get(v, str(v)),
)


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render ``template`` with the visitor (for the header and the CSRF field) added."""
    visitor = getattr(request.state, "visitor", None)
    context.setdefault("visitor", visitor)
    context.setdefault("csrf_token", visitor.csrf_token if visitor else "")
    return TEMPLATES.TemplateResponse(request, template, context, status_code=status)


def see_other(url: str) -> RedirectResponse:
    """After a form post: go to a page with GET (so reloading never posts twice)."""
    return RedirectResponse(url, status_code=303)


def error_page(request: Request, status: int, title: str, detail: str) -> HTMLResponse:
    return page(request, "error.html", status=status, title=title, detail=detail)


class WebRoute(APIRoute):
    """Pages answer with HTML: failures become an error page, a missing sign-in a redirect."""

    def get_route_handler(self) -> Callable[[Request], Awaitable[Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            try:
                response = await handler(request)
            except SignInRequired:
                response = see_other(f"/signin?next={quote(request.url.path)}")
            except PasswordChangeRequired:
                response = see_other("/password")
            except MatbankError as error:
                response = error_page(request, error.status, error.title, error.detail)
            except RequestValidationError:
                detail = "Some fields of the form are missing or malformed."
                response = error_page(request, 400, "The form is incomplete.", detail)
            for key, value in SECURITY_HEADERS.items():
                response.headers.setdefault(key, value)
            return response

        return route
