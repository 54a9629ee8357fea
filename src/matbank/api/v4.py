"""API v4.0: the Madaster v4.0 surface (databases and commodities) composed from domain routers."""

from __future__ import annotations

from fastapi import APIRouter

from matbank.commodities.attachment_endpoints import router as commodity_attachment_router
from matbank.commodities.endpoints import router as commodity_router
from matbank.databases.endpoints import router as database_router
from matbank.databases.endpoints import system_router as price_set_router
from matbank.schemas import PROBLEM_RESPONSES

PREFIX = "/api/v4.0"
VERSION = "v4.0"


def build_router() -> APIRouter:
    router = APIRouter(prefix=PREFIX, responses=PROBLEM_RESPONSES)
    for domain_router in (
        database_router,
        commodity_router,
        commodity_attachment_router,
        price_set_router,
    ):
        router.include_router(domain_router)
    return router
