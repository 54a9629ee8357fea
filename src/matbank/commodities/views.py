"""ORM rows to wire shapes for the commodity endpoints, with the values calculated from the
bill of materials filled in."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter
from sqlalchemy.orm import Session

from matbank.calculations.bom import ResolvedCommodity
from matbank.commodities import calculated
from matbank.commodities.models import (
    Commodity,
    CommodityChild,
    CommodityFile,
    CommodityFinancial,
    CommodityLca,
    MatchingTerm,
)
from matbank.commodities.repository import CommodityRepository
from matbank.commodities.schemas import (
    ChildReference,
    CommodityBody,
    FileInfo,
    FinancialSetting,
    LifeCycleAssessment,
)
from matbank.commodities.schemas import MatchingTerm as MatchingTermBody
from matbank.databases.catalogue import dossier_folders
from matbank.databases.usage import is_in_use

_COMMODITY = TypeAdapter(CommodityBody)
_CHILD = TypeAdapter(ChildReference)
_QUANTITY_TYPES = {"Quantity": "#", "Weight": "kg"}
_UNIT_SYMBOLS = {"Volume": "m3", "Area": "m2", "Length": "m"}


def commodity_view(session: Session, commodity: Commodity) -> Any:
    """The commodity as Material or Product, with calculated values where it uses a BoM."""
    repo = CommodityRepository(session)
    data = _base(commodity)
    data["images"] = [{"name": image.name} for image in repo.images(commodity.id)]
    data["inUse"] = is_in_use(session, commodity.id)
    if commodity.commodity_type == "Material":
        data.update(_material(commodity))
    else:
        data.update(_product(commodity, calculated.resolve(session, commodity)))
    return _COMMODITY.validate_python(data)


def _base(commodity: Commodity) -> dict[str, Any]:
    return {
        "commodityType": commodity.commodity_type,
        "id": commodity.id,
        "databaseId": commodity.database_id,
        "externalId": commodity.external_id,
        "names": commodity.names or None,
        "descriptions": commodity.descriptions or None,
        "isActive": commodity.is_active,
        "availableIn": commodity.available_in,
    }


def _material(commodity: Commodity) -> dict[str, Any]:
    return {
        "density": commodity.density,
        "lifespan": commodity.lifespan,
        "supplier": commodity.supplier,
        "materialFamilies": commodity.material_families,
        "circularity": calculated.with_derived_values(commodity.circularity),
    }


def _product(commodity: Commodity, resolved: ResolvedCommodity | None) -> dict[str, Any]:
    data = {
        "functionalUnit": commodity.functional_unit,
        "defaultFunctionalUnitAmount": commodity.default_functional_unit_amount,
        "fixedHeight": commodity.fixed_height,
        "fixedArea": commodity.fixed_area,
        "productCode": commodity.product_code,
        "GTIN": commodity.gtin,
        "manufacturer": commodity.manufacturer,
        "productionSite": commodity.production_site,
        "lifespan": commodity.lifespan,
        "density": commodity.density,
        "weight": commodity.weight,
        "url": commodity.url,
        "doNotUseBillOfMaterials": commodity.do_not_use_bill_of_materials,
        "calculateEnvironmentValuesFromBillOfMaterials": (
            commodity.calculate_environment_values_from_bill_of_materials
        ),
        "circularity": calculated.with_derived_values(commodity.circularity),
        "materialFamilies": commodity.material_families,
        "scaling": commodity.scaling,
    }
    if calculated.uses_bill_of_materials(commodity, resolved):
        assert resolved is not None
        data.update(_from_bill_of_materials(commodity, resolved))
    return data


def _from_bill_of_materials(commodity: Commodity, resolved: ResolvedCommodity) -> dict[str, Any]:
    """Mass per functional unit, mass-weighted circularity and the Madaster family split."""
    data: dict[str, Any] = {}
    if commodity.functional_unit == "Quantity":
        data["weight"] = resolved.mass_per_unit
    elif commodity.functional_unit not in ("Weight", "Energy", "OtherUnit"):
        data["density"] = resolved.mass_per_unit
    if resolved.circularity is not None:
        mixed = calculated.from_calculation(resolved.circularity)
        own = dict(commodity.circularity or {})
        own["feedstock"] = {**(own.get("feedstock") or {}), **mixed["feedstock"]}
        own["output"] = {**(own.get("output") or {}), **mixed["output"]}
        data["circularity"] = calculated.with_derived_values(own)
    shares = resolved.family_shares()
    if shares:
        others = [
            f for f in commodity.material_families or [] if f.get("familyId") != calculated.MADASTER
        ]
        split = {family.lower(): share for family, share in shares}
        data["materialFamilies"] = [{"familyId": calculated.MADASTER, "values": split}, *others]
    return data


def child_views(
    lines: list[CommodityChild] | Any,
    children: dict[Any, Commodity],
    resolved: ResolvedCommodity | None,
) -> list[Any]:
    """The bill-of-materials lines with each child's weight and share of the parent's mass."""
    weights = list(resolved.children) if resolved is not None else []
    views = []
    for index, line in enumerate(lines):
        child = children[line.child_id]
        weight = weights[index] if index < len(weights) else None
        data: dict[str, Any] = {
            "commodityType": child.commodity_type,
            "id": line.id,
            "commodityId": child.id,
            "names": child.names or None,
            "quantity": line.quantity,
            "quantityType": _quantity_type(line, child),
            "weight": weight.weight if weight else None,
            "weightPercentage": weight.weight_share * 100 if weight else None,
        }
        if child.commodity_type == "Product":
            data["functionalUnit"] = child.functional_unit
        views.append(_CHILD.validate_python(data))
    return views


def _quantity_type(line: CommodityChild, child: Commodity) -> str:
    if line.basis in _QUANTITY_TYPES:
        return _QUANTITY_TYPES[line.basis]
    unit = "Volume" if child.commodity_type == "Material" else child.functional_unit
    return _UNIT_SYMBOLS.get(unit, unit)


def lca_view(row: CommodityLca) -> LifeCycleAssessment:
    return LifeCycleAssessment.model_validate(row.body)


def financial_view(row: CommodityFinancial) -> FinancialSetting:
    return FinancialSetting.model_validate(row.body)


def file_view(row: CommodityFile, database_id: Any) -> FileInfo:
    return FileInfo.model_validate(
        {
            "id": row.id,
            "fileName": row.file_name,
            "folderId": row.folder_id,
            "folderNames": dossier_folders(database_id).get(row.folder_id),
            "tags": row.tags,
            "url": row.url,
            "externalId": row.external_id,
        }
    )


def term_view(row: MatchingTerm) -> MatchingTermBody:
    return MatchingTermBody.model_validate(
        {
            "id": row.id,
            "value": row.value,
            "matchType": row.match_type,
            "language": row.language,
            "matchOnTypeName": row.match_on_type_name,
        }
    )
