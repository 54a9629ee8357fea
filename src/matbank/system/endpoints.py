"""System settings: classification methods, building usages, material families."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Header

from matbank.auth.dependencies import PrincipalDep
from matbank.schemas import AcceptLanguage, localise, negotiate_language
from matbank.system import catalogue
from matbank.system.schemas import ClassificationMethod, MaterialFamily, MultiLingualString

router = APIRouter(prefix="/system", tags=["SystemSettings"])

AcceptLanguageHeader = Annotated[
    str | None,
    Header(
        alias="accept-language",
        description="Language of the names: en, nl, fr, de or nb (default en). A browser-style "
        "list such as 'nl-NL,nl;q=0.9' is understood too.",
        json_schema_extra={"enum": [lang.value for lang in AcceptLanguage]},
    ),
]


@router.get(
    "/classificationmethods",
    operation_id="SystemSettings_GetClassificationMethods",
    response_model=list[ClassificationMethod],
    response_model_exclude_none=True,
)
def list_classification_methods(principal: PrincipalDep) -> list[ClassificationMethod]:
    """Element classification methods a building file can use (NL-SfB, OmniClass, …)."""
    return [
        ClassificationMethod(id=uuid.UUID(m.id), name=MultiLingualString(**m.names))
        for m in catalogue.classification_methods()
    ]


@router.get(
    "/buildingusages",
    operation_id="SystemSettings_GetBuildingUsages",
    response_model=dict[str, str],
)
def list_building_usages(
    principal: PrincipalDep, accept_language: AcceptLanguageHeader = None
) -> dict[str, str]:
    """Building usage keys with their label in the requested language."""
    language = negotiate_language(accept_language)
    return {key: localise(u.names, language) for key, u in catalogue.building_usages().items()}


@router.get(
    "/materialfamilies",
    operation_id="SystemSettings_GetMaterialClassifications",
    response_model=list[MaterialFamily],
    response_model_exclude_none=True,
)
def list_material_families(
    principal: PrincipalDep, accept_language: AcceptLanguageHeader = None
) -> list[MaterialFamily]:
    """Material-family classifications a building can be reported in."""
    language = negotiate_language(accept_language)
    return [
        MaterialFamily(id=f.id, name=localise(f.names, language))
        for f in catalogue.material_families()
    ]
