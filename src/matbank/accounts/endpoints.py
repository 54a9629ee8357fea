"""Account endpoints."""

from __future__ import annotations

from fastapi import APIRouter

from matbank.accounts import service
from matbank.accounts.schemas import AccountResponse, FolderType
from matbank.auth.dependencies import PrincipalDep, SessionDep
from matbank.system.schemas import MultiLingualString

router = APIRouter(prefix="/account", tags=["Account"])


@router.get(
    "",
    operation_id="Account_GetAccount",
    response_model=AccountResponse,
    response_model_exclude_none=True,
)
def get_account(principal: PrincipalDep, session: SessionDep) -> AccountResponse:
    """The account the API token belongs to."""
    account = service.get_account(session, principal)
    return AccountResponse(id=account.id, name=account.name, account_type=account.account_type)


@router.get(
    "/foldertypes",
    operation_id="Account_GetFolderTypes",
    response_model=list[FolderType],
    response_model_exclude_none=True,
)
def list_folder_types(principal: PrincipalDep, session: SessionDep) -> list[FolderType]:
    """Folder types configured for the account and how they may be nested."""
    return [
        FolderType(
            id=ft.id,
            name=MultiLingualString(**ft.name),
            plural_name=MultiLingualString(**ft.plural_name),
            description=MultiLingualString(**ft.description),
            allowbuildings=ft.allow_buildings,
            has_address=ft.has_address,
            has_spatial_coordinates=ft.has_spatial_coordinates,
            allowed_sub_folder_type_ids=ft.allowed_sub_folder_type_ids,
        )
        for ft in service.list_folder_types(session, principal)
    ]
