"""People: creating users, checking passwords and second factors, granting roles, and the
principal a role gives on the data (so pages reuse the same services and scope filters as
the API)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from matbank.auth.permissions import ScopeKind
from matbank.auth.principal import Principal
from matbank.db import utcnow
from matbank.errors import Conflict, InvalidRequest, NotFound
from matbank.users import passwords, totp
from matbank.users.models import Membership, User
from matbank.users.repository import MembershipRepository, UserRepository
from matbank.users.schemas import InviteForm, NewPasswordForm, UserLevel, normalise_email

ROLE_SCOPES = (ScopeKind.ACCOUNT, ScopeKind.FOLDER, ScopeKind.BUILDING)


@dataclass(frozen=True)
class Grant:
    """One role of a user and the principal it acts as on the data."""

    membership: Membership
    level: UserLevel
    principal: Principal


@dataclass(frozen=True)
class Invitation:
    user: User
    membership: Membership
    one_time_password: str | None


def create_user(
    session: Session, email: str, password: str, *, must_change_password: bool = False
) -> User:
    """A new user; ``password`` is hashed at once and never kept."""
    email = normalise_email(email)
    repo = UserRepository(session)
    if repo.by_email(email) is not None:
        raise Conflict(f"A user with email {email} exists already.")
    user = User(
        email=email,
        password_hash=passwords.hash_password(password),
        must_change_password=must_change_password,
    )
    repo.add(user)
    return user


def find_user(session: Session, email: str) -> User | None:
    return UserRepository(session).by_email(normalise_email(email))


def any_user_exists(session: Session) -> bool:
    return UserRepository(session).any_exists()


@dataclass(frozen=True)
class Lockout:
    """After ``max_failures`` wrong passwords in a row an account refuses every sign-in, the
    right password included, for ``lock_seconds``; then the count starts again."""

    max_failures: int = 5
    lock_seconds: int = 15 * 60


def check_password(
    session: Session, email: str, password: str, lockout: Lockout = Lockout()
) -> User | None:
    """The active, unlocked user with this email and password, else None (the same answer
    and the same cost whether the email is unknown, the password wrong or the account
    locked, so a failure tells nothing about the account)."""
    user = find_user(session, email)
    now = utcnow()
    usable = user is not None and user.is_active and not _locked(user, now)
    stored = user.password_hash if usable and user is not None else None
    if not passwords.verify_password(stored, password) or user is None:
        if usable and user is not None:
            _count_failure(session, user, lockout, now)
        return None
    user.failed_sign_ins = 0
    if stored and passwords.needs_rehash(stored):
        user.password_hash = passwords.hash_password(password)
    return user


def _locked(user: User, now: datetime) -> bool:
    return user.locked_until is not None and user.locked_until > now


def _count_failure(session: Session, user: User, lockout: Lockout, now: datetime) -> None:
    # Counted in SQL, so failures from parallel requests all count.
    user.failed_sign_ins = User.failed_sign_ins + 1
    session.flush()
    session.refresh(user, ["failed_sign_ins"])
    if user.failed_sign_ins >= lockout.max_failures:
        user.locked_until = now + timedelta(seconds=lockout.lock_seconds)
        user.failed_sign_ins = 0
    session.flush()


def change_password(session: Session, user: User, form: NewPasswordForm) -> None:
    if form.password != form.confirm:
        raise InvalidRequest("The two passwords differ.")
    if passwords.verify_password(user.password_hash, form.password):
        raise InvalidRequest("Choose a password different from the current one.")
    user.password_hash = passwords.hash_password(form.password)
    user.must_change_password = False
    session.flush()


def record_sign_in(user: User) -> None:
    user.last_sign_in_at = utcnow()


# --- second factor ---------------------------------------------------------------------------


def begin_totp_setup(user: User) -> str:
    """A fresh secret for the user to load into an authenticator (not active yet)."""
    if not user.totp_enabled:
        user.totp_secret = totp.new_secret()
    return user.totp_secret or ""


def check_totp(user: User, code: str) -> bool:
    """Whether ``code`` is the user's current code; each code works only once."""
    if not user.totp_secret:
        return False
    step = totp.matching_step(user.totp_secret, code)
    if step is None or (user.totp_last_step is not None and step <= user.totp_last_step):
        return False
    user.totp_last_step = step
    return True


