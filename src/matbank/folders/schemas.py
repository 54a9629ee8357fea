"""Wire shapes of the folder endpoints."""

from __future__ import annotations

import uuid
from typing import Annotated

from pydantic import Field

from matbank.schemas import ApiModel

ROOT_PARENT_ID = uuid.UUID(int=0)


class FolderRequest(ApiModel):
    name: Annotated[str, Field(min_length=1, max_length=400)]
    description: Annotated[str | None, Field(max_length=4000)] = None
    parent_id: uuid.UUID = Field(
        description="The parent folder, or the account id (or the all-zero id) for a folder "
        "directly under the account.",
    )
    foldertype_id: uuid.UUID
    owner: Annotated[str | None, Field(max_length=400)] = None
    external_id: Annotated[str | None, Field(max_length=200)] = None


class FolderResponse(ApiModel):
    id: uuid.UUID
    external_id: str | None = None
    name: str | None = None
    description: str | None = None
    parent_id: uuid.UUID
    foldertype_id: uuid.UUID
