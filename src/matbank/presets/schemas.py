"""Wire shapes of the upload-preset endpoints (matbank's own, documented addition)."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Annotated

from pydantic import Field, field_validator

from matbank.importers.ifc_rules import MADASTER_KEYS
from matbank.schemas import ApiModel

Language = Annotated[str, Field(min_length=2, max_length=10)]
IfcClassName = Annotated[str, Field(pattern=r"^[Ii][Ff][Cc][A-Za-z0-9]{1,80}$")]
Name = Annotated[str, Field(min_length=1, max_length=255)]


class PresetPhase(StrEnum):
    DEMOLITION = "Demolition"
    PRESERVED = "Preserved"
    NEW = "New"


class PresetLevel(StrEnum):
    ACCOUNT = "Account"
    FOLDER = "Folder"
    BUILDING = "Building"


class PropertySource(ApiModel):
    """Where to read one Madaster property instead of CPset_Madaster."""

    property_set: Annotated[str | None, Field(max_length=255)] = Field(
        default=None, description="Property set name; empty: the property in any set."
    )
    property_name: Name


class UploadPresetRequest(ApiModel):
    """The presets of one level. A field left out (or null) is inherited from above."""

    classification_type_id: uuid.UUID | None = None
    default_phase: PresetPhase | None = Field(
        default=None, description="Phase of elements whose phase text is missing or unknown."
    )
    preferred_database_ids: Annotated[list[uuid.UUID], Field(max_length=50)] | None = Field(
        default=None, description="Databases for automatic matching, highest priority first."
    )
    languages: Annotated[list[Language], Field(max_length=10)] | None = None
    excluded_ifc_types: Annotated[list[IfcClassName], Field(max_length=200)] | None = Field(
        default=None, description="IFC classes (with their subclasses) that are not imported."
    )
    custom_property_names: Annotated[dict[str, PropertySource], Field(max_length=60)] | None = (
        Field(
            default=None,
            description="Madaster property (CPset_Madaster name, e.g. Phase, BuildingNumbers, "
            "Comment) -> the property set and property to read it from instead.",
        )
    )
    allow_functional_unit_mismatch: bool | None = Field(
        default=None,
        description="Allow automatic links to products whose functional unit finds no "
        "quantity on the element (off unless a level turns it on).",
    )

    @field_validator("custom_property_names")
    @classmethod
    def _known_keys(cls, value: dict[str, PropertySource] | None) -> dict | None:
        unknown = sorted(set(value or {}) - set(MADASTER_KEYS))
        if unknown:
            raise ValueError(
                f"unknown Madaster properties {unknown}; known: {', '.join(MADASTER_KEYS)}"
            )
        return value


class UploadPresetResponse(UploadPresetRequest):
    level: PresetLevel
    id: uuid.UUID = Field(description="The account, folder or building the presets belong to.")


class EffectiveUploadPresetResponse(UploadPresetRequest):
    """The presets that apply to a building: per field the nearest level that sets it."""

    building_id: uuid.UUID
    sources: dict[str, PresetLevel] = Field(
        default_factory=dict, description="Field name -> the level its value comes from."
    )
