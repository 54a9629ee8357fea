"""Accounts: creation with default folder types, and what a principal may read."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.orm import Session

from matbank.accounts.models import Account, FolderType
from matbank.accounts.repository import AccountRepository
from matbank.accounts.schemas import AccountType
from matbank.auth.principal import Principal
from matbank.errors import NotFound
from matbank.system.catalogue import default_folder_types


def create_account(
    session: Session, name: str, account_type: AccountType = AccountType.GENERAL
) -> Account:
    """Create an account and seed its default folder types (Portfolio, Project, …)."""
    repo = AccountRepository(session)
    account = repo.add(Account(name=name, account_type=account_type.value))
    seed_folder_types(session, account.id)
    return account


def seed_folder_types(session: Session, account_id: uuid.UUID) -> Sequence[FolderType]:
    """Give an account the shipped folder types, wiring the allowed sub-folder types by key."""
    specs = default_folder_types()
    ids = {spec["key"]: uuid.uuid4() for spec in specs}
    folder_types = [
        FolderType(
            id=ids[spec["key"]],
            account_id=account_id,
            key=spec["key"],
            position=position,
            name=spec["name"],
            plural_name=spec["plural"],
            description=spec["description"],
            allow_buildings=spec["allowBuildings"],
            allowed_directly_under_account=spec["underAccount"],
            has_address=spec["hasAddress"],
            has_spatial_coordinates=spec["hasSpatialCoordinates"],
            allowed_sub_folder_type_ids=[str(ids[key]) for key in spec["sub"]],
        )
        for position, spec in enumerate(specs)
    ]
    AccountRepository(session).add_folder_types(folder_types)
    return folder_types


def get_account(session: Session, principal: Principal) -> Account:
    """The account the caller's token belongs to."""
    account = AccountRepository(session).get(principal.account_id)
    if account is None:
        raise NotFound("The token's account no longer exists.")
    return account


def list_folder_types(session: Session, principal: Principal) -> Sequence[FolderType]:
    return AccountRepository(session).folder_types(principal.account_id)
