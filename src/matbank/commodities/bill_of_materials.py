"""Use-cases of a product's bill of materials: list, add (by quantity, weight or unit),
remove one line, clear. A line is checked against the whole tree before it is stored, so a
cycle (409) or an unresolvable line (412) is never saved."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.orm import Session

from matbank.auth.principal import Principal
from matbank.calculations.bom import ChildBasis, ResolvedCommodity, resolve_bill_of_materials
from matbank.calculations.errors import BillOfMaterialsCycle, BillOfMaterialsError
from matbank.commodities.calculated import load_catalogue, resolve
from matbank.commodities.models import Commodity, CommodityChild
from matbank.commodities.repository import CommodityRepository
from matbank.commodities.schemas import AddProductChildRequest
from matbank.commodities.service import get_commodity, get_writable
from matbank.errors import Conflict, NotFound, PreconditionFailed


def list_children(
    session: Session, principal: Principal, commodity_id: uuid.UUID
) -> tuple[Sequence[CommodityChild], dict[uuid.UUID, Commodity], ResolvedCommodity | None]:
    """The lines of a product's bill of materials, the child commodities and the resolution."""
    product = get_commodity(session, principal, commodity_id)
    _require_product(product)
    repo = CommodityRepository(session)
    lines = repo.children(product.id)
    children = repo.get_many(line.child_id for line in lines)
    return lines, children, resolve(session, product)


def add_child(
    session: Session,
    principal: Principal,
    commodity_id: uuid.UUID,
    basis: ChildBasis,
    request: AddProductChildRequest,
) -> CommodityChild:
    """Add one line; the child must be readable by the caller."""
    product, _ = get_writable(session, principal, commodity_id)
    _require_product(product)
    child = CommodityRepository(session).get(principal, request.commodity_id)
    if child is None:
        raise NotFound(f"No commodity with id {request.commodity_id} to add as a child.")
    repo = CommodityRepository(session)
    override = request.override_circularity
    line = CommodityChild(
        id=uuid.uuid4(),
        parent_id=product.id,
        child_id=child.id,
        basis=basis.value,
        quantity=request.quantity,
        override_circularity=(
            override.model_dump(by_alias=True, exclude_none=True) if override else None
        ),
        position=repo.next_position(product.id),
    )
    _check_tree(session, product, line)
    return repo.add(line)


def _check_tree(session: Session, product: Commodity, line: CommodityChild) -> None:
    catalogue = load_catalogue(session, product, extra=(product.id, line))
    try:
        resolve_bill_of_materials(str(product.id), catalogue)
    except BillOfMaterialsCycle as cycle:
        names = CommodityRepository(session).get_many(uuid.UUID(i) for i in set(cycle.cycle))
        path = " -> ".join(_label(names.get(uuid.UUID(i)), i) for i in cycle.cycle)
        raise Conflict(
            f"Adding this child would make the bill of materials contain itself: {path}.",
            title="The bill of materials would contain a cycle.",
            cycle=list(cycle.cycle),
        ) from cycle
    except BillOfMaterialsError as exc:
        raise PreconditionFailed(f"The child cannot be added: {exc}.") from exc


def _label(commodity: Commodity | None, fallback: str) -> str:
    if commodity is None:
        return fallback
    names = commodity.names or {}
    name = names.get("en") or next(iter(names.values()), None)
    return f"'{name}' ({fallback})" if name else fallback


def delete_child(
    session: Session, principal: Principal, commodity_id: uuid.UUID, child_id: uuid.UUID
) -> None:
    """Remove one line, identified by the line id of the children listing."""
    product, _ = get_writable(session, principal, commodity_id)
    repo = CommodityRepository(session)
    line = next((c for c in repo.children(product.id) if c.id == child_id), None)
    if line is None:
        raise NotFound(f"Commodity {product.id} has no bill-of-materials line {child_id}.")
    repo.delete(line)


def clear_children(session: Session, principal: Principal, commodity_id: uuid.UUID) -> None:
    product, _ = get_writable(session, principal, commodity_id)
    _require_product(product)
    CommodityRepository(session).clear_children(product.id)


def _require_product(commodity: Commodity) -> None:
    if commodity.commodity_type != "Product":
        raise PreconditionFailed(
            f"Commodity {commodity.id} is a material; only products have a bill of materials."
        )
