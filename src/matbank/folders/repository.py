"""Queries over folders, always filtered by the caller's scope."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import Select, delete, exists, false, func, select, update
from sqlalchemy.orm import Session

from matbank.auth.permissions import ScopeKind
from matbank.auth.principal import Principal
from matbank.buildings.models import Building
from matbank.folders.models import Folder


def folder_path(parent_path: str | None, folder_id: uuid.UUID) -> str:
    return f"{parent_path or '/'}{folder_id.hex}/"


def folder_chain_ids(path: str) -> list[uuid.UUID]:
    """The ids of a folder and all its ancestors, read from its materialised path."""
    return [uuid.UUID(hex=part) for part in path.strip("/").split("/") if part]


class FolderRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def readable(self, principal: Principal) -> Select[tuple[Folder]]:
        """Folders the principal may see: its account's, narrowed to a folder subtree."""
        stmt = select(Folder).where(Folder.account_id == principal.account_id)
        if principal.scope_kind is ScopeKind.ACCOUNT:
            return stmt
        if principal.scope_kind is ScopeKind.FOLDER and principal.folder_path:
            return stmt.where(Folder.path.startswith(principal.folder_path))
        return stmt.where(false())

    def list(self, principal: Principal) -> Sequence[Folder]:
        return self.session.scalars(self.readable(principal).order_by(Folder.path)).all()

    def get(self, principal: Principal, folder_id: uuid.UUID) -> Folder | None:
        return self.session.scalars(self.readable(principal).where(Folder.id == folder_id)).first()

    def get_by_external_id(self, principal: Principal, external_id: str) -> Folder | None:
        stmt = self.readable(principal).where(Folder.external_id == external_id)
        return self.session.scalars(stmt).first()

    def external_id_taken(
        self, account_id: uuid.UUID, external_id: str, except_id: uuid.UUID | None = None
    ) -> bool:
        stmt = select(Folder.id).where(
            Folder.account_id == account_id, Folder.external_id == external_id
        )
        if except_id is not None:
            stmt = stmt.where(Folder.id != except_id)
        return self.session.scalars(stmt).first() is not None

    def add(self, folder: Folder) -> Folder:
        self.session.add(folder)
        self.session.flush()
        return folder

    def move_subtree(self, account_id: uuid.UUID, old_prefix: str, new_prefix: str) -> None:
        """Rewrite the materialised path of a folder and all its descendants."""
        self.session.execute(
            update(Folder)
            .where(Folder.account_id == account_id, Folder.path.startswith(old_prefix))
            .values(path=new_prefix + func.substr(Folder.path, len(old_prefix) + 1))
            .execution_options(synchronize_session=False)
        )
        self.session.expire_all()

    def child_type_ids(self, folder: Folder) -> set[uuid.UUID]:
        stmt = select(Folder.folder_type_id).where(Folder.parent_id == folder.id).distinct()
        return set(self.session.scalars(stmt).all())

    def subtree_has_buildings(self, folder: Folder) -> bool:
        subtree = select(Folder.id).where(
            Folder.account_id == folder.account_id, Folder.path.startswith(folder.path)
        )
        stmt = select(exists().where(Building.folder_id.in_(subtree)))
        return bool(self.session.scalar(stmt))

    def has_direct_buildings(self, folder: Folder) -> bool:
        return bool(self.session.scalar(select(exists().where(Building.folder_id == folder.id))))

    def subtree_ids(self, folder: Folder) -> list[uuid.UUID]:
        stmt = select(Folder.id).where(
            Folder.account_id == folder.account_id, Folder.path.startswith(folder.path)
        )
        return list(self.session.scalars(stmt).all())

    def delete_subtree(self, folder: Folder) -> None:
        # Deepest first, so no statement ever removes a parent before its children.
        ids_by_depth = sorted(
            self.session.execute(
                select(Folder.id, Folder.path).where(
                    Folder.account_id == folder.account_id, Folder.path.startswith(folder.path)
                )
            ).all(),
            key=lambda row: -len(row.path),
        )
        for row in ids_by_depth:
            self.session.execute(delete(Folder).where(Folder.id == row.id))
        self.session.expunge(folder)
