"""What a passport prints, read once from the stored results and the building's elements.

The figures are the stored results document validated by the same models the results
endpoints serve, so every number equals the API's for the same building.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from matbank.buildings.models import Building
from matbank.commodities.models import Commodity
from matbank.elements.models import Element
from matbank.files.lifecycle import FileType
from matbank.files.models import BuildingFile
from matbank.results import schemas as rs
from matbank.results.repository import stored_results
from matbank.results.shape import empty_document

GWP_INDICATORS = ("globalWarmingPotentialTotal", "globalWarmingPotential")
NO_LAYER = "-"


@dataclass(frozen=True)
class ElementLine:
    element_id: str
    name: str
    material: str
    product: str
    layer: str
    volume: float | None
    area: float | None
    mass: float | None


@dataclass
class PassportData:
    building: Building
    mass: rs.MassPart
    circularity: rs.CircularityPart
    flows: rs.FlowsPart
    detachability: rs.DetachabilityPart
    environmental: rs.EnvironmentalPart
    financial: rs.FinancialPart
    context: dict[str, Any]
    elements: list[ElementLine] = field(default_factory=list)

    @property
    def gwp(self) -> float:
        """Global warming potential of the building (modules A1-A3 to C4)."""
        totals = self.environmental.building.totals
        return next((totals[key] for key in GWP_INDICATORS if key in totals), 0.0)

    def layers(self) -> dict[str, list[ElementLine]]:
        grouped: dict[str, list[ElementLine]] = {}
        for line in self.elements:
            grouped.setdefault(line.layer, []).append(line)
        return dict(sorted(grouped.items()))


def _document(session: Session, building_id: uuid.UUID) -> dict[str, Any]:
    stored = stored_results(session, building_id)
    document = stored.results if stored is not None else None
    if not document or document.get("schemaVersion") != rs.RESULTS_SCHEMA_VERSION:
        return empty_document()
    return document


def _element_lines(session: Session, building_id: uuid.UUID) -> list[ElementLine]:
    stmt = (
        select(Element, Commodity.names)
        .join(BuildingFile, BuildingFile.id == Element.file_id)
        .outerjoin(Commodity, Commodity.id == Element.commodity_id)
        .where(
            BuildingFile.building_id == building_id,
            BuildingFile.is_active.is_(True),
            BuildingFile.file_type == FileType.SOURCE.value,
        )
        .order_by(Element.layer, Element.element_id)
    )
    return [_line(element, names) for element, names in session.execute(stmt)]


def _line(element: Element, names: dict[str, str] | None) -> ElementLine:
    names = names or {}
    product = names.get("en") or next(iter(names.values()), "")
    return ElementLine(
        element_id=element.element_id,
        name=element.name or "",
        material=element.material_name or "",
        product=str(product or ""),
        layer=element.layer or NO_LAYER,
        volume=element.volume,
        area=element.area,
        mass=element.mass,
    )


def load_passport_data(session: Session, building_id: uuid.UUID) -> PassportData:
    building = session.get(Building, building_id)
    if building is None:
        raise LookupError(f"Building {building_id} no longer exists.")
    document = _document(session, building_id)
    return PassportData(
        building=building,
        mass=rs.MassPart.model_validate(document["mass"]),
        circularity=rs.CircularityPart.model_validate(document["circularity"]),
        flows=rs.FlowsPart.model_validate(document["flows"]),
        detachability=rs.DetachabilityPart.model_validate(document["detachability"]),
        environmental=rs.EnvironmentalPart.model_validate(document["environmental"]),
        financial=rs.FinancialPart.model_validate(document["financial"]),
        context=document["context"],
        elements=_element_lines(session, building_id),
    )
