"""Signing people in through the real pages, for the web tests."""

from __future__ import annotations

import re
import uuid

from sqlalchemy.orm import Session

from matbank.auth.permissions import ScopeKind
from matbank.users.models import User
from matbank.users.schemas import UserLevel
from matbank.users.service import create_user, grant

PASSWORD = "correct horse battery staple"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def person(
    session: Session,
    account_id: uuid.UUID,
    email: str,
    level: UserLevel = UserLevel.ADMINISTRATOR,
    scope: tuple[ScopeKind, uuid.UUID] | None = None,
) -> User:
    """A user holding ``level`` on ``scope`` (the account by default)."""
    user = create_user(session, email, PASSWORD)
    grant(session, user, account_id, scope or (ScopeKind.ACCOUNT, account_id), level)
    session.commit()
    return user


def csrf(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "no CSRF field on the page"
    return match.group(1)


def sign_in(client, email: str, password: str = PASSWORD):  # noqa: ANN001, ANN201
    form = client.get("/signin")
    assert form.status_code == 200, form.text
    return client.post(
        "/signin",
        data={"email": email, "password": password, "csrf_token": csrf(form.text)},
        follow_redirects=False,
    )


def post_form(client, page_url: str, action: str, data: dict[str, str]):  # noqa: ANN001, ANN201
    """Submit a form the way a browser does: with the CSRF token of the page it is on."""
    token = csrf(client.get(page_url).text)
    return client.post(action, data={**data, "csrf_token": token}, follow_redirects=False)
