"""Folder use-cases: the tree under an account, governed by folder types."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.orm import Session

from matbank.accounts.models import FolderType
from matbank.accounts.repository import AccountRepository
from matbank.auth.permissions import Action, ScopeKind
from matbank.auth.principal import Principal
from matbank.auth.repository import TokenRepository
from matbank.databases.service import delete_owned_databases
from matbank.db import utcnow
from matbank.errors import Conflict, Forbidden, InvalidRequest, NotFound
from matbank.folders.models import Folder
from matbank.folders.repository import FolderRepository, folder_path
from matbank.folders.schemas import ROOT_PARENT_ID, FolderRequest


def list_folders(session: Session, principal: Principal) -> Sequence[Folder]:
    return FolderRepository(session).list(principal)


def get_folder(session: Session, principal: Principal, folder_id: uuid.UUID) -> Folder:
    folder = FolderRepository(session).get(principal, folder_id)
    if folder is None:
        raise NotFound(f"No folder with id {folder_id}.")
    return folder


def get_folder_by_external_id(session: Session, principal: Principal, external_id: str) -> Folder:
    folder = FolderRepository(session).get_by_external_id(principal, external_id)
    if folder is None:
        raise NotFound(f"No folder with externalId '{external_id}'.")
    return folder


def create_folder(session: Session, principal: Principal, request: FolderRequest) -> Folder:
    """Create a folder under the account root or under a visible folder."""
    principal.require(Action.FOLDER_CREATE)
    repo = FolderRepository(session)
    parent = _resolve_parent(session, principal, request.parent_id)
    folder_type = _folder_type(session, principal, request.foldertype_id)
    _check_nesting(session, parent, folder_type)
    _check_external_id(repo, principal.account_id, request.external_id)
    folder_id = uuid.uuid4()
    folder = Folder(
        id=folder_id,
        account_id=principal.account_id,
        parent_id=parent.id if parent else None,
        path=folder_path(parent.path if parent else None, folder_id),
        folder_type_id=folder_type.id,
        name=request.name,
        description=request.description,
        owner=request.owner,
        external_id=request.external_id,
    )
    return repo.add(folder)


def update_folder(
    session: Session, principal: Principal, folder_id: uuid.UUID, request: FolderRequest
) -> Folder:
    """Replace a folder's data; a new ``parentId`` moves it with its whole subtree."""
    principal.require(Action.FOLDER_UPDATE)
    repo = FolderRepository(session)
    folder = get_folder(session, principal, folder_id)
    folder_type = _folder_type(session, principal, request.foldertype_id)
    _check_external_id(repo, principal.account_id, request.external_id, except_id=folder.id)
    if folder_type.id != folder.folder_type_id:
        _check_type_change(session, folder, folder_type)
    new_parent_id = None if _is_root(principal, request.parent_id) else request.parent_id
    if new_parent_id != folder.parent_id:
        _move(session, principal, folder, request.parent_id, folder_type)
    elif folder_type.id != folder.folder_type_id:
        parent = repo.get(principal, folder.parent_id) if folder.parent_id else None
        _check_nesting(session, parent, folder_type)
    folder = get_folder(session, principal, folder_id)
    folder.folder_type_id = folder_type.id
    folder.name = request.name
    folder.description = request.description
    folder.owner = request.owner
    folder.external_id = request.external_id
    session.flush()
    return folder


def delete_folder(session: Session, principal: Principal, folder_id: uuid.UUID) -> None:
    """Delete a folder and its sub-folders; refused while any of them holds a building."""
    principal.require(Action.FOLDER_DELETE)
    repo = FolderRepository(session)
    folder = get_folder(session, principal, folder_id)
    if repo.subtree_has_buildings(folder):
        raise Conflict(
            f"Folder {folder_id} still contains buildings; delete or move them first.",
            title="The folder is not empty.",
        )
    ids = repo.subtree_ids(folder)
    TokenRepository(session).revoke_scoped_to(ScopeKind.FOLDER.value, ids, utcnow())
    delete_owned_databases(session, "folder", ids)
    repo.delete_subtree(folder)


def _is_root(principal: Principal, parent_id: uuid.UUID) -> bool:
    return parent_id in (ROOT_PARENT_ID, principal.account_id)


def _resolve_parent(session: Session, principal: Principal, parent_id: uuid.UUID) -> Folder | None:
    if _is_root(principal, parent_id):
        if not principal.sees_whole_account:
            raise Forbidden(
                "Only an account-scoped token can place folders directly under the account."
            )
        return None
    parent = FolderRepository(session).get(principal, parent_id)
    if parent is None:
        raise NotFound(f"No parent folder with id {parent_id}.")
    return parent


def _folder_type(session: Session, principal: Principal, type_id: uuid.UUID) -> FolderType:
    folder_type = AccountRepository(session).folder_type(principal.account_id, type_id)
    if folder_type is None:
        raise InvalidRequest(
            f"foldertypeId {type_id} is not a folder type of this account; "
            "see GET /api/v3.0/account/foldertypes."
        )
    return folder_type


def _check_nesting(session: Session, parent: Folder | None, folder_type: FolderType) -> None:
    type_name = folder_type.name.get("en", folder_type.key)
    if parent is None:
        if not folder_type.allowed_directly_under_account:
            raise InvalidRequest(
                f"A {type_name} folder cannot be placed directly under the account.",
                title="Folder type not allowed here.",
            )
        return
    parent_type = AccountRepository(session).folder_type(parent.account_id, parent.folder_type_id)
    allowed = set(parent_type.allowed_sub_folder_type_ids) if parent_type else set()
    if str(folder_type.id) not in allowed:
        parent_name = parent_type.name.get("en", parent_type.key) if parent_type else "?"
        raise InvalidRequest(
            f"A {type_name} folder cannot be placed inside a {parent_name} folder.",
            title="Folder type not allowed here.",
        )


def _check_type_change(session: Session, folder: Folder, folder_type: FolderType) -> None:
    repo = FolderRepository(session)
    type_name = folder_type.name.get("en", folder_type.key)
    if not folder_type.allow_buildings and repo.has_direct_buildings(folder):
        raise Conflict(f"The folder holds buildings, which a {type_name} folder does not allow.")
    allowed = set(folder_type.allowed_sub_folder_type_ids)
    if any(str(child) not in allowed for child in repo.child_type_ids(folder)):
        raise Conflict(f"The folder has sub-folders of types a {type_name} folder cannot hold.")


def _move(
    session: Session,
    principal: Principal,
    folder: Folder,
    parent_id: uuid.UUID,
    folder_type: FolderType,
) -> None:
    repo = FolderRepository(session)
    parent = _resolve_parent(session, principal, parent_id)
    if parent is not None and parent.path.startswith(folder.path):
        raise InvalidRequest(
            "A folder cannot be moved into itself or one of its own sub-folders.",
            title="Folder cycle.",
        )
    _check_nesting(session, parent, folder_type)
    old_prefix = folder.path
    new_prefix = folder_path(parent.path if parent else None, folder.id)
    folder.parent_id = parent.id if parent else None
    session.flush()
    repo.move_subtree(folder.account_id, old_prefix, new_prefix)


def _check_external_id(
    repo: FolderRepository,
    account_id: uuid.UUID,
    external_id: str | None,
    except_id: uuid.UUID | None = None,
) -> None:
    if external_id and repo.external_id_taken(account_id, external_id, except_id):
        raise Conflict(f"Another folder already has externalId '{external_id}'.")
