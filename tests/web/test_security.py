"""The web interface's defences: CSRF, session fixation and expiry, who reaches the token
form, other accounts' pages, plaintext passwords and the second factor."""

from __future__ import annotations

import logging
import time
from datetime import timedelta

import pyotp
import pytest
from sqlalchemy import select
from tests.factories import add_building, add_folder, world
from tests.web.helpers import PASSWORD, csrf, person, post_form, sign_in

from matbank.auth.permissions import ScopeKind
from matbank.db import utcnow
from matbank.models import metadata
from matbank.users import sessions
from matbank.users.models import User, WebSession
from matbank.users.schemas import UserLevel


@pytest.fixture
def w(session):
    return world(session)


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/signin")
    assert client.get("/swagger").status_code == 200


def test_forms_without_the_sessions_csrf_token_are_refused(client, session, w):
    person(session, w.account_id, "ada@example.org")
    refused = client.post("/signin", data={"email": "ada@example.org", "password": PASSWORD})
    assert refused.status_code == 403
    assert sign_in(client, "ada@example.org").status_code == 303
    form = {"parent_kind": "account", "parent_id": str(w.account_id), "name": "Sneaky"}
    form["foldertype_id"] = str(w.portfolio_type_id)
    assert client.post("/folders", data=form).status_code == 403
    assert client.post("/folders", data={**form, "csrf_token": "forged"}).status_code == 403
    home = f"/accounts/{w.account_id}"
    assert "Sneaky" not in client.get(home).text
    made = post_form(client, home, "/folders", form)
    assert made.status_code == 303 and "Sneaky" in client.get(home).text


def test_signing_in_replaces_the_session_id(client, session, w):
    person(session, w.account_id, "ada@example.org")
    client.get("/signin")
    planted = client.cookies.get(sessions.COOKIE_NAME)
    assert planted
    signed_in = sign_in(client, "ada@example.org")
    fresh = signed_in.cookies.get(sessions.COOKIE_NAME)
    assert fresh and fresh != planted
    assert "httponly" in signed_in.headers["set-cookie"].lower()
    assert "samesite=lax" in signed_in.headers["set-cookie"].lower()
    assert session.get(WebSession, sessions.hash_id(planted)) is None
    client.cookies.set(sessions.COOKIE_NAME, planted)
    assert client.get("/", follow_redirects=False).headers["location"].startswith("/signin")


def test_sessions_end_when_idle(client, session, w):
    person(session, w.account_id, "ada@example.org")
    raw = sign_in(client, "ada@example.org").cookies.get(sessions.COOKIE_NAME)
    row = session.get(WebSession, sessions.hash_id(raw))
    row.last_seen_at = utcnow() - timedelta(hours=2)
    session.commit()
    assert client.get("/", follow_redirects=False).headers["location"].startswith("/signin")


def test_a_reader_cannot_reach_the_token_form(client, session, w):
    person(session, w.account_id, "rita@example.org", UserLevel.READER)
    sign_in(client, "rita@example.org")
    base = f"/buildings/{w.building.id}"
    page = client.get(base)
    assert page.status_code == 200 and "/users" not in page.text
    assert client.get(f"{base}/users").status_code == 403
    assert client.get(f"{base}/users/tokens/new").status_code == 403
    data = {"name": "x", "level": "Administrator", "lifespan": "infinite"}
    assert post_form(client, base, f"{base}/users/tokens", data).status_code == 403


def test_other_accounts_pages_are_404(client, session, w):
    other = world(session, "Account B")
    nested = add_folder(session, other.account_id, "B folder")
    session.commit()
    person(session, w.account_id, "ada@example.org")
    sign_in(client, "ada@example.org")
    for url in (
        f"/accounts/{other.account_id}",
        f"/folders/{other.folder.id}",
        f"/folders/{nested.id}",
        f"/buildings/{other.building.id}",
        f"/buildings/{other.building.id}/users",
        f"/accounts/{other.account_id}/users/tokens/new",
    ):
        assert client.get(url).status_code == 404, url
    assert client.get(f"/buildings/{w.building.id}").status_code == 200


def test_a_building_role_sees_only_that_building(client, session, w):
    second = add_building(session, w.folder, "Office 2")
    session.commit()
    scope = (ScopeKind.BUILDING, w.building.id)
    person(session, w.account_id, "bo@example.org", UserLevel.MANAGER, scope)
    home = sign_in(client, "bo@example.org")
    assert home.headers["location"] == "/"
    only_place = client.get("/", follow_redirects=False).headers["location"]
    assert only_place == f"/buildings/{w.building.id}"
    assert client.get(f"/buildings/{second.id}").status_code == 404
    assert client.get(f"/accounts/{w.account_id}").status_code == 404


