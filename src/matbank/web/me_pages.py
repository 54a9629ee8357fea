"""The signed-in user's own settings: password and two-factor sign-in (TOTP)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from pydantic import ValidationError

from matbank.auth.dependencies import SessionDep
from matbank.errors import InvalidRequest
from matbank.users import service, sessions, totp
from matbank.users.schemas import MIN_PASSWORD_LENGTH, NewPasswordForm
from matbank.web.context import CsrfDep, SignedInDep, user_of
from matbank.web.render import WebRoute, page, see_other

router = APIRouter(route_class=WebRoute, include_in_schema=False)


@router.get("/password")
def password_form(request: Request, visitor: SignedInDep) -> Response:
    return page(request, "password.html", minimum=MIN_PASSWORD_LENGTH, error=None)


@router.post("/password")
def change_password(
    request: Request,
    session: SessionDep,
    visitor: SignedInDep,
    _: CsrfDep,
    password: Annotated[str, Form(max_length=1024)] = "",
    confirm: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    user = user_of(visitor)
    try:
        form = NewPasswordForm(password=password, confirm=confirm)
        service.change_password(session, user, form)
    except ValidationError:
        error = f"Choose a password of at least {MIN_PASSWORD_LENGTH} characters."
        return page(request, "password.html", 400, minimum=MIN_PASSWORD_LENGTH, error=error)
    except InvalidRequest as problem:
        return page(
            request, "password.html", 400, minimum=MIN_PASSWORD_LENGTH, error=problem.detail
        )
    assert visitor.web_session is not None
    sessions.end_others(session, user, keep=visitor.web_session)
    return see_other("/")


@router.get("/security")
def security(request: Request, visitor: SignedInDep) -> Response:
    return page(request, "security.html", setup=None, error=None)


@router.post("/security/totp/start")
def totp_start(request: Request, session: SessionDep, visitor: SignedInDep, _: CsrfDep) -> Response:
    """Show a new secret; two-factor sign-in is on once a code from it is confirmed."""
    user = user_of(visitor)
    secret = service.begin_totp_setup(user)
    setup = {"secret": secret, "uri": totp.provisioning_uri(secret, user.email)}
    return page(request, "security.html", setup=setup, error=None)


@router.post("/security/totp/confirm")
def totp_confirm(
    request: Request,
    session: SessionDep,
    visitor: SignedInDep,
    _: CsrfDep,
    code: Annotated[str, Form(max_length=16)] = "",
) -> Response:
    user = user_of(visitor)
    try:
        service.confirm_totp(user, code)
    except InvalidRequest as problem:
        secret = user.totp_secret or ""
        setup = {"secret": secret, "uri": totp.provisioning_uri(secret, user.email)}
        return page(request, "security.html", 400, setup=setup, error=problem.detail)
    return see_other("/security")


@router.post("/security/totp/disable")
def totp_disable(
    request: Request,
    session: SessionDep,
    visitor: SignedInDep,
    _: CsrfDep,
    code: Annotated[str, Form(max_length=16)] = "",
) -> Response:
    try:
        service.disable_totp(user_of(visitor), code)
    except InvalidRequest as problem:
        return page(request, "security.html", 400, setup=None, error=problem.detail)
    return see_other("/security")
