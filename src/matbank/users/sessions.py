"""Server-side browser sessions and their CSRF synchronizer tokens.

The cookie holds 256 random bits; the table holds their SHA-256. A session ends after
``idle`` seconds without a request or ``absolute`` seconds after it began, whichever
comes first. Every change of privilege (sign-in, second factor) replaces the session with
a new id, so an id planted before sign-in is worthless afterwards (session fixation).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from matbank.db import utcnow
from matbank.users.models import User, WebSession
from matbank.users.repository import WebSessionRepository

COOKIE_NAME = "matbank_session"
ANONYMOUS, TOTP_PENDING, SIGNED_IN = "anonymous", "totp", "signed-in"
#: How long a sign-in form stays usable, and how long the second-factor step may take.
SHORT_LIFETIME = timedelta(minutes=15)
#: last_seen_at is written at most this often, so reading pages rarely writes.
TOUCH_RESOLUTION = timedelta(seconds=60)


@dataclass(frozen=True)
class SessionPolicy:
    idle: timedelta
    absolute: timedelta


def hash_id(raw_id: str) -> str:
    return hashlib.sha256(raw_id.encode("utf-8")).hexdigest()


def start(
    session: Session,
    policy: SessionPolicy,
    *,
    user: User | None = None,
    stage: str = ANONYMOUS,
    now: datetime | None = None,
) -> tuple[str, WebSession]:
    """A new session; returns the raw id for the cookie (never stored) and the row."""
    now = now or utcnow()
    if stage == ANONYMOUS:
        # Sign-in forms are shown to anyone; their sessions are swept as new ones start.
        WebSessionRepository(session).purge_expired(now)
    lifetime = policy.absolute if stage == SIGNED_IN else min(SHORT_LIFETIME, policy.absolute)
    raw_id = secrets.token_urlsafe(32)
    row = WebSession(
        id_hash=hash_id(raw_id),
        user_id=user.id if user else None,
        stage=stage,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        last_seen_at=now,
        expires_at=now + lifetime,
    )
    return raw_id, WebSessionRepository(session).add(row)


def rotate(
    session: Session, old: WebSession | None, policy: SessionPolicy, *, user: User, stage: str
) -> tuple[str, WebSession]:
    """Replace ``old`` by a new session for ``user`` at ``stage`` (new id, new CSRF token)."""
    repo = WebSessionRepository(session)
    now = utcnow()
    if old is not None:
        repo.delete(old.id_hash)
    repo.purge_expired(now)
    return start(session, policy, user=user, stage=stage, now=now)


def resolve(session: Session, raw_id: str | None, policy: SessionPolicy) -> WebSession | None:
    """The live session behind a cookie value, or None when unknown or expired."""
    if not raw_id or len(raw_id) > 128:
        return None
    repo = WebSessionRepository(session)
    row = repo.get(hash_id(raw_id))
    now = utcnow()
    if row is None or row.expires_at <= now or now - row.last_seen_at >= policy.idle:
        return None
    if now - row.last_seen_at >= TOUCH_RESOLUTION:
        _touch(session, repo, row, now)
    return row


def _touch(session: Session, repo: WebSessionRepository, row: WebSession, now: datetime) -> None:
    """Best effort: a page is never refused because last_seen_at could not be written."""
    try:
        with session.begin_nested():
            repo.touch(row.id_hash, now)
    except OperationalError:
        return


def end(session: Session, row: WebSession) -> None:
    WebSessionRepository(session).delete(row.id_hash)


def end_others(session: Session, user: User, keep: WebSession) -> None:
    """Sign the user out everywhere else (after a password change)."""
    WebSessionRepository(session).delete_for_user(user.id, except_hash=keep.id_hash)


def csrf_matches(row: WebSession | None, submitted: str | None) -> bool:
    if row is None or not submitted:
        return False
    return hmac.compare_digest(row.csrf_token.encode(), submitted.encode())
