"""Whether commodities are in use, and by what.

A commodity is in use while something refers to it: today a product's bill of materials;
once elements are linked to commodities, elements too. Other domains add their own check
with :func:`register_in_use_check`; deleting a commodity (412) and deleting a database ask
:func:`commodities_in_use`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from matbank.commodities.models import Commodity, CommodityChild

#: (session, commodity ids, database being deleted or None) -> the ids that are in use.
#: Users inside the database being deleted do not count: they go with it.
InUseCheck = Callable[[Session, Collection[uuid.UUID], uuid.UUID | None], set[uuid.UUID]]

_CHECKS: list[InUseCheck] = []


def register_in_use_check(check: InUseCheck) -> InUseCheck:
    """Add a check (usable as a decorator); registering the same function twice is a no-op."""
    if check not in _CHECKS:
        _CHECKS.append(check)
    return check


@register_in_use_check
def used_in_bills_of_materials(
    session: Session, ids: Collection[uuid.UUID], deleting_database: uuid.UUID | None
) -> set[uuid.UUID]:
    """Commodities that are a child in some product's bill of materials."""
    if not ids:
        return set()
    stmt = select(CommodityChild.child_id).where(CommodityChild.child_id.in_(list(ids)))
    if deleting_database is not None:
        stmt = stmt.join(Commodity, Commodity.id == CommodityChild.parent_id).where(
            Commodity.database_id != deleting_database
        )
    return set(session.scalars(stmt.distinct()).all())


def commodities_in_use(
    session: Session, ids: Collection[uuid.UUID], deleting_database: uuid.UUID | None = None
) -> set[uuid.UUID]:
    """The subset of ``ids`` that some registered check reports as in use."""
    found: set[uuid.UUID] = set()
    remaining = set(ids)
    for check in _CHECKS:
        if not remaining:
            break
        used = check(session, remaining, deleting_database)
        found |= used
        remaining -= used
    return found


def is_in_use(session: Session, commodity_id: uuid.UUID) -> bool:
    return bool(commodities_in_use(session, [commodity_id]))
