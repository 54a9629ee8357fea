"""Commodity use-cases: create, replace, read, delete and new versions of materials and
products. Reads follow the database's visibility; writes need the right to contribute."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from matbank.auth.principal import Principal
from matbank.calculations.errors import ScalingError
from matbank.calculations.scaling import scaling_factor
from matbank.commodities.calculated import scaling_rule
from matbank.commodities.models import (
    Commodity,
    CommodityChild,
    CommodityFile,
    CommodityImage,
)
from matbank.commodities.repository import CommodityRepository
from matbank.commodities.schemas import Material, Product
from matbank.databases import service as databases
from matbank.databases.catalogue import normalise_family
from matbank.databases.files import LocalFolder, commodity_key
from matbank.databases.models import MaterialDatabase
from matbank.databases.usage import is_in_use
from matbank.errors import Conflict, InvalidRequest, NotFound, PreconditionFailed

_SUM_TOLERANCE = 1e-6


def get_commodity(session: Session, principal: Principal, commodity_id: uuid.UUID) -> Commodity:
    commodity = CommodityRepository(session).get(principal, commodity_id)
    if commodity is None:
        raise NotFound(f"No commodity with id {commodity_id}.")
    return commodity


def get_writable(
    session: Session, principal: Principal, commodity_id: uuid.UUID
) -> tuple[Commodity, MaterialDatabase]:
    """A commodity the caller may change, with its database (404 / 403 otherwise)."""
    commodity = get_commodity(session, principal, commodity_id)
    database = databases.get_database(session, principal, commodity.database_id)
    databases.require_contribute(principal, database)
    return commodity, database


def get_commodity_by_external_id(
    session: Session, principal: Principal, database_id: uuid.UUID, external_id: str
) -> Commodity:
    database = databases.get_database(session, principal, database_id)
    commodity = CommodityRepository(session).by_external_id(database.id, external_id)
    if commodity is None:
        raise NotFound(f"No commodity with externalId '{external_id}' in database {database_id}.")
    return commodity


def create_commodity(session: Session, principal: Principal, body: Material | Product) -> Commodity:
    """Create a material or product in a database the caller may contribute to."""
    if body.database_id is None:
        raise NotFound("The body has no databaseId, so there is no database to add to.")
    database = databases.get_database(session, principal, body.database_id)
    databases.require_contribute(principal, database)
    repo = CommodityRepository(session)
    if body.external_id and repo.active_external_id_taken(database.id, body.external_id):
        raise Conflict(
            f"Database {database.id} already has a commodity with externalId '{body.external_id}'."
        )
    commodity = Commodity(database_id=database.id, external_id=body.external_id)
    _apply(commodity, body)
    return repo.add(commodity)


def update_commodity(session: Session, principal: Principal, body: Material | Product) -> Commodity:
    """Replace a commodity's data; its type, database and externalId never change."""
    if body.id is None:
        raise NotFound("The body has no id, so there is no commodity to update.")
    commodity, _ = get_writable(session, principal, body.id)
    if body.commodity_type != commodity.commodity_type:
        raise InvalidRequest(
            f"Commodity {commodity.id} is a {commodity.commodity_type}; its type cannot change."
        )
    if body.commodity_type == "Product" and commodity.functional_unit != body.functional_unit:
        _check_unit_change(session, commodity)
    _apply(commodity, body)
    session.flush()
    return commodity


def _check_unit_change(session: Session, commodity: Commodity) -> None:
    if is_in_use(session, commodity.id) or CommodityRepository(session).children(commodity.id):
        raise PreconditionFailed(
            "The functional unit can only change while the product is unused and has no "
            "bill of materials."
        )


def delete_commodity(
    session: Session, principal: Principal, commodity_id: uuid.UUID, storage: LocalFolder
) -> None:
    """Delete a commodity that nothing uses (412 otherwise)."""
    commodity, _ = get_writable(session, principal, commodity_id)
    if is_in_use(session, commodity.id):
        raise PreconditionFailed(
            f"Commodity {commodity.id} is in use (for example in another product's bill of "
            "materials) and cannot be deleted; make a new version or deactivate it instead."
        )
    repo = CommodityRepository(session)
    keys = [f.storage_key for f in repo.files(commodity.id) if f.storage_key]
    keys += [i.storage_key for i in repo.images(commodity.id)]
    repo.delete(commodity)
    storage.delete_all(keys)


def create_version(
    session: Session, principal: Principal, commodity_id: uuid.UUID, storage: LocalFolder
) -> Commodity:
    """Copy a commodity with its bill of materials, LCAs, financial settings, files and
    images; the matching terms move to the copy and the original becomes inactive."""
    original, _ = get_writable(session, principal, commodity_id)
    repo = CommodityRepository(session)
    copy = Commodity(**{**_row_values(original), "id": uuid.uuid4(), "is_active": True})
    repo.add(copy)
    for line in repo.children(original.id):
        session.add(
            CommodityChild(**{**_row_values(line), "id": uuid.uuid4(), "parent_id": copy.id})
        )
    for model_rows in (repo.lcas(original.id), repo.financials(original.id)):
        for row in model_rows:
            values = {**_row_values(row), "id": uuid.uuid4(), "commodity_id": copy.id}
            session.add(type(row)(**values))
    _copy_stored(session, repo, original.id, copy.id, storage)
    repo.move_terms(original.id, copy.id)
    original.is_active = False
    session.flush()
    return copy


