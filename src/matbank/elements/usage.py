"""Elements keep the commodities they are linked to in use (a linked commodity cannot be
deleted: 412)."""

from __future__ import annotations

import uuid
from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from matbank.databases.usage import register_in_use_check
from matbank.elements.models import Element


@register_in_use_check
def linked_by_elements(
    session: Session, ids: Collection[uuid.UUID], deleting_database: uuid.UUID | None
) -> set[uuid.UUID]:
    """Commodities some element of any building file is linked to."""
    if not ids:
        return set()
    stmt = select(Element.commodity_id).where(Element.commodity_id.in_(list(ids))).distinct()
    return set(session.scalars(stmt).all())
