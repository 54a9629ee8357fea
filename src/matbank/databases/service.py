"""Material-database use-cases: visibility, ownership levels and the rights to change them."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.orm import Session

from matbank.accounts.repository import AccountRepository
from matbank.auth.permissions import Action, ScopeKind, is_allowed
from matbank.auth.principal import Principal
from matbank.auth.repository import TokenRepository
from matbank.buildings.models import Building
from matbank.buildings.repository import BuildingRepository
from matbank.databases import files
from matbank.databases.models import MaterialDatabase
from matbank.databases.repository import (
    ACCOUNT,
    BUILDING,
    FOLDER,
    DatabaseRepository,
    is_public,
)
from matbank.databases.schemas import Database
from matbank.databases.usage import commodities_in_use
from matbank.db import utcnow
from matbank.errors import Conflict, Forbidden, NotFound, PreconditionFailed
from matbank.folders.models import Folder
from matbank.folders.repository import folder_chain_ids

#: Account types that may publish a database to everybody (domain: "special accounts").
_PUBLISHING_ACCOUNT_TYPES = frozenset({"VerifiedDatabase", "Supplier"})
MAX_PAGE_SIZE = 1000


def list_databases(session: Session, principal: Principal) -> Sequence[MaterialDatabase]:
    return DatabaseRepository(session).list(principal)


def get_database(
    session: Session, principal: Principal, database_id: uuid.UUID
) -> MaterialDatabase:
    """A visible database; 403 when it is the caller's account's but outside its scope."""
    repo = DatabaseRepository(session)
    database = repo.get(principal, database_id)
    if database is not None:
        return database
    if repo.exists_in_account(principal.account_id, database_id):
        raise Forbidden(f"The API key's scope does not include database {database_id}.")
    raise NotFound(f"No database with id {database_id}.")


def get_database_by_external_id(
    session: Session, principal: Principal, external_id: str
) -> MaterialDatabase:
    database = DatabaseRepository(session).get_by_external_id(principal, external_id)
    if database is None:
        raise NotFound(f"No database with externalId '{external_id}'.")
    return database


def can_contribute(principal: Principal, database: MaterialDatabase) -> bool:
    """Whether the caller may add or change commodities of ``database`` (it must be visible)."""
    if database.account_id != principal.account_id or database.owner_kind not in (
        ACCOUNT,
        FOLDER,
        BUILDING,
    ):
        return False
    return is_allowed(principal.scope_kind, principal.permission, Action.DATABASE_CONTRIBUTE)


def require_contribute(principal: Principal, database: MaterialDatabase) -> None:
    if is_public(database) and database.account_id != principal.account_id:
        raise Forbidden(f"Database {database.id} is read-only for this API key.")
    principal.require(Action.DATABASE_CONTRIBUTE)
    if not can_contribute(principal, database):
        raise Forbidden(f"Database {database.id} is read-only for this API key.")


def create_database(session: Session, principal: Principal, request: Database) -> MaterialDatabase:
    """Create a database at the level the token is scoped to (account, folder or building)."""
    principal.require(Action.DATABASE_CREATE)
    repo = DatabaseRepository(session)
    _check_external_id(repo, principal.account_id, request.external_id)
    database = MaterialDatabase(
        account_id=principal.account_id,
        owner_kind=principal.scope_kind.value,
        owner_id=principal.scope_id,
        external_id=request.external_id,
    )
    _apply(session, principal, database, request)
    return repo.add(database)


def update_database(session: Session, principal: Principal, request: Database) -> MaterialDatabase:
    """Replace a database's data; its externalId and owner never change."""
    if request.id is None:
        raise NotFound("The body has no id, so there is no database to update.")
    database = get_database(session, principal, request.id)
    if is_public(database) and database.account_id != principal.account_id:
        raise Forbidden(f"Database {database.id} is read-only for this API key.")
    principal.require(Action.DATABASE_UPDATE)
    _apply(session, principal, database, request)
    session.flush()
    return database


