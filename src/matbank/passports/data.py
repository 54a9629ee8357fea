"""What a passport prints, read once from the stored results and the building's elements.

The figures are the stored results document validated by the same models the results
endpoints serve, so every number equals the API's for the same building.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from matbank.buildings.models import Building
from matbank.commodities.models import Commodity
from matbank.databases.models import MaterialDatabase
from matbank.elements.models import Element
from matbank.files.lifecycle import FileType
from matbank.files.models import BuildingFile
from matbank.folders.models import Folder
from matbank.results import schemas as rs
from matbank.results.repository import stored_results
from matbank.results.shape import current_document, empty_document

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


@dataclass(frozen=True)
class SourceFileLine:
    """[INTERP] An active source file and how complete it is: the share of its elements that are
    linked to a material or product."""

    name: str
    status: str
    element_count: int
    linked_count: int
    uploaded: str

    @property
    def linked_share(self) -> float:
        return self.linked_count / self.element_count if self.element_count else 0.0


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
    source_files: list[SourceFileLine] = field(default_factory=list)
    databases: list[str] = field(default_factory=list)
    owner: str = ""
    url: str = ""

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
    document = current_document(stored.results) if stored is not None else None
    return document if document is not None else empty_document()


def _element_lines(session: Session, building_id: uuid.UUID) -> list[ElementLine]:
    """Only the printed columns, read as plain rows: a Full passport lists every element."""
    stmt = (
        select(
            Element.element_id,
            Element.name,
            Element.material_name,
            Element.layer,
            Element.volume,
            Element.area,
            Element.mass,
            Commodity.names,
        )
        .join(BuildingFile, BuildingFile.id == Element.file_id)
        .outerjoin(Commodity, Commodity.id == Element.commodity_id)
        .where(*_active_sources(building_id))
        .order_by(Element.layer, Element.element_id)
    )
    return [_line(row) for row in session.execute(stmt)]


def _line(row: Any) -> ElementLine:
    names = row.names or {}
    product = names.get("en") or next(iter(names.values()), "")
    return ElementLine(
        element_id=row.element_id,
        name=row.name or "",
        material=row.material_name or "",
        product=str(product or ""),
        layer=row.layer or NO_LAYER,
        volume=row.volume,
        area=row.area,
        mass=row.mass,
    )


def _active_sources(building_id: uuid.UUID) -> tuple[ColumnElement[bool], ...]:
    return (
        BuildingFile.building_id == building_id,
        BuildingFile.is_active.is_(True),
        BuildingFile.file_type == FileType.SOURCE.value,
    )


def _source_files(session: Session, building_id: uuid.UUID) -> list[SourceFileLine]:
    stmt = (
        select(BuildingFile, func.count(Element.pk), func.count(Element.commodity_id))
        .outerjoin(Element, Element.file_id == BuildingFile.id)
        .where(*_active_sources(building_id))
        .group_by(BuildingFile.id)
        .order_by(BuildingFile.created_at, BuildingFile.name)
    )
    return [
        SourceFileLine(f.name, f.status, total, linked, f.created_at.date().isoformat())
        for f, total, linked in session.execute(stmt)
    ]


def _databases(session: Session, building_id: uuid.UUID, language: str = "en") -> list[str]:
    """[INTERP] Names of the databases whose materials or products the active elements
    are linked to."""
    stmt = (
        select(MaterialDatabase.names)
        .where(
            MaterialDatabase.id.in_(
                select(Commodity.database_id)
                .join(Element, Element.commodity_id == Commodity.id)
                .join(BuildingFile, BuildingFile.id == Element.file_id)
                .where(*_active_sources(building_id))
            )
        )
    )
    names = [n.get(language) or next(iter(n.values()), "") for n in session.scalars(stmt)]
    return sorted(str(n) for n in names if n)


def _owner(session: Session, building: Building) -> str:
    """[INTERP] The building's owner; without one, the owner label of its folder."""
    if building.owner_name:
        return building.owner_name
    folder = session.get(Folder, building.folder_id)
    return (folder.owner or "") if folder is not None else ""


def building_url(base_url: str, building_id: uuid.UUID) -> str:
    """[INTERP] The building's page in the web interface (what the cover's QR code opens)."""
    return f"{base_url.rstrip('/')}/buildings/{building_id}"


def load_passport_data(
    session: Session, building_id: uuid.UUID, base_url: str = ""
) -> PassportData:
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
        source_files=_source_files(session, building_id),
        databases=_databases(session, building_id),
        owner=_owner(session, building),
        url=building_url(base_url, building_id) if base_url else "",
    )
