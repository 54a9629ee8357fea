"""Wire shapes of the account endpoints."""

from __future__ import annotations

import uuid
from enum import StrEnum

from matbank.schemas import ApiModel
from matbank.system.schemas import MultiLingualString


class AccountType(StrEnum):
    VERIFIED_DATABASE = "VerifiedDatabase"
    SUPPLIER = "Supplier"
    GENERAL = "General"
    PRIVATE = "Private"


class AccountResponse(ApiModel):
    id: uuid.UUID
    name: str | None = None
    account_type: AccountType


class FolderType(ApiModel):
    id: uuid.UUID
    name: MultiLingualString
    plural_name: MultiLingualString
    description: MultiLingualString
    allowbuildings: bool
    has_address: bool
    has_spatial_coordinates: bool
    allowed_sub_folder_type_ids: list[uuid.UUID] | None = None
