"""Request and response bodies of the passport operations."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from matbank.calculations.environmental import MODULES, Compliance
from matbank.schemas import ApiModel

Module = Literal[MODULES]  # type: ignore[valid-type]

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


class PassportSection(StrEnum):
    """A result section a passport preset can show."""

    MASS = "mass"
    CIRCULARITY = "circularity"
    FLOWS = "flows"
    DETACHABILITY = "detachability"
    ENVIRONMENTAL = "environmental"
    FINANCIAL = "financial"


class PresetLevel(StrEnum):
    ACCOUNT = "Account"
    FOLDER = "Folder"
    BUILDING = "Building"


Indicator = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9_\-]+$")]


class EnvironmentalSelection(ApiModel):
    """What the environmental section shows: a compliance, its indicators and its modules."""

    compliance: Compliance
    indicators: list[Indicator] = Field(min_length=1, max_length=50)
    modules: list[Module] = Field(min_length=1, max_length=len(MODULES))


class PassportPresetRequest(ApiModel):
    """A stored passport preset: its name, passport type and the sections it shows."""

    name: Annotated[str, Field(min_length=1, max_length=200)]
    passport_type: PassportType
    sections: list[PassportSection] = Field(max_length=len(PassportSection))
    environmental: EnvironmentalSelection | None = Field(
        None, description="Required when sections names environmental; not allowed otherwise."
    )

    @model_validator(mode="after")
    def _environmental_matches_sections(self) -> PassportPresetRequest:
        if len(set(self.sections)) != len(self.sections):
            raise ValueError("sections must not repeat a section")
        chosen = PassportSection.ENVIRONMENTAL in self.sections
        if chosen != (self.environmental is not None):
            raise ValueError(
                "environmental (compliance, indicators, modules) is required exactly when "
                "sections contains 'environmental'"
            )
        return self


class StoredPassportPresetResponse(PassportPresetRequest):
    """A stored passport preset and the level (account, folder or building) that owns it."""

    id: uuid.UUID
    level: PresetLevel
    level_id: uuid.UUID = Field(description="Id of the account, folder or building.")
