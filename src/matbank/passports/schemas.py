"""Request and response bodies of the passport operations."""

from __future__ import annotations

import uuid
from enum import StrEnum

from pydantic import Field

from matbank.schemas import ApiModel

#: The all-zero GUID clients send for "the default preset".
DEFAULT_PRESET_ID = uuid.UUID(int=0)


class PassportType(StrEnum):
    ONE_PAGER = "OnePager"
    EXECUTIVE_SUMMARY = "ExecutiveSummary"
    FULL = "Full"


class PassportRequest(ApiModel):
    passport_type: PassportType = PassportType.FULL
    language: str | None = Field(None, description="en, nl, fr, de or nb; English when empty.")
    preset: uuid.UUID = Field(DEFAULT_PRESET_ID, description="A preset id; zeros: the default.")


class PassportPreset(ApiModel):
    id: uuid.UUID
    name: str | None = None
