"""API v3.0: the Madaster v3.0 surface composed from the domain routers."""

from __future__ import annotations

from fastapi import FastAPI

from matbank.accounts.endpoints import router as account_router
from matbank.audit.endpoints import router as audit_router
from matbank.buildings.endpoints import router as building_router
from matbank.databases.building_endpoints import router as building_database_router
from matbank.elements.endpoints import router as element_router
from matbank.files.content_endpoints import images_router, templates_router
from matbank.files.content_endpoints import router as file_content_router
from matbank.files.endpoints import building_router as building_files_router
from matbank.files.endpoints import router as file_router
from matbank.folders.endpoints import router as folder_router
from matbank.passports.endpoints import router as passport_router
from matbank.presets.endpoints import router as preset_router
from matbank.results.endpoints import router as results_router
from matbank.schemas import PROBLEM_RESPONSES
from matbank.system.endpoints import router as system_router

PREFIX = "/api/v3.0"
VERSION = "v3.0"


ROUTERS = (
    building_router,
    building_files_router,
    file_router,
    element_router,
    account_router,
    folder_router,
    system_router,
    building_database_router,
    file_content_router,
    images_router,
    preset_router,
    templates_router,
    results_router,
    audit_router,
    passport_router,
)


def include(app: FastAPI) -> None:
    """Mount the v3.0 domain routers directly on the app (one routing level, not two)."""
    for domain_router in ROUTERS:
        app.include_router(domain_router, prefix=PREFIX, responses=PROBLEM_RESPONSES)
