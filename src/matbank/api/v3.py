"""API v3.0: the Madaster v3.0 surface composed from the domain routers."""

from __future__ import annotations

from fastapi import APIRouter

from matbank.accounts.endpoints import router as account_router
from matbank.buildings.endpoints import router as building_router
from matbank.folders.endpoints import router as folder_router
from matbank.schemas import PROBLEM_RESPONSES
from matbank.system.endpoints import router as system_router

PREFIX = "/api/v3.0"
VERSION = "v3.0"


def build_router() -> APIRouter:
    router = APIRouter(prefix=PREFIX, responses=PROBLEM_RESPONSES)
    for domain_router in (account_router, building_router, folder_router, system_router):
        router.include_router(domain_router)
    return router
