"""A material database: its commodities, searchable by name, a page at a time."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from matbank.auth.dependencies import SessionDep
from matbank.auth.permissions import ScopeKind
from matbank.web.access import access
from matbank.web.context import SignedInDep, user_of
from matbank.web.render import WebRoute, page
from matbank.web.repository import PageRepository

router = APIRouter(route_class=WebRoute, include_in_schema=False)
PAGE_SIZE = 50


@router.get("/databases/{database_id}")
def database_page(
    request: Request,
    session: SessionDep,
    visitor: SignedInDep,
    database_id: uuid.UUID,
    q: Annotated[str, Query(max_length=200)] = "",
    page_number: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1,
) -> Response:
    seen = access(session, user_of(visitor), ScopeKind.DATABASE, database_id)
    query = q.strip()
    rows, total = PageRepository(session).commodities(
        database_id, query, skip=(page_number - 1) * PAGE_SIZE, take=PAGE_SIZE
    )
    pages = max(1, -(-total // PAGE_SIZE))
    return page(
        request,
        "database.html",
        access=seen,
        database=seen.resource,
        rows=rows,
        total=total,
        q=query,
        page_number=page_number,
        pages=pages,
        tab="overview",
    )