def test_passwords_are_never_stored_or_logged_in_plaintext(client, session, w, caplog):
    caplog.set_level(logging.DEBUG)
    person(session, w.account_id, "ada@example.org")
    sign_in(client, "ada@example.org")
    users = f"/accounts/{w.account_id}/users"
    invited = post_form(
        client, users, f"{users}/invite", {"email": "Neo@Example.org", "level": "Manager"}
    )
    one_time = invited.text.split('id="one-time-password">')[1].split("<")[0]
    client.cookies.clear()
    assert sign_in(client, "neo@example.org", one_time).headers["location"] == "/password"
    assert client.get("/", follow_redirects=False).headers["location"] == "/password"
    chosen = "a brand new secret phrase"
    changed = post_form(client, "/password", "/password", {"password": chosen, "confirm": chosen})
    assert changed.status_code == 303
    stored = _every_stored_value(session)
    for secret in (PASSWORD, one_time, chosen):
        assert secret not in stored
        assert secret not in caplog.text
    hashes = session.scalars(select(User.password_hash)).all()
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)


def _every_stored_value(session) -> str:
    session.expire_all()
    parts = []
    for table in metadata.sorted_tables:
        for row in session.execute(select(table)).all():
            parts.extend(str(value) for value in row)
    return "\n".join(parts)


def test_a_wrong_totp_code_is_refused_and_a_code_works_once(client, session, w):
    user = person(session, w.account_id, "ada@example.org")
    user.totp_secret, user.totp_enabled = pyotp.random_base32(), True
    session.commit()
    first = sign_in(client, "ada@example.org")
    assert first.headers["location"].startswith("/signin/totp")
    assert client.get("/", follow_redirects=False).headers["location"].startswith("/signin")
    page = client.get("/signin/totp")
    code = pyotp.TOTP(user.totp_secret).now()
    wrong = "000000" if code != "000000" else "111111"
    refused = client.post("/signin/totp", data={"code": wrong, "csrf_token": csrf(page.text)})
    assert refused.status_code == 400
    assert client.get("/", follow_redirects=False).headers["location"].startswith("/signin")
    pending = client.cookies.get(sessions.COOKIE_NAME)
    accepted = client.post(
        "/signin/totp",
        data={"code": code, "csrf_token": csrf(refused.text)},
        follow_redirects=False,
    )
    assert accepted.status_code == 303 and accepted.cookies.get(sessions.COOKIE_NAME) != pending
    assert client.get("/", follow_redirects=False).status_code == 303  # to the only place
    client.cookies.clear()
    sign_in(client, "ada@example.org")
    again = client.get("/signin/totp")
    replay = client.post("/signin/totp", data={"code": code, "csrf_token": csrf(again.text)})
    assert replay.status_code == 400


def test_totp_is_switched_on_with_a_confirmed_code(client, session, w):
    user = person(session, w.account_id, "ada@example.org")
    sign_in(client, "ada@example.org")
    started = post_form(client, "/security", "/security/totp/start", {})
    secret = started.text.split('id="totp-secret">')[1].split("<")[0]
    token = csrf(started.text)
    bad = client.post("/security/totp/confirm", data={"code": "12345", "csrf_token": token})
    assert bad.status_code == 400
    code = pyotp.TOTP(secret).at(time.time())
    good = client.post(
        "/security/totp/confirm", data={"code": code, "csrf_token": token}, follow_redirects=False
    )
    assert good.status_code == 303
    session.refresh(user)
    assert user.totp_enabled


def test_wrong_passwords_in_a_row_lock_the_account_for_a_while(client, session, w):
    """Five wrong passwords lock the account: even the right one is refused, with the same
    answer as a wrong one; after the lock a right password works and resets the count."""
    person(session, w.account_id, "ada@example.org")
    for _ in range(4):
        assert sign_in(client, "ada@example.org", "wrong").status_code == 400
    assert sign_in(client, "ada@example.org").status_code == 303  # the fifth try is right
    user = session.scalar(select(User).where(User.email == "ada@example.org"))
    session.refresh(user)
    assert user.failed_sign_ins == 0 and user.locked_until is None

    client.cookies.clear()
    for _ in range(5):
        assert sign_in(client, "ada@example.org", "wrong").status_code == 400
    locked = sign_in(client, "ada@example.org")
    unknown = sign_in(client, "nobody@example.org")
    assert locked.status_code == unknown.status_code == 400
    assert "locked for a while" in locked.text and "locked for a while" in unknown.text
    session.refresh(user)
    assert user.locked_until is not None and user.locked_until > utcnow()

    user.locked_until = utcnow() - timedelta(seconds=1)
    session.commit()
    assert sign_in(client, "ada@example.org").status_code == 303