def confirm_totp(user: User, code: str) -> None:
    if user.totp_enabled or not check_totp(user, code):
        raise InvalidRequest("The code is not the one your authenticator shows now.")
    user.totp_enabled = True


def disable_totp(user: User, code: str) -> None:
    if not user.totp_enabled or not check_totp(user, code):
        raise InvalidRequest("The code is not the one your authenticator shows now.")
    user.totp_enabled = False
    user.totp_secret = None


# --- roles -----------------------------------------------------------------------------------


def grant(
    session: Session,
    user: User,
    account_id: uuid.UUID,
    scope: tuple[ScopeKind, uuid.UUID],
    level: UserLevel,
    created_by: str | None = None,
) -> Membership:
    """Give ``user`` a role on a resource; an existing role there changes level."""
    kind, scope_id = scope
    if kind not in ROLE_SCOPES:
        raise InvalidRequest("Roles are granted on an account, a folder or a building.")
    repo = MembershipRepository(session)
    membership = repo.find(user.id, kind.value, scope_id)
    if membership is None:
        membership = Membership(
            user_id=user.id,
            account_id=account_id,
            scope_kind=kind.value,
            scope_id=scope_id,
            level=level.value,
            created_by=created_by,
        )
        UserRepository(session).add(membership)
    membership.level = level.value
    session.flush()
    return membership


def invite(
    session: Session,
    inviter: User,
    account_id: uuid.UUID,
    scope: tuple[ScopeKind, uuid.UUID],
    form: InviteForm,
) -> Invitation:
    """Grant a role to a person by email; someone new gets a one-time password to pass on
    (they choose their own at first sign-in)."""
    user = find_user(session, form.email)
    secret = None
    if user is None:
        secret = passwords.one_time_password()
        user = create_user(session, form.email, secret, must_change_password=True)
    membership = grant(session, user, account_id, scope, form.level, created_by=inviter.email)
    return Invitation(user=user, membership=membership, one_time_password=secret)


def members_at(session: Session, kind: ScopeKind, scope_id: uuid.UUID) -> Sequence[tuple]:
    """(membership, user) pairs of the roles granted on exactly this resource."""
    return [tuple(row) for row in MembershipRepository(session).at_scope(kind.value, scope_id)]


def remove_member(
    session: Session, kind: ScopeKind, scope_id: uuid.UUID, membership_id: uuid.UUID
) -> None:
    """Remove a role; it can only be removed on the resource where it was granted."""
    repo = MembershipRepository(session)
    membership = repo.get(membership_id)
    if membership is None or (membership.scope_kind, membership.scope_id) != (kind.value, scope_id):
        raise NotFound(f"No role {membership_id} on this {kind.value}.")
    repo.delete(membership)


def grants_of(session: Session, user: User) -> list[Grant]:
    """Every role of the user with its principal, strongest first."""
    grants = []
    for membership, folder_path in MembershipRepository(session).of_user(user.id):
        level = UserLevel(membership.level)
        principal = Principal(
            token_id=membership.id,
            account_id=membership.account_id,
            scope_kind=ScopeKind(membership.scope_kind),
            scope_id=membership.scope_id,
            permission=level.as_permission(),
            folder_path=folder_path,
        )
        grants.append(Grant(membership=membership, level=level, principal=principal))
    return sorted(grants, key=lambda g: -g.level.rank)


def get_user(session: Session, user_id: uuid.UUID | None) -> User | None:
    return UserRepository(session).get(user_id) if user_id is not None else None
