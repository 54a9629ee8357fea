"""Which of a user's roles opens a page: the strongest role whose scope shows the resource.

Each role acts as a principal, so pages see exactly what a token of the same level and
scope would see through the API; a resource no role shows is 404 (other accounts' too).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from matbank.accounts.service import get_account
from matbank.auth.permissions import Action, ScopeKind, is_allowed
from matbank.auth.principal import Principal
from matbank.buildings.service import get_building
from matbank.databases.service import get_database
from matbank.errors import MatbankError, NotFound
from matbank.folders.service import get_folder
from matbank.users.models import User
from matbank.users.schemas import UserLevel
from matbank.users.service import Grant, grants_of

COLLECTIONS = {
    "accounts": ScopeKind.ACCOUNT,
    "folders": ScopeKind.FOLDER,
    "buildings": ScopeKind.BUILDING,
    "databases": ScopeKind.DATABASE,
}
PATHS = {kind: f"/{name}" for name, kind in COLLECTIONS.items()}


@dataclass(frozen=True)
class Access:
    kind: ScopeKind
    resource: Any
    grant: Grant

    @property
    def principal(self) -> Principal:
        return self.grant.principal

    @property
    def level(self) -> UserLevel:
        return self.grant.level

    @property
    def account_id(self) -> uuid.UUID:
        return self.principal.account_id

    @property
    def url(self) -> str:
        return f"{PATHS[self.kind]}/{self.resource.id}"

    def can(self, action: Action) -> bool:
        return is_allowed(self.principal.scope_kind, self.principal.permission, action)

    @property
    def manages_users(self) -> bool:
        """Only Administrators add users and tokens, and only on their own account's data."""
        owned = self.kind is ScopeKind.ACCOUNT or self.resource.account_id == self.account_id
        return self.level is UserLevel.ADMINISTRATOR and owned


def find(session: Session, principal: Principal, kind: ScopeKind, resource_id: uuid.UUID) -> Any:
    """The resource as ``principal`` sees it, or None."""
    try:
        if kind is ScopeKind.ACCOUNT:
            if not principal.sees_whole_account or principal.account_id != resource_id:
                return None
            return get_account(session, principal)
        if kind is ScopeKind.FOLDER:
            return get_folder(session, principal, resource_id)
        if kind is ScopeKind.BUILDING:
            return get_building(session, principal, resource_id)
        return get_database(session, principal, resource_id)
    except MatbankError:
        return None


def access(session: Session, user: User, kind: ScopeKind, resource_id: uuid.UUID) -> Access:
    """The strongest of the user's roles that shows the resource (404 when none does)."""
    for grant in grants_of(session, user):
        if kind is ScopeKind.BUILDING and grant.level is UserLevel.BILLING:
            continue  # Billing sees folders and passports, not the objects' data.
        resource = find(session, grant.principal, kind, resource_id)
        if resource is not None:
            return Access(kind=kind, resource=resource, grant=grant)
    raise NotFound(f"There is no {kind.value} {resource_id} that you can open.")


def scope_kind(collection: str) -> ScopeKind:
    kind = COLLECTIONS.get(collection)
    if kind is None:
        raise NotFound(f"There are no pages under /{collection}.")
    return kind


def places(session: Session, user: User) -> list[Access]:
    """The resources the user's roles open, one per role (roles on deleted resources drop)."""
    found = []
    for grant in grants_of(session, user):
        principal = grant.principal
        if principal.scope_kind is ScopeKind.BUILDING and grant.level is UserLevel.BILLING:
            continue
        resource = find(session, principal, principal.scope_kind, principal.scope_id)
        if resource is not None:
            found.append(Access(kind=principal.scope_kind, resource=resource, grant=grant))
    return found
