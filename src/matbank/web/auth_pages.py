"""Signing in (password, then the TOTP code when enabled), signing out, and changing the
password. Each change of privilege replaces the session with a fresh id."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request, Response
from sqlalchemy.orm import Session

from matbank.auth.dependencies import SessionDep
from matbank.db import declare_writer
from matbank.users import service, sessions
from matbank.users.models import User, WebSession
from matbank.web.context import (
    CsrfDep,
    Visitor,
    VisitorDep,
    clear_session_cookie,
    current_visitor,
    policy,
    set_session_cookie,
)
from matbank.web.render import WebRoute, page, see_other

router = APIRouter(route_class=WebRoute, include_in_schema=False)
MAX_TOTP_FAILURES = 5
SIGN_IN_FAILED = (
    "The email address or the password is not right. After several failed attempts in a row "
    "an account is locked for a while."
)


def _safe_next(target: str | None) -> str:
    """Only paths on this site: never another host (open redirect)."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


@router.get("/signin")
def sign_in_form(request: Request, session: SessionDep, next: str = "/") -> Response:
    # Showing the form may create a session, so the transaction writes from the start.
    declare_writer(session)
    visitor = current_visitor(request, session)
    if visitor.signed_in:
        return see_other(_safe_next(next))
    return _sign_in_page(request, session, visitor, next=_safe_next(next))


def _sign_in_page(
    request: Request,
    session: Session,
    visitor: Visitor,
    *,
    next: str,
    error: str | None = None,
    email: str = "",
) -> Response:
    """The form, in an anonymous session that carries its CSRF token."""
    raw_id = None
    if visitor.web_session is None or visitor.web_session.stage != sessions.ANONYMOUS:
        raw_id, row = sessions.start(session, policy(request.app.state.settings))
        visitor.web_session, visitor.user = row, None
        request.state.visitor = visitor
    status = 400 if error else 200
    response = page(request, "signin.html", status, next=next, error=error, email=email)
    if raw_id is not None:
        set_session_cookie(request, response, raw_id)
    return response


@router.post("/signin")
def sign_in(
    request: Request,
    session: SessionDep,
    visitor: CsrfDep,
    email: Annotated[str, Form(max_length=320)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    target = _safe_next(next)
    settings = request.app.state.settings
    lockout = service.Lockout(settings.sign_in_max_failures, settings.sign_in_lock_seconds)
    user = service.check_password(session, email, password, lockout)
    if user is None:
        return _sign_in_page(
            request, session, visitor, next=target, error=SIGN_IN_FAILED, email=email
        )
    if user.totp_enabled:
        response = see_other(f"/signin/totp?next={quote(target)}")
        _rotate(request, session, response, visitor.web_session, user, sessions.TOTP_PENDING)
        return response
    return _complete_sign_in(request, session, visitor.web_session, user, target)


def _complete_sign_in(
    request: Request, session: Session, old: WebSession | None, user: User, target: str
) -> Response:
    service.record_sign_in(user)
    response = see_other("/password" if user.must_change_password else target)
    _rotate(request, session, response, old, user, sessions.SIGNED_IN)
    return response


def _rotate(
    request: Request,
    session: Session,
    response: Response,
    old: WebSession | None,
    user: User,
    stage: str,
) -> None:
    settings = request.app.state.settings
    raw_id, _ = sessions.rotate(session, old, policy(settings), user=user, stage=stage)
    set_session_cookie(request, response, raw_id)


@router.get("/signin/totp")
def totp_form(request: Request, visitor: VisitorDep, next: str = "/") -> Response:
    if visitor.web_session is None or visitor.web_session.stage != sessions.TOTP_PENDING:
        return see_other("/signin")
    return page(request, "totp.html", next=_safe_next(next), error=None)


@router.post("/signin/totp")
def totp_check(
    request: Request,
    session: SessionDep,
    visitor: CsrfDep,
    code: Annotated[str, Form(max_length=16)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    pending = visitor.web_session
    if pending is None or pending.stage != sessions.TOTP_PENDING or visitor.user is None:
        return see_other("/signin")
    if service.check_totp(visitor.user, code):
        return _complete_sign_in(request, session, pending, visitor.user, _safe_next(next))
    pending.totp_failures += 1
    if pending.totp_failures >= MAX_TOTP_FAILURES:
        sessions.end(session, pending)
        response = see_other("/signin")
        clear_session_cookie(request, response)
        return response
    error = "That code is not the one your authenticator app shows now."
    return page(request, "totp.html", 400, next=_safe_next(next), error=error)


@router.post("/signout")
def sign_out(request: Request, session: SessionDep, visitor: CsrfDep) -> Response:
    if visitor.web_session is not None:
        sessions.end(session, visitor.web_session)
    response = see_other("/signin")
    clear_session_cookie(request, response)
    return response
