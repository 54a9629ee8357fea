"""Who is browsing: the session behind the cookie, the signed-in user, and the CSRF check
every state-changing form goes through."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Request, Response

from matbank.auth.dependencies import SessionDep
from matbank.config import Settings
from matbank.errors import Forbidden
from matbank.users import sessions
from matbank.users.models import User, WebSession
from matbank.users.service import get_user


class SignInRequired(Exception):
    """The page needs a signed-in user; the visitor is sent to the sign-in page."""


class PasswordChangeRequired(Exception):
    """The user signed in with a one-time password and must choose their own first."""


class CsrfRejected(Forbidden):
    code = "csrf_rejected"
    title = "The form has expired or did not come from this site."


@dataclass
class Visitor:
    web_session: WebSession | None
    user: User | None

    @property
    def signed_in(self) -> bool:
        return (
            self.web_session is not None
            and self.web_session.stage == sessions.SIGNED_IN
            and self.user is not None
            and self.user.is_active
        )

    @property
    def csrf_token(self) -> str:
        return self.web_session.csrf_token if self.web_session else ""


def policy(settings: Settings) -> sessions.SessionPolicy:
    return sessions.SessionPolicy(
        idle=timedelta(seconds=settings.session_idle_seconds),
        absolute=timedelta(seconds=settings.session_absolute_seconds),
    )


def current_visitor(request: Request, session: SessionDep) -> Visitor:
    raw_id = request.cookies.get(sessions.COOKIE_NAME)
    web_session = sessions.resolve(session, raw_id, policy(request.app.state.settings))
    user = get_user(session, web_session.user_id) if web_session else None
    visitor = Visitor(web_session=web_session, user=user)
    request.state.visitor = visitor
    return visitor


VisitorDep = Annotated[Visitor, Depends(current_visitor)]


def signed_in_visitor(request: Request, visitor: VisitorDep) -> Visitor:
    if not visitor.signed_in:
        raise SignInRequired()
    assert visitor.user is not None
    if visitor.user.must_change_password and request.url.path != "/password":
        raise PasswordChangeRequired()
    return visitor


SignedInDep = Annotated[Visitor, Depends(signed_in_visitor)]


async def checked_form(request: Request, visitor: VisitorDep) -> Visitor:
    """Refuse a form whose synchronizer token is not this session's (403)."""
    form = await request.form()
    submitted = form.get("csrf_token")
    if not sessions.csrf_matches(
        visitor.web_session, submitted if isinstance(submitted, str) else None
    ):
        raise CsrfRejected("Reload the page and submit the form again.")
    return visitor


CsrfDep = Annotated[Visitor, Depends(checked_form)]


def user_of(visitor: Visitor) -> User:
    assert visitor.user is not None
    return visitor.user


def set_session_cookie(request: Request, response: Response, raw_id: str) -> None:
    settings: Settings = request.app.state.settings
    response.set_cookie(
        sessions.COOKIE_NAME,
        raw_id,
        max_age=settings.session_absolute_seconds,
        path="/",
        httponly=True,
        samesite="lax",
        secure=cookie_secure(request, settings),
    )


def clear_session_cookie(request: Request, response: Response) -> None:
    settings: Settings = request.app.state.settings
    response.delete_cookie(
        sessions.COOKIE_NAME,
        path="/",
        httponly=True,
        samesite="lax",
        secure=cookie_secure(request, settings),
    )


def cookie_secure(request: Request, settings: Settings) -> bool:
    if settings.session_cookie_secure is not None:
        return settings.session_cookie_secure
    return settings.environment == "production" or request.url.scheme == "https"