def _copy_stored(
    session: Session,
    repo: CommodityRepository,
    from_id: uuid.UUID,
    to_id: uuid.UUID,
    storage: LocalFolder,
) -> None:
    rows: list[CommodityFile | CommodityImage] = [*repo.files(from_id), *repo.images(from_id)]
    for row in rows:
        new_id = uuid.uuid4()
        values: dict[str, Any] = {**_row_values(row), "id": new_id, "commodity_id": to_id}
        if row.storage_key:
            kind = "files" if isinstance(row, CommodityFile) else "images"
            values["storage_key"] = commodity_key(to_id, kind, new_id)
            storage.put(values["storage_key"], storage.get(row.storage_key))
        session.add(type(row)(**values))


def _row_values(row: Any) -> dict[str, Any]:
    return {c.key: getattr(row, c.key) for c in row.__mapper__.column_attrs}


# --- body -> columns -------------------------------------------------------------------------


def _apply(commodity: Commodity, body: Material | Product) -> None:
    values = _common(body)
    values.update(_material(body) if isinstance(body, Material) else _product(body))
    for column, value in values.items():
        setattr(commodity, column, value)


def _common(body: Material | Product) -> dict[str, Any]:
    return {
        "commodity_type": body.commodity_type,
        "names": body.names.as_dict() if body.names else {},
        "descriptions": body.descriptions.as_dict() if body.descriptions else {},
        "is_active": body.is_active,
        "available_in": [c.lower() for c in body.available_in] if body.available_in else None,
    }


_PRODUCT_ONLY_NONE = dict.fromkeys(
    (
        "default_functional_unit_amount",
        "fixed_height",
        "fixed_area",
        "product_code",
        "gtin",
        "manufacturer",
        "production_site",
        "url",
        "weight",
        "scaling",
    ),
)


def _material(body: Material) -> dict[str, Any]:
    families = {}
    for family, value in (body.material_families or {}).items():
        key, code = _family(family, value)
        families[key] = code
    return {
        **_PRODUCT_ONLY_NONE,
        "functional_unit": "Volume",
        "density": body.density,
        "lifespan": body.lifespan,
        "supplier": body.supplier,
        "material_families": families or None,
        "circularity": _circularity(body.circularity),
        "do_not_use_bill_of_materials": False,
        "calculate_environment_values_from_bill_of_materials": False,
    }


def _product(body: Product) -> dict[str, Any]:
    return {
        "functional_unit": body.functional_unit.value,
        "default_functional_unit_amount": body.default_functional_unit_amount,
        "fixed_height": body.fixed_height,
        "fixed_area": body.fixed_area,
        "product_code": body.product_code,
        "gtin": body.gtin,
        "manufacturer": _dump(body.manufacturer),
        "production_site": _dump(body.production_site),
        "supplier": None,
        "url": body.url,
        "lifespan": body.lifespan,
        "density": body.density,
        "weight": body.weight,
        "do_not_use_bill_of_materials": body.do_not_use_bill_of_materials,
        "calculate_environment_values_from_bill_of_materials": (
            body.calculate_environment_values_from_bill_of_materials
        ),
        "circularity": _circularity(body.circularity),
        "material_families": _product_families(body),
        "scaling": _scaling(body),
    }


def _dump(model: Any) -> dict[str, Any] | None:
    return model.model_dump(by_alias=True, exclude_none=True) if model is not None else None


def _family(family: str, value: str | None) -> tuple[str, str | None]:
    try:
        return normalise_family(family, value)
    except ValueError as exc:
        raise InvalidRequest(
            f"materialFamilies: {exc}; see GET /database/{{id}}/materialfamilies."
        ) from exc


def _product_families(body: Product) -> list[dict[str, Any]] | None:
    if not body.material_families:
        return None
    result = []
    for family in body.material_families:
        values: dict[str, float] = {}
        for code, share in family.values.items():
            key, value = _family(family.family_id, code)
            values[value or code] = share or 0.0
        if sum(values.values()) > 1 + _SUM_TOLERANCE:
            raise InvalidRequest(f"materialFamilies '{key}': the shares add up to more than 1.")
        result.append({"familyId": key, "values": values})
    return result


def _circularity(model: Any) -> dict[str, Any] | None:
    data = _dump(model)
    if not data:
        return None
    for block in ("feedstock", "output"):
        (data.get(block) or {}).pop("notRenewables", None)
        for key in ("totalPrimary", "totalSecondary", "incineration"):
            (data.get(block) or {}).pop(key, None)
    fs, out = data.get("feedstock") or {}, data.get("output") or {}
    inputs = max(fs.get("renewables", 0), fs.get("renewablesSustainablyProduced", 0))
    if inputs + fs.get("recycled", 0) + fs.get("reused", 0) > 1 + _SUM_TOLERANCE:
        raise InvalidRequest("circularity.feedstock: the shares add up to more than 1.")
    outputs = sum(out.get(k, 0) for k in ("availableForReuse", "availableForRecycle", "landfill"))
    if outputs > 1 + _SUM_TOLERANCE:
        raise InvalidRequest("circularity.output: the shares add up to more than 1.")
    if (data.get("detachability") or {}).get("index") is not None:
        data["detachability"].pop("index")
    return data


def _scaling(body: Product) -> dict[str, Any] | None:
    data = _dump(body.scaling)
    if data is None:
        return None
    try:
        scaling_factor(scaling_rule(data), data["referenceSize"])
    except ScalingError as exc:
        raise InvalidRequest(f"scaling: {exc}.") from exc
    return data
