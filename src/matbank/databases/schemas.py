"""Wire shapes of the v4.0 database endpoints and the v3.0 building-database calls."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic.alias_generators import to_camel

from matbank.calculations.units import FunctionalUnit
from matbank.schemas import ApiModel

LANGUAGE_KEY_MAX = 8
NAME_MAX = 400
ExternalId = Annotated[str, Field(min_length=1, max_length=200)]
CountryCode = Annotated[str, Field(pattern=r"^[A-Za-z]{2}$")]


class LocalizedString(BaseModel):
    """A text in several languages; ``iv`` (language invariant) and other codes are extra keys."""

    model_config = ConfigDict(
        extra="allow",
        alias_generator=to_camel,
        populate_by_name=True,
        json_schema_extra={"additionalProperties": {"type": "string"}},
    )
    __pydantic_extra__: dict[str, Annotated[str, Field(max_length=4000)]]

    nl: Annotated[str, Field(max_length=4000)] | None = None
    en: Annotated[str, Field(max_length=4000)] | None = None
    de: Annotated[str, Field(max_length=4000)] | None = None
    fr: Annotated[str, Field(max_length=4000)] | None = None
    nb: Annotated[str, Field(max_length=4000)] | None = None

    @model_validator(mode="after")
    def _check_keys(self) -> LocalizedString:
        for key in self.as_dict():
            if len(key) > LANGUAGE_KEY_MAX or not key.replace("-", "").isalnum():
                raise ValueError(f"'{key}' is not a language code")
        return self

    def as_dict(self) -> dict[str, str]:
        """The non-empty texts by language code, as stored."""
        return {k: v for k, v in self.model_dump(exclude_none=True).items() if v is not None}


def localized(value: dict[str, Any] | None) -> LocalizedString | None:
    return LocalizedString.model_validate(value) if value else None


class Database(ApiModel):
    """A material and product database (v4.0)."""

    id: uuid.UUID | None = None
    names: LocalizedString
    description: LocalizedString | None = None
    license: LocalizedString | None = None
    initially_selected_for_enrichment: bool = False
    available_in_countries: list[CountryCode] | None = Field(default=None, max_length=300)
    is_available_for_everybody: bool | None = None
    external_id: ExternalId | None = None
    read_only: bool | None = Field(default=None, json_schema_extra={"readOnly": True})
    owner: str | None = Field(default=None, json_schema_extra={"readOnly": True})

    @field_validator("names")
    @classmethod
    def _names_not_empty(cls, value: LocalizedString) -> LocalizedString:
        texts = value.as_dict()
        if not any(text.strip() for text in texts.values()):
            raise ValueError("give the database a name in at least one language")
        if any(len(text) > NAME_MAX for text in texts.values()):
            raise ValueError(f"a name may have at most {NAME_MAX} characters")
        return value


class CommodityInfo(ApiModel):
    """One line of a database's commodity listing."""

    id: uuid.UUID
    names: LocalizedString | None = None
    commodity_type: str
    functional_unit: FunctionalUnit | None = None
    external_id: str | None = None
    is_active: bool


class FolderInfo(ApiModel):
    """A dossier folder with its sub-folders."""

    id: uuid.UUID
    folder_names: LocalizedString
    children: list[FolderInfo] | None = None


class ComplianceInformation(ApiModel):
    """An LCA rule set and the compliance names (with their country) that belong to it."""

    rule_set: str | None = None
    compliances: dict[str, str | None] | None = None


class MaterialFamilyValue(ApiModel):
    id: str
    names: LocalizedString


class MaterialClassification(ApiModel):
    """A material-family classification with every value it allows."""

    id: str
    names: LocalizedString
    values: list[MaterialFamilyValue]


class PriceSet(ApiModel):
    """A published price series used for residual values."""

    id: str
    names: LocalizedString
    description: LocalizedString | None = None
    obsolete: bool = False
    sources: list[str] = []
    transport_costs_currency_per_kilo: float | None = None
    handling_feedstock_percentage: float | None = None
    handling_feedstock_currency_per_kilo: float | None = None


class BuildingDatabase(ApiModel):
    """A database as the v3.0 building calls show it."""

    database_id: uuid.UUID
    name: str | None = None
    default_include_for_refinement: bool | None = None