def delete_database(
    session: Session, principal: Principal, database_id: uuid.UUID, storage: files.LocalFolder
) -> None:
    """Delete a database with its commodities, unless something outside it uses one (412)."""
    database = get_database(session, principal, database_id)
    if database.account_id != principal.account_id:
        raise Forbidden(f"Database {database.id} is read-only for this API key.")
    principal.require(Action.DATABASE_DELETE)
    repo = DatabaseRepository(session)
    used = commodities_in_use(session, repo.commodity_ids(database.id), database.id)
    if used:
        raise PreconditionFailed(
            f"{len(used)} commodities of database {database.id} are still in use elsewhere, "
            f"e.g. {sorted(map(str, used))[0]}."
        )
    TokenRepository(session).revoke_scoped_to(ScopeKind.DATABASE.value, [database.id], utcnow())
    keys = files.keys_of_database(session, database.id)
    repo.delete(database)
    storage.delete_all(keys)


def _apply(
    session: Session, principal: Principal, database: MaterialDatabase, request: Database
) -> None:
    database.names = request.names.as_dict()
    database.description = request.description.as_dict() if request.description else {}
    database.license = request.license.as_dict() if request.license else {}
    database.initially_selected_for_enrichment = request.initially_selected_for_enrichment
    if _may_publish(session, principal):
        database.available_in_countries = (
            [c.lower() for c in request.available_in_countries]
            if request.available_in_countries is not None
            else None
        )
        database.is_available_for_everybody = bool(request.is_available_for_everybody)
    elif database.is_available_for_everybody is None:
        database.is_available_for_everybody = False


def _may_publish(session: Session, principal: Principal) -> bool:
    account = AccountRepository(session).get(principal.account_id)
    return account is not None and account.account_type in _PUBLISHING_ACCOUNT_TYPES


def _check_external_id(repo: DatabaseRepository, account_id: uuid.UUID, ext: str | None) -> None:
    if ext and repo.external_id_in_account(account_id, ext) is not None:
        raise Conflict(f"Another database of this account already has externalId '{ext}'.")


def commodity_page(
    session: Session,
    principal: Principal,
    database_id: uuid.UUID,
    *,
    include_inactive: bool,
    skip: int,
    take: int | None,
) -> Sequence[object]:
    """One page of a database's commodities (``take`` is capped at MAX_PAGE_SIZE)."""
    database = get_database(session, principal, database_id)
    size = MAX_PAGE_SIZE if take is None else min(take, MAX_PAGE_SIZE)
    return DatabaseRepository(session).commodity_page(
        database.id, include_inactive=include_inactive, skip=skip, take=size
    )


# --- v3.0 building-level databases ----------------------------------------------------------


def _building(session: Session, principal: Principal, building_id: uuid.UUID) -> Building:
    building = BuildingRepository(session).get(principal, building_id)
    if building is None:
        raise NotFound(f"No building with id {building_id}.")
    return building


def building_databases(
    session: Session, principal: Principal, building_id: uuid.UUID
) -> Sequence[MaterialDatabase]:
    building = _building(session, principal, building_id)
    return DatabaseRepository(session).owned_by(BUILDING, building.id)


def add_building_database(
    session: Session, principal: Principal, building_id: uuid.UUID
) -> MaterialDatabase:
    """Create an (initially empty) database owned by the building, named after it."""
    building = _building(session, principal, building_id)
    principal.require(Action.DATABASE_CREATE)
    database = MaterialDatabase(
        account_id=building.account_id,
        owner_kind=BUILDING,
        owner_id=building.id,
        names={"en": f"{building.name} database"[:400]},
        is_available_for_everybody=False,
    )
    return DatabaseRepository(session).add(database)


def available_databases(
    session: Session, principal: Principal, building_id: uuid.UUID, explicitly_shared: bool
) -> Sequence[MaterialDatabase]:
    building = _building(session, principal, building_id)
    folder = session.get(Folder, building.folder_id)
    folder_ids = folder_chain_ids(folder.path) if folder is not None else []
    return DatabaseRepository(session).available_for_building(
        building, folder_ids, explicitly_shared=explicitly_shared
    )



def delete_owned_databases(session: Session, owner_kind: str, owner_ids: list[uuid.UUID]) -> None:
    """Delete the databases of folders or buildings that are being deleted, with their
    commodities and the tokens scoped to them."""
    repo = DatabaseRepository(session)
    for owner_id in owner_ids:
        databases = repo.owned_by(owner_kind, owner_id)
        TokenRepository(session).revoke_scoped_to(
            ScopeKind.DATABASE.value, [d.id for d in databases], utcnow()
        )
        for database in databases:
            repo.delete(database)
