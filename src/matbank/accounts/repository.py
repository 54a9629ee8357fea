"""Queries over accounts and folder types."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from matbank.accounts.models import Account, FolderType


class AccountRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, account_id: uuid.UUID) -> Account | None:
        return self.session.get(Account, account_id)

    def first(self) -> Account | None:
        return self.session.scalars(select(Account).order_by(Account.created_at)).first()

    def add(self, account: Account) -> Account:
        self.session.add(account)
        self.session.flush()
        return account

    def folder_types(self, account_id: uuid.UUID) -> Sequence[FolderType]:
        stmt = (
            select(FolderType)
            .where(FolderType.account_id == account_id)
            .order_by(FolderType.position)
        )
        return self.session.scalars(stmt).all()

    def folder_type(self, account_id: uuid.UUID, folder_type_id: uuid.UUID) -> FolderType | None:
        stmt = select(FolderType).where(
            FolderType.account_id == account_id, FolderType.id == folder_type_id
        )
        return self.session.scalars(stmt).first()

    def add_folder_types(self, folder_types: Sequence[FolderType]) -> None:
        self.session.add_all(folder_types)
        self.session.flush()
