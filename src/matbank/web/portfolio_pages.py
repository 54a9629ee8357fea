"""The portfolio: the home page, an account's folder tree and a folder, and the forms that
add folders and buildings."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response

from matbank.accounts.service import list_folder_types
from matbank.auth.dependencies import SessionDep
from matbank.auth.permissions import Action, ScopeKind
from matbank.buildings.schemas import BuildingPhase, BuildingRequest
from matbank.buildings.service import create_building, list_buildings
from matbank.databases.service import list_databases
from matbank.folders.schemas import FolderRequest
from matbank.folders.service import create_folder, list_folders
from matbank.system.catalogue import building_usages
from matbank.web.access import access, places
from matbank.web.context import CsrfDep, SignedInDep, user_of
from matbank.web.forms import parse_form
from matbank.web.render import WebRoute, page, see_other
from matbank.web.tree import ancestors, folder_tree

router = APIRouter(route_class=WebRoute, include_in_schema=False)


@router.get("/")
def home(request: Request, session: SessionDep, visitor: SignedInDep) -> Response:
    """Straight to the one place a user's role opens, or a list when there are several."""
    found = places(session, user_of(visitor))
    if len(found) == 1:
        return see_other(found[0].url)
    return page(request, "home.html", places=found)


@router.get("/accounts/{account_id}")
def account_page(
    request: Request, session: SessionDep, visitor: SignedInDep, account_id: uuid.UUID
) -> Response:
    seen = access(session, user_of(visitor), ScopeKind.ACCOUNT, account_id)
    principal = seen.principal
    types = list_folder_types(session, principal)
    rows = folder_tree(list_folders(session, principal), list_buildings(session, principal), types)
    top_types = [t for t in types if t.allowed_directly_under_account]
    databases = [d for d in list_databases(session, principal) if d.owner_kind != "building"]
    return page(
        request,
        "account.html",
        access=seen,
        rows=rows,
        new_folder_types=top_types if seen.can(Action.FOLDER_CREATE) else [],
        databases=databases,
        tab="overview",
    )


@router.get("/folders/{folder_id}")
def folder_page(
    request: Request, session: SessionDep, visitor: SignedInDep, folder_id: uuid.UUID
) -> Response:
    seen = access(session, user_of(visitor), ScopeKind.FOLDER, folder_id)
    principal, folder = seen.principal, seen.resource
    types = list_folder_types(session, principal)
    visible = list_folders(session, principal)
    rows = folder_tree(visible, list_buildings(session, principal), types, root=folder)
    own_type = next(t for t in types if t.id == folder.folder_type_id)
    allowed = set(own_type.allowed_sub_folder_type_ids)
    sub_types = [t for t in types if str(t.id) in allowed]
    return page(
        request,
        "folder.html",
        access=seen,
        folder=folder,
        folder_type=own_type,
        trail=ancestors(folder, visible),
        rows=rows,
        new_folder_types=sub_types if seen.can(Action.FOLDER_CREATE) else [],
        may_add_building=own_type.allow_buildings and seen.can(Action.BUILDING_CREATE),
        usages=sorted(building_usages().values(), key=lambda u: u.names.get("en", u.key)),
        phases=list(BuildingPhase),
        today=datetime.now(UTC).date().isoformat(),
        tab="overview",
    )


@router.post("/folders")
def add_folder(
    session: SessionDep,
    visitor: SignedInDep,
    _: CsrfDep,
    parent_kind: Annotated[str, Form(max_length=16)],
    parent_id: Annotated[uuid.UUID, Form()],
    foldertype_id: Annotated[uuid.UUID, Form()],
    name: Annotated[str, Form(max_length=400)] = "",
    description: Annotated[str, Form(max_length=4000)] = "",
) -> Response:
    """A folder under the account (``parent_id`` is the account's id) or under a folder."""
    kind = ScopeKind.ACCOUNT if parent_kind == "account" else ScopeKind.FOLDER
    seen = access(session, user_of(visitor), kind, parent_id)
    request = parse_form(
        FolderRequest,
        name=name.strip(),
        description=description.strip() or None,
        parent_id=parent_id,
        foldertype_id=foldertype_id,
    )
    folder = create_folder(session, seen.principal, request)
    return see_other(f"/folders/{folder.id}")


@router.post("/buildings")
def add_building(
    session: SessionDep,
    visitor: SignedInDep,
    _: CsrfDep,
    folder_id: Annotated[uuid.UUID, Form()],
    name: Annotated[str, Form(max_length=400)] = "",
    phase: Annotated[str, Form(max_length=32)] = "New",
    building_usage: Annotated[str, Form(max_length=100)] = "",
    completion_date: Annotated[str, Form(max_length=32)] = "",
    gross_surface_area: Annotated[str, Form(max_length=32)] = "",
) -> Response:
    seen = access(session, user_of(visitor), ScopeKind.FOLDER, folder_id)
    request = parse_form(
        BuildingRequest,
        folder_id=folder_id,
        name=name.strip(),
        phase=phase,
        building_usage=building_usage,
        completion_date=_date(completion_date),
        gross_surface_area=gross_surface_area.strip() or None,
        material_classification_type_id="madaster",
    )
    building = create_building(session, seen.principal, request)
    return see_other(f"/buildings/{building.id}")


def _date(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.strip()).replace(tzinfo=UTC)
    except ValueError:
        return None
