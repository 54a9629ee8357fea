"""The circularity summary of the v3.0 contract and matbank's detailed results.

Everything here is read from the results building processing stored; nothing is
recalculated on read. While a building is dirty the last stored results are served and the
``isDirty`` field of the detailed results says so.
"""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from matbank.auth.dependencies import PrincipalDep, SessionDep
from matbank.results import schemas, service
from matbank.schemas import OWN_ADDITION

router = APIRouter(prefix="/building", tags=["Building"])
RESULTS = "/{id}/results"
RESULTS_TAGS: list[str | object] = ["Building results"]


@router.get(
    "/{id}/circular",
    operation_id="Building_GetCircularInformation",
    response_model=schemas.BuildingCircularInformation,
)
def get_circular_information(
    id: uuid.UUID, principal: PrincipalDep, session: SessionDep
) -> schemas.BuildingCircularInformation:
    """The building's circularity indicator with its phase scores and penalties, as stored
    by the last processing (fractions between 0 and 1)."""
    return service.circular_information(session, principal, id)


@router.get(
    f"{RESULTS}/mass",
    tags=RESULTS_TAGS,
    openapi_extra=OWN_ADDITION,
    operation_id="BuildingResults_GetMass",
    response_model=schemas.BuildingMassResults,
)
def get_mass(id: uuid.UUID, principal: PrincipalDep, session: SessionDep) -> object:
    """Mass per shearing layer, per material family, as a layer × family matrix, in total and
    per m² gross floor area."""
    return service.results_part(session, principal, id, "mass", schemas.BuildingMassResults)


@router.get(
    f"{RESULTS}/circularity",
    tags=RESULTS_TAGS,
    openapi_extra=OWN_ADDITION,
    operation_id="BuildingResults_GetCircularity",
    response_model=schemas.BuildingCircularityResults,
)
def get_circularity(id: uuid.UUID, principal: PrincipalDep, session: SessionDep) -> object:
    """The circularity indicator per layer and for the building with every term (V, W, LFI)
    and the completeness shares that correct it."""
    return service.results_part(
        session, principal, id, "circularity", schemas.BuildingCircularityResults
    )


@router.get(
    f"{RESULTS}/flows",
    tags=RESULTS_TAGS,
    openapi_extra=OWN_ADDITION,
    operation_id="BuildingResults_GetFlows",
    response_model=schemas.BuildingFlowResults,
)
def get_flows(id: uuid.UUID, principal: PrincipalDep, session: SessionDep) -> object:
    """Material input (virgin, secondary) and output (reuse, recycling, landfill,
    incineration) flows in kilograms and as shares, per layer and in total."""
    return service.results_part(session, principal, id, "flows", schemas.BuildingFlowResults)


@router.get(
    f"{RESULTS}/detachability",
    tags=RESULTS_TAGS,
    openapi_extra=OWN_ADDITION,
    operation_id="BuildingResults_GetDetachability",
    response_model=schemas.BuildingDetachabilityResults,
)
def get_detachability(id: uuid.UUID, principal: PrincipalDep, session: SessionDep) -> object:
    """The weighted detachability index per counted layer and for the building, with the
    index quality (how many linked elements had all four factors)."""
    return service.results_part(
        session, principal, id, "detachability", schemas.BuildingDetachabilityResults
    )


@router.get(
    f"{RESULTS}/environmental",
    tags=RESULTS_TAGS,
    openapi_extra=OWN_ADDITION,
    operation_id="BuildingResults_GetEnvironmental",
    response_model=schemas.BuildingEnvironmentalResults,
)
def get_environmental(id: uuid.UUID, principal: PrincipalDep, session: SessionDep) -> object:
    """Impacts per indicator and life-cycle module, module D apart from the totals, per layer
    and for the building, per m² and per m² and year."""
    return service.results_part(
        session, principal, id, "environmental", schemas.BuildingEnvironmentalResults
    )


@router.get(
    f"{RESULTS}/financial",
    tags=RESULTS_TAGS,
    openapi_extra=OWN_ADDITION,
    operation_id="BuildingResults_GetFinancial",
    response_model=schemas.BuildingFinancialResults,
)
def get_financial(id: uuid.UUID, principal: PrincipalDep, session: SessionDep) -> object:
    """Residual value of the materials: current value and net present value per layer, per
    material family and per material, in total and per m²."""
    return service.results_part(
        session, principal, id, "financial", schemas.BuildingFinancialResults
    )
