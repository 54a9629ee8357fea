"""Which account owns the object a token is scoped to."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from matbank.accounts.models import Account
from matbank.auth.permissions import ScopeKind
from matbank.buildings.models import Building
from matbank.databases.models import MaterialDatabase
from matbank.errors import InvalidRequest, NotFound
from matbank.folders.models import Folder


def owning_account(session: Session, kind: ScopeKind, scope_id: uuid.UUID) -> uuid.UUID:
    """The account a token for ``kind``/``scope_id`` belongs to (404 if the object is gone)."""
    model = {
        ScopeKind.ACCOUNT: Account,
        ScopeKind.FOLDER: Folder,
        ScopeKind.BUILDING: Building,
        ScopeKind.DATABASE: MaterialDatabase,
    }[kind]
    obj = session.get(model, scope_id)
    if obj is None:
        raise NotFound(f"No {kind.value} with id {scope_id}.")
    if isinstance(obj, Account):
        return obj.id
    if obj.account_id is None:
        raise InvalidRequest("Tokens cannot be scoped to a system-wide database.")
    return obj.account_id
