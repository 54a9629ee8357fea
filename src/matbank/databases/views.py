"""ORM rows to wire shapes for the database endpoints."""

from __future__ import annotations

from typing import Any

from matbank.auth.principal import Principal
from matbank.databases.catalogue import (
    COMPLIANCES,
    DOSSIER,
    DossierFolder,
    dossier_folder_id,
    material_family_catalogue,
    price_sets,
)
from matbank.databases.models import MaterialDatabase
from matbank.databases.schemas import (
    BuildingDatabase,
    CommodityInfo,
    ComplianceInformation,
    Database,
    FolderInfo,
    MaterialClassification,
    PriceSet,
)
from matbank.databases.service import can_contribute


def database_view(database: MaterialDatabase, principal: Principal) -> Database:
    return Database.model_validate(
        {
            "id": database.id,
            "names": database.names or {"en": str(database.id)},
            "description": database.description or None,
            "license": database.license or None,
            "initiallySelectedForEnrichment": database.initially_selected_for_enrichment,
            "availableInCountries": database.available_in_countries,
            "isAvailableForEverybody": database.is_available_for_everybody,
            "externalId": database.external_id,
            "readOnly": not can_contribute(principal, database),
            "owner": database.owner_kind.capitalize(),
        }
    )


def v3_database_view(database: MaterialDatabase) -> BuildingDatabase:
    names: dict[str, str] = database.names or {}
    name = names.get("en") or next(iter(names.values()), None)
    return BuildingDatabase(
        database_id=database.id,
        name=name,
        default_include_for_refinement=database.initially_selected_for_enrichment,
    )


def commodity_info(row: Any) -> CommodityInfo:
    return CommodityInfo.model_validate(
        {
            "id": row.id,
            "names": row.names or None,
            "commodityType": row.commodity_type,
            "functionalUnit": row.functional_unit if row.commodity_type == "Product" else None,
            "externalId": row.external_id,
            "isActive": row.is_active,
        }
    )


def folder_structure(database: MaterialDatabase) -> FolderInfo:
    def build(folder: DossierFolder) -> dict[str, Any]:
        node: dict[str, Any] = {
            "id": dossier_folder_id(database.id, folder.key),
            "folderNames": folder.names,
        }
        if folder.children:
            node["children"] = [build(child) for child in folder.children]
        return node

    return FolderInfo.model_validate(build(DOSSIER))


def compliances() -> list[ComplianceInformation]:
    return [
        ComplianceInformation(rule_set=rule_set, compliances=dict(names))
        for rule_set, names in COMPLIANCES
    ]


def material_families() -> list[MaterialClassification]:
    return [MaterialClassification.model_validate(family) for family in material_family_catalogue()]


def price_set_views() -> list[PriceSet]:
    return [
        PriceSet.model_validate(
            {
                "id": p["id"],
                "names": p["names"],
                "description": {"en": f"Prices in {p['currency']} per {p['unit']}."},
                "obsolete": bool(p.get("obsolete", False)),
                "sources": p.get("sources", []),
                "transportCostsCurrencyPerKilo": p.get("transport_costs_currency_per_kilo"),
                "handlingFeedstockPercentage": p.get("handling_feedstock_percentage"),
                "handlingFeedstockCurrencyPerKilo": p.get("handling_feedstock_currency_per_kilo"),
            }
        )
        for p in price_sets()
    ]
