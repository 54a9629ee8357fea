"""Builders for test data, going through the services like the API does."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from matbank.accounts.repository import AccountRepository
from matbank.accounts.schemas import AccountType
from matbank.accounts.service import create_account
from matbank.auth.permissions import Lifespan, PermissionLevel, ScopeKind
from matbank.auth.service import issue_token
from matbank.buildings.models import Building
from matbank.databases.models import MaterialDatabase
from matbank.folders.models import Folder
from matbank.folders.repository import folder_path

ZERO = "00000000-0000-0000-0000-000000000000"


@dataclass
class World:
    """An account with an Administrator token, a portfolio folder and a building in it."""

    account_id: uuid.UUID
    admin_key: str
    portfolio_type_id: uuid.UUID
    region_type_id: uuid.UUID
    folder: Folder
    building: Building

    @property
    def headers(self) -> dict[str, str]:
        return {"X-API-Key": self.admin_key}


def token(
    session: Session,
    account_id: uuid.UUID,
    kind: ScopeKind,
    scope_id: uuid.UUID,
    level: PermissionLevel = PermissionLevel.ADMINISTRATOR,
    lifespan: Lifespan = Lifespan.ONE_YEAR,
) -> str:
    issued = issue_token(
        session,
        account_id=account_id,
        scope_kind=kind,
        scope_id=scope_id,
        permission=level,
        lifespan=lifespan,
        name=f"{kind.value} {level.value}",
    )
    session.flush()
    return issued.secret


def folder_type_id(session: Session, account_id: uuid.UUID, key: str) -> uuid.UUID:
    return next(
        ft.id for ft in AccountRepository(session).folder_types(account_id) if ft.key == key
    )


def add_folder(
    session: Session,
    account_id: uuid.UUID,
    name: str,
    parent: Folder | None = None,
    type_key: str = "portfolio",
) -> Folder:
    fid = uuid.uuid4()
    folder = Folder(
        id=fid,
        account_id=account_id,
        parent_id=parent.id if parent else None,
        path=folder_path(parent.path if parent else None, fid),
        folder_type_id=folder_type_id(session, account_id, type_key),
        name=name,
    )
    session.add(folder)
    session.flush()
    return folder


def add_building(session: Session, folder: Folder, name: str = "Building") -> Building:
    building = Building(
        account_id=folder.account_id,
        folder_id=folder.id,
        name=name,
        phase="New",
        completion_date=_date(),
        building_usage="offices-small",
        gross_surface_area=1000.0,
        material_classification_type_id="madaster",
    )
    session.add(building)
    session.flush()
    return building


def add_database(session: Session, account_id: uuid.UUID, name: str = "Custom") -> MaterialDatabase:
    database = MaterialDatabase(
        account_id=account_id, owner_kind="account", owner_id=account_id, names={"en": name}
    )
    session.add(database)
    session.flush()
    return database


def world(session: Session, name: str = "Account A") -> World:
    account = create_account(session, name, AccountType.GENERAL)
    folder = add_folder(session, account.id, "Portfolio 1")
    building = add_building(session, folder, "Office 1")
    key = token(session, account.id, ScopeKind.ACCOUNT, account.id)
    return World(
        account_id=account.id,
        admin_key=key,
        portfolio_type_id=folder_type_id(session, account.id, "portfolio"),
        region_type_id=folder_type_id(session, account.id, "region"),
        folder=folder,
        building=building,
    )


def building_body(folder_id: uuid.UUID | str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "folderId": str(folder_id),
        "name": "New office",
        "phase": "New",
        "completionDate": "2024-10-11T10:20:30.1234567+00:00",
        "buildingUsage": "offices-large",
        "grossSurfaceArea": 2500.5,
        "materialClassificationTypeId": "madaster",
    }
    body.update(overrides)
    return body


def _date():  # noqa: ANN202
    from datetime import UTC, datetime

    return datetime(2020, 1, 1, tzinfo=UTC)


# --- material databases and commodities (API v4.0) --------------------------------------------

V4 = "/api/v4.0"


def material_body(database_id: uuid.UUID | str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "commodityType": "Material",
        "databaseId": str(database_id),
        "names": {"en": "Ash wood", "nl": "Essen"},
        "density": 700,
        "lifespan": 60,
        "materialFamilies": {"madaster": "wood", "madasterv2": "i3"},
        "circularity": {
            "feedstock": {"recycled": 0.2, "recyclingEfficiency": 0.75},
            "output": {"availableForRecycle": 0.5, "recyclingEfficiency": 0.75, "landfill": 0.1},
        },
    }
    body.update(overrides)
    return body


def product_body(database_id: uuid.UUID | str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "commodityType": "Product",
        "databaseId": str(database_id),
        "names": {"en": "Wall panel"},
        "functionalUnit": "Area",
        "defaultFunctionalUnitAmount": 1,
        "doNotUseBillOfMaterials": False,
        "calculateEnvironmentValuesFromBillOfMaterials": True,
    }
    body.update(overrides)
    return body


def create_commodity(client: Any, headers: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
    response = client.post(f"{V4}/commodity", json=body, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()
