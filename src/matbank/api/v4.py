"""API v4.0: the Madaster v4.0 surface (databases and commodities) composed from domain routers."""

from __future__ import annotations

from fastapi import APIRouter

from matbank.schemas import PROBLEM_RESPONSES

PREFIX = "/api/v4.0"
VERSION = "v4.0"


def build_router() -> APIRouter:
    router = APIRouter(prefix=PREFIX, responses=PROBLEM_RESPONSES)
    for domain_router in ():
        router.include_router(domain_router)
    return router
